// Pages of register entries (PledgeSignature) under many parents at once: `pledges { signatures(first: 3) }` and
// `organizations { pledgeSignatures(first: 3) }`. A Prisma relation field would batch them too, but it applies a
// nested `take` in memory, loading every signature of every pledge on the page with all its relations (10,000 rows
// for one popular pledge). Here the page's parents share two statements whatever their number: the ids of just each
// parent's page (the domain's `signaturePageIds`, a per-parent LIMIT in SQL), then the full rows of those pages, with
// the nested selection of the query (organisation, version …) batched by Prisma as usual. `totalCount` costs a
// grouped count only when the query asks for it.
import { prismaConnectionHelpers, queryFromInfo } from '@pothos/plugin-prisma';
import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import type { SignatureStatus } from '../app/domain/pledge-rules';
import { signaturePageIds, signatureTotals } from '../app/domain/pledge-queries.server';
import { DEFAULT_PAGE_SIZE, builder, pageSize } from './builder';
import type { GraphQLContext } from './context';
import { requestNow } from './loaders';

type Parent = 'pledgeId' | 'organizationId';
type PageArgs = { first?: number | null; last?: number | null; before?: string | null; after?: string | null; status?: SignatureStatus | null };
type PageRequest = { parent: Parent; parentId: string; args: PageArgs; nodeQuery: object };
/** Full rows, as selected for the query (typed as the model: Pothos reads only the fields it asked for). */
type Row = Awaited<ReturnType<GraphQLContext['db']['pledgeSignature']['findFirstOrThrow']>>;

export const signaturePage = prismaConnectionHelpers(builder, 'PledgeSignature', { cursor: 'id', maxSize: pageSize, defaultSize: DEFAULT_PAGE_SIZE });

/** Pothos' page as a Prisma query would take it: `take` rows after (or, negative, before) the cursor row. */
const pageQuery = (args: PageArgs, ctx: GraphQLContext) => signaturePage.getQuery(args, ctx, () => ({})) as { take: number; cursor?: { id: string } };

const pageLoader = createContextCache(
  (ctx: GraphQLContext) =>
    new DataLoader<PageRequest, Row[], string>(
      async (requests) => {
        // Requests of one field in one query share their arguments and selection: one group, two statements.
        const groups = new Map<string, PageRequest[]>();
        for (const request of requests) {
          const key = JSON.stringify([request.parent, request.args, request.nodeQuery]);
          groups.set(key, [...(groups.get(key) ?? []), request]);
        }
        const results = new Map<PageRequest, Row[]>();
        for (const group of groups.values()) {
          const { parent, args, nodeQuery } = group[0];
          const { take, cursor } = pageQuery(args, ctx);
          const idsOf = await signaturePageIds(
            ctx.db,
            { parent, parentIds: [...new Set(group.map((r) => r.parentId))], status: args.status ?? undefined, actor: ctx.actor },
            { take, cursor: cursor?.id },
            requestNow(ctx),
          );
          const wanted = [...new Set([...idsOf.values()].flat())];
          const select = 'select' in nodeQuery && nodeQuery.select ? { select: { ...(nodeQuery.select as object), id: true } } : nodeQuery;
          const full = (wanted.length ? await ctx.db.pledgeSignature.findMany({ ...select, where: { id: { in: wanted } } }) : []) as Row[];
          const byId = new Map(full.map((row) => [row.id, row]));
          for (const request of group)
            results.set(
              request,
              idsOf.get(request.parentId)!.map((id) => byId.get(id)!),
            );
        }
        return requests.map((request) => results.get(request)!);
      },
      { cacheKeyFn: (r) => JSON.stringify([r.parent, r.parentId, r.args, r.nodeQuery]) },
    ),
);

type TotalRequest = { parent: Parent; parentId: string; status: SignatureStatus | null };
const totalLoader = createContextCache(
  (ctx: GraphQLContext) =>
    new DataLoader<TotalRequest, number, string>(
      async (requests) => {
        const groups = new Map<string, TotalRequest[]>();
        for (const request of requests) {
          const key = JSON.stringify([request.parent, request.status]);
          groups.set(key, [...(groups.get(key) ?? []), request]);
        }
        const results = new Map<TotalRequest, number>();
        for (const group of groups.values()) {
          const { parent, status } = group[0];
          const totals = await signatureTotals(
            ctx.db,
            { parent, parentIds: [...new Set(group.map((r) => r.parentId))], status: status ?? undefined, actor: ctx.actor },
            requestNow(ctx),
          );
          for (const request of group) results.set(request, totals.get(request.parentId) ?? 0);
        }
        return requests.map((request) => results.get(request)!);
      },
      { cacheKeyFn: (r) => JSON.stringify([r.parent, r.parentId, r.status]) },
    ),
);

/** Resolve one parent's page of register entries, batched with every other parent of the same field in the request. */
export async function resolveSignaturePage(parent: Parent, parentId: string, args: PageArgs, ctx: GraphQLContext, info: GraphQLResolveInfo) {
  const nodeQuery = queryFromInfo({ context: ctx, info, path: ['edges', 'node'], typeName: 'PledgeSignature' });
  const pageArgs = { first: args.first, last: args.last, before: args.before, after: args.after, status: args.status };
  const items = await pageLoader(ctx).load({ parent, parentId, args: pageArgs, nodeQuery });
  const connection = signaturePage.resolve(items, pageArgs, ctx);
  // Counted only when read (the connection's totalCount field), and then for every parent of the field at once.
  return Object.defineProperty(connection, 'totalCount', {
    enumerable: true,
    get: () => totalLoader(ctx).load({ parent, parentId, status: pageArgs.status ?? null }),
  }) as typeof connection & { totalCount: number | Promise<number> };
}
