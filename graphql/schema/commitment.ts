// Joint commitments: the `Commitment` type, its parties, and the queries that find commitments. Who sees a commitment,
// how lists are filtered (the derived status in SQL), ordered and paged, and what the viewer may do are the domain's
// rules (app/domain/commitment-queries.server.ts, app/domain/commitment-rules.ts): a proposed commitment the caller may
// not see answers exactly like an unknown one (null, or absent from a list).
import { queryFromInfo } from '@pothos/plugin-prisma';
import { z } from 'zod';
import {
  type CommitmentFilter,
  type TimelineEntry,
  canSeeActionPlan,
  canSeeCommitment,
  commitmentTimeline,
  listCommitments,
  visibleCommitmentsWhere,
} from '../../app/domain/commitment-queries.server';
import { COMMITMENT_REFERENCE, deriveCommitmentStatus, isoDate, progressOf, todayOf } from '../../app/domain/commitment-rules';
import { visibleIssuesWhere } from '../../app/domain/issue-queries.server';
import { visiblePledgesWhere } from '../../app/domain/pledge-queries.server';
import { renderMarkdown } from '../../app/domain/markdown.server';
import { builder, DEFAULT_PAGE_SIZE, pageSize } from '../builder';
import type { GraphQLContext } from '../context';
import { loaders, requestNow } from '../loaders';
import { ActionPlan } from './action-plan';
import { CommitmentPhase, CommitmentStatus, CommitmentType, PartyResponse } from './commitment-enums';
import { ArushaFactor } from './enums';
import { Issue } from './issue';
import { Organization } from './organization';
import { Pledge } from './pledge';
import { User } from './user';

/** Someone acting on a commitment, by name. (Who they are beyond that follows User's own visibility: node(id).) */
type Participant = { id: string; name: string };
export const CommitmentParticipant = builder.objectRef<Participant>('CommitmentParticipant').implement({
  description: 'A person acting on a commitment: who proposed it, a party’s responsible person, who marked a milestone done or confirmed it.',
  fields: (t) => ({
    id: t.globalID({ description: 'The User’s global ID.', resolve: (person) => ({ type: User, id: person.id }) }),
    name: t.exposeString('name'),
  }),
});

/** The calendar date of a `date` column, YYYY-MM-DD. */
export const calendarDate = (value: Date | null) => (value ? isoDate(value) : null);

/** Today's calendar date at the instant of the request (every status in one response is taken at the same instant). */
export const requestToday = (ctx: GraphQLContext) => todayOf(requestNow(ctx));

export const CommitmentParty = builder.prismaObject('CommitmentParty', {
  description:
    'An organisation bound by a commitment, with its responsible person. The proposer’s party is ACCEPTED from the start; every other party accepts (naming its responsible person) or declines.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The party’s own id (milestones name their owner party by it).' }),
    organization: t.relation('organization'),
    response: t.expose('response', { type: PartyResponse }),
    respondedAt: t.expose('respondedAt', { type: 'DateTime', nullable: true }),
    declineReason: t.exposeString('declineReason', { nullable: true }),
    responsibleUser: t.field({
      type: CommitmentParticipant,
      nullable: true,
      description: 'The person responsible for the commitment at this organisation; null until the party accepts.',
      select: { responsibleUser: { select: { id: true, name: true } } },
      resolve: (party) => party.responsibleUser,
    }),
    cancelAgreedAt: t.expose('cancelAgreedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When this party agreed to cancel (the commitment is CANCELLED once every accepted party has).',
    }),
    cancelReason: t.exposeString('cancelReason', { nullable: true }),
  }),
});

const CommitmentTimelineEvent = builder.objectRef<TimelineEntry>('CommitmentTimelineEvent').implement({
  description: 'One step in a commitment’s history, from the audit chain.',
  fields: (t) => ({
    at: t.expose('at', { type: 'DateTime' }),
    action: t.exposeString('action', {
      description:
        'commitment.proposed, commitment.accepted, commitment.declined, commitment.activated, commitment.cancelAgreed, commitment.cancelled, milestone.added, milestone.updated, milestone.done, milestone.confirmed, milestone.completed, milestone.disputed, milestone.attested or milestone.imported.',
    }),
    actor: t.field({ type: CommitmentParticipant, nullable: true, description: 'Null for the platform.', resolve: (e) => e.actor }),
    organizationName: t.string({ nullable: true, description: 'The organisation acted for.', resolve: (e) => e.organization?.name ?? null }),
    milestoneId: t.globalID({
      nullable: true,
      description: 'The Milestone concerned, when there is one.',
      resolve: (e) => (e.milestone ? { type: 'Milestone', id: e.milestone.id } : null),
    }),
    milestoneTitle: t.string({ nullable: true, description: 'Its title at the time.', resolve: (e) => e.milestone?.title ?? null }),
  }),
});

/** What visibility needs of a commitment row (selected with every commitment, in the same batched statements). */
type CommitmentVisibilityFields = {
  activatedAt: Date | null;
  monitorOrganizationId: string | null;
  parties: { organizationId: string }[];
};
const mayRead = (ctx: GraphQLContext, c: CommitmentVisibilityFields) =>
  canSeeCommitment(ctx.actor, {
    activatedAt: c.activatedAt,
    monitorOrganizationId: c.monitorOrganizationId,
    partyOrganizationIds: c.parties.map((p) => p.organizationId),
  });

export const Commitment = builder.prismaNode('Commitment', {
  id: { field: 'id' },
  // Relay: node(id) is null for an unknown id, not an error; and a commitment the caller may not see is unknown to them.
  nullable: true,
  findUnique: (id, ctx) => ({ id, AND: [visibleCommitmentsWhere(ctx.actor)] }),
  include: { parties: { select: { organizationId: true }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] } },
  description:
    'A joint commitment: who does what by when, between a customs administration and at least one other organisation, with milestones every party confirms. Public once every party accepted it; while proposed, visible to the parties, the monitor and platform administrators.',
  authScopes: (c, ctx) => mayRead(ctx, c),
  fields: (t) => ({
    reference: t.exposeString('reference', { description: 'COM-<year>-<number>, e.g. COM-2026-0042.' }),
    title: t.exposeString('title'),
    description: t.exposeString('description', { description: 'Markdown.' }),
    descriptionHtml: t.string({
      description: 'The description rendered to sanitised HTML.',
      select: { description: true },
      resolve: (c) => renderMarkdown(c.description),
    }),
    type: t.expose('type', { type: CommitmentType }),
    factors: t.field({ type: [ArushaFactor], description: 'The Revised Arusha Declaration factors it addresses.', resolve: (c) => c.factors }),
    phase: t.expose('phase', { type: CommitmentPhase }),
    status: t.field({
      type: CommitmentStatus,
      description: 'Derived from the phase, the milestones and today’s date (at the time of the request).',
      resolve: (c, _args, ctx) => deriveCommitmentStatus(c, requestToday(ctx)),
    }),
    progress: t.float({
      description: 'Completed milestones (confirmed by every party) over all milestones, 0 to 1 (0 without milestones).',
      resolve: (c) => progressOf(c),
    }),
    milestoneCount: t.exposeInt('milestoneCount'),
    completedMilestoneCount: t.exposeInt('completedCount', { description: 'Milestones confirmed by every party.' }),
    nextOpenDueDate: t.string({
      nullable: true,
      description: 'The earliest due date (YYYY-MM-DD) among OPEN milestones; null when none is open.',
      resolve: (c) => calendarDate(c.nextOpenDueDate),
    }),
    startDate: t.string({ description: 'YYYY-MM-DD. No milestone falls due before it.', resolve: (c) => isoDate(c.startDate) }),
    endDate: t.string({ nullable: true, description: 'The target date, YYYY-MM-DD.', resolve: (c) => calendarDate(c.endDate) }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was proposed.' }),
    activatedAt: t.expose('activatedAt', { type: 'DateTime', nullable: true, description: 'When the last party accepted it.' }),
    cancelledAt: t.expose('cancelledAt', { type: 'DateTime', nullable: true }),
    completedAt: t.expose('completedAt', { type: 'DateTime', nullable: true, description: 'When its last milestone was completed.' }),
    proposerOrganization: t.relation('proposerOrganization', { description: 'The organisation whose member proposed it (always a party).' }),
    createdBy: t.field({
      type: CommitmentParticipant,
      description: 'Who proposed it.',
      select: { createdBy: { select: { id: true, name: true } } },
      resolve: (c) => c.createdBy,
    }),
    parties: t.relation('parties', {
      description: 'The organisations bound by it, in the order they were named (the proposer first).',
      query: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
    }),
    monitor: t.relation('monitorOrganization', {
      nullable: true,
      description: 'The independent monitor (a partner organisation, not a party), whose members attest completed milestones.',
    }),
    milestones: t.relation('milestones', {
      description: 'Its milestones, by due date.',
      query: { orderBy: [{ dueDate: 'asc' }, { id: 'asc' }] },
    }),
    linkedIssues: t.field({
      type: [Issue],
      description: 'The issues it answers, among those the caller may see.',
      select: (_args, ctx, nestedSelection) => ({
        issues: {
          where: { issue: visibleIssuesWhere(ctx.actor) },
          orderBy: [{ createdAt: 'asc' }, { issueId: 'asc' }],
          select: { issue: nestedSelection(true) },
        },
      }),
      resolve: (c) => c.issues.map((link) => link.issue),
    }),
    pledges: t.field({
      type: [Pledge],
      description: 'The pledges it implements.',
      select: (_args, ctx, nestedSelection) => ({
        pledges: {
          where: { pledge: visiblePledgesWhere(ctx.actor) },
          orderBy: [{ createdAt: 'asc' }, { pledgeId: 'asc' }],
          select: { pledge: nestedSelection(true) },
        },
      }),
      resolve: (c) => c.pledges.map((link) => link.pledge),
    }),
    actionPlan: t.field({
      type: ActionPlan,
      nullable: true,
      description: 'The action plan it belongs to; null when none, or when the plan is a draft the caller may not see.',
      select: (_args, _ctx, nestedSelection) => ({ actionPlan: nestedSelection(true) }),
      resolve: (c, _args, ctx) => (c.actionPlan && canSeeActionPlan(ctx.actor, c.actionPlan) ? c.actionPlan : null),
    }),
    timeline: t.field({
      type: [CommitmentTimelineEvent],
      description: 'Proposed, accepted, activated, milestones done, confirmed, disputed, attested …: who and when, oldest first.',
      resolve: (c, _args, ctx) => commitmentTimeline(ctx, c.id),
    }),
    viewerCanActFor: t.field({
      type: [Organization],
      description:
        'The parties the caller may act for (answer, add milestones, confirm, dispute, agree to cancel): pass one as organizationId when there are several.',
      resolve: async (c, _args, ctx) => {
        const permissions = await loaders(ctx).commitmentPermissions.load(c.id);
        const organizations = await loaders(ctx).organizationRow.loadMany(permissions?.actForOrganizationIds ?? []);
        return organizations.filter((org): org is (typeof Organization)['$inferType'] => org != null && !(org instanceof Error));
      },
    }),
    viewerCanAccept: t.boolean({
      description: 'May the caller accept it for a party that has not accepted yet?',
      resolve: async (c, _args, ctx) => (await loaders(ctx).commitmentPermissions.load(c.id))?.canAccept ?? false,
    }),
    viewerCanDecline: t.boolean({
      description: 'May the caller decline it for a pending party?',
      resolve: async (c, _args, ctx) => (await loaders(ctx).commitmentPermissions.load(c.id))?.canDecline ?? false,
    }),
    viewerCanCancel: t.boolean({
      description: 'May the caller agree to cancel it for an accepted party?',
      resolve: async (c, _args, ctx) => (await loaders(ctx).commitmentPermissions.load(c.id))?.canCancel ?? false,
    }),
    viewerCanAddMilestone: t.boolean({
      description: 'May the caller add milestones to it?',
      resolve: async (c, _args, ctx) => (await loaders(ctx).commitmentPermissions.load(c.id))?.canAddMilestone ?? false,
    }),
    viewerCanImport: t.boolean({
      description: 'May the caller import milestone progress for it from CSV (checkMilestoneImport)?',
      resolve: async (c, _args, ctx) => (await loaders(ctx).commitmentPermissions.load(c.id))?.canImport ?? false,
    }),
  }),
});

// ─────────────────────────────── Lists ───────────────────────────────

export const CommitmentOrder = builder.enumType('CommitmentOrder', {
  values: ['NEWEST', 'DUE', 'PROGRESS', 'TITLE'] as const,
  description: 'The order of a commitment list. DUE: the nearest open milestone first. PROGRESS: the least advanced first. TITLE: alphabetical.',
});

const CommitmentFilterInput = builder.inputType('CommitmentFilter', {
  description: 'Every condition given must hold. Lists of values match any of them.',
  fields: (t) => ({
    status: t.field({ type: [CommitmentStatus], required: false, description: 'The derived status today.' }),
    type: t.field({ type: CommitmentType, required: false }),
    factor: t.field({ type: ArushaFactor, required: false }),
    countryCode: t.string({ required: false, description: 'The country of a party, ISO 3166-1 alpha-2.' }),
    partyId: t.globalID({ required: false, for: Organization, description: 'An organisation that is a party or the monitor.' }),
    pledgeId: t.globalID({ required: false, for: Pledge }),
    actionPlanId: t.globalID({ required: false, for: ActionPlan }),
    search: t.string({ required: false, description: 'Words in the reference, title or description.' }),
  }),
});

type CommitmentFilterArg = (typeof CommitmentFilterInput)['$inferInput'];

/** The GraphQL filter as the domain takes it: global IDs decoded, empty values left out. */
function commitmentFilter(filter: CommitmentFilterArg | null | undefined): CommitmentFilter {
  if (!filter) return {};
  return {
    status: filter.status?.length ? [...filter.status] : undefined,
    type: filter.type ?? undefined,
    factor: filter.factor ?? undefined,
    countryCode: filter.countryCode?.trim().toUpperCase() || undefined,
    partyId: filter.partyId?.id,
    pledgeId: filter.pledgeId?.id,
    actionPlanId: filter.actionPlanId?.id,
    search: filter.search?.trim() || undefined,
  };
}

const CommitmentConnection = builder.connectionObject(
  {
    type: Commitment,
    name: 'CommitmentConnection',
    description: 'A page of commitments. Pages go forward only (keyset pagination): pass pageInfo.endCursor as `after`.',
  },
  { name: 'CommitmentEdge' },
);

/** Rows as selected for the query (typed as the model: Pothos reads only the fields it asked for). */
type CommitmentRow = (typeof Commitment)['$inferType'];

/**
 * The full rows of a page the domain chose (ids in its order), with the nested selection of the query (parties,
 * organisations, milestones, monitor …) batched by Prisma: one statement per level, whatever the page size. The
 * domain's visibility rule is applied again, so a row can never leak through a stale id.
 */
async function loadCommitments(ctx: GraphQLContext, ids: string[], nodeQuery: object): Promise<(CommitmentRow | undefined)[]> {
  if (!ids.length) return [];
  const select = 'select' in nodeQuery && nodeQuery.select ? { select: { ...(nodeQuery.select as object), id: true } } : nodeQuery;
  const rows = (await ctx.db.commitment.findMany({ ...select, where: { AND: [{ id: { in: ids } }, visibleCommitmentsWhere(ctx.actor)] } })) as CommitmentRow[];
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id));
}

builder.queryField('commitments', (t) =>
  t.field({
    type: CommitmentConnection,
    description:
      'Commitments the caller may see: active, completed and cancelled ones (public), and proposed ones of their organisations (or all, for platform administrators). Newest first unless ordered otherwise.',
    args: {
      first: t.arg.int({ required: false, description: `Page size, 1 to 100 (default ${DEFAULT_PAGE_SIZE}).` }),
      after: t.arg.string({ required: false, description: 'The endCursor of the previous page.' }),
      filter: t.arg({ type: CommitmentFilterInput, required: false }),
      orderBy: t.arg({ type: CommitmentOrder, required: false, defaultValue: 'NEWEST' }),
    },
    resolve: async (_root, args, ctx, info) => {
      pageSize(args);
      const page = await listCommitments(
        { db: ctx.db, actor: ctx.actor, now: () => requestNow(ctx) },
        { first: args.first ?? DEFAULT_PAGE_SIZE, after: args.after ?? null, filter: commitmentFilter(args.filter), order: args.orderBy ?? 'NEWEST' },
      );
      const nodes = await loadCommitments(
        ctx,
        page.items.map((item) => item.id),
        queryFromInfo({ context: ctx, info, path: ['edges', 'node'], typeName: 'Commitment' }),
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

builder.queryField('commitment', (t) =>
  t.prismaField({
    type: 'Commitment',
    nullable: true,
    description:
      'One commitment, by global ID or by reference (COM-2026-0042); give one of them (the ID wins when both are given). Null when there is none the caller may see: a proposed commitment of other organisations looks exactly like an unknown one.',
    args: {
      id: t.arg.globalID({ required: false, for: Commitment }),
      reference: t.arg.string({ required: false, validate: z.string().trim().min(1).max(40) }),
    },
    resolve: (query, _parent, args, ctx) => {
      if (!args.id && !args.reference) return null;
      const reference = args.reference?.trim().toUpperCase();
      if (!args.id && !COMMITMENT_REFERENCE.test(reference!)) return null;
      const by = args.id ? { id: args.id.id } : { reference };
      return ctx.db.commitment.findFirst({ ...query, where: { AND: [by, visibleCommitmentsWhere(ctx.actor)] } });
    },
  }),
);

// ─────────────────────────────── On other types ───────────────────────────────

const NEWEST_FIRST = [{ createdAt: 'desc' as const }, { id: 'desc' as const }];

builder.prismaObjectFields(Issue, (t) => ({
  commitments: t.field({
    type: [Commitment],
    description: 'The joint commitments that answer this issue, among those the caller may see, newest first.',
    select: (_args, ctx, nestedSelection) => ({
      commitments: { where: { commitment: visibleCommitmentsWhere(ctx.actor) }, select: { commitment: nestedSelection(true) } },
    }),
    resolve: (issue) => newestFirst(issue.commitments.map((link) => link.commitment)),
  }),
}));

builder.prismaObjectFields(Pledge, (t) => ({
  commitments: t.field({
    type: [Commitment],
    description: 'The joint commitments that implement this pledge, among those the caller may see, newest first.',
    select: (_args, ctx, nestedSelection) => ({
      commitments: { where: { commitment: visibleCommitmentsWhere(ctx.actor) }, select: { commitment: nestedSelection(true) } },
    }),
    resolve: (pledge) => newestFirst(pledge.commitments.map((link) => link.commitment)),
  }),
}));

builder.prismaObjectFields(Organization, (t) => ({
  commitments: t.field({
    type: [Commitment],
    description: 'The joint commitments this organisation is a party to or monitors, among those the caller may see, newest first.',
    select: (_args, ctx, nestedSelection) => ({
      commitmentParties: { where: { commitment: visibleCommitmentsWhere(ctx.actor) }, select: { commitment: nestedSelection(true) } },
      commitmentsMonitored: nestedSelection({ where: visibleCommitmentsWhere(ctx.actor), orderBy: NEWEST_FIRST }),
    }),
    resolve: (org) => newestFirst([...org.commitmentParties.map((link) => link.commitment), ...org.commitmentsMonitored]),
  }),
}));

/**
 * Newest first (then by id), without duplicates. The rows were read with the nested selection of the query, which
 * includes what the Commitment type always selects (typed as the model: Pothos reads only the fields it asked for).
 */
function newestFirst(rows: { id: string; createdAt: Date }[]): CommitmentRow[] {
  const unique = [...new Map(rows.map((row) => [row.id, row as CommitmentRow])).values()];
  return unique.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}
