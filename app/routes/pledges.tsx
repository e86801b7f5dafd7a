import { Form, Link } from 'react-router';
import type { Route } from './+types/pledges';
import { getRequestAuth } from '../auth/session.server';
import { Badge, Button, Card, PageHeader, SelectField, buttonClass } from '../components/ui';
import { pledgeRegister } from '../domain/pledge-register.server';
import { visiblePledgesWhere } from '../domain/pledges.server';
import { ARUSHA_FACTORS } from '../domain/pledge-schemas';
import { services } from '../services.server';
import { useT } from '../web/i18n';
import { draftingOrganizations } from '../web/pledges.server';

export async function loader({ request }: Route.LoaderArgs) {
  const { actor } = await getRequestAuth(request);
  const { db } = services();
  const factorParam = new URL(request.url).searchParams.get('factor');
  const factor = (ARUSHA_FACTORS as readonly string[]).includes(factorParam ?? '') ? (factorParam as (typeof ARUSHA_FACTORS)[number]) : undefined;
  const drafting = await draftingOrganizations(actor);
  const isAdmin = actor.kind === 'user' && actor.isPlatformAdmin;
  const [published, drafts] = await Promise.all([
    db.pledge.findMany({
      where: { status: { in: ['PUBLISHED', 'CLOSED'] }, ...(factor ? { factors: { has: factor } } : {}) },
      orderBy: [{ status: 'asc' }, { publishedAt: 'desc' }],
      include: { ownerOrganization: { select: { name: true } } },
    }),
    db.pledge.findMany({ where: { AND: [{ status: 'DRAFT' }, visiblePledgesWhere(actor)] }, orderBy: { updatedAt: 'desc' } }),
  ]);
  const counts = await Promise.all(published.map(async (p) => (await pledgeRegister(db, p.id)).counts.ACTIVE));
  return {
    factor: factor ?? '',
    canDraft: isAdmin || drafting.length > 0,
    pledges: published.map((p, i) => ({
      slug: p.slug,
      title: p.title,
      status: p.status,
      factors: p.factors,
      audience: p.audience,
      version: p.currentVersion,
      publishedAt: p.publishedAt?.toISOString() ?? null,
      owner: p.ownerOrganization?.name ?? null,
      active: counts[i],
    })),
    drafts: drafts.map((d) => ({ slug: d.slug, title: d.title, updatedAt: d.updatedAt.toISOString() })),
  };
}

export default function Pledges({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { pledges, drafts, canDraft, factor } = loaderData;
  return (
    <div>
      <PageHeader
        title={t('pledges.title')}
        lead={t('pledges.lead')}
        actions={
          canDraft ? (
            <Link to="/pledges/new" className={buttonClass('primary')}>
              {t('pledges.new')}
            </Link>
          ) : undefined
        }
      />
      {drafts.length ? (
        <Card className="mb-6" aria-labelledby="drafts-heading">
          <h2 id="drafts-heading" className="text-lg font-semibold text-brand-900">
            {t('pledges.drafts')}
          </h2>
          <ul className="mt-2 divide-y divide-slate-100">
            {drafts.map((d) => (
              <li key={d.slug} className="flex items-center justify-between py-2">
                <Link to={`/pledges/${d.slug}`} className="font-medium text-brand-700 underline">
                  {d.title}
                </Link>
                <Badge>{t('pledgeStatus.DRAFT')}</Badge>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      <Form method="get" className="mb-6 flex flex-col gap-4 rounded-xl border border-slate-200 bg-white p-4 sm:flex-row sm:items-end">
        <SelectField
          name="factor"
          label={t('pledges.filterFactor')}
          defaultValue={factor}
          placeholder={t('pledges.allFactors')}
          options={ARUSHA_FACTORS.map((f) => ({ value: f, label: t(`factor.${f}`) }))}
          className="sm:w-96"
        />
        <Button variant="secondary">{t('org.directory.filter')}</Button>
      </Form>
      {pledges.length === 0 ? (
        <Card>
          <p>{t('pledges.empty')}</p>
        </Card>
      ) : (
        <ul className="grid gap-4 md:grid-cols-2">
          {pledges.map((p) => (
            <li key={p.slug}>
              <Card as="article" className="flex h-full flex-col">
                <div className="flex flex-wrap items-center gap-2">
                  <Badge tone={p.status === 'PUBLISHED' ? 'success' : 'neutral'}>{t(`pledgeStatus.${p.status}`)}</Badge>
                  <Badge tone="info">{t('pledges.version', { number: p.version })}</Badge>
                </div>
                <h2 className="mt-3 text-lg font-semibold text-slate-900">
                  <Link to={`/pledges/${p.slug}`} className="hover:underline">
                    {p.title}
                  </Link>
                </h2>
                <p className="mt-1 text-sm text-slate-600">
                  {t(`audience.${p.audience}`)}
                  {p.publishedAt ? ` · ${t('pledge.meta.publishedOn', { date: t.date(p.publishedAt) })}` : ''}
                </p>
                <p className="mt-3 flex flex-wrap gap-1.5">
                  {p.factors.map((f) => (
                    <Badge key={f}>{t(`factor.${f}`)}</Badge>
                  ))}
                </p>
                <div className="mt-auto flex flex-wrap items-center justify-between gap-3 pt-4">
                  <span className="text-sm font-semibold text-slate-900">{t('pledges.signatories', { count: p.active })}</span>
                  <Link to={`/pledges/${p.slug}/register`} className="text-sm font-semibold text-brand-700 underline">
                    {t('pledges.openRegister')}
                  </Link>
                </div>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
