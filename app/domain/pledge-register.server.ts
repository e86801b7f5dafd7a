// Read models of a pledge's public pages: the register (one page of rows by keyset, whatever its size), the figures
// and chart series beside it (aggregated in SQL), a signature's receipt, and the pledge's timeline (its audit events,
// a page at a time). Which entries count and in which status is decided once, in pledge-queries.server.ts.
import { Prisma } from '../../prisma/generated/client/client';
import type { Db } from '../db/client.server';
import { localized } from './localized';
import { type SignatureCounts, signatureCounts, signatureStatusSql, signaturesWhere } from './pledge-queries.server';
import {
  REGISTER_PAGE_SIZE,
  type RegisterFilters,
  type RegisterQuery,
  type RegisterSort,
  SIGNING_KINDS,
  type SigningKind,
  type SortDirection,
  hasFilters,
} from './pledge-register-query';
import type { SignatureStatus } from './pledge-rules';
import { type Validity, cachedReads } from './read-cache.server';

/** A result that no passing of time changes (only a write does). */
const ALWAYS: Validity = { from: null, until: null };

/** The register's filters as a Prisma filter: the domain's entry/status/verified rule plus the kind, country and name. */
export function registerWhere(pledgeId: string, filters: RegisterFilters, now: Date): Prisma.PledgeSignatureWhereInput {
  const organization: Prisma.OrganizationWhereInput = {
    ...(filters.kind ? { kind: filters.kind } : {}),
    ...(filters.country ? { country: filters.country } : {}),
    ...(filters.q ? { name: { contains: filters.q, mode: 'insensitive' } } : {}),
  };
  return {
    AND: [
      signaturesWhere({ pledgeId, status: filters.status, verified: filters.verified }, now),
      ...(Object.keys(organization).length ? [{ organization }] : []),
    ],
  };
}

/** The status of an entry already known to be in the register, by the same dates `signaturesWhere` filters on. */
export function entryStatus(entry: { withdrawnAt: Date | null; lapsesAt: Date | null }, now: Date): SignatureStatus {
  if (entry.withdrawnAt) return 'WITHDRAWN';
  return entry.lapsesAt && entry.lapsesAt.getTime() <= now.getTime() ? 'LAPSED' : 'ACTIVE';
}

// --- Keyset pagination -------------------------------------------------------------------------------------------
// Each sort is a list of columns ending with the id, so the order is total. A page starts after (or before) the
// cursor row: "rows that sort after it", written as a Prisma filter. Nullable dates sort last in either direction.

type Column = {
  /** Read the column's value from a row (with its organisation and version). */
  get: (row: KeyRow) => string | number | Date | null;
  /** Filter: the column compared with a value (`gt`, `lt`) or equal to it (`equals`), or null. */
  where: (op: 'gt' | 'lt' | 'equals', value: string | number | Date | null) => Prisma.PledgeSignatureWhereInput;
  order: (dir: SortDirection, nulls: 'first' | 'last') => Prisma.PledgeSignatureOrderByWithRelationInput;
  nullable?: boolean;
  /** Enum columns compare by declaration order, which Prisma's filters cannot do: the values on either side. */
  enumValues?: readonly string[];
};

const KEY_SELECT = {
  id: true,
  signedAt: true,
  lastRenewedAt: true,
  lapsesAt: true,
  withdrawnAt: true,
  organization: { select: { name: true, kind: true, country: true } },
  version: { select: { number: true } },
} satisfies Prisma.PledgeSignatureSelect;
type KeyRow = Prisma.PledgeSignatureGetPayload<{ select: typeof KEY_SELECT }>;

const ownDate = (field: 'signedAt' | 'lastRenewedAt' | 'lapsesAt' | 'withdrawnAt', nullable = false): Column => ({
  get: (row) => row[field],
  where: (op, value) => ({ [field]: op === 'equals' ? value : { [op]: value } }),
  order: (dir, nulls) => ({ [field]: nullable ? { sort: dir, nulls } : dir }),
  nullable,
});
const organizationField = (field: 'name' | 'kind' | 'country', enumValues?: readonly string[]): Column => ({
  get: (row) => row.organization[field],
  where: (op, value) => {
    if (op === 'equals') return { organization: { [field]: value } };
    if (!enumValues) return { organization: { [field]: { [op]: value } } };
    const at = enumValues.indexOf(String(value));
    return { organization: { [field]: { in: op === 'gt' ? enumValues.slice(at + 1) : enumValues.slice(0, Math.max(at, 0)) } } };
  },
  order: (dir) => ({ organization: { [field]: dir } }),
  enumValues,
});
const id: Column = {
  get: (row) => row.id,
  where: (op, value) => ({ id: op === 'equals' ? String(value) : { [op]: String(value) } }),
  order: (dir) => ({ id: dir }),
};
const versionNumber: Column = {
  get: (row) => row.version.number,
  where: (op, value) => ({ version: { number: op === 'equals' ? Number(value) : { [op]: Number(value) } } }),
  order: (dir) => ({ version: { number: dir } }),
};
const ORGANIZATION_KINDS = ['CUSTOMS_ADMINISTRATION', 'BUSINESS_ASSOCIATION', 'PARTNER'] as const; // the enum's declaration order

const SORT_COLUMNS: Record<RegisterSort, Column[]> = {
  organization: [organizationField('name'), id],
  kind: [organizationField('kind', ORGANIZATION_KINDS), organizationField('name'), id],
  country: [organizationField('country'), organizationField('name'), id],
  version: [versionNumber, ownDate('signedAt'), id],
  signed: [ownDate('signedAt'), id],
  renewed: [ownDate('lastRenewedAt'), id],
  lapses: [ownDate('lapsesAt', true), id],
  withdrawn: [ownDate('withdrawnAt', true), id],
};

/** Rows strictly after the cursor row in the order given (each column `dir`, nullable ones with nulls where `nulls` says). */
function afterCursor(columns: Column[], row: KeyRow, dir: SortDirection, nulls: 'first' | 'last'): Prisma.PledgeSignatureWhereInput {
  const [column, ...rest] = columns;
  const value = column.get(row);
  const op = dir === 'asc' ? 'gt' : 'lt';
  const tie = (): Prisma.PledgeSignatureWhereInput[] => (rest.length ? [{ AND: [column.where('equals', value), afterCursor(rest, row, dir, nulls)] }] : []);
  if (column.nullable && value === null) {
    // Among the nulls: ties only; with nulls first, every non-null row comes after.
    return { OR: [...tie(), ...(nulls === 'first' ? [{ NOT: column.where('equals', null) }] : [])] };
  }
  return { OR: [column.where(op, value), ...tie(), ...(column.nullable && nulls === 'last' ? [column.where('equals', null)] : [])] };
}

const ROW_SELECT = {
  ...KEY_SELECT,
  statement: true,
  translations: true,
  withdrawalReason: true,
  organization: { select: { id: true, slug: true, name: true, kind: true, country: true, verified: true, translations: true } },
} satisfies Prisma.PledgeSignatureSelect;
type Row = Prisma.PledgeSignatureGetPayload<{ select: typeof ROW_SELECT }>;

function toEntry(row: Row, now: Date, locale: string) {
  return {
    id: row.id,
    status: entryStatus(row, now),
    organization: {
      slug: row.organization.slug,
      name: localized(row.organization, 'name', locale, row.organization.name),
      kind: row.organization.kind,
      country: row.organization.country,
      verified: row.organization.verified,
    },
    version: row.version.number,
    statement: localized(row, 'statement', locale, row.statement),
    signedAt: row.signedAt.toISOString(),
    lastRenewedAt: row.lastRenewedAt.toISOString(),
    lapsesAt: row.lapsesAt?.toISOString() ?? null,
    withdrawnAt: row.withdrawnAt?.toISOString() ?? null,
    withdrawalReason: row.withdrawalReason,
  };
}
export type RegisterEntry = ReturnType<typeof toEntry>;

/**
 * One page of the register in the query's order, by keyset: `after` (or `before`) is a row id of the same register.
 * An unknown cursor starts from the first page. `take` rows at most; `hasNext`/`hasPrevious` say whether to link on.
 */
export async function registerPage(
  db: Db,
  pledgeId: string,
  query: RegisterQuery,
  { now, locale, take = REGISTER_PAGE_SIZE }: { now: Date; locale: string; take?: number },
) {
  const columns = SORT_COLUMNS[query.sort];
  const where = registerWhere(pledgeId, query, now);
  const cursorId = query.after ?? query.before;
  const cursorRow = cursorId ? await db.pledgeSignature.findFirst({ where: { id: cursorId, pledgeId }, select: KEY_SELECT }) : null;
  const backwards = !!cursorRow && !query.after;
  // Paging backwards reads the reversed order (nulls then come first) and turns the page round.
  const dir: SortDirection = backwards ? (query.dir === 'asc' ? 'desc' : 'asc') : query.dir;
  const nulls = backwards ? 'first' : 'last';
  const rows = await db.pledgeSignature.findMany({
    where: cursorRow ? { AND: [where, afterCursor(columns, cursorRow, dir, nulls)] } : where,
    orderBy: columns.map((c) => c.order(dir, nulls)),
    take: take + 1,
    select: ROW_SELECT,
  });
  const more = rows.length > take;
  const page = rows.slice(0, take);
  if (backwards) page.reverse();
  return {
    entries: page.map((row) => toEntry(row, now, locale)),
    hasNext: backwards ? true : more,
    hasPrevious: backwards ? more : !!cursorRow,
  };
}

/** Every row of a filtered register, a batch at a time in the query's order (for the CSV download). */
export async function* registerBatches(
  db: Db,
  pledgeId: string,
  query: RegisterQuery,
  { now, locale, batch = 1000 }: { now: Date; locale: string; batch?: number },
) {
  let after: string | undefined;
  for (;;) {
    const page = await registerPage(db, pledgeId, { ...query, after, before: undefined }, { now, locale, take: batch });
    if (page.entries.length) yield page.entries;
    if (!page.hasNext || !page.entries.length) return;
    after = page.entries[page.entries.length - 1].id;
  }
}

/**
 * How many entries match the filters: the register's total (cached, see read-cache.server.ts) when nothing is
 * filtered, otherwise one count statement.
 */
export async function registerMatchCount(db: Db, pledgeId: string, filters: RegisterFilters, now: Date) {
  if (!hasFilters(filters)) return (await signatureCounts(db, [pledgeId], now)).get(pledgeId)!.total;
  return db.pledgeSignature.count({ where: registerWhere(pledgeId, filters, now) });
}

/** The countries present in a pledge's register, for the country filter (one grouped statement, cached until a write). */
export async function registerCountries(db: Db, pledgeId: string): Promise<string[]> {
  const key = `countries:${pledgeId}`;
  const cached = await cachedReads(db, [key], new Date(), async () => {
    const rows = await db.$queryRaw<{ country: string }[]>(Prisma.sql`
      SELECT DISTINCT o."country" FROM "PledgeSignature" s JOIN "Organization" o ON o."id" = s."organizationId"
      WHERE s."pledgeId" = ${pledgeId} AND s."supersededAt" IS NULL ORDER BY o."country"`);
    return new Map([[key, { value: rows.map((r) => r.country.trim()), validity: ALWAYS }]]);
  });
  return [...cached.get(key)!];
}

// --- Figures and chart series ------------------------------------------------------------------------------------

const MAX_POINTS = 120;
const DAY = 24 * 60 * 60 * 1000;

/** The first day each verified organisation signed, counted per day (UTC): one aggregate statement. */
async function signingDays(db: Db, pledgeId: string) {
  const days = await db.$queryRaw<{ day: string; signed: bigint }[]>(Prisma.sql`
    SELECT to_char(f."firstSignedAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, count(*) AS signed
    FROM (
      SELECT s."organizationId", min(s."signedAt") AS "firstSignedAt"
      FROM "PledgeSignature" s JOIN "Organization" o ON o."id" = s."organizationId"
      WHERE s."pledgeId" = ${pledgeId} AND o."verified"
      GROUP BY s."organizationId"
    ) f
    GROUP BY 1 ORDER BY 1`);
  // The day as text (UTC), so no driver or server time zone can shift it.
  return days.map((d) => ({ time: Date.parse(`${d.day}T00:00:00Z`), signed: Number(d.signed) }));
}

/** Per-day first signings as a running total, thinned to at most 120 points, ending today. */
function seriesOf(days: { time: number; signed: number }[], now: Date): { date: string; total: number }[] {
  let total = 0;
  const points = days.map((d) => ({ time: d.time, total: (total += d.signed) }));
  if (!points.length) return [];
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  let series = points;
  if (series.length > MAX_POINTS) {
    const span = Math.max(today - series[0].time, DAY);
    const step = span / MAX_POINTS;
    const thinned = new Map<number, { time: number; total: number }>();
    for (const p of series) thinned.set(Math.floor((p.time - series[0].time) / step), p); // the last point of each stretch
    series = [series[0], ...[...thinned.values()].filter((p) => p !== series[0])];
  }
  if (series[series.length - 1].time < today) series = [...series, { time: today, total }];
  return series.map((p) => ({ date: new Date(p.time).toISOString(), total: p.total }));
}

/**
 * Verified organisations that have signed, counted up over time (each from the first day it signed), ending today:
 * its last value is the register's verified total, ACTIVE + LAPSED + WITHDRAWN. Aggregated per day in SQL; long
 * histories are thinned to at most 120 points by keeping the count reached at the end of each stretch.
 */
export async function signaturesOverTime(db: Db, pledgeId: string, now: Date): Promise<{ date: string; total: number }[]> {
  return seriesOf(await signingDays(db, pledgeId), now);
}

/** Active signatures of verified organisations by kind (they add up to the ACTIVE figure), and when that holds. */
async function activeByKindAt(db: Db, pledgeId: string, now: Date): Promise<{ value: Record<SigningKind, number>; validity: Validity }> {
  const rows = await db.$queryRaw<{ kind: string | null; active: bigint; lapsedSince: Date | null; nextLapse: Date | null }[]>(Prisma.sql`
    SELECT o."kind"::text AS kind, count(*) FILTER (WHERE ${signatureStatusSql('ACTIVE', now)}) AS active,
      max(s."lapsesAt") FILTER (WHERE s."withdrawnAt" IS NULL AND s."lapsesAt" <= ${now}) AS "lapsedSince",
      min(s."lapsesAt") FILTER (WHERE s."withdrawnAt" IS NULL AND s."lapsesAt" > ${now}) AS "nextLapse"
    FROM "PledgeSignature" s JOIN "Organization" o ON o."id" = s."organizationId"
    WHERE s."pledgeId" = ${pledgeId} AND s."supersededAt" IS NULL AND o."verified"
    GROUP BY ROLLUP (o."kind")`);
  const value = Object.fromEntries(SIGNING_KINDS.map((kind) => [kind, Number(rows.find((r) => r.kind === kind)?.active ?? 0)])) as Record<SigningKind, number>;
  const all = rows.find((r) => r.kind === null);
  return { value, validity: { from: all?.lapsedSince ?? null, until: all?.nextLapse ?? null } };
}

/** Active signatures of verified organisations by kind: they add up to the ACTIVE figure. One statement. */
export async function activeByKind(db: Db, pledgeId: string, now: Date): Promise<Record<SigningKind, number>> {
  return (await activeByKindAt(db, pledgeId, now)).value;
}

/**
 * The figures and series shown above a register: counts by status, signatures over time, active by kind. Each is an
 * aggregate over the whole register, so all are cached until the next write or lapse (read-cache.server.ts): a page
 * view of a register of 10,000 then reads the audit log's head rather than 10,000 rows.
 */
export async function registerSummary(db: Db, pledgeId: string, now: Date) {
  const key = `figures:${pledgeId}`;
  const [counts, figures] = await Promise.all([
    signatureCounts(db, [pledgeId], now).then((map) => map.get(pledgeId) as SignatureCounts),
    cachedReads(db, [key], now, async () => {
      const [days, byKind] = await Promise.all([signingDays(db, pledgeId), activeByKindAt(db, pledgeId, now)]);
      return new Map([[key, { value: { days, byKind: byKind.value }, validity: byKind.validity }]]);
    }).then((map) => map.get(key)!),
  ]);
  return { counts, overTime: seriesOf(figures.days, now), byKind: { ...figures.byKind } };
}

// --- A signature's receipt ---------------------------------------------------------------------------------------

const SIGNING_ACTIONS = ['pledge.signed', 'pledge.resigned'];

/** A signature of this pledge with what its receipt shows, and the audit event that recorded it; null if unknown. */
export async function signatureReceipt(db: Db, pledgeId: string, signatureId: string, { now, locale }: { now: Date; locale: string }) {
  const signature = await db.pledgeSignature.findFirst({
    where: { id: signatureId, pledgeId },
    include: {
      organization: { select: { id: true, slug: true, name: true, kind: true, country: true, verified: true, translations: true } },
      version: { select: { number: true, title: true, translations: true, publishedAt: true } },
      signedBy: { select: { id: true, name: true } },
      progressReports: { orderBy: { createdAt: 'desc' }, take: 5, select: { id: true, body: true, links: true, createdAt: true } },
    },
  });
  if (!signature) return null;
  const [event, newer] = await Promise.all([
    db.auditEvent.findFirst({
      where: { subjectType: 'Pledge', subjectId: pledgeId, action: { in: SIGNING_ACTIONS }, data: { path: ['signatureId'], equals: signatureId } },
      select: { seq: true, hash: true, prevHash: true, occurredAt: true, action: true },
    }),
    // Re-signed since: the organisation's signature that took this one's place.
    signature.supersededAt
      ? db.pledgeSignature.findFirst({
          where: { pledgeId, organizationId: signature.organizationId, signedAt: { gte: signature.signedAt }, id: { not: signature.id } },
          orderBy: { signedAt: 'asc' },
          select: { id: true },
        })
      : null,
  ]);
  return {
    id: signature.id,
    organizationId: signature.organizationId,
    status: entryStatus(signature, now),
    superseded: !!signature.supersededAt,
    supersededAt: signature.supersededAt?.toISOString() ?? null,
    supersededBy: newer?.id ?? null,
    organization: {
      slug: signature.organization.slug,
      name: localized(signature.organization, 'name', locale, signature.organization.name),
      kind: signature.organization.kind,
      country: signature.organization.country,
      verified: signature.organization.verified,
    },
    version: {
      number: signature.version.number,
      title: localized(signature.version, 'title', locale, signature.version.title),
      publishedAt: signature.version.publishedAt.toISOString(),
    },
    signedBy: signature.signedBy,
    statement: localized(signature, 'statement', locale, signature.statement),
    signedAt: signature.signedAt.toISOString(),
    lastRenewedAt: signature.lastRenewedAt.toISOString(),
    lapsesAt: signature.lapsesAt?.toISOString() ?? null,
    withdrawnAt: signature.withdrawnAt?.toISOString() ?? null,
    withdrawalReason: signature.withdrawalReason,
    reports: signature.progressReports.map((r) => ({ id: r.id, body: r.body, links: r.links, createdAt: r.createdAt.toISOString() })),
    audit: event
      ? { seq: event.seq.toString(), hash: event.hash, prevHash: event.prevHash, occurredAt: event.occurredAt.toISOString(), action: event.action }
      : null,
  };
}

/** The signatures of a pledge by some organisations that are still in the register (withdrawn included), with their version. */
export async function registerEntriesOf(db: Db, pledgeId: string, organizationIds: string[], now: Date) {
  if (!organizationIds.length) return [];
  const rows = await db.pledgeSignature.findMany({
    where: { AND: [signaturesWhere({ pledgeId }, now), { organizationId: { in: organizationIds } }] },
    select: { id: true, organizationId: true, signedAt: true, lapsesAt: true, withdrawnAt: true, version: { select: { number: true } } },
  });
  return rows.map((row) => ({ ...row, status: entryStatus(row, now) }));
}

// --- The timeline --------------------------------------------------------------------------------------------------

/** What the public timeline shows; those who manage the pledge also see its drafting. */
const PUBLIC_ACTIONS = [
  'pledge.published',
  'pledge.version_published',
  'pledge.closed',
  'pledge.signed',
  'pledge.resigned',
  'pledge.withdrawn',
  'pledge.renewed',
];
const DRAFTING_ACTIONS = ['pledge.drafted', 'pledge.draft_updated'];
export const TIMELINE_PAGE_SIZE = 20;

const text = (data: Record<string, unknown>, key: string) => (typeof data[key] === 'string' ? (data[key] as string) : null);
const number = (data: Record<string, unknown>, key: string) => (typeof data[key] === 'number' ? (data[key] as number) : null);

/**
 * What happened to a pledge, newest first, a page at a time: its audit events (the record of every step), keyset by
 * sequence number. `before` is the sequence number of the last event already shown. Each item says which
 * organisation did what and carries the ids to link to (the signature's receipt, the version's page).
 */
export async function pledgeTimeline(
  db: Db,
  pledgeId: string,
  {
    before,
    take = TIMELINE_PAGE_SIZE,
    includeDrafting = false,
    locale = 'en',
  }: { before?: bigint; take?: number; includeDrafting?: boolean; locale?: string } = {},
) {
  const events = await db.auditEvent.findMany({
    where: {
      subjectType: 'Pledge',
      subjectId: pledgeId,
      action: { in: includeDrafting ? [...PUBLIC_ACTIONS, ...DRAFTING_ACTIONS] : PUBLIC_ACTIONS },
      ...(before !== undefined ? { seq: { lt: before } } : {}),
    },
    orderBy: { seq: 'desc' },
    take: take + 1,
    select: { seq: true, occurredAt: true, action: true, organizationId: true, data: true },
  });
  const more = events.length > take;
  const page = events
    .slice(0, take)
    .map((e) => ({ ...e, data: (e.data && typeof e.data === 'object' && !Array.isArray(e.data) ? e.data : {}) as Record<string, unknown> }));
  const organizationIds = [...new Set(page.map((e) => e.organizationId).filter((x): x is string => !!x))];
  const signatureIds = [...new Set(page.map((e) => text(e.data, 'signatureId')).filter((x): x is string => !!x))];
  const reportIds = [...new Set(page.map((e) => text(e.data, 'reportId')).filter((x): x is string => !!x))];
  const versionNumbers = [...new Set(page.map((e) => number(e.data, 'version')).filter((x): x is number => x !== null))];
  const [organizations, signatures, reports, versions] = await Promise.all([
    organizationIds.length
      ? db.organization.findMany({ where: { id: { in: organizationIds } }, select: { id: true, slug: true, name: true, translations: true } })
      : [],
    signatureIds.length ? db.pledgeSignature.findMany({ where: { id: { in: signatureIds } }, select: { id: true, statement: true, translations: true } }) : [],
    reportIds.length ? db.pledgeProgressReport.findMany({ where: { id: { in: reportIds } }, select: { id: true, body: true, links: true } }) : [],
    versionNumbers.length
      ? db.pledgeVersion.findMany({ where: { pledgeId, number: { in: versionNumbers } }, select: { number: true, changeNote: true, translations: true } })
      : [],
  ]);
  const orgById = new Map(organizations.map((o) => [o.id, { slug: o.slug, name: localized(o, 'name', locale, o.name) }]));
  const signatureById = new Map(signatures.map((s) => [s.id, s]));
  const reportById = new Map(reports.map((r) => [r.id, r]));
  const versionByNumber = new Map(versions.map((v) => [v.number, v]));
  const items = page.map((e) => {
    const signatureId = text(e.data, 'signatureId');
    const signature = signatureId ? signatureById.get(signatureId) : undefined;
    const report = reportById.get(text(e.data, 'reportId') ?? '');
    const versionNumber = number(e.data, 'version');
    const version = versionNumber !== null ? versionByNumber.get(versionNumber) : undefined;
    const detail =
      e.action === 'pledge.signed' || e.action === 'pledge.resigned'
        ? signature
          ? localized(signature, 'statement', locale, signature.statement)
          : text(e.data, 'statement')
        : e.action === 'pledge.withdrawn'
          ? text(e.data, 'reason')
          : e.action === 'pledge.renewed'
            ? (report?.body ?? null)
            : e.action === 'pledge.version_published' && version
              ? localized(version, 'changeNote', locale, version.changeNote)
              : null;
    return {
      seq: e.seq.toString(),
      at: e.occurredAt.toISOString(),
      action: e.action,
      organization: e.organizationId ? (orgById.get(e.organizationId) ?? null) : null,
      version: versionNumber,
      signatureId: signature ? signatureId : null,
      detail,
      links: report?.links ?? [],
    };
  });
  return { items, nextBefore: more ? page[page.length - 1].seq.toString() : null };
}
export type TimelineItem = Awaited<ReturnType<typeof pledgeTimeline>>['items'][number];
