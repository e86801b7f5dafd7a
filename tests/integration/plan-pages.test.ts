// The action plan pages' loaders and actions, called as React Router calls them: creating a plan (administrators of a
// customs administration only, with field errors), drafts hidden from outsiders on the list and the page (404),
// editing, the plan's page with its commitments, Gantt rows and combined progress, the country filter in the URL, and
// publishing (a formal act that asks for confirmation and ends on a receipt).
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { Outlet, createRoutesStub } from 'react-router';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCalendarDays, todayOf } from '../../app/domain/commitment-rules';
import { setServices } from '../../app/services.server';
import { en } from '../../app/i18n/en';
import { ru } from '../../app/i18n/ru';
import EditPlanPage, { action as editAction, loader as editLoader } from '../../app/routes/plan.edit';
import PublishPage, { action as publishAction, loader as publishLoader } from '../../app/routes/plan.publish';
import PlanPage, { loader as planLoader } from '../../app/routes/plan';
import PlansPage, { loader as listLoader } from '../../app/routes/plans';
import NewPlanPage, { action as newAction, loader as newLoader } from '../../app/routes/plans.new';
import { type CommitmentSetup, activeTestCommitment, makeCommitmentSetup } from '../helpers/commitments';
import { type TestDatabase, createTestDatabase } from '../helpers/db';
import { BASE, payload, respond, routeArgs, routeRequests } from '../helpers/route-requests';
import { useTestServices } from '../helpers/services';

let t: TestDatabase;
let s: CommitmentSetup;
const args = routeArgs;
const { get, post } = routeRequests(() => t.db, '198.51.100.30');

const today = todayOf(new Date());
const planFields = (overrides: Record<string, string> = {}) => ({
  title: 'National integrity action plan 2026–2027',
  description: 'Preventive measures and detection, as the Almaty Integrity Resolution asks.',
  periodStart: today,
  periodEnd: addCalendarDays(today, 365),
  ...overrides,
});

/** The page as the server renders it, with a loader's data (and an action's), in English or Russian. */
function render(Component: unknown, loaderData: unknown, { actionData, locale = 'en' }: { actionData?: unknown; locale?: 'en' | 'ru' } = {}) {
  const Stub = createRoutesStub([
    { id: 'root', path: '/', Component: () => createElement(Outlet), children: [{ id: 'page', path: 'page', Component: Component as never }] } as never,
  ]);
  return renderToString(
    createElement(Stub, {
      initialEntries: ['/page'],
      hydrationData: {
        loaderData: { root: { locale, messages: locale === 'ru' ? ru : en }, page: loaderData },
        actionData: actionData ? { page: actionData } : undefined,
      },
    } as never),
  );
}

beforeAll(async () => {
  t = await createTestDatabase();
  useTestServices(t.db);
  s = await makeCommitmentSetup(t.db);
}, 300_000);
afterAll(async () => {
  setServices(undefined);
  await t?.close();
});

describe('action plans through the pages', () => {
  it('creates, hides the draft, edits, shows commitments and progress, filters by country, and publishes', { timeout: 240_000 }, async () => {
    // Who may create: administrators of a customs administration.
    expect((await respond(() => newLoader(args(new Request(`${BASE}/plans/new`))))).status).toBe(302);
    expect((await respond(async () => newLoader(args(await get('/plans/new', s.customsLiaison))))).status).toBe(403);
    expect((await respond(async () => newLoader(args(await get('/plans/new', s.associationSignatory))))).status).toBe(403);
    expect((await respond(async () => newAction(args(await post('/plans/new', s.associationSignatory, planFields()))))).status).toBe(403);
    const form = await newLoader(args(await get('/plans/new', s.customsAdmin)));
    expect(form.administrations.map((a) => a.id)).toEqual([s.administration.id]);
    expect((await listLoader(args(await get('/plans', s.customsAdmin)))).canCreate).toBe(true);
    expect((await listLoader(args(await get('/plans', s.customsLiaison)))).canCreate).toBe(false);

    // Field errors: the period's end before its start, a missing title.
    const bad = payload(await newAction(args(await post('/plans/new', s.customsAdmin, planFields({ title: '', periodEnd: addCalendarDays(today, -1) })))));
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.data.errors.fieldErrors)).toEqual(expect.arrayContaining(['title']));
    const badPeriod = payload(await newAction(args(await post('/plans/new', s.customsAdmin, planFields({ periodEnd: addCalendarDays(today, -1) })))));
    expect(badPeriod.status).toBe(400);
    expect(Object.keys(badPeriod.data.errors.fieldErrors)).toContain('periodEnd');
    expect(badPeriod.data.values.title).toBe(planFields().title);
    expect(render(NewPlanPage, form, { actionData: badPeriod.data })).toContain('data-testid="error-summary"');

    const created = await respond(async () => newAction(args(await post('/plans/new', s.customsAdmin, planFields()))));
    expect(created.status).toBe(302);
    const location = created.headers.get('location')!;
    expect(location).toMatch(/^\/plans\/[^/?]+\?done=created$/);
    const slug = decodeURIComponent(location.slice('/plans/'.length).split('?')[0]);
    const plan = await t.db.actionPlan.findUniqueOrThrow({ where: { slug } });
    expect(plan.status).toBe('DRAFT');

    // The draft: its administration's members see it, outsiders and visitors get 404 and do not find it in the list.
    const page = await planLoader(args(await get(`/plans/${slug}?done=created`, s.customsLiaison), { slug }));
    expect(page.plan.status).toBe('DRAFT');
    expect(page.done).toBe('created');
    expect(page.canManage).toBe(false);
    expect((await respond(() => planLoader(args(new Request(`${BASE}/plans/${slug}`), { slug })))).status).toBe(404);
    expect((await respond(async () => planLoader(args(await get(`/plans/${slug}`, s.outsider), { slug })))).status).toBe(404);
    expect((await respond(async () => planLoader(args(await get(`/plans/${slug}`, s.associationSignatory), { slug })))).status).toBe(404);
    expect((await listLoader(args(new Request(`${BASE}/plans`)))).plans.map((p) => p.slug)).not.toContain(slug);
    expect((await listLoader(args(await get('/plans', s.customsLiaison)))).plans.map((p) => p.slug)).toContain(slug);
    expect((await listLoader(args(await get('/plans', s.platformAdmin)))).plans.map((p) => p.slug)).toContain(slug);

    // Editing: administrators only.
    expect((await respond(async () => editLoader(args(await get(`/plans/${slug}/edit`, s.customsLiaison), { slug })))).status).toBe(403);
    const edit = await editLoader(args(await get(`/plans/${slug}/edit`, s.customsAdmin), { slug }));
    expect(edit.plan.periodStart).toBe(today);
    const badEdit = payload(await editAction(args(await post(`/plans/${slug}/edit`, s.customsAdmin, planFields({ periodStart: 'soon' })), { slug })));
    expect(badEdit.status).toBe(400);
    expect(Object.keys(badEdit.data.errors.fieldErrors)).toContain('periodStart');
    expect(render(EditPlanPage, edit, { actionData: badEdit.data, locale: 'ru' })).toContain('Изменить план');
    const saved = await respond(async () =>
      editAction(args(await post(`/plans/${slug}/edit`, s.customsAdmin, planFields({ title: 'National integrity action plan 2026–2028' })), { slug })),
    );
    expect(saved.headers.get('location')).toBe(`/plans/${slug}?done=updated`);

    // A commitment in the plan: listed, on the Gantt chart, counted in the combined progress.
    const { commitment } = await activeTestCommitment(t.db, s, { milestones: 2, actionPlanId: plan.id });
    const full = await planLoader(args(await get(`/plans/${slug}`, s.customsAdmin), { slug }));
    expect(full.plan.title).toBe('National integrity action plan 2026–2028');
    expect(full.canManage).toBe(true);
    expect(full.canPublish).toBe(true);
    expect(full.canPropose).toBe(true);
    expect(full.canImport).toBe(true);
    expect(full.commitments.map((c) => c.reference)).toEqual([commitment.reference]);
    expect(full.plan.commitmentCount).toBe(1);
    expect(full.plan.milestoneCount).toBe(2);
    expect(full.plan.completedCount).toBe(0);
    expect(full.gantt).toHaveLength(1);
    expect(full.gantt[0].start).toBe(today);
    // No end date: the bar runs to the last milestone's due date.
    expect(full.gantt[0].end).toBe(addCalendarDays(today, 60));
    expect(Object.values(full.plan.statusCounts).reduce((a, b) => a + b, 0)).toBe(1);
    const html = render(PlanPage, full);
    expect(html).toContain('role="progressbar"');
    expect(html).toContain('<svg');
    expect(html).toContain(`href="/commitments/new?plan=${encodeURIComponent(slug)}"`);
    expect(html).toContain(`/plans/${slug}/milestones.csv`);
    expect(html).toContain(`/plans/${slug}/import`);
    expect(html).toContain('data-testid="publish-plan"');
    expect(render(PlanPage, full, { locale: 'ru' })).toContain('Общий ход выполнения');

    // Publishing: administrators only; it asks for confirmation; then everyone sees it.
    expect((await respond(async () => publishLoader(args(await get(`/plans/${slug}/publish`, s.customsLiaison), { slug })))).status).toBe(403);
    expect((await respond(async () => publishAction(args(await post(`/plans/${slug}/publish`, s.customsLiaison, { confirm: 'yes' }), { slug })))).status).toBe(
      403,
    );
    const publishPage = await publishLoader(args(await get(`/plans/${slug}/publish`, s.customsAdmin), { slug }));
    expect(publishPage.plan.status).toBe('DRAFT');
    expect(render(PublishPage, publishPage)).toContain('name="confirm"');
    const unconfirmed = payload(await publishAction(args(await post(`/plans/${slug}/publish`, s.customsAdmin, {}), { slug })));
    expect(unconfirmed.status).toBe(400);
    expect(Object.keys(unconfirmed.data.errors.fieldErrors)).toEqual(['confirm']);
    expect(render(PublishPage, publishPage, { actionData: unconfirmed.data })).toContain('Tick the box to confirm');
    expect((await t.db.actionPlan.findUniqueOrThrow({ where: { id: plan.id } })).status).toBe('DRAFT');
    const published = await respond(async () => publishAction(args(await post(`/plans/${slug}/publish`, s.customsAdmin, { confirm: 'yes' }), { slug })));
    expect(published.headers.get('location')).toBe(`/plans/${slug}?done=published`);
    const publicPage = await planLoader(args(new Request(`${BASE}/plans/${slug}`), { slug }));
    expect(publicPage.plan.status).toBe('PUBLISHED');
    expect(publicPage.canManage).toBe(false);
    expect(publicPage.canImport).toBe(false);
    expect(publicPage.commitments.map((c) => c.reference)).toEqual([commitment.reference]);
    const publicHtml = render(PlanPage, publicPage);
    expect(publicHtml).not.toContain(`/plans/${slug}/import`);
    expect(publicHtml).not.toContain('data-testid="publish-plan"');
    const again = await publishLoader(args(await get(`/plans/${slug}/publish`, s.customsAdmin), { slug }));
    expect(again.plan.status).toBe('PUBLISHED');
    expect(render(PublishPage, again)).toContain('data-testid="act-unavailable"');
    const twice = payload(await publishAction(args(await post(`/plans/${slug}/publish`, s.customsAdmin, { confirm: 'yes' }), { slug })));
    expect(twice.status).toBe(409);

    // The list: public now, filtered by the administration's country in the URL.
    const anonymousList = await listLoader(args(new Request(`${BASE}/plans`)));
    const row = anonymousList.plans.find((p) => p.slug === slug)!;
    expect(row.commitmentCount).toBe(1);
    expect(row.administration.country).toBe('KZ');
    const listHtml = render(PlansPage, anonymousList, { locale: 'ru' });
    expect(listHtml).toContain('data-testid="plans-table"');
    expect(listHtml).not.toContain('data-testid="create-plan"');
    expect((await listLoader(args(new Request(`${BASE}/plans?country=kz`)))).plans.map((p) => p.slug)).toContain(slug);
    const japan = await listLoader(args(new Request(`${BASE}/plans?country=JP`)));
    expect(japan.country).toBe('JP');
    expect(japan.plans.map((p) => p.slug)).not.toContain(slug);
    expect((await listLoader(args(new Request(`${BASE}/plans?country=XX`)))).country).toBe('');
  });

  it('answers 404 for an unknown plan, and the first page for a cursor that does not parse', async () => {
    const list = await listLoader(args(new Request(`${BASE}/plans?after=not-a-cursor`)));
    expect(Array.isArray(list.plans)).toBe(true);
    expect((await respond(() => planLoader(args(new Request(`${BASE}/plans/no-such-plan`), { slug: 'no-such-plan' })))).status).toBe(404);
  });
});
