// Mutations of memberships and invitations. Each calls the domain function the members page calls, and lists only
// the errors it can throw.
import { ConflictError, ForbiddenError, NotAuthenticatedError, NotFoundError, ValidationError } from '../../app/domain/errors.server';
import { createInvitation, removeMember, setMemberRole } from '../../app/domain/memberships.server';
import { builder } from '../builder';
import { MembershipRole } from './enums';
import { InvitationLink } from './invitation-link';
import { Membership } from './membership';
import { Organization } from './organization';

builder.mutationField('setMemberRole', (t) =>
  t.prismaField({
    type: 'Membership',
    description: 'Organisation administrators: change a member’s role. An organisation always keeps one ORG_ADMIN.',
    errors: { types: [ValidationError, NotAuthenticatedError, ForbiddenError, NotFoundError, ConflictError] },
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
    errors: { types: [ValidationError, NotAuthenticatedError, ForbiddenError, NotFoundError, ConflictError] },
    args: { membershipId: t.arg.globalID({ required: true, for: Membership }) },
    resolve: async (_parent, args, ctx) => {
      await removeMember(ctx, { membershipId: args.membershipId.id });
      return true;
    },
  }),
);

builder.mutationField('createInvitation', (t) =>
  t.field({
    type: InvitationLink,
    description: 'Organisation administrators: create an invitation link.',
    errors: { types: [ValidationError, NotAuthenticatedError, ForbiddenError, NotFoundError] },
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
