// Issue commands end to end on a real database (PGlite, or PostgreSQL with TEST_DB_TARGET=postgres): raising (named
// and anonymous), every transition by state and by role, deadlines with an injectable clock, the reopen window,
// anonymity, receipt codes, follow-ups with files, summaries, notifications, and that a failing command writes
// nothing at all (no rows, no files).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous } from '../../app/domain/actor.server';
import { verifyAuditChain } from '../../app/domain/audit.server';
import type { DomainContext } from '../../app/domain/context.server';
import { ISSUE_STATUSES } from '../../app/domain/enums';
import { ConflictError, ForbiddenError, NotAuthenticatedError, NotFoundError, RateLimitedError, ValidationError } from '../../app/domain/errors.server';
import type { EvidenceFile } from '../../app/domain/evidence.server';
import type { FileStore } from '../../app/domain/storage.server';
import { LocalFileStore, configureFileStore } from '../../app/domain/storage.server';
import { type IssueAction, addWorkingDays, parseReceiptCode } from '../../app/domain/issue-rules';
import {
  acknowledgeIssue,
  assignIssue,
  followUpAnonymousIssue,
  followUpIssue,
  openReceipt,
  publishIssueSummary,
  raiseAnonymousIssue,
  raiseIssue,
  rejectIssue,
  reopenIssue,
  resolveIssue,
  respondToIssue,
} from '../../app/domain/issues.server';
import { usersWithRoles } from '../../app/domain/notifications.server';
import { addMember } from '../../app/domain/memberships.server';
import { archiveOffice, createOffice } from '../../app/domain/offices.server';
import { resetReceiptRateLimits } from '../../app/domain/receipt-codes.server';
import { type TestDatabase, createTestDatabase } from '../helpers/db';
import { ctxFor, makeMember, makeOrganization, system } from '../helpers/fixtures';
import {
  type IssueWorld,
  OUTCOME,
  RESPONSE,
  at,
  driveIssueTo,
  filesIn,
  issueInput,
  issueWriteCounts,
  makeAdministrationWithOffice,
  makeIssueWorld,
  memberWithCtx,
  raiseTestAnonymousIssue,
  raiseTestIssue,
  rejectionOf,
  textFile,
  tinyPng,
  useTempFileStore,
} from '../helpers/issues';

let t: TestDatabase;
let dir: string;
let w: IssueWorld;
let png: EvidenceFile;
beforeAll(async () => {
  png = await tinyPng();
  t = await createTestDatabase();
  dir = useTempFileStore();
  w = await makeIssueWorld(t.db);
});
afterAll(async () => {
  if (t) expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  await t?.close();
});

const eventsOf = (issueId: string) => t.db.auditEvent.findMany({ where: { subjectType: 'Issue', subjectId: issueId }, orderBy: { seq: 'asc' } });
const notificationsOf = (issueId: string) => t.db.notification.findMany({ where: { subjectId: issueId }, orderBy: { createdAt: 'asc' } });

/** Run a command that must be refused; check the error class (and key), and that nothing at all was written. */
async function expectRefused(run: () => Promise<unknown>, errorClass: new (...args: any[]) => Error, key?: string) {
  const before = await issueWriteCounts(t.db);
  const files = filesIn(dir).length;
  const error = await rejectionOf(run());
  expect(error).toBeInstanceOf(errorClass);
  if (key) expect(error.message).toBe(key);
  expect(await issueWriteCounts(t.db)).toEqual(before);
  expect(filesIn(dir).length).toBe(files);
  return error;
}

describe('raising a named issue', () => {
  it('numbers it, fixes its deadlines from the administration, stores its files, audits and notifies the officers', async () => {
    const friday = '2026-11-27T16:20:00.000Z';
    const filesBefore = filesIn(dir).length;
    const issue = await raiseTestIssue(w, { now: friday, files: [png, textFile()] });
    expect(issue.reference).toMatch(/^ISS-2026-\d{4}$/);
    expect(issue).toMatchObject({
      status: 'RAISED',
      anonymous: false,
      raisedById: w.member.user.id,
      reporterOrganizationId: w.association.id,
      administrationId: w.administration.id,
      officeId: w.office.id,
      visibility: 'PUBLIC',
      createdAt: new Date(friday),
      acknowledgeBy: new Date('2026-12-04T16:20:00.000Z'),
      respondBy: new Date('2026-12-27T16:20:00.000Z'),
      receiptSelector: null,
      receiptHash: null,
    });
    const attachments = await t.db.issueAttachment.findMany({ where: { issueId: issue.id }, orderBy: { fileName: 'asc' } });
    expect(attachments.map((a) => [a.fileName, a.contentType, a.uploadedById, a.responseId])).toEqual([
      ['notes.txt', 'text/plain', w.member.user.id, null],
      ['photo.png', 'image/png', w.member.user.id, null],
    ]);
    expect(filesIn(dir).length).toBe(filesBefore + 2);
    for (const a of attachments) expect(filesIn(dir)).toContain(a.storageKey);
    const events = await eventsOf(issue.id);
    expect(events.map((e) => e.action)).toEqual(['issue.raised', 'issue.attachment_added', 'issue.attachment_added']);
    expect(events.every((e) => e.actorId === w.member.user.id && e.organizationId === w.administration.id)).toBe(true);
    const notes = await notificationsOf(issue.id);
    expect(notes.map((n) => n.userId).sort()).toEqual([w.officer.user.id, w.admin.user.id].sort());
    expect(notes[0]).toMatchObject({
      kind: 'ISSUE_STATUS_CHANGED',
      subjectType: 'Issue',
      data: { reference: issue.reference, status: 'RAISED', event: 'raised' },
    });
  });

  it('uses each administration’s own periods (working days to acknowledge, calendar days to respond)', async () => {
    const quick = await makeAdministrationWithOffice(t.db, { acknowledgeWorkingDays: 2, respondDays: 10 });
    const saturday = '2026-11-28T15:00:00.000Z';
    const issue = await raiseTestIssue({ ...w, administration: quick.administration, office: quick.office }, { now: saturday });
    expect(issue.acknowledgeBy).toEqual(new Date('2026-12-02T00:00:00.000Z'));
    expect(issue.respondBy).toEqual(new Date('2026-12-08T15:00:00.000Z'));
    expect(issue.acknowledgeBy).toEqual(addWorkingDays(new Date(saturday), 2));
  });

  it('may be raised without an office, and restricted', async () => {
    const issue = await raiseTestIssue(w, { officeId: '', visibility: 'RESTRICTED' });
    expect(issue).toMatchObject({ officeId: null, visibility: 'RESTRICTED' });
  });

  it('is refused to anyone but a member of a business association, before any file is processed', async () => {
    const files = [png];
    const input = { organizationId: w.association.id, ...issueInput(w.administration.id) };
    await expectRefused(() => raiseIssue(w.outsider.ctx, input, files), ForbiddenError);
    await expectRefused(() => raiseIssue(w.platformAdmin.ctx, input, files), ForbiddenError);
    await expectRefused(() => raiseIssue(w.officer.ctx, input, files), ForbiddenError);
    await expectRefused(() => raiseIssue({ db: t.db, actor: anonymous }, input, files), NotAuthenticatedError);
    // For their own customs administration, an officer cannot raise one either (not a business association).
    await expectRefused(() => raiseIssue(w.officer.ctx, { ...input, organizationId: w.administration.id }, files), ForbiddenError);
  });

  it('refuses a wrong administration, a foreign or archived office, a future date: with files, leaving none', async () => {
    const files = [png, textFile()];
    const other = await makeAdministrationWithOffice(t.db);
    const archived = await createOffice(system(t.db), {
      administrationId: w.administration.id,
      nameEn: `Old post ${Date.now()}`,
      nameRu: 'Старый пост',
      kind: 'RAIL_BORDER_CROSSING',
      latitude: 43,
      longitude: 77,
    });
    await archiveOffice(system(t.db), { officeId: archived.id });
    const base = { organizationId: w.association.id, ...issueInput(w.administration.id) };
    const field = async (input: Record<string, unknown>, name: string, key: string, ctx: DomainContext = w.member.ctx) => {
      const error = await expectRefused(() => raiseIssue(ctx, input, files), ValidationError);
      expect(error.fieldErrors[name].map((m: string | { key: string }) => (typeof m === 'string' ? m : m.key))).toEqual([key]);
    };
    await field({ ...base, administrationId: w.association.id }, 'administrationId', 'errors.issueAdministrationNotCustoms');
    await field({ ...base, administrationId: 'nope' }, 'administrationId', 'errors.notFound');
    await field({ ...base, officeId: other.office.id }, 'officeId', 'errors.issueOfficeNotOfAdministration');
    await field({ ...base, officeId: archived.id }, 'officeId', 'errors.issueOfficeArchived');
    // Not in the future by the command's clock (the schema checks the real clock).
    await field(
      { ...base, occurredAt: '2026-03-10T00:00:00.000Z' },
      'occurredAt',
      'errors.issueOccurredAtFuture',
      at(w.member.ctx, '2026-03-08T00:00:00.000Z'),
    );
    await field({ ...base, title: 'x' }, 'title', 'errors.tooShort');
  });
});

// ───────────────────────────── The state machine, through the commands ─────────────────────────────

/** An issue of the world in the given status (REOPENED: resolved, then reopened by its raiser). */
async function issueIn(status: string, overrides: Record<string, unknown> = {}) {
  const issue = await raiseTestIssue(w, overrides);
  if (status === 'REOPENED') {
    await driveIssueTo(w, issue.id, 'RESOLVED');
    await reopenIssue(w.member.ctx, { issueId: issue.id, reason: 'The payment was requested again last week.' });
  } else {
    await driveIssueTo(w, issue.id, status);
  }
  return t.db.issue.findUniqueOrThrow({ where: { id: issue.id } });
}

const REASON = 'The same officer asked again on the next crossing.';
const INFO = 'The officer’s badge number was 4411; two other drivers saw it.';

/** Each action, done by whoever may do it (officers handle, the raiser acts as reporter). */
const act: Record<IssueAction, (issueId: string) => Promise<unknown>> = {
  acknowledge: (issueId) => acknowledgeIssue(w.officer.ctx, { issueId }),
  respond: (issueId) => respondToIssue(w.officer.ctx, { issueId, body: RESPONSE }),
  resolve: (issueId) => resolveIssue(w.officer.ctx, { issueId, outcome: OUTCOME }),
  reject: (issueId) => rejectIssue(w.officer.ctx, { issueId, outcome: OUTCOME }),
  reopen: (issueId) => reopenIssue(w.member.ctx, { issueId, reason: REASON }),
  assign: (issueId) => assignIssue(w.officer.ctx, { issueId, assigneeId: w.admin.user.id }),
  followUp: (issueId) => followUpIssue(w.member.ctx, { issueId, body: INFO }),
};
const allowed: Record<IssueAction, Partial<Record<string, string>>> = {
  acknowledge: { RAISED: 'ACKNOWLEDGED' },
  respond: { ACKNOWLEDGED: 'RESPONDED', RESPONDED: 'RESPONDED', REOPENED: 'RESPONDED' },
  resolve: { ACKNOWLEDGED: 'RESOLVED', RESPONDED: 'RESOLVED', REOPENED: 'RESOLVED' },
  reject: { RAISED: 'REJECTED', ACKNOWLEDGED: 'REJECTED', RESPONDED: 'REJECTED', REOPENED: 'REJECTED' },
  reopen: { RESOLVED: 'REOPENED', REJECTED: 'REOPENED' },
  assign: { RAISED: 'RAISED', ACKNOWLEDGED: 'ACKNOWLEDGED', RESPONDED: 'RESPONDED', REOPENED: 'REOPENED' },
  followUp: { RAISED: 'RAISED', ACKNOWLEDGED: 'ACKNOWLEDGED', RESPONDED: 'RESPONDED', REOPENED: 'REOPENED' },
};
const AUDIT_ACTION: Record<IssueAction, string> = {
  acknowledge: 'issue.acknowledged',
  respond: 'issue.responded',
  resolve: 'issue.resolved',
  reject: 'issue.rejected',
  reopen: 'issue.reopened',
  assign: 'issue.assigned',
  followUp: 'issue.followed_up',
};

describe('every transition, allowed and refused, by state', () => {
  for (const status of ISSUE_STATUSES) {
    for (const action of Object.keys(act) as IssueAction[]) {
      const to = allowed[action][status];
      it(`${action} in ${status}: ${to ? `→ ${to}` : 'ConflictError'}`, async () => {
        const issue = await issueIn(status);
        if (to) {
          await act[action](issue.id);
          const after = await t.db.issue.findUniqueOrThrow({ where: { id: issue.id } });
          expect(after.status).toBe(to);
          expect((await eventsOf(issue.id)).at(-1)?.action).toBe(AUDIT_ACTION[action]);
        } else {
          const error = await expectRefused(() => act[action](issue.id), ConflictError, `errors.issueTransition.${action}.${status}`);
          expect(error.params).toEqual({ action, status });
        }
      });
    }
  }
});

describe('every act, by role', () => {
  type Who =
    'officer' | 'admin' | 'adminMember' | 'raiser' | 'reporterAdmin' | 'reporterMember' | 'otherAssociation' | 'outsider' | 'platformAdmin' | 'anonymous';
  let ctxOf: Record<Who, DomainContext>;
  beforeAll(async () => {
    const adminMember = await memberWithCtx(t.db, w.administration.id, 'MEMBER');
    const reporterMember = await memberWithCtx(t.db, w.association.id, 'SIGNATORY');
    ctxOf = {
      officer: w.officer.ctx,
      admin: w.admin.ctx,
      adminMember: adminMember.ctx,
      raiser: w.member.ctx,
      reporterAdmin: w.orgAdmin.ctx,
      reporterMember: reporterMember.ctx,
      otherAssociation: w.otherAssociation.member.ctx,
      outsider: w.outsider.ctx,
      platformAdmin: w.platformAdmin.ctx,
      anonymous: { db: t.db, actor: anonymous },
    };
  });

  // What each person gets for a handling act (acknowledge) and a reporter act (follow-up), on a public and a
  // restricted issue. A restricted issue answers a non-party exactly like an unknown one.
  const HANDLE: Record<Who, [onPublic: string, onRestricted: string]> = {
    officer: ['ok', 'ok'],
    admin: ['ok', 'ok'],
    adminMember: ['Forbidden', 'Forbidden'],
    raiser: ['Forbidden', 'Forbidden'],
    reporterAdmin: ['Forbidden', 'Forbidden'],
    reporterMember: ['Forbidden', 'Forbidden'],
    otherAssociation: ['Forbidden', 'NotFound'],
    outsider: ['Forbidden', 'NotFound'],
    platformAdmin: ['Forbidden', 'Forbidden'],
    anonymous: ['NotAuthenticated', 'NotFound'],
  };
  const REPORT: Record<Who, [onPublic: string, onRestricted: string]> = {
    officer: ['Forbidden', 'Forbidden'],
    admin: ['Forbidden', 'Forbidden'],
    adminMember: ['Forbidden', 'Forbidden'],
    raiser: ['ok', 'ok'],
    reporterAdmin: ['ok', 'ok'],
    reporterMember: ['Forbidden', 'Forbidden'],
    otherAssociation: ['Forbidden', 'NotFound'],
    outsider: ['Forbidden', 'NotFound'],
    platformAdmin: ['Forbidden', 'Forbidden'],
    anonymous: ['NotAuthenticated', 'NotFound'],
  };
  const ERRORS: Record<string, new (...args: any[]) => Error> = {
    Forbidden: ForbiddenError,
    NotFound: NotFoundError,
    NotAuthenticated: NotAuthenticatedError,
  };

  for (const [visibilityIndex, visibility] of (['PUBLIC', 'RESTRICTED'] as const).entries()) {
    for (const who of Object.keys(HANDLE) as Who[]) {
      it(`${who} on a ${visibility.toLowerCase()} issue: handle ${HANDLE[who][visibilityIndex]}, report ${REPORT[who][visibilityIndex]}`, async () => {
        const issue = await raiseTestIssue(w, { visibility });
        const ctx = ctxOf[who];
        const handleOutcome = HANDLE[who][visibilityIndex];
        if (handleOutcome === 'ok') await acknowledgeIssue(ctx, { issueId: issue.id });
        else await expectRefused(() => acknowledgeIssue(ctx, { issueId: issue.id }), ERRORS[handleOutcome]);
        const reportOutcome = REPORT[who][visibilityIndex];
        if (reportOutcome === 'ok') await followUpIssue(ctx, { issueId: issue.id, body: INFO });
        else await expectRefused(() => followUpIssue(ctx, { issueId: issue.id, body: INFO }, [textFile()]), ERRORS[reportOutcome]);
        // Every other handling act follows the same rule as acknowledging.
        if (handleOutcome !== 'ok') {
          const target = await issueIn('ACKNOWLEDGED', { visibility });
          for (const run of [
            () => respondToIssue(ctx, { issueId: target.id, body: RESPONSE }),
            () => resolveIssue(ctx, { issueId: target.id, outcome: OUTCOME }),
            () => rejectIssue(ctx, { issueId: target.id, outcome: OUTCOME }),
            () => assignIssue(ctx, { issueId: target.id, assigneeId: w.officer.user.id }),
          ]) {
            await expectRefused(run, ERRORS[handleOutcome]);
          }
        }
        if (reportOutcome !== 'ok') {
          const closed = await issueIn('RESOLVED', { visibility });
          await expectRefused(() => reopenIssue(ctx, { issueId: closed.id, reason: REASON }), ERRORS[reportOutcome]);
        }
      });
    }
  }

  it('an unknown issue id answers NotFound to everyone', async () => {
    for (const ctx of Object.values(ctxOf)) {
      await expectRefused(() => acknowledgeIssue(ctx, { issueId: 'no-such-issue' }), NotFoundError);
      await expectRefused(() => followUpIssue(ctx, { issueId: 'no-such-issue', body: INFO }), NotFoundError);
    }
  });
});

describe('assigning', () => {
  it('assigns a colleague (notified) or oneself (not notified), and only liaison officers or admins of the administration', async () => {
    const issue = await raiseTestIssue(w);
    const assigned = await assignIssue(w.officer.ctx, { issueId: issue.id, assigneeId: w.admin.user.id });
    expect(assigned).toMatchObject({ assigneeId: w.admin.user.id, status: 'RAISED' });
    expect(assigned.assignedAt).toBeInstanceOf(Date);
    const toAdmin = (await notificationsOf(issue.id)).filter((n) => n.kind === 'ISSUE_ASSIGNED');
    expect(toAdmin.map((n) => n.userId)).toEqual([w.admin.user.id]);
    await expectRefused(() => assignIssue(w.officer.ctx, { issueId: issue.id, assigneeId: w.admin.user.id }), ConflictError, 'errors.issueAlreadyAssigned');
    await assignIssue(w.officer.ctx, { issueId: issue.id, assigneeId: w.officer.user.id });
    expect((await notificationsOf(issue.id)).filter((n) => n.kind === 'ISSUE_ASSIGNED')).toHaveLength(1);
    const events = (await eventsOf(issue.id)).filter((e) => e.action === 'issue.assigned');
    expect(events.map((e) => (e.data as { assigneeId: string }).assigneeId)).toEqual([w.admin.user.id, w.officer.user.id]);

    const adminMember = await makeMember(t.db, w.administration.id, 'MEMBER');
    const otherOfficer = (await makeAdministrationWithOffice(t.db)).officer.user;
    for (const assigneeId of [adminMember.id, otherOfficer.id, w.member.user.id, w.platformAdmin.user.id, 'nobody']) {
      const error = await expectRefused(() => assignIssue(w.officer.ctx, { issueId: issue.id, assigneeId }), ValidationError);
      expect(error.fieldErrors.assigneeId).toEqual(['errors.issueAssigneeNotOfficer']);
    }
  });
});

describe('responding, resolving, rejecting', () => {
  it('records each official response; the first of a cycle sets respondedAt; the raiser is notified of each step', async () => {
    const issue = await raiseTestIssue(w, { now: '2026-11-23T09:00:00.000Z' });
    await acknowledgeIssue(at(w.officer.ctx, '2026-11-24T09:00:00.000Z'), { issueId: issue.id, note: 'Received, checking.' });
    await respondToIssue(at(w.officer.ctx, '2026-11-25T09:00:00.000Z'), { issueId: issue.id, body: RESPONSE });
    const second = await respondToIssue(at(w.admin.ctx, '2026-11-26T09:00:00.000Z'), { issueId: issue.id, body: `${RESPONSE} Update: done.` });
    expect(second).toMatchObject({
      status: 'RESPONDED',
      acknowledgedAt: new Date('2026-11-24T09:00:00.000Z'),
      respondedAt: new Date('2026-11-25T09:00:00.000Z'),
    });
    const responses = await t.db.issueResponse.findMany({ where: { issueId: issue.id }, orderBy: { createdAt: 'asc' } });
    expect(responses.map((r) => [r.kind, r.authorId])).toEqual([
      ['OFFICIAL', w.officer.user.id],
      ['OFFICIAL', w.admin.user.id],
    ]);
    const resolved = await resolveIssue(at(w.officer.ctx, '2026-11-27T09:00:00.000Z'), { issueId: issue.id, outcome: OUTCOME });
    expect(resolved).toMatchObject({ status: 'RESOLVED', outcome: OUTCOME, closedAt: new Date('2026-11-27T09:00:00.000Z') });
    const toRaiser = (await notificationsOf(issue.id)).filter((n) => n.userId === w.member.user.id);
    expect(toRaiser.map((n) => [n.kind, (n.data as { event: string }).event])).toEqual([
      ['ISSUE_STATUS_CHANGED', 'acknowledged'],
      ['ISSUE_RESPONDED', 'responded'],
      ['ISSUE_RESPONDED', 'responded'],
      ['ISSUE_STATUS_CHANGED', 'resolved'],
    ]);
    const events = await eventsOf(issue.id);
    expect(events.map((e) => e.action)).toEqual(['issue.raised', 'issue.acknowledged', 'issue.responded', 'issue.responded', 'issue.resolved']);
    expect(events[1].data).toEqual({ note: 'Received, checking.' });
    expect(events[2].data).toEqual({ responseId: responses[0].id });
    expect(events[4].data).toEqual({ outcome: OUTCOME });
  });

  it('never notifies the actor: a liaison officer who also raises for an association', async () => {
    const both = await makeMember(t.db, w.association.id, 'MEMBER');
    await addMember(system(t.db), { organizationId: w.administration.id, userId: both.id, role: 'LIAISON_OFFICER' });
    const bothCtx = await ctxFor(t.db, both.id);
    const issue = await raiseIssue(bothCtx, { organizationId: w.association.id, ...issueInput(w.administration.id) });
    const raised = await notificationsOf(issue.id);
    expect(raised.map((n) => n.userId).sort()).toEqual([w.officer.user.id, w.admin.user.id].sort());
    await driveIssueTo(w, issue.id, 'RESOLVED');
    const notes = await notificationsOf(issue.id);
    expect(notes.filter((n) => n.userId === w.officer.user.id)).toHaveLength(1);
    expect(notes.filter((n) => n.userId === both.id).map((n) => (n.data as { event: string }).event)).toEqual(['acknowledged', 'responded', 'resolved']);
  });

  it('requires an outcome to resolve or reject, and rejecting acknowledges an unacknowledged issue', async () => {
    const issue = await raiseTestIssue(w, { now: '2026-11-23T09:00:00.000Z' });
    for (const run of [() => rejectIssue(w.officer.ctx, { issueId: issue.id, outcome: '' }), () => rejectIssue(w.officer.ctx, { issueId: issue.id })]) {
      const error = await expectRefused(run, ValidationError);
      expect(error.fieldErrors.outcome).toEqual(['errors.issueOutcomeRequired']);
    }
    const rejected = await rejectIssue(at(w.officer.ctx, '2026-11-24T09:00:00.000Z'), { issueId: issue.id, outcome: OUTCOME });
    expect(rejected).toMatchObject({
      status: 'REJECTED',
      acknowledgedAt: new Date('2026-11-24T09:00:00.000Z'),
      closedAt: new Date('2026-11-24T09:00:00.000Z'),
    });
  });
});

describe('reopening within 30 days', () => {
  it('is allowed up to exactly 30 days after closing, refused a millisecond later', async () => {
    const closedAt = '2026-12-01T12:00:00.000Z';
    const inTime = await raiseTestIssue(w, { now: '2026-11-23T09:00:00.000Z' });
    const late = await raiseTestIssue(w, { now: '2026-11-23T09:00:00.000Z' });
    for (const issue of [inTime, late]) {
      await driveIssueTo(w, issue.id, 'RESPONDED', '2026-11-24T09:00:00.000Z');
      await resolveIssue(at(w.officer.ctx, closedAt), { issueId: issue.id, outcome: OUTCOME });
    }
    const error = await expectRefused(
      () => reopenIssue(at(w.member.ctx, '2026-12-31T12:00:00.001Z'), { issueId: late.id, reason: REASON }),
      ConflictError,
      'errors.issueReopenWindowClosed',
    );
    expect(error.params).toEqual({ days: 30, date: '2026-12-31' });

    const reopened = await reopenIssue(at(w.orgAdmin.ctx, '2026-12-31T12:00:00.000Z'), { issueId: inTime.id, reason: REASON });
    expect(reopened).toMatchObject({
      status: 'REOPENED',
      reopenedAt: new Date('2026-12-31T12:00:00.000Z'),
      reopenCount: 1,
      respondBy: new Date('2027-01-30T12:00:00.000Z'),
      respondedAt: null,
      closedAt: null,
      outcome: null,
    });
    const event = (await eventsOf(inTime.id)).at(-1)!;
    expect(event).toMatchObject({ action: 'issue.reopened', actorId: w.orgAdmin.user.id });
    expect(event.data).toMatchObject({ reason: REASON, previousStatus: 'RESOLVED', previousOutcome: OUTCOME });
    // The raiser hears of it (reopened by their organisation's admin); the assignee would too.
    const last = (await notificationsOf(inTime.id)).at(-1)!;
    expect(last).toMatchObject({ userId: w.member.user.id, kind: 'ISSUE_STATUS_CHANGED', data: { event: 'reopened', status: 'REOPENED' } });
    // A new cycle: the first response sets respondedAt again.
    const responded = await respondToIssue(at(w.officer.ctx, '2027-01-02T00:00:00.000Z'), { issueId: inTime.id, body: RESPONSE });
    expect(responded.respondedAt).toEqual(new Date('2027-01-02T00:00:00.000Z'));
  });

  it('requires a reason', async () => {
    const issue = await issueIn('RESOLVED');
    const error = await expectRefused(() => reopenIssue(w.member.ctx, { issueId: issue.id, reason: ' ' }), ValidationError);
    expect(error.fieldErrors.reason).toEqual(['errors.issueReopenReasonRequired']);
  });
});

describe('follow-ups by the named reporter', () => {
  it('adds information with files, the assignee notified, within the 5-file limit', async () => {
    const issue = await raiseTestIssue(w, { files: [png, textFile('a.txt')] });
    await assignIssue(w.officer.ctx, { issueId: issue.id, assigneeId: w.officer.user.id });
    await followUpIssue(w.member.ctx, { issueId: issue.id, body: INFO }, [textFile('b.txt'), textFile('c.txt')]);
    const response = await t.db.issueResponse.findFirstOrThrow({ where: { issueId: issue.id, kind: 'REPORTER_INFO' }, include: { attachments: true } });
    expect(response).toMatchObject({ authorId: w.member.user.id, body: INFO });
    expect(response.attachments.map((a) => a.fileName).sort()).toEqual(['b.txt', 'c.txt']);
    const events = (await eventsOf(issue.id)).map((e) => e.action);
    expect(events.slice(-3)).toEqual(['issue.followed_up', 'issue.attachment_added', 'issue.attachment_added']);
    expect((await notificationsOf(issue.id)).at(-1)).toMatchObject({ userId: w.officer.user.id, data: { event: 'followed_up' } });
    // 4 files now: two more would make 6.
    const error = await expectRefused(
      () => followUpIssue(w.member.ctx, { issueId: issue.id, body: INFO }, [textFile('d.txt'), textFile('e.txt')]),
      ValidationError,
    );
    expect(error.fieldErrors.files[0]).toMatchObject({ key: 'issuesEvidence.errors.tooMany' });
    await followUpIssue(w.orgAdmin.ctx, { issueId: issue.id, body: INFO }, [textFile('e.txt')]);
    expect(await t.db.issueAttachment.count({ where: { issueId: issue.id } })).toBe(5);
  });
});

// ───────────────────────────── Anonymous issues ─────────────────────────────

const IP = '198.51.100.7';
const UA = 'TestBrowser/1.0';

/** Every text value in every table of the database, as one JSON string per row, with the table's name. */
async function everyRow(): Promise<{ table: string; row: string }[]> {
  const tables = await t.db.$queryRaw<{ table_name: string }[]>`
    SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`;
  const rows: { table: string; row: string }[] = [];
  for (const { table_name } of tables) {
    const found = await t.db.$queryRawUnsafe<{ row: string }[]>(`SELECT row_to_json(x)::text AS row FROM "${table_name}" x`);
    for (const { row } of found) rows.push({ table: table_name, row });
  }
  return rows;
}

describe('anonymous issues', () => {
  it('store nothing about the person: no user, organisation, IP or user agent, anywhere', async () => {
    // Someone signed in (a member of an association) reports anonymously from a known address.
    const reporter = await memberWithCtx(t.db, w.association.id, 'MEMBER');
    const ctx: DomainContext = { ...reporter.ctx, meta: { ip: IP, userAgent: UA } };
    const { issue, receiptCode } = await raiseAnonymousIssue(ctx, { ...issueInput(w.administration.id), officeId: w.office.id, visibility: 'PUBLIC' }, [png]);
    expect(receiptCode).toMatch(/^\d{4}-\d{4}-\d{4}-\d{4}$/);
    expect(issue).toMatchObject({ anonymous: true, visibility: 'RESTRICTED', raisedById: null, reporterOrganizationId: null });
    const digits = parseReceiptCode(receiptCode)!;
    expect(issue.receiptSelector).toBe(digits.slice(0, 6));
    expect(issue.receiptHash).toMatch(/^scrypt\$/);
    expect(issue.receiptHash).not.toContain(digits);
    await followUpAnonymousIssue({ ...ctx, meta: { ip: IP, userAgent: UA } }, { receiptCode, body: INFO }, [textFile()]);

    const responses = await t.db.issueResponse.findMany({ where: { issueId: issue.id } });
    const attachments = await t.db.issueAttachment.findMany({ where: { issueId: issue.id } });
    const events = await eventsOf(issue.id);
    const notes = await notificationsOf(issue.id);
    expect(responses.map((r) => r.authorId)).toEqual([null]);
    expect(attachments.map((a) => a.uploadedById)).toEqual([null, null]);
    expect(events.map((e) => e.action)).toEqual(['issue.raised', 'issue.attachment_added', 'issue.followed_up', 'issue.attachment_added']);
    expect(events.every((e) => e.actorId === null && e.organizationId === w.administration.id)).toBe(true);
    expect(notes.map((n) => n.userId).sort()).toEqual(await usersWithRoles(t.db, w.administration.id, ['LIAISON_OFFICER', 'ORG_ADMIN']));
    const user = await t.db.user.findUniqueOrThrow({ where: { id: reporter.user.id } });
    const traces = [reporter.user.id, user.email, user.name, w.association.id, IP, UA, digits, receiptCode];
    const related = JSON.stringify([issue, responses, attachments, events, notes], (_key, value: unknown) =>
      typeof value === 'bigint' ? String(value) : value,
    );
    for (const trace of traces) expect(related, trace).not.toContain(trace);
    // Nor anywhere else in the database: the address, the user agent and the code appear in no table at all.
    for (const { table, row } of await everyRow()) {
      for (const trace of [IP, UA, digits, receiptCode]) expect(row, `${table} holds ${trace}`).not.toContain(trace);
      if (row.includes(issue.id))
        for (const trace of [reporter.user.id, user.email, w.association.id]) expect(row, `${table} links ${trace}`).not.toContain(trace);
    }
  });

  it('are read by the administration and platform admins only, handled like any other', async () => {
    const { issue } = await raiseTestAnonymousIssue(t.db, w);
    await expectRefused(() => acknowledgeIssue(w.otherAssociation.member.ctx, { issueId: issue.id }), NotFoundError);
    await expectRefused(() => acknowledgeIssue(w.member.ctx, { issueId: issue.id }), NotFoundError);
    await expectRefused(() => acknowledgeIssue(w.platformAdmin.ctx, { issueId: issue.id }), ForbiddenError);
    // Nobody acts as its reporter by role.
    await expectRefused(() => followUpIssue(w.admin.ctx, { issueId: issue.id, body: INFO }), ForbiddenError);
    await driveIssueTo(w, issue.id, 'RESOLVED');
    await expectRefused(() => reopenIssue(w.admin.ctx, { issueId: issue.id, reason: REASON }), ForbiddenError);
  });

  it('receipt holders follow up, reopen with a reason, and add information at once', async () => {
    const { issue, receiptCode } = await raiseTestAnonymousIssue(t.db, w, { now: '2026-11-23T09:00:00.000Z' });
    const holder: DomainContext = { db: t.db, actor: anonymous, meta: { ip: IP } };
    const spaced = receiptCode.replaceAll('-', ' ');
    expect(await openReceipt(holder, spaced)).toEqual({ issueId: issue.id });
    await driveIssueTo(w, issue.id, 'RESOLVED', '2026-11-24T09:00:00.000Z');
    // Information alone on a closed issue: refused, with the files it brought deleted again.
    await expectRefused(
      () => followUpAnonymousIssue(at(holder, '2026-11-25T09:00:00.000Z'), { receiptCode, body: INFO }, [textFile()]),
      ConflictError,
      'errors.issueTransition.followUp.RESOLVED',
    );
    const reopened = await followUpAnonymousIssue(at(holder, '2026-11-25T09:00:00.000Z'), { receiptCode: spaced, reopenReason: REASON, body: INFO }, [
      textFile(),
    ]);
    expect(reopened).toMatchObject({ status: 'REOPENED', respondBy: new Date('2026-12-25T09:00:00.000Z') });
    const events = await eventsOf(issue.id);
    expect(events.slice(-3).map((e) => [e.action, e.actorId])).toEqual([
      ['issue.reopened', null],
      ['issue.followed_up', null],
      ['issue.attachment_added', null],
    ]);
    // Empty follow-ups and files without words are refused before the code is even checked.
    await expectRefused(() => followUpAnonymousIssue(holder, { receiptCode }), ValidationError, 'errors.validation');
    const error = await expectRefused(() => followUpAnonymousIssue(holder, { receiptCode, reopenReason: REASON }, [textFile()]), ValidationError);
    expect(error.fieldErrors.body).toEqual(['errors.issueFollowUpBodyRequired']);
    // Reopening after the window.
    await resolveIssue(at(w.officer.ctx, '2026-11-26T09:00:00.000Z'), { issueId: issue.id, outcome: OUTCOME });
    await expectRefused(
      () => followUpAnonymousIssue(at(holder, '2026-12-27T09:00:00.000Z'), { receiptCode, reopenReason: REASON }),
      ConflictError,
      'errors.issueReopenWindowClosed',
    );
  });

  it('a de-identified summary is published by platform admins, for anonymous issues only', async () => {
    const { issue } = await raiseTestAnonymousIssue(t.db, w);
    const summary = 'A driver reported a request for an unofficial payment at a road crossing.';
    await expectRefused(() => publishIssueSummary(w.officer.ctx, { issueId: issue.id, summary }), ForbiddenError);
    await expectRefused(() => publishIssueSummary(w.outsider.ctx, { issueId: issue.id, summary }), NotFoundError);
    const published = await publishIssueSummary(at(w.platformAdmin.ctx, '2026-11-30T00:00:00.000Z'), { issueId: issue.id, summary });
    expect(published).toMatchObject({ publicSummary: summary, summaryPublishedAt: new Date('2026-11-30T00:00:00.000Z') });
    expect((await eventsOf(issue.id)).at(-1)).toMatchObject({ action: 'issue.summary_published', actorId: w.platformAdmin.user.id });
    const named = await raiseTestIssue(w);
    await expectRefused(() => publishIssueSummary(w.platformAdmin.ctx, { issueId: named.id, summary }), ConflictError, 'errors.issueSummaryOnlyAnonymous');
  });
});

describe('receipt codes', () => {
  it('wrong and unknown codes get the same NotFoundError; a malformed one a format error', async () => {
    resetReceiptRateLimits();
    const { issue, receiptCode } = await raiseTestAnonymousIssue(t.db, w);
    const ctx: DomainContext = { db: t.db, actor: anonymous, meta: { ip: '192.0.2.10' } };
    const digits = parseReceiptCode(receiptCode)!;
    const wrong = `${digits.slice(0, 6)}${digits.slice(6).split('').reverse().join('') === digits.slice(6) ? '0000000001' : digits.slice(6).split('').reverse().join('')}`;
    const unknownSelector = `${digits[0] === '9' ? '0' : '9'}${digits.slice(1)}`;
    const errors = [await rejectionOf(openReceipt(ctx, wrong)), await rejectionOf(openReceipt(ctx, unknownSelector))];
    for (const error of errors) {
      expect(error).toBeInstanceOf(NotFoundError);
      expect(error.message).toBe('errors.receiptCodeNotFound');
    }
    expect(errors[0]).toEqual(errors[1]);
    const malformed = await rejectionOf(openReceipt(ctx, '1234-5678'));
    expect(malformed).toBeInstanceOf(ValidationError);
    expect(malformed.fieldErrors.receiptCode).toEqual(['errors.receiptCodeFormat']);
    // A named issue's id is never reachable by code.
    expect(await openReceipt(ctx, receiptCode)).toEqual({ issueId: issue.id });
  });

  it('rate-limits wrong codes per client (an HMAC of the address, kept in memory) and in total', async () => {
    resetReceiptRateLimits({ perClient: 3, global: 5, windowMs: 15 * 60 * 1000 });
    const { receiptCode } = await raiseTestAnonymousIssue(t.db, w);
    const now = '2026-11-23T10:00:00.000Z';
    const from = (ip: string, when = now): DomainContext => at({ db: t.db, actor: anonymous, meta: { ip } }, when);
    const wrong = '0000-0000-0000-0000' === receiptCode ? '1111-1111-1111-1111' : '0000-0000-0000-0000';
    for (let i = 0; i < 3; i++) expect(await rejectionOf(openReceipt(from('192.0.2.1'), wrong))).toBeInstanceOf(NotFoundError);
    // The fourth try from the same address is refused, even with the right code; another address still works.
    const limited = await rejectionOf(openReceipt(from('192.0.2.1'), receiptCode));
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect(limited.retryAfterSeconds).toBe(15 * 60);
    expect(await openReceipt(from('192.0.2.2'), receiptCode)).toHaveProperty('issueId');
    // The follow-up checks the same limit.
    expect(await rejectionOf(followUpAnonymousIssue(from('192.0.2.1'), { receiptCode, body: INFO }))).toBeInstanceOf(RateLimitedError);
    // Fifteen minutes later the address may try again.
    expect(await openReceipt(from('192.0.2.1', '2026-11-23T10:15:00.001Z'), receiptCode)).toHaveProperty('issueId');
    // Everyone together: 5 wrong codes in the window stop all guessing, from any address.
    resetReceiptRateLimits({ perClient: 3, global: 5, windowMs: 15 * 60 * 1000 });
    for (const ip of ['192.0.2.11', '192.0.2.12', '192.0.2.13', '192.0.2.14', '192.0.2.15']) {
      expect(await rejectionOf(openReceipt(from(ip), wrong))).toBeInstanceOf(NotFoundError);
    }
    expect(await rejectionOf(openReceipt(from('192.0.2.16'), receiptCode))).toBeInstanceOf(RateLimitedError);
    expect(await openReceipt(from('192.0.2.16', '2026-11-23T10:15:00.001Z'), receiptCode)).toHaveProperty('issueId');
    resetReceiptRateLimits();
  });
});

// ───────────────────────────── Nothing half-written ─────────────────────────────

describe('a failing command leaves no files and no rows', () => {
  it('when the transaction fails after the files were stored', async () => {
    const office = await createOffice(system(t.db), {
      administrationId: w.administration.id,
      nameEn: `Closing post ${Date.now()}`,
      nameRu: 'Закрывающийся пост',
      kind: 'AIRPORT',
      latitude: 43.35,
      longitude: 77.04,
    });
    await archiveOffice(system(t.db), { officeId: office.id });
    // Checked inside the transaction, after the files went into the store.
    await expectRefused(() => raiseTestIssue(w, { officeId: office.id, files: [png, textFile()] }), ValidationError);
    await expectRefused(async () => raiseTestAnonymousIssue(t.db, w, { officeId: office.id, files: [png] }), ValidationError);
  });

  it('when the file store fails midway', async () => {
    const real = new LocalFileStore(dir);
    let puts = 0;
    const failing: FileStore = {
      put: async (key, bytes, type) => {
        if (++puts === 2) throw new Error('disk full');
        return real.put(key, bytes, type);
      },
      get: (key) => real.get(key),
      delete: (key) => real.delete(key),
    };
    configureFileStore(failing);
    try {
      const error = await expectRefused(() => raiseTestIssue(w, { files: [png, textFile()] }), Error);
      expect(error.message).toBe('disk full');
    } finally {
      configureFileStore(real);
    }
  });

  it('when a file is refused, nothing is stored and no number is used', async () => {
    const disguised = {
      name: 'invoice.pdf',
      declaredType: 'application/pdf',
      bytes: new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0, 0, 0, 0x04, 0, 0, 0, 0xff, 0xff]),
    };
    await expectRefused(() => raiseTestIssue(w, { files: [textFile(), disguised] }), ValidationError);
  });
});

describe('other customs administrations and organisations', () => {
  it('an officer of another administration cannot handle, and sees a restricted issue as unknown', async () => {
    const other = await makeAdministrationWithOffice(t.db);
    const restricted = await raiseTestIssue(w, { visibility: 'RESTRICTED' });
    const open = await raiseTestIssue(w, { visibility: 'PUBLIC' });
    await expectRefused(() => acknowledgeIssue(other.officer.ctx, { issueId: restricted.id }), NotFoundError);
    await expectRefused(() => acknowledgeIssue(other.officer.ctx, { issueId: open.id }), ForbiddenError);
    // A partner organisation's member cannot raise.
    const partner = await makeOrganization(t.db, { kind: 'PARTNER' });
    const partnerMember = await makeMember(t.db, partner.id, 'ORG_ADMIN');
    await expectRefused(
      async () => raiseIssue(await ctxFor(t.db, partnerMember.id), { organizationId: partner.id, ...issueInput(w.administration.id) }),
      ForbiddenError,
    );
  });
});
