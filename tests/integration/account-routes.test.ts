// The account pages' loaders and actions, called as React Router calls them: redirect targets, Origin checks, the
// invitation 404, the two-step sign-in, and one session lookup per HTTP request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as OTPAuth from 'otpauth';
import { currentRequestScope, runInRequestScope } from '../../app/auth/request-scope.server';
import { forgetRequestAuth, getRequestAuth, sessionCookie } from '../../app/auth/session.server';
import type { Db } from '../../app/db/client.server';
import { signIn } from '../../app/domain/auth.server';
import { enableTwoFactor, newTwoFactorSecret } from '../../app/domain/two-factor.server';
import { setServices, services } from '../../app/services.server';
import { action as localeAction } from '../../app/routes/locale';
import { loader as invitationLoader } from '../../app/routes/invitation';
import { action as signinAction, loader as signinLoader } from '../../app/routes/signin';
import { action as signoutAction } from '../../app/routes/signout';
import { action as twoFactorAction } from '../../app/routes/signin.two-factor';
import { type TestDatabase, createTestDatabase } from '../helpers/db';
import { PASSWORD, ctxFor, makeUser } from '../helpers/fixtures';
import { useTestServices } from '../helpers/services';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  useTestServices(t.db);
});
afterAll(async () => {
  setServices(undefined);
  await t?.close();
});

const BASE = 'http://localhost:3000';
const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} }) as never;

function post(path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return new Request(`${BASE}${path}`, { method: 'POST', body: new URLSearchParams(fields), headers: { 'x-ic-client-ip': '198.51.100.90', ...headers } });
}

/** Run a route function, returning the Response it returned or threw. */
async function respond(work: () => Promise<unknown>): Promise<Response> {
  try {
    const result = await work();
    if (result instanceof Response) return result;
    throw new Error(`expected a Response, got ${JSON.stringify(result)}`);
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
}

async function cookieFor(token: string) {
  return (await sessionCookie().serialize(token)).split(';')[0];
}

describe('redirect targets after signing in', () => {
  it.each([
    ['/\t/evil.example', 'the issue’s %2F%09%2Fevil.example, decoded: a tab the browser drops'],
    ['/\n/evil.example', 'a line break the browser drops'],
    ['//evil.example', 'a protocol-relative address'],
    ['/\\evil.example', 'a backslash browsers read as a slash'],
    ['/a/..//evil.example', 'a path that normalises to //'],
    ['https://evil.example/', 'an absolute address'],
    ['/dashboard\r\nSet-Cookie: x=y', 'a header injection'],
  ])('stays on the site for %j (%s)', async (target) => {
    const user = await makeUser(t.db);
    const response = await respond(() => signinAction(args(post('/signin', { email: user.email, password: PASSWORD, redirectTo: target }))));
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe('/dashboard');
    expect(await t.db.session.count({ where: { userId: user.id } })).toBe(1);
  });

  it('keeps a path on this site, and the sign-in page never offers a foreign target', async () => {
    const user = await makeUser(t.db);
    const response = await respond(() => signinAction(args(post('/signin', { email: user.email, password: PASSWORD, redirectTo: '/pledges/x?tab=1' }))));
    expect(response.headers.get('Location')).toBe('/pledges/x?tab=1');
    // A still-encoded tab is an ordinary (odd) path on this site.
    const encoded = await respond(() => signinAction(args(post('/signin', { email: user.email, password: PASSWORD, redirectTo: '/%09/evil.example' }))));
    expect(encoded.headers.get('Location')).toBe('/%09/evil.example');
    const page = await signinLoader(args(new Request(`${BASE}/signin?redirectTo=%2F%09%2Fevil.example`)));
    expect(page.redirectTo).toBe('/dashboard');
  });
});

describe('sign-out and language: same-origin posts only', () => {
  it('refuses a cross-origin sign-out with 403 and keeps the session', async () => {
    const user = await makeUser(t.db);
    const { token } = await signIn({ db: t.db, actor: { kind: 'anonymous' }, meta: { ip: '198.51.100.91' } }, { email: user.email, password: PASSWORD });
    const cookie = await cookieFor(token);
    const forged = await respond(() => signoutAction(args(post('/signout', {}, { cookie, origin: 'http://localhost:4000' }))));
    expect(forged.status).toBe(403);
    const sneaky = await respond(() => signoutAction(args(post('/signout', {}, { cookie, 'sec-fetch-site': 'cross-site' }))));
    expect(sneaky.status).toBe(403);
    expect(await t.db.session.count({ where: { userId: user.id, revokedAt: null } })).toBe(1);
    const own = await respond(() => signoutAction(args(post('/signout', {}, { cookie, origin: BASE }))));
    expect(own.status).toBe(302);
    expect(await t.db.session.count({ where: { userId: user.id, revokedAt: null } })).toBe(0);
  });

  it('refuses a cross-origin language change with 403', async () => {
    const user = await makeUser(t.db);
    const { token } = await signIn({ db: t.db, actor: { kind: 'anonymous' }, meta: { ip: '198.51.100.92' } }, { email: user.email, password: PASSWORD });
    const cookie = await cookieFor(token);
    const forged = await respond(() => localeAction(args(post('/locale', { locale: 'ru', redirectTo: '/' }, { cookie, origin: 'https://evil.example' }))));
    expect(forged.status).toBe(403);
    expect((await t.db.user.findUniqueOrThrow({ where: { id: user.id } })).locale).toBeNull();
    const own = await respond(() => localeAction(args(post('/locale', { locale: 'ru', redirectTo: '/\t/evil.example' }, { cookie, origin: BASE }))));
    expect(own.headers.get('Location')).toBe('/');
    expect((await t.db.user.findUniqueOrThrow({ where: { id: user.id } })).locale).toBe('ru');
  });
});

describe('invitation links', () => {
  it('answers 404 for a link that cannot be used', async () => {
    const result = (await invitationLoader(
      args(new Request(`${BASE}/invitations/not-a-real-token-at-all`), { token: 'not-a-real-token-at-all' }),
    )) as unknown as {
      data: { invitation: null };
      init: { status: number };
    };
    expect(result.init.status).toBe(404);
    expect(result.data.invitation).toBeNull();
  });
});

describe('two-step sign-in through the pages', () => {
  it('sets a pending cookie (no session), then signs in with the code', async () => {
    const user = await makeUser(t.db);
    const secret = newTwoFactorSecret();
    const setupAt = Date.now() - 30_000;
    const code = (at: number) => OTPAuth.TOTP.generate({ secret: OTPAuth.Secret.fromBase32(secret), timestamp: at });
    await enableTwoFactor({ ...(await ctxFor(t.db, user.id)), now: () => new Date(setupAt) }, user.id, { secret, code: code(setupAt) });
    const first = await respond(() => signinAction(args(post('/signin', { email: user.email, password: PASSWORD, redirectTo: '/settings' }))));
    expect(first.headers.get('Location')).toBe('/signin/two-factor');
    expect(first.headers.get('Set-Cookie')).toMatch(/^ic_2fa=/);
    expect(await t.db.session.count({ where: { userId: user.id } })).toBe(0);
    const pending = first.headers.get('Set-Cookie')!.split(';')[0];

    // Without the cookie the step cannot be taken.
    const without = (await twoFactorAction(args(post('/signin/two-factor', { code: code(Date.now()) })))) as unknown as { init: { status: number } };
    expect(without.init.status).toBe(401);
    const done = await respond(() => twoFactorAction(args(post('/signin/two-factor', { code: code(Date.now()) }, { cookie: pending }))));
    expect(done.status).toBe(302);
    expect(done.headers.get('Location')).toBe('/settings');
    const cookies = done.headers.getSetCookie();
    expect(cookies.some((c) => c.startsWith('ic_session='))).toBe(true);
    expect(cookies.some((c) => c.startsWith('ic_2fa=;') && /Max-Age=0/.test(c))).toBe(true);
    expect(await t.db.session.count({ where: { userId: user.id } })).toBe(1);
  });
});

describe('the session is resolved once per HTTP request', () => {
  it('shares one lookup between the action, the root loader and the page loader (different Request objects)', async () => {
    const user = await makeUser(t.db);
    const { token } = await signIn({ db: t.db, actor: { kind: 'anonymous' }, meta: { ip: '198.51.100.93' } }, { email: user.email, password: PASSWORD });
    const cookie = await cookieFor(token);
    let lookups = 0;
    const counting = t.db.$extends({
      query: {
        session: {
          async findUnique({ args: a, query }) {
            lookups++;
            return query(a);
          },
        },
      },
    }) as unknown as Db;
    const original = services();
    setServices({ ...original, db: counting });
    try {
      // As React Router does: one Request for the action, new ones for the loaders.
      const requests = [
        post('/settings', {}, { cookie }),
        new Request(`${BASE}/settings`, { headers: { cookie } }),
        new Request(`${BASE}/settings`, { headers: { cookie } }),
      ];
      await runInRequestScope(async () => {
        expect(currentRequestScope()).toBeDefined();
        const auths = await Promise.all(requests.map((r) => getRequestAuth(r)));
        expect(auths.every((a) => a.user?.id === user.id)).toBe(true);
      });
      expect(lookups).toBe(1);
      // A new HTTP request looks again; so does one whose action changed the user (forgetRequestAuth).
      await runInRequestScope(async () => {
        await getRequestAuth(requests[1]);
        forgetRequestAuth(requests[1]);
        await getRequestAuth(requests[2]);
      });
      expect(lookups).toBe(3);
      // Different cookies in one scope never share.
      await runInRequestScope(async () => {
        const anonymousAuth = await getRequestAuth(new Request(`${BASE}/`));
        expect(anonymousAuth.user).toBeNull();
        expect((await getRequestAuth(requests[0])).user?.id).toBe(user.id);
      });
    } finally {
      setServices(original);
    }
  });
});
