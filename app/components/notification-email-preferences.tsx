// The "Email notifications" section of /settings: one checkbox per kind of notification ("email me when …").
// Checked kinds are emailed; the form posts the checked ones and the page saves the others as muted.
import { Form } from 'react-router';
import { NOTIFICATION_KINDS } from '../domain/enums';
import type { FormErrors } from '../web/forms';
import { useT } from '../web/i18n';
import { Alert, Button, Card, FormError } from './ui';

export function NotificationEmailPreferences({ mutedKinds, saved, errors }: { mutedKinds: readonly string[]; saved: boolean; errors?: FormErrors }) {
  const t = useT();
  return (
    <Card aria-labelledby="email-notifications-heading">
      <h2 id="email-notifications-heading" className="text-lg font-semibold text-brand-900">
        <span id="email-notifications" className="scroll-mt-24">
          {t('notifications.email.title')}
        </span>
      </h2>
      <p className="mt-1 text-sm text-slate-600">{t('notifications.email.lead')}</p>
      <Form method="post" noValidate className="mt-4 space-y-4">
        <input type="hidden" name="intent" value="emailPreferences" />
        <FormError errors={errors} />
        {saved && !errors ? <Alert tone="success">{t('notifications.email.saved')}</Alert> : null}
        <fieldset>
          <legend className="text-sm font-medium text-slate-900">{t('notifications.email.legend')}</legend>
          <div className="mt-2 space-y-2">
            {NOTIFICATION_KINDS.map((kind) => (
              <label key={kind} className="flex min-h-11 cursor-pointer items-start gap-3 rounded-md px-1 py-2 text-sm text-slate-800 hover:bg-slate-50">
                <input
                  type="checkbox"
                  name="emailKinds"
                  value={kind}
                  defaultChecked={!mutedKinds.includes(kind)}
                  className="mt-0.5 h-5 w-5 shrink-0 rounded border-slate-400 accent-brand-700"
                />
                <span>{t(`notifications.kind.${kind}`)}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <Button>{t('notifications.email.save')}</Button>
      </Form>
    </Card>
  );
}
