// A milestone's page: its state and timing, due date, owner party and deliverable; the owner's evidence of the current
// round (text, links, files); each party's confirmation (or "awaiting"); the last dispute; the monitor's attestation
// beside the completion; its history from the audit chain; and the acts the viewer may perform now, each on a page of
// its own. A milestone of a commitment the viewer may not see answers 404, like an unknown one.
import { Link } from 'react-router';
import type { Route } from './+types/milestone';
import { CommitmentStatusBadge } from '../components/commitment-progress';
import { commitmentPath } from '../components/milestone-act-page';
import { MilestoneAttestedBadge, MilestoneStateBadge, MilestoneTimingBadge } from '../components/milestone-badges';
import { MilestoneEvidence } from '../components/milestone-evidence';
import {
  MilestoneActions,
  MilestoneAttestation,
  MilestoneConfirmations,
  MilestoneDispute,
  MilestoneHistory,
  type MilestoneHistoryEntry,
} from '../components/milestone-panels';
import { Alert, Card } from '../components/ui';
import { commitmentTimeline } from '../domain/commitment-queries.server';
import { LocalTime, pageTitle, pageTitleText, useT } from '../web/i18n';
import {
  MILESTONE_DONE,
  type MilestoneDone,
  availableMilestoneActs,
  commitmentSummary,
  milestoneFromRequest,
  milestoneView,
} from '../web/milestone-page.server';

/** The audit actions a milestone's history names (others of the commitment are left to its own page). */
const HISTORY_ACTIONS = new Set([
  'milestone.added',
  'milestone.updated',
  'milestone.done',
  'milestone.confirmed',
  'milestone.completed',
  'milestone.disputed',
  'milestone.attested',
]);
const textOf = (data: Record<string, unknown>, key: string) => (typeof data[key] === 'string' && data[key] ? (data[key] as string) : null);

export async function loader({ request, params }: Route.LoaderArgs) {
  const { auth, ctx, commitment, milestone } = await milestoneFromRequest(request, params.reference, params.id);
  const timeline = await commitmentTimeline(ctx, commitment.id);
  const history: MilestoneHistoryEntry[] = timeline
    .filter((e) => e.milestone?.id === milestone.id && HISTORY_ACTIONS.has(e.action))
    .map((e, index) => ({
      key: `${index}:${e.action}`,
      at: new Date(e.at).toISOString(),
      action: e.action,
      labelKey: e.labelKey,
      actor: e.actor?.name ?? null,
      organization: e.organization?.name ?? null,
      detail: textOf(e.data, 'reason') ?? textOf(e.data, 'note'),
    }));
  const done = new URL(request.url).searchParams.get('done');
  const { acts, canEdit } = availableMilestoneActs(auth.actor, commitment, milestone.id);
  return {
    signedIn: !!auth.user,
    commitment: commitmentSummary(commitment),
    milestone: milestoneView(commitment, milestone),
    history,
    acts,
    canEdit,
    done: (MILESTONE_DONE as readonly string[]).includes(done ?? '') ? (done as MilestoneDone) : null,
  };
}

export const meta: Route.MetaFunction = ({ loaderData, matches }) =>
  loaderData ? pageTitleText(matches, `${loaderData.milestone.title} · ${loaderData.commitment.reference}`) : pageTitle(matches, 'milestone.noun');

function Detail({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="font-medium text-slate-600">{label}</dt>
      <dd className="mt-1 break-words text-slate-900">{children}</dd>
    </div>
  );
}

export default function MilestonePage({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { commitment, milestone, history, acts, canEdit, signedIn, done } = loaderData;
  return (
    <div>
      <p className="mb-2 text-sm">
        <Link to={commitmentPath(commitment.reference)} className="font-medium text-brand-700 underline underline-offset-2">
          ← {t('milestonePages.backToCommitment', { reference: commitment.reference })}
        </Link>
      </p>
      <div className="mb-8">
        <p className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
          <span className="font-mono font-semibold">{commitment.reference}</span>
          <span aria-hidden="true">·</span>
          <span className="min-w-0 break-words">{commitment.title}</span>
          <CommitmentStatusBadge status={commitment.status} />
        </p>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight break-words text-brand-900 sm:text-3xl">{milestone.title}</h1>
        <div className="mt-3 flex flex-wrap items-center gap-2" data-testid="milestone-badges">
          <MilestoneStateBadge state={milestone.state} />
          <MilestoneTimingBadge timing={milestone.timing} />
          {milestone.attestation ? <MilestoneAttestedBadge /> : null}
        </div>
      </div>
      {done ? (
        <div className="mb-6">
          <Alert tone="success">
            <span data-testid="milestone-done">{t(`milestonePages.done.${done}`, { title: milestone.title })}</span>
          </Alert>
        </div>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="min-w-0 space-y-6 lg:col-span-2">
          <Card aria-labelledby="deliverable-heading">
            <h2 id="deliverable-heading" className="mb-2 text-lg font-semibold text-brand-900">
              {t('milestonePages.deliverable')}
            </h2>
            <p className="text-sm break-words whitespace-pre-line text-slate-900">{milestone.deliverable}</p>
            {milestone.completedAt ? (
              <p className="mt-4 text-sm font-medium text-emerald-800">
                <span aria-hidden="true">✓ </span>
                {t('milestonePages.completedAt')} <LocalTime value={milestone.completedAt} />
              </p>
            ) : null}
            {milestone.attestation ? <MilestoneAttestation attestation={milestone.attestation} monitor={commitment.monitor?.name ?? null} /> : null}
          </Card>
          <Card aria-labelledby="evidence-heading">
            {milestone.dispute && milestone.state === 'OPEN' && milestone.evidence ? (
              <p className="mb-3 text-sm text-slate-700">{t('milestonePages.evidence.disputedNote')}</p>
            ) : null}
            <MilestoneEvidence reference={commitment.reference} milestoneId={milestone.id} evidence={milestone.evidence} round={milestone.round} />
          </Card>
          <MilestoneConfirmations rows={milestone.confirmations} state={milestone.state} />
          {milestone.dispute ? <MilestoneDispute dispute={milestone.dispute} /> : null}
          <MilestoneHistory entries={history} />
        </div>
        <div className="min-w-0 space-y-6">
          <MilestoneActions reference={commitment.reference} milestoneId={milestone.id} acts={acts} canEdit={canEdit} signedIn={signedIn} />
          <Card aria-labelledby="about-heading">
            <h2 id="about-heading" className="mb-3 text-lg font-semibold text-brand-900">
              {t('milestonePages.about')}
            </h2>
            <dl className="space-y-4 text-sm">
              <Detail label={t('milestonePages.field.dueDate')}>
                <span data-testid="milestone-due">{t.date(milestone.dueDate)}</span>
              </Detail>
              <Detail label={t('milestonePages.field.owner')}>
                <Link to={`/organizations/${milestone.owner.slug}`} className="text-brand-700 underline">
                  {milestone.owner.name}
                </Link>
              </Detail>
              <Detail label={t('milestonePages.field.state')}>{t(`milestone.state.${milestone.state}`)}</Detail>
              {commitment.monitor ? (
                <Detail label={t('commitment.monitor')}>
                  <Link to={`/organizations/${commitment.monitor.slug}`} className="text-brand-700 underline">
                    {commitment.monitor.name}
                  </Link>
                </Detail>
              ) : null}
            </dl>
          </Card>
        </div>
      </div>
    </div>
  );
}
