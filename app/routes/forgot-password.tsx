// Ask for a password reset link. The answer is the same whether or not an account exists for the address.
import { Form, Link, useNavigation } from 'react-router';
import type { Route } from './+types/forgot-password';
import { Alert, Button, Card, FormError, TextField } from '../components/ui';
import { RequestPasswordResetSchema } from '../domain/account-schemas';
import { requestPasswordReset } from '../domain/password-reset.server';
import { sendPasswordResetMail } from '../web/account-mail.server';
import { attempt, formValues } from '../web/forms.server';
import { pageTitle, useT } from '../web/i18n';
import { parseForm, routeContext } from '../web/route.server';

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'forgot.title');

export async function action({ request }: Route.ActionArgs) {
  const { auth, ctx } = await routeContext(request);
  const formData = await request.formData();
  const input = parseForm(RequestPasswordResetSchema, formData);
  const result = await attempt(() => requestPasswordReset(ctx, input, sendPasswordResetMail(auth.locale)), { values: formValues(formData) });
  if (!result.ok) return result.response;
  // Nothing from the result: whether a message went out stays on the server.
  return {
    sent: true as const,
    email: String(input.email ?? '')
      .trim()
      .toLowerCase(),
    errors: undefined,
    values: undefined,
  };
}

export default function ForgotPassword({ actionData }: Route.ComponentProps) {
  const t = useT();
  const navigation = useNavigation();
  const errors = actionData?.errors;
  const values = (actionData?.values ?? {}) as Record<string, string>;
  const sent = actionData && 'sent' in actionData && actionData.sent ? actionData.email : null;
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-semibold text-brand-900">{t('forgot.title')}</h1>
      {sent ? (
        <div className="mt-6">
          <Alert tone="success">{t('forgot.sent', { email: sent })}</Alert>
        </div>
      ) : (
        <>
          <p className="mt-2 text-slate-600">{t('forgot.lead')}</p>
          <Card className="mt-6">
            <Form method="post" noValidate className="space-y-5">
              <FormError errors={errors} />
              <TextField name="email" type="email" label={t('field.email')} autoComplete="email" defaultValue={values.email} errors={errors} required />
              <Button className="w-full" disabled={navigation.state === 'submitting'}>
                {t('forgot.submit')}
              </Button>
            </Form>
          </Card>
        </>
      )}
      <p className="mt-4 text-center text-sm">
        <Link to="/signin" className="font-semibold text-brand-700 underline underline-offset-2">
          {t('forgot.backToSignIn')}
        </Link>
      </p>
    </div>
  );
}
