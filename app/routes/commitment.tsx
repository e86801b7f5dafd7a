// A joint commitment's page: its status with what it means, progress, type and key factors, the parties and their
// answers, the monitor and action plan, the description, the milestone timeline and its Gantt chart (with the data
// as a table), the linked issues and pledges, the activity from the audit chain, and the acts the viewer may perform
// now, each on a page of its own. A commitment the viewer may not see answers 404, like an unknown reference.
import { Link } from 'react-router';
import type { Route } from './+types/commitment';
import { CommitmentGantt } from '../components/commitment-gantt';
import {
  CommitmentActionsPanel,
  CommitmentActivity,
  CommitmentMilestones,
  CommitmentParties,
  CommitmentReceipt,
  commitmentGanttRows,
} from '../components/commitment-page-sections';
import { CommitmentStatusBadge, ProgressBar } from '../components/commitment-progress';
import { PledgeBody } from '../components/pledge-body';
import { Badge, Card } from '../components/ui';
import { commitmentPermissions } from '../domain/commitment-queries.server';
import { todayOf } from '../domain/commitment-rules';
import { LocalTime, pageTitle, pageTitleText, useT } from '../web/i18n';
import { COMMITMENT_DONE, type CommitmentDone, commitmentFromRequest, commitmentTimelineView, commitmentView } from '../web/commitment-page.server';

export async function loader({ request, params }: Route.LoaderArgs) {
  const { auth, ctx, commitment } = await commitmentFromRequest(request, params.reference);
  const today = todayOf(new Date());
  const timeline = await commitmentTimelineView(ctx, commitment.id);
  const permissions = commitmentPermissions(auth.actor, commitment, today);
  const doneParam = new URL(request.url).searchParams.get('done');
  const done = (COMMITMENT_DONE as readonly string[]).includes(doneParam ?? '') ? (doneParam as CommitmentDone) : null;
  const last = timeline.at(-1);
  return {
    signedIn: !!auth.user,
    today,
    commitment: commitmentView(commitment),
    timeline,
    actions: {
      canAccept: permissions.canAccept,
      canDecline: permissions.canDecline,
      canCancel: permissions.canCancel,
      canAddMilestone: permissions.canAddMilestone,
      canImport: permissions.canImport,
    },
    milestonePermissions: permissions.milestones,
    done,
    recorded: done && last ? { at: last.at, who: last.actor?.name ?? null } : null,
  };
}

export const meta: Route.MetaFunction = ({ loaderData, matches }) =>
  loaderData ? pageTitleText(matches, `${loaderData.commitment.reference}: ${loaderData.commitment.title}`) : pageTitle(matches, 'commitment.noun');

function Detail({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="font-medium text-slate-600">{label}</dt>
      <dd className="mt-1 break-words text-slate-900">{children}</dd>
    </div>
  );
}

export default function CommitmentPage({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { commitment, timeline, actions, milestonePermissions, signedIn, done, recorded, today } = loaderData;
  const ganttRows = commitmentGanttRows(t, commitment);
  return (
    <div>
      <div className="mb-8">
        <p className="font-mono text-sm font-semibold text-slate-700" data-testid="commitment-reference">
          {commitment.reference}
        </p>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight break-words text-brand-900 sm:text-3xl">{commitment.title}</h1>
        <div className="mt-3 flex flex-wrap items-center gap-2">
          <CommitmentStatusBadge status={commitment.status} />
          <Badge>{t(`commitment.type.${commitment.type}`)}</Badge>
        </div>
        <p className="mt-2 text-sm text-slate-700" data-testid="commitment-status-hint">
          {t(`commitment.status.${commitment.status}.hint`)}
        </p>
        <div className="mt-4 max-w-md">
          <ProgressBar completed={commitment.completedCount} total={commitment.milestoneCount} />
        </div>
      </div>
      {done ? (
        <div className="mb-6">
          <CommitmentReceipt done={done} reference={commitment.reference} recorded={recorded} />
        </div>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="min-w-0 space-y-6 lg:col-span-2">
          <Card aria-labelledby="description-heading">
            <h2 id="description-heading" className="mb-2 text-lg font-semibold text-brand-900">
              {t('commitmentsPages.field.description')}
            </h2>
            <PledgeBody html={commitment.descriptionHtml} />
          </Card>
          <CommitmentParties commitment={commitment} />
          <CommitmentMilestones commitment={commitment} permissions={milestonePermissions} partyCount={commitment.parties.length} />
          {commitment.milestones.length ? (
            <Card>
              <CommitmentGantt rows={ganttRows} today={today} caption={t('commitmentsPages.gantt.caption', { reference: commitment.reference })} />
            </Card>
          ) : null}
          <CommitmentActivity entries={timeline} />
        </div>
        <div className="min-w-0 space-y-6">
          <CommitmentActionsPanel reference={commitment.reference} actions={actions} signedIn={signedIn} />
          <Card aria-labelledby="about-heading">
            <h2 id="about-heading" className="mb-3 text-lg font-semibold text-brand-900">
              {t('commitmentsPages.about')}
            </h2>
            <dl className="space-y-4 text-sm">
              <Detail label={t('commitmentsPages.field.type')}>
                {t(`commitment.type.${commitment.type}`)}
                <span className="block text-slate-600">{t(`commitment.type.${commitment.type}.hint`)}</span>
              </Detail>
              <Detail label={t('commitmentsPages.field.factors')}>
                <ul className="flex flex-wrap gap-1">
                  {commitment.factors.map((f) => (
                    <li key={f}>
                      <Badge>{t(`factor.${f}`)}</Badge>
                    </li>
                  ))}
                </ul>
              </Detail>
              <Detail label={t('commitmentsPages.field.dates')}>
                {commitment.endDate
                  ? t('commitmentsPages.field.fromTo', { from: t.date(commitment.startDate), to: t.date(commitment.endDate) })
                  : t('commitmentsPages.field.from', { from: t.date(commitment.startDate) })}
              </Detail>
              <Detail label={t('commitment.monitor')}>
                {commitment.monitor ? (
                  <Link to={`/organizations/${commitment.monitor.slug}`} className="text-brand-700 underline">
                    {commitment.monitor.name}
                  </Link>
                ) : (
                  t('commitmentsPages.field.noMonitor')
                )}
              </Detail>
              <Detail label={t('commitmentsPages.field.plan')}>
                {commitment.actionPlan ? (
                  <Link to={`/plans/${commitment.actionPlan.slug}`} className="text-brand-700 underline">
                    {commitment.actionPlan.title}
                  </Link>
                ) : (
                  t('commitmentsPages.field.noPlan')
                )}
              </Detail>
              <Detail label={t('commitmentsPages.field.proposed')}>
                {commitment.createdBy?.name ?? ''} <LocalTime value={commitment.createdAt} className="block text-slate-700" />
              </Detail>
              {commitment.activatedAt ? (
                <Detail label={t('commitmentsPages.field.activated')}>
                  <LocalTime value={commitment.activatedAt} />
                </Detail>
              ) : null}
              {commitment.completedAt ? (
                <Detail label={t('commitmentsPages.field.completed')}>
                  <LocalTime value={commitment.completedAt} />
                </Detail>
              ) : null}
              {commitment.cancelledAt ? (
                <Detail label={t('commitmentsPages.field.cancelled')}>
                  <LocalTime value={commitment.cancelledAt} />
                </Detail>
              ) : null}
            </dl>
          </Card>
          <Card aria-labelledby="links-heading">
            <h2 id="links-heading" className="mb-3 text-lg font-semibold text-brand-900">
              {t('commitmentsPages.links.title')}
            </h2>
            <h3 className="text-sm font-semibold text-slate-900">{t('commitmentsPages.links.issues')}</h3>
            {commitment.issues.length ? (
              <ul className="mt-1 mb-4 space-y-1 text-sm" data-testid="commitment-issues">
                {commitment.issues.map((i) => (
                  <li key={i.reference}>
                    <Link to={`/issues/${i.reference}`} className="text-brand-700 underline">
                      <span className="font-mono">{i.reference}</span> {i.title}
                    </Link>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="mt-1 mb-4 text-sm text-slate-700">{t('commitmentsPages.links.noIssues')}</p>
            )}
            <h3 className="text-sm font-semibold text-slate-900">{t('commitmentsPages.links.pledges')}</h3>
            {commitment.pledges.length ? (
              <ul className="mt-1 space-y-1 text-sm" data-testid="commitment-pledges">
                {commitment.pledges.map((p) => (
                  <li key={p.slug}>
                    <Link to={`/pledges/${p.slug}`} className="text-brand-700 underline">
                      {p.title}
                    </Link>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="mt-1 text-sm text-slate-700">{t('commitmentsPages.links.noPledges')}</p>
            )}
          </Card>
        </div>
      </div>
    </div>
  );
}
