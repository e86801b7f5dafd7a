// Accounts and sessions: sign-up, sign-in (rate-limited per account and per IP), sign-out and revocation.
// The session token is random; only its SHA-256 is stored, so a copy of the database cannot impersonate anyone.
import crypto from 'node:crypto';
import type { Db } from '../db/client.server';
import type { Actor } from './actor.server';
import { type DomainContext, command, isUniqueViolation, nowOf } from './context.server';
import { InvalidCredentialsError, NotFoundError, RateLimitedError, ValidationError, parseInput } from './errors.server';
import { decoyHash, hashPassword, verifyPassword } from './password.server';
import { authorize } from './policy.server';
import { PreferencesSchema, RevokeSessionSchema, SignInSchema, SignUpSchema } from './schemas';

export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;
const SESSION_TOUCH_MS = 60 * 60 * 1000;
export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 30;

export const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');
export const newToken = () => crypto.randomBytes(32).toString('base64url');

export async function signUp(ctx: DomainContext, input: unknown) {
  authorize(ctx.actor, 'user.signUp');
  const data = parseInput(SignUpSchema, input);
  const passwordHash = await hashPassword(data.password);
  try {
    const user = await command(ctx, async (tx, audit) => {
      const user = await tx.user.create({ data: { name: data.name, email: data.email, passwordHash } });
      await audit({ action: 'user.signed_up', subjectType: 'User', subjectId: user.id, data: { name: user.name } });
      return user;
    });
    const session = await createSession({ ...ctx, actor: actorForNewUser(user.id) }, user.id);
    return { user, ...session };
  } catch (error) {
    if (isUniqueViolation(error)) throw ValidationError.field('email', 'errors.emailTaken');
    throw error;
  }
}

const actorForNewUser = (userId: string): Actor => ({ kind: 'user', userId, isPlatformAdmin: false, memberships: [] });

async function createSession(ctx: DomainContext, userId: string) {
  const token = newToken();
  const now = nowOf(ctx);
  const session = await command(ctx, async (tx, audit) => {
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

/** Count recent failures; throw RateLimitedError when the account or the address has had too many. */
async function assertNotRateLimited(db: Db, email: string, ip: string, now: Date) {
  const since = new Date(now.getTime() - SIGN_IN_WINDOW_MS);
  const [byAccount, byIp] = await Promise.all([
    db.signInAttempt.findMany({ where: { email, success: false, createdAt: { gt: since } }, orderBy: { createdAt: 'asc' }, select: { createdAt: true } }),
    db.signInAttempt.findMany({ where: { ip, success: false, createdAt: { gt: since } }, orderBy: { createdAt: 'asc' }, select: { createdAt: true } }),
  ]);
  const limited = [
    byAccount.length >= MAX_FAILURES_PER_ACCOUNT ? byAccount[byAccount.length - MAX_FAILURES_PER_ACCOUNT] : null,
    byIp.length >= MAX_FAILURES_PER_IP ? byIp[byIp.length - MAX_FAILURES_PER_IP] : null,
  ].filter((x) => x !== null);
  if (limited.length) {
    const freeAt = Math.max(...limited.map((a) => a.createdAt.getTime() + SIGN_IN_WINDOW_MS));
    throw new RateLimitedError(Math.ceil((freeAt - now.getTime()) / 1000));
  }
}

export async function signIn(ctx: DomainContext, input: unknown) {
  const data = parseInput(SignInSchema, input);
  const ip = ctx.meta?.ip ?? 'unknown';
  const now = nowOf(ctx);
  await assertNotRateLimited(ctx.db, data.email, ip, now);
  const user = await ctx.db.user.findUnique({ where: { email: data.email } });
  // Verify against a decoy for unknown emails, so that timing does not reveal which accounts exist.
  const ok = await verifyPassword(data.password, user?.passwordHash ?? (await decoyHash()));
  await ctx.db.signInAttempt.create({ data: { email: data.email, ip, success: ok && !!user, createdAt: now } });
  if (!ok || !user) throw new InvalidCredentialsError();
  const session = await createSession({ ...ctx, actor: actorForNewUser(user.id) }, user.id);
  return { user, ...session };
}

/** The live session for a cookie token, with its user and memberships; refreshes lastSeenAt at most hourly. */
export async function sessionFromToken(db: Db, token: string | null | undefined, now = new Date()) {
  if (!token) return null;
  const session = await db.session.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { user: { include: { memberships: { include: { organization: true }, orderBy: { createdAt: 'asc' } } } } },
  });
  if (!session || session.revokedAt || session.expiresAt <= now) return null;
  if (now.getTime() - session.lastSeenAt.getTime() > SESSION_TOUCH_MS) {
    await db.session.update({ where: { id: session.id }, data: { lastSeenAt: now } }).catch(() => {});
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

/** Create an account without a session (seeding, administration scripts). Idempotent by email. */
export async function provisionUser(ctx: DomainContext, input: unknown, { isPlatformAdmin = false } = {}) {
  authorize(ctx.actor, 'user.provision');
  const data = parseInput(SignUpSchema, input);
  const existing = await ctx.db.user.findUnique({ where: { email: data.email } });
  if (existing) return existing;
  const passwordHash = await hashPassword(data.password);
  return command(ctx, async (tx, audit) => {
    const user = await tx.user.create({ data: { name: data.name, email: data.email, passwordHash, isPlatformAdmin } });
    await audit({ action: 'user.provisioned', subjectType: 'User', subjectId: user.id, data: { name: user.name, isPlatformAdmin } });
    return user;
  });
}

