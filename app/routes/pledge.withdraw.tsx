// Withdrawing a signature is irreversible: this page says exactly what follows (the register shows the signature as
// withdrawn, with the reason, for good) and asks for the reason before the organisation confirms.
import { Form } from 'react-router';
import type { Route } from './+types/pledge.withdraw';
import { requireUser } from '../auth/guards.server';
import { ConfirmActions, SignatureFormPage } from '../components/pledge-confirm';
import { pledgeMeta } from '../components/pledge-meta';
import { FormError, TextAreaField } from '../components/ui';
import { WithdrawPledgeSignatureSchema } from '../domain/pledge-schemas';
import { withdrawPledgeSignature } from '../domain/pledges.server';
import { useT } from '../web/i18n';
import { pledgeView, signatureFormAction, standingSignature } from '../web/pledges.server';
import { parseForm } from '../web/route.server';

export async function loader({ request, params }: Route.LoaderArgs) {
  await requireUser(request);
  const { auth, pledge, receipt, standing } = await standingSignature(request, params.slug, params.id, 'pledge.withdraw');
  return { pledge: pledgeView(pledge, auth.locale), receipt, standing };
}

export async function action({ request, params }: Route.ActionArgs) {
  await requireUser(request);
  return signatureFormAction(request, params.slug, params.id, 'pledge.withdraw', (ctx, formData) =>
    withdrawPledgeSignature(ctx, { ...parseForm(WithdrawPledgeSignatureSchema, formData), signatureId: params.id }),
  );
}

export const meta: Route.MetaFunction = ({ loaderData, matches }) =>
  pledgeMeta(matches, (t) => (loaderData ? `${t('pledge.withdraw.title')}: ${loaderData.receipt.organization.name}` : t('pledge.withdraw.title')));

export default function Withdraw({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { pledge, receipt, standing } = loaderData;
  const errors = actionData?.errors;
  const values = (actionData?.values ?? {}) as Record<string, string>;
  const receiptHref = `/pledges/${pledge.slug}/signatures/${receipt.id}`;
  return (
    <SignatureFormPage
      title={t('pledge.withdraw.title')}
      lead={t('pledgeWithdraw.lead', { organization: receipt.organization.name, title: pledge.title })}
      receiptHref={receiptHref}
      unavailable={standing ? null : t('errors.signatureWithdrawn')}
    >
      <h2 className="text-lg font-semibold text-brand-900">{t('pledgeConfirm.whatFollows')}</h2>
      <ul className="mt-2 mb-6 list-disc space-y-1 pl-6 text-sm text-slate-800">
        <li>{t('pledgeWithdraw.follows1', { organization: receipt.organization.name, version: receipt.version.number })}</li>
        <li>{t('pledgeWithdraw.follows2')}</li>
        <li>{t('pledgeWithdraw.follows3')}</li>
      </ul>
      <Form method="post" noValidate className="space-y-4">
        <FormError errors={errors} />
        <TextAreaField name="reason" label={t('pledge.withdraw.reason')} rows={4} defaultValue={values.reason} errors={errors} required />
        <ConfirmActions variant="danger" cancelTo={receiptHref}>
          {t('pledge.withdraw.submit')}
        </ConfirmActions>
      </Form>
    </SignatureFormPage>
  );
}
