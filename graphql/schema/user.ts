import { can } from '../../app/domain/policy.server';
import { MEMBERSHIP_ROLES } from '../../app/domain/schemas';
import { createInvitation, removeMember, setMemberRole } from '../../app/domain/memberships.server';
import { builder } from '../builder';
import { commonErrors } from './errors';
import { Organization } from './organization';

export const MembershipRole = builder.enumType('MembershipRole', {
  values: MEMBERSHIP_ROLES,
  description: 'What a member may do for their organisation.',
});

const Locale = builder.enumType('Locale', { values: ['en', 'ru'] as const });

export const User = builder.prismaNode('User', {
  id: { field: 'id' },
  // Relay: node(id) is null for an unknown id, not an error.
  nullable: true,
  description: 'A person. Visible to themself, platform administrators and members of an organisation they belong to.',
  authScopes: async (user, ctx) => {
    if (ctx.actor.kind !== 'user') return false;
    if (ctx.actor.userId === user.id || ctx.actor.isPlatformAdmin) return true;
    const shared = ctx.actor.memberships.map((m) => m.organizationId);
    return (await ctx.db.membership.count({ where: { userId: user.id, organizationId: { in: shared } } })) > 0;
  },
  fields: (t) => ({
    name: t.exposeString('name'),
    email: t.string({
      nullable: true,
      description: 'Visible to the user themself and platform administrators.',
      select: { email: true },
      resolve: (user, _args, ctx) => (can(ctx.actor, 'user.updatePreferences', { userId: user.id }) || (ctx.actor.kind === 'user' && ctx.actor.isPlatformAdmin) ? user.email : null),
    }),
    locale: t.expose('locale', { type: Locale, nullable: true }),
    isPlatformAdmin: t.exposeBoolean('isPlatformAdmin'),
    memberships: t.relation('memberships', { query: { orderBy: { createdAt: 'asc' } } }),
  }),
});

export const Membership = builder.prismaNode('Membership', {
  id: { field: 'id' },
  // Relay: node(id) is null for an unknown id, not an error.
  nullable: true,
  description: 'A user’s role in an organisation. Visible to that organisation’s members and platform administrators.',
  authScopes: (membership, ctx) => can(ctx.actor, 'organization.readMembers', { organizationId: membership.organizationId }),
  fields: (t) => ({
    role: t.expose('role', { type: MembershipRole }),
    organization: t.relation('organization'),
    user: t.relation('user'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
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

builder.mutationField('setMemberRole', (t) =>
  t.prismaField({
    type: 'Membership',
    description: 'Organisation administrators: change a member’s role. An organisation always keeps one ORG_ADMIN.',
    errors: { types: commonErrors },
    args: {
      membershipId: t.arg.globalID({ required: true, for: Membership }),
      role: t.arg({ type: MembershipRole, required: true }),
    },
    resolve: async (query, _parent, args, ctx) => {
      const membership = await setMemberRole(ctx, { membershipId: args.membershipId.id, role: args.role });
      return ctx.db.membership.findUniqueOrThrow({ ...query, where: { id: membership.id } });
    },
  }),
);

builder.mutationField('removeMember', (t) =>
  t.field({
    type: 'Boolean',
    description: 'Organisation administrators remove a member; members may leave.',
    errors: { types: commonErrors },
    args: { membershipId: t.arg.globalID({ required: true, for: Membership }) },
    resolve: async (_parent, args, ctx) => {
      await removeMember(ctx, { membershipId: args.membershipId.id });
      return true;
    },
  }),
);

const InvitationLink = builder.objectRef<{ url: string; role: string; expiresAt: Date }>('InvitationLink').implement({
  description: 'A one-time link that makes whoever opens it (signed in) a member with the given role.',
  fields: (t) => ({
    url: t.exposeString('url'),
    role: t.field({ type: MembershipRole, resolve: (link) => link.role as (typeof MEMBERSHIP_ROLES)[number] }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime' }),
  }),
});

builder.mutationField('createInvitation', (t) =>
  t.field({
    type: InvitationLink,
    description: 'Organisation administrators: create an invitation link.',
    errors: { types: commonErrors },
    args: {
      organizationId: t.arg.globalID({ required: true, for: Organization }),
      role: t.arg({ type: MembershipRole, required: true }),
      note: t.arg.string({ required: false }),
    },
    resolve: async (_parent, args, ctx) => {
      const { invitation, token } = await createInvitation(ctx, {
        organizationId: args.organizationId.id,
        role: args.role,
        note: args.note ?? undefined,
      });
      return { url: `${ctx.meta.origin ?? ''}/invitations/${token}`, role: invitation.role, expiresAt: invitation.expiresAt };
    },
  }),
);
