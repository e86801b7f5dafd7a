// Changing a milestone while it is open: its title, deliverable, owner party and due date (not before the
// commitment's start). Acting for a party of the commitment.
import { Form, Link, redirect, useNavigation } from 'react-router';
import type { Route } from './+types/milestone.edit';
import { requireUser } from '../auth/guards.server';
import { milestonePath } from '../components/milestone-act-page';
import { MilestoneStateBadge } from '../components/milestone-badges';
import { ActingPartyField, MilestoneFields } from '../components/milestone-form';
import { Alert, Button, Card, FormError, PageHeader, buttonClass } from '../components/ui';
import { UpdateMilestoneSchema } from '../domain/commitment-schemas';
import { updateMilestone } from '../domain/milestones.server';
import { attempt, formValues } from '../web/forms.server';
import { metaT, pageTitleText, useT } from '../web/i18n';
import {
  actingParties,
  commitmentSummary,
  milestoneFromRequest,
  milestoneHref,
  milestonePermissions,
  milestoneView,
  partyOptions,
  withMilestone,
} from '../web/milestone-page.server';
import { parseForm } from '../web/route.server';

async function load(request: Request, reference: string | undefined, id: string | undefined) {
  await requireUser(request);
  const loaded = await milestoneFromRequest(request, reference, id);
  const { auth, commitment } = loaded;
  // Only parties of the commitment may ever change its milestones; the state decides whether now.
  if (actingParties(auth.actor, commitment).length === 0) throw new Response('Forbidden', { status: 403, statusText: 'Forbidden' });
  return { ...loaded, canEdit: milestonePermissions(auth.actor, commitment, loaded.milestone.id).canEdit };
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { auth, commitment, milestone, canEdit } = await load(request, params.reference, params.id);
  const view = milestoneView(commitment, milestone);
  return {
    commitment: commitmentSummary(commitment),
    milestone: { id: view.id, title: view.title, deliverable: view.deliverable, ownerOrganizationId: view.owner.id, dueDate: view.dueDate, state: view.state },
    parties: partyOptions(commitment),
    acting: actingParties(auth.actor, commitment),
    canEdit,
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { ctx, commitment, milestone } = await load(request, params.reference, params.id);
  const formData = await request.formData();
  const result = await attempt(() => updateMilestone(ctx, withMilestone(parseForm(UpdateMilestoneSchema, formData), milestone)), {
    values: formValues(formData),
  });
  if (!result.ok) return result.response;
  return redirect(`${milestoneHref(commitment.reference, milestone.id)}?done=updated`);
}

export const meta: Route.MetaFunction = ({ loaderData, matches }) =>
  pageTitleText(matches, `${metaT(matches)('milestonePages.edit.title')}${loaderData ? `: ${loaderData.milestone.title}` : ''}`);

export default function EditMilestone({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const navigation = useNavigation();
  const { commitment, milestone, parties, acting, canEdit } = loaderData;
  const errors = actionData?.errors;
  const values = (actionData?.values ?? {
    title: milestone.title,
    deliverable: milestone.deliverable,
    ownerOrganizationId: milestone.ownerOrganizationId,
    dueDate: milestone.dueDate,
  }) as Record<string, string>;
  const back = milestonePath(commitment.reference, milestone.id);
  return (
    <div className="mx-auto max-w-3xl">
      <p className="mb-2 text-sm">
        <Link to={back} className="font-medium text-brand-700 underline underline-offset-2">
          ← {t('milestonePages.backToMilestone')}
        </Link>
      </p>
      <PageHeader title={t('milestonePages.edit.title')} lead={t('milestonePages.edit.lead', { reference: commitment.reference, title: commitment.title })} />
      {!canEdit ? (
        <Alert tone="info">
          <span data-testid="act-unavailable">
            {commitment.phase === 'CANCELLED' ? t('milestonePages.unavailable.phase.CANCELLED') : t('milestonePages.edit.unavailable')}
          </span>{' '}
          <MilestoneStateBadge state={milestone.state} />{' '}
          <Link to={back} className="font-semibold underline">
            {t('milestonePages.backToMilestone')}
          </Link>
        </Alert>
      ) : (
        <Card>
          <Form method="post" noValidate className="space-y-6">
            <FormError errors={errors} />
            <ActingPartyField parties={acting} values={values} errors={errors} />
            <MilestoneFields values={values} errors={errors} parties={parties} startDate={commitment.startDate} />
            <div className="flex flex-wrap gap-3">
              <Button disabled={navigation.state === 'submitting'}>{t('milestonePages.edit.submit')}</Button>
              <Link to={back} className={buttonClass('secondary')}>
                {t('milestonePages.cancel')}
              </Link>
            </div>
          </Form>
        </Card>
      )}
    </div>
  );
}
