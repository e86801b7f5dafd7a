// The panels of a milestone's page: the confirmations of the current round per party (✓ who and when, or awaiting),
// the last dispute, the monitor's attestation, the acts the viewer may perform now, and the milestone's history.
import { Link } from 'react-router';
import { LocalTime, useT } from '../web/i18n';
import { MilestoneAttestedBadge } from './milestone-badges';
import { milestonePath } from './milestone-act-page';
import { Card, buttonClass } from './ui';

export type ConfirmationRow = { organizationId: string; name: string; confirmedBy: string | null; confirmedAt: string | null };

export function MilestoneConfirmations({ rows, state }: { rows: ConfirmationRow[]; state: string }) {
  const t = useT();
  return (
    <Card aria-labelledby="confirmations-heading">
      <h2 id="confirmations-heading" className="mb-1 text-lg font-semibold text-brand-900">
        {t('milestonePages.confirmations')}
      </h2>
      <p className="mb-3 text-sm text-slate-700">{t(state === 'OPEN' ? 'milestonePages.confirmations.open' : 'milestonePages.confirmations.lead')}</p>
      <ul className="divide-y divide-slate-200 text-sm" data-testid="milestone-confirmations">
        {rows.map((row) => (
          <li
            key={row.organizationId}
            className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 py-2"
            data-confirmed={row.confirmedAt ? 'yes' : 'no'}
          >
            <span className="font-medium text-slate-900">{row.name}</span>
            {row.confirmedAt ? (
              <span className="text-emerald-800">
                <span aria-hidden="true">✓ </span>
                {t('milestonePages.confirmations.by', { name: row.confirmedBy ?? t('milestonePages.someone') })} <LocalTime value={row.confirmedAt} />
              </span>
            ) : (
              <span className="text-slate-700">{state === 'OPEN' ? t('milestonePages.confirmations.notYet') : t('milestonePages.confirmations.awaiting')}</span>
            )}
          </li>
        ))}
      </ul>
    </Card>
  );
}

export function MilestoneDispute({ dispute }: { dispute: { at: string; reason: string; by: string | null } }) {
  const t = useT();
  return (
    <Card aria-labelledby="dispute-heading">
      <h2 id="dispute-heading" className="mb-2 text-lg font-semibold text-brand-900">
        {t('milestonePages.dispute.last')}
      </h2>
      <p className="text-sm text-slate-700">
        {t('milestonePages.dispute.byWhen', { organization: dispute.by ?? t('milestonePages.someone') })} <LocalTime value={dispute.at} />
      </p>
      <p className="mt-2 text-sm break-words whitespace-pre-line text-slate-900" data-testid="dispute-reason">
        {dispute.reason}
      </p>
    </Card>
  );
}

export function MilestoneAttestation({
  attestation,
  monitor,
}: {
  attestation: { at: string; by: string | null; note: string | null };
  monitor: string | null;
}) {
  const t = useT();
  return (
    <div className="mt-3 rounded-lg border border-emerald-300 bg-emerald-50 px-4 py-3 text-sm text-emerald-900" data-testid="milestone-attestation">
      <p className="flex flex-wrap items-center gap-2">
        <MilestoneAttestedBadge />
        <span>
          {t('milestonePages.attestation.by', { organization: monitor ?? '', name: attestation.by ?? t('milestonePages.someone') })}{' '}
          <LocalTime value={attestation.at} />
        </span>
      </p>
      {attestation.note ? <p className="mt-2 break-words whitespace-pre-line">{attestation.note}</p> : null}
    </div>
  );
}

const ACT_PATHS = { complete: 'complete', confirm: 'confirm', dispute: 'dispute', attest: 'attest' } as const;
export type MilestoneActName = keyof typeof ACT_PATHS;

export function MilestoneActions({
  reference,
  milestoneId,
  acts,
  canEdit,
  signedIn,
}: {
  reference: string;
  milestoneId: string;
  acts: MilestoneActName[];
  canEdit: boolean;
  signedIn: boolean;
}) {
  const t = useT();
  const base = milestonePath(reference, milestoneId);
  return (
    <Card aria-labelledby="actions-heading">
      <h2 id="actions-heading" className="mb-3 text-lg font-semibold text-brand-900">
        {t('milestonePages.actions')}
      </h2>
      {acts.length === 0 && !canEdit ? (
        <p className="text-sm text-slate-700">
          {signedIn ? (
            t('milestonePages.actions.none')
          ) : (
            <>
              <Link to={`/signin?redirectTo=${encodeURIComponent(base)}`} className="font-semibold text-brand-700 underline">
                {t('nav.signIn')}
              </Link>{' '}
              · {t('milestonePages.actions.signIn')}
            </>
          )}
        </p>
      ) : (
        <ul className="space-y-3" data-testid="milestone-actions">
          {acts.map((act) => (
            <li key={act}>
              <Link to={`${base}/${ACT_PATHS[act]}`} className={buttonClass(act === 'dispute' ? 'danger' : 'primary', 'w-full')} data-act={act}>
                {t(`milestonePages.act.${act}`)}
              </Link>
              <p className="mt-1 text-xs text-slate-600">{t(`milestonePages.act.${act}.hint`)}</p>
            </li>
          ))}
          {canEdit ? (
            <li>
              <Link to={`${base}/edit`} className={buttonClass('secondary', 'w-full')} data-act="edit">
                {t('milestonePages.edit.title')}
              </Link>
              <p className="mt-1 text-xs text-slate-600">{t('milestonePages.act.edit.hint')}</p>
            </li>
          ) : null}
        </ul>
      )}
    </Card>
  );
}

export type MilestoneHistoryEntry = {
  key: string;
  at: string;
  action: string;
  labelKey: string;
  actor: string | null;
  organization: string | null;
  detail: string | null;
};

export function MilestoneHistory({ entries }: { entries: MilestoneHistoryEntry[] }) {
  const t = useT();
  return (
    <Card aria-labelledby="history-heading">
      <h2 id="history-heading" className="mb-3 text-lg font-semibold text-brand-900">
        {t('milestonePages.history')}
      </h2>
      {entries.length === 0 ? (
        <p className="text-sm text-slate-700">{t('milestonePages.history.empty')}</p>
      ) : (
        <ol className="space-y-1">
          {entries.map((e) => {
            const who = [e.actor, e.organization].filter(Boolean).join(', ') || t('milestonePages.someone');
            return (
              <li key={e.key} className="border-l-2 border-brand-100 py-2 pl-4" data-testid="milestone-history-entry" data-action={e.action}>
                <LocalTime value={e.at} className="block text-xs text-slate-600" />
                <p className="text-sm font-medium text-slate-900">
                  {t(`milestonePages.history.${e.action}`)} <span className="font-normal text-slate-700">· {who}</span>
                </p>
                {e.detail ? <p className="mt-1 text-sm break-words whitespace-pre-line text-slate-700">{e.detail}</p> : null}
              </li>
            );
          })}
        </ol>
      )}
    </Card>
  );
}
