// Resolving an issue closes it with an outcome. Irreversible-ish: the reporter may reopen it within 30 days, so the
// page says so, and asks for the outcome before the officer confirms.
import type { Route } from './+types/issue.resolve';
import { IssueClosePage } from '../components/issue-act-page';
import { ResolveIssueSchema } from '../domain/issue-schemas';
import { resolveIssue } from '../domain/issues.server';
import { metaT, pageTitleText } from '../web/i18n';
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
  const { issue, unavailable, anonymous } = loaderData;
  return (
    <IssueClosePage
      act="resolve"
      issue={issue}
      unavailable={unavailable}
      anonymous={anonymous}
      errors={actionData?.errors}
      values={(actionData?.values ?? {}) as Record<string, string>}
    />
  );
}
