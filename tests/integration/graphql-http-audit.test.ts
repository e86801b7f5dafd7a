// GraphQL over HTTP conformance, judged by an outside referee: graphql-http's server audits (the reference
// implementation's own checks of the GraphQL-over-HTTP specification) against /graphql of the real server, started
// in this process as server.js starts it. Every MUST audit passes; SHOULD and MAY results are printed.
// The audits send anonymous requests (no session cookie). A signed-in script that sends the CSRF header gets the same
// answers, while the same request without the header is still refused: conformance costs no CSRF protection.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type AuditResult, serverAudits } from 'graphql-http';
import { type ViteDevServer, createServer as createVite } from 'vite';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startEmbeddedPostgres } from '../../app/db/embedded-postgres.js';
import type * as PlatformModule from '../../app/platform.server';
import { CSRF_HEADERS } from '../../graphql/yoga.server';
import { type TestDatabase, createTestDatabase, testTarget } from '../helpers/db';

const root = process.cwd();
let vite: ViteDevServer;
let platform: PlatformModule.Platform;
let httpServer: http.Server;
let database: TestDatabase | undefined;
let url: string;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ic-graphql-http-'));

beforeAll(async () => {
  vite = await createVite({ root, server: { middlewareMode: true, hmr: false, watch: null }, appType: 'custom', logLevel: 'silent' });
  // Loaded once, as server.js does: loading it again would build a second GraphQL schema on the same builder.
  const mod = (await vite.ssrLoadModule('./app/platform.server.ts')) as typeof PlatformModule;
  if (testTarget() === 'postgres') database = await createTestDatabase();
  const config = mod.loadConfig({
    NODE_ENV: 'production',
    DATA_DIR: dataDir,
    SEED_DEMO_DATA: 'never',
    LOG_LEVEL: 'silent',
    SESSION_SECRET: 's'.repeat(40),
    ...(database ? { DATABASE_URL: database.url } : {}),
  });
  httpServer = http.createServer();
  platform = await mod.startPlatform({
    httpServer,
    config,
    root,
    startEmbedded: () => startEmbeddedPostgres({ loadFrom: inject('pgliteTemplate') }),
    dev: { middlewares: vite.middlewares, loadBuild: () => vite.ssrLoadModule('virtual:react-router/server-build') as never },
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}/graphql`;
}, 120_000);

afterAll(async () => {
  httpServer?.closeAllConnections();
  await new Promise((resolve) => (httpServer?.listening ? httpServer.close(resolve) : resolve(undefined)));
  await platform?.close();
  await vite?.close();
  await database?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

type Fetch = typeof fetch;

/** Run every server audit with this fetch; the results, and a printed summary of what is not plainly ok. */
async function audit(label: string, fetchFn: Fetch) {
  const results: AuditResult[] = [];
  for (const { fn } of serverAudits({ url: () => url, fetchFn })) results.push(await fn());
  const level = (r: AuditResult) => r.name.split(' ')[0];
  const summary = ['MUST', 'SHOULD', 'MAY'].map((l) => {
    const of = results.filter((r) => level(r) === l);
    return `${l} ${of.filter((r) => r.status === 'ok').length}/${of.length} ok`;
  });
  const notOk = results.filter((r) => r.status !== 'ok').map((r) => `  ${r.status}: ${r.name} (${'reason' in r ? r.reason : ''})`);
  console.info(`graphql-http server audits, ${label}: ${summary.join(', ')}${notOk.length ? `\n${notOk.join('\n')}` : ''}`);
  return results;
}

/** A signed-in user's Cookie header, made through the server's own modules. */
async function signedInCookie() {
  const fixtures = await vite.ssrLoadModule('./tests/helpers/fixtures.ts');
  const auth = await vite.ssrLoadModule('./app/domain/auth.server.ts');
  const session = await vite.ssrLoadModule('./app/auth/session.server.ts');
  const db = platform.database.db;
  const user = await fixtures.makeUser(db);
  const { token } = await auth.signIn({ db, actor: { kind: 'anonymous' }, meta: { ip: '203.0.113.9' } }, { email: user.email, password: fixtures.PASSWORD });
  return ((await session.sessionCookie().serialize(token)) as string).split(';')[0];
}

/** A fetch that adds headers to every request the audits make. */
const withHeaders =
  (extra: Record<string, string>): Fetch =>
  (input, init) => {
    const headers = new Headers(init?.headers);
    for (const [name, value] of Object.entries(extra)) headers.set(name, value);
    return fetch(input, { ...init, headers });
  };

describe('GraphQL over HTTP (graphql-http server audits)', { timeout: 120_000 }, () => {
  it('passes every MUST audit for anonymous requests', async () => {
    const results = await audit('anonymous', fetch);
    expect(results.length).toBeGreaterThan(30);
    const failedMusts = results.filter((r) => r.name.startsWith('MUST') && r.status !== 'ok').map((r) => `${r.name}: ${'reason' in r ? r.reason : ''}`);
    expect(failedMusts).toEqual([]);
  });

  it('passes every MUST audit for a signed-in script that sends the CSRF header, and still refuses one that does not', async () => {
    const cookie = await signedInCookie();
    const results = await audit('signed in, with the CSRF header', withHeaders({ cookie, [CSRF_HEADERS[0]]: '1' }));
    const failedMusts = results.filter((r) => r.name.startsWith('MUST') && r.status !== 'ok').map((r) => `${r.name}: ${'reason' in r ? r.reason : ''}`);
    expect(failedMusts).toEqual([]);

    // The cookie alone, in a request a form on another site could send (a GET with the query in the address), is
    // refused before anything runs: the header is what the audits above needed, not a loosening of the rule.
    const forged = await fetch(`${url}?query=${encodeURIComponent('{ viewer { id email } }')}`, { headers: { cookie } });
    expect(forged.status).toBe(403);
    expect(await forged.text()).not.toContain('email":"');
    // And the same user's header-bearing request is answered as that user.
    const scripted = await fetch(`${url}?query=${encodeURIComponent('{ viewer { id } }')}`, {
      headers: { cookie, [CSRF_HEADERS[0]]: '1', accept: 'application/graphql-response+json' },
    });
    expect(scripted.status).toBe(200);
    expect((await scripted.json()).data.viewer).toMatchObject({ id: expect.any(String) });
  });
});
