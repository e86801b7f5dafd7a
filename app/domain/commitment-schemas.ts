// Input schemas for national integrity action plans, joint commitments and milestones, shared by forms (parseForm),
// domain commands and GraphQL. Messages are i18n keys (generic ones in app/i18n/en.ts, the commitment-specific ones in
// app/i18n/parts/commitments-core.ts). Form fields arrive as strings: an empty optional field is treated as absent, a
// list may arrive as one string (evidence links: separated by spaces or new lines).
import { z } from 'zod';

import { MAX_EVIDENCE_LINKS, MAX_PARTIES, isIsoDate } from './commitment-rules';
import { ARUSHA_FACTORS, COMMITMENT_TYPES } from './enums';

export { ARUSHA_FACTORS, COMMITMENT_TYPES };

/** At most this many milestones in one proposal (more can be added one by one, or imported). */
export const MAX_PROPOSED_MILESTONES = 50;
/** At most this many pledges and issues linked to one commitment. */
export const MAX_LINKED = 20;

/** '' and whitespace-only become undefined, so optional form fields can be left empty. */
const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
/** A list from a form: absent or '' → [], one string → [it], an array without blank entries. */
const toList = (value: unknown) => {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.filter((item) => !(typeof item === 'string' && item.trim() === ''));
};
/** Links typed into one text field: separated by spaces or new lines. */
const toLinkList = (value: unknown) => {
  if (typeof value === 'string') return value.split(/\s+/).filter(Boolean);
  return toList(value);
};

const id = z.string({ error: 'errors.required' }).trim().min(1, 'errors.required').max(64, 'errors.invalid');
const optionalId = z.preprocess(blankToUndefined, id.optional());
const idList = (max: number) => z.preprocess(toList, z.array(id).max(max, 'errors.tooMany'));
const text = (min: number, max: number, missing = 'errors.required') =>
  z.string({ error: missing }).trim().min(1, { error: missing, abort: true }).min(min, 'errors.tooShort').max(max, 'errors.tooLong');
const optionalText = (min: number, max: number) => z.preprocess(blankToUndefined, text(min, max).optional());
/** Free text that may be empty ('' allowed), up to `max` characters. */
const plainText = (max: number) =>
  z.preprocess((v) => (v === undefined || v === null ? '' : v), z.string({ error: 'errors.invalid' }).trim().max(max, 'errors.tooLong'));

/** A calendar date written YYYY-MM-DD (a real one: not 2026-02-30). */
export const isoDateField = z
  .string({ error: 'errors.required' })
  .trim()
  .min(1, { error: 'errors.required', abort: true })
  .refine(isIsoDate, 'errors.commitment.dateInvalid');
const optionalIsoDate = z.preprocess(blankToUndefined, isoDateField.optional());

const link = z.url({ protocol: /^https?$/, error: 'errors.url' }).max(500, 'errors.tooLong');
const evidenceLinks = z.preprocess(toLinkList, z.array(link).max(MAX_EVIDENCE_LINKS, 'errors.tooMany'));

const title = text(3, 200);

// ───────────────────────────── Action plans ─────────────────────────────

const planFields = {
  title,
  description: plainText(20_000),
  periodStart: isoDateField,
  periodEnd: isoDateField,
};
const periodInOrder = (data: { periodStart: string; periodEnd: string }, ctx: z.RefinementCtx) => {
  if (data.periodEnd < data.periodStart) ctx.addIssue({ code: 'custom', path: ['periodEnd'], message: 'errors.actionPlan.periodEndBeforeStart' });
};

export const CreateActionPlanSchema = z.object({ administrationId: id, ...planFields }).superRefine(periodInOrder);
export type CreateActionPlanInput = z.infer<typeof CreateActionPlanSchema>;
export const UpdateActionPlanSchema = z.object({ actionPlanId: id, ...planFields }).superRefine(periodInOrder);
export type UpdateActionPlanInput = z.infer<typeof UpdateActionPlanSchema>;
export const PublishActionPlanSchema = z.object({ actionPlanId: id });

// ───────────────────────────── Commitments ─────────────────────────────

/** A milestone proposed with the commitment (or added later): what, by whom, by when. */
const milestoneFields = {
  title,
  deliverable: text(1, 5000),
  ownerOrganizationId: id,
  dueDate: isoDateField,
};
export const ProposedMilestoneSchema = z.object(milestoneFields);
export type ProposedMilestoneInput = z.infer<typeof ProposedMilestoneSchema>;

/** The fields of a proposal, without the rules across fields (CreateCommitmentSchema adds them). */
export const CommitmentFieldsSchema = z.object({
  proposerOrganizationId: id,
  proposerResponsibleUserId: optionalId,
  title,
  description: text(1, 20_000),
  type: z.enum(COMMITMENT_TYPES, { error: 'errors.choose' }),
  factors: z.preprocess(
    toList,
    z
      .array(z.enum(ARUSHA_FACTORS, { error: 'errors.choose' }))
      .min(1, 'errors.chooseFactors')
      .max(ARUSHA_FACTORS.length, 'errors.tooMany'),
  ),
  actionPlanId: optionalId,
  pledgeIds: idList(MAX_LINKED),
  issueIds: idList(MAX_LINKED),
  startDate: isoDateField,
  endDate: optionalIsoDate,
  /** The other parties (the proposer's organisation is always one): 1 to MAX_PARTIES − 1. */
  partyOrganizationIds: z.preprocess(
    toList,
    z
      .array(id)
      .min(1, 'errors.commitment.partiesRequired')
      .max(MAX_PARTIES - 1, 'errors.tooMany'),
  ),
  monitorOrganizationId: optionalId,
  milestones: z.preprocess(toList, z.array(ProposedMilestoneSchema).max(MAX_PROPOSED_MILESTONES, 'errors.tooMany')),
});

/** The rules across a proposal's fields: dates in order, distinct parties, a monitor that is not a party. */
function proposalRules(data: z.infer<typeof CommitmentFieldsSchema>, ctx: z.RefinementCtx) {
  if (data.endDate && data.endDate < data.startDate) ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'errors.commitment.endBeforeStart' });
  const seen = new Set<string>([data.proposerOrganizationId]);
  data.partyOrganizationIds.forEach((organizationId, index) => {
    if (seen.has(organizationId)) {
      ctx.addIssue({ code: 'custom', path: ['partyOrganizationIds', index], message: 'errors.commitment.partyDuplicate' });
    }
    seen.add(organizationId);
  });
  if (data.monitorOrganizationId && seen.has(data.monitorOrganizationId)) {
    ctx.addIssue({ code: 'custom', path: ['monitorOrganizationId'], message: 'errors.commitment.monitorIsParty' });
  }
  data.milestones.forEach((milestone, index) => {
    if (milestone.dueDate < data.startDate) {
      ctx.addIssue({ code: 'custom', path: ['milestones', index, 'dueDate'], message: 'errors.milestone.dueBeforeStart' });
    }
    if (!seen.has(milestone.ownerOrganizationId)) {
      ctx.addIssue({ code: 'custom', path: ['milestones', index, 'ownerOrganizationId'], message: 'errors.milestone.ownerNotParty' });
    }
  });
}

export const CreateCommitmentSchema = CommitmentFieldsSchema.superRefine(proposalRules);
export type CreateCommitmentInput = z.infer<typeof CreateCommitmentSchema>;

/** From an issue: every proposal field optional (the issue's draft fills what is left out), the issue required. */
export const CreateCommitmentFromIssueSchema = CommitmentFieldsSchema.partial().extend({ issueId: id });
export type CreateCommitmentFromIssueInput = z.infer<typeof CreateCommitmentFromIssueSchema>;

const reason = text(3, 2000, 'errors.commitment.reasonRequired');

export const AcceptCommitmentSchema = z.object({ commitmentId: id, organizationId: optionalId, responsibleUserId: optionalId });
export const DeclineCommitmentSchema = z.object({ commitmentId: id, organizationId: optionalId, reason });
export const CancelCommitmentSchema = z.object({ commitmentId: id, organizationId: optionalId, reason });

// ───────────────────────────── Milestones ─────────────────────────────

export const AddMilestoneSchema = z.object({ commitmentId: id, organizationId: optionalId, ...milestoneFields });
export type AddMilestoneInput = z.infer<typeof AddMilestoneSchema>;
export const UpdateMilestoneSchema = z.object({
  milestoneId: id,
  organizationId: optionalId,
  title: z.preprocess(blankToUndefined, title.optional()),
  deliverable: optionalText(1, 5000),
  ownerOrganizationId: optionalId,
  dueDate: optionalIsoDate,
});
export type UpdateMilestoneInput = z.infer<typeof UpdateMilestoneSchema>;
export const CompleteMilestoneSchema = z.object({
  milestoneId: id,
  organizationId: optionalId,
  evidenceText: optionalText(1, 10_000),
  evidenceLinks,
});
export type CompleteMilestoneInput = z.infer<typeof CompleteMilestoneSchema>;
export const ConfirmMilestoneSchema = z.object({ milestoneId: id, organizationId: optionalId });
export type ConfirmMilestoneInput = z.infer<typeof ConfirmMilestoneSchema>;
export const DisputeMilestoneSchema = z.object({ milestoneId: id, organizationId: optionalId, reason });
export const AttestMilestoneSchema = z.object({ milestoneId: id, note: optionalText(1, 2000) });
