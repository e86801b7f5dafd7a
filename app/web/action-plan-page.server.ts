// Helpers of the action plan pages (server only): load the plan a URL names as the viewer may see it (a draft the
// viewer may not see answers 404, like an unknown plan), say what the viewer may do with it (the policy), and shape
// it and its commitments for the page and the Gantt chart.
import { requireUser } from '../auth/guards.server';
import { planHref } from '../components/action-plan-table';
import type { Actor } from '../domain/actor.server';
import { type ActionPlanDetail, type ActionPlanListItem, type CommitmentListItem, getActionPlan } from '../domain/commitment-queries.server';
import { todayOf } from '../domain/commitment-rules';
import type { DomainContext } from '../domain/context.server';
import { NotFoundError } from '../domain/errors.server';
import { localized } from '../domain/localized';
import { can } from '../domain/policy.server';
import type { Locale } from '../i18n';
import { routeContext } from './route.server';

export const PLANS_PAGE_SIZE = 50;
export const PLAN_DONE = ['created', 'updated', 'published'] as const;
export type PlanDone = (typeof PLAN_DONE)[number];

export { planHref };

const notFound = () => new Response('Not found', { status: 404, statusText: 'Not Found' });
const forbidden = () => new Response('Forbidden', { status: 403, statusText: 'Forbidden' });

type AuthUser = {
  memberships: { organizationId: string; role: string; organization: { kind: string; slug: string; name: string; translations: unknown } }[];
} | null;

/** The customs administrations whose action plans the viewer manages (policy actionPlan.manage), by name. */
export function managedAdministrations(auth: { actor: Actor; locale: Locale; user: AuthUser }) {
  return (auth.user?.memberships ?? [])
    .filter(
      (m) =>
        m.organization.kind === 'CUSTOMS_ADMINISTRATION' &&
        can(auth.actor, 'actionPlan.manage', { organizationId: m.organizationId, organizationKind: m.organization.kind }),
    )
    .map((m) => ({ id: m.organizationId, name: localized(m.organization, 'name', auth.locale, m.organization.name) }))
    .sort((a, b) => a.name.localeCompare(b.name, auth.locale));
}

/** May the viewer edit and publish this plan? */
export const mayManagePlan = (actor: Actor, plan: Pick<ActionPlanListItem, 'administration'>) =>
  can(actor, 'actionPlan.manage', { organizationId: plan.administration.id, organizationKind: 'CUSTOMS_ADMINISTRATION' });

/** May the viewer propose commitments at all (a commitment role in a customs administration or business association)? */
export function mayPropose(auth: { actor: Actor; user: AuthUser }) {
  return (auth.user?.memberships ?? []).some((m) =>
    can(auth.actor, 'commitment.propose', { organizationId: m.organizationId, organizationKind: m.organization.kind }),
  );
}

/** The request's context and the plan its URL names, as the viewer may see it (404 otherwise). */
export async function planFromRequest(request: Request, slug: string | undefined) {
  const { auth, ctx } = await routeContext(request);
  if (!slug || slug.length > 200) throw notFound();
  try {
    const plan = await getActionPlan(ctx, { slug });
    return { auth, ctx, plan };
  } catch (error) {
    if (error instanceof NotFoundError) throw notFound();
    throw error;
  }
}

/** A page that changes the plan: the signed-in viewer, 404 when they may not see it, 403 when they may not manage it. */
export async function managedPlan(request: Request, slug: string | undefined) {
  await requireUser(request);
  const loaded = await planFromRequest(request, slug);
  if (!mayManagePlan(loaded.auth.actor, loaded.plan)) throw forbidden();
  return loaded;
}

/** One plan as a row of the list or the head of its page. */
export function planRow(plan: ActionPlanListItem) {
  return {
    id: plan.id,
    slug: plan.slug,
    title: plan.title,
    status: plan.status,
    periodStart: plan.periodStart,
    periodEnd: plan.periodEnd,
    publishedAt: plan.publishedAt ? new Date(plan.publishedAt).toISOString() : null,
    administration: { name: plan.administration.name, slug: plan.administration.slug, country: plan.administration.country },
    commitmentCount: plan.commitmentCount,
    milestoneCount: plan.milestoneCount,
    completedCount: plan.completedCount,
    statusCounts: plan.statusCounts,
  };
}
export type PlanRow = ReturnType<typeof planRow>;

/** A commitment of the plan as a row of its table. */
export function planCommitmentRow(c: CommitmentListItem) {
  return {
    id: c.id,
    reference: c.reference,
    title: c.title,
    type: c.type as string,
    status: c.status,
    milestoneCount: c.milestoneCount,
    completedCount: c.completedCount,
    startDate: c.startDate,
    endDate: c.endDate,
    nextOpenDueDate: c.nextOpenDueDate,
    parties: c.parties.map((p) => p.name),
  };
}

/** The latest due date of each commitment's milestones (the Gantt bar's end when it has no end date). */
export async function lastDueDates(ctx: Pick<DomainContext, 'db'>, commitmentIds: string[]): Promise<Map<string, string>> {
  if (!commitmentIds.length) return new Map();
  const rows = await ctx.db.milestone.groupBy({ by: ['commitmentId'], where: { commitmentId: { in: commitmentIds } }, _max: { dueDate: true } });
  return new Map(rows.flatMap((r) => (r._max.dueDate ? [[r.commitmentId, r._max.dueDate.toISOString().slice(0, 10)] as const] : [])));
}

/** The bar kind of a commitment's status in the Gantt chart. */
export const ganttKind = (status: string): 'done' | 'open' | 'late' | 'soon' | 'cancelled' =>
  status === 'COMPLETED' ? 'done' : status === 'DELAYED' ? 'late' : status === 'AT_RISK' ? 'soon' : status === 'CANCELLED' ? 'cancelled' : 'open';

/** Who may import milestone progress into the plan: people who act for a party of one of its commitments. */
export const mayImportPlan = (actor: Actor, plan: ActionPlanDetail) =>
  plan.commitments.some((c) => c.phase !== 'CANCELLED' && c.parties.some((p) => can(actor, 'commitment.actForParty', { organizationId: p.organizationId })));

export const today = () => todayOf(new Date());
