import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous } from '../../app/domain/actor.server';
import { ForbiddenError, NotAuthenticatedError, NotFoundError, ValidationError } from '../../app/domain/errors.server';
import { createOrganization, setOrganizationVerified, slugify, updateOrganization } from '../../app/domain/organizations.server';
import { type TestDatabase, createTestDatabase } from '../helpers/db';
import { ctxFor, makeMember, makeOrganization, makeUser } from '../helpers/fixtures';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.close());

describe('organisations', () => {
  it('slugifies names, transliterating accents', () => {
    expect(slugify('Almaty Freight Forwarders (demo)')).toBe('almaty-freight-forwarders-demo');
    expect(slugify('Société Générale')).toBe('societe-generale');
    expect(slugify('Таможня Казахстана')).toBe('tamozhnia-kazakhstana');
    expect(slugify('!!!')).toBe('organisation');
  });

  it('creates an unverified organisation with its creator as ORG_ADMIN, audited', async () => {
    const user = await makeUser(t.db);
    const ctx = await ctxFor(t.db, user.id);
    const org = await createOrganization(ctx, { name: 'Border Brokers Guild', kind: 'BUSINESS_ASSOCIATION', country: 'kg', website: '' });
    expect(org).toMatchObject({ slug: 'border-brokers-guild', country: 'KG', verified: false, website: null });
    const membership = await t.db.membership.findFirstOrThrow({ where: { organizationId: org.id } });
    expect(membership).toMatchObject({ userId: user.id, role: 'ORG_ADMIN' });
    const actions = (await t.db.auditEvent.findMany({ where: { organizationId: org.id }, orderBy: { seq: 'asc' } })).map((e) => [e.action, e.actorId]);
    expect(actions).toEqual([
      ['organization.created', user.id],
      ['membership.created', user.id],
    ]);
    // The same name again gets the next free slug.
    const again = await createOrganization(ctx, { name: 'Border Brokers Guild', kind: 'BUSINESS_ASSOCIATION', country: 'KG' });
    expect(again.slug).toBe('border-brokers-guild-2');
  });

  it('rejects bad input per field and anonymous callers, storing nothing', async () => {
    const user = await makeUser(t.db);
    const before = await t.db.organization.count();
    const error = await createOrganization(await ctxFor(t.db, user.id), { name: 'X', kind: 'PIRATES', country: 'QQ', website: 'javascript:alert(1)' }).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.fieldErrors).toEqual({ name: ['errors.tooShort'], kind: ['errors.choose'], country: ['errors.country'], website: ['errors.url'] });
    await expect(createOrganization({ db: t.db, actor: anonymous }, { name: 'Valid name', kind: 'PARTNER', country: 'KZ' })).rejects.toBeInstanceOf(NotAuthenticatedError);
    expect(await t.db.organization.count()).toBe(before);
  });

  it('lets only platform admins verify', async () => {
    const org = await makeOrganization(t.db);
    const orgAdmin = await makeMember(t.db, org.id, 'ORG_ADMIN');
    const platformAdmin = await makeUser(t.db, { platformAdmin: true });
    await expect(setOrganizationVerified(await ctxFor(t.db, orgAdmin.id), { organizationId: org.id, verified: false })).rejects.toBeInstanceOf(ForbiddenError);
    const updated = await setOrganizationVerified(await ctxFor(t.db, platformAdmin.id), { organizationId: org.id, verified: false });
    expect(updated.verified).toBe(false);
    await expect(setOrganizationVerified(await ctxFor(t.db, platformAdmin.id), { organizationId: 'missing', verified: true })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('lets organisation admins edit their own organisation, recording what changed', async () => {
    const org = await makeOrganization(t.db, { name: 'Old Name Union' });
    const admin = await makeMember(t.db, org.id, 'ORG_ADMIN');
    const member = await makeMember(t.db, org.id, 'MEMBER');
    const input = { name: 'New Name Union', kind: org.kind, country: org.country, description: 'Hauliers.' };
    await expect(updateOrganization(await ctxFor(t.db, member.id), org.id, input)).rejects.toBeInstanceOf(ForbiddenError);
    await updateOrganization(await ctxFor(t.db, admin.id), org.id, input);
    const event = await t.db.auditEvent.findFirstOrThrow({ where: { action: 'organization.updated', subjectId: org.id } });
    expect(event.data).toEqual({ changed: { name: { from: 'Old Name Union', to: 'New Name Union' }, description: { from: '', to: 'Hauliers.' } } });
  });
});
