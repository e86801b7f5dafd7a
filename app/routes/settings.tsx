import { Form, redirect } from 'react-router';
import type { Route } from './+types/settings';
import { requireUser } from '../auth/guards.server';
import { localeCookie, requestMeta, destroySession } from '../auth/session.server';
import { Alert, Button, Card, FormError, PageHeader, SelectField, TextField } from '../components/ui';
import { revokeSession, updatePreferences } from '../domain/auth.server';
import { LOCALES, LOCALE_NAMES } from '../i18n';
import { services } from '../services.server';
import { attempt, formValues } from '../web/forms.server';
import { useT } from '../web/i18n';

export async function loader({ request }: Route.LoaderArgs) {
  const { user, session } = await requireUser(request);
  const sessions = await services().db.session.findMany({
    where: { userId: user.id, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { lastSeenAt: 'desc' },
  });
  return {
    profile: { name: user.name, email: user.email, locale: user.locale ?? '' },
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
  const ctx = { db: services().db, actor: auth.actor, meta: requestMeta(request) };
  const formData = await request.formData();
  if (formData.get('intent') === 'revoke') {
    const sessionId = String(formData.get('sessionId') ?? '');
    const result = await attempt(() => revokeSession(ctx, { sessionId }), { intent: 'revoke' });
    if (!result.ok) return result.response;
    if (sessionId === auth.session.id) {
      return redirect('/', { headers: { 'Set-Cookie': await destroySession(request) } });
    }
    return { intent: 'revoke', errors: undefined, values: undefined };
  }
  const locale = formData.get('locale');
  const result = await attempt(
    () => updatePreferences(ctx, auth.user.id, { name: formData.get('name'), locale: locale ? locale : undefined }),
    { intent: 'profile', values: formValues(formData) },
  );
  if (!result.ok) return result.response;
  return redirect('/settings?saved=1', {
    headers: result.value.locale ? { 'Set-Cookie': await localeCookie.serialize(result.value.locale) } : {},
  });
}

function deviceName(userAgent: string | null, fallback: string) {
  if (!userAgent) return fallback;
  const browser = /Firefox\//.test(userAgent) ? 'Firefox' : /Edg\//.test(userAgent) ? 'Edge' : /Chrom(e|ium)\//.test(userAgent) ? 'Chrome' : /Safari\//.test(userAgent) ? 'Safari' : null;
  const os = /Windows/.test(userAgent) ? 'Windows' : /Android/.test(userAgent) ? 'Android' : /iPhone|iPad/.test(userAgent) ? 'iOS' : /Mac OS/.test(userAgent) ? 'macOS' : /Linux/.test(userAgent) ? 'Linux' : null;
  return [browser, os].filter(Boolean).join(' · ') || fallback;
}

export default function Settings({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { profile, sessions } = loaderData;
  const saved = typeof window === 'undefined' ? false : new URLSearchParams(window.location.search).has('saved');
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
            {saved ? <Alert tone="success">{t('settings.saved')}</Alert> : null}
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
                    {deviceName(s.userAgent, t('settings.unknownDevice'))} {s.current ? <span className="text-emerald-800">· {t('settings.thisDevice')}</span> : null}
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
