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
export const NOTIFICATION_KINDS = ['ISSUE_ASSIGNED', 'ISSUE_RESPONDED', 'ISSUE_STATUS_CHANGED', 'ISSUE_ESCALATED'] as const;
export type IssueStatusName = (typeof ISSUE_STATUSES)[number];
