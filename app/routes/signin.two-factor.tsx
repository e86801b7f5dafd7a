// The second step of signing in, for accounts with two-factor sign-in: the password was right (a short-lived signed
// cookie says for whom); a code from the authenticator app or a recovery code starts the session.
import { Form, Link, data, redirect, useNavigation } from 'react-router';
import type { Route } from './+types/signin.two-factor';
import { requireAnonymous } from '../auth/guards.server';
import { clearPendingTwoFactor, commitSession, readPendingTwoFactor } from '../auth/session.server';
import { TwoFactorCodeField } from '../components/two-factor-code-field';
import { Alert, Button, Card, FormError, buttonClass } from '../components/ui';
import { completeTwoFactorSignIn } from '../domain/two-factor.server';
import { attempt } from '../web/forms.server';
import { pageTitle, useT } from '../web/i18n';
import { routeContext } from '../web/route.server';

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'twoFactor.signIn.title');

export async function loader({ request }: Route.LoaderArgs) {
  await requireAnonymous(request);
  const pending = await readPendingTwoFactor(request);
  // Expired or never started: the page says so (and is not a form that cannot work).
  return pending ? { pending: true } : data({ pending: false }, { status: 401 });
}

export async function action({ request }: Route.ActionArgs) {
  const { ctx } = await routeContext(request);
  const pending = await readPendingTwoFactor(request);
  if (!pending) return data({ errors: { formError: { key: 'twoFactor.signIn.expired' } }, expired: true }, { status: 401 });
  const formData = await request.formData();
  const result = await attempt(() => completeTwoFactorSignIn(ctx, { userId: pending.userId, code: formData.get('code') ?? '' }));
  if (!result.ok) return result.response;
  const headers = new Headers();
  headers.append('Set-Cookie', await commitSession(request, result.value.token));
  headers.append('Set-Cookie', await clearPendingTwoFactor(request));
  return redirect(pending.redirectTo, { headers });
}

export default function TwoFactorSignIn({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const navigation = useNavigation();
  const errors = actionData?.errors;
  const expired = !loaderData.pending || (actionData && 'expired' in actionData && actionData.expired);
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-semibold text-brand-900">{t('twoFactor.signIn.title')}</h1>
      {expired ? (
        <div className="mt-6 space-y-4">
          <Alert tone="info">{t('twoFactor.signIn.expired')}</Alert>
          <Link to="/signin" className={buttonClass('primary')}>
            {t('twoFactor.signIn.startOver')}
          </Link>
        </div>
      ) : (
        <>
          <p className="mt-2 text-slate-600">{t('twoFactor.signIn.lead')}</p>
          <Card className="mt-6">
            <Form method="post" noValidate className="space-y-5">
              <FormError errors={errors} />
              <TwoFactorCodeField errors={errors} hint={t('twoFactor.signIn.recoveryHint')} autoFocus />
              <Button className="w-full" disabled={navigation.state === 'submitting'}>
                {t('twoFactor.signIn.submit')}
              </Button>
            </Form>
          </Card>
          <p className="mt-4 text-center text-sm">
            <Link to="/signin" className="font-semibold text-brand-700 underline underline-offset-2">
              {t('twoFactor.signIn.startOver')}
            </Link>
          </p>
        </>
      )}
    </div>
  );
}
