// Issues per month as an SVG bar chart, drawn from geometry the loader computed with d3-scale
// (app/web/issues.server.ts monthChart): the same markup on the server and the client, no chart code in the browser.
// It is an image named by its <title> and described by its <desc>; the page's table carries the same figures.
import { useId } from 'react';
import type { MonthChart } from '../web/issues.server';
import { useT } from '../web/i18n';

// brand-600 bars (6.4:1 on white) and the slate-500 axis (4.8:1) meet the 3:1 for graphics; text slate-700.
const BAR = '#1d6a80';
const AXIS = '#64748b';
const GRID = '#e2e8f0';
const TEXT = '#334155';

export function IssueMonthBars({ chart, title }: { chart: MonthChart; title: string }) {
  const t = useT();
  const id = useId();
  const { height, plotBottom } = chart;
  const label = (count: number, exact: boolean) => (exact ? t.number(count) : `≥${t.number(Math.max(count, 1))}`);
  return (
    <div className="pl-9 pr-1">
      <svg
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        width="100%"
        height={height}
        className="block overflow-visible tabular-nums"
        fontSize={12}
        fill={TEXT}
        data-testid="issues-month-chart"
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>
          {t('issuesPages.stats.chartDesc', {
            from: t.date(chart.domain[0], { month: 'long', year: 'numeric', timeZone: 'UTC' }),
            to: t.date(chart.bars.at(-1)?.date ?? chart.domain[1], { month: 'long', year: 'numeric', timeZone: 'UTC' }),
          })}
        </desc>
        {chart.yTicks.map((tick) => (
          <g key={tick.value}>
            {tick.value > 0 ? <line x1="0" x2="100%" y1={tick.y} y2={tick.y} stroke={GRID} /> : null}
            <text x={-8} y={tick.y} dy="0.32em" textAnchor="end">
              {t.number(tick.value)}
            </text>
          </g>
        ))}
        {chart.bars.map((bar) => (
          <g key={bar.month}>
            <rect x={`${bar.x}%`} y={bar.y} width={`${bar.width}%`} height={Math.max(plotBottom - bar.y, 0)} fill={BAR} />
            {bar.count > 0 || !bar.exact ? (
              <text x={`${bar.x + bar.width / 2}%`} y={bar.y - 6} textAnchor="middle" fontWeight={600} fill="#0f172a">
                {label(bar.count, bar.exact)}
              </text>
            ) : null}
            <text x={`${bar.x + bar.width / 2}%`} y={plotBottom + 18} textAnchor="middle" className="hidden sm:inline">
              {t.date(bar.date, { month: 'short', timeZone: 'UTC' })}
            </text>
          </g>
        ))}
        <line x1="0" x2="100%" y1={plotBottom} y2={plotBottom} stroke={AXIS} />
      </svg>
    </div>
  );
}
