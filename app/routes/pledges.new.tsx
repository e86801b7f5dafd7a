// Drafting a new pledge, for the platform or on behalf of a partner organisation.
import { Form, redirect, useNavigation } from 'react-router';
import type { Route } from './+types/pledges.new';
import { requireUser } from '../auth/guards.server';
import { PledgeTermsFields, PledgeTextFields } from '../components/pledge-form';
import { pledgeMeta } from '../components/pledge-meta';
import { Button, Card, FormError, PageHeader, SelectField } from '../components/ui';
import { PledgeDraftSchema } from '../domain/pledge-schemas';
import { createPledgeDraft } from '../domain/pledges.server';
import { can } from '../domain/policy.server';
import { attempt, formValues } from '../web/forms.server';
import { useT } from '../web/i18n';
import { draftingOrganizations } from '../web/pledges.server';
import { parseForm, routeContext } from '../web/route.server';

export async function loader({ request }: Route.LoaderArgs) {
  const { actor } = await requireUser(request);
  const organizations = await draftingOrganizations(actor);
  const forPlatform = can(actor, 'pledge.draft');
  if (!forPlatform && organizations.length === 0) throw new Response('Forbidden', { status: 403 });
  return { organizations: organizations.map((o) => ({ id: o.id, name: o.name })), platformAdmin: forPlatform };
}

export async function action({ request }: Route.ActionArgs) {
  await requireUser(request);
  const { ctx } = await routeContext(request);
  const formData = await request.formData();
  const input = parseForm(PledgeDraftSchema, formData);
  const result = await attempt(
    () => createPledgeDraft(ctx, { ...input, renewalMonths: input.renewalMonths ?? null, ownerOrganizationId: input.ownerOrganizationId ?? null }),
    {
      values: { ...formValues(formData), factors: formData.getAll('factors') },
    },
  );
  if (!result.ok) return result.response;
  return redirect(`/pledges/${result.value.slug}`);
}

export const meta: Route.MetaFunction = ({ matches }) => pledgeMeta(matches, (t) => t('pledges.new'));

export default function NewPledge({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const navigation = useNavigation();
  const errors = actionData?.errors;
  const values = (actionData?.values ?? {}) as Record<string, never>;
  const owners = [
    ...(loaderData.platformAdmin ? [{ value: '', label: t('pledge.field.ownerPlatform') }] : []),
    ...loaderData.organizations.map((o) => ({ value: o.id, label: o.name })),
  ];
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader title={t('pledges.new')} lead={t('pledge.publishHint')} />
      <Card>
        <Form method="post" noValidate className="space-y-6">
          <FormError errors={errors} />
          <SelectField
            name="ownerOrganizationId"
            label={t('pledge.field.owner')}
            options={owners}
            defaultValue={(values as Record<string, string>).ownerOrganizationId}
            errors={errors}
          />
          <PledgeTextFields values={values} errors={errors} />
          <PledgeTermsFields values={values} errors={errors} />
          <Button disabled={navigation.state === 'submitting'}>{t('pledge.saveDraft')}</Button>
        </Form>
      </Card>
    </div>
  );
}
