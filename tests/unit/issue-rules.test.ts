// The issue rules as pure functions: the state machine table, working-day deadlines at weekends and boundaries,
// overdue and escalation at the exact instants, the reopen window, references, receipt codes, and the input schemas.
import { describe, expect, it } from 'vitest';
import { ISSUE_STATUSES } from '../../app/domain/enums';
import {
  type DeadlineFields,
  ISSUE_ACTIONS,
  ISSUE_TRANSITIONS,
  type IssueAction,
  type IssueStatus,
  REOPEN_WINDOW_DAYS,
  addWorkingDays,
  assertTransition,
  canReopenAt,
  canTransition,
  deadlinesFor,
  formatReceiptCode,
  formatReference,
  isEscalated,
  isOverdue,
  missedDeadlines,
  nextDeadline,
  nextStatus,
  parseReceiptCode,
  reopenAllowedUntil,
} from '../../app/domain/issue-rules';
import { AnonymousFollowUpSchema, RaiseAnonymousIssueSchema, RaiseIssueSchema, ResolveIssueSchema } from '../../app/domain/issue-schemas';
import { en } from '../../app/i18n/en';
import { ru } from '../../app/i18n/ru';

const d = (iso: string) => new Date(iso);
const DAY = 24 * 60 * 60 * 1000;

describe('state machine', () => {
  // The whole table, written out: action → the statuses it is allowed in → the status it leads to.
  const expected: Record<IssueAction, Partial<Record<IssueStatus, IssueStatus>>> = {
    acknowledge: { RAISED: 'ACKNOWLEDGED' },
    respond: { ACKNOWLEDGED: 'RESPONDED', RESPONDED: 'RESPONDED', REOPENED: 'RESPONDED' },
    resolve: { ACKNOWLEDGED: 'RESOLVED', RESPONDED: 'RESOLVED', REOPENED: 'RESOLVED' },
    reject: { RAISED: 'REJECTED', ACKNOWLEDGED: 'REJECTED', RESPONDED: 'REJECTED', REOPENED: 'REJECTED' },
    reopen: { RESOLVED: 'REOPENED', REJECTED: 'REOPENED' },
    assign: { RAISED: 'RAISED', ACKNOWLEDGED: 'ACKNOWLEDGED', RESPONDED: 'RESPONDED', REOPENED: 'REOPENED' },
    followUp: { RAISED: 'RAISED', ACKNOWLEDGED: 'ACKNOWLEDGED', RESPONDED: 'RESPONDED', REOPENED: 'REOPENED' },
  };

  it('covers every action', () => {
    expect([...ISSUE_ACTIONS].sort()).toEqual(Object.keys(ISSUE_TRANSITIONS).sort());
  });

  for (const action of ISSUE_ACTIONS) {
    for (const status of ISSUE_STATUSES) {
      const to = expected[action][status];
      it(`${action} in ${status}: ${to ? `→ ${to}` : 'refused'}`, () => {
        expect(canTransition(status, action)).toBe(!!to);
        expect(nextStatus(status, action)).toBe(to ?? null);
        if (to) {
          expect(() => assertTransition(status, action)).not.toThrow();
        } else {
          let thrown: unknown;
          try {
            assertTransition(status, action);
          } catch (error) {
            thrown = error;
          }
          expect(thrown).toMatchObject({ message: `errors.issueTransition.${action}.${status}`, params: { action, status } });
          // The refusal is said in both languages, naming the state.
          const key = `errors.issueTransition.${action}.${status}` as keyof typeof en;
          expect(en[key]).toBeTruthy();
          expect(ru[key]).toBeTruthy();
        }
      });
    }
  }

  it('refuses unknown statuses', () => {
    expect(canTransition('DELETED', 'acknowledge')).toBe(false);
    expect(() => assertTransition('DELETED', 'reopen')).toThrow('errors.issueTransition.reopen.DELETED');
  });
});

describe('addWorkingDays (UTC, Monday to Friday, same time of day)', () => {
  // 2026-11-23 is a Monday.
  const cases: [string, number, string, string][] = [
    ['2026-11-23T10:00:00.000Z', 5, '2026-11-30T10:00:00.000Z', 'Monday + 5 = next Monday, same time'],
    ['2026-11-23T10:00:00.000Z', 0, '2026-11-23T10:00:00.000Z', 'zero days on a weekday: unchanged'],
    ['2026-11-27T10:00:00.000Z', 1, '2026-11-30T10:00:00.000Z', 'Friday + 1 = Monday'],
    ['2026-11-26T23:59:59.999Z', 1, '2026-11-27T23:59:59.999Z', 'Thursday, last millisecond + 1 = Friday'],
    ['2026-11-27T23:59:59.999Z', 1, '2026-11-30T23:59:59.999Z', 'Friday, last millisecond + 1 = Monday'],
    ['2026-11-27T00:00:00.000Z', 5, '2026-12-04T00:00:00.000Z', 'Friday midnight + 5 = next Friday'],
    ['2026-11-28T00:00:00.000Z', 1, '2026-12-01T00:00:00.000Z', 'Saturday, first millisecond: counts from Monday 00:00'],
    ['2026-11-28T15:00:00.000Z', 1, '2026-12-01T00:00:00.000Z', 'Saturday afternoon: counts from Monday 00:00'],
    ['2026-11-29T23:59:59.999Z', 5, '2026-12-07T00:00:00.000Z', 'Sunday, last millisecond + 5 = Monday after next, 00:00'],
    ['2026-11-29T12:00:00.000Z', 0, '2026-11-30T00:00:00.000Z', 'zero days on a weekend: the next Monday 00:00'],
    ['2026-12-30T09:30:00.000Z', 5, '2027-01-06T09:30:00.000Z', 'across the year end'],
    ['2028-02-25T08:00:00.000Z', 3, '2028-03-01T08:00:00.000Z', 'across a leap day (Friday + 3)'],
    ['2026-11-23T10:00:00.000Z', 30, '2027-01-04T10:00:00.000Z', 'thirty working days: six weeks'],
  ];
  for (const [from, days, to, note] of cases) {
    it(`${note}: ${from} + ${days} → ${to}`, () => {
      expect(addWorkingDays(d(from), days).toISOString()).toBe(to);
    });
  }

  it('never lands on a weekend, and keeps the time of day when starting on a weekday', () => {
    for (let start = d('2026-11-02T13:45:00.000Z').getTime(); start < d('2026-11-16T00:00:00.000Z').getTime(); start += 7 * 60 * 60 * 1000) {
      for (let days = 1; days <= 12; days++) {
        const from = new Date(start);
        const due = addWorkingDays(from, days);
        expect([0, 6]).not.toContain(due.getUTCDay());
        if (![0, 6].includes(from.getUTCDay())) expect(due.getTime() % DAY).toBe(from.getTime() % DAY);
      }
    }
  });

  it('does not change its argument and refuses negative or fractional days', () => {
    const from = d('2026-11-23T10:00:00.000Z');
    addWorkingDays(from, 3);
    expect(from.toISOString()).toBe('2026-11-23T10:00:00.000Z');
    expect(() => addWorkingDays(from, -1)).toThrow(RangeError);
    expect(() => addWorkingDays(from, 1.5)).toThrow(RangeError);
  });
});

describe('deadlinesFor', () => {
  it('acknowledge in working days, respond in calendar days, from the same instant', () => {
    const raised = d('2026-11-27T16:20:00.000Z'); // a Friday
    expect(deadlinesFor(raised, { acknowledgeWorkingDays: 5, respondDays: 30 })).toEqual({
      acknowledgeBy: d('2026-12-04T16:20:00.000Z'),
      respondBy: d('2026-12-27T16:20:00.000Z'),
    });
    expect(deadlinesFor(d('2026-11-28T16:20:00.000Z'), { acknowledgeWorkingDays: 2, respondDays: 1 })).toEqual({
      acknowledgeBy: d('2026-12-02T00:00:00.000Z'),
      respondBy: d('2026-11-29T16:20:00.000Z'),
    });
  });
});

const fields = (overrides: Partial<DeadlineFields> = {}): DeadlineFields => ({
  status: 'RAISED',
  acknowledgeBy: d('2026-11-30T10:00:00.000Z'),
  respondBy: d('2026-12-23T10:00:00.000Z'),
  acknowledgedAt: null,
  respondedAt: null,
  closedAt: null,
  ...overrides,
});

describe('overdue and escalated, at the boundaries', () => {
  const ackBy = d('2026-11-30T10:00:00.000Z');
  const respondBy = d('2026-12-23T10:00:00.000Z');
  const justAfter = (date: Date) => new Date(date.getTime() + 1);

  it('RAISED: not overdue at the acknowledge deadline itself, overdue one millisecond later', () => {
    expect(isOverdue(fields(), ackBy)).toBe(false);
    expect(isEscalated(fields(), ackBy)).toBe(false);
    expect(isOverdue(fields(), justAfter(ackBy))).toBe(true);
    expect(isEscalated(fields(), justAfter(ackBy))).toBe(true);
    expect(missedDeadlines(fields(), justAfter(ackBy))).toEqual([{ deadline: 'ACKNOWLEDGE', dueAt: ackBy }]);
    expect(missedDeadlines(fields(), justAfter(respondBy))).toEqual([
      { deadline: 'ACKNOWLEDGE', dueAt: ackBy },
      { deadline: 'RESPOND', dueAt: respondBy },
    ]);
  });

  it('ACKNOWLEDGED in time: overdue only after the respond deadline', () => {
    const i = fields({ status: 'ACKNOWLEDGED', acknowledgedAt: d('2026-11-30T09:00:00.000Z') });
    expect(isOverdue(i, justAfter(ackBy))).toBe(false);
    expect(isEscalated(i, justAfter(ackBy))).toBe(false);
    expect(isOverdue(i, respondBy)).toBe(false);
    expect(isOverdue(i, justAfter(respondBy))).toBe(true);
    expect(missedDeadlines(i, justAfter(respondBy))).toEqual([{ deadline: 'RESPOND', dueAt: respondBy }]);
  });

  it('acknowledged late: no longer overdue, still escalated (the deadline was missed)', () => {
    const i = fields({ status: 'ACKNOWLEDGED', acknowledgedAt: justAfter(ackBy) });
    const now = d('2026-12-01T00:00:00.000Z');
    expect(isOverdue(i, now)).toBe(false);
    expect(isEscalated(i, now)).toBe(true);
    // Exactly on time is not late.
    expect(isEscalated(fields({ status: 'ACKNOWLEDGED', acknowledgedAt: ackBy }), now)).toBe(false);
  });

  it('RESPONDED: never overdue; escalated if the first response came late', () => {
    const inTime = fields({ status: 'RESPONDED', acknowledgedAt: ackBy, respondedAt: respondBy });
    const late = fields({ status: 'RESPONDED', acknowledgedAt: ackBy, respondedAt: justAfter(respondBy) });
    const later = d('2027-02-01T00:00:00.000Z');
    expect(isOverdue(inTime, later)).toBe(false);
    expect(isEscalated(inTime, later)).toBe(false);
    expect(isOverdue(late, later)).toBe(false);
    expect(isEscalated(late, later)).toBe(true);
  });

  it('REOPENED: overdue after the new respond deadline', () => {
    const i = fields({ status: 'REOPENED', acknowledgedAt: ackBy, respondBy: d('2027-01-20T00:00:00.000Z') });
    expect(isOverdue(i, d('2027-01-20T00:00:00.000Z'))).toBe(false);
    expect(isOverdue(i, d('2027-01-20T00:00:00.001Z'))).toBe(true);
    expect(isEscalated(i, d('2027-01-20T00:00:00.001Z'))).toBe(true);
  });

  it('RESOLVED and REJECTED: neither overdue nor escalated, whatever the dates', () => {
    for (const status of ['RESOLVED', 'REJECTED'] as const) {
      const i = fields({ status, closedAt: d('2027-01-01T00:00:00.000Z') });
      expect(isOverdue(i, d('2030-01-01T00:00:00.000Z'))).toBe(false);
      expect(isEscalated(i, d('2030-01-01T00:00:00.000Z'))).toBe(false);
      expect(missedDeadlines(i, d('2030-01-01T00:00:00.000Z'))).toEqual([]);
      expect(nextDeadline(i, d('2030-01-01T00:00:00.000Z'))).toBeNull();
    }
  });

  it('nextDeadline: the earliest awaited deadline, time left or overdue, agreeing with isOverdue', () => {
    expect(nextDeadline(fields(), d('2026-11-30T09:00:00.000Z'))).toEqual({ deadline: 'ACKNOWLEDGE', dueAt: ackBy, overdue: false, ms: 60 * 60 * 1000 });
    expect(nextDeadline(fields(), d('2026-11-30T10:00:00.001Z'))).toEqual({ deadline: 'ACKNOWLEDGE', dueAt: ackBy, overdue: true, ms: -1 });
    const acknowledged = fields({ status: 'ACKNOWLEDGED', acknowledgedAt: ackBy });
    expect(nextDeadline(acknowledged, ackBy)).toMatchObject({ deadline: 'RESPOND', dueAt: respondBy, overdue: false });
    expect(nextDeadline(fields({ status: 'RESPONDED', acknowledgedAt: ackBy, respondedAt: ackBy }), ackBy)).toBeNull();
    // A respond deadline earlier than the acknowledge deadline (respondDays 1, a weekend) comes first.
    const early = fields({ respondBy: d('2026-11-24T10:00:00.000Z') });
    expect(nextDeadline(early, d('2026-11-23T10:00:00.000Z'))).toMatchObject({ deadline: 'RESPOND' });
    for (const status of ISSUE_STATUSES) {
      for (const now of [d('2026-11-01T00:00:00.000Z'), ackBy, justAfter(ackBy), respondBy, justAfter(respondBy)]) {
        const i = fields({ status, acknowledgedAt: status === 'RAISED' ? null : ackBy, closedAt: ['RESOLVED', 'REJECTED'].includes(status) ? ackBy : null });
        expect(nextDeadline(i, now)?.overdue ?? false, `${status} at ${now.toISOString()}`).toBe(isOverdue(i, now));
      }
    }
  });
});

describe('reopen window', () => {
  const closedAt = d('2026-12-01T12:00:00.000Z');
  it(`is ${REOPEN_WINDOW_DAYS} days from closing, inclusive`, () => {
    expect(REOPEN_WINDOW_DAYS).toBe(30);
    for (const status of ['RESOLVED', 'REJECTED'] as const) {
      const i = { status, closedAt };
      expect(reopenAllowedUntil(i)).toEqual(d('2026-12-31T12:00:00.000Z'));
      expect(canReopenAt(i, d('2026-12-31T12:00:00.000Z'))).toBe(true);
      expect(canReopenAt(i, d('2026-12-31T12:00:00.001Z'))).toBe(false);
    }
  });
  it('does not apply to an open issue', () => {
    for (const status of ['RAISED', 'ACKNOWLEDGED', 'RESPONDED', 'REOPENED'] as const) {
      expect(reopenAllowedUntil({ status, closedAt: null })).toBeNull();
      expect(canReopenAt({ status, closedAt }, closedAt)).toBe(false);
    }
  });
});

describe('references and receipt codes', () => {
  it('formats references with at least four digits', () => {
    expect(formatReference(2026, 1)).toBe('ISS-2026-0001');
    expect(formatReference(2026, 42)).toBe('ISS-2026-0042');
    expect(formatReference(2026, 9999)).toBe('ISS-2026-9999');
    expect(formatReference(2027, 12345)).toBe('ISS-2027-12345');
  });

  it('parses a receipt code typed with spaces, dashes or nothing between the groups', () => {
    const digits = '0123456789012345';
    for (const typed of [digits, '0123-4567-8901-2345', '0123 4567 8901 2345', ' 0123–4567—8901 2345 ', '０１２３４５６７８９０１２３４５']) {
      expect(parseReceiptCode(typed), typed).toBe(digits);
    }
    for (const wrong of ['', '0123-4567-8901-234', '0123-4567-8901-23456', '0123-4567-8901-234x', 'abcd-efgh-ijkl-mnop', '٠١٢٣٤٥٦٧٨٩٠١٢٣٤٥', '1'.repeat(65)]) {
      expect(parseReceiptCode(wrong), wrong).toBeNull();
    }
    expect(formatReceiptCode(digits)).toBe('0123-4567-8901-2345');
    expect(parseReceiptCode(formatReceiptCode(digits))).toBe(digits);
  });
});

describe('schemas', () => {
  const valid = {
    organizationId: 'org',
    administrationId: 'adm',
    officeId: '',
    title: 'Unofficial payment asked at the gate',
    description: 'An officer asked for an unofficial payment to speed up the inspection of our truck.',
    occurredAt: '2026-11-20',
    category: 'UNOFFICIAL_PAYMENT',
    factor: 'TRANSPARENCY',
    severity: 'HIGH',
    visibility: 'PUBLIC',
  };

  it('accepts a form as posted: an empty office is no office, the date is coerced', () => {
    const parsed = RaiseIssueSchema.parse(valid);
    expect(parsed.officeId).toBeUndefined();
    expect(parsed.occurredAt).toEqual(d('2026-11-20T00:00:00.000Z'));
  });

  it('refuses a date in the future or before 2000, and short texts', () => {
    const issuesOf = (input: unknown) => RaiseIssueSchema.safeParse(input).error?.issues.map((i) => `${i.path.join('.')}:${i.message}`) ?? [];
    expect(issuesOf({ ...valid, occurredAt: new Date(Date.now() + 3 * DAY).toISOString() })).toEqual(['occurredAt:errors.issueOccurredAtFuture']);
    expect(issuesOf({ ...valid, occurredAt: '1999-12-31' })).toEqual(['occurredAt:errors.issueOccurredAtTooEarly']);
    expect(issuesOf({ ...valid, occurredAt: 'yesterday' })).toEqual(['occurredAt:errors.issueOccurredAtInvalid']);
    expect(issuesOf({ ...valid, title: 'Bad', description: 'short' })).toEqual(['title:errors.tooShort', 'description:errors.tooShort']);
    expect(issuesOf({ ...valid, category: 'BRIBE' })).toEqual(['category:errors.choose']);
  });

  it('anonymous raising has no organisation and no visibility', () => {
    const parsed = RaiseAnonymousIssueSchema.parse(valid) as Record<string, unknown>;
    expect(parsed.organizationId).toBeUndefined();
    expect(parsed.visibility).toBeUndefined();
  });

  it('requires an outcome of 10 characters', () => {
    expect(ResolveIssueSchema.safeParse({ issueId: 'x', outcome: '' }).error?.issues[0].message).toBe('errors.issueOutcomeRequired');
    expect(ResolveIssueSchema.safeParse({ issueId: 'x', outcome: 'too short' }).error?.issues[0].message).toBe('errors.tooShort');
  });

  it('anonymous follow-up: the code in any typing, empty fields dropped', () => {
    expect(AnonymousFollowUpSchema.parse({ receiptCode: '1234 5678 9012 3456', body: '', reopenReason: '  ' })).toEqual({ receiptCode: '1234567890123456' });
    expect(AnonymousFollowUpSchema.safeParse({ receiptCode: '1234' }).error?.issues[0].message).toBe('errors.receiptCodeFormat');
  });
});
