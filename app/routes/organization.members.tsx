import { Form, Link, data, redirect, useNavigation } from 'react-router';
import type { Route } from './+types/organization.members';
import { requirePermission, requireUser } from '../auth/guards.server';
import { Alert, Button, Card, FormError, PageHeader, SelectField, TextField, buttonClass } from '../components/ui';
import type { DomainContext } from '../domain/context.server';
import { createInvitation, listMembersForViewer, removeMember, revokeInvitation, setMemberRole } from '../domain/memberships.server';
import { MEMBERSHIP_ROLES } from '../domain/enums';
import { CreateInvitationSchema, RemoveMemberSchema, RevokeInvitationSchema, SetMemberRoleSchema } from '../domain/schemas';
import { attempt } from '../web/forms.server';
import { LocalTime, pageTitle, useT } from '../web/i18n';
import { dispatchIntent, parseForm, routeContext } from '../web/route.server';

export const meta: Route.MetaFunction = ({ matches, data: loaderData }) => pageTitle(matches, 'members.title', { name: loaderData?.organization.name ?? '' });

async function organizationFor(db: DomainContext['db'], slug: string) {
  const organization = await db.organization.findUnique({ where: { slug }, select: { id: true, name: true, slug: true } });
  if (!organization) throw data(null, { status: 404 });
  return organization;
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { ctx } = await routeContext(request);
  const organization = await organizationFor(ctx.db, params.slug);
  const { user } = await requirePermission(request, 'organization.manageMembers', { organizationId: organization.id });
  const [members, invitations] = await Promise.all([
    listMembersForViewer(ctx, organization.id),
    ctx.db.invitation.findMany({
      where: { organizationId: organization.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
      orderBy: { createdAt: 'desc' },
    }),
  ]);
  // Removing a member (or leaving) first shows a confirmation step: a link to ?remove=<membership>, no JavaScript needed.
  const removeId = new URL(request.url).searchParams.get('remove');
  const removing = members.find((m) => m.id === removeId) ?? null;
  const done = new URL(request.url).searchParams.get('done') === 'removed';
  return {
    organization,
    viewerId: user.id,
    done,
    removing: removing ? { id: removing.id, name: removing.name, self: removing.userId === user.id } : null,
    members: members.map((m) => ({ id: m.id, role: m.role, joinedAt: m.joinedAt.toISOString(), userId: m.userId, name: m.name, email: m.email })),
    invitations: invitations.map((i) => ({ id: i.id, role: i.role, note: i.note, expiresAt: i.expiresAt.toISOString() })),
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const auth = await requireUser(request);
  const { ctx } = await routeContext(request);
  const organization = await organizationFor(ctx.db, params.slug);
  const formData = await request.formData();
  // The domain authorises each command (administrators manage members; anyone may leave).
  return dispatchIntent(formData, {
    invite: async (intent) => {
      const result = await attempt(() => createInvitation(ctx, { ...parseForm(CreateInvitationSchema, formData), organizationId: organization.id }), {
        intent,
      });
      if (!result.ok) return result.response;
      return { intent, link: `${ctx.meta.origin}/invitations/${result.value.token}`, errors: undefined };
    },
    setRole: async (intent) => {
      const result = await attempt(() => setMemberRole(ctx, parseForm(SetMemberRoleSchema, formData)), { intent });
      return result.ok ? { intent, link: undefined, errors: undefined } : result.response;
    },
    revoke: async (intent) => {
      const result = await attempt(() => revokeInvitation(ctx, parseForm(RevokeInvitationSchema, formData)), { intent });
      return result.ok ? { intent, link: undefined, errors: undefined } : result.response;
    },
    remove: async (intent) => {
      const result = await attempt(() => removeMember(ctx, parseForm(RemoveMemberSchema, formData)), { intent });
      if (!result.ok) return result.response;
      // Whoever left no longer manages the organisation: back to its page.
      if (result.value.userId === auth.user.id) return redirect(`/organizations/${organization.slug}?done=left`);
      return redirect(`/organizations/${organization.slug}/members?done=removed`);
    },
  });
}

const doneMessage = { setRole: 'members.roleChanged', revoke: 'members.revoked' } as const;

function RemoveConfirmation({ organization, member }: { organization: { slug: string; name: string }; member: { id: string; name: string; self: boolean } }) {
  const t = useT();
  const members = `/organizations/${organization.slug}/members`;
  return (
    <Card className="mb-6 border-red-300" aria-labelledby="confirm-heading">
      <h2 id="confirm-heading" className="text-lg font-semibold text-red-900">
        {member.self ? t('org.leave.title', { name: organization.name }) : t('members.remove.title', { name: member.name, organization: organization.name })}
      </h2>
      <p className="mt-2 max-w-2xl text-slate-800">{member.self ? t('org.leave.body') : t('members.remove.body')}</p>
      <Form method="post" action={members} className="mt-4 flex flex-wrap items-center gap-3">
        <input type="hidden" name="intent" value="remove" />
        <input type="hidden" name="membershipId" value={member.id} />
        <Button variant="danger">{member.self ? t('org.leave.submit') : t('members.remove.submit', { name: member.name })}</Button>
        <Link to={members} className={buttonClass('secondary')}>
          {t('org.cancel')}
        </Link>
      </Form>
    </Card>
  );
}

export default function Members({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const navigation = useNavigation();
  const { organization, members, invitations, viewerId, removing } = loaderData;
  const roleOptions = MEMBERSHIP_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }));
  const intent = typeof actionData?.intent === 'string' ? actionData.intent : null;
  const done = loaderData.done
    ? 'members.removed'
    : actionData && !actionData.errors && intent && Object.hasOwn(doneMessage, intent)
      ? doneMessage[intent as keyof typeof doneMessage]
      : null;
  return (
    <div>
      <PageHeader title={t('members.title', { name: organization.name })} lead={t('members.lead')} />
      <div className="mb-6 space-y-3">
        {actionData?.intent !== 'invite' ? <FormError errors={actionData?.errors} /> : null}
        {done ? <Alert tone="success">{t(done)}</Alert> : null}
      </div>
      {removing ? <RemoveConfirmation organization={organization} member={removing} /> : null}
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card aria-labelledby="members-heading">
            <h2 id="members-heading" className="mb-4 text-lg font-semibold text-brand-900">
              {t('org.members')}
            </h2>
            {/* A table on wider screens; on a phone each member becomes a card (the header row is read by screen readers only). */}
            <table className="w-full text-left text-sm max-sm:block">
              <thead className="max-sm:sr-only">
                <tr className="border-b border-slate-200 text-slate-600">
                  <th scope="col" className="py-2 pr-4 font-medium">
                    {t('members.member')}
                  </th>
                  <th scope="col" className="py-2 pr-4 font-medium">
                    {t('members.role')}
                  </th>
                  <th scope="col" className="py-2 font-medium">
                    {t('members.actions')}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 max-sm:block">
                {members.map((m) => (
                  <tr key={m.id} className="max-sm:block max-sm:py-3">
                    <td className="py-3 pr-4 align-top max-sm:block max-sm:p-0">
                      <div className="font-medium break-words text-slate-900">
                        {m.name} {m.userId === viewerId ? <span className="text-slate-600">{t('members.you')}</span> : null}
                      </div>
                      {m.email ? (
                        <div className="break-all text-slate-600">
                          <span className="sr-only">{t('members.email')}: </span>
                          {m.email}
                        </div>
                      ) : null}
                      <div className="text-xs text-slate-600">
                        {t('members.since')} <LocalTime value={m.joinedAt} />
                      </div>
                    </td>
                    <td className="py-3 pr-4 align-top max-sm:block max-sm:px-0 max-sm:pb-0">
                      <Form method="post" className="flex flex-wrap items-end gap-2">
                        <input type="hidden" name="intent" value="setRole" />
                        <input type="hidden" name="membershipId" value={m.id} />
                        <label className="sr-only" htmlFor={`role-${m.id}`}>
                          {t('members.roleFor', { name: m.name })}
                        </label>
                        <select
                          id={`role-${m.id}`}
                          name="role"
                          defaultValue={m.role}
                          className="min-h-9 rounded-lg border border-slate-400 bg-white px-2 py-2 text-sm max-sm:flex-1"
                        >
                          {roleOptions.map((o) => (
                            <option key={o.value} value={o.value}>
                              {o.label}
                            </option>
                          ))}
                        </select>
                        <Button variant="secondary" className="min-h-9 px-3">
                          {t('members.saveRole')}
                        </Button>
                      </Form>
                    </td>
                    <td className="py-3 align-top max-sm:block max-sm:px-0 max-sm:pb-0">
                      <Link
                        to={`?remove=${encodeURIComponent(m.id)}`}
                        className={buttonClass('danger', 'min-h-9 px-3')}
                        aria-label={m.userId === viewerId ? t('members.leave') : t('members.removeConfirm', { name: m.name })}
                      >
                        {m.userId === viewerId ? t('members.leave') : t('members.remove')}
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
          <Card aria-labelledby="roles-heading">
            <h2 id="roles-heading" className="mb-3 text-lg font-semibold text-brand-900">
              {t('members.roles.title')}
            </h2>
            <dl className="space-y-3 text-sm">
              {MEMBERSHIP_ROLES.map((role) => (
                <div key={role}>
                  <dt className="font-medium text-slate-900">{t(`role.${role}`)}</dt>
                  <dd className="text-slate-700">{t(`role.help.${role}`)}</dd>
                </div>
              ))}
            </dl>
          </Card>
        </div>
        <div className="space-y-6">
          <Card aria-labelledby="invite-heading">
            <h2 id="invite-heading" className="text-lg font-semibold text-brand-900">
              {t('members.invite.title')}
            </h2>
            <p className="mt-1 text-sm text-slate-600">{t('members.invite.lead')}</p>
            <Form method="post" noValidate className="mt-4 space-y-4">
              <input type="hidden" name="intent" value="invite" />
              {actionData?.intent === 'invite' ? <FormError errors={actionData.errors} /> : null}
              <SelectField
                name="role"
                label={t('field.role')}
                defaultValue="MEMBER"
                options={roleOptions}
                errors={actionData?.intent === 'invite' ? actionData.errors : undefined}
              />
              <TextField
                name="note"
                label={t('field.note')}
                hint={t('field.noteHint')}
                errors={actionData?.intent === 'invite' ? actionData.errors : undefined}
              />
              <Button disabled={navigation.state === 'submitting'}>{t('members.invite.submit')}</Button>
            </Form>
            {actionData?.link ? (
              <div className="mt-4 space-y-2">
                <Alert tone="success">{t('members.invite.created')}</Alert>
                <TextField name="invitationLink" label={t('members.invite.copy')} readOnly value={actionData.link} onFocus={(e) => e.currentTarget.select()} />
              </div>
            ) : null}
          </Card>
          <Card aria-labelledby="pending-heading">
            <h2 id="pending-heading" className="text-lg font-semibold text-brand-900">
              {t('members.invite.pending')}
            </h2>
            {invitations.length === 0 ? (
              <p className="mt-2 text-sm text-slate-600">{t('members.invite.none')}</p>
            ) : (
              <ul className="mt-2 divide-y divide-slate-100">
                {invitations.map((i) => (
                  <li key={i.id} className="flex items-center justify-between gap-3 py-2 text-sm">
                    <div>
                      <div className="font-medium">{t(`role.${i.role}`)}</div>
                      {i.note ? <div className="text-slate-700">{i.note}</div> : null}
                      <div className="text-xs text-slate-600">{t('members.invite.expires', { date: t.date(i.expiresAt) })}</div>
                    </div>
                    <Form method="post">
                      <input type="hidden" name="intent" value="revoke" />
                      <input type="hidden" name="invitationId" value={i.id} />
                      <Button variant="ghost" className="min-h-9 px-3">
                        {t('members.invite.revoke')}
                      </Button>
                    </Form>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </div>
      </div>
    </div>
  );
}
