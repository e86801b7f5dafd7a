// Helpers for the pledge pages (server only).
import type { Actor } from '../domain/actor.server';
import { services } from '../services.server';

/** Organisations on whose behalf the actor may draft pledges: partners where they are admin or signatory. */
export async function draftingOrganizations(actor: Actor) {
  if (actor.kind !== 'user') return [];
  const ids = actor.memberships.filter((m) => m.role === 'ORG_ADMIN' || m.role === 'SIGNATORY').map((m) => m.organizationId);
  return services().db.organization.findMany({ where: { id: { in: ids }, kind: 'PARTNER' }, orderBy: { name: 'asc' } });
}

export async function findPledgeBySlug(slug: string) {
  const pledge = await services().db.pledge.findUnique({ where: { slug }, include: { ownerOrganization: true } });
  if (!pledge) throw new Response('Not found', { status: 404 });
  return pledge;
}
