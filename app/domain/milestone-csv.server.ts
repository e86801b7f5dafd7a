// CSV export and import of milestone progress, for one commitment or a whole action plan.
//
// Export: every milestone the reader may see, one row each, in the columns of MILESTONE_CSV_COLUMNS (machine names, so
// a file exported in Russian imports in English), UTF-8 with a byte-order mark so spreadsheet programs read Cyrillic,
// RFC 4180 quoting (csv-stringify), comma or semicolon. A cell a spreadsheet would run as a formula (= + - @ tab CR)
// is escaped with a leading apostrophe.
//
// Import: a dry run first. The upload becomes a MilestoneImport row (CHECKING); the rows are checked against the
// milestones of the scope (read in one query), writing processedRows as it goes, and the report (file errors, row
// errors with line numbers and columns, and the changes each row would make, old → new) is stored with the row
// (CHECKED). Applying it is one transaction: it locks every commitment it touches, re-reads and re-checks every row,
// refuses when a milestone changed since the check (its updatedAt, state or round differ from what the check saw),
// then runs the milestone commands (applyMilestoneUpdate / applyMilestoneDone / applyMilestoneConfirm: the same
// checks, audit events and notifications as the pages) and records one milestone.imported event. Anything failing
// leaves every milestone as it was and marks the import FAILED with the reason.
//
// Editable columns: due_date, status (OPEN → DONE marks done for the owner party with the row's evidence; DONE →
// COMPLETED confirms for the importer's party), evidence_links (separated by spaces or new lines) and evidence_text
// (both only as the evidence of a milestone being marked done). Every other known column is read-only: a changed value
// is a row error (a blank cell counts as "left as it is"). Unknown columns are a file error.
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import type { MilestoneImport, Prisma } from '../../prisma/generated/client/client';
import type { Db } from '../db/client.server';
import { type Actor, actorId } from './actor.server';
import { lockCommitment, partiesActorMayActFor } from './commitment-core.server';
import { canSeeActionPlan, canSeeCommitment } from './commitment-queries.server';
import { MAX_EVIDENCE_LINKS, isIsoDate, isoDate } from './commitment-rules';
import { type Audit, type DomainContext, type Tx, command, nowOf } from './context.server';
import { ConflictError, DomainError, ForbiddenError, NotAuthenticatedError, NotFoundError, ValidationError } from './errors.server';
import { applyMilestoneConfirm, applyMilestoneDone, applyMilestoneUpdate } from './milestones.server';

type ReadContext = Pick<DomainContext, 'db' | 'actor' | 'now'>;

export const MILESTONE_CSV_COLUMNS = [
  'milestone_id',
  'commitment_reference',
  'commitment_title',
  'milestone_title',
  'owner',
  'due_date',
  'status',
  'evidence_links',
  'evidence_text',
  'completed_at',
  'confirmed_by',
  'attested',
] as const;
export type MilestoneCsvColumn = (typeof MILESTONE_CSV_COLUMNS)[number];

/** Columns an import may change; the others must be left as exported (or blank). */
export const MILESTONE_CSV_EDITABLE = ['due_date', 'status', 'evidence_links', 'evidence_text'] as const satisfies readonly MilestoneCsvColumn[];
const READ_ONLY = MILESTONE_CSV_COLUMNS.filter((c) => c !== 'milestone_id' && !(MILESTONE_CSV_EDITABLE as readonly string[]).includes(c));

/** The largest file an import reads, and the most data rows. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 20_000;
/** processedRows is written every this many rows while checking. */
export const IMPORT_PROGRESS_STEP = 200;
const MAX_EVIDENCE_TEXT = 10_000;
const MAX_LINK_LENGTH = 500;

export type MilestoneCsvScope = { commitmentId: string } | { actionPlanId: string };
export type CsvDelimiter = ',' | ';';

/** A message as an i18n key (app/i18n/parts/commitments-csv.ts) with its parameters. */
export type CsvMessage = { key: string; params?: Record<string, string | number> };
export type ImportRowError = CsvMessage & { column: MilestoneCsvColumn | null };
export type ImportChange = { column: 'due_date' | 'status' | 'evidence_links' | 'evidence_text'; from: string; to: string };
/** What a row would do, as the apply runs it. */
export type ImportAct = {
  milestoneId: string;
  commitmentId: string;
  /** The party the importer acts for in this row. */
  organizationId: string;
  dueDate?: string;
  done?: { evidenceText?: string; evidenceLinks: string[] };
  confirm?: boolean;
};
export type ImportRow = {
  /** The line of the file where the row starts (the header is line 1). */
  line: number;
  milestoneId: string;
  commitmentReference: string | null;
  milestoneTitle: string | null;
  errors: ImportRowError[];
  changes: ImportChange[];
  /** The milestone as the check saw it; the apply refuses when it is no longer so. */
  seen: { updatedAt: string; state: string; round: number } | null;
  act: ImportAct | null;
};
export type ImportSummary = { rows: number; unchanged: number; withChanges: number; withErrors: number; changes: number };
export type ImportReport = {
  /** The MilestoneImport row that holds this report. */
  importId: string | null;
  fileName: string;
  delimiter: CsvDelimiter;
  fileErrors: CsvMessage[];
  /** Rows with errors or changes, in file order (unchanged rows are only counted). */
  rows: ImportRow[];
  summary: ImportSummary;
  /** After an apply: what it did. */
  applied?: { milestones: number; dueDates: number; done: number; confirmed: number; at: string };
  /** After a failed apply: why. */
  failure?: CsvMessage;
};

export type MilestoneImportView = MilestoneImport & {
  report: ImportReport | null;
  /** What the import is about, for the page's links. */
  subject: { kind: 'commitment'; id: string; reference: string; title: string } | { kind: 'plan'; id: string; slug: string; title: string };
};

// ───────────────────────────── Loading the scope ─────────────────────────────

const commitmentSelect = {
  id: true,
  reference: true,
  title: true,
  phase: true,
  startDate: true,
  activatedAt: true,
  monitorOrganizationId: true,
  actionPlanId: true,
  parties: {
    select: { id: true, organizationId: true, responsibleUserId: true, organization: { select: { name: true } } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  },
} satisfies Prisma.CommitmentSelect;

const milestoneSelect = {
  id: true,
  commitmentId: true,
  title: true,
  dueDate: true,
  state: true,
  round: true,
  evidenceText: true,
  evidenceLinks: true,
  completedAt: true,
  attestedAt: true,
  ownerPartyId: true,
  updatedAt: true,
  confirmations: { select: { partyId: true, round: true } },
} satisfies Prisma.MilestoneSelect;

type ScopeCommitment = Prisma.CommitmentGetPayload<{ select: typeof commitmentSelect }> & {
  /** Organisation ids of the parties the actor may act for. */
  actFor: string[];
};
type ScopeMilestone = Prisma.MilestoneGetPayload<{ select: typeof milestoneSelect }>;
type Client = Pick<Tx, 'commitment' | 'milestone' | 'actionPlan'>;

type ScopeData = {
  commitments: Map<string, ScopeCommitment>;
  milestones: Map<string, ScopeMilestone>;
};

const visibleCommitment = (actor: Actor, c: Pick<ScopeCommitment, 'activatedAt' | 'monitorOrganizationId' | 'parties'>) =>
  canSeeCommitment(actor, {
    activatedAt: c.activatedAt,
    monitorOrganizationId: c.monitorOrganizationId,
    partyOrganizationIds: c.parties.map((p) => p.organizationId),
  });

/**
 * The commitments of the scope the actor may see, and all their milestones: two statements (plus Prisma's relation
 * reads), whatever the number of rows. NotFound when the commitment or plan does not exist or is not visible.
 */
async function loadScope(db: Client, actor: Actor, scope: MilestoneCsvScope, commitmentIds?: readonly string[]): Promise<ScopeData> {
  let rows: Prisma.CommitmentGetPayload<{ select: typeof commitmentSelect }>[];
  if ('commitmentId' in scope) {
    rows = await db.commitment.findMany({ where: { id: scope.commitmentId }, select: commitmentSelect });
    if (!rows.length || !visibleCommitment(actor, rows[0])) throw new NotFoundError();
  } else {
    const plan = await db.actionPlan.findUnique({ where: { id: scope.actionPlanId }, select: { status: true, administrationId: true } });
    if (!plan || !canSeeActionPlan(actor, plan)) throw new NotFoundError();
    rows = await db.commitment.findMany({
      where: { actionPlanId: scope.actionPlanId, ...(commitmentIds ? { id: { in: [...commitmentIds] } } : {}) },
      select: commitmentSelect,
      orderBy: [{ reference: 'asc' }],
    });
    rows = rows.filter((c) => visibleCommitment(actor, c));
  }
  const commitments = new Map<string, ScopeCommitment>();
  for (const c of rows) commitments.set(c.id, { ...c, actFor: partiesActorMayActFor(actor, c.parties) });
  const milestones = new Map<string, ScopeMilestone>();
  if (commitments.size) {
    const list = await db.milestone.findMany({
      where: { commitmentId: { in: [...commitments.keys()] } },
      select: milestoneSelect,
      orderBy: [{ commitmentId: 'asc' }, { dueDate: 'asc' }, { id: 'asc' }],
    });
    for (const m of list) milestones.set(m.id, m);
  }
  return { commitments, milestones };
}

/** The milestone's values as the export writes them (before formula escaping). */
function exportedValues(c: ScopeCommitment, m: ScopeMilestone): Record<MilestoneCsvColumn, string> {
  const owner = c.parties.find((p) => p.id === m.ownerPartyId);
  const confirmedBy = m.confirmations
    .filter((x) => x.round === m.round && m.round > 0)
    .map((x) => c.parties.find((p) => p.id === x.partyId)?.organization.name ?? '')
    .filter(Boolean)
    .sort((a, b) => a.localeCompare(b));
  return {
    milestone_id: m.id,
    commitment_reference: c.reference,
    commitment_title: c.title,
    milestone_title: m.title,
    owner: owner?.organization.name ?? '',
    due_date: isoDate(m.dueDate),
    status: m.state,
    evidence_links: m.evidenceLinks.join(' '),
    evidence_text: m.evidenceText ?? '',
    completed_at: m.completedAt ? m.completedAt.toISOString().replace(/\.\d{3}Z$/, 'Z') : '',
    confirmed_by: confirmedBy.join('; '),
    attested: m.attestedAt ? isoDate(m.attestedAt) : '',
  };
}

// ───────────────────────────── Export ─────────────────────────────

/** The scope's milestones as CSV text: UTF-8 with a BOM, CRLF line ends, formula cells escaped. */
export async function exportMilestonesCsv(ctx: ReadContext, scope: MilestoneCsvScope, { delimiter = ',' }: { delimiter?: CsvDelimiter } = {}): Promise<string> {
  const data = await loadScope(ctx.db, ctx.actor, scope);
  const commitments = [...data.commitments.values()].sort((a, b) => a.reference.localeCompare(b.reference));
  const byCommitment = new Map<string, ScopeMilestone[]>();
  for (const m of data.milestones.values()) {
    const list = byCommitment.get(m.commitmentId) ?? [];
    list.push(m);
    byCommitment.set(m.commitmentId, list);
  }
  const records: string[][] = [[...MILESTONE_CSV_COLUMNS]];
  for (const c of commitments) {
    for (const m of byCommitment.get(c.id) ?? []) {
      const values = exportedValues(c, m);
      records.push(MILESTONE_CSV_COLUMNS.map((column) => values[column]));
    }
  }
  // RFC 4180: a cell with a line break is quoted (csv-stringify quotes only the record delimiter itself, CRLF).
  return stringify(records, { bom: true, escape_formulas: true, record_delimiter: 'windows', delimiter, quoted_match: /[\r\n]/ });
}

/** The commitment or plan a URL names, as the reader may see it, and whether the reader may import into it. */
export async function milestoneCsvTarget(
  ctx: ReadContext,
  by: { reference: string } | { slug: string },
): Promise<{ scope: MilestoneCsvScope; kind: 'commitment' | 'plan'; key: string; title: string; canImport: boolean }> {
  if ('reference' in by) {
    const c = await ctx.db.commitment.findUnique({ where: { reference: by.reference }, select: commitmentSelect });
    if (!c || !visibleCommitment(ctx.actor, c)) throw new NotFoundError();
    return {
      scope: { commitmentId: c.id },
      kind: 'commitment',
      key: c.reference,
      title: c.title,
      canImport: partiesActorMayActFor(ctx.actor, c.parties).length > 0,
    };
  }
  const plan = await ctx.db.actionPlan.findUnique({
    where: { slug: by.slug },
    select: { id: true, slug: true, title: true, status: true, administrationId: true },
  });
  if (!plan || !canSeeActionPlan(ctx.actor, plan)) throw new NotFoundError();
  return { scope: { actionPlanId: plan.id }, kind: 'plan', key: plan.slug, title: plan.title, canImport: await mayImportIntoPlan(ctx.db, ctx.actor, plan.id) };
}

/** May the actor act for a party of at least one commitment of the plan? */
async function mayImportIntoPlan(db: Db | Client, actor: Actor, actionPlanId: string): Promise<boolean> {
  if (actor.kind !== 'user' || !actor.memberships.length) return false;
  const orgIds = [...new Set(actor.memberships.map((m) => m.organizationId))];
  const parties = await db.commitment.findMany({
    where: { actionPlanId, parties: { some: { organizationId: { in: orgIds } } } },
    select: commitmentSelect,
  });
  return parties.some((c) => visibleCommitment(actor, c) && partiesActorMayActFor(actor, c.parties).length > 0);
}

// ───────────────────────────── Reading the file ─────────────────────────────

const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r']);
const normalizeText = (value: string) => value.replace(/\r\n?/g, '\n').trim();

/** The file as text: UTF-8 (invalid bytes are a file error), byte-order mark removed. */
function decode(csv: string | Uint8Array): string | null {
  let text: string;
  if (typeof csv === 'string') text = csv;
  else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(csv);
    } catch {
      return null;
    }
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Comma or semicolon: whichever the header line holds more of, outside quotes. */
export function detectDelimiter(text: string): CsvDelimiter {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch === ',') commas++;
    else if (!quoted && ch === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

type ParsedFile = { delimiter: CsvDelimiter; columns: MilestoneCsvColumn[]; records: { line: number; cells: string[] }[]; fileErrors: CsvMessage[] };

/** Parse the CSV (RFC 4180, comma or semicolon, CRLF or LF) and check its header. */
export function parseMilestoneCsv(text: string): ParsedFile {
  const normalized = text.replace(/\r\n?/g, '\n');
  const delimiter = detectDelimiter(normalized);
  const empty = { delimiter, columns: [], records: [] };
  if (!normalized.trim()) return { ...empty, fileErrors: [{ key: 'milestoneCsv.file.empty' }] };
  let parsed: { record: string[]; info: { lines: number } }[];
  try {
    parsed = parse(normalized, {
      delimiter,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      max_record_size: 100_000,
    }) as unknown as typeof parsed;
  } catch (error) {
    const line = typeof (error as { lines?: unknown }).lines === 'number' ? (error as { lines: number }).lines : 1;
    return { ...empty, fileErrors: [{ key: 'milestoneCsv.file.malformed', params: { line } }] };
  }
  if (!parsed.length) return { ...empty, fileErrors: [{ key: 'milestoneCsv.file.empty' }] };
  const header = parsed[0].record.map((h) =>
    h
      .replace(/^\uFEFF/, '')
      .trim()
      .toLowerCase(),
  );
  const fileErrors: CsvMessage[] = [];
  const unknown = header.filter((h) => !(MILESTONE_CSV_COLUMNS as readonly string[]).includes(h));
  if (unknown.length) {
    fileErrors.push({ key: 'milestoneCsv.file.unknownColumns', params: { columns: unknown.map((u) => (u === '' ? '""' : u)).join(', ') } });
  }
  const duplicates = header.filter((h, i) => h !== '' && header.indexOf(h) !== i);
  if (duplicates.length) fileErrors.push({ key: 'milestoneCsv.file.duplicateColumns', params: { columns: [...new Set(duplicates)].join(', ') } });
  if (!header.includes('milestone_id')) fileErrors.push({ key: 'milestoneCsv.file.missingId' });
  const records = parsed.slice(1).map(({ record, info }) => ({
    // csv-parse counts the line where the record ends; new lines inside quoted cells move its start back.
    line: info.lines - record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0),
    cells: record,
  }));
  if (!records.length) fileErrors.push({ key: 'milestoneCsv.file.noRows' });
  if (records.length > MAX_IMPORT_ROWS) fileErrors.push({ key: 'milestoneCsv.file.tooManyRows', params: { max: MAX_IMPORT_ROWS } });
  return { delimiter, columns: header as MilestoneCsvColumn[], records: fileErrors.length ? [] : records, fileErrors };
}

// ───────────────────────────── Checking rows ─────────────────────────────

const ID_SHAPE = /^[A-Za-z0-9_-]{1,64}$/;
const linkSchema = z.url({ protocol: /^https?$/ }).max(MAX_LINK_LENGTH);
const MILESTONE_STATES = ['OPEN', 'DONE', 'COMPLETED'] as const;

/** An editable text cell: a formula is an error; the export's own escaping (a leading apostrophe) is undone. */
function editableText(raw: string): { value: string } | { formula: true } {
  const start = raw.trimStart();
  if (start && FORMULA_START.has(start[0])) return { formula: true };
  if (start.startsWith("'") && start.length > 1 && FORMULA_START.has(start[1])) return { value: normalizeText(start.slice(1)) };
  return { value: normalizeText(raw) };
}

/** A read-only cell as the export wrote it, its escaping undone. */
const readOnlyText = (raw: string) => {
  const value = normalizeText(raw);
  return value.startsWith("'") && value.length > 1 && FORMULA_START.has(value[1]) ? value.slice(1) : value;
};

type CheckInput = { columns: MilestoneCsvColumn[]; data: ScopeData; otherIds: ReadonlySet<string> };

function checkRow(input: CheckInput, record: { line: number; cells: string[] }, seenIds: Map<string, number>): ImportRow {
  const { columns, data } = input;
  const cell = (column: MilestoneCsvColumn): string | undefined => {
    const index = columns.indexOf(column);
    return index < 0 ? undefined : (record.cells[index] ?? '');
  };
  const row: ImportRow = {
    line: record.line,
    milestoneId: '',
    commitmentReference: null,
    milestoneTitle: null,
    errors: [],
    changes: [],
    seen: null,
    act: null,
  };
  const error = (column: MilestoneCsvColumn | null, key: string, params?: CsvMessage['params']) => {
    row.errors.push({ column, key: `milestoneCsv.row.${key}`, ...(params ? { params } : {}) });
  };
  /** An error that ends the row's check. */
  const fail = (column: MilestoneCsvColumn | null, key: string, params?: CsvMessage['params']) => {
    error(column, key, params);
    return row;
  };
  if (record.cells.length !== columns.length) {
    error(null, 'cellCount', { expected: columns.length, count: record.cells.length });
    return row;
  }
  const id = readOnlyText(cell('milestone_id') ?? '');
  row.milestoneId = id.slice(0, 64);
  if (!id) return fail('milestone_id', 'idMissing');
  if (!ID_SHAPE.test(id)) return fail('milestone_id', 'idMalformed', { value: id.slice(0, 40) });
  const firstLine = seenIds.get(id);
  if (firstLine !== undefined) return fail('milestone_id', 'idDuplicate', { line: firstLine });
  seenIds.set(id, record.line);
  const m = data.milestones.get(id);
  if (!m) return fail('milestone_id', input.otherIds.has(id) ? 'otherScope' : 'idUnknown', { value: id });
  const c = data.commitments.get(m.commitmentId)!;
  row.commitmentReference = c.reference;
  row.milestoneTitle = m.title;
  const current = exportedValues(c, m);

  for (const column of READ_ONLY) {
    const raw = cell(column);
    if (raw === undefined) continue;
    const given = readOnlyText(raw);
    if (given !== '' && given !== normalizeText(current[column])) error(column, 'readOnly', { column, current: current[column] || '—' });
  }

  // Due date.
  let dueDate: string | undefined;
  const dueCell = cell('due_date');
  if (dueCell !== undefined) {
    const value = dueCell.trim();
    if (!value) error('due_date', 'dateRequired');
    else if (!isIsoDate(value)) error('due_date', 'dateInvalid', { value: value.slice(0, 40) });
    else if (value < isoDate(c.startDate)) error('due_date', 'dateBeforeStart', { value, start: isoDate(c.startDate) });
    else if (value !== current.due_date) dueDate = value;
  }

  // Status.
  let target: (typeof MILESTONE_STATES)[number] = m.state;
  const statusCell = cell('status');
  if (statusCell !== undefined) {
    const value = statusCell.trim().toUpperCase();
    if (!value) error('status', 'statusRequired');
    else if (!(MILESTONE_STATES as readonly string[]).includes(value)) error('status', 'statusUnknown', { value: statusCell.trim().slice(0, 40) });
    else target = value as typeof target;
  }

  // Evidence: text and links, as the evidence of a milestone being marked done.
  let evidenceText = normalizeText(m.evidenceText ?? '');
  let evidenceLinks = [...m.evidenceLinks];
  let evidenceChanged = false;
  const textCell = cell('evidence_text');
  if (textCell !== undefined) {
    const parsed = editableText(textCell);
    if ('formula' in parsed) error('evidence_text', 'formula', { column: 'evidence_text' });
    else if (parsed.value.length > MAX_EVIDENCE_TEXT) error('evidence_text', 'evidenceTooLong', { max: MAX_EVIDENCE_TEXT });
    else if (parsed.value !== evidenceText) {
      row.changes.push({ column: 'evidence_text', from: evidenceText, to: parsed.value });
      evidenceText = parsed.value;
      evidenceChanged = true;
    }
  }
  const linksCell = cell('evidence_links');
  if (linksCell !== undefined) {
    const parsed = editableText(linksCell);
    if ('formula' in parsed) error('evidence_links', 'formula', { column: 'evidence_links' });
    else {
      const links = parsed.value.split(/\s+/).filter(Boolean);
      const bad = links.find((link) => !linkSchema.safeParse(link).success);
      if (bad !== undefined) error('evidence_links', 'linkInvalid', { value: bad.slice(0, 80) });
      else if (links.length > MAX_EVIDENCE_LINKS) error('evidence_links', 'tooManyLinks', { max: MAX_EVIDENCE_LINKS });
      else if (links.join(' ') !== evidenceLinks.join(' ')) {
        row.changes.push({ column: 'evidence_links', from: evidenceLinks.join(' '), to: links.join(' ') });
        evidenceLinks = links;
        evidenceChanged = true;
      }
    }
  }

  const changing = dueDate !== undefined || target !== m.state || evidenceChanged;
  if (!changing) return row;
  if (!c.actFor.length) {
    error(null, 'notAParty', { reference: c.reference });
    return row;
  }
  const act: ImportAct = { milestoneId: m.id, commitmentId: c.id, organizationId: c.actFor[0] };
  const ownerParty = c.parties.find((p) => p.id === m.ownerPartyId);

  if (dueDate !== undefined) {
    if (m.state !== 'OPEN') error('due_date', 'dueDateLocked', { state: m.state });
    else if (c.phase !== 'PROPOSED' && c.phase !== 'ACTIVE') error('due_date', 'notEditable', { phase: c.phase });
    else {
      act.dueDate = dueDate;
      row.changes.unshift({ column: 'due_date', from: current.due_date, to: dueDate });
    }
  }

  if (target !== m.state) {
    if (m.state === 'OPEN' && target === 'DONE') {
      if (c.phase !== 'ACTIVE') error('status', 'notActive', { phase: c.phase });
      else if (!ownerParty || !c.actFor.includes(ownerParty.organizationId)) error('status', 'notOwnerParty', { owner: ownerParty?.organization.name ?? '' });
      else if (row.errors.some((e) => e.column === 'evidence_text' || e.column === 'evidence_links')) {
        // The evidence cells are wrong already: their errors say what to fix.
      } else if (!evidenceText && !evidenceLinks.length) error('status', 'evidenceRequired');
      else {
        act.organizationId = ownerParty.organizationId;
        act.done = { evidenceText: evidenceText || undefined, evidenceLinks };
        row.changes.push({ column: 'status', from: m.state, to: target });
      }
    } else if (m.state === 'DONE' && target === 'COMPLETED') {
      const confirmed = new Set(m.confirmations.filter((x) => x.round === m.round).map((x) => x.partyId));
      const mine = c.parties.filter((p) => c.actFor.includes(p.organizationId));
      const pending = mine.filter((p) => !confirmed.has(p.id));
      if (c.phase !== 'ACTIVE') error('status', 'notActive', { phase: c.phase });
      else if (!pending.length) error('status', 'alreadyConfirmed');
      else {
        act.organizationId = pending[0].organizationId;
        act.confirm = true;
        row.changes.push({ column: 'status', from: m.state, to: target });
      }
    } else {
      error('status', 'transition', { from: m.state, to: target });
    }
  }
  if (evidenceChanged && !act.done && !row.errors.some((e) => e.column === 'status')) {
    error(row.changes.some((x) => x.column === 'evidence_text') ? 'evidence_text' : 'evidence_links', 'evidenceOnlyWhenDone');
  }
  if (!row.errors.length) {
    row.seen = { updatedAt: m.updatedAt.toISOString(), state: m.state, round: m.round };
    row.act = act;
  }
  return row;
}

function summarize(rows: ImportRow[], total: number): ImportSummary {
  const withErrors = rows.filter((r) => r.errors.length).length;
  const withChanges = rows.filter((r) => !r.errors.length && r.changes.length).length;
  return {
    rows: total,
    unchanged: total - rows.length,
    withChanges,
    withErrors,
    changes: rows.reduce((n, r) => n + (r.errors.length ? 0 : r.changes.length), 0),
  };
}

/** Ids of the file that are milestones, but not of this scope (another commitment or plan). */
async function idsElsewhere(db: Client, ids: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < ids.length; i += 1000) {
    const rows = await db.milestone.findMany({ where: { id: { in: ids.slice(i, i + 1000) } }, select: { id: true } });
    for (const r of rows) found.add(r.id);
  }
  return found;
}

/**
 * Check a file against the scope's milestones as `db` reads them: the report without writing anything. `onProgress`
 * is awaited every IMPORT_PROGRESS_STEP rows.
 */
async function analyse(
  db: Client,
  actor: Actor,
  scope: MilestoneCsvScope,
  fileName: string,
  text: string,
  onProgress?: (done: number, total: number) => void | Promise<void>,
  commitmentIds?: readonly string[],
): Promise<ImportReport> {
  const file = parseMilestoneCsv(text);
  const report: ImportReport = { importId: null, fileName, delimiter: file.delimiter, fileErrors: file.fileErrors, rows: [], summary: summarize([], 0) };
  if (file.fileErrors.length) return report;
  const total = file.records.length;
  await onProgress?.(0, total);
  const data = await loadScope(db, actor, scope, commitmentIds);
  const idIndex = file.columns.indexOf('milestone_id');
  const unknownIds = [...new Set(file.records.map((r) => readOnlyText(r.cells[idIndex] ?? '')).filter((id) => ID_SHAPE.test(id) && !data.milestones.has(id)))];
  const otherIds = unknownIds.length ? await idsElsewhere(db, unknownIds) : new Set<string>();
  const seenIds = new Map<string, number>();
  for (let i = 0; i < total; i++) {
    const row = checkRow({ columns: file.columns, data, otherIds }, file.records[i], seenIds);
    if (row.errors.length || row.changes.length) report.rows.push(row);
    if ((i + 1) % IMPORT_PROGRESS_STEP === 0 && i + 1 < total) await onProgress?.(i + 1, total);
  }
  await onProgress?.(total, total);
  report.summary = summarize(report.rows, total);
  return report;
}

// ───────────────────────────── Import: check ─────────────────────────────

export type MilestoneImportInput = { scope: MilestoneCsvScope; csv: string | Uint8Array; fileName: string };

const fileError = (key: string, params?: Record<string, string | number>) =>
  ValidationError.field('files', { key: `milestoneCsv.errors.${key}`, params: params ?? {} });

/** The upload's checks before anything is stored: who may import here, a .csv file, its size and encoding. */
async function prepareImport(ctx: DomainContext, input: MilestoneImportInput): Promise<{ text: string; fileName: string }> {
  const actor = ctx.actor;
  if (actor.kind !== 'user') throw new NotAuthenticatedError();
  const scope = input.scope;
  if ('commitmentId' in scope) {
    const data = await loadScope(ctx.db, actor, scope);
    const c = data.commitments.get(scope.commitmentId)!;
    if (!c.actFor.length) throw new ForbiddenError();
  } else {
    await loadScope(ctx.db, actor, { actionPlanId: scope.actionPlanId }, []);
    if (!(await mayImportIntoPlan(ctx.db, actor, scope.actionPlanId))) throw new ForbiddenError();
  }
  const fileName = (input.fileName ?? '').trim().split(/[\\/]/).pop()!.slice(0, 200);
  if (!fileName) throw fileError('noFile');
  if (!/\.csv$/i.test(fileName)) throw fileError('notCsv');
  const size = typeof input.csv === 'string' ? Buffer.byteLength(input.csv, 'utf8') : input.csv.byteLength;
  if (size === 0) throw fileError('emptyFile');
  if (size > MAX_IMPORT_BYTES) throw fileError('tooLarge', { max: MAX_IMPORT_BYTES / (1024 * 1024) });
  const text = decode(input.csv);
  if (text === null) throw fileError('notUtf8');
  if (text.includes('\u0000')) throw fileError('notUtf8');
  return { text, fileName };
}

const scopeColumns = (scope: MilestoneCsvScope) =>
  'commitmentId' in scope ? { commitmentId: scope.commitmentId, actionPlanId: null } : { commitmentId: null, actionPlanId: scope.actionPlanId };

async function createImportRow(ctx: DomainContext, input: MilestoneImportInput, prepared: { text: string; fileName: string }) {
  return command(ctx, (tx) =>
    tx.milestoneImport.create({
      data: {
        createdById: actorId(ctx.actor)!,
        ...scopeColumns(input.scope),
        fileName: prepared.fileName,
        content: prepared.text,
        status: 'CHECKING',
        createdAt: nowOf(ctx),
      },
    }),
  );
}

/** Run the dry run of a stored import and store its report (CHECKED), or FAILED when it could not be checked. */
async function runCheck(ctx: DomainContext, row: MilestoneImport, onProgress?: (done: number, total: number) => void): Promise<ImportReport | null> {
  const scope: MilestoneCsvScope = row.commitmentId ? { commitmentId: row.commitmentId } : { actionPlanId: row.actionPlanId! };
  try {
    let lastWritten = -1;
    const report = await analyse(ctx.db, ctx.actor, scope, row.fileName, row.content, async (done, total) => {
      onProgress?.(done, total);
      if (done === lastWritten) return;
      lastWritten = done;
      await ctx.db.milestoneImport.update({ where: { id: row.id }, data: { totalRows: total, processedRows: done } });
    });
    report.importId = row.id;
    await ctx.db.milestoneImport.update({
      where: { id: row.id },
      data: {
        status: 'CHECKED',
        totalRows: report.summary.rows,
        processedRows: report.summary.rows,
        report: report as unknown as Prisma.InputJsonValue,
        checkedAt: nowOf(ctx),
      },
    });
    return report;
  } catch (error) {
    const key = error instanceof DomainError ? error.message : 'milestoneCsv.errors.checkFailed';
    await ctx.db.milestoneImport.update({ where: { id: row.id }, data: { status: 'FAILED', error: key } }).catch(() => undefined);
    if (!(error instanceof DomainError)) throw error;
    return null;
  }
}

/** A check still CHECKING after this long, and not running in this process, was interrupted (the server restarted). */
const STALE_CHECK_MS = 15 * 60 * 1000;

/** Checks running in the background, by import id (tests and shutdown wait for them). */
const running = new Map<string, Promise<unknown>>();

/** Resolves when the background check of this import has finished (at once when none is running). */
export async function milestoneImportSettled(id: string): Promise<void> {
  await running.get(id)?.catch(() => undefined);
}

/**
 * The synchronous dry run (GraphQL): store the import, check every row now, and return the report with the import's
 * id (`report.importId`) for applyMilestoneImport.
 */
export async function checkMilestoneImport(
  ctx: DomainContext,
  input: MilestoneImportInput,
  onProgress?: (done: number, total: number) => void,
): Promise<ImportReport> {
  const prepared = await prepareImport(ctx, input);
  const row = await createImportRow(ctx, input, prepared);
  const report = await runCheck(ctx, row, onProgress);
  if (!report) throw new ConflictError('milestoneCsv.errors.checkFailed');
  return report;
}

/** The web page's dry run: store the import (CHECKING) and check it in the background; the page shows progress. */
export async function startMilestoneImport(ctx: DomainContext, input: MilestoneImportInput): Promise<MilestoneImport> {
  const prepared = await prepareImport(ctx, input);
  const row = await createImportRow(ctx, input, prepared);
  const task = runCheck(ctx, row)
    .catch(() => ctx.db.milestoneImport.update({ where: { id: row.id }, data: { status: 'FAILED', error: 'milestoneCsv.errors.checkFailed' } }))
    .catch(() => undefined)
    .finally(() => running.delete(row.id));
  running.set(row.id, task);
  return row;
}

/** An import as its creator sees it; anyone else gets NotFound, as for an unknown id. */
export async function getMilestoneImport(ctx: ReadContext, id: string): Promise<MilestoneImportView> {
  const me = actorId(ctx.actor);
  if (!me || !id || id.length > 64) throw new NotFoundError();
  let row = await ctx.db.milestoneImport.findUnique({ where: { id } });
  if (!row || row.createdById !== me) throw new NotFoundError();
  const now = ctx.now ? ctx.now() : new Date();
  if (row.status === 'CHECKING' && !running.has(row.id) && now.getTime() - row.createdAt.getTime() > STALE_CHECK_MS) {
    // The process that was checking it stopped (a restart): say so rather than show progress forever.
    await ctx.db.milestoneImport.updateMany({ where: { id, status: 'CHECKING' }, data: { status: 'FAILED', error: 'milestoneCsv.errors.checkInterrupted' } });
    row = (await ctx.db.milestoneImport.findUnique({ where: { id } }))!;
  }
  let subject: MilestoneImportView['subject'];
  if (row.commitmentId) {
    const c = await ctx.db.commitment.findUnique({ where: { id: row.commitmentId }, select: { id: true, reference: true, title: true } });
    if (!c) throw new NotFoundError();
    subject = { kind: 'commitment', ...c };
  } else {
    const p = await ctx.db.actionPlan.findUnique({ where: { id: row.actionPlanId ?? '' }, select: { id: true, slug: true, title: true } });
    if (!p) throw new NotFoundError();
    subject = { kind: 'plan', ...p };
  }
  return { ...row, report: (row.report as unknown as ImportReport | null) ?? null, subject };
}

// ───────────────────────────── Import: apply ─────────────────────────────

/**
 * The apply's command: one transaction, with a time limit that grows with the number of changes (the default 20 s
 * would cut a large import short) and the audit records appended at its end, so the audit chain's lock, which every
 * other write waits for, is held for the final appends only.
 */
function importCommand<T>(ctx: DomainContext, changes: number, work: (tx: Tx, audit: Audit) => Promise<T>): Promise<T> {
  return command(ctx, work, { timeoutMs: Math.min(20_000 + changes * 100, 15 * 60 * 1000), auditAtEnd: true });
}

const sameSeen = (a: ImportRow['seen'], b: ImportRow['seen']) => !!a && !!b && a.updatedAt === b.updatedAt && a.state === b.state && a.round === b.round;

/**
 * Apply a checked import in one transaction: lock the commitments it touches, re-check every row against what they
 * hold now, refuse when anything changed since the check or any row fails, then make every change and record one
 * milestone.imported event. On failure nothing changes; the import becomes FAILED with the reason, and the error is
 * thrown.
 */
export async function applyMilestoneImport(ctx: DomainContext, id: string): Promise<{ import: MilestoneImport; applied: number }> {
  const view = await getMilestoneImport(ctx, id);
  if (view.status === 'APPLIED') throw new ConflictError('milestoneCsv.errors.alreadyApplied');
  const checked: ImportReport | null = view.report;
  if (view.status !== 'CHECKED' || !checked) throw new ConflictError('milestoneCsv.errors.notChecked');
  if (checked.fileErrors.length || checked.summary.withErrors) throw new ConflictError('milestoneCsv.errors.hasErrors');
  if (!checked.summary.changes) throw new ConflictError('milestoneCsv.errors.nothingToApply');
  const scope: MilestoneCsvScope = view.commitmentId ? { commitmentId: view.commitmentId } : { actionPlanId: view.actionPlanId! };
  const now = nowOf(ctx);
  try {
    return await importCommand(ctx, checked.summary.changes, async (tx, audit) => {
      const [locked] = await tx.$queryRaw<{ status: string }[]>`SELECT "status"::text AS "status" FROM "MilestoneImport" WHERE "id" = ${id} FOR UPDATE`;
      if (!locked || locked.status !== 'CHECKED')
        throw new ConflictError(locked?.status === 'APPLIED' ? 'milestoneCsv.errors.alreadyApplied' : 'milestoneCsv.errors.notChecked');
      // Lock every commitment the import changes, in one order (two imports never wait on each other in a circle).
      const commitmentIds = [...new Set(checked.rows.filter((r) => r.act).map((r) => r.act!.commitmentId))].sort();
      const lockedCommitments = new Map<string, Awaited<ReturnType<typeof lockCommitment>>>();
      for (const commitmentId of commitmentIds) lockedCommitments.set(commitmentId, await lockCommitment(tx, ctx.actor, commitmentId));
      // Re-check the whole file against what is there now.
      const fresh = await analyse(tx, ctx.actor, scope, view.fileName, view.content);
      if (fresh.fileErrors.length) throw new ConflictError('milestoneCsv.errors.recheckFailed', { line: 1 });
      const freshByLine = new Map(fresh.rows.map((r) => [r.line, r]));
      for (const row of checked.rows) {
        const again = freshByLine.get(row.line);
        if (again?.errors.length) throw new ConflictError('milestoneCsv.errors.recheckFailed', { line: row.line });
        if (!again || !sameSeen(row.seen, again.seen)) throw new ConflictError('milestoneCsv.errors.changedSinceCheck', { line: row.line });
      }
      const failing = fresh.rows.find((r) => r.errors.length);
      if (failing) throw new ConflictError('milestoneCsv.errors.recheckFailed', { line: failing.line });
      if (fresh.rows.length !== checked.rows.length) throw new ConflictError('milestoneCsv.errors.changedSinceCheck', { line: fresh.rows[0]?.line ?? 1 });

      const counts = { milestones: 0, dueDates: 0, done: 0, confirmed: 0 };
      for (const row of fresh.rows) {
        const act = row.act;
        if (!act) continue;
        const lockedCommitment = lockedCommitments.get(act.commitmentId);
        if (!lockedCommitment) throw new ConflictError('milestoneCsv.errors.changedSinceCheck', { line: row.line });
        counts.milestones++;
        if (act.dueDate) {
          await applyMilestoneUpdate(tx, audit, ctx, lockedCommitment, {
            milestoneId: act.milestoneId,
            organizationId: act.organizationId,
            dueDate: act.dueDate,
          });
          counts.dueDates++;
        }
        if (act.done) {
          await applyMilestoneDone(tx, audit, ctx, lockedCommitment, {
            milestoneId: act.milestoneId,
            organizationId: act.organizationId,
            evidenceText: act.done.evidenceText,
            evidenceLinks: act.done.evidenceLinks,
          });
          counts.done++;
        }
        if (act.confirm) {
          await applyMilestoneConfirm(tx, audit, ctx, lockedCommitment, { milestoneId: act.milestoneId, organizationId: act.organizationId });
          counts.confirmed++;
        }
      }
      const references = commitmentIds.map((cid) => lockedCommitments.get(cid)!.reference);
      const firstCommitment = lockedCommitments.get(commitmentIds[0]);
      const organizationId = firstCommitment ? (partiesActorMayActFor(ctx.actor, firstCommitment.parties)[0] ?? null) : null;
      await audit({
        action: 'milestone.imported',
        subjectType: 'commitmentId' in scope ? 'Commitment' : 'ActionPlan',
        subjectId: 'commitmentId' in scope ? scope.commitmentId : scope.actionPlanId,
        organizationId,
        data: { importId: id, fileName: view.fileName, rows: fresh.summary.rows, ...counts, commitments: references },
      });
      const report: ImportReport = { ...checked, applied: { ...counts, at: now.toISOString() } };
      const updated = await tx.milestoneImport.update({
        where: { id },
        data: { status: 'APPLIED', appliedAt: now, report: report as unknown as Prisma.InputJsonValue },
      });
      return { import: updated, applied: counts.milestones };
    });
  } catch (error) {
    if (error instanceof ConflictError && (error.message === 'milestoneCsv.errors.alreadyApplied' || error.message === 'milestoneCsv.errors.notChecked'))
      throw error;
    const failure: CsvMessage =
      error instanceof DomainError
        ? {
            key: error.message,
            params: { ...error.params, ...(error instanceof ValidationError ? { fields: Object.keys(error.fieldErrors).join(', ') } : {}) },
          }
        : { key: 'milestoneCsv.errors.applyFailed' };
    await ctx.db.milestoneImport.updateMany({
      where: { id, status: 'CHECKED' },
      data: { status: 'FAILED', error: failure.key, report: { ...checked, failure } as unknown as Prisma.InputJsonValue },
    });
    throw error;
  }
}
