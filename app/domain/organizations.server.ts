// Organisations: customs administrations, business associations and partners.
import { Prisma } from '../../prisma/generated/client/client';
import { type DomainContext, type Tx, command, nowOf, withFreeSlug } from './context.server';
import { NotFoundError, SimilarNameError, parseInput } from './errors.server';
import { authorize } from './policy.server';
import { RegisterOrganizationSchema, UpdateOrganizationSchema, VerifyOrganizationSchema } from './schemas';
import { mostSimilar, prefilterFragments } from './similar-names';
import { transliterate } from './transliterate';

// Any constant: serialises registrations and renames, so two people taking the same name at once cannot both pass the
// check.
const REGISTRATION_LOCK_KEY = 4_417_2027;

export function slugify(name: string): string {
  const base = transliterate(name.toLowerCase())
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return base || 'organisation';
}

/**
 * The existing organisation whose name is closest to this one, if any is close enough to be mistaken for it.
 * A cheap SQL prefilter (names sharing the first letters of a word) bounds the candidates; the comparison runs here.
 */
export async function findSimilarOrganization(db: DomainContext['db'] | Tx, name: string, { excludeId }: { excludeId?: string } = {}) {
  const fragments = prefilterFragments(name);
  if (!fragments.length) return null;
  // The registered name and its translations (a Russian name is as much the organisation's name as the English one).
  const candidates = await db.$queryRaw<{ id: string; slug: string; name: string; verified: boolean; otherNames: string[] }[]>(Prisma.sql`
    SELECT "id", "slug", "name", "verified",
      ARRAY(SELECT t.value ->> 'name' FROM jsonb_each("translations") t WHERE jsonb_typeof(t.value -> 'name') = 'string') AS "otherNames"
    FROM "Organization"
    WHERE (${Prisma.join(
      fragments.map((f) => {
        const pattern = `%${f.replace(/[\\%_]/g, '\\$&')}%`;
        return Prisma.sql`(lower("name") LIKE ${pattern} OR lower("translations"::text) LIKE ${pattern})`;
      }),
      ' OR ',
    )})
      ${excludeId ? Prisma.sql`AND "id" <> ${excludeId}` : Prisma.empty}
    ORDER BY "verified" DESC, "createdAt" ASC
    LIMIT 500`);
  return mostSimilar(name, candidates);
}

/**
 * Register an organisation; its creator becomes its first ORG_ADMIN. New organisations start unverified and cannot
 * sign pledges until a platform administrator verifies them. A name close to an existing organisation's is refused
 * with a SimilarNameError unless the person confirms (`confirmSimilarName`); it is then stored with `similarToId`
 * so the platform administrator reviews it. (The platform itself, seeding, is trusted and not checked.)
 */
export async function createOrganization(ctx: DomainContext, input: unknown, { verified = false } = {}) {
  authorize(ctx.actor, 'organization.create');
  const { confirmSimilarName, ...data } = parseInput(RegisterOrganizationSchema, input);
  const creatorId = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
  const trusted = ctx.actor.kind === 'system';
  const now = nowOf(ctx);
  return withFreeSlug(slugify(data.name), (slug) =>
    command(ctx, async (tx, audit) => {
      let similarToId: string | null = null;
      if (!trusted) {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(${REGISTRATION_LOCK_KEY})`;
        const similar = await findSimilarOrganization(tx, data.name);
        if (similar && !confirmSimilarName) throw new SimilarNameError({ id: similar.id, slug: similar.slug, name: similar.name });
        similarToId = similar?.id ?? null;
      }
      const isVerified = verified && trusted;
      const organization = await tx.organization.create({
        data: { ...data, slug, verified: isVerified, verifiedAt: isVerified ? now : null, similarToId },
      });
      await audit({
        action: 'organization.created',
        subjectType: 'Organization',
        subjectId: organization.id,
        organizationId: organization.id,
        data: { name: organization.name, kind: organization.kind, country: organization.country, ...(similarToId ? { similarToId } : {}) },
      });
      if (creatorId) {
        const membership = await tx.membership.create({
          data: { userId: creatorId, organizationId: organization.id, role: 'ORG_ADMIN' },
        });
        await audit({
          action: 'membership.created',
          subjectType: 'Membership',
          subjectId: membership.id,
          organizationId: organization.id,
          data: { userId: creatorId, role: 'ORG_ADMIN', via: 'creation' },
        });
      }
      return organization;
    }),
  );
}

/** Lock an organisation's row for the rest of the transaction (changes to it and to its members queue), or NotFound. */
export async function lockOrganization(tx: Tx, organizationId: string) {
  const [row] = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Organization" WHERE "id" = ${organizationId} FOR NO KEY UPDATE`;
  if (!row) throw new NotFoundError();
  return row;
}

/**
 * Edit an organisation (its ORG_ADMIN, or a platform administrator). A new name is held to the registration's rule:
 * close to another organisation's, it is refused with a SimilarNameError unless confirmed (`confirmSimilarName`);
 * then it is stored with `similarToId`, and a verified organisation loses its verification until a platform
 * administrator has reviewed the likeness (otherwise a verified organisation could take a look-alike name and sign
 * under it). A new name close to none clears an earlier flag; other edits leave the flag as it is.
 */
export async function updateOrganization(ctx: DomainContext, organizationId: string, input: unknown) {
  authorize(ctx.actor, 'organization.update', { organizationId });
  const { confirmSimilarName, ...data } = parseInput(UpdateOrganizationSchema, input);
  return command(ctx, async (tx, audit) => {
    await lockOrganization(tx, organizationId);
    const before = await tx.organization.findUniqueOrThrow({ where: { id: organizationId } });
    let review: { similarToId: string | null; verified?: false; verifiedAt?: null } | null = null;
    if (data.name !== before.name && ctx.actor.kind !== 'system') {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${REGISTRATION_LOCK_KEY})`;
      const similar = await findSimilarOrganization(tx, data.name, { excludeId: organizationId });
      if (similar && !confirmSimilarName) throw new SimilarNameError({ id: similar.id, slug: similar.slug, name: similar.name });
      review = similar ? { similarToId: similar.id, ...(before.verified ? { verified: false, verifiedAt: null } : {}) } : { similarToId: null };
    }
    const organization = await tx.organization.update({
      where: { id: organizationId },
      data: { ...data, website: data.website ?? null, ...review },
    });
    const changed = Object.fromEntries(
      (Object.keys(data) as (keyof typeof data)[])
        .filter((key) => (before[key] ?? null) !== (organization[key] ?? null))
        .map((key) => [key, { from: before[key] ?? null, to: organization[key] ?? null }]),
    );
    await audit({
      action: 'organization.updated',
      subjectType: 'Organization',
      subjectId: organizationId,
      organizationId,
      data: { changed, ...(review?.similarToId ? { similarToId: review.similarToId } : {}) },
    });
    if (before.verified && !organization.verified) {
      await audit({
        action: 'organization.unverified',
        subjectType: 'Organization',
        subjectId: organizationId,
        organizationId,
        data: { similarToId: organization.similarToId, reason: 'similarName' },
      });
    }
    return organization;
  });
}

/**
 * Platform administrators verify an organisation (it may then sign pledges) or remove its verification (its
 * signatures stay in registers, marked unverified and left out of headline counts). Setting the state it already
 * has changes nothing and records nothing.
 */
export async function setOrganizationVerified(ctx: DomainContext, input: unknown) {
  const { organizationId, verified } = parseInput(VerifyOrganizationSchema, input);
  authorize(ctx.actor, 'organization.verify', { organizationId });
  return command(ctx, async (tx, audit) => {
    await lockOrganization(tx, organizationId);
    const existing = await tx.organization.findUniqueOrThrow({ where: { id: organizationId } });
    if (existing.verified === verified) return existing;
    const organization = await tx.organization.update({ where: { id: organizationId }, data: { verified, verifiedAt: verified ? nowOf(ctx) : null } });
    await audit({
      action: verified ? 'organization.verified' : 'organization.unverified',
      subjectType: 'Organization',
      subjectId: organizationId,
      organizationId,
      data: existing.similarToId ? { similarToId: existing.similarToId } : {},
    });
    return organization;
  });
}
