// Issues raised about customs administrations: the `Issue` type, its responses, evidence files and timeline, and the
// queries that find issues. Who sees an issue, how lists are filtered, ordered and paged, and what is overdue or
// escalated are the domain's rules (app/domain/issue-queries.server.ts, app/domain/issue-rules.ts): a restricted
// issue the caller may not see answers exactly like an unknown one (null, or absent from a list).
import { createContextCache } from '@pothos/core';
import { queryFromInfo } from '@pothos/plugin-prisma';
import { z } from 'zod';
import { RECEIPT_DOWNLOAD_TTL_SECONDS, attachmentPath, signedAttachmentToken } from '../../app/domain/attachments.server';
import { canActAsReporter, canHandleIssue, canSeeIssue, issueTimeline, listIssues, visibleIssuesWhere } from '../../app/domain/issue-queries.server';
import { isEscalated, isOverdue, nextDeadline, reopenAllowedUntil } from '../../app/domain/issue-rules';
import { renderMarkdown } from '../../app/domain/markdown.server';
import { services } from '../../app/services.server';
import { builder, DEFAULT_PAGE_SIZE, pageSize } from '../builder';
import type { GraphQLContext } from '../context';
import { loaders, requestNow } from '../loaders';
import { CustomsOffice } from './customs-office';
import { ArushaFactor } from './enums';
import { IssueCategory, IssueDeadline, IssueOrder, IssueResponseKind, IssueSeverity, IssueStatus, IssueVisibility } from './issue-enums';
import { Organization } from './organization';
import { User } from './user';

/**
 * Anonymous issues whose receipt code this request presented (anonymousIssue, followUpAnonymousIssue,
 * raiseAnonymousIssue): the receipt holder reads them although they are restricted, as the receipt page does
 * (getIssueForReceipt): nobody's identity is shown (assignee, response authors, timeline actors), and files come with
 * signed links. Never outlives the request.
 */
export const receiptIssues = createContextCache((_ctx: GraphQLContext) => new Set<string>());
const receiptView = (ctx: GraphQLContext, issueId: string) => receiptIssues(ctx).has(issueId);

type IssueVisibilityFields = {
  id: string;
  visibility: 'PUBLIC' | 'RESTRICTED';
  anonymous: boolean;
  administrationId: string;
  reporterOrganizationId: string | null;
};
const mayRead = (ctx: GraphQLContext, issue: IssueVisibilityFields) => receiptView(ctx, issue.id) || canSeeIssue(ctx.actor, issue);

/** Someone taking part in an issue, by name. (Who they are beyond that follows User's own visibility: node(id).) */
type Participant = { id: string; name: string };
export const IssueParticipant = builder.objectRef<Participant>('IssueParticipant').implement({
  description: 'A person acting on an issue: who raised it, its assignee, the author of a response.',
  fields: (t) => ({
    id: t.globalID({ description: 'The User’s global ID.', resolve: (person) => ({ type: User, id: person.id }) }),
    name: t.exposeString('name'),
  }),
});

type NextDeadlineShape = { deadline: 'ACKNOWLEDGE' | 'RESPOND'; dueAt: Date; overdue: boolean };
const IssueNextDeadline = builder.objectRef<NextDeadlineShape>('IssueNextDeadline').implement({
  description: 'The next deadline the administration has to meet on an open issue.',
  fields: (t) => ({
    deadline: t.field({ type: IssueDeadline, resolve: (d) => d.deadline }),
    dueAt: t.expose('dueAt', { type: 'DateTime' }),
    overdue: t.exposeBoolean('overdue', { description: 'The deadline has passed (time overdue = now − dueAt; time left = dueAt − now).' }),
  }),
});

type TimelineEntry = { at: Date; action: string; actor: Participant | null; anonymousReporter: boolean };
const IssueTimelineEvent = builder.objectRef<TimelineEntry>('IssueTimelineEvent').implement({
  description: 'One step in an issue’s history, from the audit chain.',
  fields: (t) => ({
    at: t.expose('at', { type: 'DateTime' }),
    action: t.exposeString('action', {
      description:
        'issue.raised, issue.assigned, issue.acknowledged, issue.responded, issue.resolved, issue.rejected, issue.reopened, issue.followed_up, issue.escalated, issue.summary_published or issue.attachment_added.',
    }),
    actor: t.field({
      type: IssueParticipant,
      nullable: true,
      description: 'Null for the platform (escalations), for an anonymous reporter, and in a receipt holder’s view (anonymousIssue).',
      resolve: (e) => e.actor,
    }),
    anonymousReporter: t.exposeBoolean('anonymousReporter', { description: 'The act was the anonymous reporter’s (through their receipt code).' }),
  }),
});

export const IssueAttachment = builder.prismaObject('IssueAttachment', {
  description: 'An evidence file (PDF, PNG, JPEG or plain text), metadata stripped. Files are added through the web forms, not through GraphQL.',
  fields: (t) => ({
    fileName: t.exposeString('fileName'),
    contentType: t.exposeString('contentType', { description: 'Detected from the content: application/pdf, image/png, image/jpeg or text/plain.' }),
    size: t.exposeInt('size', { description: 'Bytes.' }),
    sha256: t.exposeString('sha256', { description: 'SHA-256 of the stored file, hex.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    downloadUrl: t.string({
      description:
        'Where to download the file (absolute when the site’s PUBLIC_URL is set): with the session cookie of someone who may see the issue, or, for the holder of an anonymous issue’s receipt code, a link signed for an hour.',
      select: { id: true, issueId: true, issue: { select: { reference: true } } },
      resolve: (file, _args, ctx) => {
        const token = receiptView(ctx, file.issueId) ? signedAttachmentToken(file.id, RECEIPT_DOWNLOAD_TTL_SECONDS, requestNow(ctx)) : undefined;
        const path = attachmentPath(file.issue.reference, file.id, token);
        const base = services().config.publicUrl;
        return base ? new URL(path, base).toString() : path;
      },
    }),
  }),
});

export const IssueResponse = builder.prismaObject('IssueResponse', {
  description: 'An official response of the administration, or information the reporter added.',
  fields: (t) => ({
    kind: t.expose('kind', { type: IssueResponseKind }),
    body: t.exposeString('body', { description: 'Markdown.' }),
    bodyHtml: t.string({ description: 'The body rendered to sanitised HTML.', select: { body: true }, resolve: (r) => renderMarkdown(r.body) }),
    author: t.field({
      type: IssueParticipant,
      nullable: true,
      description: 'Null for an anonymous reporter’s additions, and in a receipt holder’s view (anonymousIssue), which names nobody.',
      select: { issueId: true, author: { select: { id: true, name: true } } },
      resolve: (r, _args, ctx) => (receiptView(ctx, r.issueId) ? null : r.author),
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    attachments: t.relation('attachments', { description: 'Files added with it.', query: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] } }),
  }),
});

export const Issue = builder.prismaNode('Issue', {
  id: { field: 'id' },
  // Relay: node(id) is null for an unknown id, not an error; and an issue the caller may not see is unknown to them.
  nullable: true,
  findUnique: (id, ctx) => ({ id, AND: [visibleIssuesWhere(ctx.actor)] }),
  description:
    'A problem at a border post, raised by a business association’s member or anonymously, answered by the administration’s liaison officers against deadlines.',
  authScopes: (issue, ctx) => mayRead(ctx, issue),
  fields: (t) => ({
    reference: t.exposeString('reference', { description: 'ISS-<year>-<number>, e.g. ISS-2026-0042.' }),
    title: t.exposeString('title'),
    description: t.exposeString('description', { description: 'Markdown.' }),
    descriptionHtml: t.string({
      description: 'The description rendered to sanitised HTML.',
      select: { description: true },
      resolve: (i) => renderMarkdown(i.description),
    }),
    status: t.expose('status', { type: IssueStatus }),
    severity: t.expose('severity', { type: IssueSeverity }),
    category: t.expose('category', { type: IssueCategory }),
    factor: t.expose('factor', { type: ArushaFactor }),
    visibility: t.expose('visibility', { type: IssueVisibility }),
    anonymous: t.exposeBoolean('anonymous', { description: 'Raised anonymously: nothing links it to a person or organisation.' }),
    occurredAt: t.expose('occurredAt', { type: 'DateTime', description: 'When the problem happened, as reported.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was raised.' }),
    administration: t.relation('administration', { description: 'The customs administration concerned.' }),
    office: t.relation('office', { nullable: true, description: 'The office or border post, when the reporter named one.' }),
    raisedBy: t.field({
      type: IssueParticipant,
      nullable: true,
      description: 'Who raised it; null when anonymous.',
      select: { raisedBy: { select: { id: true, name: true } } },
      resolve: (i) => i.raisedBy,
    }),
    reporterOrganization: t.relation('reporterOrganization', {
      nullable: true,
      description: 'The business association it was raised for; null when anonymous.',
    }),
    assignee: t.field({
      type: IssueParticipant,
      nullable: true,
      description: 'The liaison officer (or ORG_ADMIN) of the administration handling it; null in a receipt holder’s view (anonymousIssue).',
      select: { assignee: { select: { id: true, name: true } } },
      resolve: (i, _args, ctx) => (receiptView(ctx, i.id) ? null : i.assignee),
    }),
    assignedAt: t.expose('assignedAt', { type: 'DateTime', nullable: true }),
    acknowledgeBy: t.expose('acknowledgeBy', { type: 'DateTime', description: 'Acknowledgement deadline (working days after raising).' }),
    respondBy: t.expose('respondBy', { type: 'DateTime', description: 'Official response deadline (calendar days after raising, or after reopening).' }),
    acknowledgedAt: t.expose('acknowledgedAt', { type: 'DateTime', nullable: true }),
    respondedAt: t.expose('respondedAt', { type: 'DateTime', nullable: true, description: 'First official response of the current cycle.' }),
    closedAt: t.expose('closedAt', { type: 'DateTime', nullable: true, description: 'When it was resolved or rejected.' }),
    outcome: t.exposeString('outcome', { nullable: true, description: 'The outcome given when resolving or rejecting it.' }),
    reopenedAt: t.expose('reopenedAt', { type: 'DateTime', nullable: true }),
    reopenCount: t.exposeInt('reopenCount'),
    reopenAllowedUntil: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'A closed issue may be reopened by its reporter until then; null when it is open.',
      resolve: (i) => reopenAllowedUntil(i),
    }),
    publicSummary: t.exposeString('publicSummary', { nullable: true, description: 'A platform administrator’s de-identified summary of an anonymous issue.' }),
    overdue: t.boolean({
      description: 'A deadline has passed without the act it asks for (computed from the dates, at the time of the request).',
      resolve: (i, _args, ctx) => isOverdue(i, requestNow(ctx)),
    }),
    escalated: t.boolean({
      description: 'A deadline was missed (even if the act came later) and the issue is still open: the administration’s ORG_ADMINs are notified.',
      resolve: (i, _args, ctx) => isEscalated(i, requestNow(ctx)),
    }),
    nextDeadline: t.field({
      type: IssueNextDeadline,
      nullable: true,
      description: 'The next deadline of an open issue; null when none is pending.',
      resolve: (i, _args, ctx) => nextDeadline(i, requestNow(ctx)),
    }),
    responseCount: t.int({
      description: 'Responses and reporter additions.',
      // A grouped count over the page's issues (a relation count would make Prisma count across the whole table).
      resolve: (issue, _args, ctx) => loaders(ctx).issueResponseCount.load(issue.id),
    }),
    responses: t.relation('responses', {
      description: 'Official responses and the reporter’s additions, oldest first.',
      query: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
    }),
    attachments: t.relation('attachments', {
      description:
        'The evidence files raised with the issue, oldest first (a follow-up’s files are under its response). Files are attached through the web forms.',
      query: { where: { responseId: null }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
    }),
    timeline: t.field({
      type: [IssueTimelineEvent],
      description: 'Raised, assigned, acknowledged, responded, resolved, reopened …: who (or “anonymous reporter”) and when, oldest first.',
      resolve: (i, _args, ctx) => issueTimeline(ctx, { id: i.id, anonymous: i.anonymous, receiptView: receiptView(ctx, i.id) }),
    }),
    viewerCanHandle: t.boolean({
      description: 'May the caller assign, acknowledge, respond to, resolve or reject it (a liaison officer or ORG_ADMIN of the administration)?',
      resolve: (i, _args, ctx) => canHandleIssue(ctx.actor, i),
    }),
    viewerCanActAsReporter: t.boolean({
      description: 'May the caller follow it up or reopen it (who raised it, or an ORG_ADMIN of the reporter’s organisation)?',
      resolve: (i, _args, ctx) => canActAsReporter(ctx.actor, i),
    }),
  }),
});

// ─────────────────────────────── Lists ───────────────────────────────

const IssueFilter = builder.inputType('IssueFilter', {
  description: 'Every condition given must hold. Lists of values match any of them.',
  fields: (t) => ({
    status: t.field({ type: [IssueStatus], required: false }),
    severity: t.field({ type: [IssueSeverity], required: false }),
    category: t.field({ type: [IssueCategory], required: false }),
    factor: t.field({ type: [ArushaFactor], required: false }),
    countryCode: t.string({ required: false, description: 'The administration’s country, ISO 3166-1 alpha-2.' }),
    administrationId: t.globalID({ required: false, for: Organization }),
    officeId: t.globalID({ required: false, for: CustomsOffice }),
    overdue: t.boolean({ required: false }),
    escalated: t.boolean({ required: false }),
    assignedToMe: t.boolean({ required: false }),
    raisedByMyOrganization: t.boolean({ required: false, description: 'Issues raised for an organisation the caller belongs to.' }),
    search: t.string({ required: false, description: 'Full-text search of titles and descriptions, in English and Russian (web search syntax).' }),
  }),
});

type IssueFilterArg = (typeof IssueFilter)['$inferInput'];

const IssueConnection = builder.connectionObject(
  {
    type: Issue,
    name: 'IssueConnection',
    description: 'A page of issues. Pages go forward only (keyset pagination): pass pageInfo.endCursor as `after`.',
  },
  { name: 'IssueEdge' },
);

builder.queryField('issues', (t) =>
  t.field({
    type: IssueConnection,
    description:
      'Issues the caller may see: public ones, and restricted ones of their organisations (or all, for platform administrators). Newest first unless ordered otherwise.',
    args: {
      first: t.arg.int({ required: false, description: `Page size, 1 to 100 (default ${DEFAULT_PAGE_SIZE}).` }),
      after: t.arg.string({ required: false, description: 'The endCursor of the previous page.' }),
      // Checked by the domain (IssueFilterSchema): a bad country code or an over-long search is a validation error.
      filter: t.arg({ type: IssueFilter, required: false }),
      orderBy: t.arg({ type: IssueOrder, required: false, defaultValue: 'NEWEST' }),
    },
    resolve: async (_root, args, ctx, info) => {
      pageSize(args);
      const page = await listIssues(ctx, {
        filter: issueFilter(args.filter),
        orderBy: args.orderBy ?? 'NEWEST',
        first: args.first ?? DEFAULT_PAGE_SIZE,
        after: args.after ?? undefined,
      });
      const nodes = await loadIssues(
        ctx,
        page.items.map((item) => item.id),
        queryFromInfo({ context: ctx, info, path: ['edges', 'node'], typeName: 'Issue' }),
      );
      return {
        edges: page.items.flatMap((item, index) => {
          const node = nodes[index];
          // Each item's own keyset cursor when the domain gives one; the page's endCursor is always the last item's.
          const cursor = (item as { cursor?: string }).cursor ?? (index === page.items.length - 1 ? page.endCursor : null) ?? '';
          return node ? [{ cursor, node }] : [];
        }),
        pageInfo: { hasNextPage: page.hasNextPage, hasPreviousPage: args.after != null, startCursor: null, endCursor: page.endCursor },
      };
    },
  }),
);

/** The GraphQL filter as the domain takes it: global IDs decoded, empty values left out. */
function issueFilter(filter: IssueFilterArg | null | undefined) {
  if (!filter) return {};
  const list = <T>(values: readonly T[] | null | undefined) => (values?.length ? [...values] : undefined);
  return {
    status: list(filter.status),
    severity: list(filter.severity),
    category: list(filter.category),
    factor: list(filter.factor),
    countryCode: filter.countryCode?.trim().toUpperCase() || undefined,
    administrationId: filter.administrationId?.id,
    officeId: filter.officeId?.id,
    overdue: filter.overdue ?? undefined,
    escalated: filter.escalated ?? undefined,
    assignedToMe: filter.assignedToMe ?? undefined,
    raisedByMyOrganization: filter.raisedByMyOrganization ?? undefined,
    search: filter.search?.trim() || undefined,
  };
}

/** Rows as selected for the query (typed as the model: Pothos reads only the fields it asked for). */
type IssueRow = Awaited<ReturnType<GraphQLContext['db']['issue']['findFirstOrThrow']>>;

/**
 * The full rows of a page the domain chose (ids in its order), with the nested selection of the query (administration,
 * office, responses …) batched by Prisma: one statement per level, whatever the page size. The domain's visibility
 * rule is applied again, so a row can never leak through a stale id.
 */
async function loadIssues(ctx: GraphQLContext, ids: string[], nodeQuery: object): Promise<(IssueRow | undefined)[]> {
  if (!ids.length) return [];
  const select = 'select' in nodeQuery && nodeQuery.select ? { select: { ...(nodeQuery.select as object), id: true } } : nodeQuery;
  const rows = (await ctx.db.issue.findMany({ ...select, where: { AND: [{ id: { in: ids } }, visibleIssuesWhere(ctx.actor)] } })) as IssueRow[];
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id));
}

builder.queryField('issue', (t) =>
  t.prismaField({
    type: 'Issue',
    nullable: true,
    description:
      'One issue, by global ID or by reference (ISS-2026-0042); give one of them (the ID wins when both are given). Null when there is none the caller may see: a restricted issue looks exactly like an unknown one.',
    args: {
      id: t.arg.globalID({ required: false, for: Issue }),
      reference: t.arg.string({ required: false, validate: z.string().trim().min(1).max(40) }),
    },
    resolve: (query, _parent, args, ctx) => {
      if (!args.id && !args.reference) return null;
      const by = args.id ? { id: args.id.id } : { reference: args.reference!.trim().toUpperCase() };
      return ctx.db.issue.findFirst({ ...query, where: { AND: [by, visibleIssuesWhere(ctx.actor)] } });
    },
  }),
);
