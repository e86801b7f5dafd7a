// Members of an organisation: invitation links, roles, removal. An organisation always keeps one ORG_ADMIN.
import { type Actor, actorId } from './actor.server';
import { hashToken, newToken } from './auth.server';
import type { MembershipRole } from '../../prisma/generated/client/enums';
import { type DomainContext, type Tx, command, isUniqueViolation, nowOf } from './context.server';
import { ConflictError, NotFoundError, ValidationError, parseInput } from './errors.server';
import { lockOrganization } from './organizations.server';
import { authorize, can } from './policy.server';
import { AcceptInvitationSchema, AddMemberSchema, CreateInvitationSchema, RemoveMemberSchema, RevokeInvitationSchema, SetMemberRoleSchema } from './schemas';

export const INVITATION_TTL_MS = 14 * 24 * 60 * 60 * 1000;

export type MemberView = {
  id: string;
  userId: string;
  name: string;
  role: MembershipRole;
  joinedAt: Date;
  /** Only when the policy lets the viewer see it (`membership.readEmail`); null otherwise. */
  email: string | null;
};

/**
 * An organisation's members as the viewer may see them: members and platform administrators see the list; email
 * addresses only where `membership.readEmail` allows (the member themself, the organisation's administrators,
 * platform administrators). NotFound for an unknown organisation, NotAuthenticated/Forbidden per the policy.
 */
export async function listMembersForViewer(ctx: Pick<DomainContext, 'db' | 'actor'>, organizationId: string): Promise<MemberView[]> {
  const organization = await ctx.db.organization.findUnique({ where: { id: organizationId }, select: { id: true } });
  if (!organization) throw new NotFoundError();
  authorize(ctx.actor, 'organization.readMembers', { organizationId });
  const members = await ctx.db.membership.findMany({
    where: { organizationId },
    include: { user: { select: { id: true, name: true, email: true } } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  return members.map((m) => ({
    id: m.id,
    userId: m.user.id,
    name: m.user.name,
    role: m.role,
    joinedAt: m.createdAt,
    email: can(ctx.actor, 'membership.readEmail', { organizationId, userId: m.user.id }) ? m.user.email : null,
  }));
}

export async function createInvitation(ctx: DomainContext, input: unknown) {
  const data = parseInput(CreateInvitationSchema, input);
  authorize(ctx.actor, 'membership.invite', { organizationId: data.organizationId });
  const token = newToken();
  const invitation = await command(ctx, async (tx, audit) => {
    const organization = await lockOrganization(tx, data.organizationId);
    authorize(await actorNow(tx, ctx.actor), 'membership.invite', { organizationId: organization.id });
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
  const now = nowOf(ctx);
  try {
    return await command(ctx, async (tx, audit) => {
      // Re-read the invitation inside the transaction and lock it: a link works once, even if two people use it at once.
      const [locked] = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Invitation" WHERE "tokenHash" = ${hashToken(token)} FOR UPDATE`;
      const invitation = locked ? await tx.invitation.findUniqueOrThrow({ where: { id: locked.id } }) : null;
      if (!invitation || invitation.revokedAt || invitation.acceptedAt || invitation.expiresAt <= now)
        throw ValidationError.field('token', 'errors.invitationInvalid');
      const existing = await tx.membership.findUnique({
        where: { userId_organizationId: { userId, organizationId: invitation.organizationId } },
      });
      if (existing) throw new ConflictError('errors.alreadyMember');
      const claimed = await tx.invitation.updateMany({
        where: { id: invitation.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
        data: { acceptedAt: now, acceptedById: userId },
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
  } catch (error) {
    // Two invitations to one organisation used by one person at the same moment: the unique index lets one through.
    if (isUniqueViolation(error)) throw new ConflictError('errors.alreadyMember');
    throw error;
  }
}

export async function revokeInvitation(ctx: DomainContext, input: unknown) {
  const { invitationId } = parseInput(RevokeInvitationSchema, input);
  return command(ctx, async (tx, audit) => {
    const [locked] = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Invitation" WHERE "id" = ${invitationId} FOR UPDATE`;
    if (!locked) throw new NotFoundError();
    const invitation = await tx.invitation.findUniqueOrThrow({ where: { id: invitationId } });
    await lockOrganization(tx, invitation.organizationId);
    authorize(await actorNow(tx, ctx.actor), 'membership.revokeInvitation', { organizationId: invitation.organizationId });
    if (invitation.acceptedAt) throw new ConflictError('errors.invitationUsed');
    if (invitation.revokedAt) return invitation;
    const revoked = await tx.invitation.update({ where: { id: invitationId }, data: { revokedAt: nowOf(ctx) } });
    await audit({ action: 'invitation.revoked', subjectType: 'Invitation', subjectId: invitationId, organizationId: invitation.organizationId });
    return revoked;
  });
}

/**
 * The actor as of this transaction: their memberships re-read after the organisation is locked, so a person demoted
 * or removed a moment ago cannot still act as an administrator with the roles their request started with.
 */
async function actorNow(tx: Tx, actor: Actor): Promise<Actor> {
  if (actor.kind !== 'user') return actor;
  const memberships = await tx.membership.findMany({ where: { userId: actor.userId }, select: { organizationId: true, role: true } });
  return { ...actor, memberships };
}

/**
 * Inside a membership command's transaction: lock the membership's organisation (so changes to one organisation's
 * members queue, and two admins demoting each other cannot both succeed), then re-read the membership.
 */
async function lockMembership(tx: Tx, membershipId: string) {
  const found = await tx.membership.findUnique({ where: { id: membershipId }, select: { organizationId: true } });
  if (!found) throw new NotFoundError();
  await lockOrganization(tx, found.organizationId);
  const membership = await tx.membership.findUnique({ where: { id: membershipId } });
  if (!membership) throw new NotFoundError();
  return membership;
}

async function assertAnotherAdminRemains(tx: Tx, organizationId: string, membershipId: string) {
  const others = await tx.membership.count({ where: { organizationId, role: 'ORG_ADMIN', id: { not: membershipId } } });
  if (others === 0) throw new ConflictError('errors.lastAdmin');
}

export async function setMemberRole(ctx: DomainContext, input: unknown) {
  const { membershipId, role } = parseInput(SetMemberRoleSchema, input);
  return command(ctx, async (tx, audit) => {
    const membership = await lockMembership(tx, membershipId);
    authorize(await actorNow(tx, ctx.actor), 'membership.setRole', { organizationId: membership.organizationId });
    if (membership.role === role) return membership;
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
  return command(ctx, async (tx, audit) => {
    const membership = await lockMembership(tx, membershipId);
    authorize(await actorNow(tx, ctx.actor), 'membership.remove', { organizationId: membership.organizationId, userId: membership.userId });
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
  return command(ctx, async (tx, audit) => {
    await lockOrganization(tx, data.organizationId);
    const existing = await tx.membership.findUnique({
      where: { userId_organizationId: { userId: data.userId, organizationId: data.organizationId } },
    });
    if (existing) return existing;
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
