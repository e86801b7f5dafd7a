// Resolving an issue closes it with an outcome. Irreversible-ish: the reporter may reopen it within 30 days, so the
// page says so, and asks for the outcome before the officer confirms.
import { Form } from 'react-router';
import type { Route } from './+types/issue.resolve';
import { ActSubmit, IssueActPage, WhatFollows } from '../components/issue-act-page';
import { FormError, TextAreaField } from '../components/ui';
import { ResolveIssueSchema } from '../domain/issue-schemas';
import { REOPEN_WINDOW_DAYS } from '../domain/issue-rules';
import { resolveIssue } from '../domain/issues.server';
import { metaT, pageTitleText, useT } from '../web/i18n';
import { issueActAction, issueForAct, withIssue } from '../web/issue-page.server';
import { parseForm } from '../web/route.server';

export async function loader({ request, params }: Route.LoaderArgs) {
  const { issue, subject, unavailable } = await issueForAct(request, params.reference, 'resolve');
  return { issue: subject, unavailable, anonymous: issue.anonymous };
}

export async function action({ request, params }: Route.ActionArgs) {
  return issueActAction(request, params.reference, 'resolve', (ctx, issue, formData) =>
    resolveIssue(ctx, withIssue(parseForm(ResolveIssueSchema, formData), issue)),
  );
}

export const meta: Route.MetaFunction = ({ loaderData, matches }) =>
  pageTitleText(matches, `${metaT(matches)('issuesOfficer.act.resolve')}${loaderData ? `: ${loaderData.issue.reference}` : ''}`);

export default function ResolveIssue({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { issue, unavailable, anonymous } = loaderData;
  const errors = actionData?.errors;
  const values = (actionData?.values ?? {}) as Record<string, string>;
  return (
    <IssueActPage issue={issue} title={t('issuesOfficer.act.resolve')} lead={t('issuesOfficer.resolve.lead')} unavailable={unavailable ? t(unavailable) : null}>
      <WhatFollows
        items={[
          t('issuesOfficer.resolve.follows1'),
          t(anonymous ? 'issuesOfficer.follows.notifyAnonymous' : 'issuesOfficer.follows.notifyReporter'),
          t('issuesOfficer.follows.reopenWindow', { days: REOPEN_WINDOW_DAYS }),
          t('issuesOfficer.follows.record'),
        ]}
      />
      <Form method="post" noValidate className="space-y-4">
        <FormError errors={errors} />
        <TextAreaField
          name="outcome"
          label={t('issuesOfficer.outcome')}
          hint={t('issuesOfficer.resolve.outcomeHint')}
          rows={5}
          defaultValue={values.outcome}
          errors={errors}
          required
        />
        <ActSubmit reference={issue.reference}>{t('issuesOfficer.resolve.confirm')}</ActSubmit>
      </Form>
    </IssueActPage>
  );
}
