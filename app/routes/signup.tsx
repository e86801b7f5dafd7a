import { Form, Link, redirect, useNavigation, useSearchParams } from 'react-router';
import type { Route } from './+types/signup';
import { requireAnonymous, safeRedirect } from '../auth/guards.server';
import { getRequestAuth, requestMeta, commitSession } from '../auth/session.server';
import { Button, Card, FormError, TextField } from '../components/ui';
import { signUp } from '../domain/auth.server';
import { services } from '../services.server';
import { attempt, formValues } from '../web/forms.server';
import { useT } from '../web/i18n';

export async function loader({ request }: Route.LoaderArgs) {
  await requireAnonymous(request);
  return null;
}

export async function action({ request }: Route.ActionArgs) {
  const auth = await getRequestAuth(request);
  const formData = await request.formData();
  const result = await attempt(
    () =>
      signUp(
        { db: services().db, actor: auth.actor, meta: requestMeta(request) },
        { name: formData.get('name'), email: formData.get('email'), password: formData.get('password') },
      ),
    { values: formValues(formData) },
  );
  if (!result.ok) return result.response;
  // New accounts keep the language they chose before signing up.
  return redirect(safeRedirect(formData.get('redirectTo')), {
    headers: { 'Set-Cookie': await commitSession(request, result.value.token) },
  });
}

export default function SignUp({ actionData }: Route.ComponentProps) {
  const t = useT();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const redirectTo = params.get('redirectTo');
  const errors = actionData?.errors;
  const values = (actionData?.values ?? {}) as Record<string, string>;
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-semibold text-brand-900">{t('signUp.title')}</h1>
      <p className="mt-2 text-slate-600">{t('signUp.lead')}</p>
      <Card className="mt-6">
        <Form method="post" noValidate className="space-y-5">
          <input type="hidden" name="redirectTo" value={redirectTo ?? '/dashboard'} />
          <FormError errors={errors} />
          <TextField name="name" label={t('field.name')} autoComplete="name" defaultValue={values.name} errors={errors} required />
          <TextField name="email" type="email" label={t('field.email')} autoComplete="email" defaultValue={values.email} errors={errors} required />
          <TextField name="password" type="password" label={t('field.password')} hint={t('field.passwordHint')} autoComplete="new-password" errors={errors} required />
          <Button className="w-full" disabled={navigation.state === 'submitting'}>
            {t('signUp.submit')}
          </Button>
        </Form>
      </Card>
      <p className="mt-4 text-center text-sm text-slate-700">
        {t('signUp.haveAccount')}{' '}
        <Link to={`/signin${redirectTo ? `?redirectTo=${encodeURIComponent(redirectTo)}` : ''}`} className="font-semibold text-brand-700 underline">
          {t('nav.signIn')}
        </Link>
      </p>
    </div>
  );
}
