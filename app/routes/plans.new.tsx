// Creating a national integrity action plan, for a customs administration whose administrator the viewer is. It
// starts as a draft, seen by the administration's members and platform administrators, until it is published.
import { Form, redirect, useNavigation } from 'react-router';
import type { Route } from './+types/plans.new';
import { requireUser } from '../auth/guards.server';
import { ActionPlanFields } from '../components/action-plan-form';
import { planHref } from '../components/action-plan-table';
import { Button, Card, FormError, PageHeader, SelectField } from '../components/ui';
import { CreateActionPlanSchema } from '../domain/commitment-schemas';
import { createActionPlan } from '../domain/commitments.server';
import { attempt, formValues } from '../web/forms.server';
import { pageTitle, useT } from '../web/i18n';
import { managedAdministrations } from '../web/action-plan-page.server';
import { parseForm, routeContext } from '../web/route.server';

async function administrations(request: Request) {
  const auth = await requireUser(request);
  const managed = managedAdministrations(auth);
  if (managed.length === 0) throw new Response('Forbidden', { status: 403, statusText: 'Forbidden' });
  return managed;
}

export async function loader({ request }: Route.LoaderArgs) {
  return { administrations: await administrations(request) };
}

export async function action({ request }: Route.ActionArgs) {
  const managed = await administrations(request);
  const { ctx } = await routeContext(request);
  const formData = await request.formData();
  const input = parseForm(CreateActionPlanSchema, formData);
  // With one administration there is nothing to choose.
  const administrationId = managed.length === 1 ? managed[0].id : input.administrationId;
  const result = await attempt(() => createActionPlan(ctx, { ...input, administrationId }), { values: formValues(formData) });
  if (!result.ok) return result.response;
  return redirect(`${planHref(result.value.slug)}?done=created`);
}

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'actionPlanPages.create');

export default function NewPlan({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const navigation = useNavigation();
  const { administrations } = loaderData;
  const errors = actionData?.errors;
  const values = (actionData?.values ?? {}) as Record<string, string>;
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader title={t('actionPlanPages.create')} lead={t('actionPlanPages.new.lead')} />
      <Card>
        <Form method="post" noValidate className="space-y-6">
          <FormError errors={errors} />
          {administrations.length === 1 ? (
            <p className="text-sm text-slate-700" data-testid="plan-administration">
              {t('actionPlanPages.new.for', { organization: administrations[0].name })}
            </p>
          ) : (
            <SelectField
              name="administrationId"
              label={t('actionPlanPages.column.administration')}
              options={administrations.map((a) => ({ value: a.id, label: a.name }))}
              placeholder={t('milestonePages.field.choose')}
              defaultValue={values.administrationId}
              errors={errors}
              required
            />
          )}
          <ActionPlanFields values={values} errors={errors} />
          <Button disabled={navigation.state === 'submitting'}>{t('actionPlanPages.new.submit')}</Button>
        </Form>
      </Card>
    </div>
  );
}
