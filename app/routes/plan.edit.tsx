// Editing an action plan (draft or published): title, description and period. Its administration's administrators.
import { Form, Link, redirect, useNavigation } from 'react-router';
import type { Route } from './+types/plan.edit';
import { ActionPlanFields } from '../components/action-plan-form';
import { planHref } from '../components/action-plan-table';
import { Button, Card, FormError, PageHeader, buttonClass } from '../components/ui';
import { UpdateActionPlanSchema } from '../domain/commitment-schemas';
import { updateActionPlan } from '../domain/commitments.server';
import { attempt, formValues } from '../web/forms.server';
import { metaT, pageTitleText, useT } from '../web/i18n';
import { managedPlan } from '../web/action-plan-page.server';
import { parseForm } from '../web/route.server';

export async function loader({ request, params }: Route.LoaderArgs) {
  const { plan } = await managedPlan(request, params.slug);
  return { plan: { slug: plan.slug, title: plan.title, description: plan.description, periodStart: plan.periodStart, periodEnd: plan.periodEnd } };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { ctx, plan } = await managedPlan(request, params.slug);
  const formData = await request.formData();
  const result = await attempt(() => updateActionPlan(ctx, { ...parseForm(UpdateActionPlanSchema, formData), actionPlanId: plan.id }), {
    values: formValues(formData),
  });
  if (!result.ok) return result.response;
  return redirect(`${planHref(result.value.slug)}?done=updated`);
}

export const meta: Route.MetaFunction = ({ loaderData, matches }) =>
  pageTitleText(matches, `${metaT(matches)('actionPlanPages.edit.title')}${loaderData ? `: ${loaderData.plan.title}` : ''}`);

export default function EditPlan({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const navigation = useNavigation();
  const { plan } = loaderData;
  const errors = actionData?.errors;
  const values = (actionData?.values ?? plan) as Record<string, string>;
  return (
    <div className="mx-auto max-w-3xl">
      <p className="mb-2 text-sm">
        <Link to={planHref(plan.slug)} className="font-medium text-brand-700 underline underline-offset-2">
          ← {t('actionPlanPages.backToPlan', { title: plan.title })}
        </Link>
      </p>
      <PageHeader title={t('actionPlanPages.edit.title')} lead={plan.title} />
      <Card>
        <Form method="post" noValidate className="space-y-6">
          <FormError errors={errors} />
          <ActionPlanFields values={values} errors={errors} />
          <div className="flex flex-wrap gap-3">
            <Button disabled={navigation.state === 'submitting'}>{t('actionPlanPages.edit.submit')}</Button>
            <Link to={planHref(plan.slug)} className={buttonClass('secondary')}>
              {t('milestonePages.cancel')}
            </Link>
          </div>
        </Form>
      </Card>
    </div>
  );
}
