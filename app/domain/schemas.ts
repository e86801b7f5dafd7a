// Input schemas shared by forms (client and server), domain functions and GraphQL. Messages are i18n keys.
import { z } from 'zod';
import { isCountryCode } from './countries';

export const ORGANIZATION_KINDS = ['CUSTOMS_ADMINISTRATION', 'BUSINESS_ASSOCIATION', 'PARTNER'] as const;
export const MEMBERSHIP_ROLES = ['MEMBER', 'SIGNATORY', 'LIAISON_OFFICER', 'ORG_ADMIN'] as const;
export const LOCALES = ['en', 'ru'] as const;

const email = z
  .string({ error: 'errors.required' })
  .trim()
  .toLowerCase()
  .min(1, 'errors.required')
  .max(254, 'errors.tooLong')
  .pipe(z.email('errors.email'));

export const SignUpSchema = z.object({
  name: z.string({ error: 'errors.required' }).trim().min(1, 'errors.required').max(120, 'errors.tooLong'),
  email,
  password: z
    .string({ error: 'errors.required' })
    .min(10, 'errors.passwordTooShort')
    .max(200, 'errors.tooLong'),
});

export const SignInSchema = z.object({
  email,
  password: z.string({ error: 'errors.required' }).min(1, 'errors.required').max(200, 'errors.tooLong'),
});

export const OrganizationSchema = z.object({
  name: z.string({ error: 'errors.required' }).trim().min(2, 'errors.tooShort').max(160, 'errors.tooLong'),
  kind: z.enum(ORGANIZATION_KINDS, { error: 'errors.choose' }),
  country: z
    .string({ error: 'errors.required' })
    .trim()
    .toUpperCase()
    .refine(isCountryCode, 'errors.country'),
  description: z.string().trim().max(2000, 'errors.tooLong').default(''),
  website: z
    .string()
    .trim()
    .max(300, 'errors.tooLong')
    .optional()
    .transform((v) => (v ? v : undefined))
    .pipe(z.url({ protocol: /^https?$/, error: 'errors.url' }).optional()),
});

export const VerifyOrganizationSchema = z.object({
  organizationId: z.string().min(1, 'errors.required'),
  verified: z.boolean(),
});

export const CreateInvitationSchema = z.object({
  organizationId: z.string().min(1, 'errors.required'),
  role: z.enum(MEMBERSHIP_ROLES, { error: 'errors.choose' }),
  note: z.string().trim().max(200, 'errors.tooLong').optional(),
});

export const AcceptInvitationSchema = z.object({ token: z.string().trim().min(10, 'errors.invitationInvalid').max(200) });
export const RevokeInvitationSchema = z.object({ invitationId: z.string().min(1, 'errors.required') });

export const SetMemberRoleSchema = z.object({
  membershipId: z.string().min(1, 'errors.required'),
  role: z.enum(MEMBERSHIP_ROLES, { error: 'errors.choose' }),
});
export const RemoveMemberSchema = z.object({ membershipId: z.string().min(1, 'errors.required') });

export const PreferencesSchema = z.object({
  name: z.string().trim().min(1, 'errors.required').max(120, 'errors.tooLong').optional(),
  locale: z.enum(LOCALES, { error: 'errors.choose' }).optional(),
});

export const RevokeSessionSchema = z.object({ sessionId: z.string().min(1, 'errors.required') });

export const AddMemberSchema = z.object({
  organizationId: z.string().min(1, 'errors.required'),
  userId: z.string().min(1, 'errors.required'),
  role: z.enum(MEMBERSHIP_ROLES, { error: 'errors.choose' }),
});
