// The fields of raising an issue, shared by the named form (/issues/new) and the anonymous one (/report): where
// (administration, then office), what (title, description, date, category, factor, severity) and, on the named form,
// who may see it. Evidence files use the evidence field (issue-evidence-field.tsx).
// Without JavaScript the office list shows every office grouped by administration (<optgroup>); with it, only the
// chosen administration's offices.
import { useEffect, useId, useState } from 'react';
import { SelectField, TextAreaField, TextField, fieldAnchor } from './ui';
import { ARUSHA_FACTORS, ISSUE_CATEGORIES, ISSUE_SEVERITIES } from '../domain/enums';
import { type FormErrors, messageArgs } from '../web/forms';
import { useT } from '../web/i18n';

export type AdministrationOption = { id: string; name: string; offices: { id: string; name: string; kind: string }[] };
type Values = Record<string, string | undefined>;

function ErrorText({ id, errors, name }: { id: string; errors?: FormErrors; name: string }) {
  const t = useT();
  const messages = errors?.fieldErrors?.[name] ?? [];
  if (!messages.length) return null;
  return (
    <p id={id} className="mt-1 text-sm font-medium text-red-800">
      {messages.map((m) => t(...messageArgs(m))).join(' ')}
    </p>
  );
}

export function IssueWhereFields({ administrations, values, errors }: { administrations: AdministrationOption[]; values: Values; errors?: FormErrors }) {
  const t = useT();
  const id = useId();
  const [administrationId, setAdministrationId] = useState(values.administrationId ?? '');
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const officeGroups = hydrated && administrationId ? administrations.filter((a) => a.id === administrationId) : administrations;
  const officeInvalid = !!errors?.fieldErrors?.officeId?.length;
  const officeId = officeInvalid ? fieldAnchor('officeId') : `${id}-office`;
  return (
    <fieldset className="space-y-4">
      <SelectField
        name="administrationId"
        label={t('issuesPages.field.administration')}
        placeholder={t('issuesPages.field.administrationPlaceholder')}
        options={administrations.map((a) => ({ value: a.id, label: a.name }))}
        defaultValue={values.administrationId}
        onChange={(event) => setAdministrationId(event.currentTarget.value)}
        errors={errors}
        required
      />
      <div>
        <label htmlFor={officeId} className="block text-sm font-medium text-slate-900">
          {t('issuesPages.field.office')}
        </label>
        <select
          id={officeId}
          name="officeId"
          defaultValue={values.officeId}
          key={hydrated ? administrationId : 'all'}
          aria-invalid={officeInvalid ? true : undefined}
          aria-describedby={`${id}-office-hint${officeInvalid ? ` ${id}-office-error` : ''}`}
          className={`mt-1 block w-full rounded-lg border bg-white px-3 py-2 text-base text-slate-900 shadow-sm focus:border-brand-700 ${officeInvalid ? 'border-red-600' : 'border-slate-400'}`}
        >
          <option value="">{t('issuesPages.field.officeNone')}</option>
          {officeGroups
            .filter((a) => a.offices.length)
            .map((a) => (
              <optgroup key={a.id} label={a.name}>
                {a.offices.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name} — {t(`issuesPages.officeKind.${o.kind}`)}
                  </option>
                ))}
              </optgroup>
            ))}
        </select>
        <p id={`${id}-office-hint`} className="mt-1 text-sm text-slate-600">
          {t('issuesPages.field.officeHint')}
        </p>
        <ErrorText id={`${id}-office-error`} errors={errors} name="officeId" />
      </div>
    </fieldset>
  );
}

export function IssueWhatFields({ values, errors, today }: { values: Values; errors?: FormErrors; today: string }) {
  const t = useT();
  return (
    <div className="space-y-4">
      <TextField
        name="title"
        label={t('issuesPages.field.title')}
        hint={t('issuesPages.field.titleHint')}
        defaultValue={values.title}
        errors={errors}
        maxLength={200}
        required
      />
      <TextAreaField
        name="description"
        label={t('issuesPages.field.description')}
        hint={t('issuesPages.field.descriptionHint')}
        defaultValue={values.description}
        errors={errors}
        rows={10}
        maxLength={20000}
        required
      />
      <TextField
        type="date"
        name="occurredAt"
        label={t('issuesPages.field.occurredAt')}
        defaultValue={values.occurredAt}
        errors={errors}
        min="2000-01-01"
        max={today}
        required
        className="sm:w-64"
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          name="category"
          label={t('issuesPages.field.category')}
          placeholder={t('issuesPages.field.choose')}
          options={ISSUE_CATEGORIES.map((c) => ({ value: c, label: t(`issuesPages.category.${c}`) }))}
          defaultValue={values.category}
          errors={errors}
          required
        />
        <SelectField
          name="severity"
          label={t('issuesPages.field.severity')}
          placeholder={t('issuesPages.field.choose')}
          options={ISSUE_SEVERITIES.map((s) => ({ value: s, label: t(`issuesPages.severity.${s}`) }))}
          defaultValue={values.severity}
          errors={errors}
          required
        />
      </div>
      <SelectField
        name="factor"
        label={t('issuesPages.field.factor')}
        hint={t('issuesPages.field.factorHint')}
        placeholder={t('issuesPages.field.choose')}
        options={ARUSHA_FACTORS.map((f) => ({ value: f, label: t(`factor.${f}`) }))}
        defaultValue={values.factor}
        errors={errors}
        required
      />
    </div>
  );
}

/** Public or restricted, each with what it means. */
export function IssueVisibilityField({ value, errors }: { value?: string; errors?: FormErrors }) {
  const t = useT();
  const id = useId();
  const invalid = !!errors?.fieldErrors?.visibility?.length;
  const chosen = value ?? 'RESTRICTED';
  return (
    <fieldset aria-describedby={invalid ? `${id}-error` : undefined}>
      <legend className="text-sm font-medium text-slate-900">{t('issuesPages.field.visibility')}</legend>
      <div className="mt-2 space-y-2">
        {(['RESTRICTED', 'PUBLIC'] as const).map((v, i) => (
          <label key={v} className="flex items-start gap-3 rounded-lg border border-slate-300 p-3 text-sm">
            <input
              type="radio"
              name="visibility"
              value={v}
              defaultChecked={chosen === v}
              id={i === 0 && invalid ? fieldAnchor('visibility') : undefined}
              className="mt-0.5 h-5 w-5"
            />
            <span>
              <span className="block font-semibold text-slate-900">{t(`issuesPages.visibility.${v}`)}</span>
              <span className="block text-slate-700">
                {t(v === 'PUBLIC' ? 'issuesPages.field.visibilityPublic' : 'issuesPages.field.visibilityRestricted')}
              </span>
            </span>
          </label>
        ))}
      </div>
      <ErrorText id={`${id}-error`} errors={errors} name="visibility" />
    </fieldset>
  );
}
