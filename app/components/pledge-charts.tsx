// The register's two charts, drawn with Recharts. This module is loaded only in the browser, after the page is
// shown (see pledge-chart-figures.tsx), so Recharts is never part of the page's first load and never of other pages.
import { Bar, BarChart, CartesianGrid, LabelList, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

const axisTick = { fontSize: 12, fill: '#334155' };

/** Evenly spaced ticks between two instants: few enough to stay legible on a 390-pixel phone. */
function timeTicks(from: number, to: number, count: number) {
  if (to <= from) return [from];
  return Array.from({ length: count }, (_, i) => Math.round(from + ((to - from) * i) / (count - 1)));
}

export function SignaturesLine({
  points,
  formatDate,
  formatFullDate,
  seriesName,
}: {
  points: { time: number; total: number }[];
  formatDate: (time: number) => string;
  formatFullDate: (time: number) => string;
  seriesName: string;
}) {
  const from = points[0].time;
  const to = points[points.length - 1].time;
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart accessibilityLayer={false} data={points} margin={{ top: 8, right: 20, bottom: 8, left: 0 }}>
        <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />
        <XAxis
          dataKey="time"
          type="number"
          scale="time"
          domain={[from, to]}
          ticks={timeTicks(from, to, 4)}
          tickFormatter={formatDate}
          tick={axisTick}
          interval="preserveStartEnd"
          minTickGap={8}
        />
        <YAxis allowDecimals={false} tick={axisTick} width={40} domain={[0, 'auto']} />
        <Tooltip labelFormatter={(value) => formatFullDate(Number(value))} />
        <Line type="stepAfter" dataKey="total" name={seriesName} stroke="#155569" strokeWidth={3} dot={false} isAnimationActive={false} />
      </LineChart>
    </ResponsiveContainer>
  );
}

export function KindBars({ bars, seriesName }: { bars: { label: string; count: number }[]; seriesName: string }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart accessibilityLayer={false} data={bars} margin={{ top: 20, right: 16, bottom: 8, left: 0 }}>
        <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="label" tick={axisTick} interval={0} />
        <YAxis allowDecimals={false} tick={axisTick} width={40} />
        <Tooltip />
        <Bar dataKey="count" name={seriesName} fill="#1d6a80" radius={[6, 6, 0, 0]} isAnimationActive={false}>
          <LabelList dataKey="count" position="top" fill="#0f172a" fontSize={12} />
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}
