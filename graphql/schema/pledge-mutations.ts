// Mutations that draft, publish and close pledges. Each calls the domain function the pledge pages call, and lists
// only the errors it can throw.
import { ConflictError, ForbiddenError, NotAuthenticatedError, NotFoundError, ValidationError } from '../../app/domain/errors.server';
import { closePledge, createPledgeDraft, publishPledge, publishPledgeVersion } from '../../app/domain/pledges.server';
import { builder } from '../builder';
import { ArushaFactor, PledgeAudience } from './enums';
import { Organization } from './organization';
import { Pledge } from './pledge';

/** Publishing and closing: bad input, not allowed, no such pledge (or a draft the caller may not see), wrong state. */
const PLEDGE_STATE_ERRORS = [ValidationError, NotAuthenticatedError, ForbiddenError, NotFoundError, ConflictError];

const PledgeDraftInput = builder.inputType('PledgeDraftInput', {
  fields: (t) => ({
    title: t.string({ required: true }),
    body: t.string({ required: true, description: 'Markdown.' }),
    factors: t.field({ type: [ArushaFactor], required: true }),
    audience: t.field({ type: PledgeAudience, required: true }),
    renewalMonths: t.int({ required: false }),
    ownerOrganizationId: t.globalID({
      required: false,
      for: Organization,
      description: 'The drafting partner organisation (platform administrators may omit it).',
    }),
  }),
});

builder.mutationField('createPledgeDraft', (t) =>
  t.prismaField({
    type: 'Pledge',
    description: 'Draft a pledge (platform administrators; administrators and signatories of partner organisations).',
    // An unknown or non-partner owner is a ValidationError on ownerOrganizationId.
    errors: { types: [ValidationError, NotAuthenticatedError, ForbiddenError] },
    args: { input: t.arg({ type: PledgeDraftInput, required: true }) },
    resolve: async (query, _parent, { input }, ctx) => {
      const pledge = await createPledgeDraft(ctx, { ...input, ownerOrganizationId: input.ownerOrganizationId?.id });
      return ctx.db.pledge.findUniqueOrThrow({ ...query, where: { id: pledge.id } });
    },
  }),
);

builder.mutationField('publishPledge', (t) =>
  t.prismaField({
    type: 'Pledge',
    description: 'Publish a draft as version 1; organisations can then sign it.',
    errors: { types: PLEDGE_STATE_ERRORS },
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
    errors: { types: PLEDGE_STATE_ERRORS },
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
    errors: { types: PLEDGE_STATE_ERRORS },
    args: { pledgeId: t.arg.globalID({ required: true, for: Pledge }) },
    resolve: async (query, _parent, args, ctx) => {
      await closePledge(ctx, { pledgeId: args.pledgeId.id });
      return ctx.db.pledge.findUniqueOrThrow({ ...query, where: { id: args.pledgeId.id } });
    },
  }),
);
