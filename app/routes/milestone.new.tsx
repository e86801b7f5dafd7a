// Adding a milestone to a commitment (while it is proposed or active): what is delivered, by which party, by when.
// Acting for a party of the commitment; the due date may not fall before the commitment's start.
import { Form, Link, redirect, useNavigation } from 'react-router';
import type { Route } from './+types/milestone.new';
import { requireUser } from '../auth/guards.server';
import { commitmentPath } from '../components/milestone-act-page';
import { ActingPartyField, MilestoneFields } from '../components/milestone-form';
import { Button, Card, FormError, PageHeader, buttonClass } from '../components/ui';
import { AddMilestoneSchema } from '../domain/commitment-schemas';
import { addMilestone } from '../domain/milestones.server';
import { attempt, formValues } from '../web/forms.server';
import { metaT, pageTitleText, useT } from '../web/i18n';
import { actingParties, commitmentFromRequest, commitmentSummary, milestoneHref, milestonePermissions, partyOptions } from '../web/milestone-page.server';
import { parseForm } from '../web/route.server';

async function load(request: Request, reference: string | undefined) {
  await requireUser(request);
  const loaded = await commitmentFromRequest(request, reference);
  const permissions = milestonePermissions(loaded.auth.actor, loaded.commitment, '');
  if (!permissions.canAddMilestone) throw new Response('Forbidden', { status: 403, statusText: 'Forbidden' });
  return loaded;
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { auth, commitment } = await load(request, params.reference);
  return { commitment: commitmentSummary(commitment), parties: partyOptions(commitment), acting: actingParties(auth.actor, commitment) };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { ctx, commitment } = await load(request, params.reference);
  const formData = await request.formData();
  const result = await attempt(() => addMilestone(ctx, { ...parseForm(AddMilestoneSchema, formData), commitmentId: commitment.id }), {
    values: formValues(formData),
  });
  if (!result.ok) return result.response;
  return redirect(`${milestoneHref(commitment.reference, result.value.id)}?done=added`);
}

export const meta: Route.MetaFunction = ({ loaderData, matches }) =>
  pageTitleText(matches, `${metaT(matches)('milestonePages.new.title')}${loaderData ? `: ${loaderData.commitment.reference}` : ''}`);

export default function NewMilestone({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const navigation = useNavigation();
  const { commitment, parties, acting } = loaderData;
  const errors = actionData?.errors;
  const values = (actionData?.values ?? {}) as Record<string, string>;
  return (
    <div className="mx-auto max-w-3xl">
      <p className="mb-2 text-sm">
        <Link to={commitmentPath(commitment.reference)} className="font-medium text-brand-700 underline underline-offset-2">
          ← {t('milestonePages.backToCommitment', { reference: commitment.reference })}
        </Link>
      </p>
      <PageHeader title={t('milestonePages.new.title')} lead={t('milestonePages.new.lead', { title: commitment.title })} />
      <Card>
        <Form method="post" noValidate className="space-y-6">
          <FormError errors={errors} />
          <ActingPartyField parties={acting} values={values} errors={errors} />
          <MilestoneFields values={values} errors={errors} parties={parties} startDate={commitment.startDate} />
          <div className="flex flex-wrap gap-3">
            <Button disabled={navigation.state === 'submitting'}>{t('milestonePages.new.submit')}</Button>
            <Link to={commitmentPath(commitment.reference)} className={buttonClass('secondary')}>
              {t('milestonePages.cancel')}
            </Link>
          </div>
        </Form>
      </Card>
    </div>
  );
}
