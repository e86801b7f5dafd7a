// `npx tsx bench/scale.ts`: do the pages stay fast when the platform is large? Seeds the demo data into a fresh
// PostgreSQL database, starts the production server on it, and times each page (p50/p95 over BENCH_RUNS sequential
// requests); then adds, with SQL, BENCH_ORGS organisations and BENCH_SIGNATURES signatures (BENCH_ORGS of them on
// one pledge) and times the same pages again. Prints, per page, the p95 ratio scale/demo (target at most 1.5x), the
// status codes (never a 5xx) and the body sizes; exits non-zero when a page answers 5xx or misses the target (with
// BENCH_SCALE_REPORT_ONLY=1, as `npm run bench` runs it, a missed target is printed but only a 5xx or error fails).
//
//   BENCH_DATABASE_URL  a PostgreSQL server to create the throwaway database on
//                       (default postgresql://postgres@127.0.0.1:5432/postgres); the database is dropped at the end
//   IC_BUILD_DIR        the production build to serve (default ./build; built first when missing)
//   BENCH_RUNS=30  BENCH_ORGS=10000  BENCH_SIGNATURES=100000  BENCH_TIME_LIMIT_S=900  BENCH_KEEP_DB=1 (keep it)
import type { ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import pg from 'pg';
import { createDb } from '../app/db/client.server';
import { migrate } from '../app/db/migrator.server';
import { seedDemoData } from '../prisma/seed';
import { generateScaleData } from './scale-data';
import { ensureBuild, signIn, startServer } from './server';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const ORGS = Number(process.env.BENCH_ORGS ?? 10_000);
const SIGNATURES = Number(process.env.BENCH_SIGNATURES ?? 100_000);
const TIME_LIMIT_MS = Number(process.env.BENCH_TIME_LIMIT_S ?? 900) * 1000;
const TARGET_RATIO = 1.5;
/** No page is sampled for longer than this, whatever BENCH_RUNS says: a slow page cannot hold the run hostage. */
const PAGE_BUDGET_MS = Math.min(120_000, TIME_LIMIT_MS / 20);
const REQUEST_TIMEOUT_MS = 60_000;
const SIGNATORY = 'association.signatory@demo.test';
const CODE_OF_CONDUCT = 'Joint Code of Conduct at Border Crossing Points (demo)';

const startedAt = Date.now();
/** What the watchdog has to clean up if the run overstays. */
const running: { server?: ChildProcess; database?: { serverUrl: string; name: string } } = {};
const deadline = startedAt + TIME_LIMIT_MS;
const log = (message: string) => console.log(`[${((Date.now() - startedAt) / 1000).toFixed(0).padStart(4)} s] ${message}`);

const GRAPHQL_QUERY = `query Scale {
  pledges(first: 20) {
    edges { node { id title status signatureCount
      signatures(first: 50) { edges { node { id signedAt organization { name country } } } } } }
  }
}`;

type Page = { name: string; path: string; signedIn?: boolean; graphql?: boolean };
type Sample = { ms: number; status: number; wireBytes: number; errors: boolean };
type Result = { page: Page; n: number; p50: number; p95: number; statuses: Record<number, number>; wireBytes: number; bodyBytes: number; errors: number };

/** One request, as a browser would send it (compressed), timed to the last byte of the body. */
function request(base: string, page: Page, cookie: string | null, encoding = 'gzip, br'): Promise<Sample & { body: Buffer }> {
  return new Promise((resolve, reject) => {
    const url = new URL(page.graphql ? '/graphql' : page.path, base);
    const body = page.graphql ? JSON.stringify({ query: GRAPHQL_QUERY }) : undefined;
    const started = process.hrtime.bigint();
    const req = http.request(
      url,
      {
        method: body ? 'POST' : 'GET',
        headers: {
          accept: body ? 'application/graphql-response+json, application/json' : 'text/html',
          'accept-encoding': encoding,
          'accept-language': 'en',
          ...(body ? { 'content-type': 'application/json' } : {}),
          ...(cookie ? { cookie } : {}),
        },
        timeout: REQUEST_TIMEOUT_MS,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const ms = Number(process.hrtime.bigint() - started) / 1e6;
          const wire = Buffer.concat(chunks);
          const contentEncoding = res.headers['content-encoding'];
          const decoded = contentEncoding === 'gzip' ? zlib.gunzipSync(wire) : contentEncoding === 'br' ? zlib.brotliDecompressSync(wire) : wire;
          let errors = false;
          if (page.graphql) {
            try {
              errors = !!JSON.parse(decoded.toString('utf8')).errors;
            } catch {
              errors = true;
            }
          }
          resolve({ ms, status: res.statusCode ?? 0, wireBytes: wire.length, errors, body: decoded });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`timeout after ${REQUEST_TIMEOUT_MS} ms: ${page.path}`)));
    req.on('error', reject);
    req.end(body);
  });
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function measure(base: string, pages: Page[], cookie: string | null, label: string): Promise<Result[]> {
  const results: Result[] = [];
  for (const page of pages) {
    const jar = page.signedIn ? cookie : null;
    // The uncompressed size once, then a warm-up, then the timed runs.
    const plain = await request(base, page, jar, 'identity').catch((error: Error) => ({
      ms: REQUEST_TIMEOUT_MS,
      status: 0,
      wireBytes: 0,
      errors: true,
      body: Buffer.from(String(error)),
    }));
    if (plain.errors || plain.status >= 400) log(`${label} ${page.name}: answered ${plain.status}: ${plain.body.toString('utf8').slice(0, 300)}`);
    await request(base, page, jar).catch(() => undefined);
    const samples: Sample[] = [];
    const pageStarted = Date.now();
    while (samples.length < RUNS && Date.now() - pageStarted < PAGE_BUDGET_MS && Date.now() < deadline) {
      samples.push(await request(base, page, jar).catch(() => ({ ms: REQUEST_TIMEOUT_MS, status: 0, wireBytes: 0, errors: true })));
    }
    const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
    const statuses: Record<number, number> = {};
    for (const s of samples) statuses[s.status] = (statuses[s.status] ?? 0) + 1;
    const result: Result = {
      page,
      n: samples.length,
      p50: sorted.length ? percentile(sorted, 50) : NaN,
      p95: sorted.length ? percentile(sorted, 95) : NaN,
      statuses,
      wireBytes: samples.length ? Math.round(samples.reduce((sum, s) => sum + s.wireBytes, 0) / samples.length) : 0,
      bodyBytes: plain.body.length,
      errors: samples.filter((s) => s.errors).length + (plain.errors ? 1 : 0),
    };
    results.push(result);
    log(
      `${label.padEnd(5)} ${page.name.padEnd(22)} n=${String(result.n).padStart(3)}  p50 ${result.p50.toFixed(1).padStart(8)} ms  p95 ${result.p95.toFixed(1).padStart(8)} ms  ${JSON.stringify(statuses)}  ${kb(result.bodyBytes)} (${kb(result.wireBytes)} compressed)`,
    );
  }
  return results;
}

const kb = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} KB`);

/** The server's resident memory, from /proc (Linux); null elsewhere. */
function rssMb(pid: number | undefined): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kbytes = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
    return Number.isFinite(kbytes) ? Math.round(kbytes / 1024) : null;
  } catch {
    return null;
  }
}

async function main() {
  const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  const buildDir = path.resolve(root, process.env.IC_BUILD_DIR ?? 'build');
  const name = `ic_scale_${crypto.randomBytes(4).toString('hex')}`;
  const databaseUrl = (() => {
    const u = new URL(serverUrl);
    u.pathname = `/${name}`;
    return u.toString();
  })();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ic-scale-'));
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  let server: { child: ChildProcess; base: string; output: () => string } | undefined;
  let failed: boolean;
  try {
    ensureBuild(buildDir, log);
    await admin.query(`CREATE DATABASE ${name}`);
    running.database = { serverUrl, name };
    log(`Database ${name} on ${new URL(serverUrl).host}; build ${path.relative(root, buildDir) || '.'}; ${RUNS} runs a page; ${os.cpus().length} cores`);
    await migrate(databaseUrl);
    const db = createDb(databaseUrl, { embedded: false });
    const seedStarted = Date.now();
    const seeded = await seedDemoData(db);
    log(`Demo data seeded in ${Date.now() - seedStarted} ms: ${JSON.stringify(seeded)}`);
    const big = await db.pledge.findFirstOrThrow({ where: { title: CODE_OF_CONDUCT } });
    const drafter = await db.user.findUniqueOrThrow({ where: { email: 'admin@demo.test' } });
    await db.$disconnect();

    server = await startServer(databaseUrl, buildDir, dataDir, (child) => (running.server = child));
    log(`Server ready at ${server.base} (pid ${server.child.pid}, ${rssMb(server.child.pid) ?? '?'} MB resident)`);
    const cookie = await signIn(server.base, SIGNATORY);
    if (!cookie) log(`Could not sign in as ${SIGNATORY}: /dashboard is measured signed out`);
    const pages: Page[] = [
      { name: '/', path: '/' },
      { name: '/pledges', path: '/pledges' },
      { name: '/pledges/<slug>', path: `/pledges/${big.slug}` },
      { name: '/pledges/<slug>/register', path: `/pledges/${big.slug}/register` },
      { name: '/organizations', path: '/organizations' },
      { name: '/dashboard (signatory)', path: '/dashboard', signedIn: true },
      { name: 'GraphQL pledges', path: '/graphql', graphql: true },
    ];
    const demo = await measure(server.base, pages, cookie, 'demo');
    log(`Server after the demo runs: ${rssMb(server.child.pid) ?? '?'} MB resident`);

    const client = new pg.Client({ connectionString: databaseUrl });
    client.on('error', (error) => log(`Generator connection: ${error.message}`));
    await client.connect();
    const generateStarted = Date.now();
    const added = await generateScaleData(client, { organizations: ORGS, signatures: SIGNATURES, bigPledgeId: big.id, drafterId: drafter.id }).finally(() =>
      client.end(),
    );
    log(`Scale data generated with SQL in ${((Date.now() - generateStarted) / 1000).toFixed(1)} s: ${JSON.stringify(added)}`);

    const scale = await measure(server.base, pages, cookie, 'scale');
    await new Promise((r) => setTimeout(r, 3000));
    log(`Server idle after the scale runs: ${rssMb(server.child.pid) ?? '?'} MB resident`);

    console.log(
      `\nScale benchmark: ${added.organizations} organisations, ${added.signatures} signatures (${added.bigPledgeSignatures} on one pledge), ${added.auditEvents} audit events; p95 over up to ${RUNS} sequential requests`,
    );
    console.log(
      `${'page'.padEnd(24)}${'demo p95'.padStart(11)}${'scale p95'.padStart(11)}${'ratio'.padStart(8)}  statuses (scale)     body demo → scale (compressed)`,
    );
    let broken = false;
    let slow = false;
    for (const [i, d] of demo.entries()) {
      const s = scale[i];
      const ratio = s.p95 / d.p95;
      const fiveXX = Object.keys({ ...d.statuses, ...s.statuses }).some((code) => Number(code) >= 500 || Number(code) === 0);
      const pageBroken = fiveXX || !!s.errors || !!d.errors || s.n === 0;
      const pageSlow = !(ratio <= TARGET_RATIO);
      broken ||= pageBroken;
      slow ||= pageSlow;
      console.log(
        `${d.page.name.padEnd(24)}${`${d.p95.toFixed(1)} ms`.padStart(11)}${`${s.p95.toFixed(1)} ms`.padStart(11)}${`${ratio.toFixed(2)}x`.padStart(8)}  ${JSON.stringify(s.statuses).padEnd(20)} ${kb(d.bodyBytes)} → ${kb(s.bodyBytes)} (${kb(s.wireBytes)})${s.errors ? `  ${s.errors} GraphQL error answers` : ''}${pageBroken || pageSlow ? '  ✗' : ''}`,
      );
    }
    console.log(
      broken
        ? `\nFailed: a page answered 5xx or with errors (marked ✗).`
        : slow
          ? `\nTarget not met: a page's p95 is above ${TARGET_RATIO}x its demo p95 (marked ✗).`
          : `\nEvery page within ${TARGET_RATIO}x, no 5xx.`,
    );
    failed = broken || (slow && !process.env.BENCH_SCALE_REPORT_ONLY);
  } finally {
    if (server) {
      server.child.kill('SIGTERM');
      await new Promise((resolve) => {
        const timer = setTimeout(() => {
          server!.child.kill('SIGKILL');
          resolve(null);
        }, 15_000);
        server!.child.on('exit', () => {
          clearTimeout(timer);
          resolve(null);
        });
      });
    }
    if (process.env.BENCH_KEEP_DB) log(`Kept database ${name}`);
    else await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return failed ? 1 : 0;
}

// The whole run is bounded: past the time limit (plus a minute for the pages in flight) it stops the server, drops
// its database and ends.
const watchdog = setTimeout(async () => {
  console.error(`bench/scale.ts: over the time limit of ${TIME_LIMIT_MS / 1000} s; giving up`);
  running.server?.kill('SIGKILL');
  if (running.database && !process.env.BENCH_KEEP_DB) {
    const admin = new pg.Client({ connectionString: running.database.serverUrl });
    await admin
      .connect()
      .then(() => admin.query(`DROP DATABASE IF EXISTS ${running.database!.name} WITH (FORCE)`))
      .catch((error) => console.error(error))
      .finally(() => admin.end().catch(() => undefined));
  }
  process.exit(2);
}, TIME_LIMIT_MS + 60_000);
watchdog.unref();
process.exitCode = await main().catch((error) => {
  console.error(error);
  return 1;
});
