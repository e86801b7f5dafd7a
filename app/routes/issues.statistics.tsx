// Public statistics of issues: per office and month, per month (a chart with its table) and per category, for the
// last 12 months, with every count from 1 to 4 shown as "fewer than 5" (the domain suppresses them); and the
// de-identified summaries of anonymous reports that are public (after the delay).
import { Form, Link } from 'react-router';
import type { Route } from './+types/issues.statistics';
import { IssueMonthBars } from '../components/issue-list-stats-chart';
import { Button, Card, PageHeader, SelectField } from '../components/ui';
import { issueStatistics, publicSummaries } from '../domain/issue-queries.server';
import { issueSettings } from '../domain/issue-settings.server';
import { localized } from '../domain/localized';
import { pageTitle, useT } from '../web/i18n';
import { administrationChoices, monthChart, officeLabel } from '../web/issues.server';
import { routeContext } from '../web/route.server';

export async function loader({ request }: Route.LoaderArgs) {
  const { auth, ctx } = await routeContext(request);
  const locale = auth.locale;
  const requested = new URL(request.url).searchParams.get('administration') ?? '';
  const administrations = await administrationChoices(ctx.db, locale);
  const administrationId = administrations.some((a) => a.id === requested) ? requested : null;
  const [stats, summaries] = await Promise.all([issueStatistics(ctx, { administrationId }), publicSummaries(ctx, { administrationId, first: 20 })]);
  const adminName = new Map(administrations.map((a) => [a.id, a.name]));
  const cell = (officeId: string | null, month: string) => {
    const found = stats.cells.find((c) => c.officeId === officeId && c.month === month);
    return found ? found.count : 0;
  };
  return {
    administrations: administrations.map((a) => ({ id: a.id, name: a.name })),
    administrationId: administrationId ?? '',
    months: stats.months,
    chart: monthChart(stats.months, stats.monthTotals, stats.to),
    monthTotals: stats.monthTotals.map((m) => ({ month: m.month, count: m.count, exact: m.exact })),
    total: { count: stats.total.count, exact: stats.total.exact },
    offices: stats.offices.map((o) => {
      const total = stats.officeTotals.find((x) => x.officeId === o.id);
      return {
        key: o.id ?? 'none',
        name: officeLabel(o, locale),
        administration: o.administrationId ? (adminName.get(o.administrationId) ?? null) : null,
        cells: stats.months.map((m) => cell(o.id, m)),
        total: { count: total?.count ?? 0, exact: total?.exact ?? true },
      };
    }),
    categories: stats.categoryTotals.map((c) => ({ category: c.category, count: c.count, exact: c.exact })),
    categoryMonthsWithheld: stats.categoryMonthsWithheld,
    delayDays: issueSettings().anonymousSummaryDelayDays,
    summaries: summaries.items.map((s) => ({
      id: s.id,
      reference: s.reference,
      summary: s.summary,
      raisedMonth: s.raisedMonth,
      status: s.status,
      category: s.category,
      administration: localized({ translations: s.administration.translations }, 'name', locale, s.administration.name),
      office: s.office ? officeLabel(s.office, locale) : null,
    })),
  };
}

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'issuesPages.stats.title');

const monthDate = (month: string) => `${month}-01T00:00:00.000Z`;

export default function IssueStatisticsPage({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const d = loaderData;
  const fewer = (
    <abbr title={t('issuesPages.stats.fewer')} className="no-underline">
      {t('issuesPages.stats.fewerShort')}
      <span className="sr-only"> ({t('issuesPages.stats.fewer')})</span>
    </abbr>
  );
  const count = (value: number | null) => (value === null ? fewer : t.number(value));
  const total = (value: { count: number; exact: boolean }) => (value.exact ? t.number(value.count) : `≥ ${t.number(Math.max(value.count, 1))}`);
  const monthName = (month: string) => t.date(monthDate(month), { month: 'short', year: 'numeric', timeZone: 'UTC' });
  const hasData = d.offices.length > 0;
  return (
    <div>
      <PageHeader title={t('issuesPages.stats.title')} lead={t('issuesPages.stats.lead')} />
      <Form method="get" className="mb-6 flex flex-col gap-4 rounded-xl border border-slate-200 bg-white p-4 sm:flex-row sm:items-end">
        <SelectField
          name="administration"
          label={t('issuesPages.stats.administration')}
          defaultValue={d.administrationId}
          placeholder={t('issuesPages.stats.allAdministrations')}
          options={d.administrations.map((a) => ({ value: a.id, label: a.name }))}
          className="sm:w-96"
        />
        <Button variant="secondary">{t('issuesPages.stats.show')}</Button>
      </Form>
      {!hasData ? (
        <Card className="mb-6">
          <p data-testid="stats-empty">{t('issuesPages.stats.empty')}</p>
        </Card>
      ) : (
        <>
          <Card className="mb-6" aria-labelledby="stats-by-month">
            <h2 id="stats-by-month" className="mb-4 text-lg font-semibold text-brand-900">
              {t('issuesPages.stats.byMonth')}
            </h2>
            <figure>
              <IssueMonthBars chart={d.chart} title={t('issuesPages.stats.chartTitle')} />
              <figcaption className="mt-3 text-sm text-slate-600">{t('issuesPages.stats.totalsNote')}</figcaption>
            </figure>
            <div className="mt-4 overflow-x-auto">
              <table className="w-full text-left text-sm tabular-nums" data-testid="stats-month-table">
                <caption className="sr-only">{t('issuesPages.stats.chartTitle')}</caption>
                <thead>
                  <tr className="border-b border-slate-200">
                    <th scope="col" className="py-2 pr-4 font-semibold">
                      {t('issuesPages.stats.month')}
                    </th>
                    <th scope="col" className="py-2 text-right font-semibold">
                      {t('issuesPages.stats.issues')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {d.monthTotals.map((m) => (
                    <tr key={m.month} className="border-b border-slate-100">
                      <th scope="row" className="py-1.5 pr-4 font-normal">
                        {monthName(m.month)}
                      </th>
                      <td className="py-1.5 text-right">{total(m)}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row" className="py-2 pr-4 font-semibold">
                      {t('issuesPages.stats.total')}
                    </th>
                    <td className="py-2 text-right font-semibold">{total(d.total)}</td>
                  </tr>
                </tfoot>
              </table>
            </div>
          </Card>
          <Card className="mb-6" aria-labelledby="stats-by-office">
            <h2 id="stats-by-office" className="mb-4 text-lg font-semibold text-brand-900">
              {t('issuesPages.stats.byOffice')}
            </h2>
            <div className="overflow-x-auto" tabIndex={0} role="region" aria-labelledby="stats-by-office">
              <table className="w-full text-left text-sm tabular-nums" data-testid="stats-office-table">
                <caption className="sr-only">{t('issuesPages.stats.byOffice')}</caption>
                <thead>
                  <tr className="border-b border-slate-200">
                    <th scope="col" className="sticky left-0 bg-white py-2 pr-4 font-semibold">
                      {t('issuesPages.stats.office')}
                    </th>
                    {d.months.map((m) => (
                      <th key={m} scope="col" className="whitespace-nowrap px-2 py-2 text-right font-semibold">
                        {monthName(m)}
                      </th>
                    ))}
                    <th scope="col" className="px-2 py-2 text-right font-semibold">
                      {t('issuesPages.stats.total')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {d.offices.map((o) => (
                    <tr key={o.key} className="border-b border-slate-100">
                      <th scope="row" className="sticky left-0 min-w-48 bg-white py-1.5 pr-4 font-normal">
                        {o.name ?? t('issuesPages.stats.noOffice')}
                        {o.administration ? <span className="block text-xs text-slate-600">{o.administration}</span> : null}
                      </th>
                      {o.cells.map((c, i) => (
                        <td key={d.months[i]} className="px-2 py-1.5 text-right">
                          {count(c)}
                        </td>
                      ))}
                      <td className="px-2 py-1.5 text-right font-semibold">{total(o.total)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Card>
          <Card className="mb-6" aria-labelledby="stats-by-category">
            <h2 id="stats-by-category" className="mb-4 text-lg font-semibold text-brand-900">
              {t('issuesPages.stats.byCategory')}
            </h2>
            <table className="w-full text-left text-sm tabular-nums" data-testid="stats-category-table">
              <caption className="sr-only">{t('issuesPages.stats.byCategory')}</caption>
              <thead>
                <tr className="border-b border-slate-200">
                  <th scope="col" className="py-2 pr-4 font-semibold">
                    {t('issuesPages.field.category')}
                  </th>
                  <th scope="col" className="py-2 text-right font-semibold">
                    {t('issuesPages.stats.issues')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {d.categories.map((c) => (
                  <tr key={c.category} className="border-b border-slate-100">
                    <th scope="row" className="py-1.5 pr-4 font-normal">
                      {t(`issuesPages.category.${c.category}`)}
                    </th>
                    <td className="py-1.5 text-right">{total(c)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {d.categoryMonthsWithheld.length ? (
              <p className="mt-3 text-sm text-slate-600">
                {t('issuesPages.stats.categoryWithheld', { months: d.categoryMonthsWithheld.map(monthName).join(', ') })}
              </p>
            ) : null}
          </Card>
        </>
      )}
      <Card aria-labelledby="stats-summaries">
        <h2 id="stats-summaries" className="text-lg font-semibold text-brand-900">
          {t('issuesPages.stats.summaries')}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{t('issuesPages.stats.summariesLead', { days: d.delayDays })}</p>
        {d.summaries.length ? (
          <ul className="mt-4 space-y-4" data-testid="stats-summaries">
            {d.summaries.map((s) => (
              <li key={s.id} className="rounded-lg border border-slate-200 p-4">
                <p className="text-sm font-semibold text-slate-900">
                  {t('issuesPages.stats.summaryOf', { reference: s.reference, administration: s.administration })}
                  {s.office ? ` · ${s.office}` : ''} · {monthName(s.raisedMonth)}
                </p>
                <p className="mt-1 text-sm text-slate-700">
                  {t(`issuesPages.category.${s.category}`)} · {t(`issuesPages.status.${s.status}`)}
                </p>
                <p className="mt-2 whitespace-pre-line text-slate-900">{s.summary}</p>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-3 text-slate-700">{t('issuesPages.stats.noSummaries')}</p>
        )}
      </Card>
      <p className="mt-6">
        <Link to="/issues" className="font-semibold text-brand-700 underline underline-offset-2">
          {t('issuesPages.list.title')}
        </Link>
      </p>
    </div>
  );
}
