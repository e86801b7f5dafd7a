// A national integrity action plan: its description and period, status, the combined progress of its commitments
// (every commitment that is not cancelled counts) and how many are in each status, the commitments the viewer may see
// as a table and as a Gantt chart (one bar per commitment, from its start to its end date or last milestone), and the
// ways to propose a commitment in it, export its milestones as CSV and import progress. A draft the viewer may not see
// answers 404, like an unknown plan.
import { Link } from 'react-router';
import type { Route } from './+types/plan';
import { ActionPlanStatusBadge, Period, PlanCommitmentsTable, planHref } from '../components/action-plan-table';
import { CommitmentGantt, type GanttRow } from '../components/commitment-gantt';
import { CommitmentStatusBadge, ProgressBar } from '../components/commitment-progress';
import { Alert, Card, buttonClass } from '../components/ui';
import { addCalendarDays } from '../domain/commitment-rules';
import { COMMITMENT_STATUSES } from '../domain/enums';
import { countryName } from '../domain/countries';
import { pageTitle, pageTitleText, useT } from '../web/i18n';
import {
  PLAN_DONE,
  type PlanDone,
  ganttKind,
  lastDueDates,
  mayImportPlan,
  mayManagePlan,
  mayPropose,
  planCommitmentRow,
  planFromRequest,
  planRow,
  today,
} from '../web/action-plan-page.server';

export async function loader({ request, params }: Route.LoaderArgs) {
  const { auth, ctx, plan } = await planFromRequest(request, params.slug);
  const lastDue = await lastDueDates(
    ctx,
    plan.commitments.filter((c) => !c.endDate).map((c) => c.id),
  );
  const done = new URL(request.url).searchParams.get('done');
  const manage = mayManagePlan(auth.actor, plan);
  return {
    plan: { ...planRow(plan), description: plan.description, createdBy: plan.createdBy.name },
    commitments: plan.commitments.map(planCommitmentRow),
    gantt: plan.commitments.map((c) => {
      const end = c.endDate ?? lastDue.get(c.id) ?? c.startDate;
      return {
        id: c.id,
        label: `${c.reference} ${c.title}`,
        href: `/commitments/${c.reference}`,
        start: c.startDate,
        // A bar is at least a day long, and never ends before it starts.
        end: end > c.startDate ? end : addCalendarDays(c.startDate, 1),
        status: c.status,
        statusKind: ganttKind(c.status),
        progress: c.progress,
      };
    }),
    today: today(),
    canManage: manage,
    canPublish: manage && plan.status === 'DRAFT',
    canPropose: mayPropose(auth),
    canImport: !!auth.user && mayImportPlan(auth.actor, plan),
    done: (PLAN_DONE as readonly string[]).includes(done ?? '') ? (done as PlanDone) : null,
  };
}

export const meta: Route.MetaFunction = ({ loaderData, matches }) =>
  loaderData ? pageTitleText(matches, loaderData.plan.title) : pageTitle(matches, 'actionPlan.noun');

export default function PlanPage({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { plan, commitments, gantt, canManage, canPublish, canPropose, canImport, done } = loaderData;
  const rows: GanttRow[] = gantt.map((row) => ({ ...row, status: t(`commitment.status.${row.status}`) }));
  return (
    <div>
      <p className="mb-2 text-sm">
        <Link to="/plans" className="font-medium text-brand-700 underline underline-offset-2">
          ← {t('actionPlan.nounPlural')}
        </Link>
      </p>
      <div className="mb-8 flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
        <div>
          <p className="text-sm text-slate-700">{t('actionPlan.noun')}</p>
          <h1 className="mt-1 text-2xl font-semibold tracking-tight break-words text-brand-900 sm:text-3xl">{plan.title}</h1>
          <p className="mt-2 flex flex-wrap items-center gap-2 text-sm text-slate-700">
            <ActionPlanStatusBadge status={plan.status} />
            <Link to={`/organizations/${plan.administration.slug}`} className="text-brand-700 underline">
              {plan.administration.name}
            </Link>
            <span aria-hidden="true">·</span>
            <span>{countryName(plan.administration.country, t.locale)}</span>
            <span aria-hidden="true">·</span>
            <Period start={plan.periodStart} end={plan.periodEnd} />
          </p>
        </div>
        {canManage ? (
          <div className="flex flex-wrap gap-3">
            {canPublish ? (
              <Link to={planHref(plan.slug, 'publish')} className={buttonClass('primary')} data-testid="publish-plan">
                {t('actionPlanPages.publish.title')}
              </Link>
            ) : null}
            <Link to={planHref(plan.slug, 'edit')} className={buttonClass('secondary')}>
              {t('actionPlanPages.edit.title')}
            </Link>
          </div>
        ) : null}
      </div>
      {done ? (
        <div className="mb-6">
          <Alert tone="success">
            <span data-testid="plan-done">{t(`actionPlanPages.done.${done}`, { title: plan.title })}</span>
          </Alert>
        </div>
      ) : null}
      {plan.status === 'DRAFT' ? (
        <div className="mb-6">
          <Alert tone="info">{t('actionPlanPages.draftNotice')}</Alert>
        </div>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="min-w-0 space-y-6 lg:col-span-2">
          <Card aria-labelledby="description-heading">
            <h2 id="description-heading" className="mb-2 text-lg font-semibold text-brand-900">
              {t('actionPlanPages.field.description')}
            </h2>
            {plan.description ? (
              <p className="text-sm break-words whitespace-pre-line text-slate-900">{plan.description}</p>
            ) : (
              <p className="text-sm text-slate-700">{t('actionPlanPages.noDescription')}</p>
            )}
          </Card>
          <section aria-labelledby="commitments-heading" className="space-y-3">
            <div className="flex flex-wrap items-end justify-between gap-3">
              <h2 id="commitments-heading" className="text-lg font-semibold text-brand-900">
                {t('commitment.nounPlural')}
              </h2>
              {canPropose ? (
                <Link to={`/commitments/new?plan=${encodeURIComponent(plan.slug)}`} className={buttonClass('primary')} data-testid="propose-in-plan">
                  {t('actionPlanPages.propose')}
                </Link>
              ) : null}
            </div>
            {commitments.length === 0 ? (
              <Card>
                <p className="text-sm text-slate-700" data-testid="plan-no-commitments">
                  {t('actionPlanPages.noCommitments')}
                </p>
              </Card>
            ) : (
              <PlanCommitmentsTable rows={commitments} caption={t('actionPlanPages.commitmentsCaption', { title: plan.title })} />
            )}
          </section>
          {rows.length ? (
            <Card aria-labelledby="gantt-heading">
              <h2 id="gantt-heading" className="mb-3 text-lg font-semibold text-brand-900">
                {t('actionPlanPages.gantt')}
              </h2>
              <CommitmentGantt rows={rows} today={loaderData.today} caption={t('actionPlanPages.ganttCaption', { title: plan.title })} />
            </Card>
          ) : null}
        </div>
        <div className="min-w-0 space-y-6">
          <Card aria-labelledby="progress-heading">
            <h2 id="progress-heading" className="mb-3 text-lg font-semibold text-brand-900">
              {t('actionPlanPages.progress')}
            </h2>
            <ProgressBar completed={plan.completedCount} total={plan.milestoneCount} label={t('actionPlanPages.progressOf', { title: plan.title })} />
            <p className="mt-3 text-sm text-slate-700">{t('actionPlanPages.progressHint', { count: plan.commitmentCount })}</p>
            <h3 className="mt-4 mb-2 text-sm font-semibold text-slate-900">{t('actionPlanPages.byStatus')}</h3>
            <ul className="space-y-2 text-sm" data-testid="plan-status-counts">
              {COMMITMENT_STATUSES.map((status) => (
                <li key={status} className="flex items-center justify-between gap-3" data-status={status}>
                  <CommitmentStatusBadge status={status} />
                  <span className="font-semibold tabular-nums">{t.number(plan.statusCounts[status] ?? 0)}</span>
                </li>
              ))}
            </ul>
          </Card>
          <Card aria-labelledby="data-heading">
            <h2 id="data-heading" className="mb-3 text-lg font-semibold text-brand-900">
              {t('actionPlanPages.data')}
            </h2>
            <ul className="space-y-3 text-sm">
              <li>
                <a href={planHref(plan.slug, 'milestones.csv')} className="font-semibold text-brand-700 underline" data-testid="plan-csv" download>
                  {t('actionPlanPages.export')}
                </a>
                <p className="mt-1 text-xs text-slate-600">{t('actionPlanPages.exportHint')}</p>
              </li>
              {canImport ? (
                <li>
                  <Link to={planHref(plan.slug, 'import')} className="font-semibold text-brand-700 underline" data-testid="plan-import">
                    {t('actionPlanPages.import')}
                  </Link>
                  <p className="mt-1 text-xs text-slate-600">{t('actionPlanPages.importHint')}</p>
                </li>
              ) : null}
            </ul>
          </Card>
        </div>
      </div>
    </div>
  );
}
