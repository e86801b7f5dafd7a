// What a notification says, in one sentence: the same words in the bell's list and in the email. Pure (no hooks), so
// the server's mail composer and the pages share it.
import type { NOTIFICATION_KINDS } from '../domain/enums';

export type NotificationKindName = (typeof NOTIFICATION_KINDS)[number];
export type NotificationDataLike = {
  reference?: unknown;
  title?: unknown;
  status?: unknown;
  event?: unknown;
  deadline?: unknown;
  dueAt?: unknown;
  /** Joint commitments: the milestone concerned, and a milestone's due date (YYYY-MM-DD). */
  milestoneId?: unknown;
  milestoneTitle?: unknown;
  dueDate?: unknown;
};
/** Translates a key; the pages' translator also formats a calendar date (`date`), which the sentences use when present. */
type Translate = ((key: string, params?: Record<string, string | number>) => string) & { date?: (value: string) => string };

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** The notification kinds of joint commitments (subjectType 'Commitment'). */
const COMMITMENT_KINDS = new Set([
  'COMMITMENT_PROPOSED',
  'COMMITMENT_STATUS_CHANGED',
  'MILESTONE_AWAITING_CONFIRMATION',
  'MILESTONE_DUE',
  'MILESTONE_DISPUTED',
]);
/** Events with a wording of their own: the commitment's status changes, and a milestone due soon or overdue. */
const COMMITMENT_EVENTS: Record<string, readonly string[]> = {
  COMMITMENT_STATUS_CHANGED: ['activated', 'declined', 'cancelled', 'completed'],
  MILESTONE_DUE: ['soon', 'overdue'],
};

export const isCommitmentNotification = (kind: string) => COMMITMENT_KINDS.has(kind);

/**
 * Which wording a notification takes: its kind, or a special event of it (a new issue is ISSUE_STATUS_CHANGED with
 * event 'raised'; a reporter's added information is ISSUE_RESPONDED with event 'followed_up'; a commitment's status
 * change names its event, e.g. COMMITMENT_STATUS_CHANGED.activated; a due milestone is MILESTONE_DUE.soon or .overdue).
 */
export function notificationWording(kind: string, data: NotificationDataLike): string {
  if (kind === 'ISSUE_STATUS_CHANGED' && data.event === 'raised') return 'raised';
  if (kind === 'ISSUE_RESPONDED' && data.event === 'followed_up') return 'followed_up';
  const event = text(data.event);
  if (event && COMMITMENT_EVENTS[kind]?.includes(event)) return `${kind}.${event}`;
  return kind;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export function notificationParams(t: Translate, data: NotificationDataLike, formatDate: (value: string) => string, kind?: string) {
  const status = text(data.status);
  const deadline = text(data.deadline);
  const dueAt = text(data.dueAt);
  const dueDate = text(data.dueDate);
  const commitment = kind !== undefined && isCommitmentNotification(kind);
  return {
    reference: text(data.reference),
    title: text(data.title),
    status: status ? t(commitment ? `commitment.status.${status}` : `notifications.status.${status}`) : '',
    deadline: deadline ? t(`notifications.deadline.${deadline}`) : '',
    dueAt: dueAt && !Number.isNaN(new Date(dueAt).getTime()) ? formatDate(dueAt) : '',
    milestoneTitle: text(data.milestoneTitle),
    // A calendar date: written as a date (never shifted by a time zone), or as it is when no formatter is at hand.
    dueDate: ISO_DAY.test(dueDate) ? (t.date ? t.date(dueDate) : dueDate) : '',
  };
}

/** The sentence shown for a notification. */
export function notificationSummary(t: Translate, kind: NotificationKindName | string, data: NotificationDataLike, formatDate: (value: string) => string) {
  const params = notificationParams(t, data, formatDate, kind);
  return t(`notifications.summary.${notificationWording(kind, data)}`, params);
}

export { notificationHref } from '../domain/notification-paths';
