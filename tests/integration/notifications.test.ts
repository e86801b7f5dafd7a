// Notifications: creating them (deduplicated, never to the actor), reading and marking one's own, email preferences,
// and email delivery (claimed once even by two runs at once, muted kinds skipped, worded in the recipient's language),
// and the outbox read back by platform administrators.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { anonymous } from '../../app/domain/actor.server';
import { ForbiddenError, NotAuthenticatedError, NotFoundError, ValidationError } from '../../app/domain/errors.server';
import { configureMail } from '../../app/domain/mail.server';
import {
  configureNotificationEmails,
  deliverPendingEmails,
  emailPreferences,
  listNotifications,
  markNotificationsRead,
  notificationLink,
  notify,
  setEmailPreferences,
  unreadCount,
  usersWithRoles,
} from '../../app/domain/notifications.server';
import { decodeHeaderValue, isOutboxFileName, listOutboxMessages, parseEml, readOutboxMessage } from '../../app/domain/notification-outbox.server';
import { composeNotificationEmail } from '../../app/web/notification-mail.server';
import { type TestDatabase, createTestDatabase } from '../helpers/db';
import { ctxFor, makeMember, makeOrganization, makeUser } from '../helpers/fixtures';

let t: TestDatabase;
let outboxDir: string;
const PUBLIC_URL = 'https://compact.example.test';
beforeAll(async () => {
  t = await createTestDatabase();
  outboxDir = await fs.mkdtemp(path.join(os.tmpdir(), 'ic-notifications-outbox-'));
  configureMail({ from: 'Integrity Compact <no-reply@example.test>', outboxDir });
  configureNotificationEmails({ compose: composeNotificationEmail, publicUrl: PUBLIC_URL });
});
afterAll(async () => {
  configureNotificationEmails(undefined);
  configureMail(undefined);
  await fs.rm(outboxDir, { recursive: true, force: true });
  await t?.close();
});

const T0 = new Date('2026-02-02T09:00:00.000Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
let subject = 0;
const issueData = (extra: Record<string, unknown> = {}) => ({
  reference: 'ISS-2026-0042',
  title: 'Fees demanded at the Khorgos crossing',
  status: 'ACKNOWLEDGED',
  ...extra,
});

/** Create notifications in a transaction, as a command would. */
const create = (input: Omit<Parameters<typeof notify>[1], 'subjectType' | 'subjectId'> & { subjectId?: string }) =>
  t.db.$transaction((tx) => notify(tx, { subjectType: 'Issue', subjectId: input.subjectId ?? `issue-${++subject}`, ...input }));

async function drainOutbox() {
  // Earlier tests' messages: claim and send them so each test counts its own.
  await deliverPendingEmails(t.db, new Date('2100-01-01T00:00:00.000Z'));
  for (const f of await fs.readdir(outboxDir)) await fs.rm(path.join(outboxDir, f));
}

describe('notify and usersWithRoles', () => {
  it('creates one notification per recipient, skips the actor and duplicates, and is idempotent with a dedupe key', async () => {
    const [a, b, actor] = [await makeUser(t.db), await makeUser(t.db), await makeUser(t.db)];
    const created = await create({ userIds: [a.id, b.id, a.id, actor.id, null], actorUserId: actor.id, kind: 'ISSUE_RESPONDED', data: issueData(), now: T0 });
    expect(created).toBe(2);
    const again = await create({ userIds: [a.id, b.id], kind: 'ISSUE_ESCALATED', data: issueData(), dedupeKey: 'escalation:x:RESPOND:1', now: T0 });
    const twice = await create({ userIds: [a.id, b.id], kind: 'ISSUE_ESCALATED', data: issueData(), dedupeKey: 'escalation:x:RESPOND:1', now: T0 });
    expect([again, twice]).toEqual([2, 0]);
    expect(await t.db.notification.count({ where: { userId: actor.id } })).toBe(0);
    const rows = await t.db.notification.findMany({ where: { userId: a.id }, orderBy: { kind: 'asc' } });
    expect(rows.map((r) => [r.kind, r.dedupeKey])).toEqual([
      ['ISSUE_RESPONDED', null],
      ['ISSUE_ESCALATED', `escalation:x:RESPOND:1:${a.id}`],
    ]);
    expect(rows[0].createdAt.toISOString()).toBe(T0.toISOString());
    expect(rows[0].data).toEqual(issueData());
    expect(await create({ userIds: [], kind: 'ISSUE_RESPONDED', data: issueData(), now: T0 })).toBe(0);
  });

  it('rolls back with the command that created it', async () => {
    const user = await makeUser(t.db);
    await expect(
      t.db.$transaction(async (tx) => {
        await notify(tx, { userIds: [user.id], kind: 'ISSUE_ASSIGNED', subjectType: 'Issue', subjectId: 'x', data: issueData(), now: T0 });
        throw new Error('the command failed');
      }),
    ).rejects.toThrow('the command failed');
    expect(await t.db.notification.count({ where: { userId: user.id } })).toBe(0);
  });

  it('usersWithRoles lists the members holding the given roles', async () => {
    const admin = await makeOrganization(t.db, { kind: 'CUSTOMS_ADMINISTRATION' });
    const orgAdmin = await makeMember(t.db, admin.id, 'ORG_ADMIN');
    const officer = await makeMember(t.db, admin.id, 'LIAISON_OFFICER');
    await makeMember(t.db, admin.id, 'MEMBER');
    const elsewhere = await makeOrganization(t.db, { kind: 'CUSTOMS_ADMINISTRATION' });
    await makeMember(t.db, elsewhere.id, 'ORG_ADMIN');
    expect(await usersWithRoles(t.db, admin.id, ['ORG_ADMIN'])).toEqual([orgAdmin.id]);
    expect((await usersWithRoles(t.db, admin.id, ['LIAISON_OFFICER', 'ORG_ADMIN'])).sort()).toEqual([orgAdmin.id, officer.id].sort());
  });
});

describe('reading and marking one’s own notifications', () => {
  it('lists newest first in keyset pages, counts unread, marks one and all read, never touching others’', async () => {
    const [me, other] = [await makeUser(t.db), await makeUser(t.db)];
    for (let i = 0; i < 7; i++) await create({ userIds: [me.id], kind: 'ISSUE_STATUS_CHANGED', data: issueData({ n: i }), now: at(i % 3) });
    await create({ userIds: [other.id], kind: 'ISSUE_ASSIGNED', data: issueData(), now: at(10) });
    const ctx = await ctxFor(t.db, me.id);

    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page = await listNotifications(ctx, { first: 3, after });
      seen.push(...page.items.map((n) => n.id));
      expect(page.items.every((n) => n.userId === me.id)).toBe(true);
      after = page.hasNextPage ? page.endCursor : null;
      pages++;
    } while (after);
    expect(pages).toBe(3);
    const all = await t.db.notification.findMany({ where: { userId: me.id }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
    expect(seen).toEqual(all.map((n) => n.id));

    expect(await unreadCount(ctx)).toBe(7);
    // Someone else's id is ignored like an unknown one.
    const others = await t.db.notification.findMany({ where: { userId: other.id } });
    expect(await markNotificationsRead({ ...ctx, now: () => at(30) }, { ids: [all[0].id, others[0].id] })).toBe(1);
    expect((await t.db.notification.findUniqueOrThrow({ where: { id: others[0].id } })).readAt).toBeNull();
    expect((await t.db.notification.findUniqueOrThrow({ where: { id: all[0].id } })).readAt?.toISOString()).toBe(at(30).toISOString());
    expect(await unreadCount(ctx)).toBe(6);
    const unread = await listNotifications(ctx, { first: 50, unreadOnly: true });
    expect(unread.items.map((n) => n.id)).toEqual(all.slice(1).map((n) => n.id));

    expect(await markNotificationsRead(ctx, { all: true })).toBe(6);
    expect(await unreadCount(ctx)).toBe(0);
    expect(await unreadCount(await ctxFor(t.db, other.id))).toBe(1);
  });

  it('refuses visitors and bad input', async () => {
    const me = await makeUser(t.db);
    const ctx = await ctxFor(t.db, me.id);
    await expect(listNotifications({ db: t.db, actor: anonymous })).rejects.toBeInstanceOf(NotAuthenticatedError);
    await expect(markNotificationsRead({ db: t.db, actor: anonymous }, { all: true })).rejects.toBeInstanceOf(NotAuthenticatedError);
    expect(await unreadCount({ db: t.db, actor: anonymous })).toBe(0);
    await expect(listNotifications(ctx, { after: 'not-a-cursor' })).rejects.toBeInstanceOf(ValidationError);
    await expect(listNotifications(ctx, { first: 1000 })).rejects.toBeInstanceOf(ValidationError);
    await expect(markNotificationsRead(ctx, {})).rejects.toBeInstanceOf(ValidationError);
    await expect(markNotificationsRead(ctx, { ids: [] })).rejects.toBeInstanceOf(ValidationError);
  });
});

describe('email preferences', () => {
  it('saves the muted kinds, audited, and refuses unknown kinds', async () => {
    const me = await makeUser(t.db);
    const ctx = await ctxFor(t.db, me.id);
    expect(await emailPreferences(ctx)).toEqual({ mutedKinds: [] });
    expect(await setEmailPreferences(ctx, { mutedKinds: ['ISSUE_STATUS_CHANGED', 'ISSUE_ASSIGNED', 'ISSUE_ASSIGNED'] })).toEqual({
      mutedKinds: ['ISSUE_ASSIGNED', 'ISSUE_STATUS_CHANGED'],
    });
    const event = await t.db.auditEvent.findFirst({ where: { subjectId: me.id, action: 'user.email_preferences_updated' } });
    expect(event?.actorId).toBe(me.id);
    expect(event?.data).toEqual({ mutedKinds: ['ISSUE_ASSIGNED', 'ISSUE_STATUS_CHANGED'] });
    await expect(setEmailPreferences(ctx, { mutedKinds: ['EVERYTHING'] })).rejects.toBeInstanceOf(ValidationError);
    await expect(setEmailPreferences({ db: t.db, actor: anonymous }, { mutedKinds: [] })).rejects.toBeInstanceOf(NotAuthenticatedError);
    expect(await setEmailPreferences(ctx, { mutedKinds: [] })).toEqual({ mutedKinds: [] });
  });
});

describe('deliverPendingEmails', () => {
  beforeEach(drainOutbox);

  it('emails each notification once in the recipient’s language with a link to the issue, and skips muted kinds', async () => {
    const english = await makeUser(t.db, { name: 'Aigerim Nurlanovna' });
    const russian = await makeUser(t.db, { name: 'Иван Петров' });
    await t.db.user.update({ where: { id: russian.id }, data: { locale: 'ru' } });
    const muted = await makeUser(t.db);
    await setEmailPreferences(await ctxFor(t.db, muted.id), { mutedKinds: ['ISSUE_RESPONDED'] });
    await create({ userIds: [english.id, russian.id, muted.id], kind: 'ISSUE_RESPONDED', data: issueData(), now: T0 });
    await create({ userIds: [muted.id], kind: 'ISSUE_ASSIGNED', data: issueData(), now: T0 });

    const result = await deliverPendingEmails(t.db, at(1));
    expect(result).toEqual({ sent: 3, skipped: 1, failed: 0 });
    const pending = await t.db.notification.count({ where: { userId: { in: [english.id, russian.id, muted.id] }, emailedAt: null } });
    expect(pending).toBe(0);
    expect(await deliverPendingEmails(t.db, at(2))).toEqual({ sent: 0, skipped: 0, failed: 0 });

    const messages = await listOutboxMessages({ db: t.db, actor: { kind: 'system', reason: 'test' } }, { dir: outboxDir });
    expect(messages.items).toHaveLength(3);
    const byTo = Object.fromEntries(messages.items.map((m) => [m.to, m]));
    expect(byTo[english.email].subject).toBe('Official response: ISS-2026-0042 Fees demanded at the Khorgos crossing');
    expect(byTo[russian.email].subject).toBe('Официальный ответ: ISS-2026-0042 Fees demanded at the Khorgos crossing');
    expect(byTo[muted.email].subject).toMatch(/^Assigned to you: ISS-2026-0042/);
    const russianMessage = await readOutboxMessage({ db: t.db, actor: { kind: 'system', reason: 'test' } }, { dir: outboxDir, file: byTo[russian.email].file });
    expect(russianMessage.text).toContain('Здравствуйте, Иван Петров!');
    expect(russianMessage.text).toContain(`${PUBLIC_URL}/issues/ISS-2026-0042`);
    expect(russianMessage.text).toContain(`${PUBLIC_URL}/settings`);
  });

  it('two deliveries at once send every message exactly once', async () => {
    const users = await Promise.all([0, 1, 2].map(() => makeUser(t.db)));
    for (let i = 0; i < 4; i++)
      await create({ userIds: users.map((u) => u.id), kind: 'ISSUE_STATUS_CHANGED', data: issueData({ status: 'RESOLVED' }), now: at(i) });
    const settings = { compose: composeNotificationEmail, publicUrl: PUBLIC_URL, batchSize: 5 };
    const [a, b] = await Promise.all([deliverPendingEmails(t.db, at(10), settings), deliverPendingEmails(t.db, at(10), settings)]);
    expect(a.sent + b.sent).toBe(12);
    const files = await fs.readdir(outboxDir);
    expect(files.filter((f) => f.endsWith('.eml'))).toHaveLength(12);
  });

  it('releases a message that could not be sent, for the next run', async () => {
    const user = await makeUser(t.db);
    await create({ userIds: [user.id], kind: 'ISSUE_ASSIGNED', data: issueData(), now: T0 });
    const errors: unknown[] = [];
    const failing = await deliverPendingEmails(t.db, at(5), {
      compose: composeNotificationEmail,
      send: async () => {
        throw new Error('SMTP server unreachable');
      },
      onError: (e) => errors.push(e),
    });
    expect(failing).toEqual({ sent: 0, skipped: 0, failed: 1 });
    expect(errors).toHaveLength(1);
    expect((await t.db.notification.findFirstOrThrow({ where: { userId: user.id } })).emailedAt).toBeNull();
    expect(await deliverPendingEmails(t.db, at(6))).toMatchObject({ sent: 1 });
  });

  it('words new issues, follow-ups and escalations by their event', () => {
    const base = { notificationId: 'n', subjectType: 'Issue', subjectId: 'i', createdAt: T0, to: 'a@example.test', name: 'A', link: '/issues/ISS-2026-0042' };
    const raised = composeNotificationEmail({ ...base, locale: 'ru', kind: 'ISSUE_STATUS_CHANGED', data: issueData({ status: 'RAISED', event: 'raised' }) });
    expect(raised.subject).toBe('Новое обращение: ISS-2026-0042 Fees demanded at the Khorgos crossing');
    const followUp = composeNotificationEmail({ ...base, locale: 'en', kind: 'ISSUE_RESPONDED', data: issueData({ event: 'followed_up' }) });
    expect(followUp.subject).toMatch(/^More information: ISS-2026-0042/);
    expect(followUp.text).toContain('The reporter added information to ISS-2026-0042');
    const escalated = composeNotificationEmail({
      ...base,
      locale: 'en',
      kind: 'ISSUE_ESCALATED',
      data: issueData({ event: 'escalated', deadline: 'RESPOND', dueAt: '2026-03-04T10:00:00.000Z' }),
    });
    expect(escalated.text).toContain('the response deadline of ISS-2026-0042');
    expect(escalated.text).toContain('4 Mar 2026');
    expect(escalated.html).toContain('href="/issues/ISS-2026-0042"');
    // Text from the data is escaped in the HTML part.
    const hostile = composeNotificationEmail({ ...base, locale: 'en', kind: 'ISSUE_ASSIGNED', data: issueData({ title: '<img src=x onerror=alert(1)>' }) });
    expect(hostile.html).not.toContain('<img');
  });

  it('links relative to the site without PUBLIC_URL, and to the notifications page without an issue reference', () => {
    expect(notificationLink({ reference: 'ISS-2026-0042' }, 'Issue')).toBe('/issues/ISS-2026-0042');
    expect(notificationLink({ reference: '../../admin' }, 'Issue', PUBLIC_URL)).toBe(`${PUBLIC_URL}/notifications`);
    expect(notificationLink({}, 'Pledge', `${PUBLIC_URL}/`)).toBe(`${PUBLIC_URL}/notifications`);
  });
});

describe('the outbox', () => {
  it('is for platform administrators only, lists newest first in pages, and opens plain .eml names only', async () => {
    await drainOutbox();
    const admin = await makeUser(t.db, { platformAdmin: true });
    const someone = await makeUser(t.db);
    const ctx = await ctxFor(t.db, admin.id);
    const names = ['2026-02-02T09-00-00-000Z-a.eml', '2026-02-02T10-00-00-000Z-b.eml', '2026-02-02T11-00-00-000Z-c.eml'];
    for (const [i, name] of names.entries()) {
      await fs.writeFile(
        path.join(outboxDir, name),
        `Subject: Message ${i}\r\nTo: x${i}@example.test\r\nDate: Mon, 02 Feb 2026 0${9 + i}:00:00 +0000\r\n\r\nBody ${i}\r\n`,
      );
    }
    await fs.writeFile(path.join(outboxDir, 'notes.txt'), 'not a message');
    const first = await listOutboxMessages(ctx, { dir: outboxDir, first: 2 });
    expect(first.items.map((m) => m.subject)).toEqual(['Message 2', 'Message 1']);
    const second = await listOutboxMessages(ctx, { dir: outboxDir, first: 2, before: first.nextBefore });
    expect(second.items.map((m) => m.subject)).toEqual(['Message 0']);
    expect(second.nextBefore).toBeNull();
    expect((await readOutboxMessage(ctx, { dir: outboxDir, file: names[0] })).text).toBe('Body 0\n');

    await expect(listOutboxMessages(await ctxFor(t.db, someone.id), { dir: outboxDir })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(readOutboxMessage(await ctxFor(t.db, someone.id), { dir: outboxDir, file: names[0] })).rejects.toBeInstanceOf(ForbiddenError);
    for (const file of ['../secret.eml', '..%2Fsecret.eml', '/etc/passwd', 'notes.txt', '.hidden.eml', 'a/b.eml', 'missing.eml', 'a..b.eml']) {
      await expect(readOutboxMessage(ctx, { dir: outboxDir, file })).rejects.toBeInstanceOf(NotFoundError);
    }
    expect(isOutboxFileName('2026-02-02T09-00-00-000Z-a.eml')).toBe(true);
    expect(isOutboxFileName('..eml')).toBe(false);
  });

  it('decodes encoded headers and multipart, base64 and quoted-printable bodies', () => {
    expect(decodeHeaderValue('=?UTF-8?B?0J/RgNC40LLQtdGC?= world')).toBe('Привет world');
    expect(decodeHeaderValue('=?utf-8?Q?caf=C3=A9_au_lait?=')).toBe('café au lait');
    const raw = [
      'Subject: =?UTF-8?B?0KLQtdGB0YI=?=',
      'To: a@example.test',
      'Content-Type: multipart/alternative; boundary="xyz"',
      '',
      '--xyz',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      'Line one =D0=B4=D0=B0',
      'soft=',
      'break',
      '--xyz',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<p>html</p>',
      '--xyz--',
    ].join('\r\n');
    const message = parseEml(raw, 'x.eml');
    expect(message.subject).toBe('Тест');
    expect(message.text).toBe('Line one да\nsoftbreak\n');
    expect(parseEml('Subject: only html\r\nContent-Type: text/html\r\n\r\n<p>x</p>', 'y.eml').text).toBeNull();
  });
});
