// The fields of an action plan: title, description, and the period it covers (the end not before the start).
import type { FormErrors } from '../web/forms';
import { useT } from '../web/i18n';
import { TextAreaField, TextField } from './ui';

export function ActionPlanFields({ values, errors }: { values: Record<string, string | undefined>; errors?: FormErrors }) {
  const t = useT();
  return (
    <>
      <TextField name="title" label={t('actionPlanPages.field.title')} defaultValue={values.title} errors={errors} required maxLength={200} />
      <TextAreaField
        name="description"
        label={t('actionPlanPages.field.description')}
        hint={t('actionPlanPages.field.descriptionHint')}
        rows={8}
        defaultValue={values.description}
        errors={errors}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          name="periodStart"
          type="date"
          label={t('actionPlanPages.field.periodStart')}
          defaultValue={values.periodStart}
          errors={errors}
          required
          hint={t('actionPlanPages.field.periodHint')}
        />
        <TextField name="periodEnd" type="date" label={t('actionPlanPages.field.periodEnd')} defaultValue={values.periodEnd} errors={errors} required />
      </div>
    </>
  );
}
