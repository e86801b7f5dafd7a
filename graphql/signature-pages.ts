// Pages of register entries (PledgeSignature) under many parents at once: `pledges { signatures(first: 3) }` and
// `organizations { pledgeSignatures(first: 3) }`. A Prisma relation field would batch them too, but it applies a
// nested `take` in memory, loading every signature of every pledge on the page with all its relations (10,000 rows
// for one popular pledge). Here the page's parents share two statements whatever their number: the ordered ids of
// their entries (narrow rows, filtered by the domain's `signaturesWhere`), then the full rows of just the pages, with
// the nested selection of the query (organisation, version …) batched by Prisma as usual.
import { prismaConnectionHelpers, queryFromInfo } from '@pothos/plugin-prisma';
import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import type { Prisma } from '../app/db/client.server';
import type { SignatureStatus } from '../app/domain/pledge-rules';
import { signaturesWhere, visiblePledgesWhere } from '../app/domain/pledge-queries.server';
import { DEFAULT_PAGE_SIZE, builder, pageSize } from './builder';
import type { GraphQLContext } from './context';
import { requestNow } from './loaders';

type Parent = 'pledgeId' | 'organizationId';
type PageArgs = { first?: number | null; last?: number | null; before?: string | null; after?: string | null; status?: SignatureStatus | null };
type PageRequest = { parent: Parent; parentId: string; args: PageArgs; nodeQuery: object };
/** Full rows, as selected for the query (typed as the model: Pothos reads only the fields it asked for). */
type Row = Awaited<ReturnType<GraphQLContext['db']['pledgeSignature']['findFirstOrThrow']>>;
type Page = { items: Row[]; totalCount: number };

/** The register's order, everywhere: oldest signature first. */
const ORDER: Prisma.PledgeSignatureOrderByWithRelationInput[] = [{ signedAt: 'asc' }, { id: 'asc' }];

export const signaturePage = prismaConnectionHelpers(builder, 'PledgeSignature', { cursor: 'id', maxSize: pageSize, defaultSize: DEFAULT_PAGE_SIZE });

/** Take a Prisma-style page (take/skip/cursor, as Pothos computed it from first/last/after/before) of an ordered id list. */
function slicePage(ids: string[], { take, cursor }: { take: number; cursor?: { id: string } }) {
  const at = cursor ? ids.indexOf(cursor.id) : -1;
  if (cursor && at < 0) return [];
  if (take >= 0) return ids.slice(at + 1, at + 1 + take);
  const end = cursor ? at : ids.length;
  return ids.slice(Math.max(0, end + take), end);
}

const pageLoader = createContextCache(
  (ctx: GraphQLContext) =>
    new DataLoader<PageRequest, Page, string>(
      async (requests) => {
        // Requests of one field in one query share their arguments and selection: one group, two statements.
        const groups = new Map<string, PageRequest[]>();
        for (const request of requests) {
          const key = JSON.stringify([request.parent, request.args.status ?? null, request.nodeQuery]);
          groups.set(key, [...(groups.get(key) ?? []), request]);
        }
        const results = new Map<PageRequest, Page>();
        for (const group of groups.values()) {
          const { parent, args, nodeQuery } = group[0];
          const parentIds = [...new Set(group.map((r) => r.parentId))];
          const rows = await ctx.db.pledgeSignature.findMany({
            where: {
              AND: [
                signaturesWhere({ status: args.status ?? undefined }, requestNow(ctx)),
                { [parent]: { in: parentIds } },
                // An organisation's entries: only of pledges the viewer may see (a pledge's own are shown with it).
                parent === 'organizationId' ? { pledge: visiblePledgesWhere(ctx.actor) } : {},
              ],
            },
            select: { id: true, pledgeId: true, organizationId: true },
            orderBy: ORDER,
          });
          const idsOf = new Map<string, string[]>(parentIds.map((id) => [id, []]));
          for (const row of rows) idsOf.get(row[parent])!.push(row.id);
          const pages = group.map((request) => {
            const all = idsOf.get(request.parentId)!;
            const query = signaturePage.getQuery(request.args, ctx, () => ({})) as { take: number; cursor?: { id: string } };
            return { request, ids: slicePage(all, query), totalCount: all.length };
          });
          const wanted = [...new Set(pages.flatMap((p) => p.ids))];
          const select = 'select' in nodeQuery && nodeQuery.select ? { select: { ...(nodeQuery.select as object), id: true } } : nodeQuery;
          const full = (wanted.length ? await ctx.db.pledgeSignature.findMany({ ...select, where: { id: { in: wanted } } }) : []) as Row[];
          const byId = new Map(full.map((row) => [row.id, row]));
          for (const page of pages) results.set(page.request, { items: page.ids.map((id) => byId.get(id)!), totalCount: page.totalCount });
        }
        return requests.map((request) => results.get(request)!);
      },
      { cacheKeyFn: (r) => JSON.stringify([r.parent, r.parentId, r.args, r.nodeQuery]) },
    ),
);

/** Resolve one parent's page of register entries, batched with every other parent of the same field in the request. */
export async function resolveSignaturePage(parent: Parent, parentId: string, args: PageArgs, ctx: GraphQLContext, info: GraphQLResolveInfo) {
  const nodeQuery = queryFromInfo({ context: ctx, info, path: ['edges', 'node'], typeName: 'PledgeSignature' });
  const pageArgs = { first: args.first, last: args.last, before: args.before, after: args.after, status: args.status };
  const { items, totalCount } = await pageLoader(ctx).load({ parent, parentId, args: pageArgs, nodeQuery });
  return Object.assign(signaturePage.resolve(items, pageArgs, ctx), { totalCount });
}
