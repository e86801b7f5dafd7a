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

/** A register entry: the organisation's latest signature of the pledge (withdrawn ones included, superseded ones not). */
export const REGISTER_ENTRY = { supersededAt: null } as const satisfies Prisma.PledgeSignatureWhereInput;
/** The organisation's standing signature: neither superseded by a newer one nor withdrawn. (It may have lapsed.) */
export const CURRENT_SIGNATURE = { supersededAt: null, withdrawnAt: null } as const satisfies Prisma.PledgeSignatureWhereInput;

/** Drafts are visible only to those who may manage them; published and closed pledges to everyone. */
export function canSeePledge(actor: Actor, pledge: { status: string; ownerOrganizationId: string | null }) {
  return pledge.status !== 'DRAFT' || can(actor, 'pledge.manage', { organizationId: pledge.ownerOrganizationId ?? undefined });
}

/** The same rule as a Prisma filter, for lists and lookups. */
export function visiblePledgesWhere(actor: Actor): { OR?: Prisma.PledgeWhereInput[] } {
  if (actor.kind === 'user' && actor.isPlatformAdmin) return {};
  const managed =
    actor.kind === 'user' ? actor.memberships.filter((m) => (PLEDGE_MANAGER_ROLES as readonly string[]).includes(m.role)).map((m) => m.organizationId) : [];
  return { OR: [{ status: { not: 'DRAFT' } }, { ownerOrganizationId: { in: managed } }] };
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
 * Register counts per pledge, in one SQL statement whatever the number of pledges. The headline figures (ACTIVE,
 * LAPSED, WITHDRAWN) count verified organisations only; `unverified` counts the entries of unverified organisations,
 * shown apart, never silently added; `total` is every entry of the register (both together).
 */
export async function signatureCounts(db: Db | Tx, pledgeIds: readonly string[], now: Date): Promise<Map<string, SignatureCounts>> {
  const result = new Map<string, SignatureCounts>(pledgeIds.map((id) => [id, emptyCounts()]));
  if (!pledgeIds.length) return result;
  const rows = await db.$queryRaw<{ pledgeId: string; active: bigint; lapsed: bigint; withdrawn: bigint; unverified: bigint; total: bigint }[]>(Prisma.sql`
    SELECT s."pledgeId",
      count(*) FILTER (WHERE o."verified" AND s."withdrawnAt" IS NULL AND (s."lapsesAt" IS NULL OR s."lapsesAt" > ${now})) AS active,
      count(*) FILTER (WHERE o."verified" AND s."withdrawnAt" IS NULL AND s."lapsesAt" <= ${now}) AS lapsed,
      count(*) FILTER (WHERE o."verified" AND s."withdrawnAt" IS NOT NULL) AS withdrawn,
      count(*) FILTER (WHERE NOT o."verified") AS unverified,
      count(*) AS total
    FROM "PledgeSignature" s JOIN "Organization" o ON o."id" = s."organizationId"
    WHERE s."pledgeId" = ANY(${[...pledgeIds]}::text[]) AND s."supersededAt" IS NULL
    GROUP BY s."pledgeId"`);
  for (const row of rows) {
    result.set(row.pledgeId, {
      ACTIVE: Number(row.active),
      LAPSED: Number(row.lapsed),
      WITHDRAWN: Number(row.withdrawn),
      unverified: Number(row.unverified),
      total: Number(row.total),
    });
  }
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
