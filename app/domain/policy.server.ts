// The one authorisation policy: every permission decision of the web pages, GraphQL and sockets is a rule here.
// Deny by default: an action with no rule is refused for everyone. Each rule is unit-tested in tests/unit/policy.test.ts.
import type { MembershipRole } from '../../prisma/generated/client/enums';
import { type Actor, roleIn } from './actor.server';
import { ForbiddenError, NotAuthenticatedError } from './errors.server';

/**
 * What an action is about. `userId`: the user acted on or looked at. `userOrganizationIds`: the organisations that
 * user belongs to (for `user.read`, which allows members of a shared organisation).
 */
export type Resource = {
  organizationId?: string;
  userId?: string;
  organizationKind?: string;
  userOrganizationIds?: readonly string[];
  /** Issues: the organisations party to it (the administration, and the reporter's organisation when named). */
  partyOrganizationIds?: readonly string[];
  /** Issues: PUBLIC or RESTRICTED. */
  visibility?: string;
};
type Rule = (actor: Actor, resource: Resource) => boolean;

/** Roles that sign, withdraw and renew pledges on behalf of their organisation. */
export const SIGNING_ROLES = ['SIGNATORY', 'ORG_ADMIN'] as const satisfies readonly MembershipRole[];
/** Roles that draft and manage pledges for a partner organisation. */
export const PLEDGE_MANAGER_ROLES = ['ORG_ADMIN', 'SIGNATORY'] as const satisfies readonly MembershipRole[];
/** Roles that administer an organisation: members, roles, invitations, its profile. */
export const ORG_ADMIN_ROLES = ['ORG_ADMIN'] as const satisfies readonly MembershipRole[];
/** Roles of a customs administration that handle issues raised about it (and may be assigned them). */
export const ISSUE_HANDLER_ROLES = ['LIAISON_OFFICER', 'ORG_ADMIN'] as const satisfies readonly MembershipRole[];
/**
 * Roles that act for their organisation in joint commitments and action plans (propose, accept, decline, confirm,
 * dispute, agree to cancel, attest as monitor), besides the party's named responsible person.
 */
export const COMMITMENT_ROLES = ['ORG_ADMIN', 'SIGNATORY', 'LIAISON_OFFICER'] as const satisfies readonly MembershipRole[];
/** Every role: any member of an organisation. */
export const MEMBER_ROLES = ['MEMBER', 'SIGNATORY', 'LIAISON_OFFICER', 'ORG_ADMIN'] as const satisfies readonly MembershipRole[];

const isUser = (actor: Actor) => actor.kind === 'user';
/** A person who is a platform administrator (not the system actor). */
const isAdminPerson = (actor: Actor) => actor.kind === 'user' && actor.isPlatformAdmin;
/** A platform administrator, or the platform itself (seeding, maintenance). */
const isPlatformAdmin = (actor: Actor) => actor.kind === 'system' || isAdminPerson(actor);
const hasRole =
  (roles: readonly MembershipRole[]): Rule =>
  (actor, { organizationId }) => {
    if (!organizationId) return false;
    const role = roleIn(actor, organizationId);
    return role !== null && roles.includes(role);
  };
const either =
  (...rules: Rule[]): Rule =>
  (actor, resource) =>
    rules.some((rule) => rule(actor, resource));
const self: Rule = (actor, { userId }) => actor.kind === 'user' && userId !== undefined && actor.userId === userId;
const platformAdmin: Rule = (actor) => isPlatformAdmin(actor);
const orgAdmin = either(platformAdmin, hasRole(ORG_ADMIN_ROLES));
const orgMember = either(orgAdmin, hasRole(MEMBER_ROLES));
/** The actor and the user looked at belong to a common organisation. */
/** The actor is a member (any role) of one of the organisations party to the subject. */
const memberOfParty: Rule = (actor, { partyOrganizationIds }) =>
  actor.kind === 'user' && !!partyOrganizationIds && actor.memberships.some((m) => partyOrganizationIds.includes(m.organizationId));
const sharesOrganization: Rule = (actor, { userOrganizationIds }) =>
  actor.kind === 'user' && !!userOrganizationIds && actor.memberships.some((m) => userOrganizationIds.includes(m.organizationId));

export const rules = {
  'user.signUp': () => true,
  'user.provision': (actor) => actor.kind === 'system',
  // A person is visible to themself, platform administrators and members of an organisation they belong to.
  'user.read': either(self, platformAdmin, sharesOrganization),
  // A user's email address, wherever it is shown outside an organisation: themself and platform administrators.
  'user.readEmail': either(self, platformAdmin),
  'user.updatePreferences': self,
  // Password reset: holding the emailed link is the authorisation (the domain checks the token); anyone may ask for one.
  'user.resetPassword': () => true,
  // Two-factor sign-in: each person sets up and replaces their own; a platform administrator who has it keeps it.
  'user.manageTwoFactor': self,
  'user.disableTwoFactor': (actor, resource) => self(actor, resource) && !isAdminPerson(actor),
  'session.revoke': either(self, platformAdmin),
  'organization.create': (actor) => isUser(actor) || actor.kind === 'system',
  'organization.update': orgAdmin,
  'organization.verify': platformAdmin,
  // The register of organisations awaiting verification or flagged for a similar name.
  'organization.review': platformAdmin,
  // Members see their organisation's members and its activity; platform administrators see every organisation's.
  'organization.readMembers': orgMember,
  'organization.readAudit': orgMember,
  // The members page (roles, invitations): the organisation's administrators.
  'organization.manageMembers': orgAdmin,
  // A member's email address in a member list: the member themself, the organisation's administrators, platform admins.
  'membership.readEmail': either(self, orgAdmin),
  'membership.add': platformAdmin,
  'membership.invite': orgAdmin,
  'membership.revokeInvitation': orgAdmin,
  'membership.setRole': orgAdmin,
  // Administrators remove members; a member may leave (remove themself).
  'membership.remove': either(orgAdmin, self),
  'invitation.accept': isUser,
  'audit.readAll': platformAdmin,
  // Pledges are drafted by platform administrators and by partner organisations' administrators and signatories.
  // (People only: a pledge records who drafted and published it.)
  'pledge.draft': either(isAdminPerson, (a, r) => r.organizationKind === 'PARTNER' && hasRole(PLEDGE_MANAGER_ROLES)(a, r)),
  // Editing, publishing versions and closing: platform administrators, or the owning partner's admins and signatories.
  // Drafts are visible to exactly those who may manage them.
  'pledge.manage': either(isAdminPerson, hasRole(PLEDGE_MANAGER_ROLES)),
  // Signing on behalf of an organisation: its SIGNATORY or ORG_ADMIN, nobody else (platform administrators neither).
  'pledge.sign': hasRole(SIGNING_ROLES),
  // Withdrawing a signature and renewing it with a progress report: the same roles of the signing organisation.
  'pledge.withdraw': hasRole(SIGNING_ROLES),
  'pledge.renew': hasRole(SIGNING_ROLES),
  // Issues. Named: any member of a business association, for that organisation (resource: the reporter's
  // organisation and its kind). Anonymous: anyone, signed in or not; nothing about the person is kept.
  'issue.raise': (a, r) => r.organizationKind === 'BUSINESS_ASSOCIATION' && hasRole(MEMBER_ROLES)(a, r),
  'issue.raiseAnonymously': () => true,
  // Reading: a public issue, everyone; a restricted one (every anonymous one is), members of the parties (resource:
  // partyOrganizationIds = the administration and the reporter's organisation) and platform administrators.
  'issue.read': either((_a, r) => r.visibility === 'PUBLIC', platformAdmin, memberOfParty),
  // Assigning, acknowledging, responding, resolving, rejecting: the administration's liaison officers and
  // administrators (resource: organizationId = the administration). Platform administrators read but do not handle.
  'issue.handle': hasRole(ISSUE_HANDLER_ROLES),
  // Who may be assigned an issue (the actor here is the prospective assignee): the same roles.
  'issue.beAssigned': hasRole(ISSUE_HANDLER_ROLES),
  // The reporter's acts (adding information and files, reopening): the person who raised it, or an administrator of
  // the reporting organisation (resource: userId = raisedById, organizationId = reporterOrganizationId). The
  // anonymous reporter acts through the receipt code instead, which the domain checks.
  'issue.actAsReporter': either(self, hasRole(ORG_ADMIN_ROLES)),
  // A de-identified public summary of an anonymous issue.
  'issue.publishSummary': platformAdmin,
  // A customs administration's offices and border posts, and its deadlines for issues: its administrators and
  // platform administrators (resource: organizationId = the administration).
  'office.manage': orgAdmin,
  'administration.configureDeadlines': orgAdmin,
  // Each person reads and marks their own notifications and sets their own email preferences (resource: userId, the
  // owner, when the domain checks a given notification).
  'notification.manageOwn': (actor, { userId }) => actor.kind === 'user' && (userId === undefined || actor.userId === userId),
  // National integrity action plans: a customs administration's administrators create, edit and publish them
  // (resource: organizationId = the administration, organizationKind). A draft is read by the administration's
  // members and platform administrators; a published plan by everyone (resource: visibility PUBLIC when published).
  'actionPlan.manage': (a, r) => r.organizationKind === 'CUSTOMS_ADMINISTRATION' && hasRole(ORG_ADMIN_ROLES)(a, r),
  'actionPlan.read': either((_a, r) => r.visibility === 'PUBLIC', platformAdmin, hasRole(MEMBER_ROLES)),
  // Joint commitments. Proposing binds the proposer's organisation (its party is accepted at once): the commitment
  // roles of a customs administration or business association (resource: organizationId, organizationKind).
  'commitment.propose': (a, r) =>
    (r.organizationKind === 'CUSTOMS_ADMINISTRATION' || r.organizationKind === 'BUSINESS_ASSOCIATION') && hasRole(COMMITMENT_ROLES)(a, r),
  // Reading: once every party accepted it (resource: visibility PUBLIC), everyone; while proposed, members of the
  // parties and of the monitor (partyOrganizationIds), and platform administrators.
  'commitment.read': either((_a, r) => r.visibility === 'PUBLIC', platformAdmin, memberOfParty),
  // Acting for a party (answering, milestones, confirming, disputing, agreeing to cancel, importing progress): the
  // party's named responsible person while a member of it, or its commitment roles (resource: organizationId = the
  // party's organisation, userId = its responsible person). Platform administrators read but do not act.
  'commitment.actForParty': either((a, r) => self(a, r) && hasRole(MEMBER_ROLES)(a, r), hasRole(COMMITMENT_ROLES)),
  // The monitor's attestation of a completed milestone: the monitor organisation's commitment roles (resource:
  // organizationId = the monitor).
  'milestone.attest': hasRole(COMMITMENT_ROLES),
  // The outbox folder of emails written without SMTP.
  'outbox.read': platformAdmin,
} satisfies Record<string, Rule>;

export type Action = keyof typeof rules;
export const ACTIONS = Object.keys(rules) as Action[];

export function can(actor: Actor, action: Action, resource: Resource = {}): boolean {
  if (!Object.hasOwn(rules, action)) return false;
  const rule: Rule = (rules as Record<string, Rule>)[action];
  return rule(actor, resource);
}

/** Throw unless the actor may perform the action: NotAuthenticated for anonymous actors, Forbidden otherwise. */
export function authorize(actor: Actor, action: Action, resource: Resource = {}): void {
  if (can(actor, action, resource)) return;
  if (actor.kind === 'anonymous') throw new NotAuthenticatedError();
  throw new ForbiddenError();
}
