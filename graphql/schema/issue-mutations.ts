// Mutations that raise and handle issues, and the anonymous reporter's receipt-code query. Each calls the domain
// function the issue pages call (app/domain/issues.server.ts), and lists only the errors it can throw. An issue the
// caller may not see answers NotFoundError, exactly as an unknown id does. Evidence files are not taken here: they
// are attached through the web forms (multipart uploads with content checks).
import { z } from 'zod';
import { ConflictError, ForbiddenError, NotAuthenticatedError, NotFoundError, RateLimitedError, ValidationError } from '../../app/domain/errors.server';
import {
  acknowledgeIssue,
  assignIssue,
  followUpAnonymousIssue,
  followUpIssue,
  openReceipt,
  publishIssueSummary,
  raiseAnonymousIssue,
  raiseIssue,
  rejectIssue,
  reopenIssue,
  resolveIssue,
  respondToIssue,
} from '../../app/domain/issues.server';
import { builder } from '../builder';
import type { GraphQLContext } from '../context';
import { CustomsOffice } from './customs-office';
import { ArushaFactor } from './enums';
import { Issue, receiptIssues } from './issue';
import { IssueCategory, IssueSeverity, IssueVisibility } from './issue-enums';
import { Organization } from './organization';
import { User } from './user';

/** Acts on an existing issue: bad input, not signed in, not allowed, no such issue (or not visible), wrong state. */
const ISSUE_ACT_ERRORS = [ValidationError, NotAuthenticatedError, ForbiddenError, NotFoundError, ConflictError];
/** Acts through a receipt code: bad input, wrong or unknown code (the same answer), wrong state, too many tries. */
const RECEIPT_ERRORS = [ValidationError, NotFoundError, ConflictError, RateLimitedError];

const FILES_NOTE = 'Evidence files cannot be sent through GraphQL: attach them through the web form.';

/** The issue as the mutation's selection wants it, read after the domain has authorised and written. */
const reload = (ctx: GraphQLContext, query: object, id: string) => ctx.db.issue.findUniqueOrThrow({ ...query, where: { id } });

// ───────────────────────────── Raising ─────────────────────────────

const RaiseIssueInput = builder.inputType('RaiseIssueInput', {
  description: FILES_NOTE,
  fields: (t) => ({
    organizationId: t.globalID({ required: true, for: Organization, description: 'The business association it is raised for (the caller is a member).' }),
    administrationId: t.globalID({ required: true, for: Organization, description: 'The customs administration concerned.' }),
    officeId: t.globalID({ required: false, for: CustomsOffice, description: 'One of the administration’s offices (not archived).' }),
    title: t.string({ required: true, description: '5 to 200 characters.' }),
    description: t.string({ required: true, description: 'Markdown, 20 to 20,000 characters.' }),
    occurredAt: t.field({ type: 'DateTime', required: true, description: 'When it happened (not in the future, not before 2000).' }),
    category: t.field({ type: IssueCategory, required: true }),
    factor: t.field({ type: ArushaFactor, required: true }),
    severity: t.field({ type: IssueSeverity, required: true }),
    visibility: t.field({ type: IssueVisibility, required: true }),
  }),
});

builder.mutationField('raiseIssue', (t) =>
  t.prismaField({
    type: 'Issue',
    description: `Raise an issue for a business association (any of its members). The administration's liaison officers are notified. ${FILES_NOTE}`,
    errors: { types: [ValidationError, NotAuthenticatedError, ForbiddenError] },
    args: { input: t.arg({ type: RaiseIssueInput, required: true }) },
    resolve: async (query, _parent, { input }, ctx) => {
      const issue = await raiseIssue(ctx, {
        ...input,
        organizationId: input.organizationId.id,
        administrationId: input.administrationId.id,
        officeId: input.officeId?.id,
      });
      return reload(ctx, query, issue.id);
    },
  }),
);

const RaiseAnonymousIssueInput = builder.inputType('RaiseAnonymousIssueInput', {
  description: `Nothing about the caller is stored, even when signed in. The issue is restricted. ${FILES_NOTE}`,
  fields: (t) => ({
    administrationId: t.globalID({ required: true, for: Organization, description: 'The customs administration concerned.' }),
    officeId: t.globalID({ required: false, for: CustomsOffice, description: 'One of the administration’s offices (not archived).' }),
    title: t.string({ required: true, description: '5 to 200 characters.' }),
    description: t.string({ required: true, description: 'Markdown, 20 to 20,000 characters.' }),
    occurredAt: t.field({ type: 'DateTime', required: true, description: 'When it happened (not in the future, not before 2000).' }),
    category: t.field({ type: IssueCategory, required: true }),
    factor: t.field({ type: ArushaFactor, required: true }),
    severity: t.field({ type: IssueSeverity, required: true }),
  }),
});

type AnonymousReceipt = { receiptCode: string; issue: { id: string } };
const RaiseAnonymousIssuePayload = builder.objectRef<AnonymousReceipt>('RaiseAnonymousIssuePayload').implement({
  fields: (t) => ({
    receiptCode: t.exposeString('receiptCode', {
      description:
        'The 16-digit receipt code (1234-5678-9012-3456), shown this once: it is stored only as a slow hash and cannot be recovered. Keep it to read the responses and follow up (anonymousIssue, followUpAnonymousIssue).',
    }),
    issue: t.prismaField({
      type: 'Issue',
      resolve: (query, payload, _args, ctx) => reload(ctx, query, payload.issue.id),
    }),
  }),
});

builder.mutationField('raiseAnonymousIssue', (t) =>
  t.field({
    type: RaiseAnonymousIssuePayload,
    description: `Report an issue anonymously, signed in or not: nothing links it to a person or organisation. Returns the receipt code once. ${FILES_NOTE}`,
    errors: { types: [ValidationError] },
    args: { input: t.arg({ type: RaiseAnonymousIssueInput, required: true }) },
    resolve: async (_parent, { input }, ctx) => {
      const { issue, receiptCode } = await raiseAnonymousIssue(ctx, { ...input, administrationId: input.administrationId.id, officeId: input.officeId?.id });
      receiptIssues(ctx).add(issue.id);
      return { receiptCode, issue };
    },
  }),
);

// ───────────────────────────── Handling (the administration) ─────────────────────────────

const AssignIssueInput = builder.inputType('AssignIssueInput', {
  fields: (t) => ({
    issueId: t.globalID({ required: true, for: Issue }),
    assigneeId: t.globalID({ required: true, for: User, description: 'A liaison officer or ORG_ADMIN of the administration (the caller or a colleague).' }),
  }),
});

builder.mutationField('assignIssue', (t) =>
  t.prismaField({
    type: 'Issue',
    description: 'Assign an open issue (liaison officers and ORG_ADMINs of the administration). The assignee is notified.',
    errors: { types: ISSUE_ACT_ERRORS },
    args: { input: t.arg({ type: AssignIssueInput, required: true }) },
    resolve: async (query, _parent, { input }, ctx) => {
      await assignIssue(ctx, { issueId: input.issueId.id, assigneeId: input.assigneeId.id });
      return reload(ctx, query, input.issueId.id);
    },
  }),
);

const AcknowledgeIssueInput = builder.inputType('AcknowledgeIssueInput', {
  fields: (t) => ({
    issueId: t.globalID({ required: true, for: Issue }),
    note: t.string({ required: false, description: 'An optional note for the timeline (up to 5,000 characters).' }),
  }),
});

builder.mutationField('acknowledgeIssue', (t) =>
  t.prismaField({
    type: 'Issue',
    description: 'Acknowledge a RAISED issue (liaison officers and ORG_ADMINs of the administration). The reporter is notified.',
    errors: { types: ISSUE_ACT_ERRORS },
    args: { input: t.arg({ type: AcknowledgeIssueInput, required: true }) },
    resolve: async (query, _parent, { input }, ctx) => {
      await acknowledgeIssue(ctx, { issueId: input.issueId.id, note: input.note ?? undefined });
      return reload(ctx, query, input.issueId.id);
    },
  }),
);

const RespondToIssueInput = builder.inputType('RespondToIssueInput', {
  fields: (t) => ({
    issueId: t.globalID({ required: true, for: Issue }),
    body: t.string({ required: true, description: 'The official response, Markdown, 10 to 20,000 characters.' }),
  }),
});

builder.mutationField('respondToIssue', (t) =>
  t.prismaField({
    type: 'Issue',
    description: 'Respond officially to an acknowledged (or reopened) issue. The reporter is notified.',
    errors: { types: ISSUE_ACT_ERRORS },
    args: { input: t.arg({ type: RespondToIssueInput, required: true }) },
    resolve: async (query, _parent, { input }, ctx) => {
      await respondToIssue(ctx, { issueId: input.issueId.id, body: input.body });
      return reload(ctx, query, input.issueId.id);
    },
  }),
);

const OutcomeInput = (name: string) =>
  builder.inputType(name, {
    fields: (t) => ({
      issueId: t.globalID({ required: true, for: Issue }),
      outcome: t.string({ required: true, description: 'What was done or decided, 10 to 5,000 characters.' }),
    }),
  });
const ResolveIssueInput = OutcomeInput('ResolveIssueInput');
const RejectIssueInput = OutcomeInput('RejectIssueInput');

builder.mutationField('resolveIssue', (t) =>
  t.prismaField({
    type: 'Issue',
    description: 'Resolve an acknowledged issue with an outcome. The reporter may reopen it within 30 days.',
    errors: { types: ISSUE_ACT_ERRORS },
    args: { input: t.arg({ type: ResolveIssueInput, required: true }) },
    resolve: async (query, _parent, { input }, ctx) => {
      await resolveIssue(ctx, { issueId: input.issueId.id, outcome: input.outcome });
      return reload(ctx, query, input.issueId.id);
    },
  }),
);

builder.mutationField('rejectIssue', (t) =>
  t.prismaField({
    type: 'Issue',
    description: 'Reject an open issue with an outcome (why). The reporter may reopen it within 30 days.',
    errors: { types: ISSUE_ACT_ERRORS },
    args: { input: t.arg({ type: RejectIssueInput, required: true }) },
    resolve: async (query, _parent, { input }, ctx) => {
      await rejectIssue(ctx, { issueId: input.issueId.id, outcome: input.outcome });
      return reload(ctx, query, input.issueId.id);
    },
  }),
);

// ───────────────────────────── The reporter ─────────────────────────────

const ReopenIssueInput = builder.inputType('ReopenIssueInput', {
  fields: (t) => ({
    issueId: t.globalID({ required: true, for: Issue }),
    reason: t.string({ required: true, description: 'Why, 10 to 5,000 characters.' }),
  }),
});

builder.mutationField('reopenIssue', (t) =>
  t.prismaField({
    type: 'Issue',
    description:
      'Reopen a resolved or rejected issue within 30 days of closing (who raised it, or an ORG_ADMIN of their organisation). The response deadline starts again.',
    errors: { types: ISSUE_ACT_ERRORS },
    args: { input: t.arg({ type: ReopenIssueInput, required: true }) },
    resolve: async (query, _parent, { input }, ctx) => {
      await reopenIssue(ctx, { issueId: input.issueId.id, reason: input.reason });
      return reload(ctx, query, input.issueId.id);
    },
  }),
);

const FollowUpIssueInput = builder.inputType('FollowUpIssueInput', {
  description: FILES_NOTE,
  fields: (t) => ({
    issueId: t.globalID({ required: true, for: Issue }),
    body: t.string({ required: true, description: 'The information to add, Markdown, 10 to 20,000 characters.' }),
  }),
});

builder.mutationField('followUpIssue', (t) =>
  t.prismaField({
    type: 'Issue',
    description: `Add information to an open issue (who raised it, or an ORG_ADMIN of their organisation). ${FILES_NOTE}`,
    errors: { types: ISSUE_ACT_ERRORS },
    args: { input: t.arg({ type: FollowUpIssueInput, required: true }) },
    resolve: async (query, _parent, { input }, ctx) => {
      await followUpIssue(ctx, { issueId: input.issueId.id, body: input.body });
      return reload(ctx, query, input.issueId.id);
    },
  }),
);

// ───────────────────────────── Anonymous reporters (the receipt code) ─────────────────────────────

const receiptCodeArg = z.string().max(64, 'errors.receiptCodeFormat');

builder.queryField('anonymousIssue', (t) =>
  t.prismaField({
    type: 'Issue',
    description:
      'An anonymous issue, read with its receipt code (spaces and dashes are ignored): responses, timeline and files. A wrong and an unknown code get the same NotFoundError; guessing is rate-limited.',
    errors: { types: [ValidationError, NotFoundError, RateLimitedError] },
    args: { receiptCode: t.arg.string({ required: true, validate: receiptCodeArg }) },
    resolve: async (query, _parent, args, ctx) => {
      const { issueId } = await openReceipt(ctx, args.receiptCode);
      receiptIssues(ctx).add(issueId);
      return reload(ctx, query, issueId);
    },
  }),
);

const FollowUpAnonymousIssueInput = builder.inputType('FollowUpAnonymousIssueInput', {
  description: `Information while the issue is open; a reopen reason (within 30 days) once it is resolved or rejected. ${FILES_NOTE}`,
  fields: (t) => ({
    receiptCode: t.string({ required: true, description: 'The 16-digit receipt code.' }),
    body: t.string({ required: false, description: 'Information to add, Markdown, 10 to 20,000 characters.' }),
    reopenReason: t.string({ required: false, description: 'Why it should be reopened, 10 to 5,000 characters.' }),
  }),
});

builder.mutationField('followUpAnonymousIssue', (t) =>
  t.prismaField({
    type: 'Issue',
    description: `Follow up an anonymous issue with its receipt code: add information, or reopen it. ${FILES_NOTE}`,
    errors: { types: RECEIPT_ERRORS },
    args: { input: t.arg({ type: FollowUpAnonymousIssueInput, required: true }) },
    resolve: async (query, _parent, { input }, ctx) => {
      const issue = await followUpAnonymousIssue(ctx, {
        receiptCode: input.receiptCode,
        body: input.body ?? undefined,
        reopenReason: input.reopenReason ?? undefined,
      });
      receiptIssues(ctx).add(issue.id);
      return reload(ctx, query, issue.id);
    },
  }),
);

// ───────────────────────────── Platform administrators ─────────────────────────────

const PublishIssueSummaryInput = builder.inputType('PublishIssueSummaryInput', {
  fields: (t) => ({
    issueId: t.globalID({ required: true, for: Issue }),
    summary: t.string({ required: true, description: 'A de-identified summary, 20 to 5,000 characters.' }),
  }),
});

builder.mutationField('publishIssueSummary', (t) =>
  t.prismaField({
    type: 'Issue',
    description:
      'Publish a de-identified summary of an anonymous issue (platform administrators). It appears publicly only after the configured delay (7 days by default), so its timing cannot identify the reporter.',
    errors: { types: ISSUE_ACT_ERRORS },
    args: { input: t.arg({ type: PublishIssueSummaryInput, required: true }) },
    resolve: async (query, _parent, { input }, ctx) => {
      await publishIssueSummary(ctx, { issueId: input.issueId.id, summary: input.summary });
      return reload(ctx, query, input.issueId.id);
    },
  }),
);
