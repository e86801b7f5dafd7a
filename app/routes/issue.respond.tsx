// Responding officially: the administration's answer to the issue, in Markdown, with an optional preview (rendered on
// the server, so it works without JavaScript). The first response of a cycle meets the response deadline; the
// reporter is told.
import { Form, Link, useNavigation } from 'react-router';
import type { Route } from './+types/issue.respond';
import { IssueActPage, WhatFollows, issuePath } from '../components/issue-act-page';
import { PledgeBody } from '../components/pledge-body';
import { Button, Card, FormError, TextAreaField, buttonClass } from '../components/ui';
import { RespondToIssueSchema } from '../domain/issue-schemas';
import { respondToIssue } from '../domain/issues.server';
import { renderMarkdown } from '../domain/markdown.server';
import { formValues } from '../web/forms.server';
import { LocalTime, metaT, pageTitleText, useT } from '../web/i18n';
import { issueActAction, issueForAct, withIssue } from '../web/issue-page.server';
import { parseForm } from '../web/route.server';

export async function loader({ request, params }: Route.LoaderArgs) {
  const { issue, subject, unavailable } = await issueForAct(request, params.reference, 'respond');
  return {
    issue: subject,
    unavailable,
    anonymous: issue.anonymous,
    firstOfCycle: !issue.respondedAt,
    respondBy: new Date(issue.respondBy).toISOString(),
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const formData = await request.formData();
  if (formData.get('intent') === 'preview') {
    // Nothing is recorded: the text as it will read, and the form again with it.
    await issueForAct(request, params.reference, 'respond');
    const body = String(formData.get('body') ?? '');
    return { preview: body.trim() ? renderMarkdown(body) : null, values: formValues(formData), errors: undefined };
  }
  return issueActAction(
    request,
    params.reference,
    'respond',
    (ctx, issue, form) => respondToIssue(ctx, withIssue(parseForm(RespondToIssueSchema, form), issue)),
    formData,
  );
}

export const meta: Route.MetaFunction = ({ loaderData, matches }) =>
  pageTitleText(matches, `${metaT(matches)('issuesOfficer.act.respond')}${loaderData ? `: ${loaderData.issue.reference}` : ''}`);

export default function RespondToIssue({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const navigation = useNavigation();
  const { issue, unavailable, anonymous, firstOfCycle, respondBy } = loaderData;
  const result = actionData as { errors?: Parameters<typeof FormError>[0]['errors']; values?: Record<string, string>; preview?: string | null } | undefined;
  const errors = result?.errors;
  const values = result?.values ?? {};
  return (
    <IssueActPage
      issue={issue}
      title={t('issuesOfficer.act.respond')}
      lead={t('issuesOfficer.respond.lead')}
      unavailable={unavailable ? t(unavailable) : null}
      aside={
        result && 'preview' in result ? (
          <Card aria-labelledby="preview-heading">
            <h2 id="preview-heading" className="mb-2 text-lg font-semibold text-brand-900">
              {t('issuesOfficer.preview')}
            </h2>
            {result.preview ? <PledgeBody html={result.preview} /> : <p className="text-sm text-slate-700">{t('issuesOfficer.preview.empty')}</p>}
          </Card>
        ) : null
      }
    >
      <WhatFollows
        items={[
          t('issuesOfficer.respond.follows1'),
          firstOfCycle ? t('issuesOfficer.respond.follows2') : t('issuesOfficer.respond.follows2Again'),
          t(anonymous ? 'issuesOfficer.follows.notifyAnonymous' : 'issuesOfficer.follows.notifyReporter'),
          t('issuesOfficer.follows.record'),
        ]}
      />
      {firstOfCycle ? (
        <p className="-mt-4 mb-6 text-sm text-slate-700">
          {t('issuesOfficer.deadline.respond')}: <LocalTime value={respondBy} />
        </p>
      ) : null}
      <Form method="post" noValidate className="space-y-4">
        <FormError errors={errors} />
        <TextAreaField
          name="body"
          label={t('issuesOfficer.respond.body')}
          hint={t('issuesOfficer.markdownHint')}
          rows={10}
          defaultValue={values.body}
          errors={errors}
          required
        />
        <div className="flex flex-wrap gap-3">
          <Button name="intent" value="respond" disabled={navigation.state === 'submitting'}>
            {t('issuesOfficer.respond.submit')}
          </Button>
          <Button name="intent" value="preview" variant="secondary" disabled={navigation.state === 'submitting'}>
            {t('issuesOfficer.preview')}
          </Button>
          <Link to={issuePath(issue.reference)} className={buttonClass('ghost')}>
            {t('issuesOfficer.cancel')}
          </Link>
        </div>
      </Form>
    </IssueActPage>
  );
}
