// Notifications: the in-app bell and the emails that follow it. Commands call `notify(tx, …)` inside their own
// transaction, so a notification exists exactly when the act it reports was committed. A background loop
// (deliverPendingEmails, started by the platform through app/domain/escalation.server.ts) emails each one once,
// unless its owner turned that kind of email off.
import { z } from 'zod';
import type { MembershipRole, NotificationKind } from '../../prisma/generated/client/enums';
import { type Notification, Prisma } from '../../prisma/generated/client/client';
import type { Db } from '../db/client.server';
import type { Locale } from '../i18n';
import { actorId } from './actor.server';
import { type DomainContext, type Tx, command, nowOf } from './context.server';
import { NOTIFICATION_KINDS } from './enums';
import { notificationHref } from './notification-paths';
import { ValidationError, parseInput } from './errors.server';
import { type MailMessage, sendMail } from './mail.server';
import { authorize } from './policy.server';

export type NotificationData = { reference?: string; title?: string; status?: string; event?: string } & Record<string, unknown>;

export type NotifyInput = {
  /** Recipients; duplicates are dropped. */
  userIds: readonly (string | null | undefined)[];
  kind: NotificationKind;
  subjectType: string;
  subjectId: string;
  /** What the bell and the email show: { reference, title, status, event, … }. Never a reporter's identity. */
  data: NotificationData;
  /**
   * Makes the notification idempotent: each recipient's row gets `<dedupeKey>:<userId>` (unique), and a second call
   * with the same key creates nothing for that recipient.
   */
  dedupeKey?: string;
  /** The person who acted: never notified about their own act. */
  actorUserId?: string | null;
  now: Date;
};

/**
 * Create one notification per recipient inside the caller's transaction. Returns how many were created (rows that
 * already existed under the same dedupe key are skipped).
 */
export async function notify(tx: Tx, input: NotifyInput): Promise<number> {
  const userIds = [...new Set(input.userIds.filter((id): id is string => !!id && id !== input.actorUserId))];
  if (userIds.length === 0) return 0;
  const data = JSON.parse(JSON.stringify(input.data ?? {})) as Prisma.InputJsonValue;
  const result = await tx.notification.createMany({
    data: userIds.map((userId) => ({
      userId,
      kind: input.kind,
      subjectType: input.subjectType,
      subjectId: input.subjectId,
      data,
      dedupeKey: input.dedupeKey ? `${input.dedupeKey}:${userId}` : null,
      createdAt: input.now,
    })),
    skipDuplicates: true,
  });
  return result.count;
}

/** The ids of an organisation's members who hold one of these roles (e.g. an administration's ORG_ADMINs). */
export async function usersWithRoles(tx: Tx | Db, organizationId: string, roles: readonly MembershipRole[]): Promise<string[]> {
  const rows = await tx.membership.findMany({
    where: { organizationId, role: { in: [...roles] } },
    select: { userId: true },
    orderBy: { userId: 'asc' },
  });
  return rows.map((r) => r.userId);
}

// ───────────────────────────── Reading and marking (the person's own) ─────────────────────────────

/** A notification row (the owner's own: every column may be shown to them). `data` is NotificationData. */
export type NotificationItem = Notification;

export type NotificationPage = { items: NotificationItem[]; endCursor: string | null; hasNextPage: boolean };

export const NOTIFICATIONS_PAGE_MAX = 100;

const encodeCursor = (n: { createdAt: Date; id: string }) => Buffer.from(`${n.createdAt.toISOString()}|${n.id}`, 'utf8').toString('base64url');

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const bar = text.indexOf('|');
  const createdAt = new Date(text.slice(0, bar));
  const id = text.slice(bar + 1);
  if (bar < 0 || Number.isNaN(createdAt.getTime()) || !/^[a-z0-9]{1,64}$/i.test(id)) throw ValidationError.field('after', 'errors.invalid');
  return { createdAt, id };
}

function ownerOf(ctx: DomainContext): string {
  authorize(ctx.actor, 'notification.manageOwn');
  return actorId(ctx.actor)!;
}

const ListSchema = z.object({
  first: z.coerce.number().int().min(1).max(NOTIFICATIONS_PAGE_MAX).default(20),
  after: z.string().max(200).optional().nullable(),
  unreadOnly: z.boolean().optional().default(false),
});

/** The actor's notifications, newest first, a keyset page at a time (`after` is the previous page's endCursor). */
export async function listNotifications(
  ctx: DomainContext,
  input: { first?: number; after?: string | null; unreadOnly?: boolean } = {},
): Promise<NotificationPage> {
  const userId = ownerOf(ctx);
  const { first, after, unreadOnly } = parseInput(ListSchema, input);
  const cursor = after ? decodeCursor(after) : null;
  const rows = await ctx.db.notification.findMany({
    where: {
      userId,
      ...(unreadOnly ? { readAt: null } : {}),
      ...(cursor ? { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] } : {}),
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: first + 1,
  });
  const hasNextPage = rows.length > first;
  const items = rows.slice(0, first);
  return { items, hasNextPage, endCursor: items.length ? encodeCursor(items[items.length - 1]) : null };
}

/** How many of the actor's notifications are unread (the bell). Zero for anyone not signed in. */
export async function unreadCount(ctx: DomainContext): Promise<number> {
  if (ctx.actor.kind !== 'user') return 0;
  return ctx.db.notification.count({ where: { userId: ctx.actor.userId, readAt: null } });
}

const MarkReadSchema = z.union([z.object({ all: z.literal(true) }), z.object({ ids: z.array(z.string().min(1).max(64)).min(1).max(NOTIFICATIONS_PAGE_MAX) })]);

/**
 * Mark some (ids) or all of the actor's notifications read; others' notifications are never touched (an id that is
 * not the actor's is ignored, like an unknown one). Returns how many changed. A person's own reading state is not an
 * act on anyone else's record, so it is not written to the audit chain (as a session's lastSeenAt is not).
 */
export async function markNotificationsRead(ctx: DomainContext, input: { ids?: string[]; all?: boolean }): Promise<number> {
  const userId = ownerOf(ctx);
  const parsed = parseInput(MarkReadSchema, input);
  const result = await ctx.db.notification.updateMany({
    where: { userId, readAt: null, ...('ids' in parsed ? { id: { in: parsed.ids } } : {}) },
    data: { readAt: nowOf(ctx) },
  });
  return result.count;
}

export const EmailPreferencesSchema = z.object({
  mutedKinds: z.array(z.enum(NOTIFICATION_KINDS)).max(NOTIFICATION_KINDS.length),
});

/** Which kinds of notification the actor gets in the app only, without email. */
export async function emailPreferences(ctx: DomainContext): Promise<{ mutedKinds: NotificationKind[] }> {
  const userId = ownerOf(ctx);
  const user = await ctx.db.user.findUnique({ where: { id: userId }, select: { emailMutedKinds: true } });
  return { mutedKinds: user?.emailMutedKinds ?? [] };
}

/** Turn email off for these kinds (and on for every other one). Audited. */
export async function setEmailPreferences(ctx: DomainContext, input: unknown): Promise<{ mutedKinds: NotificationKind[] }> {
  const userId = ownerOf(ctx);
  const { mutedKinds } = parseInput(EmailPreferencesSchema, input);
  const kinds = NOTIFICATION_KINDS.filter((k) => mutedKinds.includes(k));
  return command(ctx, async (tx, audit) => {
    const user = await tx.user.update({ where: { id: userId }, data: { emailMutedKinds: kinds }, select: { emailMutedKinds: true } });
    await audit({ action: 'user.email_preferences_updated', subjectType: 'User', subjectId: userId, data: { mutedKinds: kinds } });
    return { mutedKinds: user.emailMutedKinds };
  });
}

// ───────────────────────────── Email delivery ─────────────────────────────

/** One claimed notification, with what its email needs. */
export type PendingEmail = {
  notificationId: string;
  kind: NotificationKind;
  subjectType: string;
  subjectId: string;
  data: NotificationData;
  createdAt: Date;
  to: string;
  name: string;
  locale: Locale;
  /** Absolute with PUBLIC_URL, else relative to the site: the issue's page, or the notifications page. */
  link: string;
};

/** Words the email (in the recipient's locale); the platform passes app/web's composer, which owns the wording. */
export type ComposeNotificationEmail = (email: PendingEmail) => MailMessage;

export type NotificationEmailSettings = {
  compose: ComposeNotificationEmail;
  publicUrl?: string;
  /** Messages per claim (a sweep claims until none is left, up to maxPerRun). */
  batchSize?: number;
  maxPerRun?: number;
  send?: (message: MailMessage) => Promise<unknown>;
  onError?: (error: unknown, email: PendingEmail) => void;
};

const settingsKey = Symbol.for('integrity-compact.notification-emails');
const settingsStore = globalThis as unknown as Record<symbol, NotificationEmailSettings | undefined>;

/** Set once at start-up (app/platform.server.ts), and by tests. */
export function configureNotificationEmails(settings: NotificationEmailSettings | undefined) {
  settingsStore[settingsKey] = settings;
}

export function notificationLink(data: NotificationData, subjectType: string, publicUrl?: string): string {
  const base = (publicUrl ?? '').replace(/\/+$/, '');
  return `${base}${notificationHref(subjectType, data) ?? '/notifications'}`;
}

type ClaimedRow = {
  id: string;
  kind: NotificationKind;
  subjectType: string;
  subjectId: string;
  data: unknown;
  createdAt: Date;
  email: string;
  name: string;
  locale: string | null;
  muted: boolean;
};

/**
 * Email the notifications not emailed yet. Each batch is claimed atomically (`UPDATE … SET "emailedAt" … WHERE
 * "emailedAt" IS NULL … RETURNING`, rows another instance is claiming are skipped), so two instances never send the
 * same one. Kinds the recipient muted are marked and not sent. A message that cannot be sent is released (emailedAt
 * back to NULL) for the next run.
 */
export async function deliverPendingEmails(
  db: Db,
  now: Date,
  settings: NotificationEmailSettings | undefined = settingsStore[settingsKey],
): Promise<{ sent: number; skipped: number; failed: number }> {
  if (!settings) throw new Error('Notification emails are not configured: the platform calls configureNotificationEmails() at start-up.');
  const batchSize = settings.batchSize ?? 50;
  const maxPerRun = settings.maxPerRun ?? 500;
  const send = settings.send ?? sendMail;
  const totals = { sent: 0, skipped: 0, failed: 0 };
  const failedIds = new Set<string>();
  while (totals.sent + totals.skipped + totals.failed < maxPerRun) {
    const claimed = await db.$queryRaw<ClaimedRow[]>`
      UPDATE "Notification" AS n SET "emailedAt" = ${now}
      FROM "User" AS u
      WHERE u."id" = n."userId" AND n."id" IN (
        SELECT "id" FROM "Notification"
        WHERE "emailedAt" IS NULL AND "createdAt" <= ${now}
          ${failedIds.size ? Prisma.sql`AND "id" NOT IN (${Prisma.join([...failedIds])})` : Prisma.empty}
        ORDER BY "createdAt", "id"
        LIMIT ${batchSize}
        FOR UPDATE SKIP LOCKED)
        AND n."emailedAt" IS NULL
      RETURNING n."id", n."kind"::text AS "kind", n."subjectType", n."subjectId", n."data", n."createdAt",
        u."email", u."name", u."locale"::text AS "locale", (n."kind" = ANY(u."emailMutedKinds")) AS "muted"`;
    if (claimed.length === 0) break;
    for (const row of claimed) {
      if (row.muted) {
        totals.skipped++;
        continue;
      }
      const data = (row.data ?? {}) as NotificationData;
      const email: PendingEmail = {
        notificationId: row.id,
        kind: row.kind,
        subjectType: row.subjectType,
        subjectId: row.subjectId,
        data,
        createdAt: row.createdAt,
        to: row.email,
        name: row.name,
        locale: row.locale === 'ru' ? 'ru' : 'en',
        link: notificationLink(data, row.subjectType, settings.publicUrl),
      };
      try {
        await send(settings.compose(email));
        totals.sent++;
      } catch (error) {
        totals.failed++;
        failedIds.add(row.id);
        settings.onError?.(error, email);
        await db.notification.updateMany({ where: { id: row.id, emailedAt: now }, data: { emailedAt: null } });
      }
    }
    if (claimed.length < batchSize) break;
  }
  return totals;
}
