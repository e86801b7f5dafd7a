// Choose a new password from an emailed link. A link that cannot be used (unknown, used, expired) answers 404 with a
// way to ask for a new one.
import { Form, Link, data, redirect, useNavigation } from 'react-router';
import type { Route } from './+types/reset-password';
import { destroySession } from '../auth/session.server';
import { Button, Card, FormError, TextField, buttonClass } from '../components/ui';
import { NotFoundError } from '../domain/errors.server';
import { findUsablePasswordReset, resetPassword } from '../domain/password-reset.server';
import { attempt } from '../web/forms.server';
import { pageTitle, useT } from '../web/i18n';
import { routeContext } from '../web/route.server';

export const meta: Route.MetaFunction = ({ matches, loaderData }) => pageTitle(matches, loaderData?.valid ? 'reset.title' : 'reset.invalid.title');

export async function loader({ request, params }: Route.LoaderArgs) {
  const { ctx } = await routeContext(request);
  try {
    const reset = await findUsablePasswordReset(ctx, params.token);
    return { valid: true as const, email: reset.user.email };
  } catch (error) {
    if (error instanceof NotFoundError) return data({ valid: false as const, email: null }, { status: 404 });
    throw error;
  }
}

export async function action({ request, params }: Route.ActionArgs) {
  const { ctx } = await routeContext(request);
  const formData = await request.formData();
  const result = await attempt(() => resetPassword(ctx, { token: params.token, password: formData.get('password') ?? undefined }));
  if (!result.ok) return result.response;
  // Every session of the account has ended, this browser's too if it had one.
  return redirect('/signin?passwordChanged=1', { headers: { 'Set-Cookie': await destroySession(request) } });
}

export default function ResetPassword({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const navigation = useNavigation();
  const errors = actionData?.errors;
  if (!loaderData.valid) {
    return (
      <Card className="mx-auto max-w-xl">
        <h1 className="text-xl font-semibold text-brand-900">{t('reset.invalid.title')}</h1>
        <p className="mt-2 text-slate-700">{t('reset.invalid.body')}</p>
        <Link to="/forgot-password" className={`${buttonClass('primary')} mt-6`}>
          {t('reset.invalid.again')}
        </Link>
      </Card>
    );
  }
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-semibold text-brand-900">{t('reset.title')}</h1>
      <p className="mt-2 text-slate-600">{t('reset.lead', { email: loaderData.email })}</p>
      <Card className="mt-6">
        <Form method="post" noValidate className="space-y-5">
          <FormError errors={errors} />
          {/* The account's address, for password managers (not sent: the link decides the account). */}
          <input type="email" name="username" autoComplete="username" value={loaderData.email} aria-label={t('field.email')} readOnly hidden />
          <TextField
            name="password"
            type="password"
            label={t('field.newPassword')}
            hint={t('field.newPasswordHint')}
            autoComplete="new-password"
            errors={errors}
            required
          />
          <Button className="w-full" disabled={navigation.state === 'submitting'}>
            {t('reset.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
