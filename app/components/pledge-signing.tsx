// On a pledge's page, one panel per organisation of the viewer: its entry in the register (with the receipt), and
// the next step it may take (sign, re-sign, renew, withdraw) or the reason it cannot.
import { Link } from 'react-router';
import type { SigningPanel } from '../web/pledges.server';
import { useT } from '../web/i18n';
import { SignatureStatusBadge, buttonClass } from './ui';

const linkClass = 'font-semibold text-brand-700 underline underline-offset-2 hover:text-brand-900';

function Reason({ panel, audience }: { panel: SigningPanel; audience: string }) {
  const t = useT();
  if (panel.eligibility.ok) return null;
  const { reason, params, code } = panel.eligibility;
  // The domain says "forbidden"; the page can say which role would do.
  const text =
    code === 'FORBIDDEN' && reason === 'errors.forbidden'
      ? t('pledge.sign.notAllowedRole', { organization: panel.organization.name, role: t(`role.${panel.role}`) })
      : reason.startsWith('errors.pledgeAudience.')
        ? t('pledge.sign.notAllowedKind', { organization: panel.organization.name, audience: t(`audience.${audience}`) })
        : t(reason, params);
  return (
    <p className="text-sm text-slate-700" data-testid="cannot-sign">
      {text}
    </p>
  );
}

export function SigningPanels({
  panels,
  slug,
  status,
  audience,
  currentVersion,
}: {
  panels: SigningPanel[];
  slug: string;
  status: string;
  audience: string;
  currentVersion: number;
}) {
  const t = useT();
  return (
    <div className="space-y-6">
      {panels.map((panel) => {
        const entry = panel.entry;
        const signHref = `/pledges/${slug}/sign?organization=${encodeURIComponent(panel.organization.id)}`;
        return (
          <section key={panel.organization.id} aria-label={t('pledge.sign.title', { organization: panel.organization.name })} className="space-y-3">
            <h3 className="font-semibold text-slate-900">{panel.organization.name}</h3>
            {entry ? (
              <div className="space-y-1 text-sm text-slate-800">
                <p>
                  <SignatureStatusBadge status={entry.status} />{' '}
                  {entry.withdrawnAt
                    ? t('pledge.withdrawnNote', { organization: panel.organization.name, date: t.date(entry.withdrawnAt) })
                    : t('pledge.yours.status', { status: t(`signatureStatus.${entry.status}`), date: t.date(entry.signedAt), version: entry.version })}{' '}
                  {entry.status === 'LAPSED'
                    ? t('pledge.yours.lapsed')
                    : entry.status === 'ACTIVE' && entry.lapsesAt
                      ? t('pledge.yours.due', { date: t.date(entry.lapsesAt) })
                      : null}
                </p>
                <p>
                  <Link to={`/pledges/${slug}/signatures/${entry.id}`} className={linkClass}>
                    {t('pledgeSign.openReceipt')}
                  </Link>
                </p>
              </div>
            ) : null}
            {panel.eligibility.ok ? (
              <div className={panel.eligibility.resign ? 'rounded-lg border border-amber-300 bg-amber-50 p-4' : undefined}>
                {panel.eligibility.resign && entry ? (
                  <p className="mb-3 text-sm text-amber-950">{t('pledge.sign.resign', { number: currentVersion, signed: entry.version })}</p>
                ) : null}
                <Link to={signHref} className={buttonClass('primary')}>
                  {panel.eligibility.resign ? t('pledge.sign.resignSubmit', { number: currentVersion }) : t('pledge.sign.submit')}
                </Link>
              </div>
            ) : panel.eligibility.reason === 'errors.alreadySigned' ? null : entry && panel.eligibility.reason === 'errors.pledgeClosed' ? null : (
              <Reason panel={panel} audience={audience} />
            )}
            {panel.mayManageSignature && entry ? (
              <p className="flex flex-wrap gap-3">
                {status === 'PUBLISHED' ? (
                  <Link to={`/pledges/${slug}/signatures/${entry.id}/renew`} className={buttonClass('secondary')}>
                    {t('pledge.renew.title')}
                  </Link>
                ) : null}
                <Link to={`/pledges/${slug}/signatures/${entry.id}/withdraw`} className={buttonClass('danger')}>
                  {t('pledge.withdraw.title')}
                </Link>
              </p>
            ) : null}
          </section>
        );
      })}
    </div>
  );
}
