// N+1 guard for issues: `issues(first: N)` with administration, office, assignee, reporter, responses and computed
// deadline fields runs the same number of SQL statements at N = 10, 50 and 100; so do an administration's offices and
// the viewer's notifications. Statements are counted on the wire, at pg's Client.query, as in graphql-statements.test.ts.
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
const STATUSES = ['RAISED', 'ACKNOWLEDGED', 'RESPONDED', 'RESOLVED', 'REJECTED', 'REOPENED'] as const;
const DAY = 24 * 3600 * 1000;

beforeAll(async () => {
  pg.Client.prototype.query = function countingQuery(this: pg.Client, ...args: unknown[]) {
    statements++;
    return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof originalQuery;

  t = await createTestDatabase();
  ({ gql } = graphqlClient(t));
  const admin = await makeUser(t.db, { platformAdmin: true, name: 'Counting Admin' });
  adminToken = await signInAs(t, admin);

  // Bulk rows written directly: 100 administrations with an office each, 100 associations, 100 users (officers and
  // reporters), 100 issues in every status (some anonymous, some overdue), each with responses and a file.
  const db = t.db;
  const now = Date.now();
  await db.organization.createMany({
    data: ids.flatMap((i) => [
      { id: `adm${i}`, slug: `adm-${i}`, name: `Administration ${i}`, kind: 'CUSTOMS_ADMINISTRATION' as const, country: 'KZ', verified: true },
      { id: `assoc${i}`, slug: `assoc-${i}`, name: `Association ${i}`, kind: 'BUSINESS_ASSOCIATION' as const, country: 'KZ', verified: true },
    ]),
  });
  await db.user.createMany({ data: ids.map((i) => ({ id: `user${i}`, email: `user${i}@example.test`, name: `User ${i}`, passwordHash: 'x' })) });
  await db.customsOffice.createMany({
    data: ids.map((i) => ({
      id: `office${i}`,
      // All under one administration, so that its list has 100 (the issues name other administrations: counts only).
      administrationId: 'adm000',
      nameEn: `Office ${i}`,
      nameRu: `Пост ${i}`,
      kind: 'ROAD_BORDER_CROSSING' as const,
      latitude: 43,
      longitude: 77,
    })),
  });
  await db.issue.createMany({
    data: ids.map((i) => {
      const n = Number(i);
      const createdAt = new Date(now - (n % 3 === 0 ? 60 : 1) * DAY - n * 60_000);
      const anonymous = n % 4 === 3;
      return {
        id: `issue${i}`,
        reference: `ISS-2026-${String(n + 1).padStart(4, '0')}`,
        title: `Issue ${i} at the border`,
        description: 'An officer asked for an unofficial payment to release the goods.',
        administrationId: `adm${i}`,
        officeId: n % 5 === 4 ? null : `office${i}`,
        occurredAt: createdAt,
        category: 'UNOFFICIAL_PAYMENT' as const,
        factor: 'TRANSPARENCY' as const,
        severity: 'HIGH' as const,
        visibility: n % 2 ? ('PUBLIC' as const) : ('RESTRICTED' as const),
        status: STATUSES[n % STATUSES.length],
        anonymous,
        raisedById: anonymous ? null : `user${i}`,
        reporterOrganizationId: anonymous ? null : `assoc${i}`,
        assigneeId: n % 3 === 1 ? `user${i}` : null,
        acknowledgeBy: new Date(createdAt.getTime() + 7 * DAY),
        respondBy: new Date(createdAt.getTime() + 30 * DAY),
        createdAt,
      };
    }),
  });
  await db.issueResponse.createMany({
    data: ids.flatMap((i) => [
      {
        id: `resp${i}a`,
        issueId: `issue${i}`,
        kind: 'OFFICIAL' as const,
        authorId: `user${i}`,
        body: 'We are looking into it.',
        createdAt: new Date(now - 1000),
      },
      { id: `resp${i}b`, issueId: `issue${i}`, kind: 'REPORTER_INFO' as const, authorId: null, body: 'More details.', createdAt: new Date(now - 500) },
    ]),
  });
  await db.issueAttachment.createMany({
    data: ids.map((i) => ({
      id: `file${i}`,
      issueId: `issue${i}`,
      fileName: `evidence-${i}.pdf`,
      contentType: 'application/pdf',
      size: 1000,
      sha256: 'a'.repeat(64),
      storageKey: `key-${i}`,
      createdAt: new Date(now - 2000),
    })),
  });
  await db.notification.createMany({
    data: ids.map((i) => ({
      userId: admin.id,
      kind: 'ISSUE_ESCALATED' as const,
      subjectType: 'Issue',
      subjectId: `issue${i}`,
      data: { reference: `ISS-2026-${i}`, title: `Issue ${i}`, status: 'RAISED', event: 'escalated' },
      createdAt: new Date(now - Number(i) * 1000),
    })),
  });
});

afterAll(async () => {
  pg.Client.prototype.query = originalQuery;
  await t?.close();
});

async function statementsFor(query: string, variables: Record<string, unknown>) {
  statements = 0;
  const res = await gql(query, variables, { token: adminToken });
  const count = statements;
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return { count, data: res.data };
}

const measured: Record<string, number[]> = {};

async function expectFlat(name: string, query: string, itemsAt: (data: any) => number, variables: Record<string, unknown> = {}) {
  const counts: number[] = [];
  for (const n of SIZES) {
    const { count, data } = await statementsFor(query, { n, ...variables });
    expect(itemsAt(data), `${name} at N=${n}`).toBe(n);
    counts.push(count);
  }
  measured[name] = counts;
  expect(counts, `${name}: statements at N = ${SIZES.join(', ')}`).toEqual([counts[0], counts[0], counts[0]]);
}

describe('issue statements per request do not grow with the page size', () => {
  afterAll(() => {
    console.info(
      `SQL statements per request at N = ${SIZES.join(' / ')}:\n${Object.entries(measured)
        .map(([k, v]) => `  ${k}: ${v.join(' / ')}`)
        .join('\n')}`,
    );
  });

  it('issues with administration, office, assignee, reporter, responses and deadlines', async () => {
    await expectFlat(
      'issues',
      `query ($n: Int!) { issues(first: $n) { edges { cursor node {
        id reference title descriptionHtml status severity category factor visibility anonymous createdAt
        acknowledgeBy respondBy acknowledgedAt respondedAt closedAt outcome overdue escalated reopenAllowedUntil
        nextDeadline { deadline dueAt overdue } viewerCanHandle viewerCanActAsReporter
        administration { name country memberCount } office { name kind archived administration { name } }
        assignee { id name } raisedBy { name } reporterOrganization { name }
        responseCount responses { kind body author { name } } attachments { fileName downloadUrl }
      } } pageInfo { hasNextPage endCursor } } }`,
      (data) => data.issues.edges.length,
    );
  });

  it('issues filtered and ordered overdue first', async () => {
    await expectFlat(
      'issues (filter, OVERDUE_FIRST)',
      `query ($n: Int!) { issues(first: $n, orderBy: OVERDUE_FIRST, filter: { severity: [HIGH], category: [UNOFFICIAL_PAYMENT] }) {
        edges { node { reference overdue escalated office { nameEn } assignee { name } responseCount } } } }`,
      (data) => data.issues.edges.length,
    );
  });

  it("an administration's offices", async () => {
    await expectFlat(
      'customsOffices',
      `query ($n: Int!, $adm: ID!) { customsOffices(administrationId: $adm, first: $n, includeArchived: true) {
        totalCount edges { node { name nameRu kind latitude longitude archived administration { name } } } } }`,
      (data) => data.customsOffices.edges.length,
      { adm: globalId('Organization', 'adm000') },
    );
  });

  it("the viewer's notifications", async () => {
    await expectFlat(
      'viewer.notifications',
      `query ($n: Int!) { viewer { unreadNotificationCount notifications(first: $n) { edges { cursor node { id kind reference title status event read createdAt } } pageInfo { hasNextPage } } } }`,
      (data) => data.viewer.notifications.edges.length,
    );
  });
});
