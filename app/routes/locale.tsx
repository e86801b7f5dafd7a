import { redirect } from 'react-router';
import type { Route } from './+types/locale';
import { requireSameOrigin, safeRedirect } from '../auth/guards.server';
import { forgetRequestAuth, localeCookie } from '../auth/session.server';
import { updatePreferences } from '../domain/auth.server';
import { isLocale } from '../i18n';
import { routeContext } from '../web/route.server';

export async function loader() {
  return redirect('/');
}

/** The language switcher: a cookie for everyone, and the saved preference for signed-in users. */
export async function action({ request }: Route.ActionArgs) {
  // Another site must not be able to change a person's saved language.
  requireSameOrigin(request);
  const formData = await request.formData();
  const locale = formData.get('locale');
  const back = safeRedirect(formData.get('redirectTo'), '/');
  if (!isLocale(locale)) return redirect(back);
  const { auth, ctx } = await routeContext(request);
  if (auth.user) {
    await updatePreferences(ctx, auth.user.id, { locale });
    forgetRequestAuth(request);
  }
  return redirect(back, { headers: { 'Set-Cookie': await localeCookie.serialize(locale) } });
}
