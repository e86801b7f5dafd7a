// Joint commitment rules that both the server and the browser need: calendar dates, the derived status, progress,
// and the state machines of a party's answer, of cancellation and of a milestone. Pure functions, no I/O and no
// server imports (pages import this file).
//
// Dates: due dates, start and end dates and plan periods are calendar dates (PostgreSQL `date`, read by Prisma as a
// Date at 00:00 UTC). Here they are ISO strings 'YYYY-MM-DD', compared as strings. "Today" is the UTC date of the
// injectable clock (DomainContext.now); time zones are not modelled, as for issue deadlines.
import type { CommitmentPhaseName, CommitmentStatusName, MilestoneStateName, PartyResponseName } from './enums';

export type CommitmentStatus = CommitmentStatusName;
export type CommitmentPhase = CommitmentPhaseName;
export type MilestoneState = MilestoneStateName;
export type PartyResponse = PartyResponseName;

/** A milestone due within this many days (today included) and still OPEN puts its commitment AT_RISK. */
export const AT_RISK_DAYS = 14;
/** Parties: at least two organisations (one a customs administration), at most this many. */
export const MIN_PARTIES = 2;
export const MAX_PARTIES = 10;
export const MAX_MILESTONES = 200;
export const MAX_EVIDENCE_LINKS = 10;

// ───────────────────────────── Calendar dates ─────────────────────────────

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Is this a real calendar date written YYYY-MM-DD (not 2026-02-30)? */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

/** The calendar date of a Date in UTC, or a YYYY-MM-DD string as it is. */
export function isoDate(value: Date | string): string {
  return typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10);
}

/** Today's calendar date (UTC) at this instant. */
export const todayOf = (now: Date): string => isoDate(now);

/** The Date Prisma writes to a `date` column for a YYYY-MM-DD string (00:00 UTC). */
export function dateValue(iso: string): Date {
  return new Date(`${isoDate(iso)}T00:00:00.000Z`);
}

/** A calendar date plus (or minus) whole days. */
export function addCalendarDays(iso: string, days: number): string {
  return isoDate(new Date(dateValue(iso).getTime() + days * DAY_MS));
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((dateValue(to).getTime() - dateValue(from).getTime()) / DAY_MS);
}

// ───────────────────────────── Progress and derived status ─────────────────────────────

/** What the status and progress are computed from: the commitment's stored counters (kept by the milestone commands). */
export type CommitmentProgressInput = {
  phase: CommitmentPhase | string;
  milestoneCount: number;
  completedCount: number;
  /** The earliest due date among OPEN milestones (null when none is open). */
  nextOpenDueDate: Date | string | null;
};

/** The counters of a commitment from its milestones (what refreshCommitmentProgress stores). */
export function summarizeMilestones(milestones: readonly { state: MilestoneState | string; dueDate: Date | string; completedAt?: Date | null }[]): {
  milestoneCount: number;
  completedCount: number;
  nextOpenDueDate: string | null;
  completedAt: Date | null;
} {
  let completedCount = 0;
  let nextOpenDueDate: string | null = null;
  let completedAt: Date | null = null;
  for (const m of milestones) {
    if (m.state === 'COMPLETED') {
      completedCount++;
      if (m.completedAt && (!completedAt || m.completedAt > completedAt)) completedAt = m.completedAt;
    } else if (m.state === 'OPEN') {
      const due = isoDate(m.dueDate);
      if (nextOpenDueDate === null || due < nextOpenDueDate) nextOpenDueDate = due;
    }
  }
  const allDone = milestones.length > 0 && completedCount === milestones.length;
  return { milestoneCount: milestones.length, completedCount, nextOpenDueDate, completedAt: allDone ? completedAt : null };
}

/** Progress: completed (confirmed by every party) milestones over all milestones, 0 to 1 (0 without milestones). */
export function progressOf({ milestoneCount, completedCount }: { milestoneCount: number; completedCount: number }): number {
  return milestoneCount > 0 ? completedCount / milestoneCount : 0;
}

/** Progress as a whole percentage, rounded down (so 99.6 % never reads 100 %). */
export const progressPercent = (input: { milestoneCount: number; completedCount: number }) => Math.floor(progressOf(input) * 100);

/**
 * The status people see:
 * - CANCELLED: every party that had accepted agreed to cancel;
 * - PROPOSED: not yet accepted by every party;
 * - COMPLETED: it has milestones and every one is completed;
 * - DELAYED: an OPEN milestone's due date has passed (due yesterday or earlier);
 * - AT_RISK: an OPEN milestone falls due within AT_RISK_DAYS (today up to today + 14 days);
 * - ON_TRACK: otherwise (also an active commitment without milestones yet).
 * A milestone marked done and awaiting confirmations is not OPEN: it makes nothing late.
 * The SQL form of this rule (for list filters) is commitmentStatusSql in commitment-queries.server.ts; a test keeps
 * the two in agreement.
 */
export function deriveCommitmentStatus(c: CommitmentProgressInput, today: string): CommitmentStatus {
  if (c.phase === 'CANCELLED') return 'CANCELLED';
  if (c.phase !== 'ACTIVE') return 'PROPOSED';
  if (c.milestoneCount > 0 && c.completedCount >= c.milestoneCount) return 'COMPLETED';
  const next = c.nextOpenDueDate === null ? null : isoDate(c.nextOpenDueDate);
  if (next !== null && next < today) return 'DELAYED';
  if (next !== null && next <= addCalendarDays(today, AT_RISK_DAYS)) return 'AT_RISK';
  return 'ON_TRACK';
}

/** Is this milestone overdue (OPEN and due before today)? Due within the at-risk window? */
export function milestoneTiming(m: { state: MilestoneState | string; dueDate: Date | string }, today: string): 'OVERDUE' | 'DUE_SOON' | null {
  if (m.state !== 'OPEN') return null;
  const due = isoDate(m.dueDate);
  if (due < today) return 'OVERDUE';
  if (due <= addCalendarDays(today, AT_RISK_DAYS)) return 'DUE_SOON';
  return null;
}

// ───────────────────────────── State machines ─────────────────────────────

export type CommitmentAction = 'accept' | 'decline' | 'cancel' | 'addMilestone' | 'updateMilestone';
export type MilestoneAction = 'complete' | 'confirm' | 'dispute' | 'attest' | 'update';

/** The phases each commitment-level act is allowed in. */
export const COMMITMENT_TRANSITIONS: Readonly<Record<CommitmentAction, readonly CommitmentPhase[]>> = {
  // A party answers while the commitment is proposed; a party that declined may still accept later.
  accept: ['PROPOSED'],
  decline: ['PROPOSED'],
  // A party agrees to cancel; it is CANCELLED once every accepted party agreed (a completed commitment cannot be).
  cancel: ['PROPOSED', 'ACTIVE'],
  addMilestone: ['PROPOSED', 'ACTIVE'],
  updateMilestone: ['PROPOSED', 'ACTIVE'],
};

/** The party answers each party-level act is allowed from. */
export const PARTY_TRANSITIONS = {
  accept: ['PENDING', 'DECLINED'],
  decline: ['PENDING'],
  // Only parties that accepted are bound, so only they agree to cancel.
  cancel: ['ACCEPTED'],
} as const satisfies Record<'accept' | 'decline' | 'cancel', readonly PartyResponse[]>;

/**
 * A milestone: OPEN → (complete, by its owner party, with evidence; the owner's confirmation is recorded with it) →
 * DONE → (confirm, by each other party) → COMPLETED once every party confirmed this round; or DONE → (dispute, by a
 * party that has not confirmed this round, with a reason) → OPEN. The monitor attests a COMPLETED milestone once.
 * Title, deliverable, owner and due date change only while OPEN. Milestone acts other than `update` need the
 * commitment ACTIVE.
 */
export const MILESTONE_TRANSITIONS: Readonly<Record<MilestoneAction, { from: readonly MilestoneState[]; to: MilestoneState | null }>> = {
  complete: { from: ['OPEN'], to: 'DONE' },
  confirm: { from: ['DONE'], to: null },
  dispute: { from: ['DONE'], to: 'OPEN' },
  attest: { from: ['COMPLETED'], to: null },
  update: { from: ['OPEN'], to: null },
};

export const canMilestone = (state: MilestoneState | string, action: MilestoneAction) =>
  (MILESTONE_TRANSITIONS[action].from as readonly string[]).includes(state);
export const canCommitment = (phase: CommitmentPhase | string, action: CommitmentAction) =>
  (COMMITMENT_TRANSITIONS[action] as readonly string[]).includes(phase);

/** Is a milestone completed once this set of parties has confirmed the round? Every party must be among them. */
export function allPartiesConfirmed(partyIds: readonly string[], confirmedPartyIds: readonly string[]): boolean {
  const confirmed = new Set(confirmedPartyIds);
  return partyIds.length > 0 && partyIds.every((id) => confirmed.has(id));
}

/** Is the commitment cancelled once these parties agreed? Every ACCEPTED party must have. */
export function allAcceptedAgreedToCancel(parties: readonly { response: PartyResponse | string; cancelAgreedAt: Date | null }[]): boolean {
  const accepted = parties.filter((p) => p.response === 'ACCEPTED');
  return accepted.length > 0 && accepted.every((p) => p.cancelAgreedAt !== null);
}

/** Is it ACTIVE once these answers are in? Every party ACCEPTED. */
export const allPartiesAccepted = (parties: readonly { response: PartyResponse | string }[]) =>
  parties.length >= MIN_PARTIES && parties.every((p) => p.response === 'ACCEPTED');

/** The i18n keys of refusals (app/i18n/parts/commitments-core.ts): `errors.commitmentPhase.<action>.<phase>`, … */
export const commitmentTransitionErrorKey = (action: CommitmentAction, phase: string) => `errors.commitmentPhase.${action}.${phase}` as const;
export const milestoneTransitionErrorKey = (action: MilestoneAction, state: string) => `errors.milestoneState.${action}.${state}` as const;

/** COM-2026-0042. */
export const formatCommitmentReference = (year: number, number: number) => `COM-${year}-${String(number).padStart(4, '0')}`;
export const COMMITMENT_REFERENCE = /^COM-\d{4}-\d{4,}$/;
