// THE anonymity scan. A known user, signed in, with a known IP address and user agent, files an anonymous report
// through the real /report action (with a file), follows it up through /report/follow-up, while every log line is
// captured. Then every table of the database (listed from information_schema, every text and JSON column read) and
// the captured log are searched: the report's request address and user agent appear nowhere at all; the user's id,
// email, organisation id and session id appear in no row that was written or changed by the reporting; the receipt
// code is stored nowhere; and the user's session row was not touched (lastSeenAt unchanged).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionCookie } from '../../app/auth/session.server';
import { signIn } from '../../app/domain/auth.server';
import { resetReceiptRateLimits } from '../../app/domain/receipt-codes.server';
import { LocalFileStore, configureFileStore } from '../../app/domain/storage.server';
import { createOffice } from '../../app/domain/offices.server';
import { createLogger, requestLogFields } from '../../app/logger.server';
import { services, setServices } from '../../app/services.server';
import { action as reportAction, loader as reportLoader } from '../../app/routes/report';
import { action as followUpAction, loader as followUpLoader } from '../../app/routes/report.follow-up';
import { type TestDatabase, createTestDatabase } from '../helpers/db';
import { PASSWORD, makeMember, makeOrganization, makeUser, system } from '../helpers/fixtures';
import { useTestServices } from '../helpers/services';

let t: TestDatabase;
let filesDir: string;
const logLines: string[] = [];
const BASE = 'http://localhost:3000';
const args = (request: Request) => ({ request, params: {}, context: {} }) as never;

// The report's request: an address and an agent used nowhere else in this test.
const REPORT_IP = '203.0.113.219';
const REPORT_UA = 'Mozilla/5.0 (AnonymityScan; rv:7.7) ReporterBrowser/42.4242';
// Signing in used other ones: the session row legitimately keeps those.
const SIGNIN_META = { ip: '192.0.2.55', userAgent: 'SignInAgent/1.0' };

type Snapshot = Map<string, Set<string>>;

/** Every table of the public schema with its text and JSON columns, from information_schema. */
async function textColumns(): Promise<Map<string, string[]>> {
  const rows = await t.db.$queryRawUnsafe<{ table_name: string; column_name: string | null }[]>(`
    SELECT tb.table_name, c.column_name
    FROM information_schema.tables tb
    LEFT JOIN information_schema.columns c
      ON c.table_schema = tb.table_schema AND c.table_name = tb.table_name
     AND (c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'inet', 'tsvector')
          OR (c.data_type = 'ARRAY' AND c.udt_name IN ('_text', '_varchar')) OR c.data_type = 'USER-DEFINED')
    WHERE tb.table_schema = 'public' AND tb.table_type = 'BASE TABLE'
    ORDER BY 1, 2`);
  const tables = new Map<string, string[]>();
  for (const row of rows) {
    const columns = tables.get(row.table_name) ?? [];
    if (row.column_name) columns.push(row.column_name);
    tables.set(row.table_name, columns);
  }
  return tables;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Each table's rows, each row as the JSON text of all its text and JSON columns. */
async function snapshot(): Promise<Snapshot> {
  const result: Snapshot = new Map();
  for (const [table, columns] of await textColumns()) {
    if (!columns.length) {
      result.set(table, new Set());
      continue;
    }
    const pairs = columns.map((c) => `'${c.replaceAll("'", "''")}', ${quote(c)}::text`).join(', ');
    // json_build_object takes at most 100 arguments: every table here has far fewer text columns.
    const rows = await t.db.$queryRawUnsafe<{ row: string }[]>(`SELECT json_build_object(${pairs})::text AS "row" FROM ${quote(table)}`);
    result.set(table, new Set(rows.map((r) => r.row)));
  }
  return result;
}

/** Rows (as text) that are new or changed in `after`. */
function written(before: Snapshot, after: Snapshot): { table: string; row: string }[] {
  const out: { table: string; row: string }[] = [];
  for (const [table, rows] of after) for (const row of rows) if (!before.get(table)?.has(row)) out.push({ table, row });
  return out;
}

beforeAll(async () => {
  t = await createTestDatabase();
  useTestServices(t.db);
  // The same services, with a logger at the most verbose level writing into this test.
  const sink = new Writable({
    write(chunk, _encoding, callback) {
      logLines.push(String(chunk));
      callback();
    },
  });
  setServices({ ...services(), logger: createLogger('trace', sink) });
  filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ic-anonymity-'));
  configureFileStore(new LocalFileStore(filesDir));
  resetReceiptRateLimits();
});
afterAll(async () => {
  configureFileStore(undefined);
  setServices(undefined);
  await t?.close();
  fs.rmSync(filesDir, { recursive: true, force: true });
});

describe('anonymous reporting leaves nothing that links a report to a person', () => {
  it('scans every table and the log after a signed-in user reports anonymously and follows up', async () => {
    const db = t.db;
    const administration = await makeOrganization(db, { kind: 'CUSTOMS_ADMINISTRATION', country: 'KG' });
    const office = await createOffice(system(db), {
      administrationId: administration.id,
      nameEn: 'Torugart',
      nameRu: 'Торугарт',
      kind: 'ROAD_BORDER_CROSSING',
      latitude: 40.56,
      longitude: 75.39,
    });
    await makeMember(db, administration.id, 'LIAISON_OFFICER');
    await makeMember(db, administration.id, 'ORG_ADMIN');
    const association = await makeOrganization(db);
    const user = await makeMember(db, association.id, 'ORG_ADMIN', { name: 'Known Reporter' });
    await makeUser(db); // someone else, so that "every row" is more than this user's
    const { token } = await signIn({ db, actor: { kind: 'anonymous' }, meta: SIGNIN_META }, { email: user.email, password: PASSWORD });
    const session = await db.session.findFirstOrThrow({ where: { userId: user.id } });
    // Long unused: a session lookup on these requests would move lastSeenAt.
    const lastSeenAt = new Date(Date.now() - 6 * 60 * 60 * 1000);
    await db.session.update({ where: { id: session.id }, data: { lastSeenAt } });
    const cookie = (await sessionCookie().serialize(token)).split(';')[0];
    const headers = { cookie, 'x-ic-client-ip': REPORT_IP, 'user-agent': REPORT_UA, referer: `${BASE}/dashboard?user=${user.id}` };

    const before = await snapshot();
    logLines.length = 0;
    const log = services().logger;

    // The page, the report with a file, then the follow-up: opened, information added with a file.
    const request = (method: 'GET' | 'POST', pathname: string, body?: BodyInit) => new Request(`${BASE}${pathname}`, { method, body, headers });
    const logRequest = (req: Request, status: number) =>
      log.info(requestLogFields({ method: req.method, url: new URL(req.url).pathname + new URL(req.url).search, status, ms: 123.4 }), 'request');

    const pageRequest = request('GET', '/report');
    await reportLoader(args(pageRequest));
    logRequest(pageRequest, 200);

    const body = new FormData();
    body.append('administrationId', administration.id);
    body.append('officeId', office.id);
    body.append('title', 'Fee demanded at the gate');
    body.append('description', 'A guard at the gate demanded a fee before letting the truck into the inspection area.');
    body.append('occurredAt', '2026-02-02');
    body.append('category', 'UNOFFICIAL_PAYMENT');
    body.append('factor', 'CODE_OF_CONDUCT');
    body.append('severity', 'HIGH');
    body.append('files', new File([`Notes written on ${REPORT_UA.length} lines.\n`], 'notes.txt', { type: 'text/plain' }));
    const reportRequest = request('POST', '/report', body);
    const result = (await reportAction(args(reportRequest))) as { data: { receipt: { code: string; reference: string } } };
    logRequest(reportRequest, 200);
    const { code, reference } = result.data.receipt;
    expect(code).toMatch(/^\d{4}-\d{4}-\d{4}-\d{4}$/);

    await followUpLoader();
    const openRequest = request('POST', '/report/follow-up', new URLSearchParams({ intent: 'open', receiptCode: code }));
    const opened = (await followUpAction(args(openRequest))) as { data: { view: { reference: string } | null } };
    logRequest(openRequest, 200);
    expect(opened.data.view?.reference).toBe(reference);
    const more = new FormData();
    more.append('intent', 'add');
    more.append('receiptCode', code);
    more.append('body', 'The guard was there again the next morning.');
    more.append('files', new File(['Second page of notes.\n'], 'more.txt', { type: 'text/plain' }));
    const addRequest = request('POST', '/report/follow-up', more);
    const added = (await followUpAction(args(addRequest))) as { data: { notice: string | null } };
    logRequest(addRequest, 200);
    expect(added.data.notice).toBe('added');

    const after = await snapshot();
    const issue = await db.issue.findUniqueOrThrow({ where: { reference }, include: { attachments: true, responses: true } });
    expect(issue).toMatchObject({ anonymous: true, raisedById: null, reporterOrganizationId: null });
    expect(issue.attachments).toHaveLength(2);
    expect(issue.attachments.every((a) => a.uploadedById === null)).toBe(true);
    expect(issue.responses.every((r) => r.authorId === null)).toBe(true);
    const events = await db.auditEvent.findMany({ where: { subjectId: issue.id } });
    expect(events.length).toBeGreaterThanOrEqual(3);
    expect(events.every((e) => e.actorId === null && e.organizationId === administration.id)).toBe(true);

    // The scan covered the issue tables (a guard against a scan that silently read nothing).
    for (const table of ['Issue', 'IssueAttachment', 'IssueResponse', 'AuditEvent', 'Notification', 'Session', 'User']) expect(after.has(table)).toBe(true);
    // …and reads what it should: the sign-in's own address is in the Session row, the email in the User row.
    expect([...after.get('Session')!].some((row) => row.includes(SIGNIN_META.ip) && row.includes(SIGNIN_META.userAgent))).toBe(true);
    expect([...after.get('User')!].some((row) => row.includes(user.email))).toBe(true);
    const changed = written(before, after);
    expect(changed.some((c) => c.table === 'Issue')).toBe(true);
    expect(changed.some((c) => c.table === 'AuditEvent')).toBe(true);

    const digits = code.replaceAll('-', '');
    // Nowhere at all, in any row or log line: the report's address and agent, and the receipt code.
    const nowhere = [REPORT_IP, REPORT_UA, 'ReporterBrowser', code, digits];
    // In no row the reporting wrote or changed, and no log line: who the reporter is.
    const notLinked = [user.id, user.email, user.name, association.id, association.slug, session.id, session.tokenHash, token];
    const everyRow = [...after].flatMap(([table, rows]) => [...rows].map((row) => ({ table, row })));
    for (const needle of nowhere) {
      expect(
        everyRow.filter((r) => r.row.includes(needle)).map((r) => r.table),
        `"${needle}" stored`,
      ).toEqual([]);
    }
    for (const needle of notLinked) {
      expect(
        changed.filter((r) => r.row.includes(needle)).map((r) => r.table),
        `"${needle}" linked to the report`,
      ).toEqual([]);
    }
    // The rows that name the issue name nobody.
    const aboutIssue = everyRow.filter((r) => r.row.includes(issue.id) || r.row.includes(reference));
    expect(aboutIssue.length).toBeGreaterThanOrEqual(4);
    for (const needle of [...notLinked, ...nowhere]) expect(aboutIssue.filter((r) => r.row.includes(needle))).toEqual([]);

    // The log: lines were written (the request lines at least), and none carries anything about the person.
    const logText = logLines.join('');
    expect(logLines.length).toBeGreaterThanOrEqual(4);
    for (const needle of [...nowhere, ...notLinked, 'user-agent', 'x-ic-client-ip', 'cookie', 'referer']) {
      expect(logText.includes(needle), `"${needle}" logged`).toBe(false);
    }
    for (const line of logLines) {
      const entry = JSON.parse(line) as Record<string, unknown>;
      if (entry.msg === 'request')
        expect(Object.keys(entry).sort()).toEqual(['anonymous', 'level', 'method', 'ms', 'msg', 'path', 'service', 'status', 'time']);
    }

    // The session was neither read for the reporter's sake nor touched.
    const sessionAfter = await db.session.findUniqueOrThrow({ where: { id: session.id } });
    expect(sessionAfter.lastSeenAt.toISOString()).toBe(lastSeenAt.toISOString());
    expect(sessionAfter.ip).toBe(SIGNIN_META.ip);
    expect(sessionAfter.userAgent).toBe(SIGNIN_META.userAgent);
  }, 180_000);

  it('logs anonymous reporting requests with method, path, status and a rounded duration only', () => {
    expect(requestLogFields({ method: 'POST', url: '/report/follow-up?code=1234', status: 200, ms: 149.9 })).toEqual({
      method: 'POST',
      path: '/report/follow-up',
      status: 200,
      ms: 100,
      anonymous: true,
    });
    expect(requestLogFields({ method: 'GET', url: '/report.data', status: 200, ms: 51 })).toMatchObject({ path: '/report.data', ms: 100, anonymous: true });
    expect(requestLogFields({ method: 'GET', url: '/reports-archive?x=1', status: 404, ms: 12.5 })).toEqual({
      method: 'GET',
      path: '/reports-archive',
      status: 404,
      ms: 12.5,
    });
  });
});
