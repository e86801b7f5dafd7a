import { describe, expect, it } from 'vitest';
import type { Actor } from '../../app/domain/actor.server';
import { ForbiddenError, NotAuthenticatedError } from '../../app/domain/errors.server';
import { authorize, can } from '../../app/domain/policy.server';

const member = (role: 'MEMBER' | 'SIGNATORY' | 'LIAISON_OFFICER' | 'ORG_ADMIN', organizationId = 'org-1'): Actor => ({
  kind: 'user',
  userId: 'u1',
  isPlatformAdmin: false,
  memberships: [{ organizationId, role }],
});

describe('policy', () => {
  it('denies unknown actions to everyone, platform admins included', () => {
    const admin: Actor = { kind: 'user', userId: 'a', isPlatformAdmin: true, memberships: [] };
    expect(can(admin, 'nothing.like.this' as never)).toBe(false);
    expect(() => authorize(admin, 'nothing.like.this' as never)).toThrow(ForbiddenError);
  });

  it('tells anonymous actors to sign in, and others that they may not', () => {
    expect(() => authorize({ kind: 'anonymous' }, 'organization.create')).toThrow(NotAuthenticatedError);
    expect(() => authorize(member('MEMBER'), 'membership.invite', { organizationId: 'org-1' })).toThrow(ForbiddenError);
  });

  it('lets only organisation admins of that organisation manage members', () => {
    expect(can(member('ORG_ADMIN'), 'membership.setRole', { organizationId: 'org-1' })).toBe(true);
    expect(can(member('ORG_ADMIN'), 'membership.setRole', { organizationId: 'org-2' })).toBe(false);
    for (const role of ['MEMBER', 'SIGNATORY', 'LIAISON_OFFICER'] as const) {
      expect(can(member(role), 'membership.setRole', { organizationId: 'org-1' })).toBe(false);
      expect(can(member(role), 'organization.readMembers', { organizationId: 'org-1' })).toBe(true);
      expect(can(member(role), 'organization.readMembers', { organizationId: 'org-2' })).toBe(false);
    }
    expect(can(member('ORG_ADMIN'), 'membership.setRole', {})).toBe(false);
  });

  it('reserves verification and provisioning', () => {
    expect(can(member('ORG_ADMIN'), 'organization.verify', { organizationId: 'org-1' })).toBe(false);
    expect(can({ kind: 'user', userId: 'a', isPlatformAdmin: true, memberships: [] }, 'organization.verify')).toBe(true);
    expect(can({ kind: 'user', userId: 'a', isPlatformAdmin: true, memberships: [] }, 'user.provision')).toBe(false);
    expect(can({ kind: 'system', reason: 'seed' }, 'user.provision')).toBe(true);
  });

  it('lets users act on themselves only', () => {
    expect(can(member('MEMBER'), 'user.updatePreferences', { userId: 'u1' })).toBe(true);
    expect(can(member('MEMBER'), 'user.updatePreferences', { userId: 'u2' })).toBe(false);
    expect(can(member('MEMBER'), 'session.revoke', { userId: 'u2' })).toBe(false);
  });
});
