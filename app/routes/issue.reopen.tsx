// Reopening a resolved or rejected issue: the reporter (or an administrator of the reporter's organisation) gives a
// reason, within 30 days of its closing. The page shows when the window ends and what follows.
import { Form } from 'react-router';
import type { Route } from './+types/issue.reopen';
import { ActSubmit, IssueActPage, WhatFollows } from '../components/issue-act-page';
import { FormError, TextAreaField } from '../components/ui';
import { ReopenIssueSchema } from '../domain/issue-schemas';
import { reopenIssue } from '../domain/issues.server';
import { LocalTime, metaT, pageTitleText, useT } from '../web/i18n';
import { issueActAction, issueForAct, withIssue } from '../web/issue-page.server';
import { parseForm } from '../web/route.server';

export async function loader({ request, params }: Route.LoaderArgs) {
  const { issue, subject, unavailable } = await issueForAct(request, params.reference, 'reopen');
  return {
    issue: subject,
    unavailable,
    outcome: issue.outcome,
    until: issue.reopenAllowedUntil ? new Date(issue.reopenAllowedUntil).toISOString() : null,
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  return issueActAction(request, params.reference, 'reopen', (ctx, issue, formData) =>
    reopenIssue(ctx, withIssue(parseForm(ReopenIssueSchema, formData), issue)),
  );
}

export const meta: Route.MetaFunction = ({ loaderData, matches }) =>
  pageTitleText(matches, `${metaT(matches)('issuesOfficer.act.reopen')}${loaderData ? `: ${loaderData.issue.reference}` : ''}`);

export default function ReopenIssue({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { issue, unavailable, outcome, until } = loaderData;
  const errors = actionData?.errors;
  const values = (actionData?.values ?? {}) as Record<string, string>;
  return (
    <IssueActPage issue={issue} title={t('issuesOfficer.act.reopen')} lead={t('issuesOfficer.reopen.lead')} unavailable={unavailable ? t(unavailable) : null}>
      {outcome ? (
        <div className="mb-6 rounded-lg border border-slate-200 bg-slate-50 p-4 text-sm">
          <p className="font-semibold text-slate-900">{t(issue.status === 'REJECTED' ? 'issuesOfficer.outcome.rejected' : 'issuesOfficer.outcome.resolved')}</p>
          <p className="mt-1 whitespace-pre-line text-slate-800">{outcome}</p>
        </div>
      ) : null}
      {until ? (
        <p className="mb-6 text-sm font-medium text-slate-900" data-testid="reopen-until">
          {t('issuesOfficer.reopenUntil')} <LocalTime value={until} />
        </p>
      ) : null}
      <WhatFollows
        items={[t('issuesOfficer.reopen.follows1'), t('issuesOfficer.reopen.follows2'), t('issuesOfficer.reopen.follows3'), t('issuesOfficer.follows.record')]}
      />
      <Form method="post" noValidate className="space-y-4">
        <FormError errors={errors} />
        <TextAreaField
          name="reason"
          label={t('issuesOfficer.reopen.reason')}
          hint={t('issuesOfficer.reopen.reasonHint')}
          rows={5}
          defaultValue={values.reason}
          errors={errors}
          required
        />
        <ActSubmit reference={issue.reference}>{t('issuesOfficer.act.reopen')}</ActSubmit>
      </Form>
    </IssueActPage>
  );
}
