// Customs offices (create, update, archive, restore, list) and an administration's deadlines for issues: validated,
// authorised (the administration's ORG_ADMINs and platform administrators only) and audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous } from '../../app/domain/actor.server';
import { ConflictError, ForbiddenError, NotAuthenticatedError, NotFoundError, ValidationError } from '../../app/domain/errors.server';
import { NOTIFICATION_KINDS } from '../../app/domain/enums';
import {
  administrationForOffices,
  archiveOffice,
  createOffice,
  getManagedOffice,
  listOffices,
  restoreOffice,
  updateAdministrationDeadlines,
  updateOffice,
} from '../../app/domain/offices.server';
import { sessionCookie } from '../../app/auth/session.server';
import { signIn } from '../../app/domain/auth.server';
import { setServices } from '../../app/services.server';
import { action as officesAction, loader as officesLoader } from '../../app/routes/organization.offices';
import { loader as organizationLoader } from '../../app/routes/organization';
import { loader as rootLoader } from '../../app/root';
import { action as notificationsAction, loader as notificationsLoader } from '../../app/routes/notifications';
import { loader as outboxLoader } from '../../app/routes/admin.outbox';
import { loader as outboxMessageLoader } from '../../app/routes/admin.outbox-message';
import { action as settingsAction, loader as settingsLoader } from '../../app/routes/settings';
import { type TestDatabase, createTestDatabase } from '../helpers/db';
import { PASSWORD, ctxFor, makeMember, makeOrganization, makeUser } from '../helpers/fixtures';
import { useTestServices } from '../helpers/services';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  useTestServices(t.db);
});
afterAll(async () => {
  setServices(undefined);
  await t?.close();
});

const officeInput = (administrationId: string, extra: Record<string, unknown> = {}) => ({
  administrationId,
  nameEn: 'Khorgos road crossing',
  nameRu: 'Автомобильный пункт пропуска «Хоргос»',
  kind: 'ROAD_BORDER_CROSSING',
  latitude: 44.2117,
  longitude: 80.4092,
  ...extra,
});
const eventsOf = (subjectId: string) => t.db.auditEvent.findMany({ where: { subjectId }, orderBy: { seq: 'asc' } });

async function setup() {
  const admin = await makeOrganization(t.db, { kind: 'CUSTOMS_ADMINISTRATION' });
  const orgAdmin = await makeMember(t.db, admin.id, 'ORG_ADMIN');
  const officer = await makeMember(t.db, admin.id, 'LIAISON_OFFICER');
  const other = await makeOrganization(t.db, { kind: 'CUSTOMS_ADMINISTRATION' });
  const otherAdmin = await makeMember(t.db, other.id, 'ORG_ADMIN');
  return { admin, orgAdmin, officer, other, otherAdmin, ctx: await ctxFor(t.db, orgAdmin.id) };
}

async function rejection(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

describe('offices', () => {
  it('the administration’s ORG_ADMIN adds, edits, archives and restores an office, each audited', async () => {
    const { admin, orgAdmin, ctx } = await setup();
    const office = await createOffice(ctx, officeInput(admin.id));
    expect(office).toMatchObject({ administrationId: admin.id, kind: 'ROAD_BORDER_CROSSING', latitude: 44.2117, longitude: 80.4092, archivedAt: null });

    const updated = await updateOffice(ctx, { officeId: office.id, ...officeInput(admin.id), kind: 'RAIL_BORDER_CROSSING', latitude: 44.2 });
    expect(updated).toMatchObject({ kind: 'RAIL_BORDER_CROSSING', latitude: 44.2 });
    // Saving without a change writes nothing.
    await updateOffice(ctx, { officeId: office.id, ...officeInput(admin.id), kind: 'RAIL_BORDER_CROSSING', latitude: 44.2 });

    const now = new Date('2026-03-01T12:00:00.000Z');
    const archived = await archiveOffice({ ...ctx, now: () => now }, { officeId: office.id });
    expect(archived.archivedAt?.toISOString()).toBe(now.toISOString());
    expect(await rejection(archiveOffice(ctx, { officeId: office.id }))).toBeInstanceOf(ConflictError);
    const restored = await restoreOffice(ctx, { officeId: office.id });
    expect(restored.archivedAt).toBeNull();
    expect(await rejection(restoreOffice(ctx, { officeId: office.id }))).toBeInstanceOf(ConflictError);

    const events = await eventsOf(office.id);
    expect(events.map((e) => e.action)).toEqual(['office.created', 'office.updated', 'office.archived', 'office.updated']);
    expect(events.every((e) => e.actorId === orgAdmin.id && e.organizationId === admin.id && e.subjectType === 'CustomsOffice')).toBe(true);
    expect(events[1].data).toEqual({ changes: { kind: { from: 'ROAD_BORDER_CROSSING', to: 'RAIL_BORDER_CROSSING' }, latitude: { from: 44.2117, to: 44.2 } } });
    expect(events[2].data).toEqual({ issueCount: 0 });
  });

  it('validates names, kind and coordinates (−90..90, −180..180), and one English name per administration', async () => {
    const { admin, ctx } = await setup();
    const fieldsOf = async (input: Record<string, unknown>) => ((await rejection(createOffice(ctx, input))) as ValidationError).fieldErrors;
    expect(await fieldsOf(officeInput(admin.id, { latitude: 90.0001 }))).toEqual({ latitude: ['errors.office.latitude'] });
    expect(await fieldsOf(officeInput(admin.id, { latitude: -91 }))).toEqual({ latitude: ['errors.office.latitude'] });
    expect(await fieldsOf(officeInput(admin.id, { longitude: 180.5 }))).toEqual({ longitude: ['errors.office.longitude'] });
    expect(await fieldsOf(officeInput(admin.id, { longitude: 'east' }))).toEqual({ longitude: ['errors.office.longitude'] });
    expect(Object.keys(await fieldsOf(officeInput(admin.id, { nameEn: ' ', nameRu: undefined, kind: 'MOON_BASE' }))).sort()).toEqual([
      'kind',
      'nameEn',
      'nameRu',
    ]);
    // The limits themselves are allowed.
    await createOffice(ctx, officeInput(admin.id, { nameEn: 'Corner', latitude: -90, longitude: 180 }));
    await createOffice(ctx, officeInput(admin.id));
    expect(await fieldsOf(officeInput(admin.id))).toEqual({ nameEn: ['errors.office.nameTaken'] });
    // A business association has no offices.
    const association = await makeOrganization(t.db, { kind: 'BUSINESS_ASSOCIATION' });
    expect(await fieldsOf(officeInput(association.id))).toEqual({ administrationId: ['errors.office.notAdministration'] });
    expect(await fieldsOf(officeInput('missing'))).toEqual({ administrationId: ['errors.notFound'] });
  });

  it('refuses liaison officers, other administrations’ admins and visitors; a platform administrator may', async () => {
    const { admin, officer, otherAdmin, ctx } = await setup();
    const office = await createOffice(ctx, officeInput(admin.id));
    const before = await t.db.auditEvent.count();
    for (const userId of [officer.id, otherAdmin.id]) {
      const someone = await ctxFor(t.db, userId);
      expect(await rejection(createOffice(someone, officeInput(admin.id, { nameEn: 'Another' })))).toBeInstanceOf(ForbiddenError);
      expect(await rejection(updateOffice(someone, { officeId: office.id, ...officeInput(admin.id) }))).toBeInstanceOf(ForbiddenError);
      expect(await rejection(archiveOffice(someone, { officeId: office.id }))).toBeInstanceOf(ForbiddenError);
      expect(await rejection(administrationForOffices(someone, admin.slug))).toBeInstanceOf(ForbiddenError);
      expect(await rejection(getManagedOffice(someone, { administrationId: admin.id, officeId: office.id }))).toBeInstanceOf(ForbiddenError);
    }
    expect(await rejection(createOffice({ db: t.db, actor: anonymous }, officeInput(admin.id, { nameEn: 'Another' })))).toBeInstanceOf(NotAuthenticatedError);
    expect(await rejection(archiveOffice(ctx, { officeId: 'missing' }))).toBeInstanceOf(NotFoundError);
    expect(await t.db.auditEvent.count()).toBe(before);

    const platformAdmin = await ctxFor(t.db, (await makeUser(t.db, { platformAdmin: true })).id);
    await createOffice(platformAdmin, officeInput(admin.id, { nameEn: 'Almaty airport', kind: 'AIRPORT' }));
    expect((await administrationForOffices(platformAdmin, admin.slug)).canConfigureDeadlines).toBe(true);
    // Another administration's office is not found through this administration.
    expect(await rejection(getManagedOffice(ctx, { administrationId: admin.id, officeId: 'missing' }))).toBeInstanceOf(NotFoundError);
  });

  it('lists by English name in keyset pages; archived ones only for those who manage the list', async () => {
    const { admin, officer, ctx } = await setup();
    const names = ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo'];
    const offices = [];
    for (const nameEn of names) offices.push(await createOffice(ctx, officeInput(admin.id, { nameEn, nameRu: `${nameEn} (ru)` })));
    await archiveOffice(ctx, { officeId: offices[1].id });

    const pageOf = async (c: typeof ctx, includeArchived: boolean) => {
      const seen: string[] = [];
      let after: string | null = null;
      do {
        const page = await listOffices(c, { administrationId: admin.id, includeArchived, first: 2, after });
        seen.push(...page.items.map((o) => o.nameEn));
        after = page.hasNextPage ? page.endCursor : null;
      } while (after);
      return seen;
    };
    expect(await pageOf(ctx, true)).toEqual(names);
    expect(await pageOf(ctx, false)).toEqual(['Alpha', 'Charlie', 'Delta', 'Echo']);
    expect(await pageOf(await ctxFor(t.db, officer.id), true)).toEqual(['Alpha', 'Charlie', 'Delta', 'Echo']);
    expect(await pageOf({ db: t.db, actor: anonymous }, true)).toEqual(['Alpha', 'Charlie', 'Delta', 'Echo']);
    expect(await rejection(listOffices(ctx, { administrationId: admin.id, after: 'garbage' }))).toBeInstanceOf(ValidationError);
  });
});

describe('deadlines of an administration', () => {
  it('are set by its ORG_ADMIN within 1–30 working days and 1–180 days, audited with the old and new values', async () => {
    const { admin, orgAdmin, officer, otherAdmin, ctx } = await setup();
    expect(await t.db.organization.findUniqueOrThrow({ where: { id: admin.id } })).toMatchObject({ acknowledgeWorkingDays: 5, respondDays: 30 });
    const updated = await updateAdministrationDeadlines(ctx, { organizationId: admin.id, acknowledgeWorkingDays: 3, respondDays: 21 });
    expect(updated).toMatchObject({ acknowledgeWorkingDays: 3, respondDays: 21 });
    const events = await t.db.auditEvent.findMany({ where: { subjectId: admin.id, action: 'organization.deadlines_updated' } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: orgAdmin.id, organizationId: admin.id, subjectType: 'Organization' });
    expect(events[0].data).toEqual({ acknowledgeWorkingDays: { from: 5, to: 3 }, respondDays: { from: 30, to: 21 } });

    const fieldsOf = async (input: Record<string, unknown>) =>
      (
        (await rejection(
          updateAdministrationDeadlines(ctx, { organizationId: admin.id, acknowledgeWorkingDays: 5, respondDays: 30, ...input }),
        )) as ValidationError
      ).fieldErrors;
    expect(await fieldsOf({ acknowledgeWorkingDays: 0 })).toEqual({ acknowledgeWorkingDays: ['errors.office.acknowledgeDays'] });
    expect(await fieldsOf({ acknowledgeWorkingDays: 31 })).toEqual({ acknowledgeWorkingDays: ['errors.office.acknowledgeDays'] });
    expect(await fieldsOf({ acknowledgeWorkingDays: 2.5 })).toEqual({ acknowledgeWorkingDays: ['errors.office.acknowledgeDays'] });
    expect(await fieldsOf({ respondDays: 0 })).toEqual({ respondDays: ['errors.office.respondDays'] });
    expect(await fieldsOf({ respondDays: 181 })).toEqual({ respondDays: ['errors.office.respondDays'] });
    await updateAdministrationDeadlines(ctx, { organizationId: admin.id, acknowledgeWorkingDays: 30, respondDays: 180 });
    await updateAdministrationDeadlines(ctx, { organizationId: admin.id, acknowledgeWorkingDays: 1, respondDays: 1 });
    // The same values again: nothing to audit.
    await updateAdministrationDeadlines(ctx, { organizationId: admin.id, acknowledgeWorkingDays: 1, respondDays: 1 });
    expect(await t.db.auditEvent.count({ where: { subjectId: admin.id, action: 'organization.deadlines_updated' } })).toBe(3);

    for (const userId of [officer.id, otherAdmin.id]) {
      expect(
        await rejection(updateAdministrationDeadlines(await ctxFor(t.db, userId), { organizationId: admin.id, acknowledgeWorkingDays: 9, respondDays: 9 })),
      ).toBeInstanceOf(ForbiddenError);
    }
    const association = await makeOrganization(t.db, { kind: 'BUSINESS_ASSOCIATION' });
    const associationAdmin = await makeMember(t.db, association.id, 'ORG_ADMIN');
    const error = (await rejection(
      updateAdministrationDeadlines(await ctxFor(t.db, associationAdmin.id), { organizationId: association.id, acknowledgeWorkingDays: 5, respondDays: 30 }),
    )) as ValidationError;
    expect(error.fieldErrors).toEqual({ organizationId: ['errors.office.notAdministration'] });
    expect(await rejection(administrationForOffices(await ctxFor(t.db, associationAdmin.id), association.slug))).toBeInstanceOf(NotFoundError);
  });
});

// ───────────────────────────── The pages, called as React Router calls them ─────────────────────────────

const BASE = 'http://localhost:3000';
const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} }) as never;
let ipCounter = 0;

async function cookieOf(user: { email: string }) {
  const { token } = await signIn({ db: t.db, actor: anonymous, meta: { ip: `198.51.100.${++ipCounter}` } }, { email: user.email, password: PASSWORD });
  return (await sessionCookie().serialize(token)).split(';')[0];
}
const get = (path: string, cookie: string) => new Request(`${BASE}${path}`, { headers: { Cookie: cookie } });
const post = (path: string, cookie: string, fields: Record<string, string> | [string, string][]) =>
  new Request(`${BASE}${path}`, { method: 'POST', body: new URLSearchParams(fields), headers: { Cookie: cookie, Origin: BASE } });

/** The Response a route function returned or threw (React Router's data() answers are unwrapped to status + data). */
async function settle(work: () => Promise<unknown>): Promise<{ status: number; location: string | null; data: any }> {
  try {
    const result = await work();
    if (result instanceof Response) return { status: result.status, location: result.headers.get('Location'), data: null };
    if (result && typeof result === 'object' && (result as { type?: string }).type === 'DataWithResponseInit') {
      const r = result as unknown as { data: unknown; init: { status?: number } | null };
      return { status: r.init?.status ?? 200, location: null, data: r.data };
    }
    return { status: 200, location: null, data: result };
  } catch (error) {
    if (error instanceof Response) return { status: error.status, location: error.headers.get('Location'), data: null };
    if (error && typeof error === 'object' && (error as { type?: string }).type === 'DataWithResponseInit') {
      return { status: (error as { init: { status: number } }).init.status, location: null, data: null };
    }
    throw error;
  }
}

describe('pages', () => {
  it('the offices page: ORG_ADMIN adds (validated), archives after confirming, sets deadlines; officers get 403', async () => {
    const { admin, orgAdmin, officer } = await setup();
    const cookie = await cookieOf(orgAdmin);
    const page = `/organizations/${admin.slug}/offices`;
    const loaded = await settle(() => officesLoader(args(get(page, cookie), { slug: admin.slug })));
    expect(loaded.status).toBe(200);
    expect(loaded.data.offices).toEqual([]);

    const fields = { intent: 'create', nameEn: 'Dostyk rail crossing', nameRu: 'Достык', kind: 'RAIL_BORDER_CROSSING', latitude: '45.25', longitude: '82.47' };
    const bad = await settle(() => officesAction(args(post(page, cookie, { ...fields, latitude: '123' }), { slug: admin.slug })));
    expect(bad.status).toBe(400);
    expect(bad.data.errors.fieldErrors).toEqual({ latitude: ['errors.office.latitude'] });
    expect(bad.data.values.nameEn).toBe('Dostyk rail crossing');
    const created = await settle(() => officesAction(args(post(page, cookie, fields), { slug: admin.slug })));
    expect(created).toMatchObject({ status: 302, location: `${page}?done=created` });
    const office = await t.db.customsOffice.findFirstOrThrow({ where: { administrationId: admin.id } });
    expect(office).toMatchObject({ nameRu: 'Достык', latitude: 45.25, longitude: 82.47 });

    const confirming = await settle(() => officesLoader(args(get(`${page}?archive=${office.id}`, cookie), { slug: admin.slug })));
    expect(confirming.data.archiving).toMatchObject({ id: office.id, issueCount: 0 });
    expect(await settle(() => officesAction(args(post(page, cookie, { intent: 'archive', officeId: office.id }), { slug: admin.slug })))).toMatchObject({
      status: 302,
      location: `${page}?done=archived`,
    });
    expect((await t.db.customsOffice.findUniqueOrThrow({ where: { id: office.id } })).archivedAt).not.toBeNull();

    const deadlines = await settle(() =>
      officesAction(args(post(page, cookie, { intent: 'deadlines', acknowledgeWorkingDays: '7', respondDays: '45' }), { slug: admin.slug })),
    );
    expect(deadlines.status).toBe(302);
    expect(await t.db.organization.findUniqueOrThrow({ where: { id: admin.id } })).toMatchObject({ acknowledgeWorkingDays: 7, respondDays: 45 });
    const badDeadlines = await settle(() =>
      officesAction(args(post(page, cookie, { intent: 'deadlines', acknowledgeWorkingDays: 'x', respondDays: '500' }), { slug: admin.slug })),
    );
    expect(badDeadlines.data.errors.fieldErrors).toEqual({
      acknowledgeWorkingDays: ['errors.office.acknowledgeDays'],
      respondDays: ['errors.office.respondDays'],
    });

    // The organisation page links to it for its administrators only.
    expect((await settle(() => organizationLoader(args(get(`/organizations/${admin.slug}`, cookie), { slug: admin.slug })))).data.canManageOffices).toBe(true);
    const officerCookie = await cookieOf(officer);
    expect((await settle(() => organizationLoader(args(get(`/organizations/${admin.slug}`, officerCookie), { slug: admin.slug })))).data.canManageOffices).toBe(
      false,
    );
    expect((await settle(() => officesLoader(args(get(page, officerCookie), { slug: admin.slug })))).status).toBe(403);
    expect((await settle(() => officesAction(args(post(page, officerCookie, fields), { slug: admin.slug })))).status).toBe(403);
    expect((await settle(() => officesLoader(args(get('/organizations/nope/offices', cookie), { slug: 'nope' })))).status).toBe(404);
  });

  it('the header knows the unread count and who has an inbox; the notifications page marks read without JavaScript', async () => {
    const { admin, orgAdmin, officer } = await setup();
    const member = await makeMember(t.db, (await makeOrganization(t.db)).id, 'ORG_ADMIN');
    await t.db.notification.createMany({
      data: [1, 2, 3].map((n) => ({
        userId: officer.id,
        kind: 'ISSUE_ASSIGNED' as const,
        subjectType: 'Issue',
        subjectId: `i${n}`,
        data: { reference: `ISS-2026-000${n}`, title: 'Fees', status: 'RAISED' },
        createdAt: new Date(Date.UTC(2026, 0, n)),
      })),
    });
    const officerCookie = await cookieOf(officer);
    const root = await settle(() => rootLoader(args(get('/', officerCookie))));
    expect(root.data.user).toMatchObject({ unread: 3, inbox: true });
    const adminCookie = await cookieOf(orgAdmin);
    const memberCookie = await cookieOf(member);
    expect((await settle(() => rootLoader(args(get('/', adminCookie))))).data.user).toMatchObject({ unread: 0, inbox: true });
    expect((await settle(() => rootLoader(args(get('/', memberCookie))))).data.user).toMatchObject({ inbox: false });
    expect((await settle(() => rootLoader(args(get('/', ''))))).data.user).toBeNull();

    const list = await settle(() => notificationsLoader(args(get('/notifications', officerCookie))));
    expect(list.data.page.items.map((n: { data: { reference: string } }) => n.data.reference)).toEqual(['ISS-2026-0003', 'ISS-2026-0002', 'ISS-2026-0001']);
    expect(list.data.canReadOutbox).toBe(false);
    const one = list.data.page.items[0].id;
    expect(await settle(() => notificationsAction(args(post('/notifications', officerCookie, { intent: 'markRead', id: one }))))).toMatchObject({
      status: 302,
      location: '/notifications?done=one',
    });
    expect((await settle(() => rootLoader(args(get('/', officerCookie))))).data.user.unread).toBe(2);
    expect(await settle(() => notificationsAction(args(post('/notifications', officerCookie, { intent: 'markAllRead', view: 'unread' }))))).toMatchObject({
      location: '/notifications?view=unread&done=all',
    });
    expect((await settle(() => rootLoader(args(get('/', officerCookie))))).data.user.unread).toBe(0);
    // A hand-edited cursor starts again from the newest.
    expect((await settle(() => notificationsLoader(args(get('/notifications?after=%%%', officerCookie))))).location).toBe('/notifications');
    expect(admin.id).toBeTruthy();
  });

  it('settings save the email preferences from the checkboxes', async () => {
    const user = await makeUser(t.db);
    const cookie = await cookieOf(user);
    const saved = await settle(() =>
      settingsAction(
        args(
          post('/settings', cookie, [
            ['intent', 'emailPreferences'],
            ['emailKinds', 'ISSUE_ASSIGNED'],
            ['emailKinds', 'ISSUE_ESCALATED'],
          ]),
        ),
      ),
    );
    expect(saved).toMatchObject({ status: 302, location: '/settings?emailSaved=1#email-notifications' });
    // Every kind left unticked is muted, the commitment kinds included.
    const muted = NOTIFICATION_KINDS.filter((kind) => kind !== 'ISSUE_ASSIGNED' && kind !== 'ISSUE_ESCALATED');
    expect(muted).toContain('MILESTONE_DUE');
    expect((await t.db.user.findUniqueOrThrow({ where: { id: user.id } })).emailMutedKinds.sort()).toEqual([...muted].sort());
    const loaded = await settle(() => settingsLoader(args(get('/settings?emailSaved=1', cookie))));
    expect(loaded.data.email).toEqual({ mutedKinds: muted, saved: true });
  });

  it('the outbox pages: platform administrators only, and only plain .eml names', async () => {
    const admin = await makeUser(t.db, { platformAdmin: true });
    const cookie = await cookieOf(admin);
    expect((await settle(() => outboxLoader(args(get('/admin/outbox', cookie))))).status).toBe(200);
    expect((await settle(() => outboxLoader(args(get('/admin/outbox?before=../x', cookie))))).status).toBe(400);
    for (const file of ['../session-secret', '..%2Fsession-secret', 'x.txt', 'missing.eml']) {
      expect((await settle(() => outboxMessageLoader(args(get(`/admin/outbox/${encodeURIComponent(file)}`, cookie), { file })))).status).toBe(404);
    }
    const someone = await cookieOf(await makeUser(t.db));
    expect((await settle(() => outboxLoader(args(get('/admin/outbox', someone))))).status).toBe(403);
    expect((await settle(() => outboxMessageLoader(args(get('/admin/outbox/a.eml', someone), { file: 'a.eml' })))).status).toBe(403);
  });
});
