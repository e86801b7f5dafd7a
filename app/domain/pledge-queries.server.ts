// Reads of pledges that carry a rule, written once and used by loaders, actions, GraphQL resolvers and commands:
// which pledges a viewer may see, which signatures are "current" and in which status, the headline counts, and who
// may sign. Statuses are computed in SQL from `withdrawnAt` and `lapsesAt` (kept by the commands in pledges.server.ts).
import { Prisma } from '../../prisma/generated/client/client';
import type { Db } from '../db/client.server';
import type { Actor } from './actor.server';
import type { DomainContext, Tx } from './context.server';
import { NotFoundError } from './errors.server';
import { type Audience, type OrgKind, type SignatureStatus, audienceAdmits } from './pledge-rules';
import { PLEDGE_MANAGER_ROLES, can } from './policy.server';
import { type Validity, cachedReads } from './read-cache.server';

/** A register entry: the organisation's latest signature of the pledge (withdrawn ones included, superseded ones not). */
export const REGISTER_ENTRY = { supersededAt: null } as const satisfies Prisma.PledgeSignatureWhereInput;
/** The organisation's standing signature: neither superseded by a newer one nor withdrawn. (It may have lapsed.) */
export const CURRENT_SIGNATURE = { supersededAt: null, withdrawnAt: null } as const satisfies Prisma.PledgeSignatureWhereInput;

/** Drafts are visible only to those who may manage them; published and closed pledges to everyone. */
export function canSeePledge(actor: Actor, pledge: { status: string; ownerOrganizationId: string | null }) {
  return pledge.status !== 'DRAFT' || can(actor, 'pledge.manage', { organizationId: pledge.ownerOrganizationId ?? undefined });
}

/** Organisations whose drafts the actor sees (null: every draft, as a platform administrator). */
function draftOwnersVisibleTo(actor: Actor): string[] | null {
  if (actor.kind === 'user' && actor.isPlatformAdmin) return null;
  return actor.kind === 'user'
    ? actor.memberships.filter((m) => (PLEDGE_MANAGER_ROLES as readonly string[]).includes(m.role)).map((m) => m.organizationId)
    : [];
}

/** The same rule as a Prisma filter, for lists and lookups. */
export function visiblePledgesWhere(actor: Actor): { OR?: Prisma.PledgeWhereInput[] } {
  const managed = draftOwnersVisibleTo(actor);
  if (managed === null) return {};
  return { OR: [{ status: { not: 'DRAFT' } }, { ownerOrganizationId: { in: managed } }] };
}

/** The same rule as an SQL condition on a pledge aliased `p`. */
function visiblePledgesSql(actor: Actor): Prisma.Sql {
  const managed = draftOwnersVisibleTo(actor);
  if (managed === null) return Prisma.sql`TRUE`;
  return Prisma.sql`(p."status" <> 'DRAFT' OR p."ownerOrganizationId" = ANY(${managed}::text[]))`;
}

/**
 * A pledge as the viewer may see it, or NotFoundError: an unknown pledge and a draft the viewer may not see answer
 * the same, so a hidden draft's slug reveals nothing (to loaders and actions alike).
 */
export async function findPledgeForViewer(ctx: Pick<DomainContext, 'db' | 'actor'>, by: { id: string } | { slug: string }) {
  const pledge = await ctx.db.pledge.findUnique({ where: 'id' in by ? { id: by.id } : { slug: by.slug }, include: { ownerOrganization: true } });
  if (!pledge || !canSeePledge(ctx.actor, pledge)) throw new NotFoundError();
  return pledge;
}

export type SignatureFilter = { pledgeId?: string; organizationId?: string; status?: SignatureStatus; verified?: boolean };

/**
 * The register's entries as a Prisma filter: never superseded; status computed from the stored dates (ACTIVE: not
 * withdrawn and not yet lapsed; LAPSED: not withdrawn and `lapsesAt` reached; WITHDRAWN: withdrawn). `verified: true`
 * keeps only signatures of verified organisations, `false` only those of unverified ones.
 */
export function signaturesWhere(filter: SignatureFilter, now: Date): Prisma.PledgeSignatureWhereInput {
  const where: Prisma.PledgeSignatureWhereInput = { ...REGISTER_ENTRY };
  if (filter.pledgeId !== undefined) where.pledgeId = filter.pledgeId;
  if (filter.organizationId !== undefined) where.organizationId = filter.organizationId;
  if (filter.verified !== undefined) where.organization = { verified: filter.verified };
  if (filter.status === 'WITHDRAWN') where.withdrawnAt = { not: null };
  if (filter.status === 'ACTIVE') Object.assign(where, { withdrawnAt: null, OR: [{ lapsesAt: null }, { lapsesAt: { gt: now } }] });
  if (filter.status === 'LAPSED') Object.assign(where, { withdrawnAt: null, lapsesAt: { lte: now } });
  return where;
}

export type SignatureCounts = Record<SignatureStatus, number> & { unverified: number; total: number };
const emptyCounts = (): SignatureCounts => ({ ACTIVE: 0, LAPSED: 0, WITHDRAWN: 0, unverified: 0, total: 0 });

/**
 * The statuses of `signaturesWhere` as SQL conditions on a register entry aliased `s` (already known not to be
 * superseded), for aggregates and per-parent pages that Prisma's filters cannot express. Kept next to the Prisma form
 * and tested to agree with it (tests/integration/pledge-queries.test.ts).
 */
export function signatureStatusSql(status: SignatureStatus, now: Date): Prisma.Sql {
  if (status === 'WITHDRAWN') return Prisma.sql`s."withdrawnAt" IS NOT NULL`;
  if (status === 'ACTIVE') return Prisma.sql`(s."withdrawnAt" IS NULL AND (s."lapsesAt" IS NULL OR s."lapsesAt" > ${now}))`;
  return Prisma.sql`(s."withdrawnAt" IS NULL AND s."lapsesAt" <= ${now})`;
}

/**
 * Register counts per pledge. The headline figures (ACTIVE, LAPSED, WITHDRAWN) count verified organisations only;
 * `unverified` counts the entries of unverified organisations, shown apart, never silently added; `total` is every
 * entry of the register (both together). Pledges not counted since the last write are counted in one SQL statement
 * whatever their number (read through the covering index `PledgeSignature_register_idx`); the others come from
 * read-cache.server.ts, which also says when a count stops holding: the counts hold from the latest lapse at or
 * before `now` up to the next one.
 */
export async function signatureCounts(db: Db | Tx, pledgeIds: readonly string[], now: Date): Promise<Map<string, SignatureCounts>> {
  const counts = await cachedReads(
    db,
    [...new Set(pledgeIds)].map((id) => `counts:${id}`),
    now,
    async (keys) => {
      const ids = keys.map((key) => key.slice('counts:'.length));
      const rows = await db.$queryRaw<
        {
          pledgeId: string;
          active: bigint;
          lapsed: bigint;
          withdrawn: bigint;
          unverified: bigint;
          total: bigint;
          lapsedSince: Date | null;
          nextLapse: Date | null;
        }[]
      >(Prisma.sql`
      SELECT s."pledgeId",
        count(*) FILTER (WHERE o."verified" AND ${signatureStatusSql('ACTIVE', now)}) AS active,
        count(*) FILTER (WHERE o."verified" AND ${signatureStatusSql('LAPSED', now)}) AS lapsed,
        count(*) FILTER (WHERE o."verified" AND ${signatureStatusSql('WITHDRAWN', now)}) AS withdrawn,
        count(*) FILTER (WHERE NOT o."verified") AS unverified,
        count(*) AS total,
        max(s."lapsesAt") FILTER (WHERE s."withdrawnAt" IS NULL AND s."lapsesAt" <= ${now}) AS "lapsedSince",
        min(s."lapsesAt") FILTER (WHERE s."withdrawnAt" IS NULL AND s."lapsesAt" > ${now}) AS "nextLapse"
      FROM "PledgeSignature" s JOIN "Organization" o ON o."id" = s."organizationId"
      WHERE s."pledgeId" = ANY(${ids}::text[]) AND s."supersededAt" IS NULL
      GROUP BY s."pledgeId"`);
      const loaded = new Map(ids.map((id) => [`counts:${id}`, { value: emptyCounts(), validity: { from: null, until: null } as Validity }]));
      for (const row of rows) {
        loaded.set(`counts:${row.pledgeId}`, {
          value: {
            ACTIVE: Number(row.active),
            LAPSED: Number(row.lapsed),
            WITHDRAWN: Number(row.withdrawn),
            unverified: Number(row.unverified),
            total: Number(row.total),
          },
          validity: { from: row.lapsedSince, until: row.nextLapse },
        });
      }
      return loaded;
    },
  );
  // A fresh object per caller: the cached one is shared.
  return new Map(pledgeIds.map((id) => [id, { ...(counts.get(`counts:${id}`) ?? emptyCounts()) }]));
}

export type EntriesUnder = {
  /** Whose entries: a pledge's register, or an organisation's signatures (only of pledges the viewer may see). */
  parent: 'pledgeId' | 'organizationId';
  parentIds: readonly string[];
  status?: SignatureStatus;
  actor: Actor;
};

/** Register entries (`s`, with its pledge `p`) under the parents, in the status, as the actor may see them. */
function entriesUnderSql({ parent, status, actor }: Omit<EntriesUnder, 'parentIds'>, now: Date) {
  return {
    from: parent === 'organizationId' ? Prisma.sql`"PledgeSignature" s JOIN "Pledge" p ON p."id" = s."pledgeId"` : Prisma.sql`"PledgeSignature" s`,
    where: Prisma.join(
      [
        Prisma.sql`s."supersededAt" IS NULL`,
        ...(status ? [signatureStatusSql(status, now)] : []),
        // A pledge's own entries are read with the pledge, which the viewer has already been allowed to see.
        ...(parent === 'organizationId' ? [visiblePledgesSql(actor)] : []),
      ],
      ' AND ',
    ),
    parentColumn: Prisma.raw(parent === 'pledgeId' ? 's."pledgeId"' : 's."organizationId"'),
  };
}

/**
 * A page of register entries under each of many parents, in the register's order (oldest signature first, then id),
 * in one statement whatever their number: per parent, the index is read from the cursor for `take` rows (a LATERAL
 * join with its own LIMIT), never the parent's whole register. `take` > 0 reads forwards from after the cursor,
 * `take` < 0 backwards from before it (or from the end); a cursor that is not an entry of that parent gives an empty
 * page. Returns the ids per parent, in order.
 */
export async function signaturePageIds(
  db: Db | Tx,
  under: EntriesUnder,
  { take, cursor }: { take: number; cursor?: string },
  now: Date,
): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>(under.parentIds.map((id) => [id, []]));
  if (!under.parentIds.length || take === 0) return result;
  const { from, where, parentColumn } = entriesUnderSql(under, now);
  const forwards = take > 0;
  const dir = Prisma.raw(forwards ? 'ASC' : 'DESC');
  const after = cursor
    ? Prisma.sql`AND (s."signedAt", s."id") ${Prisma.raw(forwards ? '>' : '<')} (
        SELECT c."signedAt", c."id" FROM "PledgeSignature" c
        WHERE c."id" = ${cursor} AND c.${Prisma.raw(`"${under.parent}"`)} = parent."id" AND c."supersededAt" IS NULL)`
    : Prisma.empty;
  const rows = await db.$queryRaw<{ parentId: string; id: string }[]>(Prisma.sql`
    SELECT parent."id" AS "parentId", e."id"
    FROM unnest(${[...under.parentIds]}::text[]) WITH ORDINALITY AS parent("id", n)
    CROSS JOIN LATERAL (
      SELECT s."id", s."signedAt" FROM ${from}
      WHERE ${parentColumn} = parent."id" AND ${where} ${after}
      ORDER BY s."signedAt" ${dir}, s."id" ${dir}
      LIMIT ${Math.abs(take)}
    ) e
    ORDER BY parent.n, e."signedAt" ${dir}, e."id" ${dir}`);
  for (const row of rows) result.get(row.parentId)!.push(row.id);
  if (!forwards) for (const ids of result.values()) ids.reverse();
  return result;
}

/** How many entries each parent has (the connection's totalCount): one grouped statement, or the cached counts. */
export async function signatureTotals(db: Db | Tx, under: EntriesUnder, now: Date): Promise<Map<string, number>> {
  const result = new Map<string, number>(under.parentIds.map((id) => [id, 0]));
  if (!under.parentIds.length) return result;
  // A whole register's size is among its cached counts.
  if (under.parent === 'pledgeId' && !under.status) {
    for (const [id, counts] of await signatureCounts(db, under.parentIds, now)) result.set(id, counts.total);
    return result;
  }
  const { from, where, parentColumn } = entriesUnderSql(under, now);
  const rows = await db.$queryRaw<{ parentId: string; total: bigint }[]>(Prisma.sql`
    SELECT ${parentColumn} AS "parentId", count(*) AS total FROM ${from}
    WHERE ${parentColumn} = ANY(${[...under.parentIds]}::text[]) AND ${where}
    GROUP BY 1`);
  for (const row of rows) result.set(row.parentId, Number(row.total));
  return result;
}

export type SignIneligibility = {
  ok: false;
  /** An i18n key saying why. */
  reason: string;
  params?: Record<string, string | number>;
  /** How the command reports it: the error class it throws, and the form field it concerns. */
  code: 'NOT_AUTHENTICATED' | 'FORBIDDEN' | 'CONFLICT' | 'VALIDATION';
  field?: string;
};
export type SignEligibility = { ok: true; resign: boolean } | SignIneligibility;

/**
 * May the actor sign this pledge now on behalf of this organisation? The one rule, used by `signPledge`, the pledge
 * page and GraphQL's `viewerCanSign`. `current` is the organisation's current signature (its version), if any.
 */
export function signEligibility(
  actor: Actor,
  pledge: { status: string; audience: Audience; currentVersion: number },
  organization: { id: string; kind: OrgKind; verified: boolean },
  current: { versionNumber: number } | null,
): SignEligibility {
  if (!can(actor, 'pledge.sign', { organizationId: organization.id })) {
    return actor.kind === 'anonymous'
      ? { ok: false, code: 'NOT_AUTHENTICATED', reason: 'errors.notAuthenticated' }
      : { ok: false, code: 'FORBIDDEN', reason: 'errors.forbidden' };
  }
  if (pledge.status !== 'PUBLISHED')
    return { ok: false, code: 'CONFLICT', reason: pledge.status === 'DRAFT' ? 'errors.pledgeNotPublished' : 'errors.pledgeClosed' };
  if (!audienceAdmits(pledge.audience, organization.kind))
    return { ok: false, code: 'VALIDATION', field: 'organizationId', reason: `errors.pledgeAudience.${pledge.audience}` };
  // A newly registered organisation could be anyone: it signs once a platform administrator has verified it.
  if (!organization.verified) return { ok: false, code: 'FORBIDDEN', reason: 'errors.organizationUnverified' };
  if (current && current.versionNumber === pledge.currentVersion) return { ok: false, code: 'CONFLICT', reason: 'errors.alreadySigned' };
  return { ok: true, resign: current !== null };
}
