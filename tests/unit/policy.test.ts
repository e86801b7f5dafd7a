// Every rule of the policy, as a table: for each action and resource, exactly which actors may. A new rule without a
// row here fails the "every action is tested" check.
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../app/domain/actor.server';
import { ForbiddenError, NotAuthenticatedError } from '../../app/domain/errors.server';
import {
  ACTIONS,
  type Action,
  COMMITMENT_ROLES,
  ISSUE_HANDLER_ROLES,
  MEMBER_ROLES,
  ORG_ADMIN_ROLES,
  PLEDGE_MANAGER_ROLES,
  type Resource,
  SIGNING_ROLES,
  authorize,
  can,
} from '../../app/domain/policy.server';

const user = (userId: string, memberships: Extract<Actor, { kind: 'user' }>['memberships'] = [], isPlatformAdmin = false): Actor => ({
  kind: 'user',
  userId,
  isPlatformAdmin,
  memberships,
});

const ACTORS = {
  anonymous: { kind: 'anonymous' },
  system: { kind: 'system', reason: 'test' },
  platformAdmin: user('pa', [], true),
  outsider: user('out'),
  member: user('m', [{ organizationId: 'org-1', role: 'MEMBER' }]),
  signatory: user('s', [{ organizationId: 'org-1', role: 'SIGNATORY' }]),
  liaison: user('l', [{ organizationId: 'org-1', role: 'LIAISON_OFFICER' }]),
  orgAdmin: user('a', [{ organizationId: 'org-1', role: 'ORG_ADMIN' }]),
  otherOrgAdmin: user('oa', [{ organizationId: 'org-2', role: 'ORG_ADMIN' }]),
} satisfies Record<string, Actor>;
type Who = keyof typeof ACTORS;
const ALL = Object.keys(ACTORS) as Who[];
const USERS: Who[] = ['platformAdmin', 'outsider', 'member', 'signatory', 'liaison', 'orgAdmin', 'otherOrgAdmin'];
const ORG_1_MEMBERS: Who[] = ['member', 'signatory', 'liaison', 'orgAdmin'];

const ORG: Resource = { organizationId: 'org-1' };
/** Another person, a member of org-1. */
const TARGET: Resource = { organizationId: 'org-1', userId: 'target', userOrganizationIds: ['org-1'] };
/** The actor themself (filled in per actor). */
const SELF = 'self' as const;

type Case = { resource: Resource | typeof SELF; allowed: Who[]; note: string };
const table: Record<Action, Case[]> = {
  'user.signUp': [{ resource: {}, allowed: ALL, note: 'anyone' }],
  'user.provision': [{ resource: {}, allowed: ['system'], note: 'the platform only' }],
  'user.read': [
    { resource: TARGET, allowed: ['system', 'platformAdmin', ...ORG_1_MEMBERS], note: 'platform admins and members of a shared organisation' },
    { resource: { userId: 'target', userOrganizationIds: [] }, allowed: ['system', 'platformAdmin'], note: 'someone in no organisation' },
    { resource: SELF, allowed: ['system', ...USERS], note: 'themself' },
  ],
  'user.readEmail': [
    { resource: TARGET, allowed: ['system', 'platformAdmin'], note: 'not other members, not org admins' },
    { resource: SELF, allowed: ['system', ...USERS], note: 'themself' },
  ],
  'user.updatePreferences': [
    { resource: TARGET, allowed: [], note: 'nobody else, platform admins neither' },
    { resource: SELF, allowed: USERS, note: 'themself' },
  ],
  'user.resetPassword': [{ resource: {}, allowed: ALL, note: 'anyone may ask; the emailed token authorises' }],
  'user.manageTwoFactor': [
    { resource: TARGET, allowed: [], note: 'nobody else' },
    { resource: SELF, allowed: USERS, note: 'their own' },
  ],
  'user.disableTwoFactor': [
    { resource: TARGET, allowed: [], note: 'nobody else' },
    { resource: SELF, allowed: USERS.filter((w) => w !== 'platformAdmin'), note: 'their own, except platform admins, who keep it' },
  ],
  'session.revoke': [
    { resource: TARGET, allowed: ['system', 'platformAdmin'], note: 'platform admins end anyone’s sessions' },
    { resource: SELF, allowed: ['system', ...USERS], note: 'themself' },
  ],
  'organization.create': [{ resource: {}, allowed: ALL.filter((w) => w !== 'anonymous'), note: 'anyone signed in' }],
  'organization.update': [
    { resource: ORG, allowed: ['system', 'platformAdmin', 'orgAdmin'], note: 'its administrators' },
    { resource: {}, allowed: ['system', 'platformAdmin'], note: 'no organisation named' },
  ],
  'organization.verify': [{ resource: ORG, allowed: ['system', 'platformAdmin'], note: 'platform admins' }],
  'organization.review': [{ resource: ORG, allowed: ['system', 'platformAdmin'], note: 'platform admins' }],
  'organization.readMembers': [{ resource: ORG, allowed: ['system', 'platformAdmin', ...ORG_1_MEMBERS], note: 'its members' }],
  'organization.readAudit': [{ resource: ORG, allowed: ['system', 'platformAdmin', ...ORG_1_MEMBERS], note: 'its members' }],
  'organization.manageMembers': [{ resource: ORG, allowed: ['system', 'platformAdmin', 'orgAdmin'], note: 'its administrators' }],
  'membership.readEmail': [
    { resource: TARGET, allowed: ['system', 'platformAdmin', 'orgAdmin'], note: 'the organisation’s admins' },
    { resource: SELF, allowed: ['system', ...USERS], note: 'their own' },
  ],
  'membership.add': [{ resource: ORG, allowed: ['system', 'platformAdmin'], note: 'platform admins add directly' }],
  'membership.invite': [{ resource: ORG, allowed: ['system', 'platformAdmin', 'orgAdmin'], note: 'admins invite' }],
  'membership.revokeInvitation': [{ resource: ORG, allowed: ['system', 'platformAdmin', 'orgAdmin'], note: 'admins revoke' }],
  'membership.setRole': [
    { resource: ORG, allowed: ['system', 'platformAdmin', 'orgAdmin'], note: 'admins set roles' },
    { resource: { organizationId: 'org-2' }, allowed: ['system', 'platformAdmin', 'otherOrgAdmin'], note: 'of their own organisation only' },
  ],
  'membership.remove': [
    { resource: TARGET, allowed: ['system', 'platformAdmin', 'orgAdmin'], note: 'admins remove others' },
    { resource: SELF, allowed: ['system', ...USERS], note: 'anyone may leave' },
  ],
  'invitation.accept': [{ resource: {}, allowed: USERS, note: 'people signed in' }],
  'audit.readAll': [{ resource: {}, allowed: ['system', 'platformAdmin'], note: 'platform admins' }],
  'pledge.draft': [
    {
      resource: { organizationId: 'org-1', organizationKind: 'PARTNER' },
      allowed: ['platformAdmin', 'signatory', 'orgAdmin'],
      note: 'a partner’s admins and signatories',
    },
    { resource: { organizationId: 'org-1', organizationKind: 'CUSTOMS_ADMINISTRATION' }, allowed: ['platformAdmin'], note: 'not for a customs administration' },
    { resource: {}, allowed: ['platformAdmin'], note: 'platform admins without an owner; never the system (a pledge records who drafted it)' },
  ],
  'pledge.manage': [
    { resource: ORG, allowed: ['platformAdmin', 'signatory', 'orgAdmin'], note: 'the owner’s admins and signatories' },
    { resource: {}, allowed: ['platformAdmin'], note: 'a platform pledge' },
  ],
  'pledge.sign': [
    { resource: ORG, allowed: ['signatory', 'orgAdmin'], note: 'signatories and admins, platform admins not' },
    { resource: {}, allowed: [], note: 'no organisation named' },
  ],
  'pledge.withdraw': [{ resource: ORG, allowed: ['signatory', 'orgAdmin'], note: 'as signing' }],
  'pledge.renew': [{ resource: ORG, allowed: ['signatory', 'orgAdmin'], note: 'as signing' }],
  'issue.raise': [
    { resource: { organizationId: 'org-1', organizationKind: 'BUSINESS_ASSOCIATION' }, allowed: ORG_1_MEMBERS, note: 'any member of a business association' },
    { resource: { organizationId: 'org-1', organizationKind: 'CUSTOMS_ADMINISTRATION' }, allowed: [], note: 'not for a customs administration' },
    { resource: { organizationId: 'org-1', organizationKind: 'PARTNER' }, allowed: [], note: 'not for a partner' },
    { resource: { organizationKind: 'BUSINESS_ASSOCIATION' }, allowed: [], note: 'no organisation named: platform admins neither' },
  ],
  'issue.raiseAnonymously': [{ resource: {}, allowed: ALL, note: 'anyone, signed in or not' }],
  'issue.read': [
    { resource: { visibility: 'PUBLIC', partyOrganizationIds: ['org-1', 'org-2'] }, allowed: ALL, note: 'a public issue: everyone' },
    {
      resource: { visibility: 'RESTRICTED', partyOrganizationIds: ['org-1', 'org-2'] },
      allowed: ['system', 'platformAdmin', ...ORG_1_MEMBERS, 'otherOrgAdmin'],
      note: 'restricted: members of either party and platform admins',
    },
    {
      resource: { visibility: 'RESTRICTED', partyOrganizationIds: ['org-1'] },
      allowed: ['system', 'platformAdmin', ...ORG_1_MEMBERS],
      note: 'restricted anonymous: the administration and platform admins',
    },
    { resource: { visibility: 'RESTRICTED', partyOrganizationIds: ['org-3'] }, allowed: ['system', 'platformAdmin'], note: 'restricted, no party present' },
    { resource: { visibility: 'RESTRICTED' }, allowed: ['system', 'platformAdmin'], note: 'no parties named' },
  ],
  'issue.handle': [
    { resource: ORG, allowed: ['liaison', 'orgAdmin'], note: 'the administration’s liaison officers and admins, platform admins not' },
    { resource: { organizationId: 'org-2' }, allowed: ['otherOrgAdmin'], note: 'of their own administration only' },
    { resource: {}, allowed: [], note: 'no administration named' },
  ],
  'issue.beAssigned': [
    { resource: ORG, allowed: ['liaison', 'orgAdmin'], note: 'liaison officers and admins of the administration' },
    { resource: {}, allowed: [], note: 'no administration named' },
  ],
  'issue.actAsReporter': [
    { resource: { userId: 'target', organizationId: 'org-1' }, allowed: ['orgAdmin'], note: 'an admin of the reporting organisation' },
    { resource: SELF, allowed: USERS, note: 'the person who raised it' },
    { resource: {}, allowed: [], note: 'an anonymous issue: nobody by role (the receipt code decides)' },
  ],
  'issue.publishSummary': [{ resource: ORG, allowed: ['system', 'platformAdmin'], note: 'platform admins' }],
  'office.manage': [
    { resource: ORG, allowed: ['system', 'platformAdmin', 'orgAdmin'], note: 'the administration’s admins' },
    { resource: { organizationId: 'org-2' }, allowed: ['system', 'platformAdmin', 'otherOrgAdmin'], note: 'of their own administration only' },
  ],
  'administration.configureDeadlines': [
    { resource: ORG, allowed: ['system', 'platformAdmin', 'orgAdmin'], note: 'the administration’s admins' },
    { resource: {}, allowed: ['system', 'platformAdmin'], note: 'no administration named' },
  ],
  'notification.manageOwn': [
    { resource: {}, allowed: USERS, note: 'anyone signed in, their own' },
    { resource: SELF, allowed: USERS, note: 'a notification of theirs' },
    { resource: TARGET, allowed: [], note: 'someone else’s: nobody, platform admins neither' },
  ],
  'outbox.read': [{ resource: {}, allowed: ['system', 'platformAdmin'], note: 'platform admins' }],
  'actionPlan.manage': [
    {
      resource: { organizationId: 'org-1', organizationKind: 'CUSTOMS_ADMINISTRATION' },
      allowed: ['orgAdmin'],
      note: 'the administration’s admins, platform admins not',
    },
    { resource: { organizationId: 'org-2', organizationKind: 'CUSTOMS_ADMINISTRATION' }, allowed: ['otherOrgAdmin'], note: 'of their own administration only' },
    { resource: { organizationId: 'org-1', organizationKind: 'BUSINESS_ASSOCIATION' }, allowed: [], note: 'not for a business association' },
    { resource: { organizationId: 'org-1', organizationKind: 'PARTNER' }, allowed: [], note: 'not for a partner' },
    { resource: { organizationKind: 'CUSTOMS_ADMINISTRATION' }, allowed: [], note: 'no administration named' },
  ],
  'actionPlan.read': [
    { resource: { organizationId: 'org-1', visibility: 'PUBLIC' }, allowed: ALL, note: 'a published plan: everyone' },
    {
      resource: { organizationId: 'org-1', visibility: 'RESTRICTED' },
      allowed: ['system', 'platformAdmin', ...ORG_1_MEMBERS],
      note: 'a draft: the administration’s members and platform admins',
    },
    { resource: { organizationId: 'org-3', visibility: 'RESTRICTED' }, allowed: ['system', 'platformAdmin'], note: 'a draft of another administration' },
  ],
  'commitment.propose': [
    {
      resource: { organizationId: 'org-1', organizationKind: 'CUSTOMS_ADMINISTRATION' },
      allowed: ['signatory', 'liaison', 'orgAdmin'],
      note: 'commitment roles of a customs administration',
    },
    {
      resource: { organizationId: 'org-1', organizationKind: 'BUSINESS_ASSOCIATION' },
      allowed: ['signatory', 'liaison', 'orgAdmin'],
      note: 'commitment roles of a business association',
    },
    { resource: { organizationId: 'org-1', organizationKind: 'PARTNER' }, allowed: [], note: 'not for a partner' },
    { resource: { organizationId: 'org-2', organizationKind: 'BUSINESS_ASSOCIATION' }, allowed: ['otherOrgAdmin'], note: 'for their own organisation only' },
    { resource: { organizationKind: 'CUSTOMS_ADMINISTRATION' }, allowed: [], note: 'no organisation named: platform admins neither' },
  ],
  'commitment.read': [
    { resource: { visibility: 'PUBLIC', partyOrganizationIds: ['org-1', 'org-2'] }, allowed: ALL, note: 'an active commitment: everyone' },
    {
      resource: { visibility: 'RESTRICTED', partyOrganizationIds: ['org-1', 'org-2'] },
      allowed: ['system', 'platformAdmin', ...ORG_1_MEMBERS, 'otherOrgAdmin'],
      note: 'proposed: members of the parties and the monitor, platform admins',
    },
    { resource: { visibility: 'RESTRICTED', partyOrganizationIds: ['org-3'] }, allowed: ['system', 'platformAdmin'], note: 'proposed, no party present' },
    { resource: { visibility: 'RESTRICTED' }, allowed: ['system', 'platformAdmin'], note: 'no parties named' },
  ],
  'commitment.actForParty': [
    { resource: { organizationId: 'org-1', userId: 'target' }, allowed: ['signatory', 'liaison', 'orgAdmin'], note: 'the party’s commitment roles' },
    { resource: { organizationId: 'org-1', userId: 'm' }, allowed: ORG_1_MEMBERS, note: 'and its responsible person, a plain member' },
    { resource: { organizationId: 'org-2', userId: 'm' }, allowed: ['otherOrgAdmin'], note: 'a responsible person no longer a member of the party: not them' },
    { resource: SELF, allowed: ORG_1_MEMBERS, note: 'the responsible person while a member (platform admins not)' },
    { resource: {}, allowed: [], note: 'no party named' },
  ],
  'milestone.attest': [
    { resource: ORG, allowed: ['signatory', 'liaison', 'orgAdmin'], note: 'the monitor’s commitment roles, platform admins not' },
    { resource: { organizationId: 'org-2' }, allowed: ['otherOrgAdmin'], note: 'of their own monitor organisation only' },
    { resource: {}, allowed: [], note: 'no monitor' },
  ],
};

const resourceFor = (who: Who, resource: Case['resource']): Resource => {
  if (resource !== SELF) return resource;
  const actor = ACTORS[who] as Actor;
  return { organizationId: 'org-1', userId: actor.kind === 'user' ? actor.userId : 'nobody', userOrganizationIds: [] };
};

describe('policy: every rule', () => {
  it('has a row for every action', () => {
    expect(Object.keys(table).sort()).toEqual([...ACTIONS].sort());
  });

  for (const action of ACTIONS) {
    for (const { resource, allowed, note } of table[action]) {
      it(`${action} (${note}): ${allowed.length ? allowed.join(', ') : 'nobody'}`, () => {
        const actual = ALL.filter((who) => can(ACTORS[who] as Actor, action, resourceFor(who, resource)));
        expect(actual).toEqual(ALL.filter((who) => allowed.includes(who)));
      });
    }
  }
});

describe('policy', () => {
  it('denies unknown actions to everyone, platform admins included, and inherited names too', () => {
    for (const action of ['nothing.like.this', 'toString', '__proto__', 'constructor', 'hasOwnProperty']) {
      for (const who of ALL) expect(can(ACTORS[who] as Actor, action as Action), `${who} ${action}`).toBe(false);
      expect(() => authorize(ACTORS.platformAdmin, action as Action)).toThrow(ForbiddenError);
    }
  });

  it('tells anonymous actors to sign in, and others that they may not', () => {
    expect(() => authorize({ kind: 'anonymous' }, 'organization.create')).toThrow(NotAuthenticatedError);
    expect(() => authorize(ACTORS.member, 'membership.invite', ORG)).toThrow(ForbiddenError);
    expect(() => authorize(ACTORS.orgAdmin, 'membership.invite', ORG)).not.toThrow();
  });

  it('exports its role sets, which the rules use', () => {
    expect(SIGNING_ROLES).toEqual(['SIGNATORY', 'ORG_ADMIN']);
    expect(PLEDGE_MANAGER_ROLES).toEqual(['ORG_ADMIN', 'SIGNATORY']);
    expect(ORG_ADMIN_ROLES).toEqual(['ORG_ADMIN']);
    expect(ISSUE_HANDLER_ROLES).toEqual(['LIAISON_OFFICER', 'ORG_ADMIN']);
    expect([...COMMITMENT_ROLES].sort()).toEqual(['LIAISON_OFFICER', 'ORG_ADMIN', 'SIGNATORY']);
    expect([...MEMBER_ROLES].sort()).toEqual(['LIAISON_OFFICER', 'MEMBER', 'ORG_ADMIN', 'SIGNATORY']);
  });
});
