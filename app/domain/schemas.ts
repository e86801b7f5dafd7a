// Input schemas shared by forms (client and server), domain functions and GraphQL. Messages are i18n keys.
import { z } from 'zod';
import { isCountryCode } from './countries';

import { MEMBERSHIP_ROLES, ORGANIZATION_KINDS } from './enums';

// Pages import these lists from ./enums (no zod in the browser); re-exported for the server's convenience.
export { MEMBERSHIP_ROLES, ORGANIZATION_KINDS };
export const LOCALES = ['en', 'ru'] as const;

/** A record's id, from a form or an API: required, short. */
const id = z.string({ error: 'errors.required' }).trim().min(1, 'errors.required').max(64, 'errors.invalid');

const email = z.string({ error: 'errors.required' }).trim().toLowerCase().min(1, 'errors.required').max(254, 'errors.tooLong').pipe(z.email('errors.email'));

export const SignUpSchema = z.object({
  name: z.string({ error: 'errors.required' }).trim().min(1, 'errors.required').max(120, 'errors.tooLong'),
  email,
  password: z.string({ error: 'errors.required' }).min(10, 'errors.passwordTooShort').max(200, 'errors.tooLong'),
});

export const SignInSchema = z.object({
  email,
  password: z.string({ error: 'errors.required' }).min(1, 'errors.required').max(200, 'errors.tooLong'),
});

export const OrganizationSchema = z.object({
  name: z.string({ error: 'errors.required' }).trim().min(2, 'errors.tooShort').max(160, 'errors.tooLong'),
  kind: z.enum(ORGANIZATION_KINDS, { error: 'errors.choose' }),
  country: z.string({ error: 'errors.required' }).trim().toUpperCase().refine(isCountryCode, 'errors.country'),
  description: z.string().trim().max(2000, 'errors.tooLong').default(''),
  website: z
    .string()
    .trim()
    .max(300, 'errors.tooLong')
    .optional()
    .transform((v) => (v ? v : undefined))
    .pipe(z.url({ protocol: /^https?$/, error: 'errors.url' }).optional()),
});

const confirmSimilarName = z.boolean({ error: 'errors.invalid' }).optional();

/** Registration: the organisation, and the person's confirmation when its name is close to an existing one's. */
export const RegisterOrganizationSchema = OrganizationSchema.extend({ confirmSimilarName });

/** Editing: the same fields; a new name close to another organisation's needs the same confirmation. */
export const UpdateOrganizationSchema = OrganizationSchema.extend({ confirmSimilarName });

export const VerifyOrganizationSchema = z.object({
  organizationId: id,
  verified: z.boolean({ error: 'errors.invalid' }),
});

export const CreateInvitationSchema = z.object({
  organizationId: id,
  role: z.enum(MEMBERSHIP_ROLES, { error: 'errors.choose' }),
  note: z.string().trim().max(200, 'errors.tooLong').optional(),
});

export const AcceptInvitationSchema = z.object({ token: z.string().trim().min(10, 'errors.invitationInvalid').max(200) });
export const RevokeInvitationSchema = z.object({ invitationId: id });

export const SetMemberRoleSchema = z.object({
  membershipId: id,
  role: z.enum(MEMBERSHIP_ROLES, { error: 'errors.choose' }),
});
export const RemoveMemberSchema = z.object({ membershipId: id });

export const PreferencesSchema = z.object({
  name: z.string().trim().min(1, 'errors.required').max(120, 'errors.tooLong').optional(),
  locale: z.enum(LOCALES, { error: 'errors.choose' }).optional(),
});

export const RevokeSessionSchema = z.object({ sessionId: id });

export const AddMemberSchema = z.object({
  organizationId: id,
  userId: id,
  role: z.enum(MEMBERSHIP_ROLES, { error: 'errors.choose' }),
});
