import { Form, Link } from 'react-router';
import type { Route } from './+types/organizations';
import { Button, Card, KindBadge, PageHeader, SelectField, VerifiedBadge } from '../components/ui';
import { COUNTRY_CODES, countryName } from '../domain/countries';
import { ORGANIZATION_KINDS } from '../domain/enums';
import { pageTitle, useT } from '../web/i18n';
import { routeContext } from '../web/route.server';

const PAGE_SIZE = 20;

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'org.directory.title');

export async function loader({ request }: Route.LoaderArgs) {
  const { auth, ctx } = await routeContext(request);
  const url = new URL(request.url);
  const kindParam = url.searchParams.get('kind');
  const countryParam = url.searchParams.get('country')?.toUpperCase() ?? '';
  const kind = (ORGANIZATION_KINDS as readonly string[]).includes(kindParam ?? '') ? (kindParam as (typeof ORGANIZATION_KINDS)[number]) : undefined;
  const country = COUNTRY_CODES.includes(countryParam) ? countryParam : undefined;
  const page = Math.max(1, Math.min(1000, Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1));
  const { db } = ctx;
  const where = { kind, country };
  const [total, organizations, countries] = await Promise.all([
    db.organization.count({ where }),
    db.organization.findMany({
      where,
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
      skip: (page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      select: { id: true, slug: true, name: true, kind: true, country: true, verified: true, description: true, _count: { select: { memberships: true } } },
    }),
    db.organization.groupBy({ by: ['country'] }),
  ]);
  return {
    filters: { kind: kind ?? '', country: country ?? '' },
    page,
    total,
    hasNext: page * PAGE_SIZE < total,
    organizations,
    countries: countries.map((c) => c.country).sort((a, b) => countryName(a, auth.locale).localeCompare(countryName(b, auth.locale), auth.locale)),
  };
}

export default function Organizations({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { filters, organizations, total, page, hasNext, countries } = loaderData;
  const query = (p: number) => {
    const params = new URLSearchParams();
    if (filters.kind) params.set('kind', filters.kind);
    if (filters.country) params.set('country', filters.country);
    if (p > 1) params.set('page', String(p));
    return `?${params}`;
  };
  return (
    <div>
      <PageHeader title={t('org.directory.title')} lead={t('org.directory.lead')} />
      <Form method="get" className="mb-6 flex flex-col gap-4 rounded-xl border border-slate-200 bg-white p-4 sm:flex-row sm:items-end">
        <SelectField
          name="kind"
          label={t('field.kind')}
          defaultValue={filters.kind}
          placeholder={t('field.allKinds')}
          options={ORGANIZATION_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
          className="sm:w-64"
        />
        <SelectField
          name="country"
          label={t('field.country')}
          defaultValue={filters.country}
          placeholder={t('field.allCountries')}
          options={countries.map((c) => ({ value: c, label: countryName(c, t.locale) }))}
          className="sm:w-64"
        />
        <Button variant="secondary">{t('org.directory.filter')}</Button>
      </Form>
      <p className="mb-4 text-sm text-slate-600" role="status">
        {t('org.directory.count', { count: total })}
      </p>
      {organizations.length === 0 ? (
        <Card>
          <p>{t('org.directory.empty')}</p>
        </Card>
      ) : (
        <ul className="grid gap-4 md:grid-cols-2">
          {organizations.map((org) => (
            <li key={org.id}>
              <Card as="article" className="h-full">
                <h2 className="text-lg font-semibold text-slate-900">
                  <Link to={`/organizations/${org.slug}`} className="hover:underline">
                    {org.name}
                  </Link>
                </h2>
                <p className="mt-1 text-sm text-slate-600">
                  {countryName(org.country, t.locale)} · {t('dashboard.members', { count: org._count.memberships })}
                </p>
                <div className="mt-3 flex flex-wrap gap-2">
                  <KindBadge kind={org.kind} />
                  <VerifiedBadge verified={org.verified} />
                </div>
                {org.description ? <p className="mt-3 line-clamp-2 text-sm text-slate-700">{org.description}</p> : null}
              </Card>
            </li>
          ))}
        </ul>
      )}
      <nav className="mt-6 flex gap-3" aria-label="Pagination">
        {page > 1 ? (
          <Link to={query(1)} className="font-semibold text-brand-700 underline">
            {t('org.directory.previous')}
          </Link>
        ) : null}
        {hasNext ? (
          <Link to={query(page + 1)} className="font-semibold text-brand-700 underline">
            {t('org.directory.next')}
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
