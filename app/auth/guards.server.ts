// Guards that throw: a route calls them first and carries on only when they return.
import { redirect } from 'react-router';
import type { MembershipRole } from '../../prisma/generated/client/enums';
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

/** The signed-in user's membership of an organisation with one of the given roles (platform admins pass too). */
export async function requireMembership(request: Request, organizationId: string, roles: MembershipRole[]) {
  const auth = await requireUser(request);
  const membership = auth.user.memberships.find((m) => m.organizationId === organizationId) ?? null;
  if (auth.user.isPlatformAdmin) return { ...auth, membership };
  if (!membership || !roles.includes(membership.role)) {
    throw new Response('Forbidden', { status: 403, statusText: 'Forbidden' });
  }
  return { ...auth, membership };
}

/** Only allow redirects within this site. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = '/dashboard') {
  if (typeof to !== 'string' || !to.startsWith('/') || to.startsWith('//') || to.startsWith('/\\')) return fallback;
  return to;
}
