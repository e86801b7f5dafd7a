// What a notification says, in one sentence: the same words in the bell's list and in the email. Pure (no hooks), so
// the server's mail composer and the pages share it.
import type { NOTIFICATION_KINDS } from '../domain/enums';

export type NotificationKindName = (typeof NOTIFICATION_KINDS)[number];
export type NotificationDataLike = { reference?: unknown; title?: unknown; status?: unknown; event?: unknown; deadline?: unknown; dueAt?: unknown };
type Translate = (key: string, params?: Record<string, string | number>) => string;

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/**
 * Which wording a notification takes: its kind, or a special event of it (a new issue is ISSUE_STATUS_CHANGED with
 * event 'raised'; a reporter's added information is ISSUE_RESPONDED with event 'followed_up').
 */
export function notificationWording(kind: string, data: NotificationDataLike): string {
  if (kind === 'ISSUE_STATUS_CHANGED' && data.event === 'raised') return 'raised';
  if (kind === 'ISSUE_RESPONDED' && data.event === 'followed_up') return 'followed_up';
  return kind;
}

export function notificationParams(t: Translate, data: NotificationDataLike, formatDate: (value: string) => string) {
  const status = text(data.status);
  const deadline = text(data.deadline);
  const dueAt = text(data.dueAt);
  return {
    reference: text(data.reference),
    title: text(data.title),
    status: status ? t(`notifications.status.${status}`) : '',
    deadline: deadline ? t(`notifications.deadline.${deadline}`) : '',
    dueAt: dueAt && !Number.isNaN(new Date(dueAt).getTime()) ? formatDate(dueAt) : '',
  };
}

/** The sentence shown for a notification. */
export function notificationSummary(t: Translate, kind: NotificationKindName | string, data: NotificationDataLike, formatDate: (value: string) => string) {
  const params = notificationParams(t, data, formatDate);
  return t(`notifications.summary.${notificationWording(kind, data)}`, params);
}
