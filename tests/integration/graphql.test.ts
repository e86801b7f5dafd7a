// The GraphQL API end to end: HTTP requests through yoga, sessions from real sign-ins, a fresh database for the file.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translate } from '../../app/i18n';
import { SCHEMA_FILE, printedSchema } from '../../graphql/print-schema';
import { type TestDatabase, createTestDatabase } from '../helpers/db';
import { makeMember, makeOrganization, makeUser } from '../helpers/fixtures';
import { type GraphQLResponse, globalId, graphqlClient, signInAs } from '../helpers/graphql';

let t: TestDatabase;
let gql: ReturnType<typeof graphqlClient>['gql'];

// The cast: one organisation with a member in every role, another organisation's admin, a platform administrator
// and a signed-in outsider. Refused mutations leave the cast untouched; successful ones work on fresh fixtures.
type Who = 'anonymous' | 'orgAdmin' | 'member' | 'signatory' | 'liaison' | 'otherOrgAdmin' | 'platformAdmin' | 'outsider';
type User = Awaited<ReturnType<typeof makeUser>>;
let org: Awaited<ReturnType<typeof makeOrganization>>;
let otherOrg: Awaited<ReturnType<typeof makeOrganization>>;
const users = {} as Record<Exclude<Who, 'anonymous'>, User>;
const tokens = {} as Record<Who, string | undefined>;
const as = (who: Who) => ({ token: tokens[who] });

beforeAll(async () => {
  t = await createTestDatabase();
  ({ gql } = graphqlClient(t));
  org = await makeOrganization(t.db, { name: 'Caspian Customs Service', kind: 'CUSTOMS_ADMINISTRATION', country: 'KZ' });
  otherOrg = await makeOrganization(t.db, { name: 'Steppe Traders Association', kind: 'BUSINESS_ASSOCIATION', country: 'KZ' });
  users.orgAdmin = await makeMember(t.db, org.id, 'ORG_ADMIN');
  users.member = await makeMember(t.db, org.id, 'MEMBER');
  users.signatory = await makeMember(t.db, org.id, 'SIGNATORY');
  users.liaison = await makeMember(t.db, org.id, 'LIAISON_OFFICER');
  users.otherOrgAdmin = await makeMember(t.db, otherOrg.id, 'ORG_ADMIN');
  users.platformAdmin = await makeUser(t.db, { platformAdmin: true });
  users.outsider = await makeUser(t.db);
  tokens.anonymous = undefined;
  for (const who of Object.keys(users) as Exclude<Who, 'anonymous'>[]) tokens[who] = await signInAs(t, users[who]);
});
afterAll(async () => t?.close());

// ---------------------------------------------------------------------------------------------------------------
// Helpers

const membershipOf = (userId: string, organizationId: string) =>
  t.db.membership.findUniqueOrThrow({ where: { userId_organizationId: { userId, organizationId } } });

/** Everything a mutation could write. A refused mutation must leave all of it as it was. */
async function dbState() {
  return {
    organizations: await t.db.organization.findMany({ select: { id: true, verified: true }, orderBy: { id: 'asc' } }),
    memberships: await t.db.membership.findMany({ select: { id: true, role: true }, orderBy: { id: 'asc' } }),
    invitations: await t.db.invitation.count(),
    auditEvents: await t.db.auditEvent.count(),
  };
}

const ERRORS = {
  NotAuthenticatedError: { code: 'NOT_AUTHENTICATED', key: 'errors.notAuthenticated' },
  ForbiddenError: { code: 'FORBIDDEN', key: 'errors.forbidden' },
  NotFoundError: { code: 'NOT_FOUND', key: 'errors.notFound' },
  ConflictError: { code: 'CONFLICT', key: 'errors.lastAdmin' },
} as const;
type ErrorType = keyof typeof ERRORS;

/** A typed error result (not a GraphQL error) with its code and English message. */
function expectTypedError(res: GraphQLResponse, field: string, typename: ErrorType) {
  expect(res.status).toBe(200);
  expect(res.errors).toBeUndefined();
  const { code, key } = ERRORS[typename];
  expect(res.data[field]).toEqual({ __typename: typename, code, message: translate('en', key) });
}

/** Run a mutation that must be refused, and check that it wrote nothing. */
async function expectRefused(who: Who, typename: ErrorType, field: string, query: string, variables: Record<string, unknown>) {
  const before = await dbState();
  const res = await gql(query, variables, as(who));
  expectTypedError(res, field, typename);
  expect(await dbState()).toEqual(before);
}

/** Who is refused what, for mutations that need an organisation administrator (or a platform administrator). */
const REFUSED_FOR_NON_ADMINS: { who: Who; typename: ErrorType }[] = [
  { who: 'anonymous', typename: 'NotAuthenticatedError' },
  { who: 'member', typename: 'ForbiddenError' },
  { who: 'signatory', typename: 'ForbiddenError' },
  { who: 'liaison', typename: 'ForbiddenError' },
  { who: 'otherOrgAdmin', typename: 'ForbiddenError' },
  { who: 'outsider', typename: 'ForbiddenError' },
];

const RESULT = `__typename ... on Error { code message }`;

// ---------------------------------------------------------------------------------------------------------------

describe('schema', () => {
  it('matches the committed graphql/schema.graphql', () => {
    expect(fs.readFileSync(SCHEMA_FILE, 'utf8'), 'run npm run schema:print').toBe(printedSchema());
  });
});

describe('viewer', () => {
  const VIEWER = `{ viewer { id name email isPlatformAdmin memberships { role organization { slug } } } }`;

  it('is null for an anonymous request', async () => {
    const res = await gql(VIEWER);
    expect(res).toEqual({ data: { viewer: null }, status: 200 });
  });

  it('is null for a cookie that is not a live session', async () => {
    const res = await gql(VIEWER, {}, { token: 'x'.repeat(43) });
    expect(res.data).toEqual({ viewer: null });
  });

  it('is the signed-in user, with their own email and memberships', async () => {
    const res = await gql(VIEWER, {}, as('member'));
    expect(res.errors).toBeUndefined();
    expect(res.data.viewer).toEqual({
      id: globalId('User', users.member.id),
      name: users.member.name,
      email: users.member.email,
      isPlatformAdmin: false,
      memberships: [{ role: 'MEMBER', organization: { slug: org.slug } }],
    });
  });

  it("shows a user's email (User.email) to themself and platform administrators only", async () => {
    const MEMBER_EMAILS = `query ($slug: String!) { organization(slug: $slug) { members(first: 10) { edges { node { user { id email } } } } } }`;
    const emails = async (who: Who) => {
      const res = await gql(MEMBER_EMAILS, { slug: org.slug }, as(who));
      expect(res.errors).toBeUndefined();
      const edges: { node: { user: { id: string; email: string | null } } }[] = res.data.organization.members.edges;
      return Object.fromEntries(edges.map(({ node }) => [node.user.id, node.user.email]));
    };

    const seenByMember = await emails('member');
    expect(seenByMember[globalId('User', users.member.id)]).toBe(users.member.email);
    expect(seenByMember[globalId('User', users.orgAdmin.id)]).toBeNull();
    expect(seenByMember[globalId('User', users.signatory.id)]).toBeNull();

    const seenByOrgAdmin = await emails('orgAdmin');
    expect(seenByOrgAdmin[globalId('User', users.member.id)]).toBeNull();

    const seenByPlatformAdmin = await emails('platformAdmin');
    expect(seenByPlatformAdmin[globalId('User', users.member.id)]).toBe(users.member.email);
  });

  it('shows members’ emails (Membership.email) as the members page does: to the organisation’s administrators, the member themself and platform administrators', async () => {
    const MEMBER_EMAILS = `query ($slug: String!) { organization(slug: $slug) { members(first: 10) { edges { node { email user { id } } } } } }`;
    const emails = async (who: Who) => {
      const res = await gql(MEMBER_EMAILS, { slug: org.slug }, as(who));
      expect(res.errors).toBeUndefined();
      const edges: { node: { email: string | null; user: { id: string } } }[] = res.data.organization.members.edges;
      return Object.fromEntries(edges.map(({ node }) => [node.user.id, node.email]));
    };
    const everyone = Object.fromEntries(
      (['orgAdmin', 'member', 'signatory', 'liaison'] as const).map((who) => [globalId('User', users[who].id), users[who].email]),
    );

    expect(await emails('orgAdmin')).toEqual(everyone);
    expect(await emails('platformAdmin')).toEqual(everyone);
    for (const who of ['member', 'signatory', 'liaison'] as const) {
      expect(await emails(who)).toEqual(
        Object.fromEntries(Object.keys(everyone).map((id) => [id, id === globalId('User', users[who].id) ? users[who].email : null])),
      );
    }
  });

  it('a user is visible (node) to themself, platform administrators and members of a shared organisation, and null to others', async () => {
    const NODE = `query ($id: ID!) { node(id: $id) { ... on User { name } } }`;
    const seen = async (who: Who) => (await gql(NODE, { id: globalId('User', users.member.id) }, as(who))).data.node;
    for (const who of ['member', 'orgAdmin', 'liaison', 'platformAdmin'] as const) expect(await seen(who), who).toEqual({ name: users.member.name });
    for (const who of ['anonymous', 'outsider', 'otherOrgAdmin'] as const) expect(await seen(who), who).toBeNull();
  });
});

describe('organizations', () => {
  const ORGANIZATIONS = `
    query ($first: Int, $after: String, $kind: OrganizationKind, $country: String) {
      organizations(first: $first, after: $after, kind: $kind, country: $country) {
        totalCount
        edges { cursor node { name kind country } }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      }
    }`;
  // Only these organisations are in New Zealand, so filtering by NZ gives a known list, ordered by name.
  const NZ = [
    { name: 'Aotearoa Customs', kind: 'CUSTOMS_ADMINISTRATION' },
    { name: 'Bay of Plenty Exporters', kind: 'PARTNER' },
    { name: 'Canterbury Freight Forwarders', kind: 'BUSINESS_ASSOCIATION' },
    { name: 'Dunedin Port Partners', kind: 'PARTNER' },
    { name: 'Eastland Brokers Guild', kind: 'BUSINESS_ASSOCIATION' },
  ] as const;

  beforeAll(async () => {
    // Created out of order: the listing sorts by name.
    for (const i of [3, 0, 4, 1, 2]) await makeOrganization(t.db, { ...NZ[i], country: 'NZ' });
  });

  it('pages through every organisation with cursors, in name order', async () => {
    const pages = [];
    let after: string | null = null;
    for (;;) {
      const res: GraphQLResponse = await gql(ORGANIZATIONS, { first: 2, after, country: 'NZ' });
      expect(res.errors).toBeUndefined();
      pages.push(res.data.organizations);
      if (!res.data.organizations.pageInfo.hasNextPage) break;
      after = res.data.organizations.pageInfo.endCursor;
      expect(pages.length).toBeLessThan(10);
    }

    expect(pages.map((page) => page.edges.map((e: { node: { name: string } }) => e.node.name))).toEqual([
      [NZ[0].name, NZ[1].name],
      [NZ[2].name, NZ[3].name],
      [NZ[4].name],
    ]);
    expect(pages.map((page) => page.totalCount)).toEqual([5, 5, 5]);
    expect(pages.map((page) => page.pageInfo.hasNextPage)).toEqual([true, true, false]);
    expect(pages[0].pageInfo.hasPreviousPage).toBe(false);
    for (const page of pages) {
      expect(page.pageInfo.startCursor).toBe(page.edges[0].cursor);
      expect(page.pageInfo.endCursor).toBe(page.edges.at(-1).cursor);
    }
    const cursors = pages.flatMap((page) => page.edges.map((e: { cursor: string }) => e.cursor));
    expect(new Set(cursors).size).toBe(5);
  });

  it('counts every organisation when not filtered', async () => {
    const res = await gql(ORGANIZATIONS, { first: 1 });
    expect(res.data.organizations.totalCount).toBe(await t.db.organization.count());
    expect(res.data.organizations.edges).toHaveLength(1);
  });

  it('filters by kind', async () => {
    const res = await gql(ORGANIZATIONS, { first: 50, kind: 'CUSTOMS_ADMINISTRATION' });
    expect(res.errors).toBeUndefined();
    const nodes: { name: string; kind: string }[] = res.data.organizations.edges.map((e: { node: unknown }) => e.node);
    expect(res.data.organizations.totalCount).toBe(await t.db.organization.count({ where: { kind: 'CUSTOMS_ADMINISTRATION' } }));
    expect(nodes.length).toBe(res.data.organizations.totalCount);
    expect(nodes.every((node) => node.kind === 'CUSTOMS_ADMINISTRATION')).toBe(true);
    expect(nodes.map((node) => node.name)).toEqual(expect.arrayContaining(['Aotearoa Customs', 'Caspian Customs Service']));
  });

  it('filters by country, accepting lower case and spaces, and by kind and country together', async () => {
    const byCountry = await gql(ORGANIZATIONS, { first: 50, country: ' nz ' });
    expect(byCountry.errors).toBeUndefined();
    expect(byCountry.data.organizations.totalCount).toBe(5);
    expect(byCountry.data.organizations.edges.every((e: { node: { country: string } }) => e.node.country === 'NZ')).toBe(true);

    const both = await gql(ORGANIZATIONS, { first: 50, country: 'NZ', kind: 'PARTNER' });
    expect(both.data.organizations.totalCount).toBe(2);
    expect(both.data.organizations.edges.map((e: { node: { name: string } }) => e.node.name)).toEqual([NZ[1].name, NZ[3].name]);

    const none = await gql(ORGANIZATIONS, { first: 50, country: 'FJ' });
    expect(none.data.organizations).toEqual({
      totalCount: 0,
      edges: [],
      pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
    });
  });

  // Intended behaviour. Today the validation plugin's ValidationError escapes this field (it has no typed errors)
  // and is masked as an internal "Unexpected error." (extensions.code INTERNAL_SERVER_ERROR): see the report.
  it('rejects an unknown country code with a client error, not a server error', async () => {
    const res = await gql(ORGANIZATIONS, { first: 5, country: 'QQ' });
    expect(res.status).toBe(200);
    expect(res.data?.organizations ?? null).toBeNull();
    expect(res.errors).toHaveLength(1);
    const [error] = res.errors!;
    expect(error.path).toEqual(['organizations']);
    expect(error.extensions?.code).not.toBe('INTERNAL_SERVER_ERROR');
    expect(error.message).not.toBe('Unexpected error.');
    // Says what is wrong, in the message or in the extensions (e.g. field errors).
    expect(JSON.stringify(error)).toMatch(/country/i);
  });
});

describe('organization and node', () => {
  const ORGANIZATION_FIELDS = `id slug name kind country countryName verified description website memberCount`;

  it('finds an organisation by slug, and gives null for an unknown slug', async () => {
    const res = await gql(`query ($slug: String!) { organization(slug: $slug) { ${ORGANIZATION_FIELDS} } }`, { slug: org.slug });
    expect(res.errors).toBeUndefined();
    expect(res.data.organization).toEqual({
      id: globalId('Organization', org.id),
      slug: org.slug,
      name: 'Caspian Customs Service',
      kind: 'CUSTOMS_ADMINISTRATION',
      country: 'KZ',
      countryName: 'Kazakhstan',
      verified: true,
      description: '',
      website: null,
      memberCount: 4,
    });

    const missing = await gql(`{ organization(slug: "no-such-organisation") { id } }`);
    expect(missing).toEqual({ data: { organization: null }, status: 200 });
  });

  it("names the country in the caller's language", async () => {
    const res = await gql(`query ($slug: String!) { organization(slug: $slug) { countryName } }`, { slug: org.slug }, { acceptLanguage: 'ru' });
    expect(res.data.organization.countryName).toBe('Казахстан');
  });

  it('resolves an Organization global ID with node(id)', async () => {
    const id = globalId('Organization', org.id);
    const res = await gql(`query ($id: ID!) { node(id: $id) { __typename id ... on Organization { slug name } } }`, { id });
    expect(res.errors).toBeUndefined();
    expect(res.data.node).toEqual({ __typename: 'Organization', id, slug: org.slug, name: org.name });
  });

  describe('members', () => {
    const MEMBERS = `
      query ($slug: String!, $first: Int, $after: String) {
        organization(slug: $slug) {
          members(first: $first, after: $after) {
            totalCount
            edges { cursor node { role user { id } } }
            pageInfo { hasNextPage endCursor }
          }
        }
      }`;

    it.each<Who>(['anonymous', 'outsider', 'otherOrgAdmin'])('are hidden (null) from %s', async (who) => {
      const res = await gql(MEMBERS, { slug: org.slug, first: 10 }, as(who));
      expect(res.errors).toBeUndefined();
      expect(res.data.organization).toEqual({ members: null });
    });

    it.each<Who>(['member', 'signatory', 'liaison', 'orgAdmin', 'platformAdmin'])('are a connection for %s', async (who) => {
      const res = await gql(MEMBERS, { slug: org.slug, first: 10 }, as(who));
      expect(res.errors).toBeUndefined();
      const { members } = res.data.organization;
      expect(members.totalCount).toBe(4);
      expect(members.edges.map((e: { node: { role: string; user: { id: string } } }) => [e.node.user.id, e.node.role])).toEqual([
        [globalId('User', users.orgAdmin.id), 'ORG_ADMIN'],
        [globalId('User', users.member.id), 'MEMBER'],
        [globalId('User', users.signatory.id), 'SIGNATORY'],
        [globalId('User', users.liaison.id), 'LIAISON_OFFICER'],
      ]);
    });

    it('page with cursors', async () => {
      const first = await gql(MEMBERS, { slug: org.slug, first: 3 }, as('member'));
      expect(first.data.organization.members.edges).toHaveLength(3);
      expect(first.data.organization.members.pageInfo.hasNextPage).toBe(true);
      const rest = await gql(MEMBERS, { slug: org.slug, first: 3, after: first.data.organization.members.pageInfo.endCursor }, as('member'));
      expect(rest.data.organization.members.edges.map((e: { node: { role: string } }) => e.node.role)).toEqual(['LIAISON_OFFICER']);
      expect(rest.data.organization.members.pageInfo.hasNextPage).toBe(false);
    });
  });
});

describe('createOrganization', () => {
  const CREATE = `
    mutation ($input: CreateOrganizationInput!) {
      createOrganization(input: $input) {
        ${RESULT}
        ... on MutationCreateOrganizationSuccess { data { id slug name kind country verified description website memberCount } }
        ... on ValidationError { fieldErrors { path messages } }
      }
    }`;

  it('creates an unverified organisation whose creator is its first ORG_ADMIN', async () => {
    const input = { name: '  Almaty Logistics Union ', kind: 'BUSINESS_ASSOCIATION', country: 'kz', website: 'https://alu.example' };
    const res = await gql(CREATE, { input }, as('outsider'));
    expect(res.errors).toBeUndefined();
    const created = res.data.createOrganization;
    expect(created.__typename).toBe('MutationCreateOrganizationSuccess');
    expect(created.data).toMatchObject({
      slug: 'almaty-logistics-union',
      name: 'Almaty Logistics Union',
      kind: 'BUSINESS_ASSOCIATION',
      country: 'KZ',
      verified: false,
      description: '',
      website: 'https://alu.example',
      memberCount: 1,
    });

    const stored = await t.db.organization.findUniqueOrThrow({ where: { slug: 'almaty-logistics-union' } });
    expect(created.data.id).toBe(globalId('Organization', stored.id));
    expect((await membershipOf(users.outsider.id, stored.id)).role).toBe('ORG_ADMIN');
    const audit = await t.db.auditEvent.findMany({ where: { organizationId: stored.id }, orderBy: { seq: 'asc' } });
    expect(audit.map((e) => [e.action, e.actorId])).toEqual([
      ['organization.created', users.outsider.id],
      ['membership.created', users.outsider.id],
    ]);
  });

  it('lets a platform administrator create one, still unverified', async () => {
    const res = await gql(CREATE, { input: { name: 'Khorgos Gateway Partners', kind: 'PARTNER', country: 'KZ' } }, as('platformAdmin'));
    expect(res.data.createOrganization).toMatchObject({ __typename: 'MutationCreateOrganizationSuccess', data: { verified: false } });
  });

  it('refuses an anonymous caller and stores nothing', async () => {
    await expectRefused('anonymous', 'NotAuthenticatedError', 'createOrganization', CREATE, {
      input: { name: 'Anonymous Org', kind: 'PARTNER', country: 'KZ' },
    });
  });

  it('a name close to an existing organisation’s is a SimilarNameError naming it, and stores nothing; confirmed, it is created', async () => {
    const SIMILAR = `
      mutation ($input: CreateOrganizationInput!) {
        createOrganization(input: $input) {
          ${RESULT}
          ... on SimilarNameError { fieldErrors { path messages } similarOrganization { slug name } }
          ... on MutationCreateOrganizationSuccess { data { name verified } }
        }
      }`;
    const input = { name: 'Caspian Customs Servise', kind: 'CUSTOMS_ADMINISTRATION', country: 'KZ' };
    const before = await dbState();
    const res = await gql(SIMILAR, { input }, as('outsider'));
    expect(res.errors).toBeUndefined();
    const message = translate('en', 'errors.organizationNameSimilar', { name: org.name });
    expect(res.data.createOrganization).toEqual({
      __typename: 'SimilarNameError',
      code: 'VALIDATION',
      message,
      fieldErrors: [{ path: 'name', messages: [message] }],
      similarOrganization: { slug: org.slug, name: org.name },
    });
    expect(message).toContain(org.name);
    expect(await dbState()).toEqual(before);

    const confirmed = await gql(SIMILAR, { input: { ...input, confirmSimilarName: true } }, as('outsider'));
    expect(confirmed.data.createOrganization).toEqual({ __typename: 'MutationCreateOrganizationSuccess', data: { name: input.name, verified: false } });
    const stored = await t.db.organization.findFirstOrThrow({ where: { name: input.name } });
    expect(stored.similarToId).toBe(org.id);
  });

  describe('invalid input', () => {
    const input = { name: 'A', kind: 'PARTNER', country: 'QQ' };

    it('is a ValidationError with the fields at fault, and stores nothing', async () => {
      const before = await dbState();
      const res = await gql(CREATE, { input }, as('outsider'));
      expect(res.errors).toBeUndefined();
      expect(res.data.createOrganization).toEqual({
        __typename: 'ValidationError',
        code: 'VALIDATION',
        message: translate('en', 'errors.validation'),
        fieldErrors: expect.arrayContaining([
          // The generic length message names its limit.
          { path: 'name', messages: ['At least 2 characters.'] },
          { path: 'country', messages: [translate('en', 'errors.country')] },
        ]),
      });
      expect(res.data.createOrganization.fieldErrors).toHaveLength(2);
      expect(await dbState()).toEqual(before);
    });

    it('is in Russian with Accept-Language: ru', async () => {
      const res = await gql(CREATE, { input }, { ...as('outsider'), acceptLanguage: 'ru-RU,ru;q=0.9,en;q=0.5' });
      const result = res.data.createOrganization;
      expect(result.__typename).toBe('ValidationError');
      expect(result.message).toBe(translate('ru', 'errors.validation'));
      const messages = Object.fromEntries(result.fieldErrors.map((f: { path: string; messages: string[] }) => [f.path, f.messages]));
      expect(messages).toEqual({ name: ['Не короче 2 символов.'], country: [translate('ru', 'errors.country')] });
      // Really Russian, not the English text or the message key.
      for (const text of [result.message, ...messages.name, ...messages.country]) expect(text).toMatch(/[а-яё]/i);
    });
  });
});

describe('setOrganizationVerified', () => {
  const VERIFY = `
    mutation ($id: ID!, $verified: Boolean!) {
      setOrganizationVerified(organizationId: $id, verified: $verified) {
        ${RESULT}
        ... on MutationSetOrganizationVerifiedSuccess { data { id verified } }
      }
    }`;

  it('lets a platform administrator verify and unverify an organisation', async () => {
    const target = await makeOrganization(t.db, { name: 'Aktau Port Authority' });
    const id = globalId('Organization', target.id);

    const unverify = await gql(VERIFY, { id, verified: false }, as('platformAdmin'));
    expect(unverify.data.setOrganizationVerified).toEqual({ __typename: 'MutationSetOrganizationVerifiedSuccess', data: { id, verified: false } });
    expect((await t.db.organization.findUniqueOrThrow({ where: { id: target.id } })).verified).toBe(false);

    const verify = await gql(VERIFY, { id, verified: true }, as('platformAdmin'));
    expect(verify.data.setOrganizationVerified.data).toEqual({ id, verified: true });

    const audit = await t.db.auditEvent.findMany({ where: { subjectId: target.id }, orderBy: { seq: 'asc' } });
    expect(audit.map((e) => [e.action, e.actorId])).toEqual([
      ['organization.created', 'system:test'],
      ['organization.unverified', users.platformAdmin.id],
      ['organization.verified', users.platformAdmin.id],
    ]);
  });

  it('is NotFoundError for an organisation that does not exist', async () => {
    const res = await gql(VERIFY, { id: globalId('Organization', 'no-such-org'), verified: true }, as('platformAdmin'));
    expectTypedError(res, 'setOrganizationVerified', 'NotFoundError');
  });

  // Verification is for platform administrators only: the organisation's own ORG_ADMIN is refused too.
  it.each([...REFUSED_FOR_NON_ADMINS, { who: 'orgAdmin' as Who, typename: 'ForbiddenError' as ErrorType }])(
    'refuses $who with $typename and stores nothing',
    async ({ who, typename }) => {
      await expectRefused(who, typename, 'setOrganizationVerified', VERIFY, { id: globalId('Organization', org.id), verified: false });
    },
  );
});

describe('createInvitation', () => {
  const INVITE = `
    mutation ($id: ID!, $role: MembershipRole!, $note: String) {
      createInvitation(organizationId: $id, role: $role, note: $note) {
        ${RESULT}
        ... on MutationCreateInvitationSuccess { data { url role expiresAt } }
      }
    }`;

  it.each<Who>(['orgAdmin', 'platformAdmin'])('lets %s create an invitation link', async (who) => {
    const before = await t.db.invitation.count({ where: { organizationId: org.id } });
    const res = await gql(INVITE, { id: globalId('Organization', org.id), role: 'SIGNATORY', note: `for ${who}` }, as(who));
    expect(res.errors).toBeUndefined();
    const result = res.data.createInvitation;
    expect(result.__typename).toBe('MutationCreateInvitationSuccess');
    expect(result.data.role).toBe('SIGNATORY');
    expect(result.data.url).toMatch(/^http:\/\/localhost\/invitations\/[\w-]{20,}$/);
    expect(new Date(result.data.expiresAt).getTime()).toBeGreaterThan(Date.now());

    expect(await t.db.invitation.count({ where: { organizationId: org.id } })).toBe(before + 1);
    const invitation = await t.db.invitation.findFirstOrThrow({ where: { organizationId: org.id, note: `for ${who}` } });
    expect(invitation).toMatchObject({ role: 'SIGNATORY', createdById: users[who as 'orgAdmin' | 'platformAdmin'].id, acceptedAt: null });
    // The link carries the token; only its hash is stored.
    expect(result.data.url).not.toContain(invitation.tokenHash);
  });

  it.each(REFUSED_FOR_NON_ADMINS)('refuses $who with $typename and stores nothing', async ({ who, typename }) => {
    await expectRefused(who, typename, 'createInvitation', INVITE, { id: globalId('Organization', org.id), role: 'MEMBER' });
  });
});

describe('setMemberRole', () => {
  const SET_ROLE = `
    mutation ($id: ID!, $role: MembershipRole!) {
      setMemberRole(membershipId: $id, role: $role) {
        ${RESULT}
        ... on MutationSetMemberRoleSuccess { data { id role user { id } organization { slug } } }
      }
    }`;

  it.each<Who>(['orgAdmin', 'platformAdmin'])("lets %s change a member's role", async (who) => {
    const target = await makeMember(t.db, org.id, 'MEMBER');
    const membership = await membershipOf(target.id, org.id);
    const id = globalId('Membership', membership.id);

    const res = await gql(SET_ROLE, { id, role: 'LIAISON_OFFICER' }, as(who));
    expect(res.errors).toBeUndefined();
    expect(res.data.setMemberRole).toEqual({
      __typename: 'MutationSetMemberRoleSuccess',
      data: { id, role: 'LIAISON_OFFICER', user: { id: globalId('User', target.id) }, organization: { slug: org.slug } },
    });
    expect((await membershipOf(target.id, org.id)).role).toBe('LIAISON_OFFICER');
    const audit = await t.db.auditEvent.findFirstOrThrow({ where: { subjectId: membership.id, action: 'membership.role_changed' } });
    expect(audit.actorId).toBe(users[who as 'orgAdmin' | 'platformAdmin'].id);
    expect(audit.data).toMatchObject({ from: 'MEMBER', to: 'LIAISON_OFFICER' });
  });

  it.each(REFUSED_FOR_NON_ADMINS)('refuses $who with $typename and stores nothing', async ({ who, typename }) => {
    const membership = await membershipOf(users.member.id, org.id);
    await expectRefused(who, typename, 'setMemberRole', SET_ROLE, { id: globalId('Membership', membership.id), role: 'ORG_ADMIN' });
  });

  it('is ConflictError when it would demote the last ORG_ADMIN, and stores nothing', async () => {
    expect(await t.db.membership.count({ where: { organizationId: org.id, role: 'ORG_ADMIN' } })).toBe(1);
    const membership = await membershipOf(users.orgAdmin.id, org.id);
    await expectRefused('orgAdmin', 'ConflictError', 'setMemberRole', SET_ROLE, { id: globalId('Membership', membership.id), role: 'MEMBER' });
  });

  it('says the conflict in Russian with Accept-Language: ru', async () => {
    const membership = await membershipOf(users.orgAdmin.id, org.id);
    const res = await gql(SET_ROLE, { id: globalId('Membership', membership.id), role: 'MEMBER' }, { ...as('orgAdmin'), acceptLanguage: 'ru' });
    expect(res.data.setMemberRole).toEqual({ __typename: 'ConflictError', code: 'CONFLICT', message: translate('ru', 'errors.lastAdmin') });
  });
});

describe('removeMember', () => {
  const REMOVE = `mutation ($id: ID!) { removeMember(membershipId: $id) { ${RESULT} ... on MutationRemoveMemberSuccess { data } } }`;

  it.each<Who>(['orgAdmin', 'platformAdmin'])('lets %s remove a member', async (who) => {
    const target = await makeMember(t.db, org.id, 'SIGNATORY');
    const membership = await membershipOf(target.id, org.id);

    const res = await gql(REMOVE, { id: globalId('Membership', membership.id) }, as(who));
    expect(res.errors).toBeUndefined();
    expect(res.data.removeMember).toEqual({ __typename: 'MutationRemoveMemberSuccess', data: true });
    expect(await t.db.membership.findUnique({ where: { id: membership.id } })).toBeNull();
    const audit = await t.db.auditEvent.findFirstOrThrow({ where: { subjectId: membership.id, action: 'membership.removed' } });
    expect(audit.actorId).toBe(users[who as 'orgAdmin' | 'platformAdmin'].id);
  });

  it('lets a member leave', async () => {
    const leaver = await makeMember(t.db, org.id, 'MEMBER');
    const membership = await membershipOf(leaver.id, org.id);
    const res = await gql(REMOVE, { id: globalId('Membership', membership.id) }, { token: await signInAs(t, leaver) });
    expect(res.data.removeMember).toEqual({ __typename: 'MutationRemoveMemberSuccess', data: true });
    expect(await t.db.membership.findUnique({ where: { id: membership.id } })).toBeNull();
  });

  it.each(REFUSED_FOR_NON_ADMINS)('refuses $who removing someone else with $typename and stores nothing', async ({ who, typename }) => {
    // The target is a member other than any caller here (the cast's MEMBER may leave, but the SIGNATORY may not remove them).
    const target = who === 'member' ? users.signatory : users.member;
    const membership = await membershipOf(target.id, org.id);
    await expectRefused(who, typename, 'removeMember', REMOVE, { id: globalId('Membership', membership.id) });
  });

  it('is ConflictError when the last ORG_ADMIN would leave, and stores nothing', async () => {
    const membership = await membershipOf(users.orgAdmin.id, org.id);
    await expectRefused('orgAdmin', 'ConflictError', 'removeMember', REMOVE, { id: globalId('Membership', membership.id) });
  });

  it('is NotFoundError for a membership that does not exist', async () => {
    const res = await gql(REMOVE, { id: globalId('Membership', 'no-such-membership') }, as('orgAdmin'));
    expectTypedError(res, 'removeMember', 'NotFoundError');
  });
});

describe('unexpected errors', () => {
  // A NUL byte passes the slug's validation but PostgreSQL refuses it: a server-side failure, not a typed error.
  const QUERY = `query ($slug: String!) { organization(slug: $slug) { id } }`;
  const variables = { slug: 'caspian\u0000customs' };

  it('are masked in production', async () => {
    const res = await gql(QUERY, variables);
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ organization: null });
    expect(res.errors).toEqual([
      { message: 'Unexpected error.', locations: [{ line: 1, column: 26 }], path: ['organization'], extensions: { code: 'INTERNAL_SERVER_ERROR' } },
    ]);
    expect(JSON.stringify(res)).not.toMatch(/prisma|invocation|byte sequence|stack/i);
  });

  it('carry the original error outside production (so the test above does trigger a real failure)', async () => {
    const dev = graphqlClient(t, { production: false });
    const res = await dev.gql(QUERY, variables);
    expect(res.errors?.[0].message).toBe('Unexpected error.');
    expect(JSON.stringify(res.errors?.[0].extensions?.originalError)).toMatch(/byte sequence/);
  });
});
