// The liaison officers' inbox: the issues raised about their customs administration (they choose when they handle
// several), overdue first, filtered by status, severity, office, "assigned to me", escalated and overdue (all in the
// URL), with the count in each status and, on each row, the time left or overdue. Anyone else gets a 403 page that
// says who the inbox is for and where to go instead.
import { Link, data } from 'react-router';
import type { Route } from './+types/inbox';
import { requireUser } from '../auth/guards.server';
import { InboxFilters } from '../components/inbox-filters';
import { InboxTable } from '../components/inbox-table';
import { IssueStatusBadge } from '../components/issue-page-badges';
import { Card, PageHeader, buttonClass } from '../components/ui';
import { ISSUE_STATUSES } from '../domain/enums';
import { ValidationError } from '../domain/errors.server';
import { inbox, issueStatusCounts } from '../domain/issue-queries.server';
import { pageTitle, useT } from '../web/i18n';
import { INBOX_PAGE_SIZE, administrationOffices, handledAdministrations, inboxFilter, inboxHref, inboxRow, parseInboxQuery } from '../web/issue-page.server';
import { routeContext } from '../web/route.server';

export async function loader({ request }: Route.LoaderArgs) {
  await requireUser(request);
  const { auth, ctx } = await routeContext(request);
  const administrations = handledAdministrations(auth);
  if (!administrations.length) return data({ view: 'forbidden' as const }, { status: 403 });
  const query = parseInboxQuery(new URL(request.url).searchParams);
  const chosen = administrations.find((a) => a.id === query.administration) ?? (administrations.length === 1 ? administrations[0] : null);
  if (!chosen) {
    return {
      view: 'choose' as const,
      administrations: administrations.map((a) => ({ id: a.id, name: a.name, href: inboxHref({ ...query, administration: a.id }) })),
    };
  }
  const now = new Date();
  const filter = inboxFilter(query);
  const load = (after: string | undefined) => inbox(ctx, { administrationId: chosen.id, filter, first: INBOX_PAGE_SIZE, after });
  const page = await load(query.after).catch((error: unknown) => {
    // A cursor that is not one of ours (edited by hand, or from an older version): start at the first page.
    if (error instanceof ValidationError && query.after) return load(undefined);
    throw error;
  });
  const [counts, offices] = await Promise.all([issueStatusCounts(ctx, { administrationId: chosen.id }), administrationOffices(ctx, chosen.id, auth.locale)]);
  return {
    view: 'inbox' as const,
    administration: { id: chosen.id, name: chosen.name, slug: chosen.slug },
    several: administrations.length > 1,
    administrations: administrations.map((a) => ({ id: a.id, name: a.name, href: inboxHref({ ...query, administration: a.id, office: undefined }) })),
    query: { ...query, administration: chosen.id },
    rows: page.items.map((item) => inboxRow(item, auth.locale, now)),
    nextHref: page.hasNextPage && page.endCursor ? inboxHref({ ...query, administration: chosen.id }, { after: page.endCursor }) : null,
    firstHref: query.after ? inboxHref({ ...query, administration: chosen.id }) : null,
    counts,
    offices,
    views: {
      all: inboxHref({ ...query, administration: chosen.id, assigned: false, escalated: false, overdue: false }),
      assigned: inboxHref({ ...query, administration: chosen.id, assigned: true, escalated: false, overdue: false }),
      escalated: inboxHref({ ...query, administration: chosen.id, assigned: false, escalated: true, overdue: false }),
      overdue: inboxHref({ ...query, administration: chosen.id, assigned: false, escalated: false, overdue: true }),
    },
    statusHrefs: Object.fromEntries(ISSUE_STATUSES.map((s) => [s, inboxHref({ ...query, administration: chosen.id, status: [s] })])) as Record<
      (typeof ISSUE_STATUSES)[number],
      string
    >,
  };
}

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'issuesOfficer.inbox.title');

function Forbidden() {
  const t = useT();
  return (
    <div className="mx-auto max-w-2xl">
      <PageHeader title={t('issuesOfficer.inbox.title')} />
      <Card>
        <p className="text-sm font-semibold tracking-wide text-slate-600 uppercase">{t('errors.page.status', { status: '403' })}</p>
        <h2 className="mt-2 text-lg font-semibold text-brand-900" data-testid="inbox-forbidden">
          {t('issuesOfficer.inbox.forbidden')}
        </h2>
        <p className="mt-2 text-sm text-slate-700">{t('issuesOfficer.inbox.forbiddenBody')}</p>
        <div className="mt-4 flex flex-wrap gap-3">
          <Link to="/issues" className={buttonClass('primary')}>
            {t('issuesOfficer.inbox.toIssues')}
          </Link>
          <Link to="/dashboard" className={buttonClass('secondary')}>
            {t('errors.page.backDashboard')}
          </Link>
        </div>
      </Card>
    </div>
  );
}

export default function Inbox({ loaderData }: Route.ComponentProps) {
  const t = useT();
  if (loaderData.view === 'forbidden') return <Forbidden />;
  if (loaderData.view === 'choose') {
    return (
      <div className="mx-auto max-w-2xl">
        <PageHeader title={t('issuesOfficer.inbox.title')} lead={t('issuesOfficer.inbox.choose')} />
        <Card>
          <ul className="space-y-3">
            {loaderData.administrations.map((a) => (
              <li key={a.id}>
                <Link to={a.href} className="font-semibold text-brand-700 underline underline-offset-2">
                  {a.name}
                </Link>
              </li>
            ))}
          </ul>
        </Card>
      </div>
    );
  }
  const { administration, several, administrations, query, rows, nextHref, firstHref, counts, offices, views, statusHrefs } = loaderData;
  const activeView =
    query.assigned && !query.escalated && !query.overdue
      ? 'assigned'
      : query.escalated && !query.assigned && !query.overdue
        ? 'escalated'
        : query.overdue && !query.assigned && !query.escalated
          ? 'overdue'
          : !query.assigned && !query.escalated && !query.overdue
            ? 'all'
            : null;
  return (
    <div>
      <PageHeader title={t('issuesOfficer.inbox.title')} lead={t('issuesOfficer.inbox.lead', { administration: administration.name })} />
      {several ? (
        <nav aria-label={t('issuesOfficer.inbox.administrations')} className="mb-6 flex flex-wrap gap-2 text-sm">
          {administrations.map((a) => (
            <Link
              key={a.id}
              to={a.href}
              aria-current={a.id === administration.id ? 'page' : undefined}
              className={a.id === administration.id ? buttonClass('primary') : buttonClass('secondary')}
            >
              {a.name}
            </Link>
          ))}
        </nav>
      ) : null}
      <section aria-labelledby="counts-heading" className="mb-6">
        <h2 id="counts-heading" className="sr-only">
          {t('issuesOfficer.inbox.counts')}
        </h2>
        <ul className="flex flex-wrap gap-2" data-testid="inbox-counts">
          {ISSUE_STATUSES.map((s) => (
            <li key={s}>
              <Link
                to={statusHrefs[s]}
                className="inline-flex min-h-11 items-center gap-2 rounded-lg border border-slate-200 bg-white px-3 py-1 text-sm shadow-sm hover:bg-slate-50"
              >
                <IssueStatusBadge status={s} />
                <span className="font-semibold text-slate-900" data-status={s}>
                  {t.number(counts[s])}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </section>
      <nav aria-label={t('issuesOfficer.inbox.views')} className="mb-4 flex flex-wrap gap-2">
        {(['all', 'assigned', 'escalated', 'overdue'] as const).map((v) => (
          <Link key={v} to={views[v]} aria-current={activeView === v ? 'page' : undefined} className={buttonClass(activeView === v ? 'primary' : 'secondary')}>
            {t(`issuesOfficer.inbox.view.${v}`)}
          </Link>
        ))}
      </nav>
      <div className="grid gap-6 lg:grid-cols-4">
        <div className="lg:col-span-1">
          <InboxFilters values={query} offices={offices} />
        </div>
        <div className="min-w-0 space-y-4 lg:col-span-3">
          {rows.length === 0 ? (
            <Card>
              <p className="font-semibold text-slate-900" data-testid="inbox-empty">
                {t('issuesOfficer.inbox.empty')}
              </p>
              <p className="mt-1 text-sm text-slate-700">{t('issuesOfficer.inbox.emptyBody')}</p>
            </Card>
          ) : (
            <InboxTable rows={rows} caption={t('issuesOfficer.inbox.caption', { administration: administration.name })} />
          )}
          {nextHref || firstHref ? (
            <nav aria-label={t('issuesOfficer.inbox.pages')} className="flex flex-wrap gap-3">
              {firstHref ? (
                <Link to={firstHref} className={buttonClass('secondary')}>
                  {t('issuesOfficer.inbox.firstPage')}
                </Link>
              ) : null}
              {nextHref ? (
                <Link to={nextHref} className={buttonClass('secondary')} data-testid="inbox-next">
                  {t('issuesOfficer.inbox.nextPage')}
                </Link>
              ) : null}
            </nav>
          ) : null}
        </div>
      </div>
    </div>
  );
}
