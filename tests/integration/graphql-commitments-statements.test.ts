// N+1 guard for commitments: `commitments(first: N)` with parties, their organisations and responsible persons, the
// monitor, the plan, milestones with owners, confirmations and files, linked issues and pledges, the derived status
// and the viewer's permissions runs the same number of SQL statements at N = 5 and 20 (50 rows exist); so do `actionPlans` with
// their figures and an organisation's commitments. Statements are counted on the wire, at pg's Client.query, as in
// graphql-issue-statements.test.ts.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, createTestDatabase } from '../helpers/db';
import { makeMember, makeUser } from '../helpers/fixtures';
import { graphqlClient, signInAs } from '../helpers/graphql';

let t: TestDatabase;
let gql: ReturnType<typeof graphqlClient>['gql'];
const tokens: Record<'admin' | 'party', string> = { admin: '', party: '' };
let statements = 0;
const originalQuery = pg.Client.prototype.query;

const SIZES = [5, 20] as const;
const COUNT = 50;
const ids = Array.from({ length: COUNT }, (_, i) => String(i).padStart(3, '0'));
const DAY = 24 * 3600 * 1000;
const isoDay = (ms: number) => new Date(new Date(ms).toISOString().slice(0, 10));

beforeAll(async () => {
  pg.Client.prototype.query = function countingQuery(this: pg.Client, ...args: unknown[]) {
    statements++;
    return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof originalQuery;

  t = await createTestDatabase();
  ({ gql } = graphqlClient(t));
  const db = t.db;
  const now = Date.now();

  // Bulk rows written directly: 50 administrations (each with a published plan), 50 associations, one partner that
  // monitors every commitment, 50 users, and 50 active commitments with two parties, three milestones (one completed
  // with confirmations and a file, one done, one open), a linked issue and a pledge each.
  await db.organization.createMany({
    data: [
      ...ids.flatMap((i) => [
        { id: `adm${i}`, slug: `adm-${i}`, name: `Administration ${i}`, kind: 'CUSTOMS_ADMINISTRATION' as const, country: 'KZ', verified: true },
        { id: `assoc${i}`, slug: `assoc-${i}`, name: `Association ${i}`, kind: 'BUSINESS_ASSOCIATION' as const, country: 'KZ', verified: true },
      ]),
      { id: 'partner', slug: 'partner', name: 'Partner', kind: 'PARTNER' as const, country: 'KZ', verified: true },
    ],
  });
  await db.user.createMany({ data: ids.map((i) => ({ id: `user${i}`, email: `user${i}@example.test`, name: `User ${i}`, passwordHash: 'x' })) });
  await db.actionPlan.createMany({
    data: ids.map((i) => ({
      id: `plan${i}`,
      slug: `plan-${i}`,
      administrationId: `adm${i}`,
      title: `Plan ${i}`,
      description: 'A plan.',
      periodStart: isoDay(now - 30 * DAY),
      periodEnd: isoDay(now + 300 * DAY),
      status: 'PUBLISHED' as const,
      publishedAt: new Date(now - 20 * DAY),
      createdById: `user${i}`,
      createdAt: new Date(now - Number(i) * 60_000),
    })),
  });
  await db.pledge.create({
    data: {
      id: 'pledge',
      slug: 'pledge',
      title: 'Pledge',
      body: 'Body',
      status: 'PUBLISHED',
      factors: ['TRANSPARENCY'],
      audience: 'BOTH',
      createdById: 'user000',
      publishedAt: new Date(now - 40 * DAY),
      currentVersion: 1,
    },
  });
  await db.issue.createMany({
    data: ids.map((i) => ({
      id: `issue${i}`,
      reference: `ISS-2026-${String(Number(i) + 1).padStart(4, '0')}`,
      title: `Issue ${i}`,
      description: 'An officer asked for an unofficial payment to release the goods.',
      administrationId: `adm${i}`,
      occurredAt: new Date(now - 50 * DAY),
      category: 'UNOFFICIAL_PAYMENT' as const,
      factor: 'TRANSPARENCY' as const,
      severity: 'HIGH' as const,
      visibility: 'PUBLIC' as const,
      status: 'RESPONDED' as const,
      raisedById: `user${i}`,
      reporterOrganizationId: `assoc${i}`,
      acknowledgeBy: new Date(now - 40 * DAY),
      respondBy: new Date(now - 20 * DAY),
      createdAt: new Date(now - 50 * DAY),
    })),
  });
  await db.commitment.createMany({
    data: ids.map((i) => ({
      id: `com${i}`,
      reference: `COM-2026-${String(Number(i) + 1).padStart(4, '0')}`,
      title: `Commitment ${i}`,
      description: 'Publish the fee schedule at every gate.',
      type: 'PREVENTION' as const,
      factors: ['TRANSPARENCY' as const],
      actionPlanId: `plan${i}`,
      proposerOrganizationId: `adm${i}`,
      createdById: `user${i}`,
      monitorOrganizationId: 'partner',
      startDate: isoDay(now - 30 * DAY),
      phase: 'ACTIVE' as const,
      activatedAt: new Date(now - 25 * DAY),
      milestoneCount: 3,
      completedCount: 1,
      nextOpenDueDate: isoDay(now + (Number(i) % 3 === 0 ? -2 : 40) * DAY),
      createdAt: new Date(now - 30 * DAY - Number(i) * 60_000),
    })),
  });
  await db.commitmentParty.createMany({
    data: ids.flatMap((i) => [
      {
        id: `pa${i}`,
        commitmentId: `com${i}`,
        organizationId: `adm${i}`,
        responsibleUserId: `user${i}`,
        response: 'ACCEPTED' as const,
        respondedAt: new Date(now - 30 * DAY),
        createdAt: new Date(now - 30 * DAY),
      },
      {
        id: `pb${i}`,
        commitmentId: `com${i}`,
        organizationId: `assoc${i}`,
        responsibleUserId: `user${i}`,
        response: 'ACCEPTED' as const,
        respondedAt: new Date(now - 25 * DAY),
        createdAt: new Date(now - 30 * DAY + 1),
      },
    ]),
  });
  await db.milestone.createMany({
    data: ids.flatMap((i) => [
      {
        id: `m${i}a`,
        commitmentId: `com${i}`,
        title: 'Completed',
        deliverable: 'Report',
        ownerPartyId: `pa${i}`,
        dueDate: isoDay(now - 10 * DAY),
        state: 'COMPLETED' as const,
        round: 1,
        evidenceLinks: ['https://example.test/a'],
        doneAt: new Date(now - 12 * DAY),
        doneById: `user${i}`,
        completedAt: new Date(now - 11 * DAY),
        createdAt: new Date(now - 30 * DAY),
      },
      {
        id: `m${i}b`,
        commitmentId: `com${i}`,
        title: 'Done',
        deliverable: 'Training',
        ownerPartyId: `pb${i}`,
        dueDate: isoDay(now + 5 * DAY),
        state: 'DONE' as const,
        round: 1,
        doneAt: new Date(now - DAY),
        doneById: `user${i}`,
        createdAt: new Date(now - 30 * DAY),
      },
      {
        id: `m${i}c`,
        commitmentId: `com${i}`,
        title: 'Open',
        deliverable: 'Audit',
        ownerPartyId: `pa${i}`,
        dueDate: isoDay(now + 40 * DAY),
        createdAt: new Date(now - 30 * DAY),
      },
    ]),
  });
  await db.milestoneConfirmation.createMany({
    data: ids.flatMap((i) => [
      { milestoneId: `m${i}a`, partyId: `pa${i}`, round: 1, userId: `user${i}`, createdAt: new Date(now - 12 * DAY) },
      { milestoneId: `m${i}a`, partyId: `pb${i}`, round: 1, userId: `user${i}`, createdAt: new Date(now - 11 * DAY) },
      { milestoneId: `m${i}b`, partyId: `pb${i}`, round: 1, userId: `user${i}`, createdAt: new Date(now - DAY) },
    ]),
  });
  await db.milestoneAttachment.createMany({
    data: ids.map((i) => ({
      id: `file${i}`,
      milestoneId: `m${i}a`,
      round: 1,
      fileName: `evidence-${i}.pdf`,
      contentType: 'application/pdf',
      size: 1000,
      sha256: 'a'.repeat(64),
      storageKey: `key-${i}`,
      uploadedById: `user${i}`,
      createdAt: new Date(now - 12 * DAY),
    })),
  });
  await db.commitmentIssue.createMany({ data: ids.map((i) => ({ commitmentId: `com${i}`, issueId: `issue${i}` })) });
  await db.commitmentPledge.createMany({ data: ids.map((i) => ({ commitmentId: `com${i}`, pledgeId: 'pledge' })) });

  tokens.admin = await signInAs(t, await makeUser(db, { platformAdmin: true }));
  tokens.party = await signInAs(t, await makeMember(db, 'partner', 'ORG_ADMIN'));
}, 120_000);

afterAll(async () => {
  pg.Client.prototype.query = originalQuery;
  await t?.close();
});

const measured: Record<string, number[]> = {};

async function expectFlat(name: string, query: string, itemsAt: (data: any) => number, token: string, variables: Record<string, unknown> = {}) {
  const counts: number[] = [];
  for (const n of SIZES) {
    statements = 0;
    const res = await gql(query, { n, ...variables }, { token });
    const count = statements;
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    expect(itemsAt(res.data), `${name} at N=${n}`).toBe(n);
    counts.push(count);
  }
  measured[name] = counts;
  expect(counts, `${name}: statements at N = ${SIZES.join(', ')}`).toEqual(counts.map(() => counts[0]));
}

const COMMITMENT_NODE = `
  id reference title status phase progress milestoneCount completedMilestoneCount nextOpenDueDate startDate createdBy { name }
  proposerOrganization { name } monitor { name country } actionPlan { title administration { name } }
  parties { organization { name kind memberCount } response responsibleUser { name } }
  milestones { title dueDate state timing ownerOrganization { name } owner { response }
    confirmations { organization { name } confirmedBy { name } } attachments { fileName downloadUrl } doneBy { name }
    viewerCanConfirm viewerCanAttest }
  linkedIssues { reference } pledges { title }
  viewerCanActFor { name } viewerCanCancel viewerCanAddMilestone`;

describe('commitment statements per request do not grow with the page size', () => {
  afterAll(() => {
    console.info(
      `SQL statements per request at N = ${SIZES.join(' / ')}:\n${Object.entries(measured)
        .map(([k, v]) => `  ${k}: ${v.join(' / ')}`)
        .join('\n')}`,
    );
  });

  it('commitments with parties, organisations, monitor, plan, milestones, confirmations, files, issues, pledges and permissions', async () => {
    for (const [who, token] of Object.entries(tokens)) {
      await expectFlat(
        `commitments (${who})`,
        `query ($n: Int!) { commitments(first: $n) { edges { cursor node { ${COMMITMENT_NODE} } } pageInfo { hasNextPage endCursor } } }`,
        (data) => data.commitments.edges.length,
        token,
      );
    }
  });

  it('commitments filtered by status and ordered by due date', async () => {
    await expectFlat(
      'commitments (filter, DUE)',
      `query ($n: Int!) { commitments(first: $n, orderBy: DUE, filter: { status: [ON_TRACK, AT_RISK, DELAYED], countryCode: "KZ" }) { edges { node { reference status monitor { name } parties { organization { name } } milestones { state } } } } }`,
      (data) => data.commitments.edges.length,
      tokens.party,
    );
  });

  it('action plans with their figures and commitments', async () => {
    await expectFlat(
      'actionPlans',
      `query ($n: Int!) { actionPlans(first: $n) { edges { node { title status periodStart administration { name } commitmentCount milestoneCount completedMilestoneCount progress statusCounts { status count } viewerCanManage commitments { reference status parties { organization { name } } } } } } }`,
      (data) => data.actionPlans.edges.length,
      tokens.admin,
    );
  });

  it("an organisation's commitments (the monitor's: all 50), counted per page of organisations", async () => {
    await expectFlat(
      'organizations.commitments',
      `query ($n: Int!) { organizations(first: $n, kind: CUSTOMS_ADMINISTRATION) { edges { node { name commitments { reference status milestones { state } } } } } }`,
      (data) => data.organizations.edges.length,
      tokens.party,
    );
  });
});
