// Escalation of missed deadlines: exactly once per (issue, deadline, dueAt), even with two sweeps at once; the
// administration's ORG_ADMINs are notified, the audit records the system; and the scheduler that runs it.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../app/domain/actor.server';
import { verifyAuditChain } from '../../app/domain/audit.server';
import { ForbiddenError } from '../../app/domain/errors.server';
import { runEscalationSweep, startIssueScheduler } from '../../app/domain/escalation.server';
import { addWorkingDays, deadlinesFor, missedDeadlines } from '../../app/domain/issue-rules';
import { configureMail } from '../../app/domain/mail.server';
import { configureNotificationEmails } from '../../app/domain/notifications.server';
import { composeNotificationEmail } from '../../app/web/notification-mail.server';
import { type TestDatabase, createTestDatabase } from '../helpers/db';
import { ctxFor, makeMember, makeOrganization, system } from '../helpers/fixtures';

let t: TestDatabase;
let outboxDir: string;
beforeAll(async () => {
  t = await createTestDatabase();
  outboxDir = await fs.mkdtemp(path.join(os.tmpdir(), 'ic-escalation-outbox-'));
  configureMail({ from: 'Integrity Compact <no-reply@example.test>', outboxDir });
  configureNotificationEmails({ compose: composeNotificationEmail, publicUrl: 'https://compact.example.test' });
});
afterAll(async () => {
  configureNotificationEmails(undefined);
  configureMail(undefined);
  await fs.rm(outboxDir, { recursive: true, force: true });
  await t?.close();
});

const sweeper = () => ({ ...system(t.db), actor: systemActor('issue-scheduler') });
let seq = 0;

async function administration() {
  const admin = await makeOrganization(t.db, { kind: 'CUSTOMS_ADMINISTRATION' });
  const orgAdmins = [await makeMember(t.db, admin.id, 'ORG_ADMIN'), await makeMember(t.db, admin.id, 'ORG_ADMIN')];
  const officer = await makeMember(t.db, admin.id, 'LIAISON_OFFICER');
  return { admin, orgAdmins, officer };
}

/** An issue row as raised at `raisedAt` (written directly: escalation only reads the dates). */
async function issueAt(administrationId: string, raisedAt: Date, extra: Record<string, unknown> = {}) {
  const { acknowledgeBy, respondBy } = deadlinesFor(raisedAt, { acknowledgeWorkingDays: 5, respondDays: 30 });
  seq++;
  return t.db.issue.create({
    data: {
      reference: `ISS-2026-${String(9000 + seq).padStart(4, '0')}`,
      title: `Unexplained delay at the crossing ${seq}`,
      description: 'Trucks were held for two days without any explanation being given.',
      administrationId,
      occurredAt: raisedAt,
      category: 'UNEXPLAINED_DELAY',
      factor: 'TRANSPARENCY',
      severity: 'HIGH',
      visibility: 'RESTRICTED',
      anonymous: true,
      acknowledgeBy,
      respondBy,
      createdAt: raisedAt,
      ...extra,
    },
  });
}

const escalationsOf = (issueId: string) => t.db.issueEscalation.findMany({ where: { issueId }, orderBy: { dueAt: 'asc' } });
const notificationsOf = (issueId: string) => t.db.notification.findMany({ where: { subjectId: issueId, kind: 'ISSUE_ESCALATED' }, orderBy: { userId: 'asc' } });
const auditOf = (issueId: string) => t.db.auditEvent.findMany({ where: { subjectId: issueId, action: 'issue.escalated' }, orderBy: { seq: 'asc' } });
const ms = (date: Date, delta: number) => new Date(date.getTime() + delta);

// Monday 5 January 2026, 10:00 UTC: acknowledge by Monday 12 January 10:00, respond by 4 February 10:00.
const MONDAY = new Date('2026-01-05T10:00:00.000Z');

describe('runEscalationSweep', () => {
  it('escalates a missed acknowledgement once: at the deadline nothing, a millisecond later the ORG_ADMINs are told', async () => {
    const { admin, orgAdmins, officer } = await administration();
    const issue = await issueAt(admin.id, MONDAY);
    expect(issue.acknowledgeBy.toISOString()).toBe('2026-01-12T10:00:00.000Z');

    expect(await runEscalationSweep(sweeper(), issue.acknowledgeBy)).toMatchObject({ escalated: 0 });
    expect(await escalationsOf(issue.id)).toHaveLength(0);

    const late = ms(issue.acknowledgeBy, 1);
    expect((await runEscalationSweep(sweeper(), late)).escalated).toBe(1);
    const escalations = await escalationsOf(issue.id);
    expect(escalations.map((e) => [e.deadline, e.dueAt.toISOString(), e.escalatedAt.toISOString()])).toEqual([
      ['ACKNOWLEDGE', '2026-01-12T10:00:00.000Z', late.toISOString()],
    ]);
    const notes = await notificationsOf(issue.id);
    expect(notes.map((n) => n.userId).sort()).toEqual(orgAdmins.map((u) => u.id).sort());
    expect(notes.some((n) => n.userId === officer.id)).toBe(false);
    expect(notes[0].data).toMatchObject({ reference: issue.reference, title: issue.title, status: 'RAISED', event: 'escalated', deadline: 'ACKNOWLEDGE' });
    expect(notes[0].createdAt.toISOString()).toBe(late.toISOString());
    const events = await auditOf(issue.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: 'system:issue-scheduler', subjectType: 'Issue', organizationId: admin.id });
    expect(events[0].data).toEqual({ deadline: 'ACKNOWLEDGE', dueAt: '2026-01-12T10:00:00.000Z' });

    // Again, and again later: nothing new for that deadline.
    await runEscalationSweep(sweeper(), late);
    await runEscalationSweep(sweeper(), ms(late, 60_000));
    expect(await escalationsOf(issue.id)).toHaveLength(1);
    expect(await notificationsOf(issue.id)).toHaveLength(2);
    expect(await auditOf(issue.id)).toHaveLength(1);
  });

  it('two sweeps at the same time: one escalation, one notification per ORG_ADMIN, one audit event', async () => {
    const { admin, orgAdmins } = await administration();
    const issues = await Promise.all([0, 1, 2].map(() => issueAt(admin.id, MONDAY)));
    const now = ms(issues[0].acknowledgeBy, 5_000);
    const results = await Promise.all([runEscalationSweep(sweeper(), now), runEscalationSweep(sweeper(), now)]);
    for (const issue of issues) {
      expect(await escalationsOf(issue.id)).toHaveLength(1);
      const notes = await notificationsOf(issue.id);
      expect(notes.map((n) => n.userId).sort()).toEqual(orgAdmins.map((u) => u.id).sort());
      expect(await auditOf(issue.id)).toHaveLength(1);
    }
    // Between them, each of this administration's issues was escalated by exactly one of the two sweeps.
    const mine = await t.db.issueEscalation.count({ where: { issueId: { in: issues.map((i) => i.id) } } });
    expect(mine).toBe(3);
    expect(results[0].escalated + results[1].escalated).toBeGreaterThanOrEqual(3);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  });

  it('escalates each deadline on its own, an acknowledgement made late too, and a new respondBy after reopening', async () => {
    const { admin } = await administration();
    const issue = await issueAt(admin.id, MONDAY);
    // Acknowledged a day late; the sweep had not run in between: the missed deadline is still escalated.
    const acknowledgedAt = ms(issue.acknowledgeBy, 24 * 3600_000);
    await t.db.issue.update({ where: { id: issue.id }, data: { status: 'ACKNOWLEDGED', acknowledgedAt } });
    await runEscalationSweep(sweeper(), ms(acknowledgedAt, 1_000));
    expect((await escalationsOf(issue.id)).map((e) => e.deadline)).toEqual(['ACKNOWLEDGE']);

    // The response deadline passes.
    await runEscalationSweep(sweeper(), issue.respondBy);
    expect(await escalationsOf(issue.id)).toHaveLength(1);
    await runEscalationSweep(sweeper(), ms(issue.respondBy, 1));
    expect((await escalationsOf(issue.id)).map((e) => e.deadline)).toEqual(['ACKNOWLEDGE', 'RESPOND']);

    // Responded late, resolved, reopened: the new response deadline escalates again when missed.
    const reopenedAt = ms(issue.respondBy, 10 * 24 * 3600_000);
    const respondBy = ms(reopenedAt, 30 * 24 * 3600_000);
    await t.db.issue.update({
      where: { id: issue.id },
      data: { status: 'REOPENED', reopenedAt, respondBy, respondedAt: null, closedAt: null, reopenCount: 1 },
    });
    await runEscalationSweep(sweeper(), ms(reopenedAt, 1_000));
    expect(await escalationsOf(issue.id)).toHaveLength(2);
    await runEscalationSweep(sweeper(), ms(respondBy, 1));
    const all = await escalationsOf(issue.id);
    expect(all.map((e) => [e.deadline, e.dueAt.toISOString()])).toEqual([
      ['ACKNOWLEDGE', issue.acknowledgeBy.toISOString()],
      ['RESPOND', issue.respondBy.toISOString()],
      ['RESPOND', respondBy.toISOString()],
    ]);
    expect(await auditOf(issue.id)).toHaveLength(3);
    expect(await notificationsOf(issue.id)).toHaveLength(6);
  });

  it('leaves alone issues acknowledged and answered in time, and resolved or rejected ones', async () => {
    const { admin } = await administration();
    const onTime = await issueAt(admin.id, MONDAY);
    await t.db.issue.update({
      where: { id: onTime.id },
      data: { status: 'RESPONDED', acknowledgedAt: ms(MONDAY, 3600_000), respondedAt: ms(MONDAY, 2 * 24 * 3600_000) },
    });
    const resolved = await issueAt(admin.id, MONDAY, { status: 'RESOLVED', closedAt: ms(MONDAY, 3600_000), outcome: 'Resolved quickly.' });
    const rejected = await issueAt(admin.id, MONDAY, { status: 'REJECTED', closedAt: ms(MONDAY, 3600_000), outcome: 'Out of scope.' });
    const later = ms(MONDAY, 400 * 24 * 3600_000);
    await runEscalationSweep(sweeper(), later);
    for (const issue of [onTime, resolved, rejected]) expect(await escalationsOf(issue.id)).toHaveLength(0);
  });

  it('weekends: raised on Saturday, the working days count from Monday 00:00 UTC', async () => {
    const { admin } = await administration();
    const saturday = new Date('2026-01-10T15:30:00.000Z');
    const issue = await issueAt(admin.id, saturday);
    expect(issue.acknowledgeBy.toISOString()).toBe(addWorkingDays(saturday, 5).toISOString());
    expect(issue.acknowledgeBy.toISOString()).toBe('2026-01-19T00:00:00.000Z');
    await runEscalationSweep(sweeper(), new Date('2026-01-18T23:59:59.999Z'));
    expect(await escalationsOf(issue.id)).toHaveLength(0);
    await runEscalationSweep(sweeper(), new Date('2026-01-19T00:00:00.001Z'));
    expect(await escalationsOf(issue.id)).toHaveLength(1);
  });

  it('agrees with missedDeadlines for every issue', async () => {
    const now = new Date('2026-03-01T00:00:00.000Z');
    await runEscalationSweep(sweeper(), now);
    const issues = await t.db.issue.findMany({ include: { escalations: true } });
    for (const issue of issues) {
      for (const missed of missedDeadlines(issue, now)) {
        expect(issue.escalations.some((e) => e.deadline === missed.deadline && e.dueAt.getTime() === missed.dueAt.getTime())).toBe(true);
      }
    }
  });

  it('is run by the platform only', async () => {
    const { admin, orgAdmins } = await administration();
    await expect(runEscalationSweep(await ctxFor(t.db, orgAdmins[0].id), new Date())).rejects.toBeInstanceOf(ForbiddenError);
    await expect(runEscalationSweep({ db: t.db, actor: { kind: 'anonymous' } }, new Date())).rejects.toBeInstanceOf(ForbiddenError);
    expect(admin.id).toBeTruthy();
  });
});

describe('startIssueScheduler', () => {
  it('escalates, then emails the notifications; stop() waits for the run and ends the timer', async () => {
    const { admin, orgAdmins } = await administration();
    const issue = await issueAt(admin.id, MONDAY);
    const now = ms(issue.respondBy, 1);
    const errors: unknown[] = [];
    const scheduler = startIssueScheduler(t.db, { intervalMs: 3_600_000, firstRunMs: 3_600_000, now: () => now, onError: (e) => errors.push(e) });
    // Two runs asked for at once share one.
    await Promise.all([scheduler.runNow(), scheduler.runNow()]);
    await scheduler.stop();
    expect(errors).toEqual([]);
    expect((await escalationsOf(issue.id)).map((e) => e.deadline).sort()).toEqual(['ACKNOWLEDGE', 'RESPOND']);
    const notes = await notificationsOf(issue.id);
    expect(notes).toHaveLength(4);
    expect(notes.every((n) => n.emailedAt?.getTime() === now.getTime())).toBe(true);
    const files = await fs.readdir(outboxDir);
    const texts = await Promise.all(files.map((f) => fs.readFile(path.join(outboxDir, f), 'utf8')));
    for (const user of orgAdmins) expect(texts.filter((x) => x.includes(`To: ${user.email}`)).length).toBeGreaterThanOrEqual(2);
    // After stop(), asking for a run does nothing.
    await scheduler.runNow();
  });
});
