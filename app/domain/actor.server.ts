// Who is acting. Every domain function takes one; the policy decides what it may do.
import type { MembershipRole } from '../../prisma/generated/client/enums';

export type MembershipGrant = { organizationId: string; role: MembershipRole };

export type Actor =
  | { kind: 'anonymous' }
  | { kind: 'user'; userId: string; isPlatformAdmin: boolean; memberships: MembershipGrant[] }
  /** The platform itself (seeding, maintenance scripts). Never derived from a request. */
  | { kind: 'system'; reason: string };

export const anonymous: Actor = { kind: 'anonymous' };

export function systemActor(reason: string): Actor {
  return { kind: 'system', reason };
}

export function actorId(actor: Actor): string | null {
  return actor.kind === 'user' ? actor.userId : null;
}

export function roleIn(actor: Actor, organizationId: string): MembershipRole | null {
  if (actor.kind !== 'user') return null;
  return actor.memberships.find((m) => m.organizationId === organizationId)?.role ?? null;
}
