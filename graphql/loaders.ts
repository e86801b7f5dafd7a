// Request-scoped batch loaders for fields computed per parent (counts, eligibility): a list of N parents asks once,
// not N times. Each request (GraphQL context) gets its own loaders and its own clock, so every count in one
// response is taken at the same instant.
import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import {
  type CommitmentDetail,
  type CommitmentPermissions,
  commitmentPermissions,
  planFigures,
  visibleCommitmentsWhere,
} from '../app/domain/commitment-queries.server';
import { todayOf } from '../app/domain/commitment-rules';
import { COMMITMENT_STATUSES } from '../app/domain/enums';
import { CURRENT_SIGNATURE, type SignatureCounts, signatureCounts } from '../app/domain/pledge-queries.server';
import type { GraphQLContext } from './context';

/** The instant this request counts statuses at (lapses are computed from stored dates against it). */
export const requestNow = createContextCache((_ctx: GraphQLContext) => new Date());

export const loaders = createContextCache((ctx: GraphQLContext) => ({
  /** Register counts per pledge, in one statement for the whole page (app/domain/pledge-queries.server.ts). */
  signatureCounts: new DataLoader<string, SignatureCounts>(async (pledgeIds) => {
    const counts = await signatureCounts(ctx.db, pledgeIds, requestNow(ctx));
    return pledgeIds.map((id) => counts.get(id)!);
  }),

  /** Members per organisation: one grouped count over the page's organisations, never over the whole table. */
  memberCount: new DataLoader<string, number>(async (organizationIds) => {
    const rows = await ctx.db.membership.groupBy({ by: ['organizationId'], where: { organizationId: { in: [...organizationIds] } }, _count: { _all: true } });
    const counts = new Map(rows.map((row) => [row.organizationId, row._count._all]));
    return organizationIds.map((id) => counts.get(id) ?? 0);
  }),

  /** Responses and reporter additions per issue: one grouped count over the page's issues, never over the whole table. */
  issueResponseCount: new DataLoader<string, number>(async (issueIds) => {
    const rows = await ctx.db.issueResponse.groupBy({ by: ['issueId'], where: { issueId: { in: [...issueIds] } }, _count: { _all: true } });
    const counts = new Map(rows.map((row) => [row.issueId, row._count._all]));
    return issueIds.map((id) => counts.get(id) ?? 0);
  }),

  /** Organisations by id (for eligibility to sign): one statement for every id asked in the request. */
  organization: new DataLoader(async (ids: readonly string[]) => {
    const rows = await ctx.db.organization.findMany({ where: { id: { in: [...ids] } }, select: { id: true, kind: true, verified: true } });
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  }),

  /** An organisation's current signature of a pledge (its version number), keyed "pledgeId organizationId". */
  currentSignature: new DataLoader<string, { versionNumber: number } | null>(async (keys) => {
    const pairs = keys.map((key) => key.split(' ') as [string, string]);
    const rows = await ctx.db.pledgeSignature.findMany({
      where: { ...CURRENT_SIGNATURE, pledgeId: { in: pairs.map(([p]) => p) }, organizationId: { in: pairs.map(([, o]) => o) } },
      select: { pledgeId: true, organizationId: true, version: { select: { number: true } } },
    });
    const found = new Map(rows.map((row) => [`${row.pledgeId} ${row.organizationId}`, { versionNumber: row.version.number }]));
    return keys.map((key) => found.get(key) ?? null);
  }),

  /** Organisations by id, whole rows (the parties a viewer may act for): one statement for every id asked. */
  organizationRow: new DataLoader(async (ids: readonly string[]) => {
    const rows = await ctx.db.organization.findMany({ where: { id: { in: [...ids] } } });
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  }),

  /**
   * What the viewer may do on each commitment of the page and its milestones (commitmentPermissions, the rule the
   * pages use), from one batched read of what the rule looks at: parties with their responsible person, milestones
   * with the current round's confirmations. Null for a commitment the viewer may not see.
   */
  commitmentPermissions: new DataLoader<string, CommitmentPermissions | null>(async (ids) => {
    const rows = await ctx.db.commitment.findMany({
      where: { AND: [{ id: { in: [...ids] } }, visibleCommitmentsWhere(ctx.actor)] },
      select: {
        id: true,
        phase: true,
        activatedAt: true,
        monitorOrganizationId: true,
        milestoneCount: true,
        completedCount: true,
        nextOpenDueDate: true,
        parties: {
          select: { id: true, organizationId: true, response: true, cancelAgreedAt: true, responsibleUser: { select: { id: true, name: true } } },
          orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        },
        milestones: {
          select: { id: true, state: true, round: true, ownerPartyId: true, attestedAt: true, confirmations: { select: { partyId: true, round: true } } },
          orderBy: [{ dueDate: 'asc' }, { id: 'asc' }],
        },
      },
    });
    const today = todayOf(requestNow(ctx));
    const byId = new Map(
      rows.map((row) => {
        // The fields of CommitmentDetail the rule reads (the rest of a detail is for display and is not loaded here).
        const input = {
          ...row,
          parties: row.parties,
          milestones: row.milestones.map((m) => ({ ...m, confirmations: m.confirmations.filter((c) => c.round === m.round) })),
        } as unknown as CommitmentDetail;
        return [row.id, commitmentPermissions(ctx.actor, input, today)] as const;
      }),
    );
    return ids.map((id) => byId.get(id) ?? null);
  }),

  /**
   * An action plan's figures, for every plan of the page in one statement: sums over its commitments that are not
   * cancelled (visible or not: the plan's own progress), and the statuses of those the viewer may see — as
   * listActionPlans and getActionPlan count them.
   */
  actionPlanSummary: new DataLoader(async (planIds: readonly string[]) => {
    const figures = await planFigures({ db: ctx.db, actor: ctx.actor, now: () => requestNow(ctx) }, planIds);
    return planIds.map((id) => {
      const f = figures.get(id)!;
      return { ...f, statusCounts: COMMITMENT_STATUSES.map((status) => ({ status, count: f.statusCounts[status] })) };
    });
  }),
}));
