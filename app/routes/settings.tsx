import { Form, Link, redirect } from 'react-router';
import type { Route } from './+types/settings';
import { requireUser } from '../auth/guards.server';
import { destroySession, forgetRequestAuth, localeCookie } from '../auth/session.server';
import { TwoFactorCodeField } from '../components/two-factor-code-field';
import { NotificationEmailPreferences } from '../components/notification-email-preferences';
import { emailPreferences, setEmailPreferences } from '../domain/notifications.server';
import { NOTIFICATION_KINDS } from '../domain/enums';
import { Alert, Button, Card, FormError, PageHeader, SelectField, TextField, buttonClass } from '../components/ui';
import { listSessions, revokeSession, updatePreferences } from '../domain/auth.server';
import { disableTwoFactor, twoFactorStatus } from '../domain/two-factor.server';
import { DisableTwoFactorSchema } from '../domain/account-schemas';
import { PreferencesSchema } from '../domain/schemas';
import { LOCALES, LOCALE_NAMES } from '../i18n/core';
import { attempt, formValues } from '../web/forms.server';
import { pageTitle, useT } from '../web/i18n';
import { dispatchIntent, parseForm, routeContext } from '../web/route.server';

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'settings.title');

export async function loader({ request }: Route.LoaderArgs) {
  const { user, session } = await requireUser(request);
  const { ctx } = await routeContext(request);
  const [sessions, twoFactor, email] = await Promise.all([listSessions(ctx, user.id), twoFactorStatus(ctx, user.id), emailPreferences(ctx)]);
  const url = new URL(request.url);
  return {
    profile: { name: user.name, email: user.email, locale: user.locale ?? '' },
    saved: url.searchParams.has('saved'),
    twoFactorOff: url.searchParams.has('twoFactorOff'),
    email: { mutedKinds: email.mutedKinds, saved: url.searchParams.has('emailSaved') },
    twoFactor: { ...twoFactor, enabledAt: twoFactor.enabledAt?.toISOString() ?? null },
    sessions: sessions.map((s) => ({
      id: s.id,
      current: s.id === session.id,
      userAgent: s.userAgent,
      createdAt: s.createdAt.toISOString(),
      lastSeenAt: s.lastSeenAt.toISOString(),
    })),
  };
}

export async function action({ request }: Route.ActionArgs) {
  const auth = await requireUser(request);
  const { ctx } = await routeContext(request);
  const formData = await request.formData();
  return dispatchIntent(formData, {
    revoke: async () => {
      const sessionId = String(formData.get('sessionId') ?? '');
      const result = await attempt(() => revokeSession(ctx, { sessionId }), { intent: 'revoke' });
      if (!result.ok) return result.response;
      if (sessionId === auth.session.id) {
        return redirect('/', { headers: { 'Set-Cookie': await destroySession(request) } });
      }
      return { intent: 'revoke', errors: undefined, values: undefined };
    },
    profile: async () => {
      const result = await attempt(() => updatePreferences(ctx, auth.user.id, parseForm(PreferencesSchema, formData)), {
        intent: 'profile',
        values: formValues(formData),
      });
      if (!result.ok) return result.response;
      forgetRequestAuth(request);
      return redirect('/settings?saved=1', {
        headers: result.value.locale ? { 'Set-Cookie': await localeCookie.serialize(result.value.locale) } : {},
      });
    },
    emailPreferences: async () => {
      // The form lists the kinds to email; every other kind is muted.
      const emailed = new Set(formData.getAll('emailKinds').map(String));
      const mutedKinds = NOTIFICATION_KINDS.filter((kind) => !emailed.has(kind));
      const result = await attempt(() => setEmailPreferences(ctx, { mutedKinds }), { intent: 'emailPreferences' });
      if (!result.ok) return result.response;
      return redirect('/settings?emailSaved=1#email-notifications');
    },
    disableTwoFactor: async () => {
      const input = { ...parseForm(DisableTwoFactorSchema, formData), password: formData.get('password') ?? undefined };
      const result = await attempt(() => disableTwoFactor(ctx, auth.user.id, input), { intent: 'disableTwoFactor' });
      if (!result.ok) return result.response;
      return redirect('/settings?twoFactorOff=1');
    },
  });
}

function deviceName(userAgent: string | null, fallback: string) {
  if (!userAgent) return fallback;
  const browser = /Firefox\//.test(userAgent)
    ? 'Firefox'
    : /Edg\//.test(userAgent)
      ? 'Edge'
      : /Chrom(e|ium)\//.test(userAgent)
        ? 'Chrome'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : null;
  const os = /Windows/.test(userAgent)
    ? 'Windows'
    : /Android/.test(userAgent)
      ? 'Android'
      : /iPhone|iPad/.test(userAgent)
        ? 'iOS'
        : /Mac OS/.test(userAgent)
          ? 'macOS'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : null;
  return [browser, os].filter(Boolean).join(' · ') || fallback;
}

function TwoFactorCard({
  twoFactor,
  errors,
  off,
}: {
  twoFactor: Route.ComponentProps['loaderData']['twoFactor'];
  errors?: Parameters<typeof FormError>[0]['errors'];
  off: boolean;
}) {
  const t = useT();
  return (
    <Card aria-labelledby="two-factor-heading">
      <h2 id="two-factor-heading" className="text-lg font-semibold text-brand-900">
        {t('settings.twoFactor.title')}
      </h2>
      {off && !twoFactor.enabled ? (
        <div className="mt-3">
          <Alert tone="success">{t('settings.twoFactor.turnedOff')}</Alert>
        </div>
      ) : null}
      {!twoFactor.enabled ? (
        <>
          <p className="mt-2 text-sm text-slate-700">{t('settings.twoFactor.off')}</p>
          <Link to="/settings/two-factor" className={`${buttonClass('primary')} mt-4`}>
            {t('settings.twoFactor.setUp')}
          </Link>
        </>
      ) : (
        <>
          <p className="mt-2 text-sm text-slate-700">
            {t('settings.twoFactor.on', { date: t.date(twoFactor.enabledAt!) })} {t('settings.twoFactor.recoveryLeft', { count: twoFactor.recoveryCodesLeft })}
          </p>
          <Link to="/settings/two-factor" className={`${buttonClass('secondary')} mt-4`}>
            {t('settings.twoFactor.replace')}
          </Link>
          {twoFactor.canDisable ? (
            <Form method="post" noValidate className="mt-6 space-y-4 border-t border-slate-100 pt-4" aria-labelledby="two-factor-off-heading">
              <h3 id="two-factor-off-heading" className="font-semibold text-slate-900">
                {t('settings.twoFactor.turnOff')}
              </h3>
              <p className="text-sm text-slate-600">{t('settings.twoFactor.turnOffLead')}</p>
              <input type="hidden" name="intent" value="disableTwoFactor" />
              <FormError errors={errors} />
              <TextField name="password" type="password" label={t('field.password')} autoComplete="current-password" errors={errors} required />
              <TwoFactorCodeField errors={errors} />
              <Button variant="danger">{t('settings.twoFactor.turnOff')}</Button>
            </Form>
          ) : (
            <p className="mt-4 text-sm text-slate-600">{t('settings.twoFactor.adminRequired')}</p>
          )}
        </>
      )}
    </Card>
  );
}

export default function Settings({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { profile, sessions, saved, twoFactor, twoFactorOff } = loaderData;
  const errors = actionData?.intent === 'profile' ? actionData.errors : undefined;
  const values = (actionData?.values ?? {}) as Record<string, string>;
  return (
    <div>
      <PageHeader title={t('settings.title')} />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card aria-labelledby="profile-heading">
          <h2 id="profile-heading" className="mb-4 text-lg font-semibold text-brand-900">
            {t('settings.profile')}
          </h2>
          <Form method="post" noValidate className="space-y-5">
            <input type="hidden" name="intent" value="profile" />
            <FormError errors={errors} />
            {saved && !errors ? <Alert tone="success">{t('settings.saved')}</Alert> : null}
            <TextField name="name" label={t('field.name')} defaultValue={values.name ?? profile.name} errors={errors} autoComplete="name" />
            <TextField name="email" label={t('field.email')} defaultValue={profile.email} readOnly disabled />
            <SelectField
              name="locale"
              label={t('settings.language')}
              hint={t('settings.languageHint')}
              defaultValue={values.locale ?? profile.locale}
              options={LOCALES.map((l) => ({ value: l, label: LOCALE_NAMES[l] }))}
              errors={errors}
            />
            <Button>{t('settings.save')}</Button>
          </Form>
        </Card>
        <NotificationEmailPreferences
          mutedKinds={loaderData.email.mutedKinds}
          saved={loaderData.email.saved}
          errors={actionData?.intent === 'emailPreferences' ? actionData.errors : undefined}
        />
        <TwoFactorCard twoFactor={twoFactor} errors={actionData?.intent === 'disableTwoFactor' ? actionData.errors : undefined} off={twoFactorOff} />
        <Card aria-labelledby="sessions-heading">
          <h2 id="sessions-heading" className="text-lg font-semibold text-brand-900">
            {t('settings.sessions')}
          </h2>
          <p className="mt-1 text-sm text-slate-600">{t('settings.sessionsLead')}</p>
          {actionData?.intent === 'revoke' ? <FormError errors={actionData.errors} /> : null}
          <ul className="mt-4 divide-y divide-slate-100">
            {sessions.map((s) => (
              <li key={s.id} className="flex flex-wrap items-center justify-between gap-3 py-3 text-sm">
                <div>
                  <div className="font-medium text-slate-900">
                    {deviceName(s.userAgent, t('settings.unknownDevice'))}{' '}
                    {s.current ? <span className="text-emerald-800">· {t('settings.thisDevice')}</span> : null}
                  </div>
                  <div className="text-xs text-slate-600">
                    {t('settings.signedInAt', { date: t.dateTime(s.createdAt) })} · {t('settings.lastSeen', { date: t.dateTime(s.lastSeenAt) })}
                  </div>
                </div>
                <Form method="post">
                  <input type="hidden" name="intent" value="revoke" />
                  <input type="hidden" name="sessionId" value={s.id} />
                  <Button variant="danger" className="min-h-9 px-3">
                    {t('settings.revoke')}
                  </Button>
                </Form>
              </li>
            ))}
          </ul>
        </Card>
      </div>
    </div>
  );
}
