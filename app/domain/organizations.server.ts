// Organisations: customs administrations, business associations and partners.
import { type DomainContext, command, withFreeSlug } from './context.server';
import { NotFoundError, parseInput } from './errors.server';
import { authorize } from './policy.server';
import { OrganizationSchema, VerifyOrganizationSchema } from './schemas';

// Russian (and Kazakh, Kyrgyz) Cyrillic to Latin, for readable URLs.
const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'i', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch',
  ъ: '', ы: 'y', ь: '', э: 'e', ю: 'iu', я: 'ia', ә: 'a', ғ: 'g', қ: 'q', ң: 'n', ө: 'o', ұ: 'u', ү: 'u', һ: 'h', і: 'i',
};

export function slugify(name: string): string {
  const base = [...name.toLowerCase()]
    .map((ch) => CYRILLIC[ch] ?? ch)
    .join('')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return base || 'organisation';
}

/** Create an organisation; its creator becomes its first ORG_ADMIN. New organisations start unverified. */
export async function createOrganization(ctx: DomainContext, input: unknown, { verified = false } = {}) {
  authorize(ctx.actor, 'organization.create');
  const data = parseInput(OrganizationSchema, input);
  const creatorId = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
  return withFreeSlug(slugify(data.name), (slug) =>
    command(ctx, async (tx, audit) => {
      const organization = await tx.organization.create({ data: { ...data, slug, verified: verified && ctx.actor.kind === 'system' } });
      await audit({
        action: 'organization.created',
        subjectType: 'Organization',
        subjectId: organization.id,
        organizationId: organization.id,
        data: { name: organization.name, kind: organization.kind, country: organization.country },
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

export async function updateOrganization(ctx: DomainContext, organizationId: string, input: unknown) {
  authorize(ctx.actor, 'organization.update', { organizationId });
  const data = parseInput(OrganizationSchema, input);
  return command(ctx, async (tx, audit) => {
    const before = await tx.organization.findUnique({ where: { id: organizationId } });
    if (!before) throw new NotFoundError();
    const organization = await tx.organization.update({ where: { id: organizationId }, data: { ...data, website: data.website ?? null } });
    const changed = Object.fromEntries(
      (Object.keys(data) as (keyof typeof data)[])
        .filter((key) => (before[key] ?? null) !== (organization[key] ?? null))
        .map((key) => [key, { from: before[key] ?? null, to: organization[key] ?? null }]),
    );
    await audit({ action: 'organization.updated', subjectType: 'Organization', subjectId: organizationId, organizationId, data: { changed } });
    return organization;
  });
}

export async function setOrganizationVerified(ctx: DomainContext, input: unknown) {
  const { organizationId, verified } = parseInput(VerifyOrganizationSchema, input);
  authorize(ctx.actor, 'organization.verify', { organizationId });
  return command(ctx, async (tx, audit) => {
    const existing = await tx.organization.findUnique({ where: { id: organizationId } });
    if (!existing) throw new NotFoundError();
    const organization = await tx.organization.update({ where: { id: organizationId }, data: { verified } });
    await audit({
      action: verified ? 'organization.verified' : 'organization.unverified',
      subjectType: 'Organization',
      subjectId: organizationId,
      organizationId,
    });
    return organization;
  });
}
