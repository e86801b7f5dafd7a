import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous } from '../../app/domain/actor.server';
import {
  MAX_FAILURES_PER_ACCOUNT,
  MAX_FAILURES_PER_IP,
  SIGN_IN_WINDOW_MS,
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

  it('limits failures per account, then lets the account in again after the window', async () => {
    const user = await makeUser(t.db);
    let clock = new Date('2030-01-01T00:00:00Z');
    const now = () => clock;
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
      await expect(signIn(anon(`192.0.2.${20 + i}`, now), { email: user.email, password: 'wrong password!' })).rejects.toBeInstanceOf(InvalidCredentialsError);
    }
    // Even the right password is refused while the account is limited, from any address.
    const limited = await signIn(anon('192.0.2.99', now), { email: user.email, password: PASSWORD }).catch((e) => e);
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect(limited.retryAfterSeconds).toBe(SIGN_IN_WINDOW_MS / 1000);
    clock = new Date(clock.getTime() + SIGN_IN_WINDOW_MS + 1000);
    await expect(signIn(anon('192.0.2.99', now), { email: user.email, password: PASSWORD })).resolves.toMatchObject({ user: { id: user.id } });
  });

  it('limits failures per IP address across accounts', async () => {
    const now = () => new Date('2031-01-01T00:00:00Z');
    for (let i = 0; i < MAX_FAILURES_PER_IP; i++) {
      await signIn(anon('203.0.113.200', now), { email: `spray-${i}@example.test`, password: 'guess guess' }).catch(() => {});
    }
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
