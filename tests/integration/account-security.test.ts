// Password reset by emailed link and two-factor sign-in, through the domain; mail through the outbox folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as OTPAuth from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous } from '../../app/domain/actor.server';
import { verifyAuditChain } from '../../app/domain/audit.server';
import { hashToken, sessionFromToken, signIn, signInWithPassword } from '../../app/domain/auth.server';
import { ForbiddenError, NotFoundError, RateLimitedError, ValidationError } from '../../app/domain/errors.server';
import { configureMail } from '../../app/domain/mail.server';
import { verifyPassword } from '../../app/domain/password.server';
import {
  MAX_RESET_EMAILS_PER_ACCOUNT,
  MAX_RESET_REQUESTS_PER_IP,
  RESET_TOKEN_TTL_MS,
  requestPasswordReset,
  resetPassword,
} from '../../app/domain/password-reset.server';
import {
  RECOVERY_CODE_COUNT,
  TWO_FACTOR_LIMITS,
  completeTwoFactorSignIn,
  disableTwoFactor,
  enableTwoFactor,
  newTwoFactorSecret,
  twoFactorStatus,
} from '../../app/domain/two-factor.server';
import { sendPasswordResetMail } from '../../app/web/account-mail.server';
import { type TestDatabase, createTestDatabase } from '../helpers/db';
import { PASSWORD, ctxFor, makeUser } from '../helpers/fixtures';

let t: TestDatabase;
const outbox = fs.mkdtempSync(path.join(os.tmpdir(), 'ic-outbox-'));
beforeAll(async () => {
  t = await createTestDatabase();
  configureMail({ from: 'Integrity Compact <no-reply@compact.test>', outboxDir: outbox });
});
afterAll(async () => {
  configureMail(undefined);
  fs.rmSync(outbox, { recursive: true, force: true });
  await t?.close();
});

const anon = (ip = '198.51.100.50', now?: () => Date) => ({
  db: t.db,
  actor: anonymous,
  meta: { ip, userAgent: 'vitest', origin: 'https://compact.test' },
  now,
});

/** The reset link in an .eml file: the text part is base64 (UTF-8). */
function linkIn(file: string): string {
  const raw = fs.readFileSync(file, 'utf8');
  const bodies = [...raw.matchAll(/Content-Transfer-Encoding: base64\r\n\r\n([A-Za-z0-9+/=\r\n]+)/g)].map((m) =>
    Buffer.from(m[1].replace(/\s/g, ''), 'base64').toString('utf8'),
  );
  const link = bodies.join('\n').match(/https:\/\/compact\.test\/reset-password\/[A-Za-z0-9_-]+/);
  if (!link) throw new Error(`no link in ${file}`);
  return link[0];
}

describe('password reset', () => {
  it('answers the same for known and unknown addresses, and mails a link only to a real account', async () => {
    const user = await makeUser(t.db);
    const known = await requestPasswordReset(anon(), { email: user.email.toUpperCase() }, sendPasswordResetMail('en'));
    const unknown = await requestPasswordReset(anon(), { email: 'nobody-here@example.test' }, sendPasswordResetMail('en'));
    expect(unknown.delivery).toBeNull();
    const receipt = await known.delivery;
    expect(receipt).toMatchObject({ via: 'outbox' });
    const file = (receipt as { file: string }).file;
    expect(path.dirname(file)).toBe(outbox);
    const raw = fs.readFileSync(file, 'utf8');
    expect(raw).toMatch(/^From: Integrity Compact <no-reply@compact\.test>\r\nTo: user-/);
    expect(raw).toContain('Subject: Reset your Integrity Compact password');
    expect(raw).toContain('multipart/alternative');
    const token = linkIn(file).split('/').pop()!;
    // Only the token's SHA-256 is stored, with an expiry an hour ahead.
    const stored = await t.db.passwordResetToken.findFirstOrThrow({ where: { userId: user.id } });
    expect(stored.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(stored.expiresAt.getTime() - stored.createdAt.getTime()).toBe(RESET_TOKEN_TTL_MS);
    const audit = await t.db.auditEvent.findMany({ where: { subjectId: user.id, action: 'user.password_reset_requested' } });
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0].data)).not.toContain(token);
  });

  it('writes the message in the account holder’s language', async () => {
    const user = await makeUser(t.db);
    await t.db.user.update({ where: { id: user.id }, data: { locale: 'ru' } });
    const { delivery } = await requestPasswordReset(anon('198.51.100.51'), { email: user.email }, sendPasswordResetMail('en'));
    const raw = fs.readFileSync(((await delivery) as { file: string }).file, 'utf8');
    expect(raw).toContain(`Subject: =?UTF-8?B?${Buffer.from('Сброс пароля в Integrity Compact').toString('base64')}?=`);
  });

  it('sets a new password once: ends every session, records when, and the link cannot be used again', async () => {
    const user = await makeUser(t.db);
    const s1 = await signIn(anon('198.51.100.52'), { email: user.email, password: PASSWORD });
    const s2 = await signIn(anon('198.51.100.53'), { email: user.email, password: PASSWORD });
    const { delivery } = await requestPasswordReset(anon('198.51.100.52'), { email: user.email }, sendPasswordResetMail('en'));
    const token = linkIn(((await delivery) as { file: string }).file)
      .split('/')
      .pop()!;

    // A weak password is refused and the link stays usable.
    const weak = await resetPassword(anon(), { token, password: '1111111111' }).catch((e) => e);
    expect(weak).toBeInstanceOf(ValidationError);
    expect(weak.fieldErrors).toEqual({ password: ['errors.passwordWeak.simpleRepeat'] });

    const result = await resetPassword(anon(), { token, password: 'a brand new pass phrase' });
    expect(result.sessionsRevoked).toBe(2);
    const after = await t.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword('a brand new pass phrase', after.passwordHash)).toBe(true);
    expect(after.passwordChangedAt).not.toBeNull();
    expect(await sessionFromToken(t.db, s1.token)).toBeNull();
    expect(await sessionFromToken(t.db, s2.token)).toBeNull();
    await expect(resetPassword(anon(), { token, password: 'another new pass phrase' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(signIn(anon('198.51.100.54'), { email: user.email, password: 'a brand new pass phrase' })).resolves.toBeTruthy();
    const actions = (
      await t.db.auditEvent.findMany({
        where: { OR: [{ subjectId: user.id }, { subjectId: { in: [s1.session.id, s2.session.id] } }] },
        orderBy: { seq: 'asc' },
      })
    ).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['user.password_reset', 'session.revoked']));
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  });

  it('refuses expired, unknown and malformed links', async () => {
    const user = await makeUser(t.db);
    const { delivery } = await requestPasswordReset(anon('198.51.100.55'), { email: user.email }, sendPasswordResetMail('en'));
    const token = linkIn(((await delivery) as { file: string }).file)
      .split('/')
      .pop()!;
    const later = () => new Date(Date.now() + RESET_TOKEN_TTL_MS + 1000);
    await expect(resetPassword(anon('198.51.100.55', later), { token, password: 'a brand new pass phrase' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(resetPassword(anon(), { token: 'x'.repeat(43), password: 'a brand new pass phrase' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(resetPassword(anon(), { token: 'short', password: 'a brand new pass phrase' })).rejects.toBeInstanceOf(ValidationError);
  });

  it('is rate-limited per address, and mails one account only a few times an hour', async () => {
    const user = await makeUser(t.db);
    const now = () => new Date('2033-01-01T00:00:00Z');
    const deliveries = [];
    for (let i = 0; i < MAX_RESET_REQUESTS_PER_IP; i++) {
      deliveries.push((await requestPasswordReset(anon('203.0.113.60', now), { email: user.email }, sendPasswordResetMail('en'))).delivery);
    }
    expect(deliveries.filter((d) => d !== null)).toHaveLength(MAX_RESET_EMAILS_PER_ACCOUNT);
    await Promise.all(deliveries);
    await expect(requestPasswordReset(anon('203.0.113.60', now), { email: 'someone@example.test' }, sendPasswordResetMail('en'))).rejects.toBeInstanceOf(
      RateLimitedError,
    );
  });
});

const codeFor = (secret: string, at = Date.now()) =>
  OTPAuth.TOTP.generate({ secret: OTPAuth.Secret.fromBase32(secret), timestamp: at, digits: 6, period: 30, algorithm: 'SHA1' });

/** A user with two-factor sign-in on; returns the secret and the recovery codes. */
async function withTwoFactor(options: { platformAdmin?: boolean } = {}) {
  const user = await makeUser(t.db, options);
  const secret = newTwoFactorSecret();
  // Set up half a minute ago, so that a code of the current step is new.
  const setupAt = Date.now() - 30_000;
  const { recoveryCodes } = await enableTwoFactor({ ...(await ctxFor(t.db, user.id)), now: () => new Date(setupAt) }, user.id, {
    secret,
    code: codeFor(secret, setupAt),
  });
  return { user, secret, recoveryCodes };
}

describe('two-factor sign-in', () => {
  it('is set up with a code from the app; a wrong code stores nothing', async () => {
    const user = await makeUser(t.db);
    const ctx = await ctxFor(t.db, user.id);
    const secret = newTwoFactorSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const wrong = await enableTwoFactor(ctx, user.id, { secret, code: '000000' }).catch((e) => e);
    expect(wrong).toBeInstanceOf(ValidationError);
    expect(wrong.fieldErrors).toEqual({ code: ['errors.twoFactorCodeInvalid'] });
    expect((await t.db.user.findUniqueOrThrow({ where: { id: user.id } })).totpSecret).toBeNull();
    const { recoveryCodes } = await enableTwoFactor(ctx, user.id, { secret, code: codeFor(secret) });
    expect(recoveryCodes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(recoveryCodes).size).toBe(RECOVERY_CODE_COUNT);
    for (const code of recoveryCodes) expect(code).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/);
    const stored = await t.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.totpEnabledAt).not.toBeNull();
    expect(stored.recoveryCodeHashes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(JSON.stringify(stored.recoveryCodeHashes)).not.toContain(recoveryCodes[0].replace('-', ''));
    expect(await twoFactorStatus(ctx, user.id)).toMatchObject({ enabled: true, recoveryCodesLeft: RECOVERY_CODE_COUNT, canDisable: true });
    // Nobody else manages it.
    const other = await makeUser(t.db);
    await expect(enableTwoFactor(await ctxFor(t.db, other.id), user.id, { secret, code: codeFor(secret) })).rejects.toBeInstanceOf(ForbiddenError);
    expect((await t.db.auditEvent.findMany({ where: { subjectId: user.id, action: 'user.two_factor_enabled' } })).length).toBe(1);
  });

  it('asks for the code after the password, with no session until then; a code works once', async () => {
    const { user, secret } = await withTwoFactor();
    const sessionsBefore = await t.db.session.count({ where: { userId: user.id } });
    const first = await signInWithPassword(anon('198.51.100.70'), { email: user.email, password: PASSWORD });
    expect(first.step).toBe('two-factor');
    expect(await t.db.session.count({ where: { userId: user.id } })).toBe(sessionsBefore);
    // The password-only entry point refuses such an account.
    await expect(signIn(anon('198.51.100.70'), { email: user.email, password: PASSWORD })).rejects.toBeInstanceOf(ValidationError);

    const wrong = await completeTwoFactorSignIn(anon('198.51.100.70'), { userId: user.id, code: '123456' }).catch((e) => e);
    expect(wrong).toBeInstanceOf(ValidationError);
    const code = codeFor(secret);
    const done = await completeTwoFactorSignIn(anon('198.51.100.70'), { userId: user.id, code: `${code.slice(0, 3)} ${code.slice(3)}` });
    expect(done.via).toBe('totp');
    expect((await sessionFromToken(t.db, done.token))?.user.id).toBe(user.id);
    // The same code again (a replay, even from elsewhere) is refused.
    const replay = await completeTwoFactorSignIn(anon('198.51.100.71'), { userId: user.id, code }).catch((e) => e);
    expect(replay).toBeInstanceOf(ValidationError);
    expect(replay.fieldErrors).toEqual({ code: ['errors.twoFactorCodeInvalid'] });
  });

  it('accepts each recovery code once', async () => {
    const { user, recoveryCodes } = await withTwoFactor();
    const done = await completeTwoFactorSignIn(anon('198.51.100.72'), { userId: user.id, code: recoveryCodes[3].toUpperCase() });
    expect(done.via).toBe('recovery');
    await expect(completeTwoFactorSignIn(anon('198.51.100.72'), { userId: user.id, code: recoveryCodes[3] })).rejects.toBeInstanceOf(ValidationError);
    expect((await t.db.user.findUniqueOrThrow({ where: { id: user.id } })).recoveryCodeHashes).toHaveLength(RECOVERY_CODE_COUNT - 1);
    expect(await t.db.auditEvent.count({ where: { subjectId: user.id, action: 'user.recovery_code_used' } })).toBe(1);
  });

  it('limits wrong codes', async () => {
    const { user, secret } = await withTwoFactor();
    for (let i = 0; i < TWO_FACTOR_LIMITS.perPair; i++) {
      await expect(completeTwoFactorSignIn(anon('198.51.100.73'), { userId: user.id, code: '000000' })).rejects.toBeInstanceOf(ValidationError);
    }
    await expect(completeTwoFactorSignIn(anon('198.51.100.73'), { userId: user.id, code: codeFor(secret) })).rejects.toBeInstanceOf(RateLimitedError);
  });

  it('is turned off with the password and a code; a platform administrator can only replace it', async () => {
    const { user, secret } = await withTwoFactor();
    const ctx = await ctxFor(t.db, user.id, { ip: '198.51.100.74' });
    const badPassword = await disableTwoFactor(ctx, user.id, { password: 'not my password', code: codeFor(secret) }).catch((e) => e);
    expect(badPassword.fieldErrors).toEqual({ password: ['errors.passwordIncorrect'] });
    const badCode = await disableTwoFactor(ctx, user.id, { password: PASSWORD, code: '000000' }).catch((e) => e);
    expect(badCode.fieldErrors).toEqual({ code: ['errors.twoFactorCodeInvalid'] });
    expect((await twoFactorStatus(ctx, user.id)).enabled).toBe(true);
    await disableTwoFactor(ctx, user.id, { password: PASSWORD, code: codeFor(secret) });
    const off = await t.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(off).toMatchObject({ totpSecret: null, totpEnabledAt: null, recoveryCodeHashes: [] });
    expect((await signInWithPassword(anon('198.51.100.74'), { email: user.email, password: PASSWORD })).step).toBe('signed-in');

    const admin = await withTwoFactor({ platformAdmin: true });
    const adminCtx = await ctxFor(t.db, admin.user.id, { ip: '198.51.100.75' });
    expect((await twoFactorStatus(adminCtx, admin.user.id)).canDisable).toBe(false);
    const refused = await disableTwoFactor(adminCtx, admin.user.id, { password: PASSWORD, code: codeFor(admin.secret) }).catch((e) => e);
    expect(refused).toBeInstanceOf(ForbiddenError);
    expect(refused.message).toBe('errors.twoFactorRequiredForAdmins');
    // Replacing needs the password, and a code from the new app; the old recovery codes stop working.
    const next = newTwoFactorSecret();
    const noPassword = await enableTwoFactor(adminCtx, admin.user.id, { secret: next, code: codeFor(next) }).catch((e) => e);
    expect(noPassword.fieldErrors).toEqual({ password: ['errors.required'] });
    const replaced = await enableTwoFactor(adminCtx, admin.user.id, { secret: next, code: codeFor(next), password: PASSWORD });
    expect(replaced.replaced).toBe(true);
    await expect(completeTwoFactorSignIn(anon('198.51.100.76'), { userId: admin.user.id, code: admin.recoveryCodes[0] })).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect((await t.db.user.findUniqueOrThrow({ where: { id: admin.user.id } })).totpSecret).toBe(next);
    expect(await t.db.auditEvent.count({ where: { subjectId: admin.user.id, action: 'user.two_factor_replaced' } })).toBe(1);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  });
});
