// Integrity pledges: the `Pledge` type and the queries that find it. Who sees a draft, which signatures are in the
// register, how they are counted and who may sign are the domain's rules (app/domain/pledge-queries.server.ts).
import { z } from 'zod';
import { renderMarkdown } from '../../app/domain/markdown.server';
import { canSeePledge, signEligibility, visiblePledgesWhere } from '../../app/domain/pledge-queries.server';
import type { Prisma } from '../../app/db/client.server';
import { builder, pageSize } from '../builder';
import { loaders } from '../loaders';
import { resolveSignaturePage } from '../signature-pages';
import { ArushaFactor, PledgeAudience, PledgeStatus, SignatureStatus } from './enums';
import { Organization } from './organization';
import { PledgeSignature } from './pledge-signature';
import { type EligibilityResult, SignEligibility } from './sign-eligibility';

export const Pledge = builder.prismaNode('Pledge', {
  id: { field: 'id' },
  // Relay: node(id) is null for an unknown id, not an error; and a draft the caller may not see is unknown to them.
  nullable: true,
  findUnique: (id, ctx) => ({ id, ...visiblePledgesWhere(ctx.actor) }),
  description: 'A versioned code of conduct that organisations co-sign.',
  authScopes: (pledge, ctx) => canSeePledge(ctx.actor, pledge),
  fields: (t) => ({
    slug: t.exposeString('slug'),
    status: t.expose('status', { type: PledgeStatus }),
    title: t.exposeString('title', { description: 'Title of the current version (of the draft, before publication).' }),
    body: t.exposeString('body', { description: 'Markdown text of the current version.' }),
    bodyHtml: t.string({ description: 'The body rendered to sanitised HTML.', resolve: (p) => renderMarkdown(p.body) }),
    factors: t.field({ type: [ArushaFactor], resolve: (p) => p.factors }),
    audience: t.expose('audience', { type: PledgeAudience }),
    renewalMonths: t.exposeInt('renewalMonths', { nullable: true, description: 'Signatures lapse unless renewed within this many months.' }),
    publishedAt: t.expose('publishedAt', { type: 'DateTime', nullable: true }),
    closedAt: t.expose('closedAt', { type: 'DateTime', nullable: true }),
    currentVersionNumber: t.exposeInt('currentVersion', { description: '0 while a draft.' }),
    ownerOrganization: t.relation('ownerOrganization', { nullable: true }),
    versions: t.relation('versions', { query: { orderBy: { number: 'asc' } } }),
    signatures: t.connection(
      {
        type: PledgeSignature,
        description:
          'The register: each organisation’s latest signature (withdrawn ones included), oldest first; filter by status. Entries of unverified organisations are included: see Organization.verified.',
        args: { status: t.arg({ type: SignatureStatus, required: false }) },
        resolve: (pledge, args, ctx, info) => resolveSignaturePage('pledgeId', pledge.id, args, ctx, info),
      },
      { fields: (c) => ({ totalCount: c.int({ resolve: (connection) => (connection as { totalCount: number }).totalCount }) }) },
    ),
    signatureCount: t.int({
      description:
        'Register entries of verified organisations, optionally with a given status. Unverified organisations are counted apart (unverifiedSignatureCount).',
      args: { status: t.arg({ type: SignatureStatus, required: false }) },
      resolve: async (pledge, args, ctx) => {
        const counts = await loaders(ctx).signatureCounts.load(pledge.id);
        return args.status ? counts[args.status] : counts.total - counts.unverified;
      },
    }),
    unverifiedSignatureCount: t.int({
      description: 'Register entries of organisations not (yet) verified by a platform administrator, whatever their status.',
      resolve: async (pledge, _args, ctx) => (await loaders(ctx).signatureCounts.load(pledge.id)).unverified,
    }),
    viewerCanSign: t.field({
      type: SignEligibility,
      description: 'May the caller sign this pledge now on behalf of the organisation? If not, why.',
      args: { organizationId: t.arg.globalID({ required: true, for: Organization }) },
      resolve: async (pledge, args, ctx): Promise<EligibilityResult> => {
        const organizationId = args.organizationId.id;
        const [organization, current] = await Promise.all([
          loaders(ctx).organization.load(organizationId),
          loaders(ctx).currentSignature.load(`${pledge.id} ${organizationId}`),
        ]);
        if (!organization) return { ok: false, code: 'NOT_FOUND', reason: 'errors.notFound' };
        return signEligibility(ctx.actor, pledge, organization, current);
      },
    }),
  }),
});

builder.queryField('pledges', (t) =>
  t.prismaConnection({
    type: 'Pledge',
    cursor: 'id',
    maxSize: pageSize,
    description: 'Pledges, newest first. Drafts appear only to those who may manage them.',
    args: {
      status: t.arg({ type: PledgeStatus, required: false }),
      factor: t.arg({ type: ArushaFactor, required: false }),
    },
    totalCount: (_parent, args, ctx) => ctx.db.pledge.count({ where: pledgesWhere(args, ctx.actor) }),
    resolve: (query, _parent, args, ctx) =>
      ctx.db.pledge.findMany({ ...query, where: pledgesWhere(args, ctx.actor), orderBy: [{ publishedAt: { sort: 'desc', nulls: 'first' } }, { id: 'desc' }] }),
  }),
);

function pledgesWhere(
  args: { status?: (typeof PledgeStatus)['$inferType'] | null; factor?: (typeof ArushaFactor)['$inferType'] | null },
  actor: Parameters<typeof visiblePledgesWhere>[0],
): Prisma.PledgeWhereInput {
  return { AND: [args.status ? { status: args.status } : {}, args.factor ? { factors: { has: args.factor } } : {}, visiblePledgesWhere(actor)] };
}

builder.queryField('pledge', (t) =>
  t.prismaField({
    type: 'Pledge',
    nullable: true,
    description: 'One pledge, by global ID or by slug; null when there is none the caller may see.',
    args: {
      id: t.arg.globalID({ required: false, for: Pledge }),
      slug: t.arg.string({ required: false, validate: z.string().trim().min(1).max(120) }),
    },
    resolve: async (query, _parent, args, ctx) => {
      if (!args.id && !args.slug) return null;
      const by = args.id ? { id: args.id.id } : { slug: args.slug!.trim() };
      return ctx.db.pledge.findFirst({ ...query, where: { AND: [by, visiblePledgesWhere(ctx.actor)] } });
    },
  }),
);
