// Issue rules that both the server and the browser need: the state machine, working-day deadlines, overdue and
// escalation, the reopen window, references and receipt codes. Pure functions, no I/O and no server imports (pages
// import this file; a `.server` module would break the client build).
import type { IssueStatusName } from './enums';

export type IssueStatus = IssueStatusName;
export type IssueAction = 'acknowledge' | 'respond' | 'resolve' | 'reject' | 'reopen' | 'assign' | 'followUp';
export const ISSUE_ACTIONS = ['assign', 'acknowledge', 'respond', 'resolve', 'reject', 'reopen', 'followUp'] as const satisfies readonly IssueAction[];

/** Statuses in which nothing is handled any more (until a reopen). */
export const FINAL_STATUSES = ['RESOLVED', 'REJECTED'] as const satisfies readonly IssueStatus[];
/** Statuses in which the issue is being handled. */
export const OPEN_STATUSES = ['RAISED', 'ACKNOWLEDGED', 'RESPONDED', 'REOPENED'] as const satisfies readonly IssueStatus[];

export type IssueTransition = {
  /** The statuses the action is allowed in. */
  readonly from: readonly IssueStatus[];
  /** The status it leads to; null: the status stays as it is (assigning, a reporter's follow-up). */
  readonly to: IssueStatus | null;
};

/** The state machine: every command checks its action here (assertTransition) before it changes anything. */
export const ISSUE_TRANSITIONS: Readonly<Record<IssueAction, IssueTransition>> = {
  acknowledge: { from: ['RAISED'], to: 'ACKNOWLEDGED' },
  // Each official response is recorded; the first of a cycle sets respondedAt.
  respond: { from: ['ACKNOWLEDGED', 'RESPONDED', 'REOPENED'], to: 'RESPONDED' },
  resolve: { from: ['ACKNOWLEDGED', 'RESPONDED', 'REOPENED'], to: 'RESOLVED' },
  reject: { from: ['RAISED', 'ACKNOWLEDGED', 'RESPONDED', 'REOPENED'], to: 'REJECTED' },
  // Only within REOPEN_WINDOW_DAYS of closing (reopenAllowedUntil), with a reason.
  reopen: { from: ['RESOLVED', 'REJECTED'], to: 'REOPENED' },
  assign: { from: OPEN_STATUSES, to: null },
  followUp: { from: OPEN_STATUSES, to: null },
};

export function canTransition(status: IssueStatus | string, action: IssueAction): boolean {
  const transition = ISSUE_TRANSITIONS[action];
  return !!transition && (transition.from as readonly string[]).includes(status);
}

/** The status an action leads to from a status (the same status for assign and followUp); null when refused. */
export function nextStatus(status: IssueStatus, action: IssueAction): IssueStatus | null {
  if (!canTransition(status, action)) return null;
  return ISSUE_TRANSITIONS[action].to ?? status;
}

/** The i18n key of the refusal of an action in a status: names both (app/i18n/parts/issues-core.ts). */
export const transitionErrorKey = (action: IssueAction, status: IssueStatus | string) => `errors.issueTransition.${action}.${status}` as const;

type ErrorFactory = (key: string, params: Record<string, string | number>) => Error;
let conflictError: ErrorFactory = (key, params) => Object.assign(new Error(key), { code: 'CONFLICT', params });

/**
 * The server's domain layer installs its ConflictError here (app/domain/issues.server.ts does it on load): this file
 * must not import a `.server` module, since pages import it.
 */
export function setIssueConflictError(factory: ErrorFactory): void {
  conflictError = factory;
}

/**
 * Throw a ConflictError unless the action is allowed in the status. Its message is the key
 * `errors.issueTransition.<action>.<status>` ("This issue is resolved: it can no longer be acknowledged."), with
 * `{ action, status }` as parameters.
 */
export function assertTransition(status: IssueStatus | string, action: IssueAction): void {
  if (canTransition(status, action)) return;
  throw conflictError(transitionErrorKey(action, status), { action, status });
}

// ───────────────────────────── Deadlines ─────────────────────────────

const DAY_MS = 24 * 60 * 60 * 1000;
const isWeekend = (date: Date) => date.getUTCDay() === 0 || date.getUTCDay() === 6;

/**
 * Add working days (Monday to Friday, in UTC), keeping the time of day: Monday 10:00 + 5 = next Monday 10:00,
 * Friday 10:00 + 1 = Monday 10:00. A start on a weekend counts from the next Monday 00:00 UTC (Saturday 15:00 + 1 =
 * Tuesday 00:00). Public holidays are not known and count as working days.
 */
export function addWorkingDays(from: Date, days: number): Date {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`addWorkingDays: days must be a whole number ≥ 0, got ${days}`);
  let date = new Date(from.getTime());
  if (isWeekend(date)) {
    const toMonday = date.getUTCDay() === 6 ? 2 : 1;
    date = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + toMonday));
  }
  let left = days;
  while (left > 0) {
    date = new Date(date.getTime() + DAY_MS);
    if (!isWeekend(date)) left -= 1;
  }
  return date;
}

/** Add calendar days (24 hours each: UTC has no daylight-saving jumps). */
export const addDays = (from: Date, days: number) => new Date(from.getTime() + days * DAY_MS);

export type DeadlineSettings = { acknowledgeWorkingDays: number; respondDays: number };

/** The deadlines of an issue raised at `raisedAt`, from its administration's settings. */
export function deadlinesFor(raisedAt: Date, { acknowledgeWorkingDays, respondDays }: DeadlineSettings): { acknowledgeBy: Date; respondBy: Date } {
  return { acknowledgeBy: addWorkingDays(raisedAt, acknowledgeWorkingDays), respondBy: addDays(raisedAt, respondDays) };
}

export type DeadlineFields = {
  status: IssueStatus | string;
  acknowledgeBy: Date;
  respondBy: Date;
  acknowledgedAt: Date | null;
  respondedAt: Date | null;
  closedAt: Date | null;
};

export type IssueDeadlineName = 'ACKNOWLEDGE' | 'RESPOND';

const isFinal = (status: string) => (FINAL_STATUSES as readonly string[]).includes(status);
const time = (date: Date | string) => new Date(date).getTime();

/** The deadlines still awaited in a status: acknowledging while RAISED, the (first) response until it comes. */
function pendingDeadlines(i: DeadlineFields): { deadline: IssueDeadlineName; dueAt: Date }[] {
  switch (i.status) {
    case 'RAISED':
      return [
        { deadline: 'ACKNOWLEDGE', dueAt: new Date(i.acknowledgeBy) },
        { deadline: 'RESPOND', dueAt: new Date(i.respondBy) },
      ];
    case 'ACKNOWLEDGED':
    case 'REOPENED':
      return [{ deadline: 'RESPOND', dueAt: new Date(i.respondBy) }];
    default:
      return [];
  }
}

/**
 * Overdue now: an awaited act is late. (status = RAISED and now > acknowledgeBy) or (status in RAISED, ACKNOWLEDGED,
 * REOPENED and now > respondBy). The same condition is written in SQL in issue-queries.server.ts.
 */
export function isOverdue(i: DeadlineFields, now: Date): boolean {
  const t = now.getTime();
  if (i.status === 'RAISED' && t > time(i.acknowledgeBy)) return true;
  return (i.status === 'RAISED' || i.status === 'ACKNOWLEDGED' || i.status === 'REOPENED') && t > time(i.respondBy);
}

/**
 * The deadlines missed, for escalation: while the issue is open, acknowledging or responding happened after its
 * deadline, or has not happened and the deadline has passed. Empty once resolved or rejected.
 */
export function missedDeadlines(i: DeadlineFields, now: Date): { deadline: IssueDeadlineName; dueAt: Date }[] {
  if (isFinal(i.status)) return [];
  const t = now.getTime();
  const missed: { deadline: IssueDeadlineName; dueAt: Date }[] = [];
  if ((i.acknowledgedAt ? time(i.acknowledgedAt) : t) > time(i.acknowledgeBy)) missed.push({ deadline: 'ACKNOWLEDGE', dueAt: new Date(i.acknowledgeBy) });
  if ((i.respondedAt ? time(i.respondedAt) : t) > time(i.respondBy)) missed.push({ deadline: 'RESPOND', dueAt: new Date(i.respondBy) });
  return missed;
}

/**
 * Escalated now: open, and acknowledged or responded late, or not yet and past the deadline:
 * status not in (RESOLVED, REJECTED) and ((acknowledgedAt ?? now) > acknowledgeBy or (respondedAt ?? now) > respondBy).
 */
export function isEscalated(i: DeadlineFields, now: Date): boolean {
  return missedDeadlines(i, now).length > 0;
}

export type NextDeadline = { deadline: IssueDeadlineName; dueAt: Date; overdue: boolean; ms: number };

/**
 * The earliest deadline still awaited, with the time left (ms > 0) or overdue (ms < 0); null when nothing is awaited
 * (responded, resolved, rejected). `overdue` agrees with isOverdue.
 */
export function nextDeadline(i: DeadlineFields, now: Date): NextDeadline | null {
  const pending = pendingDeadlines(i).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  const first = pending[0];
  if (!first) return null;
  const ms = first.dueAt.getTime() - now.getTime();
  return { deadline: first.deadline, dueAt: first.dueAt, overdue: ms < 0, ms };
}

// ───────────────────────────── Reopening ─────────────────────────────

export const REOPEN_WINDOW_DAYS = 30;

/** Until when a resolved or rejected issue may be reopened (inclusive); null when it is not closed. */
export function reopenAllowedUntil(i: { status: IssueStatus | string; closedAt: Date | null }): Date | null {
  if (!isFinal(i.status) || !i.closedAt) return null;
  return addDays(new Date(i.closedAt), REOPEN_WINDOW_DAYS);
}

/** May it be reopened at `now`: closed, and no more than REOPEN_WINDOW_DAYS ago. */
export function canReopenAt(i: { status: IssueStatus | string; closedAt: Date | null }, now: Date): boolean {
  const until = reopenAllowedUntil(i);
  return until !== null && now.getTime() <= until.getTime();
}

// ───────────────────────────── References and receipt codes ─────────────────────────────

/** ISS-2026-0042: the year, and the number padded to at least 4 digits. */
export function formatReference(year: number, n: number): string {
  return `ISS-${year}-${String(n).padStart(4, '0')}`;
}

export const REFERENCE_PATTERN = /^ISS-\d{4}-\d{4,}$/;

export const RECEIPT_CODE_DIGITS = 16;

/**
 * The 16 digits of a receipt code as typed: spaces, dashes (any kind) and dots between them are ignored. Null when it
 * is not 16 digits.
 */
export function parseReceiptCode(text: string): string | null {
  if (typeof text !== 'string' || text.length > 64) return null;
  const digits = text.normalize('NFKC').replace(/[\s\-\u2010-\u2015\u2212.]/g, '');
  return new RegExp(`^\\d{${RECEIPT_CODE_DIGITS}}$`).test(digits) ? digits : null;
}

/** 1234-5678-9012-3456. */
export function formatReceiptCode(digits: string): string {
  return (digits.match(/\d{1,4}/g) ?? []).join('-');
}
