// The issue read layer (app/domain/issue-queries.server.ts): visibility (the policy, its Prisma filter and its SQL
// agree; a hidden issue answers like an unknown one), overdue and escalated in SQL against issue-rules.ts at the
// boundary instants, keyset pages for every order, the filters, statements per page, the inbox, the timeline from the
// audit chain, and the public statistics and summaries with their reporter protection.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Prisma } from '../../prisma/generated/client/client';
import { type Actor, anonymous, systemActor } from '../../app/domain/actor.server';
import type { DomainContext } from '../../app/domain/context.server';
import { ForbiddenError, NotAuthenticatedError, NotFoundError, ValidationError } from '../../app/domain/errors.server';
import {
  type IssueFilter,
  type IssueOrder,
  ISSUE_ORDERS,
  canActAsReporter,
  canHandleIssue,
  canSeeIssue,
  escalatedSql,
  getIssue,
  getIssueForReceipt,
  inbox,
  issueStatistics,
  issueTimeline,
  listIssues,
  overdueSql,
  publicSummaries,
  summaryPublicAt,
  visibleIssuesWhere,
} from '../../app/domain/issue-queries.server';
import { type DeadlineFields, isEscalated, isOverdue, nextDeadline } from '../../app/domain/issue-rules';
import { configureIssues } from '../../app/domain/issue-settings.server';
import { LocalFileStore, configureFileStore } from '../../app/domain/storage.server';
import {
  acknowledgeIssue,
  assignIssue,
  followUpAnonymousIssue,
  openReceipt,
  publishIssueSummary,
  raiseAnonymousIssue,
  raiseIssue,
  reopenIssue,
  resolveIssue,
  respondToIssue,
} from '../../app/domain/issues.server';
import { type TestDatabase, createTestDatabase } from '../helpers/db';
import { actorFor, makeMember, makeOrganization, makeUser } from '../helpers/fixtures';

let t: TestDatabase;
const DAY = 24 * 60 * 60 * 1000;
const T0 = new Date('2027-03-01T09:00:00.000Z'); // a Monday
// When the reported problems happened: in the real past (the raise schema compares with the real clock).
const OCCURRED = new Date('2026-01-05T10:00:00.000Z');

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

type World = Awaited<ReturnType<typeof makeWorld>>;
let w: World;

async function makeWorld() {
  const db = t.db;
  const admA = await makeOrganization(db, { kind: 'CUSTOMS_ADMINISTRATION', country: 'KZ' });
  const admB = await makeOrganization(db, { kind: 'CUSTOMS_ADMINISTRATION', country: 'UZ' });
  const assocX = await makeOrganization(db);
  const assocY = await makeOrganization(db);
  const people = {
    officerA: await makeMember(db, admA.id, 'LIAISON_OFFICER', { name: 'Officer Alma' }),
    adminA: await makeMember(db, admA.id, 'ORG_ADMIN', { name: 'Admin Aset' }),
    memberA: await makeMember(db, admA.id, 'MEMBER', { name: 'Customs Member' }),
    officerB: await makeMember(db, admB.id, 'LIAISON_OFFICER', { name: 'Officer Bek' }),
    reporterX: await makeMember(db, assocX.id, 'MEMBER', { name: 'Reporter Xenia' }),
    adminX: await makeMember(db, assocX.id, 'ORG_ADMIN', { name: 'Admin Xavier' }),
    colleagueX: await makeMember(db, assocX.id, 'SIGNATORY', { name: 'Colleague Xu' }),
    memberY: await makeMember(db, assocY.id, 'MEMBER', { name: 'Member Yana' }),
    platform: await makeUser(db, { platformAdmin: true, name: 'Platform Pat' }),
    outsider: await makeUser(db, { name: 'Outsider Olga' }),
  };
  const officeA1 = await db.customsOffice.create({
    data: { administrationId: admA.id, nameEn: 'Khorgos', nameRu: 'Хоргос', kind: 'ROAD_BORDER_CROSSING', latitude: 44.2, longitude: 80.4 },
  });
  const officeA2 = await db.customsOffice.create({
    data: { administrationId: admA.id, nameEn: 'Dostyk', nameRu: 'Достык', kind: 'RAIL_BORDER_CROSSING', latitude: 45.2, longitude: 82.5 },
  });
  const actors: Record<keyof typeof people, Actor> = {} as never;
  for (const [key, user] of Object.entries(people)) actors[key as keyof typeof people] = await actorFor(db, user.id);
  return { admA, admB, assocX, assocY, people, actors, officeA1, officeA2 };
}

const ctxOf = (actor: Actor, now: Date = T0): DomainContext => ({ db: t.db, actor, now: () => now });

function raiseInput(overrides: Record<string, unknown> = {}) {
  return {
    organizationId: w.assocX.id,
    administrationId: w.admA.id,
    officeId: w.officeA1.id,
    title: 'Unofficial payment requested at the gate',
    description: 'The inspector asked for cash before releasing the truck, without any receipt.',
    occurredAt: OCCURRED,
    category: 'UNOFFICIAL_PAYMENT',
    factor: 'TRANSPARENCY',
    severity: 'HIGH',
    visibility: 'RESTRICTED',
    ...overrides,
  };
}

let filesDir: string;
beforeAll(async () => {
  filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ic-issue-queries-'));
  configureFileStore(new LocalFileStore(filesDir));
  t = await createTestDatabase();
  w = await makeWorld();
  await makeMatrix();
}, 240_000);
afterAll(async () => {
  configureIssues();
  configureFileStore(undefined);
  fs.rmSync(filesDir, { recursive: true, force: true });
  await t?.close();
});

describe('visibility', () => {
  it('canSeeIssue, visibleIssuesWhere and the lists agree for every actor; hidden and unknown answer alike', async () => {
    const reporter = ctxOf(w.actors.reporterX);
    const restricted = await raiseIssue(reporter, raiseInput({ title: 'Restricted named issue at Khorgos' }));
    const open = await raiseIssue(reporter, raiseInput({ title: 'Public named issue at Khorgos', visibility: 'PUBLIC' }));
    const { issue: anon } = await raiseAnonymousIssue(ctxOf(w.actors.memberY), {
      administrationId: w.admA.id,
      title: 'Anonymous issue at Khorgos',
      description: 'Someone asked for money to skip the queue at the border.',
      occurredAt: OCCURRED,
      category: 'UNOFFICIAL_PAYMENT',
      factor: 'TRANSPARENCY',
      severity: 'CRITICAL',
    });
    const ids = [restricted.id, open.id, anon.id];
    const expected: Record<string, [boolean, boolean, boolean]> = {
      anonymous: [false, true, false],
      outsider: [false, true, false],
      memberY: [false, true, false],
      officerB: [false, true, false],
      reporterX: [true, true, false],
      colleagueX: [true, true, false],
      adminX: [true, true, false],
      officerA: [true, true, true],
      memberA: [true, true, true],
      platform: [true, true, true],
      system: [true, true, true],
    };
    for (const [name, sees] of Object.entries(expected)) {
      const actor: Actor = name === 'anonymous' ? anonymous : name === 'system' ? systemActor('test') : w.actors[name as keyof typeof w.actors];
      const rows = await t.db.issue.findMany({
        where: { id: { in: ids } },
        select: { id: true, visibility: true, anonymous: true, administrationId: true, reporterOrganizationId: true },
      });
      const byId = new Map(rows.map((r) => [r.id, r]));
      expect(
        ids.map((id) => canSeeIssue(actor, byId.get(id)!)),
        `${name}: canSeeIssue`,
      ).toEqual(sees);
      const viaPrisma = await t.db.issue.findMany({ where: { AND: [{ id: { in: ids } }, visibleIssuesWhere(actor)] }, select: { id: true } });
      expect(
        ids.map((id) => viaPrisma.some((r) => r.id === id)),
        `${name}: visibleIssuesWhere`,
      ).toEqual(sees);
      const listed = await listIssues(ctxOf(actor), { filter: { administrationId: w.admA.id, search: 'Khorgos' }, first: 50 });
      expect(
        ids.map((id) => listed.items.some((i) => i.id === id)),
        `${name}: listIssues`,
      ).toEqual(sees);
      for (const [n, id] of ids.entries()) {
        const reference = (await t.db.issue.findUniqueOrThrow({ where: { id } })).reference;
        if (sees[n]) {
          expect((await getIssue(ctxOf(actor), { id })).id).toBe(id);
          expect((await getIssue(ctxOf(actor), { reference: reference.toLowerCase() })).id).toBe(id);
        } else {
          const hidden = await rejectionOf(getIssue(ctxOf(actor), { reference }));
          const unknown = await rejectionOf(getIssue(ctxOf(actor), { reference: 'ISS-2027-9999' }));
          expect(hidden).toBeInstanceOf(NotFoundError);
          expect((hidden as Error).message).toBe((unknown as Error).message);
        }
      }
    }
  });

  it('an issue marked public but anonymous stays restricted', () => {
    const issue = { visibility: 'PUBLIC', anonymous: true, administrationId: w.admA.id, reporterOrganizationId: null };
    expect(canSeeIssue(anonymous, issue)).toBe(false);
    expect(canSeeIssue(w.actors.officerA, issue)).toBe(true);
    expect(visibleIssuesWhere(anonymous)).toEqual({ visibility: 'PUBLIC', anonymous: false });
  });

  it('handling and reporter acts follow the policy', async () => {
    const issue = await raiseIssue(ctxOf(w.actors.reporterX), raiseInput());
    expect(canHandleIssue(w.actors.officerA, issue)).toBe(true);
    expect(canHandleIssue(w.actors.adminA, issue)).toBe(true);
    for (const who of ['memberA', 'officerB', 'platform', 'reporterX'] as const) expect(canHandleIssue(w.actors[who], issue), who).toBe(false);
    expect(canActAsReporter(w.actors.reporterX, issue)).toBe(true);
    expect(canActAsReporter(w.actors.adminX, issue)).toBe(true);
    for (const who of ['colleagueX', 'officerA', 'platform', 'memberY'] as const) expect(canActAsReporter(w.actors[who], issue), who).toBe(false);
    expect(canActAsReporter(w.actors.adminX, { anonymous: true, reporterOrganizationId: null, raisedById: null })).toBe(false);
  });
});

describe('one issue', () => {
  it('getIssue carries the relations and the computed deadlines; the receipt view names nobody', async () => {
    const { issue, receiptCode } = await raiseAnonymousIssue(ctxOf(anonymous), {
      administrationId: w.admA.id,
      officeId: w.officeA2.id,
      title: 'Inspection without a reason',
      description: 'Every container was opened, with no reason given, for three days running.',
      occurredAt: OCCURRED,
      category: 'DISCRETIONARY_INSPECTION',
      factor: 'AUTOMATION',
      severity: 'MEDIUM',
    });
    const officer = ctxOf(w.actors.officerA, new Date(T0.getTime() + DAY));
    await assignIssue(officer, { issueId: issue.id, assigneeId: w.people.officerA.id });
    await acknowledgeIssue(officer, { issueId: issue.id });
    await respondToIssue(officer, { issueId: issue.id, body: 'We are looking into the inspections at Dostyk.' });

    const detail = await getIssue(ctxOf(w.actors.officerA, new Date(T0.getTime() + 2 * DAY)), { id: issue.id });
    expect(detail.administration.id).toBe(w.admA.id);
    expect(detail.office?.nameRu).toBe('Достык');
    expect(detail.assignee?.name).toBe('Officer Alma');
    expect(detail.raisedBy).toBeNull();
    expect(detail.reporterOrganization).toBeNull();
    expect(detail.responses[0].author?.name).toBe('Officer Alma');
    expect(detail).not.toHaveProperty('receiptHash');
    expect(detail).not.toHaveProperty('receiptSelector');
    expect(detail.status).toBe('RESPONDED');
    expect(detail.overdue).toBe(false);
    expect(detail.nextDeadline).toBeNull();
    expect(detail.reopenAllowedUntil).toBeNull();

    const { issueId } = await openReceipt(ctxOf(anonymous), receiptCode);
    const receipt = await getIssueForReceipt(ctxOf(anonymous), issueId);
    expect(receipt.receiptView).toBe(true);
    expect(receipt.assignee).toBeNull();
    expect(receipt.assigneeId).toBeNull();
    expect(receipt.responses[0].author).toBeNull();
    expect(receipt.responses[0].body).toContain('Dostyk');
    const timeline = await issueTimeline(ctxOf(anonymous), receipt);
    expect(timeline.every((e) => e.actor === null && e.assignee === null)).toBe(true);
    expect(JSON.stringify(timeline)).not.toContain(w.people.officerA.id);

    const named = await raiseIssue(ctxOf(w.actors.reporterX), raiseInput());
    expect(await rejectionOf(getIssueForReceipt(ctxOf(anonymous), named.id))).toBeInstanceOf(NotFoundError);
  });
});

// ───────────────────────────── Overdue and escalated: SQL against TypeScript ─────────────────────────────

const STATUSES = ['RAISED', 'ACKNOWLEDGED', 'RESPONDED', 'RESOLVED', 'REJECTED', 'REOPENED'] as const;
const SEVERITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
let matrixAdmin: { id: string };
let matrix: (DeadlineFields & { id: string; createdAt: Date; severity: string; status: string })[] = [];

/**
 * Issues in every status with acts before, at and after each deadline, and with the respond deadline both after and
 * before the acknowledge deadline (an administration can set respondDays shorter than the working days). Written
 * directly: the dates are the point here, not how they came about.
 */
async function makeMatrix() {
  matrixAdmin = await makeOrganization(t.db, { kind: 'CUSTOMS_ADMINISTRATION', country: 'TJ' });
  const ack = T0;
  const rows: Prisma.IssueCreateManyInput[] = [];
  let n = 0;
  for (const respondBy of [new Date(T0.getTime() + 10 * DAY), new Date(T0.getTime() - DAY)]) {
    for (const status of STATUSES) {
      for (const acknowledgedAt of [null, -1, 0, 1]) {
        for (const respondedAt of [null, -1, 0, 1]) {
          n++;
          rows.push({
            id: `m${String(n).padStart(4, '0')}`,
            reference: `ISS-1999-${String(n).padStart(4, '0')}`,
            title: `Matrix issue ${n}`,
            description: 'A generated issue for the deadline matrix.',
            administrationId: matrixAdmin.id,
            occurredAt: new Date(T0.getTime() - 20 * DAY),
            category: 'OTHER',
            factor: 'TRANSPARENCY',
            severity: SEVERITIES[n % 4],
            visibility: n % 3 ? 'PUBLIC' : 'RESTRICTED',
            status,
            acknowledgeBy: ack,
            respondBy,
            acknowledgedAt: acknowledgedAt === null ? null : new Date(ack.getTime() + acknowledgedAt),
            respondedAt: respondedAt === null ? null : new Date(respondBy.getTime() + respondedAt),
            closedAt: status === 'RESOLVED' || status === 'REJECTED' ? T0 : null,
            // Ties on purpose: several issues share a creation time, so the id decides.
            createdAt: new Date(T0.getTime() - 20 * DAY + (n % 37) * 3600_000),
          });
        }
      }
    }
  }
  await t.db.issue.createMany({ data: rows });
  matrix = await t.db.issue.findMany({
    where: { administrationId: matrixAdmin.id },
    select: {
      id: true,
      status: true,
      severity: true,
      createdAt: true,
      acknowledgeBy: true,
      respondBy: true,
      acknowledgedAt: true,
      respondedAt: true,
      closedAt: true,
    },
  });
}

const BOUNDARIES = [
  T0.getTime() - DAY - 1,
  T0.getTime() - DAY,
  T0.getTime() - DAY + 1,
  T0.getTime() - 1,
  T0.getTime(),
  T0.getTime() + 1,
  T0.getTime() + 10 * DAY - 1,
  T0.getTime() + 10 * DAY,
  T0.getTime() + 10 * DAY + 1,
].map((ms) => new Date(ms));

describe('overdue and escalated', () => {
  it('SQL agrees with issue-rules.ts at every boundary instant', async () => {
    for (const now of BOUNDARIES) {
      const rows = await t.db.$queryRaw<{ id: string; overdue: boolean; escalated: boolean }[]>(Prisma.sql`
        SELECT i."id", ${overdueSql(now)} AS "overdue", ${escalatedSql(now)} AS "escalated"
        FROM "Issue" i WHERE i."administrationId" = ${matrixAdmin.id}`);
      expect(rows).toHaveLength(matrix.length);
      const byId = new Map(rows.map((r) => [r.id, r]));
      for (const issue of matrix) {
        const row = byId.get(issue.id)!;
        expect(row.overdue, `overdue ${issue.id} at ${now.toISOString()}`).toBe(isOverdue(issue, now));
        expect(row.escalated, `escalated ${issue.id} at ${now.toISOString()}`).toBe(isEscalated(issue, now));
      }
      // Some of each, so the comparison means something.
      expect(rows.some((r) => r.overdue) || now.getTime() <= T0.getTime() - DAY).toBe(true);
    }
  });

  it('the overdue and escalated filters (true and false) select exactly what issue-rules.ts says', { timeout: 120_000 }, async () => {
    for (const now of BOUNDARIES) {
      const ctx = ctxOf(systemActor('test'), now);
      for (const [field, rule] of [
        ['overdue', isOverdue],
        ['escalated', isEscalated],
      ] as const) {
        for (const value of [true, false]) {
          const ids = await allIds(ctx, { administrationId: matrixAdmin.id, [field]: value }, 'NEWEST', 100);
          const expected = matrix.filter((i) => rule(i, now) === value).map((i) => i.id);
          expect(ids.sort(), `${field}=${value} at ${now.toISOString()}`).toEqual(expected.sort());
        }
      }
    }
  });

  it('list items carry overdue, escalated and nextDeadline from issue-rules.ts', async () => {
    const now = new Date(T0.getTime() + 1);
    const page = await listIssues(ctxOf(systemActor('test'), now), { filter: { administrationId: matrixAdmin.id }, first: 100 });
    for (const item of page.items) {
      const issue = matrix.find((i) => i.id === item.id)!;
      expect(item.overdue).toBe(isOverdue(issue, now));
      expect(item.escalated).toBe(isEscalated(issue, now));
      expect(item.nextDeadline).toEqual(nextDeadline(issue, now));
    }
  });
});

// ───────────────────────────── Keyset pages ─────────────────────────────

async function allIds(ctx: DomainContext, filter: IssueFilter, orderBy: IssueOrder, first = 7): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (let pages = 0; pages < 1000; pages++) {
    const page = await listIssues(ctx, { filter, orderBy, first, after });
    ids.push(...page.items.map((i) => i.id));
    expect(page.items.length).toBeLessThanOrEqual(first);
    if (!page.hasNextPage) return ids;
    expect(page.items).toHaveLength(first);
    after = page.endCursor;
  }
  throw new Error('too many pages');
}

const cmp = (a: number | string, b: number | string) => (a < b ? -1 : a > b ? 1 : 0);
const RANK: Record<string, number> = { LOW: 1, MEDIUM: 2, HIGH: 3, CRITICAL: 4 };
const dueMs = (i: DeadlineFields, now: Date) => nextDeadline(i, now)?.dueAt.getTime() ?? Number.MAX_SAFE_INTEGER;

function expectedOrder(order: IssueOrder, now: Date): (a: (typeof matrix)[number], b: (typeof matrix)[number]) => number {
  const c = (i: (typeof matrix)[number]) => i.createdAt.getTime();
  switch (order) {
    case 'NEWEST':
      return (a, b) => cmp(c(b), c(a)) || cmp(b.id, a.id);
    case 'OLDEST':
      return (a, b) => cmp(c(a), c(b)) || cmp(a.id, b.id);
    case 'DEADLINE':
      return (a, b) => cmp(dueMs(a, now), dueMs(b, now)) || cmp(c(a), c(b)) || cmp(a.id, b.id);
    case 'SEVERITY':
      return (a, b) => cmp(RANK[b.severity], RANK[a.severity]) || cmp(c(b), c(a)) || cmp(b.id, a.id);
    case 'OVERDUE_FIRST':
      return (a, b) => {
        const oa = isOverdue(a, now);
        const ob = isOverdue(b, now);
        if (oa !== ob) return oa ? -1 : 1;
        return (oa ? cmp(dueMs(a, now), dueMs(b, now)) : cmp(c(b), c(a))) || cmp(a.id, b.id);
      };
  }
}

describe('keyset pagination', () => {
  it('every order walks all rows once, in the order issue-rules.ts implies, at several page sizes', { timeout: 180_000 }, async () => {
    const now = new Date(T0.getTime() + 1);
    const ctx = ctxOf(systemActor('test'), now);
    for (const order of ISSUE_ORDERS) {
      const expected = [...matrix].sort(expectedOrder(order, now)).map((i) => i.id);
      for (const first of [4, 100]) {
        const ids = await allIds(ctx, { administrationId: matrixAdmin.id }, order, first);
        expect(ids, `${order} by ${first}`).toEqual(expected);
      }
    }
  });

  it("OVERDUE_FIRST keeps the first page's clock: issues turning overdue meanwhile are neither skipped nor repeated", async () => {
    const before = new Date(T0.getTime() - 1);
    const later = new Date(T0.getTime() + 10 * DAY + 1);
    const first = await listIssues(ctxOf(systemActor('test'), before), { filter: { administrationId: matrixAdmin.id }, orderBy: 'OVERDUE_FIRST', first: 50 });
    const ids = first.items.map((i) => i.id);
    let after = first.endCursor;
    while (after) {
      const page = await listIssues(ctxOf(systemActor('test'), later), {
        filter: { administrationId: matrixAdmin.id },
        orderBy: 'OVERDUE_FIRST',
        first: 50,
        after,
      });
      ids.push(...page.items.map((i) => i.id));
      after = page.hasNextPage ? page.endCursor : null;
    }
    expect(ids).toEqual([...matrix].sort(expectedOrder('OVERDUE_FIRST', before)).map((i) => i.id));
  });

  it('a damaged cursor, or one of another order, is a validation error on `after`; page sizes are 1–100', async () => {
    const ctx = ctxOf(systemActor('test'));
    const page = await listIssues(ctx, { filter: { administrationId: matrixAdmin.id }, orderBy: 'NEWEST', first: 2 });
    const forged = (cursor: unknown) => Buffer.from(JSON.stringify(cursor)).toString('base64url');
    const cases: [string, IssueOrder][] = [
      ['not-a-cursor', 'NEWEST'],
      [forged({ o: 'NEWEST', k: [1] }), 'NEWEST'],
      [forged({ o: 'NEWEST', k: ['yesterday', 'm0001'] }), 'NEWEST'],
      [forged({ o: 'SEVERITY', k: ['4; DROP TABLE', '2027-01-01T00:00:00.000Z', 'm0001'] }), 'SEVERITY'],
      [forged({ o: 'OVERDUE_FIRST', k: ['0', '1', 'm0001'], n: 'never' }), 'OVERDUE_FIRST'],
      [page.endCursor!, 'SEVERITY'],
    ];
    for (const [after, orderBy] of cases) {
      const error = await rejectionOf(listIssues(ctx, { orderBy, first: 2, after }));
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).fieldErrors.after).toEqual(['errors.issueCursorInvalid']);
    }
    for (const first of [0, 101, 1.5]) {
      expect(await rejectionOf(listIssues(ctx, { first }))).toBeInstanceOf(ValidationError);
    }
    const error = await rejectionOf(listIssues(ctx, { filter: { status: ['OPEN' as never] }, first: 5 }));
    expect(Object.keys((error as ValidationError).fieldErrors)).toEqual(['filter.status.0']);
  });
});

describe('filters', () => {
  it('status, severity, category, factor, country, administration, office, assigned to me, raised by my organisation', async () => {
    const now = new Date(T0.getTime() + 1);
    const sys = ctxOf(systemActor('test'), now);
    const ids = (filter: IssueFilter, ctx = sys) => allIds(ctx, filter, 'NEWEST', 50).then((x) => x.sort());
    const inMatrix = (pred: (i: (typeof matrix)[number]) => boolean) =>
      matrix
        .filter(pred)
        .map((i) => i.id)
        .sort();

    expect(await ids({ administrationId: matrixAdmin.id, status: ['RAISED', 'REOPENED'] })).toEqual(inMatrix((i) => ['RAISED', 'REOPENED'].includes(i.status)));
    expect(await ids({ administrationId: matrixAdmin.id, severity: ['CRITICAL'], status: ['ACKNOWLEDGED'] })).toEqual(
      inMatrix((i) => i.severity === 'CRITICAL' && i.status === 'ACKNOWLEDGED'),
    );
    expect(await ids({ administrationId: matrixAdmin.id, overdue: true, escalated: true, severity: ['LOW', 'HIGH'] })).toEqual(
      inMatrix((i) => isOverdue(i, now) && isEscalated(i, now) && ['LOW', 'HIGH'].includes(i.severity)),
    );
    expect(await ids({ countryCode: 'tj' })).toEqual(inMatrix(() => true));
    expect(await ids({ countryCode: 'TJ', category: ['UNOFFICIAL_PAYMENT'] })).toEqual([]);
    expect(await ids({ countryCode: 'TJ', factor: ['TRANSPARENCY'], status: null, search: '' })).toEqual(inMatrix(() => true));

    // Through the domain, for the people-related filters.
    const reporter = ctxOf(w.actors.reporterX);
    const mine = await raiseIssue(reporter, raiseInput({ officeId: w.officeA2.id, title: 'Filter test: raised by X at Dostyk', category: 'OPAQUE_PROCEDURE' }));
    const other = await raiseIssue(ctxOf(await actorFor(t.db, (await makeMember(t.db, w.assocY.id, 'MEMBER')).id)), {
      ...raiseInput({ organizationId: w.assocY.id, title: 'Filter test: raised by Y at Dostyk', officeId: w.officeA2.id, visibility: 'PUBLIC' }),
    });
    await assignIssue(ctxOf(w.actors.officerA), { issueId: mine.id, assigneeId: w.people.adminA.id });
    const dostyk = await ids({ officeId: w.officeA2.id, search: 'filter test' });
    expect(dostyk).toEqual([mine.id, other.id].sort());
    expect(await ids({ officeId: w.officeA2.id, assignedToMe: true, search: 'filter test' }, ctxOf(w.actors.adminA))).toEqual([mine.id]);
    expect(await ids({ officeId: w.officeA2.id, assignedToMe: true, search: 'filter test' }, ctxOf(w.actors.officerA))).toEqual([]);
    expect(await ids({ assignedToMe: true }, ctxOf(anonymous))).toEqual([]);
    expect(await ids({ officeId: w.officeA2.id, raisedByMyOrganization: true, search: 'filter test' }, ctxOf(w.actors.colleagueX))).toEqual([mine.id]);
    expect(await ids({ raisedByMyOrganization: true }, ctxOf(w.actors.outsider))).toEqual([]);
    expect(await ids({ administrationId: w.admA.id, category: ['OPAQUE_PROCEDURE'], countryCode: 'KZ' })).toEqual([mine.id]);
    expect(await ids({ administrationId: w.admA.id, category: ['OPAQUE_PROCEDURE'], countryCode: 'UZ' })).toEqual([]);
  });
});

describe('statements per page', () => {
  it('a page of 5 and a page of 100 take the same number of SQL statements: one', async () => {
    const originalQuery = pg.Client.prototype.query;
    let statements = 0;
    pg.Client.prototype.query = function countingQuery(this: pg.Client, ...args: unknown[]) {
      statements++;
      return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof originalQuery;
    try {
      await raiseIssue(ctxOf(w.actors.reporterX), raiseInput());
      const counts: Record<string, number[]> = {};
      for (const order of ISSUE_ORDERS) {
        for (const first of [5, 100]) {
          statements = 0;
          const page = await listIssues(ctxOf(w.actors.officerA, new Date(T0.getTime() + 1)), { filter: { search: null }, orderBy: order, first });
          expect(page.items.length).toBeGreaterThan(0);
          (counts[order] ??= []).push(statements);
        }
      }
      statements = 0;
      await listIssues(ctxOf(systemActor('test')), { filter: { administrationId: matrixAdmin.id }, first: 100 });
      const hundred = statements;
      statements = 0;
      await listIssues(ctxOf(systemActor('test')), { filter: { administrationId: matrixAdmin.id }, first: 3 });
      expect(statements).toBe(hundred);
      // The whole page, relations and response counts included, is one statement.
      expect(hundred).toBe(1);
      for (const [order, [small, large]] of Object.entries(counts)) expect(large, order).toBe(small);
    } finally {
      pg.Client.prototype.query = originalQuery;
    }
  });
});

describe('inbox', () => {
  it("the administration's issues for its officers, overdue first; nobody else", async () => {
    const now = new Date(T0.getTime() + 40 * DAY);
    const page = await inbox(ctxOf(w.actors.officerA, now), { filter: {}, first: 100 });
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((i) => i.administration.id === w.admA.id)).toBe(true);
    const flags = page.items.map((i) => i.overdue);
    expect(flags).toEqual([...flags].sort((a, b) => Number(b) - Number(a)));
    expect(flags[0]).toBe(true);
    expect(
      (await inbox(ctxOf(w.actors.adminA, now), { administrationId: w.admA.id, filter: { overdue: false }, first: 100 })).items.every((i) => !i.overdue),
    ).toBe(true);

    expect(await rejectionOf(inbox(ctxOf(anonymous), { first: 10 }))).toBeInstanceOf(NotAuthenticatedError);
    for (const who of ['memberA', 'reporterX', 'platform'] as const) {
      expect(await rejectionOf(inbox(ctxOf(w.actors[who]), { first: 10 })), who).toBeInstanceOf(ForbiddenError);
    }
    expect(await rejectionOf(inbox(ctxOf(w.actors.officerA), { administrationId: w.admB.id, first: 10 }))).toBeInstanceOf(ForbiddenError);
    expect((await inbox(ctxOf(w.actors.officerB), { first: 10 })).items).toEqual([]);
  });
});

describe('timeline', () => {
  it("every act in order, with who did it; an anonymous reporter's acts read as the anonymous reporter", async () => {
    let clock = T0.getTime();
    const tick = (actor: Actor) => ctxOf(actor, new Date((clock += 3600_000)));
    const issue = await raiseIssue(tick(w.actors.reporterX), raiseInput());
    await assignIssue(tick(w.actors.adminA), { issueId: issue.id, assigneeId: w.people.officerA.id });
    await acknowledgeIssue(tick(w.actors.officerA), { issueId: issue.id });
    await respondToIssue(tick(w.actors.officerA), { issueId: issue.id, body: 'The payment request is under investigation.' });
    await resolveIssue(tick(w.actors.officerA), { issueId: issue.id, outcome: 'The inspector was moved and retrained.' });
    await reopenIssue(tick(w.actors.adminX), { issueId: issue.id, reason: 'It happened again the week after.' });

    const detail = await getIssue(ctxOf(w.actors.reporterX), { id: issue.id });
    const timeline = await issueTimeline(ctxOf(w.actors.reporterX), detail);
    expect(timeline.map((e) => [e.action, e.actor?.name ?? null, e.anonymousReporter])).toEqual([
      ['issue.raised', 'Reporter Xenia', false],
      ['issue.assigned', 'Admin Aset', false],
      ['issue.acknowledged', 'Officer Alma', false],
      ['issue.responded', 'Officer Alma', false],
      ['issue.resolved', 'Officer Alma', false],
      ['issue.reopened', 'Admin Xavier', false],
    ]);
    expect(timeline[1].assignee?.name).toBe('Officer Alma');
    expect(timeline.map((e) => e.at.getTime())).toEqual([1, 2, 3, 4, 5, 6].map((h) => T0.getTime() + h * 3600_000));

    const { issue: anon, receiptCode } = await raiseAnonymousIssue(ctxOf(w.actors.memberY), {
      administrationId: w.admA.id,
      title: 'Anonymous timeline issue',
      description: 'A fee was asked for a stamp that should be free of charge.',
      occurredAt: OCCURRED,
      category: 'UNOFFICIAL_PAYMENT',
      factor: 'CODE_OF_CONDUCT',
      severity: 'LOW',
    });
    await acknowledgeIssue(ctxOf(w.actors.officerA), { issueId: anon.id });
    await followUpAnonymousIssue(ctxOf(anonymous), { receiptCode, body: 'The same happened again on Tuesday.' });
    const anonTimeline = await issueTimeline(ctxOf(w.actors.officerA), await getIssue(ctxOf(w.actors.officerA), { id: anon.id }));
    expect(anonTimeline.map((e) => [e.action, e.actor?.name ?? null, e.anonymousReporter])).toEqual([
      ['issue.raised', null, true],
      ['issue.acknowledged', 'Officer Alma', false],
      ['issue.followed_up', null, true],
    ]);
    expect(JSON.stringify(anonTimeline)).not.toContain(w.people.memberY.id);
  });
});

// ───────────────────────────── Statistics and summaries ─────────────────────────────

describe('public statistics', () => {
  it('suppresses counts of 1–4, totals only what is shown, withholds categories where they would reveal', async () => {
    const adm = await makeOrganization(t.db, { kind: 'CUSTOMS_ADMINISTRATION', country: 'KG' });
    const [big, small] = await Promise.all(
      ['Big post', 'Small post'].map((nameEn) =>
        t.db.customsOffice.create({ data: { administrationId: adm.id, nameEn, nameRu: nameEn, kind: 'AIRPORT', latitude: 0, longitude: 0 } }),
      ),
    );
    // January: big 6 (all one category), small 2 → small suppressed, January's categories withheld.
    // February: big 5 (5 × one category) → everything shown. March: nothing.
    const rows: Prisma.IssueCreateManyInput[] = [];
    const add = (officeId: string, month: number, day: number, category: 'UNOFFICIAL_PAYMENT' | 'OTHER') =>
      rows.push({
        reference: `ISS-1998-${String(rows.length + 1).padStart(4, '0')}`,
        title: 'Statistics issue',
        description: 'A generated issue for the statistics.',
        administrationId: adm.id,
        officeId,
        occurredAt: new Date(Date.UTC(2027, month, day)),
        category,
        factor: 'TRANSPARENCY',
        severity: 'LOW',
        visibility: 'RESTRICTED',
        acknowledgeBy: new Date(Date.UTC(2027, month, day + 7)),
        respondBy: new Date(Date.UTC(2027, month, day + 30)),
        createdAt: new Date(Date.UTC(2027, month, day, 12)),
      });
    for (let d = 1; d <= 6; d++) add(big.id, 0, d, 'UNOFFICIAL_PAYMENT');
    add(small.id, 0, 31, 'OTHER');
    add(small.id, 0, 15, 'OTHER');
    for (let d = 1; d <= 5; d++) add(big.id, 1, d, 'OTHER');
    await t.db.issue.createMany({ data: rows });

    const stats = await issueStatistics(ctxOf(anonymous), {
      administrationId: adm.id,
      from: new Date('2027-01-20T00:00:00Z'),
      to: new Date('2027-03-10T00:00:00Z'),
    });
    expect(stats.from.toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(stats.to.toISOString()).toBe('2027-04-01T00:00:00.000Z');
    expect(stats.months).toEqual(['2027-01', '2027-02', '2027-03']);
    expect(stats.cells).toEqual([
      { officeId: big.id, month: '2027-01', count: 6 },
      { officeId: small.id, month: '2027-01', count: null },
      { officeId: big.id, month: '2027-02', count: 5 },
    ]);
    const totalOf = (officeId: string) => stats.officeTotals.find((o) => o.officeId === officeId);
    expect(totalOf(big.id)).toEqual({ officeId: big.id, count: 11, suppressedCells: 0, exact: true });
    expect(totalOf(small.id)).toEqual({ officeId: small.id, count: 0, suppressedCells: 1, exact: false });
    expect(stats.monthTotals).toEqual([
      { month: '2027-01', count: 6, suppressedCells: 1, exact: false },
      { month: '2027-02', count: 5, suppressedCells: 0, exact: true },
      { month: '2027-03', count: 0, suppressedCells: 0, exact: true },
    ]);
    expect(stats.total).toEqual({ count: 11, suppressedCells: 1, exact: false });
    expect(stats.categoryMonthsWithheld).toEqual(['2027-01']);
    expect(stats.categoryCells).toEqual([{ category: 'OTHER', month: '2027-02', count: 5 }]);
    expect(stats.categoryTotals.find((c) => c.category === 'OTHER')).toEqual({ category: 'OTHER', count: 5, suppressedCells: 0, exact: true });
    expect(stats.offices.map((o) => o.id)).toEqual([big.id, small.id]);

    // Nothing published gives the hidden January cell back: January's total and the totals over everything are the
    // shown cells' sums, and January has no category breakdown whose sum would be the true month total.
    const shownJanuary = stats.cells.filter((c) => c.month === '2027-01').reduce((sum, c) => sum + (c.count ?? 0), 0);
    expect(stats.monthTotals[0].count).toBe(shownJanuary);
    expect(stats.categoryCells.filter((c) => c.month === '2027-01')).toEqual([]);
    for (const figure of [...stats.cells.map((c) => c.count), ...stats.categoryCells.map((c) => c.count)]) {
      expect(figure === null || figure === 0 || figure >= 5).toBe(true);
    }

    expect(await rejectionOf(issueStatistics(ctxOf(anonymous), { from: new Date('2027-05-01'), to: new Date('2027-04-01') }))).toBeInstanceOf(ValidationError);
    expect(await rejectionOf(issueStatistics(ctxOf(anonymous), { from: new Date('2017-01-01'), to: new Date('2027-04-01') }))).toBeInstanceOf(ValidationError);
    const defaults = await issueStatistics(ctxOf(anonymous, new Date('2027-06-15T10:00:00Z')));
    expect(defaults.months.at(-1)).toBe('2027-06');
    expect(defaults.months).toHaveLength(12);
  });
});

describe('public summaries of anonymous issues', () => {
  it('appear only from max(published, raised + the delay), which is configurable', async () => {
    configureIssues({ anonymousSummaryDelayDays: 7 });
    const raisedAt = new Date('2027-05-03T08:00:00.000Z');
    const adm = await makeOrganization(t.db, { kind: 'CUSTOMS_ADMINISTRATION', country: 'AM' });
    const { issue } = await raiseAnonymousIssue(ctxOf(anonymous, raisedAt), {
      administrationId: adm.id,
      title: 'Summary issue',
      description: 'Cash was demanded for a faster clearance of perishable goods.',
      occurredAt: OCCURRED,
      category: 'UNOFFICIAL_PAYMENT',
      factor: 'TRANSPARENCY',
      severity: 'HIGH',
    });
    const summary = 'A trader reported a demand for cash to speed up clearance of perishable goods.';
    await publishIssueSummary(ctxOf(w.actors.platform, new Date(raisedAt.getTime() + DAY)), { issueId: issue.id, summary });
    const visibleAt = async (now: Date) => (await publicSummaries(ctxOf(anonymous, now), { administrationId: adm.id, first: 10 })).items;

    const due = new Date(raisedAt.getTime() + 7 * DAY);
    expect(await visibleAt(new Date(due.getTime() - 1))).toEqual([]);
    const [item] = await visibleAt(due);
    expect(item).toMatchObject({ id: issue.id, summary, raisedMonth: '2027-05', category: 'UNOFFICIAL_PAYMENT' });
    expect(item.publicAt.toISOString()).toBe(due.toISOString());
    expect(Object.keys(item)).not.toContain('createdAt');

    configureIssues({ anonymousSummaryDelayDays: 30 });
    expect(await visibleAt(new Date(raisedAt.getTime() + 29 * DAY))).toEqual([]);
    expect(await visibleAt(new Date(raisedAt.getTime() + 30 * DAY))).toHaveLength(1);
    configureIssues({ anonymousSummaryDelayDays: 0 });
    expect(summaryPublicAt({ anonymous: true, createdAt: raisedAt, summaryPublishedAt: new Date(raisedAt.getTime() + DAY) })).toEqual(
      new Date(raisedAt.getTime() + DAY),
    );
    expect(await visibleAt(new Date(raisedAt.getTime() + DAY - 1))).toEqual([]);
    expect(await visibleAt(new Date(raisedAt.getTime() + DAY))).toHaveLength(1);
    expect(() => configureIssues({ anonymousSummaryDelayDays: 91 })).toThrow(RangeError);
    configureIssues();
  });

  it('pages through summaries newest first', async () => {
    configureIssues({ anonymousSummaryDelayDays: 0 });
    const adm = await makeOrganization(t.db, { kind: 'CUSTOMS_ADMINISTRATION', country: 'GE' });
    const ids: string[] = [];
    for (let n = 0; n < 5; n++) {
      const at = new Date(T0.getTime() + n * DAY);
      const { issue } = await raiseAnonymousIssue(ctxOf(anonymous, at), {
        administrationId: adm.id,
        title: `Paged summary ${n}`,
        description: 'A generated anonymous issue with a published summary.',
        occurredAt: OCCURRED,
        category: 'OTHER',
        factor: 'TRANSPARENCY',
        severity: 'LOW',
      });
      await publishIssueSummary(ctxOf(w.actors.platform, at), { issueId: issue.id, summary: `A de-identified summary number ${n}.` });
      ids.push(issue.id);
    }
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof publicSummaries>> = await publicSummaries(ctxOf(anonymous, new Date(T0.getTime() + 10 * DAY)), {
        administrationId: adm.id,
        first: 2,
        after,
      });
      seen.push(...page.items.map((i) => i.id));
      after = page.hasNextPage ? page.endCursor : null;
    } while (after);
    expect(seen).toEqual([...ids].reverse());
    configureIssues();
  });
});
