// The list's views (links) and filters (a GET form): everything lands in the URL, so a filtered list can be
// bookmarked and shared, and the form works without JavaScript.
import { Form, Link } from 'react-router';
import { Button, SelectField, TextField } from './ui';
import { ARUSHA_FACTORS, ISSUE_CATEGORIES, ISSUE_SEVERITIES, ISSUE_STATUSES } from '../domain/enums';
import { countryName } from '../domain/countries';
import { useT } from '../web/i18n';

export type IssueListValues = {
  view: string;
  q: string;
  status: string;
  severity: string;
  category: string;
  factor: string;
  country: string;
  administration: string;
  office: string;
  overdue: boolean;
  escalated: boolean;
  order: string;
};

export type FilterChoices = {
  administrations: { id: string; name: string; country: string; offices: { id: string; name: string }[] }[];
  orders: readonly string[];
};

export function IssueListViews({ current, links, signedIn }: { current: string; links: Record<string, string>; signedIn: boolean }) {
  const t = useT();
  const views = signedIn ? (['all', 'assigned', 'mine', 'escalated'] as const) : (['all', 'escalated'] as const);
  return (
    <nav aria-label={t('issuesPages.list.views')} className="mb-4">
      <ul className="flex flex-wrap gap-2">
        {views.map((view) => (
          <li key={view}>
            <Link
              to={links[view]}
              aria-current={current === view ? 'page' : undefined}
              className={
                current === view
                  ? 'inline-flex min-h-11 items-center rounded-full bg-brand-800 px-4 text-sm font-semibold text-white'
                  : 'inline-flex min-h-11 items-center rounded-full border border-slate-300 bg-white px-4 text-sm font-medium text-brand-800 hover:bg-slate-50'
              }
            >
              {t(`issuesPages.view.${view}`)}
            </Link>
          </li>
        ))}
      </ul>
      {signedIn ? null : <p className="mt-2 text-sm text-slate-600">{t('issuesPages.list.signInForViews')}</p>}
    </nav>
  );
}

export function IssueListFilters({ values, choices, filtered }: { values: IssueListValues; choices: FilterChoices; filtered: boolean }) {
  const t = useT();
  const countries = [...new Set(choices.administrations.map((a) => a.country))].sort();
  return (
    <Form method="get" className="mb-6 rounded-xl border border-slate-200 bg-white p-4" aria-label={t('issuesPages.filters.title')} role="search">
      {values.view !== 'all' ? <input type="hidden" name="view" value={values.view} /> : null}
      <TextField
        type="search"
        name="q"
        label={t('issuesPages.filters.search')}
        hint={t('issuesPages.filters.searchHint')}
        defaultValue={values.q}
        maxLength={200}
        className="mb-4"
      />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <SelectField
          name="status"
          label={t('issuesPages.filters.status')}
          defaultValue={values.status}
          placeholder={t('issuesPages.filters.any')}
          options={ISSUE_STATUSES.map((s) => ({ value: s, label: t(`issuesPages.status.${s}`) }))}
        />
        <SelectField
          name="severity"
          label={t('issuesPages.filters.severity')}
          defaultValue={values.severity}
          placeholder={t('issuesPages.filters.any')}
          options={ISSUE_SEVERITIES.map((s) => ({ value: s, label: t(`issuesPages.severity.${s}`) }))}
        />
        <SelectField
          name="category"
          label={t('issuesPages.filters.category')}
          defaultValue={values.category}
          placeholder={t('issuesPages.filters.any')}
          options={ISSUE_CATEGORIES.map((c) => ({ value: c, label: t(`issuesPages.category.${c}`) }))}
        />
        <SelectField
          name="factor"
          label={t('issuesPages.filters.factor')}
          defaultValue={values.factor}
          placeholder={t('issuesPages.filters.any')}
          options={ARUSHA_FACTORS.map((f) => ({ value: f, label: t(`factor.${f}`) }))}
        />
        <SelectField
          name="country"
          label={t('issuesPages.filters.country')}
          defaultValue={values.country}
          placeholder={t('issuesPages.filters.any')}
          options={countries.map((c) => ({ value: c, label: countryName(c, t.locale) }))}
        />
        <SelectField
          name="administration"
          label={t('issuesPages.filters.administration')}
          defaultValue={values.administration}
          placeholder={t('issuesPages.filters.any')}
          options={choices.administrations.map((a) => ({ value: a.id, label: a.name }))}
        />
        <OfficeSelect
          name="office"
          label={t('issuesPages.filters.office')}
          defaultValue={values.office}
          administrations={choices.administrations}
          emptyLabel={t('issuesPages.filters.any')}
        />
        <SelectField
          name="order"
          label={t('issuesPages.filters.order')}
          defaultValue={values.order}
          options={choices.orders.map((o) => ({ value: o, label: t(`issuesPages.order.${o}`) }))}
        />
      </div>
      <div className="mt-4 flex flex-wrap items-center gap-x-6 gap-y-3">
        <label className="flex min-h-11 items-center gap-2 text-sm font-medium text-slate-900">
          <input type="checkbox" name="overdue" value="1" defaultChecked={values.overdue} className="h-5 w-5" />
          {t('issuesPages.filters.overdue')}
        </label>
        <label className="flex min-h-11 items-center gap-2 text-sm font-medium text-slate-900">
          <input type="checkbox" name="escalated" value="1" defaultChecked={values.escalated} className="h-5 w-5" />
          {t('issuesPages.filters.escalated')}
        </label>
        <Button variant="secondary">{t('issuesPages.filters.apply')}</Button>
        {filtered ? (
          <Link
            to={values.view !== 'all' ? `/issues?view=${values.view}` : '/issues'}
            className="min-h-11 content-center text-sm font-semibold text-brand-700 underline"
          >
            {t('issuesPages.filters.clear')}
          </Link>
        ) : null}
      </div>
    </Form>
  );
}

/** Every office, grouped by administration (<optgroup>): usable without JavaScript. */
export function OfficeSelect({
  name,
  label,
  defaultValue,
  administrations,
  emptyLabel,
  hint,
  id,
  invalid,
  describedBy,
}: {
  name: string;
  label: string;
  defaultValue?: string;
  administrations: { id: string; name: string; offices: { id: string; name: string }[] }[];
  emptyLabel: string;
  hint?: string;
  id?: string;
  invalid?: boolean;
  describedBy?: string;
}) {
  const selectId = id ?? `filter-${name}`;
  const hintId = hint ? `${selectId}-hint` : undefined;
  return (
    <div>
      <label htmlFor={selectId} className="block text-sm font-medium text-slate-900">
        {label}
      </label>
      <select
        id={selectId}
        name={name}
        defaultValue={defaultValue}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={[hintId, describedBy].filter(Boolean).join(' ') || undefined}
        className={`mt-1 block w-full rounded-lg border bg-white px-3 py-2 text-base text-slate-900 shadow-sm focus:border-brand-700 ${invalid ? 'border-red-600' : 'border-slate-400'}`}
      >
        <option value="">{emptyLabel}</option>
        {administrations
          .filter((a) => a.offices.length)
          .map((a) => (
            <optgroup key={a.id} label={a.name}>
              {a.offices.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </optgroup>
          ))}
      </select>
      {hint ? (
        <p id={hintId} className="mt-1 text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
