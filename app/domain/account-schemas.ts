// Input schemas of account security: password reset and two-factor sign-in. Messages are i18n keys. Forms are parsed
// with these same schemas (app/web/route.server.ts parseForm), so each field's name is written once.
import { z } from 'zod';
import { SignUpSchema } from './schemas';

const email = SignUpSchema.shape.email;
const newPassword = SignUpSchema.shape.password;
const currentPassword = z.string({ error: 'errors.required' }).min(1, 'errors.required').max(200, 'errors.tooLong');

/**
 * What a person types as a second factor: six digits from the authenticator app (spaces allowed, as apps show
 * "123 456"), or a recovery code ("abcde-fghij", any case, with or without the dash).
 */
const secondFactorCode = z
  .string({ error: 'errors.required' })
  .transform((value) => value.replace(/[\s-]/g, '').toLowerCase())
  .pipe(z.string().min(1, 'errors.required').max(20, 'errors.twoFactorCodeInvalid'));

export const RequestPasswordResetSchema = z.object({ email });

export const ResetPasswordSchema = z.object({
  token: z.string({ error: 'errors.resetLinkInvalid' }).min(20, 'errors.resetLinkInvalid').max(200, 'errors.resetLinkInvalid'),
  password: newPassword,
});

/** A TOTP secret as this server generates it: 20 random bytes in base32 (32 characters). */
const totpSecret = z
  .string({ error: 'errors.invalid' })
  .trim()
  .toUpperCase()
  .regex(/^[A-Z2-7]{32}$/, 'errors.invalid');

export const EnableTwoFactorSchema = z.object({
  secret: totpSecret,
  code: secondFactorCode,
  /** Required when replacing an authenticator that is already set up. */
  password: currentPassword.optional(),
});

export const DisableTwoFactorSchema = z.object({ password: currentPassword, code: secondFactorCode });

export const TwoFactorSignInSchema = z.object({ userId: z.string().min(1, 'errors.required'), code: secondFactorCode });
