// Closing a pledge to new signatures cannot be undone: this page says what follows before the manager confirms.
import { Form, redirect } from 'react-router';
import type { Route } from './+types/pledge.close';
import { requireUser } from '../auth/guards.server';
import { ConfirmActions } from '../components/pledge-confirm';
import { pledgeMeta } from '../components/pledge-meta';
import { Alert, Card, FormError, PageHeader } from '../components/ui';
import { signatureCounts } from '../domain/pledge-queries.server';
import { closePledge } from '../domain/pledges.server';
import { attempt } from '../web/forms.server';
import { useT } from '../web/i18n';
import { managedPledge, pledgeFromRequest, pledgeView } from '../web/pledges.server';

export async function loader({ request, params }: Route.LoaderArgs) {
  await requireUser(request);
  const { auth, ctx, pledge } = await managedPledge(request, params.slug);
  const counts = (await signatureCounts(ctx.db, [pledge.id], new Date())).get(pledge.id)!;
  return { pledge: pledgeView(pledge, auth.locale), counts };
}

export async function action({ request, params }: Route.ActionArgs) {
  await requireUser(request);
  const { ctx, pledge } = await pledgeFromRequest(request, params.slug);
  const result = await attempt(() => closePledge(ctx, { pledgeId: pledge.id }));
  if (!result.ok) return result.response;
  return redirect(`/pledges/${pledge.slug}?done=closed`);
}

export const meta: Route.MetaFunction = ({ loaderData, matches }) => pledgeMeta(matches, (t) => `${t('pledgeClose.title')}: ${loaderData?.pledge.title ?? ''}`);

export default function ClosePledge({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { pledge, counts } = loaderData;
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader title={t('pledgeClose.title')} lead={pledge.title} />
      {pledge.status !== 'PUBLISHED' ? (
        <Alert tone="info">{t(pledge.status === 'CLOSED' ? 'errors.pledgeClosed' : 'errors.pledgeNotPublished')}</Alert>
      ) : (
        <Card>
          <h2 className="text-lg font-semibold text-brand-900">{t('pledgeConfirm.whatFollows')}</h2>
          <ul className="mt-2 mb-6 list-disc space-y-1 pl-6 text-sm text-slate-800" data-testid="close-consequences">
            <li>{t('pledgeClose.follows1')}</li>
            <li>{t('pledgeClose.follows2', { count: counts.ACTIVE + counts.LAPSED + counts.WITHDRAWN + counts.unverified })}</li>
            <li>{t('pledgeClose.follows3')}</li>
            <li>{t('pledgeClose.follows4')}</li>
          </ul>
          <Form method="post" className="space-y-4">
            <FormError errors={actionData?.errors} />
            <ConfirmActions variant="danger" cancelTo={`/pledges/${pledge.slug}`}>
              {t('pledgeClose.confirm')}
            </ConfirmActions>
          </Form>
        </Card>
      )}
    </div>
  );
}
