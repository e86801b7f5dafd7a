// Helpers of the milestone pages and their formal acts (server only): load the milestone a URL names as the viewer
// may see it (404 otherwise, exactly like an unknown one), say which acts the viewer may perform now (the domain's
// commitmentPermissions), and run an act's form, ending on the milestone page with a receipt (`?done=`).
import { redirect } from 'react-router';
import { requireUser } from '../auth/guards.server';
import type { Actor } from '../domain/actor.server';
import { type CommitmentDetail, type MilestoneDetail, commitmentPermissions, getCommitment, getMilestone } from '../domain/commitment-queries.server';
import { todayOf } from '../domain/commitment-rules';
import type { DomainContext } from '../domain/context.server';
import { NotFoundError } from '../domain/errors.server';
import { can } from '../domain/policy.server';
import { attempt, formValues } from './forms.server';
import { routeContext } from './route.server';

export const MILESTONE_ACTS = ['complete', 'confirm', 'dispute', 'attest'] as const;
export type MilestoneAct = (typeof MILESTONE_ACTS)[number];

/** What the milestone page says after an act (`?done=`). */
export const MILESTONE_DONE = ['added', 'updated', 'completed', 'confirmed', 'disputed', 'attested'] as const;
export type MilestoneDone = (typeof MILESTONE_DONE)[number];
const DONE_OF: Record<MilestoneAct, MilestoneDone> = { complete: 'completed', confirm: 'confirmed', dispute: 'disputed', attest: 'attested' };

export const commitmentHref = (reference: string) => `/commitments/${encodeURIComponent(reference)}`;
export const milestoneHref = (reference: string, milestoneId: string, sub?: string) =>
  `${commitmentHref(reference)}/milestones/${encodeURIComponent(milestoneId)}${sub ? `/${sub}` : ''}`;

export const notFound = () => new Response('Not found', { status: 404, statusText: 'Not Found' });
const forbidden = () => new Response('Forbidden', { status: 403, statusText: 'Forbidden' });

const validReference = (reference: string | undefined): reference is string => !!reference && reference.length <= 40;
const validId = (id: string | undefined): id is string => !!id && id.length <= 64;

/** The request's context and the commitment its URL names, as the viewer may see it (404 otherwise). */
export async function commitmentFromRequest(request: Request, reference: string | undefined) {
  const { auth, ctx } = await routeContext(request);
  if (!validReference(reference)) throw notFound();
  try {
    const commitment = await getCommitment(ctx, { reference: reference.toUpperCase() });
    return { auth, ctx, commitment };
  } catch (error) {
    if (error instanceof NotFoundError) throw notFound();
    throw error;
  }
}

/** The request's context, and the milestone and commitment its URL names (404 for a milestone of another commitment). */
export async function milestoneFromRequest(request: Request, reference: string | undefined, milestoneId: string | undefined) {
  const { auth, ctx } = await routeContext(request);
  if (!validReference(reference) || !validId(milestoneId)) throw notFound();
  try {
    const { commitment, milestone } = await getMilestone(ctx, { id: milestoneId });
    if (commitment.reference !== reference.toUpperCase()) throw notFound();
    return { auth, ctx, commitment, milestone };
  } catch (error) {
    if (error instanceof NotFoundError) throw notFound();
    throw error;
  }
}

const today = () => todayOf(new Date());

/** What the viewer may do with this milestone now (false everywhere for a milestone the permissions do not list). */
export function milestonePermissions(actor: Actor, commitment: CommitmentDetail, milestoneId: string) {
  const permissions = commitmentPermissions(actor, commitment, today());
  const own = permissions.milestones[milestoneId] ?? { canEdit: false, canComplete: false, canConfirm: false, canDispute: false, canAttest: false };
  return { ...own, actForOrganizationIds: permissions.actForOrganizationIds, canAddMilestone: permissions.canAddMilestone };
}

/** The acts the viewer may perform now, in the order the actions panel lists them. */
export function availableMilestoneActs(actor: Actor, commitment: CommitmentDetail, milestoneId: string): { acts: MilestoneAct[]; canEdit: boolean } {
  const p = milestonePermissions(actor, commitment, milestoneId);
  const allowed: Record<MilestoneAct, boolean> = { complete: p.canComplete, confirm: p.canConfirm, dispute: p.canDispute, attest: p.canAttest };
  return { acts: MILESTONE_ACTS.filter((act) => allowed[act]), canEdit: p.canEdit };
}

/** The parties of the commitment the viewer may act for, with their names (for "your organisation X confirms …"). */
export function actingParties(actor: Actor, commitment: CommitmentDetail) {
  const ids = new Set(commitmentPermissions(actor, commitment, today()).actForOrganizationIds);
  return commitment.parties.filter((p) => ids.has(p.organizationId)).map((p) => ({ organizationId: p.organizationId, name: p.name }));
}

/** The parties that have confirmed the milestone's current round. */
const confirmedOrganizationIds = (milestone: MilestoneDetail) => new Set(milestone.confirmations.map((c) => c.organizationId));

/** Whether the viewer could ever perform this act on this commitment (its role), whatever the milestone's state. */
function mayByRole(actor: Actor, commitment: CommitmentDetail, milestone: MilestoneDetail, act: MilestoneAct): boolean {
  const parties = actingParties(actor, commitment).map((p) => p.organizationId);
  switch (act) {
    case 'complete':
      return parties.includes(milestone.ownerOrganization.id);
    case 'confirm':
    case 'dispute':
      return parties.length > 0;
    case 'attest':
      return !!commitment.monitor && can(actor, 'milestone.attest', { organizationId: commitment.monitor.id });
  }
}

/** Why the act cannot be performed now, as an i18n key of this part (with its parameters), or null when it can. */
function unavailableReason(actor: Actor, commitment: CommitmentDetail, milestone: MilestoneDetail, act: MilestoneAct): { key: string; state?: string } | null {
  const p = milestonePermissions(actor, commitment, milestone.id);
  const allowed = { complete: p.canComplete, confirm: p.canConfirm, dispute: p.canDispute, attest: p.canAttest }[act];
  if (allowed) return null;
  if (commitment.phase !== 'ACTIVE') return { key: `milestonePages.unavailable.phase.${commitment.phase === 'CANCELLED' ? 'CANCELLED' : 'PROPOSED'}` };
  if (act === 'attest' && milestone.attestedAt) return { key: 'milestonePages.unavailable.alreadyAttested' };
  const wanted = { complete: 'OPEN', confirm: 'DONE', dispute: 'DONE', attest: 'COMPLETED' }[act];
  if (milestone.state !== wanted) return { key: `milestonePages.unavailable.${act}`, state: milestone.state };
  if (act === 'confirm' || act === 'dispute') {
    const confirmed = confirmedOrganizationIds(milestone);
    if (actingParties(actor, commitment).every((party) => confirmed.has(party.organizationId))) return { key: 'milestonePages.unavailable.alreadyConfirmed' };
  }
  return { key: 'milestonePages.unavailable.generic' };
}

/**
 * An act's page: the signed-in viewer and the milestone, 403 when the viewer may never perform this act on it, and
 * `unavailable` (the page then says why) when the milestone's state does not allow it now. The command checks all of
 * this again when the form is sent.
 */
export async function milestoneForAct(request: Request, reference: string | undefined, milestoneId: string | undefined, act: MilestoneAct) {
  await requireUser(request);
  const loaded = await milestoneFromRequest(request, reference, milestoneId);
  const { auth, commitment, milestone } = loaded;
  if (!mayByRole(auth.actor, commitment, milestone, act)) throw forbidden();
  const confirmed = confirmedOrganizationIds(milestone);
  return {
    ...loaded,
    unavailable: unavailableReason(auth.actor, commitment, milestone, act),
    /** The parties the viewer may act for that have not confirmed this round (confirm and dispute choose among them). */
    openParties: actingParties(auth.actor, commitment).filter((p) => !confirmed.has(p.organizationId)),
    subject: actSubject(commitment, milestone),
  };
}

/** The commitment and milestone as an act's page names them. */
export function actSubject(commitment: CommitmentDetail, milestone: Pick<MilestoneDetail, 'id' | 'title' | 'state'>) {
  return {
    reference: commitment.reference,
    commitmentTitle: commitment.title,
    milestoneId: milestone.id,
    milestoneTitle: milestone.title,
    state: milestone.state as string,
  };
}

/**
 * An act's form sent: the command on the milestone, then back to the milestone page saying what was done; when the
 * command refuses (the milestone's state, bad input), the form again with its errors and what was typed.
 */
export async function milestoneActAction(
  request: Request,
  reference: string | undefined,
  milestoneId: string | undefined,
  act: MilestoneAct,
  run: (ctx: DomainContext, milestone: MilestoneDetail, formData: FormData) => Promise<unknown>,
  formData?: FormData,
) {
  const { ctx, commitment, milestone } = await milestoneForAct(request, reference, milestoneId, act);
  const form = formData ?? (await request.formData());
  const result = await attempt(() => run(ctx, milestone, form), { values: formValues(form) });
  if (!result.ok) return result.response;
  return redirect(`${milestoneHref(commitment.reference, milestone.id)}?done=${DONE_OF[act]}`);
}

const iso = (value: Date | string | null | undefined) => (value ? new Date(value).toISOString() : null);
const day = (value: Date | string) => (typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10));

/** Only http(s) links are shown as links (the schema accepts nothing else; older data is shown as text). */
export const isWebLink = (value: string) => /^https?:\/\//i.test(value);

/** The milestone as its pages show it: dates as strings, evidence of the current round, confirmations per party. */
export function milestoneView(commitment: CommitmentDetail, milestone: MilestoneDetail) {
  const confirmations = new Map(milestone.confirmations.map((c) => [c.organizationId, c]));
  const disputedBy = milestone.disputedByOrganization;
  return {
    id: milestone.id,
    title: milestone.title,
    deliverable: milestone.deliverable,
    state: milestone.state as string,
    timing: milestone.timing,
    round: milestone.round,
    dueDate: day(milestone.dueDate),
    owner: { id: milestone.ownerOrganization.id, name: milestone.ownerOrganization.name, slug: milestone.ownerOrganization.slug },
    evidence:
      milestone.round > 0
        ? {
            text: milestone.evidenceText ?? null,
            links: [...(milestone.evidenceLinks ?? [])],
            doneAt: iso(milestone.doneAt),
            doneBy: milestone.doneBy?.name ?? null,
            files: milestone.attachments
              .filter((a) => a.round === milestone.round)
              .map((a) => ({ id: a.id, fileName: a.fileName, contentType: a.contentType, size: a.size, createdAt: new Date(a.createdAt).toISOString() })),
          }
        : null,
    completedAt: iso(milestone.completedAt),
    confirmations: commitment.parties
      .filter((p) => p.response === 'ACCEPTED' || confirmations.has(p.organizationId))
      .map((p) => {
        const c = confirmations.get(p.organizationId);
        return { organizationId: p.organizationId, name: p.name, confirmedBy: c?.userName ?? null, confirmedAt: iso(c?.createdAt) };
      }),
    dispute: milestone.disputedAt ? { at: iso(milestone.disputedAt)!, reason: milestone.disputeReason ?? '', by: disputedBy ? disputedBy.name : null } : null,
    attestation: milestone.attestedAt
      ? { at: iso(milestone.attestedAt)!, by: milestone.attestedBy?.name ?? null, note: milestone.attestationNote ?? null }
      : null,
  };
}
export type MilestoneView = ReturnType<typeof milestoneView>;

/** The commitment as the milestone pages name it. */
export function commitmentSummary(commitment: CommitmentDetail) {
  return {
    id: commitment.id,
    reference: commitment.reference,
    title: commitment.title,
    status: commitment.status,
    phase: commitment.phase as string,
    startDate: day(commitment.startDate),
    monitor: commitment.monitor ? { name: commitment.monitor.name, slug: commitment.monitor.slug } : null,
  };
}

/** The parties of a commitment for a select (owner of a milestone). */
export const partyOptions = (commitment: CommitmentDetail) => commitment.parties.map((p) => ({ value: p.organizationId, label: p.name }));

/** The form's `milestoneId` is the URL's milestone, whatever the form says. */
export const withMilestone = <T extends object>(input: T, milestone: { id: string }) => ({ ...input, milestoneId: milestone.id });
