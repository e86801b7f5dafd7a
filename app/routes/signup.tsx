import { Form, Link, redirect, useNavigation } from 'react-router';
import type { Route } from './+types/signup';
import { requireAnonymous, safeRedirect } from '../auth/guards.server';
import { commitSession } from '../auth/session.server';
import { Button, Card, FormError, TextField } from '../components/ui';
import { signUp } from '../domain/auth.server';
import { SignUpSchema } from '../domain/schemas';
import { attempt, formValues } from '../web/forms.server';
import { pageTitle, useT } from '../web/i18n';
import { parseForm, routeContext } from '../web/route.server';

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'signUp.title');

export async function loader({ request }: Route.LoaderArgs) {
  await requireAnonymous(request);
  // Judged on the server, so the form never carries a target that would leave the site.
  return { redirectTo: safeRedirect(new URL(request.url).searchParams.get('redirectTo')) };
}

export async function action({ request }: Route.ActionArgs) {
  const { ctx } = await routeContext(request);
  const formData = await request.formData();
  const redirectTo = safeRedirect(formData.get('redirectTo'));
  // The password as typed (ten spaces are a weak password, not a missing one).
  const input = { ...parseForm(SignUpSchema, formData), password: formData.get('password') ?? undefined };
  const result = await attempt(() => signUp(ctx, input), { values: formValues(formData) });
  if (!result.ok) return result.response;
  // New accounts keep the language they chose before signing up.
  return redirect(redirectTo, { headers: { 'Set-Cookie': await commitSession(request, result.value.token) } });
}

export default function SignUp({ actionData, loaderData }: Route.ComponentProps) {
  const t = useT();
  const navigation = useNavigation();
  const redirectTo = loaderData.redirectTo !== '/dashboard' ? loaderData.redirectTo : null;
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
          <TextField
            name="password"
            type="password"
            label={t('field.password')}
            hint={t('field.passwordHint')}
            autoComplete="new-password"
            errors={errors}
            required
          />
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
