import { z } from 'zod';
import { can } from '../../app/domain/policy.server';
import { countryName, isCountryCode } from '../../app/domain/countries';
import { createOrganization, setOrganizationVerified } from '../../app/domain/organizations.server';
import { ORGANIZATION_KINDS, OrganizationSchema } from '../../app/domain/schemas';
import { builder } from '../builder';
import { commonErrors } from './errors';

export const OrganizationKind = builder.enumType('OrganizationKind', {
  values: ORGANIZATION_KINDS,
  description: 'What an organisation is.',
});

export const Organization = builder.prismaNode('Organization', {
  id: { field: 'id' },
  // Relay: node(id) is null for an unknown id, not an error.
  nullable: true,
  description: 'A customs administration, business association or partner taking part in the compact.',
  fields: (t) => ({
    slug: t.exposeString('slug'),
    name: t.exposeString('name'),
    kind: t.expose('kind', { type: OrganizationKind }),
    country: t.exposeString('country', { description: 'ISO 3166-1 alpha-2 country code.' }),
    countryName: t.string({
      description: "The country's name in the caller's language.",
      select: { country: true },
      resolve: (org, _args, ctx) => countryName(org.country, ctx.locale),
    }),
    verified: t.exposeBoolean('verified', { description: 'Verified by a platform administrator.' }),
    description: t.exposeString('description'),
    website: t.exposeString('website', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    memberCount: t.relationCount('memberships'),
    members: t.relatedConnection('memberships', {
      cursor: 'id',
      description: 'Members and their roles. Visible to the organisation’s members and platform administrators.',
      nullable: true,
      query: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
      totalCount: true,
      authScopes: (org, _args, ctx) => can(ctx.actor, 'organization.readMembers', { organizationId: org.id }),
      unauthorizedResolver: () => null,
    }),
  }),
});

builder.queryField('organizations', (t) =>
  t.prismaConnection({
    type: 'Organization',
    cursor: 'id',
    description: 'Organisations taking part, by name. Filter by kind and country.',
    args: {
      kind: t.arg({ type: OrganizationKind, required: false }),
      country: t.arg.string({
        required: false,
        validate: z
          .string()
          .trim()
          .toUpperCase()
          .refine(isCountryCode, 'errors.country'),
      }),
    },
    totalCount: (_parent, args, ctx) =>
      ctx.db.organization.count({ where: { kind: args.kind ?? undefined, country: args.country?.toUpperCase() ?? undefined } }),
    resolve: (query, _parent, args, ctx) =>
      ctx.db.organization.findMany({
        ...query,
        where: { kind: args.kind ?? undefined, country: args.country?.toUpperCase() ?? undefined },
        orderBy: [{ name: 'asc' }, { id: 'asc' }],
      }),
  }),
);

builder.queryField('organization', (t) =>
  t.prismaField({
    type: 'Organization',
    nullable: true,
    args: { slug: t.arg.string({ required: true, validate: z.string().trim().min(1).max(80) }) },
    resolve: (query, _parent, args, ctx) => ctx.db.organization.findUnique({ ...query, where: { slug: args.slug.trim() } }),
  }),
);

const CreateOrganizationInput = builder.inputType('CreateOrganizationInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    kind: t.field({ type: OrganizationKind, required: true }),
    country: t.string({ required: true, description: 'ISO 3166-1 alpha-2 code, e.g. KZ.' }),
    description: t.string({ required: false }),
    website: t.string({ required: false }),
  }),
  validate: OrganizationSchema,
});

builder.mutationField('createOrganization', (t) =>
  t.prismaField({
    type: 'Organization',
    description: 'Create an organisation. You become its first ORG_ADMIN; a platform administrator verifies it.',
    errors: { types: commonErrors },
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
    errors: { types: commonErrors },
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
