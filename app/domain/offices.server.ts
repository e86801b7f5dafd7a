// Customs offices and border posts of a customs administration, and its deadlines for issues. The administration's
// ORG_ADMINs and platform administrators maintain them (policy: office.manage, administration.configureDeadlines);
// everyone may read the list of active offices (the raise forms need it). An office is archived, never deleted, so the
// issues that name it keep their place.
import type { CustomsOfficeKind } from '../../prisma/generated/client/enums';
import { type DomainContext, type Tx, command, isUniqueViolation, nowOf } from './context.server';
import { ConflictError, NotFoundError, ValidationError, parseInput } from './errors.server';
import { AdministrationDeadlinesSchema, ArchiveOfficeSchema, CreateOfficeSchema, UpdateOfficeSchema } from './office-schemas';
import { can, authorize } from './policy.server';

export type CustomsOfficeRow = {
  id: string;
  administrationId: string;
  nameEn: string;
  nameRu: string;
  kind: CustomsOfficeKind;
  latitude: number;
  longitude: number;
  archivedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

export type OfficePage = { items: (CustomsOfficeRow & { issueCount: number })[]; endCursor: string | null; hasNextPage: boolean };

export const OFFICES_PAGE_MAX = 200;

async function administrationOf(db: DomainContext['db'] | Tx, organizationId: string, field: string) {
  const org = await db.organization.findUnique({ where: { id: organizationId }, select: { id: true, kind: true } });
  if (!org) throw ValidationError.field(field, 'errors.notFound');
  if (org.kind !== 'CUSTOMS_ADMINISTRATION') throw ValidationError.field(field, 'errors.office.notAdministration');
  return org;
}

const nameTaken = () => ValidationError.field('nameEn', 'errors.office.nameTaken');

/** Add an office to an administration's list. */
export async function createOffice(ctx: DomainContext, input: unknown): Promise<CustomsOfficeRow> {
  const data = parseInput(CreateOfficeSchema, input);
  await administrationOf(ctx.db, data.administrationId, 'administrationId');
  authorize(ctx.actor, 'office.manage', { organizationId: data.administrationId });
  try {
    return await command(ctx, async (tx, audit) => {
      const now = nowOf(ctx);
      const office = await tx.customsOffice.create({ data: { ...data, createdAt: now } });
      await audit({
        action: 'office.created',
        subjectType: 'CustomsOffice',
        subjectId: office.id,
        organizationId: office.administrationId,
        data: { nameEn: office.nameEn, nameRu: office.nameRu, kind: office.kind, latitude: office.latitude, longitude: office.longitude },
      });
      return office;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken();
    throw error;
  }
}

async function lockOffice(tx: Tx, officeId: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "CustomsOffice" WHERE "id" = ${officeId} FOR UPDATE`;
  if (!rows[0]) throw new NotFoundError();
  return tx.customsOffice.findUniqueOrThrow({ where: { id: officeId } });
}

/** The office, when the actor may manage its administration's list (else NotFound / Forbidden). */
async function managedOffice(ctx: DomainContext, officeId: string) {
  const office = await ctx.db.customsOffice.findUnique({ where: { id: officeId }, select: { administrationId: true } });
  if (!office) throw new NotFoundError();
  authorize(ctx.actor, 'office.manage', { organizationId: office.administrationId });
  return office;
}

/** Change an office's names, kind or coordinates. Audited with what changed. */
export async function updateOffice(ctx: DomainContext, input: unknown): Promise<CustomsOfficeRow> {
  const { officeId, ...fields } = parseInput(UpdateOfficeSchema, input);
  await managedOffice(ctx, officeId);
  try {
    return await command(ctx, async (tx, audit) => {
      const before = await lockOffice(tx, officeId);
      const changes = Object.fromEntries(
        (Object.keys(fields) as (keyof typeof fields)[]).filter((k) => before[k] !== fields[k]).map((k) => [k, { from: before[k], to: fields[k] }]),
      );
      if (Object.keys(changes).length === 0) return before;
      const office = await tx.customsOffice.update({ where: { id: officeId }, data: fields });
      await audit({ action: 'office.updated', subjectType: 'CustomsOffice', subjectId: office.id, organizationId: office.administrationId, data: { changes } });
      return office;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken();
    throw error;
  }
}

/**
 * Archive an office: it leaves the lists people choose from; issues that name it keep it. Archiving an archived office
 * is a conflict (someone else did it meanwhile).
 */
export async function archiveOffice(ctx: DomainContext, input: unknown): Promise<CustomsOfficeRow> {
  const { officeId } = parseInput(ArchiveOfficeSchema, input);
  await managedOffice(ctx, officeId);
  return command(ctx, async (tx, audit) => {
    const before = await lockOffice(tx, officeId);
    if (before.archivedAt) throw new ConflictError('errors.office.alreadyArchived');
    const office = await tx.customsOffice.update({ where: { id: officeId }, data: { archivedAt: nowOf(ctx) } });
    const issueCount = await tx.issue.count({ where: { officeId } });
    await audit({
      action: 'office.archived',
      subjectType: 'CustomsOffice',
      subjectId: office.id,
      organizationId: office.administrationId,
      data: { issueCount },
    });
    return office;
  });
}

/** Bring an archived office back into the lists (audited as an update). */
export async function restoreOffice(ctx: DomainContext, input: unknown): Promise<CustomsOfficeRow> {
  const { officeId } = parseInput(ArchiveOfficeSchema, input);
  await managedOffice(ctx, officeId);
  return command(ctx, async (tx, audit) => {
    const before = await lockOffice(tx, officeId);
    if (!before.archivedAt) throw new ConflictError('errors.office.notArchived');
    const office = await tx.customsOffice.update({ where: { id: officeId }, data: { archivedAt: null } });
    await audit({
      action: 'office.updated',
      subjectType: 'CustomsOffice',
      subjectId: office.id,
      organizationId: office.administrationId,
      data: { changes: { archivedAt: { from: before.archivedAt.toISOString(), to: null } } },
    });
    return office;
  });
}

const encodeCursor = (o: { nameEn: string; id: string }) => Buffer.from(JSON.stringify([o.nameEn, o.id]), 'utf8').toString('base64url');

function decodeCursor(cursor: string): { nameEn: string; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string') return { nameEn: value[0], id: value[1] };
  } catch {}
  throw ValidationError.field('after', 'errors.invalid');
}

/**
 * An administration's offices, by English name, a keyset page at a time. Archived ones only for those who manage the
 * list (`includeArchived` is ignored for everyone else). Each carries how many issues name it.
 */
export async function listOffices(
  ctx: DomainContext,
  {
    administrationId,
    includeArchived = false,
    first = 50,
    after,
  }: { administrationId: string; includeArchived?: boolean; first?: number; after?: string | null },
): Promise<OfficePage> {
  const take = Math.min(Math.max(1, Math.floor(first) || 1), OFFICES_PAGE_MAX);
  const withArchived = includeArchived && can(ctx.actor, 'office.manage', { organizationId: administrationId });
  const cursor = after ? decodeCursor(after) : null;
  const rows = await ctx.db.customsOffice.findMany({
    where: {
      administrationId,
      ...(withArchived ? {} : { archivedAt: null }),
      ...(cursor ? { OR: [{ nameEn: { gt: cursor.nameEn } }, { nameEn: cursor.nameEn, id: { gt: cursor.id } }] } : {}),
    },
    orderBy: [{ nameEn: 'asc' }, { id: 'asc' }],
    take: take + 1,
    include: { _count: { select: { issues: true } } },
  });
  const hasNextPage = rows.length > take;
  const items = rows.slice(0, take).map(({ _count, ...office }) => ({ ...office, issueCount: _count.issues }));
  return { items, hasNextPage, endCursor: items.length ? encodeCursor(items[items.length - 1]) : null };
}

/**
 * The administration behind the offices page, for those who manage it: NotFound when the slug is unknown or not a
 * customs administration, Forbidden for others.
 */
export async function administrationForOffices(ctx: DomainContext, slug: string) {
  const org = await ctx.db.organization.findUnique({
    where: { slug },
    select: { id: true, slug: true, name: true, kind: true, translations: true, acknowledgeWorkingDays: true, respondDays: true },
  });
  if (!org || org.kind !== 'CUSTOMS_ADMINISTRATION') throw new NotFoundError();
  authorize(ctx.actor, 'office.manage', { organizationId: org.id });
  return { ...org, canConfigureDeadlines: can(ctx.actor, 'administration.configureDeadlines', { organizationId: org.id }) };
}

/**
 * Set how long the administration has to acknowledge (working days) and to respond (calendar days) to issues raised
 * from now on; issues already raised keep their deadlines. Audited with the old and new values.
 */
export async function updateAdministrationDeadlines(ctx: DomainContext, input: unknown) {
  const data = parseInput(AdministrationDeadlinesSchema, input);
  const org = await administrationOf(ctx.db, data.organizationId, 'organizationId');
  authorize(ctx.actor, 'administration.configureDeadlines', { organizationId: org.id });
  return command(ctx, async (tx, audit) => {
    const rows = await tx.$queryRaw<{ acknowledgeWorkingDays: number; respondDays: number }[]>`
      SELECT "acknowledgeWorkingDays", "respondDays" FROM "Organization" WHERE "id" = ${org.id} FOR UPDATE`;
    const before = rows[0];
    if (!before) throw new NotFoundError();
    const updated = await tx.organization.update({
      where: { id: org.id },
      data: { acknowledgeWorkingDays: data.acknowledgeWorkingDays, respondDays: data.respondDays },
      select: { id: true, acknowledgeWorkingDays: true, respondDays: true },
    });
    if (before.acknowledgeWorkingDays !== updated.acknowledgeWorkingDays || before.respondDays !== updated.respondDays) {
      await audit({
        action: 'organization.deadlines_updated',
        subjectType: 'Organization',
        subjectId: org.id,
        organizationId: org.id,
        data: {
          acknowledgeWorkingDays: { from: before.acknowledgeWorkingDays, to: updated.acknowledgeWorkingDays },
          respondDays: { from: before.respondDays, to: updated.respondDays },
        },
      });
    }
    return updated;
  });
}

/** One office of the administration, for its edit form (NotFound when it is not this administration's). */
export async function getManagedOffice(ctx: DomainContext, { administrationId, officeId }: { administrationId: string; officeId: string }) {
  authorize(ctx.actor, 'office.manage', { organizationId: administrationId });
  const office = await ctx.db.customsOffice.findFirst({
    where: { id: officeId, administrationId },
    include: { _count: { select: { issues: true } } },
  });
  if (!office) throw new NotFoundError();
  const { _count, ...rest } = office;
  return { ...rest, issueCount: _count.issues };
}
