// The scale data set for bench/scale.ts, generated with SQL on top of the demo data: many organisations (one signatory
// each), published pledges that they sign, and one pledge (the demo code of conduct) signed by every organisation.
// Rows look like the ones the domain writes: calendar-month lapse dates, withdrawals with reasons, renewals with
// progress reports, statements in two languages, and an audit event for every step (the pledge timeline and the
// activity feeds read those). Setup for a throwaway benchmark database only: the generated audit events carry
// placeholder hashes, so the chain does not verify past the demo data.
import type pg from 'pg';
import { ALMATY_RESOLUTION_COUNTRIES } from '../app/domain/countries';

export type ScaleOptions = {
  /** Organisations to add; every one of them signs the big pledge. */
  organizations: number;
  /** Signatures to add in all, the big pledge's included. */
  signatures: number;
  /** The pledge every generated organisation signs (published, with its versions). */
  bigPledgeId: string;
  /** Signatures per generated pledge (at most `organizations`); the rest of `signatures` spread over such pledges. */
  perPledge?: number;
  /** Who drafted the generated pledges. */
  drafterId: string;
};

const BODY_EN = `## The pledge

Signatories publish every fee and form at each crossing point, answer complaints within five working days, and report
once a year on what they did.

- Customs administrations rotate staff at high-risk posts.
- Business associations run a confidential channel for reports of payment requests.`;

const BODY_RU = `## Что мы обещаем

Подписанты публикуют все сборы и формы в каждом пункте пропуска, отвечают на жалобы в течение пяти рабочих дней и раз
в год отчитываются о сделанном.

- Таможенные администрации проводят ротацию персонала на постах с высоким риском.
- Деловые ассоциации поддерживают конфиденциальный канал для сообщений о требованиях платежей.`;

/** Adds the scale data in one transaction; returns what it added, counted in the database. */
export async function generateScaleData(client: pg.Client, options: ScaleOptions) {
  const perPledge = Math.min(options.perPledge ?? 4_500, options.organizations);
  const extraPledges = Math.ceil(Math.max(0, options.signatures - options.organizations) / perPledge);
  const countries = `ARRAY[${ALMATY_RESOLUTION_COUNTRIES.map((c) => `'${c}'`).join(',')}]`;
  const q = (sql: string, values: unknown[] = []) => client.query(sql, values);
  await q('BEGIN');
  try {
    // Month arithmetic on timestamptz follows the session's time zone: UTC, as addMonthsUtc does.
    await q(`SET LOCAL TIME ZONE 'UTC'`);
    await q('SELECT setseed(0.2026)');
    const big = (await q(`SELECT "currentVersion" FROM "Pledge" WHERE id = $1 AND status = 'PUBLISHED'`, [options.bigPledgeId])).rows[0];
    if (!big) throw new Error(`No pledge ${options.bigPledgeId}`);

    // Organisations: two in three business associations, one in three customs administrations; one in ten unverified.
    await q(
      `INSERT INTO "Organization" (id, slug, name, kind, country, verified, "verifiedAt", description, translations, "createdAt", "updatedAt")
       SELECT 'scale-org-' || n, 'scale-org-' || n,
         (ARRAY['Customs Post', 'Freight Forwarders', 'Exporters Union', 'Road Hauliers', 'Customs Brokers', 'Importers Chamber'])[1 + n % 6] || ' ' || lpad(n::text, 5, '0') || ' (scale)',
         (CASE WHEN n % 3 = 0 THEN 'CUSTOMS_ADMINISTRATION' ELSE 'BUSINESS_ASSOCIATION' END)::"OrganizationKind",
         (${countries})[1 + n % ${ALMATY_RESOLUTION_COUNTRIES.length}],
         n % 10 <> 0,
         CASE WHEN n % 10 <> 0 THEN now() - interval '700 days' END,
         'A generated organisation for the scale benchmark.',
         jsonb_build_object('ru', jsonb_build_object('name', 'Организация ' || lpad(n::text, 5, '0') || ' (масштаб)', 'description', 'Организация, созданная для нагрузочного теста.')),
         now() - interval '720 days' + (n % 20) * interval '1 day', now()
       FROM generate_series(1, $1::int) n`,
      [options.organizations],
    );
    await q(
      `INSERT INTO "User" (id, email, name, "passwordHash", "createdAt", "updatedAt")
       SELECT 'scale-user-' || n, 'scale-user-' || n || '@bench.test', 'Scale Signatory ' || n, 'disabled', now() - interval '720 days', now()
       FROM generate_series(1, $1::int) n`,
      [options.organizations],
    );
    await q(
      `INSERT INTO "Membership" (id, "userId", "organizationId", role, "createdAt", "updatedAt")
       SELECT 'scale-member-' || n, 'scale-user-' || n, 'scale-org-' || n, 'SIGNATORY', now() - interval '719 days', now()
       FROM generate_series(1, $1::int) n`,
      [options.organizations],
    );

    // More published pledges, so that the organisations sign several each.
    await q(
      `INSERT INTO "Pledge" (id, slug, status, title, body, factors, audience, "renewalMonths", "createdById", "createdAt", "updatedAt", "publishedAt", "currentVersion", translations)
       SELECT 'scale-pledge-' || p, 'scale-pledge-' || p, 'PUBLISHED', 'Generated Pledge ' || p || ' (scale)', $2, ARRAY['TRANSPARENCY', 'CODE_OF_CONDUCT']::"ArushaFactor"[], 'BOTH',
         CASE WHEN p % 4 = 0 THEN NULL ELSE 12 END, $3, now() - interval '710 days', now(), now() - interval '700 days' + p * interval '1 day', 1,
         jsonb_build_object('ru', jsonb_build_object('title', 'Созданное обязательство ' || p || ' (масштаб)', 'body', $4::text))
       FROM generate_series(1, $1::int) p`,
      [extraPledges, BODY_EN, options.drafterId, BODY_RU],
    );
    await q(
      `INSERT INTO "PledgeVersion" (id, "pledgeId", number, title, body, factors, translations, "publishedAt", "publishedById")
       SELECT 'scale-version-' || p.id, p.id, 1, p.title, p.body, p.factors, p.translations, p."publishedAt", p."createdById"
       FROM "Pledge" p WHERE p.id LIKE 'scale-pledge-%'`,
    );

    // Signatures. r is a per-row random number; on the big pledge six in ten have signed its latest version, the
    // others an earlier one. One in five renewed with a report, one in twenty withdrew, one in three left a statement.
    await q(
      `CREATE TEMP TABLE scale_sig ON COMMIT DROP AS
      WITH raw AS (
        SELECT $1::text AS "pledgeId", n AS org, floor(random() * 1000000)::int AS r FROM generate_series(1, $2::int) n
        UNION ALL
        SELECT 'scale-pledge-' || p, 1 + ((p * $3::int + k) % $2::int), floor(random() * 1000000)::int
        FROM generate_series(1, $4::int) p, generate_series(1, $3::int) k
      )
      SELECT 'scale-sig-' || row_number() OVER () AS id, raw."pledgeId", 'scale-org-' || raw.org AS "organizationId", 'scale-user-' || raw.org AS "signedById", raw.r,
        CASE WHEN raw."pledgeId" = $1 AND raw.r % 10 < 6 THEN ${Number(big.currentVersion)} ELSE 1 END AS version
      FROM raw LIMIT $5`,
      [options.bigPledgeId, options.organizations, perPledge, extraPledges, options.signatures],
    );
    await q(`ALTER TABLE scale_sig ADD COLUMN "signedAt" timestamptz, ADD COLUMN "lastRenewedAt" timestamptz, ADD COLUMN "withdrawnAt" timestamptz`);
    // Signed while its version was the current one; renewed some months later; some withdrawn later still.
    await q(
      `UPDATE scale_sig s SET "signedAt" = v."publishedAt" + (coalesce(next."publishedAt", now()) - v."publishedAt") * ((s.r % 997) / 1000.0)::float8
       FROM "PledgeVersion" v LEFT JOIN "PledgeVersion" next ON next."pledgeId" = v."pledgeId" AND next.number = v.number + 1
       WHERE v."pledgeId" = s."pledgeId" AND v.number = s.version`,
    );
    await q(
      `UPDATE scale_sig SET
         "lastRenewedAt" = CASE WHEN r % 5 = 0 THEN "signedAt" + (now() - "signedAt") * 0.6::float8 ELSE "signedAt" END,
         "withdrawnAt" = CASE WHEN r % 20 = 1 THEN "signedAt" + (now() - "signedAt") * 0.8::float8 END`,
    );
    await q(
      `INSERT INTO "PledgeSignature" (id, "pledgeId", "versionId", "organizationId", "signedById", statement, "signedAt", "lastRenewedAt", "lapsesAt", translations, "withdrawnAt", "withdrawnById", "withdrawalReason")
       SELECT s.id, s."pledgeId", v.id, s."organizationId", s."signedById",
         CASE WHEN s.r % 3 = 0 THEN 'We publish every fee at our posts and answer complaints within five days.' END,
         s."signedAt", s."lastRenewedAt",
         CASE WHEN p."renewalMonths" IS NOT NULL THEN s."lastRenewedAt" + make_interval(months => p."renewalMonths") END,
         CASE WHEN s.r % 3 = 0 THEN '{"ru":{"statement":"Мы публикуем все сборы на наших постах и отвечаем на жалобы в течение пяти дней."}}'::jsonb ELSE '{}'::jsonb END,
         s."withdrawnAt", CASE WHEN s."withdrawnAt" IS NOT NULL THEN s."signedById" END,
         CASE WHEN s."withdrawnAt" IS NOT NULL THEN 'Our board has not renewed the mandate to sign; we will sign again once it has.' END
       FROM scale_sig s JOIN "Pledge" p ON p.id = s."pledgeId" JOIN "PledgeVersion" v ON v."pledgeId" = s."pledgeId" AND v.number = s.version`,
    );
    await q(
      `INSERT INTO "PledgeProgressReport" (id, "pledgeId", "signatureId", "organizationId", body, links, "createdById", "createdAt")
       SELECT 'scale-report-' || s.id, s."pledgeId", s.id, s."organizationId",
         'Published our fees at every post; 14 complaints answered, on average within three days.', ARRAY['https://example.org/report'], s."signedById", s."lastRenewedAt"
       FROM scale_sig s WHERE s."lastRenewedAt" > s."signedAt"`,
    );

    // The audit events those steps would have written, in date order.
    // The domain numbers events itself (seq), after the last one.
    const last = (await q(`SELECT coalesce(max(seq), 0)::bigint AS seq, (SELECT hash FROM "AuditEvent" ORDER BY seq DESC LIMIT 1) AS hash FROM "AuditEvent"`))
      .rows[0];
    await q(
      `INSERT INTO "AuditEvent" (seq, "occurredAt", "actorId", action, "subjectType", "subjectId", "organizationId", data, "prevHash", hash)
      SELECT $1::bigint + e.n, e."occurredAt", e."actorId", e.action, e."subjectType", e."subjectId", e."organizationId", e.data,
        CASE WHEN e.n = 1 THEN $2 ELSE encode(sha256(convert_to('scale-' || (e.n - 1), 'UTF8')), 'hex') END, encode(sha256(convert_to('scale-' || e.n, 'UTF8')), 'hex')
      FROM (
        SELECT all_events.*, row_number() OVER (ORDER BY "occurredAt", "subjectId", action) AS n FROM (
          SELECT o."createdAt" AS "occurredAt", 'system:scale' AS "actorId", 'organization.created' AS action, 'Organization' AS "subjectType", o.id AS "subjectId", o.id AS "organizationId",
            jsonb_build_object('name', o.name, 'kind', o.kind, 'country', o.country) AS data
          FROM "Organization" o WHERE o.id LIKE 'scale-org-%'
          UNION ALL
          SELECT m."createdAt", 'system:scale', 'membership.created', 'Membership', m.id, m."organizationId", jsonb_build_object('userId', m."userId", 'role', m.role)
          FROM "Membership" m WHERE m.id LIKE 'scale-member-%'
          UNION ALL
          SELECT s."signedAt", s."signedById", 'pledge.signed', 'Pledge', s."pledgeId", s."organizationId",
            jsonb_build_object('signatureId', s.id, 'version', v.number, 'statement', s.statement, 'previousVersion', NULL)
          FROM "PledgeSignature" s JOIN "PledgeVersion" v ON v.id = s."versionId" WHERE s.id LIKE 'scale-sig-%'
          UNION ALL
          SELECT r."createdAt", r."createdById", 'pledge.renewed', 'Pledge', r."pledgeId", r."organizationId",
            jsonb_build_object('signatureId', r."signatureId", 'reportId', r.id, 'statusBefore', 'ACTIVE', 'links', to_jsonb(r.links))
          FROM "PledgeProgressReport" r WHERE r.id LIKE 'scale-report-%'
          UNION ALL
          SELECT s."withdrawnAt", s."withdrawnById", 'pledge.withdrawn', 'Pledge', s."pledgeId", s."organizationId",
            jsonb_build_object('signatureId', s.id, 'reason', s."withdrawalReason")
          FROM "PledgeSignature" s WHERE s.id LIKE 'scale-sig-%' AND s."withdrawnAt" IS NOT NULL
        ) all_events
      ) e ORDER BY e.n`,
      [last.seq, last.hash ?? '0'.repeat(64)],
    );
    await q('COMMIT');
  } catch (error) {
    await q('ROLLBACK');
    throw error;
  }
  // As autovacuum would soon after such a load on a live server: statistics, and the visibility map that lets counts
  // read an index alone.
  await q('VACUUM (ANALYZE)');
  // Write the load's dirty pages out now rather than during the timed requests (needs a superuser; skipped otherwise).
  await q('CHECKPOINT').catch(() => undefined);
  const count = async (table: string, where = 'true') => Number((await q(`SELECT count(*)::int AS n FROM "${table}" WHERE ${where}`)).rows[0].n);
  return {
    organizations: await count('Organization'),
    signatures: await count('PledgeSignature'),
    bigPledgeSignatures: await count('PledgeSignature', `"pledgeId" = '${options.bigPledgeId.replace(/'/g, "''")}'`),
    pledges: await count('Pledge'),
    progressReports: await count('PledgeProgressReport'),
    auditEvents: await count('AuditEvent'),
  };
}
