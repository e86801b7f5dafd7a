// The fields of a pledge's text (draft or new version): title, Markdown body, key factors; and, for drafts, who may
// sign and the renewal period.
import { ARUSHA_FACTORS, PLEDGE_AUDIENCES } from '../domain/enums';
import { type FormErrors, messageArgs } from '../web/forms';
import { useT } from '../web/i18n';
import { TextAreaField, TextField } from './ui';

export type PledgeFormValues = { title?: string; body?: string; factors?: string[]; audience?: string; renewalMonths?: string; changeNote?: string };

function FieldError({ errors, name }: { errors?: FormErrors; name: string }) {
  const t = useT();
  const messages = errors?.fieldErrors?.[name];
  if (!messages?.length) return null;
  return (
    <p id={`${name}-error`} className="mt-1 text-sm font-medium text-red-800">
      {messages.map((m) => t(...messageArgs(m))).join(' ')}
    </p>
  );
}

export function PledgeTextFields({ values, errors }: { values: PledgeFormValues; errors?: FormErrors }) {
  const t = useT();
  const factorErrors = errors?.fieldErrors?.factors;
  return (
    <>
      <TextField name="title" label={t('pledge.field.title')} defaultValue={values.title} errors={errors} required />
      <TextAreaField
        name="body"
        label={t('pledge.field.body')}
        hint={t('pledge.field.bodyHint')}
        rows={14}
        defaultValue={values.body}
        errors={errors}
        required
        className="font-mono"
      />
      <fieldset aria-describedby={factorErrors?.length ? 'factors-error' : undefined}>
        <legend className="text-sm font-medium text-slate-900">{t('pledge.field.factors')}</legend>
        <div className="mt-2 grid gap-2 sm:grid-cols-2">
          {ARUSHA_FACTORS.map((factor) => (
            <label key={factor} className="flex min-h-11 items-center gap-3 rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm">
              <input type="checkbox" name="factors" value={factor} defaultChecked={values.factors?.includes(factor)} className="h-4 w-4 accent-brand-700" />
              {t(`factor.${factor}`)}
            </label>
          ))}
        </div>
        <FieldError errors={errors} name="factors" />
      </fieldset>
    </>
  );
}

export function PledgeTermsFields({ values, errors }: { values: PledgeFormValues; errors?: FormErrors }) {
  const t = useT();
  return (
    <>
      <fieldset>
        <legend className="text-sm font-medium text-slate-900">{t('pledge.field.audience')}</legend>
        <div className="mt-2 space-y-2">
          {PLEDGE_AUDIENCES.map((audience) => (
            <label key={audience} className="flex min-h-11 items-center gap-3 text-sm">
              <input
                type="radio"
                name="audience"
                value={audience}
                defaultChecked={(values.audience ?? 'BOTH') === audience}
                className="h-4 w-4 accent-brand-700"
              />
              {t(`audience.${audience}`)}
            </label>
          ))}
        </div>
        <FieldError errors={errors} name="audience" />
      </fieldset>
      <TextField
        name="renewalMonths"
        type="number"
        min={1}
        max={60}
        inputMode="numeric"
        label={t('pledge.field.renewalMonths')}
        hint={t('pledge.field.renewalHint')}
        defaultValue={values.renewalMonths ?? '12'}
        errors={errors}
        className="max-w-xs"
      />
    </>
  );
}
