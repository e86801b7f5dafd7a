// The one authorisation policy. Deny by default: an action with no rule is refused for everyone.
import type { MembershipRole } from '../../prisma/generated/client/enums';
import { type Actor, roleIn } from './actor.server';
import { ForbiddenError, NotAuthenticatedError } from './errors.server';

type Resource = { organizationId?: string; userId?: string; organizationKind?: string };
type Rule = (actor: Actor, resource: Resource) => boolean;

const isUser = (actor: Actor) => actor.kind === 'user';
const isPlatformAdmin = (actor: Actor) => actor.kind === 'system' || (actor.kind === 'user' && actor.isPlatformAdmin);
const hasRole =
  (...roles: MembershipRole[]): Rule =>
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
const orgAdmin = either((a) => isPlatformAdmin(a), hasRole('ORG_ADMIN'));

export const rules = {
  'user.signUp': () => true,
  'user.provision': (actor) => actor.kind === 'system',
  'membership.add': (actor) => isPlatformAdmin(actor),
  'user.updatePreferences': self,
  'session.revoke': either(self, (a) => isPlatformAdmin(a)),
  'organization.create': (actor) => isUser(actor) || actor.kind === 'system',
  'organization.update': orgAdmin,
  'organization.verify': (actor) => isPlatformAdmin(actor),
  'organization.readMembers': either(orgAdmin, hasRole('MEMBER', 'SIGNATORY', 'LIAISON_OFFICER')),
  'organization.readAudit': either(orgAdmin, hasRole('MEMBER', 'SIGNATORY', 'LIAISON_OFFICER')),
  'membership.invite': orgAdmin,
  'membership.revokeInvitation': orgAdmin,
  'membership.setRole': orgAdmin,
  'membership.remove': either(orgAdmin, self),
  'invitation.accept': (actor) => isUser(actor),
  'audit.readAll': (actor) => isPlatformAdmin(actor),
  // Pledges are drafted by platform administrators and by partner organisations' administrators and signatories.
  // (People only: a pledge records who drafted and published it.)
  'pledge.draft': either(
    (a) => a.kind === 'user' && a.isPlatformAdmin,
    (a, r) => r.organizationKind === 'PARTNER' && hasRole('ORG_ADMIN', 'SIGNATORY')(a, r),
  ),
  // Editing, publishing versions and closing: platform administrators, or the owning partner's admins and signatories.
  'pledge.manage': either((a) => a.kind === 'user' && a.isPlatformAdmin, hasRole('ORG_ADMIN', 'SIGNATORY')),
  // Signing, withdrawing and renewing on behalf of an organisation: its SIGNATORY or ORG_ADMIN, nobody else.
  'pledge.sign': hasRole('SIGNATORY', 'ORG_ADMIN'),
} satisfies Record<string, Rule>;

export type Action = keyof typeof rules;

export function can(actor: Actor, action: Action, resource: Resource = {}): boolean {
  const rule: Rule | undefined = (rules as Record<string, Rule>)[action];
  if (!rule) return false;
  return rule(actor, resource);
}

/** Throw unless the actor may perform the action: NotAuthenticated for anonymous actors, Forbidden otherwise. */
export function authorize(actor: Actor, action: Action, resource: Resource = {}): void {
  if (can(actor, action, resource)) return;
  if (actor.kind === 'anonymous') throw new NotAuthenticatedError();
  throw new ForbiddenError();
}
