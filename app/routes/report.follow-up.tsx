// Following up on an anonymous report with its receipt code: the code is posted (never put in a URL), checked by the
// domain (a wrong and an unknown code get the same answer; guessing is rate limited), and the answer page shows the
// issue as its reporter sees it, with forms to add information and files or to reopen it. No session is read here.
import { Form, Link, data, useNavigation } from 'react-router';
import type { Route } from './+types/report.follow-up';
import { ReportFollowUp } from '../components/report-follow-up';
import { Button, Card, FormError, PageHeader, TextField } from '../components/ui';
import { ValidationError } from '../domain/errors.server';
import { formatReceiptCode, parseReceiptCode } from '../domain/issue-rules';
import { followUpAnonymousIssue, openReceipt } from '../domain/issues.server';
import { attempt } from '../web/forms.server';
import type { FormErrors } from '../web/forms';
import { pageTitle, useT } from '../web/i18n';
import { PRIVATE_HEADERS, anonymousContext, anonymousLocale, receiptHolderView, type ReceiptHolderView } from '../web/issues.server';
import { readEvidenceForm } from '../web/uploads.server';

export const headers: Route.HeadersFunction = () => PRIVATE_HEADERS;

export function loader() {
  return data({ ok: true }, { headers: PRIVATE_HEADERS });
}

type Result = {
  view: ReceiptHolderView | null;
  code: string;
  intent: string;
  notice: 'added' | 'reopened' | null;
  errors?: FormErrors;
  values?: Record<string, string>;
};

const reply = (result: Result, status = 200) => data(result, { status, headers: PRIVATE_HEADERS });

/** A wrong or unknown code: one message for both (and for a code that is not 16 digits), so nothing is learnt. */
const wrongCode = (): FormErrors => ({ formError: { key: 'issuesPages.followUp.notFound' } });

export async function action({ request }: Route.ActionArgs) {
  const ctx = anonymousContext(request);
  const locale = await anonymousLocale(request);
  const upload = await readEvidenceForm(request);
  const field = (name: string) => {
    const value = upload.formData.get(name);
    return typeof value === 'string' ? value : '';
  };
  const code = field('receiptCode').trim();
  const intent = field('intent') || 'open';
  if (!code) {
    return reply({ view: null, code: '', intent: 'open', notice: null, errors: { fieldErrors: { receiptCode: ['issuesPages.errors.missingCode'] } } }, 400);
  }
  // Every intent opens the receipt first: the page needs the issue again whatever the outcome of the change.
  const opened = await attempt(() => openReceipt(ctx, code));
  if (!opened.ok) {
    const status = opened.response.init?.status ?? 404;
    // Rate limited: its own message. Anything else about the code (unknown, wrong, malformed): one message.
    const errors = status === 429 ? opened.response.data.errors : wrongCode();
    return data({ view: null, code: '', intent: 'open', notice: null, errors } satisfies Result, {
      status: status === 429 ? 429 : 404,
      headers: {
        ...PRIVATE_HEADERS,
        ...(status === 429 ? { 'Retry-After': String(new Headers(opened.response.init?.headers).get('Retry-After') ?? 60) } : {}),
      },
    });
  }
  const { issueId } = opened.value;
  const formatted = formatReceiptCode(parseReceiptCode(code) ?? '');
  if (intent === 'add' || intent === 'reopen') {
    const values: Record<string, string> = intent === 'add' ? { body: field('body') } : { reopenReason: field('reopenReason') };
    const changed = await attempt(async () => {
      if (upload.error) throw upload.error;
      if (intent === 'reopen' && !values.reopenReason?.trim()) throw ValidationError.field('reopenReason', 'errors.issueReopenReasonRequired');
      return followUpAnonymousIssue(ctx, { receiptCode: code, ...values }, intent === 'add' ? upload.files : []);
    });
    const view = await receiptHolderView(ctx, issueId, locale);
    if (!changed.ok) {
      if (changed.response.init?.status === 404) return reply({ view: null, code: '', intent: 'open', notice: null, errors: wrongCode() }, 404);
      return reply({ view, code: formatted, intent, notice: null, errors: changed.response.data.errors, values }, changed.response.init?.status ?? 400);
    }
    return reply({ view, code: formatted, intent, notice: intent === 'add' ? 'added' : 'reopened' });
  }
  return reply({ view: await receiptHolderView(ctx, issueId, locale), code: formatted, intent: 'open', notice: null });
}

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'issuesPages.followUp.title');

export default function ReportFollowUpPage({ actionData }: Route.ComponentProps) {
  const t = useT();
  const navigation = useNavigation();
  const result = actionData as Result | undefined;
  if (result?.view) {
    return (
      <div className="mx-auto max-w-4xl">
        <ReportFollowUp view={result.view} code={result.code} errors={result.errors} intent={result.intent} notice={result.notice} values={result.values} />
        <p className="mt-8">
          <Link to="/report/follow-up" reloadDocument className="font-semibold text-brand-700 underline underline-offset-2">
            {t('issuesPages.followUp.another')}
          </Link>
        </p>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-xl">
      <PageHeader title={t('issuesPages.followUp.title')} lead={t('issuesPages.followUp.lead')} />
      <Card>
        <Form method="post" noValidate className="space-y-6" autoComplete="off">
          <FormError errors={result?.errors} />
          <input type="hidden" name="intent" value="open" />
          <TextField
            name="receiptCode"
            label={t('issuesPages.followUp.code')}
            hint={t('issuesPages.followUp.codeHint')}
            errors={result?.errors}
            inputMode="numeric"
            autoComplete="off"
            spellCheck={false}
            maxLength={64}
            className="font-mono"
            required
          />
          <Button disabled={navigation.state === 'submitting'}>{t('issuesPages.followUp.open')}</Button>
        </Form>
      </Card>
      <p className="mt-6">
        <Link to="/report" className="font-semibold text-brand-700 underline underline-offset-2">
          {t('issuesPages.receipt.another')}
        </Link>
      </p>
    </div>
  );
}
