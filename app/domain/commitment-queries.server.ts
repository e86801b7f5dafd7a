// Reads of joint commitments and action plans that carry a rule, written once and used by pages, GraphQL, the CSV
// export and the commands alike: who may see a commitment or a plan (and the same rule as a Prisma filter and as SQL),
// the derived status as a filter (agreeing with deriveCommitmentStatus in commitment-rules.ts), the filtered list with
// keyset pagination, a commitment's page data, what the viewer may do on it, and its timeline from the audit chain.
//
// The status people see is derived, never stored: in TypeScript by deriveCommitmentStatus (for one commitment) from
// the counters the milestone commands keep (phase, milestoneCount, completedCount, nextOpenDueDate), and here in SQL
// and as a Prisma filter for lists. tests/integration/commitment-queries.test.ts checks that all three agree around
// the date boundaries.
import { z } from 'zod';
import { Prisma } from '../../prisma/generated/client/client';
import type { Actor } from './actor.server';
import {
  AT_RISK_DAYS,
  type CommitmentStatus,
  PARTY_TRANSITIONS,
  addCalendarDays,
  canCommitment,
  canMilestone,
  dateValue,
  deriveCommitmentStatus,
  isoDate,
  milestoneTiming,
  progressOf,
  todayOf,
} from './commitment-rules';
import { partiesActorMayActFor } from './commitment-core.server';
import type { DomainContext } from './context.server';
import { ARUSHA_FACTORS, COMMITMENT_STATUSES, COMMITMENT_TYPES } from './enums';
import { NotFoundError, ValidationError } from './errors.server';
import { canSeeIssue } from './issue-queries.server';
import { can } from './policy.server';

type ReadContext = Pick<DomainContext, 'db' | 'actor' | 'now'>;
const nowIn = (ctx: ReadContext) => (ctx.now ? ctx.now() : new Date());

type CommitmentType = (typeof COMMITMENT_TYPES)[number];
type ArushaFactor = (typeof ARUSHA_FACTORS)[number];

// ───────────────────────────── Visibility ─────────────────────────────

/**
 * May the actor read the commitment (policy 'commitment.read'): once activated, everyone; while proposed (or
 * cancelled before it was ever active), members of the parties and of the monitor, and platform administrators.
 */
export function canSeeCommitment(
  actor: Actor,
  c: { activatedAt: Date | null; partyOrganizationIds: readonly string[]; monitorOrganizationId: string | null },
): boolean {
  return can(actor, 'commitment.read', {
    visibility: c.activatedAt ? 'PUBLIC' : 'RESTRICTED',
    partyOrganizationIds: c.monitorOrganizationId ? [...c.partyOrganizationIds, c.monitorOrganizationId] : [...c.partyOrganizationIds],
  });
}

/** Whose restricted (never activated) commitments the actor sees: 'all' (platform administrators) or organisation ids. */
function restrictedCommitmentScope(actor: Actor): 'all' | string[] {
  // The policy decides: a restricted commitment with no party the actor belongs to is readable only by platform admins.
  if (can(actor, 'commitment.read', { visibility: 'RESTRICTED', partyOrganizationIds: [] })) return 'all';
  if (actor.kind !== 'user') return [];
  return [...new Set(actor.memberships.map((m) => m.organizationId))].filter((orgId) =>
    can(actor, 'commitment.read', { visibility: 'RESTRICTED', partyOrganizationIds: [orgId] }),
  );
}

/** canSeeCommitment as a Prisma filter, for lists, counts and lookups (tested to agree with canSeeCommitment). */
export function visibleCommitmentsWhere(actor: Actor): Prisma.CommitmentWhereInput {
  const scope = restrictedCommitmentScope(actor);
  if (scope === 'all') return {};
  const open: Prisma.CommitmentWhereInput = { activatedAt: { not: null } };
  if (!scope.length) return open;
  return { OR: [open, { parties: { some: { organizationId: { in: scope } } } }, { monitorOrganizationId: { in: scope } }] };
}

/** canSeeCommitment as an SQL condition on a commitment aliased `c`. */
export function visibleCommitmentsSql(actor: Actor): Prisma.Sql {
  const scope = restrictedCommitmentScope(actor);
  if (scope === 'all') return Prisma.sql`TRUE`;
  const open = Prisma.sql`c."activatedAt" IS NOT NULL`;
  if (!scope.length) return Prisma.sql`(${open})`;
  return Prisma.sql`(${open} OR c."monitorOrganizationId" = ANY(${scope}::text[])
    OR EXISTS (SELECT 1 FROM "CommitmentParty" vp WHERE vp."commitmentId" = c."id" AND vp."organizationId" = ANY(${scope}::text[])))`;
}

/** May the actor read the action plan (policy 'actionPlan.read'): published, everyone; a draft, the administration's members and platform admins. */
export function canSeeActionPlan(actor: Actor, plan: { status: string; administrationId: string }): boolean {
  return can(actor, 'actionPlan.read', { organizationId: plan.administrationId, visibility: plan.status === 'PUBLISHED' ? 'PUBLIC' : 'RESTRICTED' });
}

/** canSeeActionPlan as a Prisma filter. */
export function visibleActionPlansWhere(actor: Actor): Prisma.ActionPlanWhereInput {
  if (can(actor, 'actionPlan.read', { visibility: 'RESTRICTED' })) return {};
  const orgs =
    actor.kind === 'user'
      ? [...new Set(actor.memberships.map((m) => m.organizationId))].filter((orgId) => canSeeActionPlan(actor, { status: 'DRAFT', administrationId: orgId }))
      : [];
  const open: Prisma.ActionPlanWhereInput = { status: 'PUBLISHED' };
  return orgs.length ? { OR: [open, { administrationId: { in: orgs } }] } : open;
}

// ───────────────────────────── Derived status as a filter ─────────────────────────────

/** Every milestone completed (the counters: milestoneCount > 0 and completedCount ≥ milestoneCount). */
function completedWhere(): Prisma.CommitmentWhereInput {
  // Prisma compares a column with a constant only; the milestone rows say the same as the counters the milestone
  // commands keep (refreshCommitmentProgress): at least one milestone and none that is not completed.
  return { milestoneCount: { gt: 0 }, milestones: { every: { state: 'COMPLETED' } } };
}

/**
 * A Prisma filter for the derived status at `today` (YYYY-MM-DD): the same rule as deriveCommitmentStatus
 * (commitment-rules.ts), tested to agree at the date boundaries.
 */
export function commitmentStatusWhere(status: CommitmentStatus, today: string): Prisma.CommitmentWhereInput {
  const day = dateValue(today);
  const horizon = dateValue(addCalendarDays(today, AT_RISK_DAYS));
  switch (status) {
    case 'CANCELLED':
      return { phase: 'CANCELLED' };
    case 'PROPOSED':
      return { phase: 'PROPOSED' };
    case 'COMPLETED':
      return { phase: 'ACTIVE', ...completedWhere() };
    case 'DELAYED':
      return { phase: 'ACTIVE', NOT: completedWhere(), nextOpenDueDate: { lt: day } };
    case 'AT_RISK':
      return { phase: 'ACTIVE', NOT: completedWhere(), nextOpenDueDate: { gte: day, lte: horizon } };
    case 'ON_TRACK':
      return { phase: 'ACTIVE', NOT: completedWhere(), OR: [{ nextOpenDueDate: null }, { nextOpenDueDate: { gt: horizon } }] };
  }
}

/** deriveCommitmentStatus as an SQL condition on `c`, from the stored counters (tested to agree). */
export function commitmentStatusSql(status: CommitmentStatus, today: string): Prisma.Sql {
  const day = Prisma.sql`${today}::date`;
  const horizon = Prisma.sql`${addCalendarDays(today, AT_RISK_DAYS)}::date`;
  const completed = Prisma.sql`(c."milestoneCount" > 0 AND c."completedCount" >= c."milestoneCount")`;
  switch (status) {
    case 'CANCELLED':
      return Prisma.sql`(c."phase" = 'CANCELLED')`;
    case 'PROPOSED':
      return Prisma.sql`(c."phase" NOT IN ('ACTIVE', 'CANCELLED'))`;
    case 'COMPLETED':
      return Prisma.sql`(c."phase" = 'ACTIVE' AND ${completed})`;
    case 'DELAYED':
      return Prisma.sql`(c."phase" = 'ACTIVE' AND NOT ${completed} AND c."nextOpenDueDate" < ${day})`;
    case 'AT_RISK':
      return Prisma.sql`(c."phase" = 'ACTIVE' AND NOT ${completed} AND c."nextOpenDueDate" >= ${day} AND c."nextOpenDueDate" <= ${horizon})`;
    case 'ON_TRACK':
      return Prisma.sql`(c."phase" = 'ACTIVE' AND NOT ${completed} AND (c."nextOpenDueDate" IS NULL OR c."nextOpenDueDate" > ${horizon}))`;
  }
}

// ───────────────────────────── List items ─────────────────────────────

export type CommitmentFilter = {
  status?: CommitmentStatus[];
  type?: CommitmentType;
  factor?: ArushaFactor;
  /** Any party's country (ISO 3166-1 alpha-2). */
  countryCode?: string;
  /** An organisation id: a party or the monitor. */
  partyId?: string;
  pledgeId?: string;
  actionPlanId?: string;
  /** Words in the title or description (case-insensitive substring). */
  search?: string;
};

export const COMMITMENT_ORDERS = ['NEWEST', 'DUE', 'PROGRESS', 'TITLE'] as const;
export type CommitmentOrder = (typeof COMMITMENT_ORDERS)[number];
export const MAX_COMMITMENT_PAGE = 100;
export const MAX_COMMITMENT_SEARCH = 200;

export type CommitmentPartyItem = {
  organizationId: string;
  name: string;
  slug: string;
  kind: string;
  country: string;
  response: string;
};

export type CommitmentListItem = {
  id: string;
  reference: string;
  title: string;
  type: CommitmentType;
  factors: ArushaFactor[];
  phase: string;
  status: CommitmentStatus;
  /** Completed milestones over all milestones, 0 to 1. */
  progress: number;
  milestoneCount: number;
  completedCount: number;
  nextOpenDueDate: string | null;
  startDate: string;
  endDate: string | null;
  createdAt: Date;
  /** The proposer's party first, then in the order they were added. */
  parties: CommitmentPartyItem[];
  monitor: { id: string; name: string; slug: string } | null;
  /** The plan it belongs to, when the actor may see that plan. */
  actionPlan: { id: string; slug: string; title: string } | null;
};

const orgSummary = { select: { id: true, name: true, slug: true, kind: true, country: true } } as const;

const LIST_ARGS = {
  include: {
    parties: { include: { organization: orgSummary }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
    monitorOrganization: { select: { id: true, name: true, slug: true } },
    actionPlan: { select: { id: true, slug: true, title: true, status: true, administrationId: true } },
  },
} as const satisfies Prisma.CommitmentDefaultArgs;

type ListRow = Prisma.CommitmentGetPayload<typeof LIST_ARGS>;

/** The proposer's party first, then the others in the order they were added. */
function orderedParties<P extends { organizationId: string }>(parties: P[], proposerOrganizationId: string): P[] {
  return [...parties.filter((p) => p.organizationId === proposerOrganizationId), ...parties.filter((p) => p.organizationId !== proposerOrganizationId)];
}

function listItemOf(actor: Actor, row: ListRow, today: string): CommitmentListItem {
  return {
    id: row.id,
    reference: row.reference,
    title: row.title,
    type: row.type,
    factors: row.factors,
    phase: row.phase,
    status: deriveCommitmentStatus(row, today),
    progress: progressOf(row),
    milestoneCount: row.milestoneCount,
    completedCount: row.completedCount,
    nextOpenDueDate: row.nextOpenDueDate ? isoDate(row.nextOpenDueDate) : null,
    startDate: isoDate(row.startDate),
    endDate: row.endDate ? isoDate(row.endDate) : null,
    createdAt: row.createdAt,
    parties: orderedParties(row.parties, row.proposerOrganizationId).map((p) => ({
      organizationId: p.organizationId,
      name: p.organization.name,
      slug: p.organization.slug,
      kind: p.organization.kind,
      country: p.organization.country,
      response: p.response,
    })),
    monitor: row.monitorOrganization,
    actionPlan:
      row.actionPlan && canSeeActionPlan(actor, row.actionPlan) ? { id: row.actionPlan.id, slug: row.actionPlan.slug, title: row.actionPlan.title } : null,
  };
}

/** List items of the visible commitments matching `where`, newest first (a bounded number of statements). */
async function listItemsWhere(ctx: ReadContext, where: Prisma.CommitmentWhereInput, take = 500): Promise<CommitmentListItem[]> {
  const rows = await ctx.db.commitment.findMany({
    where: { AND: [visibleCommitmentsWhere(ctx.actor), where] },
    ...LIST_ARGS,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take,
  });
  const today = todayOf(nowIn(ctx));
  return rows.map((row) => listItemOf(ctx.actor, row, today));
}

// ───────────────────────────── The list, with keyset pages ─────────────────────────────

type SortKey = { expr: Prisma.Sql; dir: 'ASC' | 'DESC'; type: 'ts' | 'int' | 'text' };

const createdAtKey = (dir: 'ASC' | 'DESC'): SortKey => ({ expr: Prisma.sql`c."createdAt"`, dir, type: 'ts' });
const idKey = (dir: 'ASC' | 'DESC'): SortKey => ({ expr: Prisma.sql`c."id"`, dir, type: 'text' });
/** Days since 1970 of the next open due date; nothing open sorts last. */
const dueDaysSql = Prisma.sql`((COALESCE(c."nextOpenDueDate", DATE '9999-12-31') - DATE '1970-01-01')::bigint)`;
/** Progress in millionths (integer, so it travels exactly in a cursor). */
const progressSql = Prisma.sql`((CASE WHEN c."milestoneCount" > 0 THEN (c."completedCount"::bigint * 1000000) / c."milestoneCount" ELSE 0 END)::bigint)`;

/**
 * The sort keys of an order; every order ends in the id, so it is total and a cursor names one place.
 *  - NEWEST: proposed time, newest first.
 *  - DUE: the earliest open milestone's due date, soonest (most overdue) first; nothing open last; then newest.
 *  - PROGRESS: most complete first, then newest.
 *  - TITLE: alphabetical (case-insensitive).
 */
function sortKeys(order: CommitmentOrder): SortKey[] {
  switch (order) {
    case 'NEWEST':
      return [createdAtKey('DESC'), idKey('DESC')];
    case 'DUE':
      return [{ expr: dueDaysSql, dir: 'ASC', type: 'int' }, createdAtKey('DESC'), idKey('DESC')];
    case 'PROGRESS':
      return [{ expr: progressSql, dir: 'DESC', type: 'int' }, createdAtKey('DESC'), idKey('DESC')];
    case 'TITLE':
      return [{ expr: Prisma.sql`lower(c."title")`, dir: 'ASC', type: 'text' }, idKey('ASC')];
  }
}

const keyValueSql = (key: SortKey, value: string) =>
  key.type === 'ts' ? Prisma.sql`${new Date(value)}::timestamptz` : key.type === 'int' ? Prisma.sql`${value}::bigint` : Prisma.sql`${value}::text`;

/** Rows strictly after the cursor's position: one row comparison when all keys run one way, else the expansion. */
function afterSql(keys: SortKey[], values: string[]): Prisma.Sql {
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

type Cursor = { o: CommitmentOrder; k: string[] };

const encodeCursor = (cursor: Cursor) => Buffer.from(JSON.stringify(cursor)).toString('base64url');
const invalidCursor = () => ValidationError.field('after', 'errors.commitmentCursorInvalid');

const validKeyValue = (key: SortKey, value: unknown) =>
  typeof value === 'string' &&
  (key.type === 'ts' ? !Number.isNaN(Date.parse(value)) : key.type === 'int' ? /^-?\d{1,19}$/.test(value) : value.length > 0 && value.length <= 1000);

function decodeCursor(text: string, order: CommitmentOrder, keys: SortKey[]): Cursor {
  let cursor: unknown;
  try {
    cursor = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  const c = cursor as Partial<Cursor> | null;
  if (!c || c.o !== order || !Array.isArray(c.k) || c.k.length !== keys.length || !c.k.every((v, n) => validKeyValue(keys[n], v))) {
    throw invalidCursor();
  }
  return c as Cursor;
}

const id = z.string().trim().min(1).max(64).optional();

/** CommitmentFilter as received (GraphQL nulls and URL strings alike): unknown values are a ValidationError. */
export const CommitmentFilterSchema = z.object({
  status: z
    .array(z.enum(COMMITMENT_STATUSES))
    .max(COMMITMENT_STATUSES.length * 2)
    .nullish()
    .transform((v) => v ?? undefined),
  type: z
    .enum(COMMITMENT_TYPES)
    .nullish()
    .transform((v) => v ?? undefined),
  factor: z
    .enum(ARUSHA_FACTORS)
    .nullish()
    .transform((v) => v ?? undefined),
  countryCode: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, 'errors.invalid')
    .nullish()
    .transform((v) => v ?? undefined),
  partyId: id.nullable().transform((v) => v ?? undefined),
  pledgeId: id.nullable().transform((v) => v ?? undefined),
  actionPlanId: id.nullable().transform((v) => v ?? undefined),
  search: z
    .string()
    .trim()
    .max(MAX_COMMITMENT_SEARCH, 'errors.tooLong')
    .nullish()
    .transform((v) => v || undefined),
});

function parseFilter(filter: unknown): CommitmentFilter {
  const parsed = CommitmentFilterSchema.safeParse(filter ?? {});
  if (!parsed.success) throw ValidationError.fromIssues(parsed.error.issues.map((i) => ({ ...i, path: ['filter', ...i.path] })));
  return parsed.data;
}

/** `%`, `_` and `\` taken literally in an ILIKE pattern. */
const likeEscape = (text: string) => text.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/** The filter's conditions on `c` (the caller adds visibility). */
function filterSql(filter: CommitmentFilter, today: string): Prisma.Sql[] {
  const where: Prisma.Sql[] = [];
  if (filter.status?.length) {
    where.push(
      Prisma.sql`(${Prisma.join(
        [...new Set(filter.status)].map((s) => commitmentStatusSql(s, today)),
        ' OR ',
      )})`,
    );
  }
  if (filter.type) where.push(Prisma.sql`c."type" = ${filter.type}::"CommitmentType"`);
  if (filter.factor) where.push(Prisma.sql`${filter.factor}::"ArushaFactor" = ANY(c."factors")`);
  if (filter.countryCode) {
    where.push(Prisma.sql`EXISTS (SELECT 1 FROM "CommitmentParty" fp JOIN "Organization" fo ON fo."id" = fp."organizationId"
      WHERE fp."commitmentId" = c."id" AND fo."country" = ${filter.countryCode})`);
  }
  if (filter.partyId) {
    where.push(Prisma.sql`(c."monitorOrganizationId" = ${filter.partyId}
      OR EXISTS (SELECT 1 FROM "CommitmentParty" pp WHERE pp."commitmentId" = c."id" AND pp."organizationId" = ${filter.partyId}))`);
  }
  if (filter.pledgeId) {
    where.push(Prisma.sql`EXISTS (SELECT 1 FROM "CommitmentPledge" cp WHERE cp."commitmentId" = c."id" AND cp."pledgeId" = ${filter.pledgeId})`);
  }
  if (filter.actionPlanId) where.push(Prisma.sql`c."actionPlanId" = ${filter.actionPlanId}`);
  if (filter.search) {
    const pattern = `%${likeEscape(filter.search)}%`;
    where.push(Prisma.sql`(c."title" ILIKE ${pattern} OR c."description" ILIKE ${pattern} OR c."reference" ILIKE ${pattern})`);
  }
  return where;
}

function pageSize(first: unknown): number {
  if (typeof first !== 'number' || !Number.isInteger(first) || first < 1 || first > MAX_COMMITMENT_PAGE) {
    throw ValidationError.field('first', { key: 'errors.commitmentPageSize', params: { max: MAX_COMMITMENT_PAGE } });
  }
  return first;
}

export type CommitmentPage = { items: CommitmentListItem[]; endCursor: string | null; hasNextPage: boolean; totalCount?: number };

/**
 * The commitments the actor may see, filtered and ordered, a page at a time (keyset: `after` is the previous page's
 * opaque endCursor, valid for the same order). Statements: the page's keys, the total count, and the page's rows
 * with their parties, monitor and plan (a fixed number, whatever the page size).
 */
export async function listCommitments(
  ctx: ReadContext,
  args: { first: number; after?: string | null; filter?: CommitmentFilter | null; order?: CommitmentOrder | null },
): Promise<CommitmentPage> {
  const order: CommitmentOrder = args.order ?? 'NEWEST';
  if (!(COMMITMENT_ORDERS as readonly string[]).includes(order)) throw ValidationError.field('order', 'errors.invalid');
  const first = pageSize(args.first);
  const filter = parseFilter(args.filter);
  const today = todayOf(nowIn(ctx));
  const keys = sortKeys(order);
  const cursor = args.after ? decodeCursor(args.after, order, keys) : null;

  const where = [visibleCommitmentsSql(ctx.actor), ...filterSql(filter, today)];
  const [countRow] = await ctx.db.$queryRaw<{ count: bigint }[]>(Prisma.sql`
    SELECT count(*) AS "count" FROM "Commitment" c WHERE ${Prisma.join(where, ' AND ')}`);
  if (cursor) where.push(afterSql(keys, cursor.k));
  const selected = keys.map((k, n) => Prisma.sql`${k.expr} AS ${Prisma.raw(`"k${n}"`)}`);
  const rows = await ctx.db.$queryRaw<(Record<`k${number}`, unknown> & { id: string })[]>(Prisma.sql`
    SELECT c."id", ${Prisma.join(selected)} FROM "Commitment" c
    WHERE ${Prisma.join(where, ' AND ')}
    ORDER BY ${Prisma.join(keys.map((k) => Prisma.sql`${k.expr} ${Prisma.raw(k.dir)}`))}
    LIMIT ${first + 1}`);

  const hasNextPage = rows.length > first;
  const page = rows.slice(0, first);
  const loaded = page.length ? await ctx.db.commitment.findMany({ where: { id: { in: page.map((r) => r.id) } }, ...LIST_ARGS }) : [];
  const byId = new Map(loaded.map((row) => [row.id, row]));
  const items = page.flatMap((r) => {
    const row = byId.get(r.id);
    return row ? [listItemOf(ctx.actor, row, today)] : [];
  });
  const last = page.at(-1);
  const endCursor = last
    ? encodeCursor({
        o: order,
        k: keys.map((k, n) => {
          const value = last[`k${n}`];
          return k.type === 'ts' ? (value as Date).toISOString() : String(value);
        }),
      })
    : null;
  return { items, endCursor, hasNextPage, totalCount: Number(countRow?.count ?? 0) };
}

// ───────────────────────────── One commitment ─────────────────────────────

const person = { select: { id: true, name: true } } as const;

const DETAIL_ARGS = {
  include: {
    ...LIST_ARGS.include,
    createdBy: person,
    parties: {
      include: { organization: orgSummary, responsibleUser: person },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    },
    milestones: {
      orderBy: [{ dueDate: 'asc' }, { id: 'asc' }],
      include: {
        doneBy: person,
        attestedBy: person,
        confirmations: { include: { user: person }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
        attachments: {
          select: { id: true, fileName: true, contentType: true, size: true, round: true, createdAt: true },
          orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        },
      },
    },
    issues: {
      include: {
        issue: {
          select: {
            id: true,
            reference: true,
            title: true,
            status: true,
            visibility: true,
            anonymous: true,
            administrationId: true,
            reporterOrganizationId: true,
          },
        },
      },
      orderBy: [{ createdAt: 'asc' }],
    },
    pledges: { include: { pledge: { select: { id: true, slug: true, title: true, status: true } } }, orderBy: [{ createdAt: 'asc' }] },
  },
} as const satisfies Prisma.CommitmentDefaultArgs;

type DetailRow = Prisma.CommitmentGetPayload<typeof DETAIL_ARGS>;

export type CommitmentPartyDetail = CommitmentPartyItem & {
  /** The party's id (CommitmentParty.id). */
  id: string;
  responsibleUser: { id: string; name: string } | null;
  respondedAt: Date | null;
  declineReason: string | null;
  cancelAgreedAt: Date | null;
  cancelReason: string | null;
};

export type MilestoneDetail = {
  id: string;
  title: string;
  deliverable: string;
  ownerPartyId: string;
  ownerOrganization: { id: string; name: string; slug: string };
  dueDate: string;
  state: string;
  round: number;
  evidenceText: string | null;
  evidenceLinks: string[];
  doneAt: Date | null;
  doneBy: { id: string; name: string } | null;
  completedAt: Date | null;
  disputedAt: Date | null;
  disputeReason: string | null;
  disputedByOrganization: { id: string; name: string } | null;
  attestedAt: Date | null;
  attestedBy: { id: string; name: string } | null;
  attestationNote: string | null;
  timing: 'OVERDUE' | 'DUE_SOON' | null;
  /** The current round's confirmations. */
  confirmations: { partyId: string; organizationId: string; organizationName: string; userName: string; createdAt: Date }[];
  /** Evidence files of every round (the current round's are those with `round` = the milestone's round). */
  attachments: { id: string; fileName: string; contentType: string; size: number; round: number; createdAt: Date }[];
};

export type CommitmentDetail = Omit<CommitmentListItem, 'parties'> & {
  description: string;
  proposerOrganizationId: string;
  monitorOrganizationId: string | null;
  actionPlanId: string | null;
  createdBy: { id: string; name: string };
  activatedAt: Date | null;
  cancelledAt: Date | null;
  completedAt: Date | null;
  parties: CommitmentPartyDetail[];
  /** Ordered by due date, then id. */
  milestones: MilestoneDetail[];
  /** The linked issues the actor may see. */
  issues: { id: string; reference: string; title: string; status: string }[];
  /** The linked pledges (published or closed ones). */
  pledges: { id: string; slug: string; title: string }[];
};

function detailOf(actor: Actor, row: DetailRow, today: string): CommitmentDetail {
  const base = listItemOf(actor, row, today);
  const partyById = new Map(row.parties.map((p) => [p.id, p]));
  const parties = orderedParties(row.parties, row.proposerOrganizationId).map((p) => ({
    id: p.id,
    organizationId: p.organizationId,
    name: p.organization.name,
    slug: p.organization.slug,
    kind: p.organization.kind,
    country: p.organization.country,
    response: p.response,
    responsibleUser: p.responsibleUser,
    respondedAt: p.respondedAt,
    declineReason: p.declineReason,
    cancelAgreedAt: p.cancelAgreedAt,
    cancelReason: p.cancelReason,
  }));
  const milestones: MilestoneDetail[] = row.milestones.map((m) => {
    const owner = partyById.get(m.ownerPartyId);
    const disputedBy = m.disputedByPartyId ? partyById.get(m.disputedByPartyId) : undefined;
    return {
      id: m.id,
      title: m.title,
      deliverable: m.deliverable,
      ownerPartyId: m.ownerPartyId,
      ownerOrganization: owner ? { id: owner.organization.id, name: owner.organization.name, slug: owner.organization.slug } : { id: '', name: '', slug: '' },
      dueDate: isoDate(m.dueDate),
      state: m.state,
      round: m.round,
      evidenceText: m.evidenceText,
      evidenceLinks: m.evidenceLinks,
      doneAt: m.doneAt,
      doneBy: m.doneBy,
      completedAt: m.completedAt,
      disputedAt: m.disputedAt,
      disputeReason: m.disputeReason,
      disputedByOrganization: disputedBy ? { id: disputedBy.organization.id, name: disputedBy.organization.name } : null,
      attestedAt: m.attestedAt,
      attestedBy: m.attestedBy,
      attestationNote: m.attestationNote,
      timing: milestoneTiming(m, today),
      // A disputed milestone is open again: the confirmations of its last round no longer count.
      confirmations: m.confirmations
        .filter((c) => m.state !== 'OPEN' && c.round === m.round)
        .map((c) => {
          const party = partyById.get(c.partyId);
          return {
            partyId: c.partyId,
            organizationId: party?.organizationId ?? '',
            organizationName: party?.organization.name ?? '',
            userName: c.user.name,
            createdAt: c.createdAt,
          };
        }),
      attachments: m.attachments,
    };
  });
  return {
    ...base,
    description: row.description,
    proposerOrganizationId: row.proposerOrganizationId,
    monitorOrganizationId: row.monitorOrganizationId,
    actionPlanId: base.actionPlan ? row.actionPlanId : null,
    createdBy: row.createdBy,
    activatedAt: row.activatedAt,
    cancelledAt: row.cancelledAt,
    completedAt: row.completedAt,
    parties,
    milestones,
    issues: row.issues
      .filter((ci) => canSeeIssue(actor, ci.issue))
      .map(({ issue }) => ({ id: issue.id, reference: issue.reference, title: issue.title, status: issue.status })),
    pledges: row.pledges.filter((cp) => cp.pledge.status !== 'DRAFT').map(({ pledge }) => ({ id: pledge.id, slug: pledge.slug, title: pledge.title })),
  };
}

const partyOrgIdsOf = (row: { parties: readonly { organizationId: string }[] }) => row.parties.map((p) => p.organizationId);

/**
 * A commitment for its page, GraphQL and the commands' pages: NotFoundError when it does not exist or the actor may
 * not see it (the same answer, so a proposed commitment's reference reveals nothing).
 */
export async function getCommitment(ctx: ReadContext, by: { id: string } | { reference: string }): Promise<CommitmentDetail> {
  const where: Prisma.CommitmentWhereUniqueInput = 'id' in by ? { id: String(by.id) } : { reference: String(by.reference).trim().toUpperCase() };
  const row = await ctx.db.commitment.findUnique({ where, ...DETAIL_ARGS });
  if (!row || !canSeeCommitment(ctx.actor, { ...row, partyOrganizationIds: partyOrgIdsOf(row) })) throw new NotFoundError();
  return detailOf(ctx.actor, row, todayOf(nowIn(ctx)));
}

/** A milestone with its commitment: NotFoundError when either does not exist or the commitment is not visible. */
export async function getMilestone(ctx: ReadContext, by: { id: string }): Promise<{ commitment: CommitmentDetail; milestone: MilestoneDetail }> {
  const found = await ctx.db.milestone.findUnique({ where: { id: String(by.id) }, select: { commitmentId: true } });
  if (!found) throw new NotFoundError();
  const commitment = await getCommitment(ctx, { id: found.commitmentId });
  const milestone = commitment.milestones.find((m) => m.id === by.id);
  if (!milestone) throw new NotFoundError();
  return { commitment, milestone };
}

// ───────────────────────────── What the viewer may do ─────────────────────────────

export type MilestonePermissions = { canEdit: boolean; canComplete: boolean; canConfirm: boolean; canDispute: boolean; canAttest: boolean };
export type CommitmentPermissions = {
  /** The parties' organisations the actor may act for (policy commitment.actForParty). */
  actForOrganizationIds: string[];
  canAccept: boolean;
  canDecline: boolean;
  canCancel: boolean;
  canAddMilestone: boolean;
  canImport: boolean;
  milestones: Record<string, MilestonePermissions>;
};

/**
 * What the viewer may do on this commitment and each of its milestones (pure: the policy and the state machines of
 * commitment-rules.ts; the commands check the same again). Pages show buttons from it, GraphQL its viewerCan* fields.
 */
export function commitmentPermissions(actor: Actor, c: CommitmentDetail, today: string): CommitmentPermissions {
  const actFor = partiesActorMayActFor(
    actor,
    c.parties.map((p) => ({ organizationId: p.organizationId, responsibleUserId: p.responsibleUser?.id ?? null })),
  );
  const mine = c.parties.filter((p) => actFor.includes(p.organizationId));
  const status = deriveCommitmentStatus(c, today);
  const active = c.phase === 'ACTIVE';
  const maySee = canSeeCommitment(actor, {
    activatedAt: c.activatedAt,
    partyOrganizationIds: c.parties.map((p) => p.organizationId),
    monitorOrganizationId: c.monitorOrganizationId,
  });
  const canAttestHere = !!c.monitorOrganizationId && can(actor, 'milestone.attest', { organizationId: c.monitorOrganizationId });
  const milestones: Record<string, MilestonePermissions> = {};
  for (const m of c.milestones) {
    const confirmed = new Set(m.confirmations.map((x) => x.partyId));
    const yetToConfirm = mine.some((p) => !confirmed.has(p.id));
    const owner = c.parties.find((p) => p.id === m.ownerPartyId);
    milestones[m.id] = {
      canEdit: maySee && mine.length > 0 && canCommitment(c.phase, 'updateMilestone') && canMilestone(m.state, 'update'),
      canComplete: maySee && active && !!owner && actFor.includes(owner.organizationId) && canMilestone(m.state, 'complete'),
      canConfirm: maySee && active && yetToConfirm && canMilestone(m.state, 'confirm'),
      canDispute: maySee && active && yetToConfirm && canMilestone(m.state, 'dispute'),
      canAttest: maySee && canAttestHere && active && canMilestone(m.state, 'attest') && m.attestedAt === null,
    };
  }
  const inPhase = (action: 'accept' | 'decline' | 'cancel' | 'addMilestone' | 'updateMilestone') => maySee && canCommitment(c.phase, action);
  return {
    actForOrganizationIds: actFor,
    canAccept: inPhase('accept') && mine.some((p) => (PARTY_TRANSITIONS.accept as readonly string[]).includes(p.response)),
    canDecline: inPhase('decline') && mine.some((p) => (PARTY_TRANSITIONS.decline as readonly string[]).includes(p.response)),
    canCancel:
      inPhase('cancel') &&
      status !== 'COMPLETED' &&
      mine.some((p) => (PARTY_TRANSITIONS.cancel as readonly string[]).includes(p.response) && p.cancelAgreedAt === null),
    canAddMilestone: inPhase('addMilestone') && mine.length > 0,
    canImport: inPhase('updateMilestone') && mine.length > 0 && c.milestones.length > 0,
    milestones,
  };
}

// ───────────────────────────── Timeline ─────────────────────────────

/** The audit actions of a commitment's life, each with its i18n label key (app/i18n/parts/commitments-queries.ts). */
export const COMMITMENT_TIMELINE_ACTIONS = [
  'commitment.proposed',
  'commitment.accepted',
  'commitment.declined',
  'commitment.activated',
  'commitment.cancelAgreed',
  'commitment.cancelled',
  'milestone.added',
  'milestone.updated',
  'milestone.done',
  'milestone.confirmed',
  'milestone.completed',
  'milestone.disputed',
  'milestone.attested',
  'milestone.imported',
] as const;

export type TimelineEntry = {
  at: Date;
  action: string;
  /** 'commitment.timeline.<action>' (known actions), or 'commitment.timeline.other'. */
  labelKey: string;
  actor: { id: string; name: string } | null;
  /** The organisation acted for. */
  organization: { id: string; name: string } | null;
  /** The milestone concerned, when there is one. */
  milestone: { id: string; title: string } | null;
  data: Record<string, unknown>;
};

const dataOf = (data: unknown) => (data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {});

/** What happened to a commitment, oldest first, from the audit chain (subjectType 'Commitment'). NotFound when not visible. */
export async function commitmentTimeline(ctx: ReadContext, commitmentId: string): Promise<TimelineEntry[]> {
  const row = await ctx.db.commitment.findUnique({
    where: { id: String(commitmentId) },
    select: { id: true, activatedAt: true, monitorOrganizationId: true, parties: { select: { organizationId: true } } },
  });
  if (!row || !canSeeCommitment(ctx.actor, { ...row, partyOrganizationIds: partyOrgIdsOf(row) })) throw new NotFoundError();
  const events = await ctx.db.auditEvent.findMany({
    where: { subjectType: 'Commitment', subjectId: row.id },
    orderBy: { seq: 'asc' },
    select: { occurredAt: true, action: true, actorId: true, organizationId: true, data: true },
  });
  const userIds = [...new Set(events.flatMap((e) => (e.actorId ? [e.actorId] : [])))];
  const orgIds = [...new Set(events.flatMap((e) => (e.organizationId ? [e.organizationId] : [])))];
  const [users, orgs] = await Promise.all([
    userIds.length ? ctx.db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }) : [],
    orgIds.length ? ctx.db.organization.findMany({ where: { id: { in: orgIds } }, select: { id: true, name: true } }) : [],
  ]);
  const userById = new Map(users.map((u) => [u.id, u]));
  const orgById = new Map(orgs.map((o) => [o.id, o]));
  const known = new Set<string>(COMMITMENT_TIMELINE_ACTIONS);
  return events.map((e) => {
    const data = dataOf(e.data);
    const milestoneId = typeof data.milestoneId === 'string' ? data.milestoneId : null;
    const milestoneTitle = typeof data.milestoneTitle === 'string' ? data.milestoneTitle : typeof data.title === 'string' ? data.title : '';
    return {
      at: e.occurredAt,
      action: e.action,
      labelKey: known.has(e.action) ? `commitment.timeline.${e.action}` : 'commitment.timeline.other',
      actor: e.actorId ? (userById.get(e.actorId) ?? null) : null,
      organization: e.organizationId ? (orgById.get(e.organizationId) ?? null) : null,
      milestone: milestoneId ? { id: milestoneId, title: milestoneTitle } : null,
      data,
    };
  });
}

// ───────────────────────────── Action plans ─────────────────────────────

export type ActionPlanListItem = {
  id: string;
  slug: string;
  title: string;
  status: string;
  periodStart: string;
  periodEnd: string;
  publishedAt: Date | null;
  administration: { id: string; name: string; slug: string; country: string };
  /** Commitments of the plan that are not cancelled (all of them, visible or not: the plan's own figures). */
  commitmentCount: number;
  milestoneCount: number;
  completedCount: number;
  /** Σ completed / Σ milestones over those commitments, 0 to 1. */
  progress: number;
  /** The visible commitments of the plan by status. */
  statusCounts: Record<CommitmentStatus, number>;
};

export type ActionPlanDetail = ActionPlanListItem & {
  description: string;
  createdBy: { id: string; name: string };
  createdAt: Date;
  /** The visible commitments of the plan, newest first. */
  commitments: CommitmentListItem[];
};

export const MAX_ACTION_PLAN_PAGE = 100;

const PLAN_ARGS = {
  include: { administration: { select: { id: true, name: true, slug: true, country: true } }, createdBy: person },
} as const satisfies Prisma.ActionPlanDefaultArgs;
type PlanRow = Prisma.ActionPlanGetPayload<typeof PLAN_ARGS>;

export type PlanFigures = Omit<ActionPlanListItem, 'id' | 'slug' | 'title' | 'status' | 'periodStart' | 'periodEnd' | 'publishedAt' | 'administration'>;

/**
 * The plans' figures in one statement (plus its parties): sums over non-cancelled commitments, statuses of visible
 * ones. Pages and GraphQL (a DataLoader per request) both use it.
 */
export async function planFigures(ctx: ReadContext, planIds: readonly string[]): Promise<Map<string, PlanFigures>> {
  const today = todayOf(nowIn(ctx));
  const rows = planIds.length
    ? await ctx.db.commitment.findMany({
        where: { actionPlanId: { in: [...planIds] } },
        select: {
          actionPlanId: true,
          phase: true,
          milestoneCount: true,
          completedCount: true,
          nextOpenDueDate: true,
          activatedAt: true,
          monitorOrganizationId: true,
          parties: { select: { organizationId: true } },
        },
      })
    : [];
  const figures = new Map(
    planIds.map((planId) => [
      planId,
      {
        commitmentCount: 0,
        milestoneCount: 0,
        completedCount: 0,
        progress: 0,
        statusCounts: Object.fromEntries(COMMITMENT_STATUSES.map((s) => [s, 0])) as Record<CommitmentStatus, number>,
      },
    ]),
  );
  for (const row of rows) {
    const f = row.actionPlanId ? figures.get(row.actionPlanId) : undefined;
    if (!f) continue;
    if (row.phase !== 'CANCELLED') {
      f.commitmentCount++;
      f.milestoneCount += row.milestoneCount;
      f.completedCount += row.completedCount;
    }
    if (canSeeCommitment(ctx.actor, { ...row, partyOrganizationIds: partyOrgIdsOf(row) })) f.statusCounts[deriveCommitmentStatus(row, today)]++;
  }
  for (const f of figures.values()) f.progress = progressOf(f);
  return figures;
}

function planItemOf(row: PlanRow, figures: Map<string, PlanFigures>): ActionPlanListItem {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    status: row.status,
    periodStart: isoDate(row.periodStart),
    periodEnd: isoDate(row.periodEnd),
    publishedAt: row.publishedAt,
    administration: row.administration,
    ...figures.get(row.id)!,
  };
}

/** The countries of the administrations with a plan the viewer may see (for the list's country filter). */
export async function actionPlanCountries(ctx: ReadContext): Promise<string[]> {
  const rows = await ctx.db.organization.findMany({
    where: { actionPlans: { some: visibleActionPlansWhere(ctx.actor) } },
    select: { country: true },
    distinct: ['country'],
  });
  return rows.map((r) => r.country).sort();
}

/** The action plans the actor may see, newest first, a page at a time (keyset: `after` is the previous endCursor). */
export async function listActionPlans(
  ctx: ReadContext,
  args: { first: number; after?: string | null; countryCode?: string | null; administrationId?: string | null },
): Promise<{ items: ActionPlanListItem[]; endCursor: string | null; hasNextPage: boolean }> {
  const first = args.first;
  if (typeof first !== 'number' || !Number.isInteger(first) || first < 1 || first > MAX_ACTION_PLAN_PAGE) {
    throw ValidationError.field('first', { key: 'errors.commitmentPageSize', params: { max: MAX_ACTION_PLAN_PAGE } });
  }
  const where: Prisma.ActionPlanWhereInput[] = [visibleActionPlansWhere(ctx.actor)];
  if (args.countryCode) where.push({ administration: { country: String(args.countryCode).trim().toUpperCase() } });
  if (args.administrationId) where.push({ administrationId: String(args.administrationId) });
  if (args.after) {
    let k: unknown;
    try {
      k = JSON.parse(Buffer.from(args.after, 'base64url').toString('utf8'));
    } catch {
      throw invalidCursor();
    }
    const [at, afterId] = Array.isArray(k) ? k : [];
    if (typeof at !== 'string' || Number.isNaN(Date.parse(at)) || typeof afterId !== 'string') throw invalidCursor();
    const when = new Date(at);
    where.push({ OR: [{ createdAt: { lt: when } }, { createdAt: when, id: { lt: afterId } }] });
  }
  const rows = await ctx.db.actionPlan.findMany({ where: { AND: where }, ...PLAN_ARGS, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: first + 1 });
  const page = rows.slice(0, first);
  const figures = await planFigures(
    ctx,
    page.map((p) => p.id),
  );
  const last = page.at(-1);
  return {
    items: page.map((row) => planItemOf(row, figures)),
    endCursor: last ? Buffer.from(JSON.stringify([last.createdAt.toISOString(), last.id])).toString('base64url') : null,
    hasNextPage: rows.length > first,
  };
}

/** An action plan for its page: NotFoundError when it does not exist or the actor may not see it (a draft). */
export async function getActionPlan(ctx: ReadContext, by: { id: string } | { slug: string }): Promise<ActionPlanDetail> {
  const where: Prisma.ActionPlanWhereUniqueInput = 'id' in by ? { id: String(by.id) } : { slug: String(by.slug) };
  const row = await ctx.db.actionPlan.findUnique({ where, ...PLAN_ARGS });
  if (!row || !canSeeActionPlan(ctx.actor, row)) throw new NotFoundError();
  const [figures, commitments] = await Promise.all([planFigures(ctx, [row.id]), listItemsWhere(ctx, { actionPlanId: row.id })]);
  return { ...planItemOf(row, figures), description: row.description, createdBy: row.createdBy, createdAt: row.createdAt, commitments };
}

// ───────────────────────────── Commitments of an issue, a pledge, an organisation ─────────────────────────────

/** The visible commitments answering an issue, newest first. */
export async function commitmentsForIssue(ctx: ReadContext, issueId: string): Promise<CommitmentListItem[]> {
  return listItemsWhere(ctx, { issues: { some: { issueId: String(issueId) } } });
}

/** The visible commitments implementing a pledge, newest first. */
export async function commitmentsForPledge(ctx: ReadContext, pledgeId: string): Promise<CommitmentListItem[]> {
  return listItemsWhere(ctx, { pledges: { some: { pledgeId: String(pledgeId) } } });
}

/** The visible commitments an organisation is party to or monitors, newest first. */
export async function commitmentsForOrganization(ctx: ReadContext, organizationId: string): Promise<CommitmentListItem[]> {
  const orgId = String(organizationId);
  return listItemsWhere(ctx, { OR: [{ parties: { some: { organizationId: orgId } } }, { monitorOrganizationId: orgId }] });
}
