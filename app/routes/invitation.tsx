import { Form, Link, data, redirect } from 'react-router';
import type { Route } from './+types/invitation';
import { requireUser } from '../auth/guards.server';
import { translate } from '../i18n';
import { Button, Card, FormError, buttonClass } from '../components/ui';
import { acceptInvitation, findUsableInvitation } from '../domain/memberships.server';
import { attempt } from '../web/forms.server';
import { pageTitle, pageTitleText, useT } from '../web/i18n';
import { routeContext } from '../web/route.server';

export const meta: Route.MetaFunction = ({ matches, loaderData }) =>
  loaderData?.invitation
    ? pageTitleText(matches, loaderData.invitation.title)
    : pageTitle(matches, loaderData ? 'invitation.invalid.title' : 'invitation.metaTitle');

export async function loader({ request, params }: Route.LoaderArgs) {
  const { auth, ctx } = await routeContext(request);
  const invitation = await findUsableInvitation(ctx, params.token);
  // A link that cannot be used is a missing page (404), shown with what to do next rather than as a bare error.
  if (!invitation) return data({ signedIn: !!auth.user, invitation: null }, { status: 404 });
  return {
    signedIn: !!auth.user,
    invitation: {
      organization: invitation.organization.name,
      role: invitation.role,
      inviter: invitation.createdBy.name,
      title: translate(auth.locale, 'invitation.title', { name: invitation.organization.name }),
    },
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  await requireUser(request);
  const { ctx } = await routeContext(request);
  const result = await attempt(() => acceptInvitation(ctx, { token: params.token }));
  if (!result.ok) return result.response;
  return redirect(`/organizations/${result.value.organization.slug}`);
}

export default function Invitation({ loaderData, actionData, params }: Route.ComponentProps) {
  const t = useT();
  const { invitation, signedIn } = loaderData;
  if (!invitation) {
    return (
      <Card className="mx-auto max-w-xl">
        <h1 className="text-xl font-semibold text-brand-900">{t('invitation.invalid.title')}</h1>
        <p className="mt-2 text-slate-700">{t('invitation.invalid.body')}</p>
        <p className="mt-6">
          <Link to={signedIn ? '/dashboard' : '/'} className="font-semibold text-brand-700 underline underline-offset-2">
            {t(signedIn ? 'errors.page.backDashboard' : 'errors.page.back')}
          </Link>
        </p>
      </Card>
    );
  }
  const here = encodeURIComponent(`/invitations/${params.token}`);
  return (
    <Card className="mx-auto max-w-xl">
      <h1 className="text-xl font-semibold text-brand-900">{t('invitation.title', { name: invitation.organization })}</h1>
      <p className="mt-2 text-slate-700">
        {t('invitation.lead', { inviter: invitation.inviter, name: invitation.organization, role: t(`role.${invitation.role}`) })}
      </p>
      <p className="mt-1 text-sm text-slate-600">{t(`role.help.${invitation.role}`)}</p>
      <div className="mt-6 space-y-4">
        <FormError errors={actionData?.errors} />
        {signedIn ? (
          <Form method="post">
            <Button>{t('invitation.accept')}</Button>
          </Form>
        ) : (
          <>
            <p className="text-slate-700">{t('invitation.signInFirst')}</p>
            <div className="flex flex-wrap gap-3">
              <Link to={`/signin?redirectTo=${here}`} className={buttonClass('primary')}>
                {t('nav.signIn')}
              </Link>
              <Link to={`/signup?redirectTo=${here}`} className={buttonClass('secondary')}>
                {t('nav.signUp')}
              </Link>
            </div>
          </>
        )}
      </div>
    </Card>
  );
}
