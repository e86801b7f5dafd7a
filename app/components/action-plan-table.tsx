// The action plans as a table (title, administration, country, period, status, commitments, combined progress), and
// a plan's commitments as a table (reference, title, type, status, parties, dates, progress). Tables reflow on
// phones: each row becomes a block whose cells carry their column's name.
import { Link } from 'react-router';
import { countryName } from '../domain/countries';
import type { CommitmentStatus } from '../domain/commitment-rules';
import { useT } from '../web/i18n';
import { CommitmentStatusBadge, ProgressBar } from './commitment-progress';
import { Badge } from './ui';

/** A plan's page, or one of its sub-pages (`edit`, `publish`, `milestones.csv`, `import`). */
export const planHref = (slug: string, sub?: string) => `/plans/${encodeURIComponent(slug)}${sub ? `/${sub}` : ''}`;

export type PlanTableRow = {
  slug: string;
  title: string;
  status: string;
  periodStart: string;
  periodEnd: string;
  administration: { name: string; slug: string; country: string };
  commitmentCount: number;
  milestoneCount: number;
  completedCount: number;
};

const cell =
  'block px-3 py-2 align-top md:table-cell before:mr-2 before:font-medium before:text-slate-600 before:content-[attr(data-label)] md:before:content-none';
const head = 'px-3 py-2 text-left font-semibold text-slate-700';

export function ActionPlanStatusBadge({ status }: { status: string }) {
  const t = useT();
  return <Badge tone={status === 'PUBLISHED' ? 'success' : 'warning'}>{t(`actionPlan.status.${status}`)}</Badge>;
}

/** "1 Jan 2026 – 31 Dec 2027". */
export function Period({ start, end }: { start: string; end: string }) {
  const t = useT();
  return (
    <span className="whitespace-nowrap">
      <time dateTime={start}>{t.date(start)}</time> – <time dateTime={end}>{t.date(end)}</time>
    </span>
  );
}

export function ActionPlanTable({ rows, caption }: { rows: PlanTableRow[]; caption: string }) {
  const t = useT();
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
      <table className="w-full text-sm" data-testid="plans-table">
        <caption className="sr-only">{caption}</caption>
        <thead className="hidden border-b border-slate-200 bg-slate-50 md:table-header-group">
          <tr>
            <th scope="col" className={head}>
              {t('actionPlanPages.column.title')}
            </th>
            <th scope="col" className={head}>
              {t('actionPlanPages.column.administration')}
            </th>
            <th scope="col" className={head}>
              {t('actionPlanPages.column.country')}
            </th>
            <th scope="col" className={head}>
              {t('actionPlanPages.column.period')}
            </th>
            <th scope="col" className={head}>
              {t('actionPlanPages.column.status')}
            </th>
            <th scope="col" className={`${head} text-right`}>
              {t('actionPlanPages.column.commitments')}
            </th>
            <th scope="col" className={head}>
              {t('actionPlanPages.column.progress')}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {rows.map((row) => (
            <tr key={row.slug} className="block py-2 md:table-row md:py-0" data-testid="plan-row" data-slug={row.slug}>
              <th scope="row" className="block px-3 py-2 text-left align-top font-medium md:table-cell">
                <Link to={planHref(row.slug)} className="break-words text-brand-700 underline underline-offset-2">
                  {row.title}
                </Link>
              </th>
              <td className={cell} data-label={t('actionPlanPages.column.administration')}>
                <Link to={`/organizations/${row.administration.slug}`} className="text-brand-700 underline">
                  {row.administration.name}
                </Link>
              </td>
              <td className={cell} data-label={t('actionPlanPages.column.country')}>
                {countryName(row.administration.country, t.locale)}
              </td>
              <td className={cell} data-label={t('actionPlanPages.column.period')}>
                <Period start={row.periodStart} end={row.periodEnd} />
              </td>
              <td className={cell} data-label={t('actionPlanPages.column.status')}>
                <ActionPlanStatusBadge status={row.status} />
              </td>
              <td className={`${cell} md:text-right tabular-nums`} data-label={t('actionPlanPages.column.commitments')}>
                {t.number(row.commitmentCount)}
              </td>
              <td className={`${cell} md:w-56`} data-label={t('actionPlanPages.column.progress')}>
                <ProgressBar completed={row.completedCount} total={row.milestoneCount} label={t('actionPlanPages.progressOf', { title: row.title })} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export type PlanCommitmentRow = {
  id: string;
  reference: string;
  title: string;
  type: string;
  status: CommitmentStatus;
  milestoneCount: number;
  completedCount: number;
  startDate: string;
  endDate: string | null;
  nextOpenDueDate: string | null;
  parties: string[];
};

export function PlanCommitmentsTable({ rows, caption }: { rows: PlanCommitmentRow[]; caption: string }) {
  const t = useT();
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
      <table className="w-full text-sm" data-testid="plan-commitments">
        <caption className="sr-only">{caption}</caption>
        <thead className="hidden border-b border-slate-200 bg-slate-50 md:table-header-group">
          <tr>
            <th scope="col" className={head}>
              {t('actionPlanPages.column.commitment')}
            </th>
            <th scope="col" className={head}>
              {t('actionPlanPages.column.type')}
            </th>
            <th scope="col" className={head}>
              {t('actionPlanPages.column.status')}
            </th>
            <th scope="col" className={head}>
              {t('actionPlanPages.column.parties')}
            </th>
            <th scope="col" className={head}>
              {t('actionPlanPages.column.dates')}
            </th>
            <th scope="col" className={head}>
              {t('actionPlanPages.column.progress')}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {rows.map((row) => (
            <tr key={row.id} className="block py-2 md:table-row md:py-0" data-testid="plan-commitment-row" data-reference={row.reference}>
              <th scope="row" className="block px-3 py-2 text-left align-top font-medium md:table-cell">
                <span className="block font-mono text-xs text-slate-600">{row.reference}</span>
                <Link to={`/commitments/${row.reference}`} className="break-words text-brand-700 underline underline-offset-2">
                  {row.title}
                </Link>
              </th>
              <td className={cell} data-label={t('actionPlanPages.column.type')}>
                {t(`commitment.type.${row.type}`)}
              </td>
              <td className={cell} data-label={t('actionPlanPages.column.status')}>
                <CommitmentStatusBadge status={row.status} />
              </td>
              <td className={cell} data-label={t('actionPlanPages.column.parties')}>
                {row.parties.join(', ')}
              </td>
              <td className={cell} data-label={t('actionPlanPages.column.dates')}>
                {row.endDate ? <Period start={row.startDate} end={row.endDate} /> : <time dateTime={row.startDate}>{t.date(row.startDate)}</time>}
                {row.nextOpenDueDate ? (
                  <span className="block text-xs text-slate-600">{t('actionPlanPages.nextDue', { date: t.date(row.nextOpenDueDate) })}</span>
                ) : null}
              </td>
              <td className={`${cell} md:w-56`} data-label={t('actionPlanPages.column.progress')}>
                <ProgressBar completed={row.completedCount} total={row.milestoneCount} label={t('actionPlanPages.progressOf', { title: row.title })} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
