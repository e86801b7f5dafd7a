// The fixed lists the forms and pages show (kinds, roles, factors, audiences, statuses). Plain constants without zod:
// a page that lists them must not carry the validation library into the browser. The schemas import them from here.
export const ORGANIZATION_KINDS = ['CUSTOMS_ADMINISTRATION', 'BUSINESS_ASSOCIATION', 'PARTNER'] as const;
export const MEMBERSHIP_ROLES = ['MEMBER', 'SIGNATORY', 'LIAISON_OFFICER', 'ORG_ADMIN'] as const;

export const ARUSHA_FACTORS = [
  'LEADERSHIP_AND_COMMITMENT',
  'REGULATORY_FRAMEWORK',
  'TRANSPARENCY',
  'AUTOMATION',
  'REFORM_AND_MODERNISATION',
  'AUDIT_AND_INVESTIGATION',
  'CODE_OF_CONDUCT',
  'HUMAN_RESOURCE_MANAGEMENT',
  'MORALE_AND_ORGANISATIONAL_CULTURE',
  'RELATIONSHIP_WITH_PRIVATE_SECTOR',
] as const;
export const PLEDGE_AUDIENCES = ['CUSTOMS', 'BUSINESS', 'BOTH'] as const;
export const PLEDGE_STATUSES = ['DRAFT', 'PUBLISHED', 'CLOSED'] as const;
export const SIGNATURE_STATUSES = ['ACTIVE', 'LAPSED', 'WITHDRAWN'] as const;

export const CUSTOMS_OFFICE_KINDS = ['ROAD_BORDER_CROSSING', 'RAIL_BORDER_CROSSING', 'AIRPORT', 'SEAPORT', 'INLAND_OFFICE'] as const;
export const ISSUE_CATEGORIES = [
  'UNOFFICIAL_PAYMENT',
  'UNEXPLAINED_DELAY',
  'INCONSISTENT_CLASSIFICATION_OR_VALUATION',
  'OPAQUE_PROCEDURE',
  'DISCRETIONARY_INSPECTION',
  'OTHER',
] as const;
export const ISSUE_SEVERITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export const ISSUE_VISIBILITIES = ['PUBLIC', 'RESTRICTED'] as const;
export const ISSUE_STATUSES = ['RAISED', 'ACKNOWLEDGED', 'RESPONDED', 'RESOLVED', 'REJECTED', 'REOPENED'] as const;
export const ISSUE_DEADLINES = ['ACKNOWLEDGE', 'RESPOND'] as const;
export const NOTIFICATION_KINDS = [
  'ISSUE_ASSIGNED',
  'ISSUE_RESPONDED',
  'ISSUE_STATUS_CHANGED',
  'ISSUE_ESCALATED',
  'COMMITMENT_PROPOSED',
  'COMMITMENT_STATUS_CHANGED',
  'MILESTONE_AWAITING_CONFIRMATION',
  'MILESTONE_DUE',
  'MILESTONE_DISPUTED',
] as const;
export type IssueStatusName = (typeof ISSUE_STATUSES)[number];

// Joint commitments and action plans (app/domain/commitment-rules.ts).
export const COMMITMENT_TYPES = ['PREVENTION', 'DETECTION'] as const;
export const COMMITMENT_PHASES = ['PROPOSED', 'ACTIVE', 'CANCELLED'] as const;
/** The status people see, derived from the phase, the milestones and today's date. */
export const COMMITMENT_STATUSES = ['PROPOSED', 'ON_TRACK', 'AT_RISK', 'DELAYED', 'COMPLETED', 'CANCELLED'] as const;
export const PARTY_RESPONSES = ['PENDING', 'ACCEPTED', 'DECLINED'] as const;
export const MILESTONE_STATES = ['OPEN', 'DONE', 'COMPLETED'] as const;
export const ACTION_PLAN_STATUSES = ['DRAFT', 'PUBLISHED'] as const;
export const MILESTONE_IMPORT_STATUSES = ['CHECKING', 'CHECKED', 'APPLIED', 'FAILED'] as const;
export type CommitmentTypeName = (typeof COMMITMENT_TYPES)[number];
export type CommitmentPhaseName = (typeof COMMITMENT_PHASES)[number];
export type CommitmentStatusName = (typeof COMMITMENT_STATUSES)[number];
export type PartyResponseName = (typeof PARTY_RESPONSES)[number];
export type MilestoneStateName = (typeof MILESTONE_STATES)[number];
