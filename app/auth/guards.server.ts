// Guards that throw: a route calls them first and carries on only when they return.
import { redirect } from 'react-router';
import { type Action, type Resource, can } from '../domain/policy.server';
import { services } from '../services.server';
import { getRequestAuth } from './session.server';

export async function requireUser(request: Request) {
  const auth = await getRequestAuth(request);
  if (!auth.user || !auth.session) {
    const url = new URL(request.url);
    const redirectTo = `${url.pathname}${url.search}`;
    throw redirect(`/signin?redirectTo=${encodeURIComponent(redirectTo)}`);
  }
  return { ...auth, user: auth.user, session: auth.session };
}

export async function requireAnonymous(request: Request) {
  const auth = await getRequestAuth(request);
  if (auth.user) throw redirect('/dashboard');
  return auth;
}

/**
 * The signed-in user, if the policy lets them perform the action (app/domain/policy.server.ts decides; no role list
 * here). Anonymous visitors go to sign in; signed-in users without the permission get 403.
 */
export async function requirePermission(request: Request, action: Action, resource: Resource = {}) {
  const auth = await requireUser(request);
  if (!can(auth.actor, action, resource)) throw new Response('Forbidden', { status: 403, statusText: 'Forbidden' });
  return auth;
}

const REDIRECT_BASE = 'http://redirect.invalid';

/**
 * A redirect target from a form or a query string, if it is a path on this site; the fallback otherwise. The target
 * is judged after URL parsing, as a browser would read it: browsers drop tabs and line breaks and treat `\\` as `/`,
 * so `/\t/evil.example` or `/\\evil.example` would leave the site. Control characters are refused outright (a line
 * break in a Location header would also fail the response), and the normalised path must not start with `//`.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = '/dashboard') {
  if (typeof to !== 'string' || !to.startsWith('/') || to.length > 2000) return fallback;
  if (/[\u0000-\u001f\u007f\\]/.test(to)) return fallback;
  let url: URL;
  try {
    url = new URL(to, REDIRECT_BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== REDIRECT_BASE) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // `/a/..//evil.example` normalises to `//evil.example`: a protocol-relative address in a Location header.
  if (!path.startsWith('/') || path.startsWith('//')) return fallback;
  return path;
}

/**
 * Refuse (403) a form post that comes from another site. Browsers send Origin with every cross-origin POST; when it
 * is missing, Sec-Fetch-Site tells (it is absent only for old browsers and non-browser clients, which carry no
 * victim's cookies). Used by actions that React Router's own check would answer with a bare 400, or that change
 * state without a page (sign-out, language).
 */
export function requireSameOrigin(request: Request) {
  const allowed = new Set([new URL(request.url).origin]);
  const publicUrl = services().config.publicUrl;
  if (publicUrl) allowed.add(new URL(publicUrl).origin);
  const origin = request.headers.get('origin');
  const site = request.headers.get('sec-fetch-site');
  const ok = origin !== null ? allowed.has(origin) : site === null || site === 'same-origin' || site === 'none';
  if (!ok) throw new Response('Forbidden: this form must be sent from this site.', { status: 403, statusText: 'Forbidden' });
}
