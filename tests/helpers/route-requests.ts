// Calling route loaders and actions as a browser would, signed in by a session cookie: requests, the arguments
// React Router passes, and the Response a loader returns or throws. Shared by the page tests.
import { sessionCookie } from '../../app/auth/session.server';
import type { Db } from '../../app/db/client.server';
import { signIn } from '../../app/domain/auth.server';
import { PASSWORD } from './fixtures';

export const BASE = 'http://localhost:3000';

export const routeArgs = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} }) as never;

/** The Response a loader or action returned or threw. */
export async function respond(work: () => Promise<unknown>): Promise<Response> {
  try {
    const result = await work();
    if (result instanceof Response) return result;
    throw new Error(`expected a Response, got ${JSON.stringify(result)}`);
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
}

/** What an action returned with data(): its payload and status. */
export function payload<T = any>(result: unknown): { data: T; status: number } {
  const value = result as { data?: T; init?: ResponseInit | null; type?: string };
  if (value && value.type === 'DataWithResponseInit') return { data: value.data as T, status: value.init?.status ?? 200 };
  return { data: result as T, status: 200 };
}

/** GET and POST requests for signed-in users (cookies cached per email) from one client address. */
export function routeRequests(db: () => Db, clientIp: string) {
  const cookies = new Map<string, string>();
  async function cookieOf(user: { email: string }) {
    const known = cookies.get(user.email);
    if (known) return known;
    const { token } = await signIn({ db: db(), actor: { kind: 'anonymous' } }, { email: user.email, password: PASSWORD });
    const cookie = (await sessionCookie().serialize(token)).split(';')[0];
    cookies.set(user.email, cookie);
    return cookie;
  }
  const get = async (pathname: string, user?: { email: string }) =>
    new Request(`${BASE}${pathname}`, { headers: user ? { cookie: await cookieOf(user) } : {} });
  /** A form as a browser without JavaScript posts it (repeated fields for checkboxes). */
  const post = async (pathname: string, user: { email: string }, fields: Record<string, string | string[]>) => {
    const body = new URLSearchParams();
    for (const [key, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
    return new Request(`${BASE}${pathname}`, { method: 'POST', body, headers: { cookie: await cookieOf(user), 'x-ic-client-ip': clientIp } });
  };
  return { cookieOf, get, post };
}
