// A pledge's timeline: who did what, newest first, each entry linked to what it is about (the organisation, the
// signature's receipt, the version); a page at a time, with a plain link to the earlier entries.
import { Fragment, type ReactNode } from 'react';
import { Link } from 'react-router';
import type { TimelineItem } from '../domain/pledge-register.server';
import { useT } from '../web/i18n';

const linkClass = 'font-medium text-brand-700 underline underline-offset-2 hover:text-brand-900';

/** A translated sentence with the organisation's name as a link in its place. */
function withOrganization(template: string, organization: ReactNode) {
  const [head, ...tail] = template.split('{organization}');
  return (
    <>
      {head}
      {tail.map((part, i) => (
        <Fragment key={i}>
          {organization}
          {part}
        </Fragment>
      ))}
    </>
  );
}

const SENTENCES: Record<string, string> = {
  'pledge.published': 'pledgeTimeline.published',
  'pledge.version_published': 'pledge.timeline.version',
  'pledge.closed': 'pledge.timeline.closed',
  'pledge.signed': 'pledge.timeline.signed',
  'pledge.resigned': 'pledge.timeline.resigned',
  'pledge.withdrawn': 'pledge.timeline.withdrawn',
  'pledge.renewed': 'pledge.timeline.report',
  'pledge.drafted': 'pledgeTimeline.drafted',
  'pledge.draft_updated': 'pledgeTimeline.draftUpdated',
};

function Entry({ item, slug }: { item: TimelineItem; slug: string }) {
  const t = useT();
  const organization = item.organization ? (
    <Link to={`/organizations/${item.organization.slug}`} className={linkClass}>
      {item.organization.name}
    </Link>
  ) : (
    t('pledgeTimeline.someone')
  );
  // Placeholders other than {organization} are filled by t(); {organization} is left for the link.
  const sentence = t(SENTENCES[item.action] ?? 'pledgeTimeline.other', { number: item.version ?? '', version: item.version ?? '', action: item.action });
  return (
    <li className="relative border-l-2 border-brand-100 py-2 pl-4" data-testid="timeline-entry">
      <time dateTime={item.at} className="block text-xs text-slate-600">
        {t.dateTime(item.at)}
      </time>
      <p className="text-sm font-medium text-slate-900">{withOrganization(sentence, organization)}</p>
      {item.detail ? <p className="mt-1 text-sm whitespace-pre-line text-slate-700">{item.detail}</p> : null}
      {item.links.length ? (
        <ul className="mt-1 text-sm">
          {item.links.map((link) => (
            <li key={link}>
              <a href={link} rel="nofollow noopener noreferrer" className="break-all text-brand-700 underline">
                {link}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      <p className="mt-1 flex flex-wrap gap-x-4 text-sm">
        {item.signatureId ? (
          <Link to={`/pledges/${slug}/signatures/${item.signatureId}`} className={linkClass}>
            {t('pledgeTimeline.openReceipt')}
          </Link>
        ) : null}
        {item.version !== null && (item.action === 'pledge.published' || item.action === 'pledge.version_published') ? (
          <Link to={`/pledges/${slug}/versions/${item.version}`} className={linkClass}>
            {t('pledgeTimeline.openVersion', { number: item.version })}
          </Link>
        ) : null}
      </p>
    </li>
  );
}

export function PledgeTimeline({
  items,
  slug,
  earlierHref,
  latestHref,
}: {
  items: TimelineItem[];
  slug: string;
  earlierHref: string | null;
  latestHref: string | null;
}) {
  const t = useT();
  return (
    <section aria-labelledby="timeline-heading" className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm" id="timeline">
      <h2 id="timeline-heading" className="text-lg font-semibold text-brand-900">
        {t('pledge.timeline')}
      </h2>
      <p className="mb-3 text-sm text-slate-600">{t('pledgeTimeline.lead')}</p>
      {items.length === 0 ? (
        <p className="text-sm text-slate-700">{t('pledgeTimeline.empty')}</p>
      ) : (
        <ol className="space-y-1">
          {items.map((item) => (
            <Entry key={item.seq} item={item} slug={slug} />
          ))}
        </ol>
      )}
      {earlierHref || latestHref ? (
        <nav aria-label={t('pledgeTimeline.pages')} className="mt-4 flex flex-wrap gap-4 text-sm">
          {latestHref ? (
            <Link to={latestHref} className={linkClass} preventScrollReset>
              {t('pledgeTimeline.latest')}
            </Link>
          ) : null}
          {earlierHref ? (
            <Link to={earlierHref} className={linkClass} preventScrollReset>
              {t('pledgeTimeline.earlier')}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </section>
  );
}
