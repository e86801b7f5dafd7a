// Agreeing to cancel a commitment for one of the viewer's parties, with a reason. It is cancelled only once every
// party that accepted it has agreed; that cannot be undone, so the page says so and asks for an explicit
// confirmation. Ends on the commitment page with a receipt.
import { Form } from 'react-router';
import type { Route } from './+types/commitment.cancel';
import { ActButtons, ActFollows, CommitmentActPage, PartyChoice } from '../components/commitment-act-page';
import { CommitmentSummary } from '../components/commitment-summary';
import { Alert, FormError, TextAreaField } from '../components/ui';
import { cancelCommitment } from '../domain/commitments.server';
import { CancelCommitmentSchema } from '../domain/commitment-schemas';
import { ValidationError } from '../domain/errors.server';
import { metaT, pageTitleText, useT } from '../web/i18n';
import { commitmentActAction, commitmentForAct, commitmentView } from '../web/commitment-page.server';
import { parseForm } from '../web/route.server';

export async function loader({ request, params }: Route.LoaderArgs) {
  const { commitment, parties, subject, unavailable } = await commitmentForAct(request, params.reference, 'cancel');
  const accepted = commitment.parties.filter((p) => p.response === 'ACCEPTED');
  const stillToAgree = accepted.filter((p) => !p.cancelAgreedAt && !parties.some((q) => q.organizationId === p.organizationId));
  return {
    subject,
    unavailable,
    parties,
    agreed: accepted.filter((p) => p.cancelAgreedAt).map((p) => ({ name: p.name, reason: p.cancelReason ?? '' })),
    stillToAgree: stillToAgree.map((p) => p.name),
    commitment: commitmentView(commitment),
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  return commitmentActAction(request, params.reference, 'cancel', async (ctx, commitment, formData) => {
    const input = { ...parseForm(CancelCommitmentSchema, formData), commitmentId: commitment.id };
    // Irreversible once the last party agrees: the form asks for an explicit confirmation first (and reports the
    // reason's problems at the same time).
    if (formData.get('confirm') !== 'yes') {
      const parsed = CancelCommitmentSchema.safeParse(input);
      const fieldErrors = parsed.success ? {} : ValidationError.fromZod(parsed.error).fieldErrors;
      throw new ValidationError({ ...fieldErrors, confirm: ['commitmentsPages.cancel.confirmRequired'] });
    }
    return cancelCommitment(ctx, input);
  });
}

export const meta: Route.MetaFunction = ({ loaderData, matches }) =>
  pageTitleText(matches, `${metaT(matches)('commitmentsPages.cancel.title')}${loaderData ? `: ${loaderData.subject.reference}` : ''}`);

export default function CancelCommitment({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { subject, unavailable, parties, agreed, stillToAgree, commitment } = loaderData;
  const errors = actionData?.errors;
  const values = (actionData?.values ?? {}) as Record<string, string>;
  const confirmError = errors?.fieldErrors?.confirm ?? [];
  return (
    <CommitmentActPage
      commitment={subject}
      title={t('commitmentsPages.cancel.title')}
      lead={t('commitmentsPages.cancel.lead')}
      unavailable={unavailable ? t(unavailable) : null}
      aside={<CommitmentSummary commitment={commitment} />}
    >
      <ActFollows
        items={[
          t('commitmentsPages.cancel.follows1'),
          stillToAgree.length ? t('commitmentsPages.cancel.followsWaiting', { parties: stillToAgree.join(', ') }) : t('commitmentsPages.cancel.followsLast'),
          t('commitmentsPages.cancel.followsIrreversible'),
          t('commitmentsPages.act.followsRecord'),
        ]}
      />
      {agreed.length ? (
        <div className="mb-6 text-sm text-slate-800">
          <h3 className="font-semibold text-slate-900">{t('commitmentsPages.cancel.agreedSoFar')}</h3>
          <ul className="mt-1 list-disc space-y-1 pl-5">
            {agreed.map((a) => (
              <li key={a.name}>
                {a.name}
                {a.reason ? `: ${a.reason}` : ''}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <Form method="post" noValidate className="space-y-6">
        <FormError errors={errors} />
        <PartyChoice parties={parties} value={values.organizationId} errors={errors} />
        <TextAreaField
          name="reason"
          label={t('commitmentsPages.cancel.reason')}
          hint={t('commitmentsPages.cancel.reasonHint')}
          rows={4}
          maxLength={2000}
          defaultValue={values.reason}
          errors={errors}
          required
        />
        {stillToAgree.length ? null : <Alert tone="info">{t('commitmentsPages.cancel.lastWarning')}</Alert>}
        <div>
          <label className="flex min-h-11 items-center gap-3 text-base text-slate-900">
            <input
              type="checkbox"
              name="confirm"
              value="yes"
              id={confirmError.length ? 'field-confirm' : undefined}
              defaultChecked={values.confirm === 'yes'}
              aria-invalid={confirmError.length ? true : undefined}
              aria-describedby={confirmError.length ? 'cancel-confirm-error' : undefined}
              className="h-5 w-5"
            />
            {t('commitmentsPages.cancel.confirm')}
          </label>
          {confirmError.length ? (
            <p id="cancel-confirm-error" className="mt-1 text-sm font-medium text-red-800">
              {t('commitmentsPages.cancel.confirmRequired')}
            </p>
          ) : null}
        </div>
        <ActButtons reference={subject.reference} variant="danger">
          {t('commitmentsPages.cancel.submit')}
        </ActButtons>
      </Form>
    </CommitmentActPage>
  );
}
