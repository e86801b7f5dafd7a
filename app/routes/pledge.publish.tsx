// Publishing a draft as version 1 cannot be undone: from then on organisations sign it, and its text changes only
// through new versions. This page shows the text as it will be published and asks to confirm.
import { Form, Link, redirect, useNavigation } from 'react-router';
import type { Route } from './+types/pledge.publish';
import { requireUser } from '../auth/guards.server';
import { PledgeBody } from '../components/pledge-body';
import { pledgeMeta } from '../components/pledge-meta';
import { Alert, Button, Card, FormError, PageHeader, buttonClass } from '../components/ui';
import { publishPledge } from '../domain/pledges.server';
import { attempt } from '../web/forms.server';
import { useT } from '../web/i18n';
import { managedPledge, pledgeFromRequest, pledgeView } from '../web/pledges.server';

export async function loader({ request, params }: Route.LoaderArgs) {
  await requireUser(request);
  const { auth, pledge } = await managedPledge(request, params.slug);
  return { pledge: pledgeView(pledge, auth.locale) };
}

export async function action({ request, params }: Route.ActionArgs) {
  await requireUser(request);
  const { ctx, pledge } = await pledgeFromRequest(request, params.slug);
  const result = await attempt(() => publishPledge(ctx, { pledgeId: pledge.id }));
  if (!result.ok) return result.response;
  return redirect(`/pledges/${pledge.slug}?done=published`);
}

export const meta: Route.MetaFunction = ({ loaderData, matches }) => pledgeMeta(matches, (t) => `${t('pledge.publish')}: ${loaderData?.pledge.title ?? ''}`);

export default function PublishPledge({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const navigation = useNavigation();
  const { pledge } = loaderData;
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader title={t('pledgePublish.title')} lead={pledge.title} />
      {pledge.status !== 'DRAFT' ? (
        <Alert tone="info">{t('errors.pledgeAlreadyPublished')}</Alert>
      ) : (
        <div className="space-y-6">
          <Card>
            <h2 className="text-lg font-semibold text-brand-900">{t('pledgeConfirm.whatFollows')}</h2>
            <ul className="mt-2 mb-6 list-disc space-y-1 pl-6 text-sm text-slate-800">
              <li>{t('pledgePublish.follows1', { audience: t(`audience.${pledge.audience}`) })}</li>
              <li>{t('pledgePublish.follows2')}</li>
              <li>{t('pledgePublish.follows3')}</li>
            </ul>
            <Form method="post" className="space-y-4">
              <FormError errors={actionData?.errors} />
              <div className="flex flex-wrap gap-3">
                <Button disabled={navigation.state === 'submitting'}>{t('pledge.publish')}</Button>
                <Link to={`/pledges/${pledge.slug}/edit`} className={buttonClass('secondary')}>
                  {t('pledgeEdit.title')}
                </Link>
              </div>
            </Form>
          </Card>
          <Card aria-labelledby="text-heading">
            <h2 id="text-heading" className="mb-2 text-lg font-semibold text-brand-900">
              {t('pledgePublish.textHeading')}
            </h2>
            <PledgeBody html={pledge.bodyHtml} />
          </Card>
        </div>
      )}
    </div>
  );
}
