// The pledges: published and closed ones for everyone, drafts for those who may edit them. Filters live in the URL;
// the signatory counts of every listed pledge come from one SQL statement.
import { Form, Link } from 'react-router';
import type { Route } from './+types/pledges';
import { pledgeMeta } from '../components/pledge-meta';
import { Badge, Button, Card, PageHeader, SelectField, buttonClass } from '../components/ui';
import { localized } from '../domain/localized';
import { signatureCounts, visiblePledgesWhere } from '../domain/pledge-queries.server';
import { ARUSHA_FACTORS } from '../domain/enums';
import { useT } from '../web/i18n';
import { mayDraft } from '../web/pledges.server';
import { routeContext } from '../web/route.server';

const LISTED = ['PUBLISHED', 'CLOSED'] as const;

export async function loader({ request }: Route.LoaderArgs) {
  const { auth, ctx } = await routeContext(request);
  const params = new URL(request.url).searchParams;
  const factor = ARUSHA_FACTORS.find((f) => f === params.get('factor'));
  const status = LISTED.find((s) => s === params.get('status'));
  const [canDraft, published, drafts] = await Promise.all([
    mayDraft(ctx.actor),
    ctx.db.pledge.findMany({
      where: { status: status ? status : { in: [...LISTED] }, ...(factor ? { factors: { has: factor } } : {}) },
      orderBy: [{ status: 'asc' }, { publishedAt: 'desc' }, { id: 'asc' }],
      select: { id: true, slug: true, title: true, translations: true, status: true, factors: true, audience: true, currentVersion: true, publishedAt: true },
    }),
    ctx.db.pledge.findMany({
      where: { AND: [{ status: 'DRAFT' }, visiblePledgesWhere(ctx.actor)] },
      orderBy: { updatedAt: 'desc' },
      select: { slug: true, title: true, translations: true, updatedAt: true },
    }),
  ]);
  const counts = await signatureCounts(
    ctx.db,
    published.map((p) => p.id),
    new Date(),
  );
  return {
    factor: factor ?? '',
    status: status ?? '',
    canDraft,
    pledges: published.map((p) => {
      const c = counts.get(p.id)!;
      return {
        slug: p.slug,
        title: localized(p, 'title', auth.locale, p.title),
        status: p.status,
        factors: p.factors,
        audience: p.audience,
        version: p.currentVersion,
        publishedAt: p.publishedAt?.toISOString() ?? null,
        active: c.ACTIVE,
        unverified: c.unverified,
      };
    }),
    drafts: drafts.map((d) => ({ slug: d.slug, title: localized(d, 'title', auth.locale, d.title), updatedAt: d.updatedAt.toISOString() })),
  };
}

export const meta: Route.MetaFunction = ({ matches }) => pledgeMeta(matches, (t) => t('pledges.title'));

export default function Pledges({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { pledges, drafts, canDraft, factor, status } = loaderData;
  const filtered = !!factor || !!status;
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
              <li key={d.slug} className="flex items-center justify-between gap-3 py-2">
                <Link to={`/pledges/${d.slug}`} className="font-medium text-brand-700 underline">
                  {d.title}
                </Link>
                <Badge>{t('pledgeStatus.DRAFT')}</Badge>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      <Form
        method="get"
        className="mb-6 flex flex-col gap-4 rounded-xl border border-slate-200 bg-white p-4 sm:flex-row sm:flex-wrap sm:items-end"
        aria-label={t('registerTable.filters')}
      >
        <SelectField
          name="status"
          label={t('pledgesList.status')}
          defaultValue={status}
          placeholder={t('pledgesList.anyStatus')}
          options={LISTED.map((s) => ({ value: s, label: t(`pledgeStatus.${s}`) }))}
          className="sm:w-56"
        />
        <SelectField
          name="factor"
          label={t('pledges.filterFactor')}
          defaultValue={factor}
          placeholder={t('pledges.allFactors')}
          options={ARUSHA_FACTORS.map((f) => ({ value: f, label: t(`factor.${f}`) }))}
          className="sm:w-96"
        />
        <div className="flex items-end gap-4">
          <Button variant="secondary">{t('org.directory.filter')}</Button>
          {filtered ? (
            <Link to="/pledges" className="min-h-11 content-center text-sm font-semibold text-brand-700 underline">
              {t('registerTable.clear')}
            </Link>
          ) : null}
        </div>
      </Form>
      {pledges.length === 0 ? (
        <Card>
          {filtered ? (
            <p data-testid="pledges-empty">
              {t('pledgesList.noMatch')}{' '}
              <Link to="/pledges" className="font-semibold text-brand-700 underline">
                {t('registerTable.clear')}
              </Link>
            </p>
          ) : (
            <p data-testid="pledges-empty">{t('pledges.empty')}</p>
          )}
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
                  <Link to={`/pledges/${p.slug}`} className="text-brand-800 underline decoration-brand-300 underline-offset-4 hover:decoration-brand-700">
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
                  <span className="text-sm text-slate-900">
                    <span className="font-semibold">{t('pledges.signatories', { count: p.active })}</span>
                    {p.unverified ? <span className="text-slate-600"> · {t('pledgesList.unverified', { count: p.unverified })}</span> : null}
                  </span>
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
