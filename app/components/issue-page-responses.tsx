// The conversation on an issue, in order: the administration's official responses and the reporter's additions,
// each with who wrote it (or "anonymous reporter"), when, the text (Markdown rendered and sanitised on the server)
// and its files.
import type { IssueView } from '../web/issue-page.server';
import { LocalTime, useT } from '../web/i18n';
import { IssueEvidenceList } from './issue-evidence-list';
import { PledgeBody } from './pledge-body';
import { Badge } from './ui';

export function IssueResponses({ reference, responses }: { reference: string; responses: IssueView['responses'] }) {
  const t = useT();
  return (
    <section aria-labelledby="responses-heading" className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm" id="responses">
      <h2 id="responses-heading" className="mb-3 text-lg font-semibold text-brand-900">
        {t('issuesOfficer.responses')}
      </h2>
      {responses.length === 0 ? (
        <p className="text-sm text-slate-700">{t('issuesOfficer.responses.none')}</p>
      ) : (
        <ol className="space-y-4">
          {responses.map((r) => {
            const official = r.kind === 'OFFICIAL';
            return (
              <li
                key={r.id}
                className={`rounded-lg border p-4 ${official ? 'border-brand-200 bg-brand-50/40' : 'border-slate-200'}`}
                data-testid="issue-response"
                data-kind={r.kind}
              >
                <article aria-label={t(official ? 'issuesOfficer.response.official' : 'issuesOfficer.response.reporter')}>
                  <header className="mb-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
                    <Badge tone={official ? 'info' : 'neutral'}>{t(official ? 'issuesOfficer.response.official' : 'issuesOfficer.response.reporter')}</Badge>
                    <span className="font-medium text-slate-900">{r.author?.name ?? t('issuesOfficer.anonymousReporter')}</span>
                    <LocalTime value={r.createdAt} className="text-slate-600" />
                  </header>
                  <PledgeBody html={r.bodyHtml} />
                  {r.attachments.length ? (
                    <div className="mt-3 border-t border-slate-200 pt-3">
                      <IssueEvidenceList
                        reference={reference}
                        attachments={r.attachments}
                        heading={t('issuesOfficer.response.files')}
                        headingLevel={3}
                        showEmpty={false}
                      />
                    </div>
                  ) : null}
                </article>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
