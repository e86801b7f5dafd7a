// Publishing a de-identified summary of an anonymous issue (platform administrators). The summary is public only
// after a delay from the issue's raising (ANONYMOUS_SUMMARY_DELAY_DAYS), so that its timing cannot point at the
// reporter; the page says when it will appear.
import { Form } from 'react-router';
import type { Route } from './+types/issue.summary';
import { ActSubmit, IssueActPage, WhatFollows } from '../components/issue-act-page';
import { FormError, TextAreaField } from '../components/ui';
import { issueSettings } from '../domain/issue-settings.server';
import { PublishIssueSummarySchema } from '../domain/issue-schemas';
import { publishIssueSummary } from '../domain/issues.server';
import { LocalTime, metaT, pageTitleText, useT } from '../web/i18n';
import { issueActAction, issueForAct, withIssue } from '../web/issue-page.server';
import { parseForm } from '../web/route.server';

const DAY = 24 * 60 * 60 * 1000;

export async function loader({ request, params }: Route.LoaderArgs) {
  const { issue, subject, unavailable } = await issueForAct(request, params.reference, 'summary');
  const delayDays = issueSettings().anonymousSummaryDelayDays;
  const now = Date.now();
  const earliest = new Date(issue.createdAt).getTime() + delayDays * DAY;
  return {
    issue: subject,
    unavailable,
    delayDays,
    publicFrom: new Date(Math.max(now, earliest)).toISOString(),
    delayed: earliest > now,
    current: issue.publicSummary,
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  return issueActAction(request, params.reference, 'summary', (ctx, issue, formData) =>
    publishIssueSummary(ctx, withIssue(parseForm(PublishIssueSummarySchema, formData), issue)),
  );
}

export const meta: Route.MetaFunction = ({ loaderData, matches }) =>
  pageTitleText(matches, `${metaT(matches)('issuesOfficer.act.summary')}${loaderData ? `: ${loaderData.issue.reference}` : ''}`);

export default function PublishSummary({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { issue, unavailable, delayDays, publicFrom, delayed, current } = loaderData;
  const errors = actionData?.errors;
  const values = (actionData?.values ?? {}) as Record<string, string>;
  return (
    <IssueActPage issue={issue} title={t('issuesOfficer.act.summary')} lead={t('issuesOfficer.summary.lead')} unavailable={unavailable ? t(unavailable) : null}>
      <WhatFollows
        items={[
          t('issuesOfficer.summary.follows1'),
          t('issuesOfficer.summary.follows2', { days: delayDays }),
          current ? t('issuesOfficer.summary.follows3Replace') : t('issuesOfficer.summary.follows3'),
        ]}
      />
      <p className="-mt-4 mb-6 text-sm font-medium text-slate-900" data-testid="summary-public-from">
        {t(delayed ? 'issuesOfficer.summary.publicFrom' : 'issuesOfficer.summary.publicNow')} {delayed ? <LocalTime value={publicFrom} /> : null}
      </p>
      <Form method="post" noValidate className="space-y-4">
        <FormError errors={errors} />
        <TextAreaField
          name="summary"
          label={t('issuesOfficer.summary.text')}
          hint={t('issuesOfficer.summary.textHint')}
          rows={6}
          defaultValue={values.summary ?? current ?? ''}
          errors={errors}
          required
        />
        <ActSubmit reference={issue.reference}>{t('issuesOfficer.summary.submit')}</ActSubmit>
      </Form>
    </IssueActPage>
  );
}
