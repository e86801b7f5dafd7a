// The inbox's filters: a plain GET form, so every filter is in the URL (bookmarkable, shareable, works without
// JavaScript), and quick views (assigned to me, escalated, overdue) as links.
import { Form, Link } from 'react-router';
import { ISSUE_SEVERITIES, ISSUE_STATUSES } from '../domain/enums';
import { useT } from '../web/i18n';
import { Button, SelectField, buttonClass } from './ui';

export type InboxFilterValues = {
  administration?: string;
  status: string[];
  severity: string[];
  office?: string;
  assigned: boolean;
  escalated: boolean;
  overdue: boolean;
};

function CheckboxGroup({ legend, name, options, checked }: { legend: string; name: string; options: { value: string; label: string }[]; checked: string[] }) {
  return (
    <fieldset>
      <legend className="text-sm font-medium text-slate-900">{legend}</legend>
      <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
        {options.map((o) => (
          <label key={o.value} className="inline-flex min-h-11 items-center gap-2 text-sm text-slate-800 sm:min-h-8">
            <input type="checkbox" name={name} value={o.value} defaultChecked={checked.includes(o.value)} className="h-4 w-4 accent-brand-700" />
            {o.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function InboxFilters({ values, offices }: { values: InboxFilterValues; offices: { id: string; name: string; archived: boolean }[] }) {
  const t = useT();
  return (
    <Form method="get" className="space-y-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm" aria-label={t('issuesOfficer.inbox.filters')}>
      {values.administration ? <input type="hidden" name="administration" value={values.administration} /> : null}
      <CheckboxGroup
        legend={t('issuesOfficer.field.status')}
        name="status"
        options={ISSUE_STATUSES.map((s) => ({ value: s, label: t(`issuesOfficer.status.${s}`) }))}
        checked={values.status}
      />
      <CheckboxGroup
        legend={t('issuesOfficer.field.severity')}
        name="severity"
        options={ISSUE_SEVERITIES.map((s) => ({ value: s, label: t(`issuesOfficer.severity.${s}`) }))}
        checked={values.severity}
      />
      <SelectField
        name="office"
        label={t('issuesOfficer.field.office')}
        options={offices.map((o) => ({ value: o.id, label: o.archived ? t('issuesOfficer.inbox.archivedOffice', { name: o.name }) : o.name }))}
        placeholder={t('issuesOfficer.inbox.allOffices')}
        defaultValue={values.office ?? ''}
        className="max-w-md"
      />
      <fieldset>
        <legend className="text-sm font-medium text-slate-900">{t('issuesOfficer.inbox.show')}</legend>
        <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
          {(['assigned', 'escalated', 'overdue'] as const).map((name) => (
            <label key={name} className="inline-flex min-h-11 items-center gap-2 text-sm text-slate-800 sm:min-h-8">
              <input type="checkbox" name={name} value="1" defaultChecked={values[name]} className="h-4 w-4 accent-brand-700" />
              {t(`issuesOfficer.inbox.only.${name}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="flex flex-wrap gap-3">
        <Button>{t('issuesOfficer.inbox.apply')}</Button>
        <Link to={values.administration ? `/inbox?administration=${encodeURIComponent(values.administration)}` : '/inbox'} className={buttonClass('ghost')}>
          {t('issuesOfficer.inbox.clear')}
        </Link>
      </div>
    </Form>
  );
}
