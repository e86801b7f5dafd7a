// The commitment pages' loaders and actions, called as React Router calls them (Request objects with a session
// cookie, forms posted as plain url-encoded bodies, as a browser without JavaScript sends them): the list with its URL
// filters, keyset pages and CSV; proposing (field-level errors, success, pre-filled from an issue); the commitment
// page (404 for outsiders while proposed, the viewer's actions); accepting, declining and agreeing to cancel, each
// allowed and refused; and the "Commitments" sections of the issue, pledge and organisation pages.
import fs from 'node:fs';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { Outlet, createRoutesStub } from 'react-router';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCalendarDays, todayOf } from '../../app/domain/commitment-rules';
import { raiseIssue } from '../../app/domain/issues.server';
import { configureFileStore } from '../../app/domain/storage.server';
import { setServices } from '../../app/services.server';
import { en } from '../../app/i18n/en';
import { ru } from '../../app/i18n/ru';
import AcceptPage, { action as acceptAction, loader as acceptLoader } from '../../app/routes/commitment.accept';
import CancelPage, { action as cancelAction, loader as cancelLoader } from '../../app/routes/commitment.cancel';
import DeclinePage, { action as declineAction, loader as declineLoader } from '../../app/routes/commitment.decline';
import CommitmentPage, { loader as commitmentLoader } from '../../app/routes/commitment';
import CommitmentsPage, { loader as listLoader } from '../../app/routes/commitments';
import { loader as csvLoader } from '../../app/routes/commitments-csv';
import NewCommitmentPage, { action as newAction, loader as newLoader } from '../../app/routes/commitments.new';
import { loader as issueLoader } from '../../app/routes/issue';
import { loader as organizationLoader } from '../../app/routes/organization';
import { commitmentListHref, parseCommitmentListQuery } from '../../app/web/commitment-page.server';
import { type CommitmentSetup, activeTestCommitment, makeCommitmentSetup, proposeTestCommitment } from '../helpers/commitments';
import { type TestDatabase, createTestDatabase } from '../helpers/db';
import { payload, respond, routeArgs, routeRequests } from '../helpers/route-requests';
import { issueInput, useTempFileStore } from '../helpers/issues';
import { useTestServices } from '../helpers/services';

let t: TestDatabase;
let s: CommitmentSetup;
let filesDir: string;
const today = todayOf(new Date());
const args = routeArgs;
const { get, post } = routeRequests(() => t.db, '198.51.100.30');
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
/** No untranslated key shows on a rendered page. */
const expectTranslated = (html: string) => expect(html).not.toMatch(/commitmentsPages\.|commitment\.(status|type|party)\.|milestone\.(state|timing)\./);

const at = (reference: string, sub = '') => `/commitments/${reference}${sub ? `/${sub}` : ''}`;

beforeAll(async () => {
  t = await createTestDatabase();
  useTestServices(t.db);
  filesDir = useTempFileStore();
  s = await makeCommitmentSetup(t.db);
}, 120_000);
afterAll(async () => {
  configureFileStore(undefined);
  setServices(undefined);
  await t?.close();
  fs.rmSync(filesDir, { recursive: true, force: true });
});

describe('the list’s query in the URL', () => {
  it('reads filters, order and page, and drops what it does not know', () => {
    const q = parseCommitmentListQuery(
      new URLSearchParams('status=AT_RISK&status=BOGUS,DELAYED&type=DETECTION&factor=NOPE&country=kz&party=org-a&plan=a;b&q=%20fees%20&order=DUE'),
    );
    expect(q.status).toEqual(['AT_RISK', 'DELAYED']);
    expect(q.type).toBe('DETECTION');
    expect(q.factor).toBeUndefined();
    expect(q.country).toBe('KZ');
    expect(q.party).toBe('org-a');
    expect(q.plan).toBeUndefined();
    expect(q.q).toBe('fees');
    expect(q.order).toBe('DUE');
    expect(commitmentListHref(q, { after: 'xyz' })).toBe(
      '/commitments?status=AT_RISK&status=DELAYED&type=DETECTION&country=KZ&party=org-a&q=fees&order=DUE&after=xyz',
    );
    expect(commitmentListHref(q, {}, '/commitments.csv')).toMatch(/^\/commitments\.csv\?status=AT_RISK/);
    expect(parseCommitmentListQuery(new URLSearchParams('order=DROP TABLE')).order).toBeUndefined();
  });
});

describe('the commitment list', () => {
  it('lists what the reader may see, filters in the URL, pages by keyset and offers proposing to those who may', async () => {
    const proposed = await proposeTestCommitment(t.db, s, { title: `Proposed list ${Date.now()}` });
    const { commitment: active } = await activeTestCommitment(t.db, s, { title: `Active list ${Date.now()}`, milestones: 1 });

    const anonymous = await listLoader(args(await get('/commitments?order=NEWEST')));
    const anonymousRefs = anonymous.rows.map((r) => r.reference);
    expect(anonymousRefs).toContain(active.reference);
    expect(anonymousRefs).not.toContain(proposed.reference);
    expect(anonymous.canPropose).toBe(false);

    const party = await listLoader(args(await get('/commitments', s.associationSignatory)));
    expect(party.rows.map((r) => r.reference)).toContain(proposed.reference);
    expect(party.canPropose).toBe(true);
    const member = await listLoader(args(await get('/commitments', s.associationMember)));
    expect(member.canPropose).toBe(false);

    const onlyProposed = await listLoader(args(await get('/commitments?status=PROPOSED', s.customsAdmin)));
    expect(onlyProposed.rows.every((r) => r.status === 'PROPOSED')).toBe(true);
    expect(onlyProposed.rows.map((r) => r.reference)).toContain(proposed.reference);
    expect(onlyProposed.filtered).toBe(true);
    expect(onlyProposed.values.status).toBe('PROPOSED');

    const byParty = await listLoader(args(await get(`/commitments?party=${s.otherAssociation.slug}`, s.customsAdmin)));
    expect(byParty.rows).toEqual([]);
    const unknownParty = await listLoader(args(await get('/commitments?party=no-such-organisation', s.customsAdmin)));
    expect(unknownParty.rows).toEqual([]);
    const search = await listLoader(args(await get(`/commitments?q=${encodeURIComponent('Active list')}`)));
    expect(search.rows.map((r) => r.reference)).toContain(active.reference);

    for (let i = 0; i < 25; i++) await proposeTestCommitment(t.db, s);
    const first = await listLoader(args(await get('/commitments', s.customsAdmin)));
    expect(first.rows).toHaveLength(25);
    expect(first.links.next).toMatch(/after=/);
    const next = await listLoader(args(await get(first.links.next!, s.customsAdmin)));
    expect(next.rows.length).toBeGreaterThan(0);
    expect(next.rows.map((r) => r.id).some((id) => first.rows.some((r) => r.id === id))).toBe(false);
    expect(next.links.first).toBe('/commitments');
  }, 120_000);

  it('downloads the filtered list as CSV: BOM, header, formula cells escaped, hidden commitments left out', async () => {
    const { commitment } = await activeTestCommitment(t.db, s, { title: '=HYPERLINK("http://evil.test","x") fees', milestones: 1 });
    const hidden = await proposeTestCommitment(t.db, s, { title: `Hidden from CSV ${Date.now()}` });
    const response = await csvLoader(args(await get('/commitments.csv?status=ON_TRACK&status=AT_RISK')));
    expect(response.headers.get('content-type')).toMatch(/text\/csv/);
    expect(response.headers.get('content-disposition')).toMatch(/attachment; filename="commitments-\d{4}-\d{2}-\d{2}\.csv"/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.split('\r\n')[0]).toContain('Reference');
    expect(text).toContain(commitment.reference);
    expect(text).toContain(`"'=HYPERLINK(""http://evil.test"",""x"") fees"`);
    expect(text).not.toContain(hidden.reference);
  }, 60_000);
});

describe('proposing a commitment', () => {
  it('offers the form to those who may propose and explains why not to others', async () => {
    const allowed = await newLoader(args(await get('/commitments/new', s.customsAdmin)));
    expect(allowed.choices.proposers.map((p) => p.id)).toEqual([s.administration.id]);
    expect(allowed.choices.monitors.map((m) => m.id)).toContain(s.partner.id);
    expect(allowed.choices.organizations.map((o) => o.id)).toContain(s.association.id);
    expect(Object.keys(allowed.choices.members)).toEqual([s.administration.id]);
    expect(allowed.values.startDate).toBe(today);
    const notAllowed = await newLoader(args(await get('/commitments/new', s.associationMember)));
    expect(notAllowed.choices.proposers).toEqual([]);
    const anonymous = await respond(async () => newLoader(args(await get('/commitments/new'))));
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('location')).toMatch(/^\/signin\?redirectTo=/);
  });

  it('shows every problem at its field, and keeps what was typed', async () => {
    const result = payload(
      await newAction(
        args(
          await post('/commitments/new', s.customsAdmin, {
            proposerOrganizationId: s.administration.id,
            title: 'ab',
            description: '',
            startDate: '2026-02-30',
            issueReferences: 'ISS-1999-9999',
            'milestones.1.title': 'Train the officers',
            'milestones.1.deliverable': 'Training records',
            'milestones.1.ownerOrganizationId': s.administration.id,
            'milestones.1.dueDate': '2020-01-01',
          }),
        ),
      ),
    );
    expect(result.status).toBe(400);
    const fields = Object.keys(result.data.errors.fieldErrors);
    for (const field of ['title', 'description', 'type', 'factors', 'startDate', 'partyOrganizationIds', 'issueReferences']) expect(fields).toContain(field);
    // The only milestone row filled in is shown (and reported) as the first.
    expect(result.data.values['milestones.0.title']).toBe('Train the officers');
    expect(result.data.values.title).toBe('ab');

    const dueBeforeStart = payload(
      await newAction(
        args(
          await post('/commitments/new', s.customsAdmin, {
            proposerOrganizationId: s.administration.id,
            title: 'Publish the fee schedule',
            description: 'Every post displays the schedule.',
            type: 'PREVENTION',
            factors: ['TRANSPARENCY', 'AUTOMATION'],
            startDate: today,
            partyOrganizationIds: [s.association.id],
            'milestones.0.title': 'Posters printed',
            'milestones.0.deliverable': 'Posters at every gate',
            'milestones.0.ownerOrganizationId': s.administration.id,
            'milestones.0.dueDate': addCalendarDays(today, -1),
          }),
        ),
      ),
    );
    expect(dueBeforeStart.status).toBe(400);
    expect(dueBeforeStart.data.errors.fieldErrors['milestones.0.dueDate']).toBeDefined();
    expect(dueBeforeStart.data.values.factors).toEqual(['TRANSPARENCY', 'AUTOMATION']);

    const monitorNotPartner = payload(
      await newAction(
        args(
          await post('/commitments/new', s.customsAdmin, {
            proposerOrganizationId: s.administration.id,
            title: 'Publish the fee schedule',
            description: 'Every post displays the schedule.',
            type: 'PREVENTION',
            factors: 'TRANSPARENCY',
            startDate: today,
            partyOrganizationIds: [s.association.id],
            monitorOrganizationId: s.otherAssociation.id,
          }),
        ),
      ),
    );
    expect(monitorNotPartner.status).toBe(400);
    expect(JSON.stringify(monitorNotPartner.data.errors)).toMatch(/monitor/i);
  }, 60_000);

  it('creates the commitment and opens its page with a receipt', async () => {
    const title = `Joint gate inspections ${Date.now()}`;
    const response = await respond(async () =>
      newAction(
        args(
          await post('/commitments/new', s.customsAdmin, {
            proposerOrganizationId: s.administration.id,
            title,
            description: 'Customs and carriers inspect **every** gate together each quarter.',
            type: 'DETECTION',
            factors: ['AUDIT_AND_INVESTIGATION'],
            startDate: today,
            endDate: addCalendarDays(today, 365),
            // Ticking one's own organisation as another party too is not an error.
            partyOrganizationIds: [s.association.id, s.administration.id],
            monitorOrganizationId: s.partner.id,
            'milestones.0.title': 'First joint inspection',
            'milestones.0.deliverable': 'A signed inspection report',
            'milestones.0.ownerOrganizationId': s.association.id,
            'milestones.0.dueDate': addCalendarDays(today, 90),
          }),
        ),
      ),
    );
    expect(response.status).toBe(302);
    const location = response.headers.get('location')!;
    expect(location).toMatch(/^\/commitments\/COM-\d{4}-\d{4,}\?done=proposed$/);
    const reference = location.split('/')[2].split('?')[0];
    const created = await t.db.commitment.findUniqueOrThrow({ where: { reference }, include: { parties: true, milestones: true } });
    expect(created.title).toBe(title);
    expect(created.parties).toHaveLength(2);
    expect(created.milestones).toHaveLength(1);

    const page = await commitmentLoader(args(await get(`${at(reference)}?done=proposed`, s.customsAdmin), { reference }));
    expect(page.done).toBe('proposed');
    expect(page.recorded?.who).toBeTruthy();
    expect(page.commitment.descriptionHtml).toContain('<strong>every</strong>');
    expect(page.commitment.status).toBe('PROPOSED');
  }, 60_000);

  it('pre-fills from an issue and links both ways', async () => {
    const issue = await raiseIssue(s.associationSignatory.ctx, { organizationId: s.association.id, ...issueInput(s.administration.id) });
    const issuePage = await issueLoader(args(await get(`/issues/${issue.reference}`, s.customsAdmin), { reference: issue.reference }));
    expect(issuePage.canMakeCommitment).toBe(true);
    const outsiderIssuePage = await issueLoader(args(await get(`/issues/${issue.reference}`, s.outsider), { reference: issue.reference }));
    expect(outsiderIssuePage.canMakeCommitment).toBe(false);

    const form = await newLoader(args(await get(`/commitments/new?issue=${issue.reference}`, s.customsAdmin)));
    expect(form.issue?.reference).toBe(issue.reference);
    expect(form.values.title).toBe(issue.title);
    expect(form.values.factors).toEqual(['TRANSPARENCY']);
    expect(form.values.partyOrganizationIds).toContain(s.association.id);
    expect(form.values.type).toBe('DETECTION');

    const response = await respond(async () =>
      newAction(
        args(
          await post('/commitments/new', s.customsAdmin, {
            issueId: form.issue!.id,
            proposerOrganizationId: s.administration.id,
            title: String(form.values.title),
            description: String(form.values.description),
            type: String(form.values.type),
            factors: form.values.factors as string[],
            startDate: String(form.values.startDate),
            partyOrganizationIds: form.values.partyOrganizationIds as string[],
            issueReferences: String(form.values.issueReferences ?? ''),
          }),
        ),
      ),
    );
    expect(response.status).toBe(302);
    const reference = response.headers.get('location')!.split('/')[2].split('?')[0];
    const after = await issueLoader(args(await get(`/issues/${issue.reference}`, s.associationSignatory), { reference: issue.reference }));
    expect(after.commitments.map((c) => c.reference)).toContain(reference);
    const page = await commitmentLoader(args(await get(at(reference), s.associationSignatory), { reference }));
    expect(page.commitment.issues.map((i) => i.reference)).toEqual([issue.reference]);
  }, 60_000);
});

describe('the commitment page', () => {
  it('answers 404 to outsiders while proposed, and shows the parties what they may do', async () => {
    const proposed = await proposeTestCommitment(t.db, s, { milestoneCount: 2 });
    const ref = proposed.reference;
    for (const viewer of [undefined, s.outsider]) {
      const response = await respond(async () => commitmentLoader(args(await get(at(ref), viewer), { reference: ref })));
      expect(response.status).toBe(404);
    }
    const unknown = await respond(async () => commitmentLoader(args(await get(at('COM-1999-9999')), { reference: 'COM-1999-9999' })));
    expect(unknown.status).toBe(404);

    const association = await commitmentLoader(args(await get(at(ref), s.associationSignatory), { reference: ref }));
    expect(association.actions.canAccept).toBe(true);
    expect(association.actions.canDecline).toBe(true);
    expect(association.commitment.milestones).toHaveLength(2);
    expect(association.commitment.parties.map((p) => p.response).sort()).toEqual(['ACCEPTED', 'PENDING']);
    const customs = await commitmentLoader(args(await get(at(ref), s.customsAdmin), { reference: ref }));
    expect(customs.actions.canAccept).toBe(false);
    const monitor = await commitmentLoader(args(await get(at(ref), s.partnerAdmin), { reference: ref }));
    expect(monitor.actions).toEqual({ canAccept: false, canDecline: false, canCancel: false, canAddMilestone: false, canImport: false });
    expect(monitor.timeline.map((e) => e.action)).toContain('commitment.proposed');
  });
});

describe('the parties’ formal acts', () => {
  it('accepts for the party: refused to non-parties, then active with a receipt', async () => {
    const proposed = await proposeTestCommitment(t.db, s, { milestoneCount: 1 });
    const ref = proposed.reference;
    const outsider = await respond(async () => acceptLoader(args(await get(at(ref, 'accept'), s.outsider), { reference: ref })));
    expect(outsider.status).toBe(404);
    const monitor = await respond(async () => acceptLoader(args(await get(at(ref, 'accept'), s.partnerAdmin), { reference: ref })));
    expect(monitor.status).toBe(403);
    const monitorPost = await respond(async () => acceptAction(args(await post(at(ref, 'accept'), s.partnerAdmin, {}), { reference: ref })));
    expect(monitorPost.status).toBe(403);
    const anonymous = await respond(async () => acceptLoader(args(await get(at(ref, 'accept')), { reference: ref })));
    expect(anonymous.status).toBe(302);

    const customs = await acceptLoader(args(await get(at(ref, 'accept'), s.customsAdmin), { reference: ref }));
    expect(customs.unavailable).toBeTruthy();

    const page = await acceptLoader(args(await get(at(ref, 'accept'), s.associationSignatory), { reference: ref }));
    expect(page.unavailable).toBeNull();
    expect(page.parties.map((p) => p.organizationId)).toEqual([s.association.id]);
    expect(page.members[0].users.map((u) => u.id)).toEqual(expect.arrayContaining([s.associationSignatory.id, s.associationMember.id]));
    expect(page.waitingForOthers).toBe(0);

    const response = await respond(async () =>
      acceptAction(args(await post(at(ref, 'accept'), s.associationSignatory, { responsibleUserId: s.associationMember.id }), { reference: ref })),
    );
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(`/commitments/${ref}?done=activated`);
    const party = await t.db.commitmentParty.findFirstOrThrow({ where: { commitmentId: proposed.id, organizationId: s.association.id } });
    expect(party.response).toBe('ACCEPTED');
    expect(party.responsibleUserId).toBe(s.associationMember.id);
    expect((await t.db.commitment.findUniqueOrThrow({ where: { id: proposed.id } })).phase).toBe('ACTIVE');
    // Now public: anyone sees it.
    const publicPage = await commitmentLoader(args(await get(at(ref)), { reference: ref }));
    expect(publicPage.commitment.status).not.toBe('PROPOSED');
  }, 60_000);

  it('declines with a reason (a field error without one) and ends on a receipt', async () => {
    const proposed = await proposeTestCommitment(t.db, s);
    const ref = proposed.reference;
    const page = await declineLoader(args(await get(at(ref, 'decline'), s.associationSignatory), { reference: ref }));
    expect(page.unavailable).toBeNull();
    const missing = payload(await declineAction(args(await post(at(ref, 'decline'), s.associationSignatory, { reason: '' }), { reference: ref })));
    expect(missing.status).toBe(400);
    expect(missing.data.errors.fieldErrors.reason).toBeDefined();
    const response = await respond(async () =>
      declineAction(
        args(await post(at(ref, 'decline'), s.associationSignatory, { reason: 'Our members cannot staff the quarterly checks.' }), { reference: ref }),
      ),
    );
    expect(response.headers.get('location')).toBe(`/commitments/${ref}?done=declined`);
    const commitment = await commitmentLoader(args(await get(at(ref), s.customsAdmin), { reference: ref }));
    const declined = commitment.commitment.parties.find((p) => p.organizationId === s.association.id);
    expect(declined?.response).toBe('DECLINED');
    expect(declined?.declineReason).toBe('Our members cannot staff the quarterly checks.');
    // A declined party may still accept later; it may not decline twice.
    const again = await declineLoader(args(await get(at(ref, 'decline'), s.associationSignatory), { reference: ref }));
    expect(again.unavailable).toBeTruthy();
    const accept = await acceptLoader(args(await get(at(ref, 'accept'), s.associationSignatory), { reference: ref }));
    expect(accept.unavailable).toBeNull();
  }, 60_000);

  it('cancels only with an explicit confirmation, and only once every accepted party agreed', async () => {
    const { commitment } = await activeTestCommitment(t.db, s, { milestones: 1 });
    const ref = commitment.reference;
    const outsider = await respond(async () => cancelLoader(args(await get(at(ref, 'cancel'), s.outsider), { reference: ref })));
    expect(outsider.status).toBe(403);

    const page = await cancelLoader(args(await get(at(ref, 'cancel'), s.customsAdmin), { reference: ref }));
    expect(page.unavailable).toBeNull();
    expect(page.stillToAgree).toHaveLength(1);

    const unconfirmed = payload(await cancelAction(args(await post(at(ref, 'cancel'), s.customsAdmin, { reason: 'x' }), { reference: ref })));
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.data.errors.fieldErrors.confirm).toBeDefined();
    expect(unconfirmed.data.errors.fieldErrors.reason).toBeDefined();

    const first = await respond(async () =>
      cancelAction(args(await post(at(ref, 'cancel'), s.customsAdmin, { reason: 'The gates are being rebuilt.', confirm: 'yes' }), { reference: ref })),
    );
    expect(first.headers.get('location')).toBe(`/commitments/${ref}?done=cancelAgreed`);
    const last = await cancelLoader(args(await get(at(ref, 'cancel'), s.associationSignatory), { reference: ref }));
    expect(last.stillToAgree).toEqual([]);
    expect(last.agreed.map((a) => a.name)).toEqual([s.administration.name]);
    const second = await respond(async () =>
      cancelAction(args(await post(at(ref, 'cancel'), s.associationSignatory, { reason: 'Agreed: rebuilt gates.', confirm: 'yes' }), { reference: ref })),
    );
    expect(second.headers.get('location')).toBe(`/commitments/${ref}?done=cancelled`);
    const after = await commitmentLoader(args(await get(`${at(ref)}?done=cancelled`), { reference: ref }));
    expect(after.commitment.status).toBe('CANCELLED');
    expect(after.done).toBe('cancelled');
  }, 60_000);
});

describe('commitments on other pages', () => {
  it('lists an organisation’s commitments on its page, as the reader may see them', async () => {
    const proposed = await proposeTestCommitment(t.db, s, { title: `Org section ${Date.now()}` });
    const slug = s.association.slug;
    const visitor = await organizationLoader(args(await get(`/organizations/${slug}`), { slug }));
    expect(visitor.commitments.map((c) => c.reference)).not.toContain(proposed.reference);
    const member = await organizationLoader(args(await get(`/organizations/${slug}`, s.associationSignatory), { slug }));
    expect(member.commitments.map((c) => c.reference)).toContain(proposed.reference);
  });
});

describe('the pages as rendered, in English and Russian', () => {
  it('renders the list, the form with its errors, the commitment page with its chart and table, and the acts', async () => {
    const { commitment } = await activeTestCommitment(t.db, s, { milestones: 3, startDate: addCalendarDays(today, -40), now: new Date() });
    const proposed = await proposeTestCommitment(t.db, s, { milestoneCount: 1 });
    const list = await listLoader(args(await get('/commitments', s.customsAdmin)));
    const page = await commitmentLoader(args(await get(`${at(commitment.reference)}?done=activated`, s.customsAdmin), { reference: commitment.reference }));
    const form = await newLoader(args(await get('/commitments/new', s.customsAdmin)));
    const failed = payload(await newAction(args(await post('/commitments/new', s.customsAdmin, { proposerOrganizationId: s.administration.id, title: 'ab' }))));
    const accept = await acceptLoader(args(await get(at(proposed.reference, 'accept'), s.associationSignatory), { reference: proposed.reference }));
    const decline = await declineLoader(args(await get(at(proposed.reference, 'decline'), s.associationSignatory), { reference: proposed.reference }));
    const cancel = await cancelLoader(args(await get(at(commitment.reference, 'cancel'), s.customsAdmin), { reference: commitment.reference }));
    for (const locale of ['en', 'ru'] as const) {
      const listHtml = render(CommitmentsPage, list, { locale });
      expectTranslated(listHtml);
      expect(listHtml).toContain('data-testid="commitments-table"');
      expect(listHtml).toContain('role="progressbar"');

      const pageHtml = render(CommitmentPage, page, { locale });
      expectTranslated(pageHtml);
      expect(pageHtml).toContain('data-testid="gantt-chart"');
      expect(pageHtml).toContain('<details');
      expect(pageHtml).toContain('data-testid="commitment-receipt"');
      expect(pageHtml.match(/data-testid="milestone-item"/g)).toHaveLength(3);
      expect(pageHtml).toContain(`/commitments/${commitment.reference}/milestones.csv`);

      const formHtml = render(NewCommitmentPage, form, { locale });
      expectTranslated(formHtml);
      expect(formHtml).toContain('name="partyOrganizationIds"');
      expect(formHtml).toContain('name="milestones.2.dueDate"');
      const failedHtml = render(NewCommitmentPage, form, { locale, actionData: failed.data });
      expect(failedHtml).toContain('data-testid="error-summary"');
      expect(failedHtml).toContain('id="field-title"');
      expect(failedHtml).toContain('aria-invalid="true"');

      for (const [Component, data] of [
        [AcceptPage, accept],
        [DeclinePage, decline],
        [CancelPage, cancel],
      ] as const) {
        const html = render(Component, data, { locale });
        expectTranslated(html);
        expect(html).toContain('data-testid="what-follows"');
        expect(html).toContain('data-testid="commitment-summary"');
      }
    }
  }, 120_000);
});
