// The frame of a milestone's formal act (mark done, confirm, dispute, attest): which commitment and milestone it is
// about, what the act does and what follows, then its form; or, when the milestone's state no longer allows it, why,
// and the way back to the milestone.
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useT } from '../web/i18n';
import { FormalActButtons, FormalActPage, type FormalActProps } from './formal-act-page';
import { MilestoneStateBadge } from './milestone-badges';

export type ActMilestone = { reference: string; commitmentTitle: string; milestoneId: string; milestoneTitle: string; state: string };

export const commitmentPath = (reference: string) => `/commitments/${encodeURIComponent(reference)}`;
export const milestonePath = (reference: string, milestoneId: string, sub?: string) =>
  `${commitmentPath(reference)}/milestones/${encodeURIComponent(milestoneId)}${sub ? `/${sub}` : ''}`;

export function MilestoneActPage({ subject, ...frame }: FormalActProps & { subject: ActMilestone }) {
  const t = useT();
  return (
    <FormalActPage
      backHref={milestonePath(subject.reference, subject.milestoneId)}
      backLabel={t('milestonePages.backToMilestone')}
      subject={
        <dl className="-mt-6 mb-6 space-y-1 text-sm text-slate-700" data-testid="act-subject">
          <div className="flex flex-wrap items-center gap-2">
            <dt className="sr-only">{t('commitment.noun')}</dt>
            <dd className="flex flex-wrap items-center gap-2">
              <Link to={commitmentPath(subject.reference)} className="font-mono text-brand-700 underline">
                {subject.reference}
              </Link>
              <span aria-hidden="true">·</span>
              <span className="min-w-0 break-words">{subject.commitmentTitle}</span>
            </dd>
          </div>
          <div className="flex flex-wrap items-center gap-2">
            <dt className="font-medium text-slate-600">{t('milestone.noun')}:</dt>
            <dd className="flex min-w-0 flex-wrap items-center gap-2">
              <span className="font-semibold break-words text-slate-900">{subject.milestoneTitle}</span>
              <MilestoneStateBadge state={subject.state} />
            </dd>
          </div>
        </dl>
      }
      {...frame}
    />
  );
}

/** The form's submit (disabled while it is sent) beside a cancel that goes back to the milestone. */
export function MilestoneActSubmit({ children, subject, variant }: { children: ReactNode; subject: ActMilestone; variant?: 'primary' | 'danger' }) {
  const t = useT();
  return (
    <FormalActButtons cancelHref={milestonePath(subject.reference, subject.milestoneId)} cancelLabel={t('milestonePages.cancel')} variant={variant}>
      {children}
    </FormalActButtons>
  );
}
