// One published version of a pledge, as it was published: its text, its change note, and what changed from the
// version before. Receipts link here, so what an organisation signed can always be read again.
import { Link } from 'react-router';
import type { Route } from './+types/pledge.version-view';
import { PledgeBody } from '../components/pledge-body';
import { PledgeDiff } from '../components/pledge-diff';
import { pledgeMeta } from '../components/pledge-meta';
import { Alert, Card, PageHeader, buttonClass } from '../components/ui';
import { localized } from '../domain/localized';
import { renderMarkdown } from '../domain/markdown.server';
import { useT } from '../web/i18n';
import { notFound, pledgeFromRequest, pledgeView, textDiff } from '../web/pledges.server';

export async function loader({ request, params }: Route.LoaderArgs) {
  const { auth, ctx, pledge } = await pledgeFromRequest(request, params.slug);
  const number = /^\d{1,6}$/.test(params.number) ? Number(params.number) : NaN;
  if (!Number.isInteger(number)) throw notFound();
  const versions = await ctx.db.pledgeVersion.findMany({
    where: { pledgeId: pledge.id },
    orderBy: { number: 'desc' },
    select: { number: true, publishedAt: true },
  });
  const [version, previous] = await Promise.all([
    ctx.db.pledgeVersion.findUnique({ where: { pledgeId_number: { pledgeId: pledge.id, number } } }),
    number > 1 ? ctx.db.pledgeVersion.findUnique({ where: { pledgeId_number: { pledgeId: pledge.id, number: number - 1 } } }) : null,
  ]);
  if (!version) throw notFound();
  const locale = auth.locale;
  // Compare in the reader's language only when both versions are translated.
  const bothTranslated = previous && localized(previous, 'body', locale, null) !== null && localized(version, 'body', locale, null) !== null;
  return {
    pledge: pledgeView(pledge, locale),
    version: {
      number: version.number,
      title: localized(version, 'title', locale, version.title),
      bodyHtml: renderMarkdown(localized(version, 'body', locale, version.body)),
      changeNote: localized(version, 'changeNote', locale, version.changeNote),
      publishedAt: version.publishedAt.toISOString(),
      factors: version.factors,
    },
    diff: previous
      ? {
          from: previous.number,
          parts: textDiff(
            bothTranslated ? localized(previous, 'body', locale, previous.body) : previous.body,
            bothTranslated ? localized(version, 'body', locale, version.body) : version.body,
          ),
        }
      : null,
    versions: versions.map((v) => ({ number: v.number, publishedAt: v.publishedAt.toISOString() })),
  };
}

export const meta: Route.MetaFunction = ({ loaderData, matches }) =>
  pledgeMeta(matches, (t) =>
    loaderData ? `${t('pledges.version', { number: loaderData.version.number })}: ${loaderData.version.title}` : t('pledge.versions'),
  );

export default function VersionPage({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { pledge, version, diff, versions } = loaderData;
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader
        title={`${version.title} — ${t('pledges.version', { number: version.number })}`}
        lead={t('pledge.meta.publishedOn', { date: t.date(version.publishedAt) })}
        actions={
          <Link to={`/pledges/${pledge.slug}`} className={buttonClass('secondary')}>
            {t('register.back')}
          </Link>
        }
      />
      {version.number < pledge.currentVersion ? (
        <div className="mb-6">
          <Alert tone="info">
            {t('pledgeVersionPage.older', { current: pledge.currentVersion })}{' '}
            <Link to={`/pledges/${pledge.slug}/versions/${pledge.currentVersion}`} className="font-semibold underline">
              {t('pledgeTimeline.openVersion', { number: pledge.currentVersion })}
            </Link>
          </Alert>
        </div>
      ) : null}
      <div className="space-y-6">
        {version.changeNote ? (
          <Card>
            <p className="text-sm text-slate-800">
              <span className="font-medium">{t('pledge.field.changeNote')}: </span>
              {version.changeNote}
            </p>
          </Card>
        ) : null}
        <Card>
          <PledgeBody html={version.bodyHtml} />
        </Card>
        {diff ? (
          <Card aria-labelledby="changes-heading">
            <details>
              <summary id="changes-heading" className="cursor-pointer text-lg font-semibold text-brand-900">
                {t('pledgeVersionPage.changesSince', { number: diff.from })}
              </summary>
              <div className="mt-3">
                <PledgeDiff parts={diff.parts} from={diff.from} to={version.number} />
              </div>
            </details>
          </Card>
        ) : null}
        <nav aria-label={t('pledge.versions')} className="text-sm">
          <h2 className="mb-2 font-semibold text-brand-900">{t('pledge.versions')}</h2>
          <ul className="flex flex-wrap gap-3">
            {versions.map((v) =>
              v.number === version.number ? (
                <li key={v.number} aria-current="page" className="font-semibold">
                  {t('pledges.version', { number: v.number })}
                </li>
              ) : (
                <li key={v.number}>
                  <Link to={`/pledges/${pledge.slug}/versions/${v.number}`} className="text-brand-700 underline">
                    {t('pledges.version', { number: v.number })}
                  </Link>
                </li>
              ),
            )}
          </ul>
        </nav>
      </div>
    </div>
  );
}
