// Reminders of milestones falling due (app/domain/milestone-due.server.ts) with an injected clock: once per milestone,
// due date and kind (soon, then overdue), only OPEN milestones of ACTIVE commitments, to the owner party's responsible
// person; run by the scheduler. And how the five commitment notifications read, in the bell and in emails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../app/domain/actor.server';
import { addCalendarDays, isoDate } from '../../app/domain/commitment-rules';
import { startIssueScheduler } from '../../app/domain/escalation.server';
import { ForbiddenError } from '../../app/domain/errors.server';
import { MILESTONE_DUE_NOTICE_DAYS, milestoneDueKey, runMilestoneDueSweep } from '../../app/domain/milestone-due.server';
import { updateMilestone } from '../../app/domain/milestones.server';
import { NOTIFICATION_KINDS } from '../../app/domain/enums';
import { notificationHref, notificationSummary } from '../../app/components/notification-summary';
import { composeNotificationEmail } from '../../app/web/notification-mail.server';
import { formatDate, translate } from '../../app/i18n';
import { type CommitmentSetup, activeTestCommitment, makeCommitmentSetup, markTestMilestoneDone, proposeTestCommitment } from '../helpers/commitments';
import { type TestDatabase, createTestDatabase } from '../helpers/db';
import { at } from '../helpers/issues';

let t: TestDatabase;
let s: CommitmentSetup;
const START = new Date('2027-05-03T08:00:00.000Z');
const sweep = (now: Date | string) => runMilestoneDueSweep({ db: t.db, actor: systemActor('test') }, { now: new Date(now) });
const dueNotifications = (milestoneId: string) =>
  t.db.notification.findMany({ where: { kind: 'MILESTONE_DUE', dedupeKey: { startsWith: `milestone-due:${milestoneId}:` } }, orderBy: { createdAt: 'asc' } });

beforeAll(async () => {
  t = await createTestDatabase();
  s = await makeCommitmentSetup(t.db);
}, 240_000);
afterAll(async () => {
  await t?.close();
});

describe('runMilestoneDueSweep', () => {
  it('announces a milestone due soon once, then overdue once; a new due date is announced again', async () => {
    const { commitment, milestones } = await activeTestCommitment(t.db, s, { now: START, milestones: 2 });
    const [m0, m1] = milestones;
    const due0 = isoDate(m0.dueDate);

    // Four days before: nothing yet.
    await sweep(`${addCalendarDays(due0, -(MILESTONE_DUE_NOTICE_DAYS + 1))}T23:59:59.999Z`);
    expect(await dueNotifications(m0.id)).toHaveLength(0);

    // Three days before, at midnight: due soon, to the owner party's responsible person (the proposer here).
    const soonAt = new Date(`${addCalendarDays(due0, -MILESTONE_DUE_NOTICE_DAYS)}T00:00:00.000Z`);
    const first = await sweep(soonAt);
    expect(first.notified).toBeGreaterThanOrEqual(1);
    let rows = await dueNotifications(m0.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      userId: s.customsAdmin.id,
      subjectType: 'Commitment',
      subjectId: commitment.id,
      dedupeKey: `${milestoneDueKey(m0.id, due0, 'soon')}:${s.customsAdmin.id}`,
      createdAt: soonAt,
    });
    expect(rows[0].data).toEqual({
      reference: commitment.reference,
      title: commitment.title,
      status: 'AT_RISK',
      event: 'soon',
      milestoneId: m0.id,
      milestoneTitle: m0.title,
      dueDate: due0,
    });

    // Again, later the same day and on the due date itself: nothing new.
    expect((await sweep(new Date(soonAt.getTime() + 3_600_000))).notified).toBe(0);
    await sweep(`${due0}T23:59:59.999Z`);
    expect(await dueNotifications(m0.id)).toHaveLength(1);

    // The day after the due date: overdue, once.
    const overdueAt = `${addCalendarDays(due0, 1)}T00:00:00.000Z`;
    await sweep(overdueAt);
    await sweep(overdueAt);
    rows = await dueNotifications(m0.id);
    expect(rows.map((r) => (r.data as { event: string }).event)).toEqual(['soon', 'overdue']);
    expect((rows[1].data as { status: string }).status).toBe('DELAYED');
    // The association's milestone is not due yet.
    expect(await dueNotifications(m1.id)).toHaveLength(0);

    // A new due date is a new reminder.
    const newDue = addCalendarDays(due0, 2);
    await updateMilestone(at(s.customsAdmin.ctx, overdueAt), { milestoneId: m0.id, dueDate: newDue });
    await sweep(overdueAt);
    rows = await dueNotifications(m0.id);
    expect(rows.map((r) => r.dedupeKey)).toContain(`${milestoneDueKey(m0.id, newDue, 'soon')}:${s.customsAdmin.id}`);

    // Marked done: no further reminders, even long overdue.
    await markTestMilestoneDone(t.db, s, { ...m0, dueDate: new Date(`${newDue}T00:00:00.000Z`) }, { now: overdueAt });
    const count = rows.length;
    await sweep(`${addCalendarDays(newDue, 10)}T12:00:00.000Z`);
    expect(await dueNotifications(m0.id)).toHaveLength(count);
    // …while the association's milestone, now overdue too, goes to its responsible person.
    const m1Rows = await dueNotifications(m1.id);
    expect(m1Rows.length).toBe(0);
    await sweep(`${addCalendarDays(isoDate(m1.dueDate), 1)}T00:00:00.000Z`);
    const m1After = await dueNotifications(m1.id);
    expect(m1After).toHaveLength(1);
    expect(m1After[0].userId).toBe(s.associationSignatory.id);
  });

  it('ignores proposed commitments and is refused to anyone but the platform', async () => {
    const proposed = await proposeTestCommitment(t.db, s, { now: START, milestoneCount: 1 });
    const milestone = await t.db.milestone.findFirstOrThrow({ where: { commitmentId: proposed.id } });
    await sweep(`${addCalendarDays(isoDate(milestone.dueDate), 5)}T00:00:00.000Z`);
    expect(await dueNotifications(milestone.id)).toHaveLength(0);
    await expect(runMilestoneDueSweep(s.customsAdmin.ctx, { now: START })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('runs from the issue scheduler', async () => {
    const { milestones } = await activeTestCommitment(t.db, s, { now: START, milestones: 1 });
    const now = new Date(`${addCalendarDays(isoDate(milestones[0].dueDate), -1)}T10:00:00.000Z`);
    const errors: { step: string }[] = [];
    const scheduler = startIssueScheduler(t.db, { intervalMs: 3_600_000, firstRunMs: 3_600_000, now: () => now, onError: (_e, step) => errors.push({ step }) });
    try {
      await scheduler.runNow();
    } finally {
      await scheduler.stop();
    }
    expect(errors.filter((e) => e.step !== 'email')).toEqual([]);
    expect(await dueNotifications(milestones[0].id)).toHaveLength(1);
  });
});

describe('how commitment notifications read', () => {
  const data = (extra: Record<string, unknown> = {}) => ({ reference: 'COM-2027-0042', title: 'Fee schedules at every gate', status: 'ON_TRACK', ...extra });
  const tOf = (locale: 'en' | 'ru') =>
    Object.assign((key: string, params?: Record<string, string | number>) => translate(locale, key, params), {
      date: (value: string) => formatDate(locale, value),
    });
  const say = (locale: 'en' | 'ru', kind: string, extra: Record<string, unknown> = {}) => notificationSummary(tOf(locale), kind, data(extra), (v) => v);

  it('every kind and event has its own sentence, in English and Russian, and an email preference', () => {
    expect(say('en', 'COMMITMENT_PROPOSED', { event: 'proposed', status: 'PROPOSED' })).toBe(
      'Your organisation is invited to join the joint commitment COM-2027-0042 “Fee schedules at every gate”: accept or decline it.',
    );
    expect(say('en', 'COMMITMENT_STATUS_CHANGED', { event: 'activated' })).toContain('it is now active');
    expect(say('en', 'COMMITMENT_STATUS_CHANGED', { event: 'declined' })).toBe(
      'A party declined the joint commitment COM-2027-0042 “Fee schedules at every gate”.',
    );
    expect(say('en', 'COMMITMENT_STATUS_CHANGED', { event: 'cancelled' })).toContain('it is cancelled');
    expect(say('en', 'COMMITMENT_STATUS_CHANGED', { event: 'completed', status: 'COMPLETED' })).toContain('is completed');
    expect(say('en', 'COMMITMENT_STATUS_CHANGED', { event: 'other', status: 'DELAYED' })).toContain('is now: Delayed.');
    expect(say('ru', 'COMMITMENT_STATUS_CHANGED', { event: 'other', status: 'DELAYED' })).toContain(`теперь: ${translate('ru', 'commitment.status.DELAYED')}.`);
    expect(say('en', 'MILESTONE_AWAITING_CONFIRMATION', { event: 'awaitingConfirmation', milestoneTitle: 'Posters printed' })).toBe(
      'The milestone “Posters printed” of COM-2027-0042 “Fee schedules at every gate” was marked done and awaits your confirmation.',
    );
    expect(say('ru', 'MILESTONE_DISPUTED', { event: 'disputed', milestoneTitle: 'Posters printed' })).toBe(
      'Этап «Posters printed» обязательства COM-2027-0042 «Fee schedules at every gate» оспорен и снова открыт.',
    );
    expect(say('en', 'MILESTONE_DUE', { event: 'soon', milestoneTitle: 'Posters printed', dueDate: '2027-06-02' })).toBe(
      'The milestone “Posters printed” of COM-2027-0042 “Fee schedules at every gate” is due on 2 Jun 2027.',
    );
    expect(say('en', 'MILESTONE_DUE', { event: 'overdue', milestoneTitle: 'Posters printed', dueDate: '2027-06-02' })).toContain(
      'is overdue: it was due on 2 Jun 2027.',
    );
    expect(say('ru', 'MILESTONE_DUE', { event: 'overdue', milestoneTitle: 'Posters printed', dueDate: '2027-06-02' })).toContain('просрочен');
    for (const kind of NOTIFICATION_KINDS) {
      for (const locale of ['en', 'ru'] as const) {
        expect(translate(locale, `notifications.kind.${kind}`)).not.toBe(`notifications.kind.${kind}`);
        expect(translate(locale, `notifications.summary.${kind}`)).not.toBe(`notifications.summary.${kind}`);
        expect(translate(locale, `notifications.mail.subject.${kind}`)).not.toBe(`notifications.mail.subject.${kind}`);
      }
    }
  });

  it('links to the commitment, or to the milestone; the email too', () => {
    expect(notificationHref('Commitment', data())).toBe('/commitments/COM-2027-0042');
    expect(notificationHref('Commitment', data({ milestoneId: 'cm123abc' }))).toBe('/commitments/COM-2027-0042/milestones/cm123abc');
    expect(notificationHref('Commitment', data({ reference: '../admin' }))).toBeNull();
    expect(notificationHref('Issue', { reference: 'ISS-2027-0001' })).toBe('/issues/ISS-2027-0001');
    const base = { notificationId: 'n', subjectType: 'Commitment', subjectId: 'c', createdAt: START, to: 'a@example.test', name: 'A' };
    const due = composeNotificationEmail({
      ...base,
      locale: 'en',
      kind: 'MILESTONE_DUE',
      link: 'https://compact.example/notifications',
      data: data({ event: 'overdue', milestoneId: 'cm123abc', milestoneTitle: 'Posters printed', dueDate: '2027-06-02' }),
    });
    expect(due.subject).toBe('Milestone overdue: Posters printed (COM-2027-0042)');
    expect(due.text).toContain('https://compact.example/commitments/COM-2027-0042/milestones/cm123abc');
    expect(due.text).toContain('https://compact.example/settings');
    expect(due.html).toContain('Open the milestone');
    const proposed = composeNotificationEmail({
      ...base,
      locale: 'ru',
      kind: 'COMMITMENT_PROPOSED',
      link: '/notifications',
      data: data({ event: 'proposed' }),
    });
    expect(proposed.subject).toBe('Приглашение к совместному обязательству: COM-2027-0042 Fee schedules at every gate');
    expect(proposed.html).toContain('href="/commitments/COM-2027-0042"');
    expect(proposed.html).toContain('Открыть обязательство');
  });
});
