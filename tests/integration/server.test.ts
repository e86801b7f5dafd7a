// The one server process: starts on a fresh embedded database, answers health and readiness, serves GraphQL and the
// app, and shuts down cleanly on SIGTERM, releasing its data directory.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testTarget } from '../helpers/db';

async function freePort() {
  return new Promise<number>((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ic-server-'));
let child: ChildProcess | undefined;
afterAll(() => {
  child?.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe.skipIf(testTarget() === 'postgres')('server.js', { timeout: 180_000 }, () => {
  it('serves /healthz, /readyz, the app and GraphQL, logs JSON, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    child = spawn(process.execPath, ['server.js'], {
      env: { ...process.env, NODE_ENV: 'development', PORT: String(port), DATA_DIR: dataDir, SEED_DEMO_DATA: 'never', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    const base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 150_000;
    for (;;) {
      const ready = await fetch(`${base}/readyz`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ready) break;
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`server did not become ready:\n${output}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(await (await fetch(`${base}/healthz`)).json()).toMatchObject({ status: 'ok' });
    expect(await (await fetch(`${base}/readyz`)).json()).toMatchObject({ status: 'ready', database: 'embedded' });
    const home = await fetch(`${base}/`, { headers: { 'accept-language': 'ru' } });
    expect(home.status).toBe(200);
    const html = await home.text();
    expect(html).toContain('<html lang="ru"');
    expect(html).toContain('Добросовестность на границе');
    const gql = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ organizations(first: 1) { totalCount } viewer { id } }' }),
    });
    expect(await gql.json()).toEqual({ data: { organizations: { totalCount: 0 }, viewer: null } });
    expect(fs.existsSync(path.join(dataDir, 'integrity-compact.lock'))).toBe(true);

    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child!.on('exit', resolve));
    expect(code).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'integrity-compact.lock'))).toBe(false);
    const logs = output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line));
    expect(logs.map((l) => l.msg)).toEqual(
      expect.arrayContaining(['Embedded PostgreSQL (PGlite) started', 'Integrity Compact is listening', 'Shutting down', 'Stopped']),
    );
    expect(logs.find((l) => l.msg === 'request' && l.path === '/graphql')).toMatchObject({ method: 'POST', status: 200 });
  });
});
