import { Link } from 'react-router';
import type { Route } from './+types/dashboard';
import { requireUser } from '../auth/guards.server';
import { ActivityFeed } from '../components/activity';
import { Badge, Card, KindBadge, PageHeader, VerifiedBadge, buttonClass, SignatureStatusBadge } from '../components/ui';
import { type Severity, actionItemsFor } from '../domain/action-items.server';
import { countryName } from '../domain/countries';
import { CURRENT_SIGNATURE } from '../domain/pledge-queries.server';
import { signatureStatus } from '../domain/pledge-rules';
import { localized } from '../domain/localized';
import { recentActivity } from '../web/activity.server';
import { handledAdministrations } from '../web/issue-page.server';
import { type T, pageTitle, useT } from '../web/i18n';
import { routeContext } from '../web/route.server';

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'dashboard.title');

export async function loader({ request }: Route.LoaderArgs) {
  const auth = await requireUser(request);
  const { user, locale } = auth;
  const { ctx } = await routeContext(request);
  const { db } = ctx;
  const organizationIds = user.memberships.map((m) => m.organizationId);
  const now = new Date();
  const [counts, activity, colleagues, signatures, actions] = await Promise.all([
    db.membership.groupBy({ by: ['organizationId'], where: { organizationId: { in: organizationIds } }, _count: true }),
    recentActivity(db, organizationIds, 15, { actor: ctx.actor, locale }),
    db.user.findMany({ where: { memberships: { some: { organizationId: { in: organizationIds } } } }, select: { id: true, name: true } }),
    db.pledgeSignature.findMany({
      where: { ...CURRENT_SIGNATURE, organizationId: { in: organizationIds } },
      include: { pledge: true, version: { select: { number: true } }, organization: { select: { name: true } } },
      orderBy: { signedAt: 'desc' },
    }),
    actionItemsFor(ctx, locale),
  ]);
  const memberCounts = Object.fromEntries(counts.map((c) => [c.organizationId, c._count]));
  return {
    user: { name: user.name, isPlatformAdmin: user.isPlatformAdmin },
    actions: actions.map((item) => ({ ...item, due: item.due?.toISOString() ?? null })),
    // Liaison officers and administrators of a customs administration work from the issues inbox.
    handlesIssues: handledAdministrations(auth).length > 0,
    memberships: user.memberships.map((m) => ({
      role: m.role,
      organization: {
        id: m.organization.id,
        slug: m.organization.slug,
        name: m.organization.name,
        kind: m.organization.kind,
        // Named on the server: Node's and the browser's region names differ, and must not mismatch on hydration.
        country: countryName(m.organization.country, locale),
        verified: m.organization.verified,
      },
      members: memberCounts[m.organizationId] ?? 0,
    })),
    activity,
    names: Object.fromEntries(colleagues.map((c) => [c.id, c.name])),
    pledges: signatures.map((s) => ({
      id: s.id,
      slug: s.pledge.slug,
      title: localized(s.pledge, 'title', locale, s.pledge.title),
      organization: s.organization.name,
      status: signatureStatus(s, s.pledge.renewalMonths, now),
      dueAt: s.lapsesAt?.toISOString() ?? null,
      needsResign: s.pledge.status === 'PUBLISHED' && s.version.number < s.pledge.currentVersion,
    })),
  };
}

const severityTone: Record<Severity, 'danger' | 'warning' | 'info' | 'neutral'> = { urgent: 'danger', soon: 'warning', todo: 'info', info: 'neutral' };

/** An item's message: dates arrive as ISO strings and are written in the reader's language here. */
function say(t: T, message: { key: string; params?: Record<string, string | number> }) {
  const params = message.params ? { ...message.params } : undefined;
  if (params && typeof params.date === 'string') params.date = t.date(params.date);
  return t(message.key, params);
}

function ActionList({ actions, handlesIssues }: { actions: Route.ComponentProps['loaderData']['actions']; handlesIssues: boolean }) {
  const t = useT();
  return (
    <section aria-labelledby="actions-heading" className="mb-8">
      <h2 id="actions-heading" className="mb-3 flex flex-wrap items-baseline gap-x-3 text-lg font-semibold text-brand-900">
        {t('actions.title')}
        {actions.length ? <span className="text-sm font-normal text-slate-600">{t('actions.count', { count: actions.length })}</span> : null}
      </h2>
      {handlesIssues ? (
        <p className="mb-3">
          <Link to="/inbox" className="text-sm font-semibold text-brand-700 underline" data-testid="dashboard-inbox">
            {t('issuesOfficer.dashboard.inbox')}
          </Link>
        </p>
      ) : null}
      {actions.length === 0 ? (
        <Card>
          <p className="font-semibold text-slate-900">{t('actions.none')}</p>
          <p className="mt-1 text-sm text-slate-700">{t('actions.none.body')}</p>
        </Card>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white shadow-sm" data-testid="action-items">
          {actions.map((item) => (
            <li
              key={`${item.kind}:${item.subjectId}`}
              className="flex flex-col gap-2 px-4 py-4 sm:flex-row sm:items-start sm:gap-4 sm:px-6"
              data-kind={item.kind}
            >
              <span className="shrink-0 sm:w-36">
                <Badge tone={severityTone[item.severity]}>{t(`actions.severity.${item.severity}`)}</Badge>
              </span>
              <div className="min-w-0">
                <Link to={item.href} className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-900">
                  {say(t, item.title)}
                </Link>
                {item.detail ? <p className="mt-1 text-sm text-slate-700">{say(t, item.detail)}</p> : null}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export default function Dashboard({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { user, actions, handlesIssues, memberships, activity, names, pledges } = loaderData;
  return (
    <div>
      <PageHeader title={t('dashboard.welcome', { name: user.name })} lead={user.isPlatformAdmin ? t('dashboard.platformAdmin') : undefined} />
      <ActionList actions={actions} handlesIssues={handlesIssues} />
      <div className="grid gap-6 lg:grid-cols-3">
        <section aria-labelledby="orgs-heading" className="space-y-4 lg:col-span-2">
          <h2 id="orgs-heading" className="text-lg font-semibold text-brand-900">
            {t('dashboard.yourOrganizations')}
          </h2>
          {memberships.length === 0 ? (
            <Card>
              <h3 className="font-semibold text-slate-900">{t('dashboard.noOrganization.title')}</h3>
              <p className="mt-2 text-slate-700">{t('dashboard.noOrganization.body')}</p>
              <Link to="/organizations/new" className={buttonClass('primary', 'mt-4')}>
                {t('dashboard.createOrganization')}
              </Link>
            </Card>
          ) : (
            memberships.map(({ organization, role, members }) => (
              <Card key={organization.id} as="article">
                <div className="flex flex-wrap items-start justify-between gap-3">
                  <div>
                    <h3 className="text-lg font-semibold text-slate-900">
                      <Link to={`/organizations/${organization.slug}`} className="hover:underline">
                        {organization.name}
                      </Link>
                    </h3>
                    <p className="mt-1 text-sm text-slate-600">
                      {organization.country} · {t('dashboard.members', { count: members })}
                    </p>
                  </div>
                  <div className="flex flex-wrap gap-2">
                    <KindBadge kind={organization.kind} />
                    <VerifiedBadge verified={organization.verified} />
                  </div>
                </div>
                <p className="mt-4 text-sm">
                  <Badge tone="info">{t('dashboard.yourRole', { role: t(`role.${role}`) })}</Badge>
                </p>
                <div className="mt-4 flex flex-wrap gap-3">
                  <Link to={`/organizations/${organization.slug}`} className={buttonClass('secondary')}>
                    {t('dashboard.viewOrganization')}
                  </Link>
                  {role === 'ORG_ADMIN' || user.isPlatformAdmin ? (
                    <Link to={`/organizations/${organization.slug}/members`} className={buttonClass('secondary')}>
                      {t('dashboard.manageMembers')}
                    </Link>
                  ) : null}
                </div>
              </Card>
            ))
          )}
          {memberships.length > 0 ? (
            <Link to="/organizations/new" className="inline-block text-sm font-semibold text-brand-700 underline">
              {t('dashboard.createOrganization')}
            </Link>
          ) : null}
        </section>
        <div className="space-y-6">
          {memberships.length > 0 ? (
            <Card aria-labelledby="pledges-heading">
              <h2 id="pledges-heading" className="mb-3 text-lg font-semibold text-brand-900">
                {t('dashboard.pledges')}
              </h2>
              {pledges.length === 0 ? (
                <p className="text-sm text-slate-700">{t('dashboard.pledges.none')}</p>
              ) : (
                <ul className="divide-y divide-slate-100">
                  {pledges.map((p) => (
                    <li key={p.id} className="py-3 text-sm">
                      <Link to={`/pledges/${p.slug}`} className="font-medium text-brand-700 underline">
                        {p.title}
                      </Link>
                      <div className="mt-1 flex flex-wrap items-center gap-2 text-slate-700">
                        <SignatureStatusBadge status={p.status} />
                        {memberships.length > 1 ? <span>{p.organization}</span> : null}
                        {p.status === 'ACTIVE' && p.dueAt ? <span>{t('pledge.yours.due', { date: t.date(p.dueAt) })}</span> : null}
                        {p.needsResign ? <Badge tone="warning">{t('dashboard.pledges.resign')}</Badge> : null}
                      </div>
                    </li>
                  ))}
                </ul>
              )}
              <Link to="/pledges" className="mt-3 inline-block text-sm font-semibold text-brand-700 underline">
                {t('dashboard.pledges.browse')}
              </Link>
            </Card>
          ) : null}
          <Card aria-labelledby="activity-heading">
            <h2 id="activity-heading" className="mb-3 text-lg font-semibold text-brand-900">
              {t('dashboard.activity')}
            </h2>
            <ActivityFeed initial={activity} organizationIds={memberships.map((m) => m.organization.id)} names={names} />
          </Card>
        </div>
      </div>
    </div>
  );
}
