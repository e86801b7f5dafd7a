// GraphQL at the protocol level: every limit trips at its threshold and not below, with a clear GraphQL error (400
// for application/graphql-response+json, 200 for application/json, never 5xx); a body over the limit is 413;
// resolving stops when the client hangs up; cookie-authenticated requests must be JSON or carry a CSRF header;
// credentialed CORS only for configured origins; and a mutation that selects only __typename answers its result.
import { GraphQLObjectType, GraphQLInt, GraphQLList, GraphQLSchema, GraphQLNonNull } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { createLogger } from '../../app/logger.server';
import { createGraphQLServer, GRAPHQL_LIMITS, estimateListItems } from '../../graphql/yoga.server';
import { schema } from '../../graphql/schema/index';
import { parse } from 'graphql';
import { type TestDatabase, createTestDatabase } from '../helpers/db';
import { makeUser } from '../helpers/fixtures';
import { cookieHeader, graphqlClient, signInAs } from '../helpers/graphql';
import { useTestServices } from '../helpers/services';

let t: TestDatabase;
let yoga: ReturnType<typeof graphqlClient>['yoga'];
let gql: ReturnType<typeof graphqlClient>['gql'];
let cookie: string;

beforeAll(async () => {
  t = await createTestDatabase();
  ({ yoga, gql } = graphqlClient(t));
  cookie = await cookieHeader(await signInAs(t, await makeUser(t.db)));
});
afterAll(async () => t?.close());

/** POST a query as a GraphQL-over-HTTP client does: request errors are then 400 (application/json clients get 200). */
async function gqlSpec(query: string, variables?: Record<string, unknown>) {
  const response = await yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = JSON.parse(await response.text()) as { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
  return { ...body, status: response.status };
}

const messages = (res: { errors?: { message: string }[] }) => (res.errors ?? []).map((e) => e.message).join('\n');

/** A chain of `depth` nested fields: pledges → edges → node → signatures → edges → node → pledge → signatures → … */
function nested(depth: number, first = 1) {
  const objects = [`pledges(first: ${first})`, 'edges', 'node'];
  while (objects.length < depth) objects.push(`signatures(first: ${first})`, 'edges', 'node', 'pledge');
  const chain = objects.slice(0, depth - 1);
  return `{ ${chain.map((f) => `${f} {`).join(' ')} __typename ${'}'.repeat(chain.length)} }`;
}

async function post(body: BodyInit, headers: Record<string, string>) {
  const response = await yoga.fetch('http://localhost/graphql', { method: 'POST', headers, body });
  return { status: response.status, text: await response.text(), headers: response.headers };
}

describe('limits trip at their threshold, not below', () => {
  it('depth', async () => {
    const ok = await gqlSpec(nested(GRAPHQL_LIMITS.maxDepth));
    expect(messages(ok)).not.toMatch(/depth/i);
    expect(ok.status).toBe(200);
    const refused = await gqlSpec(nested(GRAPHQL_LIMITS.maxDepth + 1));
    expect(refused.status).toBe(400);
    expect(refused.data ?? null).toBeNull();
    expect(messages(refused)).toContain(`Query depth limit of ${GRAPHQL_LIMITS.maxDepth} exceeded, found ${GRAPHQL_LIMITS.maxDepth + 1}`);
  });

  it('introspection is exempt from the depth limit (GraphiQL loads the schema)', async () => {
    const types = `fields { type { ofType { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } }`;
    const res = await gqlSpec(`{ __schema { types { ${types} } } }`);
    expect(res.errors).toBeUndefined();
  });

  it('aliases', async () => {
    // Aliases of __typename are free (Armor's allow list): these alias a real field.
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: viewer { id }`).join(' ')} }`;
    expect(messages(await gqlSpec(aliases(GRAPHQL_LIMITS.maxAliases)))).toBe('');
    const refused = await gqlSpec(aliases(GRAPHQL_LIMITS.maxAliases + 1));
    expect(refused.status).toBe(400);
    expect(messages(refused)).toMatch(/Aliases limit of 15 exceeded/);
  });

  it('directives', async () => {
    const directives = (n: number) => `{ ${'__typename @include(if: true) '.repeat(n)} }`;
    expect(messages(await gqlSpec(directives(GRAPHQL_LIMITS.maxDirectives)))).toBe('');
    const refused = await gqlSpec(directives(GRAPHQL_LIMITS.maxDirectives + 1));
    expect(refused.status).toBe(400);
    expect(messages(refused)).toMatch(/Directives limit of 20 exceeded/);
  });

  it('tokens', async () => {
    // { nodes ( ids : [ "a" … ] ) { __typename } }: 12 tokens and one per id. (Not 2,000 repeated fields: graphql-js
    // aborts comparing that many overlapping fields, a protection of its own.)
    const tokens = (n: number) => `{ nodes(ids: [${'"a" '.repeat(n - 12)}]) { __typename } }`;
    expect(messages(await gqlSpec(tokens(GRAPHQL_LIMITS.maxTokens)))).not.toMatch(/Token limit/);
    const refused = await gqlSpec(tokens(GRAPHQL_LIMITS.maxTokens + 1));
    expect(refused.status).toBe(400);
    expect(messages(refused)).toMatch(/Token limit of 2000 exceeded/);
  });

  it('cost', async () => {
    // organizations(first: 1000) × (2 for the connection + 2 for edges + 2 for node + 1 per scalar selected). (Such a
    // page is then refused by the schema's page-size check: only the cost limit is probed here.)
    const cost = (scalars: number) => `{ organizations(first: 1000) { edges { node { ${'name '.repeat(scalars)}} } } }`;
    const scalarsAtLimit = GRAPHQL_LIMITS.maxCost / 1000 - 6;
    expect(messages(await gqlSpec(cost(scalarsAtLimit)))).not.toMatch(/Cost limit/);
    const refused = await gqlSpec(cost(scalarsAtLimit + 1));
    expect(refused.status).toBe(400);
    expect(messages(refused)).toMatch(new RegExp(`Query Cost limit of ${GRAPHQL_LIMITS.maxCost} exceeded, found ${GRAPHQL_LIMITS.maxCost + 1000}`));
  });

  it('list items, counting page sizes given as variables', async () => {
    const query = `query ($a: Int, $b: Int) { pledges(first: $a) { edges { node { signatures(first: $b) { edges { cursor } } } } } }`;
    // a + a × b items: 100 + 100 × 99 = 10,000 is the limit itself.
    expect(estimateListItems(schema, parse(query), undefined, { a: 100, b: 99 })).toBe(GRAPHQL_LIMITS.maxListItems);
    const ok = await gqlSpec(query, { a: 100, b: 99 });
    expect(messages(ok)).not.toMatch(/list items/);
    const refused = await gqlSpec(query, { a: 100, b: 100 });
    expect(refused.status).toBe(400);
    expect(refused.errors?.[0].extensions?.code).toBe('QUERY_TOO_LARGE');
    expect(messages(refused)).toMatch(/about 10,100 list items; the limit is 10,000/);
  });

  it('a refusal is 200 with an errors list for a client that asked for application/json', async () => {
    const res = await post(JSON.stringify({ query: nested(GRAPHQL_LIMITS.maxDepth + 1) }), { 'content-type': 'application/json', accept: 'application/json' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text).errors[0].message).toMatch(/depth limit/);
  });
});

describe('the hostile queries of issue 6', () => {
  it('refuses a Pledge → signatures → pledge cycle', async () => {
    const res = await gqlSpec(nested(24, 100));
    expect(res.status).toBe(400);
    expect(messages(res)).toMatch(/depth limit|Cost limit/);
  });

  it('refuses 10,000 aliases (too large a body) and 1,000 (too many tokens, before validating)', async () => {
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: viewer { id }`).join(' ')} }`;
    const huge = await gqlSpec(aliases(10_000));
    expect(huge.status).toBe(413);
    expect(messages(huge)).toMatch(/too large/i);
    const many = await gqlSpec(aliases(1_000));
    expect(many.status).toBe(400);
    expect(messages(many)).toMatch(/Token limit of 2000 exceeded/);
  });

  it('refuses a huge page size, literal or in a variable', async () => {
    const literal = await gqlSpec(`{ pledges(first: 2147483647) { edges { node { id } } } }`);
    expect(literal.status).toBe(400);
    expect(messages(literal)).toMatch(/Cost limit|list items/);
    const variable = await gqlSpec(`query ($n: Int) { pledges(first: $n) { edges { node { id } } } }`, { n: 2147483647 });
    expect(variable.status).toBe(400);
    expect(messages(variable)).toMatch(/list items/);
  });

  it('answers 413 to a 10 MB body without reading it all', async () => {
    const body = JSON.stringify({ query: `{ __typename }`, variables: { junk: 'x'.repeat(10 * 1024 * 1024) } });
    const res = await post(body, { 'content-type': 'application/json', 'content-length': String(body.length) });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.text).errors[0]).toMatchObject({
      message: `The request body is too large: the limit is ${GRAPHQL_LIMITS.maxBodyBytes.toLocaleString('en')} bytes.`,
      extensions: { code: 'REQUEST_ENTITY_TOO_LARGE' },
    });
    // Also when the length is not announced (a chunked upload).
    const stream = new Blob([body]).stream();
    const response = await yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
  });

  it('accepts a body just under the limit', async () => {
    const padding = GRAPHQL_LIMITS.maxBodyBytes - 200;
    const res = await post(JSON.stringify({ query: '{ __typename }', variables: { junk: 'x'.repeat(padding) } }), { 'content-type': 'application/json' });
    expect(res.status).toBe(200);
  });
});

describe('field suggestions', () => {
  it('are hidden from anonymous callers and shown to signed-in ones', async () => {
    const anonymous = await gql(`{ pledgez { __typename } }`);
    expect(messages(anonymous)).toMatch(/Cannot query field "pledgez"/);
    expect(messages(anonymous)).not.toMatch(/Did you mean/);
    const res = await post(JSON.stringify({ query: `{ pledgez { __typename } }` }), { 'content-type': 'application/json', cookie });
    expect(res.text).toMatch(/Did you mean .*pledges/);
  });
});

describe('cancellation', () => {
  it('stops resolving when the client disconnects', async () => {
    // A schema whose list resolves one slow item after another, served with the real server's plugins.
    let resolved = 0;
    const Item = new GraphQLObjectType({ name: 'Item', fields: { n: { type: GraphQLInt, resolve: (n: number) => n } } });
    const slow = new GraphQLSchema({
      query: new GraphQLObjectType({
        name: 'Query',
        fields: {
          items: {
            type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(Item))),
            resolve: async function* () {
              for (let i = 0; i < 100; i++) {
                await new Promise((r) => setTimeout(r, 20));
                resolved++;
                yield i;
              }
            },
          },
        },
      }),
    });
    useTestServices(t.db);
    const server = createGraphQLServer({ logger: createLogger('silent'), production: true, schema: slow });
    const controller = new AbortController();
    const pending = Promise.resolve(
      server.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ items { n } }' }),
        signal: controller.signal,
      }),
    ).catch((error: unknown) => error);
    await new Promise((r) => setTimeout(r, 150));
    controller.abort();
    await pending;
    const atAbort = resolved;
    await new Promise((r) => setTimeout(r, 400));
    // Without cancellation all 100 items resolve (about 2 s of work); with it, none after the hang-up but those in flight.
    expect(atAbort).toBeLessThan(100);
    expect(resolved - atAbort).toBeLessThanOrEqual(1);
  });
});

describe('CSRF and CORS', () => {
  const CREATE = `mutation { createOrganization(input: { name: "Forged Organisation", kind: PARTNER, country: "KZ" }) { __typename } }`;
  const forged = () => t.db.organization.count({ where: { name: 'Forged Organisation' } });

  it.each([
    ['application/x-www-form-urlencoded', new URLSearchParams({ query: CREATE }).toString()],
    ['text/plain', JSON.stringify({ query: CREATE })],
  ])('refuses a %s POST that carries a session cookie, and stores nothing', async (type, body) => {
    const res = await post(body, { 'content-type': type, cookie, origin: 'http://evil.example' });
    expect(res.status).toBe(403);
    expect(res.text).toMatch(/must be sent as JSON/);
    expect(await forged()).toBe(0);
  });

  it('refuses a multipart form POST (no uploads exist), and stores nothing', async () => {
    const form = new FormData();
    form.set('operations', JSON.stringify({ query: CREATE }));
    form.set('map', '{}');
    const response = await yoga.fetch('http://localhost/graphql', { method: 'POST', headers: { cookie }, body: form });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(await forged()).toBe(0);
  });

  it('refuses a GET with a session cookie and no CSRF header, and accepts one with it', async () => {
    const url = `http://localhost/graphql?query=${encodeURIComponent('{ viewer { email } }')}`;
    expect((await yoga.fetch(url, { headers: { cookie } })).status).toBe(403);
    const withHeader = await yoga.fetch(url, { headers: { cookie, 'x-graphql-yoga-csrf': '1' } });
    expect(withHeader.status).toBe(200);
    expect((await withHeader.json()).data.viewer.email).toMatch(/@example.test$/);
    // Anonymous GETs (scripts, curl) need no header: they carry no authority.
    expect((await yoga.fetch(`http://localhost/graphql?query=${encodeURIComponent('{ __typename }')}`)).status).toBe(200);
  });

  it('never reflects an unknown Origin, and allows a configured one with credentials', async () => {
    const config = useTestServices(t.db);
    config.corsOrigins = ['https://partner.example'];
    const ask = (origin: string) =>
      yoga.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin, cookie },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
    const evil = await ask('http://evil.example');
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    expect(evil.headers.get('access-control-allow-credentials')).toBeNull();
    const preflight = await yoga.fetch('http://localhost/graphql', {
      method: 'OPTIONS',
      headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const partner = await ask('https://partner.example');
    expect(partner.headers.get('access-control-allow-origin')).toBe('https://partner.example');
    expect(partner.headers.get('access-control-allow-credentials')).toBe('true');
    config.corsOrigins = [];
  });
});

describe('logs', () => {
  it('stay quiet for expected errors: refusals, bad arguments and validation errors log nothing at warn or above', async () => {
    const lines: { level: number; msg: string }[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    useTestServices(t.db);
    const server = createGraphQLServer({ logger, production: true });
    for (const query of [
      nested(GRAPHQL_LIMITS.maxDepth + 1),
      '{ nope }',
      '{ pledges(first: 500) { edges { node { id } } } }',
      '{ organizations(first: 5, country: "QQ") { totalCount } }',
    ]) {
      const response = await server.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
      expect(response.status).toBeLessThan(500);
      expect((await response.json()).errors?.length).toBeGreaterThan(0);
    }
    expect(lines.filter((line) => line.level >= 40)).toEqual([]);
  });

  it('log an unexpected error once, with its stack, and mask it for the client', async () => {
    const lines: { level: number; msg: string; err?: { stack?: string } }[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    const broken = new GraphQLSchema({
      query: new GraphQLObjectType({
        name: 'Query',
        fields: {
          boom: {
            type: GraphQLInt,
            resolve: () => {
              throw new Error('database on fire');
            },
          },
        },
      }),
    });
    const server = createGraphQLServer({ logger, production: true, schema: broken });
    const response = await server.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ boom }' }),
    });
    expect((await response.json()).errors[0].message).toBe('Unexpected error.');
    const errors = lines.filter((line) => line.level >= 40);
    expect(errors).toHaveLength(1);
    expect(errors[0].err?.stack).toMatch(/database on fire/);
  });
});

describe('a mutation selecting only __typename', () => {
  it('answers its typed result, and writes once', async () => {
    const before = await t.db.organization.count();
    const res = await post(
      JSON.stringify({ query: `mutation { createOrganization(input: { name: "Typename Only Union", kind: PARTNER, country: "KZ" }) { __typename } }` }),
      {
        'content-type': 'application/json',
        cookie,
      },
    );
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ data: { createOrganization: { __typename: 'MutationCreateOrganizationSuccess' } } });
    expect(await t.db.organization.count()).toBe(before + 1);

    const fragment = await post(
      JSON.stringify({
        query: `mutation { createOrganization(input: { name: "Typename Fragment Union", kind: PARTNER, country: "KZ" }) { ... on MutationCreateOrganizationSuccess { __typename data { __typename } } } }`,
      }),
      { 'content-type': 'application/json', cookie },
    );
    expect(JSON.parse(fragment.text)).toEqual({
      data: { createOrganization: { __typename: 'MutationCreateOrganizationSuccess', data: { __typename: 'Organization' } } },
    });
  });
});
