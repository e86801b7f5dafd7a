// A commitment's progress and status, as every commitment and plan page shows them: a progress bar that says
// "n of m" in words (and exposes its value to assistive technology), and the derived status as a badge whose text
// names the status (the colour only repeats it; a symbol marks the statuses that need attention).
import { Badge } from './ui';
import type { CommitmentStatus } from '../domain/commitment-rules';
import { useT } from '../web/i18n';

const STATUS_TONES: Record<CommitmentStatus, 'neutral' | 'success' | 'warning' | 'info' | 'danger'> = {
  PROPOSED: 'info',
  ON_TRACK: 'success',
  AT_RISK: 'warning',
  DELAYED: 'danger',
  COMPLETED: 'success',
  CANCELLED: 'neutral',
};

/** A symbol before the status name (hidden from screen readers, which read the name). */
const STATUS_MARKS: Record<CommitmentStatus, string> = {
  PROPOSED: '○',
  ON_TRACK: '●',
  AT_RISK: '▲',
  DELAYED: '■',
  COMPLETED: '✓',
  CANCELLED: '×',
};

export function CommitmentStatusBadge({ status }: { status: CommitmentStatus }) {
  const t = useT();
  return (
    <span data-testid="commitment-status" data-status={status} className="inline-flex">
      <Badge tone={STATUS_TONES[status] ?? 'neutral'}>
        <span aria-hidden="true" className="mr-1">
          {STATUS_MARKS[status] ?? ''}
        </span>
        {t(`commitment.status.${status}`)}
      </Badge>
    </span>
  );
}

/**
 * Completed out of total (milestones, usually), as a bar and as text. `label` names the bar for assistive technology
 * (defaults to "Progress"); the visible text says "n of m milestones completed" and the percentage.
 */
export function ProgressBar({ completed, total, label }: { completed: number; total: number; label?: string }) {
  const t = useT();
  const safeTotal = Math.max(0, total);
  const done = Math.min(Math.max(0, completed), safeTotal);
  const percent = safeTotal > 0 ? Math.floor((done / safeTotal) * 100) : 0;
  const text = t('commitment.progressCount', { completed: t.number(done), total: t.number(safeTotal) });
  return (
    <div className="min-w-32" data-testid="progress">
      <div
        role="progressbar"
        aria-label={label ?? t('commitmentsPages.progress.label')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${t('commitment.progress', { percent })}: ${text}`}
        className="h-2.5 w-full overflow-hidden rounded-full bg-slate-200 ring-1 ring-inset ring-slate-400"
      >
        <div className="h-full rounded-full bg-brand-700" style={{ width: `${percent}%` }} />
      </div>
      <p className="mt-1 text-xs text-slate-700 tabular-nums">
        {safeTotal > 0 ? (
          <>
            <span className="font-semibold text-slate-900">{t('commitment.progress', { percent })}</span> · {text}
          </>
        ) : (
          t('commitmentsPages.progress.none')
        )}
      </p>
    </div>
  );
}
