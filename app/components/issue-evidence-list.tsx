// The evidence files of an issue (or of one follow-up): name as a download link, type and size, when added. Links go
// to /issues/:reference/attachments/:id, which serves them only to people who may see the issue; a receipt page
// passes signed links (`hrefs`) instead, for a reporter without a session.
import { useId } from 'react';
import { formatFileSize } from '../domain/evidence-limits';
import { LocalTime, useT } from '../web/i18n';

export type EvidenceListItem = { id: string; fileName: string; contentType: string; size: number; createdAt?: string | Date };

export function evidenceHref(reference: string, attachmentId: string): string {
  return `/issues/${encodeURIComponent(reference)}/attachments/${encodeURIComponent(attachmentId)}`;
}

export function IssueEvidenceList({
  reference,
  attachments,
  hrefs,
  heading,
  headingLevel = 2,
  showEmpty = true,
}: {
  reference: string;
  attachments: readonly EvidenceListItem[];
  /** Download links by attachment id, overriding the plain ones (signed links on a receipt page). */
  hrefs?: Record<string, string>;
  /** A heading above the list; null for none (the list is then labelled by its caption only). */
  heading?: string | null;
  headingLevel?: 2 | 3 | 4;
  showEmpty?: boolean;
}) {
  const t = useT();
  const headingId = useId();
  const Heading = `h${headingLevel}` as 'h2' | 'h3' | 'h4';
  const title = heading === undefined ? t('issuesEvidence.list.heading') : heading;
  if (!attachments.length && !showEmpty) return null;
  // A list labelled by its heading (or, without one, by a caption for screen readers), not a landmark: a page may
  // show one per response.
  const label = title ? { 'aria-labelledby': headingId } : { 'aria-label': t('issuesEvidence.list.caption') };
  return (
    <div data-testid="evidence-list">
      {title ? (
        <Heading id={headingId} className="text-base font-semibold text-slate-900">
          {title}
        </Heading>
      ) : null}
      {attachments.length ? (
        <ul {...label} className="mt-2 divide-y divide-slate-200 rounded-lg border border-slate-200">
          {attachments.map((a) => (
            <li key={a.id} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 px-3 py-2 text-sm">
              <a
                href={hrefs?.[a.id] ?? evidenceHref(reference, a.id)}
                download={a.fileName}
                className="font-medium break-all text-brand-700 underline underline-offset-2 hover:text-brand-900"
                aria-label={t('issuesEvidence.list.download', { name: a.fileName })}
              >
                {a.fileName}
              </a>
              <span className="text-slate-600">
                {t('issuesEvidence.list.details', {
                  type: t(`issuesEvidence.type.${a.contentType}`),
                  size: formatFileSize(a.size, t.locale),
                })}
                {a.createdAt ? (
                  <>
                    {' · '}
                    <LocalTime value={a.createdAt} />
                  </>
                ) : null}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-2 text-sm text-slate-600">{t('issuesEvidence.list.empty')}</p>
      )}
    </div>
  );
}
