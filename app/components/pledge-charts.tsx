// The register's two charts (Recharts), drawn in the browser, each with its data as a table for screen readers and
// for readers without JavaScript.
import { useEffect, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useT } from '../web/i18n';

function useMounted() {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return mounted;
}

/** A chart's data as a table: always in the page, open when the chart cannot be drawn (no JavaScript yet). */
function ChartData({ open, headers, rows }: { open: boolean; headers: [string, string]; rows: [string, string][] }) {
  const t = useT();
  return (
    <details className="mt-2 text-sm" open={open}>
      <summary className="cursor-pointer text-brand-700 underline">{t('register.chartTable')}</summary>
      <table className="mt-2 w-full text-left">
        <thead>
          <tr className="text-slate-600">
            {headers.map((h) => (
              <th key={h} scope="col" className="py-1 font-medium">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(([a, b], i) => (
            <tr key={i}>
              <td className="py-1">{a}</td>
              <td className="py-1">{b}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

export function SignaturesOverTime({ points }: { points: { date: string; total: number }[] }) {
  const t = useT();
  const mounted = useMounted();
  const data = points.map((p) => ({ ...p, label: t.date(p.date, { month: 'short', year: 'numeric' }) }));
  return (
    <figure>
      <figcaption className="mb-2 text-sm font-semibold text-slate-900">{t('register.overTime')}</figcaption>
      {mounted && data.length > 0 ? (
        <div className="h-56 w-full" aria-hidden="true">
          <ResponsiveContainer width="100%" height="100%">
            <LineChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
              <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />
              <XAxis dataKey="label" tick={{ fontSize: 12, fill: '#334155' }} />
              <YAxis allowDecimals={false} tick={{ fontSize: 12, fill: '#334155' }} width={32} />
              <Tooltip />
              <Line type="stepAfter" dataKey="total" name={t('register.total')} stroke="#155569" strokeWidth={3} dot={{ r: 4 }} isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        </div>
      ) : null}
      <ChartData open={!mounted} headers={[t('register.date'), t('register.total')]} rows={points.map((p) => [t.date(p.date), t.number(p.total)])} />
    </figure>
  );
}

export function CustomsVersusBusiness({ counts }: { counts: Record<string, number> }) {
  const t = useT();
  const mounted = useMounted();
  const data = (['CUSTOMS_ADMINISTRATION', 'BUSINESS_ASSOCIATION'] as const).map((kind) => ({ kind: t(`kind.plural.${kind}`), count: counts[kind] ?? 0 }));
  return (
    <figure>
      <figcaption className="mb-2 text-sm font-semibold text-slate-900">{t('register.byKind')}</figcaption>
      {mounted ? (
        <div className="h-56 w-full" aria-hidden="true">
          <ResponsiveContainer width="100%" height="100%">
            <BarChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
              <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />
              <XAxis dataKey="kind" tick={{ fontSize: 12, fill: '#334155' }} />
              <YAxis allowDecimals={false} tick={{ fontSize: 12, fill: '#334155' }} width={32} />
              <Tooltip />
              <Bar dataKey="count" name={t('register.count')} fill="#1d6a80" radius={[6, 6, 0, 0]} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>
      ) : null}
      <ChartData open={!mounted} headers={[t('register.kind'), t('register.count')]} rows={data.map((d) => [d.kind, t.number(d.count)])} />
    </figure>
  );
}
