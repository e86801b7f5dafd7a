import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../app/domain/errors.server';
import {
  INVITATION_TTL_MS,
  acceptInvitation,
  createInvitation,
  findUsableInvitation,
  removeMember,
  revokeInvitation,
  setMemberRole,
} from '../../app/domain/memberships.server';
import { type TestDatabase, createTestDatabase } from '../helpers/db';
import { ctxFor, makeMember, makeOrganization, makeUser } from '../helpers/fixtures';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.close());

describe('invitations', () => {
  it('an admin invites; the link works once, with the role it was made for', async () => {
    const org = await makeOrganization(t.db);
    const admin = await makeMember(t.db, org.id, 'ORG_ADMIN');
    const { token, invitation } = await createInvitation(await ctxFor(t.db, admin.id), { organizationId: org.id, role: 'SIGNATORY', note: 'For Dana' });
    expect(invitation.tokenHash).not.toBe(token);
    const joiner = await makeUser(t.db);
    const membership = await acceptInvitation(await ctxFor(t.db, joiner.id), { token });
    expect(membership).toMatchObject({ organizationId: org.id, userId: joiner.id, role: 'SIGNATORY' });
    const second = await makeUser(t.db);
    const error = await acceptInvitation(await ctxFor(t.db, second.id), { token }).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.fieldErrors).toEqual({ token: ['errors.invitationInvalid'] });
    expect(await t.db.membership.count({ where: { userId: second.id } })).toBe(0);
  });

  it('refuses invitations from non-admins and from admins of other organisations', async () => {
    const org = await makeOrganization(t.db);
    const other = await makeOrganization(t.db);
    const otherAdmin = await makeMember(t.db, other.id, 'ORG_ADMIN');
    for (const role of ['MEMBER', 'SIGNATORY', 'LIAISON_OFFICER'] as const) {
      const user = await makeMember(t.db, org.id, role);
      await expect(createInvitation(await ctxFor(t.db, user.id), { organizationId: org.id, role: 'MEMBER' })).rejects.toBeInstanceOf(ForbiddenError);
    }
    await expect(createInvitation(await ctxFor(t.db, otherAdmin.id), { organizationId: org.id, role: 'ORG_ADMIN' })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await t.db.invitation.count({ where: { organizationId: org.id } })).toBe(0);
  });

  it('expired and revoked links cannot be used; members cannot join twice', async () => {
    const org = await makeOrganization(t.db);
    const admin = await makeMember(t.db, org.id, 'ORG_ADMIN');
    const adminCtx = await ctxFor(t.db, admin.id);
    const expired = await createInvitation(adminCtx, { organizationId: org.id, role: 'MEMBER' });
    const later = () => new Date(Date.now() + INVITATION_TTL_MS + 60_000);
    expect(await findUsableInvitation({ ...adminCtx, now: later }, expired.token)).toBeNull();
    const user = await makeUser(t.db);
    await expect(acceptInvitation({ ...(await ctxFor(t.db, user.id)), now: later }, { token: expired.token })).rejects.toBeInstanceOf(ValidationError);

    const revoked = await createInvitation(adminCtx, { organizationId: org.id, role: 'MEMBER' });
    await revokeInvitation(adminCtx, { invitationId: revoked.invitation.id });
    await expect(acceptInvitation(await ctxFor(t.db, user.id), { token: revoked.token })).rejects.toBeInstanceOf(ValidationError);

    const fresh = await createInvitation(adminCtx, { organizationId: org.id, role: 'MEMBER' });
    await expect(acceptInvitation(adminCtx, { token: fresh.token })).rejects.toBeInstanceOf(ConflictError);
    expect(await findUsableInvitation(adminCtx, fresh.token)).not.toBeNull();
  });
});

describe('roles', () => {
  it('an admin changes roles; an organisation always keeps an ORG_ADMIN', async () => {
    const org = await makeOrganization(t.db);
    const admin = await makeMember(t.db, org.id, 'ORG_ADMIN');
    const member = await makeMember(t.db, org.id, 'MEMBER');
    const adminCtx = await ctxFor(t.db, admin.id);
    const adminMembership = await t.db.membership.findFirstOrThrow({ where: { userId: admin.id } });
    const memberMembership = await t.db.membership.findFirstOrThrow({ where: { userId: member.id } });

    await expect(setMemberRole(adminCtx, { membershipId: adminMembership.id, role: 'MEMBER' })).rejects.toBeInstanceOf(ConflictError);
    await expect(removeMember(adminCtx, { membershipId: adminMembership.id })).rejects.toBeInstanceOf(ConflictError);
    await expect(setMemberRole(await ctxFor(t.db, member.id), { membershipId: memberMembership.id, role: 'ORG_ADMIN' })).rejects.toBeInstanceOf(ForbiddenError);

    await setMemberRole(adminCtx, { membershipId: memberMembership.id, role: 'ORG_ADMIN' });
    await setMemberRole(adminCtx, { membershipId: adminMembership.id, role: 'SIGNATORY' });
    expect((await t.db.membership.findUniqueOrThrow({ where: { id: adminMembership.id } })).role).toBe('SIGNATORY');
    const change = await t.db.auditEvent.findFirstOrThrow({ where: { action: 'membership.role_changed', subjectId: adminMembership.id } });
    expect(change.data).toEqual({ userId: admin.id, from: 'ORG_ADMIN', to: 'SIGNATORY' });
    await expect(setMemberRole(adminCtx, { membershipId: memberMembership.id, role: 'OWNER' })).rejects.toBeInstanceOf(ValidationError);
    await expect(setMemberRole(adminCtx, { membershipId: 'nope', role: 'MEMBER' })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('members may leave; others cannot remove them', async () => {
    const org = await makeOrganization(t.db);
    await makeMember(t.db, org.id, 'ORG_ADMIN');
    const a = await makeMember(t.db, org.id, 'MEMBER');
    const b = await makeMember(t.db, org.id, 'SIGNATORY');
    const bMembership = await t.db.membership.findFirstOrThrow({ where: { userId: b.id } });
    await expect(removeMember(await ctxFor(t.db, a.id), { membershipId: bMembership.id })).rejects.toBeInstanceOf(ForbiddenError);
    await removeMember(await ctxFor(t.db, b.id), { membershipId: bMembership.id });
    expect(await t.db.membership.count({ where: { userId: b.id } })).toBe(0);
  });
});
