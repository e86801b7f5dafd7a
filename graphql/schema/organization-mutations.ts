// Mutations of organisations. Each calls the domain function the forms call, and lists only the errors it can throw.
import { ForbiddenError, NotAuthenticatedError, NotFoundError, SimilarNameError, ValidationError } from '../../app/domain/errors.server';
import { createOrganization, setOrganizationVerified } from '../../app/domain/organizations.server';
import { RegisterOrganizationSchema } from '../../app/domain/schemas';
import { builder } from '../builder';
import { OrganizationKind } from './enums';
import { Organization } from './organization';

const CreateOrganizationInput = builder.inputType('CreateOrganizationInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    kind: t.field({ type: OrganizationKind, required: true }),
    country: t.string({ required: true, description: 'ISO 3166-1 alpha-2 code, e.g. KZ.' }),
    description: t.string({ required: false }),
    website: t.string({ required: false }),
    confirmSimilarName: t.boolean({
      required: false,
      description: 'Go ahead although the name is close to an existing organisation’s (after a SimilarNameError).',
    }),
  }),
  validate: RegisterOrganizationSchema,
});

builder.mutationField('createOrganization', (t) =>
  t.prismaField({
    type: 'Organization',
    description: 'Create an organisation. You become its first ORG_ADMIN; a platform administrator verifies it, and until then it cannot sign pledges.',
    // Any signed-in person may create one: the only refusals are bad input (a name close to an existing one's is its
    // own type, SimilarNameError) and not being signed in.
    errors: { types: [SimilarNameError, ValidationError, NotAuthenticatedError] },
    args: { input: t.arg({ type: CreateOrganizationInput, required: true }) },
    resolve: async (query, _parent, { input }, ctx) => {
      const org = await createOrganization(ctx, input);
      // The creator is now its ORG_ADMIN: let the rest of this response see that.
      if (ctx.actor.kind === 'user') ctx.actor.memberships.push({ organizationId: org.id, role: 'ORG_ADMIN' });
      return ctx.db.organization.findUniqueOrThrow({ ...query, where: { id: org.id } });
    },
  }),
);

builder.mutationField('setOrganizationVerified', (t) =>
  t.prismaField({
    type: 'Organization',
    description: 'Platform administrators only: mark an organisation verified, or not.',
    errors: { types: [ValidationError, NotAuthenticatedError, ForbiddenError, NotFoundError] },
    args: {
      organizationId: t.arg.globalID({ required: true, for: Organization }),
      verified: t.arg.boolean({ required: true }),
    },
    resolve: async (query, _parent, args, ctx) => {
      await setOrganizationVerified(ctx, { organizationId: args.organizationId.id, verified: args.verified });
      return ctx.db.organization.findUniqueOrThrow({ ...query, where: { id: args.organizationId.id } });
    },
  }),
);
