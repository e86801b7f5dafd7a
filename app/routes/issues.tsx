// The issues the reader may see: a table with filters, views and the order in the URL, full-text search, counts by
// status and keyset pagination ("Next page"). The rows come from the domain's listIssues (visibility applied there).
import { Link } from 'react-router';
import type { Route } from './+types/issues';
import { IssueListFilters, IssueListViews } from '../components/issue-list-filters';
import { IssueListTable } from '../components/issue-list-table';
import { Card, PageHeader, buttonClass } from '../components/ui';
import { ISSUE_STATUSES } from '../domain/enums';
import { issueStatusCounts, listIssues } from '../domain/issue-queries.server';
import { useT, pageTitle } from '../web/i18n';
import {
  ISSUE_ORDERS,
  PAGE_SIZE,
  administrationChoices,
  issueFilterOf,
  issueListHref,
  issueRowView,
  parseIssueListQuery,
  reportingOrganizations,
} from '../web/issues.server';
import { routeContext } from '../web/route.server';

export async function loader({ request }: Route.LoaderArgs) {
  const { auth, ctx } = await routeContext(request);
  const query = parseIssueListQuery(new URL(request.url).searchParams);
  const signedIn = ctx.actor.kind === 'user';
  const view = query.view && (signedIn || query.view === 'escalated' || query.view === 'all') ? query.view : 'all';
  const order = query.order ?? (view === 'escalated' ? 'OVERDUE_FIRST' : 'NEWEST');
  const filter = issueFilterOf({ ...query, view }, ctx.actor);
  const [page, administrations, counts, reporting] = await Promise.all([
    listIssues(ctx, { filter, orderBy: order, first: PAGE_SIZE, after: query.after }),
    administrationChoices(ctx.db, auth.locale),
    issueStatusCounts(ctx),
    reportingOrganizations(ctx.db, ctx.actor),
  ]);
  const base = { ...query, view, after: undefined };
  return {
    signedIn,
    canRaise: reporting.length > 0,
    values: {
      view,
      q: query.q ?? '',
      status: query.status[0] ?? '',
      severity: query.severity[0] ?? '',
      category: query.category[0] ?? '',
      factor: query.factor[0] ?? '',
      country: query.country ?? '',
      administration: query.administration ?? '',
      office: query.office ?? '',
      overdue: query.overdue,
      escalated: query.escalated,
      order,
    },
    filtered: !!(
      query.q ||
      query.status.length ||
      query.severity.length ||
      query.category.length ||
      query.factor.length ||
      query.country ||
      query.administration ||
      query.office ||
      query.overdue ||
      query.escalated
    ),
    choices: {
      administrations: administrations.map((a) => ({
        id: a.id,
        name: a.name,
        country: a.country,
        offices: a.offices.map((o) => ({ id: o.id, name: o.name })),
      })),
      orders: ISSUE_ORDERS,
    },
    rows: page.items.map((item) => issueRowView(item, auth.locale)),
    counts,
    total: Object.values(counts).reduce((a, b) => a + b, 0),
    links: {
      views: Object.fromEntries(
        (['all', 'assigned', 'mine', 'escalated'] as const).map((v) => [v, issueListHref({ ...query, after: undefined, view: v, escalated: false }, {})]),
      ),
      status: Object.fromEntries(ISSUE_STATUSES.map((s) => [s, issueListHref(base, { status: [s] })])),
      next: page.hasNextPage && page.endCursor ? issueListHref(base, { after: page.endCursor }) : null,
      first: query.after ? issueListHref(base) : null,
    },
  };
}

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'issuesPages.list.title');

export default function Issues({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { rows, values, choices, filtered, links, counts, total, signedIn, canRaise } = loaderData;
  return (
    <div>
      <PageHeader
        title={t('issuesPages.list.title')}
        lead={t('issuesPages.list.lead')}
        actions={
          <>
            {canRaise ? (
              <Link to="/issues/new" className={buttonClass('primary')}>
                {t('issuesPages.list.raise')}
              </Link>
            ) : null}
            <Link to="/report" className={buttonClass('secondary')}>
              {t('issuesPages.list.report')}
            </Link>
            <Link to="/issues/statistics" className={buttonClass('ghost')}>
              {t('issuesPages.list.statistics')}
            </Link>
          </>
        }
      />
      <IssueListViews current={values.view} links={links.views} signedIn={signedIn} />
      <section aria-labelledby="issue-counts" className="mb-4">
        <h2 id="issue-counts" className="sr-only">
          {t('issuesPages.counts.title')}
        </h2>
        <p className="text-sm text-slate-700">
          <span className="font-semibold text-slate-900" data-testid="issues-total">
            {t('issuesPages.counts.total', { count: total })}
          </span>
          {': '}
          {Object.entries(counts)
            .filter(([, n]) => n > 0)
            .map(([status, n], i) => (
              <span key={status}>
                {i > 0 ? ' · ' : ''}
                <Link to={links.status[status]} className="text-brand-700 underline underline-offset-2">
                  {t(`issuesPages.status.${status}`)} {t.number(n)}
                </Link>
              </span>
            ))}
        </p>
      </section>
      <IssueListFilters values={values} choices={choices} filtered={filtered} />
      {rows.length === 0 ? (
        <Card>
          <p data-testid="issues-empty">{filtered || values.view !== 'all' ? t('issuesPages.list.noMatch') : t('issuesPages.list.empty')}</p>
        </Card>
      ) : (
        <>
          <p className="mb-2 text-sm text-slate-600" role="status">
            {t('issuesPages.counts.page', { count: rows.length })}
          </p>
          <IssueListTable rows={rows} caption={t('issuesPages.table.caption')} />
        </>
      )}
      {links.next || links.first ? (
        <nav aria-label={t('issuesPages.list.pagination')} className="mt-6 flex flex-wrap gap-3">
          {links.first ? (
            <Link to={links.first} className={buttonClass('secondary')}>
              {t('issuesPages.list.first')}
            </Link>
          ) : null}
          {links.next ? (
            <Link to={links.next} className={buttonClass('primary')} data-testid="issues-next">
              {t('issuesPages.list.next')}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
