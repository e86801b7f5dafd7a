// Mutations of signatures: sign, withdraw, renew. Each calls the domain function the pledge pages call, and lists
// only the errors it can throw.
import { ConflictError, ForbiddenError, NotAuthenticatedError, NotFoundError, ValidationError } from '../../app/domain/errors.server';
import { renewPledgeSignature, signPledge, withdrawPledgeSignature } from '../../app/domain/pledges.server';
import { builder } from '../builder';
import { Organization } from './organization';
import { Pledge } from './pledge';
import { PledgeSignature } from './pledge-signature';

/**
 * Signing: bad input or confirmation, a pledge whose audience excludes the organisation (ValidationError); not signed
 * in; not a signatory of it, or an organisation not yet verified (ForbiddenError); unknown pledge or organisation
 * (NotFoundError); a draft or closed pledge, this version already signed, or a new version published since the one
 * the signatory read (ConflictError).
 * Withdrawing and renewing: bad input; not signed in; not the signing organisation's signatory; unknown signature;
 * a signature already withdrawn or superseded, or of a closed pledge.
 */
const SIGNATURE_ERRORS = [ValidationError, NotAuthenticatedError, ForbiddenError, NotFoundError, ConflictError];

const SignPledgeInput = builder.inputType('SignPledgeInput', {
  fields: (t) => ({
    pledgeId: t.globalID({ required: true, for: Pledge }),
    organizationId: t.globalID({ required: true, for: Organization }),
    statement: t.string({ required: false, description: 'Optional public statement, shown in the register.' }),
    confirmation: t.string({
      required: true,
      description: 'Exactly: "I am authorised to sign for <organisation name>" (or the Russian sentence; the name may be its translation).',
    }),
    versionNumber: t.int({
      required: false,
      description:
        'The version the signatory read (Pledge.currentVersion when you showed the text). If another has been published since, nothing is signed and a ConflictError says so.',
    }),
  }),
});

builder.mutationField('signPledge', (t) =>
  t.prismaField({
    type: 'PledgeSignature',
    description:
      'Sign the current version on behalf of a verified organisation (its SIGNATORY or ORG_ADMIN). Pledge.viewerCanSign says beforehand whether this would succeed.',
    errors: { types: SIGNATURE_ERRORS },
    args: { input: t.arg({ type: SignPledgeInput, required: true }) },
    resolve: async (query, _parent, { input }, ctx) => {
      const signature = await signPledge(ctx, {
        pledgeId: input.pledgeId.id,
        organizationId: input.organizationId.id,
        statement: input.statement ?? undefined,
        confirmation: input.confirmation,
        versionNumber: input.versionNumber ?? undefined,
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
    errors: { types: SIGNATURE_ERRORS },
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
    errors: { types: SIGNATURE_ERRORS },
    args: { input: t.arg({ type: RenewPledgeSignatureInput, required: true }) },
    resolve: async (query, _parent, { input }, ctx) => {
      await renewPledgeSignature(ctx, { signatureId: input.signatureId.id, report: input.report, links: input.links ?? [] });
      return ctx.db.pledgeSignature.findUniqueOrThrow({ ...query, where: { id: input.signatureId.id } });
    },
  }),
);
