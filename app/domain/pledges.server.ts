// Integrity pledges: versioned codes of conduct that organisations co-sign, withdraw from, and renew with progress
// reports. Every function validates, authorises, writes and audits in one transaction.
import { type Actor, actorId } from './actor.server';
import { type DomainContext, command, isUniqueViolation, nowOf, withFreeSlug } from './context.server';
import { ConflictError, NotFoundError, ValidationError, parseInput } from './errors.server';
import { slugify } from './organizations.server';
import { audienceAdmits, confirmationMatches, signatureStatus } from './pledge-rules';
import { authorize, can } from './policy.server';
import {
  ClosePledgeSchema,
  PledgeDraftSchema,
  PublishPledgeSchema,
  PublishPledgeVersionSchema,
  RenewPledgeSignatureSchema,
  SignPledgeSchema,
  WithdrawPledgeSignatureSchema,
} from './pledge-schemas';

/** Drafts are visible only to those who may manage them; published and closed pledges to everyone. */
export function canSeePledge(actor: Actor, pledge: { status: string; ownerOrganizationId: string | null }) {
  return pledge.status !== 'DRAFT' || can(actor, 'pledge.manage', { organizationId: pledge.ownerOrganizationId ?? undefined });
}

/** The same rule as a Prisma filter, for lists and lookups. */
export function visiblePledgesWhere(actor: Actor) {
  if (actor.kind === 'user' && actor.isPlatformAdmin) return {};
  const managed = actor.kind === 'user' ? actor.memberships.filter((m) => m.role === 'ORG_ADMIN' || m.role === 'SIGNATORY').map((m) => m.organizationId) : [];
  return { OR: [{ status: { not: 'DRAFT' as const } }, { ownerOrganizationId: { in: managed } }] };
}

async function loadPledge(ctx: DomainContext, pledgeId: string) {
  const pledge = await ctx.db.pledge.findUnique({ where: { id: pledgeId } });
  if (!pledge) throw new NotFoundError();
  return pledge;
}

/** Draft a new pledge. Platform administrators, or administrators and signatories of a partner organisation. */
export async function createPledgeDraft(ctx: DomainContext, input: unknown) {
  const data = parseInput(PledgeDraftSchema, input);
  let organizationKind: string | undefined;
  if (data.ownerOrganizationId) {
    const owner = await ctx.db.organization.findUnique({ where: { id: data.ownerOrganizationId } });
    if (!owner) throw ValidationError.field('ownerOrganizationId', 'errors.notFound');
    organizationKind = owner.kind;
  }
  authorize(ctx.actor, 'pledge.draft', { organizationId: data.ownerOrganizationId ?? undefined, organizationKind });
  // Platform administrators may name an owner, but only a partner organisation owns a pledge.
  if (organizationKind && organizationKind !== 'PARTNER') throw ValidationError.field('ownerOrganizationId', 'errors.ownerMustBePartner');
  return withFreeSlug(slugify(data.title), (slug) =>
    command(ctx, async (tx, audit) => {
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
  const pledge = await loadPledge(ctx, pledgeId);
  authorize(ctx.actor, 'pledge.manage', { organizationId: pledge.ownerOrganizationId ?? undefined });
  const data = parseInput(PledgeDraftSchema.omit({ ownerOrganizationId: true }), input);
  if (pledge.status !== 'DRAFT') throw new ConflictError('errors.pledgeAlreadyPublished');
  return command(ctx, async (tx, audit) => {
    const updated = await tx.pledge.update({
      where: { id: pledgeId },
      data: { title: data.title, body: data.body, factors: data.factors, audience: data.audience, renewalMonths: data.renewalMonths ?? null },
    });
    await audit({ action: 'pledge.draft_updated', subjectType: 'Pledge', subjectId: pledgeId, organizationId: pledge.ownerOrganizationId, data: { title: updated.title } });
    return updated;
  });
}

/** Publish a draft as version 1: from now on organisations can sign it. */
export async function publishPledge(ctx: DomainContext, input: unknown) {
  const { pledgeId } = parseInput(PublishPledgeSchema, input);
  const pledge = await loadPledge(ctx, pledgeId);
  authorize(ctx.actor, 'pledge.manage', { organizationId: pledge.ownerOrganizationId ?? undefined });
  if (pledge.status !== 'DRAFT') throw new ConflictError('errors.pledgeAlreadyPublished');
  const now = nowOf(ctx);
  return command(ctx, async (tx, audit) => {
    const claimed = await tx.pledge.updateMany({ where: { id: pledgeId, status: 'DRAFT' }, data: { status: 'PUBLISHED', publishedAt: now, currentVersion: 1 } });
    if (claimed.count !== 1) throw new ConflictError('errors.pledgeAlreadyPublished');
    const version = await tx.pledgeVersion.create({
      data: { pledgeId, number: 1, title: pledge.title, body: pledge.body, factors: pledge.factors, publishedAt: now, publishedById: actorId(ctx.actor)! },
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

/**
 * Publish a new version of a published pledge. Existing signatures stay attached to the version they signed; their
 * organisations are invited to re-sign (the pledge page and the dashboard show it).
 */
export async function publishPledgeVersion(ctx: DomainContext, input: unknown) {
  const data = parseInput(PublishPledgeVersionSchema, input);
  const pledge = await loadPledge(ctx, data.pledgeId);
  authorize(ctx.actor, 'pledge.manage', { organizationId: pledge.ownerOrganizationId ?? undefined });
  if (pledge.status !== 'PUBLISHED') throw new ConflictError(pledge.status === 'DRAFT' ? 'errors.pledgeNotPublished' : 'errors.pledgeClosed');
  const now = nowOf(ctx);
  return command(ctx, async (tx, audit) => {
    const number = pledge.currentVersion + 1;
    const claimed = await tx.pledge.updateMany({
      where: { id: pledge.id, currentVersion: pledge.currentVersion },
      data: { currentVersion: number, title: data.title, body: data.body, factors: data.factors },
    });
    if (claimed.count !== 1) throw new ConflictError('errors.pledgeChanged');
    const version = await tx.pledgeVersion.create({
      data: { pledgeId: pledge.id, number, title: data.title, body: data.body, factors: data.factors, changeNote: data.changeNote ?? null, publishedAt: now, publishedById: actorId(ctx.actor)! },
    });
    const toReSign = await tx.pledgeSignature.count({ where: { pledgeId: pledge.id, withdrawnAt: null, supersededAt: null } });
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

/** Close a pledge to new signatures. Existing signatures and the register stay. */
export async function closePledge(ctx: DomainContext, input: unknown) {
  const { pledgeId } = parseInput(ClosePledgeSchema, input);
  const pledge = await loadPledge(ctx, pledgeId);
  authorize(ctx.actor, 'pledge.manage', { organizationId: pledge.ownerOrganizationId ?? undefined });
  if (pledge.status !== 'PUBLISHED') throw new ConflictError(pledge.status === 'DRAFT' ? 'errors.pledgeNotPublished' : 'errors.pledgeClosed');
  return command(ctx, async (tx, audit) => {
    const closed = await tx.pledge.update({ where: { id: pledgeId }, data: { status: 'CLOSED', closedAt: nowOf(ctx) } });
    await audit({ action: 'pledge.closed', subjectType: 'Pledge', subjectId: pledgeId, organizationId: pledge.ownerOrganizationId });
    return closed;
  });
}

/** The organisation's current signature (not withdrawn, not superseded), if any. */
export function currentSignature(ctx: DomainContext, pledgeId: string, organizationId: string) {
  return ctx.db.pledgeSignature.findFirst({ where: { pledgeId, organizationId, withdrawnAt: null, supersededAt: null }, include: { version: true } });
}

/**
 * Sign the current version on behalf of an organisation (its SIGNATORY or ORG_ADMIN), with the typed confirmation.
 * An organisation that signed an older version re-signs: the old signature is kept, marked superseded.
 */
export async function signPledge(ctx: DomainContext, input: unknown) {
  const data = parseInput(SignPledgeSchema, input);
  authorize(ctx.actor, 'pledge.sign', { organizationId: data.organizationId });
  const [pledge, organization] = await Promise.all([
    loadPledge(ctx, data.pledgeId),
    ctx.db.organization.findUnique({ where: { id: data.organizationId } }),
  ]);
  if (!organization) throw new NotFoundError();
  if (pledge.status !== 'PUBLISHED') throw new ConflictError(pledge.status === 'DRAFT' ? 'errors.pledgeNotPublished' : 'errors.pledgeClosed');
  if (!audienceAdmits(pledge.audience, organization.kind)) throw ValidationError.field('organizationId', `errors.pledgeAudience.${pledge.audience}`);
  if (!confirmationMatches(data.confirmation, organization.name)) throw ValidationError.field('confirmation', 'errors.confirmation');
  const now = nowOf(ctx);
  try {
    return await command(ctx, async (tx, audit) => {
      const version = await tx.pledgeVersion.findUniqueOrThrow({ where: { pledgeId_number: { pledgeId: pledge.id, number: pledge.currentVersion } } });
      const existing = await tx.pledgeSignature.findFirst({
        where: { pledgeId: pledge.id, organizationId: organization.id, withdrawnAt: null, supersededAt: null },
        include: { version: true },
      });
      if (existing && existing.versionId === version.id) throw new ConflictError('errors.alreadySigned');
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

async function loadOwnSignature(ctx: DomainContext, signatureId: string) {
  const signature = await ctx.db.pledgeSignature.findUnique({ where: { id: signatureId }, include: { pledge: true } });
  if (!signature) throw new NotFoundError();
  authorize(ctx.actor, 'pledge.sign', { organizationId: signature.organizationId });
  if (signature.supersededAt) throw new ConflictError('errors.signatureSuperseded');
  if (signature.withdrawnAt) throw new ConflictError('errors.signatureWithdrawn');
  return signature;
}

/** Withdraw a signature, with a reason that stays visible in the public register. */
export async function withdrawPledgeSignature(ctx: DomainContext, input: unknown) {
  const data = parseInput(WithdrawPledgeSignatureSchema, input);
  const signature = await loadOwnSignature(ctx, data.signatureId);
  return command(ctx, async (tx, audit) => {
    const claimed = await tx.pledgeSignature.updateMany({
      where: { id: signature.id, withdrawnAt: null },
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
  const signature = await loadOwnSignature(ctx, data.signatureId);
  if (signature.pledge.status === 'CLOSED') throw new ConflictError('errors.pledgeClosed');
  const now = nowOf(ctx);
  const before = signatureStatus(signature, signature.pledge.renewalMonths, now);
  return command(ctx, async (tx, audit) => {
    const report = await tx.pledgeProgressReport.create({
      data: { pledgeId: signature.pledgeId, signatureId: signature.id, organizationId: signature.organizationId, body: data.report, links: data.links, createdById: actorId(ctx.actor)!, createdAt: now },
    });
    const renewed = await tx.pledgeSignature.update({ where: { id: signature.id }, data: { lastRenewedAt: now } });
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

