// A pledge's page: its text, what it asks, what the viewer's organisations may do next, its versions and timeline.
// The acts themselves have their own pages: signing, the receipt, renewing, withdrawing, editing a draft,
// publishing, closing, new versions.
import { Link, useSearchParams } from 'react-router';
import type { Route } from './+types/pledge';
import { CommitmentsSection } from '../components/commitment-list-table';
import { PledgeBody } from '../components/pledge-body';
import { pledgeMeta } from '../components/pledge-meta';
import { SigningPanels } from '../components/pledge-signing';
import { PledgeTimeline } from '../components/pledge-timeline';
import { Alert, Badge, Card, PageHeader, buttonClass } from '../components/ui';
import { commitmentsForPledge } from '../domain/commitment-queries.server';
import { localized } from '../domain/localized';
import { pledgeTimeline } from '../domain/pledge-register.server';
import { commitmentRowView, proposingOrganizations } from '../web/commitment-page.server';
import { useT } from '../web/i18n';
import { pledgeFromRequest, pledgeView, signingPanels } from '../web/pledges.server';

const DONE = ['published', 'closed', 'versionPublished', 'draftSaved'] as const;

export async function loader({ request, params }: Route.LoaderArgs) {
  const { auth, ctx, pledge, canManage } = await pledgeFromRequest(request, params.slug);
  const url = new URL(request.url);
  const before = url.searchParams.get('before');
  const [versions, timeline, panels, commitments] = await Promise.all([
    ctx.db.pledgeVersion.findMany({
      where: { pledgeId: pledge.id },
      orderBy: { number: 'desc' },
      select: { number: true, publishedAt: true, changeNote: true, translations: true },
    }),
    pledgeTimeline(ctx.db, pledge.id, {
      before: before && /^\d{1,19}$/.test(before) ? BigInt(before) : undefined,
      includeDrafting: canManage,
      locale: auth.locale,
    }),
    pledge.status === 'DRAFT' ? Promise.resolve([]) : signingPanels(ctx, auth, pledge),
    pledge.status === 'DRAFT' ? Promise.resolve([]) : commitmentsForPledge(ctx, pledge.id),
  ]);
  const done = url.searchParams.get('done');
  return {
    signedIn: !!auth.user,
    canManage,
    pledge: pledgeView(pledge, auth.locale),
    versions: versions.map((v) => ({
      number: v.number,
      publishedAt: v.publishedAt.toISOString(),
      changeNote: localized(v, 'changeNote', auth.locale, v.changeNote),
    })),
    timeline,
    timelinePaged: !!before,
    panels,
    commitments: commitments.map(commitmentRowView),
    canProposeCommitment: pledge.status === 'PUBLISHED' && proposingOrganizations(auth).length > 0,
    done: (DONE as readonly string[]).includes(done ?? '') ? (done as (typeof DONE)[number]) : null,
  };
}

export const meta: Route.MetaFunction = ({ loaderData, matches }) => pledgeMeta(matches, (t) => loaderData?.pledge.title ?? t('pledges.title'));

const doneMessages = {
  published: 'pledge.published',
  closed: 'pledgeClose.done',
  versionPublished: 'pledgeVersion.done',
  draftSaved: 'pledge.draftSaved',
} as const;

export default function PledgePage({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const [search] = useSearchParams();
  const { pledge, versions, timeline, timelinePaged, panels, canManage, signedIn, done, commitments, canProposeCommitment } = loaderData;
  const earlier = new URLSearchParams(search);
  earlier.delete('done');
  if (timeline.nextBefore) earlier.set('before', timeline.nextBefore);
  return (
    <div>
      <PageHeader
        title={pledge.title}
        lead={
          pledge.publishedAt
            ? `${t('pledge.meta.publishedOn', { date: t.date(pledge.publishedAt) })} · ${t('pledges.version', { number: pledge.currentVersion })}`
            : t('pledgeStatus.DRAFT')
        }
        actions={
          pledge.status !== 'DRAFT' ? (
            <Link to={`/pledges/${pledge.slug}/register`} className={buttonClass('primary')}>
              {t('pledges.openRegister')}
            </Link>
          ) : canManage ? (
            <Link to={`/pledges/${pledge.slug}/edit`} className={buttonClass('primary')}>
              {t('pledgeEdit.title')}
            </Link>
          ) : undefined
        }
      />
      <div className="mb-6 space-y-3">
        {done ? <Alert tone="success">{t(doneMessages[done])}</Alert> : null}
        {pledge.status === 'CLOSED' && done !== 'closed' ? <Alert tone="info">{t('pledge.closed')}</Alert> : null}
      </div>
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="min-w-0 space-y-6 lg:col-span-2">
          <Card>
            <PledgeBody html={pledge.bodyHtml} />
          </Card>
          {pledge.status === 'DRAFT' && canManage ? (
            <Card aria-labelledby="draft-heading">
              <h2 id="draft-heading" className="mb-2 text-lg font-semibold text-brand-900">
                {t('pledgeEdit.draftHeading')}
              </h2>
              <p className="mb-4 text-sm text-slate-700">{t('pledge.publishHint')}</p>
              <div className="flex flex-wrap gap-3">
                <Link to={`/pledges/${pledge.slug}/edit`} className={buttonClass('secondary')}>
                  {t('pledgeEdit.title')}
                </Link>
                <Link to={`/pledges/${pledge.slug}/publish`} className={buttonClass('primary')}>
                  {t('pledge.publish')}
                </Link>
              </div>
            </Card>
          ) : null}
          {pledge.status !== 'DRAFT' ? (
            <CommitmentsSection
              rows={commitments}
              title={t('commitmentsPages.section.pledgeTitle')}
              empty={t('commitmentsPages.section.pledgeEmpty')}
              moreHref={`/commitments?pledge=${encodeURIComponent(pledge.slug)}`}
              actions={
                canProposeCommitment ? (
                  <Link to={`/commitments/new?pledge=${encodeURIComponent(pledge.slug)}`} className={buttonClass('secondary')}>
                    {t('commitmentsPages.section.proposeForPledge')}
                  </Link>
                ) : null
              }
            />
          ) : null}
          <PledgeTimeline
            items={timeline.items}
            slug={pledge.slug}
            earlierHref={timeline.nextBefore ? `?${earlier.toString()}#timeline` : null}
            latestHref={timelinePaged ? '#timeline' : null}
          />
        </div>
        <div className="min-w-0 space-y-6">
          <Card aria-labelledby="about-heading">
            <h2 id="about-heading" className="sr-only">
              {t('pledgePage.about')}
            </h2>
            <dl className="space-y-4 text-sm">
              <div>
                <dt className="font-medium text-slate-600">{t('pledge.meta.factors')}</dt>
                <dd className="mt-1 flex flex-wrap gap-1.5">
                  {pledge.factors.map((f) => (
                    <Badge key={f}>{t(`factor.${f}`)}</Badge>
                  ))}
                </dd>
              </div>
              <div>
                <dt className="font-medium text-slate-600">{t('pledge.meta.audience')}</dt>
                <dd className="mt-1 text-slate-900">{t(`audience.${pledge.audience}`)}</dd>
              </div>
              <div>
                <dt className="font-medium text-slate-600">{t('pledge.meta.renewal')}</dt>
                <dd className="mt-1 text-slate-900">
                  {pledge.renewalMonths ? t('pledge.meta.renewalEvery', { months: pledge.renewalMonths }) : t('pledge.meta.noRenewal')}
                </dd>
              </div>
              {pledge.owner ? (
                <div>
                  <dt className="font-medium text-slate-600">{t('pledge.meta.owner')}</dt>
                  <dd className="mt-1">
                    <Link to={`/organizations/${pledge.owner.slug}`} className="text-brand-700 underline">
                      {pledge.owner.name}
                    </Link>
                  </dd>
                </div>
              ) : null}
            </dl>
          </Card>
          {pledge.status !== 'DRAFT' ? (
            <Card aria-labelledby="sign-heading">
              <h2 id="sign-heading" className="mb-3 text-lg font-semibold text-brand-900">
                {t('pledge.sign.submit')}
              </h2>
              {!signedIn ? (
                <p className="text-sm text-slate-700">
                  <Link to={`/signin?redirectTo=${encodeURIComponent(`/pledges/${pledge.slug}`)}`} className="font-semibold text-brand-700 underline">
                    {t('nav.signIn')}
                  </Link>{' '}
                  · {t('pledge.sign.signInToSign')}
                </p>
              ) : panels.length === 0 ? (
                <p className="text-sm text-slate-700">{t('pledge.sign.noOrganization')}</p>
              ) : (
                <SigningPanels panels={panels} slug={pledge.slug} status={pledge.status} audience={pledge.audience} currentVersion={pledge.currentVersion} />
              )}
            </Card>
          ) : null}
          {versions.length ? (
            <Card aria-labelledby="versions-heading">
              <h2 id="versions-heading" className="mb-2 text-lg font-semibold text-brand-900">
                {t('pledge.versions')}
              </h2>
              <ul className="space-y-2 text-sm">
                {versions.map((v) => (
                  <li key={v.number}>
                    <Link to={`/pledges/${pledge.slug}/versions/${v.number}`} className="font-medium text-brand-700 underline">
                      {t('pledges.version', { number: v.number })}
                    </Link>{' '}
                    · {t.date(v.publishedAt)}
                    {v.changeNote ? <p className="text-slate-700">{v.changeNote}</p> : null}
                  </li>
                ))}
              </ul>
              {canManage && pledge.status === 'PUBLISHED' ? (
                <div className="mt-4 flex flex-wrap gap-3 border-t border-slate-200 pt-4">
                  <Link to={`/pledges/${pledge.slug}/versions/new`} className={buttonClass('secondary')}>
                    {t('pledge.newVersion')}
                  </Link>
                  <Link to={`/pledges/${pledge.slug}/close`} className={buttonClass('danger')}>
                    {t('pledge.close')}
                  </Link>
                </div>
              ) : null}
            </Card>
          ) : null}
        </div>
      </div>
    </div>
  );
}
