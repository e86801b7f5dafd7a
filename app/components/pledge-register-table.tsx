// The public register as a table: sortable by its column headers (links, so it works without JavaScript), filtered
// by a GET form, a page of 50 rows at a time. On a phone each row becomes a card with its labels beside the values.
import { Form, Link } from 'react-router';
import { countryName } from '../domain/countries';
import {
  DEFAULT_DIRECTION,
  REGISTER_SORTS,
  REGISTER_STATUSES,
  type RegisterQuery,
  type RegisterSort,
  SIGNING_KINDS,
  hasFilters,
  registerSearch,
} from '../domain/pledge-register-query';
import type { RegisterEntry } from '../domain/pledge-register.server';
import { useT } from '../web/i18n';
import { Button, SelectField, TextField } from './ui';

const linkClass = 'font-medium text-brand-700 underline underline-offset-2 hover:text-brand-900';

const STATUS_STYLE = {
  ACTIVE: { box: 'border-emerald-700 bg-emerald-50 text-emerald-900', icon: '●' },
  LAPSED: { box: 'border-amber-700 bg-amber-50 text-amber-950', icon: '◐' },
  WITHDRAWN: { box: 'border-red-800 bg-red-50 text-red-900', icon: '✕' },
} as const;

/** A signature's status: a square, outlined, bold label with a symbol, unlike the round pills used for kinds. */
export function RegisterStatus({ status }: { status: keyof typeof STATUS_STYLE }) {
  const t = useT();
  const style = STATUS_STYLE[status];
  return (
    <span
      className={`inline-flex items-center gap-1 rounded-sm border-2 px-1.5 py-0.5 text-xs font-bold tracking-wide uppercase ${style.box}`}
      data-status={status}
    >
      <span aria-hidden="true">{style.icon}</span>
      {t(`signatureStatus.${status}`)}
    </span>
  );
}

export function UnverifiedMark() {
  const t = useT();
  return (
    <span
      className="inline-flex items-center rounded-sm border border-dashed border-amber-700 px-1.5 py-0.5 text-xs font-medium text-amber-950"
      title={t('registerTable.unverifiedHint')}
    >
      {t('org.unverified')}
    </span>
  );
}

const COLUMNS: { key: string; sort?: RegisterSort; label: string }[] = [
  { key: 'organization', sort: 'organization', label: 'registerTable.organization' },
  { key: 'kind', sort: 'kind', label: 'register.kind' },
  { key: 'country', sort: 'country', label: 'registerTable.country' },
  { key: 'status', label: 'registerTable.status' },
  { key: 'version', sort: 'version', label: 'registerTable.version' },
  { key: 'signed', sort: 'signed', label: 'registerTable.signed' },
  { key: 'renewed', sort: 'renewed', label: 'registerTable.renewed' },
  { key: 'lapses', sort: 'lapses', label: 'registerTable.lapses' },
  { key: 'withdrawn', sort: 'withdrawn', label: 'registerTable.withdrawn' },
];

function SortHeader({ column, query, path }: { column: (typeof COLUMNS)[number]; query: RegisterQuery; path: string }) {
  const t = useT();
  const label = t(column.label);
  if (!column.sort) {
    return (
      <th scope="col" className="px-3 py-2 text-left font-semibold">
        {label}
      </th>
    );
  }
  const active = query.sort === column.sort;
  const nextDir = active ? (query.dir === 'asc' ? 'desc' : 'asc') : DEFAULT_DIRECTION[column.sort];
  return (
    <th scope="col" className="px-3 py-2 text-left font-semibold" aria-sort={active ? (query.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <Link
        to={`${path}${registerSearch(query, { sort: column.sort, dir: nextDir })}`}
        className="inline-flex items-center gap-1 text-brand-800 underline underline-offset-2"
        preventScrollReset
      >
        {label}
        <span aria-hidden="true">{active ? (query.dir === 'asc' ? '▲' : '▼') : '↕'}</span>
        <span className="sr-only">{t(nextDir === 'asc' ? 'registerTable.sortAsc' : 'registerTable.sortDesc')}</span>
      </Link>
    </th>
  );
}

/** A cell with, on a phone, its column's name before the value. */
function Cell({ label, children, className = '' }: { label: string; children: React.ReactNode; className?: string }) {
  return (
    <td className={`px-3 py-1 align-top max-sm:flex max-sm:gap-2 sm:py-3 ${className}`}>
      <span className="w-28 shrink-0 font-medium text-slate-600 sm:hidden" aria-hidden="true">
        {label}
      </span>
      <div className="min-w-0">{children}</div>
    </td>
  );
}

export function RegisterFilters({ query, countries, action }: { query: RegisterQuery; countries: string[]; action: string }) {
  const t = useT();
  return (
    // Keyed by the view, so the fields show the view's values after each navigation.
    <Form
      key={registerSearch(query)}
      method="get"
      action={action}
      className="mb-4 rounded-xl border border-slate-200 bg-white p-4"
      aria-label={t('registerTable.filters')}
      preventScrollReset
    >
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <TextField name="q" type="search" label={t('registerTable.search')} defaultValue={query.q ?? ''} />
        <SelectField
          name="status"
          label={t('registerTable.status')}
          defaultValue={query.status ?? ''}
          placeholder={t('registerTable.any')}
          options={REGISTER_STATUSES.map((s) => ({ value: s, label: t(`signatureStatus.${s}`) }))}
        />
        <SelectField
          name="kind"
          label={t('register.kind')}
          defaultValue={query.kind ?? ''}
          placeholder={t('registerTable.any')}
          options={SIGNING_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
        />
        <SelectField
          name="country"
          label={t('registerTable.country')}
          defaultValue={query.country ?? ''}
          placeholder={t('registerTable.any')}
          options={countries.map((c) => ({ value: c, label: countryName(c, t.locale) }))}
        />
        <SelectField
          name="verified"
          label={t('registerTable.verification')}
          defaultValue={query.verified === undefined ? '' : query.verified ? 'yes' : 'no'}
          placeholder={t('registerTable.any')}
          options={[
            { value: 'yes', label: t('org.verified') },
            { value: 'no', label: t('org.unverified') },
          ]}
        />
        <SelectField
          name="sort"
          label={t('registerTable.sortBy')}
          defaultValue={query.sort}
          options={REGISTER_SORTS.map((s) => ({ value: s, label: t(COLUMNS.find((c) => c.sort === s)!.label) }))}
        />
        <SelectField
          name="dir"
          label={t('registerTable.direction')}
          defaultValue={query.dir}
          options={[
            { value: 'asc', label: t('registerTable.ascending') },
            { value: 'desc', label: t('registerTable.descending') },
          ]}
        />
        <div className="flex flex-wrap items-end gap-3">
          <Button variant="secondary">{t('registerTable.apply')}</Button>
          {hasFilters(query) ? (
            <Link to={`${action}${registerSearch({ sort: query.sort, dir: query.dir })}`} className={linkClass} preventScrollReset>
              {t('registerTable.clear')}
            </Link>
          ) : null}
        </div>
      </div>
    </Form>
  );
}

export function RegisterTable({ entries, query, slug, path }: { entries: RegisterEntry[]; query: RegisterQuery; slug: string; path: string }) {
  const t = useT();
  const label = (key: string) => t(COLUMNS.find((c) => c.key === key)!.label);
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
      <table className="w-full text-sm" data-testid="register-table">
        <caption className="sr-only">{t('registerTable.caption')}</caption>
        <thead className="bg-slate-50 text-slate-700 max-sm:sr-only">
          <tr>
            {COLUMNS.map((c) => (
              <SortHeader key={c.key} column={c} query={query} path={path} />
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {entries.map((e) => (
            <tr key={e.id} data-testid="register-entry" className="max-sm:block max-sm:py-3">
              <th scope="row" className="px-3 py-1 text-left align-top font-normal max-sm:block sm:min-w-64 sm:py-3">
                <span className="flex flex-wrap items-center gap-2">
                  <Link to={`/organizations/${e.organization.slug}`} className={linkClass}>
                    {e.organization.name}
                  </Link>
                  {e.organization.verified ? null : <UnverifiedMark />}
                </span>
                {e.statement ? (
                  <blockquote className="mt-1 max-w-prose border-l-4 border-brand-200 pl-3 text-sm whitespace-pre-line text-slate-800">
                    <span className="sr-only">{t('register.statement')}: </span>
                    {e.statement}
                  </blockquote>
                ) : null}
              </th>
              <Cell label={label('kind')}>{t(`kind.${e.organization.kind}`)}</Cell>
              <Cell label={label('country')}>{countryName(e.organization.country, t.locale)}</Cell>
              <Cell label={label('status')}>
                <RegisterStatus status={e.status} />
              </Cell>
              <Cell label={label('version')}>
                <Link to={`/pledges/${slug}/versions/${e.version}`} className={linkClass}>
                  {e.version}
                </Link>
              </Cell>
              <Cell label={label('signed')} className="whitespace-nowrap">
                <Link
                  to={`/pledges/${slug}/signatures/${e.id}`}
                  className={linkClass}
                  aria-label={t('registerTable.receiptOf', { organization: e.organization.name, date: t.date(e.signedAt) })}
                >
                  {t.date(e.signedAt)}
                </Link>
              </Cell>
              <Cell label={label('renewed')} className="whitespace-nowrap">
                {e.lastRenewedAt !== e.signedAt ? t.date(e.lastRenewedAt) : '—'}
              </Cell>
              <Cell label={label('lapses')} className="whitespace-nowrap">
                {e.withdrawnAt || !e.lapsesAt ? '—' : t.date(e.lapsesAt)}
              </Cell>
              <Cell label={label('withdrawn')}>
                {e.withdrawnAt ? (
                  <>
                    <span className="whitespace-nowrap">{t.date(e.withdrawnAt)}</span>
                    {e.withdrawalReason ? (
                      <p className="mt-1 text-sm whitespace-pre-line text-slate-800 sm:min-w-48">
                        <span className="font-medium">{t('register.reason')}: </span>
                        {e.withdrawalReason}
                      </p>
                    ) : null}
                  </>
                ) : (
                  '—'
                )}
              </Cell>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
