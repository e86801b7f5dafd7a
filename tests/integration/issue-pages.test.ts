// The reporter-side issue pages' loaders and actions, called as React Router calls them (Request objects): the list
// with its URL filters, views, search and keyset pages; raising an issue with a file; anonymous reporting with the
// receipt shown once; the receipt holder's follow-up (open, add, reopen; one answer for wrong and unknown codes); and
// the public statistics with small counts suppressed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signIn } from '../../app/domain/auth.server';
import { acknowledgeIssue, raiseIssue, resolveIssue } from '../../app/domain/issues.server';
import { resetReceiptRateLimits } from '../../app/domain/receipt-codes.server';
import { LocalFileStore, configureFileStore } from '../../app/domain/storage.server';
import { createOffice } from '../../app/domain/offices.server';
import { sessionCookie } from '../../app/auth/session.server';
import { setServices } from '../../app/services.server';
import { loader as listLoader } from '../../app/routes/issues';
import { action as newAction, loader as newLoader } from '../../app/routes/issues.new';
import { loader as statsLoader } from '../../app/routes/issues.statistics';
import { action as reportAction, loader as reportLoader } from '../../app/routes/report';
import { action as followUpAction } from '../../app/routes/report.follow-up';
import { PAGE_SIZE, issueListHref, parseIssueListQuery } from '../../app/web/issues.server';
import { type TestDatabase, createTestDatabase } from '../helpers/db';
import { PASSWORD, ctxFor, makeMember, makeOrganization, makeUser, system } from '../helpers/fixtures';
import { useTestServices } from '../helpers/services';

let t: TestDatabase;
let filesDir: string;
const BASE = 'http://localhost:3000';
const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} }) as never;
const OCCURRED = '2026-01-05';

type World = Awaited<ReturnType<typeof makeWorld>>;
let w: World;

async function makeWorld() {
  const db = t.db;
  const adm = await makeOrganization(db, { kind: 'CUSTOMS_ADMINISTRATION', country: 'KZ', name: 'State Revenue Committee Test' });
  const assoc = await makeOrganization(db, { name: 'Association of Carriers Test' });
  const assoc2 = await makeOrganization(db, { name: 'Second Association Test' });
  const platformAdmin = await makeUser(db, { platformAdmin: true });
  const adminCtx = await ctxFor(db, platformAdmin.id);
  const officeA = await createOffice(adminCtx, {
    administrationId: adm.id,
    nameEn: 'Khorgos',
    nameRu: 'Хоргос',
    kind: 'ROAD_BORDER_CROSSING',
    latitude: 44.2,
    longitude: 80.4,
  });
  const officeB = await createOffice(adminCtx, {
    administrationId: adm.id,
    nameEn: 'Dostyk',
    nameRu: 'Достык',
    kind: 'RAIL_BORDER_CROSSING',
    latitude: 45.2,
    longitude: 82.5,
  });
  const officer = await makeMember(db, adm.id, 'LIAISON_OFFICER', { name: 'Officer Pages' });
  const reporter = await makeMember(db, assoc.id, 'MEMBER', { name: 'Reporter Pages' });
  const outsider = await makeUser(db, { name: 'Outsider Pages' });
  return { adm, assoc, assoc2, officeA, officeB, officer, reporter, outsider };
}

const raiseInput = (overrides: Record<string, unknown> = {}) => ({
  organizationId: w.assoc.id,
  administrationId: w.adm.id,
  officeId: w.officeA.id,
  title: 'Cash requested for a stamp',
  description: 'The officer on shift asked for cash before stamping the transit declaration.',
  occurredAt: OCCURRED,
  category: 'UNOFFICIAL_PAYMENT',
  factor: 'TRANSPARENCY',
  severity: 'HIGH',
  visibility: 'PUBLIC',
  ...overrides,
});

async function cookieOf(user: { email: string }) {
  const { token } = await signIn({ db: t.db, actor: { kind: 'anonymous' } }, { email: user.email, password: PASSWORD });
  return (await sessionCookie().serialize(token)).split(';')[0];
}

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

/** What an action returned with data(): its payload and status. */
function payload<T = any>(result: unknown): { data: T; status: number; headers: Headers } {
  const value = result as { data?: T; init?: ResponseInit | null; type?: string };
  if (value && value.type === 'DataWithResponseInit')
    return { data: value.data as T, status: value.init?.status ?? 200, headers: new Headers(value.init?.headers) };
  return { data: result as T, status: 200, headers: new Headers() };
}

function multipart(pathname: string, fields: Record<string, string>, files: File[] = [], headers: Record<string, string> = {}) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  for (const file of files) body.append('files', file);
  return new Request(`${BASE}${pathname}`, { method: 'POST', body, headers: { 'x-ic-client-ip': '198.51.100.10', ...headers } });
}

function form(pathname: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return new Request(`${BASE}${pathname}`, { method: 'POST', body: new URLSearchParams(fields), headers: { 'x-ic-client-ip': '198.51.100.11', ...headers } });
}

beforeAll(async () => {
  t = await createTestDatabase();
  useTestServices(t.db);
  filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ic-issue-pages-'));
  configureFileStore(new LocalFileStore(filesDir));
  w = await makeWorld();
});
afterAll(async () => {
  configureFileStore(undefined);
  setServices(undefined);
  await t?.close();
  fs.rmSync(filesDir, { recursive: true, force: true });
});
beforeEach(() => resetReceiptRateLimits());

describe('the list’s query in the URL', () => {
  it('reads filters, view, order and page, and drops what it does not know', () => {
    const q = parseIssueListQuery(
      new URLSearchParams(
        'status=RAISED&status=BOGUS,REOPENED&severity=HIGH&country=kz&overdue=1&view=assigned&order=DEADLINE&q=%20cash%20&factor=NOPE&office=a;b',
      ),
    );
    expect(q.status).toEqual(['RAISED', 'REOPENED']);
    expect(q.severity).toEqual(['HIGH']);
    expect(q.factor).toEqual([]);
    expect(q.country).toBe('KZ');
    expect(q.overdue).toBe(true);
    expect(q.escalated).toBe(false);
    expect(q.view).toBe('assigned');
    expect(q.order).toBe('DEADLINE');
    expect(q.q).toBe('cash');
    expect(q.office).toBeUndefined();
    expect(issueListHref(q, { after: 'xyz' })).toBe(
      '/issues?view=assigned&q=cash&status=RAISED&status=REOPENED&severity=HIGH&country=KZ&overdue=1&order=DEADLINE&after=xyz',
    );
    expect(parseIssueListQuery(new URLSearchParams('order=DROP TABLE&view=everything')).order).toBeUndefined();
  });
});

describe('/issues', () => {
  it('lists what the reader may see, filters by the URL, searches, and pages by keyset', async () => {
    const reporterCtx = await ctxFor(t.db, w.reporter.id);
    const publicIssue = await raiseIssue(reporterCtx, raiseInput({ title: 'Public stamp payment at Khorgos' }));
    const restricted = await raiseIssue(
      reporterCtx,
      raiseInput({ title: 'Restricted valuation dispute', visibility: 'RESTRICTED', category: 'OTHER', severity: 'LOW' }),
    );

    const anonymousPage = await listLoader(args(new Request(`${BASE}/issues`)));
    const refs = anonymousPage.rows.map((r) => r.reference);
    expect(refs).toContain(publicIssue.reference);
    expect(refs).not.toContain(restricted.reference);
    expect(anonymousPage.signedIn).toBe(false);
    // "Assigned to me" needs a reader: a visitor's URL falls back to every issue.
    expect((await listLoader(args(new Request(`${BASE}/issues?view=assigned`)))).values.view).toBe('all');

    const reporterCookie = await cookieOf(w.reporter);
    const own = await listLoader(args(new Request(`${BASE}/issues?view=mine`, { headers: { cookie: reporterCookie } })));
    expect(own.rows.map((r) => r.reference)).toEqual(expect.arrayContaining([publicIssue.reference, restricted.reference]));
    expect(own.canRaise).toBe(true);

    const filtered = await listLoader(args(new Request(`${BASE}/issues?view=mine&severity=LOW`, { headers: { cookie: reporterCookie } })));
    expect(filtered.rows.map((r) => r.reference)).toEqual([restricted.reference]);
    expect(filtered.filtered).toBe(true);

    const searched = await listLoader(args(new Request(`${BASE}/issues?q=${encodeURIComponent('stamp payment')}`)));
    expect(searched.rows.map((r) => r.reference)).toContain(publicIssue.reference);
    expect(searched.rows.every((r) => r.reference !== restricted.reference)).toBe(true);

    const row = anonymousPage.rows.find((r) => r.reference === publicIssue.reference)!;
    expect(row.office?.name).toBe('Khorgos');
    expect(row.deadline?.deadline).toBe('ACKNOWLEDGE');
    expect(row.deadline?.overdue).toBe(false);

    const officerCookie = await cookieOf(w.officer);
    const ru = await listLoader(args(new Request(`${BASE}/issues?office=${w.officeA.id}`, { headers: { cookie: officerCookie, 'accept-language': 'ru' } })));
    expect(ru.rows.length).toBeGreaterThanOrEqual(2);
    expect(ru.rows.every((r) => r.office?.name === 'Хоргос' || r.office === null || r.office.name === 'Khorgos')).toBe(true);

    // Keyset pages: one page and one issue more make a second page; "Next page" carries the cursor and the filters.
    for (let i = 0; i <= PAGE_SIZE; i++) await raiseIssue(reporterCtx, raiseInput({ title: `Paged issue number ${i}`, officeId: w.officeB.id }));
    const first = await listLoader(args(new Request(`${BASE}/issues?office=${w.officeB.id}&order=OLDEST`)));
    expect(first.rows).toHaveLength(PAGE_SIZE);
    expect(first.links.next).toMatch(/^\/issues\?office=.+&order=OLDEST&after=/);
    const second = await listLoader(args(new Request(`${BASE}${first.links.next}`)));
    expect(second.rows).toHaveLength(1);
    expect(second.rows[0].title).toBe(`Paged issue number ${PAGE_SIZE}`);
    expect(second.links.next).toBeNull();
    expect(second.links.first).toBe(`/issues?office=${w.officeB.id}&order=OLDEST`);
  }, 120_000);
});

describe('/issues/new', () => {
  it('asks for sign-in, explains when the reader belongs to no business association, and offers the choices', async () => {
    const anonymous = await respond(() => newLoader(args(new Request(`${BASE}/issues/new`))));
    expect(anonymous.status).toBe(302);
    const outsider = await newLoader(args(new Request(`${BASE}/issues/new`, { headers: { cookie: await cookieOf(w.outsider) } })));
    expect(outsider.organizations).toEqual([]);
    const reporter = await newLoader(args(new Request(`${BASE}/issues/new`, { headers: { cookie: await cookieOf(w.reporter) } })));
    expect(reporter.organizations).toEqual([{ id: w.assoc.id, name: w.assoc.name }]);
    const adm = reporter.administrations.find((a) => a.id === w.adm.id)!;
    expect(adm.offices.map((o) => o.name).sort()).toEqual(['Dostyk', 'Khorgos']);
  });

  it('raises an issue with a file and opens its page; a bad form comes back with field errors and its values', async () => {
    const cookie = await cookieOf(w.reporter);
    const fields = raiseInput({ title: 'Issue with evidence file' }) as Record<string, string>;
    const ok = await respond(() =>
      newAction(args(multipart('/issues/new', fields, [new File(['Receipt of the payment, 50 USD.\n'], 'note.txt', { type: 'text/plain' })], { cookie }))),
    );
    expect(ok.status).toBe(302);
    const location = ok.headers.get('Location')!;
    expect(location).toMatch(/^\/issues\/ISS-\d{4}-\d{4,}\?done=raised$/);
    const reference = location.split('/')[2].split('?')[0];
    const issue = await t.db.issue.findUniqueOrThrow({ where: { reference }, include: { attachments: true } });
    expect(issue.raisedById).toBe(w.reporter.id);
    expect(issue.reporterOrganizationId).toBe(w.assoc.id);
    expect(issue.attachments.map((a) => [a.fileName, a.contentType])).toEqual([['note.txt', 'text/plain']]);

    const bad = payload(await newAction(args(multipart('/issues/new', { ...fields, title: 'x', category: '' }, [], { cookie }))));
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.data.errors.fieldErrors)).toEqual(expect.arrayContaining(['title', 'category']));
    expect(bad.data.values.description).toBe(fields.description);

    // Another association's id: refused, nothing written.
    const before = await t.db.issue.count();
    const foreign = payload(await newAction(args(multipart('/issues/new', { ...fields, organizationId: w.assoc2.id }, [], { cookie }))));
    expect(foreign.status).toBeGreaterThanOrEqual(400);
    expect(await t.db.issue.count()).toBe(before);

    // A disguised file: refused as a field error on `files`, and no issue without its files.
    const exe = new File([new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0, 0, 0, 0x04, 0, 0, 0, 0xff, 0xff, 0, 0])], 'invoice.pdf', {
      type: 'application/pdf',
    });
    const disguised = payload(await newAction(args(multipart('/issues/new', fields, [exe], { cookie }))));
    expect(disguised.status).toBe(400);
    expect(disguised.data.errors.fieldErrors.files?.length).toBeGreaterThan(0);
    expect(await t.db.issue.count()).toBe(before);
  }, 120_000);
});

describe('/report and /report/follow-up', () => {
  const reportFields = () => ({
    administrationId: w.adm.id,
    officeId: w.officeA.id,
    title: 'Anonymous report of a bribe',
    description: 'A broker said the inspection would be skipped for a fee paid to the shift supervisor.',
    occurredAt: OCCURRED,
    category: 'UNOFFICIAL_PAYMENT',
    factor: 'CODE_OF_CONDUCT',
    severity: 'CRITICAL',
  });

  it('shows the receipt code once, in the response only, and never caches it', async () => {
    const page = payload(await reportLoader(args(new Request(`${BASE}/report`))));
    expect(page.data.administrations.some((a: { id: string }) => a.id === w.adm.id)).toBe(true);
    expect(page.headers.get('Cache-Control')).toBe('no-store');

    const result = payload(await reportAction(args(multipart('/report', reportFields()))));
    expect(result.status).toBe(200);
    expect(result.headers.get('Cache-Control')).toBe('no-store');
    expect(result.data.receipt.code).toMatch(/^\d{4}-\d{4}-\d{4}-\d{4}$/);
    const issue = await t.db.issue.findUniqueOrThrow({ where: { reference: result.data.receipt.reference } });
    expect(issue).toMatchObject({ anonymous: true, raisedById: null, reporterOrganizationId: null, visibility: 'RESTRICTED' });

    const bad = payload(await reportAction(args(multipart('/report', { ...reportFields(), description: 'short' }))));
    expect(bad.status).toBe(400);
    expect(bad.data.receipt).toBeNull();
    expect(bad.data.errors.fieldErrors.description).toBeDefined();
  });

  it('opens the report by its code, adds information and files, and reopens within the window', async () => {
    const { data: raised } = payload(await reportAction(args(multipart('/report', reportFields()))));
    const code: string = raised.receipt.code;

    const opened = payload(await followUpAction(args(form('/report/follow-up', { intent: 'open', receiptCode: code.replaceAll('-', ' ') }))));
    expect(opened.status).toBe(200);
    expect(opened.data.view.reference).toBe(raised.receipt.reference);
    expect(opened.data.code).toBe(code);
    expect(opened.data.view.canAdd).toBe(true);
    expect(opened.data.view.timeline[0]).toMatchObject({ action: 'issue.raised', who: 'reporter' });

    const added = payload(
      await followUpAction(
        args(
          multipart('/report/follow-up', { intent: 'add', receiptCode: code, body: 'The same broker asked again on Tuesday.' }, [
            new File(['Second note'], 'second.txt', { type: 'text/plain' }),
          ]),
        ),
      ),
    );
    expect(added.status).toBe(200);
    expect(added.data.notice).toBe('added');
    const info = added.data.view.responses.find((r: { kind: string }) => r.kind === 'REPORTER_INFO');
    expect(info.attachments[0].href).toMatch(new RegExp(`^/issues/${raised.receipt.reference}/attachments/[^/?]+\\?token=`));

    const tooShort = payload(await followUpAction(args(multipart('/report/follow-up', { intent: 'add', receiptCode: code, body: 'short' }))));
    expect(tooShort.status).toBe(400);
    expect(tooShort.data.view.reference).toBe(raised.receipt.reference);
    expect(tooShort.data.errors.fieldErrors.body).toBeDefined();

    // The administration resolves it; the reporter reopens with a reason.
    const officerCtx = await ctxFor(t.db, w.officer.id);
    const issue = await t.db.issue.findUniqueOrThrow({ where: { reference: raised.receipt.reference } });
    await acknowledgeIssue(officerCtx, { issueId: issue.id });
    await resolveIssue(officerCtx, { issueId: issue.id, outcome: 'The supervisor was moved to another post.' });
    const closed = payload(await followUpAction(args(form('/report/follow-up', { intent: 'open', receiptCode: code }))));
    expect(closed.data.view.canAdd).toBe(false);
    expect(closed.data.view.reopenUntil).not.toBeNull();
    expect(closed.data.view.outcome).toBe('The supervisor was moved to another post.');
    const reopened = payload(
      await followUpAction(args(form('/report/follow-up', { intent: 'reopen', receiptCode: code, reopenReason: 'The same demand was made again this week.' }))),
    );
    expect(reopened.data.notice).toBe('reopened');
    expect(reopened.data.view.status).toBe('REOPENED');
    expect((await t.db.issue.findUniqueOrThrow({ where: { id: issue.id } })).status).toBe('REOPENED');
  }, 120_000);

  it('answers a wrong, an unknown and a malformed code alike, and rate limits guessing', async () => {
    const { data: raised } = payload(await reportAction(args(multipart('/report', reportFields()))));
    const digits: string = raised.receipt.code.replaceAll('-', '');
    const wrong = `${digits.slice(0, 6)}${digits.slice(6) === '0000000000' ? '1111111111' : '0000000000'}`;
    const answers = await Promise.all(
      [wrong, '9999999999999999', '12'].map(async (receiptCode) =>
        payload(await followUpAction(args(form('/report/follow-up', { intent: 'open', receiptCode })))),
      ),
    );
    for (const answer of answers) {
      expect(answer.status).toBe(404);
      expect(answer.data).toEqual({ view: null, code: '', intent: 'open', notice: null, errors: { formError: { key: 'issuesPages.followUp.notFound' } } });
    }
    let limited: ReturnType<typeof payload<{ view: unknown }>> | null = null;
    for (let i = 0; i < 20 && !limited; i++) {
      const answer = payload<{ view: unknown }>(await followUpAction(args(form('/report/follow-up', { intent: 'open', receiptCode: '1111-2222-3333-4444' }))));
      if (answer.status === 429) limited = answer;
    }
    expect(limited).not.toBeNull();
    expect(limited!.data.view).toBeNull();
    expect(limited!.headers.get('Retry-After')).toMatch(/^\d+$/);
  }, 120_000);
});

describe('/issues/statistics', () => {
  it('shows office × month counts with 1–4 suppressed, and totals of published cells only', async () => {
    const admS = await makeOrganization(t.db, { kind: 'CUSTOMS_ADMINISTRATION', country: 'UZ' });
    const assocS = await makeOrganization(t.db);
    const adminCtx = { ...system(t.db) };
    const busy = await createOffice(adminCtx, {
      administrationId: admS.id,
      nameEn: 'Busy Post',
      nameRu: 'Загруженный пост',
      kind: 'AIRPORT',
      latitude: 41,
      longitude: 69,
    });
    const quiet = await createOffice(adminCtx, {
      administrationId: admS.id,
      nameEn: 'Quiet Post',
      nameRu: 'Тихий пост',
      kind: 'SEAPORT',
      latitude: 41,
      longitude: 69,
    });
    const member = await makeMember(t.db, assocS.id, 'MEMBER');
    const ctx = await ctxFor(t.db, member.id);
    const input = {
      organizationId: assocS.id,
      administrationId: admS.id,
      title: 'Statistics issue',
      description: 'An issue raised for the statistics page test.',
      occurredAt: OCCURRED,
      category: 'UNEXPLAINED_DELAY',
      factor: 'AUTOMATION',
      severity: 'MEDIUM',
      visibility: 'RESTRICTED',
    };
    for (let i = 0; i < 6; i++) await raiseIssue(ctx, { ...input, officeId: busy.id });
    for (let i = 0; i < 2; i++) await raiseIssue(ctx, { ...input, officeId: quiet.id });

    const stats = await statsLoader(args(new Request(`${BASE}/issues/statistics?administration=${admS.id}`)));
    expect(stats.administrationId).toBe(admS.id);
    expect(stats.months).toHaveLength(12);
    const month = new Date().toISOString().slice(0, 7);
    const col = stats.months.indexOf(month);
    const busyRow = stats.offices.find((o) => o.name === 'Busy Post')!;
    const quietRow = stats.offices.find((o) => o.name === 'Quiet Post')!;
    expect(busyRow.cells[col]).toBe(6);
    expect(quietRow.cells[col]).toBeNull();
    expect(quietRow.total).toEqual({ count: 0, exact: false });
    expect(stats.total).toEqual({ count: 6, exact: false });
    // The chart shows the same published figures as the table.
    const bar = stats.chart.bars.find((b) => b.month === month)!;
    expect(bar).toMatchObject({ count: 6, exact: false });
    expect(stats.chart.bars).toHaveLength(12);
    expect(JSON.stringify(stats)).not.toMatch(/"count":2\b/);
    const unknown = await statsLoader(args(new Request(`${BASE}/issues/statistics?administration=nope`)));
    expect(unknown.administrationId).toBe('');
  }, 120_000);
});
