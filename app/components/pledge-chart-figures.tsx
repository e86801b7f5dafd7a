// The register's charts as figures: a caption, the figures they must agree with, the drawing (plain SVG from geometry
// computed by the loader, see pledge-charts.tsx) and its data as a table, all rendered on the server: the charts
// need no JavaScript, and readers of the table (screen readers included) have every number.
import type { SigningKind } from '../domain/pledge-register-query';
import type { KindBar, OverTimeChart } from '../web/pledge-charts.server';
import { useT } from '../web/i18n';
import { KindBars, SignaturesLine } from './pledge-charts';

/** A chart's data as a table, folded behind its summary (a <details>, so it opens without JavaScript too). */
function ChartData({ headers, rows }: { headers: [string, string]; rows: [string, string][] }) {
  const t = useT();
  return (
    <details className="mt-3 text-sm">
      <summary className="cursor-pointer text-brand-700 underline">{t('register.chartTable')}</summary>
      <div className="max-h-72 overflow-auto">
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
                <td className="py-1 tabular-nums">{b}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

export function SignaturesOverTime({ points, chart, total }: { points: { date: string; total: number }[]; chart: OverTimeChart | null; total: number }) {
  const t = useT();
  return (
    <figure>
      <figcaption className="text-sm font-semibold text-slate-900">{t('register.overTime')}</figcaption>
      <p className="mb-3 text-sm text-slate-600">{t('registerChart.overTimeNote', { total })}</p>
      {chart ? <SignaturesLine chart={chart} title={t('register.overTime')} /> : <p className="text-sm text-slate-700">{t('register.empty')}</p>}
      <ChartData headers={[t('register.date'), t('register.total')]} rows={points.map((p) => [t.date(p.date), t.number(p.total)])} />
    </figure>
  );
}

export function ActiveByKind({ counts, bars }: { counts: Record<SigningKind, number>; bars: KindBar[] }) {
  const t = useT();
  return (
    <figure>
      <figcaption className="text-sm font-semibold text-slate-900">{t('register.byKind')}</figcaption>
      <p className="mb-3 text-sm text-slate-600">{t('registerChart.byKindNote', { total: counts.CUSTOMS_ADMINISTRATION + counts.BUSINESS_ASSOCIATION })}</p>
      <KindBars bars={bars} title={t('register.byKind')} />
      <ChartData headers={[t('register.kind'), t('register.count')]} rows={bars.map((bar) => [t(`kind.plural.${bar.kind}`), t.number(bar.count)])} />
    </figure>
  );
}
