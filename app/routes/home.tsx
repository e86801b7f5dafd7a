import { Link } from 'react-router';
import type { Route } from './+types/home';
import { buttonClass } from '../components/ui';
import { localized } from '../domain/localized';
import { signatureCounts } from '../domain/pledge-queries.server';
import { metaT, useT } from '../web/i18n';
import { routeContext } from '../web/route.server';

export const meta: Route.MetaFunction = ({ matches }) => {
  const t = metaT(matches);
  return [{ title: `${t('app.name')} — ${t('home.metaTitle')}` }, { name: 'description', content: t('app.tagline') }];
};

/** Live pledges shown on the start page; the rest are one click away. */
const LIVE_PLEDGES = 6;

export async function loader({ request }: Route.LoaderArgs) {
  const { auth, ctx } = await routeContext(request);
  const { db } = ctx;
  const now = new Date();
  const [verified, customs, countries, livePledges, pledges] = await Promise.all([
    db.organization.count({ where: { verified: true } }),
    db.organization.count({ where: { verified: true, kind: 'CUSTOMS_ADMINISTRATION' } }),
    db.organization.groupBy({ by: ['country'], where: { verified: true } }),
    db.pledge.count({ where: { status: 'PUBLISHED' } }),
    db.pledge.findMany({
      where: { status: 'PUBLISHED' },
      select: { id: true, slug: true, title: true, translations: true, currentVersion: true, publishedAt: true },
      orderBy: [{ publishedAt: 'desc' }, { id: 'asc' }],
      take: LIVE_PLEDGES,
    }),
  ]);
  // Headline figures count verified organisations only, as the registers do; unverified signatures are said apart.
  const counts = await signatureCounts(
    db,
    pledges.map((p) => p.id),
    now,
  );
  const activeSignatures = [...counts.values()].reduce((sum, c) => sum + c.ACTIVE, 0);
  return {
    signedIn: !!auth.user,
    stats: { verified, customs, countries: countries.length, pledges: livePledges, signatures: activeSignatures },
    morePledges: livePledges > pledges.length,
    pledges: pledges.map((p) => ({
      slug: p.slug,
      title: localized(p, 'title', auth.locale, p.title),
      version: p.currentVersion,
      publishedAt: p.publishedAt?.toISOString() ?? null,
      active: counts.get(p.id)?.ACTIVE ?? 0,
      unverified: counts.get(p.id)?.unverified ?? 0,
    })),
  };
}

const available = ['pledges', 'audit'] as const;
const coming = ['issues', 'commitments'] as const;

export default function Home({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { signedIn, stats, pledges, morePledges } = loaderData;
  const figures = [
    ['verified', stats.verified],
    ['customs', stats.customs],
    ['countries', stats.countries],
    ['signatures', stats.signatures],
  ] as const;
  return (
    <div className="space-y-12">
      <section className="on-dark rounded-2xl bg-gradient-to-br from-brand-800 to-brand-900 px-6 py-12 text-white shadow-lg sm:px-10 sm:py-16">
        <h1 className="max-w-3xl text-3xl font-semibold tracking-tight sm:text-4xl">{t('home.title')}</h1>
        <p className="mt-4 max-w-2xl text-lg text-brand-50">{t('home.lead')}</p>
        <div className="mt-8 flex flex-wrap gap-3">
          {signedIn ? (
            <Link to="/dashboard" className={buttonClass('secondary')}>
              {t('home.cta.dashboard')}
            </Link>
          ) : (
            <>
              <Link
                to="/signup"
                className="inline-flex min-h-11 items-center rounded-lg bg-amber-400 px-5 py-2 text-sm font-semibold text-brand-900 hover:bg-amber-300"
              >
                {t('home.cta.start')}
              </Link>
              <Link
                to="/signin"
                className="inline-flex min-h-11 items-center rounded-lg border border-white/50 px-5 py-2 text-sm font-semibold text-white hover:bg-white/10"
              >
                {t('home.cta.signIn')}
              </Link>
            </>
          )}
          <Link
            to="/pledges"
            className="inline-flex min-h-11 items-center rounded-lg px-5 py-2 text-sm font-semibold text-white underline underline-offset-4 hover:bg-white/10"
          >
            {t('home.pledges.all')}
          </Link>
          <Link
            to="/organizations"
            className="inline-flex min-h-11 items-center rounded-lg px-5 py-2 text-sm font-semibold text-white underline underline-offset-4 hover:bg-white/10"
          >
            {t('home.cta.directory')}
          </Link>
        </div>
        <h2 className="sr-only">{t('home.stats.label')}</h2>
        {/* Number above its label, each in its own cell: long Russian labels wrap inside the cell, never into the next figure. */}
        <dl className="mt-10 grid max-w-3xl grid-cols-2 gap-x-6 gap-y-6 sm:grid-cols-4" data-testid="home-stats">
          {figures.map(([key, value]) => (
            <div key={key} className="flex min-w-0 flex-col">
              <dt className="text-sm break-words hyphens-auto text-brand-100">{t(`home.stats.${key}`)}</dt>
              <dd className="order-first text-3xl font-semibold tabular-nums">{t.number(value)}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="live-pledges">
        <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
          <div>
            <h2 id="live-pledges" className="text-xl font-semibold text-brand-900">
              {t('home.pledges.title')}
            </h2>
            <p className="mt-1 text-slate-700">{t('home.pledges.lead')}</p>
          </div>
          {morePledges ? (
            <Link to="/pledges" className="font-semibold text-brand-700 underline underline-offset-2">
              {t('home.pledges.all')}
            </Link>
          ) : null}
        </div>
        {pledges.length === 0 ? (
          <p className="rounded-xl border border-slate-200 bg-white p-6 text-slate-700">{t('home.pledges.none')}</p>
        ) : (
          <ul className="grid gap-4 sm:grid-cols-2" data-testid="live-pledges">
            {pledges.map((pledge) => (
              <li key={pledge.slug} className="flex flex-col rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
                <h3 className="text-lg font-semibold">
                  <Link to={`/pledges/${pledge.slug}`} className="text-brand-700 underline underline-offset-2 hover:text-brand-900">
                    {pledge.title}
                  </Link>
                </h3>
                {pledge.publishedAt ? (
                  <p className="mt-1 text-sm text-slate-600">
                    {t('home.pledges.version', { version: String(pledge.version), date: t.date(pledge.publishedAt) })}
                  </p>
                ) : null}
                <p className="mt-3 text-sm text-slate-900">
                  <Link to={`/pledges/${pledge.slug}/register`} className="font-medium text-brand-700 underline underline-offset-2">
                    {t('home.pledges.active', { count: pledge.active })}
                  </Link>
                  {pledge.unverified ? <span className="block text-slate-600">{t('home.pledges.unverified', { count: pledge.unverified })}</span> : null}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="features-now">
        <h2 id="features-now" className="mb-4 text-xl font-semibold text-brand-900">
          {t('home.features.now')}
        </h2>
        <div className="grid gap-6 sm:grid-cols-2">
          {available.map((feature) => (
            <div key={feature} className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
              <h3 className="text-lg font-semibold text-brand-900">{t(`home.feature.${feature}.title`)}</h3>
              <p className="mt-2 text-slate-700">{t(`home.feature.${feature}.body`)}</p>
            </div>
          ))}
        </div>
      </section>

      <section aria-labelledby="features-coming">
        <h2 id="features-coming" className="mb-4 text-xl font-semibold text-brand-900">
          {t('home.features.coming')}
        </h2>
        <div className="grid gap-6 sm:grid-cols-2">
          {coming.map((feature) => (
            <div key={feature} className="rounded-xl border border-dashed border-slate-300 bg-slate-50 p-6">
              <h3 className="text-lg font-semibold text-slate-800">{t(`home.feature.${feature}.title`)}</h3>
              <p className="mt-1 text-sm font-medium text-slate-700">{t('home.feature.coming')}</p>
              <p className="mt-2 text-slate-700">{t(`home.feature.${feature}.body`)}</p>
            </div>
          ))}
        </div>
      </section>
    </div>
  );
}
