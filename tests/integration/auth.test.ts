import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous } from '../../app/domain/actor.server';
import {
  FREE_FAILURES_PER_ACCOUNT,
  MAX_FAILURES_PER_ACCOUNT,
  MAX_FAILURES_PER_IP,
  MAX_FAILURES_PER_PAIR,
  MAX_SIGN_UPS_PER_IP,
  SIGN_IN_WINDOW_MS,
  SIGN_UP_WINDOW_MS,
  accountDelayMs,
  hashToken,
  revokeSession,
  sessionFromToken,
  signIn,
  signOut,
  signUp,
  updatePreferences,
} from '../../app/domain/auth.server';
import { verifyAuditChain } from '../../app/domain/audit.server';
import { ForbiddenError, InvalidCredentialsError, RateLimitedError, ValidationError } from '../../app/domain/errors.server';
import { verifyPassword } from '../../app/domain/password.server';
import { type TestDatabase, createTestDatabase } from '../helpers/db';
import { PASSWORD, ctxFor, makeUser } from '../helpers/fixtures';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.close());

const anon = (ip = '198.51.100.7', now?: () => Date) => ({ db: t.db, actor: anonymous, meta: { ip, userAgent: 'vitest' }, now });

describe('sign-up', () => {
  it('creates the account with a slow hash, a session and an audit record', async () => {
    const { user, token, session } = await signUp(anon(), { name: '  Asel  ', email: ' Asel@Example.TEST ', password: 'long enough password' });
    expect(user.email).toBe('asel@example.test');
    expect(user.name).toBe('Asel');
    expect(user.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('long enough password', user.passwordHash)).toBe(true);
    expect(session.tokenHash).toBe(hashToken(token));
    expect(session.tokenHash).not.toContain(token);
    const audit = await t.db.auditEvent.findMany({ where: { subjectId: user.id } });
    expect(audit.map((a) => a.action)).toEqual(['user.signed_up']);
    expect(JSON.stringify(audit.map((a) => a.data))).not.toContain('long enough password');
  });

  it('rejects bad input field by field and stores nothing', async () => {
    const before = await t.db.user.count();
    const error = await signUp(anon(), { name: '', email: 'not-an-email', password: 'short' }).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.fieldErrors).toEqual({ name: ['errors.required'], email: ['errors.email'], password: ['errors.passwordTooShort'] });
    const missing = await signUp(anon(), {}).catch((e) => e);
    expect(Object.keys(missing.fieldErrors).sort()).toEqual(['email', 'name', 'password']);
    expect(await t.db.user.count()).toBe(before);
  });

  it('refuses a second account for the same email, whatever its case', async () => {
    await signUp(anon(), { name: 'A', email: 'dup@example.test', password: 'long enough password' });
    const error = await signUp(anon(), { name: 'B', email: 'DUP@example.test', password: 'long enough password' }).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.fieldErrors).toEqual({ email: ['errors.emailTaken'] });
    expect(await t.db.user.count({ where: { email: 'dup@example.test' } })).toBe(1);
    // The database connection still works after the unique violation.
    expect(await t.db.user.count()).toBeGreaterThan(0);
  });
});

describe('password strength', () => {
  it('refuses passwords that are easy to guess, saying why, and stores nothing', async () => {
    const before = await t.db.user.count();
    const cases: [string, string][] = [
      ['1111111111', 'errors.passwordWeak.simpleRepeat'],
      ['          ', 'errors.passwordWeak.simpleRepeat'],
      ['password123456', 'errors.passwordWeak.similarToCommon'],
      ['qwertyuiop', 'errors.passwordWeak.topHundred'],
    ];
    for (const [password, key] of cases) {
      const error = await signUp(anon('198.51.100.30'), { name: 'Weak', email: `weak-${before}@example.test`, password }).catch((e) => e);
      expect(error, password).toBeInstanceOf(ValidationError);
      expect(error.fieldErrors, password).toEqual({ password: [key] });
    }
    // The person's own name or address is easy to guess too.
    const own = await signUp(anon('198.51.100.30'), { name: 'Aigerim Nurlanovna', email: 'aigerim@example.test', password: 'aigerimnurlanovna' }).catch(
      (e) => e,
    );
    expect(own.fieldErrors.password[0]).toMatch(/^errors\.passwordWeak/);
    expect(await t.db.user.count()).toBe(before);
    expect(await t.db.signInAttempt.count({ where: { purpose: 'signup', ip: '198.51.100.30' } })).toBe(0);
  });

  it('accepts passwords that are hard to guess', async () => {
    await expect(signUp(anon('198.51.100.31'), { name: 'Strong', email: 'strong@example.test', password: 'steppe lantern 1911 quay' })).resolves.toMatchObject({
      user: { email: 'strong@example.test' },
    });
  });
});

describe('sign-up rate limit', () => {
  it('allows a limited number of sign-ups per address, then again after the window', async () => {
    let clock = new Date('2032-01-01T00:00:00Z');
    const now = () => clock;
    // Earlier sign-ups from this address (recorded as the domain records them; hashing twenty passwords is slow).
    await t.db.signInAttempt.createMany({
      data: Array.from({ length: MAX_SIGN_UPS_PER_IP - 1 }, (_, i) => ({
        purpose: 'signup',
        email: `bulk-${i}@example.test`,
        ip: '203.0.113.150',
        success: true,
        createdAt: clock,
      })),
    });
    await signUp(anon('203.0.113.150', now), { name: 'Last one', email: 'bulk-last@example.test', password: 'long enough password' });
    const before = await t.db.user.count();
    const limited = await signUp(anon('203.0.113.150', now), { name: 'One more', email: 'bulk-more@example.test', password: 'long enough password' }).catch(
      (e) => e,
    );
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect(await t.db.user.count()).toBe(before);
    // Another address is not affected.
    await expect(
      signUp(anon('203.0.113.151', now), { name: 'Other', email: 'bulk-other@example.test', password: 'long enough password' }),
    ).resolves.toBeTruthy();
    clock = new Date(clock.getTime() + SIGN_UP_WINDOW_MS + 1000);
    await expect(
      signUp(anon('203.0.113.150', now), { name: 'Later', email: 'bulk-later@example.test', password: 'long enough password' }),
    ).resolves.toBeTruthy();
  });
});

describe('sign-in', () => {
  it('gives the same error for a wrong password and an unknown email', async () => {
    const user = await makeUser(t.db);
    const wrong = await signIn(anon('192.0.2.10'), { email: user.email, password: 'wrong password!' }).catch((e) => e);
    const unknown = await signIn(anon('192.0.2.10'), { email: 'nobody@example.test', password: 'wrong password!' }).catch((e) => e);
    expect(wrong).toBeInstanceOf(InvalidCredentialsError);
    expect(unknown).toBeInstanceOf(InvalidCredentialsError);
    expect(wrong.message).toBe(unknown.message);
    const ok = await signIn(anon('192.0.2.10'), { email: user.email.toUpperCase(), password: PASSWORD });
    expect(ok.user.id).toBe(user.id);
    expect((await sessionFromToken(t.db, ok.token))?.user.id).toBe(user.id);
  });

  it('limits failures per account and address; the owner still signs in from elsewhere', async () => {
    const user = await makeUser(t.db);
    let clock = new Date('2030-01-01T00:00:00Z');
    const now = () => clock;
    const attacker = '192.0.2.66';
    for (let i = 0; i < MAX_FAILURES_PER_PAIR; i++) {
      await expect(signIn(anon(attacker, now), { email: user.email, password: 'wrong password!' })).rejects.toBeInstanceOf(InvalidCredentialsError);
    }
    // The guessing address is stopped for this account, even with the right password…
    const limited = await signIn(anon(attacker, now), { email: user.email, password: PASSWORD }).catch((e) => e);
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect(limited.retryAfterSeconds).toBe(SIGN_IN_WINDOW_MS / 1000);
    // …but five wrong guesses by someone else do not lock the owner out.
    await expect(signIn(anon('192.0.2.99', now), { email: user.email, password: PASSWORD })).resolves.toMatchObject({ user: { id: user.id } });
    clock = new Date(clock.getTime() + SIGN_IN_WINDOW_MS + 1000);
    await expect(signIn(anon(attacker, now), { email: user.email, password: PASSWORD })).resolves.toMatchObject({ user: { id: user.id } });
  });

  it('slows an account under a spread-out attack with a growing delay instead of locking it, up to a ceiling', async () => {
    const user = await makeUser(t.db);
    let clock = new Date('2030-02-01T00:00:00Z');
    const now = () => clock;
    const fail = (i: number) => signIn(anon(`198.18.${Math.floor(i / 200)}.${i % 200}`, now), { email: user.email, password: 'wrong password!' });
    for (let i = 0; i < FREE_FAILURES_PER_ACCOUNT; i++) await expect(fail(i)).rejects.toBeInstanceOf(InvalidCredentialsError);
    // The free failures used up, one more is allowed, then each attempt waits: 2 s, 4 s, 8 s …
    await expect(fail(100)).rejects.toBeInstanceOf(InvalidCredentialsError);
    const waiting = await signIn(anon('192.0.2.200', now), { email: user.email, password: PASSWORD }).catch((e) => e);
    expect(waiting).toBeInstanceOf(RateLimitedError);
    expect(waiting.retryAfterSeconds).toBe(accountDelayMs(1) / 1000);
    clock = new Date(clock.getTime() + accountDelayMs(1));
    // After the short wait the owner, from their own address, gets in with the right password.
    await expect(signIn(anon('192.0.2.200', now), { email: user.email, password: PASSWORD })).resolves.toMatchObject({ user: { id: user.id } });
    expect(accountDelayMs(2)).toBe(4000);
    expect(accountDelayMs(30)).toBe(60_000);

    // The ceiling: so many failures within the window (only possible by racing the delay) stop everyone until it passes.
    const other = await makeUser(t.db);
    await t.db.signInAttempt.createMany({
      data: Array.from({ length: MAX_FAILURES_PER_ACCOUNT }, (_, i) => ({
        purpose: 'signin',
        email: other.email,
        ip: `198.19.0.${i}`,
        success: false,
        createdAt: new Date(clock.getTime() - 60_000),
      })),
    });
    const ceiling = await signIn(anon('192.0.2.201', now), { email: other.email, password: PASSWORD }).catch((e) => e);
    expect(ceiling).toBeInstanceOf(RateLimitedError);
    expect(ceiling.retryAfterSeconds).toBe((SIGN_IN_WINDOW_MS - 60_000) / 1000);
  });

  it('limits failures per IP address across accounts', async () => {
    const now = () => new Date('2031-01-01T00:00:00Z');
    // Password spraying: one address, many accounts (all but the last failure recorded directly, for speed).
    await t.db.signInAttempt.createMany({
      data: Array.from({ length: MAX_FAILURES_PER_IP - 1 }, (_, i) => ({
        purpose: 'signin',
        email: `spray-${i}@example.test`,
        ip: '203.0.113.200',
        success: false,
        createdAt: now(),
      })),
    });
    await expect(signIn(anon('203.0.113.200', now), { email: 'spray-last@example.test', password: 'guess guess' })).rejects.toBeInstanceOf(
      InvalidCredentialsError,
    );
    const user = await makeUser(t.db);
    await expect(signIn(anon('203.0.113.200', now), { email: user.email, password: PASSWORD })).rejects.toBeInstanceOf(RateLimitedError);
    await expect(signIn(anon('203.0.113.201', now), { email: user.email, password: PASSWORD })).resolves.toBeTruthy();
  });
});

describe('sessions', () => {
  it('signs out, and a revoked session no longer authenticates', async () => {
    const user = await makeUser(t.db);
    const { token } = await signIn(anon(), { email: user.email, password: PASSWORD });
    expect(await sessionFromToken(t.db, token)).not.toBeNull();
    await signOut(await ctxFor(t.db, user.id), token);
    expect(await sessionFromToken(t.db, token)).toBeNull();
    expect(await sessionFromToken(t.db, 'not-a-real-token')).toBeNull();
    expect(await sessionFromToken(t.db, null)).toBeNull();
  });

  it('lets users revoke their own sessions only', async () => {
    const alice = await makeUser(t.db);
    const bob = await makeUser(t.db);
    const a1 = await signIn(anon(), { email: alice.email, password: PASSWORD });
    await expect(revokeSession(await ctxFor(t.db, bob.id), { sessionId: a1.session.id })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await sessionFromToken(t.db, a1.token)).not.toBeNull();
    await revokeSession(await ctxFor(t.db, alice.id), { sessionId: a1.session.id });
    expect(await sessionFromToken(t.db, a1.token)).toBeNull();
  });

  it('refreshes lastSeenAt at most once a minute, not on every request', async () => {
    const user = await makeUser(t.db);
    const { token, session } = await signIn(anon(), { email: user.email, password: PASSWORD });
    const start = session.lastSeenAt.getTime();
    await sessionFromToken(t.db, token, new Date(start + 30_000));
    expect((await t.db.session.findUniqueOrThrow({ where: { id: session.id } })).lastSeenAt.getTime()).toBe(start);
    await sessionFromToken(t.db, token, new Date(start + 90_000));
    expect((await t.db.session.findUniqueOrThrow({ where: { id: session.id } })).lastSeenAt.getTime()).toBe(start + 90_000);
    await sessionFromToken(t.db, token, new Date(start + 100_000));
    expect((await t.db.session.findUniqueOrThrow({ where: { id: session.id } })).lastSeenAt.getTime()).toBe(start + 90_000);
  });

  it('expires sessions', async () => {
    const user = await makeUser(t.db);
    const { token } = await signIn(anon(), { email: user.email, password: PASSWORD });
    expect(await sessionFromToken(t.db, token, new Date(Date.now() + 31 * 24 * 3600 * 1000))).toBeNull();
  });
});

describe('preferences', () => {
  it('saves a locale for oneself only, and validates it', async () => {
    const user = await makeUser(t.db);
    const other = await makeUser(t.db);
    await updatePreferences(await ctxFor(t.db, user.id), user.id, { locale: 'ru' });
    expect((await t.db.user.findUniqueOrThrow({ where: { id: user.id } })).locale).toBe('ru');
    await expect(updatePreferences(await ctxFor(t.db, user.id), user.id, { locale: 'fr' })).rejects.toBeInstanceOf(ValidationError);
    await expect(updatePreferences(await ctxFor(t.db, other.id), user.id, { locale: 'en' })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  });
});
