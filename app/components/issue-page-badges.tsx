// Small pieces the issue page, its acts and the inbox share: the status and severity badges, the escalated flag,
// and time left or overdue, said in words in the reader's language (computed by the loader from dates, so the
// server's and the browser's text agree).
import { Badge } from './ui';
import { type T, useT } from '../web/i18n';

type Tone = 'neutral' | 'success' | 'warning' | 'info' | 'danger';

const STATUS_TONES: Record<string, Tone> = {
  RAISED: 'warning',
  ACKNOWLEDGED: 'info',
  RESPONDED: 'info',
  RESOLVED: 'success',
  REJECTED: 'neutral',
  REOPENED: 'warning',
};
const SEVERITY_TONES: Record<string, Tone> = { LOW: 'neutral', MEDIUM: 'info', HIGH: 'warning', CRITICAL: 'danger' };

export function IssueStatusBadge({ status }: { status: string }) {
  const t = useT();
  return <Badge tone={STATUS_TONES[status] ?? 'neutral'}>{t(`issuesOfficer.status.${status}`)}</Badge>;
}

export function IssueSeverityBadge({ severity }: { severity: string }) {
  const t = useT();
  return <Badge tone={SEVERITY_TONES[severity] ?? 'neutral'}>{t('issuesOfficer.severityBadge', { severity: t(`issuesOfficer.severity.${severity}`) })}</Badge>;
}

export function EscalatedBadge() {
  const t = useT();
  return <Badge tone="danger">{t('issuesOfficer.escalated')}</Badge>;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A duration in words: days and hours, or hours and minutes under a day, or minutes under an hour. */
export function duration(t: T, ms: number): string {
  const days = Math.floor(ms / DAY);
  const hours = Math.floor((ms % DAY) / HOUR);
  const minutes = Math.floor((ms % HOUR) / MINUTE);
  const part = (unit: 'days' | 'hours' | 'minutes', count: number) => t(`issuesOfficer.unit.${unit}`, { count });
  if (days > 0) return hours > 0 ? `${part('days', days)} ${part('hours', hours)}` : part('days', days);
  if (hours > 0) return minutes > 0 ? `${part('hours', hours)} ${part('minutes', minutes)}` : part('hours', hours);
  return part('minutes', Math.max(1, minutes));
}

/** "2 days 3 hours left" or "4 days overdue", coloured so that overdue stands out (and says so in words too). */
export function TimeLeft({ ms, overdue, className }: { ms: number; overdue: boolean; className?: string }) {
  const t = useT();
  return (
    <span className={`${overdue ? 'font-semibold text-red-800' : 'text-slate-800'} ${className ?? ''}`}>
      {t(overdue ? 'issuesOfficer.timeOverdue' : 'issuesOfficer.timeLeft', { duration: duration(t, ms) })}
    </span>
  );
}
