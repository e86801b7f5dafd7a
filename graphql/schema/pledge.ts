// Integrity pledges: partners read them, members write them. Mutations call the same domain functions as the forms.
import { z } from 'zod';
import { renderMarkdown } from '../../app/domain/markdown.server';
import {
  closePledge,
  createPledgeDraft,
  publishPledge,
  publishPledgeVersion,
  renewPledgeSignature,
  signPledge,
  canSeePledge,
  visiblePledgesWhere,
  withdrawPledgeSignature,
} from '../../app/domain/pledges.server';
import { renewalDue, signatureStatus } from '../../app/domain/pledge-rules';
import { ARUSHA_FACTORS, PLEDGE_AUDIENCES, PLEDGE_STATUSES, SIGNATURE_STATUSES } from '../../app/domain/pledge-schemas';
import type { Db } from '../../app/db/client.server';
import { builder } from '../builder';
import { commonErrors } from './errors';
import { Organization } from './organization';

const PledgeStatus = builder.enumType('PledgeStatus', { values: PLEDGE_STATUSES });
const PledgeAudience = builder.enumType('PledgeAudience', {
  values: PLEDGE_AUDIENCES,
  description: 'Who may sign: customs administrations, business associations, or both.',
});
const ArushaFactor = builder.enumType('ArushaFactor', {
  values: ARUSHA_FACTORS,
  description: 'The ten key factors of the WCO Revised Arusha Declaration.',
});
const SignatureStatus = builder.enumType('SignatureStatus', {
  values: SIGNATURE_STATUSES,
  description: 'ACTIVE; LAPSED (the renewal period passed without a renewal or progress report); WITHDRAWN.',
});
type SignatureStatusValue = (typeof SIGNATURE_STATUSES)[number];

/** IDs of the current signatures (of one pledge or organisation) that have a given computed status. */
async function signatureIdsWithStatus(db: Db, where: { pledgeId?: string; organizationId?: string }, status: SignatureStatusValue) {
  const rows = await db.pledgeSignature.findMany({
    where: { ...where, supersededAt: null },
    select: { id: true, withdrawnAt: true, lastRenewedAt: true, pledge: { select: { renewalMonths: true } } },
  });
  const now = new Date();
  return rows.filter((r) => signatureStatus(r, r.pledge.renewalMonths, now) === status).map((r) => r.id);
}

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
    signatures: t.prismaConnection({
      type: 'PledgeSignature',
      cursor: 'id',
      description: 'Current signatures (one per organisation), oldest first; filter by computed status.',
      args: { status: t.arg({ type: SignatureStatus, required: false }) },
      resolve: async (query, pledge, args, ctx) => {
        const ids = args.status ? await signatureIdsWithStatus(ctx.db, { pledgeId: pledge.id }, args.status) : undefined;
        return ctx.db.pledgeSignature.findMany({
          ...query,
          where: { pledgeId: pledge.id, supersededAt: null, ...(ids ? { id: { in: ids } } : {}) },
          orderBy: [{ signedAt: 'asc' }, { id: 'asc' }],
        });
      },
    }),
    signatureCount: t.int({
      description: 'Number of current signatures, optionally with a given status.',
      args: { status: t.arg({ type: SignatureStatus, required: false }) },
      resolve: async (pledge, args, ctx) =>
        args.status
          ? (await signatureIdsWithStatus(ctx.db, { pledgeId: pledge.id }, args.status)).length
          : ctx.db.pledgeSignature.count({ where: { pledgeId: pledge.id, supersededAt: null } }),
    }),
  }),
});

builder.prismaObject('PledgeVersion', {
  description: 'A published, immutable text of a pledge.',
  fields: (t) => ({
    number: t.exposeInt('number'),
    title: t.exposeString('title'),
    body: t.exposeString('body'),
    bodyHtml: t.string({ resolve: (v) => renderMarkdown(v.body) }),
    factors: t.field({ type: [ArushaFactor], resolve: (v) => v.factors }),
    changeNote: t.exposeString('changeNote', { nullable: true }),
    publishedAt: t.expose('publishedAt', { type: 'DateTime' }),
  }),
});

export const PledgeSignature = builder.prismaNode('PledgeSignature', {
  id: { field: 'id' },
  // Relay: node(id) is null for an unknown id, not an error.
  nullable: true,
  description: 'An organisation’s signature of one version of a pledge.',
  fields: (t) => ({
    pledge: t.relation('pledge'),
    organization: t.relation('organization'),
    version: t.relation('version'),
    statement: t.exposeString('statement', { nullable: true }),
    signedAt: t.expose('signedAt', { type: 'DateTime' }),
    lastRenewedAt: t.expose('lastRenewedAt', { type: 'DateTime' }),
    renewalDueAt: t.field({
      type: 'DateTime',
      nullable: true,
      select: { lastRenewedAt: true, pledge: { select: { renewalMonths: true } } },
      resolve: (s) => renewalDue(s.lastRenewedAt, s.pledge.renewalMonths),
    }),
    status: t.field({
      type: SignatureStatus,
      select: { withdrawnAt: true, lastRenewedAt: true, pledge: { select: { renewalMonths: true } } },
      resolve: (s) => signatureStatus(s, s.pledge.renewalMonths, new Date()),
    }),
    superseded: t.boolean({ select: { supersededAt: true }, resolve: (s) => s.supersededAt !== null, description: 'Replaced by a signature of a newer version.' }),
    withdrawnAt: t.expose('withdrawnAt', { type: 'DateTime', nullable: true }),
    withdrawalReason: t.exposeString('withdrawalReason', { nullable: true }),
    progressReports: t.relation('progressReports', { query: { orderBy: { createdAt: 'asc' } } }),
  }),
});

builder.prismaObject('PledgeProgressReport', {
  description: 'A signatory’s report on honouring the pledge; filing one renews the signature.',
  fields: (t) => ({
    body: t.exposeString('body'),
    links: t.exposeStringList('links'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

builder.prismaObjectField(Organization, 'pledgeSignatures', (t) =>
  t.prismaConnection({
    type: 'PledgeSignature',
    cursor: 'id',
    description: 'This organisation’s current pledge signatures.',
    args: { status: t.arg({ type: SignatureStatus, required: false }) },
    resolve: async (query, org, args, ctx) => {
      const ids = args.status ? await signatureIdsWithStatus(ctx.db, { organizationId: org.id }, args.status) : undefined;
      return ctx.db.pledgeSignature.findMany({
        ...query,
        where: { organizationId: org.id, supersededAt: null, pledge: { status: { not: 'DRAFT' } }, ...(ids ? { id: { in: ids } } : {}) },
        orderBy: [{ signedAt: 'asc' }, { id: 'asc' }],
      });
    },
  }),
);

builder.queryField('pledges', (t) =>
  t.prismaConnection({
    type: 'Pledge',
    cursor: 'id',
    description: 'Pledges, newest first. Drafts appear only to those who may manage them.',
    args: {
      status: t.arg({ type: PledgeStatus, required: false }),
      factor: t.arg({ type: ArushaFactor, required: false }),
    },
    resolve: (query, _parent, args, ctx) => {
      return ctx.db.pledge.findMany({
        ...query,
        where: {
          AND: [args.status ? { status: args.status } : {}, args.factor ? { factors: { has: args.factor } } : {}, visiblePledgesWhere(ctx.actor)],
        },
        orderBy: [{ publishedAt: { sort: 'desc', nulls: 'first' } }, { id: 'desc' }],
      });
    },
  }),
);

builder.queryField('pledge', (t) =>
  t.prismaField({
    type: 'Pledge',
    nullable: true,
    description: 'One pledge, by global ID or by slug.',
    args: {
      id: t.arg.globalID({ required: false, for: Pledge }),
      slug: t.arg.string({ required: false, validate: z.string().trim().min(1).max(120) }),
    },
    resolve: async (query, _parent, args, ctx) => {
      if (!args.id && !args.slug) return null;
      return ctx.db.pledge.findFirst({ ...query, where: { ...(args.id ? { id: args.id.id } : { slug: args.slug! }), ...visiblePledgesWhere(ctx.actor) } });
    },
  }),
);

const PledgeDraftInput = builder.inputType('PledgeDraftInput', {
  fields: (t) => ({
    title: t.string({ required: true }),
    body: t.string({ required: true, description: 'Markdown.' }),
    factors: t.field({ type: [ArushaFactor], required: true }),
    audience: t.field({ type: PledgeAudience, required: true }),
    renewalMonths: t.int({ required: false }),
    ownerOrganizationId: t.id({ required: false, description: 'Raw id of the drafting partner organisation (platform administrators may omit it).' }),
  }),
});

const decodeOrg = (value: string | null | undefined) => {
  if (!value) return value;
  try {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    return decoded.startsWith('Organization:') ? decoded.slice('Organization:'.length) : value;
  } catch {
    return value;
  }
};

builder.mutationField('createPledgeDraft', (t) =>
  t.prismaField({
    type: 'Pledge',
    description: 'Draft a pledge (platform administrators; administrators and signatories of partner organisations).',
    errors: { types: commonErrors },
    args: { input: t.arg({ type: PledgeDraftInput, required: true }) },
    resolve: async (query, _parent, { input }, ctx) => {
      const pledge = await createPledgeDraft(ctx, { ...input, ownerOrganizationId: decodeOrg(input.ownerOrganizationId as string | null | undefined) });
      return ctx.db.pledge.findUniqueOrThrow({ ...query, where: { id: pledge.id } });
    },
  }),
);

builder.mutationField('publishPledge', (t) =>
  t.prismaField({
    type: 'Pledge',
    description: 'Publish a draft as version 1; organisations can then sign it.',
    errors: { types: commonErrors },
    args: { pledgeId: t.arg.globalID({ required: true, for: Pledge }) },
    resolve: async (query, _parent, args, ctx) => {
      await publishPledge(ctx, { pledgeId: args.pledgeId.id });
      return ctx.db.pledge.findUniqueOrThrow({ ...query, where: { id: args.pledgeId.id } });
    },
  }),
);

const PublishPledgeVersionInput = builder.inputType('PublishPledgeVersionInput', {
  fields: (t) => ({
    pledgeId: t.globalID({ required: true, for: Pledge }),
    title: t.string({ required: true }),
    body: t.string({ required: true }),
    factors: t.field({ type: [ArushaFactor], required: true }),
    changeNote: t.string({ required: false }),
  }),
});

builder.mutationField('publishPledgeVersion', (t) =>
  t.prismaField({
    type: 'Pledge',
    description: 'Publish a new version. Signatures stay with the version signed; signatories are invited to re-sign.',
    errors: { types: commonErrors },
    args: { input: t.arg({ type: PublishPledgeVersionInput, required: true }) },
    resolve: async (query, _parent, { input }, ctx) => {
      await publishPledgeVersion(ctx, { ...input, pledgeId: input.pledgeId.id, changeNote: input.changeNote ?? undefined });
      return ctx.db.pledge.findUniqueOrThrow({ ...query, where: { id: input.pledgeId.id } });
    },
  }),
);

builder.mutationField('closePledge', (t) =>
  t.prismaField({
    type: 'Pledge',
    description: 'Close a pledge to new signatures.',
    errors: { types: commonErrors },
    args: { pledgeId: t.arg.globalID({ required: true, for: Pledge }) },
    resolve: async (query, _parent, args, ctx) => {
      await closePledge(ctx, { pledgeId: args.pledgeId.id });
      return ctx.db.pledge.findUniqueOrThrow({ ...query, where: { id: args.pledgeId.id } });
    },
  }),
);

const SignPledgeInput = builder.inputType('SignPledgeInput', {
  fields: (t) => ({
    pledgeId: t.globalID({ required: true, for: Pledge }),
    organizationId: t.globalID({ required: true, for: Organization }),
    statement: t.string({ required: false, description: 'Optional public statement, shown in the register.' }),
    confirmation: t.string({ required: true, description: 'Exactly: "I am authorised to sign for <organisation name>".' }),
  }),
});

builder.mutationField('signPledge', (t) =>
  t.prismaField({
    type: 'PledgeSignature',
    description: 'Sign the current version on behalf of an organisation (its SIGNATORY or ORG_ADMIN).',
    errors: { types: commonErrors },
    args: { input: t.arg({ type: SignPledgeInput, required: true }) },
    resolve: async (query, _parent, { input }, ctx) => {
      const signature = await signPledge(ctx, {
        pledgeId: input.pledgeId.id,
        organizationId: input.organizationId.id,
        statement: input.statement ?? undefined,
        confirmation: input.confirmation,
      });
      return ctx.db.pledgeSignature.findUniqueOrThrow({ ...query, where: { id: signature.id } });
    },
  }),
);

const WithdrawPledgeSignatureInput = builder.inputType('WithdrawPledgeSignatureInput', {
  fields: (t) => ({
    signatureId: t.globalID({ required: true, for: PledgeSignature }),
    reason: t.string({ required: true, description: 'Why; at least 10 characters. Stays visible in the public register.' }),
  }),
});

builder.mutationField('withdrawPledgeSignature', (t) =>
  t.prismaField({
    type: 'PledgeSignature',
    errors: { types: commonErrors },
    args: { input: t.arg({ type: WithdrawPledgeSignatureInput, required: true }) },
    resolve: async (query, _parent, { input }, ctx) => {
      await withdrawPledgeSignature(ctx, { signatureId: input.signatureId.id, reason: input.reason });
      return ctx.db.pledgeSignature.findUniqueOrThrow({ ...query, where: { id: input.signatureId.id } });
    },
  }),
);

const RenewPledgeSignatureInput = builder.inputType('RenewPledgeSignatureInput', {
  fields: (t) => ({
    signatureId: t.globalID({ required: true, for: PledgeSignature }),
    report: t.string({ required: true, description: 'Progress report; at least 20 characters.' }),
    links: t.stringList({ required: false, description: 'Up to 10 http(s) links to evidence.' }),
  }),
});

builder.mutationField('renewPledgeSignature', (t) =>
  t.prismaField({
    type: 'PledgeSignature',
    description: 'Renew a signature by filing a progress report.',
    errors: { types: commonErrors },
    args: { input: t.arg({ type: RenewPledgeSignatureInput, required: true }) },
    resolve: async (query, _parent, { input }, ctx) => {
      await renewPledgeSignature(ctx, { signatureId: input.signatureId.id, report: input.report, links: input.links ?? [] });
      return ctx.db.pledgeSignature.findUniqueOrThrow({ ...query, where: { id: input.signatureId.id } });
    },
  }),
);
