// The officer-side issue pages' loaders and actions, called as React Router calls them (Request objects): the issue
// page (404 for an issue the viewer may not see, exactly as for an unknown reference; the actions panel by role and
// state), each formal act's page (403 for the wrong role, "unavailable" in the wrong state, field errors, the redirect
// back with its message), the inbox (overdue first, filters in the URL, counts, 403 for others) and the dashboard's
// issue items.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionCookie } from '../../app/auth/session.server';
import { signIn } from '../../app/domain/auth.server';
import { actionItemsFor } from '../../app/domain/action-items.server';
import { configureFileStore } from '../../app/domain/storage.server';
import { setServices } from '../../app/services.server';
import { loader as dashboardLoader } from '../../app/routes/dashboard';
import { loader as inboxLoader } from '../../app/routes/inbox';
import { loader as issueLoader } from '../../app/routes/issue';
import { action as acknowledgeAction, loader as acknowledgeLoader } from '../../app/routes/issue.acknowledge';
import { action as assignAction, loader as assignLoader } from '../../app/routes/issue.assign';
import { action as followUpAction, loader as followUpLoader } from '../../app/routes/issue.follow-up';
import { action as rejectAction } from '../../app/routes/issue.reject';
import { action as reopenAction, loader as reopenLoader } from '../../app/routes/issue.reopen';
import { action as resolveAction, loader as resolveLoader } from '../../app/routes/issue.resolve';
import { action as respondAction, loader as respondLoader } from '../../app/routes/issue.respond';
import { action as summaryAction, loader as summaryLoader } from '../../app/routes/issue.summary';
import { inboxHref, parseInboxQuery } from '../../app/web/issue-page.server';
import { type TestDatabase, createTestDatabase } from '../helpers/db';
import { PASSWORD, makeMember, makeOrganization } from '../helpers/fixtures';
import { type IssueWorld, driveIssueTo, makeIssueWorld, raiseTestAnonymousIssue, raiseTestIssue, tinyPng, useTempFileStore } from '../helpers/issues';
import { useTestServices } from '../helpers/services';

let t: TestDatabase;
let filesDir: string;
let w: IssueWorld;
const BASE = 'http://localhost:3000';
const DAY = 24 * 60 * 60 * 1000;
const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} }) as never;
const cookies = new Map<string, string>();

beforeAll(async () => {
  t = await createTestDatabase();
  useTestServices(t.db);
  filesDir = useTempFileStore();
  w = await makeIssueWorld(t.db);
});
afterAll(async () => {
  configureFileStore(undefined);
  setServices(undefined);
  await t?.close();
  fs.rmSync(filesDir, { recursive: true, force: true });
});

async function cookieOf(user: { id: string; email: string }) {
  const known = cookies.get(user.id);
  if (known) return known;
  const { token } = await signIn({ db: t.db, actor: { kind: 'anonymous' } }, { email: user.email, password: PASSWORD });
  const cookie = (await sessionCookie().serialize(token)).split(';')[0];
  cookies.set(user.id, cookie);
  return cookie;
}

async function get(path: string, user?: { id: string; email: string }) {
  return new Request(`${BASE}${path}`, { headers: user ? { cookie: await cookieOf(user) } : {} });
}

async function post(path: string, fields: Record<string, string>, user: { id: string; email: string }) {
  return new Request(`${BASE}${path}`, {
    method: 'POST',
    body: new URLSearchParams(fields),
    headers: { cookie: await cookieOf(user), origin: BASE, 'x-ic-client-ip': '198.51.100.30' },
  });
}

/** Run a route function, returning the Response it returned or threw. */
async function respond(work: () => Promise<unknown>): Promise<Response> {
  try {
    const result = await work();
    if (result instanceof Response) return result;
    throw new Error(`expected a Response, got ${JSON.stringify(result)}`);
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
}

/** What a loader or action returned with data(): its payload and status. */
function payload<T = any>(result: unknown): { data: T; status: number } {
  const value = result as { data?: T; init?: ResponseInit | null; type?: string };
  if (value && value.type === 'DataWithResponseInit') return { data: value.data as T, status: value.init?.status ?? 200 };
  return { data: result as T, status: 200 };
}

const params = (reference: string) => ({ reference });
const statusOf = async (id: string) => (await t.db.issue.findUniqueOrThrow({ where: { id } })).status;

describe('the issue page', () => {
  it('shows the issue to whoever may see it, with the acts each may perform now', async () => {
    const issue = await raiseTestIssue(w, { visibility: 'RESTRICTED', files: [await tinyPng()] });
    const path = `/issues/${issue.reference}`;

    const officer = (await issueLoader(args(await get(path, w.officer.user), params(issue.reference)))) as any;
    expect(officer.issue.reference).toBe(issue.reference);
    expect(officer.issue.raisedBy).toEqual({ name: w.member.user.name });
    expect(officer.issue.office.name).toBe(w.office.nameEn);
    expect(officer.issue.descriptionHtml).toContain('<strong>Khorgos</strong>');
    expect(officer.issue.attachments).toHaveLength(1);
    expect(officer.issue.deadlines.acknowledge.state).toBe('open');
    expect(officer.acts).toEqual(['assign', 'acknowledge', 'reject']);
    expect(officer.timeline.map((e: { action: string }) => e.action)).toContain('issue.raised');

    // The reporter may add information; an administrator of the reporting organisation too. A platform administrator
    // reads but has nothing to do on a named issue.
    const reporter = (await issueLoader(args(await get(path, w.member.user), params(issue.reference)))) as any;
    expect(reporter.acts).toEqual(['followUp']);
    const reporterAdmin = (await issueLoader(args(await get(path, w.orgAdmin.user), params(issue.reference)))) as any;
    expect(reporterAdmin.acts).toEqual(['followUp']);
    const platformAdmin = (await issueLoader(args(await get(path, w.platformAdmin.user), params(issue.reference)))) as any;
    expect(platformAdmin.acts).toEqual([]);

    // Russian: the office's Russian name.
    await t.db.user.update({ where: { id: w.officer.user.id }, data: { locale: 'ru' } });
    const ru = (await issueLoader(args(await get(path, w.officer.user), params(issue.reference)))) as any;
    expect(ru.issue.office.name).toBe(w.office.nameRu);
    await t.db.user.update({ where: { id: w.officer.user.id }, data: { locale: null } });
  });

  it('answers 404 for a restricted issue to a non-party, exactly as for an unknown reference', async () => {
    const issue = await raiseTestIssue(w, { visibility: 'RESTRICTED' });
    for (const [reference, user] of [
      [issue.reference, w.outsider.user],
      [issue.reference, w.otherAssociation.member.user],
      [issue.reference, undefined],
      ['ISS-2099-9999', w.officer.user],
    ] as const) {
      const response = await respond(async () => issueLoader(args(await get(`/issues/${reference}`, user), params(reference))));
      expect(response.status).toBe(404);
      // The acts' pages answer the same (after sign-in).
      if (user)
        expect((await respond(async () => acknowledgeLoader(args(await get(`/issues/${reference}/acknowledge`, user), params(reference))))).status).toBe(404);
    }
  });

  it('names nobody on an anonymous issue', async () => {
    const { issue } = await raiseTestAnonymousIssue(t.db, w);
    const page = (await issueLoader(args(await get(`/issues/${issue.reference}`, w.officer.user), params(issue.reference)))) as any;
    expect(page.issue.anonymous).toBe(true);
    expect(page.issue.raisedBy).toBeNull();
    expect(page.issue.reporterOrganization).toBeNull();
    const raised = page.timeline.find((e: { action: string }) => e.action === 'issue.raised');
    expect(raised).toMatchObject({ actor: null, anonymousReporter: true });
    // Reporters' acts on it happen through the receipt code, never on these pages.
    expect(page.acts).toEqual(['assign', 'acknowledge', 'reject']);
    expect(
      (await respond(async () => followUpLoader(args(await get(`/issues/${issue.reference}/follow-up`, w.member.user), params(issue.reference))))).status,
    ).toBe(404);
  });
});

describe('the formal acts', () => {
  it('acknowledges: 403 for the reporter, then the officer acknowledges and lands on the issue with a message', async () => {
    const issue = await raiseTestIssue(w);
    const path = `/issues/${issue.reference}/acknowledge`;
    expect((await respond(async () => acknowledgeLoader(args(await get(path, w.member.user), params(issue.reference))))).status).toBe(403);
    expect((await respond(async () => acknowledgeAction(args(await post(path, {}, w.member.user), params(issue.reference))))).status).toBe(403);
    // Not signed in: to the sign-in page, coming back here.
    const anonymous = await respond(async () => acknowledgeLoader(args(await get(path), params(issue.reference))));
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('Location')).toBe(`/signin?redirectTo=${encodeURIComponent(path)}`);

    const page = (await acknowledgeLoader(args(await get(path, w.officer.user), params(issue.reference)))) as any;
    expect(page.unavailable).toBeNull();
    expect(page.issue).toEqual({ reference: issue.reference, title: issue.title, status: 'RAISED' });

    const done = await respond(async () =>
      acknowledgeAction(args(await post(path, { note: 'Looking into it.', issueId: 'ignored' }, w.officer.user), params(issue.reference))),
    );
    expect(done.status).toBe(302);
    expect(done.headers.get('Location')).toBe(`/issues/${issue.reference}?done=acknowledged`);
    expect(await statusOf(issue.id)).toBe('ACKNOWLEDGED');
    const after = (await issueLoader(args(await get(`/issues/${issue.reference}?done=acknowledged`, w.officer.user), params(issue.reference)))) as any;
    expect(after.done).toBe('acknowledged');
    expect(after.issue.deadlines.acknowledge.state).toBe('met');
    expect(after.acts).toEqual(['assign', 'respond', 'resolve', 'reject']);

    // Again: the page says why it cannot be done; the command refuses with a conflict.
    const again = (await acknowledgeLoader(args(await get(path, w.officer.user), params(issue.reference)))) as any;
    expect(again.unavailable).toBe('errors.issueTransition.acknowledge.ACKNOWLEDGED');
    const refused = payload(await acknowledgeAction(args(await post(path, {}, w.officer.user), params(issue.reference))));
    expect(refused.status).toBe(409);
    expect(refused.data.errors.formError.key).toBe('errors.issueTransition.acknowledge.ACKNOWLEDGED');
  });

  it('assigns: to me, or to a colleague; never to someone outside the administration', async () => {
    const issue = await raiseTestIssue(w);
    const path = `/issues/${issue.reference}/assign`;
    const page = (await assignLoader(args(await get(path, w.officer.user), params(issue.reference)))) as any;
    const ids = page.people.map((p: { id: string }) => p.id);
    expect(ids).toEqual(expect.arrayContaining([w.officer.user.id, w.admin.user.id]));
    expect(ids).not.toContain(w.member.user.id);
    expect(page.me).toEqual({ id: w.officer.user.id });

    const toMe = await respond(async () => assignAction(args(await post(path, { assigneeId: w.officer.user.id }, w.officer.user), params(issue.reference))));
    expect(toMe.headers.get('Location')).toBe(`/issues/${issue.reference}?done=assigned`);
    expect((await t.db.issue.findUniqueOrThrow({ where: { id: issue.id } })).assigneeId).toBe(w.officer.user.id);

    const outsider = payload(await assignAction(args(await post(path, { assigneeId: w.member.user.id }, w.officer.user), params(issue.reference))));
    expect(outsider.status).toBeGreaterThanOrEqual(400);
    expect(outsider.data.errors.formError.key).toMatch(/^errors\./);
    expect(outsider.data.values.assigneeId).toBe(w.member.user.id);
    expect((await t.db.issue.findUniqueOrThrow({ where: { id: issue.id } })).assigneeId).toBe(w.officer.user.id);

    const missing = payload(await assignAction(args(await post(path, {}, w.officer.user), params(issue.reference))));
    expect(missing.status).toBe(400);
    expect(missing.data.errors.fieldErrors.assigneeId).toBeTruthy();

    const timeline = ((await issueLoader(args(await get(`/issues/${issue.reference}`, w.officer.user), params(issue.reference)))) as any).timeline;
    expect(timeline.find((e: { action: string }) => e.action === 'issue.assigned')).toMatchObject({
      actor: { name: w.officer.user.name },
      assignee: w.officer.user.name,
    });
  });

  it('responds: a preview records nothing, a short text is refused at its field, a response is published', async () => {
    const issue = await raiseTestIssue(w);
    await driveIssueTo(w, issue.id, 'ACKNOWLEDGED');
    const path = `/issues/${issue.reference}/respond`;
    const page = (await respondLoader(args(await get(path, w.officer.user), params(issue.reference)))) as any;
    expect(page.firstOfCycle).toBe(true);

    const body = 'We have **opened** an investigation <script>alert(1)</script> and will report back.';
    const preview = payload(await respondAction(args(await post(path, { intent: 'preview', body }, w.officer.user), params(issue.reference))));
    expect(preview.data.preview).toContain('<strong>opened</strong>');
    expect(preview.data.preview).not.toContain('<script');
    expect(await t.db.issueResponse.count({ where: { issueId: issue.id } })).toBe(0);

    const short = payload(await respondAction(args(await post(path, { intent: 'respond', body: 'Too short' }, w.officer.user), params(issue.reference))));
    expect(short.status).toBe(400);
    expect(short.data.errors.fieldErrors.body).toBeTruthy();
    expect(short.data.values.body).toBe('Too short');

    const done = await respond(async () => respondAction(args(await post(path, { intent: 'respond', body }, w.officer.user), params(issue.reference))));
    expect(done.headers.get('Location')).toBe(`/issues/${issue.reference}?done=responded`);
    const after = (await issueLoader(args(await get(`/issues/${issue.reference}`, w.member.user), params(issue.reference)))) as any;
    expect(after.issue.status).toBe('RESPONDED');
    expect(after.issue.responses).toHaveLength(1);
    expect(after.issue.responses[0]).toMatchObject({ kind: 'OFFICIAL', author: { name: w.officer.user.name } });
    expect(after.issue.responses[0].bodyHtml).not.toContain('<script');

    // The reporter hears of it on the dashboard.
    const items = await actionItemsFor(w.member.ctx, 'en');
    expect(items.find((i) => i.subjectId === issue.id)).toMatchObject({ kind: 'issue.response', severity: 'info' });
  });

  it('resolves with an outcome, then the reporter reopens within the window with a reason', async () => {
    const issue = await raiseTestIssue(w);
    await driveIssueTo(w, issue.id, 'RESPONDED');
    const resolvePath = `/issues/${issue.reference}/resolve`;
    expect(((await resolveLoader(args(await get(resolvePath, w.officer.user), params(issue.reference)))) as any).unavailable).toBeNull();
    const empty = payload(await resolveAction(args(await post(resolvePath, { outcome: '' }, w.officer.user), params(issue.reference))));
    expect(empty.status).toBe(400);
    expect(empty.data.errors.fieldErrors.outcome).toBeTruthy();
    const resolved = await respond(async () =>
      resolveAction(args(await post(resolvePath, { outcome: 'The fee schedule is now posted at the gate.' }, w.officer.user), params(issue.reference))),
    );
    expect(resolved.headers.get('Location')).toBe(`/issues/${issue.reference}?done=resolved`);

    // The reporter may reopen now; the officer may not (403), nor resolve again (unavailable).
    const reopenPath = `/issues/${issue.reference}/reopen`;
    expect((await respond(async () => reopenLoader(args(await get(reopenPath, w.officer.user), params(issue.reference))))).status).toBe(403);
    expect(((await resolveLoader(args(await get(resolvePath, w.officer.user), params(issue.reference)))) as any).unavailable).toBe(
      'errors.issueTransition.resolve.RESOLVED',
    );
    const page = (await reopenLoader(args(await get(reopenPath, w.member.user), params(issue.reference)))) as any;
    expect(page.unavailable).toBeNull();
    expect(new Date(page.until).getTime() - Date.now()).toBeGreaterThan(29 * DAY);
    const view = (await issueLoader(args(await get(`/issues/${issue.reference}`, w.member.user), params(issue.reference)))) as any;
    expect(view.acts).toEqual(['reopen']);
    expect(view.issue.outcome).toBe('The fee schedule is now posted at the gate.');

    const reopened = await respond(async () =>
      reopenAction(args(await post(reopenPath, { reason: 'The schedule was taken down again the next day.' }, w.member.user), params(issue.reference))),
    );
    expect(reopened.headers.get('Location')).toBe(`/issues/${issue.reference}?done=reopened`);
    expect(await statusOf(issue.id)).toBe('REOPENED');
  });

  it('says the reopen window has passed, after 30 days', async () => {
    const raisedAt = new Date(Date.now() - 60 * DAY);
    const issue = await raiseTestIssue(w, { now: raisedAt });
    await driveIssueTo(w, issue.id, 'REJECTED', new Date(raisedAt.getTime() + DAY));
    const page = (await reopenLoader(args(await get(`/issues/${issue.reference}/reopen`, w.member.user), params(issue.reference)))) as any;
    expect(page.unavailable).toBe('issuesOfficer.reopenWindowClosed');
    const refused = payload(
      await reopenAction(
        args(await post(`/issues/${issue.reference}/reopen`, { reason: 'Still happening at the gate.' }, w.member.user), params(issue.reference)),
      ),
    );
    expect(refused.status).toBe(409);
    expect(await statusOf(issue.id)).toBe('REJECTED');
  });

  it('rejects straight from RAISED, and refuses a reporter', async () => {
    const issue = await raiseTestIssue(w);
    const path = `/issues/${issue.reference}/reject`;
    expect(
      (await respond(async () => rejectAction(args(await post(path, { outcome: 'Not within our remit at all.' }, w.member.user), params(issue.reference)))))
        .status,
    ).toBe(403);
    const done = await respond(async () =>
      rejectAction(args(await post(path, { outcome: 'Not within our remit at all.' }, w.officer.user), params(issue.reference))),
    );
    expect(done.headers.get('Location')).toBe(`/issues/${issue.reference}?done=rejected`);
    expect(await statusOf(issue.id)).toBe('REJECTED');
  });

  it('adds the reporter’s information with a file (multipart), counting the files the issue has', async () => {
    const issue = await raiseTestIssue(w, { files: [await tinyPng('first.png')] });
    const path = `/issues/${issue.reference}/follow-up`;
    const page = (await followUpLoader(args(await get(path, w.member.user), params(issue.reference)))) as any;
    expect(page.existing).toBe(1);
    expect((await respond(async () => followUpLoader(args(await get(path, w.officer.user), params(issue.reference))))).status).toBe(403);

    const png = await tinyPng('second.png');
    const body = new FormData();
    body.append('body', 'The same officer was on shift again on Tuesday.');
    body.append('files', new File([new Uint8Array(png.bytes)], 'second.png', { type: 'image/png' }));
    const request = new Request(`${BASE}${path}`, { method: 'POST', body, headers: { cookie: await cookieOf(w.member.user), origin: BASE } });
    const done = await respond(async () => followUpAction(args(request, params(issue.reference))));
    expect(done.headers.get('Location')).toBe(`/issues/${issue.reference}?done=followedUp`);
    const view = (await issueLoader(args(await get(`/issues/${issue.reference}`, w.officer.user), params(issue.reference)))) as any;
    expect(view.issue.responses).toHaveLength(1);
    expect(view.issue.responses[0]).toMatchObject({ kind: 'REPORTER_INFO', author: { name: w.member.user.name } });
    expect(view.issue.responses[0].attachments.map((a: { fileName: string }) => a.fileName)).toEqual(['second.png']);
    expect(view.issue.attachmentCount).toBe(2);

    // A disguised file is refused at the file field, and nothing is added.
    const bad = new FormData();
    bad.append('body', 'Here is the receipt they gave us at the gate.');
    bad.append('files', new File([new TextEncoder().encode('MZ\u0000\u0001 not a pdf')], 'receipt.pdf', { type: 'application/pdf' }));
    const refused = payload(
      await followUpAction(
        args(
          new Request(`${BASE}${path}`, { method: 'POST', body: bad, headers: { cookie: await cookieOf(w.member.user), origin: BASE } }),
          params(issue.reference),
        ),
      ),
    );
    expect(refused.status).toBe(400);
    expect(refused.data.errors.fieldErrors.files).toBeTruthy();
    expect(refused.data.values.body).toBe('Here is the receipt they gave us at the gate.');
    expect(await t.db.issueResponse.count({ where: { issueId: issue.id } })).toBe(1);
  });

  it('publishes a de-identified summary of an anonymous issue (platform administrators only), saying when it becomes public', async () => {
    const { issue } = await raiseTestAnonymousIssue(t.db, w);
    const path = `/issues/${issue.reference}/summary`;
    expect((await respond(async () => summaryLoader(args(await get(path, w.officer.user), params(issue.reference))))).status).toBe(403);
    const page = (await summaryLoader(args(await get(path, w.platformAdmin.user), params(issue.reference)))) as any;
    expect(page.delayDays).toBe(7);
    expect(page.delayed).toBe(true);
    expect(new Date(page.publicFrom).getTime()).toBe(issue.createdAt.getTime() + 7 * DAY);

    const done = await respond(async () =>
      summaryAction(
        args(await post(path, { summary: 'Cash was requested at a road crossing before a stamp.' }, w.platformAdmin.user), params(issue.reference)),
      ),
    );
    expect(done.headers.get('Location')).toBe(`/issues/${issue.reference}?done=summaryPublished`);
    expect((await t.db.issue.findUniqueOrThrow({ where: { id: issue.id } })).publicSummary).toBe('Cash was requested at a road crossing before a stamp.');

    // A named issue has no summary page.
    const named = await raiseTestIssue(w);
    expect(
      (await respond(async () => summaryLoader(args(await get(`/issues/${named.reference}/summary`, w.platformAdmin.user), params(named.reference))))).status,
    ).toBe(403);
  });
});

describe('the inbox', () => {
  it('lists the administration’s issues overdue first, with counts and filters in the URL', async () => {
    const world = await makeIssueWorld(t.db);
    const fresh = await raiseTestIssue(world, { severity: 'LOW' });
    const late = await raiseTestIssue(world, { now: new Date(Date.now() - 20 * DAY), severity: 'CRITICAL' });
    const acknowledged = await raiseTestIssue(world);
    await driveIssueTo(world, acknowledged.id, 'ACKNOWLEDGED');

    const page = payload((await inboxLoader(args(await get('/inbox', world.officer.user)))) as any).data;
    expect(page.view).toBe('inbox');
    expect(page.administration.id).toBe(world.administration.id);
    expect(page.rows[0].reference).toBe(late.reference);
    expect(page.rows[0]).toMatchObject({ overdue: true, escalated: true });
    expect(page.rows[0].next).toMatchObject({ deadline: 'ACKNOWLEDGE', overdue: true });
    expect(page.rows.map((r: { reference: string }) => r.reference).sort()).toEqual([fresh.reference, late.reference, acknowledged.reference].sort());
    expect(page.counts).toMatchObject({ RAISED: 2, ACKNOWLEDGED: 1, RESPONDED: 0 });
    expect(page.offices.map((o: { id: string }) => o.id)).toEqual([world.office.id]);

    const filtered = payload((await inboxLoader(args(await get('/inbox?status=ACKNOWLEDGED&severity=BOGUS', world.officer.user)))) as any).data;
    expect(filtered.rows.map((r: { reference: string }) => r.reference)).toEqual([acknowledged.reference]);
    expect(filtered.query.severity).toEqual([]);
    const escalated = payload((await inboxLoader(args(await get('/inbox?escalated=1', world.officer.user)))) as any).data;
    expect(escalated.rows.map((r: { reference: string }) => r.reference)).toEqual([late.reference]);
    const mine = payload((await inboxLoader(args(await get('/inbox?assigned=1', world.officer.user)))) as any).data;
    expect(mine.rows).toEqual([]);
    // A cursor that is not ours starts again at the first page.
    const badCursor = payload((await inboxLoader(args(await get('/inbox?after=nonsense', world.officer.user)))) as any).data;
    expect(badCursor.rows).toHaveLength(3);

    // The dashboard: the officer is asked to acknowledge, the overdue one first and urgent; the inbox link is there.
    const items = (await actionItemsFor(world.officer.ctx, 'en')).filter((i) => i.kind.startsWith('issue.'));
    expect(items[0]).toMatchObject({ kind: 'issue.acknowledge', subjectId: late.id, severity: 'urgent', href: `/issues/${late.reference}/acknowledge` });
    expect(items.map((i) => i.subjectId)).toEqual(expect.arrayContaining([fresh.id, acknowledged.id]));
    const dashboard = (await dashboardLoader(args(await get('/dashboard', world.officer.user)))) as any;
    expect(dashboard.handlesIssues).toBe(true);
    expect(((await dashboardLoader(args(await get('/dashboard', world.member.user)))) as any).handlesIssues).toBe(false);
    // Administrators of the administration hear of escalated issues even after they were acknowledged late.
    await driveIssueTo(world, late.id, 'RESPONDED');
    const adminItems = (await actionItemsFor(world.admin.ctx, 'en')).filter((i) => i.subjectId === late.id);
    expect(adminItems).toMatchObject([{ kind: 'issue.escalated', severity: 'urgent' }]);
    expect((await actionItemsFor(world.officer.ctx, 'en')).filter((i) => i.subjectId === late.id)).toEqual([]);
  });

  it('is a 403 page for anyone who handles no administration’s issues, and asks which one when several', async () => {
    const member = payload((await inboxLoader(args(await get('/inbox', w.member.user)))) as any);
    expect(member.status).toBe(403);
    expect(member.data.view).toBe('forbidden');
    const admin = payload((await inboxLoader(args(await get('/inbox', w.platformAdmin.user)))) as any);
    expect(admin.status).toBe(403);
    const anonymous = await respond(async () => inboxLoader(args(await get('/inbox'))));
    expect(anonymous.status).toBe(302);

    const second = await makeOrganization(t.db, { kind: 'CUSTOMS_ADMINISTRATION', name: 'Second Customs Inbox Test' });
    const both = await makeMember(t.db, w.administration.id, 'LIAISON_OFFICER');
    await t.db.membership.create({ data: { organizationId: second.id, userId: both.id, role: 'ORG_ADMIN' } });
    const choose = payload((await inboxLoader(args(await get('/inbox', both)))) as any).data;
    expect(choose.view).toBe('choose');
    expect(choose.administrations.map((a: { id: string }) => a.id).sort()).toEqual([w.administration.id, second.id].sort());
    const chosen = payload((await inboxLoader(args(await get(`/inbox?administration=${second.id}`, both)))) as any).data;
    expect(chosen.view).toBe('inbox');
    expect(chosen.administration.id).toBe(second.id);
    expect(chosen.rows).toEqual([]);
  });

  it('keeps every filter in the URL', () => {
    const query = parseInboxQuery(
      new URLSearchParams('administration=a1&status=RAISED&status=NOPE&severity=HIGH&office=o1&assigned=1&escalated=1&overdue=0&after=c'),
    );
    expect(query).toEqual({
      administration: 'a1',
      status: ['RAISED'],
      severity: ['HIGH'],
      office: 'o1',
      assigned: true,
      escalated: true,
      overdue: false,
      after: 'c',
    });
    expect(inboxHref(query)).toBe('/inbox?administration=a1&status=RAISED&severity=HIGH&office=o1&assigned=1&escalated=1');
    expect(inboxHref(query, { after: 'next' })).toBe('/inbox?administration=a1&status=RAISED&severity=HIGH&office=o1&assigned=1&escalated=1&after=next');
  });
});
