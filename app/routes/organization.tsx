import { Form, Link, data } from 'react-router';
import type { Route } from './+types/organization';
import { requireUser } from '../auth/guards.server';
import { getRequestAuth, requestMeta } from '../auth/session.server';
import { ActivityFeed } from '../components/activity';
import { Badge, Button, Card, FormError, KindBadge, PageHeader, VerifiedBadge, buttonClass, SignatureStatusBadge } from '../components/ui';
import { countryName } from '../domain/countries';
import { setOrganizationVerified } from '../domain/organizations.server';
import { can } from '../domain/policy.server';
import { signatureStatus } from '../domain/pledge-rules';
import { services } from '../services.server';
import { recentActivity } from '../web/activity.server';
import { attempt } from '../web/forms.server';
import { useT } from '../web/i18n';

export async function loader({ request, params }: Route.LoaderArgs) {
  const auth = await getRequestAuth(request);
  const { db } = services();
  const organization = await db.organization.findUnique({
    where: { slug: params.slug },
    include: { _count: { select: { memberships: true } } },
  });
  if (!organization) throw data(null, { status: 404 });
  const canSeeMembers = can(auth.actor, 'organization.readMembers', { organizationId: organization.id });
  const now = new Date();
  const signatures = await db.pledgeSignature.findMany({
    where: { organizationId: organization.id, supersededAt: null, pledge: { status: { not: 'DRAFT' } } },
    include: { pledge: true },
    orderBy: { signedAt: 'desc' },
  });
  const [members, activity] = canSeeMembers
    ? await Promise.all([
        db.membership.findMany({
          where: { organizationId: organization.id },
          include: { user: { select: { id: true, name: true } } },
          orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        }),
        recentActivity(db, [organization.id]),
      ])
    : [[], []];
  return {
    organization: {
      id: organization.id,
      slug: organization.slug,
      name: organization.name,
      kind: organization.kind,
      country: organization.country,
      verified: organization.verified,
      description: organization.description,
      website: organization.website,
      createdAt: organization.createdAt.toISOString(),
      memberCount: organization._count.memberships,
    },
    canSeeMembers,
    canManage: can(auth.actor, 'membership.setRole', { organizationId: organization.id }),
    canVerify: can(auth.actor, 'organization.verify', { organizationId: organization.id }),
    members: members.map((m) => ({ id: m.id, role: m.role, name: m.user.name, userId: m.user.id })),
    pledges: signatures.map((s) => ({ id: s.id, slug: s.pledge.slug, title: s.pledge.title, signedAt: s.signedAt.toISOString(), status: signatureStatus(s, s.pledge.renewalMonths, now) })),
    activity,
    names: Object.fromEntries(members.map((m) => [m.user.id, m.user.name])),
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const auth = await requireUser(request);
  const { db } = services();
  const organization = await db.organization.findUnique({ where: { slug: params.slug } });
  if (!organization) throw data(null, { status: 404 });
  const formData = await request.formData();
  const result = await attempt(() =>
    setOrganizationVerified(
      { db, actor: auth.actor, meta: requestMeta(request) },
      { organizationId: organization.id, verified: formData.get('verified') === 'true' },
    ),
  );
  if (!result.ok) return result.response;
  return { errors: undefined };
}

export default function OrganizationPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { organization, members, canSeeMembers, canManage, canVerify, activity, names, pledges } = loaderData;
  return (
    <div>
      <PageHeader
        title={organization.name}
        lead={`${countryName(organization.country, t.locale)} · ${t('org.since', { date: t.date(organization.createdAt) })}`}
        actions={
          canManage ? (
            <Link to={`/organizations/${organization.slug}/members`} className={buttonClass('secondary')}>
              {t('org.manage')}
            </Link>
          ) : undefined
        }
      />
      <div className="mb-6 flex flex-wrap items-center gap-2">
        <KindBadge kind={organization.kind} />
        <VerifiedBadge verified={organization.verified} />
      </div>
      <FormError errors={actionData?.errors} />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card>
            {organization.description ? <p className="text-slate-800">{organization.description}</p> : null}
            {organization.website ? (
              <p className="mt-3 text-sm">
                <span className="font-medium">{t('org.website')}: </span>
                <a href={organization.website} className="text-brand-700 underline" rel="noopener noreferrer nofollow">
                  {organization.website}
                </a>
              </p>
            ) : null}
            <p className="mt-3 text-sm text-slate-600">{t('dashboard.members', { count: organization.memberCount })}</p>
            {canVerify ? (
              <Form method="post" className="mt-4">
                <input type="hidden" name="verified" value={organization.verified ? 'false' : 'true'} />
                <Button variant={organization.verified ? 'danger' : 'primary'}>{organization.verified ? t('org.unverify') : t('org.verify')}</Button>
              </Form>
            ) : null}
          </Card>
          {pledges.length ? (
            <Card aria-labelledby="org-pledges-heading">
              <h2 id="org-pledges-heading" className="mb-3 text-lg font-semibold text-brand-900">
                {t('nav.pledges')}
              </h2>
              <ul className="divide-y divide-slate-100">
                {pledges.map((p) => (
                  <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                    <Link to={`/pledges/${p.slug}`} className="font-medium text-brand-700 underline">
                      {p.title}
                    </Link>
                    <span className="flex items-center gap-2 text-slate-600">
                      {t.date(p.signedAt)}
                      <SignatureStatusBadge status={p.status} />
                    </span>
                  </li>
                ))}
              </ul>
            </Card>
          ) : null}
          {canSeeMembers ? (
            <Card aria-labelledby="members-heading">
              <h2 id="members-heading" className="mb-3 text-lg font-semibold text-brand-900">
                {t('org.members')}
              </h2>
              <ul className="divide-y divide-slate-100">
                {members.map((m) => (
                  <li key={m.id} className="flex items-center justify-between py-2 text-sm">
                    <span className="font-medium text-slate-900">{m.name}</span>
                    <span className="text-slate-600">{t(`role.${m.role}`)}</span>
                  </li>
                ))}
              </ul>
            </Card>
          ) : null}
        </div>
        {canSeeMembers ? (
          <Card aria-labelledby="activity-heading">
            <h2 id="activity-heading" className="mb-3 text-lg font-semibold text-brand-900">
              {t('org.activity')}
            </h2>
            <ActivityFeed initial={activity} organizationIds={[organization.id]} names={names} />
          </Card>
        ) : null}
      </div>
    </div>
  );
}
