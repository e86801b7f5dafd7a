import { Form, Link, redirect, useNavigation, useSearchParams } from 'react-router';
import type { Route } from './+types/signin';
import { requireAnonymous, safeRedirect } from '../auth/guards.server';
import { getRequestAuth, requestMeta, commitSession } from '../auth/session.server';
import { Button, Card, FormError, TextField } from '../components/ui';
import { signIn } from '../domain/auth.server';
import { services } from '../services.server';
import { attempt, formValues } from '../web/forms.server';
import { useT } from '../web/i18n';

export async function loader({ request }: Route.LoaderArgs) {
  await requireAnonymous(request);
  return { showDemoHint: services().embedded };
}

export async function action({ request }: Route.ActionArgs) {
  const auth = await getRequestAuth(request);
  const formData = await request.formData();
  const result = await attempt(
    () =>
      signIn(
        { db: services().db, actor: auth.actor, meta: requestMeta(request) },
        { email: formData.get('email'), password: formData.get('password') },
      ),
    { values: formValues(formData) },
  );
  if (!result.ok) return result.response;
  return redirect(safeRedirect(formData.get('redirectTo')), {
    headers: { 'Set-Cookie': await commitSession(request, result.value.token) },
  });
}

export default function SignIn({ actionData, loaderData }: Route.ComponentProps) {
  const t = useT();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const errors = actionData?.errors;
  const values = (actionData?.values ?? {}) as Record<string, string>;
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-semibold text-brand-900">{t('signIn.title')}</h1>
      <p className="mt-2 text-slate-600">{t('signIn.lead')}</p>
      <Card className="mt-6">
        <Form method="post" noValidate className="space-y-5">
          <input type="hidden" name="redirectTo" value={params.get('redirectTo') ?? '/dashboard'} />
          <FormError errors={errors} />
          <TextField name="email" type="email" label={t('field.email')} autoComplete="email" defaultValue={values.email} errors={errors} required />
          <TextField name="password" type="password" label={t('field.password')} autoComplete="current-password" errors={errors} required />
          <Button className="w-full" disabled={navigation.state === 'submitting'}>
            {t('signIn.submit')}
          </Button>
        </Form>
      </Card>
      {loaderData.showDemoHint ? (
        <p className="mt-4 rounded-lg bg-brand-50 px-4 py-3 text-sm text-brand-900">{t('signIn.demoHint', { password: 'compact-demo-2026' })}</p>
      ) : null}
      <p className="mt-4 text-center text-sm text-slate-700">
        {t('signIn.noAccount')}{' '}
        <Link to={`/signup${params.get('redirectTo') ? `?redirectTo=${encodeURIComponent(params.get('redirectTo')!)}` : ''}`} className="font-semibold text-brand-700 underline">
          {t('nav.signUp')}
        </Link>
      </p>
    </div>
  );
}
