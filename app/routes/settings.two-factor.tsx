// Set up two-factor sign-in, or replace the authenticator: a new secret as a QR code and as text, confirmed with a
// code from the app; then the ten recovery codes, shown once. Works without JavaScript (the secret travels in the
// form until it is confirmed; nothing is stored before).
import QRCode from 'qrcode';
import { Form, Link, useNavigation } from 'react-router';
import type { Route } from './+types/settings.two-factor';
import { requireUser } from '../auth/guards.server';
import { Alert, Button, Card, FormError, TextField, buttonClass } from '../components/ui';
import { EnableTwoFactorSchema } from '../domain/account-schemas';
import { enableTwoFactor, newTwoFactorSecret, twoFactorStatus, twoFactorUri } from '../domain/two-factor.server';
import { attempt } from '../web/forms.server';
import { pageTitle, useT } from '../web/i18n';
import { parseForm, routeContext } from '../web/route.server';

export const meta: Route.MetaFunction = ({ matches, loaderData }) =>
  pageTitle(matches, loaderData?.replacing ? 'twoFactor.replace.title' : 'twoFactor.setup.title');

async function setupFor(secret: string, email: string) {
  const svg = await QRCode.toString(twoFactorUri(secret, email), {
    type: 'svg',
    margin: 2,
    errorCorrectionLevel: 'M',
    color: { dark: '#0f172a', light: '#ffffff' },
  });
  return { secret, qrSvg: svg };
}

export async function loader({ request }: Route.LoaderArgs) {
  const { user } = await requireUser(request);
  const { ctx } = await routeContext(request);
  const status = await twoFactorStatus(ctx, user.id);
  return { replacing: status.enabled, ...(await setupFor(newTwoFactorSecret(), user.email)) };
}

export async function action({ request }: Route.ActionArgs) {
  const { user } = await requireUser(request);
  const { ctx } = await routeContext(request);
  const formData = await request.formData();
  const input = { ...parseForm(EnableTwoFactorSchema, formData), password: formData.get('password') || undefined };
  const secret = String(formData.get('secret') ?? '');
  // A wrong code shows the same secret again, so the app that scanned it need not scan again.
  const again = /^[A-Z2-7]{32}$/.test(secret) ? await setupFor(secret, user.email) : await setupFor(newTwoFactorSecret(), user.email);
  const result = await attempt(() => enableTwoFactor(ctx, user.id, input), { setup: again });
  if (!result.ok) return result.response;
  return { recoveryCodes: result.value.recoveryCodes, replaced: result.value.replaced, errors: undefined, setup: undefined };
}

/** The key as people type it: groups of four. */
const grouped = (secret: string) => secret.match(/.{1,4}/g)!.join(' ');

function RecoveryCodes({ codes, replaced }: { codes: string[]; replaced: boolean }) {
  const t = useT();
  return (
    <div className="mx-auto max-w-xl">
      <h1 className="text-2xl font-semibold text-brand-900">{t('twoFactor.codes.title')}</h1>
      <div className="mt-4">
        <Alert tone="success">{replaced ? t('twoFactor.codes.replaced') : t('twoFactor.codes.lead')}</Alert>
      </div>
      {replaced ? <p className="mt-4 text-slate-700">{t('twoFactor.codes.lead')}</p> : null}
      <Card className="mt-6">
        <h2 id="recovery-codes" className="sr-only">
          {t('twoFactor.codes.listLabel')}
        </h2>
        <ol aria-labelledby="recovery-codes" className="grid grid-cols-2 gap-x-6 gap-y-2 font-mono text-lg" data-testid="recovery-codes">
          {codes.map((code) => (
            <li key={code}>{code}</li>
          ))}
        </ol>
      </Card>
      <Link to="/settings" className={`${buttonClass('primary')} mt-6`}>
        {t('twoFactor.codes.done')}
      </Link>
    </div>
  );
}

export default function TwoFactorSetup({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const navigation = useNavigation();
  if (actionData?.recoveryCodes) return <RecoveryCodes codes={actionData.recoveryCodes} replaced={!!actionData.replaced} />;
  const errors = actionData?.errors;
  const { secret, qrSvg } = actionData?.setup ?? loaderData;
  const { replacing } = loaderData;
  return (
    <div className="mx-auto max-w-xl">
      <h1 className="text-2xl font-semibold text-brand-900">{t(replacing ? 'twoFactor.replace.title' : 'twoFactor.setup.title')}</h1>
      <Card className="mt-6">
        <Form method="post" noValidate className="space-y-5">
          <FormError errors={errors} />
          <p className="text-slate-700">{t('twoFactor.setup.step1')}</p>
          {/* Generated on the server from the key below: an SVG with no script or style. */}
          <div
            role="img"
            aria-label={t('twoFactor.setup.qrLabel')}
            className="mx-auto h-56 w-56 [&>svg]:h-full [&>svg]:w-full"
            dangerouslySetInnerHTML={{ __html: qrSvg }}
          />
          <div>
            <p className="text-sm text-slate-700">{t('twoFactor.setup.manual')}</p>
            <p
              className="mt-1 break-all rounded-md bg-slate-100 px-3 py-2 text-center font-mono text-base tracking-wide text-slate-900"
              data-testid="two-factor-secret"
            >
              {grouped(secret)}
            </p>
          </div>
          <input type="hidden" name="secret" value={secret} />
          <p className="text-slate-700">{t('twoFactor.setup.step2')}</p>
          <TextField name="code" label={t('field.twoFactorCode')} autoComplete="one-time-code" inputMode="numeric" maxLength={7} errors={errors} required />
          {replacing ? (
            <TextField
              name="password"
              type="password"
              label={t('field.password')}
              hint={t('twoFactor.setup.passwordHint')}
              autoComplete="current-password"
              errors={errors}
              required
            />
          ) : null}
          <div className="flex flex-wrap items-center gap-3">
            <Button disabled={navigation.state === 'submitting'}>{t(replacing ? 'twoFactor.replace.submit' : 'twoFactor.setup.submit')}</Button>
            <Link to="/settings" className={buttonClass('ghost')}>
              {t('twoFactor.setup.cancel')}
            </Link>
          </div>
        </Form>
      </Card>
    </div>
  );
}
