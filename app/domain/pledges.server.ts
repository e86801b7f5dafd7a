// Integrity pledges: versioned codes of conduct that organisations co-sign, withdraw from, and renew with progress
// reports. Every function validates, authorises, writes and audits in one transaction.
import { type Actor, actorId } from './actor.server';
import { type DomainContext, type Tx, command, isUniqueViolation, nowOf, withFreeSlug } from './context.server';
import { ConflictError, type DomainError, ForbiddenError, NotAuthenticatedError, NotFoundError, ValidationError, parseInput } from './errors.server';
import { slugify } from './organizations.server';
import { CURRENT_SIGNATURE, type SignIneligibility, canSeePledge, signEligibility } from './pledge-queries.server';
import { type Audience, type OrgKind, confirmationMatches, renewalDue, signatureStatus } from './pledge-rules';
import { authorize } from './policy.server';
import {
  ClosePledgeSchema,
  PledgeDraftSchema,
  PublishPledgeSchema,
  PublishPledgeVersionSchema,
  RenewPledgeSignatureSchema,
  SignPledgeSchema,
  WithdrawPledgeSignatureSchema,
} from './pledge-schemas';

export { canSeePledge, visiblePledgesWhere } from './pledge-queries.server';

type LockedPledge = {
  id: string;
  status: 'DRAFT' | 'PUBLISHED' | 'CLOSED';
  audience: Audience;
  currentVersion: number;
  renewalMonths: number | null;
  ownerOrganizationId: string | null;
  title: string;
  body: string;
  factors: string[];
};

/**
 * Re-read a pledge inside the command's transaction and lock its row: FOR UPDATE for commands that change the pledge
 * itself, FOR SHARE for those that only depend on it (signing, renewing), so they wait for a close or a new version
 * being written, and a close waits for them. NotFound when it does not exist or the actor may not see it (a hidden
 * draft answers like a missing pledge); then the policy decides.
 */
async function lockPledge(tx: Tx, actor: Actor, pledgeId: string, mode: 'update' | 'share'): Promise<LockedPledge> {
  const rows =
    mode === 'update'
      ? await tx.$queryRaw<
          LockedPledge[]
        >`SELECT "id", "status"::text AS "status", "audience"::text AS "audience", "currentVersion", "renewalMonths", "ownerOrganizationId", "title", "body", "factors"::text[] AS "factors" FROM "Pledge" WHERE "id" = ${pledgeId} FOR UPDATE`
      : await tx.$queryRaw<
          LockedPledge[]
        >`SELECT "id", "status"::text AS "status", "audience"::text AS "audience", "currentVersion", "renewalMonths", "ownerOrganizationId", "title", "body", "factors"::text[] AS "factors" FROM "Pledge" WHERE "id" = ${pledgeId} FOR SHARE`;
  const pledge = rows[0];
  if (!pledge || !canSeePledge(actor, pledge)) throw new NotFoundError();
  return pledge;
}

const managerOf = (pledge: { ownerOrganizationId: string | null }) => ({ organizationId: pledge.ownerOrganizationId ?? undefined });
const notPublished = (status: string) => new ConflictError(status === 'DRAFT' ? 'errors.pledgeNotPublished' : 'errors.pledgeClosed');

/** Draft a new pledge. Platform administrators, or administrators and signatories of a partner organisation. */
export async function createPledgeDraft(ctx: DomainContext, input: unknown) {
  const data = parseInput(PledgeDraftSchema, input);
  return withFreeSlug(slugify(data.title), (slug) =>
    command(ctx, async (tx, audit) => {
      let organizationKind: string | undefined;
      if (data.ownerOrganizationId) {
        const owner = await tx.organization.findUnique({ where: { id: data.ownerOrganizationId }, select: { kind: true } });
        if (!owner) throw ValidationError.field('ownerOrganizationId', 'errors.notFound');
        organizationKind = owner.kind;
      }
      authorize(ctx.actor, 'pledge.draft', { organizationId: data.ownerOrganizationId ?? undefined, organizationKind });
      // Platform administrators may name an owner, but only a partner organisation owns a pledge.
      if (organizationKind && organizationKind !== 'PARTNER') throw ValidationError.field('ownerOrganizationId', 'errors.ownerMustBePartner');
      const pledge = await tx.pledge.create({
        data: {
          slug,
          title: data.title,
          body: data.body,
          factors: data.factors,
          audience: data.audience,
          renewalMonths: data.renewalMonths ?? null,
          ownerOrganizationId: data.ownerOrganizationId ?? null,
          createdById: actorId(ctx.actor)!,
        },
      });
      await audit({
        action: 'pledge.drafted',
        subjectType: 'Pledge',
        subjectId: pledge.id,
        organizationId: pledge.ownerOrganizationId,
        data: { title: pledge.title, audience: pledge.audience, renewalMonths: pledge.renewalMonths },
      });
      return pledge;
    }),
  );
}

/** Edit a draft before it is published. A published pledge changes only by publishing a new version. */
export async function updatePledgeDraft(ctx: DomainContext, pledgeId: string, input: unknown) {
  const data = parseInput(PledgeDraftSchema.omit({ ownerOrganizationId: true }), input);
  return command(ctx, async (tx, audit) => {
    const pledge = await lockPledge(tx, ctx.actor, pledgeId, 'update');
    authorize(ctx.actor, 'pledge.manage', managerOf(pledge));
    if (pledge.status !== 'DRAFT') throw new ConflictError('errors.pledgeAlreadyPublished');
    const updated = await tx.pledge.update({
      where: { id: pledgeId },
      data: { title: data.title, body: data.body, factors: data.factors, audience: data.audience, renewalMonths: data.renewalMonths ?? null },
    });
    await audit({
      action: 'pledge.draft_updated',
      subjectType: 'Pledge',
      subjectId: pledgeId,
      organizationId: pledge.ownerOrganizationId,
      data: { title: updated.title },
    });
    return updated;
  });
}

/** Publish a draft as version 1: from now on organisations can sign it. */
export async function publishPledge(ctx: DomainContext, input: unknown) {
  const { pledgeId } = parseInput(PublishPledgeSchema, input);
  const now = nowOf(ctx);
  return command(ctx, async (tx, audit) => {
    const pledge = await lockPledge(tx, ctx.actor, pledgeId, 'update');
    authorize(ctx.actor, 'pledge.manage', managerOf(pledge));
    const claimed = await tx.pledge.updateMany({
      where: { id: pledgeId, status: 'DRAFT' },
      data: { status: 'PUBLISHED', publishedAt: now, currentVersion: 1 },
    });
    if (claimed.count !== 1) throw new ConflictError('errors.pledgeAlreadyPublished');
    const version = await tx.pledgeVersion.create({
      data: {
        pledgeId,
        number: 1,
        title: pledge.title,
        body: pledge.body,
        factors: pledge.factors as LockedFactors,
        publishedAt: now,
        publishedById: actorId(ctx.actor)!,
      },
    });
    await audit({
      action: 'pledge.published',
      subjectType: 'Pledge',
      subjectId: pledgeId,
      organizationId: pledge.ownerOrganizationId,
      data: { version: 1, versionId: version.id, title: version.title },
    });
    return tx.pledge.findUniqueOrThrow({ where: { id: pledgeId } });
  });
}

type LockedFactors = Parameters<Tx['pledgeVersion']['create']>[0]['data']['factors'];

/**
 * Publish a new version of a published pledge. Existing signatures stay attached to the version they signed; their
 * organisations are invited to re-sign (the pledge page and the dashboard show it).
 */
export async function publishPledgeVersion(ctx: DomainContext, input: unknown) {
  const data = parseInput(PublishPledgeVersionSchema, input);
  const now = nowOf(ctx);
  return command(ctx, async (tx, audit) => {
    const pledge = await lockPledge(tx, ctx.actor, data.pledgeId, 'update');
    authorize(ctx.actor, 'pledge.manage', managerOf(pledge));
    if (pledge.status !== 'PUBLISHED') throw notPublished(pledge.status);
    const number = pledge.currentVersion + 1;
    const claimed = await tx.pledge.updateMany({
      where: { id: pledge.id, status: 'PUBLISHED', currentVersion: pledge.currentVersion },
      data: { currentVersion: number, title: data.title, body: data.body, factors: data.factors },
    });
    if (claimed.count !== 1) throw new ConflictError('errors.pledgeChanged');
    const version = await tx.pledgeVersion.create({
      data: {
        pledgeId: pledge.id,
        number,
        title: data.title,
        body: data.body,
        factors: data.factors,
        changeNote: data.changeNote ?? null,
        publishedAt: now,
        publishedById: actorId(ctx.actor)!,
      },
    });
    const toReSign = await tx.pledgeSignature.count({ where: { pledgeId: pledge.id, ...CURRENT_SIGNATURE } });
    await audit({
      action: 'pledge.version_published',
      subjectType: 'Pledge',
      subjectId: pledge.id,
      organizationId: pledge.ownerOrganizationId,
      data: { version: number, versionId: version.id, changeNote: version.changeNote, signatoriesInvitedToReSign: toReSign },
    });
    return version;
  });
}

/** Close a pledge to new signatures. Existing signatures and the register stay. Only a published pledge closes, once. */
export async function closePledge(ctx: DomainContext, input: unknown) {
  const { pledgeId } = parseInput(ClosePledgeSchema, input);
  const now = nowOf(ctx);
  return command(ctx, async (tx, audit) => {
    const pledge = await lockPledge(tx, ctx.actor, pledgeId, 'update');
    authorize(ctx.actor, 'pledge.manage', managerOf(pledge));
    if (pledge.status !== 'PUBLISHED') throw notPublished(pledge.status);
    const closed = await tx.pledge.updateMany({ where: { id: pledgeId, status: 'PUBLISHED' }, data: { status: 'CLOSED', closedAt: now } });
    if (closed.count !== 1) throw new ConflictError('errors.pledgeClosed');
    await audit({ action: 'pledge.closed', subjectType: 'Pledge', subjectId: pledgeId, organizationId: pledge.ownerOrganizationId });
    return tx.pledge.findUniqueOrThrow({ where: { id: pledgeId } });
  });
}

/** The organisation's current signature (not withdrawn, not superseded), if any. */
export function currentSignature(ctx: Pick<DomainContext, 'db'>, pledgeId: string, organizationId: string) {
  return ctx.db.pledgeSignature.findFirst({ where: { pledgeId, organizationId, ...CURRENT_SIGNATURE }, include: { version: true } });
}

/** The domain error a sign-eligibility refusal stands for. */
export function ineligibilityError(refusal: SignIneligibility): DomainError {
  switch (refusal.code) {
    case 'NOT_AUTHENTICATED':
      return new NotAuthenticatedError();
    case 'FORBIDDEN':
      return new ForbiddenError(refusal.reason);
    case 'VALIDATION':
      return ValidationError.field(refusal.field ?? '_form', refusal.reason);
    default:
      return new ConflictError(refusal.reason, refusal.params);
  }
}

/**
 * Sign the current version on behalf of an organisation (its SIGNATORY or ORG_ADMIN), with the typed confirmation.
 * `versionNumber`, when given, is the version the signatory read: if another has been published since, nothing is
 * signed (ConflictError) and they read the new one first.
 * An organisation that signed an older version re-signs: the old signature is kept, marked superseded.
 * Everything it depends on (the pledge's status and version, the organisation, its current signature) is read inside
 * the transaction, the pledge's row locked, so a close or a new version committed meanwhile is seen.
 */
export async function signPledge(ctx: DomainContext, input: unknown) {
  const data = parseInput(SignPledgeSchema, input);
  // Refuse people without the role before touching the database.
  authorize(ctx.actor, 'pledge.sign', { organizationId: data.organizationId });
  const now = nowOf(ctx);
  try {
    return await command(ctx, async (tx, audit) => {
      const pledge = await lockPledge(tx, ctx.actor, data.pledgeId, 'share');
      const [organization] = await tx.$queryRaw<{ id: string; name: string; kind: OrgKind; verified: boolean; translations: unknown }[]>`
        SELECT "id", "name", "kind"::text AS "kind", "verified", "translations" FROM "Organization" WHERE "id" = ${data.organizationId} FOR SHARE`;
      if (!organization) throw new NotFoundError();
      const existing = await tx.pledgeSignature.findFirst({
        where: { pledgeId: pledge.id, organizationId: organization.id, ...CURRENT_SIGNATURE },
        include: { version: true },
      });
      const eligibility = signEligibility(ctx.actor, pledge, organization, existing ? { versionNumber: existing.version.number } : null);
      if (!eligibility.ok) throw ineligibilityError(eligibility);
      // The signatory read another version than the current one (a new one was published meanwhile): they sign
      // only a text they have seen.
      if (data.versionNumber !== undefined && data.versionNumber !== pledge.currentVersion) throw new ConflictError('errors.pledgeVersionChanged');
      // The sentence names the organisation as the signatory's page did: its registered name or its translation.
      if (!confirmationMatches(data.confirmation, organization)) throw ValidationError.field('confirmation', 'errors.confirmation');
      const version = await tx.pledgeVersion.findUniqueOrThrow({ where: { pledgeId_number: { pledgeId: pledge.id, number: pledge.currentVersion } } });
      if (existing) await tx.pledgeSignature.update({ where: { id: existing.id }, data: { supersededAt: now } });
      // Signing again after a withdrawal: the new signature takes the withdrawn one's place in the register
      // (the withdrawal, with its reason, stays in the pledge's history).
      await tx.pledgeSignature.updateMany({
        where: { pledgeId: pledge.id, organizationId: organization.id, supersededAt: null, withdrawnAt: { not: null } },
        data: { supersededAt: now },
      });
      const signature = await tx.pledgeSignature.create({
        data: {
          pledgeId: pledge.id,
          versionId: version.id,
          organizationId: organization.id,
          signedById: actorId(ctx.actor)!,
          statement: data.statement ?? null,
          signedAt: now,
          lastRenewedAt: now,
          lapsesAt: renewalDue(now, pledge.renewalMonths),
        },
      });
      // On the pledge (for its timeline and, later, its real-time thread) and on the organisation's activity.
      await audit({
        action: existing ? 'pledge.resigned' : 'pledge.signed',
        subjectType: 'Pledge',
        subjectId: pledge.id,
        organizationId: organization.id,
        data: { signatureId: signature.id, version: version.number, statement: signature.statement, previousVersion: existing?.version.number ?? null },
      });
      return signature;
    });
  } catch (error) {
    // Two signatories of one organisation signing at the same moment: the partial unique index lets one through.
    if (isUniqueViolation(error)) throw new ConflictError('errors.alreadySigned');
    throw error;
  }
}

/**
 * Re-read and lock a signature inside the transaction, with its pledge (locked for share, so a close waits), and
 * check that the actor may act on it and that it still stands.
 */
async function lockOwnSignature(tx: Tx, ctx: DomainContext, signatureId: string, action: 'pledge.withdraw' | 'pledge.renew') {
  const [row] = await tx.$queryRaw<{ id: string; pledgeId: string; organizationId: string }[]>`
    SELECT "id", "pledgeId", "organizationId" FROM "PledgeSignature" WHERE "id" = ${signatureId} FOR UPDATE`;
  if (!row) throw new NotFoundError();
  authorize(ctx.actor, action, { organizationId: row.organizationId });
  const pledge = await lockPledge(tx, ctx.actor, row.pledgeId, 'share');
  const signature = await tx.pledgeSignature.findUniqueOrThrow({ where: { id: signatureId } });
  if (signature.supersededAt) throw new ConflictError('errors.signatureSuperseded');
  if (signature.withdrawnAt) throw new ConflictError('errors.signatureWithdrawn');
  return { signature, pledge };
}

/** Withdraw a signature, with a reason that stays visible in the public register. */
export async function withdrawPledgeSignature(ctx: DomainContext, input: unknown) {
  const data = parseInput(WithdrawPledgeSignatureSchema, input);
  return command(ctx, async (tx, audit) => {
    const { signature } = await lockOwnSignature(tx, ctx, data.signatureId, 'pledge.withdraw');
    const claimed = await tx.pledgeSignature.updateMany({
      where: { id: signature.id, withdrawnAt: null, supersededAt: null },
      data: { withdrawnAt: nowOf(ctx), withdrawnById: actorId(ctx.actor), withdrawalReason: data.reason },
    });
    if (claimed.count !== 1) throw new ConflictError('errors.signatureWithdrawn');
    await audit({
      action: 'pledge.withdrawn',
      subjectType: 'Pledge',
      subjectId: signature.pledgeId,
      organizationId: signature.organizationId,
      data: { signatureId: signature.id, reason: data.reason },
    });
    return tx.pledgeSignature.findUniqueOrThrow({ where: { id: signature.id } });
  });
}

/** Renew a signature by filing a progress report; it appears in the pledge's timeline. A lapsed one becomes active. */
export async function renewPledgeSignature(ctx: DomainContext, input: unknown) {
  const data = parseInput(RenewPledgeSignatureSchema, input);
  const now = nowOf(ctx);
  return command(ctx, async (tx, audit) => {
    const { signature, pledge } = await lockOwnSignature(tx, ctx, data.signatureId, 'pledge.renew');
    if (pledge.status === 'CLOSED') throw new ConflictError('errors.pledgeClosed');
    const before = signatureStatus(signature, pledge.renewalMonths, now);
    const report = await tx.pledgeProgressReport.create({
      data: {
        pledgeId: signature.pledgeId,
        signatureId: signature.id,
        organizationId: signature.organizationId,
        body: data.report,
        links: data.links,
        createdById: actorId(ctx.actor)!,
        createdAt: now,
      },
    });
    const renewed = await tx.pledgeSignature.update({
      where: { id: signature.id },
      data: { lastRenewedAt: now, lapsesAt: renewalDue(now, pledge.renewalMonths) },
    });
    await audit({
      action: 'pledge.renewed',
      subjectType: 'Pledge',
      subjectId: signature.pledgeId,
      organizationId: signature.organizationId,
      data: { signatureId: signature.id, reportId: report.id, statusBefore: before, links: data.links },
    });
    return { signature: renewed, report };
  });
}
