import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous } from '../../app/domain/actor.server';
import { ForbiddenError, NotAuthenticatedError, NotFoundError, SimilarNameError, ValidationError } from '../../app/domain/errors.server';
import { createOrganization, findSimilarOrganization, setOrganizationVerified, slugify, updateOrganization } from '../../app/domain/organizations.server';
import { nameSimilarity, nameTokens, namesAreSimilar } from '../../app/domain/similar-names';
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
    // The same name again: a warning first; once confirmed, the next free slug, flagged for review.
    const refused = await createOrganization(ctx, { name: 'Border Brokers Guild', kind: 'BUSINESS_ASSOCIATION', country: 'KG' }).catch((e) => e);
    expect(refused).toBeInstanceOf(SimilarNameError);
    const again = await createOrganization(ctx, { name: 'Border Brokers Guild', kind: 'BUSINESS_ASSOCIATION', country: 'KG', confirmSimilarName: true });
    expect(again).toMatchObject({ slug: 'border-brokers-guild-2', similarToId: org.id, verified: false });
  });

  it('rejects bad input per field and anonymous callers, storing nothing', async () => {
    const user = await makeUser(t.db);
    const before = await t.db.organization.count();
    const error = await createOrganization(await ctxFor(t.db, user.id), { name: 'X', kind: 'PIRATES', country: 'QQ', website: 'javascript:alert(1)' }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.fieldErrors).toEqual({
      name: [{ key: 'errors.tooShort', params: { min: 2, count: 2 } }],
      kind: ['errors.choose'],
      country: ['errors.country'],
      website: ['errors.url'],
    });
    await expect(createOrganization({ db: t.db, actor: anonymous }, { name: 'Valid name', kind: 'PARTNER', country: 'KZ' })).rejects.toBeInstanceOf(
      NotAuthenticatedError,
    );
    expect(await t.db.organization.count()).toBe(before);
  });

  it('lets only platform admins verify; verifying sets verifiedAt, removing it clears it; a repeat records nothing', async () => {
    const org = await makeOrganization(t.db);
    expect(org.verifiedAt).toBeInstanceOf(Date);
    const orgAdmin = await makeMember(t.db, org.id, 'ORG_ADMIN');
    const platformAdmin = await makeUser(t.db, { platformAdmin: true });
    const adminCtx = await ctxFor(t.db, platformAdmin.id);
    await expect(setOrganizationVerified(await ctxFor(t.db, orgAdmin.id), { organizationId: org.id, verified: false })).rejects.toBeInstanceOf(ForbiddenError);
    const updated = await setOrganizationVerified(adminCtx, { organizationId: org.id, verified: false });
    expect(updated).toMatchObject({ verified: false, verifiedAt: null });
    const events = () => t.db.auditEvent.count({ where: { subjectId: org.id, action: { in: ['organization.verified', 'organization.unverified'] } } });
    expect(await events()).toBe(1);
    await setOrganizationVerified(adminCtx, { organizationId: org.id, verified: false });
    expect(await events()).toBe(1);
    const verified = await setOrganizationVerified(adminCtx, { organizationId: org.id, verified: true });
    expect(verified.verified).toBe(true);
    expect(verified.verifiedAt).toBeInstanceOf(Date);
    expect(await events()).toBe(2);
    await expect(setOrganizationVerified(adminCtx, { organizationId: 'missing', verified: true })).rejects.toBeInstanceOf(NotFoundError);
    const bad = await setOrganizationVerified(adminCtx, { organizationId: org.id, verified: 'yes' }).catch((e) => e);
    expect(bad).toBeInstanceOf(ValidationError);
    expect(await events()).toBe(2);
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

  it('finds a look-alike across alphabets and through the registered translation of a name', async () => {
    const user = await makeUser(t.db);
    const ctx = await ctxFor(t.db, user.id);
    const latin = await makeOrganization(t.db, { kind: 'CUSTOMS_ADMINISTRATION', name: 'Tamozhnya Altai' });
    const translated = await makeOrganization(t.db, { kind: 'BUSINESS_ASSOCIATION', name: 'Issyk-Kul Exporters Guild' });
    await t.db.organization.update({ where: { id: translated.id }, data: { translations: { ru: { name: 'Гильдия экспортёров Иссык-Куля' } } } });
    const cyrillic = await createOrganization(ctx, { name: 'Таможня Алтай', kind: 'CUSTOMS_ADMINISTRATION', country: 'KZ' }).catch((e) => e);
    expect(cyrillic).toBeInstanceOf(SimilarNameError);
    expect(cyrillic.similar).toMatchObject({ id: latin.id });
    const russianName = await createOrganization(ctx, { name: 'Гильдия экспортеров Иссык-Куля', kind: 'BUSINESS_ASSOCIATION', country: 'KG' }).catch((e) => e);
    expect(russianName).toBeInstanceOf(SimilarNameError);
    expect(russianName.similar).toMatchObject({ id: translated.id, name: translated.name });
  });

  it('warns about a name close to an existing one: case, punctuation, "(demo)", common words and a typo do not tell them apart', async () => {
    const user = await makeUser(t.db);
    const ctx = await ctxFor(t.db, user.id);
    const original = await makeOrganization(t.db, { kind: 'CUSTOMS_ADMINISTRATION', name: 'Steppe Customs Administration (demo)' });
    const before = await t.db.organization.count();
    for (const name of [
      'Steppe Customs Administration (demo)',
      'STEPPE CUSTOMS ADMINISTRATION',
      'The Steppe Customs Administration.',
      'Steppe Custom Administration',
      'Customs Administration of Steppe',
      'Steppe Customs Administration, JSC',
    ]) {
      const error = await createOrganization(ctx, { name, kind: 'CUSTOMS_ADMINISTRATION', country: 'KZ' }).catch((e) => e);
      expect(error, name).toBeInstanceOf(SimilarNameError);
      expect(error.similar).toMatchObject({ id: original.id, name: original.name });
      expect(error.fieldErrors).toEqual({ name: ['errors.organizationNameSimilar'] });
      expect(error.params).toEqual({ name: original.name });
    }
    expect(await t.db.organization.count()).toBe(before);
    // A different organisation is not flagged.
    const other = await createOrganization(ctx, { name: 'Steppe Business Association', kind: 'BUSINESS_ASSOCIATION', country: 'KZ' });
    expect(other.similarToId).toBeNull();
    // Confirmed: stored unverified, pointing at the organisation it resembles, and audited so.
    const flagged = await createOrganization(ctx, {
      name: 'Steppe Customs Administration',
      kind: 'CUSTOMS_ADMINISTRATION',
      country: 'KZ',
      confirmSimilarName: true,
    });
    expect(flagged).toMatchObject({ verified: false, verifiedAt: null, similarToId: original.id });
    const event = await t.db.auditEvent.findFirstOrThrow({ where: { action: 'organization.created', subjectId: flagged.id } });
    expect(event.data).toMatchObject({ similarToId: original.id });
    expect((await findSimilarOrganization(t.db, 'steppe customs administration', { excludeId: original.id }))?.id).toBe(flagged.id);
  });

  it('holds a rename to the same rule: a look-alike name warns, and once confirmed is flagged and loses verification', async () => {
    const original = await makeOrganization(t.db, { kind: 'CUSTOMS_ADMINISTRATION', name: 'Issyk-Kul Customs Board (demo)' });
    const org = await makeOrganization(t.db, { kind: 'CUSTOMS_ADMINISTRATION', name: 'Naryn Trade Gate Authority' });
    const admin = await makeMember(t.db, org.id, 'ORG_ADMIN');
    const ctx = await ctxFor(t.db, admin.id);
    const input = { kind: org.kind, country: org.country, description: org.description };
    const updates = () => t.db.auditEvent.count({ where: { subjectId: org.id } });
    const before = await updates();
    // Warned, and nothing changes.
    const refused = await updateOrganization(ctx, org.id, { ...input, name: 'Issyk Kul Customs Board' }).catch((e) => e);
    expect(refused).toBeInstanceOf(SimilarNameError);
    expect(refused.similar).toMatchObject({ id: original.id, name: original.name });
    expect(refused.fieldErrors).toEqual({ name: ['errors.organizationNameSimilar'] });
    expect(await t.db.organization.findUniqueOrThrow({ where: { id: org.id } })).toMatchObject({ name: 'Naryn Trade Gate Authority', verified: true });
    expect(await updates()).toBe(before);
    // Other edits, and its own name, are not compared with anything.
    await updateOrganization(ctx, org.id, { ...input, name: org.name, description: 'Border post authority.' });
    // Confirmed: renamed, pointing at the organisation it resembles, and back in the platform administrator's review.
    const renamed = await updateOrganization(ctx, org.id, { ...input, name: 'Issyk Kul Customs Board', confirmSimilarName: true });
    expect(renamed).toMatchObject({ name: 'Issyk Kul Customs Board', similarToId: original.id, verified: false, verifiedAt: null });
    const events = await t.db.auditEvent.findMany({ where: { subjectId: org.id }, orderBy: { seq: 'asc' }, skip: before });
    expect(events.map((e) => e.action)).toEqual(['organization.updated', 'organization.updated', 'organization.unverified']);
    expect(events[1].data).toMatchObject({
      similarToId: original.id,
      changed: { name: { from: 'Naryn Trade Gate Authority', to: 'Issyk Kul Customs Board' } },
    });
    // Renamed to a name like no other's: the flag goes (its verification waits for the platform administrator).
    const distinct = await updateOrganization(ctx, org.id, { ...input, name: 'Naryn Border Gate Authority' });
    expect(distinct).toMatchObject({ similarToId: null, verified: false });
  });

  it('compares names without case, accents, punctuation, word order or common words', () => {
    expect(nameTokens('The Société Générale, Ltd. (demo)')).toEqual(['societe', 'generale']);
    expect(nameTokens('Таможня Казахстана (демо)')).toEqual(['tamozhnia', 'kazakhstana']);
    expect(nameSimilarity('Almaty Freight Forwarders Association', 'Almaty Freight Forwarders’ Association (demo)')).toBe(1);
    expect(namesAreSimilar('Almaty Freight Forwarders Association', 'Almaty Freight Forwarder Association')).toBe(true);
    expect(namesAreSimilar('Almaty Freight Forwarders Association', 'Bishkek Exporters Union')).toBe(false);
    expect(namesAreSimilar('Tian Shan Customs Service', 'Silk Road Customs Committee')).toBe(false);
    // Short names are flagged only when equal.
    expect(namesAreSimilar('ABC', 'ABD')).toBe(false);
    expect(namesAreSimilar('ABC', 'abc.')).toBe(true);
    // Names of nothing but common words are never "similar".
    expect(namesAreSimilar('The', 'the')).toBe(false);
  });
});
