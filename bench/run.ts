// `npm run bench`: the cost of an audited domain write against a plain single-row insert (the baseline), measured
// in the same process on the same database. Prints medians and the ratio; asserts nothing.
// Runs on embedded PGlite, and also on PostgreSQL when BENCH_DATABASE_URL is set; then also the scale benchmark
// (bench/scale.ts) on that server, which prints each page's p95 against the demo data's and marks a missed target,
// and the issues benchmark (bench/issues.ts: the issues list and search at 100,000 issues against hand-written SQL).
// Exit code: 0 when every figure was measured, even if a page missed its 1.5x target (timings on a shared machine
// vary; the table says which page and by how much); non-zero when a page answered 5xx or with errors.
import crypto from 'node:crypto';
import pg from 'pg';
import { type Db, createDb } from '../app/db/client.server';
import { startEmbeddedPostgres } from '../app/db/embedded-postgres.js';
import { migrate } from '../app/db/migrator.server';
import { systemActor } from '../app/domain/actor.server';
import { verifyAuditChain } from '../app/domain/audit.server';
import { createInvitation } from '../app/domain/memberships.server';
import { createOrganization } from '../app/domain/organizations.server';
import { actorFromUser, provisionUser } from '../app/domain/auth.server';
import { ALMATY_RESOLUTION_COUNTRIES } from '../app/domain/countries';
import { parseRegisterQuery } from '../app/domain/pledge-register-query';
import { registerPage, registerSummary } from '../app/domain/pledge-register.server';

const N = Number(process.env.BENCH_N ?? 200);

async function timeEach(n: number, fn: (i: number) => Promise<unknown>) {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    await fn(i);
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(n / 2)], p95: samples[Math.floor(n * 0.95)] };
}

async function run(label: string, db: Db) {
  const system = { db, actor: systemActor('bench') };
  const org = await createOrganization(system, { name: `Bench ${crypto.randomUUID().slice(0, 8)}`, kind: 'PARTNER', country: 'KZ' });
  const user = await provisionUser(system, { name: 'Bench Admin', email: `bench-${crypto.randomUUID()}@example.test`, password: 'bench-password-1' });
  await db.membership.create({ data: { userId: user.id, organizationId: org.id, role: 'ORG_ADMIN' } });
  const admin = actorFromUser(await db.user.findUniqueOrThrow({ where: { id: user.id }, include: { memberships: true } }));
  // Warm up both paths.
  for (let i = 0; i < 20; i++) {
    await db.signInAttempt.create({ data: { email: 'warm@example.test', ip: '127.0.0.1', success: true } });
    await createInvitation({ db, actor: admin }, { organizationId: org.id, role: 'MEMBER' });
  }
  const baseline = await timeEach(N, () => db.signInAttempt.create({ data: { email: 'b@example.test', ip: '127.0.0.1', success: false } }));
  const audited = await timeEach(N, () => createInvitation({ db, actor: admin }, { organizationId: org.id, role: 'MEMBER' }));
  const verifyStart = process.hrtime.bigint();
  const verdict = await verifyAuditChain(db);
  const verifyMs = Number(process.hrtime.bigint() - verifyStart) / 1e6;
  console.log(`\n${label}`);
  console.log(`  baseline: single-row insert            median ${baseline.median.toFixed(2)} ms   p95 ${baseline.p95.toFixed(2)} ms`);
  console.log(`  audited domain write (invitation)      median ${audited.median.toFixed(2)} ms   p95 ${audited.p95.toFixed(2)} ms`);
  console.log(`  ratio audited / baseline (median)      ${(audited.median / baseline.median).toFixed(2)}x`);
  console.log(
    `  audit:verify over ${verdict.count} events       ${verifyMs.toFixed(0)} ms (${((verifyMs / Math.max(1, verdict.count)) * 1000).toFixed(0)} µs/event), ok=${verdict.ok}`,
  );
  await registerBench(db, user.id);
}

/** The public register (statuses computed from dates, grouped) against fetching the same rows (the baseline). */
async function registerBench(db: Db, userId: string) {
  const SIGNATORIES = Number(process.env.BENCH_SIGNATORIES ?? 300);
  const pledge = await db.pledge.create({
    data: {
      slug: `bench-${crypto.randomUUID()}`,
      title: 'Bench pledge',
      body: 'x'.repeat(40),
      factors: ['TRANSPARENCY'],
      audience: 'BOTH',
      renewalMonths: 12,
      createdById: userId,
      status: 'PUBLISHED',
      currentVersion: 1,
      publishedAt: new Date(),
    },
  });
  const version = await db.pledgeVersion.create({
    data: { pledgeId: pledge.id, number: 1, title: pledge.title, body: pledge.body, factors: pledge.factors, publishedById: userId },
  });
  // Setup only (not a product write path): organisations and signatures inserted in bulk.
  const orgs = Array.from({ length: SIGNATORIES }, (_, i) => ({
    id: `bench-org-${pledge.id}-${i}`,
    slug: `bench-org-${pledge.id}-${i}`,
    name: `Bench org ${i}`,
    kind: (i % 2 ? 'CUSTOMS_ADMINISTRATION' : 'BUSINESS_ASSOCIATION') as 'CUSTOMS_ADMINISTRATION' | 'BUSINESS_ASSOCIATION',
    country: ALMATY_RESOLUTION_COUNTRIES[i % ALMATY_RESOLUTION_COUNTRIES.length],
  }));
  await db.organization.createMany({ data: orgs });
  const day = 24 * 3600 * 1000;
  await db.pledgeSignature.createMany({
    data: orgs.map((o, i) => ({
      pledgeId: pledge.id,
      versionId: version.id,
      organizationId: o.id,
      signedById: userId,
      signedAt: new Date(Date.now() - (i % 500) * day),
      lastRenewedAt: new Date(Date.now() - (i % 500) * day),
      withdrawnAt: i % 17 === 0 ? new Date() : null,
      withdrawalReason: i % 17 === 0 ? 'Bench withdrawal reason' : null,
    })),
  });
  const runs = 30;
  const baseline = await timeEach(runs, () =>
    db.pledgeSignature.findMany({ where: { pledgeId: pledge.id, supersededAt: null }, include: { organization: true, version: { select: { number: true } } } }),
  );
  // The register page's reads: figures and series, and its first page of 50 rows.
  const register = await timeEach(runs, () =>
    Promise.all([
      registerSummary(db, pledge.id, new Date()),
      registerPage(db, pledge.id, parseRegisterQuery(new URLSearchParams()), { now: new Date(), locale: 'en' }),
    ]),
  );
  console.log(`  baseline: fetch ${SIGNATORIES} signatures         median ${baseline.median.toFixed(2)} ms`);
  console.log(`  public register (${SIGNATORIES} signatories)       median ${register.median.toFixed(2)} ms`);
  console.log(`  ratio register / baseline (median)     ${(register.median / baseline.median).toFixed(2)}x`);
}

const embedded = await startEmbeddedPostgres({});
await migrate(embedded.url);
const embeddedDb = createDb(embedded.url, { embedded: true });
await run(`Embedded PGlite (N=${N})`, embeddedDb);
await embeddedDb.$disconnect();
await embedded.close();

if (process.env.BENCH_DATABASE_URL) {
  const name = `ic_bench_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: process.env.BENCH_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(process.env.BENCH_DATABASE_URL);
  url.pathname = `/${name}`;
  await migrate(url.toString());
  const db = createDb(url.toString(), { embedded: false });
  await run(`PostgreSQL server (N=${N})`, db);
  await db.$disconnect();
  await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
  await admin.end();
}

if (process.env.BENCH_DATABASE_URL) {
  // A missed ratio is reported, not failed on (see above); bench/scale.ts run on its own fails on either.
  process.env.BENCH_SCALE_REPORT_ONLY = '1';
  await import('./scale');
  // The issues list, GraphQL and full-text search at 100,000 issues against hand-written SQL (bench/issues.ts).
  await import('./issues');
}
