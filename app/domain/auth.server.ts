// Accounts and sessions: sign-up (rate-limited per IP, passwords checked for strength), sign-in (rate-limited per
// account-and-address pair, per address, and with a growing delay per account), sign-out and revocation.
// The session token is random; only its SHA-256 is stored, so a copy of the database cannot impersonate anyone.
import crypto from 'node:crypto';
import type { Db } from '../db/client.server';
import type { Actor } from './actor.server';
import { type DomainContext, command, isUniqueViolation, nowOf } from './context.server';
import { InvalidCredentialsError, NotFoundError, RateLimitedError, ValidationError, parseInput } from './errors.server';
import { decoyHash, hashPassword, passwordWeakness, verifyPassword } from './password.server';
import { authorize } from './policy.server';
import { PreferencesSchema, RevokeSessionSchema, SignInSchema, SignUpSchema } from './schemas';

export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;
/** lastSeenAt is refreshed at most this often: a page view does not write to the database. */
export const SESSION_TOUCH_MS = 60 * 1000;

export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
/** Wrong passwords for one account from one address: then that pair waits for the window to pass. */
export const MAX_FAILURES_PER_PAIR = 5;
/** Wrong passwords for one account from anywhere: the ceiling, reached only by a spread-out attack. */
export const MAX_FAILURES_PER_ACCOUNT = 50;
/** Wrong passwords from one address, whichever accounts (password spraying). */
export const MAX_FAILURES_PER_IP = 30;
/** Failures for one account (from any address) before each further attempt waits, longer each time. */
export const FREE_FAILURES_PER_ACCOUNT = 5;
export const MAX_ACCOUNT_DELAY_MS = 60 * 1000;

export const SIGN_UP_WINDOW_MS = 60 * 60 * 1000;
// Enough for an office behind one address signing up together; too few for mass account creation.
export const MAX_SIGN_UPS_PER_IP = 20;

export const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');
export const newToken = () => crypto.randomBytes(32).toString('base64url');

/** What SignInAttempt.purpose records. */
export type AttemptPurpose = 'signin' | 'signup' | 'password_reset' | 'totp';

export type AttemptLimits = {
  window: number;
  perPair: number;
  perAccount: number;
  perIp: number;
  /** Failures for the account before the growing delay starts (Infinity: no delay). */
  freeFailures?: number;
};

export const SIGN_IN_LIMITS: AttemptLimits = {
  window: SIGN_IN_WINDOW_MS,
  perPair: MAX_FAILURES_PER_PAIR,
  perAccount: MAX_FAILURES_PER_ACCOUNT,
  perIp: MAX_FAILURES_PER_IP,
  freeFailures: FREE_FAILURES_PER_ACCOUNT,
};

/** The wait after the n-th failure beyond the free ones: 2 s, 4 s, 8 s … at most a minute. */
export const accountDelayMs = (beyondFree: number) => Math.min(1000 * 2 ** beyondFree, MAX_ACCOUNT_DELAY_MS);

/**
 * Throw RateLimitedError while recent failures of this purpose say "wait". One person's wrong guesses from one
 * address lock only that pair; an address guessing many accounts is limited as a whole; and an account under a
 * spread-out attack slows down (each attempt waits a little longer) rather than locking its owner out, up to a
 * ceiling that a real attack cannot reach within the window at that pace.
 */
export async function assertAttemptAllowed(db: Db, purpose: AttemptPurpose, email: string, ip: string, now: Date, limits: AttemptLimits) {
  const since = new Date(now.getTime() - limits.window);
  const [byAccount, byIp] = await Promise.all([
    db.signInAttempt.findMany({
      where: { purpose, email, success: false, createdAt: { gt: since } },
      orderBy: { createdAt: 'desc' },
      take: limits.perAccount,
      select: { ip: true, createdAt: true },
    }),
    db.signInAttempt.findMany({
      where: { purpose, ip, success: false, createdAt: { gt: since } },
      orderBy: { createdAt: 'desc' },
      take: limits.perIp,
      select: { createdAt: true },
    }),
  ]);
  const freeAt: number[] = [];
  const pair = byAccount.filter((a) => a.ip === ip);
  // The n-th most recent failure leaving the window frees the next attempt.
  if (pair.length >= limits.perPair) freeAt.push(pair[limits.perPair - 1].createdAt.getTime() + limits.window);
  if (byIp.length >= limits.perIp) freeAt.push(byIp[limits.perIp - 1].createdAt.getTime() + limits.window);
  if (byAccount.length >= limits.perAccount) freeAt.push(byAccount[limits.perAccount - 1].createdAt.getTime() + limits.window);
  else if (limits.freeFailures !== undefined && byAccount.length > limits.freeFailures) {
    freeAt.push(byAccount[0].createdAt.getTime() + accountDelayMs(byAccount.length - limits.freeFailures));
  }
  const until = Math.max(now.getTime(), ...freeAt);
  if (until > now.getTime()) throw new RateLimitedError(Math.ceil((until - now.getTime()) / 1000));
}

export async function recordAttempt(db: Db, purpose: AttemptPurpose, email: string, ip: string, success: boolean, now: Date) {
  await db.signInAttempt.create({ data: { purpose, email, ip, success, createdAt: now } });
}

/** Field error for a password that is too easy to guess, or nothing. The person's name and email count as guessable. */
export async function assertStrongPassword(password: string, userInputs: string[]) {
  const weakness = await passwordWeakness(password, userInputs);
  if (weakness) throw ValidationError.field('password', weakness);
}

export async function signUp(ctx: DomainContext, input: unknown) {
  authorize(ctx.actor, 'user.signUp');
  const data = parseInput(SignUpSchema, input);
  await assertStrongPassword(data.password, [data.name, data.email]);
  const ip = ctx.meta?.ip ?? 'unknown';
  const now = nowOf(ctx);
  // Accounts per address: every sign-up that got this far counts (taken addresses too), before the costly hash.
  const recent = await ctx.db.signInAttempt.findMany({
    where: { purpose: 'signup', ip, createdAt: { gt: new Date(now.getTime() - SIGN_UP_WINDOW_MS) } },
    orderBy: { createdAt: 'desc' },
    take: MAX_SIGN_UPS_PER_IP,
    select: { createdAt: true },
  });
  if (recent.length >= MAX_SIGN_UPS_PER_IP) {
    throw new RateLimitedError(Math.ceil((recent[MAX_SIGN_UPS_PER_IP - 1].createdAt.getTime() + SIGN_UP_WINDOW_MS - now.getTime()) / 1000));
  }
  const passwordHash = await hashPassword(data.password);
  try {
    const user = await command(ctx, async (tx, audit) => {
      const user = await tx.user.create({ data: { name: data.name, email: data.email, passwordHash, passwordChangedAt: now } });
      await audit({ action: 'user.signed_up', subjectType: 'User', subjectId: user.id, data: { name: user.name } });
      return user;
    });
    await recordAttempt(ctx.db, 'signup', data.email, ip, true, now);
    const session = await createSession({ ...ctx, actor: actorForNewUser(user.id) }, user.id);
    return { user, ...session };
  } catch (error) {
    if (isUniqueViolation(error)) {
      await recordAttempt(ctx.db, 'signup', data.email, ip, false, now);
      throw ValidationError.field('email', 'errors.emailTaken');
    }
    throw error;
  }
}

const actorForNewUser = (userId: string): Actor => ({ kind: 'user', userId, isPlatformAdmin: false, memberships: [] });

/** Start a session for a user who has proved who they are (password, and the second factor when they have one). */
export async function createSession(ctx: DomainContext, userId: string) {
  const token = newToken();
  const now = nowOf(ctx);
  const session = await command({ ...ctx, actor: actorForNewUser(userId) }, async (tx, audit) => {
    const session = await tx.session.create({
      data: {
        userId,
        tokenHash: hashToken(token),
        expiresAt: new Date(now.getTime() + SESSION_TTL_MS),
        createdAt: now,
        lastSeenAt: now,
        ip: ctx.meta?.ip ?? null,
        userAgent: ctx.meta?.userAgent?.slice(0, 300) ?? null,
      },
    });
    await audit({ action: 'session.created', subjectType: 'Session', subjectId: session.id, data: { userId } });
    return session;
  });
  return { token, session };
}

/**
 * Check an email and password (rate-limited; the same answer for an unknown email and a wrong password). An account
 * with two-factor sign-in gets no session yet: the caller asks for the code (completeTwoFactorSignIn).
 */
export async function signInWithPassword(ctx: DomainContext, input: unknown) {
  const data = parseInput(SignInSchema, input);
  const ip = ctx.meta?.ip ?? 'unknown';
  const now = nowOf(ctx);
  await assertAttemptAllowed(ctx.db, 'signin', data.email, ip, now, SIGN_IN_LIMITS);
  const user = await ctx.db.user.findUnique({ where: { email: data.email } });
  // Verify against a decoy for unknown emails, so that timing does not reveal which accounts exist.
  const ok = await verifyPassword(data.password, user?.passwordHash ?? (await decoyHash()));
  await recordAttempt(ctx.db, 'signin', data.email, ip, ok && !!user, now);
  if (!ok || !user) throw new InvalidCredentialsError();
  if (user.totpEnabledAt) return { step: 'two-factor' as const, user };
  const session = await createSession(ctx, user.id);
  return { step: 'signed-in' as const, user, ...session };
}

/**
 * Sign in with a password alone, for accounts without two-factor sign-in (tests, scripts). An account that has a
 * second factor is refused here: the web's sign-in goes through signInWithPassword and then the code.
 */
export async function signIn(ctx: DomainContext, input: unknown) {
  const result = await signInWithPassword(ctx, input);
  if (result.step === 'two-factor') throw ValidationError.field('code', 'errors.twoFactorRequired');
  return result;
}

/** The live session for a cookie token, with its user and memberships; refreshes lastSeenAt at most once a minute. */
export async function sessionFromToken(db: Db, token: string | null | undefined, now = new Date()) {
  if (!token) return null;
  const session = await db.session.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { user: { include: { memberships: { include: { organization: true }, orderBy: { createdAt: 'asc' } } } } },
  });
  if (!session || session.revokedAt || session.expiresAt <= now) return null;
  if (now.getTime() - session.lastSeenAt.getTime() > SESSION_TOUCH_MS) {
    // Conditional, so that parallel requests of one page write it once; a failure here must not fail the page.
    const stale = new Date(now.getTime() - SESSION_TOUCH_MS);
    await db.session.updateMany({ where: { id: session.id, lastSeenAt: { lt: stale } }, data: { lastSeenAt: now } }).catch(() => {});
  }
  return session;
}

export function actorFromUser(user: {
  id: string;
  isPlatformAdmin: boolean;
  memberships: { organizationId: string; role: 'MEMBER' | 'SIGNATORY' | 'LIAISON_OFFICER' | 'ORG_ADMIN' }[];
}): Actor {
  return {
    kind: 'user',
    userId: user.id,
    isPlatformAdmin: user.isPlatformAdmin,
    memberships: user.memberships.map((m) => ({ organizationId: m.organizationId, role: m.role })),
  };
}

export async function signOut(ctx: DomainContext, token: string) {
  const session = await ctx.db.session.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!session || session.revokedAt) return;
  await revokeSession(ctx, { sessionId: session.id });
}

/** A user's live sessions, most recently used first (the settings page), for the user or a platform administrator. */
export async function listSessions(ctx: DomainContext, userId: string) {
  authorize(ctx.actor, 'session.revoke', { userId });
  return ctx.db.session.findMany({
    where: { userId, revokedAt: null, expiresAt: { gt: nowOf(ctx) } },
    orderBy: { lastSeenAt: 'desc' },
    select: { id: true, userAgent: true, createdAt: true, lastSeenAt: true },
  });
}

export async function revokeSession(ctx: DomainContext, input: unknown) {
  const { sessionId } = parseInput(RevokeSessionSchema, input);
  const session = await ctx.db.session.findUnique({ where: { id: sessionId } });
  if (!session) throw new NotFoundError();
  authorize(ctx.actor, 'session.revoke', { userId: session.userId });
  if (session.revokedAt) return session;
  return command(ctx, async (tx, audit) => {
    const revoked = await tx.session.update({ where: { id: session.id }, data: { revokedAt: nowOf(ctx) } });
    await audit({ action: 'session.revoked', subjectType: 'Session', subjectId: session.id, data: { userId: session.userId } });
    return revoked;
  });
}

export async function updatePreferences(ctx: DomainContext, userId: string, input: unknown) {
  authorize(ctx.actor, 'user.updatePreferences', { userId });
  const data = parseInput(PreferencesSchema, input);
  return command(ctx, async (tx, audit) => {
    const user = await tx.user.update({ where: { id: userId }, data });
    await audit({ action: 'user.preferences_updated', subjectType: 'User', subjectId: userId, data });
    return user;
  });
}

/**
 * Create an account without a session (seeding, administration scripts). Idempotent by email. `passwordHash`, when
 * given, must be `hashPassword(input.password)`: the demo seed hashes its one shared password once for every account.
 */
export async function provisionUser(
  ctx: DomainContext,
  input: unknown,
  { isPlatformAdmin = false, passwordHash: precomputedHash }: { isPlatformAdmin?: boolean; passwordHash?: string } = {},
) {
  authorize(ctx.actor, 'user.provision');
  const data = parseInput(SignUpSchema, input);
  const existing = await ctx.db.user.findUnique({ where: { email: data.email } });
  if (existing) return existing;
  const passwordHash = precomputedHash ?? (await hashPassword(data.password));
  return command(ctx, async (tx, audit) => {
    const user = await tx.user.create({ data: { name: data.name, email: data.email, passwordHash, isPlatformAdmin } });
    await audit({ action: 'user.provisioned', subjectType: 'User', subjectId: user.id, data: { name: user.name, isPlatformAdmin } });
    return user;
  });
}
