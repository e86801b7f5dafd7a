// The lead's pure rules for joint commitments (app/domain/commitment-rules.ts): calendar dates, the derived status at
// date boundaries, progress, and the state machines.
import { describe, expect, it } from 'vitest';
import {
  AT_RISK_DAYS,
  COMMITMENT_REFERENCE,
  addCalendarDays,
  allAcceptedAgreedToCancel,
  allPartiesAccepted,
  allPartiesConfirmed,
  canCommitment,
  canMilestone,
  commitmentTransitionErrorKey,
  daysBetween,
  deriveCommitmentStatus,
  formatCommitmentReference,
  isIsoDate,
  isoDate,
  milestoneTiming,
  milestoneTransitionErrorKey,
  progressOf,
  progressPercent,
  summarizeMilestones,
  todayOf,
} from '../../app/domain/commitment-rules';

const TODAY = '2026-11-23';
const active = (milestones: { state: string; dueDate: string; completedAt?: Date | null }[]) => ({ phase: 'ACTIVE', ...summarizeMilestones(milestones) });
const statusWith = (milestones: { state: string; dueDate: string }[], today = TODAY) => deriveCommitmentStatus(active(milestones), today);

describe('calendar dates', () => {
  it('accepts real dates written YYYY-MM-DD only', () => {
    expect(isIsoDate('2026-11-23')).toBe(true);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-1-5')).toBe(false);
    expect(isIsoDate('23.11.2026')).toBe(false);
    expect(isIsoDate('2026-11-23T00:00:00Z')).toBe(false);
    expect(isIsoDate('')).toBe(false);
  });

  it('counts calendar days across months, years and leap days', () => {
    expect(addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addCalendarDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addCalendarDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-11-23', '2026-12-07')).toBe(14);
    expect(daysBetween('2026-11-23', '2026-11-22')).toBe(-1);
  });

  it('reads today as the UTC date of the clock', () => {
    expect(todayOf(new Date('2026-11-23T23:59:59.999Z'))).toBe('2026-11-23');
    expect(todayOf(new Date('2026-11-24T00:00:00.000Z'))).toBe('2026-11-24');
    expect(isoDate(new Date('2026-11-23T00:00:00.000Z'))).toBe('2026-11-23');
    expect(isoDate('2026-11-23')).toBe('2026-11-23');
  });
});

describe('derived status at date boundaries', () => {
  it('an OPEN milestone due today: AT_RISK', () => {
    expect(statusWith([{ state: 'OPEN', dueDate: TODAY }])).toBe('AT_RISK');
  });

  it('due yesterday: DELAYED', () => {
    expect(statusWith([{ state: 'OPEN', dueDate: addCalendarDays(TODAY, -1) }])).toBe('DELAYED');
  });

  it(`due today + ${AT_RISK_DAYS}: AT_RISK; today + ${AT_RISK_DAYS + 1}: ON_TRACK`, () => {
    expect(AT_RISK_DAYS).toBe(14);
    expect(statusWith([{ state: 'OPEN', dueDate: addCalendarDays(TODAY, 14) }])).toBe('AT_RISK');
    expect(statusWith([{ state: 'OPEN', dueDate: addCalendarDays(TODAY, 15) }])).toBe('ON_TRACK');
  });

  it('moves with the clock: the same milestone is ON_TRACK, then AT_RISK, then DELAYED', () => {
    const milestones = [{ state: 'OPEN', dueDate: '2026-12-31' }];
    expect(statusWith(milestones, '2026-12-16')).toBe('ON_TRACK');
    expect(statusWith(milestones, '2026-12-17')).toBe('AT_RISK');
    expect(statusWith(milestones, '2026-12-31')).toBe('AT_RISK');
    expect(statusWith(milestones, '2027-01-01')).toBe('DELAYED');
  });

  it('the earliest OPEN milestone decides', () => {
    expect(
      statusWith([
        { state: 'OPEN', dueDate: addCalendarDays(TODAY, 60) },
        { state: 'OPEN', dueDate: addCalendarDays(TODAY, -3) },
      ]),
    ).toBe('DELAYED');
    expect(
      statusWith([
        { state: 'OPEN', dueDate: addCalendarDays(TODAY, 60) },
        { state: 'OPEN', dueDate: addCalendarDays(TODAY, 3) },
      ]),
    ).toBe('AT_RISK');
  });

  it('milestones marked done (awaiting confirmation) or completed make nothing late', () => {
    expect(statusWith([{ state: 'DONE', dueDate: addCalendarDays(TODAY, -30) }])).toBe('ON_TRACK');
    expect(statusWith([{ state: 'DONE', dueDate: TODAY }])).toBe('ON_TRACK');
    expect(
      statusWith([
        { state: 'COMPLETED', dueDate: addCalendarDays(TODAY, -30) },
        { state: 'DONE', dueDate: addCalendarDays(TODAY, -1) },
      ]),
    ).toBe('ON_TRACK');
  });

  it('COMPLETED once every milestone is completed, whatever the dates', () => {
    expect(
      statusWith([
        { state: 'COMPLETED', dueDate: addCalendarDays(TODAY, -300) },
        { state: 'COMPLETED', dueDate: TODAY },
      ]),
    ).toBe('COMPLETED');
    expect(
      statusWith([
        { state: 'COMPLETED', dueDate: TODAY },
        { state: 'DONE', dueDate: TODAY },
      ]),
    ).toBe('ON_TRACK');
  });

  it('an active commitment without milestones is ON_TRACK, not COMPLETED', () => {
    expect(statusWith([])).toBe('ON_TRACK');
  });

  it('PROPOSED until every party accepted, whatever the milestones; CANCELLED once cancelled', () => {
    const late = summarizeMilestones([{ state: 'OPEN', dueDate: addCalendarDays(TODAY, -10) }]);
    const done = summarizeMilestones([{ state: 'COMPLETED', dueDate: TODAY }]);
    expect(deriveCommitmentStatus({ phase: 'PROPOSED', ...late }, TODAY)).toBe('PROPOSED');
    expect(deriveCommitmentStatus({ phase: 'PROPOSED', ...done }, TODAY)).toBe('PROPOSED');
    expect(deriveCommitmentStatus({ phase: 'CANCELLED', ...late }, TODAY)).toBe('CANCELLED');
    expect(deriveCommitmentStatus({ phase: 'CANCELLED', ...done }, TODAY)).toBe('CANCELLED');
  });

  it('reads stored dates (Date at 00:00 UTC) as well as strings', () => {
    expect(deriveCommitmentStatus({ phase: 'ACTIVE', milestoneCount: 1, completedCount: 0, nextOpenDueDate: new Date(`${TODAY}T00:00:00.000Z`) }, TODAY)).toBe(
      'AT_RISK',
    );
  });

  it('milestone timing: OVERDUE before today, DUE_SOON up to today + 14, only while OPEN', () => {
    expect(milestoneTiming({ state: 'OPEN', dueDate: addCalendarDays(TODAY, -1) }, TODAY)).toBe('OVERDUE');
    expect(milestoneTiming({ state: 'OPEN', dueDate: TODAY }, TODAY)).toBe('DUE_SOON');
    expect(milestoneTiming({ state: 'OPEN', dueDate: addCalendarDays(TODAY, 14) }, TODAY)).toBe('DUE_SOON');
    expect(milestoneTiming({ state: 'OPEN', dueDate: addCalendarDays(TODAY, 15) }, TODAY)).toBeNull();
    expect(milestoneTiming({ state: 'DONE', dueDate: addCalendarDays(TODAY, -1) }, TODAY)).toBeNull();
    expect(milestoneTiming({ state: 'COMPLETED', dueDate: addCalendarDays(TODAY, -1) }, TODAY)).toBeNull();
  });
});

describe('progress', () => {
  it('counts completed milestones over all, the earliest open due date and the last completion', () => {
    const first = new Date('2026-10-01T10:00:00Z');
    const last = new Date('2026-11-01T10:00:00Z');
    expect(
      summarizeMilestones([
        { state: 'COMPLETED', dueDate: '2026-09-01', completedAt: last },
        { state: 'COMPLETED', dueDate: '2026-08-01', completedAt: first },
        { state: 'DONE', dueDate: '2026-07-01' },
        { state: 'OPEN', dueDate: '2027-03-01' },
        { state: 'OPEN', dueDate: '2027-01-15' },
      ]),
    ).toEqual({ milestoneCount: 5, completedCount: 2, nextOpenDueDate: '2027-01-15', completedAt: null });
    expect(
      summarizeMilestones([
        { state: 'COMPLETED', dueDate: '2026-09-01', completedAt: first },
        { state: 'COMPLETED', dueDate: '2026-08-01', completedAt: last },
      ]),
    ).toEqual({ milestoneCount: 2, completedCount: 2, nextOpenDueDate: null, completedAt: last });
    expect(summarizeMilestones([])).toEqual({ milestoneCount: 0, completedCount: 0, nextOpenDueDate: null, completedAt: null });
  });

  it('is completed over all, 0 without milestones, and never rounds up to 100 %', () => {
    expect(progressOf({ milestoneCount: 4, completedCount: 1 })).toBe(0.25);
    expect(progressOf({ milestoneCount: 0, completedCount: 0 })).toBe(0);
    expect(progressPercent({ milestoneCount: 3, completedCount: 2 })).toBe(66);
    expect(progressPercent({ milestoneCount: 1000, completedCount: 999 })).toBe(99);
    expect(progressPercent({ milestoneCount: 2, completedCount: 2 })).toBe(100);
  });
});

describe('state machines', () => {
  it('commitment acts by phase', () => {
    expect(canCommitment('PROPOSED', 'accept')).toBe(true);
    expect(canCommitment('ACTIVE', 'accept')).toBe(false);
    expect(canCommitment('PROPOSED', 'decline')).toBe(true);
    expect(canCommitment('ACTIVE', 'cancel')).toBe(true);
    expect(canCommitment('CANCELLED', 'cancel')).toBe(false);
    expect(canCommitment('ACTIVE', 'addMilestone')).toBe(true);
    expect(canCommitment('CANCELLED', 'addMilestone')).toBe(false);
    expect(canCommitment('CANCELLED', 'updateMilestone')).toBe(false);
  });

  it('milestone acts by state', () => {
    expect(canMilestone('OPEN', 'complete')).toBe(true);
    expect(canMilestone('DONE', 'complete')).toBe(false);
    expect(canMilestone('DONE', 'confirm')).toBe(true);
    expect(canMilestone('OPEN', 'confirm')).toBe(false);
    expect(canMilestone('COMPLETED', 'confirm')).toBe(false);
    expect(canMilestone('DONE', 'dispute')).toBe(true);
    expect(canMilestone('COMPLETED', 'dispute')).toBe(false);
    expect(canMilestone('COMPLETED', 'attest')).toBe(true);
    expect(canMilestone('DONE', 'attest')).toBe(false);
    expect(canMilestone('OPEN', 'update')).toBe(true);
    expect(canMilestone('DONE', 'update')).toBe(false);
  });

  it('a milestone is completed only when every party confirmed', () => {
    expect(allPartiesConfirmed(['a', 'b', 'c'], ['a', 'b'])).toBe(false);
    expect(allPartiesConfirmed(['a', 'b', 'c'], ['c', 'a', 'b'])).toBe(true);
    expect(allPartiesConfirmed(['a', 'b'], ['a', 'b', 'x'])).toBe(true);
    expect(allPartiesConfirmed([], [])).toBe(false);
  });

  it('active once every party (at least two) accepted; cancelled once every accepted party agreed', () => {
    expect(allPartiesAccepted([{ response: 'ACCEPTED' }, { response: 'PENDING' }])).toBe(false);
    expect(allPartiesAccepted([{ response: 'ACCEPTED' }, { response: 'DECLINED' }])).toBe(false);
    expect(allPartiesAccepted([{ response: 'ACCEPTED' }, { response: 'ACCEPTED' }])).toBe(true);
    expect(allPartiesAccepted([{ response: 'ACCEPTED' }])).toBe(false);
    const now = new Date();
    expect(
      allAcceptedAgreedToCancel([
        { response: 'ACCEPTED', cancelAgreedAt: now },
        { response: 'ACCEPTED', cancelAgreedAt: null },
      ]),
    ).toBe(false);
    expect(
      allAcceptedAgreedToCancel([
        { response: 'ACCEPTED', cancelAgreedAt: now },
        { response: 'PENDING', cancelAgreedAt: null },
      ]),
    ).toBe(true);
    expect(allAcceptedAgreedToCancel([{ response: 'PENDING', cancelAgreedAt: null }])).toBe(false);
  });

  it('names its refusals and references', () => {
    expect(commitmentTransitionErrorKey('accept', 'ACTIVE')).toBe('errors.commitmentPhase.accept.ACTIVE');
    expect(milestoneTransitionErrorKey('confirm', 'OPEN')).toBe('errors.milestoneState.confirm.OPEN');
    expect(formatCommitmentReference(2026, 42)).toBe('COM-2026-0042');
    expect(formatCommitmentReference(2026, 12345)).toBe('COM-2026-12345');
    expect(COMMITMENT_REFERENCE.test('COM-2026-0042')).toBe(true);
    expect(COMMITMENT_REFERENCE.test('ISS-2026-0042')).toBe(false);
  });
});
