// Organisations: the `Organization` type, its members and pledge signatures, and the queries that find them.
import { z } from 'zod';
import { countryName, isCountryCode } from '../../app/domain/countries';
import { can } from '../../app/domain/policy.server';
import { builder, pageSize } from '../builder';
import { loaders } from '../loaders';
import { resolveSignaturePage } from '../signature-pages';
import { OrganizationKind, SignatureStatus } from './enums';
import { PledgeSignature } from './pledge-signature';

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
    verified: t.exposeBoolean('verified', {
      description: 'Verified by a platform administrator. Unverified organisations cannot sign, and their earlier signatures are counted apart.',
    }),
    verifiedAt: t.expose('verifiedAt', { type: 'DateTime', nullable: true }),
    description: t.exposeString('description'),
    website: t.exposeString('website', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    memberCount: t.int({
      description: 'Number of members.',
      // Counted for the whole page of organisations in one grouped statement.
      resolve: (org, _args, ctx) => loaders(ctx).memberCount.load(org.id),
    }),
    members: t.relatedConnection('memberships', {
      cursor: 'id',
      maxSize: pageSize,
      description: 'Members and their roles, oldest first. Visible to the organisation’s members and platform administrators.',
      nullable: true,
      query: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
      totalCount: true,
      authScopes: (org, _args, ctx) => can(ctx.actor, 'organization.readMembers', { organizationId: org.id }),
      unauthorizedResolver: () => null,
    }),
    pledgeSignatures: t.connection(
      {
        type: PledgeSignature,
        description: 'This organisation’s entries in pledge registers (its latest signature of each pledge), oldest first; filter by status.',
        args: { status: t.arg({ type: SignatureStatus, required: false }) },
        resolve: (org, args, ctx, info) => resolveSignaturePage('organizationId', org.id, args, ctx, info),
      },
      { fields: (c) => ({ totalCount: c.int({ resolve: (connection) => (connection as { totalCount: number }).totalCount }) }) },
    ),
  }),
});

const organizationsWhere = (args: { kind?: (typeof OrganizationKind)['$inferType'] | null; country?: string | null }) => ({
  kind: args.kind ?? undefined,
  country: args.country?.toUpperCase() ?? undefined,
});

builder.queryField('organizations', (t) =>
  t.prismaConnection({
    type: 'Organization',
    cursor: 'id',
    maxSize: pageSize,
    description: 'Organisations taking part, by name. Filter by kind and country.',
    args: {
      kind: t.arg({ type: OrganizationKind, required: false }),
      country: t.arg.string({
        required: false,
        validate: z.string().trim().toUpperCase().refine(isCountryCode, 'errors.country'),
      }),
    },
    totalCount: (_parent, args, ctx) => ctx.db.organization.count({ where: organizationsWhere(args) }),
    resolve: (query, _parent, args, ctx) =>
      ctx.db.organization.findMany({ ...query, where: organizationsWhere(args), orderBy: [{ name: 'asc' }, { id: 'asc' }] }),
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
