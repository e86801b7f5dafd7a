// The enums of joint commitments, milestones and action plans: each the domain's own list of values (app/domain/enums.ts).
import {
  ACTION_PLAN_STATUSES,
  COMMITMENT_PHASES,
  COMMITMENT_STATUSES,
  COMMITMENT_TYPES,
  MILESTONE_IMPORT_STATUSES,
  MILESTONE_STATES,
  PARTY_RESPONSES,
} from '../../app/domain/enums';
import { builder } from '../builder';

export const CommitmentType = builder.enumType('CommitmentType', {
  values: COMMITMENT_TYPES,
  description:
    'The Almaty Integrity Resolution’s two kinds: PREVENTION (education, procedures, automation) and DETECTION (controls, investigation, sanctions).',
});

export const CommitmentPhase = builder.enumType('CommitmentPhase', {
  values: COMMITMENT_PHASES,
  description: 'The stored part of a commitment’s life: PROPOSED (waiting for the parties), ACTIVE (every party accepted), CANCELLED.',
});

export const CommitmentStatus = builder.enumType('CommitmentStatus', {
  values: COMMITMENT_STATUSES,
  description:
    'The status people see, derived from the phase, the milestones and today’s date: PROPOSED; ON_TRACK; AT_RISK (an open milestone falls due within 14 days); DELAYED (an open milestone is overdue); COMPLETED (every milestone confirmed by every party); CANCELLED.',
});

export const PartyResponse = builder.enumType('PartyResponse', {
  values: PARTY_RESPONSES,
  description: 'A party’s answer to a proposed commitment. The proposer’s party is ACCEPTED from the start; a party that DECLINED may still accept later.',
});

export const MilestoneState = builder.enumType('MilestoneState', {
  values: MILESTONE_STATES,
  description: 'OPEN (to do, or reopened by a dispute) → DONE (marked done with evidence by its owner party) → COMPLETED (confirmed by every party).',
});

export const MilestoneTiming = builder.enumType('MilestoneTiming', {
  values: ['OVERDUE', 'DUE_SOON'] as const,
  description: 'An OPEN milestone past its due date (OVERDUE), or due within 14 days (DUE_SOON).',
});

export const ActionPlanStatus = builder.enumType('ActionPlanStatus', {
  values: ACTION_PLAN_STATUSES,
  description: 'DRAFT: seen by the administration’s members and platform administrators. PUBLISHED: public.',
});

export const MilestoneImportStatus = builder.enumType('MilestoneImportStatus', {
  values: MILESTONE_IMPORT_STATUSES,
  description: 'CHECKING (the dry run is reading rows), CHECKED (the report is ready), APPLIED (in one transaction), FAILED (nothing was changed).',
});
