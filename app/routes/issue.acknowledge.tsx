// Acknowledging an issue: the administration confirms it has the issue in hand, with an optional note. The reporter
// is told; the response deadline keeps running.
import { Form } from 'react-router';
import type { Route } from './+types/issue.acknowledge';
import { ActSubmit, IssueActPage, WhatFollows } from '../components/issue-act-page';
import { FormError, TextAreaField } from '../components/ui';
import { AcknowledgeIssueSchema } from '../domain/issue-schemas';
import { acknowledgeIssue } from '../domain/issues.server';
import { LocalTime, pageTitleText, metaT, useT } from '../web/i18n';
import { issueActAction, issueForAct, withIssue } from '../web/issue-page.server';
import { parseForm } from '../web/route.server';

export async function loader({ request, params }: Route.LoaderArgs) {
  const { issue, subject, unavailable } = await issueForAct(request, params.reference, 'acknowledge');
  return { issue: subject, unavailable, respondBy: new Date(issue.respondBy).toISOString(), anonymous: issue.anonymous };
}

export async function action({ request, params }: Route.ActionArgs) {
  return issueActAction(request, params.reference, 'acknowledge', (ctx, issue, formData) =>
    acknowledgeIssue(ctx, withIssue(parseForm(AcknowledgeIssueSchema, formData), issue)),
  );
}

export const meta: Route.MetaFunction = ({ loaderData, matches }) =>
  pageTitleText(matches, `${metaT(matches)('issuesOfficer.act.acknowledge')}${loaderData ? `: ${loaderData.issue.reference}` : ''}`);

export default function AcknowledgeIssue({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { issue, unavailable, respondBy, anonymous } = loaderData;
  const errors = actionData?.errors;
  const values = (actionData?.values ?? {}) as Record<string, string>;
  return (
    <IssueActPage
      issue={issue}
      title={t('issuesOfficer.act.acknowledge')}
      lead={t('issuesOfficer.acknowledge.lead')}
      unavailable={unavailable ? t(unavailable) : null}
    >
      <WhatFollows
        items={[
          t('issuesOfficer.acknowledge.follows1'),
          t(anonymous ? 'issuesOfficer.follows.notifyAnonymous' : 'issuesOfficer.follows.notifyReporter'),
          t('issuesOfficer.acknowledge.follows3'),
        ]}
      />
      <p className="-mt-4 mb-6 text-sm text-slate-700">
        {t('issuesOfficer.deadline.respond')}: <LocalTime value={respondBy} />
      </p>
      <Form method="post" noValidate className="space-y-4">
        <FormError errors={errors} />
        <TextAreaField
          name="note"
          label={t('issuesOfficer.acknowledge.note')}
          hint={t('issuesOfficer.acknowledge.noteHint')}
          rows={3}
          defaultValue={values.note}
          errors={errors}
        />
        <ActSubmit reference={issue.reference}>{t('issuesOfficer.act.acknowledge')}</ActSubmit>
      </Form>
    </IssueActPage>
  );
}
