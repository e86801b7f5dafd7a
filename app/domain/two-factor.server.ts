// Two-factor sign-in with a time-based one-time password (TOTP, RFC 6238: any authenticator app) and ten one-time
// recovery codes. Optional for everyone; a platform administrator who has set it up keeps it (may replace the
// authenticator, not turn it off). A code is accepted once: the last accepted time step is stored (totpLastStep).
import crypto from 'node:crypto';
import * as OTPAuth from 'otpauth';
import type { Actor } from './actor.server';
import { DisableTwoFactorSchema, EnableTwoFactorSchema, TwoFactorSignInSchema } from './account-schemas';
import { type AttemptLimits, assertAttemptAllowed, createSession, recordAttempt } from './auth.server';
import { type DomainContext, type Tx, command, nowOf } from './context.server';
import { ForbiddenError, NotAuthenticatedError, ValidationError, parseInput } from './errors.server';
import { verifyPassword } from './password.server';
import { authorize, can } from './policy.server';

/** How long the step between password and code may take. */
export const TWO_FACTOR_PENDING_MS = 5 * 60 * 1000;
export const RECOVERY_CODE_COUNT = 10;
const ISSUER = 'Integrity Compact';
const PERIOD = 30;

/** Wrong codes (and wrong passwords on the settings forms): per account and address, per account, per address. */
export const TWO_FACTOR_LIMITS: AttemptLimits = { window: 15 * 60 * 1000, perPair: 5, perAccount: 10, perIp: 30 };

const totpFor = (secret: string, label = '') =>
  new OTPAuth.TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: OTPAuth.Secret.fromBase32(secret) });

/** A new random secret (20 bytes, base32): shown to the person, stored only once they confirm it with a code. */
export function newTwoFactorSecret(): string {
  return new OTPAuth.Secret({ size: 20 }).base32;
}

/** The otpauth:// URI an authenticator app reads from the QR code. */
export function twoFactorUri(secret: string, accountName: string): string {
  return totpFor(secret, accountName).toString();
}

/** The time step a six-digit code belongs to (this one or its neighbours, for clock drift), or null. */
function totpStep(secret: string, code: string, now: Date): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totpFor(secret).validate({ token: code, timestamp: now.getTime(), window: 1 });
  if (delta === null) return null;
  return Math.floor(now.getTime() / 1000 / PERIOD) + delta;
}

// Recovery codes: 10 characters of base32 (50 bits), shown as "abcde-fghij". Random enough that a SHA-256 of each
// suffices (a slow hash protects guessable secrets; these are not).
const RECOVERY_ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
const hashRecoveryCode = (normalised: string) => crypto.createHash('sha256').update(`ic-recovery:${normalised}`).digest('hex');

function newRecoveryCodes() {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = [...crypto.randomBytes(10)].map((byte) => RECOVERY_ALPHABET[byte % 32]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
  return { codes, hashes: codes.map((code) => hashRecoveryCode(code.replace('-', ''))) };
}

type SecondFactorUser = { id: string; totpSecret: string | null; totpEnabledAt: Date | null };

/**
 * Use a code as the second factor, inside the caller's transaction: a TOTP code moves totpLastStep forward (a code of
 * the same or an earlier step is refused: no replay), a recovery code is removed from the account. Both are single
 * conditional statements, so two requests with the same code cannot both succeed.
 */
async function consumeSecondFactor(tx: Tx, user: SecondFactorUser, code: string, now: Date): Promise<'totp' | 'recovery' | null> {
  if (!user.totpEnabledAt || !user.totpSecret) return null;
  if (/^\d{6}$/.test(code)) {
    const step = totpStep(user.totpSecret, code, now);
    if (step === null) return null;
    const moved = await tx.user.updateMany({
      where: { id: user.id, totpEnabledAt: { not: null }, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
      data: { totpLastStep: step },
    });
    return moved.count === 1 ? 'totp' : null;
  }
  if (!/^[a-z2-7]{10}$/.test(code)) return null;
  const hash = hashRecoveryCode(code);
  const removed = await tx.$executeRaw`
    UPDATE "User" SET "recoveryCodeHashes" = array_remove("recoveryCodeHashes", ${hash}), "updatedAt" = ${now}
    WHERE "id" = ${user.id} AND ${hash} = ANY("recoveryCodeHashes")`;
  return removed === 1 ? 'recovery' : null;
}

/** What the settings page shows about the user's second factor. */
export async function twoFactorStatus(ctx: DomainContext, userId: string) {
  authorize(ctx.actor, 'user.manageTwoFactor', { userId });
  const user = await ctx.db.user.findUniqueOrThrow({ where: { id: userId }, select: { totpEnabledAt: true, recoveryCodeHashes: true } });
  return {
    enabled: !!user.totpEnabledAt,
    enabledAt: user.totpEnabledAt,
    recoveryCodesLeft: user.totpEnabledAt ? user.recoveryCodeHashes.length : 0,
    /** May the user turn it off (platform administrators may not, once it is set up). */
    canDisable: can(ctx.actor, 'user.disableTwoFactor', { userId }),
  };
}

async function checkPassword(ctx: DomainContext, user: { email: string; passwordHash: string }, password: string, now: Date) {
  const ip = ctx.meta?.ip ?? 'unknown';
  if (await verifyPassword(password, user.passwordHash)) return;
  await recordAttempt(ctx.db, 'totp', user.email, ip, false, now);
  throw ValidationError.field('password', 'errors.passwordIncorrect');
}

/**
 * Turn two-factor sign-in on with a secret the person's app now holds (proved by a code from it), or replace the
 * authenticator (then the password is asked for too). Returns the ten recovery codes, shown once and stored hashed.
 */
export async function enableTwoFactor(ctx: DomainContext, userId: string, input: unknown) {
  authorize(ctx.actor, 'user.manageTwoFactor', { userId });
  const data = parseInput(EnableTwoFactorSchema, input);
  const now = nowOf(ctx);
  const ip = ctx.meta?.ip ?? 'unknown';
  const user = await ctx.db.user.findUniqueOrThrow({ where: { id: userId } });
  await assertAttemptAllowed(ctx.db, 'totp', user.email, ip, now, TWO_FACTOR_LIMITS);
  const replacing = !!user.totpEnabledAt;
  if (replacing) {
    if (!data.password) throw ValidationError.field('password', 'errors.required');
    await checkPassword(ctx, user, data.password, now);
  }
  const step = totpStep(data.secret, data.code, now);
  if (step === null) {
    await recordAttempt(ctx.db, 'totp', user.email, ip, false, now);
    throw ValidationError.field('code', 'errors.twoFactorCodeInvalid');
  }
  const { codes, hashes } = newRecoveryCodes();
  await command(ctx, async (tx, audit) => {
    await tx.user.update({ where: { id: userId }, data: { totpSecret: data.secret, totpEnabledAt: now, totpLastStep: step, recoveryCodeHashes: hashes } });
    await audit({
      action: replacing ? 'user.two_factor_replaced' : 'user.two_factor_enabled',
      subjectType: 'User',
      subjectId: userId,
      data: { recoveryCodes: hashes.length },
    });
  });
  return { recoveryCodes: codes, replaced: replacing };
}

/** Turn two-factor sign-in off, with the password and a current code (or a recovery code). Not for platform admins. */
export async function disableTwoFactor(ctx: DomainContext, userId: string, input: unknown) {
  authorize(ctx.actor, 'user.manageTwoFactor', { userId });
  if (!can(ctx.actor, 'user.disableTwoFactor', { userId })) throw new ForbiddenError('errors.twoFactorRequiredForAdmins');
  const data = parseInput(DisableTwoFactorSchema, input);
  const now = nowOf(ctx);
  const ip = ctx.meta?.ip ?? 'unknown';
  const user = await ctx.db.user.findUniqueOrThrow({ where: { id: userId } });
  if (!user.totpEnabledAt) return { disabled: false };
  await assertAttemptAllowed(ctx.db, 'totp', user.email, ip, now, TWO_FACTOR_LIMITS);
  await checkPassword(ctx, user, data.password, now);
  const done = await command(ctx, async (tx, audit) => {
    const via = await consumeSecondFactor(tx, user, data.code, now);
    if (!via) return false;
    await tx.user.update({ where: { id: userId }, data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null, recoveryCodeHashes: [] } });
    await audit({ action: 'user.two_factor_disabled', subjectType: 'User', subjectId: userId, data: { via } });
    return true;
  });
  if (!done) {
    await recordAttempt(ctx.db, 'totp', user.email, ip, false, now);
    throw ValidationError.field('code', 'errors.twoFactorCodeInvalid');
  }
  return { disabled: true };
}

/**
 * The second step of signing in: the user named by the pending-sign-in cookie gives a code from the app or a recovery
 * code; then, and only then, a session starts. Wrong codes are rate-limited like passwords.
 */
export async function completeTwoFactorSignIn(ctx: DomainContext, input: unknown) {
  const data = parseInput(TwoFactorSignInSchema, input);
  const now = nowOf(ctx);
  const ip = ctx.meta?.ip ?? 'unknown';
  const user = await ctx.db.user.findUnique({ where: { id: data.userId } });
  // Turned off in the meantime, or no such user: start again from the password.
  if (!user || !user.totpEnabledAt) throw new NotAuthenticatedError();
  await assertAttemptAllowed(ctx.db, 'totp', user.email, ip, now, TWO_FACTOR_LIMITS);
  const asUser: Actor = { kind: 'user', userId: user.id, isPlatformAdmin: user.isPlatformAdmin, memberships: [] };
  const via = await command({ ...ctx, actor: asUser }, async (tx, audit) => {
    const used = await consumeSecondFactor(tx, user, data.code, now);
    if (used === 'recovery') {
      await audit({ action: 'user.recovery_code_used', subjectType: 'User', subjectId: user.id, data: { left: user.recoveryCodeHashes.length - 1 } });
    }
    return used;
  });
  await recordAttempt(ctx.db, 'totp', user.email, ip, !!via, now);
  if (!via) throw ValidationError.field('code', 'errors.twoFactorCodeInvalid');
  const session = await createSession(ctx, user.id);
  return { user, via, ...session };
}
