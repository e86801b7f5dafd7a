// An issue's timeline: raised, assigned, acknowledged, responded, resolved, rejected, reopened, escalated… in order,
// each with who (or "anonymous reporter", or "the platform" for the escalation) and when.
import type { TimelineEntryView } from '../web/issue-page.server';
import { LocalTime, useT } from '../web/i18n';

const KNOWN = new Set([
  'issue.raised',
  'issue.assigned',
  'issue.acknowledged',
  'issue.responded',
  'issue.resolved',
  'issue.rejected',
  'issue.reopened',
  'issue.followed_up',
  'issue.escalated',
  'issue.summary_published',
  'issue.attachment_added',
  // The commitment itself is listed in the issue's commitments section, for those who may see it.
  'issue.commitmentLinked',
]);

export function IssueTimeline({ entries }: { entries: TimelineEntryView[] }) {
  const t = useT();
  const who = (e: TimelineEntryView) =>
    e.anonymousReporter
      ? t('issuesOfficer.anonymousReporter')
      : e.actor
        ? e.actor.name
        : e.action === 'issue.escalated'
          ? t('issuesOfficer.timeline.platform')
          : t('issuesOfficer.timeline.someone');
  return (
    <section aria-labelledby="timeline-heading" className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm" id="timeline">
      <h2 id="timeline-heading" className="mb-3 text-lg font-semibold text-brand-900">
        {t('issuesOfficer.timeline')}
      </h2>
      {entries.length === 0 ? (
        <p className="text-sm text-slate-700">{t('issuesOfficer.timeline.empty')}</p>
      ) : (
        <ol className="space-y-1">
          {entries.map((e) => {
            const key =
              e.action === 'issue.assigned' && e.self
                ? 'issuesOfficer.timeline.assignedSelf'
                : KNOWN.has(e.action)
                  ? `issuesOfficer.timeline.${e.action.slice('issue.'.length)}`
                  : 'issuesOfficer.timeline.other';
            return (
              <li key={e.key} className="border-l-2 border-brand-100 py-2 pl-4" data-testid="issue-timeline-entry" data-action={e.action}>
                <LocalTime value={e.at} className="block text-xs text-slate-600" />
                <p className="text-sm font-medium text-slate-900">
                  {t(key, { who: who(e), assignee: e.assignee ?? t('issuesOfficer.timeline.someone'), action: e.action })}
                </p>
                {e.detail ? <p className="mt-1 text-sm break-words whitespace-pre-line text-slate-700">{e.detail}</p> : null}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
