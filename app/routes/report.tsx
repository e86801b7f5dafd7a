// Anonymous reporting, for anyone, signed in or not. Nothing here reads the session: the locale comes from its cookie
// or Accept-Language, the domain gets the anonymous actor and no request metadata, and the receipt code appears once
// in this response (never in a URL, a redirect or a log).
import { Form, Link, data, useNavigation } from 'react-router';
import type { Route } from './+types/report';
import { IssueWhatFields, IssueWhereFields } from '../components/issue-form-fields';
import { IssueEvidenceField } from '../components/issue-evidence-field';
import { ReportPrivacyNotice, ReportReceipt } from '../components/report-receipt';
import { Button, Card, FormError, PageHeader } from '../components/ui';
import { RaiseAnonymousIssueSchema } from '../domain/issue-schemas';
import { raiseAnonymousIssue } from '../domain/issues.server';
import { attempt, formValues } from '../web/forms.server';
import { pageTitle, useT } from '../web/i18n';
import { PRIVATE_HEADERS, administrationChoices, anonymousContext, anonymousLocale, todayInput } from '../web/issues.server';
import { parseForm } from '../web/route.server';
import { readEvidenceForm } from '../web/uploads.server';

export const headers: Route.HeadersFunction = () => PRIVATE_HEADERS;

export async function loader({ request }: Route.LoaderArgs) {
  const ctx = anonymousContext();
  const administrations = await administrationChoices(ctx.db, await anonymousLocale(request));
  return data({ administrations, today: todayInput() }, { headers: PRIVATE_HEADERS });
}

export async function action({ request }: Route.ActionArgs) {
  const ctx = anonymousContext();
  const upload = await readEvidenceForm(request);
  const result = await attempt(
    async () => {
      if (upload.error) throw upload.error;
      return raiseAnonymousIssue(ctx, parseForm(RaiseAnonymousIssueSchema, upload.formData), upload.files);
    },
    { values: formValues(upload.formData), receipt: null },
  );
  if (!result.ok) return data(result.response.data, { status: result.response.init?.status ?? 400, headers: PRIVATE_HEADERS });
  return data(
    { errors: undefined, values: {}, receipt: { code: result.value.receiptCode, reference: result.value.issue.reference } },
    { headers: PRIVATE_HEADERS },
  );
}

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'issuesPages.report.title');

export default function Report({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const navigation = useNavigation();
  const receipt = actionData && 'receipt' in actionData ? actionData.receipt : null;
  if (receipt) {
    return (
      <div className="mx-auto max-w-3xl">
        <ReportReceipt code={receipt.code} reference={receipt.reference} />
      </div>
    );
  }
  const errors = actionData?.errors;
  const values = (actionData?.values ?? {}) as Record<string, string | undefined>;
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader title={t('issuesPages.report.title')} lead={t('issuesPages.report.lead')} />
      <div className="mb-6">
        <ReportPrivacyNotice />
      </div>
      <p className="mb-6">
        <Link to="/report/follow-up" className="font-semibold text-brand-700 underline underline-offset-2">
          {t('issuesPages.report.followUpLink')}
        </Link>
      </p>
      <Card>
        <Form method="post" encType="multipart/form-data" noValidate className="space-y-6" autoComplete="off">
          <FormError errors={errors} />
          <IssueWhereFields administrations={loaderData.administrations} values={values} errors={errors} />
          <IssueWhatFields values={values} errors={errors} today={loaderData.today} />
          <IssueEvidenceField errors={errors} />
          <Button disabled={navigation.state === 'submitting'}>{t('issuesPages.report.submit')}</Button>
        </Form>
      </Card>
    </div>
  );
}
