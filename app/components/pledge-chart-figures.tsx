// The register's charts as figures: a caption, the figures they must agree with, and their data as a table that is
// rendered on the server (so readers without JavaScript, and screen readers, have the numbers). The drawing itself
// is loaded on demand once the page runs in a browser (React.lazy), keeping Recharts out of the first load.
import { type RefObject, Suspense, lazy, useEffect, useRef, useState } from 'react';
import type { SigningKind } from '../domain/pledge-register-query';
import { useT } from '../web/i18n';

const SignaturesLine = lazy(() => import('./pledge-charts').then((m) => ({ default: m.SignaturesLine })));
const KindBars = lazy(() => import('./pledge-charts').then((m) => ({ default: m.KindBars })));

function useMounted() {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return mounted;
}

/** True once the element comes near the viewport: on a phone the charts (and Recharts) load only when scrolled to. */
function useNearViewport(ref: RefObject<HTMLElement | null>) {
  const [near, setNear] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof IntersectionObserver === 'undefined') return setNear(true);
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          setNear(true);
          observer.disconnect();
        }
      },
      { rootMargin: '200px' },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return near;
}

/** A chart's data as a table: always in the page, open when the chart cannot be drawn (no JavaScript yet). */
function ChartData({ open, headers, rows }: { open: boolean; headers: [string, string]; rows: [string, string][] }) {
  const t = useT();
  return (
    <details className="mt-2 text-sm" open={open}>
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

export function SignaturesOverTime({ points, total }: { points: { date: string; total: number }[]; total: number }) {
  const t = useT();
  const mounted = useMounted();
  const ref = useRef<HTMLElement>(null);
  const near = useNearViewport(ref);
  const data = points.map((p) => ({ time: Date.parse(p.date), total: p.total }));
  return (
    <figure ref={ref}>
      <figcaption className="text-sm font-semibold text-slate-900">{t('register.overTime')}</figcaption>
      <p className="mb-2 text-sm text-slate-600">{t('registerChart.overTimeNote', { total })}</p>
      {near && data.length > 0 ? (
        <div className="h-56 w-full" aria-hidden="true">
          <Suspense fallback={null}>
            <SignaturesLine
              points={data}
              seriesName={t('register.total')}
              formatDate={(time) => t.date(new Date(time), { month: 'short', year: '2-digit' })}
              formatFullDate={(time) => t.date(new Date(time))}
            />
          </Suspense>
        </div>
      ) : null}
      <ChartData open={!mounted} headers={[t('register.date'), t('register.total')]} rows={points.map((p) => [t.date(p.date), t.number(p.total)])} />
    </figure>
  );
}

export function ActiveByKind({ counts }: { counts: Record<SigningKind, number> }) {
  const t = useT();
  const mounted = useMounted();
  const ref = useRef<HTMLElement>(null);
  const near = useNearViewport(ref);
  const kinds = ['CUSTOMS_ADMINISTRATION', 'BUSINESS_ASSOCIATION'] as const;
  return (
    <figure ref={ref}>
      <figcaption className="text-sm font-semibold text-slate-900">{t('register.byKind')}</figcaption>
      <p className="mb-2 text-sm text-slate-600">{t('registerChart.byKindNote', { total: counts.CUSTOMS_ADMINISTRATION + counts.BUSINESS_ASSOCIATION })}</p>
      {near ? (
        <div className="h-56 w-full" aria-hidden="true">
          <Suspense fallback={null}>
            <KindBars bars={kinds.map((kind) => ({ label: t(`registerChart.short.${kind}`), count: counts[kind] }))} seriesName={t('register.count')} />
          </Suspense>
        </div>
      ) : null}
      <ChartData
        open={!mounted}
        headers={[t('register.kind'), t('register.count')]}
        rows={kinds.map((kind) => [t(`kind.plural.${kind}`), t.number(counts[kind])])}
      />
    </figure>
  );
}
