import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../../app/domain/auth.server';
import { anonymous } from '../../app/domain/actor.server';
import { verifyAuditChain } from '../../app/domain/audit.server';
import { pledgeRegister } from '../../app/domain/pledge-register.server';
import { DEMO_ORGANIZATIONS, DEMO_PASSWORD, DEMO_USERS, seedDemoData } from '../../prisma/seed';
import { type TestDatabase, createTestDatabase } from '../helpers/db';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.close());

describe('demo data', () => {
  it('creates clearly fictional organisations of every kind and a user per role, idempotently', async () => {
    const first = await seedDemoData(t.db);
    expect(first).toMatchObject({ organizationsCreated: DEMO_ORGANIZATIONS.length, pledgesCreated: 2 });
    expect(first.usersCreated).toBeGreaterThanOrEqual(DEMO_USERS.length);
    expect(await seedDemoData(t.db)).toEqual({ organizationsCreated: 0, usersCreated: 0, pledgesCreated: 0 });
    const orgs = await t.db.organization.findMany();
    expect(orgs).toHaveLength(DEMO_ORGANIZATIONS.length);
    for (const org of orgs) expect(org.name).toMatch(/\(demo\)$/);
    const count = (kind: string) => orgs.filter((o) => o.kind === kind).length;
    expect(count('CUSTOMS_ADMINISTRATION')).toBeGreaterThanOrEqual(3);
    expect(count('BUSINESS_ASSOCIATION')).toBeGreaterThanOrEqual(4);
    expect(count('PARTNER')).toBeGreaterThanOrEqual(1);
    const roles = new Set((await t.db.membership.findMany()).map((m) => m.role));
    expect([...roles].sort()).toEqual(['LIAISON_OFFICER', 'MEMBER', 'ORG_ADMIN', 'SIGNATORY']);
    expect(await t.db.user.count({ where: { isPlatformAdmin: true } })).toBe(1);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  });

  it('has two published pledges with a realistic mix of signatures, one lapsed and one withdrawn', async () => {
    const pledges = await t.db.pledge.findMany({ where: { status: 'PUBLISHED' } });
    expect(pledges).toHaveLength(2);
    const statuses = (await Promise.all(pledges.map((p) => pledgeRegister(t.db, p.id)))).map((r) => r.counts);
    const total = statuses.reduce((sum, c) => ({ ACTIVE: sum.ACTIVE + c.ACTIVE, LAPSED: sum.LAPSED + c.LAPSED, WITHDRAWN: sum.WITHDRAWN + c.WITHDRAWN }));
    expect(total).toEqual({ ACTIVE: 6, LAPSED: 1, WITHDRAWN: 1 });
    // The demo association signatory still has a pledge to sign.
    const forwarders = await t.db.organization.findFirstOrThrow({ where: { name: { startsWith: 'Almaty Freight Forwarders' } } });
    const unsigned = await t.db.pledge.findFirst({ where: { status: 'PUBLISHED', signatures: { none: { organizationId: forwarders.id } } } });
    expect(unsigned).not.toBeNull();
  });

  it('demo users can sign in with the documented password', async () => {
    for (const user of DEMO_USERS) {
      const result = await signIn({ db: t.db, actor: anonymous, meta: { ip: '127.0.0.1' } }, { email: user.email, password: DEMO_PASSWORD });
      expect(result.user.email).toBe(user.email);
    }
  });
});
