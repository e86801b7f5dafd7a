import { Link } from 'react-router';
import type { Route } from './+types/home';
import { getRequestAuth } from '../auth/session.server';
import { buttonClass } from '../components/ui';
import { services } from '../services.server';
import { useT } from '../web/i18n';

export async function loader({ request }: Route.LoaderArgs) {
  const auth = await getRequestAuth(request);
  const { db } = services();
  const [organizations, customs, countries] = await Promise.all([
    db.organization.count(),
    db.organization.count({ where: { kind: 'CUSTOMS_ADMINISTRATION' } }),
    db.organization.groupBy({ by: ['country'] }),
  ]);
  return { signedIn: !!auth.user, stats: { organizations, customs, countries: countries.length } };
}

const features = ['pledges', 'issues', 'commitments', 'audit'] as const;

export default function Home({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { signedIn, stats } = loaderData;
  return (
    <div className="space-y-12">
      <section className="rounded-2xl bg-gradient-to-br from-brand-800 to-brand-900 px-6 py-12 text-white shadow-lg sm:px-10 sm:py-16">
        <h1 className="max-w-3xl text-3xl font-semibold tracking-tight sm:text-4xl">{t('home.title')}</h1>
        <p className="mt-4 max-w-2xl text-lg text-brand-50">{t('home.lead')}</p>
        <div className="mt-8 flex flex-wrap gap-3">
          {signedIn ? (
            <Link to="/dashboard" className={buttonClass('secondary')}>
              {t('home.cta.dashboard')}
            </Link>
          ) : (
            <>
              <Link to="/signup" className="inline-flex min-h-11 items-center rounded-lg bg-amber-400 px-5 py-2 text-sm font-semibold text-brand-900 hover:bg-amber-300">
                {t('home.cta.start')}
              </Link>
              <Link to="/signin" className="inline-flex min-h-11 items-center rounded-lg border border-white/50 px-5 py-2 text-sm font-semibold text-white hover:bg-white/10">
                {t('home.cta.signIn')}
              </Link>
            </>
          )}
          <Link to="/organizations" className="inline-flex min-h-11 items-center rounded-lg px-5 py-2 text-sm font-semibold text-white underline underline-offset-4 hover:bg-white/10">
            {t('home.cta.directory')}
          </Link>
        </div>
        <dl className="mt-10 grid max-w-xl grid-cols-3 gap-6">
          {(
            [
              ['organizations', stats.organizations],
              ['customs', stats.customs],
              ['countries', stats.countries],
            ] as const
          ).map(([key, value]) => (
            <div key={key}>
              <dt className="text-sm text-brand-100">{t(`home.stats.${key}`)}</dt>
              <dd className="order-first text-3xl font-semibold">{t.number(value)}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section className="grid gap-6 sm:grid-cols-2">
        {features.map((feature) => (
          <div key={feature} className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
            <h2 className="text-lg font-semibold text-brand-900">{t(`home.feature.${feature}.title`)}</h2>
            <p className="mt-2 text-slate-700">{t(`home.feature.${feature}.body`)}</p>
          </div>
        ))}
      </section>
    </div>
  );
}
