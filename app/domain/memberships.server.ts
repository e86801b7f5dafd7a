// Members of an organisation: invitation links, roles, removal. An organisation always keeps one ORG_ADMIN.
import { actorId } from './actor.server';
import { hashToken, newToken } from './auth.server';
import { type DomainContext, type Tx, command, nowOf } from './context.server';
import { ConflictError, NotFoundError, ValidationError, parseInput } from './errors.server';
import { authorize } from './policy.server';
import {
  AcceptInvitationSchema,
  AddMemberSchema,
  CreateInvitationSchema,
  RemoveMemberSchema,
  RevokeInvitationSchema,
  SetMemberRoleSchema,
} from './schemas';

export const INVITATION_TTL_MS = 14 * 24 * 60 * 60 * 1000;

export async function createInvitation(ctx: DomainContext, input: unknown) {
  const data = parseInput(CreateInvitationSchema, input);
  authorize(ctx.actor, 'membership.invite', { organizationId: data.organizationId });
  const token = newToken();
  const invitation = await command(ctx, async (tx, audit) => {
    const organization = await tx.organization.findUnique({ where: { id: data.organizationId } });
    if (!organization) throw new NotFoundError();
    const invitation = await tx.invitation.create({
      data: {
        organizationId: organization.id,
        role: data.role,
        note: data.note || null,
        tokenHash: hashToken(token),
        createdById: actorId(ctx.actor)!,
        expiresAt: new Date(nowOf(ctx).getTime() + INVITATION_TTL_MS),
      },
    });
    await audit({
      action: 'invitation.created',
      subjectType: 'Invitation',
      subjectId: invitation.id,
      organizationId: organization.id,
      data: { role: invitation.role, note: invitation.note },
    });
    return invitation;
  });
  return { invitation, token };
}

/** The invitation behind a link, if it can still be used. */
export async function findUsableInvitation(ctx: DomainContext, token: string) {
  const invitation = await ctx.db.invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { organization: true, createdBy: { select: { name: true } } },
  });
  if (!invitation || invitation.revokedAt || invitation.acceptedAt || invitation.expiresAt <= nowOf(ctx)) return null;
  return invitation;
}

export async function acceptInvitation(ctx: DomainContext, input: unknown) {
  const { token } = parseInput(AcceptInvitationSchema, input);
  authorize(ctx.actor, 'invitation.accept');
  const userId = actorId(ctx.actor)!;
  const invitation = await findUsableInvitation(ctx, token);
  if (!invitation) throw ValidationError.field('token', 'errors.invitationInvalid');
  return command(ctx, async (tx, audit) => {
    const existing = await tx.membership.findUnique({
      where: { userId_organizationId: { userId, organizationId: invitation.organizationId } },
    });
    if (existing) throw new ConflictError('errors.alreadyMember');
    // Claim the invitation atomically: a link works once, even if two people use it at the same moment.
    const claimed = await tx.invitation.updateMany({
      where: { id: invitation.id, acceptedAt: null, revokedAt: null },
      data: { acceptedAt: nowOf(ctx), acceptedById: userId },
    });
    if (claimed.count !== 1) throw ValidationError.field('token', 'errors.invitationInvalid');
    const membership = await tx.membership.create({
      data: { userId, organizationId: invitation.organizationId, role: invitation.role },
      include: { organization: true },
    });
    await audit({
      action: 'membership.created',
      subjectType: 'Membership',
      subjectId: membership.id,
      organizationId: invitation.organizationId,
      data: { userId, role: membership.role, via: 'invitation', invitationId: invitation.id },
    });
    return membership;
  });
}

export async function revokeInvitation(ctx: DomainContext, input: unknown) {
  const { invitationId } = parseInput(RevokeInvitationSchema, input);
  const invitation = await ctx.db.invitation.findUnique({ where: { id: invitationId } });
  if (!invitation) throw new NotFoundError();
  authorize(ctx.actor, 'membership.revokeInvitation', { organizationId: invitation.organizationId });
  if (invitation.acceptedAt) throw new ConflictError('errors.invitationUsed');
  if (invitation.revokedAt) return invitation;
  return command(ctx, async (tx, audit) => {
    const revoked = await tx.invitation.update({ where: { id: invitationId }, data: { revokedAt: nowOf(ctx) } });
    await audit({ action: 'invitation.revoked', subjectType: 'Invitation', subjectId: invitationId, organizationId: invitation.organizationId });
    return revoked;
  });
}

async function assertAnotherAdminRemains(tx: Tx, organizationId: string, membershipId: string) {
  // Lock the organisation's admin rows, so two admins demoting each other at once cannot both succeed.
  await tx.$queryRaw`SELECT id FROM "Membership" WHERE "organizationId" = ${organizationId} AND role = 'ORG_ADMIN' FOR UPDATE`;
  const others = await tx.membership.count({ where: { organizationId, role: 'ORG_ADMIN', id: { not: membershipId } } });
  if (others === 0) throw new ConflictError('errors.lastAdmin');
}

export async function setMemberRole(ctx: DomainContext, input: unknown) {
  const { membershipId, role } = parseInput(SetMemberRoleSchema, input);
  const membership = await ctx.db.membership.findUnique({ where: { id: membershipId } });
  if (!membership) throw new NotFoundError();
  authorize(ctx.actor, 'membership.setRole', { organizationId: membership.organizationId });
  if (membership.role === role) return membership;
  return command(ctx, async (tx, audit) => {
    if (membership.role === 'ORG_ADMIN') await assertAnotherAdminRemains(tx, membership.organizationId, membership.id);
    const updated = await tx.membership.update({ where: { id: membershipId }, data: { role } });
    await audit({
      action: 'membership.role_changed',
      subjectType: 'Membership',
      subjectId: membershipId,
      organizationId: membership.organizationId,
      data: { userId: membership.userId, from: membership.role, to: role },
    });
    return updated;
  });
}

export async function removeMember(ctx: DomainContext, input: unknown) {
  const { membershipId } = parseInput(RemoveMemberSchema, input);
  const membership = await ctx.db.membership.findUnique({ where: { id: membershipId } });
  if (!membership) throw new NotFoundError();
  authorize(ctx.actor, 'membership.remove', { organizationId: membership.organizationId, userId: membership.userId });
  return command(ctx, async (tx, audit) => {
    if (membership.role === 'ORG_ADMIN') await assertAnotherAdminRemains(tx, membership.organizationId, membership.id);
    await tx.membership.delete({ where: { id: membershipId } });
    await audit({
      action: 'membership.removed',
      subjectType: 'Membership',
      subjectId: membershipId,
      organizationId: membership.organizationId,
      data: { userId: membership.userId, role: membership.role },
    });
    return membership;
  });
}

/** Platform administrators (and seeding) add a user to an organisation directly. Idempotent. */
export async function addMember(ctx: DomainContext, input: unknown) {
  const data = parseInput(AddMemberSchema, input);
  authorize(ctx.actor, 'membership.add', { organizationId: data.organizationId });
  const existing = await ctx.db.membership.findUnique({
    where: { userId_organizationId: { userId: data.userId, organizationId: data.organizationId } },
  });
  if (existing) return existing;
  return command(ctx, async (tx, audit) => {
    const membership = await tx.membership.create({ data });
    await audit({
      action: 'membership.created',
      subjectType: 'Membership',
      subjectId: membership.id,
      organizationId: data.organizationId,
      data: { userId: data.userId, role: data.role, via: 'administrator' },
    });
    return membership;
  });
}
