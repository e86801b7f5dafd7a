// Raising an issue on behalf of one of the reader's business associations, with evidence files (multipart). A failed
// form comes back with an error summary (focused) and the fields as typed; success opens the new issue's page.
import { Form, Link, redirect, useNavigation } from 'react-router';
import type { Route } from './+types/issues.new';
import { requireUser } from '../auth/guards.server';
import { IssueVisibilityField, IssueWhatFields, IssueWhereFields } from '../components/issue-form-fields';
import { IssueEvidenceField } from '../components/issue-evidence-field';
import { Alert, Button, Card, FormError, PageHeader, SelectField, buttonClass } from '../components/ui';
import { RaiseIssueSchema } from '../domain/issue-schemas';
import { raiseIssue } from '../domain/issues.server';
import { attempt, formValues } from '../web/forms.server';
import { pageTitle, useT } from '../web/i18n';
import { administrationChoices, reportingOrganizations, todayInput } from '../web/issues.server';
import { parseForm, routeContext } from '../web/route.server';
import { readEvidenceForm } from '../web/uploads.server';

export async function loader({ request }: Route.LoaderArgs) {
  await requireUser(request);
  const { auth, ctx } = await routeContext(request);
  const [organizations, administrations] = await Promise.all([reportingOrganizations(ctx.db, ctx.actor), administrationChoices(ctx.db, auth.locale)]);
  return { organizations, administrations, today: todayInput() };
}

export async function action({ request }: Route.ActionArgs) {
  await requireUser(request);
  const { ctx } = await routeContext(request);
  const upload = await readEvidenceForm(request);
  const result = await attempt(
    async () => {
      if (upload.error) throw upload.error;
      return raiseIssue(ctx, parseForm(RaiseIssueSchema, upload.formData), upload.files);
    },
    { values: formValues(upload.formData) },
  );
  if (!result.ok) return result.response;
  return redirect(`/issues/${result.value.reference}?done=raised`);
}

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'issuesPages.new.title');

export default function NewIssue({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const navigation = useNavigation();
  const { organizations, administrations, today } = loaderData;
  const errors = actionData?.errors;
  const values = (actionData?.values ?? {}) as Record<string, string | undefined>;
  if (!organizations.length) {
    return (
      <div className="mx-auto max-w-3xl">
        <PageHeader title={t('issuesPages.new.title')} />
        <Card>
          <p>{t('issuesPages.new.notAllowed')}</p>
          <p className="mt-4">
            <Link to="/report" className={buttonClass('primary')}>
              {t('issuesPages.list.report')}
            </Link>
          </p>
        </Card>
      </div>
    );
  }
  const submitting = navigation.state === 'submitting';
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader title={t('issuesPages.new.title')} lead={t('issuesPages.new.lead')} />
      <Card>
        <Form method="post" encType="multipart/form-data" noValidate className="space-y-6">
          <FormError errors={errors} />
          {organizations.length > 1 ? (
            <SelectField
              name="organizationId"
              label={t('issuesPages.new.organization')}
              hint={t('issuesPages.new.organizationHint')}
              options={organizations.map((o) => ({ value: o.id, label: o.name }))}
              defaultValue={values.organizationId}
              errors={errors}
            />
          ) : (
            <div>
              <input type="hidden" name="organizationId" value={organizations[0].id} />
              <p className="text-sm font-medium text-slate-900">{t('issuesPages.new.organization')}</p>
              <p className="mt-1 text-base text-slate-900">{organizations[0].name}</p>
              <p className="mt-1 text-sm text-slate-600">{t('issuesPages.new.organizationHint')}</p>
            </div>
          )}
          <IssueWhereFields administrations={administrations} values={values} errors={errors} />
          <IssueWhatFields values={values} errors={errors} today={today} />
          <IssueVisibilityField value={values.visibility} errors={errors} />
          <IssueEvidenceField errors={errors} />
          <Alert tone="info">{t('issuesPages.new.follows')}</Alert>
          <Button disabled={submitting}>{submitting ? t('issuesPages.new.submitting') : t('issuesPages.new.submit')}</Button>
        </Form>
      </Card>
    </div>
  );
}
