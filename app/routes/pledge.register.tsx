// The public register of a pledge: no sign-in needed. The figures and chart series are aggregated in SQL, the table
// is one keyset page of 50 rows, and the filters, sort and page live in the URL (so does the CSV download's).
import { Link, redirect } from 'react-router';
import type { Route } from './+types/pledge.register';
import { ActiveByKind, SignaturesOverTime } from '../components/pledge-chart-figures';
import { pledgeMeta } from '../components/pledge-meta';
import { RegisterFilters, RegisterStatus, RegisterTable } from '../components/pledge-register-table';
import { Card, PageHeader, buttonClass } from '../components/ui';
import { hasFilters, parseRegisterQuery, registerSearch } from '../domain/pledge-register-query';
import { registerCountries, registerMatchCount, registerPage, registerSummary } from '../domain/pledge-register.server';
import { useT } from '../web/i18n';
import { notFound, pledgeFromRequest } from '../web/pledges.server';
import { localized } from '../domain/localized';
import { registerCharts } from '../web/pledge-charts.server';

export async function loader({ request, params }: Route.LoaderArgs) {
  const { auth, ctx, pledge } = await pledgeFromRequest(request, params.slug);
  if (pledge.status === 'DRAFT') throw notFound();
  const url = new URL(request.url);
  const query = parseRegisterQuery(url.searchParams);
  // One address per view: a GET form's empty fields and unknown values are dropped, so links can be shared and cited.
  const canonical = registerSearch(query, { after: query.after, before: query.before });
  if (url.search !== canonical) throw redirect(`${url.pathname}${canonical}`);
  const now = new Date();
  const [summary, page, matching, countries] = await Promise.all([
    registerSummary(ctx.db, pledge.id, now),
    registerPage(ctx.db, pledge.id, query, { now, locale: auth.locale }),
    registerMatchCount(ctx.db, pledge.id, query, now),
    registerCountries(ctx.db, pledge.id),
  ]);
  return {
    pledge: { slug: pledge.slug, title: localized(pledge, 'title', auth.locale, pledge.title) },
    query,
    summary,
    // The charts' geometry, computed here so that drawing them takes no JavaScript in the browser.
    charts: registerCharts(summary, now),
    page,
    matching,
    countries,
  };
}

export const meta: Route.MetaFunction = ({ loaderData, matches }) => pledgeMeta(matches, (t) => `${t('register.title')}: ${loaderData?.pledge.title ?? ''}`);

export default function Register({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { pledge, query, summary, charts, page, matching, countries } = loaderData;
  const path = `/pledges/${pledge.slug}/register`;
  const { counts } = summary;
  const filtered = hasFilters(query);
  return (
    <div>
      <PageHeader
        title={t('register.title')}
        lead={t('register.lead', { title: pledge.title })}
        actions={
          <>
            <a href={`/pledges/${pledge.slug}/register.csv${registerSearch(query)}`} className={buttonClass('secondary')} download>
              {t('registerTable.csv')}
            </a>
            <Link to={`/pledges/${pledge.slug}`} className={buttonClass('secondary')}>
              {t('register.back')}
            </Link>
          </>
        }
      />
      <section aria-labelledby="counts-heading" className="mb-6">
        <h2 id="counts-heading" className="sr-only">
          {t('register.counts')}
        </h2>
        <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
          {(['ACTIVE', 'LAPSED', 'WITHDRAWN'] as const).map((status) => (
            <div key={status} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
              <dt>
                <RegisterStatus status={status} />
              </dt>
              <dd className="mt-2 text-3xl font-semibold text-brand-900 tabular-nums" data-testid={`count-${status}`}>
                {t.number(counts[status])}
              </dd>
            </div>
          ))}
          <div className="rounded-xl border border-dashed border-slate-300 bg-white p-4 sm:p-5">
            <dt className="text-sm text-slate-700">{t('registerTable.unverifiedCount')}</dt>
            <dd className="mt-2 text-3xl font-semibold text-slate-700 tabular-nums" data-testid="count-unverified">
              {t.number(counts.unverified)}
            </dd>
          </div>
        </dl>
        <p className="mt-2 text-sm text-slate-600">{t('registerTable.countsNote')}</p>
      </section>
      <div className="mb-8 grid gap-6 lg:grid-cols-2">
        <Card className="min-w-0">
          <SignaturesOverTime points={summary.overTime} chart={charts.overTime} total={counts.ACTIVE + counts.LAPSED + counts.WITHDRAWN} />
        </Card>
        <Card className="min-w-0">
          <ActiveByKind counts={summary.byKind} bars={charts.byKind} />
        </Card>
      </div>
      <section aria-labelledby="entries-heading">
        <h2 id="entries-heading" className="mb-3 text-xl font-semibold text-brand-900">
          {t('registerTable.heading')}
        </h2>
        <RegisterFilters query={query} countries={countries} action={path} />
        <p className="mb-3 text-sm text-slate-700" role="status" data-testid="register-matching">
          {filtered ? t('registerTable.matching', { count: matching }) : t('registerTable.total', { count: matching })}
        </p>
        {page.entries.length === 0 ? (
          <Card>
            {filtered ? (
              <p data-testid="register-empty">
                {t('registerTable.noMatch')}{' '}
                <Link to={`${path}${registerSearch({ sort: query.sort, dir: query.dir })}`} className="font-semibold text-brand-700 underline">
                  {t('registerTable.clear')}
                </Link>
              </p>
            ) : (
              <p data-testid="register-empty">{t('register.empty')}</p>
            )}
          </Card>
        ) : (
          <RegisterTable entries={page.entries} query={query} slug={pledge.slug} path={path} />
        )}
        {page.hasPrevious || page.hasNext ? (
          <nav aria-label={t('registerTable.pages')} className="mt-4 flex flex-wrap justify-between gap-3">
            {page.hasPrevious ? (
              <Link to={`${path}${registerSearch(query, { before: page.entries[0]?.id })}`} className={buttonClass('secondary')} rel="prev">
                {t('registerTable.previous')}
              </Link>
            ) : (
              <span />
            )}
            {page.hasNext ? (
              <Link
                to={`${path}${registerSearch(query, { after: page.entries[page.entries.length - 1]?.id })}`}
                className={buttonClass('secondary')}
                rel="next"
              >
                {t('registerTable.next')}
              </Link>
            ) : null}
          </nav>
        ) : null}
      </section>
    </div>
  );
}
