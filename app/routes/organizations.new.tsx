import { useEffect, useRef } from 'react';
import { Form, redirect, useNavigation } from 'react-router';
import type { Route } from './+types/organizations.new';
import { requireUser } from '../auth/guards.server';
import { Alert, Button, Card, FormError, PageHeader, SelectField, TextAreaField, TextField } from '../components/ui';
import { COUNTRY_CODES, countryName } from '../domain/countries';
import { SimilarNameError } from '../domain/errors.server';
import { createOrganization } from '../domain/organizations.server';
import { ORGANIZATION_KINDS } from '../domain/enums';
import { RegisterOrganizationSchema } from '../domain/schemas';
import { attempt, formValues } from '../web/forms.server';
import { pageTitle, useT } from '../web/i18n';
import { parseForm, routeContext } from '../web/route.server';

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'org.new.title');

export async function loader({ request }: Route.LoaderArgs) {
  const { locale } = await requireUser(request);
  // Country names come from the server's Intl data, sorted there: the browser's Intl data may name them differently,
  // and the page must hydrate with exactly the text the server rendered.
  const countries = COUNTRY_CODES.map((code) => ({ value: code, label: countryName(code, locale) })).sort((a, b) => a.label.localeCompare(b.label, locale));
  return { countries };
}

export async function action({ request }: Route.ActionArgs) {
  await requireUser(request);
  const { ctx } = await routeContext(request);
  const formData = await request.formData();
  const values = formValues(formData);
  let similar: { id: string; slug: string; name: string } | null = null;
  const result = await attempt(
    async () => {
      try {
        return await createOrganization(ctx, parseForm(RegisterOrganizationSchema, formData));
      } catch (error) {
        if (error instanceof SimilarNameError) similar = error.similar;
        throw error;
      }
    },
    { values },
  );
  if (!result.ok) {
    // The warning replaces the error summary's generic wording: the page shows what it resembles and asks to confirm.
    if (similar) return { errors: undefined, values, similar: similar as { id: string; slug: string; name: string } };
    return result.response;
  }
  return redirect(`/organizations/${result.value.slug}`);
}

export default function NewOrganization({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const navigation = useNavigation();
  const errors = actionData?.errors;
  const values = (actionData?.values ?? {}) as Record<string, string>;
  const similar = actionData && 'similar' in actionData ? actionData.similar : null;
  const warning = useRef<HTMLDivElement>(null);
  // Like the error summary: the warning takes focus, so the person reads it before anything else.
  useEffect(() => {
    if (similar) warning.current?.focus();
  }, [similar]);
  return (
    <div className="mx-auto max-w-2xl">
      <PageHeader title={t('org.new.title')} lead={t('org.new.lead')} />
      <Card>
        <Form method="post" noValidate className="space-y-5">
          <FormError errors={errors} />
          {similar ? (
            <div
              ref={warning}
              tabIndex={-1}
              role="alert"
              className="space-y-3 rounded-lg border border-amber-400 bg-amber-50 px-4 py-3 text-sm text-amber-950"
              aria-labelledby="similar-heading"
            >
              <h2 id="similar-heading" className="font-semibold">
                {t('org.new.similar.title')}
              </h2>
              <p>{t('org.new.similar.body', { name: similar.name })}</p>
              <p>
                <a href={`/organizations/${similar.slug}`} target="_blank" rel="noopener" className="font-medium text-brand-800 underline">
                  {t('org.new.similar.view', { name: similar.name })}
                </a>
              </p>
              <label className="flex items-start gap-3 font-medium">
                <input type="checkbox" name="confirmSimilarName" value="true" className="mt-0.5 size-5 shrink-0" />
                <span>{t('org.new.similar.confirm', { name: similar.name })}</span>
              </label>
            </div>
          ) : null}
          <TextField name="name" label={t('field.organizationName')} defaultValue={values.name} errors={errors} required autoComplete="organization" />
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
            <SelectField
              name="country"
              label={t('field.country')}
              hint={t('org.new.countryHint')}
              defaultValue={values.country ?? ''}
              placeholder={t('field.chooseCountry')}
              options={loaderData.countries}
              errors={errors}
              required
            />
          </div>
          <TextAreaField
            name="description"
            label={t('field.description')}
            hint={t('field.descriptionHint')}
            rows={3}
            defaultValue={values.description}
            errors={errors}
          />
          <TextField
            name="website"
            type="url"
            label={t('field.website')}
            hint={t('field.websiteHint')}
            defaultValue={values.website}
            errors={errors}
            inputMode="url"
          />
          {similar ? <Alert tone="info">{t('org.unverifiedNotice')}</Alert> : null}
          <Button disabled={navigation.state === 'submitting'}>{t('org.new.submit')}</Button>
        </Form>
      </Card>
    </div>
  );
}
