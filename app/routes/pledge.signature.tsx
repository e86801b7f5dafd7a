// A signature's receipt: which organisation signed which version of the pledge, when, with what statement, and the
// audit event that recorded it (its sequence number and hash in the tamper-evident chain). Public, citable, printable.
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { Route } from './+types/pledge.signature';
import { pledgeMeta } from '../components/pledge-meta';
import { Alert, Card, KindBadge, PageHeader, SignatureStatusBadge, VerifiedBadge, buttonClass } from '../components/ui';
import { countryName } from '../domain/countries';
import { signatureReceipt } from '../domain/pledge-register.server';
import { can } from '../domain/policy.server';
import { useT } from '../web/i18n';
import { notFound, pledgeFromRequest, pledgeView } from '../web/pledges.server';

const DONE = ['signed', 'withdrawn', 'renewed'] as const;

export async function loader({ request, params }: Route.LoaderArgs) {
  const { auth, ctx, pledge } = await pledgeFromRequest(request, params.slug);
  const receipt = await signatureReceipt(ctx.db, pledge.id, params.id, { now: new Date(), locale: auth.locale });
  if (!receipt) throw notFound();
  const done = new URL(request.url).searchParams.get('done');
  const standing = !receipt.superseded && !receipt.withdrawnAt;
  return {
    pledge: pledgeView(pledge, auth.locale),
    receipt: {
      ...receipt,
      // Who signed, by name: for those who may see the organisation's members.
      signedBy: can(auth.actor, 'organization.readMembers', { organizationId: receipt.organizationId }) ? receipt.signedBy.name : null,
    },
    mayRenew: standing && pledge.status === 'PUBLISHED' && can(auth.actor, 'pledge.renew', { organizationId: receipt.organizationId }),
    mayWithdraw: standing && can(auth.actor, 'pledge.withdraw', { organizationId: receipt.organizationId }),
    done: (DONE as readonly string[]).includes(done ?? '') ? (done as (typeof DONE)[number]) : null,
  };
}

export const meta: Route.MetaFunction = ({ loaderData, matches }) =>
  pledgeMeta(matches, (t) =>
    loaderData
      ? t('pledgeReceipt.pageTitle', { organization: loaderData.receipt.organization.name, title: loaderData.pledge.title })
      : t('pledgeReceipt.title'),
  );

const doneMessages = { signed: 'pledge.sign.done', withdrawn: 'pledge.withdraw.done', renewed: 'pledge.renew.done' } as const;

function PrintButton() {
  const t = useT();
  // Printing needs JavaScript; without it the browser's own Print command does the same.
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  if (!mounted) return null;
  return (
    <button type="button" onClick={() => window.print()} className={buttonClass('secondary', 'print:hidden')}>
      {t('pledgeReceipt.print')}
    </button>
  );
}

export default function Receipt({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { pledge, receipt, mayRenew, mayWithdraw, done } = loaderData;
  const row = (label: string, value: React.ReactNode, testId?: string) => (
    <div className="grid gap-1 border-b border-slate-100 py-3 sm:grid-cols-3">
      <dt className="text-sm font-medium text-slate-600">{label}</dt>
      <dd className="text-sm break-words text-slate-900 sm:col-span-2" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader
        title={t('pledgeReceipt.title')}
        lead={t('pledgeReceipt.lead', { organization: receipt.organization.name, title: pledge.title })}
        actions={
          <>
            <PrintButton />
            <Link to={`/pledges/${pledge.slug}`} className={buttonClass('secondary', 'print:hidden')}>
              {t('register.back')}
            </Link>
          </>
        }
      />
      {done ? (
        <div className="mb-6 print:hidden">
          <Alert tone="success">{t(doneMessages[done])}</Alert>
        </div>
      ) : null}
      {receipt.superseded ? (
        <div className="mb-6">
          <Alert tone="info">
            {t('pledgeReceipt.superseded', { date: t.date(receipt.supersededAt!) })}{' '}
            {receipt.supersededBy ? (
              <Link to={`/pledges/${pledge.slug}/signatures/${receipt.supersededBy}`} className="font-semibold underline">
                {t('pledgeReceipt.openNewer')}
              </Link>
            ) : null}
          </Alert>
        </div>
      ) : null}
      <Card aria-labelledby="receipt-heading">
        <h2 id="receipt-heading" className="sr-only">
          {t('pledgeReceipt.title')}
        </h2>
        <dl>
          {row(
            t('pledgeReceipt.organization'),
            <span className="flex flex-wrap items-center gap-2">
              <Link to={`/organizations/${receipt.organization.slug}`} className="font-semibold text-brand-700 underline">
                {receipt.organization.name}
              </Link>
              <KindBadge kind={receipt.organization.kind} />
              <VerifiedBadge verified={receipt.organization.verified} />
              <span className="text-slate-700">{countryName(receipt.organization.country, t.locale)}</span>
            </span>,
            'receipt-organization',
          )}
          {row(
            t('pledgeReceipt.pledge'),
            <Link to={`/pledges/${pledge.slug}`} className="text-brand-700 underline">
              {pledge.title}
            </Link>,
          )}
          {row(
            t('pledgeReceipt.version'),
            <Link to={`/pledges/${pledge.slug}/versions/${receipt.version.number}`} className="text-brand-700 underline">
              {t('pledgeReceipt.versionValue', { number: receipt.version.number, date: t.date(receipt.version.publishedAt) })}
            </Link>,
            'receipt-version',
          )}
          {row(t('pledgeReceipt.signedAt'), <time dateTime={receipt.signedAt}>{t.dateTime(receipt.signedAt)}</time>, 'receipt-signed-at')}
          {receipt.signedBy ? row(t('pledgeReceipt.signedBy'), receipt.signedBy) : null}
          {row(t('pledgeReceipt.status'), <SignatureStatusBadge status={receipt.status} />, 'receipt-status')}
          {receipt.lapsesAt && receipt.status === 'ACTIVE' ? row(t('pledgeReceipt.lapsesAt'), t.date(receipt.lapsesAt)) : null}
          {receipt.lastRenewedAt !== receipt.signedAt ? row(t('pledgeReceipt.renewedAt'), t.date(receipt.lastRenewedAt)) : null}
          {row(
            t('register.statement'),
            receipt.statement ? (
              <blockquote className="border-l-4 border-brand-200 pl-3 whitespace-pre-line">{receipt.statement}</blockquote>
            ) : (
              <span className="text-slate-600">{t('pledgeReceipt.noStatement')}</span>
            ),
            'receipt-statement',
          )}
          {receipt.withdrawnAt
            ? row(t('pledgeReceipt.withdrawnAt'), `${t.date(receipt.withdrawnAt)} · ${t('register.reason')}: ${receipt.withdrawalReason ?? ''}`)
            : null}
          {receipt.audit ? (
            <>
              {row(t('pledgeReceipt.auditSeq'), <span className="font-mono">#{receipt.audit.seq}</span>, 'receipt-audit-seq')}
              {row(t('pledgeReceipt.auditHash'), <code className="font-mono text-xs break-all">{receipt.audit.hash}</code>, 'receipt-audit-hash')}
              {row(t('pledgeReceipt.auditPrev'), <code className="font-mono text-xs break-all">{receipt.audit.prevHash}</code>)}
            </>
          ) : null}
        </dl>
        <p className="mt-4 text-xs text-slate-600">{t('pledgeReceipt.auditNote')}</p>
      </Card>
      {receipt.reports.length ? (
        <Card className="mt-6" aria-labelledby="reports-heading">
          <h2 id="reports-heading" className="mb-3 text-lg font-semibold text-brand-900">
            {t('pledgeReceipt.reports')}
          </h2>
          <ul className="space-y-4">
            {receipt.reports.map((r) => (
              <li key={r.id} className="text-sm">
                <time dateTime={r.createdAt} className="block text-xs text-slate-600">
                  {t.date(r.createdAt)}
                </time>
                <p className="whitespace-pre-line text-slate-800">{r.body}</p>
                {r.links.map((link) => (
                  <a key={link} href={link} rel="nofollow noopener noreferrer" className="block break-all text-brand-700 underline">
                    {link}
                  </a>
                ))}
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      {mayRenew || mayWithdraw ? (
        <div className="mt-6 flex flex-wrap gap-3 print:hidden">
          {mayRenew ? (
            <Link to={`/pledges/${pledge.slug}/signatures/${receipt.id}/renew`} className={buttonClass('secondary')}>
              {t('pledge.renew.title')}
            </Link>
          ) : null}
          {mayWithdraw ? (
            <Link to={`/pledges/${pledge.slug}/signatures/${receipt.id}/withdraw`} className={buttonClass('danger')}>
              {t('pledge.withdraw.title')}
            </Link>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
