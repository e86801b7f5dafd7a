// Recent audit events of some organisations, told as "who did what to which thing": the actor's name, the action,
// and the thing acted on with a link to it. A fixed number of queries whatever the number of events (one per kind
// of name looked up). A draft pledge the viewer may not see is named by nobody: the event shows, its title does not.
import type { Db } from '../db/client.server';
import { type Actor, anonymous } from '../domain/actor.server';
import { localized } from '../domain/localized';
import { canSeePledge } from '../domain/pledge-queries.server';

export type ActivitySubject = { label: string; href: string | null };

const userIdOf = (data: unknown) => {
  const value = data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>).userId : undefined;
  return typeof value === 'string' ? value : null;
};

export async function recentActivity(
  db: Db,
  organizationIds: string[],
  take = 15,
  { actor = anonymous, locale = 'en' }: { actor?: Actor; locale?: string } = {},
) {
  if (!organizationIds.length) return [];
  const events = await db.auditEvent.findMany({
    where: { organizationId: { in: organizationIds } },
    // Newest first by when it happened (imported or back-dated events may be appended after later ones).
    orderBy: [{ occurredAt: 'desc' }, { seq: 'desc' }],
    take,
  });
  const ids = (type: string) => [...new Set(events.filter((e) => e.subjectType === type && e.subjectId).map((e) => e.subjectId!))];
  const memberIds = events.filter((e) => e.subjectType === 'Membership').map((e) => userIdOf(e.data));
  const userIds = [...new Set([...events.map((e) => e.actorId), ...memberIds].filter((id): id is string => !!id && !id.startsWith('system:')))];
  const organizationIdsSeen = [...new Set([...ids('Organization'), ...events.map((e) => e.organizationId).filter((id): id is string => !!id)])];
  const [users, pledges, organizations] = await Promise.all([
    userIds.length ? db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }) : [],
    ids('Pledge').length
      ? db.pledge.findMany({
          where: { id: { in: ids('Pledge') } },
          select: { id: true, slug: true, title: true, translations: true, status: true, ownerOrganizationId: true },
        })
      : [],
    organizationIdsSeen.length ? db.organization.findMany({ where: { id: { in: organizationIdsSeen } }, select: { id: true, slug: true, name: true } }) : [],
  ]);
  const names = new Map(users.map((u) => [u.id, u.name]));
  const pledgeById = new Map(pledges.map((p) => [p.id, p]));
  const organizationById = new Map(organizations.map((o) => [o.id, o]));

  const subjectOf = (event: (typeof events)[number]): ActivitySubject | null => {
    const organization = event.organizationId ? organizationById.get(event.organizationId) : undefined;
    switch (event.subjectType) {
      case 'Pledge': {
        const pledge = event.subjectId ? pledgeById.get(event.subjectId) : undefined;
        if (!pledge || !canSeePledge(actor, pledge)) return null;
        return { label: localized(pledge, 'title', locale, pledge.title), href: `/pledges/${pledge.slug}` };
      }
      case 'Organization': {
        const subject = event.subjectId ? organizationById.get(event.subjectId) : undefined;
        return subject ? { label: subject.name, href: `/organizations/${subject.slug}` } : null;
      }
      case 'Membership': {
        const userId = userIdOf(event.data);
        const name = userId ? names.get(userId) : undefined;
        return organization
          ? { label: name ? `${name} · ${organization.name}` : organization.name, href: `/organizations/${organization.slug}/members` }
          : null;
      }
      case 'Invitation':
        return organization ? { label: organization.name, href: `/organizations/${organization.slug}/members` } : null;
      default:
        return organization ? { label: organization.name, href: `/organizations/${organization.slug}` } : null;
    }
  };

  return events.map((e) => ({
    seq: e.seq.toString(),
    occurredAt: e.occurredAt.toISOString(),
    action: e.action,
    actorId: e.actorId,
    actorName: e.actorId ? (names.get(e.actorId) ?? null) : null,
    organizationId: e.organizationId,
    subjectType: e.subjectType,
    subjectId: e.subjectId,
    subject: subjectOf(e),
  }));
}

export type Activity = Awaited<ReturnType<typeof recentActivity>>[number];
