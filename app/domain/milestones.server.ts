// Milestones of joint commitments: added and edited by any party while open, marked done with evidence by the owner
// party (whose confirmation is recorded with it), confirmed by every other party — completed once all have — or
// disputed, which reopens it; attested by the monitor once completed. Every command locks the commitment's row first
// (lockCommitment), checks visibility, the policy and the state machine (commitment-rules.ts), writes, audits,
// notifies and refreshes the commitment's stored progress in one transaction. The apply* functions are the same acts
// inside an open command, for the CSV import (milestone-csv.server.ts).
import type { Milestone } from '../../prisma/generated/client/client';
import type { z } from 'zod';
import { actorId } from './actor.server';
import { MAX_MILESTONES, canMilestone, dateValue, isoDate } from './commitment-rules';
import {
  type LockedCommitment,
  type LockedParty,
  actingParty,
  assertPhase,
  commitmentReadResource,
  completesWith,
  contactsOf,
  lockCommitment,
  milestoneConflict,
  notifyCommitment,
  partyContacts,
  partyResource,
  refreshProgress,
  statusOf,
} from './commitment-core.server';
import {
  AddMilestoneSchema,
  AttestMilestoneSchema,
  CompleteMilestoneSchema,
  ConfirmMilestoneSchema,
  DisputeMilestoneSchema,
  UpdateMilestoneSchema,
} from './commitment-schemas';
import { type Audit, type DomainContext, type Tx, command, isUniqueViolation, nowOf } from './context.server';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, parseInput } from './errors.server';
import { type EvidenceFile, type StoredEvidence, prepareEvidence, withEvidence } from './evidence.server';
import { authorize, can } from './policy.server';

export { lockCommitment, refreshCommitmentProgress } from './commitment-core.server';
export type { LockedCommitment, LockedParty } from './commitment-core.server';
export type { EvidenceFile } from './evidence.server';

/** The commitment a milestone belongs to (immutable), read before locking; NotFound for an unknown milestone. */
async function commitmentIdOf(ctx: DomainContext, milestoneId: string): Promise<string> {
  const row = await ctx.db.milestone.findUnique({ where: { id: milestoneId }, select: { commitmentId: true } });
  if (!row) throw new NotFoundError();
  return row.commitmentId;
}

/** The milestone, read under the commitment's lock; NotFound unless it belongs to the locked commitment. */
async function milestoneOf(tx: Tx, locked: LockedCommitment, milestoneId: string): Promise<Milestone> {
  const milestone = await tx.milestone.findUnique({ where: { id: milestoneId } });
  if (!milestone || milestone.commitmentId !== locked.id) throw new NotFoundError();
  return milestone;
}

const auditMilestone = (audit: Audit, locked: LockedCommitment, organizationId: string | null, action: string, milestone: Milestone, data = {}) =>
  audit({
    action,
    subjectType: 'Commitment',
    subjectId: locked.id,
    organizationId,
    data: { reference: locked.reference, milestoneId: milestone.id, milestoneTitle: milestone.title, ...data },
  });

/** The owner party named by organisation; a ValidationError on the field when it is not a party. */
function ownerPartyFor(locked: LockedCommitment, organizationId: string, field = 'ownerOrganizationId'): LockedParty {
  const party = locked.parties.find((p) => p.organizationId === organizationId);
  if (!party) throw ValidationError.field(field, 'errors.milestone.ownerNotParty');
  return party;
}

function assertDueDate(locked: LockedCommitment, dueDate: string) {
  if (dueDate < locked.startDate) throw ValidationError.field('dueDate', 'errors.milestone.dueBeforeStart');
}

/** Run a milestone command: lock the milestone's commitment, then the act. */
async function onMilestone<T>(ctx: DomainContext, milestoneId: string, work: (tx: Tx, audit: Audit, locked: LockedCommitment) => Promise<T>): Promise<T> {
  const commitmentId = await commitmentIdOf(ctx, milestoneId);
  return command(ctx, async (tx, audit) => work(tx, audit, await lockCommitment(tx, ctx.actor, commitmentId)));
}

// ───────────────────────────── Adding and editing ─────────────────────────────

/** Any party adds a milestone (title, deliverable, owner party, due date) while the commitment is proposed or active. */
export async function addMilestone(ctx: DomainContext, input: unknown): Promise<Milestone> {
  const data = parseInput(AddMilestoneSchema, input);
  const now = nowOf(ctx);
  return command(ctx, async (tx, audit) => {
    const locked = await lockCommitment(tx, ctx.actor, data.commitmentId);
    const party = actingParty(ctx.actor, locked, data.organizationId);
    authorize(ctx.actor, 'commitment.actForParty', partyResource(party));
    assertPhase(locked, 'addMilestone', ['PROPOSED', 'ACTIVE']);
    const owner = ownerPartyFor(locked, data.ownerOrganizationId);
    assertDueDate(locked, data.dueDate);
    const count = await tx.milestone.count({ where: { commitmentId: locked.id } });
    if (count >= MAX_MILESTONES) throw new ConflictError('errors.milestone.tooMany', { max: MAX_MILESTONES });
    const milestone = await tx.milestone.create({
      data: {
        commitmentId: locked.id,
        title: data.title,
        deliverable: data.deliverable,
        ownerPartyId: owner.id,
        dueDate: dateValue(data.dueDate),
        createdAt: now,
      },
    });
    await auditMilestone(audit, locked, party.organizationId, 'milestone.added', milestone, {
      ownerOrganizationId: owner.organizationId,
      dueDate: data.dueDate,
    });
    await refreshProgress(tx, locked.id, now);
    return milestone;
  });
}

/**
 * Change an OPEN milestone's title, deliverable, owner or due date (inside an open command, under the commitment's
 * lock). Audited with the changed fields (before and after); nothing changed is no event.
 */
export async function applyMilestoneUpdate(
  tx: Tx,
  audit: Audit,
  ctx: DomainContext,
  locked: LockedCommitment,
  input: z.infer<typeof UpdateMilestoneSchema>,
): Promise<Milestone> {
  const now = nowOf(ctx);
  const milestone = await milestoneOf(tx, locked, input.milestoneId);
  const party = actingParty(ctx.actor, locked, input.organizationId);
  authorize(ctx.actor, 'commitment.actForParty', partyResource(party));
  assertPhase(locked, 'updateMilestone', ['PROPOSED', 'ACTIVE']);
  if (!canMilestone(milestone.state, 'update')) throw milestoneConflict('update', milestone.state);
  const owner = input.ownerOrganizationId ? ownerPartyFor(locked, input.ownerOrganizationId) : null;
  if (input.dueDate) assertDueDate(locked, input.dueDate);
  const before = { title: milestone.title, deliverable: milestone.deliverable, ownerPartyId: milestone.ownerPartyId, dueDate: isoDate(milestone.dueDate) };
  const after = {
    title: input.title ?? before.title,
    deliverable: input.deliverable ?? before.deliverable,
    ownerPartyId: owner?.id ?? before.ownerPartyId,
    dueDate: input.dueDate ?? before.dueDate,
  };
  const changes: Record<string, { from: string; to: string }> = {};
  for (const key of Object.keys(before) as (keyof typeof before)[]) {
    if (before[key] !== after[key]) changes[key] = { from: before[key], to: after[key] };
  }
  if (Object.keys(changes).length === 0) return milestone;
  const updated = await tx.milestone.update({
    where: { id: milestone.id },
    data: { title: after.title, deliverable: after.deliverable, ownerPartyId: after.ownerPartyId, dueDate: dateValue(after.dueDate), updatedAt: now },
  });
  await auditMilestone(audit, locked, party.organizationId, 'milestone.updated', updated, { changes });
  await refreshProgress(tx, locked.id, now);
  return updated;
}

/** Any party edits an OPEN milestone while the commitment is proposed or active. */
export async function updateMilestone(ctx: DomainContext, input: unknown): Promise<Milestone> {
  const data = parseInput(UpdateMilestoneSchema, input);
  return onMilestone(ctx, data.milestoneId, (tx, audit, locked) => applyMilestoneUpdate(tx, audit, ctx, locked, data));
}

// ───────────────────────────── Done, confirmed, disputed ─────────────────────────────

/** The evidence a milestone is marked done with: text, links or files, at least one of them. */
function assertEvidence(input: { evidenceText?: string; evidenceLinks: readonly string[] }, fileCount: number) {
  if (!input.evidenceText && input.evidenceLinks.length === 0 && fileCount === 0) {
    throw ValidationError.field('evidenceText', 'errors.milestone.evidenceRequired');
  }
}

/** Complete the milestone (every party confirmed this round): COMPLETED, and the commitment when it was the last. */
async function completeRound(tx: Tx, audit: Audit, ctx: DomainContext, locked: LockedCommitment, milestone: Milestone, now: Date): Promise<Milestone> {
  const completed = await tx.milestone.update({ where: { id: milestone.id }, data: { state: 'COMPLETED', completedAt: now, updatedAt: now } });
  await auditMilestone(audit, locked, null, 'milestone.completed', completed, { round: completed.round });
  const commitment = await refreshProgress(tx, locked.id, now);
  const status = statusOf(commitment, now);
  if (status === 'COMPLETED') {
    await notifyCommitment(tx, ctx, locked, status, 'COMMITMENT_STATUS_CHANGED', 'completed', await contactsOf(tx, locked.parties), {
      milestoneId: completed.id,
      milestoneTitle: completed.title,
    });
  }
  return completed;
}

/**
 * The owner party marks an OPEN milestone done with evidence (inside an open command): a new round, with the owner's
 * confirmation recorded at once; the other parties are asked to confirm. `stored`: evidence files already stored.
 */
export async function applyMilestoneDone(
  tx: Tx,
  audit: Audit,
  ctx: DomainContext,
  locked: LockedCommitment,
  input: z.infer<typeof CompleteMilestoneSchema>,
  stored: StoredEvidence[] = [],
): Promise<Milestone> {
  const now = nowOf(ctx);
  const milestone = await milestoneOf(tx, locked, input.milestoneId);
  const owner = locked.parties.find((p) => p.id === milestone.ownerPartyId)!;
  if (input.organizationId && input.organizationId !== owner.organizationId) {
    // Acting for another party (even one the actor may act for): only the owner marks its milestone done.
    actingParty(ctx.actor, locked, input.organizationId);
    throw new ForbiddenError('errors.milestone.ownerOnly');
  }
  if (!can(ctx.actor, 'commitment.actForParty', partyResource(owner))) {
    const actsForAnother = locked.parties.some((p) => can(ctx.actor, 'commitment.actForParty', partyResource(p)));
    if (actsForAnother) throw new ForbiddenError('errors.milestone.ownerOnly');
    authorize(ctx.actor, 'commitment.actForParty', partyResource(owner));
  }
  assertPhase(locked, 'complete', ['ACTIVE']);
  if (!canMilestone(milestone.state, 'complete')) throw milestoneConflict('complete', milestone.state);
  assertEvidence(input, stored.length);
  const round = milestone.round + 1;
  const doneById = actorId(ctx.actor);
  if (!doneById) throw new ForbiddenError();
  const done = await tx.milestone.update({
    where: { id: milestone.id },
    data: {
      state: 'DONE',
      round,
      evidenceText: input.evidenceText ?? null,
      evidenceLinks: input.evidenceLinks,
      doneAt: now,
      doneById,
      completedAt: null,
      updatedAt: now,
    },
  });
  for (const file of stored) {
    await tx.milestoneAttachment.create({
      data: {
        milestoneId: milestone.id,
        round,
        fileName: file.fileName,
        contentType: file.contentType,
        size: file.size,
        sha256: file.sha256,
        storageKey: file.storageKey,
        uploadedById: doneById,
        createdAt: now,
      },
    });
  }
  await tx.milestoneConfirmation.create({ data: { milestoneId: milestone.id, partyId: owner.id, round, userId: doneById, createdAt: now } });
  await auditMilestone(audit, locked, owner.organizationId, 'milestone.done', done, {
    round,
    evidenceText: done.evidenceText,
    evidenceLinks: done.evidenceLinks,
    files: stored.map((f) => ({ fileName: f.fileName, contentType: f.contentType, size: f.size })),
  });
  if (completesWith(locked, [owner.id])) return completeRound(tx, audit, ctx, locked, done, now);
  const commitment = await refreshProgress(tx, locked.id, now);
  const waiting = locked.parties.filter((p) => p.id !== owner.id);
  await notifyCommitment(tx, ctx, locked, statusOf(commitment, now), 'MILESTONE_AWAITING_CONFIRMATION', 'awaitingConfirmation', await contactsOf(tx, waiting), {
    milestoneId: done.id,
    milestoneTitle: done.title,
  });
  return done;
}

/**
 * Who may mark the milestone done, checked before any file is processed (and again under the lock): the milestone
 * visible, the actor acting for its owner party.
 */
async function assertMayMarkDone(ctx: DomainContext, milestoneId: string) {
  const milestone = await ctx.db.milestone.findUnique({
    where: { id: milestoneId },
    select: {
      ownerParty: { select: { organizationId: true, responsibleUserId: true } },
      commitment: { select: { activatedAt: true, monitorOrganizationId: true, parties: { select: { organizationId: true, responsibleUserId: true } } } },
    },
  });
  if (!milestone) throw new NotFoundError();
  const { commitment, ownerParty } = milestone;
  const resource = commitmentReadResource({ ...commitment, partyOrganizationIds: commitment.parties.map((p) => p.organizationId) });
  if (!can(ctx.actor, 'commitment.read', resource)) throw new NotFoundError();
  if (can(ctx.actor, 'commitment.actForParty', partyResource(ownerParty))) return;
  if (commitment.parties.some((p) => can(ctx.actor, 'commitment.actForParty', partyResource(p)))) throw new ForbiddenError('errors.milestone.ownerOnly');
  authorize(ctx.actor, 'commitment.actForParty', partyResource(ownerParty));
}

/**
 * The owner party marks a milestone done with evidence: text, up to 10 http(s) links and files (checked and cleaned
 * as issue evidence is, stored around the transaction: a refused command leaves no file behind).
 */
export async function completeMilestone(ctx: DomainContext, input: unknown, files: EvidenceFile[] = []): Promise<Milestone> {
  const data = parseInput(CompleteMilestoneSchema, input);
  const commitmentId = await commitmentIdOf(ctx, data.milestoneId);
  assertEvidence(data, files.length);
  if (files.length) await assertMayMarkDone(ctx, data.milestoneId);
  const prepared = await prepareEvidence(files, { existingCount: 0 });
  return withEvidence(prepared, (stored) =>
    command(ctx, async (tx, audit) => applyMilestoneDone(tx, audit, ctx, await lockCommitment(tx, ctx.actor, commitmentId), data, stored)),
  );
}

/** The confirmations of the milestone's current round, as party ids. */
async function confirmedPartyIds(tx: Tx, milestone: Milestone): Promise<string[]> {
  const rows = await tx.milestoneConfirmation.findMany({ where: { milestoneId: milestone.id, round: milestone.round }, select: { partyId: true } });
  return rows.map((r) => r.partyId);
}

/**
 * A party confirms a milestone marked done (inside an open command). Once every party has confirmed this round it is
 * COMPLETED (and the commitment, when it was the last). A second confirmation by the same party is a ConflictError.
 */
export async function applyMilestoneConfirm(
  tx: Tx,
  audit: Audit,
  ctx: DomainContext,
  locked: LockedCommitment,
  input: z.infer<typeof ConfirmMilestoneSchema>,
): Promise<Milestone> {
  const now = nowOf(ctx);
  const milestone = await milestoneOf(tx, locked, input.milestoneId);
  const confirmed = await confirmedPartyIds(tx, milestone);
  const party = actingParty(ctx.actor, locked, input.organizationId, (p) => !confirmed.includes(p.id));
  authorize(ctx.actor, 'commitment.actForParty', partyResource(party));
  assertPhase(locked, 'confirm', ['ACTIVE']);
  if (!canMilestone(milestone.state, 'confirm')) throw milestoneConflict('confirm', milestone.state);
  if (confirmed.includes(party.id)) throw new ConflictError('errors.milestone.alreadyConfirmed');
  const userId = actorId(ctx.actor);
  if (!userId) throw new ForbiddenError();
  try {
    await tx.milestoneConfirmation.create({ data: { milestoneId: milestone.id, partyId: party.id, round: milestone.round, userId, createdAt: now } });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError('errors.milestone.alreadyConfirmed');
    throw error;
  }
  await auditMilestone(audit, locked, party.organizationId, 'milestone.confirmed', milestone, { round: milestone.round, partyId: party.id });
  if (completesWith(locked, [...confirmed, party.id])) return completeRound(tx, audit, ctx, locked, milestone, now);
  await refreshProgress(tx, locked.id, now);
  return tx.milestone.update({ where: { id: milestone.id }, data: { updatedAt: now } });
}

/** A party confirms a milestone marked done (the owner's party confirmed it by marking it done). */
export async function confirmMilestone(ctx: DomainContext, input: unknown): Promise<Milestone> {
  const data = parseInput(ConfirmMilestoneSchema, input);
  return onMilestone(ctx, data.milestoneId, (tx, audit, locked) => applyMilestoneConfirm(tx, audit, ctx, locked, data));
}

/**
 * A party that has not confirmed this round disputes a milestone marked done, with a reason: it is OPEN again (the
 * round's evidence stays as history) and the owner party is told.
 */
export async function disputeMilestone(ctx: DomainContext, input: unknown): Promise<Milestone> {
  const data = parseInput(DisputeMilestoneSchema, input);
  const now = nowOf(ctx);
  return onMilestone(ctx, data.milestoneId, async (tx, audit, locked) => {
    const milestone = await milestoneOf(tx, locked, data.milestoneId);
    const confirmed = await confirmedPartyIds(tx, milestone);
    const party = actingParty(ctx.actor, locked, data.organizationId, (p) => !confirmed.includes(p.id));
    authorize(ctx.actor, 'commitment.actForParty', partyResource(party));
    assertPhase(locked, 'dispute', ['ACTIVE']);
    if (!canMilestone(milestone.state, 'dispute')) throw milestoneConflict('dispute', milestone.state);
    if (confirmed.includes(party.id)) throw new ConflictError('errors.milestone.disputeAfterConfirm');
    const disputed = await tx.milestone.update({
      where: { id: milestone.id },
      data: { state: 'OPEN', disputedAt: now, disputeReason: data.reason, disputedByPartyId: party.id, updatedAt: now },
    });
    await auditMilestone(audit, locked, party.organizationId, 'milestone.disputed', disputed, { round: milestone.round, reason: data.reason });
    const commitment = await refreshProgress(tx, locked.id, now);
    const owner = locked.parties.find((p) => p.id === milestone.ownerPartyId)!;
    await notifyCommitment(tx, ctx, locked, statusOf(commitment, now), 'MILESTONE_DISPUTED', 'disputed', await partyContacts(tx, owner), {
      milestoneId: disputed.id,
      milestoneTitle: disputed.title,
      reason: data.reason,
    });
    return disputed;
  });
}

/** The monitor attests a completed milestone, once, with an optional note. */
export async function attestMilestone(ctx: DomainContext, input: unknown): Promise<Milestone> {
  const data = parseInput(AttestMilestoneSchema, input);
  const now = nowOf(ctx);
  return onMilestone(ctx, data.milestoneId, async (tx, audit, locked) => {
    const milestone = await milestoneOf(tx, locked, data.milestoneId);
    if (!locked.monitorOrganizationId) throw new ForbiddenError('errors.milestone.noMonitor');
    authorize(ctx.actor, 'milestone.attest', { organizationId: locked.monitorOrganizationId });
    assertPhase(locked, 'attest', ['ACTIVE']);
    if (!canMilestone(milestone.state, 'attest')) throw milestoneConflict('attest', milestone.state);
    if (milestone.attestedAt) throw new ConflictError('errors.milestone.alreadyAttested');
    const attested = await tx.milestone.update({
      where: { id: milestone.id },
      data: { attestedAt: now, attestedById: actorId(ctx.actor), attestationNote: data.note ?? null, updatedAt: now },
    });
    await auditMilestone(audit, locked, locked.monitorOrganizationId, 'milestone.attested', attested, { note: data.note ?? null });
    await refreshProgress(tx, locked.id, now);
    return attested;
  });
}
