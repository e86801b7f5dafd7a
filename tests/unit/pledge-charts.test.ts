// The register charts' geometry (app/web/pledge-charts.server.ts): a real time scale that ends today, a line whose
// last point is the total, date ticks in order that fit the width, and bars from a common zero.
import { describe, expect, it } from 'vitest';
import { LINE_CHART, MAX_TICKS, kindBars, overTimeChart } from '../../app/web/pledge-charts.server';

const DAY = 24 * 60 * 60 * 1000;
const now = new Date('2026-11-23T15:42:00Z');
const today = '2026-11-23T00:00:00.000Z';
const day = (iso: string) => `${iso}T00:00:00.000Z`;

/** The path's points as [x, y] pairs (d3 writes M/L/H/V/Z commands with absolute numbers). */
function pathPoints(d: string): [number, number][] {
  const points: [number, number][] = [];
  let x = 0;
  let y = 0;
  for (const [, command, args] of d.matchAll(/([MLHVZ])([^MLHVZ]*)/g)) {
    const numbers = args.split(/[ ,]+/).filter(Boolean).map(Number);
    if (command === 'M' || command === 'L') [x, y] = numbers;
    else if (command === 'H') x = numbers[0];
    else if (command === 'V') y = numbers[0];
    else continue;
    points.push([x, y]);
  }
  return points;
}

const series = [
  { date: day('2025-03-14'), total: 2 },
  { date: day('2025-06-02'), total: 5 },
  { date: day('2026-01-20'), total: 9 },
  { date: day('2026-09-05'), total: 12 },
  { date: today, total: 12 },
];

describe('the signatures-over-time chart', () => {
  const chart = overTimeChart(series, now)!;

  it('has a time axis from the first signature to today (midnight UTC)', () => {
    expect(chart.domain).toEqual([day('2025-03-14'), today]);
    expect(chart.end.date).toBe(today);
  });

  it('runs its line to today, where it equals the total', () => {
    const points = pathPoints(chart.line);
    const [x, y] = points[points.length - 1];
    expect(x).toBe(100);
    expect(chart.end.total).toBe(12);
    expect(y).toBeCloseTo(chart.end.y, 1);
    // The total sits on or under the top of the scale, and the line starts at the first signature's count.
    expect(chart.end.y).toBeGreaterThanOrEqual(LINE_CHART.plotTop);
    expect(points[0][0]).toBe(0);
    // It never goes down: y grows downwards in SVG.
    for (let i = 1; i < points.length; i++) expect(points[i][1]).toBeLessThanOrEqual(points[i - 1][1]);
  });

  it('places time proportionally: a date halfway through the domain is drawn halfway across', () => {
    const start = Date.parse(chart.domain[0]);
    const end = Date.parse(chart.domain[1]);
    for (const tick of [...chart.xTicks.narrow, ...chart.xTicks.wide]) {
      expect(tick.x).toBeCloseTo(((Date.parse(tick.date) - start) / (end - start)) * 100, 1);
    }
  });

  it('labels dates in order, inside the domain, no more than fit the width', () => {
    for (const [set, max] of [
      [chart.xTicks.narrow, MAX_TICKS.narrow],
      [chart.xTicks.wide, MAX_TICKS.wide],
    ] as const) {
      expect(set.length).toBeGreaterThanOrEqual(2);
      expect(set.length).toBeLessThanOrEqual(max);
      const times = set.map((tick) => Date.parse(tick.date));
      expect(times.every((time) => !Number.isNaN(time))).toBe(true);
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(new Set(times).size).toBe(times.length);
      expect(times[0]).toBeGreaterThanOrEqual(Date.parse(chart.domain[0]));
      expect(times[times.length - 1]).toBeLessThanOrEqual(Date.parse(today));
      // Nice dates: midnight UTC on a month's first day over a span of a year and more.
      expect(set.every((tick) => tick.date.endsWith('-01T00:00:00.000Z'))).toBe(true);
      // The first label says which year; others name a month unless a new year starts.
      expect(['monthYear', 'year']).toContain(set[0].label);
      expect(set.every((tick) => ['month', 'monthYear', 'year'].includes(tick.label))).toBe(true);
    }
    expect(chart.xTicks.wide.length).toBeGreaterThanOrEqual(chart.xTicks.narrow.length);
  });

  it('counts in whole organisations from zero, up to at least the total', () => {
    const values = chart.yTicks.map((tick) => tick.value);
    expect(values[0]).toBe(0);
    expect(values.every(Number.isInteger)).toBe(true);
    expect(values[values.length - 1]).toBeGreaterThanOrEqual(12);
    expect(chart.yTicks[0].y).toBe(LINE_CHART.plotBottom);
  });

  it('runs on to today when the series stops earlier, and is nothing without signatures', () => {
    const short = overTimeChart(series.slice(0, 4), now)!;
    expect(short.domain[1]).toBe(today);
    expect(pathPoints(short.line).at(-1)?.[0]).toBe(100);
    expect(short.end.total).toBe(12);
    expect(overTimeChart([], now)).toBeNull();
  });

  it('draws a first day over a week, from nought, labelled by day', () => {
    const first = overTimeChart([{ date: today, total: 3 }], now)!;
    expect(Date.parse(first.domain[1]) - Date.parse(first.domain[0])).toBe(7 * DAY);
    const points = pathPoints(first.line);
    expect(points[0]).toEqual([0, LINE_CHART.plotBottom]); // nought before the first signature
    expect(points.at(-1)).toEqual([100, first.end.y]);
    expect(first.end.total).toBe(3);
    expect(first.yTicks.map((tick) => tick.value)).toEqual([0, 1, 2, 3]);
    for (const tick of first.xTicks.wide) expect(['day', 'dayYear']).toContain(tick.label);
  });

  it('labels year by year over a long history', () => {
    const long = overTimeChart(
      [
        { date: day('2015-02-10'), total: 1 },
        { date: today, total: 40 },
      ],
      now,
    )!;
    expect(long.xTicks.narrow.every((tick) => tick.label === 'year' && tick.date.endsWith('-01-01T00:00:00.000Z'))).toBe(true);
  });
});

describe('the active-by-kind bars', () => {
  it('start from a common zero, in proportion, customs first', () => {
    const bars = kindBars({ CUSTOMS_ADMINISTRATION: 8, BUSINESS_ASSOCIATION: 2 });
    expect(bars.map((bar) => bar.kind)).toEqual(['CUSTOMS_ADMINISTRATION', 'BUSINESS_ASSOCIATION']);
    expect(bars.map((bar) => bar.count)).toEqual([8, 2]);
    expect(bars[1].width / bars[0].width).toBeCloseTo(2 / 8, 5);
    expect(bars[0].width).toBeLessThan(100); // room is left for the count written after the bar
  });

  it('draws nothing for none', () => {
    expect(kindBars({ CUSTOMS_ADMINISTRATION: 0, BUSINESS_ASSOCIATION: 0 }).map((bar) => bar.width)).toEqual([0, 0]);
  });
});
