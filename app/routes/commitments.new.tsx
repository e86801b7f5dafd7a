// Proposing a joint commitment for one of the reader's organisations (policy commitment.propose). Pre-filled from an
// issue (`?issue=ISS-…`, then created with createCommitmentFromIssue so both link), an action plan (`?plan=<slug>`)
// or a pledge (`?pledge=<slug>`). A failed form comes back with an error summary (focused) and every field as typed;
// success opens the new commitment's page with a receipt.
import { Link, redirect } from 'react-router';
import type { Route } from './+types/commitments.new';
import { requireUser } from '../auth/guards.server';
import { CommitmentForm, type CommitmentFormValues } from '../components/commitment-form';
import { Card, PageHeader, buttonClass } from '../components/ui';
import { CommitmentFieldsSchema, CreateCommitmentSchema } from '../domain/commitment-schemas';
import { todayOf } from '../domain/commitment-rules';
import { commitmentDraftFromIssue, createCommitment, createCommitmentFromIssue } from '../domain/commitments.server';
import { NotFoundError, ValidationError } from '../domain/errors.server';
import { getIssue } from '../domain/issue-queries.server';
import { attempt, formValues } from '../web/forms.server';
import { pageTitle, useT } from '../web/i18n';
import {
  FORM_MILESTONES,
  commitmentFormChoices,
  commitmentHref,
  formFieldErrors,
  issueIdsFromReferences,
  milestonesFromForm,
  proposingOrganizations,
} from '../web/commitment-page.server';
import { parseForm, routeContext } from '../web/route.server';

const LIST_FIELDS = ['factors', 'pledgeIds', 'partyOrganizationIds'] as const;

/** The issue a `?issue=` or the form's `issueId` names, as the reader may see it (nothing otherwise). */
async function issueOf(ctx: Parameters<typeof getIssue>[0], by: { reference: string } | { id: string }) {
  try {
    const issue = await getIssue(ctx, by);
    return { id: issue.id, reference: issue.reference, title: issue.title };
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
}

export async function loader({ request }: Route.LoaderArgs) {
  const { user } = await requireUser(request);
  const { auth, ctx } = await routeContext(request);
  const proposers = proposingOrganizations(auth);
  const choices = await commitmentFormChoices(ctx, proposers, auth.locale);
  const search = new URL(request.url).searchParams;
  const values: CommitmentFormValues = { startDate: todayOf(new Date()) };
  let issue: { id: string; reference: string; title: string } | null = null;
  const issueReference = search.get('issue')?.trim().toUpperCase();
  if (issueReference && issueReference.length <= 40) {
    issue = await issueOf(ctx, { reference: issueReference });
    if (issue) {
      const draft = await commitmentDraftFromIssue(ctx, issue.id);
      Object.assign(values, {
        title: draft.title,
        description: draft.description,
        type: draft.type,
        factors: draft.factors,
        partyOrganizationIds: draft.partyOrganizationIds,
        startDate: draft.startDate,
        issueReferences: draft.issue.reference,
      });
      if (draft.proposerOrganizationId && proposers.some((p) => p.id === draft.proposerOrganizationId))
        values.proposerOrganizationId = draft.proposerOrganizationId;
    }
  }
  const plan = search.get('plan');
  if (plan) {
    const found = choices.plans.find((p) => p.slug === plan);
    if (found) values.actionPlanId = found.id;
  }
  const pledge = search.get('pledge');
  if (pledge) {
    const found = choices.pledges.find((p) => p.slug === pledge);
    if (found) values.pledgeIds = [found.id];
  }
  return {
    issue,
    values,
    choices: {
      proposers,
      organizations: choices.organizations,
      monitors: choices.monitors.map((m) => ({ id: m.id, name: m.name })),
      plans: choices.plans.map((p) => ({ id: p.id, title: p.title, status: p.status, administration: p.administration })),
      pledges: choices.pledges.map((p) => ({ id: p.id, title: p.title })),
      members: choices.members,
      me: { id: user.id, name: user.name },
      milestoneRows: FORM_MILESTONES,
    },
  };
}

/** What was typed, to show the form again: lists as lists, milestone rows in the order they are sent. */
function typedValues(formData: FormData, milestones: ReturnType<typeof milestonesFromForm>): CommitmentFormValues {
  const values: CommitmentFormValues = Object.fromEntries(Object.entries(formValues(formData)).filter(([key]) => !key.startsWith('milestones.')));
  for (const name of LIST_FIELDS) values[name] = formData.getAll(name).filter((v): v is string => typeof v === 'string');
  milestones.forEach((m, i) => {
    values[`milestones.${i}.title`] = m.title;
    values[`milestones.${i}.deliverable`] = m.deliverable;
    values[`milestones.${i}.ownerOrganizationId`] = m.ownerOrganizationId;
    values[`milestones.${i}.dueDate`] = m.dueDate;
  });
  return values;
}

export async function action({ request }: Route.ActionArgs) {
  await requireUser(request);
  const { ctx } = await routeContext(request);
  const formData = await request.formData();
  const milestones = milestonesFromForm(formData);
  const issueIdField = formData.get('issueId');
  const result = await attempt(
    async () => {
      try {
        const input = { ...parseForm(CommitmentFieldsSchema, formData, { arrays: [...LIST_FIELDS] }), milestones };
        // The proposer's own organisation is always a party: ticking it again is not an error.
        const parties = Array.isArray(input.partyOrganizationIds) ? (input.partyOrganizationIds as string[]) : [];
        input.partyOrganizationIds = parties.filter((id) => id !== input.proposerOrganizationId);
        // Every field's problems at once: the schema's, and the linked issues' references.
        const parsed = CreateCommitmentSchema.safeParse({ ...input, issueIds: [] });
        let issueIds: string[] = [];
        let referenceErrors: ValidationError | null = null;
        try {
          issueIds = await issueIdsFromReferences(ctx, String(formData.get('issueReferences') ?? ''));
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          referenceErrors = error;
        }
        if (!parsed.success || referenceErrors) {
          throw new ValidationError({ ...(parsed.success ? {} : ValidationError.fromZod(parsed.error).fieldErrors), ...(referenceErrors?.fieldErrors ?? {}) });
        }
        if (typeof issueIdField === 'string' && issueIdField) {
          const issue = await issueOf(ctx, { id: issueIdField });
          if (!issue) throw new NotFoundError();
          return await createCommitmentFromIssue(ctx, { ...input, issueIds: [...new Set([issue.id, ...issueIds])], issueId: issue.id });
        }
        return await createCommitment(ctx, { ...input, issueIds });
      } catch (error) {
        if (error instanceof ValidationError) throw new ValidationError(formFieldErrors(error.fieldErrors) ?? {}, error.message, error.params);
        throw error;
      }
    },
    { values: typedValues(formData, milestones) },
  );
  if (!result.ok) return result.response;
  return redirect(`${commitmentHref(result.value.reference)}?done=proposed`);
}

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'commitmentsPages.new.title');

export default function NewCommitment({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { choices, issue } = loaderData;
  const values = (actionData?.values as CommitmentFormValues | undefined) ?? loaderData.values;
  if (!choices.proposers.length) {
    return (
      <div className="mx-auto max-w-3xl">
        <PageHeader title={t('commitmentsPages.new.title')} />
        <Card>
          <p data-testid="propose-not-allowed">{t('commitmentsPages.new.notAllowed')}</p>
          <p className="mt-4">
            <Link to="/commitments" className={buttonClass('secondary')}>
              {t('commitmentsPages.new.back')}
            </Link>
          </p>
        </Card>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader title={t('commitmentsPages.new.title')} lead={t('commitmentsPages.new.lead')} />
      <Card>
        <CommitmentForm choices={choices} values={values} errors={actionData?.errors} issue={issue} />
      </Card>
    </div>
  );
}
