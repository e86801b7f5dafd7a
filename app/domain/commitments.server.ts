// National integrity action plans and joint commitments: a customs administration's administrators create and publish
// plans; members of a customs administration or business association propose commitments between 2–10 verified
// organisations (one at least a customs administration), which every other party accepts (→ ACTIVE) or declines;
// every accepted party agreeing cancels one. Every command validates, locks the commitment's row first
// (lockCommitment), checks visibility, the policy and the state machine (commitment-rules.ts), writes, audits and
// notifies in one transaction (command()). Milestones are in milestones.server.ts.
import type { ActionPlan, Commitment } from '../../prisma/generated/client/client';
import { type Actor, actorId } from './actor.server';
import {
  type LockedCommitment,
  type LockedParty,
  actingParty,
  assertPhase,
  contactsOf,
  lockCommitment,
  notifyCommitment,
  partiesActorMayActFor,
  partyResource,
  statusOf,
  refreshProgress,
} from './commitment-core.server';
import { PARTY_TRANSITIONS, allAcceptedAgreedToCancel, allPartiesAccepted, dateValue, formatCommitmentReference, todayOf } from './commitment-rules';
import {
  AcceptCommitmentSchema,
  CancelCommitmentSchema,
  CreateActionPlanSchema,
  CreateCommitmentFromIssueSchema,
  CreateCommitmentSchema,
  DeclineCommitmentSchema,
  PublishActionPlanSchema,
  UpdateActionPlanSchema,
} from './commitment-schemas';
import { type Audit, type DomainContext, type Tx, command, nowOf, withFreeSlug } from './context.server';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, parseInput } from './errors.server';
import { canSeeIssue } from './issue-queries.server';
import { usersWithRoles } from './notifications.server';
import { slugify } from './organizations.server';
import { COMMITMENT_ROLES, authorize, can } from './policy.server';

export { partiesActorMayActFor };
export type { LockedCommitment, LockedParty };

// ───────────────────────────── Action plans ─────────────────────────────

/** The policy's resource for reading a plan. */
const planReadResource = (plan: { administrationId: string; status: string }) => ({
  organizationId: plan.administrationId,
  visibility: plan.status === 'PUBLISHED' ? 'PUBLIC' : 'RESTRICTED',
});

/** The administration of a plan, read with a shared lock: it must be a customs administration. */
async function administrationFor(tx: Tx, administrationId: string) {
  const [administration] = await tx.$queryRaw<{ id: string; kind: string }[]>`
    SELECT "id", "kind"::text AS "kind" FROM "Organization" WHERE "id" = ${administrationId} FOR SHARE`;
  if (!administration) throw ValidationError.field('administrationId', 'errors.notFound');
  return administration;
}

/** A customs administration's administrator creates a draft action plan (period, title, description). */
export async function createActionPlan(ctx: DomainContext, input: unknown): Promise<ActionPlan> {
  const data = parseInput(CreateActionPlanSchema, input);
  const now = nowOf(ctx);
  return withFreeSlug(slugify(data.title), (slug) =>
    command(ctx, async (tx, audit) => {
      const administration = await administrationFor(tx, data.administrationId);
      if (administration.kind !== 'CUSTOMS_ADMINISTRATION') throw ValidationError.field('administrationId', 'errors.actionPlan.administrationNotCustoms');
      authorize(ctx.actor, 'actionPlan.manage', { organizationId: administration.id, organizationKind: administration.kind });
      const createdById = actorId(ctx.actor);
      if (!createdById) throw new ForbiddenError();
      const plan = await tx.actionPlan.create({
        data: {
          slug,
          administrationId: administration.id,
          title: data.title,
          description: data.description,
          periodStart: dateValue(data.periodStart),
          periodEnd: dateValue(data.periodEnd),
          createdById,
          createdAt: now,
        },
      });
      await audit({
        action: 'actionPlan.created',
        subjectType: 'ActionPlan',
        subjectId: plan.id,
        organizationId: plan.administrationId,
        data: { slug: plan.slug, title: plan.title, periodStart: data.periodStart, periodEnd: data.periodEnd },
      });
      return plan;
    }),
  );
}

/** Lock a plan's row; NotFound when missing or not visible; the actor must manage its administration's plans. */
async function lockPlanToManage(tx: Tx, actor: Actor, actionPlanId: string): Promise<ActionPlan> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "ActionPlan" WHERE "id" = ${actionPlanId} FOR UPDATE`;
  if (!rows[0]) throw new NotFoundError();
  const plan = await tx.actionPlan.findUniqueOrThrow({ where: { id: actionPlanId }, include: { administration: { select: { kind: true } } } });
  if (!can(actor, 'actionPlan.read', planReadResource(plan))) throw new NotFoundError();
  authorize(actor, 'actionPlan.manage', { organizationId: plan.administrationId, organizationKind: plan.administration.kind });
  const { administration: _administration, ...row } = plan;
  return row;
}

/** The administration's administrators edit a plan (a draft, or a published one as it evolves). */
export async function updateActionPlan(ctx: DomainContext, input: unknown): Promise<ActionPlan> {
  const data = parseInput(UpdateActionPlanSchema, input);
  const now = nowOf(ctx);
  return command(ctx, async (tx, audit) => {
    const plan = await lockPlanToManage(tx, ctx.actor, data.actionPlanId);
    const updated = await tx.actionPlan.update({
      where: { id: plan.id },
      data: {
        title: data.title,
        description: data.description,
        periodStart: dateValue(data.periodStart),
        periodEnd: dateValue(data.periodEnd),
        updatedAt: now,
      },
    });
    await audit({
      action: 'actionPlan.updated',
      subjectType: 'ActionPlan',
      subjectId: plan.id,
      organizationId: plan.administrationId,
      data: { title: data.title, periodStart: data.periodStart, periodEnd: data.periodEnd },
    });
    return updated;
  });
}

/** Publish a draft plan: from now on everyone sees it. */
export async function publishActionPlan(ctx: DomainContext, input: unknown): Promise<ActionPlan> {
  const data = parseInput(PublishActionPlanSchema, input);
  const now = nowOf(ctx);
  return command(ctx, async (tx, audit) => {
    const plan = await lockPlanToManage(tx, ctx.actor, data.actionPlanId);
    if (plan.status !== 'DRAFT') throw new ConflictError('errors.actionPlan.alreadyPublished');
    const published = await tx.actionPlan.update({ where: { id: plan.id }, data: { status: 'PUBLISHED', publishedAt: now } });
    await audit({
      action: 'actionPlan.published',
      subjectType: 'ActionPlan',
      subjectId: plan.id,
      organizationId: plan.administrationId,
      data: { title: plan.title },
    });
    return published;
  });
}

// ───────────────────────────── Proposing ─────────────────────────────

type OrganizationRow = { id: string; kind: string; verified: boolean };

async function organizationsById(tx: Tx, ids: readonly string[]): Promise<Map<string, OrganizationRow>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.organization.findMany({ where: { id: { in: [...ids] } }, select: { id: true, kind: true, verified: true } });
  return new Map(rows.map((r) => [r.id, r]));
}

async function isMember(tx: Tx, userId: string, organizationId: string): Promise<boolean> {
  return (await tx.membership.count({ where: { userId, organizationId } })) > 0;
}

/** The next reference of the year: COM-<year>-<n>, numbered by the per-scope counter. */
async function nextReference(tx: Tx, now: Date): Promise<string> {
  const year = now.getUTCFullYear();
  const [counter] = await tx.$queryRaw<{ last: number }[]>`
    INSERT INTO "ReferenceCounter" ("scope", "year", "last") VALUES ('COM', ${year}, 1)
    ON CONFLICT ("scope", "year") DO UPDATE SET "last" = "ReferenceCounter"."last" + 1
    RETURNING "last"`;
  return formatCommitmentReference(year, Number(counter.last));
}

/**
 * Propose a joint commitment for the actor's organisation (its party accepted at once, with its responsible person),
 * with the other parties (asked to accept), an optional monitor, links to a plan, pledges and issues, and milestones.
 */
export async function createCommitment(ctx: DomainContext, input: unknown): Promise<Commitment> {
  const data = parseInput(CreateCommitmentSchema, input);
  const now = nowOf(ctx);
  return command(ctx, async (tx, audit) => {
    const [proposer] = await tx.$queryRaw<OrganizationRow[]>`
      SELECT "id", "kind"::text AS "kind", "verified" FROM "Organization" WHERE "id" = ${data.proposerOrganizationId} FOR SHARE`;
    if (!proposer) throw ValidationError.field('proposerOrganizationId', 'errors.notFound');
    authorize(ctx.actor, 'commitment.propose', { organizationId: proposer.id, organizationKind: proposer.kind });
    const createdById = actorId(ctx.actor);
    if (!createdById) throw new ForbiddenError();
    if (!proposer.verified) throw ValidationError.field('proposerOrganizationId', 'errors.commitment.partyUnverified');
    const responsibleUserId = data.proposerResponsibleUserId ?? createdById;
    if (!(await isMember(tx, responsibleUserId, proposer.id)))
      throw ValidationError.field('proposerResponsibleUserId', 'errors.commitment.responsibleNotMember');

    const others = await organizationsById(tx, data.partyOrganizationIds);
    data.partyOrganizationIds.forEach((organizationId, index) => {
      const organization = others.get(organizationId);
      if (!organization) throw ValidationError.field(`partyOrganizationIds.${index}`, 'errors.notFound');
      if (!organization.verified) throw ValidationError.field(`partyOrganizationIds.${index}`, 'errors.commitment.partyUnverified');
    });
    const parties = [proposer, ...data.partyOrganizationIds.map((organizationId) => others.get(organizationId)!)];
    if (!parties.some((p) => p.kind === 'CUSTOMS_ADMINISTRATION'))
      throw ValidationError.field('partyOrganizationIds', 'errors.commitment.customsPartyRequired');

    if (data.monitorOrganizationId) {
      const monitor = (await organizationsById(tx, [data.monitorOrganizationId])).get(data.monitorOrganizationId);
      if (!monitor) throw ValidationError.field('monitorOrganizationId', 'errors.notFound');
      if (monitor.kind !== 'PARTNER') throw ValidationError.field('monitorOrganizationId', 'errors.commitment.monitorNotPartner');
      if (!monitor.verified) throw ValidationError.field('monitorOrganizationId', 'errors.commitment.monitorUnverified');
    }
    if (data.actionPlanId) {
      const plan = await tx.actionPlan.findUnique({ where: { id: data.actionPlanId }, select: { administrationId: true, status: true } });
      if (!plan || !can(ctx.actor, 'actionPlan.read', planReadResource(plan))) throw ValidationError.field('actionPlanId', 'errors.notFound');
      if (!parties.some((p) => p.id === plan.administrationId)) throw ValidationError.field('actionPlanId', 'errors.commitment.planAdministrationNotParty');
    }
    const pledgeIds = [...new Set(data.pledgeIds)];
    const pledges = await tx.pledge.findMany({ where: { id: { in: pledgeIds } }, select: { id: true, status: true } });
    for (const pledgeId of pledgeIds) {
      const pledge = pledges.find((p) => p.id === pledgeId);
      if (!pledge) throw ValidationError.field('pledgeIds', 'errors.notFound');
      if (pledge.status !== 'PUBLISHED') throw ValidationError.field('pledgeIds', 'errors.commitment.pledgeNotPublished');
    }
    const issueIds = [...new Set(data.issueIds)];
    const issues = await tx.issue.findMany({
      where: { id: { in: issueIds } },
      select: { id: true, reference: true, visibility: true, anonymous: true, administrationId: true, reporterOrganizationId: true },
    });
    for (const issueId of issueIds) {
      const issue = issues.find((i) => i.id === issueId);
      if (!issue || !canSeeIssue(ctx.actor, issue)) throw ValidationError.field('issueIds', 'errors.notFound');
    }

    const commitment = await tx.commitment.create({
      data: {
        reference: await nextReference(tx, now),
        title: data.title,
        description: data.description,
        type: data.type,
        factors: data.factors,
        actionPlanId: data.actionPlanId ?? null,
        proposerOrganizationId: proposer.id,
        createdById,
        monitorOrganizationId: data.monitorOrganizationId ?? null,
        startDate: dateValue(data.startDate),
        endDate: data.endDate ? dateValue(data.endDate) : null,
        createdAt: now,
      },
    });
    const partyRows = [];
    for (const organization of parties) {
      const own = organization.id === proposer.id;
      partyRows.push(
        await tx.commitmentParty.create({
          data: {
            commitmentId: commitment.id,
            organizationId: organization.id,
            responsibleUserId: own ? responsibleUserId : null,
            response: own ? 'ACCEPTED' : 'PENDING',
            respondedAt: own ? now : null,
            createdAt: now,
          },
        }),
      );
    }
    const milestones: { id: string; title: string; dueDate: string }[] = [];
    for (const m of data.milestones) {
      const owner = partyRows.find((p) => p.organizationId === m.ownerOrganizationId)!;
      const milestone = await tx.milestone.create({
        data: {
          commitmentId: commitment.id,
          title: m.title,
          deliverable: m.deliverable,
          ownerPartyId: owner.id,
          dueDate: dateValue(m.dueDate),
          createdAt: now,
        },
      });
      milestones.push({ id: milestone.id, title: milestone.title, dueDate: m.dueDate });
    }
    if (pledgeIds.length)
      await tx.commitmentPledge.createMany({ data: pledgeIds.map((pledgeId) => ({ commitmentId: commitment.id, pledgeId, createdAt: now })) });
    if (issueIds.length) await tx.commitmentIssue.createMany({ data: issueIds.map((issueId) => ({ commitmentId: commitment.id, issueId, createdAt: now })) });

    await audit({
      action: 'commitment.proposed',
      subjectType: 'Commitment',
      subjectId: commitment.id,
      organizationId: proposer.id,
      data: {
        reference: commitment.reference,
        title: commitment.title,
        type: commitment.type,
        factors: commitment.factors,
        actionPlanId: commitment.actionPlanId,
        partyOrganizationIds: parties.map((p) => p.id),
        monitorOrganizationId: commitment.monitorOrganizationId,
        proposerResponsibleUserId: responsibleUserId,
        startDate: data.startDate,
        endDate: data.endDate ?? null,
        pledgeIds,
        issueIds,
        milestones: milestones.map((m) => ({ milestoneId: m.id, title: m.title, dueDate: m.dueDate })),
      },
    });
    for (const issue of issues) {
      await audit({
        action: 'issue.commitmentLinked',
        subjectType: 'Issue',
        subjectId: issue.id,
        organizationId: issue.administrationId,
        data: { commitmentId: commitment.id, commitmentReference: commitment.reference },
      });
    }
    const refreshed = await refreshProgress(tx, commitment.id, now);
    const pending = partyRows.filter((p) => p.response === 'PENDING');
    const invited: string[] = [];
    for (const party of pending) invited.push(...(await usersWithRoles(tx, party.organizationId, COMMITMENT_ROLES)));
    await notifyCommitment(tx, ctx, commitment, statusOf(refreshed, now), 'COMMITMENT_PROPOSED', 'proposed', invited);
    return { ...commitment, ...refreshed, phase: commitment.phase, updatedAt: now };
  });
}

/** Pre-filled proposal values from an issue (see the contract): what "Make this a commitment" starts from. */
export type CommitmentDraft = {
  title: string;
  description: string;
  type: 'PREVENTION' | 'DETECTION';
  factors: string[];
  issueIds: string[];
  partyOrganizationIds: string[];
  proposerOrganizationId: string | null;
  startDate: string;
  issue: { id: string; reference: string; title: string };
};

/** Issue categories that call for detection (controls, investigation, sanctions) rather than prevention. */
const DETECTION_CATEGORIES = new Set(['UNOFFICIAL_PAYMENT', 'DISCRETIONARY_INSPECTION']);

/**
 * Pre-filled form values from an issue the actor can see: its title, description and factor, the type its category
 * suggests, the issue's parties (the administration and the reporter's organisation) besides the actor's own, which
 * proposes when it is one of them, and today as the start. NotFound when not visible.
 */
export async function commitmentDraftFromIssue(ctx: DomainContext, issueId: string): Promise<CommitmentDraft> {
  const issue = await ctx.db.issue.findUnique({
    where: { id: issueId },
    select: {
      id: true,
      reference: true,
      title: true,
      description: true,
      category: true,
      factor: true,
      visibility: true,
      anonymous: true,
      administrationId: true,
      reporterOrganizationId: true,
    },
  });
  if (!issue || !canSeeIssue(ctx.actor, issue)) throw new NotFoundError();
  const issueParties = [issue.administrationId, ...(issue.reporterOrganizationId && !issue.anonymous ? [issue.reporterOrganizationId] : [])];
  const memberships = ctx.actor.kind === 'user' ? ctx.actor.memberships : [];
  const own =
    memberships.find((m) => issueParties.includes(m.organizationId) && (COMMITMENT_ROLES as readonly string[]).includes(m.role)) ??
    memberships.find((m) => issueParties.includes(m.organizationId));
  const ownIds = new Set(memberships.map((m) => m.organizationId));
  return {
    title: issue.title.slice(0, 200),
    description: issue.description,
    type: DETECTION_CATEGORIES.has(issue.category) ? 'DETECTION' : 'PREVENTION',
    factors: [issue.factor],
    issueIds: [issue.id],
    partyOrganizationIds: issueParties.filter((id) => !ownIds.has(id)),
    proposerOrganizationId: own?.organizationId ?? null,
    startDate: todayOf(nowOf(ctx)),
    issue: { id: issue.id, reference: issue.reference, title: issue.title },
  };
}

const isBlank = (value: unknown) =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);

/** createCommitment with the issue's draft for every field the input leaves out; the issue is always linked. */
export async function createCommitmentFromIssue(ctx: DomainContext, input: unknown): Promise<Commitment> {
  const data = parseInput(CreateCommitmentFromIssueSchema, input);
  const draft = await commitmentDraftFromIssue(ctx, data.issueId);
  const raw = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const given = Object.fromEntries(Object.entries(raw).filter(([key, value]) => key !== 'issueId' && !isBlank(value)));
  const { issue: _issue, proposerOrganizationId, ...defaults } = draft;
  const merged: Record<string, unknown> = { ...defaults, ...(proposerOrganizationId ? { proposerOrganizationId } : {}), ...given };
  const issueIds = Array.isArray(merged.issueIds) ? (merged.issueIds as unknown[]) : [merged.issueIds];
  merged.issueIds = [...new Set([draft.issue.id, ...issueIds.filter((v) => typeof v === 'string')])];
  return createCommitment(ctx, merged);
}

// ───────────────────────────── Answers and cancellation ─────────────────────────────

const auditCommitment = (audit: Audit, locked: LockedCommitment, action: string, organizationId: string | null, data: Record<string, unknown> = {}) =>
  audit({ action, subjectType: 'Commitment', subjectId: locked.id, organizationId, data: { reference: locked.reference, ...data } });

/** Refuse a party-level act its answer does not allow (e.g. accepting twice). */
function assertPartyResponse(party: LockedParty, action: keyof typeof PARTY_TRANSITIONS) {
  if (!(PARTY_TRANSITIONS[action] as readonly string[]).includes(party.response)) {
    throw new ConflictError(`errors.commitmentParty.${action}.${party.response}`);
  }
}

/**
 * A party accepts, naming its responsible person (a member of that organisation; default the actor). A party that
 * declined may still accept. Once every party has accepted the commitment is ACTIVE (and public).
 */
export async function acceptCommitment(ctx: DomainContext, input: unknown): Promise<Commitment> {
  const data = parseInput(AcceptCommitmentSchema, input);
  const now = nowOf(ctx);
  return command(ctx, async (tx, audit) => {
    const locked = await lockCommitment(tx, ctx.actor, data.commitmentId);
    const party = actingParty(ctx.actor, locked, data.organizationId, (p) => p.response !== 'ACCEPTED');
    authorize(ctx.actor, 'commitment.actForParty', partyResource(party));
    assertPhase(locked, 'accept', ['PROPOSED']);
    assertPartyResponse(party, 'accept');
    const responsibleUserId = data.responsibleUserId ?? actorId(ctx.actor);
    if (!responsibleUserId || !(await isMember(tx, responsibleUserId, party.organizationId))) {
      throw ValidationError.field('responsibleUserId', 'errors.commitment.responsibleNotMember');
    }
    await tx.commitmentParty.update({
      where: { id: party.id },
      data: { response: 'ACCEPTED', respondedAt: now, responsibleUserId, declineReason: null },
    });
    await auditCommitment(audit, locked, 'commitment.accepted', party.organizationId, { partyId: party.id, responsibleUserId });
    const parties = locked.parties.map((p) => (p.id === party.id ? { ...p, response: 'ACCEPTED' as const, responsibleUserId } : p));
    if (!allPartiesAccepted(parties)) return tx.commitment.update({ where: { id: locked.id }, data: { updatedAt: now } });
    const activated = await tx.commitment.update({ where: { id: locked.id }, data: { phase: 'ACTIVE', activatedAt: now, updatedAt: now } });
    await auditCommitment(audit, locked, 'commitment.activated', party.organizationId);
    await notifyCommitment(tx, ctx, locked, statusOf(activated, now), 'COMMITMENT_STATUS_CHANGED', 'activated', await contactsOf(tx, parties));
    return activated;
  });
}

/** A pending party declines with a reason (it may still accept later); the parties are told. */
export async function declineCommitment(ctx: DomainContext, input: unknown): Promise<Commitment> {
  const data = parseInput(DeclineCommitmentSchema, input);
  const now = nowOf(ctx);
  return command(ctx, async (tx, audit) => {
    const locked = await lockCommitment(tx, ctx.actor, data.commitmentId);
    const party = actingParty(ctx.actor, locked, data.organizationId, (p) => p.response === 'PENDING');
    authorize(ctx.actor, 'commitment.actForParty', partyResource(party));
    assertPhase(locked, 'decline', ['PROPOSED']);
    assertPartyResponse(party, 'decline');
    await tx.commitmentParty.update({ where: { id: party.id }, data: { response: 'DECLINED', respondedAt: now, declineReason: data.reason } });
    await auditCommitment(audit, locked, 'commitment.declined', party.organizationId, { partyId: party.id, reason: data.reason });
    const updated = await tx.commitment.update({ where: { id: locked.id }, data: { updatedAt: now } });
    await notifyCommitment(tx, ctx, locked, statusOf(updated, now), 'COMMITMENT_STATUS_CHANGED', 'declined', await contactsOf(tx, locked.parties), {
      organizationId: party.organizationId,
      reason: data.reason,
    });
    return updated;
  });
}

/**
 * An accepted party agrees to cancel, with a reason. Once every accepted party has agreed the commitment is
 * CANCELLED (the returned row's phase says so). A completed commitment cannot be cancelled.
 */
export async function cancelCommitment(ctx: DomainContext, input: unknown): Promise<Commitment> {
  const data = parseInput(CancelCommitmentSchema, input);
  const now = nowOf(ctx);
  return command(ctx, async (tx, audit) => {
    const locked = await lockCommitment(tx, ctx.actor, data.commitmentId);
    const party = actingParty(ctx.actor, locked, data.organizationId, (p) => p.response === 'ACCEPTED' && p.cancelAgreedAt === null);
    authorize(ctx.actor, 'commitment.actForParty', partyResource(party));
    assertPhase(locked, 'cancel', ['PROPOSED', 'ACTIVE']);
    if (statusOf(locked, now) === 'COMPLETED') throw new ConflictError('errors.commitment.cancelCompleted');
    assertPartyResponse(party, 'cancel');
    if (party.cancelAgreedAt) throw new ConflictError('errors.commitment.cancelAlreadyAgreed');
    await tx.commitmentParty.update({ where: { id: party.id }, data: { cancelAgreedAt: now, cancelReason: data.reason } });
    await auditCommitment(audit, locked, 'commitment.cancelAgreed', party.organizationId, { partyId: party.id, reason: data.reason });
    const parties = locked.parties.map((p) => (p.id === party.id ? { ...p, cancelAgreedAt: now } : p));
    if (!allAcceptedAgreedToCancel(parties)) return tx.commitment.update({ where: { id: locked.id }, data: { updatedAt: now } });
    const cancelled = await tx.commitment.update({ where: { id: locked.id }, data: { phase: 'CANCELLED', cancelledAt: now, updatedAt: now } });
    await auditCommitment(audit, locked, 'commitment.cancelled', party.organizationId, { reason: data.reason });
    await notifyCommitment(tx, ctx, locked, statusOf(cancelled, now), 'COMMITMENT_STATUS_CHANGED', 'cancelled', await contactsOf(tx, locked.parties), {
      reason: data.reason,
    });
    return cancelled;
  });
}
