import { Form, data, useNavigation } from 'react-router';
import type { Route } from './+types/organization.members';
import { requireMembership } from '../auth/guards.server';
import { requestMeta } from '../auth/session.server';
import { Alert, Button, Card, FormError, PageHeader, SelectField, TextField } from '../components/ui';
import { createInvitation, removeMember, revokeInvitation, setMemberRole } from '../domain/memberships.server';
import { MEMBERSHIP_ROLES } from '../domain/schemas';
import { services } from '../services.server';
import { attempt } from '../web/forms.server';
import { useT } from '../web/i18n';

async function organizationFor(slug: string) {
  const organization = await services().db.organization.findUnique({ where: { slug } });
  if (!organization) throw data(null, { status: 404 });
  return organization;
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const organization = await organizationFor(params.slug);
  const { user } = await requireMembership(request, organization.id, ['ORG_ADMIN']);
  const { db } = services();
  const [members, invitations] = await Promise.all([
    db.membership.findMany({
      where: { organizationId: organization.id },
      include: { user: { select: { id: true, name: true, email: true } } },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    }),
    db.invitation.findMany({
      where: { organizationId: organization.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
      orderBy: { createdAt: 'desc' },
    }),
  ]);
  return {
    organization: { id: organization.id, name: organization.name, slug: organization.slug },
    viewerId: user.id,
    members: members.map((m) => ({ id: m.id, role: m.role, createdAt: m.createdAt.toISOString(), user: m.user })),
    invitations: invitations.map((i) => ({ id: i.id, role: i.role, note: i.note, expiresAt: i.expiresAt.toISOString() })),
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const organization = await organizationFor(params.slug);
  const auth = await requireMembership(request, organization.id, ['ORG_ADMIN', 'MEMBER', 'SIGNATORY', 'LIAISON_OFFICER']);
  const ctx = { db: services().db, actor: auth.actor, meta: requestMeta(request) };
  const formData = await request.formData();
  const intent = formData.get('intent');
  if (intent === 'invite') {
    const result = await attempt(() =>
      createInvitation(ctx, { organizationId: organization.id, role: formData.get('role') || undefined, note: formData.get('note') || undefined }),
    );
    if (!result.ok) return result.response;
    return { intent, link: `${ctx.meta.origin}/invitations/${result.value.token}`, errors: undefined };
  }
  const commands: Record<string, () => Promise<unknown>> = {
    setRole: () => setMemberRole(ctx, { membershipId: formData.get('membershipId'), role: formData.get('role') }),
    remove: () => removeMember(ctx, { membershipId: formData.get('membershipId') }),
    revoke: () => revokeInvitation(ctx, { invitationId: formData.get('invitationId') }),
  };
  if (typeof intent !== 'string' || !(intent in commands)) throw data(null, { status: 400 });
  const result = await attempt(commands[intent], { intent });
  if (!result.ok) return result.response;
  return { intent, link: undefined, errors: undefined };
}

const doneMessage = { setRole: 'members.roleChanged', remove: 'members.removed', revoke: 'members.revoked' } as const;

export default function Members({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const navigation = useNavigation();
  const { organization, members, invitations, viewerId } = loaderData;
  const roleOptions = MEMBERSHIP_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }));
  const intent = typeof actionData?.intent === 'string' ? actionData.intent : null;
  const done = actionData && !actionData.errors && intent && intent in doneMessage ? doneMessage[intent as keyof typeof doneMessage] : null;
  return (
    <div>
      <PageHeader title={t('members.title', { name: organization.name })} lead={t('members.lead')} />
      <div className="mb-6 space-y-3">
        {actionData?.intent !== 'invite' ? <FormError errors={actionData?.errors} /> : null}
        {done ? <Alert tone="success">{t(done)}</Alert> : null}
      </div>
      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="overflow-x-auto lg:col-span-2" aria-labelledby="members-heading">
          <h2 id="members-heading" className="mb-4 text-lg font-semibold text-brand-900">
            {t('org.members')}
          </h2>
          <table className="w-full text-left text-sm">
            <thead>
              <tr className="border-b border-slate-200 text-slate-600">
                <th scope="col" className="py-2 pr-4 font-medium">{t('members.member')}</th>
                <th scope="col" className="py-2 pr-4 font-medium">{t('members.role')}</th>
                <th scope="col" className="py-2 font-medium">{t('members.actions')}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {members.map((m) => (
                <tr key={m.id}>
                  <td className="py-3 pr-4 align-top">
                    <div className="font-medium text-slate-900">
                      {m.user.name} {m.user.id === viewerId ? <span className="text-slate-600">{t('members.you')}</span> : null}
                    </div>
                    <div className="text-slate-600">{m.user.email}</div>
                    <div className="text-xs text-slate-600">
                      {t('members.since')} {t.date(m.createdAt)}
                    </div>
                  </td>
                  <td className="py-3 pr-4 align-top">
                    <Form method="post" className="flex flex-wrap items-end gap-2">
                      <input type="hidden" name="intent" value="setRole" />
                      <input type="hidden" name="membershipId" value={m.id} />
                      <label className="sr-only" htmlFor={`role-${m.id}`}>
                        {t('members.roleFor', { name: m.user.name })}
                      </label>
                      <select id={`role-${m.id}`} name="role" defaultValue={m.role} className="rounded-lg border border-slate-400 bg-white px-2 py-2 text-sm">
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
                  <td className="py-3 align-top">
                    <Form method="post">
                      <input type="hidden" name="intent" value="remove" />
                      <input type="hidden" name="membershipId" value={m.id} />
                      <Button variant="danger" className="min-h-9 px-3" aria-label={t('members.removeConfirm', { name: m.user.name })}>
                        {m.user.id === viewerId ? t('members.leave') : t('members.remove')}
                      </Button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
        <div className="space-y-6">
          <Card aria-labelledby="invite-heading">
            <h2 id="invite-heading" className="text-lg font-semibold text-brand-900">
              {t('members.invite.title')}
            </h2>
            <p className="mt-1 text-sm text-slate-600">{t('members.invite.lead')}</p>
            <Form method="post" noValidate className="mt-4 space-y-4">
              <input type="hidden" name="intent" value="invite" />
              {actionData?.intent === 'invite' ? <FormError errors={actionData.errors} /> : null}
              <SelectField name="role" label={t('field.role')} defaultValue="MEMBER" options={roleOptions} errors={actionData?.intent === 'invite' ? actionData.errors : undefined} />
              <TextField name="note" label={t('field.note')} hint={t('field.noteHint')} errors={actionData?.intent === 'invite' ? actionData.errors : undefined} />
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
