// A named reporter adds information to their issue (or an administrator of the reporting organisation does): a text
// and up to the remaining evidence files (5 per issue in all), checked and stripped of their metadata before they
// are stored. Anonymous reporters do the same through their receipt code on /report/follow-up.
import { Form } from 'react-router';
import type { Route } from './+types/issue.follow-up';
import { requireUser } from '../auth/guards.server';
import { ActSubmit, IssueActPage, WhatFollows } from '../components/issue-act-page';
import { IssueEvidenceField } from '../components/issue-evidence-field';
import { FormError, TextAreaField } from '../components/ui';
import { FollowUpIssueSchema } from '../domain/issue-schemas';
import { followUpIssue } from '../domain/issues.server';
import { metaT, pageTitleText, useT } from '../web/i18n';
import { evidenceCount, issueActAction, issueForAct, withIssue } from '../web/issue-page.server';
import { parseForm } from '../web/route.server';
import { readEvidenceForm } from '../web/uploads.server';

export async function loader({ request, params }: Route.LoaderArgs) {
  const { issue, subject, unavailable } = await issueForAct(request, params.reference, 'followUp');
  return { issue: subject, unavailable, existing: evidenceCount(issue) };
}

export async function action({ request, params }: Route.ActionArgs) {
  // Who is asking, before the body (up to the upload limit) is read.
  await requireUser(request);
  await issueForAct(request, params.reference, 'followUp');
  const upload = await readEvidenceForm(request);
  return issueActAction(
    request,
    params.reference,
    'followUp',
    async (ctx, issue, formData) => {
      if (upload.error) throw upload.error;
      return followUpIssue(ctx, withIssue(parseForm(FollowUpIssueSchema, formData), issue), upload.files);
    },
    upload.formData,
  );
}

export const meta: Route.MetaFunction = ({ loaderData, matches }) =>
  pageTitleText(matches, `${metaT(matches)('issuesOfficer.act.followUp')}${loaderData ? `: ${loaderData.issue.reference}` : ''}`);

export default function FollowUpIssue({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { issue, unavailable, existing } = loaderData;
  const errors = actionData?.errors;
  const values = (actionData?.values ?? {}) as Record<string, string>;
  return (
    <IssueActPage
      issue={issue}
      title={t('issuesOfficer.act.followUp')}
      lead={t('issuesOfficer.followUp.lead')}
      unavailable={unavailable ? t(unavailable) : null}
    >
      <WhatFollows items={[t('issuesOfficer.followUp.follows1'), t('issuesOfficer.followUp.follows2'), t('issuesOfficer.follows.record')]} />
      <Form method="post" encType="multipart/form-data" noValidate className="space-y-4">
        <FormError errors={errors} labels={{ files: t('issuesOfficer.followUp.files') }} />
        <TextAreaField
          name="body"
          label={t('issuesOfficer.followUp.body')}
          hint={t('issuesOfficer.markdownHint')}
          rows={8}
          defaultValue={values.body}
          errors={errors}
          required
        />
        <IssueEvidenceField errors={errors} existingCount={existing} label={t('issuesOfficer.followUp.files')} />
        <ActSubmit reference={issue.reference}>{t('issuesOfficer.followUp.submit')}</ActSubmit>
      </Form>
    </IssueActPage>
  );
}
