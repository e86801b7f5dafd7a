// The milestone pages' loaders and actions, called as React Router calls them (Request objects with a session
// cookie): adding and changing a milestone (a due date before the start is a field error), marking one done with
// evidence (text, links, files, multipart), confirming for one's party, disputing (it reopens), the monitor's
// attestation; each allowed and refused; and downloading evidence files as the commitment's visibility allows.
import fs from 'node:fs';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { Outlet, createRoutesStub } from 'react-router';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCalendarDays, dateValue, todayOf } from '../../app/domain/commitment-rules';
import { newStorageKey, fileStore, configureFileStore } from '../../app/domain/storage.server';
import { setServices } from '../../app/services.server';
import { en } from '../../app/i18n/en';
import { ru } from '../../app/i18n/ru';
import AttestPage, { action as attestAction, loader as attestLoader } from '../../app/routes/milestone.attest';
import { loader as attachmentLoader } from '../../app/routes/milestone.attachment';
import CompletePage, { action as completeAction, loader as completeLoader } from '../../app/routes/milestone.complete';
import ConfirmPage, { action as confirmAction, loader as confirmLoader } from '../../app/routes/milestone.confirm';
import DisputePage, { action as disputeAction, loader as disputeLoader } from '../../app/routes/milestone.dispute';
import EditPage, { action as editAction, loader as editLoader } from '../../app/routes/milestone.edit';
import NewPage, { action as newAction, loader as newLoader } from '../../app/routes/milestone.new';
import MilestonePage, { loader as milestoneLoader } from '../../app/routes/milestone';
import { type CommitmentSetup, activeTestCommitment, makeCommitmentSetup, proposeTestCommitment } from '../helpers/commitments';
import { type TestDatabase, createTestDatabase } from '../helpers/db';
import { BASE, payload, respond, routeArgs, routeRequests } from '../helpers/route-requests';
import { tinyPng, useTempFileStore } from '../helpers/issues';
import { useTestServices } from '../helpers/services';

let t: TestDatabase;
let s: CommitmentSetup;
let filesDir: string;
const args = routeArgs;
const { cookieOf, get, post } = routeRequests(() => t.db, '198.51.100.20');
async function multipart(pathname: string, user: { email: string }, fields: Record<string, string>, files: File[] = []) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  for (const file of files) body.append('files', file);
  return new Request(`${BASE}${pathname}`, { method: 'POST', body, headers: { cookie: await cookieOf(user), 'x-ic-client-ip': '198.51.100.21' } });
}

const path = (reference: string, id: string, sub = '') => `/commitments/${reference}/milestones/${id}${sub ? `/${sub}` : ''}`;
const params = (reference: string, id: string) => ({ reference, id });

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
  filesDir = useTempFileStore();
  s = await makeCommitmentSetup(t.db);
}, 300_000);
afterAll(async () => {
  configureFileStore(undefined);
  setServices(undefined);
  await t?.close();
  fs.rmSync(filesDir, { recursive: true, force: true });
});

describe('the milestone page', () => {
  it('shows a milestone of a visible commitment to everyone, and 404 for another commitment’s reference', { timeout: 120_000 }, async () => {
    const { commitment, milestones } = await activeTestCommitment(t.db, s);
    const m = milestones[0];
    const page = await milestoneLoader(args(await get(path(commitment.reference, m.id)), params(commitment.reference, m.id)));
    expect(page.milestone.title).toBe(m.title);
    expect(page.milestone.state).toBe('OPEN');
    expect(page.milestone.owner.id).toBe(s.administration.id);
    expect(page.acts).toEqual([]);
    expect(page.signedIn).toBe(false);
    expect(Array.isArray(page.history)).toBe(true);

    const customs = await milestoneLoader(args(await get(path(commitment.reference, m.id), s.customsAdmin), params(commitment.reference, m.id)));
    expect(customs.acts).toEqual(['complete']);
    expect(customs.canEdit).toBe(true);
    const association = await milestoneLoader(args(await get(path(commitment.reference, m.id), s.associationSignatory), params(commitment.reference, m.id)));
    expect(association.acts).toEqual([]);

    const other = await proposeTestCommitment(t.db, s);
    const wrong = await respond(() => milestoneLoader(args(new Request(`${BASE}${path(other.reference, m.id)}`), params(other.reference, m.id))));
    expect(wrong.status).toBe(404);
    const unknown = await respond(() =>
      milestoneLoader(args(new Request(`${BASE}${path(commitment.reference, 'nope')}`), params(commitment.reference, 'nope'))),
    );
    expect(unknown.status).toBe(404);
  });

  it('hides a proposed commitment’s milestones from outsiders (404) and shows them to the parties', { timeout: 120_000 }, async () => {
    const proposed = await proposeTestCommitment(t.db, s, { milestoneCount: 1 });
    const [m] = await t.db.milestone.findMany({ where: { commitmentId: proposed.id } });
    const outsider = await respond(async () => milestoneLoader(args(await get(path(proposed.reference, m.id), s.outsider), params(proposed.reference, m.id))));
    expect(outsider.status).toBe(404);
    const anonymous = await respond(() => milestoneLoader(args(new Request(`${BASE}${path(proposed.reference, m.id)}`), params(proposed.reference, m.id))));
    expect(anonymous.status).toBe(404);
    const party = await milestoneLoader(args(await get(path(proposed.reference, m.id), s.associationSignatory), params(proposed.reference, m.id)));
    expect(party.milestone.id).toBe(m.id);
    // Marking done waits for the commitment to be active: the page says why.
    const act = await completeLoader(args(await get(path(proposed.reference, m.id, 'complete'), s.customsAdmin), params(proposed.reference, m.id)));
    expect(act.unavailable?.key).toBe('milestonePages.unavailable.phase.PROPOSED');
  });
});

describe('adding and changing a milestone', () => {
  it('adds one for a party, refuses non-parties, and reports a due date before the start at its field', { timeout: 120_000 }, async () => {
    const { commitment } = await activeTestCommitment(t.db, s, { milestones: 1 });
    const url = `/commitments/${commitment.reference}/milestones/new`;
    const p = { reference: commitment.reference };
    expect((await respond(async () => newLoader(args(await get(url, s.outsider), p)))).status).toBe(403);
    expect((await respond(async () => newLoader(args(await get(url, s.associationMember), p)))).status).toBe(403);
    const anonymous = await respond(() => newLoader(args(new Request(`${BASE}${url}`), p)));
    expect(anonymous.status).toBe(302);

    const page = await newLoader(args(await get(url, s.customsAdmin), p));
    expect(page.parties.map((o) => o.value)).toEqual(expect.arrayContaining([s.administration.id, s.association.id]));
    expect(page.acting.map((o) => o.organizationId)).toEqual([s.administration.id]);

    const start = todayOf(commitment.startDate);
    const early = payload(
      await newAction(
        args(
          await post(url, s.customsAdmin, {
            title: 'Train the officers',
            deliverable: 'A training report.',
            ownerOrganizationId: s.association.id,
            dueDate: addCalendarDays(start, -1),
          }),
          p,
        ),
      ),
    );
    expect(early.status).toBe(400);
    expect(Object.keys(early.data.errors.fieldErrors)).toContain('dueDate');
    expect(early.data.values.title).toBe('Train the officers');
    const newHtml = render(NewPage, page, { actionData: early.data });
    expect(newHtml).toContain('data-testid="error-summary"');
    expect(newHtml).toContain('value="Train the officers"');
    expect(newHtml).toContain('aria-invalid="true"');

    const added = await respond(async () =>
      newAction(
        args(
          await post(url, s.customsAdmin, {
            title: 'Train the officers',
            deliverable: 'A training report.',
            ownerOrganizationId: s.association.id,
            dueDate: addCalendarDays(start, 20),
          }),
          p,
        ),
      ),
    );
    expect(added.status).toBe(302);
    expect(added.headers.get('location')).toMatch(new RegExp(`^/commitments/${commitment.reference}/milestones/[^/]+\\?done=added$`));
    const id = added.headers.get('location')!.split('/').at(-1)!.split('?')[0];
    const row = await t.db.milestone.findUniqueOrThrow({ where: { id } });
    expect(row.title).toBe('Train the officers');

    // Changing it: the form starts from the milestone; an outsider is refused.
    const editUrl = path(commitment.reference, id, 'edit');
    const edit = await editLoader(args(await get(editUrl, s.associationSignatory), params(commitment.reference, id)));
    expect(edit.canEdit).toBe(true);
    expect(edit.milestone.dueDate).toBe(addCalendarDays(start, 20));
    expect((await respond(async () => editLoader(args(await get(editUrl, s.outsider), params(commitment.reference, id))))).status).toBe(403);
    const bad = payload(
      await editAction(args(await post(editUrl, s.associationSignatory, { title: 'Train', dueDate: '2026-02-30' }), params(commitment.reference, id))),
    );
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.data.errors.fieldErrors)).toContain('dueDate');
    expect(render(EditPage, edit, { actionData: bad.data, locale: 'ru' })).toContain('Изменить этап');
    const saved = await respond(async () =>
      editAction(
        args(
          await post(editUrl, s.associationSignatory, { title: 'Train every officer', dueDate: addCalendarDays(start, 25) }),
          params(commitment.reference, id),
        ),
      ),
    );
    expect(saved.status).toBe(302);
    expect(saved.headers.get('location')).toBe(`${path(commitment.reference, id)}?done=updated`);
    const changed = await t.db.milestone.findUniqueOrThrow({ where: { id } });
    expect(changed.title).toBe('Train every officer');
    expect(todayOf(changed.dueDate)).toBe(addCalendarDays(start, 25));
  });
});

describe('marking done, confirming, disputing, attesting', () => {
  it('runs the whole round through the pages, each act refused to those who may not', { timeout: 180_000 }, async () => {
    const { commitment, milestones } = await activeTestCommitment(t.db, s);
    const [m] = milestones; // owned by the administration
    const ref = commitment.reference;
    const p = params(ref, m.id);

    // Mark done: only the owner party; evidence required; files stored.
    expect((await respond(async () => completeLoader(args(await get(path(ref, m.id, 'complete'), s.associationSignatory), p)))).status).toBe(403);
    expect((await respond(async () => completeLoader(args(await get(path(ref, m.id, 'complete'), s.outsider), p)))).status).toBe(403);
    const form = await completeLoader(args(await get(path(ref, m.id, 'complete'), s.customsAdmin), p));
    expect(form.unavailable).toBeNull();
    expect(form.deliverable).toBe(m.deliverable);
    expect(form.others).toEqual([s.association.name]);
    const completeHtml = render(CompletePage, form);
    expect(completeHtml).toMatch(/enctype="multipart\/form-data"/i);
    expect(completeHtml).toContain(`name="organizationId" value="${s.administration.id}"`);
    expect(completeHtml).toContain('name="files"');

    const empty = payload(await completeAction(args(await multipart(path(ref, m.id, 'complete'), s.customsAdmin, { evidenceText: '', evidenceLinks: '' }), p)));
    expect(empty.status).toBe(400);
    const badLink = payload(
      await completeAction(
        args(await multipart(path(ref, m.id, 'complete'), s.customsAdmin, { evidenceText: 'Done', evidenceLinks: 'javascript:alert(1)' }), p),
      ),
    );
    expect(badLink.status).toBe(400);
    expect(Object.keys(badLink.data.errors.fieldErrors).some((k) => k.startsWith('evidenceLinks'))).toBe(true);
    expect((await t.db.milestone.findUniqueOrThrow({ where: { id: m.id } })).state).toBe('OPEN');

    const png = await tinyPng('gate-photo.png');
    const done = await respond(async () =>
      completeAction(
        args(
          await multipart(
            path(ref, m.id, 'complete'),
            s.customsAdmin,
            { evidenceText: 'The schedule is posted at every gate.', evidenceLinks: 'https://example.test/a.pdf\nhttps://example.test/b' },
            [new File([png.bytes], png.name, { type: 'image/png' })],
          ),
          p,
        ),
      ),
    );
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe(`${path(ref, m.id)}?done=completed`);
    const afterDone = await t.db.milestone.findUniqueOrThrow({ where: { id: m.id }, include: { attachments: true } });
    expect(afterDone.state).toBe('DONE');
    expect(afterDone.evidenceLinks).toEqual(['https://example.test/a.pdf', 'https://example.test/b']);
    expect(afterDone.attachments).toHaveLength(1);

    // The page: evidence with a download link, the owner confirmed, the association awaited, the receipt.
    const page = await milestoneLoader(args(await get(`${path(ref, m.id)}?done=completed`, s.associationSignatory), p));
    expect(page.done).toBe('completed');
    expect(page.milestone.evidence?.links).toHaveLength(2);
    expect(page.milestone.evidence?.files.map((f) => f.fileName)).toEqual(['gate-photo.png']);
    const confirmed = Object.fromEntries(page.milestone.confirmations.map((c) => [c.organizationId, !!c.confirmedAt]));
    expect(confirmed).toEqual({ [s.administration.id]: true, [s.association.id]: false });
    expect(page.acts).toEqual(['confirm', 'dispute']);
    expect(page.history.map((e) => e.action)).toContain('milestone.done');
    const html = render(MilestonePage, page);
    expect(html).toContain('href="https://example.test/a.pdf" rel="noopener noreferrer nofollow"');
    expect(html).toContain(`/commitments/${ref}/milestones/${m.id}/attachments/`);
    expect(html).toContain('data-testid="milestone-done"');
    expect(html).toContain('data-confirmed="no"');
    expect(html).toContain('data-act="confirm"');
    expect(render(MilestonePage, page, { locale: 'ru' })).toContain('Подтверждения');

    // Download: everyone may see an active commitment; a wrong milestone or reference is 404.
    const fileId = afterDone.attachments[0].id;
    const filePath = `${path(ref, m.id)}/attachments/${fileId}`;
    const file = await respond(() => attachmentLoader(args(new Request(`${BASE}${filePath}`), { reference: ref, id: m.id, attachmentId: fileId })));
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="gate-photo.png"/);
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await file.arrayBuffer()).byteLength).toBeGreaterThan(0);
    const wrongMilestone = await respond(() =>
      attachmentLoader(args(new Request(`${BASE}${filePath}`), { reference: ref, id: milestones[1].id, attachmentId: fileId })),
    );
    expect(wrongMilestone.status).toBe(404);

    // Confirm: the owner's party has confirmed already; an outsider may not; the association confirms.
    const ownerConfirm = await confirmLoader(args(await get(path(ref, m.id, 'confirm'), s.customsAdmin), p));
    expect(ownerConfirm.unavailable?.key).toBe('milestonePages.unavailable.alreadyConfirmed');
    expect((await respond(async () => confirmLoader(args(await get(path(ref, m.id, 'confirm'), s.outsider), p)))).status).toBe(403);
    const owner = payload(await confirmAction(args(await post(path(ref, m.id, 'confirm'), s.customsAdmin, {}), p)));
    expect(owner.status).toBe(409);
    const confirmPage = await confirmLoader(args(await get(path(ref, m.id, 'confirm'), s.associationSignatory), p));
    expect(confirmPage.unavailable).toBeNull();
    expect(confirmPage.parties).toEqual([{ organizationId: s.association.id, name: s.association.name }]);
    expect(confirmPage.evidence?.text).toBe('The schedule is posted at every gate.');
    const confirmHtml = render(ConfirmPage, confirmPage);
    expect(confirmHtml).toContain(`Your organisation, ${s.association.name}, confirms that ${s.administration.name} delivered`);
    expect(render(ConfirmPage, ownerConfirm)).toContain('data-testid="act-unavailable"');
    // On another party's behalf: refused.
    const onBehalf = payload(
      await confirmAction(args(await post(path(ref, m.id, 'confirm'), s.associationSignatory, { organizationId: s.administration.id }), p)),
    );
    expect(onBehalf.status).toBeGreaterThanOrEqual(400);
    const confirmedResponse = await respond(async () =>
      confirmAction(args(await post(path(ref, m.id, 'confirm'), s.associationSignatory, { organizationId: s.association.id }), p)),
    );
    expect(confirmedResponse.headers.get('location')).toBe(`${path(ref, m.id)}?done=confirmed`);
    expect((await t.db.milestone.findUniqueOrThrow({ where: { id: m.id } })).state).toBe('COMPLETED');
    const again = payload(await confirmAction(args(await post(path(ref, m.id, 'confirm'), s.associationSignatory, { organizationId: s.association.id }), p)));
    expect(again.status).toBeGreaterThanOrEqual(400);

    // Attest: the monitor only, once.
    expect((await respond(async () => attestLoader(args(await get(path(ref, m.id, 'attest'), s.customsAdmin), p)))).status).toBe(403);
    const attestPage = await attestLoader(args(await get(path(ref, m.id, 'attest'), s.partnerAdmin), p));
    expect(attestPage.unavailable).toBeNull();
    expect(attestPage.monitor).toBe(s.partner.name);
    expect(render(AttestPage, attestPage, { locale: 'ru' })).toContain('Удостоверить этап');
    const attested = await respond(async () => attestAction(args(await post(path(ref, m.id, 'attest'), s.partnerAdmin, { note: 'Checked three gates.' }), p)));
    expect(attested.headers.get('location')).toBe(`${path(ref, m.id)}?done=attested`);
    const final = await milestoneLoader(args(await get(path(ref, m.id)), p));
    expect(final.milestone.state).toBe('COMPLETED');
    expect(final.milestone.attestation?.note).toBe('Checked three gates.');
    expect(final.milestone.completedAt).not.toBeNull();
    expect(render(MilestonePage, final)).toContain('data-testid="milestone-attestation"');
    const twice = await attestLoader(args(await get(path(ref, m.id, 'attest'), s.partnerAdmin), p));
    expect(twice.unavailable?.key).toBe('milestonePages.unavailable.alreadyAttested');
  });

  it('disputes a milestone marked done: a reason is required, and it reopens with the evidence kept', { timeout: 120_000 }, async () => {
    const { commitment, milestones } = await activeTestCommitment(t.db, s);
    const m = milestones[1]; // owned by the association
    const ref = commitment.reference;
    const p = params(ref, m.id);
    // Not yet done: the dispute page says why.
    const early = await disputeLoader(args(await get(path(ref, m.id, 'dispute'), s.customsAdmin), p));
    expect(early.unavailable?.key).toBe('milestonePages.unavailable.dispute');
    const done = await respond(async () =>
      completeAction(args(await multipart(path(ref, m.id, 'complete'), s.associationSignatory, { evidenceText: 'Quarterly check report sent.' }), p)),
    );
    expect(done.status).toBe(302);

    expect((await respond(async () => disputeLoader(args(await get(path(ref, m.id, 'dispute'), s.outsider), p)))).status).toBe(403);
    const page = await disputeLoader(args(await get(path(ref, m.id, 'dispute'), s.customsAdmin), p));
    expect(page.unavailable).toBeNull();
    expect(page.owner).toBe(s.association.name);
    const noReason = payload(await disputeAction(args(await post(path(ref, m.id, 'dispute'), s.customsAdmin, { reason: '' }), p)));
    expect(noReason.status).toBe(400);
    expect(Object.keys(noReason.data.errors.fieldErrors)).toContain('reason');
    expect(render(DisputePage, page, { actionData: noReason.data })).toContain('Dispute and reopen the milestone');
    const disputed = await respond(async () =>
      disputeAction(args(await post(path(ref, m.id, 'dispute'), s.customsAdmin, { reason: 'The report does not cover the rail crossing.' }), p)),
    );
    expect(disputed.headers.get('location')).toBe(`${path(ref, m.id)}?done=disputed`);

    const view = await milestoneLoader(args(await get(path(ref, m.id), s.associationSignatory), p));
    expect(view.milestone.state).toBe('OPEN');
    expect(view.milestone.dispute?.reason).toBe('The report does not cover the rail crossing.');
    expect(view.milestone.dispute?.by).toBe(s.administration.name);
    expect(view.milestone.evidence?.text).toBe('Quarterly check report sent.');
    expect(view.acts).toEqual(['complete']);
    expect(view.history.map((e) => e.action)).toEqual(expect.arrayContaining(['milestone.done', 'milestone.disputed']));
    const viewHtml = render(MilestonePage, view);
    expect(viewHtml).toContain('data-testid="dispute-reason"');
    expect(viewHtml).toContain('The report does not cover the rail crossing.');
  });
});

describe('downloads follow the commitment’s visibility', () => {
  it('answers 404 to outsiders for a file of a commitment they may not see, and serves it to a party', { timeout: 120_000 }, async () => {
    const proposed = await proposeTestCommitment(t.db, s, { milestoneCount: 1 });
    const [m] = await t.db.milestone.findMany({ where: { commitmentId: proposed.id } });
    // A file on a proposed commitment's milestone (the commands attach files only once active; the rule is the same).
    const key = newStorageKey();
    await fileStore().put(key, new TextEncoder().encode('restricted notes\n'), 'text/plain');
    const file = await t.db.milestoneAttachment.create({
      data: {
        milestoneId: m.id,
        round: 1,
        fileName: 'notes.txt',
        contentType: 'text/plain',
        size: 17,
        sha256: '0'.repeat(64),
        storageKey: key,
        uploadedById: s.customsAdmin.id,
        createdAt: dateValue(todayOf(new Date())),
      },
    });
    const url = `${path(proposed.reference, m.id)}/attachments/${file.id}`;
    const p = { reference: proposed.reference, id: m.id, attachmentId: file.id };
    expect((await respond(() => attachmentLoader(args(new Request(`${BASE}${url}`), p)))).status).toBe(404);
    expect((await respond(async () => attachmentLoader(args(await get(url, s.outsider), p)))).status).toBe(404);
    const party = await respond(async () => attachmentLoader(args(await get(url, s.associationSignatory), p)));
    expect(party.status).toBe(200);
    expect(party.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await party.text()).toBe('restricted notes\n');
    const monitor = await respond(async () => attachmentLoader(args(await get(url, s.partnerAdmin), p)));
    expect(monitor.status).toBe(200);
  });
});
