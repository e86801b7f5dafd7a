// The geometry of the register's charts, computed on the server with d3-scale and d3-shape. Loaders send the result
// (paths, tick positions, dates as ISO text) and the components in pledge-charts.tsx draw it as plain SVG, so a chart
// costs the browser no JavaScript, is drawn without JavaScript, and renders the same on the server and the client.
//
// Coordinates: a chart is a fixed number of pixels high and as wide as its container. Vertical positions are pixels;
// horizontal positions are percentages of the width (0–100), which SVG accepts for text, lines, circles and rects, and
// which the plot's paths use through a viewBox 100 units wide that stretches to the width (preserveAspectRatio none,
// strokes that do not scale). Text therefore keeps its size on a phone and on a desktop alike.
import { type ScaleTime, scaleLinear, scaleUtc } from 'd3-scale';
import { area, curveStepAfter, line } from 'd3-shape';
import { SIGNING_KINDS, type SigningKind } from '../domain/pledge-register-query';

const DAY = 24 * 60 * 60 * 1000;
/** A history shorter than a week is still drawn over a week, so that its date labels are whole days. */
const MIN_SPAN = 7 * DAY;

export const LINE_CHART = {
  height: 232,
  /** Room above the plot for the label of today's value at the end of the line. */
  plotTop: 32,
  /** Room below the plot for the date labels. */
  plotBottom: 232 - 30,
} as const;

/**
 * The most date labels a chart shows: 3 below 448 px of width (a 390 px phone leaves about 300 px), 6 from there on.
 * The two sets are both in the page; a container query shows the one that fits (see pledge-charts.tsx).
 */
export const MAX_TICKS = { narrow: 3, wide: 6 } as const;

/** How a date label is written: the components map each to Intl options for the page's locale, in UTC. */
export type DateLabel = 'year' | 'month' | 'monthYear' | 'day' | 'dayYear';

export type TimeTick = {
  /** The tick's instant, ISO 8601 (midnight UTC). */
  date: string;
  /** Position, percent of the width. */
  x: number;
  label: DateLabel;
  /** Labels near an edge are anchored to stay inside the chart. */
  anchor: 'start' | 'middle' | 'end';
};

export type OverTimeChart = {
  height: number;
  plotTop: number;
  plotBottom: number;
  /** The time axis: from the first signature (or a week before today) to today, midnight UTC, ISO 8601. */
  domain: [string, string];
  line: string;
  area: string;
  yTicks: { value: number; y: number }[];
  xTicks: { narrow: TimeTick[]; wide: TimeTick[] };
  /** Where the line ends: today, at the register's verified total. */
  end: { date: string; total: number; y: number };
};

const startOfUtcDay = (time: number) => {
  const d = new Date(time);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
};

/** First days of every k-th month (k divides 12, so 6 gives January and July), from start to stop inclusive. */
function everyMonths(k: number, start: Date, stop: Date): Date[] {
  const dates: Date[] = [];
  for (let m = Math.ceil((start.getUTCFullYear() * 12 + start.getUTCMonth()) / k) * k; ; m += k) {
    const date = new Date(Date.UTC(Math.floor(m / 12), m % 12, 1));
    if (date > stop) return dates;
    if (date >= start) dates.push(date);
  }
}

/** The 1st and the 15th of each month, from start to stop inclusive. */
function halfMonths(start: Date, stop: Date): Date[] {
  return everyMonths(1, new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() - 1, 1)), stop)
    .flatMap((first) => [first, new Date(first.getTime() + 14 * DAY)])
    .filter((date) => date >= start && date <= stop);
}

/** Midnights every k days (counted from 1 January 1970), from start to stop inclusive. */
function everyDays(k: number, start: Date, stop: Date): Date[] {
  const dates: Date[] = [];
  for (let day = Math.ceil(start.getTime() / DAY / k) * k; day * DAY <= stop.getTime(); day += k) dates.push(new Date(day * DAY));
  return dates;
}

/**
 * The most nice dates that fit: d3's time ticks (it treats the count as a hint, so several counts are tried), plus
 * the steps its scale skips (every 2, 4 or 6 months, half months, every 3 days) that fill the gaps between its own
 * steps, which otherwise leave a 20-month history a single label on a phone.
 */
function fittingTicks(x: ScaleTime<number, number>, max: number): Date[] {
  const [start, stop] = x.domain();
  const candidates = [
    ...Array.from({ length: max * 4 }, (_, i) => x.ticks(i + 1)),
    ...[2, 4, 6].map((k) => everyMonths(k, start, stop)),
    halfMonths(start, stop),
    everyDays(3, start, stop),
  ];
  return candidates.filter((ticks) => ticks.length <= max).reduce((best, ticks) => (ticks.length > best.length ? ticks : best), [] as Date[]);
}

/** Year labels when every tick is a new year, months when every tick is a month's first day, days otherwise; the
 * first label and the first of each new year carry the year. */
function dateLabels(ticks: Date[]): DateLabel[] {
  const years = ticks.every((d) => d.getUTCMonth() === 0 && d.getUTCDate() === 1);
  const months = ticks.every((d) => d.getUTCDate() === 1);
  return ticks.map((d, i) => {
    if (years) return 'year';
    const newYear = i === 0 || d.getUTCFullYear() !== ticks[i - 1].getUTCFullYear();
    if (months) return newYear ? 'monthYear' : 'month';
    return newYear ? 'dayYear' : 'day';
  });
}

const anchorAt = (x: number): TimeTick['anchor'] => (x < 10 ? 'start' : x > 90 ? 'end' : 'middle');
const round = (value: number, digits: number) => Number(value.toFixed(digits));

/**
 * The "organisations that have signed, over time" chart: a step line that counts up on each day an organisation
 * first signed and runs on to today, so its end is the verified total (active + lapsed + withdrawn). `points` is the
 * domain's series (signaturesOverTime: per day, ascending, ending today); `now` decides what today is, in UTC.
 * Null when nobody has signed yet.
 */
export function overTimeChart(points: { date: string; total: number }[], now: Date): OverTimeChart | null {
  if (!points.length) return null;
  const today = startOfUtcDay(now.getTime());
  const series = points.map((p) => ({ time: Date.parse(p.date), total: p.total })).filter((p) => p.time <= today);
  if (!series.length) return null;
  const total = series[series.length - 1].total;
  // The line runs to today even when the series handed in stops earlier.
  if (series[series.length - 1].time < today) series.push({ time: today, total });
  const start = Math.min(series[0].time, today - MIN_SPAN);
  // Before the first signature the count was nought: say so rather than start the line in mid-air.
  if (series[0].time > start) series.unshift({ time: start, total: 0 });

  const { height, plotTop, plotBottom } = LINE_CHART;
  const x = scaleUtc()
    .domain([new Date(start), new Date(today)])
    .range([0, 100]);
  // Whole organisations, on at most five grid lines: d3's count is a hint, so ask for fewer until that holds.
  const top = Math.max(total, 1);
  let count = Math.min(4, top);
  while (count > 1 && scaleLinear().domain([0, top]).nice(count).ticks(count).length > 5) count--;
  const y = scaleLinear().domain([0, top]).nice(count).range([plotBottom, plotTop]);
  const yTicks = y
    .ticks(count)
    .filter(Number.isInteger)
    .map((value) => ({ value, y: round(y(value), 1) }));

  const px = (p: { time: number }) => x(new Date(p.time));
  const py = (p: { total: number }) => y(p.total);
  const linePath = line<{ time: number; total: number }>().x(px).y(py).curve(curveStepAfter).digits(2)(series) ?? '';
  const areaPath = area<{ time: number; total: number }>().x(px).y0(plotBottom).y1(py).curve(curveStepAfter).digits(2)(series) ?? '';

  const tickSet = (max: number): TimeTick[] => {
    const ticks = fittingTicks(x, max);
    const labels = dateLabels(ticks);
    return ticks.map((d, i) => {
      const position = round(x(d), 2);
      return { date: d.toISOString(), x: position, label: labels[i], anchor: anchorAt(position) };
    });
  };

  return {
    height,
    plotTop,
    plotBottom,
    domain: [new Date(start).toISOString(), new Date(today).toISOString()],
    line: linePath,
    area: areaPath,
    yTicks,
    xTicks: { narrow: tickSet(MAX_TICKS.narrow), wide: tickSet(MAX_TICKS.wide) },
    end: { date: new Date(today).toISOString(), total, y: round(y(total), 1) },
  };
}

export type KindBar = { kind: SigningKind; count: number; /** Bar length, percent of the width. */ width: number };

/** The longest bar leaves this much of the width for its count, written after it. */
const BAR_SPACE = 84;

/** Active signatures by kind, as bars from a common zero: one per kind, in a fixed order (customs first). */
export function kindBars(counts: Record<SigningKind, number>): KindBar[] {
  const width = scaleLinear()
    .domain([0, Math.max(1, ...SIGNING_KINDS.map((kind) => counts[kind]))])
    .range([0, BAR_SPACE]);
  return SIGNING_KINDS.map((kind) => ({ kind, count: counts[kind], width: round(width(counts[kind]), 2) }));
}

/** Both charts of a register, for its loader. */
export function registerCharts(summary: { overTime: { date: string; total: number }[]; byKind: Record<SigningKind, number> }, now: Date) {
  return { overTime: overTimeChart(summary.overTime, now), byKind: kindBars(summary.byKind) };
}
