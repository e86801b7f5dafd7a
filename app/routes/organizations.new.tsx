import { Form, redirect, useNavigation } from 'react-router';
import type { Route } from './+types/organizations.new';
import { requireUser } from '../auth/guards.server';
import { requestMeta } from '../auth/session.server';
import { Button, Card, FormError, PageHeader, SelectField, TextAreaField, TextField } from '../components/ui';
import { COUNTRY_CODES, countryName } from '../domain/countries';
import { createOrganization } from '../domain/organizations.server';
import { ORGANIZATION_KINDS } from '../domain/schemas';
import { services } from '../services.server';
import { attempt, formValues } from '../web/forms.server';
import { useT } from '../web/i18n';

export async function loader({ request }: Route.LoaderArgs) {
  await requireUser(request);
  return null;
}

export async function action({ request }: Route.ActionArgs) {
  const auth = await requireUser(request);
  const formData = await request.formData();
  const result = await attempt(
    () =>
      createOrganization(
        { db: services().db, actor: auth.actor, meta: requestMeta(request) },
        {
          name: formData.get('name'),
          kind: formData.get('kind') || undefined,
          country: formData.get('country'),
          description: formData.get('description') ?? '',
          website: formData.get('website') ?? '',
        },
      ),
    { values: formValues(formData) },
  );
  if (!result.ok) return result.response;
  return redirect(`/organizations/${result.value.slug}`);
}

export default function NewOrganization({ actionData }: Route.ComponentProps) {
  const t = useT();
  const navigation = useNavigation();
  const errors = actionData?.errors;
  const values = (actionData?.values ?? {}) as Record<string, string>;
  const countries = COUNTRY_CODES.map((c) => ({ value: c, label: countryName(c, t.locale) })).sort((a, b) => a.label.localeCompare(b.label, t.locale));
  return (
    <div className="mx-auto max-w-2xl">
      <PageHeader title={t('org.new.title')} lead={t('org.new.lead')} />
      <Card>
        <Form method="post" noValidate className="space-y-5">
          <FormError errors={errors} />
          <TextField name="name" label={t('field.organizationName')} defaultValue={values.name} errors={errors} required />
          <div className="grid gap-5 sm:grid-cols-2">
            <SelectField
              name="kind"
              label={t('field.kind')}
              defaultValue={values.kind ?? ''}
              placeholder={t('field.chooseKind')}
              options={ORGANIZATION_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
              errors={errors}
              required
            />
            <SelectField name="country" label={t('field.country')} defaultValue={values.country ?? ''} placeholder={t('field.chooseCountry')} options={countries} errors={errors} required />
          </div>
          <TextAreaField name="description" label={t('field.description')} hint={t('field.descriptionHint')} rows={3} defaultValue={values.description} errors={errors} />
          <TextField name="website" type="url" label={t('field.website')} hint={t('field.websiteHint')} defaultValue={values.website} errors={errors} inputMode="url" />
          <Button disabled={navigation.state === 'submitting'}>{t('org.new.submit')}</Button>
        </Form>
      </Card>
    </div>
  );
}
