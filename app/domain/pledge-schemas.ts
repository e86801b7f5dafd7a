// Input schemas for pledges, shared by forms, domain functions and GraphQL. Messages are i18n keys.
import { z } from 'zod';

import { ARUSHA_FACTORS, PLEDGE_AUDIENCES, PLEDGE_STATUSES, SIGNATURE_STATUSES } from './enums';

// Pages import these lists from ./enums (no zod in the browser); re-exported for the server's convenience.
export { ARUSHA_FACTORS, PLEDGE_AUDIENCES, PLEDGE_STATUSES, SIGNATURE_STATUSES };

const id = z.string({ error: 'errors.required' }).trim().min(1, 'errors.required').max(64, 'errors.invalid');
const title = z.string({ error: 'errors.required' }).trim().min(5, 'errors.tooShort').max(200, 'errors.tooLong');
const body = z.string({ error: 'errors.required' }).trim().min(20, 'errors.tooShort').max(50_000, 'errors.tooLong');
const factors = z
  .array(z.enum(ARUSHA_FACTORS, { error: 'errors.choose' }), { error: 'errors.chooseFactors' })
  .min(1, 'errors.chooseFactors')
  .transform((list) => [...new Set(list)]);

export const PledgeDraftSchema = z.object({
  title,
  body,
  factors,
  audience: z.enum(PLEDGE_AUDIENCES, { error: 'errors.choose' }),
  renewalMonths: z
    .number({ error: 'errors.renewalMonths' })
    .int('errors.renewalMonths')
    .min(1, 'errors.renewalMonths')
    .max(60, 'errors.renewalMonths')
    .nullish(),
  ownerOrganizationId: id.nullish(),
});

export const PublishPledgeSchema = z.object({ pledgeId: id });
export const ClosePledgeSchema = z.object({ pledgeId: id });

export const PublishPledgeVersionSchema = z.object({
  pledgeId: id,
  title,
  body,
  factors,
  changeNote: z.string().trim().max(1000, 'errors.tooLong').optional(),
});

export const SignPledgeSchema = z.object({
  pledgeId: id,
  organizationId: id,
  statement: z
    .string()
    .trim()
    .max(2000, 'errors.tooLong')
    .optional()
    .transform((v) => (v ? v : undefined)),
  confirmation: z.string({ error: 'errors.confirmation' }).trim().min(1, 'errors.confirmation').max(300, 'errors.confirmation'),
  // The version the signatory read. When given, signing refuses if another version has been published since, so
  // nobody signs a text they have not seen. (Without it the current version is signed: for API clients that do not
  // show the text.)
  versionNumber: z.number({ error: 'errors.invalid' }).int('errors.invalid').min(1, 'errors.invalid').max(1_000_000, 'errors.invalid').optional(),
});

export const WithdrawPledgeSignatureSchema = z.object({
  signatureId: id,
  reason: z.string({ error: 'errors.reasonRequired' }).trim().min(10, 'errors.reasonRequired').max(2000, 'errors.tooLong'),
});

const link = z.url({ protocol: /^https?$/, error: 'errors.url' }).max(500, 'errors.tooLong');
export const RenewPledgeSignatureSchema = z.object({
  signatureId: id,
  report: z.string({ error: 'errors.required' }).trim().min(20, 'errors.tooShort').max(10_000, 'errors.tooLong'),
  links: z.array(link).max(10, 'errors.tooMany').default([]),
});
