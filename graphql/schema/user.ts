// People: the `User` type and the `viewer` query. Who may see whom is the policy's `user.read`.
import { can } from '../../app/domain/policy.server';
import { builder } from '../builder';
import { Locale } from './enums';

export const User = builder.prismaNode('User', {
  id: { field: 'id' },
  // Relay: node(id) is null for an unknown id, not an error; and so is a person the caller may not see.
  nullable: true,
  description: 'A person. Visible to themself, platform administrators and members of an organisation they belong to.',
  // Loaded with the user (in the same batched query as any list of users), so that visibility costs no extra query.
  include: { memberships: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] } },
  authScopes: (user, ctx) => can(ctx.actor, 'user.read', { userId: user.id, userOrganizationIds: user.memberships.map((m) => m.organizationId) }),
  fields: (t) => ({
    name: t.exposeString('name'),
    email: t.string({
      nullable: true,
      description:
        'Visible to the user themself and platform administrators. (An organisation’s administrators see their members’ addresses as Membership.email.)',
      select: { email: true },
      resolve: (user, _args, ctx) => (can(ctx.actor, 'user.readEmail', { userId: user.id }) ? user.email : null),
    }),
    locale: t.expose('locale', { type: Locale, nullable: true }),
    isPlatformAdmin: t.exposeBoolean('isPlatformAdmin'),
    memberships: t.relation('memberships', {
      description: 'Their organisations; those the caller may not see are null.',
      query: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
    }),
  }),
});

builder.queryField('viewer', (t) =>
  t.prismaField({
    type: 'User',
    nullable: true,
    description: 'The signed-in user, or null.',
    resolve: (query, _parent, _args, ctx) => (ctx.userId ? ctx.db.user.findUnique({ ...query, where: { id: ctx.userId } }) : null),
  }),
);
