import { redirect } from 'react-router';
import type { Route } from './+types/locale';
import { safeRedirect } from '../auth/guards.server';
import { getRequestAuth, localeCookie, requestMeta } from '../auth/session.server';
import { updatePreferences } from '../domain/auth.server';
import { isLocale } from '../i18n';
import { services } from '../services.server';

export async function loader() {
  return redirect('/');
}

/** The language switcher: a cookie for everyone, and the saved preference for signed-in users. */
export async function action({ request }: Route.ActionArgs) {
  const formData = await request.formData();
  const locale = formData.get('locale');
  const back = safeRedirect(formData.get('redirectTo'), '/');
  if (!isLocale(locale)) return redirect(back);
  const auth = await getRequestAuth(request);
  if (auth.user) {
    await updatePreferences({ db: services().db, actor: auth.actor, meta: requestMeta(request) }, auth.user.id, { locale });
  }
  return redirect(back, { headers: { 'Set-Cookie': await localeCookie.serialize(locale) } });
}
