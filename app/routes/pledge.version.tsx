import { Form, redirect, useNavigation } from 'react-router';
import type { Route } from './+types/pledge.version';
import { requireUser } from '../auth/guards.server';
import { requestMeta } from '../auth/session.server';
import { PledgeTextFields, pledgeTextFromForm } from '../components/pledge-form';
import { Button, Card, FormError, PageHeader, TextAreaField } from '../components/ui';
import { publishPledgeVersion } from '../domain/pledges.server';
import { can } from '../domain/policy.server';
import { services } from '../services.server';
import { attempt, formValues } from '../web/forms.server';
import { useT } from '../web/i18n';
import { findPledgeBySlug } from '../web/pledges.server';

export async function loader({ request, params }: Route.LoaderArgs) {
  const { actor } = await requireUser(request);
  const pledge = await findPledgeBySlug(params.slug);
  if (!can(actor, 'pledge.manage', { organizationId: pledge.ownerOrganizationId ?? undefined })) throw new Response('Forbidden', { status: 403 });
  return { pledge: { slug: pledge.slug, title: pledge.title, body: pledge.body, factors: pledge.factors, next: pledge.currentVersion + 1 } };
}

export async function action({ request, params }: Route.ActionArgs) {
  const auth = await requireUser(request);
  const pledge = await findPledgeBySlug(params.slug);
  const formData = await request.formData();
  const result = await attempt(
    () =>
      publishPledgeVersion(
        { db: services().db, actor: auth.actor, meta: requestMeta(request) },
        { pledgeId: pledge.id, ...pledgeTextFromForm(formData), changeNote: formData.get('changeNote') || undefined },
      ),
    { values: { ...formValues(formData), factors: formData.getAll('factors') } },
  );
  if (!result.ok) return result.response;
  return redirect(`/pledges/${pledge.slug}`);
}

export default function NewVersion({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const navigation = useNavigation();
  const { pledge } = loaderData;
  const errors = actionData?.errors;
  const values = (actionData?.values as Record<string, never> | undefined) ?? { title: pledge.title, body: pledge.body, factors: pledge.factors };
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader title={t('pledge.newVersion')} lead={t('pledge.newVersion.lead')} />
      <Card>
        <Form method="post" noValidate className="space-y-6">
          <FormError errors={errors} />
          <PledgeTextFields values={values} errors={errors} />
          <TextAreaField name="changeNote" label={t('pledge.field.changeNote')} rows={2} defaultValue={(actionData?.values as Record<string, string> | undefined)?.changeNote} errors={errors} />
          <Button disabled={navigation.state === 'submitting'}>{t('pledge.newVersion.submit', { number: pledge.next })}</Button>
        </Form>
      </Card>
    </div>
  );
}
