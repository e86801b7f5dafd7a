// The joint commitments the reader may see: a table with filters and the order in the URL, keyset pagination ("Next
// page") and the filtered list as CSV. The rows come from the domain's listCommitments (visibility applied there).
import { Link } from 'react-router';
import type { Route } from './+types/commitments';
import { CommitmentListFilters } from '../components/commitment-list-filters';
import { CommitmentListTable } from '../components/commitment-list-table';
import { Card, PageHeader, buttonClass } from '../components/ui';
import { listCommitments } from '../domain/commitment-queries.server';
import { pageTitle, useT } from '../web/i18n';
import {
  COMMITMENTS_PAGE_SIZE,
  COMMITMENT_ORDERS,
  commitmentFilterChoices,
  commitmentFilterOf,
  commitmentListHref,
  commitmentRowView,
  isFiltered,
  parseCommitmentListQuery,
  proposingOrganizations,
} from '../web/commitment-page.server';
import { routeContext } from '../web/route.server';

export async function loader({ request }: Route.LoaderArgs) {
  const { auth, ctx } = await routeContext(request);
  const query = parseCommitmentListQuery(new URL(request.url).searchParams);
  const order = query.order ?? 'NEWEST';
  const [filter, choices] = await Promise.all([commitmentFilterOf(ctx, query), commitmentFilterChoices(ctx, auth.locale)]);
  const page = await listCommitments(ctx, { first: COMMITMENTS_PAGE_SIZE, after: query.after, filter, order });
  const base = { ...query, after: undefined };
  return {
    canPropose: proposingOrganizations(auth).length > 0,
    values: {
      q: query.q ?? '',
      status: query.status[0] ?? '',
      type: query.type ?? '',
      factor: query.factor ?? '',
      country: query.country ?? '',
      party: query.party ?? '',
      plan: query.plan ?? '',
      pledge: query.pledge ?? '',
      order,
    },
    filtered: isFiltered(query),
    choices: { ...choices, orders: COMMITMENT_ORDERS },
    rows: page.items.map(commitmentRowView),
    totalCount: page.totalCount ?? null,
    links: {
      csv: commitmentListHref(base, {}, '/commitments.csv'),
      next: page.hasNextPage && page.endCursor ? commitmentListHref(base, { after: page.endCursor }) : null,
      first: query.after ? commitmentListHref(base) : null,
    },
  };
}

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'commitmentsPages.list.title');

export default function Commitments({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { rows, values, choices, filtered, links, canPropose, totalCount } = loaderData;
  return (
    <div>
      <PageHeader
        title={t('commitmentsPages.list.title')}
        lead={t('commitmentsPages.list.lead')}
        actions={
          <>
            {canPropose ? (
              <Link to="/commitments/new" className={buttonClass('primary')} data-testid="propose-commitment">
                {t('commitmentsPages.list.propose')}
              </Link>
            ) : null}
            <Link to="/plans" className={buttonClass('secondary')}>
              {t('commitmentsPages.list.plans')}
            </Link>
          </>
        }
      />
      <CommitmentListFilters values={values} choices={choices} filtered={filtered} />
      {rows.length === 0 ? (
        <Card>
          <p data-testid="commitments-empty">{filtered ? t('commitmentsPages.list.noMatch') : t('commitmentsPages.list.empty')}</p>
        </Card>
      ) : (
        <>
          <div className="mb-2 flex flex-wrap items-center justify-between gap-3">
            <p className="text-sm text-slate-600" role="status">
              {totalCount !== null ? t('commitmentsPages.list.count', { count: totalCount }) : t('commitmentsPages.list.pageCount', { count: rows.length })}
            </p>
            <a href={links.csv} className={buttonClass('secondary')} download data-testid="commitments-csv">
              {t('commitmentsPages.list.csv')}
            </a>
          </div>
          <CommitmentListTable rows={rows} caption={t('commitmentsPages.table.caption')} />
        </>
      )}
      {links.next || links.first ? (
        <nav aria-label={t('commitmentsPages.list.pagination')} className="mt-6 flex flex-wrap gap-3">
          {links.first ? (
            <Link to={links.first} className={buttonClass('secondary')}>
              {t('commitmentsPages.list.first')}
            </Link>
          ) : null}
          {links.next ? (
            <Link to={links.next} className={buttonClass('primary')} data-testid="commitments-next">
              {t('commitmentsPages.list.next')}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
