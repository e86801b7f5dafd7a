// Issues under concurrency: references unique and gap-free however many issues are raised at once, and every command
// re-checks the issue's state under its row lock, so two acts racing on one issue never both apply, and what a
// command checked before its transaction (the status, the file count) cannot be stale when it writes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, createDb } from '../../app/db/client.server';
import { verifyAuditChain } from '../../app/domain/audit.server';
import { ConflictError, ValidationError } from '../../app/domain/errors.server';
import {
  acknowledgeIssue,
  followUpAnonymousIssue,
  followUpIssue,
  raiseAnonymousIssue,
  rejectIssue,
  reopenIssue,
  resolveIssue,
} from '../../app/domain/issues.server';
import { type TestDatabase, createTestDatabase } from '../helpers/db';
import {
  type IssueWorld,
  OUTCOME,
  at,
  driveIssueTo,
  filesIn,
  issueInput,
  issueWriteCounts,
  makeIssueWorld,
  raiseTestAnonymousIssue,
  raiseTestIssue,
  rejectionOf,
  textFile,
  useTempFileStore,
} from '../helpers/issues';

let t: TestDatabase;
let dir: string;
let w: IssueWorld;
beforeAll(async () => {
  t = await createTestDatabase();
  dir = useTempFileStore();
  w = await makeIssueWorld(t.db);
});
afterAll(async () => {
  if (t) expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  await t?.close();
});

/**
 * The same database client, except that the first transaction it opens waits for `before` to finish: whatever the
 * command read before its transaction is then stale, exactly as when another request commits in between.
 */
function withHookBeforeTransaction(db: Db, before: () => Promise<unknown>): Db {
  let fired = false;
  return new Proxy(db, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target);
      if (prop === '$transaction' && typeof value === 'function') {
        return async (...args: unknown[]) => {
          if (!fired) {
            fired = true;
            await before();
          }
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * The same client, waiting longer for a pooled connection: 20 transactions on a pool of 10 (PostgreSQL) or on PGlite's
 * one session queue for their turn, and a busy test machine must not turn that wait into a failure.
 */
function patient(db: Db): Db {
  return new Proxy(db, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target);
      if (prop === '$transaction' && typeof value === 'function') {
        return (work: unknown, options?: object) =>
          (value as (...a: unknown[]) => unknown).call(target, work, { maxWait: 60_000, timeout: 60_000, ...options });
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

describe('references', () => {
  it('20 issues raised at once get 20 distinct, gap-free numbers', async () => {
    // A year no other test uses, so the counter starts at 1.
    const now = '2031-03-03T10:00:00.000Z';
    // On PostgreSQL, a client of its own whose statements may wait longer for the counter's row lock than the app's
    // 5 s statement limit: on a loaded test machine ten queued raises can exceed it (PGlite has no such limit).
    const own = t.target === 'postgres' ? createDb(t.url, { embedded: false, statementTimeoutMs: 60_000 }) : null;
    const db = patient(own ?? t.db);
    const raised = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        i % 4 === 3
          ? raiseTestAnonymousIssue(db, w, { now }).then((r) => r.issue)
          : raiseTestIssue(
              i % 2 ? { ...w, member: { ...w.orgAdmin, ctx: { ...w.orgAdmin.ctx, db } } } : { ...w, member: { ...w.member, ctx: { ...w.member.ctx, db } } },
              {
                now,
              },
            ),
      ),
    );
    const references = raised.map((issue) => issue.reference).sort();
    expect(references).toEqual(Array.from({ length: 20 }, (_, i) => `ISS-2031-${String(i + 1).padStart(4, '0')}`));
    expect(await t.db.issueCounter.findUniqueOrThrow({ where: { year: 2031 } })).toEqual({ year: 2031, last: 20 });
    await own?.$disconnect();
  });

  it('a failed raise gives its number back (the counter rolls back with the transaction)', async () => {
    const now = '2032-01-05T10:00:00.000Z';
    await raiseTestIssue(w, { now });
    expect(await rejectionOf(raiseTestIssue(w, { now, officeId: 'not-an-office' }))).toBeInstanceOf(ValidationError);
    expect((await raiseTestIssue(w, { now })).reference).toBe('ISS-2032-0002');
  });
});

describe('two acts on one issue at once', () => {
  it('two acknowledgements: one applies, the other is refused', async () => {
    const issue = await raiseTestIssue(w);
    const results = await Promise.allSettled([acknowledgeIssue(w.officer.ctx, { issueId: issue.id }), acknowledgeIssue(w.admin.ctx, { issueId: issue.id })]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(ConflictError);
    expect(refused.reason.message).toBe('errors.issueTransition.acknowledge.ACKNOWLEDGED');
    const events = await t.db.auditEvent.findMany({ where: { subjectId: issue.id, action: 'issue.acknowledged' } });
    expect(events).toHaveLength(1);
  });

  it('resolve and reject racing: exactly one closes it', async () => {
    const issue = await raiseTestIssue(w);
    await driveIssueTo(w, issue.id, 'ACKNOWLEDGED');
    const results = await Promise.allSettled([
      resolveIssue(w.officer.ctx, { issueId: issue.id, outcome: OUTCOME }),
      rejectIssue(w.admin.ctx, { issueId: issue.id, outcome: OUTCOME }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
    const closing = await t.db.auditEvent.count({ where: { subjectId: issue.id, action: { in: ['issue.resolved', 'issue.rejected'] } } });
    expect(closing).toBe(1);
  });

  it('two reopenings: one applies, the counter says 1', async () => {
    const issue = await raiseTestIssue(w);
    await driveIssueTo(w, issue.id, 'RESOLVED');
    const reason = 'Nothing changed at the post since the resolution.';
    const results = await Promise.allSettled([
      reopenIssue(w.member.ctx, { issueId: issue.id, reason }),
      reopenIssue(w.orgAdmin.ctx, { issueId: issue.id, reason }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((await t.db.issue.findUniqueOrThrow({ where: { id: issue.id } })).reopenCount).toBe(1);
  });
});

describe('what a command checked before its transaction is checked again under the lock', () => {
  it('a follow-up whose issue was resolved meanwhile is refused, and its files are deleted', async () => {
    const issue = await raiseTestIssue(w);
    await driveIssueTo(w, issue.id, 'ACKNOWLEDGED');
    const db = withHookBeforeTransaction(t.db, () => resolveIssue(w.officer.ctx, { issueId: issue.id, outcome: OUTCOME }));
    const files = filesIn(dir).length;
    const error = await rejectionOf(followUpIssue({ ...w.member.ctx, db }, { issueId: issue.id, body: 'More detail about the second request.' }, [textFile()]));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.message).toBe('errors.issueTransition.followUp.RESOLVED');
    expect(filesIn(dir).length).toBe(files);
    expect(await t.db.issueResponse.count({ where: { issueId: issue.id, kind: 'REPORTER_INFO' } })).toBe(0);
  });

  it('two follow-ups that each fit the 5-file limit, but not together: the second is refused, its files deleted', async () => {
    const issue = await raiseTestIssue(w, { files: [textFile('a.txt')] });
    const three = (prefix: string) => [textFile(`${prefix}1.txt`), textFile(`${prefix}2.txt`), textFile(`${prefix}3.txt`)];
    const body = 'Scans of the receipts from three further crossings.';
    const db = withHookBeforeTransaction(t.db, () => followUpIssue(w.orgAdmin.ctx, { issueId: issue.id, body }, three('x')));
    const files = filesIn(dir).length;
    const error = await rejectionOf(followUpIssue({ ...w.member.ctx, db }, { issueId: issue.id, body }, three('y')));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.fieldErrors.files[0]).toMatchObject({ key: 'issuesEvidence.errors.tooMany', params: { remaining: 1 } });
    // Only the first follow-up's three files were added.
    expect(filesIn(dir).length).toBe(files + 3);
    expect(await t.db.issueAttachment.count({ where: { issueId: issue.id } })).toBe(4);
  });

  it('parallel anonymous follow-ups with files stay within the limit', async () => {
    const { issue, receiptCode } = await raiseTestAnonymousIssue(t.db, w);
    const body = 'Another photo of the notice at the gate.';
    const results = await Promise.allSettled(
      Array.from({ length: 4 }, (_, i) =>
        followUpAnonymousIssue({ db: t.db, actor: { kind: 'anonymous' } }, { receiptCode, body }, [textFile(`p${i}a.txt`), textFile(`p${i}b.txt`)]),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(ValidationError);
    const attachments = await t.db.issueAttachment.findMany({ where: { issueId: issue.id } });
    expect(attachments).toHaveLength(4);
    for (const a of attachments) expect(filesIn(dir)).toContain(a.storageKey);
  });

  it('a raise that fails leaves nothing, even when others succeed around it', async () => {
    const before = await issueWriteCounts(t.db);
    const files = filesIn(dir).length;
    const results = await Promise.allSettled([
      raiseTestIssue(w, { files: [textFile()] }),
      raiseTestIssue(w, { officeId: 'missing', files: [textFile()] }),
      raiseAnonymousIssue({ db: t.db, actor: { kind: 'anonymous' } }, { ...issueInput(w.administration.id), officeId: 'missing' }, [textFile()]),
      raiseTestIssue(w, { files: [textFile()] }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    const after = await issueWriteCounts(t.db);
    expect(after.issues - before.issues).toBe(2);
    expect(after.attachments - before.attachments).toBe(2);
    expect(filesIn(dir).length - files).toBe(2);
  });

  it('deadline-sensitive: a reopen racing the window uses the command’s own clock', async () => {
    const issue = await raiseTestIssue(w, { now: '2026-11-23T09:00:00.000Z' });
    await driveIssueTo(w, issue.id, 'RESOLVED', '2026-11-24T09:00:00.000Z');
    const reason = 'The problem came back at the same post.';
    const late = await rejectionOf(reopenIssue(at(w.member.ctx, '2026-12-24T09:00:00.001Z'), { issueId: issue.id, reason }));
    expect(late).toBeInstanceOf(ConflictError);
    await reopenIssue(at(w.member.ctx, '2026-12-24T09:00:00.000Z'), { issueId: issue.id, reason });
  });
});
