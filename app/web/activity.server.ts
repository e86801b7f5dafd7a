// Recent audit events of some organisations, with the names of who did what (one query for the names).
import type { Db } from '../db/client.server';

export async function recentActivity(db: Db, organizationIds: string[], take = 15) {
  if (!organizationIds.length) return [];
  const events = await db.auditEvent.findMany({
    where: { organizationId: { in: organizationIds } },
    orderBy: { seq: 'desc' },
    take,
  });
  const actorIds = [...new Set(events.map((e) => e.actorId).filter((id): id is string => !!id && !id.startsWith('system:')))];
  const actors = await db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } });
  const names = new Map(actors.map((a) => [a.id, a.name]));
  return events.map((e) => ({
    seq: e.seq.toString(),
    occurredAt: e.occurredAt.toISOString(),
    action: e.action,
    actorId: e.actorId,
    actorName: e.actorId ? (names.get(e.actorId) ?? null) : null,
    organizationId: e.organizationId,
    subjectType: e.subjectType,
    subjectId: e.subjectId,
  }));
}

export type Activity = Awaited<ReturnType<typeof recentActivity>>[number];
