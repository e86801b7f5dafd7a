// A Gantt-style chart of milestones (or commitments): one bar per row on a real UTC time scale (d3-scale), a line
// for today, and the same figures as a table. The SVG is plain markup computed during render, identical on the
// server and in the browser, and there without JavaScript; d3-scale is the only chart code and it is small.
//
// Accessibility: the drawing is one image (role="img") named by its <title> and summarised by its <desc>; the rows'
// data (with links) is a real table in a <details> element, which opens without JavaScript. A bar's state is never
// told by colour alone: each state has its own pattern (solid, outline, hatching, dots, cross-hatching), the legend
// names them, and on wider screens each row's label ends with its state in words.
//
// Layout: text keeps its size (12 px) and positions are percentages of the width, so the chart is as wide as its
// container; a container query picks the number of date labels and how much of each row's label fits.
import { useId } from 'react';
import { Link } from 'react-router';
import { scaleUtc } from 'd3-scale';
import { useT } from '../web/i18n';

export type GanttRow = {
  id: string;
  label: string;
  href?: string;
  /** Calendar dates, YYYY-MM-DD. */
  start: string;
  end: string;
  /** The state in words, already translated by the caller. */
  status: string;
  statusKind: 'done' | 'open' | 'late' | 'soon' | 'cancelled';
  /** 0–1: drawn as a darker part of the bar. */
  progress?: number;
};

type Kind = GanttRow['statusKind'];
const KINDS: readonly Kind[] = ['done', 'open', 'soon', 'late', 'cancelled'];

// Colours on white: every stroke meets 3:1 for graphics (emerald-700 5.5:1, brand-700 8.6:1, amber-700 5:1,
// red-700 6.5:1, slate-500 4.8:1); text is slate-700 (10:1).
const STYLE: Record<Kind, { stroke: string; fill: string }> = {
  done: { stroke: '#047857', fill: '#047857' },
  open: { stroke: '#155569', fill: '#eef6f8' },
  soon: { stroke: '#b45309', fill: '#fef3c7' },
  late: { stroke: '#b91c1c', fill: '#fee2e2' },
  cancelled: { stroke: '#64748b', fill: '#f1f5f9' },
};
const AXIS = '#64748b';
const GRID = '#e2e8f0';
const TEXT = '#334155';
const TODAY = '#0f172a';

const ROW = 46;
const TOP = 34;
const BAR_Y = 20;
const BAR_H = 16;
const DAY = 24 * 60 * 60 * 1000;
/** A label drawn over lines: a white outline keeps it legible where it crosses the grid or the today line. */
const halo = { stroke: 'white', strokeWidth: 4, strokeLinejoin: 'round', paintOrder: 'stroke' } as const;

const utc = (iso: string) => Date.parse(`${iso.slice(0, 10)}T00:00:00.000Z`);
const round = (value: number) => Number(value.toFixed(2));
const shorten = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);

/** The SVG patterns that tell the states apart without colour. */
function Patterns({ id }: { id: string }) {
  return (
    <defs>
      <pattern id={`${id}-late`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="6" height="6" fill={STYLE.late.fill} />
        <line x1="0" y1="0" x2="0" y2="6" stroke={STYLE.late.stroke} strokeWidth="2.5" />
      </pattern>
      <pattern id={`${id}-soon`} width="6" height="6" patternUnits="userSpaceOnUse">
        <rect width="6" height="6" fill={STYLE.soon.fill} />
        <circle cx="3" cy="3" r="1.4" fill={STYLE.soon.stroke} />
      </pattern>
      <pattern id={`${id}-cancelled`} width="8" height="8" patternUnits="userSpaceOnUse">
        <rect width="8" height="8" fill={STYLE.cancelled.fill} />
        <path d="M0 0L8 8M8 0L0 8" stroke={STYLE.cancelled.stroke} strokeWidth="1" />
      </pattern>
    </defs>
  );
}

const fillOf = (id: string, kind: Kind) => (kind === 'late' || kind === 'soon' || kind === 'cancelled' ? `url(#${id}-${kind})` : STYLE[kind].fill);

export function CommitmentGantt({ rows, today, caption }: { rows: GanttRow[]; today: string; caption: string }) {
  const t = useT();
  const id = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  if (!rows.length) return null;

  // The time axis runs over every bar and today, a little wider on each side so that nothing touches the edge.
  const times = rows.flatMap((row) => [utc(row.start), utc(row.end)]).concat(utc(today));
  const first = Math.min(...times);
  const last = Math.max(...times);
  const pad = Math.max((last - first) * 0.03, 2 * DAY);
  const x = scaleUtc()
    .domain([new Date(first - pad), new Date(last + pad)])
    .range([0, 100]);
  const ticks = (count: number) =>
    x
      .ticks(count)
      .map((date) => ({ date: date.toISOString(), x: round(x(date)), monthStart: date.getUTCDate() === 1 }))
      .filter((tick) => tick.x >= 4 && tick.x <= 96);
  const tickLabel = (tick: { date: string; monthStart: boolean }) =>
    t.date(tick.date, tick.monthStart ? { month: 'short', year: 'numeric' } : { day: 'numeric', month: 'short' });

  const geometry = (row: GanttRow) => {
    const startX = round(x(new Date(utc(row.start))));
    const endX = round(x(new Date(utc(row.end))));
    return { startX, endX, width: Math.max(endX - startX, 0.6) };
  };
  const todayX = round(x(new Date(utc(today))));
  const height = TOP + rows.length * ROW + 14;
  const usedKinds = KINDS.filter((kind) => rows.some((row) => row.statusKind === kind));
  const dateText = (iso: string) => t.date(iso, { dateStyle: 'medium' });

  const axis = (count: number, className: string) => (
    <g className={className}>
      {ticks(count).map((tick) => (
        <g key={tick.date}>
          <line x1={`${tick.x}%`} x2={`${tick.x}%`} y1={TOP - 6} y2={height - 8} stroke={GRID} />
          <text x={`${tick.x}%`} y={TOP - 12} textAnchor="middle">
            {tickLabel(tick)}
          </text>
        </g>
      ))}
    </g>
  );

  return (
    <figure data-testid="commitment-gantt">
      <figcaption className="text-sm font-semibold text-slate-900">{caption}</figcaption>
      <ul className="mt-2 mb-3 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700" aria-label={t('commitmentsPages.gantt.legend')}>
        {usedKinds.map((kind) => (
          <li key={kind} className="flex items-center gap-1.5">
            <svg width="22" height="12" aria-hidden="true" className="shrink-0">
              <Patterns id={`${id}-legend-${kind}`} />
              <rect x="0.5" y="0.5" width="21" height="11" rx="2" fill={fillOf(`${id}-legend-${kind}`, kind)} stroke={STYLE[kind].stroke} />
            </svg>
            {t(`commitmentsPages.gantt.kind.${kind}`)}
          </li>
        ))}
        <li className="flex items-center gap-1.5">
          <svg width="12" height="12" aria-hidden="true" className="shrink-0">
            <line x1="6" x2="6" y1="0" y2="12" stroke={TODAY} strokeWidth="2" strokeDasharray="3 2" />
          </svg>
          {t('commitmentsPages.gantt.todayLegend', { date: dateText(today) })}
        </li>
      </ul>
      <div className="@container">
        <svg
          role="img"
          aria-labelledby={`${id}-title ${id}-desc`}
          width="100%"
          height={height}
          className="block overflow-hidden tabular-nums"
          fontSize={12}
          fill={TEXT}
          data-testid="gantt-chart"
        >
          <title id={`${id}-title`}>{caption}</title>
          <desc id={`${id}-desc`}>
            {t('commitmentsPages.gantt.desc', {
              count: rows.length,
              from: dateText(new Date(first).toISOString()),
              to: dateText(new Date(last).toISOString()),
              today: dateText(today),
            })}
          </desc>
          <Patterns id={id} />
          <line x1="0" x2="100%" y1={TOP - 6} y2={TOP - 6} stroke={AXIS} />
          {axis(3, '@md:hidden')}
          {axis(6, 'hidden @md:inline')}
          {rows.map((row, i) => {
            const top = TOP + i * ROW;
            const { startX, width } = geometry(row);
            const style = STYLE[row.statusKind];
            const progress = row.progress === undefined ? null : Math.min(Math.max(row.progress, 0), 1);
            return (
              <g key={row.id} data-kind={row.statusKind}>
                <rect
                  x={`${startX}%`}
                  y={top + BAR_Y}
                  width={`${width}%`}
                  height={BAR_H}
                  rx={3}
                  fill={fillOf(id, row.statusKind)}
                  stroke={style.stroke}
                  strokeWidth={1.5}
                />
                {progress !== null && progress > 0 && row.statusKind !== 'done' ? (
                  <rect x={`${startX}%`} y={top + BAR_Y + BAR_H - 5} width={`${round(width * progress)}%`} height={5} fill={style.stroke} />
                ) : null}
              </g>
            );
          })}
          <line x1={`${todayX}%`} x2={`${todayX}%`} y1={TOP - 4} y2={height - 14} stroke={TODAY} strokeWidth={2} strokeDasharray="4 3" />
          <text x={`${todayX}%`} y={height - 2} textAnchor={todayX > 85 ? 'end' : todayX < 15 ? 'start' : 'middle'} fontWeight={600} fill={TODAY} {...halo}>
            {t('commitmentsPages.gantt.today')}
          </text>
          {/* Labels last, over the today line (their outline keeps them legible). */}
          {rows.map((row, i) => {
            const top = TOP + i * ROW;
            const { startX, endX } = geometry(row);
            // A label starts at its bar, or ends at it when the bar lies in the right half; the narrow set leaves
            // the state out (the pattern and the legend say it there, the table in words).
            const anchorEnd = startX > 45;
            const labelX = anchorEnd ? endX : startX;
            const anchor = anchorEnd ? 'end' : 'start';
            return (
              <g key={row.id} fontWeight={600} fill="#0f172a">
                <text x={`${labelX}%`} y={top + 13} textAnchor={anchor} className="@md:hidden" {...halo}>
                  {shorten(row.label, 24)}
                </text>
                <text x={`${labelX}%`} y={top + 13} textAnchor={anchor} className="hidden @md:inline" {...halo}>
                  {shorten(row.label, 40)} · {row.status}
                </text>
              </g>
            );
          })}
        </svg>
      </div>
      <details className="mt-3 text-sm" data-testid="gantt-table">
        <summary className="cursor-pointer text-brand-700 underline">{t('commitmentsPages.gantt.table')}</summary>
        <div className="max-h-96 overflow-auto">
          <table className="mt-2 w-full text-left">
            <caption className="sr-only">{caption}</caption>
            <thead>
              <tr className="text-slate-600">
                <th scope="col" className="py-1 pr-3 font-medium">
                  {t('commitmentsPages.gantt.item')}
                </th>
                <th scope="col" className="py-1 pr-3 font-medium">
                  {t('commitmentsPages.gantt.start')}
                </th>
                <th scope="col" className="py-1 pr-3 font-medium">
                  {t('commitmentsPages.gantt.end')}
                </th>
                <th scope="col" className="py-1 pr-3 font-medium">
                  {t('commitmentsPages.gantt.status')}
                </th>
                {rows.some((row) => row.progress !== undefined) ? (
                  <th scope="col" className="py-1 font-medium">
                    {t('commitmentsPages.gantt.progress')}
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id} className="border-t border-slate-100">
                  <th scope="row" className="py-1 pr-3 font-normal">
                    {row.href ? (
                      <Link to={row.href} className="text-brand-800 underline underline-offset-2">
                        {row.label}
                      </Link>
                    ) : (
                      row.label
                    )}
                  </th>
                  <td className="py-1 pr-3 whitespace-nowrap">{dateText(row.start)}</td>
                  <td className="py-1 pr-3 whitespace-nowrap">{dateText(row.end)}</td>
                  <td className="py-1 pr-3">{row.status}</td>
                  {rows.some((r) => r.progress !== undefined) ? (
                    <td className="py-1 tabular-nums">
                      {row.progress === undefined ? '' : t('commitment.progress', { percent: Math.floor(row.progress * 100) })}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
