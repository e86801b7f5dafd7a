// What the commitment and milestone commands share (commitments.server.ts, milestones.server.ts, and through them the
// CSV import): locking a commitment's row, the visibility check, finding the party the actor acts for, the stored
// progress counters, and the notifications. Everything here runs inside an open command's transaction.
import type { CommitmentPhase, NotificationKind } from '../../prisma/generated/client/client';
import { type Actor, actorId } from './actor.server';
import {
  type CommitmentStatus,
  allPartiesConfirmed,
  commitmentTransitionErrorKey,
  deriveCommitmentStatus,
  isoDate,
  milestoneTransitionErrorKey,
  todayOf,
  type CommitmentAction,
  type MilestoneAction,
} from './commitment-rules';
import { type DomainContext, type Tx, nowOf } from './context.server';
import { ConflictError, ForbiddenError, NotAuthenticatedError, NotFoundError, ValidationError } from './errors.server';
import { type NotificationData, notify, usersWithRoles } from './notifications.server';
import { COMMITMENT_ROLES, can } from './policy.server';

/** A party of a locked commitment. */
export type LockedParty = {
  id: string;
  organizationId: string;
  responsibleUserId: string | null;
  response: 'PENDING' | 'ACCEPTED' | 'DECLINED';
  respondedAt: Date | null;
  cancelAgreedAt: Date | null;
};

/** A commitment's row, read and locked (FOR UPDATE) inside a command, with its parties. Dates as YYYY-MM-DD. */
export type LockedCommitment = {
  id: string;
  reference: string;
  title: string;
  phase: CommitmentPhase;
  proposerOrganizationId: string;
  monitorOrganizationId: string | null;
  actionPlanId: string | null;
  startDate: string;
  endDate: string | null;
  activatedAt: Date | null;
  cancelledAt: Date | null;
  completedAt: Date | null;
  milestoneCount: number;
  completedCount: number;
  nextOpenDueDate: string | null;
  parties: LockedParty[];
};

/** The policy's resource for reading a commitment (the same rule as canSeeCommitment in commitment-queries). */
export const commitmentReadResource = (c: { activatedAt: Date | null; partyOrganizationIds: readonly string[]; monitorOrganizationId: string | null }) => ({
  visibility: c.activatedAt ? 'PUBLIC' : 'RESTRICTED',
  partyOrganizationIds: c.monitorOrganizationId ? [...c.partyOrganizationIds, c.monitorOrganizationId] : [...c.partyOrganizationIds],
});

/** The policy's resource for acting for a party. */
export const partyResource = (party: { organizationId: string; responsibleUserId: string | null }) => ({
  organizationId: party.organizationId,
  userId: party.responsibleUserId ?? undefined,
});

/**
 * Lock the commitment's row (FOR UPDATE), so that every command on one commitment and its milestones runs one after
 * the other and sees the previous one's outcome; then read its parties. NotFound when it does not exist or the actor
 * may not see it (a proposed commitment answers like a missing one to outsiders).
 */
export async function lockCommitment(tx: Tx, actor: Actor, commitmentId: string): Promise<LockedCommitment> {
  const rows = await tx.$queryRaw<(Omit<LockedCommitment, 'parties' | 'startDate' | 'endDate' | 'nextOpenDueDate'> & Record<string, unknown>)[]>`
    SELECT "id", "reference", "title", "phase"::text AS "phase", "proposerOrganizationId", "monitorOrganizationId", "actionPlanId",
           "startDate", "endDate", "activatedAt", "cancelledAt", "completedAt", "milestoneCount", "completedCount", "nextOpenDueDate"
    FROM "Commitment" WHERE "id" = ${commitmentId} FOR UPDATE`;
  const row = rows[0];
  if (!row) throw new NotFoundError();
  const parties = await tx.commitmentParty.findMany({
    where: { commitmentId },
    select: { id: true, organizationId: true, responsibleUserId: true, response: true, respondedAt: true, cancelAgreedAt: true },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  const locked: LockedCommitment = {
    ...row,
    milestoneCount: Number(row.milestoneCount),
    completedCount: Number(row.completedCount),
    startDate: isoDate(row.startDate as Date),
    endDate: row.endDate ? isoDate(row.endDate as Date) : null,
    nextOpenDueDate: row.nextOpenDueDate ? isoDate(row.nextOpenDueDate as Date) : null,
    parties,
  };
  const resource = commitmentReadResource({ ...locked, partyOrganizationIds: parties.map((p) => p.organizationId) });
  if (!can(actor, 'commitment.read', resource)) throw new NotFoundError();
  return locked;
}

/** The parties the actor may act for (policy commitment.actForParty), as organisation ids. */
export function partiesActorMayActFor(actor: Actor, parties: readonly { organizationId: string; responsibleUserId: string | null }[]): string[] {
  return parties.filter((party) => can(actor, 'commitment.actForParty', partyResource(party))).map((party) => party.organizationId);
}

const refuse = (actor: Actor, message?: string): never => {
  if (actor.kind === 'anonymous') throw new NotAuthenticatedError();
  throw new ForbiddenError(message);
};

/**
 * The party the actor acts for. With `organizationId`: that party, which the actor must be allowed to act for
 * (Forbidden otherwise, also for an organisation that is not a party). Without: the only party the actor may act
 * for; when there are several, the only one for which the act makes sense (`relevant`), else a ValidationError on
 * `organizationId` asking to choose.
 */
export function actingParty(
  actor: Actor,
  locked: Pick<LockedCommitment, 'parties'>,
  organizationId: string | undefined,
  relevant: (party: LockedParty) => boolean = () => true,
): LockedParty {
  if (organizationId) {
    const party = locked.parties.find((p) => p.organizationId === organizationId);
    if (!party || !can(actor, 'commitment.actForParty', partyResource(party))) return refuse(actor);
    return party;
  }
  const mine = locked.parties.filter((p) => can(actor, 'commitment.actForParty', partyResource(p)));
  if (mine.length === 0) return refuse(actor);
  if (mine.length === 1) return mine[0];
  const narrowed = mine.filter(relevant);
  if (narrowed.length === 1) return narrowed[0];
  throw ValidationError.field('organizationId', 'errors.commitment.chooseParty');
}

/** Refuse an act the commitment's phase does not allow. */
export function assertPhase(locked: Pick<LockedCommitment, 'phase'>, action: CommitmentAction | MilestoneAction, allowed: readonly string[]) {
  if (!allowed.includes(locked.phase)) throw new ConflictError(commitmentTransitionErrorKey(action as CommitmentAction, locked.phase));
}

/** Refuse an act the milestone's state does not allow. */
export function milestoneConflict(action: MilestoneAction, state: string): ConflictError {
  return new ConflictError(milestoneTransitionErrorKey(action, state));
}

/** The status people see, at the command's clock. */
export const statusOf = (
  c: { phase: string; milestoneCount: number; completedCount: number; nextOpenDueDate: Date | string | null },
  now: Date,
): CommitmentStatus => deriveCommitmentStatus(c, todayOf(now));

/**
 * Recompute the stored counters from the milestones (milestoneCount, completedCount, nextOpenDueDate, completedAt).
 * Every milestone command ends with it. Returns the refreshed commitment.
 */
export async function refreshCommitmentProgress(tx: Tx, commitmentId: string, now: Date): Promise<void> {
  await refreshProgress(tx, commitmentId, now);
}

/**
 * The same counters as summarizeMilestones (commitment-rules.ts) computes, aggregated by the database in the update
 * itself: a CSV import applies thousands of milestone changes in one transaction, and reading every milestone back
 * after each one would make it quadratic in rows sent to the server. A test keeps the two in agreement.
 */
export async function refreshProgress(tx: Tx, commitmentId: string, now: Date) {
  const [row] = await tx.$queryRaw<{ phase: string; milestoneCount: number; completedCount: number; nextOpenDueDate: Date | null; completedAt: Date | null }[]>`
    UPDATE "Commitment" AS c
    SET "milestoneCount" = s."total", "completedCount" = s."completed", "nextOpenDueDate" = s."nextOpen",
        "completedAt" = CASE WHEN s."total" > 0 AND s."completed" = s."total" THEN s."lastCompleted" END, "updatedAt" = ${now}
    FROM (
      SELECT count(*)::int AS "total", (count(*) FILTER (WHERE "state" = 'COMPLETED'))::int AS "completed",
             min("dueDate") FILTER (WHERE "state" = 'OPEN') AS "nextOpen",
             max("completedAt") FILTER (WHERE "state" = 'COMPLETED') AS "lastCompleted"
      FROM "Milestone" WHERE "commitmentId" = ${commitmentId}
    ) AS s
    WHERE c."id" = ${commitmentId}
    RETURNING c."phase"::text AS "phase", c."milestoneCount", c."completedCount", c."nextOpenDueDate", c."completedAt"`;
  if (!row) throw new NotFoundError();
  return row;
}

/** Is a milestone complete once these parties confirmed it? (Every party of the commitment.) */
export const completesWith = (locked: Pick<LockedCommitment, 'parties'>, confirmedPartyIds: readonly string[]) =>
  allPartiesConfirmed(
    locked.parties.map((p) => p.id),
    confirmedPartyIds,
  );

// ───────────────────────────── Notifications ─────────────────────────────

/** The people who answer for a party: its responsible person, or (none named yet) its commitment roles. */
export async function partyContacts(tx: Tx, party: Pick<LockedParty, 'organizationId' | 'responsibleUserId'>): Promise<string[]> {
  if (party.responsibleUserId) return [party.responsibleUserId];
  return usersWithRoles(tx, party.organizationId, COMMITMENT_ROLES);
}

export async function contactsOf(tx: Tx, parties: readonly Pick<LockedParty, 'organizationId' | 'responsibleUserId'>[]): Promise<string[]> {
  const ids: string[] = [];
  for (const party of parties) ids.push(...(await partyContacts(tx, party)));
  return ids;
}

export type CommitmentEvent = 'proposed' | 'activated' | 'declined' | 'cancelled' | 'completed' | 'awaitingConfirmation' | 'disputed';

/** Notify people about a commitment: data { reference, title, status, event, milestoneTitle?, milestoneId? }. */
export async function notifyCommitment(
  tx: Tx,
  ctx: DomainContext,
  commitment: { id: string; reference: string; title: string },
  status: CommitmentStatus,
  kind: NotificationKind,
  event: CommitmentEvent,
  userIds: readonly (string | null | undefined)[],
  extra: NotificationData = {},
) {
  await notify(tx, {
    userIds,
    kind,
    subjectType: 'Commitment',
    subjectId: commitment.id,
    data: { reference: commitment.reference, title: commitment.title, status, event, ...extra },
    actorUserId: actorId(ctx.actor),
    now: nowOf(ctx),
  });
}
