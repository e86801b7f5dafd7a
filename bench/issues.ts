// `npx tsx bench/issues.ts`: the issues list at scale. Seeds the demo data into a fresh PostgreSQL database, adds
// BENCH_ISSUES issues (default 100,000) with SQL (bench/issues-data.ts: administrations with offices and liaison
// officers, associations, assignees, responses, escalations), starts the production server on it, and times, in the
// same run, each of:
//   - the page /issues (50 a page, with office, administration and assignee), signed out and as a liaison officer;
//   - the GraphQL query `issues(first: 50)` asking for the same fields;
//   - a hand-written SQL query returning the same rows (the baseline: one round trip from this process);
// and the same three for full-text searches (English and Russian, a common and a rare term each). Also the domain's
// listIssues called in this process (what the page and the resolver share, without HTTP, rendering or GraphQL), so
// that a slow page can be told apart from a slow read.
// Prints p50/p95 over BENCH_RUNS sequential requests and the ratios page/SQL and GraphQL/SQL at p95.
// Asserts no timing; exits non-zero only when a request answered 5xx, with GraphQL errors, or the run failed.
//
//   BENCH_DATABASE_URL  a PostgreSQL server to create the throwaway database on
//                       (default postgresql://postgres@127.0.0.1:5432/postgres); the database is dropped at the end
//   IC_BUILD_DIR        the production build to serve (default ./build; built first when missing)
//   BENCH_RUNS=30  BENCH_ISSUES=100000  BENCH_TIME_LIMIT_S=900  BENCH_KEEP_DB=1 (keep it)
import type { ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import pg from 'pg';
import { type Db, createDb } from '../app/db/client.server';
import { type Actor, anonymous } from '../app/domain/actor.server';
import { actorFromUser } from '../app/domain/auth.server';
import { listIssues } from '../app/domain/issue-queries.server';
import { migrate } from '../app/db/migrator.server';
import { seedDemoData } from '../prisma/seed';
import { SEARCH_TERMS, generateIssueData } from './issues-data';
import { ensureBuild, signIn, startServer } from './server';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const ISSUES = Number(process.env.BENCH_ISSUES ?? 100_000);
const TIME_LIMIT_MS = Number(process.env.BENCH_TIME_LIMIT_S ?? 900) * 1000;
const PAGE_SIZE = 50;
/** No measurement is sampled for longer than this, whatever BENCH_RUNS says. */
const SAMPLE_BUDGET_MS = Math.min(60_000, TIME_LIMIT_MS / 30);
const REQUEST_TIMEOUT_MS = 60_000;
const OFFICER = 'customs.liaison@demo.test';

const startedAt = Date.now();
const deadline = startedAt + TIME_LIMIT_MS;
const running: { server?: ChildProcess; database?: { serverUrl: string; name: string } } = {};
const log = (message: string) => console.log(`[${((Date.now() - startedAt) / 1000).toFixed(0).padStart(4)} s] ${message}`);

/** The list's fields, as the page shows them: office, administration and assignee with each row. */
const GRAPHQL_QUERY = `query IssuesBench($first: Int!, $filter: IssueFilter) {
  issues(first: $first, filter: $filter) {
    edges { node {
      id reference title status severity category factor createdAt anonymous visibility overdue escalated responseCount
      nextDeadline { deadline dueAt overdue }
      administration { id name country }
      office { id nameEn nameRu kind }
      assignee { id name }
      reporterOrganization { id name }
    } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/**
 * The baseline: the same rows by hand, newest first, with what the list shows of each (administration, office,
 * assignee, reporting organisation, overdue and escalated from the dates, the number of responses). $1: the reader's
 * organisations (restricted issues of theirs are visible), $2: a search (NULL: none), $3: now, $4: the page size.
 */
const SQL_QUERY = `
SELECT i.id, i.reference, i.title, i.status, i.severity, i.category, i.factor, i."createdAt", i.anonymous, i.visibility,
  i."acknowledgeBy", i."respondBy", i."acknowledgedAt", i."respondedAt",
  a.id AS "administrationId", a.slug AS "administrationSlug", a.name AS "administrationName", a.translations AS "administrationTranslations", a.country,
  o.id AS "officeId", o."nameEn", o."nameRu", o.kind AS "officeKind",
  u.id AS "assigneeId", u.name AS "assigneeName",
  ro.id AS "reporterId", ro.slug AS "reporterSlug", ro.name AS "reporterName",
  ((i.status = 'RAISED' AND $3 > i."acknowledgeBy") OR (i.status IN ('RAISED', 'ACKNOWLEDGED', 'REOPENED') AND $3 > i."respondBy")) AS overdue,
  (i.status NOT IN ('RESOLVED', 'REJECTED') AND (coalesce(i."acknowledgedAt", $3) > i."acknowledgeBy" OR coalesce(i."respondedAt", $3) > i."respondBy")) AS escalated,
  (SELECT count(*)::int FROM "IssueResponse" r WHERE r."issueId" = i.id) AS "responseCount"
FROM "Issue" i
  JOIN "Organization" a ON a.id = i."administrationId"
  LEFT JOIN "CustomsOffice" o ON o.id = i."officeId"
  LEFT JOIN "User" u ON u.id = i."assigneeId"
  LEFT JOIN "Organization" ro ON ro.id = i."reporterOrganizationId"
WHERE ((i.visibility = 'PUBLIC' AND NOT i.anonymous) OR i."administrationId" = ANY($1::text[]) OR (NOT i.anonymous AND i."reporterOrganizationId" = ANY($1::text[])))
  AND ($2::text IS NULL OR i."searchVector" @@ (websearch_to_tsquery('english', $2) || websearch_to_tsquery('russian', $2)))
ORDER BY i."createdAt" DESC, i.id DESC
LIMIT $4`;

type Reader = { name: string; cookie: string | null; organizationIds: string[]; actor: Actor };
type Case = { name: string; reader: Reader; search: string | null };
type Stats = { n: number; p50: number; p95: number; statuses: Record<number, number>; errors: number; rows: number | null; bytes: number };

type Answer = { ms: number; status: number; body: Buffer };

/** One request as a browser or API client sends it (compressed), timed to the last byte of the body. */
function request(base: string, target: { path: string; graphql?: { query: string; variables: unknown } }, cookie: string | null): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const body = target.graphql ? JSON.stringify(target.graphql) : undefined;
    const started = process.hrtime.bigint();
    const req = http.request(
      new URL(target.path, base),
      {
        method: body ? 'POST' : 'GET',
        headers: {
          accept: body ? 'application/graphql-response+json, application/json' : 'text/html',
          'accept-encoding': 'gzip, br',
          'accept-language': 'en',
          ...(body ? { 'content-type': 'application/json', 'x-graphql-yoga-csrf': '1' } : {}),
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
          const encoding = res.headers['content-encoding'];
          const decoded = encoding === 'gzip' ? zlib.gunzipSync(wire) : encoding === 'br' ? zlib.brotliDecompressSync(wire) : wire;
          resolve({ ms, status: res.statusCode ?? 0, body: decoded });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`timeout after ${REQUEST_TIMEOUT_MS} ms: ${target.path}`)));
    req.on('error', reject);
    req.end(body);
  });
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];

/** A warm-up, then up to RUNS timed samples (within the sample budget). */
async function sample(fn: () => Promise<{ ms: number; status: number; error: boolean; rows: number | null; bytes: number }>): Promise<Stats> {
  await fn().catch(() => undefined);
  const samples: Awaited<ReturnType<typeof fn>>[] = [];
  const started = Date.now();
  while (samples.length < RUNS && Date.now() - started < SAMPLE_BUDGET_MS && Date.now() < deadline) {
    samples.push(await fn().catch(() => ({ ms: REQUEST_TIMEOUT_MS, status: 0, error: true, rows: null, bytes: 0 })));
  }
  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  const statuses: Record<number, number> = {};
  for (const s of samples) statuses[s.status] = (statuses[s.status] ?? 0) + 1;
  return {
    n: samples.length,
    p50: sorted.length ? percentile(sorted, 50) : NaN,
    p95: sorted.length ? percentile(sorted, 95) : NaN,
    statuses,
    errors: samples.filter((s) => s.error).length,
    rows: samples.at(-1)?.rows ?? null,
    bytes: samples.at(-1)?.bytes ?? 0,
  };
}

const pagePath = (search: string | null) => (search ? `/issues?${new URLSearchParams({ q: search })}` : '/issues');
/** Rows of the issues table in the page's HTML (the body rows of its one table). */
const countPageRows = (html: string) => {
  const tbody = /<tbody[^>]*>([\s\S]*?)<\/tbody>/.exec(html)?.[1];
  return tbody === undefined ? null : (tbody.match(/<tr[\s>]/g) ?? []).length;
};

async function measureCase(base: string, client: pg.Client, db: Db, c: Case) {
  const page = await sample(async () => {
    const answer = await request(base, { path: pagePath(c.search) }, c.reader.cookie);
    return { ms: answer.ms, status: answer.status, error: answer.status >= 500, rows: countPageRows(answer.body.toString('utf8')), bytes: answer.body.length };
  });
  const graphql = await sample(async () => {
    const answer = await request(
      base,
      { path: '/graphql', graphql: { query: GRAPHQL_QUERY, variables: { first: PAGE_SIZE, filter: c.search ? { search: c.search } : null } } },
      c.reader.cookie,
    );
    let rows: number | null = null;
    let error = answer.status >= 400;
    try {
      const json = JSON.parse(answer.body.toString('utf8'));
      if (json.errors) {
        error = true;
        log(`GraphQL errors (${c.name}): ${JSON.stringify(json.errors).slice(0, 400)}`);
      }
      rows = json.data?.issues?.edges?.length ?? null;
    } catch {
      error = true;
    }
    return { ms: answer.ms, status: answer.status, error, rows, bytes: answer.body.length };
  });
  const sql = await sample(async () => {
    const t0 = process.hrtime.bigint();
    const result = await client.query(SQL_QUERY, [c.reader.organizationIds, c.search, new Date(), PAGE_SIZE]);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    return { ms, status: 200, error: false, rows: result.rowCount, bytes: 0 };
  });
  const domain = await sample(async () => {
    const t0 = process.hrtime.bigint();
    const page = await listIssues({ db, actor: c.reader.actor }, { filter: c.search ? { search: c.search } : {}, orderBy: 'NEWEST', first: PAGE_SIZE });
    return { ms: Number(process.hrtime.bigint() - t0) / 1e6, status: 200, error: false, rows: page.items.length, bytes: 0 };
  });
  const fmt = (s: Stats) => `p50 ${s.p50.toFixed(1).padStart(7)} ms  p95 ${s.p95.toFixed(1).padStart(7)} ms  n=${s.n} rows=${s.rows ?? '?'}`;
  log(`${c.name.padEnd(44)} page    ${fmt(page)} ${JSON.stringify(page.statuses)}`);
  log(`${''.padEnd(44)} graphql ${fmt(graphql)} ${JSON.stringify(graphql.statuses)}${graphql.errors ? ` errors=${graphql.errors}` : ''}`);
  log(`${''.padEnd(44)} domain  ${fmt(domain)}`);
  log(`${''.padEnd(44)} sql     ${fmt(sql)}`);
  return { c, page, graphql, domain, sql };
}

async function stopServer(child: ChildProcess) {
  child.kill('SIGTERM');
  await new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve(null);
    }, 15_000);
    child.on('exit', () => {
      clearTimeout(timer);
      resolve(null);
    });
  });
}

async function main() {
  const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  const buildDir = path.resolve(root, process.env.IC_BUILD_DIR ?? 'build');
  const name = `ic_issues_${crypto.randomBytes(4).toString('hex')}`;
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ic-issues-bench-'));
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  const client = new pg.Client({ connectionString: databaseUrl });
  let domainDb: Db | undefined;
  let broken = false;
  try {
    ensureBuild(buildDir, log);
    await admin.query(`CREATE DATABASE ${name}`);
    running.database = { serverUrl, name };
    log(`Database ${name} on ${url.host}; build ${path.relative(root, buildDir) || '.'}; ${RUNS} runs a measurement; ${os.cpus().length} cores`);
    await migrate(databaseUrl);
    const db = createDb(databaseUrl, { embedded: false });
    const seedStarted = Date.now();
    const seeded = await seedDemoData(db);
    log(`Demo data seeded in ${Date.now() - seedStarted} ms: ${JSON.stringify(seeded)}`);
    const officer = await db.user.findUniqueOrThrow({ where: { email: OFFICER }, include: { memberships: true } });
    domainDb = db;

    client.on('error', (error) => log(`Baseline connection: ${error.message}`));
    await client.connect();
    const generateStarted = Date.now();
    const added = await generateIssueData(client, { issues: ISSUES });
    log(`Issues generated with SQL in ${((Date.now() - generateStarted) / 1000).toFixed(1)} s: ${JSON.stringify(added)}`);
    const matches: Record<string, number> = {};
    for (const term of Object.values(SEARCH_TERMS)) {
      const { rows } = await client.query(
        `SELECT count(*)::int AS n FROM "Issue" WHERE "searchVector" @@ (websearch_to_tsquery('english', $1) || websearch_to_tsquery('russian', $1))`,
        [term],
      );
      matches[term] = rows[0].n;
    }
    log(`Issues matching each search term (all visibilities): ${JSON.stringify(matches)}`);

    server = await startServer(databaseUrl, buildDir, dataDir, (child) => (running.server = child));
    log(`Server ready at ${server.base} (pid ${server.child.pid})`);
    const cookie = await signIn(server.base, OFFICER);
    if (!cookie) throw new Error(`Could not sign in as ${OFFICER}`);
    const visitor: Reader = { name: 'visitor', cookie: null, organizationIds: [], actor: anonymous };
    const liaison: Reader = {
      name: 'liaison officer',
      cookie,
      organizationIds: officer.memberships.map((m) => m.organizationId),
      actor: actorFromUser(officer),
    };
    const cases: Case[] = [
      { name: 'list, newest first (visitor)', reader: visitor, search: null },
      { name: 'list, newest first (officer)', reader: liaison, search: null },
      ...Object.values(SEARCH_TERMS).map((term) => ({ name: `search "${term}" (visitor)`, reader: visitor, search: term })),
      { name: `search "${SEARCH_TERMS.englishCommon}" (officer)`, reader: liaison, search: SEARCH_TERMS.englishCommon },
      { name: `search "${SEARCH_TERMS.russianCommon}" (officer)`, reader: liaison, search: SEARCH_TERMS.russianCommon },
    ];
    const results = [];
    for (const c of cases) results.push(await measureCase(server.base, client, db, c));

    console.log(
      `\nIssues benchmark: ${added.issues} issues (${added.public} public, ${added.anonymous} anonymous), ${added.responses} responses, ${added.offices} offices, ${added.administrations} administrations; up to ${RUNS} sequential requests each`,
    );
    console.log(
      `${'measurement'.padEnd(46)}${'SQL p50/p95'.padStart(18)}${'listIssues p50/p95'.padStart(21)}${'page p50/p95'.padStart(20)}${'GraphQL p50/p95'.padStart(20)}${'page/SQL'.padStart(10)}${'GQL/SQL'.padStart(9)}  rows sql/page/gql (ratios at p95)`,
    );
    for (const { c, page, graphql, domain, sql } of results) {
      const pair = (s: Stats) => `${s.p50.toFixed(1)}/${s.p95.toFixed(1)} ms`;
      const caseBroken =
        Object.keys({ ...page.statuses, ...graphql.statuses }).some((code) => Number(code) >= 500 || Number(code) === 0) ||
        page.errors > 0 ||
        graphql.errors > 0 ||
        page.n === 0 ||
        graphql.n === 0;
      broken ||= caseBroken;
      console.log(
        `${c.name.padEnd(46)}${pair(sql).padStart(18)}${pair(domain).padStart(21)}${pair(page).padStart(20)}${pair(graphql).padStart(20)}${`${(page.p95 / sql.p95).toFixed(1)}x`.padStart(10)}${`${(graphql.p95 / sql.p95).toFixed(1)}x`.padStart(9)}  ${sql.rows ?? '?'}/${page.rows ?? '?'}/${graphql.rows ?? '?'}${caseBroken ? '  ✗' : ''}`,
      );
    }
    console.log(broken ? '\nFailed: a request answered 5xx or with errors (marked ✗).' : '\nNo 5xx, no GraphQL errors.');
  } finally {
    await client.end().catch(() => undefined);
    await domainDb?.$disconnect().catch(() => undefined);
    if (server) await stopServer(server.child);
    if (process.env.BENCH_KEEP_DB) log(`Kept database ${name}`);
    else await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return broken ? 1 : 0;
}

// The whole run is bounded: past the time limit (plus a minute) it stops the server, drops its database and ends.
const watchdog = setTimeout(async () => {
  console.error(`bench/issues.ts: over the time limit of ${TIME_LIMIT_MS / 1000} s; giving up`);
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
const code = await main().catch((error) => {
  console.error(error);
  return 1;
});
// bench/run.ts imports this after bench/scale.ts: keep a failure that one recorded.
process.exitCode = Math.max(Number(process.exitCode ?? 0), code);
