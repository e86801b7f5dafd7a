import { redirect } from 'react-router';
import type { Route } from './+types/signout';
import { requireSameOrigin } from '../auth/guards.server';
import { destroySession } from '../auth/session.server';
import { signOut } from '../domain/auth.server';
import { routeContext } from '../web/route.server';

export async function loader() {
  return redirect('/');
}

export async function action({ request }: Route.ActionArgs) {
  // Another site must not be able to sign people out.
  requireSameOrigin(request);
  const { auth, ctx } = await routeContext(request);
  if (auth.token) await signOut(ctx, auth.token);
  return redirect('/', { headers: { 'Set-Cookie': await destroySession(request) } });
}
