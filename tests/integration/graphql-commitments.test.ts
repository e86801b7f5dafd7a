// Joint commitments, milestones and action plans through the GraphQL API, end to end: HTTP requests through yoga,
// sessions from real sign-ins, a fresh database for the file. Visibility for every role (a proposed commitment and a
// draft plan are indistinguishable from unknown ids for non-parties), filters, the commitments of issues, pledges and
// organisations, and each mutation allowed and refused with its typed error (nothing written when refused).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCalendarDays, todayOf } from '../../app/domain/commitment-rules';
import { exportMilestonesCsv } from '../../app/domain/milestone-csv.server';
import { createActionPlan, publishActionPlan } from '../../app/domain/commitments.server';
import { raiseIssue } from '../../app/domain/issues.server';
import {
  type CommitmentSetup,
  activeTestCommitment,
  commitmentInput,
  makeCommitmentSetup,
  markTestMilestoneDone,
  proposeTestCommitment,
} from '../helpers/commitments';
import { type TestDatabase, createTestDatabase } from '../helpers/db';
import { type GraphQLResponse, globalId, graphqlClient, signInAs } from '../helpers/graphql';
import { issueInput } from '../helpers/issues';
import { makePledge } from '../helpers/pledges';

let t: TestDatabase;
let gql: ReturnType<typeof graphqlClient>['gql'];
let s: CommitmentSetup;

const PEOPLE = [
  'customsAdmin',
  'customsLiaison',
  'associationSignatory',
  'associationMember',
  'partnerAdmin',
  'otherAssociationAdmin',
  'outsider',
  'platformAdmin',
] as const;
type Person = (typeof PEOPLE)[number];
type Who = Person | 'anonymous';
const tokens = {} as Record<Who, string | undefined>;
const as = (who: Who, acceptLanguage?: string) => ({ token: tokens[who], acceptLanguage });
const today = todayOf(new Date());

const gid = globalId;
const cGid = (id: string) => gid('Commitment', id);
const mGid = (id: string) => gid('Milestone', id);
const oGid = (id: string) => gid('Organization', id);
const pGid = (id: string) => gid('ActionPlan', id);

let proposed: { id: string; reference: string };
let active: { id: string; reference: string };
let milestones: { id: string }[];
let draftPlan: { id: string; slug: string };
let publishedPlan: { id: string; slug: string };
let publicIssue: { id: string };
let restrictedIssue: { id: string };
let pledge: { id: string };

beforeAll(async () => {
  t = await createTestDatabase();
  ({ gql } = graphqlClient(t));
  s = await makeCommitmentSetup(t.db);
  tokens.anonymous = undefined;
  for (const who of PEOPLE) tokens[who] = await signInAs(t, s[who]);

  draftPlan = await createActionPlan(s.ctx.customsAdmin, {
    administrationId: s.administration.id,
    title: 'Integrity action plan 2027 (draft)',
    description: 'Draft.',
    periodStart: today,
    periodEnd: addCalendarDays(today, 365),
  });
  publishedPlan = await createActionPlan(s.ctx.customsAdmin, {
    administrationId: s.administration.id,
    title: 'Integrity action plan 2026',
    description: 'Our **plan**.',
    periodStart: today,
    periodEnd: addCalendarDays(today, 365),
  });
  await publishActionPlan(s.ctx.customsAdmin, { actionPlanId: publishedPlan.id });

  const reporter = { ...s.ctx.associationSignatory };
  publicIssue = await raiseIssue(reporter, { organizationId: s.association.id, ...issueInput(s.administration.id, { visibility: 'PUBLIC' }) });
  restrictedIssue = await raiseIssue(reporter, { organizationId: s.association.id, ...issueInput(s.administration.id, { visibility: 'RESTRICTED' }) });
  ({ pledge } = await makePledge(t.db));

  proposed = await proposeTestCommitment(t.db, s, { milestoneCount: 1, type: 'DETECTION' });
  const made = await activeTestCommitment(t.db, s, {
    milestones: 2,
    actionPlanId: publishedPlan.id,
    issueIds: [publicIssue.id, restrictedIssue.id],
    pledgeIds: [pledge.id],
    factors: ['TRANSPARENCY', 'AUTOMATION'],
  });
  active = made.commitment;
  milestones = made.milestones;
}, 120_000);

afterAll(async () => {
  await t?.close();
});

// ---------------------------------------------------------------------------------------------------------------

const RESULT = `__typename ... on Error { code message } ... on ValidationError { fieldErrors { path messages } }`;
const mutation = (field: string, inputType: string, fields = 'id') => `
  mutation ($input: ${inputType}!) {
    ${field}(input: $input) { ${RESULT} ... on Mutation${field[0].toUpperCase()}${field.slice(1)}Success { data { ${fields} } } }
  }`;

const COMMITMENT_FIELDS = 'id reference phase status progress milestoneCount completedMilestoneCount';
const MILESTONE_FIELDS = 'id state round dueDate commitment { id phase status progress completedMilestoneCount }';
const M = {
  createPlan: mutation('createActionPlan', 'CreateActionPlanInput', 'id slug status title periodStart periodEnd administration { name } viewerCanManage'),
  updatePlan: mutation('updateActionPlan', 'UpdateActionPlanInput', 'id title periodEnd'),
  publishPlan: mutation('publishActionPlan', 'PublishActionPlanInput', 'id status publishedAt'),
  create: mutation(
    'createCommitment',
    'CreateCommitmentInput',
    `${COMMITMENT_FIELDS} parties { organization { name } response responsibleUser { name } } monitor { name } milestones { title dueDate state }`,
  ),
  fromIssue: mutation(
    'createCommitmentFromIssue',
    'CreateCommitmentFromIssueInput',
    `${COMMITMENT_FIELDS} title linkedIssues { id } parties { organization { id } }`,
  ),
  accept: mutation('acceptCommitment', 'AcceptCommitmentInput', `${COMMITMENT_FIELDS} parties { organization { id } response }`),
  decline: mutation('declineCommitment', 'DeclineCommitmentInput', `${COMMITMENT_FIELDS} parties { organization { id } response declineReason }`),
  cancel: mutation('cancelCommitment', 'CancelCommitmentInput', `${COMMITMENT_FIELDS} parties { cancelAgreedAt cancelReason }`),
  addMilestone: mutation('addMilestone', 'AddMilestoneInput', `${MILESTONE_FIELDS} title ownerOrganization { id }`),
  updateMilestone: mutation('updateMilestone', 'UpdateMilestoneInput', `${MILESTONE_FIELDS} title`),
  complete: mutation(
    'completeMilestone',
    'CompleteMilestoneInput',
    `${MILESTONE_FIELDS} evidenceText evidenceLinks doneBy { name } confirmations { organization { id } }`,
  ),
  confirm: mutation('confirmMilestone', 'ConfirmMilestoneInput', `${MILESTONE_FIELDS} completedAt confirmations { organization { id } confirmedBy { name } }`),
  dispute: mutation('disputeMilestone', 'DisputeMilestoneInput', `${MILESTONE_FIELDS} disputeReason disputedBy { id }`),
  attest: mutation('attestMilestone', 'AttestMilestoneInput', `${MILESTONE_FIELDS} attestedAt attestedBy { name } attestationNote`),
  check: mutation(
    'checkMilestoneImport',
    'CheckMilestoneImportInput',
    'id status report { fileErrors summary { rows withChanges withErrors changes } rows { line errors { column message } changes { column from to } } }',
  ),
  apply: mutation('applyMilestoneImport', 'ApplyMilestoneImportInput', 'id status appliedAt report { applied { milestones dueDates } }'),
};

function successOf(res: GraphQLResponse, field: string) {
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  const result = res.data?.[field];
  expect(result?.__typename, JSON.stringify(result)).toBe(`Mutation${field[0].toUpperCase()}${field.slice(1)}Success`);
  return result.data;
}

/** Everything a commitment mutation could write: a refused one must leave all of it as it was. */
async function dbState() {
  return {
    plans: await t.db.actionPlan.findMany({ orderBy: { id: 'asc' } }),
    commitments: await t.db.commitment.findMany({ orderBy: { id: 'asc' } }),
    parties: await t.db.commitmentParty.findMany({ orderBy: { id: 'asc' } }),
    milestones: await t.db.milestone.findMany({ orderBy: { id: 'asc' } }),
    confirmations: await t.db.milestoneConfirmation.count(),
    imports: await t.db.milestoneImport.count(),
    notifications: await t.db.notification.count(),
    audit: await t.db.auditEvent.count(),
  };
}

async function expectRefused(who: Who, field: string, query: string, input: Record<string, unknown>, typename: string) {
  const before = await dbState();
  const res = await gql(query, { input }, as(who));
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  const result = res.data?.[field];
  expect(result?.__typename, `${field} as ${who}: ${JSON.stringify(result)}`).toBe(typename);
  expect(await dbState()).toEqual(before);
  return result;
}

const fieldPaths = (result: { fieldErrors: { path: string }[] }) => result.fieldErrors.map((f) => f.path);

// ---------------------------------------------------------------------------------------------------------------

describe('visibility, for every role', () => {
  const BY_ID = `query ($id: ID!) { commitment(id: $id) { id reference } }`;
  const BY_REF = `query ($ref: String!) { commitment(reference: $ref) { id reference } }`;
  const NODE = `query ($id: ID!) { node(id: $id) { id ... on Commitment { reference } } }`;
  const LIST = `{ commitments(first: 100) { edges { node { id } } } }`;
  const PARTIES_AND_MONITOR: Who[] = ['customsAdmin', 'customsLiaison', 'associationSignatory', 'associationMember', 'partnerAdmin', 'platformAdmin'];

  it('a proposed commitment: the parties, the monitor and platform administrators; an unknown id to everyone else', async () => {
    for (const who of ['anonymous', ...PEOPLE] as Who[]) {
      const visible = PARTIES_AND_MONITOR.includes(who);
      const expected = visible ? { id: cGid(proposed.id), reference: proposed.reference } : null;
      const byId = await gql(BY_ID, { id: cGid(proposed.id) }, as(who));
      expect(byId.data.commitment, `commitment(id) as ${who}`).toEqual(expected);
      expect((await gql(BY_REF, { ref: proposed.reference.toLowerCase() }, as(who))).data.commitment, `commitment(reference) as ${who}`).toEqual(expected);
      const node = (await gql(NODE, { id: cGid(proposed.id) }, as(who))).data.node;
      expect(node && { id: node.id, reference: node.reference }, `node as ${who}`).toEqual(expected);
      const listed = (await gql(LIST, {}, as(who))).data.commitments.edges.some((e: { node: { id: string } }) => e.node.id === cGid(proposed.id));
      expect(listed, `commitments as ${who}`).toBe(visible);
      if (!visible) {
        expect(byId).toEqual(await gql(BY_ID, { id: cGid('cunknowncommitment0000000') }, as(who)));
        expect(await gql(BY_REF, { ref: proposed.reference }, as(who))).toEqual(await gql(BY_REF, { ref: 'COM-2026-9999' }, as(who)));
      }
    }
  });

  it('an active commitment: everyone, anonymous callers included', async () => {
    for (const who of ['anonymous', ...PEOPLE] as Who[]) {
      expect((await gql(BY_ID, { id: cGid(active.id) }, as(who))).data.commitment, `as ${who}`).toEqual({ id: cGid(active.id), reference: active.reference });
    }
  });

  it('a milestone is visible exactly when its commitment is (node)', async () => {
    const [proposedMilestone] = await t.db.milestone.findMany({ where: { commitmentId: proposed.id } });
    const Q = `query ($id: ID!) { node(id: $id) { id ... on Milestone { title } } }`;
    expect((await gql(Q, { id: mGid(proposedMilestone.id) }, as('anonymous'))).data.node).toBeNull();
    expect((await gql(Q, { id: mGid(proposedMilestone.id) }, as('associationMember'))).data.node).toMatchObject({ title: 'Milestone 1' });
    expect((await gql(Q, { id: mGid(milestones[0].id) }, as('anonymous'))).data.node).toMatchObject({ title: 'Milestone 1' });
  });

  it('action plans: a draft to the administration’s members and platform administrators, a published plan to everyone', async () => {
    const BY_ID_PLAN = `query ($id: ID!) { actionPlan(id: $id) { id status } }`;
    const BY_SLUG = `query ($slug: String!) { actionPlan(slug: $slug) { id } }`;
    const PLANS = `{ actionPlans(first: 100) { edges { node { id } } } }`;
    for (const who of ['anonymous', ...PEOPLE] as Who[]) {
      const seesDraft = ['customsAdmin', 'customsLiaison', 'platformAdmin'].includes(who);
      const draft = (await gql(BY_ID_PLAN, { id: pGid(draftPlan.id) }, as(who))).data.actionPlan;
      expect(draft, `draft as ${who}`).toEqual(seesDraft ? { id: pGid(draftPlan.id), status: 'DRAFT' } : null);
      expect((await gql(BY_SLUG, { slug: draftPlan.slug }, as(who))).data.actionPlan !== null, `draft by slug as ${who}`).toBe(seesDraft);
      expect((await gql(BY_ID_PLAN, { id: pGid(publishedPlan.id) }, as(who))).data.actionPlan, `published as ${who}`).toEqual({
        id: pGid(publishedPlan.id),
        status: 'PUBLISHED',
      });
      const listed = (await gql(PLANS, {}, as(who))).data.actionPlans.edges.map((e: { node: { id: string } }) => e.node.id);
      expect(listed.includes(pGid(draftPlan.id)), `actionPlans as ${who}`).toBe(seesDraft);
      expect(listed).toContain(pGid(publishedPlan.id));
    }
  });
});

describe('fields', () => {
  const Q = `query ($id: ID!) { commitment(id: $id) {
    reference title description descriptionHtml type factors phase status progress milestoneCount completedMilestoneCount
    nextOpenDueDate startDate endDate activatedAt proposerOrganization { id } createdBy { name }
    parties { id organization { id name } response respondedAt responsibleUser { name } }
    monitor { id name } actionPlan { id title } pledges { id } linkedIssues { id }
    milestones { id title deliverable dueDate state round timing owner { organization { id } } ownerOrganization { id }
      evidenceLinks confirmations { round } attachments { fileName } viewerCanEdit viewerCanComplete viewerCanConfirm viewerCanDispute viewerCanAttest }
    timeline { action actor { name } organizationName milestoneId milestoneTitle }
    viewerCanActFor { id } viewerCanAccept viewerCanDecline viewerCanCancel viewerCanAddMilestone viewerCanImport
  } }`;

  it('an active commitment as a party sees everything, with what it may do', async () => {
    const res = await gql(Q, { id: cGid(active.id) }, as('customsAdmin'));
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    const c = res.data.commitment;
    expect(c).toMatchObject({
      reference: active.reference,
      type: 'PREVENTION',
      factors: ['TRANSPARENCY', 'AUTOMATION'],
      phase: 'ACTIVE',
      status: 'ON_TRACK',
      progress: 0,
      milestoneCount: 2,
      completedMilestoneCount: 0,
      nextOpenDueDate: addCalendarDays(today, 30),
      startDate: today,
      endDate: null,
      proposerOrganization: { id: oGid(s.administration.id) },
      monitor: { id: oGid(s.partner.id), name: s.partner.name },
      actionPlan: { id: pGid(publishedPlan.id), title: 'Integrity action plan 2026' },
      pledges: [{ id: gid('Pledge', pledge.id) }],
      linkedIssues: [{ id: gid('Issue', publicIssue.id) }, { id: gid('Issue', restrictedIssue.id) }],
      viewerCanActFor: [{ id: oGid(s.administration.id) }],
      viewerCanAccept: false,
      viewerCanDecline: false,
      viewerCanCancel: true,
      viewerCanAddMilestone: true,
      viewerCanImport: true,
    });
    expect(c.parties.map((p: { organization: { id: string }; response: string }) => [p.organization.id, p.response])).toEqual([
      [oGid(s.administration.id), 'ACCEPTED'],
      [oGid(s.association.id), 'ACCEPTED'],
    ]);
    expect(c.milestones).toHaveLength(2);
    expect(c.milestones[0]).toMatchObject({
      dueDate: addCalendarDays(today, 30),
      state: 'OPEN',
      round: 0,
      timing: null,
      ownerOrganization: { id: oGid(s.administration.id) },
      viewerCanEdit: true,
      viewerCanComplete: true,
      viewerCanConfirm: false,
      viewerCanAttest: false,
    });
    expect(c.milestones[1]).toMatchObject({ ownerOrganization: { id: oGid(s.association.id) }, viewerCanComplete: false });
    expect(c.timeline.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['commitment.proposed', 'commitment.accepted', 'commitment.activated']),
    );
    expect(c.timeline[0]).toMatchObject({ action: 'commitment.proposed', actor: { name: s.customsAdmin.name }, organizationName: s.administration.name });
  });

  it('anonymous callers see public fields, not the restricted issue, and may do nothing', async () => {
    const res = await gql(Q, { id: cGid(active.id) }, as('anonymous'));
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    expect(res.data.commitment).toMatchObject({
      linkedIssues: [{ id: gid('Issue', publicIssue.id) }],
      viewerCanActFor: [],
      viewerCanCancel: false,
      viewerCanAddMilestone: false,
      viewerCanImport: false,
    });
    expect(res.data.commitment.milestones.every((m: Record<string, boolean>) => !m.viewerCanEdit && !m.viewerCanComplete)).toBe(true);
  });

  it('a pending party may accept or decline; a plan sums its commitments', async () => {
    const c = (await gql(Q, { id: cGid(proposed.id) }, as('associationSignatory'))).data.commitment;
    expect(c).toMatchObject({
      phase: 'PROPOSED',
      status: 'PROPOSED',
      viewerCanAccept: true,
      viewerCanDecline: true,
      viewerCanActFor: [{ id: oGid(s.association.id) }],
    });
    const plan = await gql(
      `query ($id: ID!) { actionPlan(id: $id) { title descriptionHtml periodStart administration { id } commitmentCount milestoneCount completedMilestoneCount progress
        statusCounts { status count } commitments { id } viewerCanManage } }`,
      { id: pGid(publishedPlan.id) },
      as('anonymous'),
    );
    expect(plan.errors, JSON.stringify(plan.errors)).toBeUndefined();
    expect(plan.data.actionPlan).toMatchObject({
      periodStart: today,
      administration: { id: oGid(s.administration.id) },
      commitmentCount: 1,
      milestoneCount: 2,
      completedMilestoneCount: 0,
      progress: 0,
      commitments: [{ id: cGid(active.id) }],
      viewerCanManage: false,
    });
    expect(plan.data.actionPlan.descriptionHtml).toContain('<strong>plan</strong>');
    expect(plan.data.actionPlan.statusCounts).toContainEqual({ status: 'ON_TRACK', count: 1 });
  });

  it('Issue, Pledge and Organization list the commitments the caller may see', async () => {
    const ISSUE = `query ($id: ID!) { node(id: $id) { ... on Issue { commitments { id } } } }`;
    expect((await gql(ISSUE, { id: gid('Issue', publicIssue.id) }, as('anonymous'))).data.node.commitments).toEqual([{ id: cGid(active.id) }]);
    const PLEDGE = `query ($id: ID!) { pledge(id: $id) { commitments { id status } } }`;
    expect((await gql(PLEDGE, { id: gid('Pledge', pledge.id) }, as('anonymous'))).data.pledge.commitments).toEqual([
      { id: cGid(active.id), status: 'ON_TRACK' },
    ]);
    const ORG = `query ($slug: String!) { organization(slug: $slug) { commitments { id } } }`;
    const asMonitor = (await gql(ORG, { slug: s.partner.slug }, as('partnerAdmin'))).data.organization.commitments.map((c: { id: string }) => c.id);
    expect(asMonitor).toEqual(expect.arrayContaining([cGid(active.id), cGid(proposed.id)]));
    const anonymous = (await gql(ORG, { slug: s.association.slug }, as('anonymous'))).data.organization.commitments.map((c: { id: string }) => c.id);
    expect(anonymous).toContain(cGid(active.id));
    expect(anonymous).not.toContain(cGid(proposed.id));
  });
});

describe('commitments: filters and pages', () => {
  const LIST = `query ($first: Int, $after: String, $filter: CommitmentFilter, $orderBy: CommitmentOrder) {
    commitments(first: $first, after: $after, filter: $filter, orderBy: $orderBy) { edges { cursor node { id status type } } pageInfo { hasNextPage endCursor } } }`;
  const idsOf = (res: GraphQLResponse) => {
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    return res.data.commitments.edges.map((e: { node: { id: string } }) => e.node.id);
  };

  it('filters by status, type, factor, country, party, pledge and plan', async () => {
    const q = (filter: Record<string, unknown>, who: Who = 'platformAdmin') => gql(LIST, { first: 100, filter }, as(who)).then(idsOf);
    expect(await q({ status: ['PROPOSED'] })).toEqual(expect.arrayContaining([cGid(proposed.id)]));
    expect(await q({ status: ['PROPOSED'] })).not.toContain(cGid(active.id));
    expect(await q({ status: ['ON_TRACK', 'AT_RISK'] })).toContain(cGid(active.id));
    expect(await q({ type: 'DETECTION' })).toEqual([cGid(proposed.id)]);
    expect(await q({ factor: 'AUTOMATION' })).toEqual([cGid(active.id)]);
    expect(await q({ countryCode: 'kz' })).toEqual(expect.arrayContaining([cGid(active.id), cGid(proposed.id)]));
    expect(await q({ countryCode: 'UZ' })).toEqual([]);
    expect(await q({ partyId: oGid(s.partner.id) })).toEqual(expect.arrayContaining([cGid(active.id), cGid(proposed.id)]));
    expect(await q({ pledgeId: gid('Pledge', pledge.id) })).toEqual([cGid(active.id)]);
    expect(await q({ actionPlanId: pGid(publishedPlan.id) })).toEqual([cGid(active.id)]);
    expect(await q({ status: ['PROPOSED'] }, 'anonymous')).toEqual([]);
  });

  it('pages forward with endCursor, without repeats, and refuses a page size out of range', async () => {
    const first = await gql(LIST, { first: 1 }, as('platformAdmin'));
    expect(first.data.commitments.pageInfo.hasNextPage).toBe(true);
    const second = await gql(LIST, { first: 1, after: first.data.commitments.pageInfo.endCursor }, as('platformAdmin'));
    expect(idsOf(second)).toHaveLength(1);
    expect(idsOf(second)[0]).not.toBe(idsOf(first)[0]);
    const tooMany = await gql(LIST, { first: 101 }, as('platformAdmin'));
    expect(tooMany.errors?.[0].message).toMatch(/first must be between 1 and 100/);
    for (const orderBy of ['DUE', 'PROGRESS', 'TITLE']) expect(idsOf(await gql(LIST, { first: 10, orderBy }, as('platformAdmin'))).length).toBeGreaterThan(1);
  });

  it('actionPlans filters by country', async () => {
    const Q = `query ($c: String) { actionPlans(first: 10, countryCode: $c) { edges { node { id } } } }`;
    expect((await gql(Q, { c: 'KZ' }, as('anonymous'))).data.actionPlans.edges).toEqual([{ node: { id: pGid(publishedPlan.id) } }]);
    expect((await gql(Q, { c: 'UZ' }, as('anonymous'))).data.actionPlans.edges).toEqual([]);
    expect((await gql(Q, { c: 'Kazakhstan' }, as('anonymous'))).errors?.length).toBeGreaterThan(0);
  });
});

describe('action plan mutations', () => {
  const input = (extra: Record<string, unknown> = {}) => ({
    administrationId: oGid(s.administration.id),
    title: 'Plan made through GraphQL',
    description: 'Steps.',
    periodStart: today,
    periodEnd: addCalendarDays(today, 180),
    ...extra,
  });

  it('createActionPlan: the administration’s ORG_ADMIN; refused to others; validated', async () => {
    await expectRefused('anonymous', 'createActionPlan', M.createPlan, input(), 'NotAuthenticatedError');
    await expectRefused('customsLiaison', 'createActionPlan', M.createPlan, input(), 'ForbiddenError');
    await expectRefused('associationSignatory', 'createActionPlan', M.createPlan, input(), 'ForbiddenError');
    const invalid = await expectRefused(
      'customsAdmin',
      'createActionPlan',
      M.createPlan,
      input({ periodEnd: addCalendarDays(today, -1), title: 'x' }),
      'ValidationError',
    );
    expect(fieldPaths(invalid).sort()).toEqual(['periodEnd', 'title']);
    const badDate = await expectRefused('customsAdmin', 'createActionPlan', M.createPlan, input({ periodStart: '2026-02-30' }), 'ValidationError');
    expect(fieldPaths(badDate)).toEqual(['periodStart']);
    const plan = successOf(await gql(M.createPlan, { input: input() }, as('customsAdmin')), 'createActionPlan');
    expect(plan).toMatchObject({ status: 'DRAFT', title: 'Plan made through GraphQL', periodEnd: addCalendarDays(today, 180), viewerCanManage: true });
  });

  it('updateActionPlan and publishActionPlan: refused to non-managers (NotFound for a draft they cannot see), once only', async () => {
    const plan = await createActionPlan(s.ctx.customsAdmin, {
      administrationId: s.administration.id,
      title: 'Plan to publish',
      description: '',
      periodStart: today,
      periodEnd: addCalendarDays(today, 90),
    });
    const id = pGid(plan.id);
    await expectRefused('outsider', 'publishActionPlan', M.publishPlan, { actionPlanId: id }, 'NotFoundError');
    await expectRefused('customsLiaison', 'publishActionPlan', M.publishPlan, { actionPlanId: id }, 'ForbiddenError');
    await expectRefused(
      'anonymous',
      'updateActionPlan',
      M.updatePlan,
      { actionPlanId: id, title: 'New', periodStart: today, periodEnd: today },
      'NotFoundError',
    );
    const updated = successOf(
      await gql(
        M.updatePlan,
        { input: { actionPlanId: id, title: 'Plan renamed', periodStart: today, periodEnd: addCalendarDays(today, 10) } },
        as('customsAdmin'),
      ),
      'updateActionPlan',
    );
    expect(updated).toMatchObject({ title: 'Plan renamed', periodEnd: addCalendarDays(today, 10) });
    expect(successOf(await gql(M.publishPlan, { input: { actionPlanId: id } }, as('customsAdmin')), 'publishActionPlan')).toMatchObject({
      status: 'PUBLISHED',
    });
    const again = await expectRefused('customsAdmin', 'publishActionPlan', M.publishPlan, { actionPlanId: id }, 'ConflictError');
    expect(again.code).toBe('CONFLICT');
  });
});

describe('proposing', () => {
  const input = (extra: Record<string, unknown> = {}) => {
    const base = commitmentInput(s, { today, milestoneCount: 2 });
    return {
      ...base,
      proposerOrganizationId: oGid(base.proposerOrganizationId),
      partyOrganizationIds: base.partyOrganizationIds.map(oGid),
      monitorOrganizationId: oGid(base.monitorOrganizationId),
      milestones: base.milestones.map((m) => ({ ...m, ownerOrganizationId: oGid(m.ownerOrganizationId) })),
      ...extra,
    };
  };

  it('createCommitment: a commitment role of the proposer; its party accepted at once, the others pending', async () => {
    const c = successOf(await gql(M.create, { input: input({ title: 'Proposed through GraphQL' }) }, as('customsLiaison')), 'createCommitment');
    expect(c).toMatchObject({ phase: 'PROPOSED', status: 'PROPOSED', milestoneCount: 2, progress: 0, monitor: { name: s.partner.name } });
    expect(c.reference).toMatch(/^COM-\d{4}-\d{4,}$/);
    expect(c.parties.map((p: { response: string }) => p.response)).toEqual(['ACCEPTED', 'PENDING']);
    expect(c.parties[0].responsibleUser.name).toBe(s.customsLiaison.name);
  });

  it('createCommitment refused: anonymous, no commitment role, bad input with field paths', async () => {
    await expectRefused('anonymous', 'createCommitment', M.create, input(), 'NotAuthenticatedError');
    await expectRefused('outsider', 'createCommitment', M.create, input(), 'ForbiddenError');
    await expectRefused(
      'partnerAdmin',
      'createCommitment',
      M.create,
      input({
        proposerOrganizationId: oGid(s.partner.id),
        partyOrganizationIds: [oGid(s.administration.id)],
        monitorOrganizationId: undefined,
        milestones: [],
      }),
      'ForbiddenError',
    );
    await expectRefused(
      'associationMember',
      'createCommitment',
      M.create,
      input({ proposerOrganizationId: oGid(s.association.id), partyOrganizationIds: [oGid(s.administration.id)] }),
      'ForbiddenError',
    );
    const early = await expectRefused(
      'customsAdmin',
      'createCommitment',
      M.create,
      input({ milestones: [{ title: 'Too early', deliverable: 'x', ownerOrganizationId: oGid(s.administration.id), dueDate: addCalendarDays(today, -1) }] }),
      'ValidationError',
    );
    expect(fieldPaths(early)).toEqual(['milestones.0.dueDate']);
    const monitor = await expectRefused(
      'customsAdmin',
      'createCommitment',
      M.create,
      input({ monitorOrganizationId: oGid(s.otherAssociation.id) }),
      'ValidationError',
    );
    expect(fieldPaths(monitor)).toEqual(['monitorOrganizationId']);
    const ru = await gql(M.create, { input: input({ monitorOrganizationId: oGid(s.otherAssociation.id) }) }, as('customsAdmin', 'ru'));
    expect(ru.data.createCommitment.fieldErrors[0].messages[0]).toMatch(/[а-яА-Я]/);
  });

  it('createCommitmentFromIssue: pre-filled from a visible issue; NotFound for one the caller cannot see', async () => {
    await expectRefused('otherAssociationAdmin', 'createCommitmentFromIssue', M.fromIssue, { issueId: gid('Issue', restrictedIssue.id) }, 'NotFoundError');
    const c = successOf(
      await gql(M.fromIssue, { input: { issueId: gid('Issue', publicIssue.id), proposerOrganizationId: oGid(s.administration.id) } }, as('customsAdmin')),
      'createCommitmentFromIssue',
    );
    expect(c).toMatchObject({ phase: 'PROPOSED', linkedIssues: [{ id: gid('Issue', publicIssue.id) }] });
    expect(c.parties.map((p: { organization: { id: string } }) => p.organization.id)).toEqual([oGid(s.administration.id), oGid(s.association.id)]);
  });
});

describe('answering and cancelling', () => {
  it('acceptCommitment: the pending party; refused to non-parties (NotFound), a member without a role (Forbidden), twice (Conflict)', async () => {
    const c = await proposeTestCommitment(t.db, s, { milestoneCount: 1 });
    const input = { commitmentId: cGid(c.id) };
    await expectRefused('anonymous', 'acceptCommitment', M.accept, input, 'NotFoundError');
    await expectRefused('otherAssociationAdmin', 'acceptCommitment', M.accept, input, 'NotFoundError');
    await expectRefused('associationMember', 'acceptCommitment', M.accept, input, 'ForbiddenError');
    await expectRefused('customsAdmin', 'acceptCommitment', M.accept, input, 'ConflictError');
    const accepted = successOf(await gql(M.accept, { input }, as('associationSignatory')), 'acceptCommitment');
    expect(accepted).toMatchObject({ phase: 'ACTIVE', status: 'ON_TRACK' });
    await expectRefused('associationSignatory', 'acceptCommitment', M.accept, input, 'ConflictError');
  });

  it('declineCommitment: the pending party with a reason', async () => {
    const c = await proposeTestCommitment(t.db, s);
    const input = { commitmentId: cGid(c.id), reason: 'Not this year.' };
    const invalid = await expectRefused('associationSignatory', 'declineCommitment', M.decline, { ...input, reason: '' }, 'ValidationError');
    expect(fieldPaths(invalid)).toEqual(['reason']);
    await expectRefused('partnerAdmin', 'declineCommitment', M.decline, input, 'ForbiddenError');
    const declined = successOf(await gql(M.decline, { input }, as('associationSignatory')), 'declineCommitment');
    expect(declined.parties[1]).toMatchObject({ response: 'DECLINED', declineReason: 'Not this year.' });
  });

  it('cancelCommitment: cancelled once every accepted party agreed; refused to others', async () => {
    const { commitment } = await activeTestCommitment(t.db, s, { milestones: 1 });
    const input = { commitmentId: cGid(commitment.id), reason: 'Superseded by the new law.' };
    await expectRefused('outsider', 'cancelCommitment', M.cancel, input, 'ForbiddenError');
    await expectRefused('anonymous', 'cancelCommitment', M.cancel, input, 'NotAuthenticatedError');
    expect(successOf(await gql(M.cancel, { input }, as('customsAdmin')), 'cancelCommitment')).toMatchObject({ phase: 'ACTIVE' });
    await expectRefused('customsAdmin', 'cancelCommitment', M.cancel, input, 'ConflictError');
    expect(successOf(await gql(M.cancel, { input }, as('associationSignatory')), 'cancelCommitment')).toMatchObject({
      phase: 'CANCELLED',
      status: 'CANCELLED',
    });
  });
});

describe('milestones', () => {
  it('addMilestone and updateMilestone: a party; refused to the monitor and outsiders; the due date not before the start', async () => {
    const { commitment } = await activeTestCommitment(t.db, s, { milestones: 1 });
    const input = {
      commitmentId: cGid(commitment.id),
      title: 'Train every officer',
      deliverable: 'Training records.',
      ownerOrganizationId: oGid(s.association.id),
      dueDate: addCalendarDays(today, 5),
    };
    await expectRefused('outsider', 'addMilestone', M.addMilestone, input, 'ForbiddenError');
    await expectRefused('partnerAdmin', 'addMilestone', M.addMilestone, input, 'ForbiddenError');
    const early = await expectRefused('customsAdmin', 'addMilestone', M.addMilestone, { ...input, dueDate: addCalendarDays(today, -3) }, 'ValidationError');
    expect(fieldPaths(early)).toEqual(['dueDate']);
    const added = successOf(await gql(M.addMilestone, { input }, as('customsAdmin')), 'addMilestone');
    expect(added).toMatchObject({
      state: 'OPEN',
      dueDate: addCalendarDays(today, 5),
      ownerOrganization: { id: oGid(s.association.id) },
      commitment: { status: 'AT_RISK' },
    });
    const updated = successOf(
      await gql(
        M.updateMilestone,
        { input: { milestoneId: added.id, dueDate: addCalendarDays(today, 40), title: 'Train all officers' } },
        as('associationSignatory'),
      ),
      'updateMilestone',
    );
    expect(updated).toMatchObject({ title: 'Train all officers', dueDate: addCalendarDays(today, 40), commitment: { status: 'ON_TRACK' } });
    await expectRefused('otherAssociationAdmin', 'updateMilestone', M.updateMilestone, { milestoneId: added.id, title: 'Mine now' }, 'ForbiddenError');
    await expectRefused('anonymous', 'updateMilestone', M.updateMilestone, { milestoneId: mGid('cunknownmilestone00000000') }, 'NotFoundError');
  });

  it('complete, confirm, dispute, attest: each by its party, refused otherwise', async () => {
    const {
      commitment,
      milestones: [mine],
    } = await activeTestCommitment(t.db, s, { milestones: 1 });
    const id = mGid(mine.id);
    // Marking done: the owner party (the administration) only, with evidence.
    await expectRefused('associationSignatory', 'completeMilestone', M.complete, { milestoneId: id, evidenceText: 'Done.' }, 'ForbiddenError');
    const noEvidence = await expectRefused('customsAdmin', 'completeMilestone', M.complete, { milestoneId: id }, 'ValidationError');
    expect(noEvidence.code).toBe('VALIDATION');
    const badLink = await expectRefused(
      'customsAdmin',
      'completeMilestone',
      M.complete,
      { milestoneId: id, evidenceLinks: ['javascript:alert(1)'] },
      'ValidationError',
    );
    expect(fieldPaths(badLink)[0]).toMatch(/^evidenceLinks/);
    await expectRefused('customsAdmin', 'confirmMilestone', M.confirm, { milestoneId: id }, 'ConflictError');
    const done = successOf(
      await gql(
        M.complete,
        { input: { milestoneId: id, evidenceText: 'Posted at every gate.', evidenceLinks: ['https://example.test/photo'] } },
        as('customsAdmin'),
      ),
      'completeMilestone',
    );
    expect(done).toMatchObject({
      state: 'DONE',
      round: 1,
      evidenceLinks: ['https://example.test/photo'],
      doneBy: { name: s.customsAdmin.name },
      confirmations: [{ organization: { id: oGid(s.administration.id) } }],
    });

    // The owner confirming on another party's behalf; the owner twice; a non-party.
    await expectRefused('customsAdmin', 'confirmMilestone', M.confirm, { milestoneId: id, organizationId: oGid(s.association.id) }, 'ForbiddenError');
    await expectRefused('customsAdmin', 'confirmMilestone', M.confirm, { milestoneId: id }, 'ConflictError');
    await expectRefused('outsider', 'confirmMilestone', M.confirm, { milestoneId: id }, 'ForbiddenError');

    // A dispute reopens it; marked done again, the association confirms: COMPLETED.
    const disputed = successOf(
      await gql(M.dispute, { input: { milestoneId: id, reason: 'The photo shows one gate only.' } }, as('associationSignatory')),
      'disputeMilestone',
    );
    expect(disputed).toMatchObject({ state: 'OPEN', disputeReason: 'The photo shows one gate only.', disputedBy: { id: oGid(s.association.id) } });
    await markTestMilestoneDone(t.db, s, mine);
    await expectRefused('partnerAdmin', 'attestMilestone', M.attest, { milestoneId: id }, 'ConflictError');
    const confirmed = successOf(await gql(M.confirm, { input: { milestoneId: id } }, as('associationSignatory')), 'confirmMilestone');
    expect(confirmed).toMatchObject({
      state: 'COMPLETED',
      round: 2,
      commitment: { id: cGid(commitment.id), status: 'COMPLETED', progress: 1, completedMilestoneCount: 1 },
    });
    expect(confirmed.confirmations).toHaveLength(2);
    await expectRefused('associationSignatory', 'confirmMilestone', M.confirm, { milestoneId: id }, 'ConflictError');
    await expectRefused('associationSignatory', 'disputeMilestone', M.dispute, { milestoneId: id, reason: 'Too late now.' }, 'ConflictError');

    // The monitor attests, once; nobody else.
    await expectRefused('customsAdmin', 'attestMilestone', M.attest, { milestoneId: id }, 'ForbiddenError');
    const attested = successOf(await gql(M.attest, { input: { milestoneId: id, note: 'Visited three gates.' } }, as('partnerAdmin')), 'attestMilestone');
    expect(attested).toMatchObject({ attestedBy: { name: s.partnerAdmin.name }, attestationNote: 'Visited three gates.' });
    await expectRefused('partnerAdmin', 'attestMilestone', M.attest, { milestoneId: id }, 'ConflictError');
    await expectRefused('customsAdmin', 'cancelCommitment', M.cancel, { commitmentId: cGid(commitment.id), reason: 'Completed already.' }, 'ConflictError');
  });
});

describe('milestone CSV import', () => {
  it('checks (storing the report), then applies; refused to non-parties; unknown columns are file errors', async () => {
    const { commitment, milestones: rows } = await activeTestCommitment(t.db, s, { milestones: 2 });
    const csv = await exportMilestonesCsv(s.ctx.customsAdmin, { commitmentId: commitment.id });
    const [header, first, ...rest] = csv.replace(/^\uFEFF/, '').split(/\r?\n/);
    const from = addCalendarDays(today, 30);
    const to = addCalendarDays(today, 45);
    expect(first).toContain(from);
    const edited = [header, first.replace(from, to), ...rest].join('\r\n');
    const input = { commitmentId: cGid(commitment.id), csv: edited, fileName: 'milestones.csv' };

    await expectRefused('anonymous', 'checkMilestoneImport', M.check, input, 'NotAuthenticatedError');
    await expectRefused('partnerAdmin', 'checkMilestoneImport', M.check, input, 'ForbiddenError');
    await expectRefused('customsAdmin', 'checkMilestoneImport', M.check, { ...input, fileName: 'milestones.xlsx' }, 'ValidationError');

    const checked = successOf(await gql(M.check, { input }, as('customsAdmin')), 'checkMilestoneImport');
    expect(checked).toMatchObject({ status: 'CHECKED', report: { fileErrors: [], summary: { rows: 2, withChanges: 1, withErrors: 0, changes: 1 } } });
    expect(checked.report.rows[0].changes).toEqual([{ column: 'due_date', from, to }]);

    const OWN = `query ($id: ID!) { milestoneImport(id: $id) { id status } }`;
    expect((await gql(OWN, { id: checked.id }, as('associationSignatory'))).data.milestoneImport).toBeNull();
    await expectRefused('associationSignatory', 'applyMilestoneImport', M.apply, { importId: checked.id }, 'NotFoundError');
    const applied = successOf(await gql(M.apply, { input: { importId: checked.id } }, as('customsAdmin')), 'applyMilestoneImport');
    expect(applied).toMatchObject({ status: 'APPLIED', report: { applied: { milestones: 1, dueDates: 1 } } });
    expect((await t.db.milestone.findUniqueOrThrow({ where: { id: rows[0].id } })).dueDate.toISOString().slice(0, 10)).toBe(to);
    await expectRefused('customsAdmin', 'applyMilestoneImport', M.apply, { importId: checked.id }, 'ConflictError');

    const unknown = successOf(await gql(M.check, { input: { ...input, csv: `${header},colour\r\n${first},red` } }, as('customsAdmin')), 'checkMilestoneImport');
    expect(unknown.report.fileErrors.length).toBeGreaterThan(0);
  });
});
