// Mutations on action plans, joint commitments and their milestones. Each one calls the same domain command as the web
// pages (app/domain/commitments.server.ts, milestones.server.ts), which validates, authorises and audits; the result
// is the changed object or a typed error. A commitment the caller may not see answers NotFoundError, exactly as an
// unknown id does. Evidence files are not taken here: a milestone is marked done with text and links, and files are
// attached through the web form.
import { ConflictError, ForbiddenError, NotAuthenticatedError, NotFoundError, ValidationError } from '../../app/domain/errors.server';
import {
  acceptCommitment,
  cancelCommitment,
  createActionPlan,
  createCommitment,
  createCommitmentFromIssue,
  declineCommitment,
  publishActionPlan,
  updateActionPlan,
} from '../../app/domain/commitments.server';
import { addMilestone, attestMilestone, completeMilestone, confirmMilestone, disputeMilestone, updateMilestone } from '../../app/domain/milestones.server';
import { builder } from '../builder';
import type { GraphQLContext } from '../context';
import { ActionPlan } from './action-plan';
import { Commitment } from './commitment';
import { CommitmentType } from './commitment-enums';
import { ArushaFactor } from './enums';
import { Issue } from './issue';
import { Milestone } from './milestone';
import { Organization } from './organization';
import { Pledge } from './pledge';
import { User } from './user';

/** Creating: bad input, not signed in, not allowed. */
const CREATE_ERRORS = [ValidationError, NotAuthenticatedError, ForbiddenError];
/** Acts on an existing plan, commitment or milestone: bad input, not signed in, not allowed, no such one (or not visible), wrong state. */
const ACT_ERRORS = [ValidationError, NotAuthenticatedError, ForbiddenError, NotFoundError, ConflictError];

const DATE_NOTE = 'A calendar date, YYYY-MM-DD.';
const ACT_FOR_NOTE = 'The party the caller acts for (an organisation); needed only when they may act for several.';
const FILES_NOTE = 'Evidence files cannot be sent through GraphQL: attach them through the web form.';

/** The object as the mutation's selection wants it, read after the domain has authorised and written. */
const reloadPlan = (ctx: GraphQLContext, query: object, id: string) => ctx.db.actionPlan.findUniqueOrThrow({ ...query, where: { id } });
const reloadCommitment = (ctx: GraphQLContext, query: object, id: string) => ctx.db.commitment.findUniqueOrThrow({ ...query, where: { id } });
const reloadMilestone = (ctx: GraphQLContext, query: object, id: string) => ctx.db.milestone.findUniqueOrThrow({ ...query, where: { id } });

/** Optional input values as the domain takes them: absent, not null. */
const opt = <T>(value: T | null | undefined): T | undefined => value ?? undefined;
const ids = (values: readonly { id: string }[] | null | undefined) => (values ? values.map((value) => value.id) : undefined);

// ───────────────────────────── Action plans ─────────────────────────────

const CreateActionPlanInput = builder.inputType('CreateActionPlanInput', {
  fields: (t) => ({
    administrationId: t.globalID({ required: true, for: Organization, description: 'The customs administration (the caller is one of its ORG_ADMINs).' }),
    title: t.string({ required: true, description: '3 to 200 characters.' }),
    description: t.string({ required: false, description: 'Markdown, up to 20,000 characters.' }),
    periodStart: t.string({ required: true, description: `The first day of the period the plan covers. ${DATE_NOTE}` }),
    periodEnd: t.string({ required: true, description: `The last day (not before periodStart). ${DATE_NOTE}` }),
  }),
});

builder.mutationField('createActionPlan', (t) =>
  t.prismaField({
    type: 'ActionPlan',
    description: 'Create a draft national integrity action plan for a customs administration (its ORG_ADMINs). Only its members see it until it is published.',
    errors: { types: CREATE_ERRORS },
    args: { input: t.arg({ type: CreateActionPlanInput, required: true }) },
    resolve: async (query, _parent, { input }, ctx) => {
      const plan = await createActionPlan(ctx, { ...input, administrationId: input.administrationId.id, description: opt(input.description) });
      return reloadPlan(ctx, query, plan.id);
    },
  }),
);

const UpdateActionPlanInput = builder.inputType('UpdateActionPlanInput', {
  description: 'The plan’s new title, description and period (all of them: what is left out is emptied).',
  fields: (t) => ({
    actionPlanId: t.globalID({ required: true, for: ActionPlan }),
    title: t.string({ required: true, description: '3 to 200 characters.' }),
    description: t.string({ required: false, description: 'Markdown, up to 20,000 characters.' }),
    periodStart: t.string({ required: true, description: DATE_NOTE }),
    periodEnd: t.string({ required: true, description: `Not before periodStart. ${DATE_NOTE}` }),
  }),
});

builder.mutationField('updateActionPlan', (t) =>
  t.prismaField({
    type: 'ActionPlan',
    description: 'Edit a plan, draft or published (the administration’s ORG_ADMINs).',
    errors: { types: [ValidationError, NotAuthenticatedError, ForbiddenError, NotFoundError] },
    args: { input: t.arg({ type: UpdateActionPlanInput, required: true }) },
    resolve: async (query, _parent, { input }, ctx) => {
      await updateActionPlan(ctx, { ...input, actionPlanId: input.actionPlanId.id, description: opt(input.description) });
      return reloadPlan(ctx, query, input.actionPlanId.id);
    },
  }),
);

const PublishActionPlanInput = builder.inputType('PublishActionPlanInput', {
  fields: (t) => ({ actionPlanId: t.globalID({ required: true, for: ActionPlan }) }),
});

builder.mutationField('publishActionPlan', (t) =>
  t.prismaField({
    type: 'ActionPlan',
    description: 'Publish a draft plan (the administration’s ORG_ADMINs): from then on everyone sees it. A plan is published once.',
    errors: { types: ACT_ERRORS },
    args: { input: t.arg({ type: PublishActionPlanInput, required: true }) },
    resolve: async (query, _parent, { input }, ctx) => {
      await publishActionPlan(ctx, { actionPlanId: input.actionPlanId.id });
      return reloadPlan(ctx, query, input.actionPlanId.id);
    },
  }),
);

// ───────────────────────────── Proposing ─────────────────────────────

const ProposedMilestoneInput = builder.inputType('ProposedMilestoneInput', {
  fields: (t) => ({
    title: t.string({ required: true, description: '3 to 200 characters.' }),
    deliverable: t.string({ required: true, description: 'What is delivered, 1 to 5,000 characters.' }),
    ownerOrganizationId: t.globalID({ required: true, for: Organization, description: 'The party that delivers it.' }),
    dueDate: t.string({ required: true, description: `Not before the commitment’s start date. ${DATE_NOTE}` }),
  }),
});

const CreateCommitmentInput = builder.inputType('CreateCommitmentInput', {
  fields: (t) => ({
    proposerOrganizationId: t.globalID({
      required: true,
      for: Organization,
      description: 'The caller’s organisation (a customs administration or business association), whose party is accepted at once.',
    }),
    proposerResponsibleUserId: t.globalID({ required: false, for: User, description: 'Its responsible person, a member of it (default: the caller).' }),
    title: t.string({ required: true, description: '3 to 200 characters.' }),
    description: t.string({ required: true, description: 'Markdown, 1 to 20,000 characters.' }),
    type: t.field({ type: CommitmentType, required: true }),
    factors: t.field({ type: [ArushaFactor], required: true, description: '1 to 10 factors.' }),
    startDate: t.string({ required: true, description: DATE_NOTE }),
    endDate: t.string({ required: false, description: `The target date, not before the start. ${DATE_NOTE}` }),
    partyOrganizationIds: t.globalIDList({
      required: true,
      for: Organization,
      description: 'The other parties (1 to 9 verified organisations; with the proposer, at least one customs administration). Each is asked to accept.',
    }),
    monitorOrganizationId: t.globalID({
      required: false,
      for: Organization,
      description: 'An independent monitor: a verified partner organisation, not a party.',
    }),
    actionPlanId: t.globalID({ required: false, for: ActionPlan, description: 'A plan whose administration is a party.' }),
    pledgeIds: t.globalIDList({ required: false, for: Pledge, description: 'Published pledges it implements (up to 20).' }),
    issueIds: t.globalIDList({ required: false, for: Issue, description: 'Issues it answers, that the caller may see (up to 20).' }),
    milestones: t.field({ type: [ProposedMilestoneInput], required: false, description: 'Up to 50; more can be added later.' }),
  }),
});

type CreateCommitmentArg = (typeof CreateCommitmentInput)['$inferInput'];
type CommitmentFieldsArg = Partial<CreateCommitmentArg>;

/** A proposal as the domain takes it: global IDs decoded, absent values left out (so an issue's draft can fill them). */
function proposalInput(input: CommitmentFieldsArg) {
  return {
    proposerOrganizationId: input.proposerOrganizationId?.id,
    proposerResponsibleUserId: input.proposerResponsibleUserId?.id,
    title: opt(input.title),
    description: opt(input.description),
    type: opt(input.type),
    factors: input.factors ? [...input.factors] : undefined,
    startDate: opt(input.startDate),
    endDate: opt(input.endDate),
    partyOrganizationIds: ids(input.partyOrganizationIds),
    monitorOrganizationId: input.monitorOrganizationId?.id,
    actionPlanId: input.actionPlanId?.id,
    pledgeIds: ids(input.pledgeIds),
    issueIds: ids(input.issueIds),
    milestones: input.milestones?.map((m) => ({ ...m, ownerOrganizationId: m.ownerOrganizationId.id })),
  };
}

builder.mutationField('createCommitment', (t) =>
  t.prismaField({
    type: 'Commitment',
    description:
      'Propose a joint commitment for the caller’s organisation (its ORG_ADMINs, signatories and liaison officers). The other parties’ members are notified and asked to accept; it becomes ACTIVE and public when every party has.',
    errors: { types: CREATE_ERRORS },
    args: { input: t.arg({ type: CreateCommitmentInput, required: true }) },
    resolve: async (query, _parent, { input }, ctx) => {
      const commitment = await createCommitment(ctx, proposalInput(input));
      return reloadCommitment(ctx, query, commitment.id);
    },
  }),
);

const CreateCommitmentFromIssueInput = builder.inputType('CreateCommitmentFromIssueInput', {
  description:
    'A proposal made from an issue: every field left out is taken from the issue (its title, description and factor; the administration and the reporter’s organisation as parties; today as start date). The issue is always linked.',
  fields: (t) => ({
    issueId: t.globalID({ required: true, for: Issue, description: 'An issue the caller may see.' }),
    proposerOrganizationId: t.globalID({ required: false, for: Organization }),
    proposerResponsibleUserId: t.globalID({ required: false, for: User }),
    title: t.string({ required: false }),
    description: t.string({ required: false }),
    type: t.field({ type: CommitmentType, required: false }),
    factors: t.field({ type: [ArushaFactor], required: false }),
    startDate: t.string({ required: false, description: DATE_NOTE }),
    endDate: t.string({ required: false, description: DATE_NOTE }),
    partyOrganizationIds: t.globalIDList({ required: false, for: Organization }),
    monitorOrganizationId: t.globalID({ required: false, for: Organization }),
    actionPlanId: t.globalID({ required: false, for: ActionPlan }),
    pledgeIds: t.globalIDList({ required: false, for: Pledge }),
    issueIds: t.globalIDList({ required: false, for: Issue, description: 'Other issues it answers, besides issueId.' }),
    milestones: t.field({ type: [ProposedMilestoneInput], required: false }),
  }),
});

builder.mutationField('createCommitmentFromIssue', (t) =>
  t.prismaField({
    type: 'Commitment',
    description:
      'Propose a joint commitment that answers an issue (“Make this a commitment”), pre-filled from the issue. NotFoundError when the caller may not see the issue.',
    errors: { types: [ValidationError, NotAuthenticatedError, ForbiddenError, NotFoundError] },
    args: { input: t.arg({ type: CreateCommitmentFromIssueInput, required: true }) },
    resolve: async (query, _parent, { input }, ctx) => {
      const { issueId, ...fields } = input;
      const commitment = await createCommitmentFromIssue(ctx, { ...proposalInput(fields as CommitmentFieldsArg), issueId: issueId.id });
      return reloadCommitment(ctx, query, commitment.id);
    },
  }),
);

// ───────────────────────────── The parties’ answers ─────────────────────────────

const AcceptCommitmentInput = builder.inputType('AcceptCommitmentInput', {
  fields: (t) => ({
    commitmentId: t.globalID({ required: true, for: Commitment }),
    organizationId: t.globalID({ required: false, for: Organization, description: ACT_FOR_NOTE }),
    responsibleUserId: t.globalID({ required: false, for: User, description: 'The party’s responsible person, a member of it (default: the caller).' }),
  }),
});

builder.mutationField('acceptCommitment', (t) =>
  t.prismaField({
    type: 'Commitment',
    description:
      'Accept a proposed commitment for a party (its commitment roles), naming its responsible person. A party that declined may still accept. When every party has accepted, it becomes ACTIVE and public.',
    errors: { types: ACT_ERRORS },
    args: { input: t.arg({ type: AcceptCommitmentInput, required: true }) },
    resolve: async (query, _parent, { input }, ctx) => {
      await acceptCommitment(ctx, {
        commitmentId: input.commitmentId.id,
        organizationId: input.organizationId?.id,
        responsibleUserId: input.responsibleUserId?.id,
      });
      return reloadCommitment(ctx, query, input.commitmentId.id);
    },
  }),
);

const ReasonInput = (name: string, description: string) =>
  builder.inputType(name, {
    fields: (t) => ({
      commitmentId: t.globalID({ required: true, for: Commitment }),
      organizationId: t.globalID({ required: false, for: Organization, description: ACT_FOR_NOTE }),
      reason: t.string({ required: true, description }),
    }),
  });
const DeclineCommitmentInput = ReasonInput('DeclineCommitmentInput', 'Why the party declines, 3 to 2,000 characters.');
const CancelCommitmentInput = ReasonInput('CancelCommitmentInput', 'Why the party agrees to cancel, 3 to 2,000 characters.');

builder.mutationField('declineCommitment', (t) =>
  t.prismaField({
    type: 'Commitment',
    description: 'Decline a proposed commitment for a pending party, with a reason. The parties’ responsible persons are notified.',
    errors: { types: ACT_ERRORS },
    args: { input: t.arg({ type: DeclineCommitmentInput, required: true }) },
    resolve: async (query, _parent, { input }, ctx) => {
      await declineCommitment(ctx, { commitmentId: input.commitmentId.id, organizationId: input.organizationId?.id, reason: input.reason });
      return reloadCommitment(ctx, query, input.commitmentId.id);
    },
  }),
);

builder.mutationField('cancelCommitment', (t) =>
  t.prismaField({
    type: 'Commitment',
    description:
      'Agree, for an accepted party, to cancel a commitment, with a reason. It is CANCELLED (phase) once every accepted party has agreed; a completed commitment cannot be cancelled.',
    errors: { types: ACT_ERRORS },
    args: { input: t.arg({ type: CancelCommitmentInput, required: true }) },
    resolve: async (query, _parent, { input }, ctx) => {
      await cancelCommitment(ctx, { commitmentId: input.commitmentId.id, organizationId: input.organizationId?.id, reason: input.reason });
      return reloadCommitment(ctx, query, input.commitmentId.id);
    },
  }),
);

// ───────────────────────────── Milestones ─────────────────────────────

const AddMilestoneInput = builder.inputType('AddMilestoneInput', {
  fields: (t) => ({
    commitmentId: t.globalID({ required: true, for: Commitment }),
    organizationId: t.globalID({ required: false, for: Organization, description: ACT_FOR_NOTE }),
    title: t.string({ required: true, description: '3 to 200 characters.' }),
    deliverable: t.string({ required: true, description: 'What is delivered, 1 to 5,000 characters.' }),
    ownerOrganizationId: t.globalID({ required: true, for: Organization, description: 'The party that delivers it.' }),
    dueDate: t.string({ required: true, description: `Not before the commitment’s start date. ${DATE_NOTE}` }),
  }),
});

builder.mutationField('addMilestone', (t) =>
  t.prismaField({
    type: 'Milestone',
    description: 'Add a milestone to a proposed or active commitment (a party’s commitment roles or responsible person).',
    errors: { types: ACT_ERRORS },
    args: { input: t.arg({ type: AddMilestoneInput, required: true }) },
    resolve: async (query, _parent, { input }, ctx) => {
      const milestone = await addMilestone(ctx, {
        ...input,
        commitmentId: input.commitmentId.id,
        organizationId: input.organizationId?.id,
        ownerOrganizationId: input.ownerOrganizationId.id,
      });
      return reloadMilestone(ctx, query, milestone.id);
    },
  }),
);

const UpdateMilestoneInput = builder.inputType('UpdateMilestoneInput', {
  description: 'Only the fields given change.',
  fields: (t) => ({
    milestoneId: t.globalID({ required: true, for: Milestone }),
    organizationId: t.globalID({ required: false, for: Organization, description: ACT_FOR_NOTE }),
    title: t.string({ required: false, description: '3 to 200 characters.' }),
    deliverable: t.string({ required: false, description: '1 to 5,000 characters.' }),
    ownerOrganizationId: t.globalID({ required: false, for: Organization, description: 'Another party to deliver it.' }),
    dueDate: t.string({ required: false, description: `Not before the commitment’s start date. ${DATE_NOTE}` }),
  }),
});

builder.mutationField('updateMilestone', (t) =>
  t.prismaField({
    type: 'Milestone',
    description: 'Change an OPEN milestone’s title, deliverable, owner or due date (a party’s commitment roles or responsible person).',
    errors: { types: ACT_ERRORS },
    args: { input: t.arg({ type: UpdateMilestoneInput, required: true }) },
    resolve: async (query, _parent, { input }, ctx) => {
      await updateMilestone(ctx, {
        milestoneId: input.milestoneId.id,
        organizationId: input.organizationId?.id,
        title: opt(input.title),
        deliverable: opt(input.deliverable),
        ownerOrganizationId: input.ownerOrganizationId?.id,
        dueDate: opt(input.dueDate),
      });
      return reloadMilestone(ctx, query, input.milestoneId.id);
    },
  }),
);

const CompleteMilestoneInput = builder.inputType('CompleteMilestoneInput', {
  description: `Evidence is required: a text, or at least one link. ${FILES_NOTE}`,
  fields: (t) => ({
    milestoneId: t.globalID({ required: true, for: Milestone }),
    organizationId: t.globalID({ required: false, for: Organization, description: 'The owner party (the only party that may mark it done).' }),
    evidenceText: t.string({ required: false, description: 'What was delivered, up to 10,000 characters.' }),
    evidenceLinks: t.stringList({ required: false, description: 'Up to 10 http or https links.' }),
  }),
});

builder.mutationField('completeMilestone', (t) =>
  t.prismaField({
    type: 'Milestone',
    description: `Mark an OPEN milestone of an active commitment done, for its owner party, with evidence. The owner party’s confirmation is recorded with it; the other parties are asked to confirm. ${FILES_NOTE}`,
    errors: { types: ACT_ERRORS },
    args: { input: t.arg({ type: CompleteMilestoneInput, required: true }) },
    resolve: async (query, _parent, { input }, ctx) => {
      await completeMilestone(ctx, {
        milestoneId: input.milestoneId.id,
        organizationId: input.organizationId?.id,
        evidenceText: opt(input.evidenceText),
        evidenceLinks: input.evidenceLinks ? [...input.evidenceLinks] : [],
      });
      return reloadMilestone(ctx, query, input.milestoneId.id);
    },
  }),
);

const ConfirmMilestoneInput = builder.inputType('ConfirmMilestoneInput', {
  fields: (t) => ({
    milestoneId: t.globalID({ required: true, for: Milestone }),
    organizationId: t.globalID({ required: false, for: Organization, description: ACT_FOR_NOTE }),
  }),
});

builder.mutationField('confirmMilestone', (t) =>
  t.prismaField({
    type: 'Milestone',
    description:
      'Confirm, for a party that has not confirmed this round, that a DONE milestone was delivered. When every party has confirmed it is COMPLETED. A second confirmation by the same party is a ConflictError.',
    errors: { types: ACT_ERRORS },
    args: { input: t.arg({ type: ConfirmMilestoneInput, required: true }) },
    resolve: async (query, _parent, { input }, ctx) => {
      await confirmMilestone(ctx, { milestoneId: input.milestoneId.id, organizationId: input.organizationId?.id });
      return reloadMilestone(ctx, query, input.milestoneId.id);
    },
  }),
);

const DisputeMilestoneInput = builder.inputType('DisputeMilestoneInput', {
  fields: (t) => ({
    milestoneId: t.globalID({ required: true, for: Milestone }),
    organizationId: t.globalID({ required: false, for: Organization, description: ACT_FOR_NOTE }),
    reason: t.string({ required: true, description: 'What is missing, 3 to 2,000 characters.' }),
  }),
});

builder.mutationField('disputeMilestone', (t) =>
  t.prismaField({
    type: 'Milestone',
    description: 'Dispute a DONE milestone, for a party that has not confirmed this round, with a reason: it is OPEN again and its owner is notified.',
    errors: { types: ACT_ERRORS },
    args: { input: t.arg({ type: DisputeMilestoneInput, required: true }) },
    resolve: async (query, _parent, { input }, ctx) => {
      await disputeMilestone(ctx, { milestoneId: input.milestoneId.id, organizationId: input.organizationId?.id, reason: input.reason });
      return reloadMilestone(ctx, query, input.milestoneId.id);
    },
  }),
);

const AttestMilestoneInput = builder.inputType('AttestMilestoneInput', {
  fields: (t) => ({
    milestoneId: t.globalID({ required: true, for: Milestone }),
    note: t.string({ required: false, description: 'An optional note, up to 2,000 characters.' }),
  }),
});

builder.mutationField('attestMilestone', (t) =>
  t.prismaField({
    type: 'Milestone',
    description: 'Attest a COMPLETED milestone as the commitment’s monitor (the monitor organisation’s commitment roles). Once per milestone.',
    errors: { types: ACT_ERRORS },
    args: { input: t.arg({ type: AttestMilestoneInput, required: true }) },
    resolve: async (query, _parent, { input }, ctx) => {
      await attestMilestone(ctx, { milestoneId: input.milestoneId.id, note: opt(input.note) });
      return reloadMilestone(ctx, query, input.milestoneId.id);
    },
  }),
);
