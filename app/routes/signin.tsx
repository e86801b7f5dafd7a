import { Form, Link, redirect, useNavigation } from 'react-router';
import type { Route } from './+types/signin';
import { requireAnonymous, safeRedirect } from '../auth/guards.server';
import { clearPendingTwoFactor, commitPendingTwoFactor, commitSession } from '../auth/session.server';
import { Alert, Button, Card, FormError, TextField } from '../components/ui';
import { signInWithPassword } from '../domain/auth.server';
import { SignInSchema } from '../domain/schemas';
import { services } from '../services.server';
import { attempt, formValues } from '../web/forms.server';
import { pageTitle, useT } from '../web/i18n';
import { parseForm, routeContext } from '../web/route.server';

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'signIn.title');

export async function loader({ request }: Route.LoaderArgs) {
  await requireAnonymous(request);
  const url = new URL(request.url);
  return {
    showDemoHint: services().embedded,
    // Judged here, on the server, so the form never carries a target that would leave the site.
    redirectTo: safeRedirect(url.searchParams.get('redirectTo')),
    passwordChanged: url.searchParams.has('passwordChanged'),
  };
}

export async function action({ request }: Route.ActionArgs) {
  const { ctx } = await routeContext(request);
  const formData = await request.formData();
  // Before signing in: a target that cannot be used must not fail the response after a session was created.
  const redirectTo = safeRedirect(formData.get('redirectTo'));
  const result = await attempt(() => signInWithPassword(ctx, parseForm(SignInSchema, formData)), { values: formValues(formData) });
  if (!result.ok) return result.response;
  if (result.value.step === 'two-factor') {
    // No session yet: a signed cookie names the user for the code step.
    return redirect('/signin/two-factor', {
      headers: { 'Set-Cookie': await commitPendingTwoFactor(request, { userId: result.value.user.id, redirectTo }) },
    });
  }
  const headers = new Headers();
  headers.append('Set-Cookie', await commitSession(request, result.value.token));
  headers.append('Set-Cookie', await clearPendingTwoFactor(request));
  return redirect(redirectTo, { headers });
}

export default function SignIn({ actionData, loaderData }: Route.ComponentProps) {
  const t = useT();
  const navigation = useNavigation();
  const errors = actionData?.errors;
  const values = (actionData?.values ?? {}) as Record<string, string>;
  const { redirectTo } = loaderData;
  const withRedirect = redirectTo !== '/dashboard' ? `?redirectTo=${encodeURIComponent(redirectTo)}` : '';
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-semibold text-brand-900">{t('signIn.title')}</h1>
      <p className="mt-2 text-slate-600">{t('signIn.lead')}</p>
      {loaderData.passwordChanged && !errors ? (
        <div className="mt-4">
          <Alert tone="success">{t('signIn.passwordChanged')}</Alert>
        </div>
      ) : null}
      <Card className="mt-6">
        <Form method="post" noValidate className="space-y-5">
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <FormError errors={errors} />
          <TextField name="email" type="email" label={t('field.email')} autoComplete="email" defaultValue={values.email} errors={errors} required />
          <TextField name="password" type="password" label={t('field.password')} autoComplete="current-password" errors={errors} required />
          <Button className="w-full" disabled={navigation.state === 'submitting'}>
            {t('signIn.submit')}
          </Button>
          <p className="text-center text-sm">
            <Link to="/forgot-password" className="font-semibold text-brand-700 underline underline-offset-2">
              {t('signIn.forgot')}
            </Link>
          </p>
        </Form>
      </Card>
      {loaderData.showDemoHint ? (
        <p className="mt-4 rounded-lg bg-brand-50 px-4 py-3 text-sm text-brand-900">{t('signIn.demoHint', { password: 'compact-demo-2026' })}</p>
      ) : null}
      <p className="mt-4 text-center text-sm text-slate-700">
        {t('signIn.noAccount')}{' '}
        <Link to={`/signup${withRedirect}`} className="font-semibold text-brand-700 underline">
          {t('nav.signUp')}
        </Link>
      </p>
    </div>
  );
}
