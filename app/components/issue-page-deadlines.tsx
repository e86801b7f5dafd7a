// The deadlines panel of an issue: acknowledge by and respond by, each with when it was met, or the time left, or
// the time overdue; and the escalation flag when a deadline was missed.
import type { DeadlineState } from '../web/issue-page.server';
import { LocalTime, useT } from '../web/i18n';
import { EscalatedBadge, TimeLeft } from './issue-page-badges';
import { Card } from './ui';

type Deadline = { dueAt: string; metAt: string | null; state: DeadlineState; ms: number };

function DeadlineRow({ label, deadline }: { label: string; deadline: Deadline }) {
  const t = useT();
  return (
    <div className="py-3 first:pt-0 last:pb-0" data-testid="deadline" data-state={deadline.state}>
      <dt className="font-medium text-slate-900">{label}</dt>
      <dd className="mt-1 text-sm text-slate-700">
        <LocalTime value={deadline.dueAt} />
      </dd>
      <dd className="mt-1 text-sm">
        {deadline.state === 'open' || deadline.state === 'overdue' ? (
          <TimeLeft ms={deadline.ms} overdue={deadline.state === 'overdue'} />
        ) : deadline.state === 'stopped' ? (
          <span className="text-slate-700">{t('issuesOfficer.deadline.stopped')}</span>
        ) : (
          <span className={deadline.state === 'metLate' ? 'font-medium text-amber-900' : 'text-emerald-800'}>
            {t(deadline.state === 'metLate' ? 'issuesOfficer.deadline.metLate' : 'issuesOfficer.deadline.met')} <LocalTime value={deadline.metAt!} />
          </span>
        )}
      </dd>
    </div>
  );
}

export function IssueDeadlines({ deadlines, escalated }: { deadlines: { acknowledge: Deadline; respond: Deadline }; escalated: boolean }) {
  const t = useT();
  return (
    <Card aria-labelledby="deadlines-heading">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h2 id="deadlines-heading" className="text-lg font-semibold text-brand-900">
          {t('issuesOfficer.deadlines')}
        </h2>
        {escalated ? <EscalatedBadge /> : null}
      </div>
      {escalated ? <p className="mb-3 text-sm text-red-800">{t('issuesOfficer.escalatedHint')}</p> : null}
      <dl className="divide-y divide-slate-100">
        <DeadlineRow label={t('issuesOfficer.deadline.acknowledge')} deadline={deadlines.acknowledge} />
        <DeadlineRow label={t('issuesOfficer.deadline.respond')} deadline={deadlines.respond} />
      </dl>
    </Card>
  );
}
