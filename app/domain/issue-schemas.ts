// Input schemas for issues, shared by forms, domain functions and GraphQL. Messages are i18n keys (app/i18n; the
// issue-specific ones in app/i18n/parts/issues-core.ts). Form fields arrive as strings: an empty optional field is
// treated as absent.
import { z } from 'zod';

import { ARUSHA_FACTORS, ISSUE_CATEGORIES, ISSUE_SEVERITIES, ISSUE_VISIBILITIES } from './enums';
import { parseReceiptCode } from './issue-rules';

// Pages import these lists from ./enums (no zod in the browser); re-exported for the server's convenience.
export { ARUSHA_FACTORS, ISSUE_CATEGORIES, ISSUE_SEVERITIES, ISSUE_VISIBILITIES };

/** The earliest date an issue may say it happened. */
export const EARLIEST_OCCURRED_AT = new Date('2000-01-01T00:00:00.000Z');
/** How far ahead of the server's clock "when it happened" may be: a reporter's calendar day may already be tomorrow. */
export const OCCURRED_AT_TOLERANCE_MS = 24 * 60 * 60 * 1000;

/** '' and whitespace-only become undefined, so optional form fields can be left empty. */
const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

const id = z.string({ error: 'errors.required' }).trim().min(1, 'errors.required').max(64, 'errors.invalid');
const optionalId = z.preprocess(blankToUndefined, id.optional());
const text = (min: number, max: number, missing = 'errors.required') =>
  z.string({ error: missing }).trim().min(1, { error: missing, abort: true }).min(min, 'errors.tooShort').max(max, 'errors.tooLong');
const optionalText = (min: number, max: number) => z.preprocess(blankToUndefined, text(min, max).optional());

const occurredAt = z.preprocess(
  blankToUndefined,
  z.coerce
    .date({ error: 'errors.issueOccurredAtInvalid' })
    .refine((date) => !Number.isNaN(date.getTime()), 'errors.issueOccurredAtInvalid')
    .refine((date) => date.getTime() >= EARLIEST_OCCURRED_AT.getTime(), 'errors.issueOccurredAtTooEarly')
    .refine((date) => date.getTime() <= Date.now() + OCCURRED_AT_TOLERANCE_MS, 'errors.issueOccurredAtFuture'),
);

const where = {
  administrationId: id,
  officeId: optionalId,
};

const what = {
  title: text(5, 200),
  /** Markdown, sanitised when shown (app/domain/markdown.server.ts), as pledges are. */
  description: text(20, 20_000),
  occurredAt,
  category: z.enum(ISSUE_CATEGORIES, { error: 'errors.choose' }),
  factor: z.enum(ARUSHA_FACTORS, { error: 'errors.choose' }),
  severity: z.enum(ISSUE_SEVERITIES, { error: 'errors.choose' }),
};

/** A business association's member raises an issue for their organisation. */
export const RaiseIssueSchema = z.object({
  organizationId: id,
  ...where,
  ...what,
  visibility: z.enum(ISSUE_VISIBILITIES, { error: 'errors.choose' }),
});
export type RaiseIssueInput = z.infer<typeof RaiseIssueSchema>;

/** Anyone reports anonymously: no organisation, and always restricted. */
export const RaiseAnonymousIssueSchema = z.object({ ...where, ...what });
export type RaiseAnonymousIssueInput = z.infer<typeof RaiseAnonymousIssueSchema>;

export const AssignIssueSchema = z.object({ issueId: id, assigneeId: id });
export const AcknowledgeIssueSchema = z.object({ issueId: id, note: optionalText(1, 5000) });
export const RespondToIssueSchema = z.object({ issueId: id, body: text(10, 20_000) });
export const ResolveIssueSchema = z.object({ issueId: id, outcome: text(10, 5000, 'errors.issueOutcomeRequired') });
export const RejectIssueSchema = z.object({ issueId: id, outcome: text(10, 5000, 'errors.issueOutcomeRequired') });
export const ReopenIssueSchema = z.object({ issueId: id, reason: text(10, 5000, 'errors.issueReopenReasonRequired') });
export const FollowUpIssueSchema = z.object({ issueId: id, body: text(10, 20_000) });

/** The 16 digits of a receipt code, typed with or without spaces and dashes. */
export const ReceiptCodeSchema = z
  .string({ error: 'errors.receiptCodeFormat' })
  .max(64, 'errors.receiptCodeFormat')
  .transform((value, ctx) => {
    const digits = parseReceiptCode(value);
    if (digits) return digits;
    ctx.addIssue({ code: 'custom', message: 'errors.receiptCodeFormat' });
    return z.NEVER;
  });

/**
 * An anonymous reporter's follow-up through the receipt code: information (body, and/or files) while the issue is
 * open; a reopen reason (and optionally information) once it is resolved or rejected.
 */
export const AnonymousFollowUpSchema = z.object({
  receiptCode: ReceiptCodeSchema,
  body: optionalText(10, 20_000),
  reopenReason: optionalText(10, 5000),
});

export const PublishIssueSummarySchema = z.object({ issueId: id, summary: text(20, 5000) });
