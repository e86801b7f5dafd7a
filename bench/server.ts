// What the benchmarks share: a free port, the production build, the production server on a given database, a signed-in
// session. Each benchmark times its own requests.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_PASSWORD } from '../prisma/seed';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function freePort() {
  return new Promise<number>((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export async function signIn(base: string, email: string): Promise<string | null> {
  const response = await fetch(new URL('/signin', base), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base },
    body: new URLSearchParams({ email, password: DEMO_PASSWORD, redirectTo: '/dashboard' }),
  });
  const cookies = response.headers.getSetCookie().map((c) => c.split(';')[0]);
  return cookies.some((c) => c.startsWith('ic_session=')) ? cookies.join('; ') : null;
}

export async function startServer(databaseUrl: string, buildDir: string, dataDir: string, onSpawn: (child: ChildProcess) => void = () => {}) {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(root, 'server.js')], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      SESSION_SECRET: crypto.randomBytes(32).toString('hex'),
      IC_BUILD_DIR: buildDir,
      DATA_DIR: dataDir,
      SEED_DEMO_DATA: 'never',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  onSpawn(child);
  let output = '';
  child.stdout!.on('data', (d) => (output = (output + d).slice(-20_000)));
  child.stderr!.on('data', (d) => (output = (output + d).slice(-20_000)));
  const base = `http://127.0.0.1:${port}`;
  const readyBy = Date.now() + 120_000;
  for (;;) {
    const ready = await fetch(`${base}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (child.exitCode !== null || Date.now() > readyBy) {
      child.kill('SIGKILL');
      throw new Error(`The server did not become ready:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { child, base, output: () => output };
}

export function ensureBuild(buildDir: string, log: (message: string) => void = console.log) {
  if (!fs.existsSync(path.join(buildDir, 'server', 'index.js'))) {
    log(`No production build in ${buildDir}: building it (react-router build)`);
    const result = spawnSync(process.execPath, [path.join(root, 'node_modules', '@react-router', 'dev', 'bin.js'), 'build'], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production', IC_BUILD_DIR: buildDir },
    });
    if (result.status !== 0) throw new Error('The production build failed');
  }
  // A build outside the checkout (IC_BUILD_DIR=/tmp/...) finds its packages through a link to the checkout's.
  const modules = path.join(buildDir, 'node_modules');
  if (path.relative(root, buildDir).startsWith('..') && !fs.existsSync(modules)) fs.symlinkSync(path.join(root, 'node_modules'), modules, 'dir');
}
