// Talk to the GraphQL API the way a client does: HTTP POSTs to /graphql, through yoga.fetch (no network).
import { createLogger } from '../../app/logger.server';
import { sessionCookie } from '../../app/auth/session.server';
import { signIn } from '../../app/domain/auth.server';
import { createGraphQLServer } from '../../graphql/yoga.server';
import type { TestDatabase } from './db';
import { PASSWORD } from './fixtures';
import { useTestServices } from './services';

export type GraphQLResponse<T = any> = {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  /** The HTTP status of the response. */
  status: number;
};

export type GqlOptions = { token?: string; acceptLanguage?: string };

/** A yoga server over the test database, as it runs in production unless told otherwise. */
export function graphqlClient(t: TestDatabase, { production = true }: { production?: boolean } = {}) {
  useTestServices(t.db);
  const yoga = createGraphQLServer({ logger: createLogger('silent'), production });

  async function gql<T = any>(query: string, variables?: Record<string, unknown>, { token, acceptLanguage }: GqlOptions = {}): Promise<GraphQLResponse<T>> {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' };
    if (token) headers.cookie = await cookieHeader(token);
    if (acceptLanguage) headers['accept-language'] = acceptLanguage;
    const response = await yoga.fetch('http://localhost/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    const text = await response.text();
    let body: Omit<GraphQLResponse<T>, 'status'>;
    try {
      // A JSON round-trip: graphql-js results have null prototypes, which toEqual would otherwise trip over.
      body = JSON.parse(text);
    } catch {
      throw new Error(`GraphQL responded ${response.status} with a body that is not JSON: ${text.slice(0, 500)}`);
    }
    return { ...body, status: response.status };
  }

  return { yoga, gql };
}

/** The Cookie header a browser would send for this session token. */
export async function cookieHeader(token: string): Promise<string> {
  const setCookie = await sessionCookie().serialize(token);
  return setCookie.split(';')[0];
}

/** Sign a fixture user in (their password is fixtures.PASSWORD) and return the session token for gql({ token }). */
export async function signInAs(t: TestDatabase, user: { email: string }): Promise<string> {
  const { token } = await signIn({ db: t.db, actor: { kind: 'anonymous' }, meta: { ip: '203.0.113.7' } }, { email: user.email, password: PASSWORD });
  return token;
}

/** Encode a Relay global ID the way Pothos does: base64("Type:id"). */
export const globalId = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');
