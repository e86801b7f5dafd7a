// Rejecting an issue closes it with the reason it is not taken further (the outcome). Irreversible-ish: the reporter may reopen it within 30 days, so the
// page says so, and asks for the outcome before the officer confirms.
import type { Route } from './+types/issue.reject';
import { IssueClosePage } from '../components/issue-act-page';
import { RejectIssueSchema } from '../domain/issue-schemas';
import { rejectIssue } from '../domain/issues.server';
import { metaT, pageTitleText } from '../web/i18n';
import { issueActAction, issueForAct, withIssue } from '../web/issue-page.server';
import { parseForm } from '../web/route.server';

export async function loader({ request, params }: Route.LoaderArgs) {
  const { issue, subject, unavailable } = await issueForAct(request, params.reference, 'reject');
  return { issue: subject, unavailable, anonymous: issue.anonymous };
}

export async function action({ request, params }: Route.ActionArgs) {
  return issueActAction(request, params.reference, 'reject', (ctx, issue, formData) =>
    rejectIssue(ctx, withIssue(parseForm(RejectIssueSchema, formData), issue)),
  );
}

export const meta: Route.MetaFunction = ({ loaderData, matches }) =>
  pageTitleText(matches, `${metaT(matches)('issuesOfficer.act.reject')}${loaderData ? `: ${loaderData.issue.reference}` : ''}`);

export default function RejectIssue({ loaderData, actionData }: Route.ComponentProps) {
  const { issue, unavailable, anonymous } = loaderData;
  return (
    <IssueClosePage
      act="reject"
      issue={issue}
      unavailable={unavailable}
      anonymous={anonymous}
      errors={actionData?.errors}
      values={(actionData?.values ?? {}) as Record<string, string>}
    />
  );
}
