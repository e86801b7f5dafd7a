// Helpers of the commitment pages (server only): the list's filters read from the URL, the commitment a URL names as
// the viewer may see it (404 otherwise, exactly like an unknown reference), the view models in the reader's language,
// the proposal form's choices and its fields, and the parties' formal acts (accept, decline, agree to cancel): who may
// perform them, for which party, and the form sent, ending back on the commitment page with a receipt.
import { redirect } from 'react-router';
import { z } from 'zod';
import { requireUser } from '../auth/guards.server';
import type { Actor } from '../domain/actor.server';
import {
  COMMITMENT_ORDERS,
  type CommitmentDetail,
  type CommitmentFilter,
  type CommitmentListItem,
  commitmentPermissions,
  commitmentTimeline,
  getCommitment,
  visibleActionPlansWhere,
} from '../domain/commitment-queries.server';
import { PARTY_TRANSITIONS, commitmentTransitionErrorKey, isoDate, todayOf } from '../domain/commitment-rules';
import { MAX_PROPOSED_MILESTONES } from '../domain/commitment-schemas';
import type { DomainContext } from '../domain/context.server';
import { isCountryCode } from '../domain/countries';
import { ARUSHA_FACTORS, COMMITMENT_STATUSES, COMMITMENT_TYPES } from '../domain/enums';
import { type FieldErrors, NotFoundError, ValidationError } from '../domain/errors.server';
import { canSeeIssue, getIssue } from '../domain/issue-queries.server';
import { localized } from '../domain/localized';
import { renderMarkdown } from '../domain/markdown.server';
import { can } from '../domain/policy.server';
import type { Locale } from '../i18n';
import { attempt, formValues } from './forms.server';
import { routeContext } from './route.server';

export { COMMITMENT_ORDERS };
export const COMMITMENTS_PAGE_SIZE = 25;
/** The proposal form offers this many milestone rows (more are added on the commitment page, or imported). */
export const FORM_MILESTONES = 3;

export const commitmentHref = (reference: string) => `/commitments/${encodeURIComponent(reference)}`;

/** A loader's or action's 404 / 403, as responses React Router renders with the error boundary. */
export const notFound = () => new Response('Not found', { status: 404, statusText: 'Not Found' });
const forbidden = () => new Response('Forbidden', { status: 403, statusText: 'Forbidden' });

// ───────────────────────────── The list's query ─────────────────────────────

const manyOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .array(z.string())
    .transform((items) =>
      [...new Set(items.flatMap((item) => item.split(',')).map((item) => item.trim()))].filter((item): item is T[number] => values.includes(item)),
    );
const oneOf = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values).optional().catch(undefined);
const slugParam = z
  .string()
  .trim()
  .max(120)
  .regex(/^[A-Za-z0-9_-]+$/)
  .optional()
  .catch(undefined);

export const CommitmentListQuerySchema = z.object({
  status: manyOf(COMMITMENT_STATUSES),
  type: oneOf(COMMITMENT_TYPES),
  factor: oneOf(ARUSHA_FACTORS),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .refine((code) => isCountryCode(code))
    .optional()
    .catch(undefined),
  /** Organisation slugs: a party (or the monitor), an action plan, a pledge. */
  party: slugParam,
  plan: slugParam,
  pledge: slugParam,
  q: z
    .string()
    .optional()
    .transform((value) => value?.trim().slice(0, 200) || undefined),
  order: oneOf(COMMITMENT_ORDERS),
  after: z.string().max(500).optional().catch(undefined),
});
export type CommitmentListQuery = z.infer<typeof CommitmentListQuerySchema>;

/** The list's filters, order and page from the URL; anything unknown or malformed is left out (old links keep working). */
export function parseCommitmentListQuery(searchParams: URLSearchParams): CommitmentListQuery {
  const single = (key: string) => searchParams.get(key) || undefined;
  return CommitmentListQuerySchema.parse({
    status: searchParams.getAll('status'),
    type: single('type'),
    factor: single('factor'),
    country: single('country'),
    party: single('party'),
    plan: single('plan'),
    pledge: single('pledge'),
    q: single('q'),
    order: single('order'),
    after: single('after'),
  });
}

/** The address of the list (or its CSV) for a query, with some parameters changed; a new filter starts at page one. */
export function commitmentListHref(query: CommitmentListQuery, changes: Partial<CommitmentListQuery> = {}, path = '/commitments'): string {
  const next = { ...query, after: undefined, ...changes };
  const params = new URLSearchParams();
  for (const s of next.status ?? []) params.append('status', s);
  if (next.type) params.set('type', next.type);
  if (next.factor) params.set('factor', next.factor);
  if (next.country) params.set('country', next.country);
  if (next.party) params.set('party', next.party);
  if (next.plan) params.set('plan', next.plan);
  if (next.pledge) params.set('pledge', next.pledge);
  if (next.q) params.set('q', next.q);
  if (next.order) params.set('order', next.order);
  if (next.after) params.set('after', next.after);
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

export const isFiltered = (query: CommitmentListQuery) =>
  !!(query.status.length || query.type || query.factor || query.country || query.party || query.plan || query.pledge || query.q);

/** No organisation, plan or pledge has this id: an unknown slug in the URL selects nothing rather than everything. */
const NO_MATCH = '__none__';

/** The domain's filter for a query: slugs become ids (an unknown slug matches nothing). */
export async function commitmentFilterOf(ctx: Pick<DomainContext, 'db'>, query: CommitmentListQuery): Promise<CommitmentFilter> {
  const [party, plan, pledge] = await Promise.all([
    query.party ? ctx.db.organization.findUnique({ where: { slug: query.party }, select: { id: true } }) : null,
    query.plan ? ctx.db.actionPlan.findUnique({ where: { slug: query.plan }, select: { id: true } }) : null,
    query.pledge ? ctx.db.pledge.findUnique({ where: { slug: query.pledge }, select: { id: true } }) : null,
  ]);
  const filter: CommitmentFilter = {};
  if (query.status.length) filter.status = query.status;
  if (query.type) filter.type = query.type;
  if (query.factor) filter.factor = query.factor;
  if (query.country) filter.countryCode = query.country;
  if (query.party) filter.partyId = party?.id ?? NO_MATCH;
  if (query.plan) filter.actionPlanId = plan?.id ?? NO_MATCH;
  if (query.pledge) filter.pledgeId = pledge?.id ?? NO_MATCH;
  if (query.q) filter.search = query.q;
  return filter;
}

/** The filter form's choices: organisations that are parties to some commitment, visible plans, published pledges. */
export async function commitmentFilterChoices(ctx: Pick<DomainContext, 'db' | 'actor'>, locale: Locale) {
  const [organizations, plans, pledges] = await Promise.all([
    ctx.db.organization.findMany({
      where: { OR: [{ commitmentParties: { some: {} } }, { commitmentsMonitored: { some: {} } }] },
      select: { slug: true, name: true, translations: true, country: true },
    }),
    ctx.db.actionPlan.findMany({ where: visibleActionPlansWhere(ctx.actor), select: { slug: true, title: true }, orderBy: { periodStart: 'desc' }, take: 200 }),
    ctx.db.pledge.findMany({ where: { status: { not: 'DRAFT' } }, select: { slug: true, title: true, translations: true }, take: 200 }),
  ]);
  const collator = new Intl.Collator(locale);
  return {
    organizations: organizations
      .map((o) => ({ value: o.slug, label: localized(o, 'name', locale, o.name), country: o.country }))
      .sort((a, b) => collator.compare(a.label, b.label)),
    countries: [...new Set(organizations.map((o) => o.country))].sort(),
    plans: plans.map((p) => ({ value: p.slug, label: p.title })),
    pledges: pledges.map((p) => ({ value: p.slug, label: localized(p, 'title', locale, p.title) })).sort((a, b) => collator.compare(a.label, b.label)),
  };
}

const dateText = (value: Date | string | null | undefined) => (value ? isoDate(value) : null);
const iso = (value: Date | string | null | undefined) => (value ? new Date(value).toISOString() : null);

/** One row of a commitment list (the list page, the issue, pledge and organisation pages). */
export function commitmentRowView(item: CommitmentListItem) {
  return {
    id: item.id,
    reference: item.reference,
    title: item.title,
    type: item.type,
    status: item.status,
    milestoneCount: item.milestoneCount,
    completedCount: item.completedCount,
    nextOpenDueDate: dateText(item.nextOpenDueDate),
    parties: item.parties.map((p) => ({ organizationId: p.organizationId, name: p.name, slug: p.slug, kind: p.kind, response: p.response })),
    actionPlan: item.actionPlan ? { slug: item.actionPlan.slug, title: item.actionPlan.title } : null,
  };
}
export type CommitmentRow = ReturnType<typeof commitmentRowView>;

// ───────────────────────────── One commitment ─────────────────────────────

/**
 * The request's context and the commitment its URL names, as the viewer may see it: an unknown reference and a
 * commitment the viewer may not see both answer 404, to loaders and actions alike.
 */
export async function commitmentFromRequest(request: Request, reference: string | undefined) {
  const { auth, ctx } = await routeContext(request);
  if (!reference || reference.length > 40) throw notFound();
  try {
    const commitment = await getCommitment(ctx, { reference: reference.toUpperCase() });
    return { auth, ctx, commitment };
  } catch (error) {
    if (error instanceof NotFoundError) throw notFound();
    throw error;
  }
}

/** The commitment as its page shows it: dates as text, the description rendered from Markdown. */
export function commitmentView(c: CommitmentDetail) {
  return {
    id: c.id,
    reference: c.reference,
    title: c.title,
    descriptionHtml: renderMarkdown(c.description),
    type: c.type,
    factors: [...c.factors],
    phase: c.phase,
    status: c.status,
    milestoneCount: c.milestoneCount,
    completedCount: c.completedCount,
    startDate: dateText(c.startDate) as string,
    endDate: dateText(c.endDate),
    createdAt: iso(c.createdAt) as string,
    activatedAt: iso(c.activatedAt),
    cancelledAt: iso(c.cancelledAt),
    completedAt: iso(c.completedAt),
    createdBy: c.createdBy ? { name: c.createdBy.name } : null,
    proposerOrganizationId: c.proposerOrganizationId,
    monitor: c.monitor ? { name: c.monitor.name, slug: c.monitor.slug } : null,
    actionPlan: c.actionPlan ? { slug: c.actionPlan.slug, title: c.actionPlan.title } : null,
    parties: c.parties.map((p) => ({
      id: p.id,
      organizationId: p.organizationId,
      name: p.name,
      slug: p.slug,
      kind: p.kind,
      response: p.response,
      responsibleUser: p.responsibleUser ? { name: p.responsibleUser.name } : null,
      respondedAt: iso(p.respondedAt),
      declineReason: p.declineReason ?? null,
      cancelAgreedAt: iso(p.cancelAgreedAt),
      cancelReason: p.cancelReason ?? null,
    })),
    milestones: c.milestones.map((m) => ({
      id: m.id,
      title: m.title,
      deliverable: m.deliverable,
      ownerOrganization: { name: m.ownerOrganization.name, slug: m.ownerOrganization.slug },
      dueDate: dateText(m.dueDate) as string,
      state: m.state,
      timing: m.timing,
      doneAt: iso(m.doneAt),
      completedAt: iso(m.completedAt),
      disputedAt: iso(m.disputedAt),
      disputeReason: m.disputeReason ?? null,
      attestedAt: iso(m.attestedAt),
      attestedBy: m.attestedBy ? { name: m.attestedBy.name } : null,
      attestationNote: m.attestationNote ?? null,
      confirmations: m.confirmations.length,
    })),
    issues: c.issues.map((i) => ({ reference: i.reference, title: i.title, status: i.status })),
    pledges: c.pledges.map((p) => ({ slug: p.slug, title: p.title })),
  };
}
export type CommitmentView = ReturnType<typeof commitmentView>;

/** The commitment's activity for the page, from the audit chain: who did what, when, and what they said. */
export async function commitmentTimelineView(ctx: Pick<DomainContext, 'db' | 'actor' | 'now'>, commitmentId: string) {
  const entries = await commitmentTimeline(ctx, commitmentId);
  return entries.map((e, index) => {
    const data = e.data ?? {};
    const text = (key: string) => (typeof data[key] === 'string' && data[key] ? (data[key] as string) : null);
    return {
      key: `${index}:${e.action}`,
      at: new Date(e.at).toISOString(),
      action: e.action,
      labelKey: e.labelKey,
      actor: e.actor ? { name: e.actor.name } : null,
      organization: e.organization?.name ?? null,
      milestone: e.milestone?.title ?? null,
      detail: text('reason') ?? text('note'),
    };
  });
}
export type CommitmentTimelineEntry = Awaited<ReturnType<typeof commitmentTimelineView>>[number];

// ───────────────────────────── Formal acts ─────────────────────────────

export const COMMITMENT_ACTS = ['accept', 'decline', 'cancel'] as const;
export type CommitmentAct = (typeof COMMITMENT_ACTS)[number];
/** What the commitment page says after an act (`?done=`). */
export const COMMITMENT_DONE = ['proposed', 'accepted', 'declined', 'cancelAgreed', 'cancelled', 'activated'] as const;
export type CommitmentDone = (typeof COMMITMENT_DONE)[number];

/** The parties (organisation ids) the viewer may perform the act for now: acting for them, in the right answer. */
export function actParties(actor: Actor, c: CommitmentDetail, act: CommitmentAct, today: string) {
  const permissions = commitmentPermissions(actor, c, today);
  const allowed = PARTY_TRANSITIONS[act] as readonly string[];
  return c.parties.filter(
    (p) => permissions.actForOrganizationIds.includes(p.organizationId) && allowed.includes(p.response) && (act !== 'cancel' || !p.cancelAgreedAt),
  );
}

/**
 * An act's page: the signed-in viewer and the commitment; 403 when the viewer acts for none of its parties, and
 * `unavailable` (an i18n key the page shows instead of the form) when the phase or the viewer's parties' answers do
 * not allow the act now. The command checks all of this again when the form is sent.
 */
export async function commitmentForAct(request: Request, reference: string | undefined, act: CommitmentAct) {
  await requireUser(request);
  const loaded = await commitmentFromRequest(request, reference);
  const { auth, commitment } = loaded;
  const today = todayOf(new Date());
  const permissions = commitmentPermissions(auth.actor, commitment, today);
  if (!permissions.actForOrganizationIds.length) throw forbidden();
  const allowedByPermissions = act === 'accept' ? permissions.canAccept : act === 'decline' ? permissions.canDecline : permissions.canCancel;
  const parties = actParties(auth.actor, commitment, act, today);
  const phaseAllows = act === 'cancel' ? commitment.phase !== 'CANCELLED' && commitment.status !== 'COMPLETED' : commitment.phase === 'PROPOSED';
  const available = allowedByPermissions && parties.length > 0;
  return {
    ...loaded,
    today,
    parties: parties.map((p) => ({ organizationId: p.organizationId, name: p.name, response: p.response })),
    subject: { reference: commitment.reference, title: commitment.title, status: commitment.status },
    unavailable: available
      ? null
      : !phaseAllows
        ? commitment.status === 'COMPLETED'
          ? 'commitmentsPages.act.completed'
          : commitmentTransitionErrorKey(act, commitment.phase)
        : `commitmentsPages.${act}.nothingToDo`,
  };
}

/**
 * An act's form sent: the command, then back to the commitment page with a receipt; when the command refuses (the
 * phase, bad input), the form again with its errors and what was typed.
 */
export async function commitmentActAction(
  request: Request,
  reference: string | undefined,
  act: CommitmentAct,
  run: (ctx: DomainContext, commitment: CommitmentDetail, formData: FormData) => Promise<{ phase: string }>,
) {
  const { ctx, commitment } = await commitmentForAct(request, reference, act);
  const form = await request.formData();
  const result = await attempt(() => run(ctx, commitment, form), { values: formValues(form) });
  if (!result.ok) return result.response;
  const after = result.value.phase;
  const done: CommitmentDone =
    act === 'accept' ? (after === 'ACTIVE' ? 'activated' : 'accepted') : act === 'decline' ? 'declined' : after === 'CANCELLED' ? 'cancelled' : 'cancelAgreed';
  return redirect(`${commitmentHref(commitment.reference)}?done=${done}`);
}

/** Members of organisations, by organisation, to name a responsible person (the viewer acts for these organisations). */
export async function membersOf(ctx: Pick<DomainContext, 'db'>, organizationIds: string[]) {
  if (!organizationIds.length) return {} as Record<string, { id: string; name: string }[]>;
  const memberships = await ctx.db.membership.findMany({
    where: { organizationId: { in: organizationIds } },
    select: { organizationId: true, user: { select: { id: true, name: true } } },
    orderBy: [{ user: { name: 'asc' } }, { userId: 'asc' }],
  });
  const byOrg: Record<string, { id: string; name: string }[]> = Object.fromEntries(organizationIds.map((id) => [id, []]));
  for (const m of memberships) byOrg[m.organizationId]?.push({ id: m.user.id, name: m.user.name });
  return byOrg;
}

// ───────────────────────────── The proposal form ─────────────────────────────

/** The viewer's organisations that may propose a commitment (policy commitment.propose), verified ones only. */
export function proposingOrganizations(auth: {
  actor: Actor;
  locale: Locale;
  user: { memberships: { organizationId: string; organization: { kind: string; name: string; translations: unknown; verified: boolean } }[] } | null;
}) {
  return (auth.user?.memberships ?? [])
    .filter(
      (m) => m.organization.verified && can(auth.actor, 'commitment.propose', { organizationId: m.organizationId, organizationKind: m.organization.kind }),
    )
    .map((m) => ({ id: m.organizationId, name: localized(m.organization, 'name', auth.locale, m.organization.name), kind: m.organization.kind }))
    .sort((a, b) => a.name.localeCompare(b.name, auth.locale));
}

/** Everything the proposal form offers: proposing organisations and their members, parties, monitors, plans, pledges. */
export async function commitmentFormChoices(ctx: Pick<DomainContext, 'db' | 'actor'>, proposers: { id: string }[], locale: Locale) {
  const [organizations, plans, pledges, members] = await Promise.all([
    ctx.db.organization.findMany({ where: { verified: true }, select: { id: true, name: true, translations: true, kind: true, country: true } }),
    ctx.db.actionPlan.findMany({
      where: visibleActionPlansWhere(ctx.actor),
      select: { id: true, slug: true, title: true, status: true, administration: { select: { name: true, translations: true } } },
      orderBy: { periodStart: 'desc' },
      take: 200,
    }),
    ctx.db.pledge.findMany({ where: { status: 'PUBLISHED' }, select: { id: true, slug: true, title: true, translations: true }, take: 200 }),
    membersOf(
      ctx,
      proposers.map((p) => p.id),
    ),
  ]);
  const collator = new Intl.Collator(locale);
  const orgs = organizations
    .map((o) => ({ id: o.id, name: localized(o, 'name', locale, o.name), kind: o.kind, country: o.country }))
    .sort((a, b) => collator.compare(a.name, b.name));
  return {
    organizations: orgs,
    monitors: orgs.filter((o) => o.kind === 'PARTNER'),
    plans: plans.map((p) => ({
      id: p.id,
      slug: p.slug,
      title: p.title,
      status: p.status,
      administration: localized(p.administration, 'name', locale, p.administration.name),
    })),
    pledges: pledges.map((p) => ({ id: p.id, slug: p.slug, title: localized(p, 'title', locale, p.title) })).sort((a, b) => collator.compare(a.title, b.title)),
    members,
  };
}

/** Milestone rows of the form (`milestones.<i>.<field>`): a row left wholly empty is no milestone. */
export function milestonesFromForm(formData: FormData) {
  const rows: { title: string; deliverable: string; ownerOrganizationId: string; dueDate: string }[] = [];
  for (let i = 0; i < Math.min(FORM_MILESTONES, MAX_PROPOSED_MILESTONES); i++) {
    const field = (name: string) => {
      const value = formData.get(`milestones.${i}.${name}`);
      return typeof value === 'string' ? value.trim() : '';
    };
    const row = { title: field('title'), deliverable: field('deliverable'), ownerOrganizationId: field('ownerOrganizationId'), dueDate: field('dueDate') };
    if (row.title || row.deliverable || row.dueDate) rows.push(row);
  }
  return rows;
}

/**
 * Linked issues typed as references (ISS-2026-0001, separated by spaces, commas or new lines) → issue ids the viewer
 * can see. An unknown or hidden reference is a field error on `issueReferences`, the same for both (nothing leaks).
 */
export async function issueIdsFromReferences(ctx: Pick<DomainContext, 'db' | 'actor' | 'now'>, text: string): Promise<string[]> {
  const references = [...new Set(text.split(/[\s,;]+/).map((r) => r.trim().toUpperCase()))].filter(Boolean);
  if (references.length > 20) throw new ValidationError({ issueReferences: ['errors.tooMany'] });
  const ids: string[] = [];
  const unknown: string[] = [];
  for (const reference of references) {
    try {
      const issue = await getIssue(ctx, { reference });
      if (canSeeIssue(ctx.actor, issue)) ids.push(issue.id);
      else unknown.push(reference);
    } catch (error) {
      if (error instanceof NotFoundError) unknown.push(reference);
      else throw error;
    }
  }
  if (unknown.length) {
    throw new ValidationError({ issueReferences: [{ key: 'commitmentsPages.form.issueUnknown', params: { references: unknown.join(', ') } }] });
  }
  return ids;
}

/**
 * Field errors as the form names its fields: a party's error (`partyOrganizationIds.2`) belongs to the parties' group,
 * the linked issues' (`issueIds`) to the references field.
 */
export function formFieldErrors(errors: FieldErrors | undefined): FieldErrors | undefined {
  if (!errors) return errors;
  const out: FieldErrors = {};
  for (const [key, messages] of Object.entries(errors)) {
    const name = key.startsWith('partyOrganizationIds')
      ? 'partyOrganizationIds'
      : key.startsWith('pledgeIds')
        ? 'pledgeIds'
        : key.startsWith('factors')
          ? 'factors'
          : key.startsWith('issueIds')
            ? 'issueReferences'
            : key;
    out[name] = [...(out[name] ?? []), ...messages];
  }
  return out;
}
