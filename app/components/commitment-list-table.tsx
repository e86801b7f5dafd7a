// Commitments as a table: reference, title (with its plan), parties, status, progress, next due date. On phones each
// row becomes a card whose cells carry their column's name (the table keeps its semantics for screen readers). Used
// by the list page and by the issue, pledge and organisation pages' "Commitments" sections.
import { Link } from 'react-router';
import { CommitmentStatusBadge, ProgressBar } from './commitment-progress';
import type { CommitmentStatus } from '../domain/commitment-rules';
import { useT } from '../web/i18n';

export type CommitmentListRow = {
  id: string;
  reference: string;
  title: string;
  type: string;
  status: string;
  milestoneCount: number;
  completedCount: number;
  nextOpenDueDate: string | null;
  parties: { organizationId: string; name: string; slug: string; kind: string; response: string }[];
  actionPlan: { slug: string; title: string } | null;
};

const cell =
  'block px-0 py-1 md:table-cell md:px-3 md:py-3 md:align-top before:mr-2 before:font-medium before:text-slate-600 before:content-[attr(data-label)] md:before:content-none';

export function CommitmentListTable({ rows, caption, compact = false }: { rows: CommitmentListRow[]; caption: string; compact?: boolean }) {
  const t = useT();
  const head = ['reference', 'title', 'parties', 'status', 'progress', 'nextDue'] as const;
  const label = (column: (typeof head)[number]) => `${t(`commitmentsPages.table.${column}`)}:`;
  return (
    <div className="md:overflow-x-auto md:rounded-xl md:border md:border-slate-200 md:bg-white md:shadow-sm">
      <table className="block w-full text-left text-sm md:table" data-testid="commitments-table">
        <caption className="sr-only">{caption}</caption>
        <thead className="hidden bg-slate-50 md:table-header-group">
          <tr>
            {head.map((column) => (
              <th key={column} scope="col" className="px-3 py-3 font-semibold text-slate-900">
                {t(`commitmentsPages.table.${column}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="block space-y-3 md:table-row-group md:space-y-0 md:divide-y md:divide-slate-100">
          {rows.map((row) => (
            <tr
              key={row.id}
              className="block rounded-xl border border-slate-200 bg-white p-4 shadow-sm md:table-row md:rounded-none md:border-0 md:p-0 md:shadow-none"
              data-testid="commitment-row"
              data-reference={row.reference}
            >
              <td className={`${cell} font-mono whitespace-nowrap text-slate-800`} data-label={label('reference')}>
                {row.reference}
              </td>
              <th scope="row" className={`${cell} font-normal`} data-label={label('title')}>
                <Link
                  to={`/commitments/${encodeURIComponent(row.reference)}`}
                  className="font-semibold break-words text-brand-800 underline decoration-brand-300 underline-offset-4 hover:decoration-brand-700"
                >
                  {row.title}
                </Link>
                <span className="mt-1 block text-xs text-slate-600">
                  {t(`commitment.type.${row.type}`)}
                  {row.actionPlan && !compact ? (
                    <>
                      {' · '}
                      <Link to={`/plans/${row.actionPlan.slug}`} className="text-brand-700 underline">
                        {row.actionPlan.title}
                      </Link>
                    </>
                  ) : null}
                </span>
              </th>
              <td className={cell} data-label={label('parties')}>
                <ul className="inline md:block">
                  {row.parties.map((p, i) => (
                    <li key={p.organizationId} className="inline md:block">
                      {i > 0 ? <span className="md:hidden">, </span> : null}
                      {p.name}
                      {p.response !== 'ACCEPTED' ? <span className="text-xs text-slate-600"> ({t(`commitment.party.${p.response}`)})</span> : null}
                    </li>
                  ))}
                </ul>
              </td>
              <td className={cell} data-label={label('status')}>
                <CommitmentStatusBadge status={row.status as CommitmentStatus} />
              </td>
              <td className={`${cell} md:w-48`} data-label={label('progress')}>
                <ProgressBar
                  completed={row.completedCount}
                  total={row.milestoneCount}
                  label={t('commitmentsPages.table.progressOf', { reference: row.reference })}
                />
              </td>
              <td className={`${cell} whitespace-nowrap`} data-label={label('nextDue')}>
                {row.nextOpenDueDate ? t.date(row.nextOpenDueDate) : <span className="text-slate-600">{t('commitmentsPages.table.noneDue')}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A "Commitments" section for the issue, pledge and organisation pages: the table, or a line saying there are none. */
export function CommitmentsSection({
  rows,
  title,
  empty,
  actions,
  moreHref,
}: {
  rows: CommitmentListRow[];
  title: string;
  empty: string;
  actions?: React.ReactNode;
  moreHref?: string;
}) {
  const t = useT();
  return (
    <section aria-labelledby="commitments-heading" className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm" data-testid="commitments-section">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
        <h2 id="commitments-heading" className="text-lg font-semibold text-brand-900">
          {title}
        </h2>
        {actions}
      </div>
      {rows.length ? <CommitmentListTable rows={rows} caption={title} compact /> : <p className="text-sm text-slate-700">{empty}</p>}
      {moreHref && rows.length ? (
        <p className="mt-3 text-sm">
          <Link to={moreHref} className="font-semibold text-brand-700 underline">
            {t('commitmentsPages.section.all')}
          </Link>
        </p>
      ) : null}
    </section>
  );
}
