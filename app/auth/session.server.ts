// The session cookie holds only the random session token (signed); the session itself lives in the database.
import { createCookie } from 'react-router';
import { actorFromUser, sessionFromToken } from '../domain/auth.server';
import { anonymous, type Actor } from '../domain/actor.server';
import type { RequestMeta } from '../domain/context.server';
import { type Locale, negotiateLocale } from '../i18n';
import { services } from '../services.server';

export const SESSION_COOKIE = 'ic_session';
export const LOCALE_COOKIE = 'ic_locale';

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

/** Who is making this request, and in which language to answer. Memoised per request. */
export function getRequestAuth(request: Request): Promise<RequestAuth> {
  let pending = authCache.get(request);
  if (!pending) {
    pending = (async () => {
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
    })();
    authCache.set(request, pending);
  }
  return pending;
}
