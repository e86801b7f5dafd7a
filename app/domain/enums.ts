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
