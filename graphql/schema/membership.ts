// A person's role in an organisation. Visibility and the email address follow the policy, as on the members page.
import { can } from '../../app/domain/policy.server';
import { builder } from '../builder';
import { MembershipRole } from './enums';

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
    email: t.string({
      nullable: true,
      description: 'The member’s email address: visible to the member themself, the organisation’s administrators and platform administrators.',
      select: { organizationId: true, userId: true, user: { select: { email: true } } },
      resolve: (m, _args, ctx) => (can(ctx.actor, 'membership.readEmail', { organizationId: m.organizationId, userId: m.userId }) ? m.user.email : null),
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});
