// The HTTP layer of the one server process, started in this process the way server.js does (Vite for the pages):
// hostile GraphQL requests answered with clear errors while a page still loads, security headers, compression,
// CORS and CSRF, forwarded headers trusted only with TRUST_PROXY, statement timeouts and /readyz.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { io } from 'socket.io-client';
import { type ViteDevServer, createServer as createVite } from 'vite';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startEmbeddedPostgres } from '../../app/db/embedded-postgres.js';
import type * as PlatformModule from '../../app/platform.server';
import { type TestDatabase, createTestDatabase, testTarget } from '../helpers/db';

const root = process.cwd();
let vite: ViteDevServer;
/** Loaded once, as server.js does: loading it again would build a second GraphQL schema on the same builder. */
let mod: typeof PlatformModule;
const databases: TestDatabase[] = [];
const dirs: string[] = [];

beforeAll(async () => {
  // No file watching: a file saved during the run must not reload half the modules (the schema would be built twice).
  vite = await createVite({ root, server: { middlewareMode: true, hmr: false, watch: null }, appType: 'custom', logLevel: 'silent' });
  mod = (await vite.ssrLoadModule('./app/platform.server.ts')) as typeof PlatformModule;
});
afterAll(async () => {
  await vite?.close();
  for (const t of databases) await t.close();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

type Server = { base: string; platform: PlatformModule.Platform; close(): Promise<void> };

/** Start the platform with this environment on a free port, on a fresh database of the test target. */
async function startServer(env: Record<string, string>): Promise<Server> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ic-http-'));
  dirs.push(dataDir);
  let databaseUrl: Record<string, string> = {};
  if (testTarget() === 'postgres') {
    const t = await createTestDatabase();
    databases.push(t);
    databaseUrl = { DATABASE_URL: t.url };
  }
  const config = mod.loadConfig({
    NODE_ENV: 'development',
    DATA_DIR: dataDir,
    SEED_DEMO_DATA: 'never',
    LOG_LEVEL: 'silent',
    SESSION_SECRET: 's'.repeat(40),
    ...databaseUrl,
    ...env,
  });
  const httpServer = http.createServer();
  const platform = await mod.startPlatform({
    httpServer,
    config,
    root,
    startEmbedded: () => startEmbeddedPostgres({ loadFrom: inject('pgliteTemplate') }),
    dev: { middlewares: vite.middlewares, loadBuild: () => vite.ssrLoadModule('virtual:react-router/server-build') as never },
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    platform,
    async close() {
      httpServer.closeAllConnections();
      await new Promise((resolve) => httpServer.close(resolve));
      await platform.close();
    },
  };
}

/** A signed-in user's Cookie header, made through the server's own modules. */
async function signedInCookie(server: Server) {
  const fixtures = await vite.ssrLoadModule('./tests/helpers/fixtures.ts');
  const auth = await vite.ssrLoadModule('./app/domain/auth.server.ts');
  const session = await vite.ssrLoadModule('./app/auth/session.server.ts');
  const db = server.platform.database.db;
  const user = await fixtures.makeUser(db);
  const { token } = await auth.signIn({ db, actor: { kind: 'anonymous' }, meta: { ip: '203.0.113.9' } }, { email: user.email, password: fixtures.PASSWORD });
  return ((await session.sessionCookie().serialize(token)) as string).split(';')[0];
}

const json = (query: string, variables?: Record<string, unknown>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
  body: JSON.stringify({ query, variables }),
});

describe('default configuration', { timeout: 120_000 }, () => {
  let server: Server;
  beforeAll(async () => {
    server = await startServer({ CORS_ORIGINS: 'https://partner.example', DB_STATEMENT_TIMEOUT_MS: '1000' });
    // Development mode compiles a page's modules on first request: do that before anything is timed.
    await fetch(`${server.base}/`);
  }, 120_000);
  afterAll(async () => server?.close());

  it('answers the hostile queries of issue 6 with clear errors while a page still loads', async () => {
    const cycle = (() => {
      const fields = ['pledges(first: 100)', 'edges', 'node'];
      while (fields.length < 30) fields.push('signatures(first: 100)', 'edges', 'node', 'pledge');
      return `{ ${fields.map((f) => `${f} {`).join(' ')} id ${'}'.repeat(fields.length)} }`;
    })();
    const aliases = `{ ${Array.from({ length: 10_000 }, (_, i) => `a${i}: pledges { totalCount }`).join(' ')} }`;
    const bigBody = JSON.stringify({ query: '{ __typename }', variables: { junk: 'x'.repeat(10 * 1024 * 1024) } });
    const started = Date.now();
    const timed = async (request: Promise<Response>) => {
      const response = await request;
      return { status: response.status, body: await response.text(), ms: Date.now() - started };
    };
    const [page, ...hostile] = await Promise.all([
      timed(fetch(`${server.base}/`)),
      timed(fetch(`${server.base}/graphql`, json(cycle))),
      timed(fetch(`${server.base}/graphql`, json(aliases))),
      timed(
        fetch(`${server.base}/graphql`, json(`{ pledges(first: 2147483647) { edges { node { signatures(first: 2147483647) { edges { node { id } } } } } } }`)),
      ),
      timed(
        fetch(
          `${server.base}/graphql`,
          json(`query ($n: Int) { pledges(first: $n) { edges { node { signatures(first: $n) { edges { node { id } } } } } } }`, { n: 2147483647 }),
        ),
      ),
      timed(fetch(`${server.base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: bigBody })),
    ]);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<html');
    expect(hostile.map((r) => r.status)).toEqual([400, 413, 400, 400, 413]);
    expect(hostile[0].body).toMatch(/Query depth limit of 12 exceeded/);
    expect(hostile[1].body).toMatch(/too large/i);
    expect(hostile[2].body).toMatch(/Cost limit|list items/);
    expect(hostile[3].body).toMatch(/list items/);
    expect(hostile[4].body).toMatch(/too large/i);
    for (const r of [page, ...hostile]) expect(r.ms).toBeLessThan(15_000);
    // And the server is still fine afterwards.
    expect((await fetch(`${server.base}/healthz`)).status).toBe(200);
  });

  it('sends Permissions-Policy, and no HSTS over plain HTTP (not even when a client claims HTTPS)', async () => {
    const res = await fetch(`${server.base}/`, { headers: { 'x-forwarded-proto': 'https' } });
    const policy = res.headers.get('permissions-policy') ?? '';
    for (const feature of ['camera=()', 'microphone=()', 'geolocation=()', 'payment=()', 'usb=()']) expect(policy).toContain(feature);
    expect(res.headers.get('strict-transport-security')).toBeNull();
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('compresses pages, scripts and JSON with brotli or gzip', async () => {
    const br = await fetch(`${server.base}/`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(br.headers.get('content-encoding')).toBe('br');
    const html = await br.text();
    expect(html).toContain('</html>');
    const gzip = await fetch(`${server.base}/`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    expect(await gzip.text()).toContain('</html>');

    const script = html.match(/(?:src|href)="(\/app\/[^"]+\.tsx?)"/)?.[1] ?? '/app/root.tsx';
    const asset = await fetch(`${server.base}${script}`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(['br', 'gzip']).toContain(asset.headers.get('content-encoding'));

    const api = await fetch(`${server.base}/graphql`, {
      ...json('{ __schema { types { name description } } }'),
      headers: { 'content-type': 'application/json', 'accept-encoding': 'gzip' },
    });
    expect(api.headers.get('content-encoding')).toBe('gzip');
    expect((await api.json()).data.__schema.types.length).toBeGreaterThan(10);
  });

  it('leaves Socket.IO alone (long-polling and WebSocket both connect)', async () => {
    for (const transports of [['polling'], ['websocket']]) {
      const client = io(server.base, { transports, reconnection: false, extraHeaders: { 'accept-encoding': 'br, gzip' } });
      await new Promise<void>((resolve, reject) => {
        client.on('connect', resolve);
        client.on('connect_error', reject);
      });
      client.close();
    }
  });

  it('refuses an oversized page form post before reading it', async () => {
    const res = await fetch(`${server.base}/signin`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.base },
      body: `email=a%40b.example&password=${'x'.repeat(2 * 1024 * 1024)}`,
    });
    expect(res.status).toBe(413);
  });

  it('never reflects an unknown Origin; a configured one gets credentialed CORS', async () => {
    const evil = await fetch(`${server.base}/graphql`, {
      ...json('{ __typename }'),
      headers: { 'content-type': 'application/json', origin: 'http://127.0.0.1:9999' },
    });
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    expect(evil.headers.get('access-control-allow-credentials')).toBeNull();
    const preflight = await fetch(`${server.base}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'http://127.0.0.1:9999', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const partner = await fetch(`${server.base}/graphql`, {
      ...json('{ __typename }'),
      headers: { 'content-type': 'application/json', origin: 'https://partner.example' },
    });
    expect(partner.headers.get('access-control-allow-origin')).toBe('https://partner.example');
    expect(partner.headers.get('access-control-allow-credentials')).toBe('true');
  });

  it('a cross-origin form POST with a session cookie creates nothing', async () => {
    const cookie = await signedInCookie(server);
    const db = server.platform.database.db;
    const before = await db.organization.count();
    const mutation = 'mutation { createOrganization(input: { name: "Forged By Form", kind: PARTNER, country: "KZ" }) { __typename } }';
    for (const [type, body] of [
      ['application/x-www-form-urlencoded', new URLSearchParams({ query: mutation }).toString()],
      ['text/plain', JSON.stringify({ query: mutation })],
    ]) {
      const res = await fetch(`${server.base}/graphql`, { method: 'POST', headers: { 'content-type': type, cookie, origin: 'http://127.0.0.1:9999' }, body });
      expect(res.status).toBe(403);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    }
    const multipart = new FormData();
    multipart.set('operations', JSON.stringify({ query: mutation }));
    multipart.set('map', '{}');
    const res = await fetch(`${server.base}/graphql`, { method: 'POST', headers: { cookie, origin: 'http://127.0.0.1:9999' }, body: multipart });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(await db.organization.count()).toBe(before);

    // GraphiQL's own requests (JSON, same origin) still work for the signed-in user, and its page links back.
    const ok = await fetch(`${server.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, origin: server.base },
      body: JSON.stringify({ query: '{ viewer { id } }' }),
    });
    expect((await ok.json()).data.viewer.id).toBeTruthy();
    const graphiql = await fetch(`${server.base}/graphql`, { headers: { accept: 'text/html', cookie } });
    expect(graphiql.status).toBe(200);
    expect(await graphiql.text()).toMatch(/<a href="\/">← Back to Integrity Compact<\/a>/);
  });

  it('ignores X-Forwarded-For from loopback: the address used for rate limiting is the real one', async () => {
    const res = await fetch(`${server.base}/signin`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.base, 'x-forwarded-for': '198.51.100.23' },
      body: new URLSearchParams({ email: 'nobody@example.test', password: 'wrong password here' }).toString(),
      redirect: 'manual',
    });
    expect(res.status).toBeLessThan(500);
    const attempts = await server.platform.database.db.signInAttempt.findMany({ where: { email: 'nobody@example.test' } });
    expect(attempts.length).toBeGreaterThan(0);
    for (const attempt of attempts) expect(attempt.ip).toMatch(/^(::ffff:)?127\.0\.0\.1$|^::1$/);
  });

  it('gives database statements a time limit', async () => {
    const started = Date.now();
    await expect(server.platform.database.db.$queryRawUnsafe('SELECT 1 AS done FROM pg_sleep(3)')).rejects.toThrow(/timeout/i);
    expect(Date.now() - started).toBeLessThan(2_500);
    // PostgreSQL cancelled it; PGlite cannot: let it finish the statement before the next test.
    if (testTarget() === 'pglite') await new Promise((r) => setTimeout(r, 2_200));
  });

  it('/readyz fails when the database cannot answer in time, and recovers', async () => {
    expect((await fetch(`${server.base}/readyz`)).status).toBe(200);
    const db = server.platform.database.db;
    let release: () => Promise<unknown>;
    if (testTarget() === 'postgres') {
      // Another session holds a lock the readiness query must wait for.
      const client = new pg.Client({ connectionString: server.platform.database.url });
      await client.connect();
      await client.query('BEGIN');
      await client.query('LOCK TABLE "_prisma_migrations" IN ACCESS EXCLUSIVE MODE');
      release = async () => {
        await client.query('ROLLBACK');
        await client.end();
      };
    } else {
      // PGlite is one session: a long statement keeps it busy (the client gives up after 1 s; PGlite does not).
      const busy = db.$queryRawUnsafe('SELECT 1 AS done FROM pg_sleep(3.5)').catch(() => {});
      release = async () => {
        await busy;
        await new Promise((r) => setTimeout(r, 3_000));
      };
    }
    const started = Date.now();
    const res = await fetch(`${server.base}/readyz`);
    expect(res.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(3_500);
    await release();
    expect((await fetch(`${server.base}/readyz`)).status).toBe(200);
  });
});

describe('behind a trusted proxy, served over HTTPS', { timeout: 120_000 }, () => {
  let server: Server;
  beforeAll(async () => {
    server = await startServer({ NODE_ENV: 'production', TRUST_PROXY: 'loopback', PUBLIC_URL: 'https://compact.example' });
  }, 120_000);
  afterAll(async () => server?.close());

  it('sends HSTS', async () => {
    const res = await fetch(`${server.base}/healthz`);
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
  });

  it('takes the client address from X-Forwarded-For when TRUST_PROXY says so', async () => {
    const res = await fetch(`${server.base}/signin`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'https://compact.example',
        'x-forwarded-for': '198.51.100.23',
        'x-forwarded-proto': 'https',
        'x-forwarded-host': 'compact.example:443',
      },
      body: new URLSearchParams({ email: 'proxied@example.test', password: 'wrong password here' }).toString(),
      redirect: 'manual',
    });
    expect(res.status).toBeLessThan(500);
    const attempts = await server.platform.database.db.signInAttempt.findMany({ where: { email: 'proxied@example.test' } });
    expect(attempts.map((a) => a.ip)).toEqual(['198.51.100.23']);
  });
});
