// The enums of the API, each the domain's own list of values (app/domain/schemas.ts, pledge-schemas.ts).
import { ARUSHA_FACTORS, PLEDGE_AUDIENCES, PLEDGE_STATUSES, SIGNATURE_STATUSES } from '../../app/domain/pledge-schemas';
import { MEMBERSHIP_ROLES, ORGANIZATION_KINDS } from '../../app/domain/schemas';
import { builder } from '../builder';

export const OrganizationKind = builder.enumType('OrganizationKind', {
  values: ORGANIZATION_KINDS,
  description: 'What an organisation is.',
});

export const MembershipRole = builder.enumType('MembershipRole', {
  values: MEMBERSHIP_ROLES,
  description: 'What a member may do for their organisation.',
});

export const Locale = builder.enumType('Locale', { values: ['en', 'ru'] as const });

export const PledgeStatus = builder.enumType('PledgeStatus', { values: PLEDGE_STATUSES });

export const PledgeAudience = builder.enumType('PledgeAudience', {
  values: PLEDGE_AUDIENCES,
  description: 'Who may sign: customs administrations, business associations, or both.',
});

export const ArushaFactor = builder.enumType('ArushaFactor', {
  values: ARUSHA_FACTORS,
  description: 'The ten key factors of the WCO Revised Arusha Declaration.',
});

export const SignatureStatus = builder.enumType('SignatureStatus', {
  values: SIGNATURE_STATUSES,
  description: 'ACTIVE; LAPSED (the renewal period passed without a renewal or progress report); WITHDRAWN.',
});
