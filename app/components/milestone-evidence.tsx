// The owner's evidence of a milestone's current round: the text, the links (http and https only, opened without the
// opener or the referrer and marked nofollow) and the files as download links (served only to people who may see the
// commitment). After a dispute the evidence stays shown, as the round's history.
import { formatFileSize } from '../domain/evidence-limits';
import { LocalTime, useT } from '../web/i18n';
import { milestonePath } from './milestone-act-page';

export type MilestoneEvidenceView = {
  text: string | null;
  links: string[];
  doneAt: string | null;
  doneBy: string | null;
  files: { id: string; fileName: string; contentType: string; size: number; createdAt: string }[];
};

const isWebLink = (value: string) => /^https?:\/\//i.test(value);

export const milestoneFileHref = (reference: string, milestoneId: string, attachmentId: string) =>
  `${milestonePath(reference, milestoneId)}/attachments/${encodeURIComponent(attachmentId)}`;

export function MilestoneEvidence({
  reference,
  milestoneId,
  evidence,
  round,
  headingLevel = 2,
}: {
  reference: string;
  milestoneId: string;
  evidence: MilestoneEvidenceView | null;
  round?: number;
  headingLevel?: 2 | 3;
}) {
  const t = useT();
  const Heading = `h${headingLevel}` as 'h2' | 'h3';
  const Sub = headingLevel === 2 ? 'h3' : 'h4';
  return (
    <div data-testid="milestone-evidence">
      <Heading id="evidence-heading" className="text-lg font-semibold text-brand-900">
        {round && round > 1 ? t('milestonePages.evidence.round', { round }) : t('milestonePages.evidence')}
      </Heading>
      {!evidence ? (
        <p className="mt-2 text-sm text-slate-700">{t('milestonePages.evidence.none')}</p>
      ) : (
        <div className="mt-2 space-y-4 text-sm">
          {evidence.doneAt ? (
            <p className="text-slate-700">
              {t('milestonePages.evidence.doneBy', { name: evidence.doneBy ?? t('milestonePages.someone') })} <LocalTime value={evidence.doneAt} />
            </p>
          ) : null}
          {evidence.text ? <p className="break-words whitespace-pre-line text-slate-900">{evidence.text}</p> : null}
          {evidence.links.length ? (
            <div>
              <Sub className="font-medium text-slate-900">{t('milestonePages.evidence.links')}</Sub>
              <ul className="mt-1 list-disc space-y-1 pl-5">
                {evidence.links.map((link) => (
                  <li key={link} className="break-all">
                    {isWebLink(link) ? (
                      <a href={link} rel="noopener noreferrer nofollow" target="_blank" className="text-brand-700 underline underline-offset-2">
                        {link}
                        <span className="sr-only"> ({t('milestonePages.evidence.newWindow')})</span>
                      </a>
                    ) : (
                      <span>{link}</span>
                    )}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {evidence.files.length ? (
            <div>
              <Sub className="font-medium text-slate-900">{t('milestonePages.evidence.files')}</Sub>
              <ul className="mt-1 divide-y divide-slate-200 rounded-lg border border-slate-200">
                {evidence.files.map((a) => (
                  <li key={a.id} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 px-3 py-2">
                    <a
                      href={milestoneFileHref(reference, milestoneId, a.id)}
                      download={a.fileName}
                      className="font-medium break-all text-brand-700 underline underline-offset-2 hover:text-brand-900"
                      aria-label={t('issuesEvidence.list.download', { name: a.fileName })}
                    >
                      {a.fileName}
                    </a>
                    <span className="text-slate-600">
                      {t('issuesEvidence.list.details', { type: t(`issuesEvidence.type.${a.contentType}`), size: formatFileSize(a.size, t.locale) })}
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>
      )}
    </div>
  );
}
