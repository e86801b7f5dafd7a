// N+1 guard: every list field of the GraphQL API runs the same number of SQL statements whether it returns 10, 50 or
// 100 items. Statements are counted on the wire, at pg's Client.query, which every statement the Prisma driver
// adapter sends goes through (embedded PGlite and PostgreSQL alike).
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, createTestDatabase } from '../helpers/db';
import { makeUser } from '../helpers/fixtures';
import { globalId, graphqlClient, signInAs } from '../helpers/graphql';

let t: TestDatabase;
let gql: ReturnType<typeof graphqlClient>['gql'];
let adminToken: string;
let statements = 0;
const originalQuery = pg.Client.prototype.query;

const SIZES = [10, 50, 100] as const;
const ids = Array.from({ length: 100 }, (_, i) => String(i).padStart(3, '0'));

beforeAll(async () => {
  // Count every statement sent through any pg client in this process (the pool's clients included).
  pg.Client.prototype.query = function countingQuery(this: pg.Client, ...args: unknown[]) {
    statements++;
    return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof originalQuery;

  t = await createTestDatabase();
  ({ gql } = graphqlClient(t));
  // A platform administrator who is also a member of every organisation (so `viewer { memberships }` has 100).
  const admin = await makeUser(t.db, { platformAdmin: true, name: 'Counting Admin' });
  adminToken = await signInAs(t, admin);

  // Bulk rows written directly: 100 organisations (every fifth unverified), 100 users, 100 published pledges with a
  // version each, and signatures so that one pledge has 100 and one organisation has 100.
  const db = t.db;
  const now = new Date();
  const year = new Date(now.getTime() + 365 * 24 * 3600 * 1000);
  const past = new Date(now.getTime() - 24 * 3600 * 1000);
  await db.organization.createMany({
    data: ids.map((i) => ({
      id: `org${i}`,
      slug: `org-${i}`,
      name: `Organisation ${i}`,
      kind: 'CUSTOMS_ADMINISTRATION' as const,
      country: 'KZ',
      verified: Number(i) % 5 !== 4,
    })),
  });
  await db.user.createMany({ data: ids.map((i) => ({ id: `user${i}`, email: `user${i}@example.test`, name: `User ${i}`, passwordHash: 'x' })) });
  await db.membership.createMany({
    data: [
      ...ids.map((i) => ({ userId: `user${i}`, organizationId: 'org000', role: 'MEMBER' as const })).filter((m) => m.userId !== 'user000'),
      ...ids.map((i) => ({ userId: `user${i}`, organizationId: `org${i}`, role: 'ORG_ADMIN' as const })),
      ...ids.map((i) => ({ userId: admin.id, organizationId: `org${i}`, role: 'SIGNATORY' as const })),
    ],
  });
  await db.pledge.createMany({
    data: ids.map((i) => ({
      id: `pledge${i}`,
      slug: `pledge-${i}`,
      status: 'PUBLISHED' as const,
      title: `Pledge ${i}`,
      body: 'We will publish every fee and refuse every facilitation payment.',
      factors: ['TRANSPARENCY' as const],
      audience: 'BOTH' as const,
      renewalMonths: 12,
      ownerOrganizationId: `org${i}`,
      createdById: admin.id,
      publishedAt: new Date(now.getTime() - Number(i) * 60_000),
      currentVersion: 1,
    })),
  });
  await db.pledgeVersion.createMany({
    data: ids.map((i) => ({
      id: `version${i}`,
      pledgeId: `pledge${i}`,
      number: 1,
      title: `Pledge ${i}`,
      body: 'We will publish every fee.',
      factors: ['TRANSPARENCY' as const],
      publishedById: admin.id,
    })),
  });
  const signature = (org: string, pledge: string, n: number) => ({
    id: `sig-${org}-${pledge}`,
    pledgeId: `pledge${pledge}`,
    versionId: `version${pledge}`,
    organizationId: `org${org}`,
    signedById: admin.id,
    signedAt: past,
    lastRenewedAt: past,
    // A mix of statuses: active, lapsed and withdrawn.
    lapsesAt: n % 7 === 3 ? past : year,
    withdrawnAt: n % 11 === 5 ? now : null,
    withdrawalReason: n % 11 === 5 ? 'Withdrawn for the count test.' : null,
  });
  const signatures = new Map<string, ReturnType<typeof signature>>();
  for (const [n, i] of ids.entries()) {
    for (const s of [signature('000', i, n), signature(i, '000', n), signature(i, i, n)]) signatures.set(s.id, s);
  }
  await db.pledgeSignature.createMany({ data: [...signatures.values()] });
  await db.pledgeProgressReport.createMany({
    data: [...signatures.values()].map((s, n) => ({
      pledgeId: s.pledgeId,
      signatureId: s.id,
      organizationId: s.organizationId,
      body: `Report ${n}`,
      links: [],
      createdById: admin.id,
    })),
  });
});

afterAll(async () => {
  pg.Client.prototype.query = originalQuery;
  await t?.close();
});

/** Run a query and count the SQL statements it caused. */
async function statementsFor(query: string, variables: Record<string, unknown>) {
  statements = 0;
  const res = await gql(query, variables, { token: adminToken });
  const count = statements;
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return { count, data: res.data };
}

const measured: Record<string, number[]> = {};

/** The same query at N = 10, 50 and 100: as many items as asked for, and the same number of statements. */
async function expectFlat(name: string, query: string, itemsAt: (data: any) => number) {
  const counts: number[] = [];
  for (const n of SIZES) {
    const { count, data } = await statementsFor(query, { n, ...(query.includes('$org') ? { org: globalId('Organization', 'org003') } : {}) });
    expect(itemsAt(data), `${name} at N=${n}`).toBe(n);
    counts.push(count);
  }
  measured[name] = counts;
  expect(counts, `${name}: statements at N = ${SIZES.join(', ')}`).toEqual([counts[0], counts[0], counts[0]]);
}

describe('statements per request do not grow with the page size', () => {
  afterAll(() => {
    // Printed for the record (the pull request quotes these numbers).
    console.info(
      `SQL statements per request at N = ${SIZES.join(' / ')}:\n${Object.entries(measured)
        .map(([k, v]) => `  ${k}: ${v.join(' / ')}`)
        .join('\n')}`,
    );
  });

  it('pledges with every list and computed field', async () => {
    await expectFlat(
      'pledges',
      `query ($n: Int!, $org: ID!) { pledges(first: $n) { totalCount edges { node {
        id title signatureCount unverifiedSignatureCount
        viewerCanSign(organizationId: $org) { ok resign code reason }
        ownerOrganization { name verified memberCount }
        versions { number title }
        signatures(first: 3) { totalCount edges { node { status renewalDueAt organization { name verified } version { number } progressReports { body } } } }
      } } } }`,
      (data) => data.pledges.edges.length,
    );
  });

  it('pledges filtered by signature status', async () => {
    await expectFlat(
      'pledges (status filters)',
      `query ($n: Int!) { pledges(first: $n) { edges { node {
        active: signatureCount(status: ACTIVE) lapsed: signatureCount(status: LAPSED)
        withdrawn: signatures(status: WITHDRAWN, first: 2) { totalCount edges { node { withdrawalReason organization { name } } } }
      } } } }`,
      (data) => data.pledges.edges.length,
    );
  });

  it("one pledge's signatures", async () => {
    await expectFlat(
      'pledge.signatures',
      `query ($n: Int!) { pledge(slug: "pledge-000") { signatures(first: $n) { totalCount edges { node {
        status statement signedAt organization { name verified memberCount } version { number } progressReports { body } pledge { title }
      } } } } }`,
      (data) => data.pledge.signatures.edges.length,
    );
  });

  it('organizations with members and pledge signatures', async () => {
    await expectFlat(
      'organizations',
      `query ($n: Int!) { organizations(first: $n) { totalCount edges { node {
        name memberCount
        members(first: 2) { totalCount edges { node { role email user { name email } } } }
        pledgeSignatures(first: 3) { totalCount edges { node { status pledge { title signatureCount } } } }
      } } } }`,
      (data) => data.organizations.edges.length,
    );
  });

  it("one organisation's members", async () => {
    await expectFlat(
      'organization.members',
      `query ($n: Int!) { organization(slug: "org-000") { members(first: $n) { totalCount edges { node {
        role createdAt email user { name email memberships { role organization { name } } }
      } } } } }`,
      (data) => data.organization.members.edges.length,
    );
  });

  it("one organisation's pledge signatures", async () => {
    await expectFlat(
      'organization.pledgeSignatures',
      `query ($n: Int!) { organization(slug: "org-000") { pledgeSignatures(first: $n) { totalCount edges { node {
        status pledge { title signatureCount versions { number } } version { number }
      } } } } }`,
      (data) => data.organization.pledgeSignatures.edges.length,
    );
  });

  it("the viewer's memberships", async () => {
    // viewer.memberships is a plain list: compare the full list (100) with the statements of a plain viewer query.
    const plain = await statementsFor(`{ viewer { name } }`, {});
    const full = await statementsFor(`{ viewer { name email memberships { role organization { name memberCount verified } user { name } } } }`, {});
    expect(full.data.viewer.memberships).toHaveLength(100);
    measured['viewer.memberships (plain / with 100)'] = [plain.count, full.count];
    expect(full.count - plain.count).toBeLessThanOrEqual(4);
  });
});
