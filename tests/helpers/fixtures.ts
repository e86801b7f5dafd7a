// Builders for test data, all through the domain (so the audit chain stays whole).
import type { Db } from '../../app/db/client.server';
import { type Actor, systemActor } from '../../app/domain/actor.server';
import { actorFromUser, provisionUser } from '../../app/domain/auth.server';
import type { DomainContext } from '../../app/domain/context.server';
import { addMember } from '../../app/domain/memberships.server';
import { createOrganization } from '../../app/domain/organizations.server';

export const PASSWORD = 'correct horse battery';
let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

export const system = (db: Db): DomainContext => ({ db, actor: systemActor('test') });

export async function makeUser(db: Db, { platformAdmin = false, name }: { platformAdmin?: boolean; name?: string } = {}) {
  const id = unique();
  return provisionUser(system(db), { name: name ?? `User ${id}`, email: `user-${id}@example.test`, password: PASSWORD }, { isPlatformAdmin: platformAdmin });
}

export async function makeOrganization(
  db: Db,
  {
    kind = 'BUSINESS_ASSOCIATION',
    country = 'KZ',
    name,
  }: { kind?: 'CUSTOMS_ADMINISTRATION' | 'BUSINESS_ASSOCIATION' | 'PARTNER'; country?: string; name?: string } = {},
) {
  return createOrganization(system(db), { name: name ?? `Org ${unique()}`, kind, country }, { verified: true });
}

export async function makeMember(
  db: Db,
  organizationId: string,
  role: 'MEMBER' | 'SIGNATORY' | 'LIAISON_OFFICER' | 'ORG_ADMIN',
  options: { name?: string } = {},
) {
  const user = await makeUser(db, options);
  await addMember(system(db), { organizationId, userId: user.id, role });
  return user;
}

/** The actor for a user as a request would see it (memberships loaded fresh). */
export async function actorFor(db: Db, userId: string): Promise<Actor> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, include: { memberships: true } });
  return actorFromUser(user);
}

export async function ctxFor(db: Db, userId: string, meta: DomainContext['meta'] = { ip: '203.0.113.1' }): Promise<DomainContext> {
  return { db, actor: await actorFor(db, userId), meta };
}
