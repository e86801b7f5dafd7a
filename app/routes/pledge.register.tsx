import { Link } from 'react-router';
import type { Route } from './+types/pledge.register';
import { CustomsVersusBusiness, SignaturesOverTime } from '../components/pledge-charts';
import { Badge, Card, KindBadge, PageHeader, buttonClass, SignatureStatusBadge } from '../components/ui';
import { countryName } from '../domain/countries';
import { pledgeRegister } from '../domain/pledge-register.server';
import { services } from '../services.server';
import { useT } from '../web/i18n';
import { findPledgeBySlug } from '../web/pledges.server';

/** The public register: no sign-in needed. */
export async function loader({ params }: Route.LoaderArgs) {
  const pledge = await findPledgeBySlug(params.slug);
  if (pledge.status === 'DRAFT') throw new Response('Not found', { status: 404 });
  const register = await pledgeRegister(services().db, pledge.id);
  return { pledge: { slug: pledge.slug, title: pledge.title, currentVersion: pledge.currentVersion, renewalMonths: pledge.renewalMonths }, register };
}

export default function Register({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { pledge, register } = loaderData;
  return (
    <div>
      <PageHeader
        title={t('register.title')}
        lead={t('register.lead', { title: pledge.title })}
        actions={
          <Link to={`/pledges/${pledge.slug}`} className={buttonClass('secondary')}>
            {t('register.back')}
          </Link>
        }
      />
      <section aria-labelledby="counts-heading" className="mb-6">
        <h2 id="counts-heading" className="sr-only">
          {t('register.counts')}
        </h2>
        <dl className="grid gap-4 sm:grid-cols-3">
          {(['ACTIVE', 'LAPSED', 'WITHDRAWN'] as const).map((status) => (
            <div key={status} className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
              <dt className="text-sm text-slate-600">{t(`signatureStatus.${status}`)}</dt>
              <dd className="mt-1 text-3xl font-semibold text-brand-900" data-testid={`count-${status}`}>
                {t.number(register.counts[status])}
              </dd>
            </div>
          ))}
        </dl>
      </section>
      <div className="mb-8 grid gap-6 lg:grid-cols-2">
        <Card>
          <SignaturesOverTime points={register.timeline} />
        </Card>
        <Card>
          <CustomsVersusBusiness counts={register.activeByKind} />
        </Card>
      </div>
      {register.groups.length === 0 ? (
        <Card>
          <p>{t('register.empty')}</p>
        </Card>
      ) : (
        <div className="space-y-8">
          {register.groups.map((group) => (
            <section key={group.kind} aria-labelledby={`kind-${group.kind}`}>
              <h2 id={`kind-${group.kind}`} className="mb-3 text-xl font-semibold text-brand-900">
                {t(`kind.plural.${group.kind}`)}
              </h2>
              <div className="space-y-4">
                {group.countries.map((country) => (
                  <Card key={country.country} aria-labelledby={`country-${group.kind}-${country.country}`}>
                    <h3 id={`country-${group.kind}-${country.country}`} className="mb-2 font-semibold text-slate-900">
                      {countryName(country.country, t.locale)}
                    </h3>
                    <ul className="divide-y divide-slate-100">
                      {country.signatures.map((s) => (
                        <li key={s.id} className="py-3" data-testid="register-entry">
                          <div className="flex flex-wrap items-center gap-2">
                            <Link to={`/organizations/${s.organization.slug}`} className="font-medium text-slate-900 hover:underline">
                              {s.organization.name}
                            </Link>
                            <KindBadge kind={s.organization.kind} />
                            <SignatureStatusBadge status={s.status} />
                          </div>
                          <p className="mt-1 text-sm text-slate-600">
                            {t('register.signed', { date: t.date(s.signedAt), version: s.version })}
                            {s.lastRenewedAt !== s.signedAt ? ` · ${t('register.renewed', { date: t.date(s.lastRenewedAt) })}` : ''}
                            {s.status === 'ACTIVE' && s.renewalDueAt ? ` · ${t('register.due', { date: t.date(s.renewalDueAt) })}` : ''}
                            {s.withdrawnAt ? ` · ${t('register.withdrawn', { date: t.date(s.withdrawnAt) })}` : ''}
                          </p>
                          {s.statement ? (
                            <blockquote className="mt-2 border-l-4 border-brand-200 pl-3 text-sm whitespace-pre-line text-slate-800">
                              <span className="sr-only">{t('register.statement')}: </span>
                              {s.statement}
                            </blockquote>
                          ) : null}
                          {s.withdrawalReason ? (
                            <p className="mt-2 rounded-md bg-slate-100 px-3 py-2 text-sm whitespace-pre-line text-slate-800">
                              <span className="font-medium">{t('register.reason')}: </span>
                              {s.withdrawalReason}
                            </p>
                          ) : null}
                        </li>
                      ))}
                    </ul>
                  </Card>
                ))}
              </div>
            </section>
          ))}
        </div>
      )}
    </div>
  );
}
