import { Form, redirect, useNavigation } from 'react-router';
import type { Route } from './+types/pledges.new';
import { requireUser } from '../auth/guards.server';
import { requestMeta } from '../auth/session.server';
import { PledgeTermsFields, PledgeTextFields, pledgeTermsFromForm, pledgeTextFromForm } from '../components/pledge-form';
import { Button, Card, FormError, PageHeader, SelectField } from '../components/ui';
import { createPledgeDraft } from '../domain/pledges.server';
import { services } from '../services.server';
import { attempt } from '../web/forms.server';
import { useT } from '../web/i18n';
import { draftingOrganizations } from '../web/pledges.server';

export async function loader({ request }: Route.LoaderArgs) {
  const { actor, user } = await requireUser(request);
  const organizations = await draftingOrganizations(actor);
  if (!user.isPlatformAdmin && organizations.length === 0) throw new Response('Forbidden', { status: 403 });
  return { organizations: organizations.map((o) => ({ id: o.id, name: o.name })), platformAdmin: user.isPlatformAdmin };
}

export async function action({ request }: Route.ActionArgs) {
  const auth = await requireUser(request);
  const formData = await request.formData();
  const owner = formData.get('ownerOrganizationId');
  const input = { ...pledgeTextFromForm(formData), ...pledgeTermsFromForm(formData), ownerOrganizationId: owner ? String(owner) : null };
  const result = await attempt(() => createPledgeDraft({ db: services().db, actor: auth.actor, meta: requestMeta(request) }, input), {
    values: { title: formData.get('title'), body: formData.get('body'), factors: formData.getAll('factors'), audience: formData.get('audience'), renewalMonths: formData.get('renewalMonths') },
  });
  if (!result.ok) return result.response;
  return redirect(`/pledges/${result.value.slug}`);
}

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
          <SelectField name="ownerOrganizationId" label={t('pledge.field.owner')} options={owners} errors={errors} />
          <PledgeTextFields values={values} errors={errors} />
          <PledgeTermsFields values={values} errors={errors} />
          <Button disabled={navigation.state === 'submitting'}>{t('pledge.saveDraft')}</Button>
        </Form>
      </Card>
    </div>
  );
}
