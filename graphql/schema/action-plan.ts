// National integrity action plans: the `ActionPlan` type and the queries that find plans. Who sees a draft and how
// lists are filtered and paged are the domain's rules (app/domain/commitment-queries.server.ts): a draft the caller may
// not see answers exactly like an unknown plan.
import { queryFromInfo } from '@pothos/plugin-prisma';
import { z } from 'zod';
import { isCountryCode } from '../../app/domain/countries';
import { canSeeActionPlan, listActionPlans, visibleActionPlansWhere, visibleCommitmentsWhere } from '../../app/domain/commitment-queries.server';
import { isoDate } from '../../app/domain/commitment-rules';
import { can } from '../../app/domain/policy.server';
import { renderMarkdown } from '../../app/domain/markdown.server';
import { builder, DEFAULT_PAGE_SIZE, pageSize } from '../builder';
import type { GraphQLContext } from '../context';
import { loaders, requestNow } from '../loaders';
import { ActionPlanStatus, CommitmentStatus } from './commitment-enums';

type StatusCount = { status: (typeof CommitmentStatus)['$inferType']; count: number };
const CommitmentStatusCount = builder.objectRef<StatusCount>('CommitmentStatusCount').implement({
  description: 'How many of a plan’s commitments (those the caller may see) have a status today.',
  fields: (t) => ({
    status: t.field({ type: CommitmentStatus, resolve: (s) => s.status }),
    count: t.exposeInt('count'),
  }),
});

export const ActionPlan = builder.prismaNode('ActionPlan', {
  id: { field: 'id' },
  // Relay: node(id) is null for an unknown id, not an error; and a draft the caller may not see is unknown to them.
  nullable: true,
  findUnique: (id, ctx) => ({ id, AND: [visibleActionPlansWhere(ctx.actor)] }),
  description:
    'A customs administration’s national integrity action plan: it groups commitments and shows their combined progress. A draft is seen by the administration’s members and platform administrators; a published plan by everyone.',
  authScopes: (plan, ctx) => canSeeActionPlan(ctx.actor, plan),
  fields: (t) => ({
    slug: t.exposeString('slug', { description: 'Its address: /plans/<slug>.' }),
    title: t.exposeString('title'),
    description: t.exposeString('description', { description: 'Markdown.' }),
    descriptionHtml: t.string({
      description: 'The description rendered to sanitised HTML.',
      select: { description: true },
      resolve: (plan) => renderMarkdown(plan.description),
    }),
    status: t.expose('status', { type: ActionPlanStatus }),
    periodStart: t.string({ description: 'The first day of the period it covers, YYYY-MM-DD.', resolve: (plan) => isoDate(plan.periodStart) }),
    periodEnd: t.string({ description: 'The last day of the period it covers, YYYY-MM-DD.', resolve: (plan) => isoDate(plan.periodEnd) }),
    publishedAt: t.expose('publishedAt', { type: 'DateTime', nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    administration: t.relation('administration', { description: 'The customs administration whose plan it is.' }),
    commitments: t.relation('commitments', {
      description: 'Its commitments that the caller may see, oldest first.',
      query: (_args, ctx) => ({ where: visibleCommitmentsWhere(ctx.actor), orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
    }),
    commitmentCount: t.int({
      description: 'Its commitments that are not cancelled (all of them, whether the caller may see them or not: the plan’s own figure).',
      resolve: async (plan, _args, ctx) => (await loaders(ctx).actionPlanSummary.load(plan.id)).commitmentCount,
    }),
    statusCounts: t.field({
      type: [CommitmentStatusCount],
      description: 'Its commitments that the caller may see, by status today (every status, zeros included).',
      resolve: async (plan, _args, ctx) => (await loaders(ctx).actionPlanSummary.load(plan.id)).statusCounts,
    }),
    milestoneCount: t.int({
      description: 'Milestones of all its commitments that are not cancelled.',
      resolve: async (plan, _args, ctx) => (await loaders(ctx).actionPlanSummary.load(plan.id)).milestoneCount,
    }),
    completedMilestoneCount: t.int({
      description: 'Completed milestones (confirmed by every party) of all its commitments that are not cancelled.',
      resolve: async (plan, _args, ctx) => (await loaders(ctx).actionPlanSummary.load(plan.id)).completedCount,
    }),
    progress: t.float({
      description: 'Combined progress: completed milestones over all milestones of its commitments that are not cancelled, 0 to 1.',
      resolve: async (plan, _args, ctx) => (await loaders(ctx).actionPlanSummary.load(plan.id)).progress,
    }),
    viewerCanManage: t.boolean({
      description: 'May the caller edit and publish it (an ORG_ADMIN of the administration)?',
      select: { administration: { select: { kind: true } } },
      resolve: (plan, _args, ctx) => can(ctx.actor, 'actionPlan.manage', { organizationId: plan.administrationId, organizationKind: plan.administration.kind }),
    }),
  }),
});

const ActionPlanConnection = builder.connectionObject(
  {
    type: ActionPlan,
    name: 'ActionPlanConnection',
    description: 'A page of action plans. Pages go forward only (keyset pagination): pass pageInfo.endCursor as `after`.',
  },
  { name: 'ActionPlanEdge' },
);

type ActionPlanRow = Awaited<ReturnType<GraphQLContext['db']['actionPlan']['findFirstOrThrow']>>;

/** The rows of a page the domain chose (ids in its order), with the query's nested selection batched by Prisma. */
async function loadActionPlans(ctx: GraphQLContext, ids: string[], nodeQuery: object): Promise<(ActionPlanRow | undefined)[]> {
  if (!ids.length) return [];
  const select = 'select' in nodeQuery && nodeQuery.select ? { select: { ...(nodeQuery.select as object), id: true } } : nodeQuery;
  const rows = (await ctx.db.actionPlan.findMany({ ...select, where: { AND: [{ id: { in: ids } }, visibleActionPlansWhere(ctx.actor)] } })) as ActionPlanRow[];
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id));
}

builder.queryField('actionPlans', (t) =>
  t.field({
    type: ActionPlanConnection,
    description: 'Action plans the caller may see: published ones, and drafts of their administrations (or all, for platform administrators). Newest first.',
    args: {
      first: t.arg.int({ required: false, description: `Page size, 1 to 100 (default ${DEFAULT_PAGE_SIZE}).` }),
      after: t.arg.string({ required: false, description: 'The endCursor of the previous page.' }),
      countryCode: t.arg.string({
        required: false,
        description: 'The administration’s country, ISO 3166-1 alpha-2.',
        validate: z.string().trim().toUpperCase().refine(isCountryCode, 'errors.country'),
      }),
    },
    resolve: async (_root, args, ctx, info) => {
      pageSize(args);
      const page = await listActionPlans(
        { db: ctx.db, actor: ctx.actor, now: () => requestNow(ctx) },
        { first: args.first ?? DEFAULT_PAGE_SIZE, after: args.after ?? null, countryCode: args.countryCode?.trim().toUpperCase() || undefined },
      );
      const nodes = await loadActionPlans(
        ctx,
        page.items.map((item) => item.id),
        queryFromInfo({ context: ctx, info, path: ['edges', 'node'], typeName: 'ActionPlan' }),
      );
      return {
        edges: page.items.flatMap((item, index) => {
          const node = nodes[index];
          const cursor = (item as { cursor?: string }).cursor ?? (index === page.items.length - 1 ? page.endCursor : null) ?? '';
          return node ? [{ cursor, node }] : [];
        }),
        pageInfo: { hasNextPage: page.hasNextPage, hasPreviousPage: args.after != null, startCursor: null, endCursor: page.endCursor },
      };
    },
  }),
);

builder.queryField('actionPlan', (t) =>
  t.prismaField({
    type: 'ActionPlan',
    nullable: true,
    description: 'One action plan, by global ID or by slug (the ID wins when both are given); null when there is none the caller may see.',
    args: {
      id: t.arg.globalID({ required: false, for: ActionPlan }),
      slug: t.arg.string({ required: false, validate: z.string().trim().min(1).max(200) }),
    },
    resolve: (query, _parent, args, ctx) => {
      if (!args.id && !args.slug) return null;
      const by = args.id ? { id: args.id.id } : { slug: args.slug!.trim() };
      return ctx.db.actionPlan.findFirst({ ...query, where: { AND: [by, visibleActionPlansWhere(ctx.actor)] } });
    },
  }),
);
