// Issues through the GraphQL API, end to end: HTTP requests through yoga, sessions from real sign-ins, a fresh
// database for the file. Visibility for every role (a restricted issue is indistinguishable from an unknown id for a
// non-party, in every query and mutation), each mutation's happy path and typed errors, the receipt-code flow of an
// anonymous reporter, offices and the viewer's notifications.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainContext } from '../../app/domain/context.server';
import { raiseAnonymousIssue, raiseIssue } from '../../app/domain/issues.server';
import { LocalFileStore, configureFileStore } from '../../app/domain/storage.server';
import { translate } from '../../app/i18n';
import { type TestDatabase, createTestDatabase } from '../helpers/db';
import { ctxFor, makeMember, makeOrganization, makeUser } from '../helpers/fixtures';
import { type GraphQLResponse, globalId, graphqlClient, signInAs } from '../helpers/graphql';

let t: TestDatabase;
let gql: ReturnType<typeof graphqlClient>['gql'];

// ---------------------------------------------------------------------------------------------------------------
// The cast: a customs administration (an officer in every role), another administration's officer, the reporting
// business association (the reporter, a colleague, its ORG_ADMIN), another association's member, a platform
// administrator and a signed-in user of no organisation; plus anonymous callers.

type Who =
  | 'anonymous'
  | 'platformAdmin'
  | 'outsider'
  | 'reporter'
  | 'reporterColleague'
  | 'reporterAdmin'
  | 'otherAssociation'
  | 'liaison'
  | 'liaison2'
  | 'customsAdmin'
  | 'customsMember'
  | 'otherOfficer';
type SignedIn = Exclude<Who, 'anonymous'>;
type User = Awaited<ReturnType<typeof makeUser>>;
type Org = Awaited<ReturnType<typeof makeOrganization>>;

let customs: Org;
let otherCustoms: Org;
let association: Org;
let otherAssociation: Org;
let office: { id: string };
let otherOffice: { id: string };
let archivedOffice: { id: string };
const users = {} as Record<SignedIn, User>;
const tokens = {} as Record<Who, string | undefined>;
const ctxs = {} as Record<SignedIn, DomainContext>;
const as = (who: Who, acceptLanguage?: string) => ({ token: tokens[who], acceptLanguage });

const DAY = 24 * 3600 * 1000;
const DESCRIPTION = 'At the **Khorgos** crossing an officer asked for an unofficial payment to speed up the inspection.';

/** The issues every visibility test reads: one public, one restricted, one anonymous. */
const issues = {} as Record<'public' | 'restricted' | 'anonymous', { id: string; reference: string }>;
let receiptCode: string;
let filesDir: string;

beforeAll(async () => {
  filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ic-graphql-issues-'));
  configureFileStore(new LocalFileStore(filesDir));
  t = await createTestDatabase();
  ({ gql } = graphqlClient(t));
  customs = await makeOrganization(t.db, { name: 'Caspian Customs Service', kind: 'CUSTOMS_ADMINISTRATION', country: 'KZ' });
  otherCustoms = await makeOrganization(t.db, { name: 'Ferghana Customs Committee', kind: 'CUSTOMS_ADMINISTRATION', country: 'UZ' });
  association = await makeOrganization(t.db, { name: 'Steppe Traders Association', kind: 'BUSINESS_ASSOCIATION', country: 'KZ' });
  otherAssociation = await makeOrganization(t.db, { name: 'Valley Freight Forwarders', kind: 'BUSINESS_ASSOCIATION', country: 'UZ' });
  office = await t.db.customsOffice.create({
    data: {
      administrationId: customs.id,
      nameEn: 'Khorgos road crossing',
      nameRu: 'Хоргос, автопереход',
      kind: 'ROAD_BORDER_CROSSING',
      latitude: 44.2,
      longitude: 80.4,
    },
  });
  archivedOffice = await t.db.customsOffice.create({
    data: {
      administrationId: customs.id,
      nameEn: 'Old rail yard',
      nameRu: 'Старая станция',
      kind: 'RAIL_BORDER_CROSSING',
      latitude: 43,
      longitude: 77,
      archivedAt: new Date(),
    },
  });
  otherOffice = await t.db.customsOffice.create({
    data: { administrationId: otherCustoms.id, nameEn: 'Dostyk airport', nameRu: 'Аэропорт Достык', kind: 'AIRPORT', latitude: 41, longitude: 69 },
  });
  users.platformAdmin = await makeUser(t.db, { platformAdmin: true, name: 'Platform Admin' });
  users.outsider = await makeUser(t.db, { name: 'Outsider' });
  users.reporter = await makeMember(t.db, association.id, 'MEMBER', { name: 'Reporter' });
  users.reporterColleague = await makeMember(t.db, association.id, 'SIGNATORY', { name: 'Reporter Colleague' });
  users.reporterAdmin = await makeMember(t.db, association.id, 'ORG_ADMIN', { name: 'Reporter Admin' });
  users.otherAssociation = await makeMember(t.db, otherAssociation.id, 'ORG_ADMIN', { name: 'Other Association' });
  users.liaison = await makeMember(t.db, customs.id, 'LIAISON_OFFICER', { name: 'Liaison Officer' });
  users.liaison2 = await makeMember(t.db, customs.id, 'LIAISON_OFFICER', { name: 'Second Liaison' });
  users.customsAdmin = await makeMember(t.db, customs.id, 'ORG_ADMIN', { name: 'Customs Admin' });
  users.customsMember = await makeMember(t.db, customs.id, 'MEMBER', { name: 'Customs Member' });
  users.otherOfficer = await makeMember(t.db, otherCustoms.id, 'LIAISON_OFFICER', { name: 'Other Officer' });
  tokens.anonymous = undefined;
  for (const who of Object.keys(users) as SignedIn[]) {
    tokens[who] = await signInAs(t, users[who]);
    ctxs[who] = await ctxFor(t.db, users[who].id);
  }

  issues.public = await raiseIssue(ctxs.reporter, raiseInput({ title: 'Unofficial payment at Khorgos', visibility: 'PUBLIC' }));
  issues.restricted = await raiseIssue(ctxs.reporter, raiseInput({ title: 'Restricted: valuation dispute', visibility: 'RESTRICTED' }));
  const anonymous = await raiseAnonymousIssue({ db: t.db, actor: { kind: 'anonymous' } }, anonymousInput({ title: 'Anonymous: payment demanded' }));
  issues.anonymous = anonymous.issue;
  receiptCode = anonymous.receiptCode;
});
afterAll(async () => {
  await t?.close();
  configureFileStore(undefined);
  fs.rmSync(filesDir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------------------------
// Helpers

const gid = (type: string, id: string) => globalId(type, id);
const issueGid = (id: string) => gid('Issue', id);
const UNKNOWN_ISSUE = issueGid('cunknownissue000000000000');

function raiseInput(extra: Record<string, unknown> = {}) {
  return {
    organizationId: association.id,
    administrationId: customs.id,
    officeId: office.id,
    title: 'A problem at the border',
    description: DESCRIPTION,
    occurredAt: new Date(Date.now() - 3 * DAY),
    category: 'UNOFFICIAL_PAYMENT',
    factor: 'TRANSPARENCY',
    severity: 'HIGH',
    visibility: 'PUBLIC',
    ...extra,
  };
}

function anonymousInput(extra: Record<string, unknown> = {}) {
  const { organizationId: _o, visibility: _v, ...rest } = raiseInput(extra);
  return rest;
}

/** The same input as GraphQL takes it (global IDs, ISO dates). */
function gqlRaiseInput(extra: Record<string, unknown> = {}) {
  const input = raiseInput(extra) as Record<string, unknown>;
  return {
    ...input,
    organizationId: gid('Organization', input.organizationId as string),
    administrationId: gid('Organization', input.administrationId as string),
    officeId: input.officeId ? gid('CustomsOffice', input.officeId as string) : undefined,
    occurredAt: (input.occurredAt as Date).toISOString(),
  };
}

function gqlAnonymousInput(extra: Record<string, unknown> = {}) {
  const { organizationId: _o, visibility: _v, ...rest } = gqlRaiseInput(extra) as Record<string, unknown>;
  return rest;
}

const RESULT = `__typename ... on Error { code message } ... on ValidationError { fieldErrors { path messages } }`;
const ISSUE_FIELDS = `
  id reference title description descriptionHtml status severity category factor visibility anonymous
  administration { name } office { name nameEn kind archived } raisedBy { name } reporterOrganization { name }
  assignee { name } acknowledgeBy respondBy acknowledgedAt respondedAt closedAt outcome overdue escalated
  nextDeadline { deadline dueAt overdue } reopenAllowedUntil responseCount
  responses { kind body author { name } } attachments { fileName downloadUrl }
  timeline { action actor { name } anonymousReporter } createdAt viewerCanHandle viewerCanActAsReporter`;

const mutation = (field: string, inputType: string, fields = 'id status') => `
  mutation ($input: ${inputType}!) {
    ${field}(input: $input) { ${RESULT} ... on Mutation${field[0].toUpperCase()}${field.slice(1)}Success { data { ${fields} } } }
  }`;

const M = {
  raise: mutation('raiseIssue', 'RaiseIssueInput', ISSUE_FIELDS),
  raiseAnonymous: mutation('raiseAnonymousIssue', 'RaiseAnonymousIssueInput', `receiptCode issue { ${ISSUE_FIELDS} }`),
  assign: mutation('assignIssue', 'AssignIssueInput', 'id status assignee { id name }'),
  acknowledge: mutation('acknowledgeIssue', 'AcknowledgeIssueInput', 'id status acknowledgedAt'),
  respond: mutation('respondToIssue', 'RespondToIssueInput', 'id status respondedAt responses { kind body author { name } }'),
  resolve: mutation('resolveIssue', 'ResolveIssueInput', 'id status outcome closedAt reopenAllowedUntil'),
  reject: mutation('rejectIssue', 'RejectIssueInput', 'id status outcome closedAt'),
  reopen: mutation('reopenIssue', 'ReopenIssueInput', 'id status closedAt respondedAt respondBy'),
  followUp: mutation('followUpIssue', 'FollowUpIssueInput', 'id status responses { kind body author { name } }'),
  followUpAnonymous: mutation(
    'followUpAnonymousIssue',
    'FollowUpAnonymousIssueInput',
    'id status responses { kind body author { name } } timeline { action anonymousReporter actor { name } }',
  ),
  publishSummary: mutation('publishIssueSummary', 'PublishIssueSummaryInput', 'id publicSummary'),
};

/** The data of a successful mutation (or query) result. */
function successOf(res: GraphQLResponse, field: string, root: 'Mutation' | 'Query' = 'Mutation') {
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  const result = res.data?.[field];
  expect(result?.__typename, JSON.stringify(result)).toBe(`${root}${field[0].toUpperCase()}${field.slice(1)}Success`);
  return result.data;
}

/** A typed error result (not a GraphQL error). */
function errorOf(res: GraphQLResponse, field: string, typename: string) {
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  const result = res.data?.[field];
  expect(result?.__typename, JSON.stringify(result)).toBe(typename);
  return result;
}

/** Everything an issue mutation could write: a refused one must leave all of it as it was. */
async function dbState() {
  return {
    issues: await t.db.issue.findMany({ orderBy: { id: 'asc' } }),
    responses: await t.db.issueResponse.count(),
    notifications: await t.db.notification.count(),
    audit: await t.db.auditEvent.count(),
  };
}

async function expectRefused(who: Who, field: string, query: string, input: Record<string, unknown>, typename: string) {
  const before = await dbState();
  const res = await gql(query, { input }, as(who));
  const result = errorOf(res, field, typename);
  expect(await dbState()).toEqual(before);
  return result;
}

/** A fresh named issue raised by the reporter (through the domain), at an injectable time. */
async function freshIssue(extra: Record<string, unknown> = {}, now?: Date) {
  const ctx = now ? { ...ctxs.reporter, now: () => now } : ctxs.reporter;
  return raiseIssue(ctx, raiseInput({ title: `Fresh issue ${Math.random().toString(36).slice(2, 8)}`, ...extra }));
}

// ---------------------------------------------------------------------------------------------------------------

const SEES: Record<'public' | 'restricted' | 'anonymous', Who[]> = {
  public: [
    'anonymous',
    'platformAdmin',
    'outsider',
    'reporter',
    'reporterColleague',
    'reporterAdmin',
    'otherAssociation',
    'liaison',
    'customsAdmin',
    'customsMember',
    'otherOfficer',
  ],
  restricted: ['platformAdmin', 'reporter', 'reporterColleague', 'reporterAdmin', 'liaison', 'customsAdmin', 'customsMember'],
  anonymous: ['platformAdmin', 'liaison', 'customsAdmin', 'customsMember'],
};
const everyoneButParties = (kind: keyof typeof SEES) => SEES.public.filter((who) => !SEES[kind].includes(who));

describe('visibility of an issue, for every role', () => {
  const BY_ID = `query ($id: ID!) { issue(id: $id) { id reference title } }`;
  const BY_REFERENCE = `query ($ref: String!) { issue(reference: $ref) { id reference title } }`;
  const NODE = `query ($id: ID!) { node(id: $id) { id ... on Issue { reference title } } }`;
  const LIST = `{ issues(first: 100) { edges { node { id reference } } pageInfo { hasNextPage } } }`;

  for (const kind of ['public', 'restricted', 'anonymous'] as const) {
    it(`a ${kind} issue: issue(id), issue(reference), node(id) and issues agree`, async () => {
      for (const who of SEES.public) {
        const visible = SEES[kind].includes(who);
        const { id, reference } = issues[kind];
        const expected = visible ? { id: issueGid(id), reference } : null;
        const byId = await gql(BY_ID, { id: issueGid(id) }, as(who));
        expect(byId.errors, `${who} ${JSON.stringify(byId.errors)}`).toBeUndefined();
        expect(byId.data.issue && { id: byId.data.issue.id, reference: byId.data.issue.reference }, `${kind} issue(id) as ${who}`).toEqual(expected);
        const byRef = await gql(BY_REFERENCE, { ref: reference }, as(who));
        expect(byRef.errors).toBeUndefined();
        expect(byRef.data.issue && { id: byRef.data.issue.id, reference: byRef.data.issue.reference }, `${kind} issue(reference) as ${who}`).toEqual(expected);
        const node = await gql(NODE, { id: issueGid(id) }, as(who));
        expect(node.errors).toBeUndefined();
        expect(node.data.node && { id: node.data.node.id, reference: node.data.node.reference }, `${kind} node as ${who}`).toEqual(expected);
        const list = await gql(LIST, {}, as(who));
        expect(list.errors, JSON.stringify(list.errors)).toBeUndefined();
        const listed = list.data.issues.edges.some((e: { node: { id: string } }) => e.node.id === issueGid(id));
        expect(listed, `${kind} in issues as ${who}`).toBe(visible);
      }
    });
  }

  it('a hidden issue answers exactly like an unknown id or reference', async () => {
    for (const who of everyoneButParties('restricted')) {
      const hidden = await gql(BY_ID, { id: issueGid(issues.restricted.id) }, as(who));
      const unknown = await gql(BY_ID, { id: UNKNOWN_ISSUE }, as(who));
      expect(hidden).toEqual(unknown);
      expect(await gql(BY_REFERENCE, { ref: issues.restricted.reference }, as(who))).toEqual(await gql(BY_REFERENCE, { ref: 'ISS-2026-9999' }, as(who)));
      expect(await gql(NODE, { id: issueGid(issues.restricted.id) }, as(who))).toEqual(await gql(NODE, { id: UNKNOWN_ISSUE }, as(who)));
    }
  });

  it('shows every field to a party; raisedBy and reporterOrganization are null when anonymous', async () => {
    const Q = `query ($id: ID!) { issue(id: $id) { ${ISSUE_FIELDS} } }`;
    const named = (await gql(Q, { id: issueGid(issues.restricted.id) }, as('liaison'))).data.issue;
    expect(named).toMatchObject({
      reference: issues.restricted.reference,
      status: 'RAISED',
      visibility: 'RESTRICTED',
      anonymous: false,
      administration: { name: customs.name },
      office: { name: 'Khorgos road crossing', kind: 'ROAD_BORDER_CROSSING', archived: false },
      raisedBy: { name: 'Reporter' },
      reporterOrganization: { name: association.name },
      assignee: null,
      overdue: false,
      escalated: false,
      nextDeadline: { deadline: 'ACKNOWLEDGE', overdue: false },
      responseCount: 0,
      viewerCanHandle: true,
      viewerCanActAsReporter: false,
    });
    expect(named.descriptionHtml).toContain('<strong>Khorgos</strong>');
    expect(named.timeline).toEqual([expect.objectContaining({ action: 'issue.raised', actor: { name: 'Reporter' }, anonymousReporter: false })]);

    const anonymous = (await gql(Q, { id: issueGid(issues.anonymous.id) }, as('customsAdmin'))).data.issue;
    expect(anonymous).toMatchObject({ anonymous: true, visibility: 'RESTRICTED', raisedBy: null, reporterOrganization: null });
    expect(anonymous.timeline).toEqual([expect.objectContaining({ action: 'issue.raised', actor: null, anonymousReporter: true })]);

    const asReporter = (await gql(Q, { id: issueGid(issues.restricted.id) }, as('reporter'))).data.issue;
    expect(asReporter).toMatchObject({ viewerCanHandle: false, viewerCanActAsReporter: true });
  });

  it('sanitises the description HTML', async () => {
    const issue = await freshIssue({ description: 'Look here <script>alert(1)</script> and <img src=x onerror=alert(1)> please, it matters.' });
    const res = await gql(`query ($id: ID!) { issue(id: $id) { descriptionHtml } }`, { id: issueGid(issue.id) }, as('anonymous'));
    expect(res.data.issue.descriptionHtml).not.toMatch(/<script|onerror/i);
  });
});

describe('issues: filters, order and pages', () => {
  const LIST = `query ($first: Int, $after: String, $filter: IssueFilter, $orderBy: IssueOrder) {
    issues(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      edges { cursor node { id reference title status severity overdue escalated office { nameEn } administration { name } } }
      pageInfo { hasNextPage endCursor }
    } }`;
  const ids = (res: GraphQLResponse) => res.data.issues.edges.map((e: { node: { id: string } }) => e.node.id);

  it('pages forward with endCursor, without repeating an issue', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page++) {
      const res: GraphQLResponse = await gql(LIST, { first: 2, after }, as('platformAdmin'));
      expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
      seen.push(...ids(res));
      if (!res.data.issues.pageInfo.hasNextPage) break;
      after = res.data.issues.pageInfo.endCursor;
      expect(after).toBeTruthy();
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining([issues.public.id, issues.restricted.id, issues.anonymous.id].map(issueGid)));
  });

  it('refuses a page size out of range', async () => {
    const res = await gql(LIST, { first: 101 }, as('platformAdmin'));
    expect(res.errors?.[0].message).toMatch(/first must be between 1 and 100/);
  });

  it('filters by status, severity, administration, office, country and text', async () => {
    const critical = await freshIssue({ severity: 'CRITICAL', title: 'Critical customs seal tampering report', visibility: 'PUBLIC' });
    const bySeverity = await gql(LIST, { first: 100, filter: { severity: ['CRITICAL'] } }, as('anonymous'));
    expect(ids(bySeverity)).toContain(issueGid(critical.id));
    expect(bySeverity.data.issues.edges.every((e: { node: { severity: string } }) => e.node.severity === 'CRITICAL')).toBe(true);

    const byAdministration = await gql(LIST, { first: 100, filter: { administrationId: gid('Organization', otherCustoms.id) } }, as('platformAdmin'));
    expect(ids(byAdministration)).toEqual([]);
    const byOffice = await gql(LIST, { first: 100, filter: { officeId: gid('CustomsOffice', office.id) } }, as('platformAdmin'));
    expect(ids(byOffice)).toEqual(expect.arrayContaining([issueGid(issues.public.id), issueGid(critical.id)]));
    const byCountry = await gql(LIST, { first: 100, filter: { countryCode: 'uz' } }, as('platformAdmin'));
    expect(ids(byCountry)).toEqual([]);
    const byStatus = await gql(LIST, { first: 100, filter: { status: ['RESOLVED'] } }, as('anonymous'));
    expect(byStatus.data.issues.edges.every((e: { node: { status: string } }) => e.node.status === 'RESOLVED')).toBe(true);

    const bySearch = await gql(LIST, { first: 100, filter: { search: 'tampering' } }, as('anonymous'));
    expect(ids(bySearch)).toEqual([issueGid(critical.id)]);
  });

  it('refuses a malformed country code as a validation error', async () => {
    const res = await gql(LIST, { first: 10, filter: { countryCode: 'Kazakhstan' } }, as('anonymous'));
    expect(res.data).toBeNull();
    expect(res.errors?.length).toBeGreaterThan(0);
  });

  it('overdue and escalated are computed from the dates', async () => {
    const late = await freshIssue(
      { title: 'Raised long ago and never acknowledged', occurredAt: new Date(Date.now() - 60 * DAY) },
      new Date(Date.now() - 40 * DAY),
    );
    const res = await gql(LIST, { first: 100, filter: { overdue: true, escalated: true } }, as('liaison'));
    expect(res.errors).toBeUndefined();
    const node = res.data.issues.edges.find((e: { node: { id: string } }) => e.node.id === issueGid(late.id))?.node;
    expect(node).toMatchObject({ overdue: true, escalated: true });
    expect(res.data.issues.edges.every((e: { node: { overdue: boolean } }) => e.node.overdue)).toBe(true);
    const first = await gql(LIST, { first: 1, orderBy: 'OVERDUE_FIRST' }, as('liaison'));
    expect(first.data.issues.edges[0].node.overdue).toBe(true);
  });

  it('assignedToMe lists only the caller’s assignments', async () => {
    const issue = await freshIssue();
    await gql(M.assign, { input: { issueId: issueGid(issue.id), assigneeId: gid('User', users.liaison2.id) } }, as('liaison'));
    const res = await gql(LIST, { first: 100, filter: { assignedToMe: true } }, as('liaison2'));
    expect(ids(res)).toEqual([issueGid(issue.id)]);
  });
});

describe('mutations: the whole life of an issue', () => {
  it('raise → assign → acknowledge → respond → resolve → reopen → respond → reject', async () => {
    const raised = successOf(await gql(M.raise, { input: gqlRaiseInput({ title: 'Delays at Khorgos every Friday' }) }, as('reporter')), 'raiseIssue');
    expect(raised).toMatchObject({
      status: 'RAISED',
      raisedBy: { name: 'Reporter' },
      reporterOrganization: { name: association.name },
      office: { nameEn: 'Khorgos road crossing' },
    });
    expect(raised.reference).toMatch(/^ISS-\d{4}-\d{4,}$/);
    const issueId = raised.id;

    const assigned = successOf(await gql(M.assign, { input: { issueId, assigneeId: gid('User', users.liaison.id) } }, as('customsAdmin')), 'assignIssue');
    expect(assigned).toMatchObject({ status: 'RAISED', assignee: { name: 'Liaison Officer' } });

    const acknowledged = successOf(await gql(M.acknowledge, { input: { issueId } }, as('liaison')), 'acknowledgeIssue');
    expect(acknowledged.status).toBe('ACKNOWLEDGED');
    expect(acknowledged.acknowledgedAt).toBeTruthy();

    const responded = successOf(
      await gql(M.respond, { input: { issueId, body: 'We have opened an internal review of Friday staffing.' } }, as('liaison')),
      'respondToIssue',
    );
    expect(responded).toMatchObject({ status: 'RESPONDED', responses: [{ kind: 'OFFICIAL', author: { name: 'Liaison Officer' } }] });

    const followedUp = successOf(
      await gql(M.followUp, { input: { issueId, body: 'It happened again last Friday at noon.' } }, as('reporterAdmin')),
      'followUpIssue',
    );
    expect(followedUp.responses.at(-1)).toEqual({ kind: 'REPORTER_INFO', body: 'It happened again last Friday at noon.', author: { name: 'Reporter Admin' } });

    const resolved = successOf(await gql(M.resolve, { input: { issueId, outcome: 'Two more officers now work on Fridays.' } }, as('liaison')), 'resolveIssue');
    expect(resolved).toMatchObject({ status: 'RESOLVED', outcome: 'Two more officers now work on Fridays.' });
    expect(resolved.closedAt).toBeTruthy();
    expect(resolved.reopenAllowedUntil).toBeTruthy();

    const reopened = successOf(await gql(M.reopen, { input: { issueId, reason: 'The queue is as long as before.' } }, as('reporter')), 'reopenIssue');
    expect(reopened).toMatchObject({ status: 'REOPENED', closedAt: null, respondedAt: null });

    successOf(await gql(M.respond, { input: { issueId, body: 'A second lane opens next month.' } }, as('liaison')), 'respondToIssue');
    const rejected = successOf(await gql(M.reject, { input: { issueId, outcome: 'No further measures are planned.' } }, as('customsAdmin')), 'rejectIssue');
    expect(rejected.status).toBe('REJECTED');

    const timeline = (await gql(`query ($id: ID!) { issue(id: $id) { timeline { action } } }`, { id: issueId }, as('reporter'))).data.issue.timeline.map(
      (e: { action: string }) => e.action,
    );
    expect(timeline).toEqual(
      expect.arrayContaining(['issue.raised', 'issue.assigned', 'issue.acknowledged', 'issue.responded', 'issue.resolved', 'issue.reopened', 'issue.rejected']),
    );
  });

  it('raiseIssue: typed errors for the wrong caller and bad input', async () => {
    await expectRefused('anonymous', 'raiseIssue', M.raise, gqlRaiseInput(), 'NotAuthenticatedError');
    await expectRefused('liaison', 'raiseIssue', M.raise, gqlRaiseInput(), 'ForbiddenError');
    await expectRefused('otherAssociation', 'raiseIssue', M.raise, gqlRaiseInput(), 'ForbiddenError');
    const invalid = await expectRefused('reporter', 'raiseIssue', M.raise, gqlRaiseInput({ title: 'x' }), 'ValidationError');
    expect(invalid.fieldErrors).toEqual([{ path: 'title', messages: [translate('en', 'errors.tooShort', { min: 5, count: 5 })] }]);
    const wrongOffice = await expectRefused(
      'reporter',
      'raiseIssue',
      M.raise,
      { ...gqlRaiseInput(), officeId: gid('CustomsOffice', otherOffice.id) },
      'ValidationError',
    );
    expect(wrongOffice.fieldErrors.map((f: { path: string }) => f.path)).toContain('officeId');
    await expectRefused('reporter', 'raiseIssue', M.raise, { ...gqlRaiseInput(), officeId: gid('CustomsOffice', archivedOffice.id) }, 'ValidationError');
    await expectRefused('reporter', 'raiseIssue', M.raise, { ...gqlRaiseInput(), administrationId: gid('Organization', association.id) }, 'ValidationError');
  });

  it('handling: the wrong role is refused, the wrong state is a conflict', async () => {
    const issue = await freshIssue({ visibility: 'PUBLIC' });
    const issueId = issueGid(issue.id);
    await expectRefused('anonymous', 'acknowledgeIssue', M.acknowledge, { issueId }, 'NotAuthenticatedError');
    for (const who of ['reporter', 'otherOfficer', 'customsMember', 'platformAdmin'] as const) {
      await expectRefused(who, 'acknowledgeIssue', M.acknowledge, { issueId }, 'ForbiddenError');
    }
    await expectRefused('liaison', 'respondToIssue', M.respond, { issueId, body: 'Responding before acknowledging.' }, 'ConflictError');
    await expectRefused('liaison', 'resolveIssue', M.resolve, { issueId, outcome: 'Resolving before acknowledging.' }, 'ConflictError');
    await expectRefused('reporter', 'reopenIssue', M.reopen, { issueId, reason: 'Reopening something open.' }, 'ConflictError');
    await expectRefused('liaison', 'reopenIssue', M.reopen, { issueId, reason: 'Reopening as the wrong party.' }, 'ForbiddenError');
    await expectRefused('liaison', 'assignIssue', M.assign, { issueId, assigneeId: gid('User', users.customsMember.id) }, 'ValidationError');
    await expectRefused('liaison', 'respondToIssue', M.respond, { issueId, body: 'short' }, 'ValidationError');
    successOf(await gql(M.acknowledge, { input: { issueId } }, as('liaison')), 'acknowledgeIssue');
    const again = await expectRefused('liaison', 'acknowledgeIssue', M.acknowledge, { issueId }, 'ConflictError');
    expect(again.message).not.toMatch(/^errors\./);
    await expectRefused('otherAssociation', 'followUpIssue', M.followUp, { issueId, body: 'Not my issue, but still.' }, 'ForbiddenError');
    await expectRefused(
      'reporter',
      'publishIssueSummary',
      M.publishSummary,
      { issueId, summary: 'A summary of a named issue, by a reporter.' },
      'ForbiddenError',
    );
  });

  it('errors are in the caller’s language', async () => {
    const res = await gql(M.raise, { input: gqlRaiseInput({ title: 'x' }) }, as('reporter', 'ru'));
    const result = errorOf(res, 'raiseIssue', 'ValidationError');
    expect(result.message).toBe(translate('ru', 'errors.validation'));
  });
});

describe('a restricted issue is indistinguishable from an unknown id in every mutation', () => {
  it('for every non-party, each mutation answers as for an unknown issue', async () => {
    const restricted = await freshIssue({ visibility: 'RESTRICTED' });
    const cases = [
      ['assignIssue', M.assign, (issueId: string) => ({ issueId, assigneeId: gid('User', users.otherOfficer.id) })],
      ['acknowledgeIssue', M.acknowledge, (issueId: string) => ({ issueId })],
      ['respondToIssue', M.respond, (issueId: string) => ({ issueId, body: 'An official response to something.' })],
      ['resolveIssue', M.resolve, (issueId: string) => ({ issueId, outcome: 'Resolved, supposedly, by someone.' })],
      ['rejectIssue', M.reject, (issueId: string) => ({ issueId, outcome: 'Rejected, supposedly, by someone.' })],
      ['reopenIssue', M.reopen, (issueId: string) => ({ issueId, reason: 'Reopened, supposedly, by someone.' })],
      ['followUpIssue', M.followUp, (issueId: string) => ({ issueId, body: 'More information from someone.' })],
    ] as const;
    for (const who of ['otherAssociation', 'otherOfficer', 'outsider'] as const) {
      for (const [field, query, input] of cases) {
        const before = await dbState();
        const hidden = await gql(query, { input: input(issueGid(restricted.id)) }, as(who));
        const unknown = await gql(query, { input: input(UNKNOWN_ISSUE) }, as(who));
        expect(hidden, `${field} as ${who}`).toEqual(unknown);
        errorOf(hidden, field, 'NotFoundError');
        expect(await dbState()).toEqual(before);
      }
    }
    // Anonymous callers are not signed in: the same answer for both, whatever it is.
    for (const [field, query, input] of cases) {
      expect(await gql(query, { input: input(issueGid(restricted.id)) }, as('anonymous')), field).toEqual(
        await gql(query, { input: input(UNKNOWN_ISSUE) }, as('anonymous')),
      );
    }
  });
});

describe('anonymous reporting: the receipt code', () => {
  const READ = `query ($code: String!) { anonymousIssue(receiptCode: $code) { ${RESULT}
    ... on QueryAnonymousIssueSuccess { data { id reference title status anonymous raisedBy { name } reporterOrganization { name }
      responses { kind body author { name } } attachments { downloadUrl } timeline { action anonymousReporter actor { name } } } } } }`;

  it('raises anonymously (signed in or not), returns the code once, stores nothing about the caller', async () => {
    for (const who of ['anonymous', 'reporter'] as const) {
      const before = await t.db.issue.count();
      const data = successOf(
        await gql(M.raiseAnonymous, { input: gqlAnonymousInput({ title: `Reported anonymously by ${who}` }) }, as(who)),
        'raiseAnonymousIssue',
      );
      expect(data.receiptCode).toMatch(/^\d{4}-\d{4}-\d{4}-\d{4}$/);
      expect(data.issue).toMatchObject({ anonymous: true, visibility: 'RESTRICTED', raisedBy: null, reporterOrganization: null, status: 'RAISED' });
      expect(await t.db.issue.count()).toBe(before + 1);
      const row = await t.db.issue.findFirstOrThrow({ where: { reference: data.issue.reference } });
      expect(row).toMatchObject({ raisedById: null, reporterOrganizationId: null, anonymous: true });
      expect(JSON.stringify(row)).not.toContain(data.receiptCode.replaceAll('-', ''));
      // The signed-in reporter cannot read it as themself: only with the code.
      const asThemself = await gql(`query ($id: ID!) { issue(id: $id) { id } }`, { id: data.issue.id }, as(who));
      expect(asThemself.data.issue).toBeNull();
    }
  });

  it('reads the issue with the code (typed with spaces), and nothing with a wrong one', async () => {
    const spaced = receiptCode.replaceAll('-', ' ');
    const res = await gql(READ, { code: spaced }, as('anonymous'));
    const data = successOf(res, 'anonymousIssue', 'Query');
    expect(data).toMatchObject({
      id: issueGid(issues.anonymous.id),
      reference: issues.anonymous.reference,
      anonymous: true,
      raisedBy: null,
      reporterOrganization: null,
    });
    expect(data.timeline[0]).toMatchObject({ action: 'issue.raised', anonymousReporter: true, actor: null });

    const digits = receiptCode.replaceAll('-', '');
    const wrong = `${digits.slice(0, 15)}${(Number(digits[15]) + 1) % 10}`;
    const wrongRes = await gql(READ, { code: wrong }, as('anonymous'));
    const unknownRes = await gql(READ, { code: '0000-0000-0000-0001' }, as('anonymous'));
    errorOf(wrongRes, 'anonymousIssue', 'NotFoundError');
    expect(wrongRes).toEqual(unknownRes);
  });

  it('follows up with the code; a wrong code changes nothing', async () => {
    const data = successOf(
      await gql(M.followUpAnonymous, { input: { receiptCode, body: 'The officer wore badge number 1234.' } }, as('anonymous')),
      'followUpAnonymousIssue',
    );
    expect(data.responses.at(-1)).toEqual({ kind: 'REPORTER_INFO', body: 'The officer wore badge number 1234.', author: null });
    expect(data.timeline.at(-1)).toMatchObject({ action: 'issue.followed_up', anonymousReporter: true, actor: null });
    await expectRefused(
      'anonymous',
      'followUpAnonymousIssue',
      M.followUpAnonymous,
      { receiptCode: '1111-2222-3333-4444', body: 'Guessing at codes to add this.' },
      'NotFoundError',
    );
    await expectRefused(
      'anonymous',
      'followUpAnonymousIssue',
      M.followUpAnonymous,
      { receiptCode: 'not a code', body: 'Guessing at codes to add this.' },
      'ValidationError',
    );
  });

  it('a platform administrator publishes a de-identified summary; nobody else may', async () => {
    const issueId = issueGid(issues.anonymous.id);
    await expectRefused(
      'customsAdmin',
      'publishIssueSummary',
      M.publishSummary,
      { issueId, summary: 'An unofficial payment was requested at a crossing.' },
      'ForbiddenError',
    );
    await expectRefused(
      'otherAssociation',
      'publishIssueSummary',
      M.publishSummary,
      { issueId, summary: 'An unofficial payment was requested at a crossing.' },
      'NotFoundError',
    );
    const data = successOf(
      await gql(M.publishSummary, { input: { issueId, summary: 'An unofficial payment was requested at a crossing.' } }, as('platformAdmin')),
      'publishIssueSummary',
    );
    expect(data.publicSummary).toBe('An unofficial payment was requested at a crossing.');
  });
});

describe('customs offices', () => {
  it('lists an administration’s offices (archived ones on request), in the caller’s language', async () => {
    const Q = `query ($admin: ID!, $archived: Boolean) { customsOffices(administrationId: $admin, first: 10, includeArchived: $archived) {
      totalCount edges { node { id name nameEn nameRu kind latitude longitude archived administration { name } } } } }`;
    const res = await gql(Q, { admin: gid('Organization', customs.id) }, as('anonymous'));
    expect(res.errors).toBeUndefined();
    expect(res.data.customsOffices.edges.map((e: { node: unknown }) => e.node)).toEqual([
      {
        id: gid('CustomsOffice', office.id),
        name: 'Khorgos road crossing',
        nameEn: 'Khorgos road crossing',
        nameRu: 'Хоргос, автопереход',
        kind: 'ROAD_BORDER_CROSSING',
        latitude: 44.2,
        longitude: 80.4,
        archived: false,
        administration: { name: customs.name },
      },
    ]);
    const ru = await gql(Q, { admin: gid('Organization', customs.id), archived: true }, as('anonymous', 'ru'));
    expect(ru.data.customsOffices.totalCount).toBe(2);
    // Ordered by English name: Khorgos, then Old rail yard.
    expect(ru.data.customsOffices.edges.map((e: { node: { name: string } }) => e.node.name)).toEqual(['Хоргос, автопереход', 'Старая станция']);
    const org = await gql(`query ($slug: String!) { organization(slug: $slug) { customsOffices { nameEn } } }`, { slug: customs.slug }, as('anonymous'));
    expect(org.data.organization.customsOffices).toEqual([{ nameEn: 'Khorgos road crossing' }]);
  });
});

describe('the viewer’s notifications', () => {
  const Q = `{ viewer { unreadNotificationCount notifications(first: 50) { edges { node { id kind reference title event read createdAt } } pageInfo { hasNextPage endCursor } } } }`;

  it('lists the caller’s own notifications and counts the unread ones', async () => {
    const issue = await freshIssue();
    await gql(M.assign, { input: { issueId: issueGid(issue.id), assigneeId: gid('User', users.liaison2.id) } }, as('customsAdmin'));
    const res = await gql(Q, {}, as('liaison2'));
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    const nodes = res.data.viewer.notifications.edges.map((e: { node: unknown }) => e.node);
    expect(nodes).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'ISSUE_ASSIGNED', reference: issue.reference, read: false })]));
    expect(res.data.viewer.unreadNotificationCount).toBe(await t.db.notification.count({ where: { userId: users.liaison2.id, readAt: null } }));

    // Someone else's notification is unknown to the caller.
    const theirs = nodes[0].id;
    const node = await gql(`query ($id: ID!) { node(id: $id) { id } }`, { id: theirs }, as('liaison'));
    expect(node.data.node).toBeNull();
    expect((await gql(`query ($id: ID!) { node(id: $id) { id } }`, { id: theirs }, as('liaison2'))).data.node).toEqual({ id: theirs });
  });

  it('pages from any edge’s cursor (the same keyset as the domain’s endCursor)', async () => {
    const PAGE = `query ($after: String) { viewer { notifications(first: 2, after: $after) { edges { cursor node { id } } pageInfo { endCursor } } } }`;
    const all = (await gql(`{ viewer { notifications(first: 50) { edges { node { id } } } } }`, {}, as('customsAdmin'))).data.viewer.notifications.edges;
    expect(all.length).toBeGreaterThanOrEqual(3);
    const first = (await gql(PAGE, {}, as('customsAdmin'))).data.viewer.notifications;
    expect(first.edges[1].cursor).toBe(first.pageInfo.endCursor);
    const fromMiddle = (await gql(PAGE, { after: first.edges[0].cursor }, as('customsAdmin'))).data.viewer.notifications;
    expect(fromMiddle.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(all.slice(1, 3).map((e: { node: { id: string } }) => e.node.id));
  });

  it('is null for anonymous callers', async () => {
    expect((await gql(Q, {}, as('anonymous'))).data).toEqual({ viewer: null });
  });
});

// Keeps the visibility tables honest: every role of the cast (but the second liaison officer, a colleague to assign
// to) is checked against every issue above.
it('checks every role', () => {
  expect(new Set([...SEES.public, 'liaison2'])).toEqual(new Set(['anonymous', ...Object.keys(users)]));
});
