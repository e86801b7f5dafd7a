// Declining a commitment for one of the viewer's parties, with a reason the other parties read. The commitment stays
// proposed; the party may still accept it later. Ends on the commitment page with a receipt.
import { Form } from 'react-router';
import type { Route } from './+types/commitment.decline';
import { ActButtons, ActFollows, CommitmentActPage, PartyChoice } from '../components/commitment-act-page';
import { CommitmentSummary } from '../components/commitment-summary';
import { FormError, TextAreaField } from '../components/ui';
import { declineCommitment } from '../domain/commitments.server';
import { DeclineCommitmentSchema } from '../domain/commitment-schemas';
import { metaT, pageTitleText, useT } from '../web/i18n';
import { commitmentActAction, commitmentForAct, commitmentView } from '../web/commitment-page.server';
import { parseForm } from '../web/route.server';

export async function loader({ request, params }: Route.LoaderArgs) {
  const { commitment, parties, subject, unavailable } = await commitmentForAct(request, params.reference, 'decline');
  return { subject, unavailable, parties, commitment: commitmentView(commitment) };
}

export async function action({ request, params }: Route.ActionArgs) {
  return commitmentActAction(request, params.reference, 'decline', (ctx, commitment, formData) =>
    declineCommitment(ctx, { ...parseForm(DeclineCommitmentSchema, formData), commitmentId: commitment.id }),
  );
}

export const meta: Route.MetaFunction = ({ loaderData, matches }) =>
  pageTitleText(matches, `${metaT(matches)('commitmentsPages.decline.title')}${loaderData ? `: ${loaderData.subject.reference}` : ''}`);

export default function DeclineCommitment({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { subject, unavailable, parties, commitment } = loaderData;
  const errors = actionData?.errors;
  const values = (actionData?.values ?? {}) as Record<string, string>;
  return (
    <CommitmentActPage
      commitment={subject}
      title={t('commitmentsPages.decline.title')}
      lead={t('commitmentsPages.decline.lead')}
      unavailable={unavailable ? t(unavailable) : null}
      aside={<CommitmentSummary commitment={commitment} />}
    >
      <ActFollows items={[t('commitmentsPages.decline.follows1'), t('commitmentsPages.decline.follows2'), t('commitmentsPages.act.followsRecord')]} />
      <Form method="post" noValidate className="space-y-6">
        <FormError errors={errors} />
        <PartyChoice parties={parties} value={values.organizationId} errors={errors} />
        <TextAreaField
          name="reason"
          label={t('commitmentsPages.decline.reason')}
          hint={t('commitmentsPages.decline.reasonHint')}
          rows={4}
          maxLength={2000}
          defaultValue={values.reason}
          errors={errors}
          required
        />
        <ActButtons reference={subject.reference} variant="danger">
          {t('commitmentsPages.decline.submit')}
        </ActButtons>
      </Form>
    </CommitmentActPage>
  );
}
