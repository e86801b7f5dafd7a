// Renewing a signature: a progress report (with links to evidence) that appears in the pledge's timeline and moves
// the signature's lapse date on by the renewal period.
import { Form } from 'react-router';
import type { Route } from './+types/pledge.renew';
import { requireUser } from '../auth/guards.server';
import { ConfirmActions, SignatureFormPage } from '../components/pledge-confirm';
import { pledgeMeta } from '../components/pledge-meta';
import { FormError, TextAreaField } from '../components/ui';
import { RenewPledgeSignatureSchema } from '../domain/pledge-schemas';
import { renewPledgeSignature } from '../domain/pledges.server';
import { useT } from '../web/i18n';
import { pledgeView, signatureFormAction, standingSignature } from '../web/pledges.server';
import { parseForm } from '../web/route.server';

export async function loader({ request, params }: Route.LoaderArgs) {
  await requireUser(request);
  const { auth, pledge, receipt, standing } = await standingSignature(request, params.slug, params.id, 'pledge.renew');
  return { pledge: pledgeView(pledge, auth.locale), receipt, standing: standing && pledge.status === 'PUBLISHED' };
}

export async function action({ request, params }: Route.ActionArgs) {
  await requireUser(request);
  return signatureFormAction(request, params.slug, params.id, 'pledge.renew', (ctx, formData) => {
    // One link per line (or separated by spaces) in the form; a list for the schema.
    const links = String(formData.get('links') ?? '')
      .split(/\s+/)
      .filter(Boolean);
    return renewPledgeSignature(ctx, { ...parseForm(RenewPledgeSignatureSchema, formData), links, signatureId: params.id });
  });
}

export const meta: Route.MetaFunction = ({ loaderData, matches }) =>
  pledgeMeta(matches, (t) => (loaderData ? `${t('pledge.renew.title')}: ${loaderData.receipt.organization.name}` : t('pledge.renew.title')));

export default function Renew({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { pledge, receipt, standing } = loaderData;
  const errors = actionData?.errors;
  const values = (actionData?.values ?? {}) as Record<string, string>;
  const receiptHref = `/pledges/${pledge.slug}/signatures/${receipt.id}`;
  const unavailable = standing ? null : receipt.withdrawnAt || receipt.superseded ? t('errors.signatureWithdrawn') : t('errors.pledgeClosed');
  return (
    <SignatureFormPage
      title={t('pledge.renew.title')}
      lead={t('pledgeRenew.lead', { organization: receipt.organization.name, title: pledge.title })}
      receiptHref={receiptHref}
      unavailable={unavailable}
    >
      <p className="mb-4 text-sm text-slate-800">
        {receipt.status === 'LAPSED' ? t('pledge.yours.lapsed') : receipt.lapsesAt ? t('pledge.yours.due', { date: t.date(receipt.lapsesAt) }) : null}
      </p>
      <Form method="post" noValidate className="space-y-4">
        <FormError errors={errors} />
        <TextAreaField name="report" label={t('pledge.renew.report')} rows={6} defaultValue={values.report} errors={errors} required />
        <TextAreaField name="links" label={t('pledge.renew.links')} rows={3} defaultValue={values.links} errors={errors} />
        <ConfirmActions cancelTo={receiptHref}>{t('pledge.renew.submit')}</ConfirmActions>
      </Form>
    </SignatureFormPage>
  );
}
