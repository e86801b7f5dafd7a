// The CSV pages, called as React Router calls them (Request objects): the export's response (headers, BOM, semicolon
// option, 404 for what the reader may not see), the upload page (403 for people who may not act for a party, a .csv
// only, a multipart upload that redirects to the import's page), the import's page (its creator only: 404 for anyone
// else; progress, the report) and the apply (confirmation required, then the receipt).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionCookie } from '../../app/auth/session.server';
import { signIn } from '../../app/domain/auth.server';
import { isoDate } from '../../app/domain/commitment-rules';
import { milestoneImportSettled } from '../../app/domain/milestone-csv.server';
import { setServices } from '../../app/services.server';
import { loader as exportLoader } from '../../app/routes/commitment.milestones-csv';
import { action as uploadAction, loader as uploadLoader } from '../../app/routes/commitment.import';
import { action as importAction, loader as importLoader } from '../../app/routes/milestone-import';
import { loader as planExportLoader } from '../../app/routes/plan.milestones-csv';
import { type TestDatabase, createTestDatabase } from '../helpers/db';
import { PASSWORD } from '../helpers/fixtures';
import { type CommitmentSetup, activeTestCommitment, makeCommitmentSetup } from '../helpers/commitments';
import { useTestServices } from '../helpers/services';

let t: TestDatabase;
let s: CommitmentSetup;
const BASE = 'http://localhost:3000';
const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} }) as never;
const cookies = new Map<string, string>();

beforeAll(async () => {
  t = await createTestDatabase();
  useTestServices(t.db);
  s = await makeCommitmentSetup(t.db);
}, 120_000);
afterAll(async () => {
  setServices(undefined);
  await t?.close();
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

async function post(path: string, body: FormData | URLSearchParams, user: { id: string; email: string }) {
  return new Request(`${BASE}${path}`, { method: 'POST', body, headers: { cookie: await cookieOf(user), origin: BASE, 'x-ic-client-ip': '198.51.100.31' } });
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

const upload = (text: string, name = 'progress.csv') => {
  const form = new FormData();
  form.append('files', new File([text], name, { type: 'text/csv' }));
  return form;
};

describe('export', () => {
  it('downloads a commitment’s milestones (BOM, CSV type, attachment; semicolon on request), 404 when not visible', { timeout: 120_000 }, async () => {
    const { commitment, milestones } = await activeTestCommitment(t.db, s, { milestones: 2 });
    const path = `/commitments/${commitment.reference}/milestones.csv`;
    const response = await respond(async () => exportLoader(args(await get(path), { reference: commitment.reference })));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(
      new RegExp(`^attachment; filename="milestones-${commitment.reference}-\\d{4}-\\d{2}-\\d{2}\\.csv"$`),
    );
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain(milestones[0].id);
    expect(text).toContain(isoDate(milestones[1].dueDate));

    const semicolon = await respond(async () =>
      exportLoader(args(await get(`${path}?delimiter=semicolon`), { reference: commitment.reference.toLowerCase() })),
    );
    expect((await semicolon.text()).split('\r\n')[0]).toContain('milestone_id;commitment_reference;');

    await t.db.commitment.update({ where: { id: commitment.id }, data: { activatedAt: null } });
    expect((await respond(async () => exportLoader(args(await get(path, s.outsider), { reference: commitment.reference })))).status).toBe(404);
    expect((await respond(async () => exportLoader(args(await get('/commitments/COM-2099-9999/milestones.csv'), { reference: 'COM-2099-9999' })))).status).toBe(
      404,
    );
    expect((await respond(async () => planExportLoader(args(await get('/plans/no-such-plan/milestones.csv'), { slug: 'no-such-plan' })))).status).toBe(404);
  });
});

describe('upload, check, apply', () => {
  it('runs the whole journey through the pages, and shows the import to its creator only', { timeout: 240_000 }, async () => {
    const { commitment, milestones } = await activeTestCommitment(t.db, s, { milestones: 2 });
    const reference = commitment.reference;
    const importPath = `/commitments/${reference}/import`;
    // Who may open the upload page: a party's people, not outsiders or the monitor; sign-in first.
    expect(payload(await uploadLoader(args(await get(importPath, s.customsAdmin), { reference }))).data.target).toMatchObject({
      kind: 'commitment',
      key: reference,
    });
    for (const user of [s.outsider, s.partnerAdmin, s.associationMember]) {
      expect((await respond(async () => uploadLoader(args(await get(importPath, user), { reference })))).status).toBe(403);
    }
    expect((await respond(async () => uploadLoader(args(await get(importPath), { reference })))).headers.get('location')).toMatch(/^\/signin\?redirectTo=/);

    // Not a .csv file: a field error.
    const wrong = payload(await uploadAction(args(await post(importPath, upload('milestone_id\n', 'progress.xlsx'), s.customsAdmin), { reference })));
    expect(wrong.status).toBe(400);
    expect(wrong.data.errors.fieldErrors.files[0].key).toBe('milestoneCsv.errors.notCsv');
    // No file at all.
    const none = payload(await uploadAction(args(await post(importPath, new FormData(), s.customsAdmin), { reference })));
    expect(none.data.errors.fieldErrors.files[0].key).toBe('milestoneCsv.errors.noFile');

    // A semicolon file without a BOM, with only the columns that change.
    const due = '2099-01-15';
    const csv = `milestone_id;due_date\n${milestones[0].id};${due}\n${milestones[1].id};${isoDate(milestones[1].dueDate)}\n`;
    const redirect = await respond(async () => uploadAction(args(await post(importPath, upload(csv), s.customsAdmin), { reference })));
    expect(redirect.status).toBe(302);
    const location = redirect.headers.get('location')!;
    expect(location).toMatch(/^\/imports\/[a-z0-9]+$/);
    const id = location.split('/').pop()!;
    await milestoneImportSettled(id);

    const page = (await importLoader(args(await get(location, s.customsAdmin), { id }))) as any;
    expect(page.data).toMatchObject({
      status: 'CHECKED',
      fileName: 'progress.csv',
      totalRows: 2,
      processedRows: 2,
      target: { kind: 'commitment', key: reference },
    });
    expect(page.data.report.summary).toMatchObject({ rows: 2, withChanges: 1, changes: 1 });
    expect(page.data.report.changeRows[0].changes).toEqual([{ column: 'due_date', from: isoDate(milestones[0].dueDate), to: due }]);

    // Anyone but its creator: 404, to the page and to the apply.
    for (const user of [s.customsLiaison, s.associationSignatory, s.platformAdmin]) {
      expect((await respond(async () => importLoader(args(await get(location, user), { id })))).status).toBe(404);
      const apply = new URLSearchParams({ intent: 'apply', confirm: 'yes' });
      expect((await respond(async () => importAction(args(await post(location, apply, user), { id })))).status).toBe(404);
    }
    expect((await respond(async () => importLoader(args(await get('/imports/nope', s.customsAdmin), { id: 'nope' })))).status).toBe(404);

    // The apply asks for confirmation first.
    const unconfirmed = payload(await importAction(args(await post(location, new URLSearchParams({ intent: 'apply' }), s.customsAdmin), { id })));
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.data.errors.fieldErrors.confirm[0]).toBe('milestoneCsv.errors.confirmRequired');
    expect(isoDate((await t.db.milestone.findUniqueOrThrow({ where: { id: milestones[0].id } })).dueDate)).toBe(isoDate(milestones[0].dueDate));

    const applied = await respond(async () =>
      importAction(args(await post(location, new URLSearchParams({ intent: 'apply', confirm: 'yes' }), s.customsAdmin), { id })),
    );
    expect(applied.status).toBe(302);
    expect(applied.headers.get('location')).toBe(location);
    const receipt = (await importLoader(args(await get(location, s.customsAdmin), { id }))) as any;
    expect(receipt.data.status).toBe('APPLIED');
    expect(receipt.data.report.applied).toMatchObject({ milestones: 1, dueDates: 1, done: 0, confirmed: 0 });
    expect(isoDate((await t.db.milestone.findUniqueOrThrow({ where: { id: milestones[0].id } })).dueDate)).toBe(due);

    // Applying again: a conflict, said on the page.
    const again = payload(await importAction(args(await post(location, new URLSearchParams({ intent: 'apply', confirm: 'yes' }), s.customsAdmin), { id })));
    expect(again.status).toBe(409);
    expect(again.data.errors.formError.key).toBe('milestoneCsv.errors.alreadyApplied');
  });
});
