// The commitment list's filters and order (a GET form): everything lands in the URL, so a filtered list can be
// bookmarked, shared and downloaded as CSV, and the form works without JavaScript.
import { Form, Link } from 'react-router';
import { Button, SelectField, TextField } from './ui';
import { ARUSHA_FACTORS, COMMITMENT_STATUSES, COMMITMENT_TYPES } from '../domain/enums';
import { countryName } from '../domain/countries';
import { useT } from '../web/i18n';

export type CommitmentListValues = {
  q: string;
  status: string;
  type: string;
  factor: string;
  country: string;
  party: string;
  plan: string;
  pledge: string;
  order: string;
};

export type CommitmentFilterChoices = {
  organizations: { value: string; label: string }[];
  countries: string[];
  plans: { value: string; label: string }[];
  pledges: { value: string; label: string }[];
  orders: readonly string[];
};

export function CommitmentListFilters({ values, choices, filtered }: { values: CommitmentListValues; choices: CommitmentFilterChoices; filtered: boolean }) {
  const t = useT();
  const any = t('commitmentsPages.filters.any');
  return (
    <Form method="get" className="mb-6 rounded-xl border border-slate-200 bg-white p-4" aria-label={t('commitmentsPages.filters.title')} role="search">
      <TextField
        type="search"
        name="q"
        label={t('commitmentsPages.filters.search')}
        hint={t('commitmentsPages.filters.searchHint')}
        defaultValue={values.q}
        maxLength={200}
        className="mb-4"
      />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <SelectField
          name="status"
          label={t('commitmentsPages.filters.status')}
          defaultValue={values.status}
          placeholder={any}
          options={COMMITMENT_STATUSES.map((s) => ({ value: s, label: t(`commitment.status.${s}`) }))}
        />
        <SelectField
          name="type"
          label={t('commitmentsPages.filters.type')}
          defaultValue={values.type}
          placeholder={any}
          options={COMMITMENT_TYPES.map((s) => ({ value: s, label: t(`commitment.type.${s}`) }))}
        />
        <SelectField
          name="factor"
          label={t('commitmentsPages.filters.factor')}
          defaultValue={values.factor}
          placeholder={any}
          options={ARUSHA_FACTORS.map((f) => ({ value: f, label: t(`factor.${f}`) }))}
        />
        <SelectField
          name="country"
          label={t('commitmentsPages.filters.country')}
          defaultValue={values.country}
          placeholder={any}
          options={choices.countries.map((c) => ({ value: c, label: countryName(c, t.locale) }))}
        />
        <SelectField name="party" label={t('commitmentsPages.filters.party')} defaultValue={values.party} placeholder={any} options={choices.organizations} />
        <SelectField name="plan" label={t('commitmentsPages.filters.plan')} defaultValue={values.plan} placeholder={any} options={choices.plans} />
        <SelectField name="pledge" label={t('commitmentsPages.filters.pledge')} defaultValue={values.pledge} placeholder={any} options={choices.pledges} />
        <SelectField
          name="order"
          label={t('commitmentsPages.filters.order')}
          defaultValue={values.order}
          options={choices.orders.map((o) => ({ value: o, label: t(`commitmentsPages.order.${o}`) }))}
        />
      </div>
      <div className="mt-4 flex flex-wrap items-center gap-x-6 gap-y-3">
        <Button variant="secondary">{t('commitmentsPages.filters.apply')}</Button>
        {filtered ? (
          <Link to="/commitments" className="min-h-11 content-center text-sm font-semibold text-brand-700 underline">
            {t('commitmentsPages.filters.clear')}
          </Link>
        ) : null}
      </div>
    </Form>
  );
}
