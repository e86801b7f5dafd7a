// CSV export and import of milestone progress (app/domain/milestone-csv.server.ts): the export's format (BOM, CRLF,
// comma or semicolon, formula cells escaped), the round trip export → edit → dry run → apply, every row and file
// error, a failed apply changing nothing, files with or without BOM, semicolons, LF or CRLF, the background check with
// its progress, and who may see and apply an import.
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Milestone } from '../../prisma/generated/client/client';
import { addCalendarDays, isoDate, todayOf } from '../../app/domain/commitment-rules';
import { createActionPlan, publishActionPlan } from '../../app/domain/commitments.server';
import { confirmMilestone, updateMilestone } from '../../app/domain/milestones.server';
import {
  MILESTONE_CSV_COLUMNS,
  type ImportReport,
  applyMilestoneImport,
  checkMilestoneImport,
  exportMilestonesCsv,
  getMilestoneImport,
  milestoneImportSettled,
  startMilestoneImport,
} from '../../app/domain/milestone-csv.server';
import { type TestDatabase, createTestDatabase } from '../helpers/db';
import { type CommitmentSetup, activeTestCommitment, makeCommitmentSetup, markTestMilestoneDone } from '../helpers/commitments';
import { rejectionOf } from '../helpers/issues';

// A switch that makes the next confirmation the import applies fail, to test the rollback of a half-applied import.
const failConfirm = vi.hoisted(() => ({ next: false }));
vi.mock('../../app/domain/milestones.server', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../app/domain/milestones.server')>();
  return {
    ...original,
    applyMilestoneConfirm: async (...args: Parameters<typeof original.applyMilestoneConfirm>) => {
      if (failConfirm.next) {
        failConfirm.next = false;
        throw new Error('injected failure');
      }
      return original.applyMilestoneConfirm(...args);
    },
  };
});

let t: TestDatabase;
let s: CommitmentSetup;

beforeAll(async () => {
  t = await createTestDatabase();
  s = await makeCommitmentSetup(t.db);
}, 120_000);
afterAll(async () => {
  await t?.close();
});

type Rows = Record<string, string>[];

/** Read an exported file into rows keyed by column. */
function readCsv(csv: string, delimiter = ','): Rows {
  const records = parse(csv.replace(/^\uFEFF/, ''), { delimiter }) as string[][];
  const [header, ...rest] = records;
  return rest.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i]])));
}

/** Write rows back as a spreadsheet would (optionally with other columns, semicolons, LF, no BOM). */
function writeCsv(rows: Rows, { columns = [...MILESTONE_CSV_COLUMNS] as string[], delimiter = ',', bom = true, crlf = true } = {}): string {
  return stringify([columns, ...rows.map((r) => columns.map((c) => r[c] ?? ''))], {
    bom,
    delimiter,
    record_delimiter: crlf ? 'windows' : 'unix',
    quoted_match: /[\r\n]/,
  });
}

const edit = (rows: Rows, id: string, changes: Record<string, string>) => rows.map((r) => (r.milestone_id === id ? { ...r, ...changes } : r));
const commitmentScope = (commitmentId: string) => ({ commitmentId });
const errorsOf = (report: ImportReport) => report.rows.flatMap((r) => r.errors.map((e) => ({ line: r.line, column: e.column, key: e.key })));
const milestone = (id: string) => t.db.milestone.findUniqueOrThrow({ where: { id } });

describe('export', () => {
  it('writes UTF-8 with a BOM, CRLF, the machine column names, a row per milestone, and escapes formula cells', async () => {
    const { commitment, milestones } = await activeTestCommitment(t.db, s, { milestones: 3 });
    await t.db.milestone.update({ where: { id: milestones[1].id }, data: { title: '=HYPERLINK("http://evil.test","x")' } });
    await t.db.milestone.update({ where: { id: milestones[2].id }, data: { evidenceText: '-2+3 and @SUM(A1)' } });
    const csv = await exportMilestonesCsv(s.ctx.associationMember, commitmentScope(commitment.id));
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain('\r\n');
    expect(csv.slice(1).split('\r\n')[0]).toBe(MILESTONE_CSV_COLUMNS.join(','));
    const rows = readCsv(csv);
    expect(rows.map((r) => r.milestone_id)).toEqual(milestones.map((m) => m.id));
    expect(rows[0]).toMatchObject({
      commitment_reference: commitment.reference,
      status: 'OPEN',
      due_date: isoDate(milestones[0].dueDate),
      owner: s.administration.name,
    });
    expect(rows[1].milestone_title).toBe('\'=HYPERLINK("http://evil.test","x")');
    expect(rows[2].evidence_text).toBe("'-2+3 and @SUM(A1)");

    const semicolon = await exportMilestonesCsv(s.ctx.associationMember, commitmentScope(commitment.id), { delimiter: ';' });
    expect(semicolon.slice(1).split('\r\n')[0]).toBe(MILESTONE_CSV_COLUMNS.join(';'));
    expect(readCsv(semicolon, ';')).toEqual(rows);

    // The escaped cells come back as they were: re-importing the export unchanged changes nothing.
    const report = await checkMilestoneImport(s.ctx.customsAdmin, { scope: commitmentScope(commitment.id), csv, fileName: 'milestones.csv' });
    expect(report.fileErrors).toEqual([]);
    expect(report.rows).toEqual([]);
    expect(report.summary).toMatchObject({ rows: 3, unchanged: 3, withChanges: 0, withErrors: 0, changes: 0 });
  });

  it('answers NotFound for a commitment the reader may not see', async () => {
    const { commitment } = await activeTestCommitment(t.db, s, { milestones: 1 });
    await t.db.commitment.update({ where: { id: commitment.id }, data: { activatedAt: null } });
    const error = await rejectionOf(exportMilestonesCsv(s.ctx.outsider, commitmentScope(commitment.id)));
    expect(error.code).toBe('NOT_FOUND');
  });
});

describe('round trip: export → edit → dry run → apply', () => {
  it('moves a due date, marks a milestone done with evidence, then the other party confirms it: audited, one transaction each', async () => {
    const { commitment, milestones } = await activeTestCommitment(t.db, s, { milestones: 3 });
    const [m0, m1] = milestones; // m0 owned by the administration, m1 by the association
    const newDue = addCalendarDays(isoDate(m1.dueDate), 7);
    let rows = readCsv(await exportMilestonesCsv(s.ctx.customsAdmin, commitmentScope(commitment.id)));
    rows = edit(rows, m0.id, {
      status: 'DONE',
      evidence_links: 'https://example.test/report.pdf https://example.test/photo.jpg',
      evidence_text: 'Posted at every gate.',
    });
    rows = edit(rows, m1.id, { due_date: newDue });

    const report = await checkMilestoneImport(s.ctx.customsAdmin, { scope: commitmentScope(commitment.id), csv: writeCsv(rows), fileName: 'progress.csv' });
    expect(errorsOf(report)).toEqual([]);
    expect(report.summary).toMatchObject({ rows: 3, unchanged: 1, withChanges: 2, withErrors: 0, changes: 4 });
    const row0 = report.rows.find((r) => r.milestoneId === m0.id)!;
    expect(row0.line).toBe(2);
    expect(row0.changes).toEqual(
      expect.arrayContaining([
        { column: 'status', from: 'OPEN', to: 'DONE' },
        { column: 'evidence_links', from: '', to: 'https://example.test/report.pdf https://example.test/photo.jpg' },
        { column: 'evidence_text', from: '', to: 'Posted at every gate.' },
      ]),
    );
    expect(report.rows.find((r) => r.milestoneId === m1.id)!.changes).toEqual([{ column: 'due_date', from: isoDate(m1.dueDate), to: newDue }]);
    // A dry run changes nothing.
    expect((await milestone(m0.id)).state).toBe('OPEN');

    const lastSeq = (await t.db.auditEvent.aggregate({ _max: { seq: true } }))._max.seq ?? BigInt(0);
    const { import: applied, applied: count } = await applyMilestoneImport(s.ctx.customsAdmin, report.importId!);
    expect(count).toBe(2);
    expect(applied.status).toBe('APPLIED');
    const done = await milestone(m0.id);
    expect(done).toMatchObject({ state: 'DONE', round: 1, evidenceText: 'Posted at every gate.' });
    expect(done.evidenceLinks).toEqual(['https://example.test/report.pdf', 'https://example.test/photo.jpg']);
    expect(isoDate((await milestone(m1.id)).dueDate)).toBe(newDue);
    const events = await t.db.auditEvent.findMany({ where: { seq: { gt: lastSeq }, subjectId: commitment.id }, orderBy: { seq: 'asc' } });
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['milestone.imported', 'milestone.done', 'milestone.updated']));
    expect(events.filter((e) => e.action === 'milestone.imported')).toHaveLength(1);
    const imported = events.find((e) => e.action === 'milestone.imported')!;
    expect(imported).toMatchObject({ subjectType: 'Commitment', subjectId: commitment.id });
    expect(imported.data).toMatchObject({ importId: report.importId, milestones: 2, dueDates: 1, done: 1, confirmed: 0 });
    const view = await getMilestoneImport(s.ctx.customsAdmin, report.importId!);
    expect(view.report?.applied).toMatchObject({ milestones: 2, dueDates: 1, done: 1, confirmed: 0 });
    // Applying twice is refused.
    expect((await rejectionOf(applyMilestoneImport(s.ctx.customsAdmin, report.importId!))).message).toBe('milestoneCsv.errors.alreadyApplied');

    // The association confirms it by import: DONE → COMPLETED.
    rows = edit(readCsv(await exportMilestonesCsv(s.ctx.associationSignatory, commitmentScope(commitment.id))), m0.id, { status: 'COMPLETED' });
    const confirm = await checkMilestoneImport(s.ctx.associationSignatory, {
      scope: commitmentScope(commitment.id),
      csv: writeCsv(rows),
      fileName: 'confirm.csv',
    });
    expect(errorsOf(confirm)).toEqual([]);
    expect(confirm.summary.changes).toBe(1);
    await applyMilestoneImport(s.ctx.associationSignatory, confirm.importId!);
    expect((await milestone(m0.id)).state).toBe('COMPLETED');
  });

  it('checks in the background with progress (startMilestoneImport), then shows the report to its creator only', async () => {
    const { commitment, milestones } = await activeTestCommitment(t.db, s, { milestones: 2 });
    const rows = edit(readCsv(await exportMilestonesCsv(s.ctx.customsAdmin, commitmentScope(commitment.id))), milestones[0].id, {
      due_date: addCalendarDays(isoDate(milestones[0].dueDate), 1),
    });
    const started = await startMilestoneImport(s.ctx.customsAdmin, {
      scope: commitmentScope(commitment.id),
      csv: new TextEncoder().encode(writeCsv(rows)),
      fileName: 'a.CSV',
    });
    expect(started.status).toBe('CHECKING');
    await milestoneImportSettled(started.id);
    const view = await getMilestoneImport(s.ctx.customsAdmin, started.id);
    expect(view).toMatchObject({ status: 'CHECKED', totalRows: 2, processedRows: 2, subject: { kind: 'commitment', reference: commitment.reference } });
    expect(view.report?.summary.changes).toBe(1);
    // Not the creator: not found, also to apply it (even for a party of the same commitment).
    for (const ctx of [s.ctx.customsLiaison, s.ctx.associationSignatory, s.ctx.outsider, s.ctx.platformAdmin]) {
      expect((await rejectionOf(getMilestoneImport(ctx, started.id))).code).toBe('NOT_FOUND');
      expect((await rejectionOf(applyMilestoneImport(ctx, started.id))).code).toBe('NOT_FOUND');
    }
    expect((await rejectionOf(getMilestoneImport(s.ctx.customsAdmin, 'no-such-import'))).code).toBe('NOT_FOUND');
  });
});

describe('an interrupted check', () => {
  it('says so once nobody has been checking it for a quarter of an hour (a restart), instead of showing progress forever', async () => {
    const { commitment } = await activeTestCommitment(t.db, s, { milestones: 1 });
    const stale = await t.db.milestoneImport.create({
      data: {
        createdById: s.customsAdmin.id,
        commitmentId: commitment.id,
        fileName: 'x.csv',
        content: 'milestone_id\n',
        createdAt: new Date(Date.now() - 16 * 60 * 1000),
      },
    });
    expect(await getMilestoneImport(s.ctx.customsAdmin, stale.id)).toMatchObject({ status: 'FAILED', error: 'milestoneCsv.errors.checkInterrupted' });
  });
});

describe('files: BOM, semicolons, line ends, uploads', () => {
  it('reads semicolons without a BOM and with LF, and comma files with a BOM and CRLF, the same way', async () => {
    const { commitment, milestones } = await activeTestCommitment(t.db, s, { milestones: 2 });
    const due = addCalendarDays(isoDate(milestones[1].dueDate), 3);
    const rows = edit(readCsv(await exportMilestonesCsv(s.ctx.customsAdmin, commitmentScope(commitment.id))), milestones[1].id, {
      due_date: due,
      evidence_text: 'Line one\nline two',
    });
    const variants = [
      writeCsv(rows, { delimiter: ';', bom: false, crlf: false }),
      writeCsv(rows, { delimiter: ';', bom: true, crlf: true }),
      writeCsv(rows, { delimiter: ',', bom: false, crlf: true }),
      writeCsv(rows, { delimiter: ',', bom: true, crlf: false }),
    ];
    for (const csv of variants) {
      const report = await checkMilestoneImport(s.ctx.customsAdmin, { scope: commitmentScope(commitment.id), csv, fileName: 'x.csv' });
      expect(report.delimiter).toBe(csv.includes(';') ? ';' : ',');
      // The evidence text changed on an OPEN milestone that is not being marked done: an error on that column only.
      expect(errorsOf(report)).toEqual([{ line: 3, column: 'evidence_text', key: 'milestoneCsv.row.evidenceOnlyWhenDone' }]);
    }
    // Only the columns that matter: milestone_id and due_date.
    const narrow = writeCsv(rows, { columns: ['milestone_id', 'due_date'], delimiter: ';', bom: false, crlf: false });
    const report = await checkMilestoneImport(s.ctx.customsAdmin, { scope: commitmentScope(commitment.id), csv: narrow, fileName: 'x.csv' });
    expect(errorsOf(report)).toEqual([]);
    expect(report.rows.map((r) => r.changes)).toEqual([[{ column: 'due_date', from: isoDate(milestones[1].dueDate), to: due }]]);
  });

  it('refuses files that are not .csv, empty, too large or not UTF-8, and people who may not act for a party', async () => {
    const { commitment } = await activeTestCommitment(t.db, s, { milestones: 1 });
    const scope = commitmentScope(commitment.id);
    const fieldKey = async (p: Promise<unknown>) => (await rejectionOf(p)).fieldErrors?.files?.[0]?.key;
    expect(await fieldKey(startMilestoneImport(s.ctx.customsAdmin, { scope, csv: 'milestone_id\n', fileName: 'x.xlsx' }))).toBe('milestoneCsv.errors.notCsv');
    expect(await fieldKey(startMilestoneImport(s.ctx.customsAdmin, { scope, csv: '', fileName: 'x.csv' }))).toBe('milestoneCsv.errors.emptyFile');
    expect(await fieldKey(startMilestoneImport(s.ctx.customsAdmin, { scope, csv: 'x'.repeat(5 * 1024 * 1024 + 1), fileName: 'x.csv' }))).toBe(
      'milestoneCsv.errors.tooLarge',
    );
    expect(await fieldKey(startMilestoneImport(s.ctx.customsAdmin, { scope, csv: new Uint8Array([0x6d, 0xff, 0xfe, 0x0a]), fileName: 'x.csv' }))).toBe(
      'milestoneCsv.errors.notUtf8',
    );
    // A member without a commitment role, the monitor, an outsider and a platform administrator may not import.
    for (const ctx of [s.ctx.associationMember, s.ctx.partnerAdmin, s.ctx.outsider, s.ctx.platformAdmin]) {
      expect((await rejectionOf(startMilestoneImport(ctx, { scope, csv: 'milestone_id\nx\n', fileName: 'x.csv' }))).code).toBe('FORBIDDEN');
    }
  });
});

describe('errors', () => {
  it('file errors: empty, header only, unknown columns, no milestone_id, broken quotes', async () => {
    const { commitment } = await activeTestCommitment(t.db, s, { milestones: 1 });
    const check = (csv: string) => checkMilestoneImport(s.ctx.customsAdmin, { scope: commitmentScope(commitment.id), csv, fileName: 'x.csv' });
    expect((await check('\uFEFF\r\n')).fileErrors.map((e) => e.key)).toEqual(['milestoneCsv.file.empty']);
    expect((await check('milestone_id,due_date\r\n')).fileErrors.map((e) => e.key)).toEqual(['milestoneCsv.file.noRows']);
    const unknown = await check('milestone_id,due_date,Budget,notes\nabc,2027-01-01,1,2\n');
    expect(unknown.fileErrors).toEqual([{ key: 'milestoneCsv.file.unknownColumns', params: { columns: 'budget, notes' } }]);
    expect(unknown.rows).toEqual([]);
    expect((await check('due_date;status\n2027-01-01;OPEN\n')).fileErrors.map((e) => e.key)).toEqual(['milestoneCsv.file.missingId']);
    expect((await check('milestone_id,evidence_text\nabc,"unclosed\n')).fileErrors.map((e) => e.key)).toEqual(['milestoneCsv.file.malformed']);
  });

  it('row errors, each with its line and column, block the apply', async () => {
    const { commitment, milestones } = await activeTestCommitment(t.db, s, { milestones: 6 });
    const other = await activeTestCommitment(t.db, s, { milestones: 1 });
    // milestones[4] completed by both parties; milestones[5] marked done by the administration, awaiting the association.
    await markTestMilestoneDone(t.db, s, milestones[4]);
    await confirmMilestone(s.ctx.associationSignatory, { milestoneId: milestones[4].id });
    const [m0, m1, m2, m3, m4] = milestones;
    const start = isoDate(commitment.startDate);
    const header = ['milestone_id', 'milestone_title', 'due_date', 'status', 'evidence_text', 'evidence_links'];
    const base = (m: Milestone) => ({
      milestone_id: m.id,
      milestone_title: m.title,
      due_date: isoDate(m.dueDate),
      status: m.state,
      evidence_text: '',
      evidence_links: '',
    });
    const rows: Rows = [
      { ...base(m0), due_date: '2026-02-30' }, // line 2: not a real date
      { ...base(m1), due_date: '31/12/2027' }, // line 3: not YYYY-MM-DD
      { ...base(m2), due_date: addCalendarDays(start, -1) }, // line 4: before the start
      { ...base(m3), status: 'FINISHED' }, // line 5: unknown status
      { ...base(m4), status: 'OPEN' }, // line 6: COMPLETED → OPEN
      { ...base(m1), milestone_id: 'not an id!' }, // line 7: malformed id
      { ...base(m1), milestone_id: 'cknotamilestone000000000' }, // line 8: unknown id
      { ...base(other.milestones[0]) }, // line 9: another commitment's milestone
      { ...base(m0), milestone_id: m0.id }, // line 10: duplicate of line 2
      { ...base(m1), status: 'DONE', evidence_text: 'Done by us.' }, // line 11: duplicate id too (m1 is on line 3)
    ];
    const csv = writeCsv(rows, { columns: header });
    const report = await checkMilestoneImport(s.ctx.customsAdmin, { scope: commitmentScope(commitment.id), csv, fileName: 'bad.csv' });
    expect(errorsOf(report)).toEqual([
      { line: 2, column: 'due_date', key: 'milestoneCsv.row.dateInvalid' },
      { line: 3, column: 'due_date', key: 'milestoneCsv.row.dateInvalid' },
      { line: 4, column: 'due_date', key: 'milestoneCsv.row.dateBeforeStart' },
      { line: 5, column: 'status', key: 'milestoneCsv.row.statusUnknown' },
      { line: 6, column: 'status', key: 'milestoneCsv.row.transition' },
      { line: 7, column: 'milestone_id', key: 'milestoneCsv.row.idMalformed' },
      { line: 8, column: 'milestone_id', key: 'milestoneCsv.row.idUnknown' },
      { line: 9, column: 'milestone_id', key: 'milestoneCsv.row.otherScope' },
      { line: 10, column: 'milestone_id', key: 'milestoneCsv.row.idDuplicate' },
      { line: 11, column: 'milestone_id', key: 'milestoneCsv.row.idDuplicate' },
    ]);
    expect(report.rows.find((r) => r.line === 6)!.errors[0].params).toEqual({ from: 'COMPLETED', to: 'OPEN' });
    expect(report.summary.withErrors).toBe(10);
    expect((await rejectionOf(applyMilestoneImport(s.ctx.customsAdmin, report.importId!))).message).toBe('milestoneCsv.errors.hasErrors');
  });

  it('row errors: not your party, read-only columns, formulas, links, evidence, already confirmed', async () => {
    const { commitment, milestones } = await activeTestCommitment(t.db, s, { milestones: 6 });
    const [m0, m1, m2, m3, m4, m5] = milestones; // even: administration, odd: association
    await markTestMilestoneDone(t.db, s, m4);
    let rows = readCsv(await exportMilestonesCsv(s.ctx.customsAdmin, commitmentScope(commitment.id)));
    rows = edit(rows, m0.id, { evidence_text: '=HYPERLINK("http://evil.test","Click")', status: 'DONE' }); // line 2: formula
    rows = edit(rows, m1.id, { status: 'DONE', evidence_text: 'Done.' }); // line 3: the association's milestone
    rows = edit(rows, m2.id, { milestone_title: 'A better title', owner: 'Someone else' }); // line 4: read-only columns
    rows = edit(rows, m3.id, { evidence_links: 'ftp://files.example.test/x javascript:alert(1)' }); // line 5: invalid link
    rows = edit(rows, m4.id, { status: 'COMPLETED' }); // line 6: the administration confirmed it by marking it done
    rows = edit(rows, m5.id, { evidence_links: '+cmd|calc' }); // line 7: formula in links
    const report = await checkMilestoneImport(s.ctx.customsAdmin, { scope: commitmentScope(commitment.id), csv: writeCsv(rows), fileName: 'bad.csv' });
    expect(errorsOf(report)).toEqual([
      { line: 2, column: 'evidence_text', key: 'milestoneCsv.row.formula' },
      { line: 3, column: 'status', key: 'milestoneCsv.row.notOwnerParty' },
      { line: 4, column: 'milestone_title', key: 'milestoneCsv.row.readOnly' },
      { line: 4, column: 'owner', key: 'milestoneCsv.row.readOnly' },
      { line: 5, column: 'evidence_links', key: 'milestoneCsv.row.linkInvalid' },
      { line: 6, column: 'status', key: 'milestoneCsv.row.alreadyConfirmed' },
      { line: 7, column: 'evidence_links', key: 'milestoneCsv.row.formula' },
    ]);
    // Marking done without any evidence.
    const bare = edit(readCsv(await exportMilestonesCsv(s.ctx.customsAdmin, commitmentScope(commitment.id))), m0.id, { status: 'DONE' });
    const noEvidence = await checkMilestoneImport(s.ctx.customsAdmin, { scope: commitmentScope(commitment.id), csv: writeCsv(bare), fileName: 'x.csv' });
    expect(errorsOf(noEvidence)).toEqual([{ line: 2, column: 'status', key: 'milestoneCsv.row.evidenceRequired' }]);
  });
});

describe('a failed apply changes nothing', () => {
  it('refuses when a milestone changed after the check, leaves every milestone as it was, and marks the import FAILED', async () => {
    const { commitment, milestones } = await activeTestCommitment(t.db, s, { milestones: 3 });
    const [m0, m1, m2] = milestones;
    let rows = readCsv(await exportMilestonesCsv(s.ctx.customsAdmin, commitmentScope(commitment.id)));
    rows = edit(rows, m0.id, { status: 'DONE', evidence_text: 'Done.' });
    rows = edit(rows, m2.id, { due_date: addCalendarDays(isoDate(m2.dueDate), 10) });
    const report = await checkMilestoneImport(s.ctx.customsAdmin, { scope: commitmentScope(commitment.id), csv: writeCsv(rows), fileName: 'x.csv' });
    expect(report.summary).toMatchObject({ withErrors: 0, withChanges: 2 });
    // Someone else moves m2's due date in the meantime (m1 is not in the report: its change does not matter).
    await updateMilestone(s.ctx.associationSignatory, { milestoneId: m2.id, dueDate: addCalendarDays(isoDate(m2.dueDate), 20) });
    await updateMilestone(s.ctx.associationSignatory, { milestoneId: m1.id, dueDate: addCalendarDays(isoDate(m1.dueDate), 1) });
    const before = { m0: await milestone(m0.id), m2: await milestone(m2.id), audit: await t.db.auditEvent.count() };
    const error = await rejectionOf(applyMilestoneImport(s.ctx.customsAdmin, report.importId!));
    expect(error.message).toBe('milestoneCsv.errors.changedSinceCheck');
    expect(error.params).toEqual({ line: 4 });
    expect(await milestone(m0.id)).toEqual(before.m0);
    expect(await milestone(m2.id)).toEqual(before.m2);
    expect(await t.db.auditEvent.count()).toBe(before.audit);
    const view = await getMilestoneImport(s.ctx.customsAdmin, report.importId!);
    expect(view).toMatchObject({ status: 'FAILED', error: 'milestoneCsv.errors.changedSinceCheck' });
    expect(view.report?.failure).toEqual({ key: 'milestoneCsv.errors.changedSinceCheck', params: { line: 4 } });
    expect((await rejectionOf(applyMilestoneImport(s.ctx.customsAdmin, report.importId!))).message).toBe('milestoneCsv.errors.notChecked');
  });

  it('rolls back every change when a command fails in the middle of the apply', async () => {
    const { commitment, milestones } = await activeTestCommitment(t.db, s, { milestones: 4 });
    const [, m1, m2, m3] = milestones; // m2 owned by the administration, m1 and m3 by the association
    await markTestMilestoneDone(t.db, s, m2);
    let rows = readCsv(await exportMilestonesCsv(s.ctx.associationSignatory, commitmentScope(commitment.id)));
    rows = edit(rows, m1.id, { due_date: addCalendarDays(isoDate(m1.dueDate), 2) });
    rows = edit(rows, m2.id, { status: 'COMPLETED' });
    rows = edit(rows, m3.id, { due_date: addCalendarDays(isoDate(m3.dueDate), 2) });
    const report = await checkMilestoneImport(s.ctx.associationSignatory, { scope: commitmentScope(commitment.id), csv: writeCsv(rows), fileName: 'x.csv' });
    expect(report.summary).toMatchObject({ withErrors: 0, withChanges: 3 });
    // The confirmation (line 4) fails after line 3's due date was written.
    failConfirm.next = true;
    const audit = await t.db.auditEvent.count();
    const error = await rejectionOf(applyMilestoneImport(s.ctx.associationSignatory, report.importId!));
    expect(error.message).toBe('injected failure');
    expect(isoDate((await milestone(m1.id)).dueDate)).toBe(isoDate(m1.dueDate));
    expect(isoDate((await milestone(m3.id)).dueDate)).toBe(isoDate(m3.dueDate));
    expect((await milestone(m2.id)).state).toBe('DONE');
    expect(await t.db.auditEvent.count()).toBe(audit);
    const view = await getMilestoneImport(s.ctx.associationSignatory, report.importId!);
    expect(view).toMatchObject({ status: 'FAILED', error: 'milestoneCsv.errors.applyFailed' });
  });

  it('re-checks every row under the locks: a commitment cancelled after the check refuses the apply', async () => {
    const { commitment, milestones } = await activeTestCommitment(t.db, s, { milestones: 2 });
    const rows = edit(readCsv(await exportMilestonesCsv(s.ctx.customsAdmin, commitmentScope(commitment.id))), milestones[0].id, {
      status: 'DONE',
      evidence_text: 'Done.',
    });
    const report = await checkMilestoneImport(s.ctx.customsAdmin, { scope: commitmentScope(commitment.id), csv: writeCsv(rows), fileName: 'x.csv' });
    expect(report.summary.withChanges).toBe(1);
    await t.db.commitment.update({ where: { id: commitment.id }, data: { phase: 'CANCELLED', cancelledAt: new Date() } });
    const error = await rejectionOf(applyMilestoneImport(s.ctx.customsAdmin, report.importId!));
    expect(error.message).toBe('milestoneCsv.errors.recheckFailed');
    expect(error.params).toEqual({ line: 2 });
    expect((await milestone(milestones[0].id)).state).toBe('OPEN');
  });
});

describe('action plans', () => {
  it('imports into a plan per commitment: rows of commitments the importer is not a party to are errors', async () => {
    const today = todayOf(new Date());
    const plan = await createActionPlan(s.ctx.customsAdmin, {
      administrationId: s.administration.id,
      title: 'National integrity action plan 2026–2027',
      description: 'Prevention and detection.',
      periodStart: today,
      periodEnd: addCalendarDays(today, 700),
    });
    const a = await activeTestCommitment(t.db, s, { milestones: 2, actionPlanId: plan.id });
    // B binds the administration and the other association (its one milestone is the administration's).
    const b = await activeTestCommitment(t.db, s, { milestones: 1, actionPlanId: plan.id, partyOrganizationIds: [s.otherAssociation.id] });
    // A draft plan is the administration's alone: the association sees (and imports into) it once published.
    expect(
      (await rejectionOf(checkMilestoneImport(s.ctx.associationSignatory, { scope: { actionPlanId: plan.id }, csv: 'milestone_id\nx\n', fileName: 'x.csv' })))
        .code,
    ).toBe('NOT_FOUND');
    await publishActionPlan(s.ctx.customsAdmin, { actionPlanId: plan.id });
    const scope = { actionPlanId: plan.id };
    const rows = readCsv(await exportMilestonesCsv(s.ctx.customsAdmin, scope));
    expect(rows.map((r) => r.commitment_reference)).toEqual([a.commitment.reference, a.commitment.reference, b.commitment.reference]);
    const moved = rows.map((r) => ({ ...r, due_date: addCalendarDays(r.due_date, 5) }));
    // The association is a party of A only.
    const report = await checkMilestoneImport(s.ctx.associationSignatory, { scope, csv: writeCsv(moved), fileName: 'plan.csv' });
    const bLines = report.rows.filter((r) => r.commitmentReference === b.commitment.reference);
    expect(bLines.map((r) => r.errors.map((e) => e.key))).toEqual([['milestoneCsv.row.notAParty']]);
    expect(report.summary).toMatchObject({ withChanges: 2, withErrors: 1 });
    // The administration is a party of both: applies all three in one transaction, one milestone.imported on the plan.
    const ok = await checkMilestoneImport(s.ctx.customsAdmin, { scope, csv: writeCsv(moved, { delimiter: ';' }), fileName: 'plan.csv' });
    expect(errorsOf(ok)).toEqual([]);
    expect((await applyMilestoneImport(s.ctx.customsAdmin, ok.importId!)).applied).toBe(3);
    const event = await t.db.auditEvent.findFirstOrThrow({ where: { action: 'milestone.imported', subjectId: plan.id } });
    expect(event.subjectType).toBe('ActionPlan');
    // A milestone of the plan, imported into a single commitment of it, is "another commitment's".
    const single = await checkMilestoneImport(s.ctx.customsAdmin, { scope: { commitmentId: a.commitment.id }, csv: writeCsv(rows), fileName: 'x.csv' });
    expect(single.rows.filter((r) => r.errors.some((e) => e.key === 'milestoneCsv.row.otherScope')).length).toBe(1);
  });

  it('checks and applies 5,000 rows (one query for the milestones) and prints the time it took', { timeout: 900_000 }, async () => {
    const today = todayOf(new Date());
    const plan = await createActionPlan(s.ctx.customsAdmin, {
      administrationId: s.administration.id,
      title: 'Large plan',
      description: '',
      periodStart: today,
      periodEnd: addCalendarDays(today, 3000),
    });
    const commitments = 25;
    const perCommitment = 200;
    for (let i = 0; i < commitments; i++) {
      const { commitment } = await activeTestCommitment(t.db, s, { milestones: 0, actionPlanId: plan.id });
      const owner = await t.db.commitmentParty.findFirstOrThrow({ where: { commitmentId: commitment.id, organizationId: s.administration.id } });
      await t.db.milestone.createMany({
        data: Array.from({ length: perCommitment }, (_, j) => ({
          commitmentId: commitment.id,
          title: `Milestone ${i}-${j}`,
          deliverable: 'A report.',
          ownerPartyId: owner.id,
          dueDate: new Date(`${addCalendarDays(today, 30 + j)}T00:00:00Z`),
          createdAt: new Date(),
        })),
      });
    }
    const scope = { actionPlanId: plan.id };
    let started = performance.now();
    const csv = await exportMilestonesCsv(s.ctx.customsAdmin, scope);
    const exportMs = performance.now() - started;
    const rows: Rows = readCsv(csv).map((r) => ({ ...r, due_date: addCalendarDays(r.due_date, 1) }));
    expect(rows.length).toBe(commitments * perCommitment);
    const progress: number[] = [];
    started = performance.now();
    const report = await checkMilestoneImport(s.ctx.customsAdmin, { scope, csv: writeCsv(rows), fileName: 'big.csv' }, (done) => progress.push(done));
    const checkMs = performance.now() - started;
    expect(errorsOf(report)).toEqual([]);
    expect(report.summary).toMatchObject({ rows: 5000, withChanges: 5000, changes: 5000 });
    expect(progress[progress.length - 1]).toBe(5000);
    expect(progress.length).toBeGreaterThanOrEqual(5000 / 200);
    const stored = await t.db.milestoneImport.findUniqueOrThrow({ where: { id: report.importId! } });
    expect(stored).toMatchObject({ status: 'CHECKED', totalRows: 5000, processedRows: 5000 });
    // Applying all 5,000 due dates: one transaction, one milestone.updated event each and one milestone.imported.
    started = performance.now();
    expect((await applyMilestoneImport(s.ctx.customsAdmin, report.importId!)).applied).toBe(5000);
    const applyMs = performance.now() - started;
    expect(await t.db.auditEvent.count({ where: { action: 'milestone.imported', subjectId: plan.id } })).toBe(1);
    const sample = rows[4321];
    expect(isoDate((await milestone(sample.milestone_id)).dueDate)).toBe(sample.due_date);
    console.info(
      `[milestone-csv] ${t.target}: export of 5,000 milestones ${exportMs.toFixed(0)} ms; dry run of 5,000 changed rows ${checkMs.toFixed(0)} ms; ` +
        `apply ${applyMs.toFixed(0)} ms`,
    );
  });
});
