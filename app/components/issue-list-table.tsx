// The issues as a table: reference, title, office, administration, status, severity, deadline, assignee. On phones
// each row becomes a card whose cells carry their column's name (the table keeps its semantics for screen readers).
import { Link } from 'react-router';
import { Badge } from './ui';
import { IssueDeadline, type DeadlineInfo } from './issue-list-deadline';
import { useT } from '../web/i18n';

export type IssueListRow = {
  id: string;
  reference: string;
  title: string;
  status: string;
  severity: string;
  anonymous: boolean;
  visibility: string;
  administration: { slug: string; name: string };
  office: { name: string; kind: string } | null;
  assignee: { name: string } | null;
  overdue: boolean;
  escalated: boolean;
  deadline: DeadlineInfo;
};

const severityTone = { LOW: 'neutral', MEDIUM: 'info', HIGH: 'warning', CRITICAL: 'danger' } as const;
const statusTone = { RAISED: 'info', ACKNOWLEDGED: 'info', RESPONDED: 'success', RESOLVED: 'success', REJECTED: 'neutral', REOPENED: 'warning' } as const;

export function IssueSeverityBadge({ severity }: { severity: string }) {
  const t = useT();
  return <Badge tone={severityTone[severity as keyof typeof severityTone] ?? 'neutral'}>{t(`issuesPages.severity.${severity}`)}</Badge>;
}

export function IssueStatusBadge({ status }: { status: string }) {
  const t = useT();
  return <Badge tone={statusTone[status as keyof typeof statusTone] ?? 'neutral'}>{t(`issuesPages.status.${status}`)}</Badge>;
}

// Below `md` the table, its rows and cells become blocks; each cell shows its column's name from data-label.
const cell =
  'block px-0 py-1 md:table-cell md:px-3 md:py-3 md:align-top before:mr-2 before:font-medium before:text-slate-600 before:content-[attr(data-label)] md:before:content-none';

export function IssueListTable({ rows, caption }: { rows: IssueListRow[]; caption: string }) {
  const t = useT();
  const head = ['reference', 'title', 'office', 'administration', 'status', 'severity', 'deadline', 'assignee'] as const;
  const label = (column: (typeof head)[number]) => `${t(`issuesPages.table.${column}`)}:`;
  return (
    <div className="md:overflow-x-auto md:rounded-xl md:border md:border-slate-200 md:bg-white md:shadow-sm">
      <table className="block w-full text-left text-sm md:table" data-testid="issues-table">
        <caption className="sr-only">{caption}</caption>
        <thead className="hidden bg-slate-50 md:table-header-group">
          <tr>
            {head.map((column) => (
              <th key={column} scope="col" className="px-3 py-3 font-semibold text-slate-900">
                {t(`issuesPages.table.${column}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="block space-y-3 md:table-row-group md:space-y-0 md:divide-y md:divide-slate-100">
          {rows.map((row) => (
            <tr
              key={row.id}
              className="block rounded-xl border border-slate-200 bg-white p-4 shadow-sm md:table-row md:rounded-none md:border-0 md:p-0 md:shadow-none"
              data-testid="issue-row"
            >
              <td className={`${cell} whitespace-nowrap font-mono text-slate-800`} data-label={label('reference')}>
                {row.reference}
              </td>
              <th scope="row" className={`${cell} font-normal`} data-label={label('title')}>
                <Link
                  to={`/issues/${row.reference}`}
                  className="font-semibold text-brand-800 underline decoration-brand-300 underline-offset-4 hover:decoration-brand-700"
                >
                  {row.title}
                </Link>
                <span className="mt-1 flex flex-wrap gap-1">
                  {row.anonymous ? <Badge>{t('issuesPages.table.anonymous')}</Badge> : null}
                  {row.visibility === 'RESTRICTED' ? <Badge>{t('issuesPages.table.restricted')}</Badge> : null}
                  {row.escalated ? <Badge tone="danger">{t('issuesPages.table.escalated')}</Badge> : null}
                </span>
              </th>
              <td className={cell} data-label={label('office')}>
                {row.office ? row.office.name : <span className="text-slate-600">{t('issuesPages.table.noOffice')}</span>}
              </td>
              <td className={cell} data-label={label('administration')}>
                {row.administration.name}
              </td>
              <td className={cell} data-label={label('status')}>
                <IssueStatusBadge status={row.status} />
              </td>
              <td className={cell} data-label={label('severity')}>
                <IssueSeverityBadge severity={row.severity} />
              </td>
              <td className={cell} data-label={label('deadline')}>
                <IssueDeadline deadline={row.deadline} fallback={t(`issuesPages.status.${row.status}`)} />
              </td>
              <td className={cell} data-label={label('assignee')}>
                {row.assignee ? row.assignee.name : <span className="text-slate-600">{t('issuesPages.table.unassigned')}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
