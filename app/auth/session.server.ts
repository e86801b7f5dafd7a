// The session cookie holds only the random session token (signed); the session itself lives in the database.
import { createCookie } from 'react-router';
import { actorFromUser, sessionFromToken } from '../domain/auth.server';
import { TWO_FACTOR_PENDING_MS } from '../domain/two-factor.server';
import { anonymous, type Actor } from '../domain/actor.server';
import type { RequestMeta } from '../domain/context.server';
import { type Locale, negotiateLocale } from '../i18n';
import { services } from '../services.server';
import { currentRequestScope } from './request-scope.server';

export const SESSION_COOKIE = 'ic_session';
export const LOCALE_COOKIE = 'ic_locale';
export const TWO_FACTOR_COOKIE = 'ic_2fa';

let cached: { secret: string; cookie: ReturnType<typeof createCookie> } | null = null;

export function sessionCookie() {
  const { config } = services();
  if (!cached || cached.secret !== config.sessionSecret) {
    cached = {
      secret: config.sessionSecret,
      cookie: createCookie(SESSION_COOKIE, {
        httpOnly: true,
        sameSite: 'lax',
        path: '/',
        secrets: [config.sessionSecret],
        maxAge: 30 * 24 * 60 * 60,
      }),
    };
  }
  return cached.cookie;
}

/**
 * Secure whenever the site is served over HTTPS: the request came over HTTPS (directly or through a proxy on this
 * machine), or production's PUBLIC_URL is https. A plain-HTTP local demo keeps working in every browser.
 */
function secureFor(request: Request) {
  const { config } = services();
  return new URL(request.url).protocol === 'https:' || (config.production && !!config.publicUrl?.startsWith('https:'));
}

/** Set-Cookie header that starts a session. */
export function commitSession(request: Request, token: string) {
  return sessionCookie().serialize(token, { secure: secureFor(request) });
}

/** Set-Cookie header that ends the session in this browser. */
export function destroySession(request: Request) {
  return sessionCookie().serialize('', { maxAge: 0, secure: secureFor(request) });
}

let pendingCached: { secret: string; cookie: ReturnType<typeof createCookie> } | null = null;

/**
 * Between the password and the second factor: a short-lived signed cookie naming the user who still owes a code. It
 * is not a session (no session row exists yet) and grants nothing but the code form.
 */
function twoFactorCookie() {
  const { config } = services();
  if (!pendingCached || pendingCached.secret !== config.sessionSecret) {
    pendingCached = {
      secret: config.sessionSecret,
      cookie: createCookie(TWO_FACTOR_COOKIE, {
        httpOnly: true,
        sameSite: 'lax',
        path: '/',
        secrets: [config.sessionSecret],
        maxAge: TWO_FACTOR_PENDING_MS / 1000,
      }),
    };
  }
  return pendingCached.cookie;
}

export type PendingTwoFactor = { userId: string; redirectTo: string };

/** Set-Cookie header that starts the second step of signing in for this user. */
export function commitPendingTwoFactor(request: Request, pending: PendingTwoFactor, now = Date.now()) {
  return twoFactorCookie().serialize({ u: pending.userId, r: pending.redirectTo, e: now + TWO_FACTOR_PENDING_MS }, { secure: secureFor(request) });
}

/** The user who passed the password step in this browser within the last few minutes, or null. */
export async function readPendingTwoFactor(request: Request, now = Date.now()): Promise<PendingTwoFactor | null> {
  const value = await twoFactorCookie().parse(request.headers.get('Cookie'));
  if (!value || typeof value !== 'object') return null;
  const { u, r, e } = value as { u?: unknown; r?: unknown; e?: unknown };
  // The expiry inside the signed value counts, not only the cookie's Max-Age (a browser may keep a cookie longer).
  if (typeof u !== 'string' || typeof r !== 'string' || typeof e !== 'number' || e <= now) return null;
  return { userId: u, redirectTo: r };
}

export function clearPendingTwoFactor(request: Request) {
  return twoFactorCookie().serialize('', { maxAge: 0, secure: secureFor(request) });
}

export const localeCookie = createCookie(LOCALE_COOKIE, { sameSite: 'lax', path: '/', maxAge: 365 * 24 * 60 * 60, httpOnly: true });

export async function readSessionToken(request: Request): Promise<string | null> {
  const value = await sessionCookie().parse(request.headers.get('Cookie'));
  return typeof value === 'string' && value.length > 20 ? value : null;
}

export function requestMeta(request: Request): RequestMeta {
  const url = new URL(request.url);
  return {
    ip: request.headers.get('x-ic-client-ip') ?? null,
    userAgent: request.headers.get('user-agent'),
    origin: services().config.publicUrl?.replace(/\/$/, '') ?? url.origin,
  };
}

export type RequestAuth = {
  actor: Actor;
  session: NonNullable<Awaited<ReturnType<typeof sessionFromToken>>> | null;
  user: NonNullable<Awaited<ReturnType<typeof sessionFromToken>>>['user'] | null;
  locale: Locale;
  token: string | null;
};

const authCache = new WeakMap<Request, Promise<RequestAuth>>();
const SCOPE_KEY = 'auth:';

async function resolveRequestAuth(request: Request): Promise<RequestAuth> {
  const token = await readSessionToken(request);
  const session = await sessionFromToken(services().db, token);
  const user = session?.user ?? null;
  const cookieLocale = await localeCookie.parse(request.headers.get('Cookie'));
  const locale = negotiateLocale({
    preference: user?.locale,
    cookie: typeof cookieLocale === 'string' ? cookieLocale : null,
    acceptLanguage: request.headers.get('accept-language'),
  });
  return { actor: user ? actorFromUser(user) : anonymous, session, user, locale, token: session ? token : null };
}

/**
 * Who is making this request, and in which language to answer. Resolved once per HTTP request: the action, the root
 * loader and the page's loaders share one lookup through the request scope (they receive different Request objects),
 * keyed by the Cookie header so that nothing is shared between different cookies. Outside a request scope (tests
 * calling a loader directly) it is memoised per Request.
 */
export function getRequestAuth(request: Request): Promise<RequestAuth> {
  const scope = currentRequestScope();
  const scopeKey = `${SCOPE_KEY}${request.headers.get('Cookie') ?? ''}|${request.headers.get('accept-language') ?? ''}`;
  let pending = scope ? (scope.get(scopeKey) as Promise<RequestAuth> | undefined) : authCache.get(request);
  if (!pending) {
    pending = resolveRequestAuth(request);
    if (scope) scope.set(scopeKey, pending);
    else authCache.set(request, pending);
  }
  return pending;
}

/** Forget this request's resolved auth, after an action changed what it holds (the user's name, locale, two-factor). */
export function forgetRequestAuth(request: Request) {
  authCache.delete(request);
  const scope = currentRequestScope();
  if (scope) for (const key of [...scope.keys()]) if (key.startsWith(SCOPE_KEY)) scope.delete(key);
}
