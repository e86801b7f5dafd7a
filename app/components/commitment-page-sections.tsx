// The sections of a commitment's page: its parties, the milestone timeline (with the acts the viewer may perform on
// each milestone), the Gantt chart's rows, the actions panel, the activity from the audit chain, and the receipt shown
// after a formal act.
import { Link } from 'react-router';
import { type GanttRow } from './commitment-gantt';
import { Alert, Badge, Card, buttonClass } from './ui';
import type { CommitmentDone, CommitmentTimelineEntry, CommitmentView } from '../web/commitment-page.server';
import { LocalTime, type T, useT } from '../web/i18n';

type Milestone = CommitmentView['milestones'][number];
export type MilestonePermissions = Record<string, { canEdit: boolean; canComplete: boolean; canConfirm: boolean; canDispute: boolean; canAttest: boolean }>;
export type CommitmentActions = {
  canAccept: boolean;
  canDecline: boolean;
  canCancel: boolean;
  canAddMilestone: boolean;
  canImport: boolean;
};

const base = (reference: string) => `/commitments/${encodeURIComponent(reference)}`;
export const milestoneHref = (reference: string, id: string) => `${base(reference)}/milestones/${encodeURIComponent(id)}`;

// ───────────────────────────── Parties ─────────────────────────────

export function CommitmentParties({ commitment }: { commitment: CommitmentView }) {
  const t = useT();
  return (
    <Card aria-labelledby="parties-heading">
      <h2 id="parties-heading" className="mb-3 text-lg font-semibold text-brand-900">
        {t('commitmentsPages.parties.title')}
      </h2>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm" data-testid="commitment-parties">
          <caption className="sr-only">{t('commitmentsPages.parties.title')}</caption>
          <thead>
            <tr className="border-b border-slate-200 text-slate-600">
              <th scope="col" className="py-2 pr-3 font-medium">
                {t('commitmentsPages.parties.organization')}
              </th>
              <th scope="col" className="py-2 pr-3 font-medium">
                {t('commitmentsPages.parties.kind')}
              </th>
              <th scope="col" className="py-2 pr-3 font-medium">
                {t('commitmentsPages.parties.response')}
              </th>
              <th scope="col" className="py-2 font-medium">
                {t('commitmentsPages.parties.responsible')}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {commitment.parties.map((p) => (
              <tr key={p.id} data-testid="party-row" data-response={p.response}>
                <th scope="row" className="py-2 pr-3 align-top font-normal">
                  <Link to={`/organizations/${p.slug}`} className="font-medium text-brand-800 underline underline-offset-2">
                    {p.name}
                  </Link>
                  {p.organizationId === commitment.proposerOrganizationId ? (
                    <span className="block text-xs text-slate-600">{t('commitmentsPages.parties.proposer')}</span>
                  ) : null}
                </th>
                <td className="py-2 pr-3 align-top">{t(`kind.${p.kind}`)}</td>
                <td className="py-2 pr-3 align-top">
                  <Badge tone={p.response === 'ACCEPTED' ? 'success' : p.response === 'DECLINED' ? 'danger' : 'warning'}>
                    {t(`commitment.party.${p.response}`)}
                  </Badge>
                  {p.respondedAt ? (
                    <span className="mt-1 block text-xs text-slate-600">
                      <LocalTime value={p.respondedAt} />
                    </span>
                  ) : null}
                  {p.response === 'DECLINED' && p.declineReason ? (
                    <p className="mt-1 text-sm break-words whitespace-pre-line text-slate-800">
                      <span className="font-medium">{t('commitmentsPages.parties.declineReason')}</span> {p.declineReason}
                    </p>
                  ) : null}
                  {p.cancelAgreedAt ? (
                    <p className="mt-1 text-sm break-words text-slate-800">
                      <span className="font-medium">{t('commitmentsPages.parties.cancelAgreed')}</span> {p.cancelReason}
                    </p>
                  ) : null}
                </td>
                <td className="py-2 align-top">{p.responsibleUser?.name ?? <span className="text-slate-600">{t('commitmentsPages.parties.noneYet')}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}

// ───────────────────────────── Milestones ─────────────────────────────

const stateTone = { OPEN: 'neutral', DONE: 'info', COMPLETED: 'success' } as const;

function MilestoneActs({ reference, milestone, can }: { reference: string; milestone: Milestone; can: MilestonePermissions[string] | undefined }) {
  const t = useT();
  if (!can) return null;
  const acts = (
    [
      ['complete', can.canComplete, 'primary'],
      ['confirm', can.canConfirm, 'primary'],
      ['dispute', can.canDispute, 'danger'],
      ['attest', can.canAttest, 'secondary'],
      ['edit', can.canEdit, 'ghost'],
    ] as const
  ).filter(([, allowed]) => allowed);
  if (!acts.length) return null;
  return (
    <ul className="mt-3 flex flex-wrap gap-2" aria-label={t('commitmentsPages.milestones.actsFor', { title: milestone.title })}>
      {acts.map(([act, , variant]) => (
        <li key={act}>
          <Link to={`${milestoneHref(reference, milestone.id)}/${act}`} className={buttonClass(variant)} data-act={act}>
            {t(`commitmentsPages.milestones.act.${act}`)}
          </Link>
        </li>
      ))}
    </ul>
  );
}

export function CommitmentMilestones({
  commitment,
  permissions,
  partyCount,
}: {
  commitment: CommitmentView;
  permissions: MilestonePermissions;
  partyCount: number;
}) {
  const t = useT();
  return (
    <Card aria-labelledby="milestones-heading">
      <h2 id="milestones-heading" className="mb-3 text-lg font-semibold text-brand-900">
        {t('milestone.nounPlural')}
      </h2>
      {commitment.milestones.length === 0 ? (
        <p className="text-sm text-slate-700">{t('commitmentsPages.milestones.none')}</p>
      ) : (
        <ol className="space-y-4" data-testid="milestone-timeline">
          {commitment.milestones.map((m) => (
            <li key={m.id} className="border-l-4 border-brand-100 py-1 pl-4" data-testid="milestone-item" data-state={m.state}>
              <p className="text-sm text-slate-700">
                <time dateTime={m.dueDate} className="font-semibold text-slate-900">
                  {t('commitmentsPages.milestones.due', { date: t.date(m.dueDate) })}
                </time>
                {' · '}
                {t('commitmentsPages.milestones.owner', { owner: m.ownerOrganization.name })}
              </p>
              <h3 className="mt-1 text-base font-semibold break-words">
                <Link to={milestoneHref(commitment.reference, m.id)} className="text-brand-800 underline decoration-brand-300 underline-offset-4">
                  {m.title}
                </Link>
              </h3>
              <p className="mt-1 line-clamp-3 text-sm break-words whitespace-pre-line text-slate-700">{m.deliverable}</p>
              <p className="mt-1 flex flex-wrap items-center gap-2 text-sm">
                <Badge tone={stateTone[m.state as keyof typeof stateTone] ?? 'neutral'}>{t(`milestone.state.${m.state}`)}</Badge>
                {m.timing ? <Badge tone={m.timing === 'OVERDUE' ? 'danger' : 'warning'}>{t(`milestone.timing.${m.timing}`)}</Badge> : null}
                {m.state === 'DONE' ? (
                  <span className="text-slate-700">{t('commitmentsPages.milestones.confirmations', { count: m.confirmations, total: partyCount })}</span>
                ) : null}
                {m.attestedAt ? <Badge tone="success">✓ {t('milestone.attested')}</Badge> : null}
              </p>
              {m.state === 'OPEN' && m.disputedAt && m.disputeReason ? (
                <p className="mt-1 text-sm break-words text-slate-800">
                  <span className="font-medium">{t('commitmentsPages.milestones.disputed')}</span> {m.disputeReason}
                </p>
              ) : null}
              {m.attestedAt ? (
                <p className="mt-1 text-sm text-slate-800">
                  {t('commitmentsPages.milestones.attestedBy', { name: m.attestedBy?.name ?? t('commitment.monitor') })} <LocalTime value={m.attestedAt} />
                  {m.attestationNote ? <span className="block break-words whitespace-pre-line">{m.attestationNote}</span> : null}
                </p>
              ) : null}
              <MilestoneActs reference={commitment.reference} milestone={m} can={permissions[m.id]} />
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}

/** The Gantt chart's rows: the whole commitment, then each milestone from the previous one's due date to its own. */
export function commitmentGanttRows(t: T, commitment: CommitmentView): GanttRow[] {
  const cancelled = commitment.status === 'CANCELLED';
  const rows: GanttRow[] = [];
  const lastDue = commitment.milestones.reduce((latest, m) => (m.dueDate > latest ? m.dueDate : latest), commitment.startDate);
  const end = commitment.endDate && commitment.endDate > lastDue ? commitment.endDate : lastDue;
  rows.push({
    id: commitment.id,
    label: t('commitmentsPages.gantt.whole'),
    start: commitment.startDate,
    end,
    status: t(`commitment.status.${commitment.status}`),
    statusKind: cancelled
      ? 'cancelled'
      : commitment.status === 'COMPLETED'
        ? 'done'
        : commitment.status === 'DELAYED'
          ? 'late'
          : commitment.status === 'AT_RISK'
            ? 'soon'
            : 'open',
    progress: commitment.milestoneCount > 0 ? commitment.completedCount / commitment.milestoneCount : 0,
  });
  let previous = commitment.startDate;
  for (const m of commitment.milestones) {
    const start = previous <= m.dueDate ? previous : m.dueDate;
    rows.push({
      id: m.id,
      label: m.title,
      href: milestoneHref(commitment.reference, m.id),
      start,
      end: m.dueDate,
      status: [t(`milestone.state.${m.state}`), m.timing ? t(`milestone.timing.${m.timing}`) : null].filter(Boolean).join(', '),
      statusKind: cancelled ? 'cancelled' : m.state === 'COMPLETED' ? 'done' : m.timing === 'OVERDUE' ? 'late' : m.timing === 'DUE_SOON' ? 'soon' : 'open',
    });
    if (m.dueDate > previous) previous = m.dueDate;
  }
  return rows;
}

// ───────────────────────────── Actions ─────────────────────────────

export function CommitmentActionsPanel({ reference, actions, signedIn }: { reference: string; actions: CommitmentActions; signedIn: boolean }) {
  const t = useT();
  const href = base(reference);
  const items = (
    [
      ['accept', actions.canAccept, `${href}/accept`, 'primary'],
      ['decline', actions.canDecline, `${href}/decline`, 'danger'],
      ['addMilestone', actions.canAddMilestone, `${href}/milestones/new`, 'secondary'],
      ['import', actions.canImport, `${href}/import`, 'secondary'],
      ['cancel', actions.canCancel, `${href}/cancel`, 'danger'],
    ] as const
  ).filter(([, allowed]) => allowed);
  return (
    <Card aria-labelledby="actions-heading">
      <h2 id="actions-heading" className="mb-3 text-lg font-semibold text-brand-900">
        {t('commitmentsPages.actions.title')}
      </h2>
      {items.length ? (
        <ul className="space-y-3" data-testid="commitment-actions">
          {items.map(([act, , to, variant]) => (
            <li key={act}>
              <Link to={to} className={buttonClass(variant, 'w-full')} data-act={act}>
                {t(`commitmentsPages.actions.${act}`)}
              </Link>
              <p className="mt-1 text-xs text-slate-600">{t(`commitmentsPages.actions.${act}.hint`)}</p>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-700">
          {signedIn ? (
            t('commitmentsPages.actions.none')
          ) : (
            <>
              <Link to={`/signin?redirectTo=${encodeURIComponent(href)}`} className="font-semibold text-brand-700 underline">
                {t('nav.signIn')}
              </Link>{' '}
              · {t('commitmentsPages.actions.signIn')}
            </>
          )}
        </p>
      )}
      <p className="mt-4 border-t border-slate-100 pt-4">
        <a href={`${href}/milestones.csv`} className={buttonClass('ghost', 'w-full')} download data-act="export">
          {t('commitmentsPages.actions.export')}
        </a>
      </p>
    </Card>
  );
}

// ───────────────────────────── Activity ─────────────────────────────

export function CommitmentActivity({ entries }: { entries: CommitmentTimelineEntry[] }) {
  const t = useT();
  return (
    <section aria-labelledby="activity-heading" className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm" id="activity">
      <h2 id="activity-heading" className="mb-3 text-lg font-semibold text-brand-900">
        {t('commitmentsPages.activity.title')}
      </h2>
      {entries.length === 0 ? (
        <p className="text-sm text-slate-700">{t('commitmentsPages.activity.empty')}</p>
      ) : (
        <ol className="space-y-1">
          {entries.map((e) => (
            <li key={e.key} className="border-l-2 border-brand-100 py-2 pl-4" data-testid="commitment-activity-entry" data-action={e.action}>
              <LocalTime value={e.at} className="block text-xs text-slate-600" />
              <p className="text-sm text-slate-900">
                <span className="font-semibold">{e.actor?.name ?? t('commitmentsPages.activity.platform')}</span>
                {e.organization ? <span className="text-slate-700"> ({e.organization})</span> : null}
                {': '}
                {t(e.labelKey)}
              </p>
              {e.milestone ? <p className="text-sm break-words text-slate-700">{t('commitmentsPages.activity.milestone', { title: e.milestone })}</p> : null}
              {e.detail ? <p className="mt-1 text-sm break-words whitespace-pre-line text-slate-700">{e.detail}</p> : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

// ───────────────────────────── Receipt ─────────────────────────────

/** After a formal act: what was done, by whom and when, as recorded in the audit chain. */
export function CommitmentReceipt({
  done,
  reference,
  recorded,
}: {
  done: CommitmentDone;
  reference: string;
  recorded: { at: string; who: string | null } | null;
}) {
  const t = useT();
  return (
    <Alert tone="success">
      <span className="block font-semibold" data-testid="commitment-done">
        {t(`commitmentsPages.done.${done}`, { reference })}
      </span>
      {recorded ? (
        <span className="mt-1 block" data-testid="commitment-receipt">
          {t('commitmentsPages.receipt.recorded', { who: recorded.who ?? t('commitmentsPages.activity.platform') })} <LocalTime value={recorded.at} />
          {' · '}
          {t('commitmentsPages.receipt.reference', { reference })}
        </span>
      ) : null}
    </Alert>
  );
}
