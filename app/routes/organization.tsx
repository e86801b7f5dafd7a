import { Form, Link, data, redirect } from 'react-router';
import type { Route } from './+types/organization';
import { requireUser } from '../auth/guards.server';
import { ActivityFeed } from '../components/activity';
import { CommitmentsSection } from '../components/commitment-list-table';
import { Alert, Button, Card, KindBadge, PageHeader, VerifiedBadge, buttonClass, SignatureStatusBadge, FormError } from '../components/ui';
import { commitmentsForOrganization } from '../domain/commitment-queries.server';
import type { DomainContext } from '../domain/context.server';
import { countryName } from '../domain/countries';
import { localized } from '../domain/localized';
import { listMembersForViewer, removeMember } from '../domain/memberships.server';
import { setOrganizationVerified } from '../domain/organizations.server';
import { signaturesWhere } from '../domain/pledge-queries.server';
import { entryStatus } from '../domain/pledge-register.server';
import { can } from '../domain/policy.server';
import { recentActivity } from '../web/activity.server';
import { commitmentRowView } from '../web/commitment-page.server';
import { attempt } from '../web/forms.server';
import { LocalTime, pageTitleText, useT } from '../web/i18n';
import { dispatchIntent, routeContext } from '../web/route.server';

export const meta: Route.MetaFunction = ({ matches, data: loaderData }) => pageTitleText(matches, loaderData?.organization.name ?? '');

/** Messages shown after a form posted here redirected back (post/redirect/get): only these keys. */
const DONE = { verified: 'org.verifiedDone', unverified: 'org.unverifiedDone', left: 'org.left' } as const;
/** Irreversible-looking acts first show a confirmation step, reached by a link, so it works without JavaScript. */
type Confirm = 'unverify' | 'leave';

async function findOrganization(db: DomainContext['db'], slug: string) {
  const organization = await db.organization.findUnique({
    where: { slug },
    include: { _count: { select: { memberships: true } }, similarTo: { select: { slug: true, name: true } } },
  });
  if (!organization) throw data(null, { status: 404 });
  return organization;
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { auth, ctx } = await routeContext(request);
  const organization = await findOrganization(ctx.db, params.slug);
  const url = new URL(request.url);
  const canSeeMembers = can(ctx.actor, 'organization.readMembers', { organizationId: organization.id });
  const canVerify = can(ctx.actor, 'organization.verify', { organizationId: organization.id });
  const ownMembership = auth.user?.memberships.find((m) => m.organizationId === organization.id) ?? null;
  const now = new Date();
  const [signatures, members, activity, commitments] = await Promise.all([
    ctx.db.pledgeSignature.findMany({
      where: signaturesWhere({ organizationId: organization.id }, now),
      include: { pledge: { select: { slug: true, title: true, translations: true } } },
      orderBy: [{ signedAt: 'desc' }, { id: 'desc' }],
      take: 50,
    }),
    canSeeMembers ? listMembersForViewer(ctx, organization.id) : [],
    canSeeMembers ? recentActivity(ctx.db, [organization.id], 15, { actor: ctx.actor, locale: auth.locale }) : [],
    commitmentsForOrganization(ctx, organization.id),
  ]);
  const confirmParam = url.searchParams.get('confirm');
  const confirm: Confirm | null =
    confirmParam === 'unverify' && canVerify && organization.verified ? 'unverify' : confirmParam === 'leave' && ownMembership ? 'leave' : null;
  const doneParam = url.searchParams.get('done');
  const done = doneParam && Object.hasOwn(DONE, doneParam) ? DONE[doneParam as keyof typeof DONE] : null;
  return {
    organization: {
      id: organization.id,
      slug: organization.slug,
      name: localized(organization, 'name', auth.locale, organization.name),
      kind: organization.kind,
      country: organization.country,
      verified: organization.verified,
      verifiedAt: organization.verifiedAt?.toISOString() ?? null,
      description: localized(organization, 'description', auth.locale, organization.description),
      website: organization.website,
      createdAt: organization.createdAt.toISOString(),
      memberCount: organization._count.memberships,
      // The platform administrator reviews registrations whose name resembles another organisation's.
      similarTo: canVerify && organization.similarTo ? organization.similarTo : null,
    },
    commitments: commitments.map(commitmentRowView),
    canSeeMembers,
    canManage: can(ctx.actor, 'organization.manageMembers', { organizationId: organization.id }),
    // A customs administration's offices and deadlines for issues: its administrators and platform administrators.
    canManageOffices: organization.kind === 'CUSTOMS_ADMINISTRATION' && can(ctx.actor, 'office.manage', { organizationId: organization.id }),
    canVerify,
    isMember: !!ownMembership,
    confirm,
    done,
    members: members.map((m) => ({ id: m.id, role: m.role, name: m.name, userId: m.userId })),
    pledges: signatures.map((s) => ({
      id: s.id,
      slug: s.pledge.slug,
      title: localized(s.pledge, 'title', auth.locale, s.pledge.title),
      signedAt: s.signedAt.toISOString(),
      status: entryStatus(s, now),
    })),
    activity,
    names: Object.fromEntries(members.map((m) => [m.userId, m.name])),
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const auth = await requireUser(request);
  const { ctx } = await routeContext(request);
  const organization = await findOrganization(ctx.db, params.slug);
  const formData = await request.formData();
  const back = (done: keyof typeof DONE) => redirect(`/organizations/${organization.slug}?done=${done}`);
  const setVerified = async (verified: boolean) => {
    const result = await attempt(() => setOrganizationVerified(ctx, { organizationId: organization.id, verified }));
    return result.ok ? back(verified ? 'verified' : 'unverified') : result.response;
  };
  return dispatchIntent(formData, {
    verify: () => setVerified(true),
    unverify: () => setVerified(false),
    leave: async () => {
      const membership = auth.user.memberships.find((m) => m.organizationId === organization.id);
      if (!membership) throw data(null, { status: 404 });
      const result = await attempt(() => removeMember(ctx, { membershipId: membership.id }));
      return result.ok ? back('left') : result.response;
    },
  });
}

function Confirmation({ kind, organization }: { kind: Confirm; organization: { slug: string; name: string } }) {
  const t = useT();
  const prefix = kind === 'unverify' ? 'org.unverify' : 'org.leave';
  return (
    <Card className="mb-6 border-red-300" aria-labelledby="confirm-heading">
      <h2 id="confirm-heading" className="text-lg font-semibold text-red-900">
        {t(`${prefix}.title`, { name: organization.name })}
      </h2>
      <p className="mt-2 max-w-2xl text-slate-800">{t(`${prefix}.body`)}</p>
      <Form method="post" action={`/organizations/${organization.slug}`} className="mt-4 flex flex-wrap items-center gap-3">
        <input type="hidden" name="intent" value={kind} />
        <Button variant="danger">{t(`${prefix}.submit`)}</Button>
        <Link to={`/organizations/${organization.slug}`} className={buttonClass('secondary')}>
          {t('org.cancel')}
        </Link>
      </Form>
    </Card>
  );
}

export default function OrganizationPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { organization, members, canSeeMembers, canManage, canManageOffices, canVerify, isMember, confirm, done, activity, names, pledges, commitments } =
    loaderData;
  return (
    <div>
      <PageHeader
        title={organization.name}
        lead={`${countryName(organization.country, t.locale)} · ${t('org.since', { date: t.date(organization.createdAt) })}`}
        actions={
          canManage || canManageOffices ? (
            <>
              {canManage ? (
                <Link to={`/organizations/${organization.slug}/members`} className={buttonClass('secondary')}>
                  {t('org.manage')}
                </Link>
              ) : null}
              {canManageOffices ? (
                <Link to={`/organizations/${organization.slug}/offices`} className={buttonClass('secondary')}>
                  {t('offices.link')}
                </Link>
              ) : null}
            </>
          ) : undefined
        }
      />
      <div className="mb-6 flex flex-wrap items-center gap-2">
        <KindBadge kind={organization.kind} />
        <VerifiedBadge verified={organization.verified} />
        {organization.verified && organization.verifiedAt ? (
          <span className="text-sm text-slate-600">{t('org.verifiedOn', { date: t.date(organization.verifiedAt) })}</span>
        ) : null}
      </div>
      <div className="mb-6 space-y-3">
        {done ? <Alert tone="success">{t(done, { name: organization.name })}</Alert> : null}
        <FormError errors={actionData && 'errors' in actionData ? actionData.errors : undefined} />
        {!organization.verified ? <Alert tone="info">{t('org.unverifiedNotice')}</Alert> : null}
        {organization.similarTo ? (
          <Alert tone="info">
            {t('org.similarTo')}{' '}
            <Link to={`/organizations/${organization.similarTo.slug}`} className="font-medium underline">
              {organization.similarTo.name}
            </Link>
            . {t('org.similarToCheck')}
          </Alert>
        ) : null}
      </div>
      {confirm ? <Confirmation kind={confirm} organization={organization} /> : null}
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
            <div className="mt-4 flex flex-wrap gap-3">
              {canVerify && !organization.verified ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="verify" />
                  <Button>{t('org.verify')}</Button>
                </Form>
              ) : null}
              {canVerify && organization.verified && confirm !== 'unverify' ? (
                <Link to="?confirm=unverify" className={buttonClass('danger')}>
                  {t('org.unverify')}
                </Link>
              ) : null}
              {isMember && confirm !== 'leave' ? (
                <Link to="?confirm=leave" className={buttonClass('ghost')}>
                  {t('members.leave')}
                </Link>
              ) : null}
            </div>
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
                      <LocalTime value={p.signedAt} />
                      <SignatureStatusBadge status={p.status} />
                    </span>
                  </li>
                ))}
              </ul>
            </Card>
          ) : null}
          <CommitmentsSection
            rows={commitments}
            title={t('commitmentsPages.section.organizationTitle')}
            empty={t('commitmentsPages.section.organizationEmpty')}
            moreHref={`/commitments?party=${encodeURIComponent(organization.slug)}`}
          />
          {canSeeMembers ? (
            <Card aria-labelledby="members-heading">
              <h2 id="members-heading" className="mb-3 text-lg font-semibold text-brand-900">
                {t('org.members')}
              </h2>
              <ul className="divide-y divide-slate-100">
                {members.map((m) => (
                  <li key={m.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
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
