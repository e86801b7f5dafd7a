// Editing a draft (its text, key factors, who may sign and the renewal period) before it is published.
import { Form, Link, redirect, useNavigation } from 'react-router';
import type { Route } from './+types/pledge.edit';
import { requireUser } from '../auth/guards.server';
import { PledgeTermsFields, PledgeTextFields } from '../components/pledge-form';
import { pledgeMeta } from '../components/pledge-meta';
import { Alert, Button, Card, FormError, PageHeader, buttonClass } from '../components/ui';
import { PledgeDraftSchema } from '../domain/pledge-schemas';
import { updatePledgeDraft } from '../domain/pledges.server';
import { attempt, formValues } from '../web/forms.server';
import { useT } from '../web/i18n';
import { managedPledge, pledgeFromRequest, pledgeSource } from '../web/pledges.server';
import { parseForm } from '../web/route.server';

export async function loader({ request, params }: Route.LoaderArgs) {
  await requireUser(request);
  const { pledge } = await managedPledge(request, params.slug);
  return { pledge: { ...pledgeSource(pledge), audience: pledge.audience, renewalMonths: pledge.renewalMonths } };
}

export async function action({ request, params }: Route.ActionArgs) {
  await requireUser(request);
  const { ctx, pledge } = await pledgeFromRequest(request, params.slug);
  const formData = await request.formData();
  const input = parseForm(PledgeDraftSchema.omit({ ownerOrganizationId: true }), formData);
  const result = await attempt(() => updatePledgeDraft(ctx, pledge.id, { ...input, renewalMonths: input.renewalMonths ?? null }), {
    values: { ...formValues(formData), factors: formData.getAll('factors') },
  });
  if (!result.ok) return result.response;
  return redirect(`/pledges/${pledge.slug}?done=draftSaved`);
}

export const meta: Route.MetaFunction = ({ loaderData, matches }) => pledgeMeta(matches, (t) => `${t('pledgeEdit.title')}: ${loaderData?.pledge.title ?? ''}`);

export default function EditDraft({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const navigation = useNavigation();
  const { pledge } = loaderData;
  const errors = actionData?.errors;
  const values = (actionData?.values as Record<string, never> | undefined) ?? {
    title: pledge.title,
    body: pledge.body,
    factors: pledge.factors,
    audience: pledge.audience,
    renewalMonths: pledge.renewalMonths ? String(pledge.renewalMonths) : '',
  };
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader
        title={t('pledgeEdit.title')}
        lead={pledge.title}
        actions={
          <Link to={`/pledges/${pledge.slug}`} className={buttonClass('secondary')}>
            {t('register.back')}
          </Link>
        }
      />
      {pledge.status !== 'DRAFT' ? (
        <Alert tone="info">{t('errors.pledgeAlreadyPublished')}</Alert>
      ) : (
        <Card>
          <Form method="post" noValidate className="space-y-6">
            <FormError errors={errors} />
            <PledgeTextFields values={values} errors={errors} />
            <PledgeTermsFields values={values} errors={errors} />
            <div className="flex flex-wrap gap-3">
              <Button disabled={navigation.state === 'submitting'}>{t('pledge.saveDraft')}</Button>
              <Link to={`/pledges/${pledge.slug}/publish`} className={buttonClass('secondary')}>
                {t('pledge.publish')}
              </Link>
            </div>
          </Form>
        </Card>
      )}
    </div>
  );
}
