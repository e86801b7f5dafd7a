// An administration's deadlines for issues: working days to acknowledge, calendar days to respond.
import { Form } from 'react-router';
import type { FormErrors } from '../web/forms';
import { useT } from '../web/i18n';
import { Alert, Button, Card, FormError, TextField } from './ui';

export function OfficeDeadlinesForm({
  values,
  errors,
  saved,
}: {
  values: { acknowledgeWorkingDays: string | number; respondDays: string | number };
  errors?: FormErrors;
  saved: boolean;
}) {
  const t = useT();
  return (
    <Card aria-labelledby="deadlines-heading">
      <h2 id="deadlines-heading" className="text-lg font-semibold text-brand-900">
        {t('offices.deadlines.title')}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{t('offices.deadlines.lead')}</p>
      <Form method="post" noValidate className="mt-4 space-y-5">
        <input type="hidden" name="intent" value="deadlines" />
        <FormError errors={errors} />
        {saved && !errors ? <Alert tone="success">{t('offices.deadlines.saved')}</Alert> : null}
        <TextField
          name="acknowledgeWorkingDays"
          type="number"
          min={1}
          max={30}
          step={1}
          inputMode="numeric"
          label={t('offices.deadlines.acknowledge')}
          hint={t('offices.deadlines.acknowledgeHint')}
          defaultValue={String(values.acknowledgeWorkingDays)}
          errors={errors}
          required
        />
        <TextField
          name="respondDays"
          type="number"
          min={1}
          max={180}
          step={1}
          inputMode="numeric"
          label={t('offices.deadlines.respond')}
          hint={t('offices.deadlines.respondHint')}
          defaultValue={String(values.respondDays)}
          errors={errors}
          required
        />
        <Button>{t('offices.deadlines.save')}</Button>
      </Form>
    </Card>
  );
}
