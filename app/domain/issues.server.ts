// Issues at border posts: raised by a business association's member or anonymously, handled by the administration's
// liaison officers against deadlines. Every command validates, authorises (policy.server.ts), locks the issue's row,
// checks the state machine (issue-rules.ts), writes, audits and notifies in one transaction (command()).
// Evidence files are checked and cleaned before the transaction and stored around it (withEvidence): a failing
// command leaves neither files nor rows.
import type { Issue, MembershipRole, NotificationKind, Prisma } from '../../prisma/generated/client/client';
import type { z } from 'zod';
import { type Actor, actorId, anonymous } from './actor.server';
import { actorFromUser } from './auth.server';
import { type Audit, type DomainContext, type Tx, command, nowOf } from './context.server';
import { ConflictError, NotFoundError, ValidationError, parseInput } from './errors.server';
import { type EvidenceFile, MAX_EVIDENCE_FILES, type StoredEvidence, prepareEvidence, withEvidence } from './evidence.server';
import { canSeeIssue } from './issue-queries.server';
import {
  type IssueAction,
  type IssueStatus,
  REOPEN_WINDOW_DAYS,
  addDays,
  assertTransition,
  canReopenAt,
  deadlinesFor,
  formatReference,
  parseReceiptCode,
  reopenAllowedUntil,
  setIssueConflictError,
} from './issue-rules';
import {
  AcknowledgeIssueSchema,
  AnonymousFollowUpSchema,
  AssignIssueSchema,
  FollowUpIssueSchema,
  OCCURRED_AT_TOLERANCE_MS,
  PublishIssueSummarySchema,
  RaiseAnonymousIssueSchema,
  RaiseIssueSchema,
  RejectIssueSchema,
  ReopenIssueSchema,
  ResolveIssueSchema,
  RespondToIssueSchema,
} from './issue-schemas';
import { type NotificationData, notify, usersWithRoles } from './notifications.server';
import { ISSUE_HANDLER_ROLES, authorize, can } from './policy.server';
import { findIssueByReceipt, newReceipt } from './receipt-codes.server';

export type { EvidenceFile } from './evidence.server';

// issue-rules.ts cannot import this layer (pages import it): give it the ConflictError to throw.
setIssueConflictError((key, params) => new ConflictError(key, params));

/** The row of an issue, read and locked (FOR UPDATE) inside a command before its state is checked. */
type LockedIssue = {
  id: string;
  reference: string;
  title: string;
  status: IssueStatus;
  anonymous: boolean;
  visibility: 'PUBLIC' | 'RESTRICTED';
  administrationId: string;
  reporterOrganizationId: string | null;
  raisedById: string | null;
  assigneeId: string | null;
  acknowledgeBy: Date;
  respondBy: Date;
  acknowledgedAt: Date | null;
  respondedAt: Date | null;
  closedAt: Date | null;
  outcome: string | null;
  createdAt: Date;
};

/**
 * Re-read the issue inside the command's transaction and lock its row, so that two commands on one issue run one
 * after the other and each sees the other's outcome. NotFound when it does not exist or the actor may not see it (a
 * restricted issue answers like a missing one); `receiptHolder` skips the visibility check (the receipt code was
 * verified instead).
 */
async function lockIssue(tx: Tx, actor: Actor, issueId: string, { receiptHolder = false } = {}): Promise<LockedIssue> {
  const rows = await tx.$queryRaw<LockedIssue[]>`
    SELECT "id", "reference", "title", "status"::text AS "status", "anonymous", "visibility"::text AS "visibility",
           "administrationId", "reporterOrganizationId", "raisedById", "assigneeId", "acknowledgeBy", "respondBy",
           "acknowledgedAt", "respondedAt", "closedAt", "outcome", "createdAt"
    FROM "Issue" WHERE "id" = ${issueId} FOR UPDATE`;
  const issue = rows[0];
  if (!issue) throw new NotFoundError();
  if (!receiptHolder && !canSeeIssue(actor, issue)) throw new NotFoundError();
  return issue;
}

/** The policy's resource for the administration's acts on an issue. */
const administrationOf = (issue: { administrationId: string }) => ({ organizationId: issue.administrationId });
/** The policy's resource for the reporter's acts: the person who raised it and the reporting organisation. */
const reporterOf = (issue: { raisedById: string | null; reporterOrganizationId: string | null }) => ({
  userId: issue.raisedById ?? undefined,
  organizationId: issue.reporterOrganizationId ?? undefined,
});

/** The context of an anonymous reporter's act: nobody as the actor, no request metadata, the same clock. */
const anonymousContext = (ctx: DomainContext): DomainContext => ({ db: ctx.db, actor: anonymous, now: ctx.now });

type IssueEvent = 'raised' | 'assigned' | 'acknowledged' | 'responded' | 'resolved' | 'rejected' | 'reopened' | 'followed_up';

/** What a notification about an issue carries: never who reported it. */
const notificationData = (
  issue: { reference: string; title: string; anonymous: boolean },
  status: string,
  event: IssueEvent,
  extra: NotificationData = {},
) => ({
  reference: issue.reference,
  title: issue.title,
  status,
  event,
  anonymous: issue.anonymous,
  ...extra,
});

async function notifyAbout(
  tx: Tx,
  ctx: DomainContext,
  issue: { id: string; reference: string; title: string; anonymous: boolean },
  kind: NotificationKind,
  userIds: readonly (string | null | undefined)[],
  status: string,
  event: IssueEvent,
  extra: NotificationData = {},
) {
  await notify(tx, {
    userIds,
    kind,
    subjectType: 'Issue',
    subjectId: issue.id,
    data: notificationData(issue, status, event, extra),
    actorUserId: actorId(ctx.actor),
    now: nowOf(ctx),
  });
}

/**
 * The deadlines, office and reference of a new issue, in the raising transaction: the administration must be a
 * customs administration (read with a shared lock, so its deadline settings cannot change underneath), the office one
 * of its own and not archived.
 */
async function prepareRaise(tx: Tx, data: { administrationId: string; officeId?: string; occurredAt: Date }, now: Date) {
  const [administration] = await tx.$queryRaw<{ id: string; kind: string; acknowledgeWorkingDays: number; respondDays: number }[]>`
    SELECT "id", "kind"::text AS "kind", "acknowledgeWorkingDays", "respondDays" FROM "Organization" WHERE "id" = ${data.administrationId} FOR SHARE`;
  if (!administration) throw ValidationError.field('administrationId', 'errors.notFound');
  if (administration.kind !== 'CUSTOMS_ADMINISTRATION') throw ValidationError.field('administrationId', 'errors.issueAdministrationNotCustoms');
  if (data.officeId) {
    const [office] = await tx.$queryRaw<{ administrationId: string; archivedAt: Date | null }[]>`
      SELECT "administrationId", "archivedAt" FROM "CustomsOffice" WHERE "id" = ${data.officeId} FOR SHARE`;
    if (!office || office.administrationId !== administration.id) throw ValidationError.field('officeId', 'errors.issueOfficeNotOfAdministration');
    if (office.archivedAt) throw ValidationError.field('officeId', 'errors.issueOfficeArchived');
  }
  if (data.occurredAt.getTime() > now.getTime() + OCCURRED_AT_TOLERANCE_MS) throw ValidationError.field('occurredAt', 'errors.issueOccurredAtFuture');
  const year = now.getUTCFullYear();
  const [counter] = await tx.$queryRaw<{ last: number }[]>`
    INSERT INTO "IssueCounter" ("year", "last") VALUES (${year}, 1)
    ON CONFLICT ("year") DO UPDATE SET "last" = "IssueCounter"."last" + 1
    RETURNING "last"`;
  return { reference: formatReference(year, Number(counter.last)), ...deadlinesFor(now, administration) };
}

/** Record stored evidence files on an issue (and a reporter's follow-up), one audit event each. */
async function attachEvidence(
  tx: Tx,
  audit: Audit,
  issue: { id: string; administrationId: string },
  stored: StoredEvidence[],
  { responseId, uploadedById, now }: { responseId: string | null; uploadedById: string | null; now: Date },
) {
  const attachments = [];
  for (const file of stored) {
    const attachment = await tx.issueAttachment.create({
      data: {
        issueId: issue.id,
        responseId,
        fileName: file.fileName,
        contentType: file.contentType,
        size: file.size,
        sha256: file.sha256,
        storageKey: file.storageKey,
        uploadedById,
        createdAt: now,
      },
    });
    attachments.push(attachment);
    await audit({
      action: 'issue.attachment_added',
      subjectType: 'Issue',
      subjectId: issue.id,
      organizationId: issue.administrationId,
      data: { attachmentId: attachment.id, contentType: attachment.contentType, size: attachment.size },
    });
  }
  return attachments;
}

/** The file limit again, under the issue's lock: two follow-ups at once cannot together exceed it. */
async function assertRoomForFiles(tx: Tx, issueId: string, adding: number) {
  if (adding === 0) return;
  const existing = await tx.issueAttachment.count({ where: { issueId } });
  if (existing + adding > MAX_EVIDENCE_FILES) {
    const remaining = Math.max(0, MAX_EVIDENCE_FILES - existing);
    if (remaining === 0) throw ValidationError.field('files', { key: 'issuesEvidence.errors.full', params: { max: MAX_EVIDENCE_FILES } });
    throw ValidationError.field('files', { key: 'issuesEvidence.errors.tooMany', params: { max: MAX_EVIDENCE_FILES, remaining, count: remaining } });
  }
}

const notifyOfficersOfNewIssue = async (tx: Tx, ctx: DomainContext, issue: Issue) =>
  notifyAbout(tx, ctx, issue, 'ISSUE_STATUS_CHANGED', await usersWithRoles(tx, issue.administrationId, ISSUE_HANDLER_ROLES), issue.status, 'raised');

// ───────────────────────────── Raising ─────────────────────────────

/**
 * A business association's member raises an issue for their organisation, with evidence files. Numbered
 * ISS-<year>-<n>, deadlines from the administration's settings; its liaison officers and administrators are notified.
 */
export async function raiseIssue(ctx: DomainContext, input: unknown, files: EvidenceFile[] = []): Promise<Issue> {
  const data = parseInput(RaiseIssueSchema, input);
  // Refuse people without the role before any file is processed.
  const reporter = await ctx.db.organization.findUnique({ where: { id: data.organizationId }, select: { kind: true } });
  if (!reporter) throw ValidationError.field('organizationId', 'errors.notFound');
  authorize(ctx.actor, 'issue.raise', { organizationId: data.organizationId, organizationKind: reporter.kind });
  const prepared = await prepareEvidence(files, { existingCount: 0 });
  const now = nowOf(ctx);
  return withEvidence(prepared, (stored) =>
    command(ctx, async (tx, audit) => {
      // Membership and kind again, inside the transaction.
      const [organization] = await tx.$queryRaw<{ kind: string }[]>`
        SELECT "kind"::text AS "kind" FROM "Organization" WHERE "id" = ${data.organizationId} FOR SHARE`;
      if (!organization) throw ValidationError.field('organizationId', 'errors.notFound');
      authorize(ctx.actor, 'issue.raise', { organizationId: data.organizationId, organizationKind: organization.kind });
      return recordRaisedIssue(tx, audit, ctx, data, now, stored, {
        visibility: data.visibility,
        anonymous: false,
        raisedById: actorId(ctx.actor)!,
        reporterOrganizationId: data.organizationId,
      });
    }),
  );
}

/** The reporter's side of a new issue: named (user and organisation) or anonymous (the receipt code's hash only). */
type RaisedBy = Pick<
  Prisma.IssueUncheckedCreateInput,
  'visibility' | 'anonymous' | 'raisedById' | 'reporterOrganizationId' | 'receiptSelector' | 'receiptHash'
>;

/**
 * Both ways of raising end here, inside their transaction: number it, insert it with its deadlines, audit it, record
 * its stored evidence and notify the administration's officers.
 */
async function recordRaisedIssue(
  tx: Tx,
  audit: Audit,
  ctx: DomainContext,
  data: z.infer<typeof RaiseAnonymousIssueSchema>,
  now: Date,
  stored: StoredEvidence[],
  raisedBy: RaisedBy,
): Promise<Issue> {
  const raising = await prepareRaise(tx, data, now);
  const issue = await tx.issue.create({
    data: {
      reference: raising.reference,
      title: data.title,
      description: data.description,
      administrationId: data.administrationId,
      officeId: data.officeId ?? null,
      occurredAt: data.occurredAt,
      category: data.category,
      factor: data.factor,
      severity: data.severity,
      ...raisedBy,
      acknowledgeBy: raising.acknowledgeBy,
      respondBy: raising.respondBy,
      createdAt: now,
    },
  });
  await audit({ action: 'issue.raised', subjectType: 'Issue', subjectId: issue.id, organizationId: issue.administrationId, data: raisedAuditData(issue) });
  await attachEvidence(tx, audit, issue, stored, { responseId: null, uploadedById: issue.raisedById, now });
  await notifyOfficersOfNewIssue(tx, ctx, issue);
  return issue;
}

const raisedAuditData = (issue: Issue) => ({
  reference: issue.reference,
  title: issue.title,
  anonymous: issue.anonymous,
  visibility: issue.visibility,
  category: issue.category,
  factor: issue.factor,
  severity: issue.severity,
  officeId: issue.officeId,
  reporterOrganizationId: issue.reporterOrganizationId,
  acknowledgeBy: issue.acknowledgeBy,
  respondBy: issue.respondBy,
});

/**
 * Anyone reports an issue anonymously, signed in or not. Nothing links it to the person: no user, organisation, IP
 * address or user agent is stored (the actor and the request metadata are ignored; its audit events have no actor).
 * Always restricted. Returns the receipt code, formatted, once: only its hash is kept.
 */
export async function raiseAnonymousIssue(ctx: DomainContext, input: unknown, files: EvidenceFile[] = []): Promise<{ issue: Issue; receiptCode: string }> {
  const data = parseInput(RaiseAnonymousIssueSchema, input);
  const anonymousCtx = anonymousContext(ctx);
  authorize(anonymousCtx.actor, 'issue.raiseAnonymously');
  // Stored under generic names: a file's own name may name the reporter.
  const prepared = await prepareEvidence(files, { existingCount: 0, genericNames: true });
  const receipt = await newReceipt();
  const now = nowOf(anonymousCtx);
  const issue = await withEvidence(prepared, (stored) =>
    command(anonymousCtx, async (tx, audit) => {
      return recordRaisedIssue(tx, audit, anonymousCtx, data, now, stored, {
        visibility: 'RESTRICTED',
        anonymous: true,
        raisedById: null,
        reporterOrganizationId: null,
        receiptSelector: receipt.receiptSelector,
        receiptHash: receipt.receiptHash,
      });
    }),
  );
  return { issue, receiptCode: receipt.receiptCode };
}

// ───────────────────────────── The administration's acts ─────────────────────────────

/**
 * Run one of the administration's acts: lock the issue, check it is visible, that the actor handles issues for its
 * administration, and that the state machine allows the act in the current status.
 */
async function handle<T>(ctx: DomainContext, issueId: string, action: IssueAction, work: (tx: Tx, audit: Audit, issue: LockedIssue, now: Date) => Promise<T>) {
  const now = nowOf(ctx);
  return command(ctx, async (tx, audit) => {
    const issue = await lockIssue(tx, ctx.actor, issueId);
    authorize(ctx.actor, 'issue.handle', administrationOf(issue));
    assertTransition(issue.status, action);
    return work(tx, audit, issue, now);
  });
}

const auditOf = (audit: Audit, issue: LockedIssue, action: string, data: Record<string, unknown> = {}) =>
  audit({ action, subjectType: 'Issue', subjectId: issue.id, organizationId: issue.administrationId, data });

/** Assign an issue to a liaison officer or administrator of its administration (oneself or a colleague). */
export async function assignIssue(ctx: DomainContext, input: unknown): Promise<Issue> {
  const data = parseInput(AssignIssueSchema, input);
  return handle(ctx, data.issueId, 'assign', async (tx, audit, issue, now) => {
    const assignee = await tx.user.findUnique({
      where: { id: data.assigneeId },
      select: { id: true, isPlatformAdmin: true, memberships: { select: { organizationId: true, role: true } } },
    });
    if (!assignee || !can(actorFromUser(assignee), 'issue.beAssigned', administrationOf(issue))) {
      throw ValidationError.field('assigneeId', 'errors.issueAssigneeNotOfficer');
    }
    if (issue.assigneeId === assignee.id) throw new ConflictError('errors.issueAlreadyAssigned');
    const updated = await tx.issue.update({ where: { id: issue.id }, data: { assigneeId: assignee.id, assignedAt: now } });
    await auditOf(audit, issue, 'issue.assigned', { assigneeId: assignee.id, previousAssigneeId: issue.assigneeId });
    await notifyAbout(tx, ctx, issue, 'ISSUE_ASSIGNED', [assignee.id], issue.status, 'assigned');
    return updated;
  });
}

/** Acknowledge receipt (RAISED → ACKNOWLEDGED), with an optional note that goes into the timeline. */
export async function acknowledgeIssue(ctx: DomainContext, input: unknown): Promise<Issue> {
  const data = parseInput(AcknowledgeIssueSchema, input);
  return handle(ctx, data.issueId, 'acknowledge', async (tx, audit, issue, now) => {
    const updated = await tx.issue.update({ where: { id: issue.id }, data: { status: 'ACKNOWLEDGED', acknowledgedAt: now } });
    await auditOf(audit, issue, 'issue.acknowledged', data.note ? { note: data.note } : {});
    await notifyAbout(tx, ctx, issue, 'ISSUE_STATUS_CHANGED', [issue.raisedById], updated.status, 'acknowledged');
    return updated;
  });
}

/**
 * An official response (→ RESPONDED). Each is recorded as an OFFICIAL IssueResponse; the first of a cycle (since
 * raising or reopening) sets respondedAt, which the respond deadline is measured by.
 */
export async function respondToIssue(ctx: DomainContext, input: unknown): Promise<Issue> {
  const data = parseInput(RespondToIssueSchema, input);
  return handle(ctx, data.issueId, 'respond', async (tx, audit, issue, now) => {
    const response = await tx.issueResponse.create({
      data: { issueId: issue.id, kind: 'OFFICIAL', authorId: actorId(ctx.actor), body: data.body, createdAt: now },
    });
    const updated = await tx.issue.update({
      where: { id: issue.id },
      data: { status: 'RESPONDED', respondedAt: issue.respondedAt ?? now },
    });
    await auditOf(audit, issue, 'issue.responded', { responseId: response.id });
    await notifyAbout(tx, ctx, issue, 'ISSUE_RESPONDED', [issue.raisedById], updated.status, 'responded', { responseId: response.id });
    return updated;
  });
}

/** Resolve with an outcome (→ RESOLVED): closed, the reporter may reopen within REOPEN_WINDOW_DAYS. */
export async function resolveIssue(ctx: DomainContext, input: unknown): Promise<Issue> {
  const data = parseInput(ResolveIssueSchema, input);
  return handle(ctx, data.issueId, 'resolve', async (tx, audit, issue, now) => {
    const updated = await tx.issue.update({ where: { id: issue.id }, data: { status: 'RESOLVED', outcome: data.outcome, closedAt: now } });
    await auditOf(audit, issue, 'issue.resolved', { outcome: data.outcome });
    await notifyAbout(tx, ctx, issue, 'ISSUE_STATUS_CHANGED', [issue.raisedById], updated.status, 'resolved');
    return updated;
  });
}

/**
 * Reject with an outcome (→ REJECTED), from any open status. Rejecting an issue not yet acknowledged also
 * acknowledges it (its receipt was evidently seen), so a reopened issue does not wait for an acknowledgement that the
 * state machine no longer offers.
 */
export async function rejectIssue(ctx: DomainContext, input: unknown): Promise<Issue> {
  const data = parseInput(RejectIssueSchema, input);
  return handle(ctx, data.issueId, 'reject', async (tx, audit, issue, now) => {
    const updated = await tx.issue.update({
      where: { id: issue.id },
      data: { status: 'REJECTED', outcome: data.outcome, closedAt: now, acknowledgedAt: issue.acknowledgedAt ?? now },
    });
    await auditOf(audit, issue, 'issue.rejected', { outcome: data.outcome });
    await notifyAbout(tx, ctx, issue, 'ISSUE_STATUS_CHANGED', [issue.raisedById], updated.status, 'rejected');
    return updated;
  });
}

// ───────────────────────────── The reporter's acts ─────────────────────────────

/**
 * Reopen a resolved or rejected issue (→ REOPENED) within REOPEN_WINDOW_DAYS of closing, with a reason. A new respond
 * deadline runs from now (the administration's current respondDays); respondedAt, closedAt and the outcome are
 * cleared (the outcome stays in the audit). The assignee and the named reporter (when someone else reopened it) are
 * notified.
 */
async function reopenLocked(tx: Tx, audit: Audit, ctx: DomainContext, issue: LockedIssue, reason: string, now: Date): Promise<Issue> {
  assertTransition(issue.status, 'reopen');
  if (!canReopenAt(issue, now)) {
    throw new ConflictError('errors.issueReopenWindowClosed', { days: REOPEN_WINDOW_DAYS, date: reopenAllowedUntil(issue)!.toISOString().slice(0, 10) });
  }
  const administration = await tx.organization.findUniqueOrThrow({ where: { id: issue.administrationId }, select: { respondDays: true } });
  const updated = await tx.issue.update({
    where: { id: issue.id },
    data: {
      status: 'REOPENED',
      reopenedAt: now,
      reopenCount: { increment: 1 },
      respondBy: addDays(now, administration.respondDays),
      respondedAt: null,
      closedAt: null,
      outcome: null,
    },
  });
  await auditOf(audit, issue, 'issue.reopened', { reason, previousStatus: issue.status, previousOutcome: issue.outcome, respondBy: updated.respondBy });
  await notifyAbout(tx, ctx, issue, 'ISSUE_STATUS_CHANGED', [issue.assigneeId, issue.raisedById], updated.status, 'reopened');
  return updated;
}

/** The named reporter (or an administrator of the reporting organisation) reopens the issue. */
export async function reopenIssue(ctx: DomainContext, input: unknown): Promise<Issue> {
  const data = parseInput(ReopenIssueSchema, input);
  const now = nowOf(ctx);
  return command(ctx, async (tx, audit) => {
    const issue = await lockIssue(tx, ctx.actor, data.issueId);
    authorize(ctx.actor, 'issue.actAsReporter', reporterOf(issue));
    return reopenLocked(tx, audit, ctx, issue, data.reason, now);
  });
}

/** Record a reporter's information (a REPORTER_INFO response) and its files; the assignee is notified. */
async function followUpLocked(
  tx: Tx,
  audit: Audit,
  ctx: DomainContext,
  issue: LockedIssue,
  { body, stored, authorId, now }: { body: string; stored: StoredEvidence[]; authorId: string | null; now: Date },
): Promise<Issue> {
  assertTransition(issue.status, 'followUp');
  await assertRoomForFiles(tx, issue.id, stored.length);
  const response = await tx.issueResponse.create({ data: { issueId: issue.id, kind: 'REPORTER_INFO', authorId, body, createdAt: now } });
  await auditOf(audit, issue, 'issue.followed_up', { responseId: response.id, files: stored.length });
  await attachEvidence(tx, audit, issue, stored, { responseId: response.id, uploadedById: authorId, now });
  await notifyAbout(tx, ctx, issue, 'ISSUE_RESPONDED', [issue.assigneeId], issue.status, 'followed_up', { responseId: response.id });
  // Touch the row (updatedAt) so lists ordered by activity see the follow-up.
  return tx.issue.update({ where: { id: issue.id }, data: { updatedAt: now } });
}

/** The named reporter (or an administrator of the reporting organisation) adds information and files. */
export async function followUpIssue(ctx: DomainContext, input: unknown, files: EvidenceFile[] = []): Promise<Issue> {
  const data = parseInput(FollowUpIssueSchema, input);
  // Who may, and in which state, before any file is processed (again under the lock below).
  const current = await ctx.db.issue.findUnique({
    where: { id: data.issueId },
    select: {
      status: true,
      visibility: true,
      anonymous: true,
      administrationId: true,
      reporterOrganizationId: true,
      raisedById: true,
      _count: { select: { attachments: true } },
    },
  });
  if (!current || !canSeeIssue(ctx.actor, current)) throw new NotFoundError();
  authorize(ctx.actor, 'issue.actAsReporter', reporterOf(current));
  assertTransition(current.status, 'followUp');
  const prepared = await prepareEvidence(files, { existingCount: current._count.attachments });
  const now = nowOf(ctx);
  return withEvidence(prepared, (stored) =>
    command(ctx, async (tx, audit) => {
      const issue = await lockIssue(tx, ctx.actor, data.issueId);
      authorize(ctx.actor, 'issue.actAsReporter', reporterOf(issue));
      return followUpLocked(tx, audit, ctx, issue, { body: data.body, stored, authorId: actorId(ctx.actor), now });
    }),
  );
}

/**
 * The anonymous reporter, holding the receipt code, adds information and files, or reopens the issue (with
 * `reopenReason`, within the window; information given at the same time is added after reopening). Nothing about
 * the person is stored. NotFoundError for a wrong code, RateLimitedError after too many.
 */
export async function followUpAnonymousIssue(ctx: DomainContext, input: unknown, files: EvidenceFile[] = []): Promise<Issue> {
  const data = parseInput(AnonymousFollowUpSchema, input);
  // Words are required with files (they go with a piece of information); something must be given at all.
  if (!data.body && (files.length || !data.reopenReason)) {
    throw ValidationError.field('body', files.length ? 'errors.issueFollowUpBodyRequired' : 'errors.issueFollowUpEmpty');
  }
  const { issueId } = await findIssueByReceipt(ctx, data.receiptCode);
  const anonymousCtx = anonymousContext(ctx);
  const existingCount = await ctx.db.issueAttachment.count({ where: { issueId } });
  const prepared = await prepareEvidence(files, { existingCount, genericNames: true });
  const now = nowOf(anonymousCtx);
  return withEvidence(prepared, (stored) =>
    command(anonymousCtx, async (tx, audit) => {
      let issue = await lockIssue(tx, anonymousCtx.actor, issueId, { receiptHolder: true });
      if (!issue.anonymous) throw new NotFoundError('errors.receiptCodeNotFound');
      let result: Issue | null = null;
      if (data.reopenReason) {
        result = await reopenLocked(tx, audit, anonymousCtx, issue, data.reopenReason, now);
        issue = { ...issue, status: result.status, closedAt: null, outcome: null };
      }
      if (data.body) result = await followUpLocked(tx, audit, anonymousCtx, issue, { body: data.body, stored, authorId: null, now });
      return result!;
    }),
  );
}

/**
 * A platform administrator publishes (or corrects) the de-identified summary of an anonymous issue. It shows publicly
 * only from max(summaryPublishedAt, createdAt + the configured delay) (issue-queries.server.ts).
 */
export async function publishIssueSummary(ctx: DomainContext, input: unknown): Promise<Issue> {
  const data = parseInput(PublishIssueSummarySchema, input);
  const now = nowOf(ctx);
  return command(ctx, async (tx, audit) => {
    const issue = await lockIssue(tx, ctx.actor, data.issueId);
    authorize(ctx.actor, 'issue.publishSummary', administrationOf(issue));
    if (!issue.anonymous) throw new ConflictError('errors.issueSummaryOnlyAnonymous');
    const updated = await tx.issue.update({ where: { id: issue.id }, data: { publicSummary: data.summary, summaryPublishedAt: now } });
    await auditOf(audit, issue, 'issue.summary_published', { summary: data.summary });
    return updated;
  });
}

/**
 * Open an anonymous issue with its receipt code (typed with or without spaces and dashes). NotFoundError for a wrong
 * or unknown code alike, RateLimitedError after too many wrong ones. Then getIssueForReceipt (issue-queries) reads it.
 */
export async function openReceipt(ctx: DomainContext, receiptCode: string): Promise<{ issueId: string }> {
  const digits = parseReceiptCode(receiptCode);
  if (!digits) throw ValidationError.field('receiptCode', 'errors.receiptCodeFormat');
  return findIssueByReceipt(ctx, digits);
}

/** The roles that may handle issues (and be assigned them), for pages listing possible assignees. */
export const ISSUE_ASSIGNABLE_ROLES: readonly MembershipRole[] = ISSUE_HANDLER_ROLES;
