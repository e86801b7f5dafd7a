// The inbox's rows: a table on wide screens; on phones each row reflows into a card whose cells carry their column's
// name. Overdue first (the domain orders them), each with its time left or overdue.
import { Link } from 'react-router';
import type { InboxRow } from '../web/issue-page.server';
import { LocalTime, useT } from '../web/i18n';
import { EscalatedBadge, IssueSeverityBadge, IssueStatusBadge, TimeLeft } from './issue-page-badges';

const cell = 'block px-4 py-1 sm:table-cell sm:px-3 sm:py-3 sm:align-top';
const labelled = `${cell} before:mr-2 before:font-medium before:text-slate-600 before:content-[attr(data-label)] sm:before:content-none`;

export function InboxTable({ rows, caption }: { rows: InboxRow[]; caption: string }) {
  const t = useT();
  return (
    <div className="overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm">
      <table className="block w-full text-left text-sm sm:table" data-testid="inbox-table">
        <caption className="sr-only">{caption}</caption>
        <thead className="hidden bg-slate-50 text-xs font-semibold tracking-wide text-slate-700 uppercase sm:table-header-group">
          <tr>
            <th scope="col" className="px-3 py-3">
              {t('issuesOfficer.inbox.col.issue')}
            </th>
            <th scope="col" className="px-3 py-3">
              {t('issuesOfficer.inbox.col.status')}
            </th>
            <th scope="col" className="px-3 py-3">
              {t('issuesOfficer.inbox.col.deadline')}
            </th>
            <th scope="col" className="px-3 py-3">
              {t('issuesOfficer.inbox.col.office')}
            </th>
            <th scope="col" className="px-3 py-3">
              {t('issuesOfficer.inbox.col.assignee')}
            </th>
          </tr>
        </thead>
        <tbody className="block divide-y divide-slate-100 sm:table-row-group">
          {rows.map((row) => (
            <tr key={row.id} className="block py-3 sm:table-row sm:py-0" data-testid="inbox-row" data-overdue={row.overdue ? 'true' : 'false'}>
              <td className={cell}>
                <Link
                  to={`/issues/${encodeURIComponent(row.reference)}`}
                  className="font-medium break-words text-brand-700 underline underline-offset-2 hover:text-brand-900"
                >
                  <span className="font-mono text-xs text-slate-700">{row.reference}</span> <span className="block">{row.title}</span>
                </Link>
                <span className="mt-1 block text-xs text-slate-600">
                  {t('issuesOfficer.inbox.raisedOn')} <LocalTime value={row.raisedAt} />
                  {row.anonymous ? ` · ${t('issuesOfficer.anonymousReporter')}` : ''}
                  {row.responseCount ? ` · ${t('issuesOfficer.inbox.responses', { count: row.responseCount })}` : ''}
                </span>
              </td>
              <td className={labelled} data-label={t('issuesOfficer.inbox.col.status')}>
                <span className="inline-flex flex-wrap gap-1.5 align-middle">
                  <IssueStatusBadge status={row.status} />
                  <IssueSeverityBadge severity={row.severity} />
                  {row.escalated ? <EscalatedBadge /> : null}
                </span>
              </td>
              <td className={labelled} data-label={t('issuesOfficer.inbox.col.deadline')}>
                {row.next ? (
                  <>
                    <span className="text-slate-700 sm:block">{t(`issuesOfficer.next.${row.next.deadline}`)}: </span>
                    <TimeLeft ms={row.next.ms} overdue={row.next.overdue} />
                  </>
                ) : (
                  <span className="text-slate-700">{t('issuesOfficer.inbox.noDeadline')}</span>
                )}
              </td>
              <td className={labelled} data-label={t('issuesOfficer.inbox.col.office')}>
                {row.office ?? <span className="text-slate-600">{t('issuesOfficer.field.noOffice')}</span>}
              </td>
              <td className={labelled} data-label={t('issuesOfficer.inbox.col.assignee')}>
                {row.assignee ?? <span className="text-slate-600">{t('issuesOfficer.field.unassigned')}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
