import { redirect } from 'react-router';
import type { Route } from './+types/signout';
import { getRequestAuth, requestMeta, destroySession } from '../auth/session.server';
import { signOut } from '../domain/auth.server';
import { services } from '../services.server';

export async function loader() {
  return redirect('/');
}

export async function action({ request }: Route.ActionArgs) {
  const auth = await getRequestAuth(request);
  if (auth.token) await signOut({ db: services().db, actor: auth.actor, meta: requestMeta(request) }, auth.token);
  return redirect('/', { headers: { 'Set-Cookie': await destroySession(request) } });
}
