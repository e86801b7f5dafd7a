// The register's two charts as plain SVG, drawn from geometry the loader computed with d3 (app/web/pledge-charts.server.ts).
// No chart code runs in the browser: the markup is the same on the server and the client, and it is there without
// JavaScript. Each chart is an image (role="img") named by its <title> and described by its <desc>; the figure
// around it carries the numbers as a table. Width follows the container; text keeps its size (12 px), and a
// container query picks the set of date labels that fits the width.
import { useId } from 'react';
import type { DateLabel, KindBar, OverTimeChart, TimeTick } from '../web/pledge-charts.server';
import { useT } from '../web/i18n';

// Colours on the white card: the line and bars (brand-700 8.6:1, brand-600 6.4:1) and the axis (slate-500 4.8:1)
// meet the 3:1 needed by graphics, the text (slate-700, 10:1) the 4.5:1 needed by text. Grid and area are decoration.
const LINE = '#155569';
const BAR = '#1d6a80';
const AREA = '#d5e9ee';
const AXIS = '#64748b';
const GRID = '#e2e8f0';
const TEXT = '#334155';

/** Intl options per kind of date label: written in the page's locale, in UTC (t.date), so server and browser agree. */
const DATE_LABELS: Record<DateLabel, Intl.DateTimeFormatOptions> = {
  year: { year: 'numeric' },
  month: { month: 'short' },
  monthYear: { month: 'short', year: 'numeric' },
  day: { day: 'numeric', month: 'short' },
  dayYear: { day: 'numeric', month: 'short', year: 'numeric' },
};

/** A label drawn over lines and areas: a white outline keeps it legible where it crosses them. */
const halo = { stroke: 'white', strokeWidth: 4, strokeLinejoin: 'round', paintOrder: 'stroke' } as const;

function DateTicks({ ticks, y, className }: { ticks: TimeTick[]; y: number; className: string }) {
  const t = useT();
  return (
    <g className={className}>
      {ticks.map((tick) => (
        <g key={tick.date}>
          <line x1={`${tick.x}%`} x2={`${tick.x}%`} y1={y} y2={y + 5} stroke={AXIS} />
          <text x={`${tick.x}%`} y={y + 20} textAnchor={tick.anchor}>
            {t.date(tick.date, DATE_LABELS[tick.label])}
          </text>
        </g>
      ))}
    </g>
  );
}

/** Organisations that have signed, over time: a step line on a time scale, from the first signature to today. */
export function SignaturesLine({ chart, title }: { chart: OverTimeChart; title: string }) {
  const t = useT();
  const id = useId();
  const { height, plotTop, plotBottom, end } = chart;
  return (
    // The left padding holds the count labels, drawn outside the SVG's box (overflow visible) at negative x.
    <div className="@container pl-9 pr-1">
      <svg
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        width="100%"
        height={height}
        className="block overflow-visible tabular-nums"
        fontSize={12}
        fill={TEXT}
        data-testid="chart-over-time"
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{t('charts.overTimeDesc', { from: t.date(chart.domain[0]), today: t.date(chart.domain[1]), total: end.total })}</desc>
        {chart.yTicks.map((tick) => (
          <g key={tick.value}>
            {tick.value > 0 ? <line x1="0" x2="100%" y1={tick.y} y2={tick.y} stroke={GRID} /> : null}
            <text x={-8} y={tick.y} dy="0.32em" textAnchor="end">
              {t.number(tick.value)}
            </text>
          </g>
        ))}
        {/* The plot: 100 units wide, stretched to the width; its strokes keep their width. */}
        <svg x="0" y="0" width="100%" height={height} viewBox={`0 0 100 ${height}`} preserveAspectRatio="none" overflow="visible">
          <path d={chart.area} fill={AREA} fillOpacity={0.7} />
          <path d={chart.line} fill="none" stroke={LINE} strokeWidth={2.5} strokeLinejoin="round" vectorEffect="non-scaling-stroke" />
        </svg>
        <line x1="0" x2="100%" y1={plotBottom} y2={plotBottom} stroke={AXIS} />
        <DateTicks ticks={chart.xTicks.narrow} y={plotBottom} className="@md:hidden" />
        <DateTicks ticks={chart.xTicks.wide} y={plotBottom} className="hidden @md:inline" />
        <circle cx="100%" cy={end.y} r={4.5} fill={LINE} stroke="white" strokeWidth={2} />
        <text x="100%" y={Math.max(end.y - 12, plotTop - 18)} textAnchor="end" fontWeight={600} fill="#0f172a" {...halo}>
          {t('charts.today', { total: end.total })}
        </text>
      </svg>
    </div>
  );
}

const ROW = 58;

/** Active signatures by kind: one horizontal bar per kind from a common zero, its count written at its end. */
export function KindBars({ bars, title }: { bars: KindBar[]; title: string }) {
  const t = useT();
  const id = useId();
  const height = bars.length * ROW;
  return (
    <svg
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      width="100%"
      height={height}
      className="block overflow-visible tabular-nums"
      fontSize={12}
      fill={TEXT}
      data-testid="chart-by-kind"
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>
        {t('charts.byKindDesc', {
          customs: bars.find((bar) => bar.kind === 'CUSTOMS_ADMINISTRATION')?.count ?? 0,
          business: bars.find((bar) => bar.kind === 'BUSINESS_ASSOCIATION')?.count ?? 0,
        })}
      </desc>
      {bars.map((bar, i) => {
        const top = i * ROW;
        return (
          <g key={bar.kind}>
            <text x="0" y={top + 14} fontSize={13} fontWeight={600} fill="#0f172a">
              {t(`kind.plural.${bar.kind}`)}
            </text>
            {bar.count > 0 ? <rect x="0" y={top + 22} width={`${bar.width}%`} height={26} rx={3} fill={BAR} /> : null}
            <text x={`${bar.width}%`} dx={bar.count > 0 ? 8 : 6} y={top + 35} dy="0.35em" fontSize={13} fontWeight={600} fill="#0f172a">
              {t.number(bar.count)}
            </text>
          </g>
        );
      })}
      {/* The common zero. */}
      <line x1="0" x2="0" y1={18} y2={height - 6} stroke={AXIS} />
    </svg>
  );
}
