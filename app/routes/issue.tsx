// An issue's page: what happened where and when, who raised it (or "anonymous reporter"), its deadlines with the time
// left or overdue, the description, the evidence, the responses and additions in order, the timeline, and the acts
// the viewer may perform now, each on a page of its own. An issue the viewer may not see answers 404, like an
// unknown reference.
import { Link } from 'react-router';
import type { Route } from './+types/issue';
import { CommitmentsSection } from '../components/commitment-list-table';
import { IssueActions } from '../components/issue-page-actions';
import { IssueEvidenceList } from '../components/issue-evidence-list';
import { EscalatedBadge, IssueSeverityBadge, IssueStatusBadge } from '../components/issue-page-badges';
import { IssueDeadlines } from '../components/issue-page-deadlines';
import { IssueResponses } from '../components/issue-page-responses';
import { IssueTimeline } from '../components/issue-page-timeline';
import { PledgeBody } from '../components/pledge-body';
import { Alert, Badge, Card, buttonClass } from '../components/ui';
import { commitmentsForIssue } from '../domain/commitment-queries.server';
import { LocalTime, pageTitle, pageTitleText, useT } from '../web/i18n';
import { commitmentRowView, proposingOrganizations } from '../web/commitment-page.server';
import { DONE_ACTS, type DoneAct, availableActs, issueFromRequest, issueView, timelineView } from '../web/issue-page.server';

export async function loader({ request, params }: Route.LoaderArgs) {
  const { auth, ctx, issue } = await issueFromRequest(request, params.reference);
  const now = new Date();
  const [timeline, commitments] = await Promise.all([timelineView(ctx, issue), commitmentsForIssue(ctx, issue.id)]);
  const done = new URL(request.url).searchParams.get('done');
  // "Make this a commitment": for those who may propose one for one of the issue's parties (its administration, the
  // reporter's organisation when named).
  const issueParties = !issue.anonymous && issue.reporterOrganizationId ? [issue.administrationId, issue.reporterOrganizationId] : [issue.administrationId];
  const canMakeCommitment = proposingOrganizations(auth).some((o) => issueParties.includes(o.id));
  return {
    signedIn: !!auth.user,
    issue: issueView(issue, auth.locale, now),
    timeline,
    acts: availableActs(auth.actor, issue, now),
    commitments: commitments.map(commitmentRowView),
    canMakeCommitment,
    done: (DONE_ACTS as readonly string[]).includes(done ?? '') ? (done as DoneAct) : null,
  };
}

export const meta: Route.MetaFunction = ({ loaderData, matches }) =>
  loaderData ? pageTitleText(matches, `${loaderData.issue.reference}: ${loaderData.issue.title}`) : pageTitle(matches, 'issuesOfficer.issue');

function Detail({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="font-medium text-slate-600">{label}</dt>
      <dd className="mt-1 break-words text-slate-900">{children}</dd>
    </div>
  );
}

export default function IssuePage({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { issue, timeline, acts, signedIn, done, commitments, canMakeCommitment } = loaderData;
  const closed = issue.status === 'RESOLVED' || issue.status === 'REJECTED';
  return (
    <div>
      <div className="mb-8">
        <p className="font-mono text-sm font-semibold text-slate-700" data-testid="issue-reference">
          {issue.reference}
        </p>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight break-words text-brand-900 sm:text-3xl">{issue.title}</h1>
        <div className="mt-3 flex flex-wrap items-center gap-2" data-testid="issue-badges">
          <IssueStatusBadge status={issue.status} />
          <IssueSeverityBadge severity={issue.severity} />
          {issue.escalated ? <EscalatedBadge /> : null}
          {issue.overdue ? <Badge tone="danger">{t('issuesOfficer.overdue')}</Badge> : null}
          <Badge>{t(`issuesOfficer.visibility.${issue.visibility}`)}</Badge>
        </div>
      </div>
      <div className="mb-6 space-y-3">
        {done ? (
          <Alert tone="success">
            <span data-testid="issue-done">{t(`issuesOfficer.done.${done}`, { reference: issue.reference })}</span>
          </Alert>
        ) : null}
        {closed && issue.outcome ? (
          <Alert tone="info">
            <span className="font-semibold">{t(issue.status === 'RESOLVED' ? 'issuesOfficer.outcome.resolved' : 'issuesOfficer.outcome.rejected')}</span>{' '}
            <span className="whitespace-pre-line">{issue.outcome}</span>
            {issue.reopenAllowedUntil ? (
              <span className="mt-1 block">
                {t('issuesOfficer.reopenUntil')} <LocalTime value={issue.reopenAllowedUntil} />
              </span>
            ) : null}
          </Alert>
        ) : null}
      </div>
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="min-w-0 space-y-6 lg:col-span-2">
          <Card aria-labelledby="description-heading">
            <h2 id="description-heading" className="mb-2 text-lg font-semibold text-brand-900">
              {t('issuesOfficer.description')}
            </h2>
            <PledgeBody html={issue.descriptionHtml} />
          </Card>
          <Card>
            <IssueEvidenceList reference={issue.reference} attachments={issue.attachments} heading={t('issuesOfficer.evidence')} />
          </Card>
          <IssueResponses reference={issue.reference} responses={issue.responses} />
          {issue.publicSummary ? (
            <Card aria-labelledby="summary-heading">
              <h2 id="summary-heading" className="mb-2 text-lg font-semibold text-brand-900">
                {t('issuesOfficer.publicSummary')}
              </h2>
              <p className="text-sm whitespace-pre-line text-slate-900">{issue.publicSummary}</p>
              {issue.summaryPublishedAt ? (
                <p className="mt-2 text-xs text-slate-600">
                  {t('issuesOfficer.summaryPublishedAt')} <LocalTime value={issue.summaryPublishedAt} />
                </p>
              ) : null}
            </Card>
          ) : null}
          <CommitmentsSection
            rows={commitments}
            title={t('commitmentsPages.section.issueTitle')}
            empty={t('commitmentsPages.section.issueEmpty')}
            actions={
              canMakeCommitment ? (
                <Link to={`/commitments/new?issue=${encodeURIComponent(issue.reference)}`} className={buttonClass('secondary')} data-testid="make-commitment">
                  {t('commitmentsPages.section.makeCommitment')}
                </Link>
              ) : null
            }
          />
          <IssueTimeline entries={timeline} />
        </div>
        <div className="min-w-0 space-y-6">
          <IssueActions reference={issue.reference} acts={acts} signedIn={signedIn} />
          <IssueDeadlines deadlines={issue.deadlines} escalated={issue.escalated} />
          <Card aria-labelledby="about-heading">
            <h2 id="about-heading" className="mb-3 text-lg font-semibold text-brand-900">
              {t('issuesOfficer.about')}
            </h2>
            <dl className="space-y-4 text-sm">
              <Detail label={t('issuesOfficer.field.administration')}>
                <Link to={`/organizations/${issue.administration.slug}`} className="text-brand-700 underline">
                  {issue.administration.name}
                </Link>
              </Detail>
              <Detail label={t('issuesOfficer.field.office')}>
                {issue.office ? `${issue.office.name} (${t(`issuesOfficer.officeKind.${issue.office.kind}`)})` : t('issuesOfficer.field.noOffice')}
              </Detail>
              <Detail label={t('issuesOfficer.field.occurredAt')}>
                <LocalTime value={issue.occurredAt} />
              </Detail>
              <Detail label={t('issuesOfficer.field.raised')}>
                <span data-testid="issue-raised-by">
                  {issue.anonymous
                    ? t('issuesOfficer.anonymousReporter')
                    : [issue.raisedBy?.name, issue.reporterOrganization?.name].filter(Boolean).join(', ') || t('issuesOfficer.timeline.someone')}
                </span>
                <span className="block text-slate-700">
                  <LocalTime value={issue.raisedAt} />
                </span>
              </Detail>
              <Detail label={t('issuesOfficer.field.category')}>{t(`issuesOfficer.category.${issue.category}`)}</Detail>
              <Detail label={t('issuesOfficer.field.factor')}>{t(`factor.${issue.factor}`)}</Detail>
              <Detail label={t('issuesOfficer.field.assignee')}>{issue.assignee?.name ?? t('issuesOfficer.field.unassigned')}</Detail>
              <Detail label={t('issuesOfficer.field.visibility')}>{t(`issuesOfficer.visibility.${issue.visibility}.hint`)}</Detail>
            </dl>
          </Card>
        </div>
      </div>
    </div>
  );
}
