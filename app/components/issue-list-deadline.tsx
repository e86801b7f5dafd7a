// An issue's next deadline in words: "3 days left for the acknowledgement" or "response overdue by 2 days". The
// milliseconds come from the loader (computed on the server at one instant), so the server's and the browser's
// renderings agree.
import type { T } from '../web/i18n';
import { useT } from '../web/i18n';

export type DeadlineInfo = { deadline: 'ACKNOWLEDGE' | 'RESPOND'; dueAt: string; overdue: boolean; ms: number } | null;

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/** A duration in whole days (a day or more) or hours. */
export function durationText(t: T, ms: number): string {
  const abs = Math.abs(ms);
  if (abs >= DAY) return t('issuesPages.time.days', { count: Math.floor(abs / DAY) });
  if (abs >= HOUR) return t('issuesPages.time.hours', { count: Math.floor(abs / HOUR) });
  return t('issuesPages.time.lessThanHour');
}

export function deadlineText(t: T, deadline: DeadlineInfo): string | null {
  if (!deadline) return null;
  const name = t(`issuesPages.deadline.${deadline.deadline}`);
  const time = durationText(t, deadline.ms);
  return deadline.overdue ? t('issuesPages.time.overdue', { deadline: name, time }) : t('issuesPages.time.left', { deadline: name, time });
}

/** The deadline as text, red and bold when overdue, with the due date as a machine-readable <time>. */
export function IssueDeadline({ deadline, fallback }: { deadline: DeadlineInfo; fallback?: string }) {
  const t = useT();
  const text = deadlineText(t, deadline);
  if (!deadline || !text) return <span className="text-slate-600">{fallback ?? '—'}</span>;
  return (
    <time dateTime={deadline.dueAt} title={t.dateTime(deadline.dueAt)} className={deadline.overdue ? 'font-semibold text-red-800' : 'text-slate-800'}>
      {deadline.overdue ? <span aria-hidden="true">⚠ </span> : null}
      {text}
    </time>
  );
}
