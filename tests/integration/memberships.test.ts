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

  it('two admins demoting each other at the same moment: one succeeds, the other is refused, an admin remains', async () => {
    for (let round = 0; round < 3; round++) {
      const org = await makeOrganization(t.db);
      const a = await makeMember(t.db, org.id, 'ORG_ADMIN');
      const b = await makeMember(t.db, org.id, 'ORG_ADMIN');
      const [ma, mb] = await Promise.all([a, b].map((u) => t.db.membership.findFirstOrThrow({ where: { userId: u.id, organizationId: org.id } })));
      const [ctxA, ctxB] = [await ctxFor(t.db, a.id), await ctxFor(t.db, b.id)];
      const results = await Promise.allSettled([
        setMemberRole(ctxA, { membershipId: mb.id, role: 'MEMBER' }),
        setMemberRole(ctxB, { membershipId: ma.id, role: 'MEMBER' }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      // The second runs after the first committed: its author is no longer an administrator (roles are re-read
      // inside the transaction), so it is refused.
      const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(rejected.reason).toBeInstanceOf(ForbiddenError);
      expect(await t.db.membership.count({ where: { organizationId: org.id, role: 'ORG_ADMIN' } })).toBe(1);
    }
  });

  it('an invitation used twice at the same moment makes one member', async () => {
    const org = await makeOrganization(t.db);
    const admin = await makeMember(t.db, org.id, 'ORG_ADMIN');
    const { token } = await createInvitation(await ctxFor(t.db, admin.id), { organizationId: org.id, role: 'MEMBER' });
    const [x, y] = [await makeUser(t.db), await makeUser(t.db)];
    const [ctxX, ctxY] = [await ctxFor(t.db, x.id), await ctxFor(t.db, y.id)];
    const results = await Promise.allSettled([acceptInvitation(ctxX, { token }), acceptInvitation(ctxY, { token })]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await t.db.membership.count({ where: { organizationId: org.id } })).toBe(2);
  });

  it('refuses bad input with a field error and writes nothing', async () => {
    const org = await makeOrganization(t.db);
    const admin = await makeMember(t.db, org.id, 'ORG_ADMIN');
    const ctx = await ctxFor(t.db, admin.id);
    const counts = async () => [await t.db.invitation.count(), await t.db.membership.count(), await t.db.auditEvent.count()];
    const before = await counts();
    const bad = await createInvitation(ctx, { organizationId: org.id, role: 'OWNER', note: 'x'.repeat(201) }).catch((e) => e);
    expect(bad).toBeInstanceOf(ValidationError);
    expect(bad.fieldErrors).toEqual({ role: ['errors.choose'], note: [{ key: 'errors.tooLong', params: { max: 200, count: 200 } }] });
    expect((await removeMember(ctx, {}).catch((e) => e)).fieldErrors).toEqual({ membershipId: ['errors.required'] });
    expect(await revokeInvitation(ctx, { invitationId: 'no-such-invitation' }).catch((e) => e)).toBeInstanceOf(NotFoundError);
    expect(await createInvitation(ctx, { organizationId: 'no-such-org', role: 'MEMBER' }).catch((e) => e)).toBeInstanceOf(ForbiddenError);
    expect(await counts()).toEqual(before);
  });
});
