// Bulk data for the issues benchmark (bench/issues.ts): customs administrations with offices and liaison officers,
// business associations with members, and ISSUES issues across them in every status, with responses and the
// escalation rows the scheduler would have written. Plain SQL with generate_series in one transaction, deterministic
// (setseed). Setup only, not a product write path: no audit events are written for the generated rows (the pages
// measured do not read them).
import type pg from 'pg';
import { ALMATY_RESOLUTION_COUNTRIES } from '../app/domain/countries';

export type IssueScaleOptions = {
  /** Issues to add. */
  issues: number;
  /** Customs administrations to add (the demo ones get issues too). */
  administrations?: number;
  /** Business associations to add (the demo ones report issues too). */
  associations?: number;
  /** Offices per administration. */
  officesPerAdministration?: number;
};

/** Search terms the generated texts contain, with how often (for the benchmark's table). */
export const SEARCH_TERMS = {
  /** In about one issue in three (English and Russian texts alike carry an English summary line). */
  englishCommon: 'payment',
  /** In about one issue in a thousand. */
  englishRare: 'phytosanitary certificate',
  /** In about one issue in four (Russian texts). */
  russianCommon: 'задержка',
  /** In about one issue in a thousand (Russian texts). */
  russianRare: 'фитосанитарный сертификат',
} as const;

const TITLES_EN = [
  'Unofficial payment requested for a faster inspection',
  'Truck held for hours without an explanation',
  'Classification of solar panels changed between two shipments',
  'Valuation of used cars differs from the published reference prices',
  'A new form required at the post, published nowhere',
  'Every container sent to physical inspection',
  'Queue priority sold by intermediaries at the gate',
  'Refrigerated cargo spoiled during an unexplained delay',
];
const TITLES_RU = [
  'Требовали неофициальный платёж за ускоренный досмотр',
  'Грузовик задержан на несколько часов без объяснений',
  'Классификация солнечных панелей изменилась между двумя партиями',
  'Таможенная стоимость подержанных автомобилей расходится с опубликованной',
  'На посту требуют новую форму, которая нигде не опубликована',
  'Каждый контейнер направляют на физический досмотр',
  'Посредники у ворот продают место в очереди',
  'Рефрижераторный груз испортился из-за необъяснимой задержки',
];
const BODIES_EN = [
  'The officer at the second window said that the inspection would take three days unless we paid in cash. No receipt was offered. Our driver refused and waited 31 hours. The payment request was repeated the next morning.',
  'Our truck arrived at 06:00 and was cleared at 22:40. Nobody explained the delay; the queue in front of us was short. We asked for a written reason, as the code of conduct promises, and did not receive one.',
  'The same goods, from the same supplier, were declared under the same heading in March and in May. In May the post applied a different heading with a duty twice as high, without a written ruling.',
  'The declared value, supported by invoices and bank transfers, was replaced by a reference price that is not published anywhere. We were told to pay the difference or leave the vehicle.',
  'At the post we were asked for a "transit confirmation" form. It is not on the website, not in the law and not on the notice board. Without it, the officer refused to accept the declaration.',
  'For six weeks every container of our members was sent to physical inspection, while the risk profile had not changed. Other importers passed through the green channel the same days.',
  'Men near the gate offer a place at the front of the queue for a fee; the guards let their trucks through first. We have photographs of the vehicles and the times.',
  'A refrigerated trailer of apricots waited 40 hours for a document check. The cargo spoiled. The post did not record the arrival time, and the payment of storage fees was demanded anyway.',
];
const BODIES_RU = [
  'Инспектор во втором окне сказал, что досмотр займёт три дня, если мы не заплатим наличными. Квитанцию не предложили. Водитель отказался, и задержка составила 31 час. Утром требование повторили.',
  'Наш грузовик прибыл в 06:00, а выпуск получил в 22:40. Задержку никто не объяснил, очередь перед нами была короткой. Мы попросили письменное объяснение, как обещает кодекс поведения, и не получили его.',
  'Один и тот же товар того же поставщика в марте и в мае декларировали по одной позиции. В мае пост применил другую позицию с пошлиной вдвое выше, без письменного решения.',
  'Заявленную стоимость, подтверждённую счетами и банковскими переводами, заменили справочной ценой, которая нигде не опубликована. Нам предложили доплатить разницу или оставить машину.',
  'На посту потребовали форму «подтверждение транзита». Её нет ни на сайте, ни в законе, ни на стенде. Без неё инспектор отказался принять декларацию, и задержка затянулась на сутки.',
  'Шесть недель подряд все контейнеры наших членов направляли на физический досмотр, хотя профиль риска не менялся. Другие импортёры в эти же дни проходили по зелёному коридору.',
  'Люди у ворот за плату предлагают место в начале очереди; охрана пропускает их грузовики первыми. У нас есть фотографии машин и время проезда.',
  'Рефрижератор с абрикосами ждал проверки документов 40 часов. Груз испортился. Пост не зафиксировал время прибытия, но плату за хранение всё равно потребовали.',
];
const OFFICE_KINDS = [
  'ROAD_BORDER_CROSSING',
  'RAIL_BORDER_CROSSING',
  'AIRPORT',
  'INLAND_OFFICE',
  'ROAD_BORDER_CROSSING',
  'SEAPORT',
  'ROAD_BORDER_CROSSING',
  'INLAND_OFFICE',
];
const CATEGORIES = [
  'UNOFFICIAL_PAYMENT',
  'UNEXPLAINED_DELAY',
  'INCONSISTENT_CLASSIFICATION_OR_VALUATION',
  'INCONSISTENT_CLASSIFICATION_OR_VALUATION',
  'OPAQUE_PROCEDURE',
  'DISCRETIONARY_INSPECTION',
  'UNOFFICIAL_PAYMENT',
  'UNEXPLAINED_DELAY',
];
const FACTORS = [
  'TRANSPARENCY',
  'CODE_OF_CONDUCT',
  'REGULATORY_FRAMEWORK',
  'REGULATORY_FRAMEWORK',
  'TRANSPARENCY',
  'AUTOMATION',
  'RELATIONSHIP_WITH_PRIVATE_SECTOR',
  'HUMAN_RESOURCE_MANAGEMENT',
];

const sqlArray = (values: readonly string[]) => `ARRAY[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(',')}]::text[]`;

/** Adds the data in one transaction; returns what the database then holds. */
export async function generateIssueData(client: pg.Client, options: IssueScaleOptions) {
  const administrations = options.administrations ?? 27;
  const associations = options.associations ?? 40;
  const offices = options.officesPerAdministration ?? 8;
  const countries = sqlArray(ALMATY_RESOLUTION_COUNTRIES);
  const q = (sql: string, values: unknown[] = []) => client.query(sql, values);
  await q('BEGIN');
  try {
    await q(`SET LOCAL TIME ZONE 'UTC'`);
    await q('SELECT setseed(0.707)');
    await q(
      `INSERT INTO "Organization" (id, slug, name, kind, country, verified, "verifiedAt", description, translations, "createdAt", "updatedAt")
       SELECT 'bench-adm-' || n, 'bench-adm-' || n, 'Customs Service ' || lpad(n::text, 3, '0') || ' (bench)', 'CUSTOMS_ADMINISTRATION'::"OrganizationKind", (${countries})[1 + n % ${ALMATY_RESOLUTION_COUNTRIES.length}],
         true, now() - interval '1200 days', 'A generated administration for the issues benchmark.',
         jsonb_build_object('ru', jsonb_build_object('name', 'Таможенная служба ' || lpad(n::text, 3, '0') || ' (тест)', 'description', 'Создана для нагрузочного теста.')),
         now() - interval '1200 days', now()
       FROM generate_series(1, $1::int) n
       UNION ALL
       SELECT 'bench-assoc-' || n, 'bench-assoc-' || n, 'Traders Association ' || lpad(n::text, 3, '0') || ' (bench)', 'BUSINESS_ASSOCIATION'::"OrganizationKind", (${countries})[1 + n % ${ALMATY_RESOLUTION_COUNTRIES.length}],
         true, now() - interval '1200 days', 'A generated association for the issues benchmark.',
         jsonb_build_object('ru', jsonb_build_object('name', 'Ассоциация торговцев ' || lpad(n::text, 3, '0') || ' (тест)', 'description', 'Создана для нагрузочного теста.')),
         now() - interval '1200 days', now()
       FROM generate_series(1, $2::int) n`,
      [administrations, associations],
    );
    // Every administration (demo ones included) and every association, numbered.
    await q(
      `CREATE TEMP TABLE bench_adm ON COMMIT DROP AS
       SELECT row_number() OVER (ORDER BY id)::int AS i, id FROM "Organization" WHERE kind = 'CUSTOMS_ADMINISTRATION'`,
    );
    await q(
      `CREATE TEMP TABLE bench_assoc ON COMMIT DROP AS
       SELECT row_number() OVER (ORDER BY id)::int AS i, id FROM "Organization" WHERE kind = 'BUSINESS_ASSOCIATION'`,
    );
    // Three liaison officers per administration, five members per association.
    await q(
      `INSERT INTO "User" (id, email, name, "passwordHash", "createdAt", "updatedAt")
       SELECT 'bench-officer-' || a.i || '-' || j, 'bench-officer-' || a.i || '-' || j || '@bench.test', 'Officer ' || a.i || '-' || j, 'disabled', now() - interval '1100 days', now()
       FROM bench_adm a, generate_series(1, 3) j
       UNION ALL
       SELECT 'bench-member-' || s.i || '-' || j, 'bench-member-' || s.i || '-' || j || '@bench.test', 'Member ' || s.i || '-' || j, 'disabled', now() - interval '1100 days', now()
       FROM bench_assoc s, generate_series(1, 5) j`,
    );
    await q(
      `INSERT INTO "Membership" (id, "userId", "organizationId", role, "createdAt", "updatedAt")
       SELECT 'bench-m-officer-' || a.i || '-' || j, 'bench-officer-' || a.i || '-' || j, a.id, 'LIAISON_OFFICER'::"MembershipRole", now() - interval '1100 days', now()
       FROM bench_adm a, generate_series(1, 3) j
       UNION ALL
       SELECT 'bench-m-member-' || s.i || '-' || j, 'bench-member-' || s.i || '-' || j, s.id, 'MEMBER'::"MembershipRole", now() - interval '1100 days', now()
       FROM bench_assoc s, generate_series(1, 5) j`,
    );
    // Offices, scattered over Central Asia.
    await q(
      `INSERT INTO "CustomsOffice" (id, "administrationId", "nameEn", "nameRu", kind, latitude, longitude, "createdAt", "updatedAt")
       SELECT 'bench-office-' || a.i || '-' || k, a.id, 'Bench Post ' || a.i || '-' || k, 'Тестовый пост ' || a.i || '-' || k,
         (${sqlArray(OFFICE_KINDS)})[1 + (k - 1) % ${OFFICE_KINDS.length}]::"CustomsOfficeKind",
         38 + random() * 14, 52 + random() * 40, now() - interval '1100 days', now()
       FROM bench_adm a, generate_series(1, $1::int) k`,
      [offices],
    );

    // The issues' random draws and planned history (days after raising: acknowledged, first response, closed).
    const nAdm = Number((await q('SELECT count(*)::int AS n FROM bench_adm')).rows[0].n);
    const nAssoc = Number((await q('SELECT count(*)::int AS n FROM bench_assoc')).rows[0].n);
    await q(
      `CREATE TEMP TABLE bench_issue ON COMMIT DROP AS
       SELECT n, r, (r >> 3) % 1000 AS r2,
         1 + (r >> 7) % $2::int AS adm, (r >> 11) % ($4::int + 1) AS office, 1 + (r >> 13) % $3::int AS assoc, 1 + (r >> 17) % 5 AS member, 1 + (r >> 19) % 3 AS officer,
         date_trunc('millisecond', now() - random() * interval '1100 days') AS created,
         r % 10 = 0 AS anon, (r >> 1) % 2 = 0 AS russian,
         0.2 + ((r >> 2) % 90) / 10.0 AS da, 2 + ((r >> 5) % 300) / 10.0 AS dr, 1 + (r >> 9) % 15 AS dc
       FROM (SELECT n, floor(random() * 2147483647)::int AS r FROM generate_series(1, $1::int) n) s`,
      [options.issues, nAdm, nAssoc, offices],
    );
    await q(
      `ALTER TABLE bench_issue ADD COLUMN age float8, ADD COLUMN status "IssueStatus", ADD COLUMN ack_by timestamptz, ADD COLUMN respond_by timestamptz,
         ADD COLUMN ack_at timestamptz, ADD COLUMN first_resp_at timestamptz, ADD COLUMN resp_at timestamptz, ADD COLUMN close_at timestamptz, ADD COLUMN reopened_at timestamptz`,
    );
    await q(
      `UPDATE bench_issue SET age = extract(epoch FROM now() - created) / 86400,
         ack_by = CASE WHEN extract(isodow FROM created) IN (6, 7) THEN date_trunc('week', created) + interval '14 days' ELSE created + interval '7 days' END,
         respond_by = created + interval '30 days'`,
    );
    await q(
      `UPDATE bench_issue SET status = (CASE
           WHEN r % 41 = 0 OR age < da THEN 'RAISED'
           WHEN age < da + dr THEN 'ACKNOWLEDGED'
           WHEN r % 7 = 0 OR age < da + dr + dc THEN 'RESPONDED'
           WHEN r % 6 = 0 THEN 'REJECTED'
           ELSE 'RESOLVED' END)::"IssueStatus"`,
    );
    await q(
      `UPDATE bench_issue SET
         ack_at = CASE WHEN status <> 'RAISED' THEN created + da * interval '1 day' END,
         first_resp_at = CASE WHEN status IN ('RESPONDED', 'RESOLVED', 'REJECTED') THEN created + (da + dr) * interval '1 day' END,
         close_at = CASE WHEN status IN ('RESOLVED', 'REJECTED') THEN created + (da + dr + dc) * interval '1 day' END`,
    );
    await q(`UPDATE bench_issue SET resp_at = first_resp_at`);
    // One closed issue in 37 was reopened two days after closing (if that is past).
    await q(
      `UPDATE bench_issue SET status = 'REOPENED', reopened_at = close_at + interval '2 days', respond_by = close_at + interval '32 days', resp_at = NULL, close_at = NULL
       WHERE status IN ('RESOLVED', 'REJECTED') AND r % 37 = 1 AND close_at + interval '2 days' < now()`,
    );
    const counter = await q(`SELECT year, last FROM "IssueCounter"`);
    const offset = new Map<number, number>(counter.rows.map((row: { year: number; last: number }) => [Number(row.year), Number(row.last)]));
    await q(`CREATE TEMP TABLE bench_counter (year int PRIMARY KEY, last int) ON COMMIT DROP`);
    if (offset.size) await q(`INSERT INTO bench_counter SELECT * FROM unnest($1::int[], $2::int[])`, [[...offset.keys()], [...offset.values()]]);
    await q(
      `INSERT INTO "Issue" (id, reference, title, description, "administrationId", "officeId", "occurredAt", category, factor, severity, visibility, status,
         anonymous, "raisedById", "reporterOrganizationId", "receiptSelector", "receiptHash", "assigneeId", "assignedAt", "acknowledgeBy", "respondBy",
         "acknowledgedAt", "respondedAt", "closedAt", outcome, "reopenedAt", "reopenCount", "createdAt", "updatedAt")
       SELECT 'bench-issue-' || b.n,
         'ISS-' || extract(year FROM b.created)::int || '-' || lpad(b.seq::text, greatest(4, length(b.seq::text)), '0'),
         CASE WHEN b.russian THEN (${sqlArray(TITLES_RU)})[1 + b.n % 8] ELSE (${sqlArray(TITLES_EN)})[1 + b.n % 8] END || ' (' || b.n || ')',
         CASE WHEN b.russian THEN (${sqlArray(BODIES_RU)})[1 + b.n % 8] ELSE (${sqlArray(BODIES_EN)})[1 + b.n % 8] END
           || CASE WHEN b.r2 = 7 THEN CASE WHEN b.russian THEN ' Фитосанитарный сертификат не приняли без объяснения причин.' ELSE ' The phytosanitary certificate was refused without a reason.' END ELSE '' END
           || E'\\n\\n' || CASE WHEN b.russian THEN 'Номер транспортного средства и время указаны в приложении.' ELSE 'Vehicle number and times are in the attachment.' END,
         a.id, CASE WHEN b.office > 0 THEN 'bench-office-' || b.adm || '-' || b.office END,
         b.created - ((b.r >> 4) % 72) * interval '1 hour',
         (${sqlArray(CATEGORIES)})[1 + b.n % 8]::"IssueCategory", (${sqlArray(FACTORS)})[1 + b.n % 8]::"ArushaFactor",
         (ARRAY['LOW', 'MEDIUM', 'MEDIUM', 'HIGH', 'HIGH', 'CRITICAL'])[1 + (b.r >> 6) % 6]::"IssueSeverity",
         (CASE WHEN b.anon OR (b.r >> 8) % 5 >= 3 THEN 'RESTRICTED' ELSE 'PUBLIC' END)::"IssueVisibility",
         b.status, b.anon,
         CASE WHEN NOT b.anon THEN 'bench-member-' || b.assoc || '-' || b.member END,
         CASE WHEN NOT b.anon THEN s.id END,
         CASE WHEN b.anon THEN lpad(((b.r >> 1) % 1000000)::text, 6, '0') END,
         CASE WHEN b.anon THEN 'disabled' END,
         CASE WHEN b.status <> 'RAISED' OR b.r % 3 = 0 THEN 'bench-officer-' || b.adm || '-' || b.officer END,
         CASE WHEN b.status <> 'RAISED' OR b.r % 3 = 0 THEN b.created + interval '2 hours' END,
         b.ack_by, b.respond_by, b.ack_at, b.resp_at, b.close_at,
         CASE WHEN b.status = 'RESOLVED' THEN 'The post manager was reminded of the published fees; the officer concerned was moved to other duties.'
              WHEN b.status = 'REJECTED' THEN 'The inspection followed the risk profile in force; the file shows no request for payment.' END,
         b.reopened_at, CASE WHEN b.reopened_at IS NOT NULL THEN 1 ELSE 0 END,
         b.created, greatest(b.created, b.ack_at, b.first_resp_at, b.close_at, b.reopened_at)
       FROM (
         SELECT b.*, coalesce(c.last, 0) + row_number() OVER (PARTITION BY extract(year FROM b.created) ORDER BY b.created, b.n) AS seq
         FROM bench_issue b LEFT JOIN bench_counter c ON c.year = extract(year FROM b.created)::int
       ) b JOIN bench_adm a ON a.i = b.adm JOIN bench_assoc s ON s.i = b.assoc`,
    );
    // IssueCounter continues after the generated references, so issues raised afterwards stay unique.
    await q(
      `INSERT INTO "IssueCounter" (year, last)
       SELECT extract(year FROM created)::int, coalesce(max(c.last), 0) + count(*) FROM bench_issue b LEFT JOIN bench_counter c ON c.year = extract(year FROM b.created)::int
       GROUP BY 1
       ON CONFLICT (year) DO UPDATE SET last = EXCLUDED.last`,
    );
    // Responses: the first official one, a second one for one issue in four, information from the reporter for one in three.
    await q(
      `INSERT INTO "IssueResponse" (id, "issueId", kind, "authorId", body, "createdAt")
       SELECT 'bench-resp-' || b.n || '-1', 'bench-issue-' || b.n, 'OFFICIAL'::"IssueResponseKind", 'bench-officer-' || b.adm || '-' || b.officer,
         CASE WHEN b.russian THEN 'Мы запросили записи камер и журнал поста. Ответ по существу — после проверки, в пределах установленного срока.'
              ELSE 'We have requested the camera recordings and the post''s log book. We will answer on the merits after the review, within the deadline.' END,
         b.first_resp_at
       FROM bench_issue b WHERE b.first_resp_at IS NOT NULL
       UNION ALL
       SELECT 'bench-resp-' || b.n || '-2', 'bench-issue-' || b.n, 'OFFICIAL'::"IssueResponseKind", 'bench-officer-' || b.adm || '-' || b.officer,
         'The review is complete: the officer concerned has been moved to other duties, and the fee list is now posted at the gate.',
         b.first_resp_at + interval '1 day'
       FROM bench_issue b WHERE b.first_resp_at IS NOT NULL AND b.r % 4 = 0 AND b.first_resp_at + interval '1 day' < coalesce(b.close_at, now())
       UNION ALL
       SELECT 'bench-resp-' || b.n || '-0', 'bench-issue-' || b.n, 'REPORTER_INFO'::"IssueResponseKind", CASE WHEN NOT b.anon THEN 'bench-member-' || b.assoc || '-' || b.member END,
         'The driver''s statement and the queue photographs are attached.', b.created + b.da * interval '12 hours'
       FROM bench_issue b WHERE b.r % 3 = 0 AND b.created + b.da * interval '12 hours' < now()`,
    );
    // The escalations the scheduler would have recorded for every missed deadline (so the running server's sweep finds
    // nothing left to do and does not write during the timed requests).
    await q(
      `INSERT INTO "IssueEscalation" (id, "issueId", deadline, "dueAt", "escalatedAt")
       SELECT 'bench-esc-a-' || b.n, 'bench-issue-' || b.n, 'ACKNOWLEDGE'::"IssueDeadline", b.ack_by, b.ack_by + interval '1 minute'
       FROM bench_issue b WHERE coalesce(b.ack_at, now()) > b.ack_by
       UNION ALL
       SELECT 'bench-esc-r-' || b.n, 'bench-issue-' || b.n, 'RESPOND'::"IssueDeadline", b.respond_by, b.respond_by + interval '1 minute'
       FROM bench_issue b WHERE coalesce(b.resp_at, now()) > b.respond_by`,
    );
    await q('COMMIT');
  } catch (error) {
    await q('ROLLBACK');
    throw error;
  }
  await q('VACUUM (ANALYZE)');
  await q('CHECKPOINT').catch(() => undefined);
  const one = async (sql: string) => Number((await q(sql)).rows[0].n);
  return {
    issues: await one(`SELECT count(*)::int AS n FROM "Issue"`),
    byStatus: Object.fromEntries(
      (await q(`SELECT status, count(*)::int AS n FROM "Issue" GROUP BY status ORDER BY status`)).rows.map((row: { status: string; n: number }) => [
        row.status,
        row.n,
      ]),
    ),
    public: await one(`SELECT count(*)::int AS n FROM "Issue" WHERE visibility = 'PUBLIC'`),
    anonymous: await one(`SELECT count(*)::int AS n FROM "Issue" WHERE anonymous`),
    responses: await one(`SELECT count(*)::int AS n FROM "IssueResponse"`),
    escalations: await one(`SELECT count(*)::int AS n FROM "IssueEscalation"`),
    administrations: await one(`SELECT count(*)::int AS n FROM "Organization" WHERE kind = 'CUSTOMS_ADMINISTRATION'`),
    offices: await one(`SELECT count(*)::int AS n FROM "CustomsOffice"`),
  };
}
