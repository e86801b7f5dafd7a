import { Form, Link, redirect } from 'react-router';
import type { Route } from './+types/invitation';
import { requireUser } from '../auth/guards.server';
import { getRequestAuth, requestMeta } from '../auth/session.server';
import { Button, Card, FormError, buttonClass } from '../components/ui';
import { anonymous } from '../domain/actor.server';
import { acceptInvitation, findUsableInvitation } from '../domain/memberships.server';
import { services } from '../services.server';
import { attempt } from '../web/forms.server';
import { useT } from '../web/i18n';

export async function loader({ request, params }: Route.LoaderArgs) {
  const auth = await getRequestAuth(request);
  const invitation = await findUsableInvitation({ db: services().db, actor: anonymous }, params.token);
  return {
    signedIn: !!auth.user,
    invitation: invitation
      ? { organization: invitation.organization.name, role: invitation.role, inviter: invitation.createdBy.name }
      : null,
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const auth = await requireUser(request);
  const result = await attempt(() =>
    acceptInvitation({ db: services().db, actor: auth.actor, meta: requestMeta(request) }, { token: params.token }),
  );
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
