// Milestone progress imported from CSV (the file exported on a commitment's or a plan's page, edited): a dry run that
// stores the import and reports every row's changes and errors, then an apply in one transaction. The same domain
// functions as the import pages (app/domain/milestone-csv.server.ts); an import is seen by its creator only.
import { ConflictError, ForbiddenError, NotAuthenticatedError, NotFoundError, ValidationError } from '../../app/domain/errors.server';
import {
  type CsvMessage,
  type ImportReport,
  type ImportRow,
  type MilestoneCsvScope,
  applyMilestoneImport,
  checkMilestoneImport,
} from '../../app/domain/milestone-csv.server';
import { visibleActionPlansWhere, visibleCommitmentsWhere } from '../../app/domain/commitment-queries.server';
import { translate } from '../../app/i18n';
import { builder } from '../builder';
import type { GraphQLContext } from '../context';
import { ActionPlan } from './action-plan';
import { Commitment } from './commitment';
import { MilestoneImportStatus } from './commitment-enums';
import { Milestone } from './milestone';

const say = (ctx: GraphQLContext, message: CsvMessage) => translate(ctx.locale, message.key, message.params);

type RowError = ImportRow['errors'][number];
const MilestoneImportRowError = builder.objectRef<RowError>('MilestoneImportRowError').implement({
  fields: (t) => ({
    column: t.string({
      nullable: true,
      description: 'The CSV column at fault (milestone_id, due_date, status …), or null for the whole row.',
      resolve: (e) => e.column,
    }),
    message: t.string({ description: "What is wrong, in the caller's language.", resolve: (e, _args, ctx) => say(ctx, e) }),
  }),
});

type Change = ImportRow['changes'][number];
const MilestoneImportChange = builder.objectRef<Change>('MilestoneImportChange').implement({
  fields: (t) => ({
    column: t.exposeString('column', { description: 'due_date, status, evidence_links or evidence_text.' }),
    from: t.exposeString('from'),
    to: t.exposeString('to'),
  }),
});

const MilestoneImportRow = builder.objectRef<ImportRow>('MilestoneImportRow').implement({
  description: 'A row of the file with changes or errors (unchanged rows are only counted).',
  fields: (t) => ({
    line: t.exposeInt('line', { description: 'The line of the file where the row starts (the header is line 1).' }),
    milestoneId: t.globalID({
      nullable: true,
      description: 'The Milestone’s global ID, as the file gives it (null when the cell is empty).',
      resolve: (row) => (row.milestoneId ? { type: Milestone, id: row.milestoneId } : null),
    }),
    commitmentReference: t.exposeString('commitmentReference', { nullable: true }),
    milestoneTitle: t.exposeString('milestoneTitle', { nullable: true }),
    errors: t.field({ type: [MilestoneImportRowError], resolve: (row) => row.errors }),
    changes: t.field({ type: [MilestoneImportChange], description: 'What an apply would change (or changed).', resolve: (row) => row.changes }),
  }),
});

type Summary = ImportReport['summary'];
const MilestoneImportSummary = builder.objectRef<Summary>('MilestoneImportSummary').implement({
  fields: (t) => ({
    rows: t.exposeInt('rows'),
    unchanged: t.exposeInt('unchanged'),
    withChanges: t.exposeInt('withChanges'),
    withErrors: t.exposeInt('withErrors'),
    changes: t.exposeInt('changes'),
  }),
});

type Applied = NonNullable<ImportReport['applied']>;
const MilestoneImportApplied = builder.objectRef<Applied>('MilestoneImportApplied').implement({
  fields: (t) => ({
    milestones: t.exposeInt('milestones', { description: 'Milestones changed.' }),
    dueDates: t.exposeInt('dueDates'),
    done: t.exposeInt('done', { description: 'Milestones marked done.' }),
    confirmed: t.exposeInt('confirmed', { description: 'Milestones confirmed.' }),
    at: t.exposeString('at', { description: 'When, ISO 8601.' }),
  }),
});

const MilestoneImportReport = builder.objectRef<ImportReport>('MilestoneImportReport').implement({
  fields: (t) => ({
    delimiter: t.exposeString('delimiter', { description: 'The separator detected: "," or ";".' }),
    fileErrors: t.stringList({
      description: 'Errors of the file as a whole (unknown or missing columns …), in the caller’s language: nothing can be applied while there is one.',
      resolve: (report, _args, ctx) => report.fileErrors.map((message) => say(ctx, message)),
    }),
    rows: t.field({ type: [MilestoneImportRow], resolve: (report) => report.rows }),
    summary: t.field({ type: MilestoneImportSummary, resolve: (report) => report.summary }),
    applied: t.field({
      type: MilestoneImportApplied,
      nullable: true,
      description: 'After the apply: what it did.',
      resolve: (report) => report.applied ?? null,
    }),
  }),
});

export const MilestoneImport = builder.prismaNode('MilestoneImport', {
  id: { field: 'id' },
  // Relay: node(id) is null for an unknown id, and for another person's import.
  nullable: true,
  findUnique: (id, ctx) => ({ id, createdById: ctx.userId ?? '' }),
  authScopes: (row, ctx) => ctx.userId !== null && row.createdById === ctx.userId,
  description: 'A CSV import of milestone progress: checked first (a dry run), then applied in one transaction. Seen by its creator only.',
  fields: (t) => ({
    status: t.expose('status', { type: MilestoneImportStatus }),
    fileName: t.exposeString('fileName'),
    totalRows: t.exposeInt('totalRows'),
    processedRows: t.exposeInt('processedRows', { description: 'Rows checked so far.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    checkedAt: t.expose('checkedAt', { type: 'DateTime', nullable: true }),
    appliedAt: t.expose('appliedAt', { type: 'DateTime', nullable: true }),
    error: t.string({
      nullable: true,
      description: 'Why it FAILED, in the caller’s language.',
      select: { error: true },
      resolve: (row, _args, ctx) => (row.error ? translate(ctx.locale, row.error) : null),
    }),
    commitment: t.field({
      type: Commitment,
      nullable: true,
      description: 'The commitment it imports into (null for a plan’s import).',
      resolve: (row, _args, ctx) =>
        row.commitmentId
          ? ctx.db.commitment.findFirst({
              where: { AND: [{ id: row.commitmentId }, visibleCommitmentsWhere(ctx.actor)] },
              include: { parties: { select: { organizationId: true }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] } },
            })
          : null,
    }),
    actionPlan: t.field({
      type: ActionPlan,
      nullable: true,
      description: 'The action plan it imports into (null for a commitment’s import).',
      resolve: (row, _args, ctx) =>
        row.actionPlanId ? ctx.db.actionPlan.findFirst({ where: { AND: [{ id: row.actionPlanId }, visibleActionPlansWhere(ctx.actor)] } }) : null,
    }),
    report: t.field({
      type: MilestoneImportReport,
      nullable: true,
      description: 'The dry run’s report; null while CHECKING.',
      select: { report: true },
      resolve: (row) => (row.report as unknown as ImportReport | null) ?? null,
    }),
  }),
});

builder.queryField('milestoneImport', (t) =>
  t.prismaField({
    type: 'MilestoneImport',
    nullable: true,
    description: 'One of the caller’s CSV imports; null for an unknown id or someone else’s.',
    args: { id: t.arg.globalID({ required: true, for: MilestoneImport }) },
    resolve: (query, _parent, args, ctx) =>
      ctx.userId ? ctx.db.milestoneImport.findFirst({ ...query, where: { id: args.id.id, createdById: ctx.userId } }) : null,
  }),
);

const CheckMilestoneImportInput = builder.inputType('CheckMilestoneImportInput', {
  description: 'Give the commitment or the action plan the file was exported from (one of them).',
  fields: (t) => ({
    commitmentId: t.globalID({ required: false, for: Commitment }),
    actionPlanId: t.globalID({ required: false, for: ActionPlan }),
    csv: t.string({
      required: true,
      description:
        'The CSV text (UTF-8), as exported (milestone_id, commitment_reference, …); editable columns: due_date, status, evidence_links, evidence_text. Up to 5 MB.',
    }),
    fileName: t.string({ required: false, description: 'The file’s name, ending in .csv (default milestones.csv).' }),
  }),
});

/** The domain's upload errors are on the form's file field; here they are on `csv`. */
function onCsvField(error: unknown): never {
  if (error instanceof ValidationError && error.fieldErrors.files) {
    const { files, ...rest } = error.fieldErrors;
    throw new ValidationError({ ...rest, csv: files }, error.message, error.params);
  }
  throw error;
}

builder.mutationField('checkMilestoneImport', (t) =>
  t.prismaField({
    type: 'MilestoneImport',
    description:
      'Check a CSV of milestone progress (a dry run: nothing changes) and store it as an import, CHECKED with its report: each row’s changes and errors. Then applyMilestoneImport applies it. The caller must be able to act for a party.',
    errors: { types: [ValidationError, NotAuthenticatedError, ForbiddenError, NotFoundError, ConflictError] },
    args: { input: t.arg({ type: CheckMilestoneImportInput, required: true }) },
    resolve: async (query, _parent, { input }, ctx) => {
      const scope: MilestoneCsvScope | null = input.commitmentId
        ? { commitmentId: input.commitmentId.id }
        : input.actionPlanId
          ? { actionPlanId: input.actionPlanId.id }
          : null;
      if (!scope) throw ValidationError.field('commitmentId', 'errors.required');
      if (input.commitmentId && input.actionPlanId) throw ValidationError.field('actionPlanId', 'errors.invalid');
      const report = await checkMilestoneImport(ctx, { scope, csv: input.csv, fileName: input.fileName?.trim() || 'milestones.csv' }).catch(onCsvField);
      return ctx.db.milestoneImport.findUniqueOrThrow({ ...query, where: { id: report.importId! } });
    },
  }),
);

const ApplyMilestoneImportInput = builder.inputType('ApplyMilestoneImportInput', {
  fields: (t) => ({ importId: t.globalID({ required: true, for: MilestoneImport, description: 'A CHECKED import of the caller’s, without errors.' }) }),
});

builder.mutationField('applyMilestoneImport', (t) =>
  t.prismaField({
    type: 'MilestoneImport',
    description:
      'Apply a checked import in one transaction, as the import page does: every row is checked again, and nothing changes when any row fails or a milestone changed since the check (ConflictError).',
    errors: { types: [NotAuthenticatedError, ForbiddenError, NotFoundError, ConflictError, ValidationError] },
    args: { input: t.arg({ type: ApplyMilestoneImportInput, required: true }) },
    resolve: async (query, _parent, { input }, ctx) => {
      if (!ctx.userId) throw new NotAuthenticatedError();
      const { import: row } = await applyMilestoneImport(ctx, input.importId.id);
      return ctx.db.milestoneImport.findUniqueOrThrow({ ...query, where: { id: row.id } });
    },
  }),
);
