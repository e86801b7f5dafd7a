// Password reset by emailed link. The answer to a request is the same whether or not an account exists; the link is
// single-use, expires after an hour, and only its SHA-256 is stored. Setting a new password ends every session.
import type { Locale } from '../i18n';
import type { DomainContext } from './context.server';
import { command, nowOf } from './context.server';
import { RequestPasswordResetSchema, ResetPasswordSchema } from './account-schemas';
import { assertStrongPassword, hashToken, newToken } from './auth.server';
import { NotFoundError, RateLimitedError, parseInput } from './errors.server';
import { hashPassword } from './password.server';
import { authorize } from './policy.server';

export const RESET_TOKEN_TTL_MS = 60 * 60 * 1000;
/** Requests from one address (whatever the emails), per window: beyond, the page says to wait. */
export const RESET_WINDOW_MS = 15 * 60 * 1000;
export const MAX_RESET_REQUESTS_PER_IP = 10;
/** Emails to one account per hour: beyond, requests are answered as usual but send nothing (no mail bombing). */
export const MAX_RESET_EMAILS_PER_ACCOUNT = 3;

/** What the reset message says; the caller words it in the account holder's language and sends it. */
export type PasswordResetMessage = { to: string; name: string; locale: Locale | null; link: string; expiresAt: Date };

/**
 * Ask for a reset link. Answers nothing that tells whether the account exists; when it does (and has not had several
 * links within the hour), stores a new token and hands the link to `send`, without waiting for it (the answer must
 * not take longer when a message goes out). `delivery` is that pending send, for tests.
 */
export async function requestPasswordReset<R>(
  ctx: DomainContext,
  input: unknown,
  send: (message: PasswordResetMessage) => Promise<R>,
): Promise<{ delivery: Promise<R> | null }> {
  authorize(ctx.actor, 'user.resetPassword');
  const { email } = parseInput(RequestPasswordResetSchema, input);
  const ip = ctx.meta?.ip ?? 'unknown';
  const now = nowOf(ctx);
  const recentFromIp = await ctx.db.signInAttempt.findMany({
    where: { purpose: 'password_reset', ip, createdAt: { gt: new Date(now.getTime() - RESET_WINDOW_MS) } },
    orderBy: { createdAt: 'desc' },
    take: MAX_RESET_REQUESTS_PER_IP,
    select: { createdAt: true },
  });
  if (recentFromIp.length >= MAX_RESET_REQUESTS_PER_IP) {
    throw new RateLimitedError(Math.ceil((recentFromIp[MAX_RESET_REQUESTS_PER_IP - 1].createdAt.getTime() + RESET_WINDOW_MS - now.getTime()) / 1000));
  }
  const user = await ctx.db.user.findUnique({ where: { email }, select: { id: true, name: true, email: true, locale: true } });
  const sentLastHour = user
    ? await ctx.db.passwordResetToken.count({ where: { userId: user.id, createdAt: { gt: new Date(now.getTime() - 60 * 60 * 1000) } } })
    : 0;
  const shouldSend = !!user && sentLastHour < MAX_RESET_EMAILS_PER_ACCOUNT;
  await ctx.db.signInAttempt.create({ data: { purpose: 'password_reset', email, ip, success: shouldSend, createdAt: now } });
  if (!user || !shouldSend) return { delivery: null };

  const token = newToken();
  const expiresAt = new Date(now.getTime() + RESET_TOKEN_TTL_MS);
  await command(ctx, async (tx, audit) => {
    const reset = await tx.passwordResetToken.create({ data: { userId: user.id, tokenHash: hashToken(token), createdAt: now, expiresAt } });
    await audit({
      action: 'user.password_reset_requested',
      subjectType: 'User',
      subjectId: user.id,
      data: { resetId: reset.id, expiresAt: expiresAt.toISOString() },
    });
  });
  const origin = (ctx.meta?.origin ?? '').replace(/\/$/, '');
  const delivery = send({ to: user.email, name: user.name, locale: user.locale, link: `${origin}/reset-password/${token}`, expiresAt });
  return { delivery };
}

/** The reset a link stands for, while it can still be used; NotFoundError otherwise (unknown, used or expired). */
export async function findUsablePasswordReset(ctx: DomainContext, token: string) {
  const reset =
    token.length >= 20 && token.length <= 200
      ? await ctx.db.passwordResetToken.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: { select: { email: true } } } })
      : null;
  if (!reset || reset.usedAt || reset.expiresAt <= nowOf(ctx)) throw new NotFoundError('errors.resetLinkInvalid');
  return reset;
}

/**
 * Set a new password with a reset link: the link is used up (once, even under concurrent use), every other reset
 * link of the account too, every session ends, and passwordChangedAt records when. Signing in afterwards still asks
 * for the second factor of an account that has one.
 */
export async function resetPassword(ctx: DomainContext, input: unknown) {
  authorize(ctx.actor, 'user.resetPassword');
  const data = parseInput(ResetPasswordSchema, input);
  const reset = await findUsablePasswordReset(ctx, data.token);
  const user = await ctx.db.user.findUniqueOrThrow({ where: { id: reset.userId }, select: { id: true, name: true, email: true } });
  await assertStrongPassword(data.password, [user.name, user.email]);
  const passwordHash = await hashPassword(data.password);
  const now = nowOf(ctx);
  return command(ctx, async (tx, audit) => {
    // The conditional update is the single-use check: of two requests racing with one link, one wins.
    const used = await tx.passwordResetToken.updateMany({ where: { id: reset.id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    if (used.count !== 1) throw new NotFoundError('errors.resetLinkInvalid');
    await tx.passwordResetToken.updateMany({ where: { userId: user.id, usedAt: null }, data: { usedAt: now } });
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, passwordChangedAt: now } });
    // Every session ends, each with its own record, so that open sockets of those sessions disconnect too.
    const sessions = await tx.session.findMany({ where: { userId: user.id, revokedAt: null }, select: { id: true } });
    await tx.session.updateMany({ where: { id: { in: sessions.map((s) => s.id) } }, data: { revokedAt: now } });
    await audit({ action: 'user.password_reset', subjectType: 'User', subjectId: user.id, data: { resetId: reset.id, sessionsRevoked: sessions.length } });
    for (const session of sessions) {
      await audit({ action: 'session.revoked', subjectType: 'Session', subjectId: session.id, data: { userId: user.id, reason: 'password_reset' } });
    }
    return { userId: user.id, sessionsRevoked: sessions.length };
  });
}
