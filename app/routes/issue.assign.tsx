// Assigning an issue: to oneself ("assign to me") or to a colleague among the administration's liaison officers and
// administrators. The assignee is told; the status does not change.
import { Form } from 'react-router';
import type { Route } from './+types/issue.assign';
import { ActSubmit, IssueActPage, WhatFollows } from '../components/issue-act-page';
import { Button, FormError, SelectField } from '../components/ui';
import { AssignIssueSchema } from '../domain/issue-schemas';
import { assignIssue } from '../domain/issues.server';
import { metaT, pageTitleText, useT } from '../web/i18n';
import { assignableUsers, issueActAction, issueForAct, withIssue } from '../web/issue-page.server';
import { parseForm } from '../web/route.server';

export async function loader({ request, params }: Route.LoaderArgs) {
  const { auth, ctx, issue, subject, unavailable } = await issueForAct(request, params.reference, 'assign');
  const people = await assignableUsers(ctx, issue.administrationId);
  const me = auth.user ? (people.find((p) => p.id === auth.user!.id) ?? null) : null;
  return {
    issue: subject,
    unavailable,
    people,
    me: me ? { id: me.id } : null,
    assignee: issue.assignee ? { id: issue.assignee.id, name: issue.assignee.name } : null,
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  return issueActAction(request, params.reference, 'assign', (ctx, issue, formData) =>
    assignIssue(ctx, withIssue(parseForm(AssignIssueSchema, formData), issue)),
  );
}

export const meta: Route.MetaFunction = ({ loaderData, matches }) =>
  pageTitleText(matches, `${metaT(matches)('issuesOfficer.act.assign')}${loaderData ? `: ${loaderData.issue.reference}` : ''}`);

export default function AssignIssue({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { issue, unavailable, people, me, assignee } = loaderData;
  const errors = actionData?.errors;
  const values = (actionData?.values ?? {}) as Record<string, string>;
  return (
    <IssueActPage issue={issue} title={t('issuesOfficer.act.assign')} lead={t('issuesOfficer.assign.lead')} unavailable={unavailable ? t(unavailable) : null}>
      <p className="mb-4 text-sm text-slate-800" data-testid="current-assignee">
        {assignee ? t('issuesOfficer.assign.current', { name: assignee.name }) : t('issuesOfficer.assign.none')}
      </p>
      <WhatFollows items={[t('issuesOfficer.assign.follows1'), t('issuesOfficer.assign.follows2'), t('issuesOfficer.follows.record')]} />
      <FormError errors={errors} />
      {me && me.id !== assignee?.id ? (
        <Form method="post" className="mt-4 mb-6 border-b border-slate-200 pb-6">
          <input type="hidden" name="assigneeId" value={me.id} />
          <Button variant="secondary" data-testid="assign-to-me">
            {t('issuesOfficer.assign.toMe')}
          </Button>
        </Form>
      ) : null}
      <Form method="post" noValidate className="mt-4 space-y-4">
        <SelectField
          name="assigneeId"
          label={t('issuesOfficer.assign.who')}
          hint={t('issuesOfficer.assign.whoHint')}
          options={people.map((p) => ({ value: p.id, label: `${p.name} (${t(`role.${p.role}`)})` }))}
          placeholder={t('issuesOfficer.assign.choose')}
          defaultValue={values.assigneeId ?? assignee?.id ?? ''}
          errors={errors}
          required
        />
        <ActSubmit reference={issue.reference}>{t('issuesOfficer.assign.submit')}</ActSubmit>
      </Form>
    </IssueActPage>
  );
}
