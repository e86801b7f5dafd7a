// Reads of issues that carry a rule, written once and used by loaders, actions, GraphQL resolvers and commands alike:
// who may see an issue (and the same rule as a Prisma filter and as SQL), who may handle it or act as its reporter,
// the issue page's data, the filtered and searched lists with keyset pagination, the officers' inbox, the timeline
// from the audit log, and the public statistics and summaries with their reporter protection.
//
// Overdue and escalated are computed from dates, never stored: in TypeScript by app/domain/issue-rules.ts (for one
// issue) and in SQL here (for filters and ordering). tests/integration/issue-queries.test.ts checks that both agree
// across the boundary instants.
import { z } from 'zod';
import { Prisma } from '../../prisma/generated/client/client';
import type { Actor } from './actor.server';
import type { DomainContext } from './context.server';
import { ARUSHA_FACTORS, ISSUE_CATEGORIES, ISSUE_SEVERITIES, ISSUE_STATUSES } from './enums';
import { ForbiddenError, NotAuthenticatedError, NotFoundError, ValidationError } from './errors.server';
import { type DeadlineFields, type NextDeadline, addDays, isEscalated, isOverdue, nextDeadline, reopenAllowedUntil } from './issue-rules';
import { issueSettings } from './issue-settings.server';
import { can } from './policy.server';
import { cachedReads } from './read-cache.server';

type ReadContext = Pick<DomainContext, 'db' | 'actor' | 'now'>;
const nowIn = (ctx: ReadContext) => (ctx.now ? ctx.now() : new Date());

// ───────────────────────────── Visibility and roles ─────────────────────────────

/** The fields the visibility and role rules look at. */
export type IssueParties = {
  visibility: string;
  anonymous: boolean;
  administrationId: string;
  reporterOrganizationId: string | null;
  raisedById?: string | null;
};

/** The organisations party to an issue: the administration, and the reporter's organisation when it is named. */
function partyOrganizationIds(issue: IssueParties): string[] {
  return !issue.anonymous && issue.reporterOrganizationId ? [issue.administrationId, issue.reporterOrganizationId] : [issue.administrationId];
}

/** An anonymous issue is restricted whatever its column says: only its receipt holder reads it outside the parties. */
const effectiveVisibility = (issue: IssueParties) => (issue.anonymous ? 'RESTRICTED' : issue.visibility);

/**
 * May the actor read the issue: PUBLIC (and named) → everyone; otherwise members of the parties and platform
 * administrators (policy 'issue.read'). Everything that shows an issue asks this, or its Prisma/SQL form below.
 */
export function canSeeIssue(actor: Actor, issue: IssueParties): boolean {
  return can(actor, 'issue.read', { visibility: effectiveVisibility(issue), partyOrganizationIds: partyOrganizationIds(issue) });
}

/** Whom the actor sees restricted issues of: 'all' (platform administrators, the platform itself) or organisation ids. */
function restrictedScope(actor: Actor): 'all' | string[] {
  // The policy decides: a restricted issue with no party the actor belongs to is readable only by platform admins.
  if (can(actor, 'issue.read', { visibility: 'RESTRICTED', partyOrganizationIds: [] })) return 'all';
  return actor.kind === 'user' ? [...new Set(actor.memberships.map((m) => m.organizationId))] : [];
}

/** canSeeIssue as a Prisma filter, for lists, counts and lookups (tested to agree with canSeeIssue). */
export function visibleIssuesWhere(actor: Actor): Prisma.IssueWhereInput {
  const scope = restrictedScope(actor);
  if (scope === 'all') return {};
  const open: Prisma.IssueWhereInput = { visibility: 'PUBLIC', anonymous: false };
  if (!scope.length) return open;
  return { OR: [open, { administrationId: { in: scope } }, { anonymous: false, reporterOrganizationId: { in: scope } }] };
}

/** canSeeIssue as an SQL condition on an issue aliased `i`. */
export function visibleIssuesSql(actor: Actor): Prisma.Sql {
  const scope = restrictedScope(actor);
  if (scope === 'all') return Prisma.sql`TRUE`;
  const open = Prisma.sql`(i."visibility" = 'PUBLIC' AND NOT i."anonymous")`;
  if (!scope.length) return open;
  return Prisma.sql`(${open} OR i."administrationId" = ANY(${scope}::text[])
    OR (NOT i."anonymous" AND i."reporterOrganizationId" = ANY(${scope}::text[])))`;
}

/** Assign, acknowledge, respond, resolve, reject: the administration's liaison officers and administrators. */
export function canHandleIssue(actor: Actor, issue: Pick<IssueParties, 'administrationId'>): boolean {
  return can(actor, 'issue.handle', { organizationId: issue.administrationId });
}

/**
 * Follow up and reopen as the reporter: who raised it, or an administrator of the reporting organisation. Never for
 * an anonymous issue here: its reporter acts through the receipt code (issues.server.ts checks that).
 */
export function canActAsReporter(actor: Actor, issue: Pick<IssueParties, 'anonymous' | 'reporterOrganizationId' | 'raisedById'>): boolean {
  if (issue.anonymous || !issue.reporterOrganizationId) return false;
  return can(actor, 'issue.actAsReporter', { organizationId: issue.reporterOrganizationId, userId: issue.raisedById ?? undefined });
}

// ───────────────────────────── Overdue and escalated in SQL ─────────────────────────────

/** isOverdue (issue-rules.ts) as SQL on `i`: RAISED past acknowledgeBy, or awaiting the response past respondBy. */
export function overdueSql(now: Date): Prisma.Sql {
  return Prisma.sql`((i."status" = 'RAISED' AND ${now}::timestamptz > i."acknowledgeBy")
    OR (i."status" IN ('RAISED', 'ACKNOWLEDGED', 'REOPENED') AND ${now}::timestamptz > i."respondBy"))`;
}

/** isEscalated (issue-rules.ts) as SQL on `i`: open, and an act came late or has not come and its deadline passed. */
export function escalatedSql(now: Date): Prisma.Sql {
  return Prisma.sql`(i."status" NOT IN ('RESOLVED', 'REJECTED')
    AND (COALESCE(i."acknowledgedAt", ${now}::timestamptz) > i."acknowledgeBy"
      OR COALESCE(i."respondedAt", ${now}::timestamptz) > i."respondBy"))`;
}

/** A time as whole milliseconds since 1970 (bigint): exact for timestamptz(3), comparable without time-zone text. */
const epochMs = (expr: Prisma.Sql) => Prisma.sql`floor(extract(epoch from ${expr}) * 1000)::bigint`;
/** Sorts after every real deadline: issues awaiting nothing come last in deadline order. */
const NO_DEADLINE_MS = 9_000_000_000_000_000n;

/** nextDeadline(…).dueAt (issue-rules.ts) in milliseconds, NO_DEADLINE_MS when nothing is awaited. */
const nextDeadlineMsSql = Prisma.sql`(CASE
  WHEN i."status" = 'RAISED' THEN ${epochMs(Prisma.sql`LEAST(i."acknowledgeBy", i."respondBy")`)}
  WHEN i."status" IN ('ACKNOWLEDGED', 'REOPENED') THEN ${epochMs(Prisma.sql`i."respondBy"`)}
  ELSE ${NO_DEADLINE_MS}::bigint END)`;

const severityRankSql = Prisma.sql`(CASE i."severity" WHEN 'CRITICAL' THEN 4 WHEN 'HIGH' THEN 3 WHEN 'MEDIUM' THEN 2 ELSE 1 END)::bigint`;

function derived(issue: DeadlineFields, now: Date) {
  return { overdue: isOverdue(issue, now), escalated: isEscalated(issue, now), nextDeadline: nextDeadline(issue, now) };
}

// ───────────────────────────── One issue ─────────────────────────────

const person = { select: { id: true, name: true } } as const;
const ATTACHMENT_SELECT = {
  id: true,
  issueId: true,
  responseId: true,
  fileName: true,
  contentType: true,
  size: true,
  sha256: true,
  createdAt: true,
} as const satisfies Prisma.IssueAttachmentSelect;

const DETAIL_ARGS = {
  // The receipt code's selector and hash never leave the domain.
  omit: { receiptSelector: true, receiptHash: true },
  include: {
    administration: {
      select: { id: true, slug: true, name: true, translations: true, country: true, acknowledgeWorkingDays: true, respondDays: true },
    },
    office: { select: { id: true, nameEn: true, nameRu: true, kind: true, latitude: true, longitude: true, archivedAt: true } },
    reporterOrganization: { select: { id: true, slug: true, name: true, translations: true } },
    raisedBy: person,
    assignee: person,
    responses: {
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      include: { author: person, attachments: { select: ATTACHMENT_SELECT, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] } },
    },
    // The files that came with the issue itself; a follow-up's files are under its response.
    attachments: { where: { responseId: null }, select: ATTACHMENT_SELECT, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
  },
} as const satisfies Prisma.IssueDefaultArgs;

type IssueRow = Prisma.IssueGetPayload<typeof DETAIL_ARGS>;

export type IssueDetail = IssueRow & {
  overdue: boolean;
  escalated: boolean;
  nextDeadline: NextDeadline | null;
  /** Until when the reporter may reopen it (null unless resolved or rejected). */
  reopenAllowedUntil: Date | null;
  /** Read by a receipt holder: nobody's identity is included (assignee and response authors are null). */
  receiptView: boolean;
};

function toDetail(row: IssueRow, now: Date, receiptView: boolean): IssueDetail {
  const base = receiptView
    ? {
        ...row,
        raisedById: null,
        raisedBy: null,
        assigneeId: null,
        assignee: null,
        responses: row.responses.map((r) => ({ ...r, authorId: null, author: null })),
      }
    : row;
  return { ...base, ...derived(row, now), reopenAllowedUntil: reopenAllowedUntil(row), receiptView };
}

/**
 * An issue for its page, the GraphQL `issue` field and the commands' pages: NotFoundError when it does not exist or
 * the actor may not see it (the same answer, so a restricted reference reveals nothing).
 */
export async function getIssue(ctx: ReadContext, by: { id: string } | { reference: string }): Promise<IssueDetail> {
  const where: Prisma.IssueWhereUniqueInput = 'id' in by ? { id: String(by.id) } : { reference: String(by.reference).trim().toUpperCase() };
  const row = await ctx.db.issue.findUnique({ where, ...DETAIL_ARGS });
  if (!row || !canSeeIssue(ctx.actor, row)) throw new NotFoundError();
  return toDetail(row, nowIn(ctx), false);
}

/**
 * An anonymous issue for its receipt holder, after openReceipt (issues.server.ts) has verified the code: no visibility
 * check, and no identities in it (officers' names neither: the receipt page is reachable without an account).
 */
export async function getIssueForReceipt(ctx: ReadContext, issueId: string): Promise<IssueDetail> {
  const row = await ctx.db.issue.findUnique({ where: { id: issueId }, ...DETAIL_ARGS });
  if (!row || !row.anonymous) throw new NotFoundError();
  return toDetail(row, nowIn(ctx), true);
}

// ───────────────────────────── Lists ─────────────────────────────

export const ISSUE_ORDERS = ['NEWEST', 'OLDEST', 'DEADLINE', 'SEVERITY', 'OVERDUE_FIRST'] as const;
export type IssueOrder = (typeof ISSUE_ORDERS)[number];
export const MAX_ISSUE_PAGE = 100;
export const MAX_SEARCH_LENGTH = 200;

type Status = (typeof ISSUE_STATUSES)[number];
type Severity = (typeof ISSUE_SEVERITIES)[number];
type Category = (typeof ISSUE_CATEGORIES)[number];
type Factor = (typeof ARUSHA_FACTORS)[number];

export type IssueFilter = {
  status?: readonly Status[] | null;
  severity?: readonly Severity[] | null;
  category?: readonly Category[] | null;
  factor?: readonly Factor[] | null;
  /** The administration's country (ISO 3166-1 alpha-2). */
  countryCode?: string | null;
  administrationId?: string | null;
  officeId?: string | null;
  overdue?: boolean | null;
  escalated?: boolean | null;
  assignedToMe?: boolean | null;
  raisedByMyOrganization?: boolean | null;
  /** Words to find in title and description (English and Russian stemming, web-search syntax: "quotes", -not, or). */
  search?: string | null;
};

const list = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .array(z.enum(values))
    .max(values.length * 2)
    .nullish();
const id = z.string().trim().min(1).max(64).nullish();

/** IssueFilter as received (GraphQL nulls and URL strings alike): unknown values are a ValidationError. */
export const IssueFilterSchema = z.object({
  status: list(ISSUE_STATUSES),
  severity: list(ISSUE_SEVERITIES),
  category: list(ISSUE_CATEGORIES),
  factor: list(ARUSHA_FACTORS),
  countryCode: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, 'errors.invalid')
    .nullish(),
  administrationId: id,
  officeId: id,
  overdue: z.boolean().nullish(),
  escalated: z.boolean().nullish(),
  assignedToMe: z.boolean().nullish(),
  raisedByMyOrganization: z.boolean().nullish(),
  search: z.string().trim().max(MAX_SEARCH_LENGTH, 'errors.tooLong').nullish(),
});

export type IssueListItem = {
  id: string;
  reference: string;
  title: string;
  status: Status;
  severity: Severity;
  category: Category;
  factor: Factor;
  createdAt: Date;
  anonymous: boolean;
  visibility: 'PUBLIC' | 'RESTRICTED';
  acknowledgeBy: Date;
  respondBy: Date;
  acknowledgedAt: Date | null;
  respondedAt: Date | null;
  closedAt: Date | null;
  administration: { id: string; slug: string; name: string; translations: Prisma.JsonValue; country: string };
  office: { id: string; nameEn: string; nameRu: string; kind: string } | null;
  assignee: { id: string; name: string } | null;
  reporterOrganization: { id: string; slug: string; name: string } | null;
  overdue: boolean;
  escalated: boolean;
  nextDeadline: NextDeadline | null;
  /** Entries in the issue's thread: official responses and the reporter's additions. */
  responseCount: number;
  /** Opaque keyset cursor of this row: `after` it gives the rows that follow it. */
  cursor: string;
};

export type IssuePage = { items: IssueListItem[]; endCursor: string | null; hasNextPage: boolean };

/** A list row as one SQL statement reads it: the issue's columns and its relations' columns, flattened. */
type ListRow = Record<`k${number}`, unknown> & {
  id: string;
  reference: string;
  title: string;
  status: Status;
  severity: Severity;
  category: Category;
  factor: Factor;
  createdAt: Date;
  anonymous: boolean;
  visibility: 'PUBLIC' | 'RESTRICTED';
  acknowledgeBy: Date;
  respondBy: Date;
  acknowledgedAt: Date | null;
  respondedAt: Date | null;
  closedAt: Date | null;
  adminId: string;
  adminSlug: string;
  adminName: string;
  adminTranslations: Prisma.JsonValue;
  adminCountry: string;
  officeId: string | null;
  officeNameEn: string | null;
  officeNameRu: string | null;
  officeKind: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  reporterId: string | null;
  reporterSlug: string | null;
  reporterName: string | null;
  responseCount: bigint | number;
};

const LIST_COLUMNS = Prisma.sql`i."id", i."reference", i."title", i."status"::text AS "status", i."severity"::text AS "severity",
  i."category"::text AS "category", i."factor"::text AS "factor", i."createdAt", i."anonymous", i."visibility"::text AS "visibility",
  i."acknowledgeBy", i."respondBy", i."acknowledgedAt", i."respondedAt", i."closedAt",
  a."id" AS "adminId", a."slug" AS "adminSlug", a."name" AS "adminName", a."translations" AS "adminTranslations", a."country" AS "adminCountry",
  o."id" AS "officeId", o."nameEn" AS "officeNameEn", o."nameRu" AS "officeNameRu", o."kind"::text AS "officeKind",
  u."id" AS "assigneeId", u."name" AS "assigneeName",
  r."id" AS "reporterId", r."slug" AS "reporterSlug", r."name" AS "reporterName",
  (SELECT count(*) FROM "IssueResponse" x WHERE x."issueId" = i."id") AS "responseCount"`;

const LIST_JOINS = Prisma.sql`JOIN "Organization" a ON a."id" = i."administrationId"
    LEFT JOIN "CustomsOffice" o ON o."id" = i."officeId"
    LEFT JOIN "User" u ON u."id" = i."assigneeId"
    LEFT JOIN "Organization" r ON r."id" = i."reporterOrganizationId" AND NOT i."anonymous"`;

function listItemOf(row: ListRow, now: Date): Omit<IssueListItem, 'cursor'> {
  const issue = {
    id: row.id,
    reference: row.reference,
    title: row.title,
    status: row.status,
    severity: row.severity,
    category: row.category,
    factor: row.factor,
    createdAt: row.createdAt,
    anonymous: row.anonymous,
    visibility: row.visibility,
    acknowledgeBy: row.acknowledgeBy,
    respondBy: row.respondBy,
    acknowledgedAt: row.acknowledgedAt,
    respondedAt: row.respondedAt,
    closedAt: row.closedAt,
  };
  return {
    ...issue,
    administration: { id: row.adminId, slug: row.adminSlug, name: row.adminName, translations: row.adminTranslations, country: row.adminCountry },
    office: row.officeId ? { id: row.officeId, nameEn: row.officeNameEn!, nameRu: row.officeNameRu!, kind: row.officeKind! } : null,
    assignee: row.assigneeId ? { id: row.assigneeId, name: row.assigneeName! } : null,
    reporterOrganization: row.reporterId ? { id: row.reporterId, slug: row.reporterSlug!, name: row.reporterName! } : null,
    ...derived(issue, now),
    responseCount: Number(row.responseCount),
  };
}

/** A sort key: an SQL expression on `i`, its direction, and how its value travels in a cursor. */
type SortKey = { expr: Prisma.Sql; dir: 'ASC' | 'DESC'; type: 'ts' | 'int' | 'text' };
type CursorValue = string;

const createdAtKey = (dir: 'ASC' | 'DESC'): SortKey => ({ expr: Prisma.sql`i."createdAt"`, dir, type: 'ts' });
const idKey = (dir: 'ASC' | 'DESC'): SortKey => ({ expr: Prisma.sql`i."id"`, dir, type: 'text' });

/**
 * The sort keys of an order. Every order ends in the id, so it is total and a cursor names one place. With a search,
 * the relevance comes right after the order's own first key (ranks are secondary to the chosen order). The `now` of
 * OVERDUE_FIRST is the first page's (kept in the cursor), so an issue turning overdue between pages is neither skipped
 * nor repeated.
 *  - NEWEST / OLDEST: raised time, then id (read along the (createdAt, id) index).
 *  - DEADLINE: the next deadline awaited (nextDeadline in issue-rules.ts), soonest (most overdue) first; nothing
 *    awaited last; then oldest first.
 *  - SEVERITY: CRITICAL first, then newest first.
 *  - OVERDUE_FIRST: overdue issues first, the most overdue at the top; then the others, newest first.
 */
function sortKeys(order: IssueOrder, now: Date, rank: Prisma.Sql | null): SortKey[] {
  const relevance: SortKey[] = rank ? [{ expr: rank, dir: 'DESC', type: 'int' }] : [];
  switch (order) {
    case 'NEWEST':
      return [createdAtKey('DESC'), ...relevance, idKey('DESC')];
    case 'OLDEST':
      return [createdAtKey('ASC'), ...relevance, idKey('ASC')];
    case 'DEADLINE':
      return [{ expr: nextDeadlineMsSql, dir: 'ASC', type: 'int' }, ...relevance, createdAtKey('ASC'), idKey('ASC')];
    case 'SEVERITY':
      return [{ expr: severityRankSql, dir: 'DESC', type: 'int' }, ...relevance, createdAtKey('DESC'), idKey('DESC')];
    case 'OVERDUE_FIRST': {
      const overdue = overdueSql(now);
      return [
        { expr: Prisma.sql`(CASE WHEN ${overdue} THEN 0 ELSE 1 END)::bigint`, dir: 'ASC', type: 'int' },
        ...relevance,
        {
          expr: Prisma.sql`(CASE WHEN ${overdue} THEN ${nextDeadlineMsSql} ELSE -${epochMs(Prisma.sql`i."createdAt"`)} END)::bigint`,
          dir: 'ASC',
          type: 'int',
        },
        idKey('ASC'),
      ];
    }
  }
}

const keyValueSql = (key: SortKey, value: CursorValue) =>
  key.type === 'ts' ? Prisma.sql`${new Date(value)}::timestamptz` : key.type === 'int' ? Prisma.sql`${value}::bigint` : Prisma.sql`${value}`;

/** Rows strictly after the cursor's position: one row comparison when all keys run one way, else the expansion. */
function afterSql(keys: SortKey[], values: CursorValue[]): Prisma.Sql {
  if (keys.every((k) => k.dir === keys[0].dir)) {
    const op = Prisma.raw(keys[0].dir === 'ASC' ? '>' : '<');
    return Prisma.sql`(${Prisma.join(keys.map((k) => k.expr))}) ${op} (${Prisma.join(keys.map((k, n) => keyValueSql(k, values[n])))})`;
  }
  const [first, ...rest] = keys;
  const op = Prisma.raw(first.dir === 'ASC' ? '>' : '<');
  const value = keyValueSql(first, values[0]);
  if (!rest.length) return Prisma.sql`${first.expr} ${op} ${value}`;
  return Prisma.sql`(${first.expr} ${op} ${value} OR (${first.expr} = ${value} AND ${afterSql(rest, values.slice(1))}))`;
}

type Cursor = { o: IssueOrder; k: CursorValue[]; n?: string; s?: boolean };

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

const invalidCursor = () => ValidationError.field('after', 'errors.issueCursorInvalid');

const validKeyValue = (key: SortKey, value: unknown) =>
  typeof value === 'string' &&
  (key.type === 'ts' ? !Number.isNaN(Date.parse(value)) : key.type === 'int' ? /^-?\d{1,19}$/.test(value) : value.length > 0 && value.length <= 64);

function decodeCursor(text: string, order: IssueOrder, keys: SortKey[], searching: boolean): Cursor {
  let cursor: unknown;
  try {
    cursor = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  const c = cursor as Partial<Cursor>;
  if (
    !c ||
    c.o !== order ||
    !!c.s !== searching ||
    !Array.isArray(c.k) ||
    c.k.length !== keys.length ||
    !c.k.every((v, n) => validKeyValue(keys[n], v)) ||
    (c.n !== undefined && (typeof c.n !== 'string' || Number.isNaN(Date.parse(c.n))))
  ) {
    throw invalidCursor();
  }
  return c as Cursor;
}

function parseFilter(filter: unknown): z.infer<typeof IssueFilterSchema> {
  const parsed = IssueFilterSchema.safeParse(filter ?? {});
  if (!parsed.success) throw ValidationError.fromIssues(parsed.error.issues.map((i) => ({ ...i, path: ['filter', ...i.path] })));
  return parsed.data;
}

const tsQuery = (search: string) => Prisma.sql`(websearch_to_tsquery('english', ${search}) || websearch_to_tsquery('russian', ${search}))`;

/** The filter's conditions on `i` (the caller adds visibility). */
function filterSql(actor: Actor, filter: z.infer<typeof IssueFilterSchema>, now: Date): Prisma.Sql[] {
  const where: Prisma.Sql[] = [];
  const anyOf = (column: string, type: string, values: readonly string[] | null | undefined) => {
    if (values?.length) where.push(Prisma.sql`i.${Prisma.raw(`"${column}"`)} = ANY(${[...new Set(values)]}::${Prisma.raw(`"${type}"`)}[])`);
  };
  anyOf('status', 'IssueStatus', filter.status);
  anyOf('severity', 'IssueSeverity', filter.severity);
  anyOf('category', 'IssueCategory', filter.category);
  anyOf('factor', 'ArushaFactor', filter.factor);
  if (filter.countryCode) {
    where.push(Prisma.sql`i."administrationId" IN (SELECT a."id" FROM "Organization" a WHERE a."country" = ${filter.countryCode})`);
  }
  if (filter.administrationId) where.push(Prisma.sql`i."administrationId" = ${filter.administrationId}`);
  if (filter.officeId) where.push(Prisma.sql`i."officeId" = ${filter.officeId}`);
  if (filter.overdue != null) where.push(filter.overdue ? overdueSql(now) : Prisma.sql`NOT ${overdueSql(now)}`);
  if (filter.escalated != null) where.push(filter.escalated ? escalatedSql(now) : Prisma.sql`NOT ${escalatedSql(now)}`);
  if (filter.assignedToMe) where.push(actor.kind === 'user' ? Prisma.sql`i."assigneeId" = ${actor.userId}` : Prisma.sql`FALSE`);
  if (filter.raisedByMyOrganization) {
    const mine = actor.kind === 'user' ? [...new Set(actor.memberships.map((m) => m.organizationId))] : [];
    where.push(mine.length ? Prisma.sql`(NOT i."anonymous" AND i."reporterOrganizationId" = ANY(${mine}::text[]))` : Prisma.sql`FALSE`);
  }
  if (filter.search) where.push(Prisma.sql`i."searchVector" @@ ${tsQuery(filter.search)}`);
  return where;
}

type PageArgs = { filter?: IssueFilter | null; orderBy?: IssueOrder | null; first: number; after?: string | null };

function pageSize(first: unknown): number {
  if (typeof first !== 'number' || !Number.isInteger(first) || first < 1 || first > MAX_ISSUE_PAGE) {
    throw ValidationError.field('first', { key: 'errors.issuePageSize', params: { max: MAX_ISSUE_PAGE } });
  }
  return first;
}

/**
 * One page in ONE SQL statement, whatever its size: the page's keys (visibility, filters, search and the keyset, read
 * along an index where the order allows), then its rows joined with their administration, office, assignee and
 * reporter organisation, and each row's response count.
 */
async function issuePage(ctx: ReadContext, args: PageArgs, scope: Prisma.Sql | null): Promise<IssuePage> {
  const order: IssueOrder = args.orderBy ?? 'NEWEST';
  if (!(ISSUE_ORDERS as readonly string[]).includes(order)) throw ValidationError.field('orderBy', 'errors.invalid');
  const first = pageSize(args.first);
  const filter = parseFilter(args.filter);
  const search = filter.search ? filter.search : null;
  let now = nowIn(ctx);

  const rank = search ? Prisma.sql`(ts_rank(i."searchVector", ${tsQuery(search)}) * 1000000)::bigint` : null;
  let cursor: Cursor | null = null;
  if (args.after) {
    // The keys' number and types are the same whatever `now` is: check the cursor against a first build of them.
    cursor = decodeCursor(args.after, order, sortKeys(order, now, rank), !!search);
    if (cursor.n) now = new Date(cursor.n);
  }
  const keys = sortKeys(order, now, rank);
  const where = [visibleIssuesSql(ctx.actor), ...filterSql(ctx.actor, filter, nowIn(ctx)), ...(scope ? [scope] : [])];
  if (cursor) where.push(afterSql(keys, cursor.k));

  const selected = keys.map((k, n) => Prisma.sql`${k.expr} AS ${Prisma.raw(`"k${n}"`)}`);
  // The page's keys first (the index does the ordering and the limit), then its rows with their relations joined,
  // in the same statement.
  const rows = await ctx.db.$queryRaw<ListRow[]>(Prisma.sql`
    SELECT p.*, ${LIST_COLUMNS}
    FROM (
      SELECT i."id" AS "pageId", ${Prisma.join(selected)} FROM "Issue" i
      WHERE ${Prisma.join(where, ' AND ')}
      ORDER BY ${Prisma.join(keys.map((k) => Prisma.sql`${k.expr} ${Prisma.raw(k.dir)}`))}
      LIMIT ${first + 1}
    ) p
    JOIN "Issue" i ON i."id" = p."pageId"
    ${LIST_JOINS}
    ORDER BY ${Prisma.join(keys.map((k, n) => Prisma.sql`p.${Prisma.raw(`"k${n}"`)} ${Prisma.raw(k.dir)}`))}`);

  const hasNextPage = rows.length > first;
  const pageRows = rows.slice(0, first);
  const current = nowIn(ctx);
  // Each row's own cursor (a relay edge's): the page after that row, in the same order and search.
  const cursorOf = (row: ListRow) =>
    encodeCursor({
      o: order,
      k: keys.map((k, n) => {
        const value = row[`k${n}`];
        return k.type === 'ts' ? (value as Date).toISOString() : String(value);
      }),
      ...(order === 'OVERDUE_FIRST' ? { n: now.toISOString() } : {}),
      ...(search ? { s: true } : {}),
    });
  const items = pageRows.map((row) => ({ ...listItemOf(row, current), cursor: cursorOf(row) }));
  const last = pageRows.at(-1);
  const endCursor = last ? cursorOf(last) : null;
  return { items, endCursor, hasNextPage };
}

/**
 * The issues the actor may see, filtered, searched and ordered, a page at a time (keyset: `after` is the previous
 * page's opaque endCursor, valid for the same order and search).
 */
export async function listIssues(ctx: ReadContext, args: PageArgs): Promise<IssuePage> {
  return issuePage(ctx, args, null);
}

/** Administrations whose issues the actor handles (liaison officer or administrator there). */
export function handledAdministrationIds(actor: Actor): string[] {
  if (actor.kind !== 'user') return [];
  return [...new Set(actor.memberships.map((m) => m.organizationId))].filter((orgId) => canHandleIssue(actor, { administrationId: orgId }));
}

/**
 * The officers' inbox: the issues of the administrations the actor handles (or of one of them), overdue first.
 * NotAuthenticated for a visitor, Forbidden for someone who handles none (or not the one asked for).
 */
export async function inbox(
  ctx: ReadContext,
  args: { administrationId?: string | null; filter?: IssueFilter | null; first: number; after?: string | null },
): Promise<IssuePage> {
  if (ctx.actor.kind === 'anonymous') throw new NotAuthenticatedError();
  const handled = handledAdministrationIds(ctx.actor);
  const wanted = args.administrationId ? [args.administrationId] : handled;
  if (!wanted.length || wanted.some((a) => !handled.includes(a))) throw new ForbiddenError();
  return issuePage(
    ctx,
    { filter: args.filter, orderBy: 'OVERDUE_FIRST', first: args.first, after: args.after },
    Prisma.sql`i."administrationId" = ANY(${wanted}::text[])`,
  );
}

// ───────────────────────────── Timeline ─────────────────────────────

/** Acts of the reporter: on an anonymous issue they carry no actor, and read as "anonymous reporter". */
const REPORTER_ACTIONS = new Set(['issue.raised', 'issue.followed_up', 'issue.reopened', 'issue.attachment_added']);

export type IssueTimelineEntry = {
  at: Date;
  action: string;
  actor: { id: string; name: string } | null;
  /** The act of an anonymous issue's reporter (no actor is ever recorded for it). */
  anonymousReporter: boolean;
  data: Record<string, unknown>;
  /** For issue.assigned: whom it was assigned to. */
  assignee: { id: string; name: string } | null;
};

/**
 * What happened to an issue, oldest first, from the audit chain (subjectType 'Issue'). The caller has already been
 * allowed to see the issue (getIssue / getIssueForReceipt). A receipt view names nobody.
 */
export async function issueTimeline(ctx: ReadContext, issue: { id: string; anonymous: boolean; receiptView?: boolean }): Promise<IssueTimelineEntry[]> {
  const events = await ctx.db.auditEvent.findMany({
    where: { subjectType: 'Issue', subjectId: issue.id },
    orderBy: { seq: 'asc' },
    select: { occurredAt: true, action: true, actorId: true, data: true },
  });
  const dataOf = (data: unknown) => (data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {});
  const named = !issue.receiptView;
  const userIds = new Set<string>();
  if (named) {
    for (const e of events) {
      if (e.actorId) userIds.add(e.actorId);
      const assigneeId = dataOf(e.data).assigneeId;
      if (typeof assigneeId === 'string') userIds.add(assigneeId);
    }
  }
  const users = userIds.size ? await ctx.db.user.findMany({ where: { id: { in: [...userIds] } }, select: { id: true, name: true } }) : [];
  const byId = new Map(users.map((u) => [u.id, u]));
  return events.map((e) => {
    const data = dataOf(e.data);
    const assigneeId = typeof data.assigneeId === 'string' ? data.assigneeId : null;
    return {
      at: e.occurredAt,
      action: e.action,
      actor: named && e.actorId ? (byId.get(e.actorId) ?? null) : null,
      anonymousReporter: issue.anonymous && e.actorId === null && REPORTER_ACTIONS.has(e.action),
      // A receipt view names nobody: not even who was assigned.
      data: named ? data : Object.fromEntries(Object.entries(data).filter(([key]) => !/assignee/i.test(key))),
      assignee: named && assigneeId ? (byId.get(assigneeId) ?? null) : null,
    };
  });
}

// ───────────────────────────── Public statistics ─────────────────────────────

/** Counts from 1 to MIN_PUBLIC_COUNT - 1 are never shown publicly ("fewer than 5"). */
export const MIN_PUBLIC_COUNT = 5;
export const MAX_STATISTICS_MONTHS = 60;

export type StatisticsCell = { officeId: string | null; month: string; count: number | null };
export type CategoryCell = { category: Category; month: string; count: number | null };
/** A total of published cells only: a lower bound when `suppressedCells` > 0 (then exact is false). */
export type PublishedTotal = { count: number; suppressedCells: number; exact: boolean };

export type IssueStatistics = {
  /** First day of the first month (UTC) and first day after the last month. */
  from: Date;
  to: Date;
  /** 'YYYY-MM', every month of the period. */
  months: string[];
  /** Offices with at least one issue in the period (archived ones included), and `null` for issues without one. */
  offices: { id: string | null; nameEn: string | null; nameRu: string | null; kind: string | null; administrationId: string | null }[];
  /** Office × month: 0 is shown (and not listed: absent means 0), 1–4 are null, 5 and more exact. */
  cells: StatisticsCell[];
  officeTotals: (PublishedTotal & { officeId: string | null })[];
  monthTotals: (PublishedTotal & { month: string })[];
  total: PublishedTotal;
  /**
   * Category × month, for the months in which neither the office cells nor the category cells hide anything
   * (`publishedMonths`); other months are withheld entirely (see the comment in issueStatistics).
   */
  categoryCells: CategoryCell[];
  categoryMonthsWithheld: string[];
  categoryTotals: (PublishedTotal & { category: Category })[];
};

const monthStart = (date: Date) => new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1));
const nextMonth = (date: Date) => new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1));
const monthKey = (date: Date) => `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
const publish = (count: number) => (count > 0 && count < MIN_PUBLIC_COUNT ? null : count);

function publishedTotal(counts: (number | null)[]): PublishedTotal {
  const suppressedCells = counts.filter((c) => c === null).length;
  return { count: counts.reduce<number>((sum, c) => sum + (c ?? 0), 0), suppressedCells, exact: suppressedCells === 0 };
}

/**
 * Public statistics of issues raised in a period (whole UTC months; default: the last 12 months up to `now`): every
 * issue counts (public, restricted and anonymous alike), no issue is shown.
 *
 * Reporter protection. A cell (office × month, category × month) from 1 to 4 is suppressed (null, "fewer than 5").
 * The period is snapped to whole months so that two overlapping periods cannot be subtracted to isolate a few days.
 * Totals must not give a suppressed cell back by subtraction. Neither textbook option is safe on its own here:
 * rounding a total (to 5 or 10) still pins a suppressed cell at the edges of the rounding interval when the other
 * cells are exact (e.g. visible 8, hidden 1, total 9 floored to 5: the hidden cell must be 1), and complementary
 * suppression in a table with margins needs an audit of every combination of rows and columns (and the two
 * breakdowns, office and category, share their month totals). So no figure here is a true total of hidden cells:
 *  - every total (per office, per month, overall, per category) is the sum of the PUBLISHED cells only, with the
 *    number of cells left out (`suppressedCells`) and `exact: false` when there are any: a function of the published
 *    cells, it reveals nothing they do not;
 *  - the category breakdown of a month is published only when that month has no suppressed cell in either
 *    breakdown: otherwise the exact month total from one breakdown minus the published cells of the other would give
 *    the hidden cells back. Such months are listed in `categoryMonthsWithheld`.
 */
export async function issueStatistics(
  ctx: ReadContext,
  args: { administrationId?: string | null; from?: Date | null; to?: Date | null } = {},
): Promise<IssueStatistics> {
  const now = nowIn(ctx);
  const to = args.to ? nextMonth(new Date(new Date(args.to).getTime() - 1)) : nextMonth(now);
  const from = args.from ? monthStart(new Date(args.from)) : new Date(Date.UTC(to.getUTCFullYear(), to.getUTCMonth() - 12, 1));
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || from >= to) {
    throw ValidationError.field('from', 'errors.issueStatisticsPeriod');
  }
  const months: string[] = [];
  for (let m = from; m < to; m = nextMonth(m)) months.push(monthKey(m));
  if (months.length > MAX_STATISTICS_MONTHS)
    throw ValidationError.field('from', { key: 'errors.issueStatisticsTooLong', params: { max: MAX_STATISTICS_MONTHS } });

  const scope = args.administrationId ? Prisma.sql`AND i."administrationId" = ${args.administrationId}` : Prisma.empty;
  const month = Prisma.sql`to_char(i."createdAt" AT TIME ZONE 'UTC', 'YYYY-MM')`;
  const rows = await ctx.db.$queryRaw<{ officeId: string | null; category: Category; month: string; count: bigint }[]>(Prisma.sql`
    SELECT i."officeId", i."category"::text AS "category", ${month} AS "month", count(*) AS "count"
    FROM "Issue" i
    WHERE i."createdAt" >= ${from}::timestamptz AND i."createdAt" < ${to}::timestamptz ${scope}
    GROUP BY 1, 2, 3`);

  const officeMonth = new Map<string, { officeId: string | null; month: string; count: number }>();
  const categoryMonth = new Map<string, { category: Category; month: string; count: number }>();
  for (const row of rows) {
    const n = Number(row.count);
    const om = `${row.officeId ?? ''}|${row.month}`;
    officeMonth.set(om, { officeId: row.officeId, month: row.month, count: (officeMonth.get(om)?.count ?? 0) + n });
    const cm = `${row.category}|${row.month}`;
    categoryMonth.set(cm, { category: row.category, month: row.month, count: (categoryMonth.get(cm)?.count ?? 0) + n });
  }
  const cells = [...officeMonth.values()]
    .map((c) => ({ officeId: c.officeId, month: c.month, count: publish(c.count) }))
    .sort((a, b) => a.month.localeCompare(b.month) || (a.officeId ?? '').localeCompare(b.officeId ?? ''));
  const allCategoryCells = [...categoryMonth.values()].map((c) => ({ category: c.category, month: c.month, count: publish(c.count) }));

  const hidesIn = (month: string) =>
    cells.some((c) => c.month === month && c.count === null) || allCategoryCells.some((c) => c.month === month && c.count === null);
  const withheld = months.filter((m) => hidesIn(m) && allCategoryCells.some((c) => c.month === m));
  const categoryCells = allCategoryCells
    .filter((c) => !withheld.includes(c.month))
    .sort((a, b) => a.month.localeCompare(b.month) || ISSUE_CATEGORIES.indexOf(a.category) - ISSUE_CATEGORIES.indexOf(b.category));

  const officeIds = [...new Set(cells.map((c) => c.officeId))];
  const offices = await ctx.db.customsOffice.findMany({
    where: { id: { in: officeIds.filter((o): o is string => o !== null) } },
    select: { id: true, nameEn: true, nameRu: true, kind: true, administrationId: true },
    orderBy: [{ nameEn: 'asc' }, { id: 'asc' }],
  });
  const officeList: IssueStatistics['offices'] = [
    ...offices,
    ...(officeIds.includes(null) ? [{ id: null, nameEn: null, nameRu: null, kind: null, administrationId: null }] : []),
  ];

  return {
    from,
    to,
    months,
    offices: officeList,
    cells,
    officeTotals: officeList.map((o) => ({ officeId: o.id, ...publishedTotal(cells.filter((c) => c.officeId === o.id).map((c) => c.count)) })),
    monthTotals: months.map((m) => ({ month: m, ...publishedTotal(cells.filter((c) => c.month === m).map((c) => c.count)) })),
    total: publishedTotal(cells.map((c) => c.count)),
    categoryCells,
    categoryMonthsWithheld: withheld,
    categoryTotals: ISSUE_CATEGORIES.map((category) => ({
      category,
      ...publishedTotal(categoryCells.filter((c) => c.category === category).map((c) => c.count)),
    })),
  };
}

// ───────────────────────────── Public summaries of anonymous issues ─────────────────────────────

export type PublicSummary = {
  id: string;
  reference: string;
  summary: string;
  /** When it became public: max(summaryPublishedAt, createdAt + the delay). */
  publicAt: Date;
  /** 'YYYY-MM': the month it was raised (no finer, so the time cannot point at a person). */
  raisedMonth: string;
  status: Status;
  category: Category;
  factor: Factor;
  severity: Severity;
  administration: { id: string; slug: string; name: string; translations: Prisma.JsonValue };
  office: { id: string; nameEn: string; nameRu: string; kind: string } | null;
};

/** When an anonymous issue's published summary is public (null: no summary). */
export function summaryPublicAt(issue: { anonymous: boolean; createdAt: Date; summaryPublishedAt: Date | null }): Date | null {
  if (!issue.summaryPublishedAt) return null;
  if (!issue.anonymous) return issue.summaryPublishedAt;
  const afterDelay = addDays(issue.createdAt, issueSettings().anonymousSummaryDelayDays);
  return afterDelay > issue.summaryPublishedAt ? afterDelay : issue.summaryPublishedAt;
}

/**
 * The de-identified summaries of anonymous issues that are public now (the delay has passed), newest public first,
 * for everyone. Keyset pages as the lists: `after` is the previous endCursor.
 */
export async function publicSummaries(
  ctx: ReadContext,
  args: { administrationId?: string | null; first: number; after?: string | null },
): Promise<{ items: PublicSummary[]; endCursor: string | null; hasNextPage: boolean }> {
  const first = pageSize(args.first);
  const now = nowIn(ctx);
  const delayMs = issueSettings().anonymousSummaryDelayDays * 24 * 60 * 60 * 1000;
  const publicAt = Prisma.sql`GREATEST(i."summaryPublishedAt", i."createdAt" + (${delayMs}::bigint * interval '1 millisecond'))`;
  const where = [
    Prisma.sql`i."anonymous"`,
    Prisma.sql`i."publicSummary" IS NOT NULL`,
    Prisma.sql`i."summaryPublishedAt" IS NOT NULL`,
    Prisma.sql`${publicAt} <= ${now}::timestamptz`,
  ];
  if (args.administrationId) where.push(Prisma.sql`i."administrationId" = ${args.administrationId}`);
  if (args.after) {
    let k: unknown;
    try {
      k = JSON.parse(Buffer.from(args.after, 'base64url').toString('utf8'));
    } catch {
      throw invalidCursor();
    }
    const [at, afterId] = Array.isArray(k) ? k : [];
    if (typeof at !== 'string' || Number.isNaN(Date.parse(at)) || typeof afterId !== 'string') throw invalidCursor();
    where.push(Prisma.sql`(${publicAt}, i."id") < (${new Date(at)}::timestamptz, ${afterId})`);
  }
  const rows = await ctx.db.$queryRaw<{ id: string; publicAt: Date }[]>(Prisma.sql`
    SELECT i."id", ${publicAt} AS "publicAt" FROM "Issue" i
    WHERE ${Prisma.join(where, ' AND ')}
    ORDER BY 2 DESC, 1 DESC
    LIMIT ${first + 1}`);
  const page = rows.slice(0, first);
  const issues = page.length
    ? await ctx.db.issue.findMany({
        where: { id: { in: page.map((r) => r.id) } },
        select: {
          id: true,
          reference: true,
          publicSummary: true,
          createdAt: true,
          status: true,
          category: true,
          factor: true,
          severity: true,
          administration: { select: { id: true, slug: true, name: true, translations: true } },
          office: { select: { id: true, nameEn: true, nameRu: true, kind: true } },
        },
      })
    : [];
  const byId = new Map(issues.map((i) => [i.id, i]));
  const items = page.flatMap((r) => {
    const i = byId.get(r.id);
    if (!i || i.publicSummary === null) return [];
    const { publicSummary, createdAt, ...rest } = i;
    return [{ ...rest, summary: publicSummary, publicAt: r.publicAt, raisedMonth: monthKey(createdAt) }];
  });
  const last = page.at(-1);
  return {
    items,
    endCursor: last ? Buffer.from(JSON.stringify([last.publicAt.toISOString(), last.id])).toString('base64url') : null,
    hasNextPage: rows.length > first,
  };
}

/**
 * How many issues the actor may see, by status: the list page's counts. Counting every visible issue scans the table
 * (100,000 issues: tens of milliseconds quiet, hundreds under load), so the result is kept until the next write (every
 * issue command appends to the audit log: read-cache.server.ts). Visibility depends only on the platform-admin flag and
 * the organisations the actor belongs to, so that is the key. `administrationId`: one administration's (the inbox).
 */
export async function issueStatusCounts(ctx: ReadContext, { administrationId }: { administrationId?: string } = {}): Promise<Record<Status, number>> {
  const actor = ctx.actor;
  const scope =
    actor.kind === 'system' || (actor.kind === 'user' && actor.isPlatformAdmin)
      ? 'all'
      : actor.kind === 'user'
        ? [...new Set(actor.memberships.map((m) => m.organizationId))].sort().join(',')
        : '';
  const key = `issueStatusCounts:${scope}:${administrationId ?? ''}`;
  const cached = await cachedReads(ctx.db, [key], nowIn(ctx), async () => {
    const where: Prisma.IssueWhereInput = { AND: [visibleIssuesWhere(actor), administrationId ? { administrationId } : {}] };
    const rows = await ctx.db.issue.groupBy({ by: ['status'], where, _count: { _all: true } });
    const counts = Object.fromEntries(ISSUE_STATUSES.map((s) => [s, rows.find((r) => r.status === s)?._count._all ?? 0])) as Record<Status, number>;
    return new Map([[key, { value: counts, validity: { from: null, until: null } }]]);
  });
  return { ...cached.get(key)! };
}
