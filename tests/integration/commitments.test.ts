// Action plans and joint commitments (app/domain/commitments.server.ts): proposing, accepting, declining, cancelling,
// from an issue; every refusal the contract and the issue's "Bad input" list name; audit events and notifications.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { verifyAuditChain } from '../../app/domain/audit.server';
import { addCalendarDays, todayOf } from '../../app/domain/commitment-rules';
import {
  acceptCommitment,
  cancelCommitment,
  commitmentDraftFromIssue,
  createActionPlan,
  createCommitment,
  createCommitmentFromIssue,
  declineCommitment,
  partiesActorMayActFor,
  publishActionPlan,
  updateActionPlan,
} from '../../app/domain/commitments.server';
import { ConflictError, ForbiddenError, NotAuthenticatedError, NotFoundError, ValidationError } from '../../app/domain/errors.server';
import { raiseIssue } from '../../app/domain/issues.server';
import { addMember } from '../../app/domain/memberships.server';
import { createOrganization } from '../../app/domain/organizations.server';
import {
  type CommitmentSetup,
  activeTestCommitment,
  commitmentInput,
  makeCommitmentSetup,
  markTestMilestoneDone,
  proposeTestCommitment,
} from '../helpers/commitments';
import { type TestDatabase, createTestDatabase } from '../helpers/db';
import { ctxFor, makeUser, system } from '../helpers/fixtures';
import { issueInput, rejectionOf } from '../helpers/issues';
import { makePledge } from '../helpers/pledges';
import { confirmMilestone } from '../../app/domain/milestones.server';

let t: TestDatabase;
let s: CommitmentSetup;
const today = () => todayOf(new Date());

// The machine running the suite may be busy: generous limits (the setup hashes a dozen passwords).
vi.setConfig({ testTimeout: 180_000 });

beforeAll(async () => {
  t = await createTestDatabase();
  s = await makeCommitmentSetup(t.db);
}, 300_000);
afterAll(async () => {
  if (t) expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  await t?.close();
}, 120_000);

const auditsOf = (subjectId: string) => t.db.auditEvent.findMany({ where: { subjectId }, orderBy: { seq: 'asc' } });
const actionsOf = async (subjectId: string) => (await auditsOf(subjectId)).map((e) => e.action);
const notificationsOf = (subjectId: string, kind?: string) =>
  t.db.notification.findMany({ where: { subjectId, ...(kind ? { kind: kind as never } : {}) }, orderBy: { createdAt: 'asc' } });

/** The field errors of a ValidationError the promise is rejected with. */
async function fieldErrorsOf(promise: Promise<unknown>) {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).fieldErrors;
}
const keysOf = (messages: unknown[] | undefined) => (messages ?? []).map((m) => (typeof m === 'string' ? m : (m as { key: string }).key));

describe('proposing a commitment', () => {
  it('numbers it, accepts the proposer’s party at once, asks the others, audits and notifies', async () => {
    const commitment = await proposeTestCommitment(t.db, s, { milestoneCount: 2 });
    expect(commitment.reference).toMatch(new RegExp(`^COM-${new Date().getUTCFullYear()}-\\d{4}$`));
    expect(commitment).toMatchObject({ phase: 'PROPOSED', activatedAt: null, milestoneCount: 2, completedCount: 0, monitorOrganizationId: s.partner.id });
    expect(commitment.nextOpenDueDate?.toISOString().slice(0, 10)).toBe(addCalendarDays(today(), 30));
    const parties = await t.db.commitmentParty.findMany({ where: { commitmentId: commitment.id } });
    expect(parties.map((p) => [p.organizationId, p.response, p.responsibleUserId]).sort()).toEqual(
      [
        [s.administration.id, 'ACCEPTED', s.customsAdmin.id],
        [s.association.id, 'PENDING', null],
      ].sort(),
    );
    expect(await actionsOf(commitment.id)).toEqual(['commitment.proposed']);
    const [proposed] = await auditsOf(commitment.id);
    expect(proposed).toMatchObject({ organizationId: s.administration.id, actorId: s.customsAdmin.id });
    expect((proposed.data as { milestones: unknown[] }).milestones).toHaveLength(2);
    // The association's commitment roles are asked (its signatory), not its plain member, not the proposer.
    const notified = await notificationsOf(commitment.id, 'COMMITMENT_PROPOSED');
    expect(notified.map((n) => n.userId)).toEqual([s.associationSignatory.id]);
    expect(notified[0].data).toMatchObject({ reference: commitment.reference, title: commitment.title, status: 'PROPOSED', event: 'proposed' });
  });

  it('gives consecutive references', async () => {
    const a = await proposeTestCommitment(t.db, s);
    const b = await proposeTestCommitment(t.db, s, {
      by: s.associationSignatory.ctx,
      proposerOrganizationId: s.association.id,
      partyOrganizationIds: [s.administration.id],
    });
    expect(Number(b.reference.slice(-4))).toBe(Number(a.reference.slice(-4)) + 1);
    // Proposed by the association: its party is accepted, the administration's pending.
    const parties = await t.db.commitmentParty.findMany({ where: { commitmentId: b.id } });
    expect(parties.find((p) => p.organizationId === s.association.id)?.response).toBe('ACCEPTED');
    expect(parties.find((p) => p.organizationId === s.administration.id)?.response).toBe('PENDING');
  });

  it('names another member as the proposer’s responsible person, but only a member', async () => {
    const c = await proposeTestCommitment(t.db, s, { proposerResponsibleUserId: s.customsLiaison.id });
    const party = await t.db.commitmentParty.findFirstOrThrow({ where: { commitmentId: c.id, organizationId: s.administration.id } });
    expect(party.responsibleUserId).toBe(s.customsLiaison.id);
    const errors = await fieldErrorsOf(proposeTestCommitment(t.db, s, { proposerResponsibleUserId: s.associationSignatory.id }));
    expect(keysOf(errors.proposerResponsibleUserId)).toEqual(['errors.commitment.responsibleNotMember']);
  });

  it('refuses people without a commitment role, partners, outsiders and anonymous visitors', async () => {
    expect(
      await rejectionOf(
        proposeTestCommitment(t.db, s, { by: s.associationMember.ctx, proposerOrganizationId: s.association.id, partyOrganizationIds: [s.administration.id] }),
      ),
    ).toBeInstanceOf(ForbiddenError);
    expect(
      await rejectionOf(
        proposeTestCommitment(t.db, s, {
          by: s.partnerAdmin.ctx,
          proposerOrganizationId: s.partner.id,
          partyOrganizationIds: [s.administration.id],
          monitorOrganizationId: undefined,
        }),
      ),
    ).toBeInstanceOf(ForbiddenError);
    // For an organisation one is not a member of.
    expect(await rejectionOf(proposeTestCommitment(t.db, s, { by: s.associationSignatory.ctx }))).toBeInstanceOf(ForbiddenError);
    expect(await rejectionOf(proposeTestCommitment(t.db, s, { by: s.outsider.ctx }))).toBeInstanceOf(ForbiddenError);
    expect(await rejectionOf(proposeTestCommitment(t.db, s, { by: s.platformAdmin.ctx }))).toBeInstanceOf(ForbiddenError);
    expect(await rejectionOf(proposeTestCommitment(t.db, s, { by: { db: t.db, actor: { kind: 'anonymous' } } }))).toBeInstanceOf(NotAuthenticatedError);
  });

  it('needs a customs administration among the parties', async () => {
    const errors = await fieldErrorsOf(
      proposeTestCommitment(t.db, s, {
        by: s.associationSignatory.ctx,
        proposerOrganizationId: s.association.id,
        partyOrganizationIds: [s.otherAssociation.id],
      }),
    );
    expect(keysOf(errors.partyOrganizationIds)).toEqual(['errors.commitment.customsPartyRequired']);
  });

  it('refuses unverified, unknown and repeated parties, and a proposal without another party', async () => {
    const unverified = await createOrganization(system(t.db), { name: `Unverified customs ${Date.now()}`, kind: 'CUSTOMS_ADMINISTRATION', country: 'KZ' });
    let errors = await fieldErrorsOf(proposeTestCommitment(t.db, s, { partyOrganizationIds: [s.association.id, unverified.id] }));
    expect(keysOf(errors['partyOrganizationIds.1'])).toEqual(['errors.commitment.partyUnverified']);
    errors = await fieldErrorsOf(proposeTestCommitment(t.db, s, { partyOrganizationIds: ['no-such-organisation'] }));
    expect(keysOf(errors['partyOrganizationIds.0'])).toEqual(['errors.notFound']);
    errors = await fieldErrorsOf(proposeTestCommitment(t.db, s, { partyOrganizationIds: [s.association.id, s.association.id] }));
    expect(keysOf(errors['partyOrganizationIds.1'])).toEqual(['errors.commitment.partyDuplicate']);
    errors = await fieldErrorsOf(proposeTestCommitment(t.db, s, { partyOrganizationIds: [s.administration.id] }));
    expect(keysOf(errors['partyOrganizationIds.0'])).toEqual(['errors.commitment.partyDuplicate']);
    errors = await fieldErrorsOf(proposeTestCommitment(t.db, s, { partyOrganizationIds: [] }));
    expect(keysOf(errors.partyOrganizationIds)).toEqual(['errors.commitment.partiesRequired']);
  });

  it('refuses a monitor that is not a partner organisation, or is a party, or is unverified', async () => {
    let errors = await fieldErrorsOf(proposeTestCommitment(t.db, s, { monitorOrganizationId: s.otherAssociation.id }));
    expect(keysOf(errors.monitorOrganizationId)).toEqual(['errors.commitment.monitorNotPartner']);
    errors = await fieldErrorsOf(proposeTestCommitment(t.db, s, { monitorOrganizationId: s.association.id }));
    expect(keysOf(errors.monitorOrganizationId)).toEqual(['errors.commitment.monitorIsParty']);
    const unverified = await createOrganization(system(t.db), { name: `Unverified partner ${Date.now()}`, kind: 'PARTNER', country: 'KZ' });
    errors = await fieldErrorsOf(proposeTestCommitment(t.db, s, { monitorOrganizationId: unverified.id }));
    expect(keysOf(errors.monitorOrganizationId)).toEqual(['errors.commitment.monitorUnverified']);
    // Without a monitor is fine.
    expect((await proposeTestCommitment(t.db, s, { monitorOrganizationId: '' })).monitorOrganizationId).toBeNull();
  });

  it('refuses a milestone due before the start, an end before the start and dates that do not exist', async () => {
    const start = addCalendarDays(today(), 10);
    let errors = await fieldErrorsOf(
      proposeTestCommitment(t.db, s, {
        startDate: start,
        milestones: [{ title: 'Too early', deliverable: 'A report.', ownerOrganizationId: s.administration.id, dueDate: addCalendarDays(start, -1) }],
      }),
    );
    expect(keysOf(errors['milestones.0.dueDate'])).toEqual(['errors.milestone.dueBeforeStart']);
    errors = await fieldErrorsOf(proposeTestCommitment(t.db, s, { startDate: start, endDate: addCalendarDays(start, -1) }));
    expect(keysOf(errors.endDate)).toEqual(['errors.commitment.endBeforeStart']);
    errors = await fieldErrorsOf(proposeTestCommitment(t.db, s, { startDate: '2026-02-30' }));
    expect(keysOf(errors.startDate)).toEqual(['errors.commitment.dateInvalid']);
    errors = await fieldErrorsOf(
      proposeTestCommitment(t.db, s, {
        milestones: [{ title: 'Owner elsewhere', deliverable: 'A report.', ownerOrganizationId: s.partner.id, dueDate: addCalendarDays(today(), 5) }],
      }),
    );
    expect(keysOf(errors['milestones.0.ownerOrganizationId'])).toEqual(['errors.milestone.ownerNotParty']);
  });

  it('validates the fields with field paths', async () => {
    const errors = await fieldErrorsOf(createCommitment(s.customsAdmin.ctx, { proposerOrganizationId: s.administration.id, title: 'x', factors: ['NOPE'] }));
    expect(Object.keys(errors).sort()).toEqual(['description', 'factors.0', 'partyOrganizationIds', 'startDate', 'title', 'type'].sort());
  });

  it('links published pledges and visible issues; refuses drafts and issues the actor cannot see', async () => {
    const { pledge } = await makePledge(t.db);
    const { pledge: draft } = await makePledge(t.db, { publish: false });
    const issue = await raiseIssue(s.associationMember.ctx, {
      organizationId: s.association.id,
      ...issueInput(s.administration.id, { visibility: 'RESTRICTED' }),
    });
    const c = await proposeTestCommitment(t.db, s, { pledgeIds: [pledge.id], issueIds: [issue.id] });
    expect(await t.db.commitmentPledge.count({ where: { commitmentId: c.id, pledgeId: pledge.id } })).toBe(1);
    expect(await t.db.commitmentIssue.count({ where: { commitmentId: c.id, issueId: issue.id } })).toBe(1);
    const linked = await auditsOf(issue.id);
    expect(linked.map((e) => e.action)).toContain('issue.commitmentLinked');
    expect(linked.find((e) => e.action === 'issue.commitmentLinked')).toMatchObject({
      subjectType: 'Issue',
      data: { commitmentId: c.id, commitmentReference: c.reference },
    });

    let errors = await fieldErrorsOf(proposeTestCommitment(t.db, s, { pledgeIds: [draft.id] }));
    expect(keysOf(errors.pledgeIds)).toEqual(['errors.commitment.pledgeNotPublished']);
    // The other association's admin cannot see the restricted issue: as if it did not exist.
    errors = await fieldErrorsOf(
      proposeTestCommitment(t.db, s, {
        by: s.otherAssociationAdmin.ctx,
        proposerOrganizationId: s.otherAssociation.id,
        partyOrganizationIds: [s.administration.id],
        issueIds: [issue.id],
      }),
    );
    expect(keysOf(errors.issueIds)).toEqual(['errors.notFound']);
  });
});

describe('accepting and declining', () => {
  it('every other party accepting makes it ACTIVE (public), audited and notified', async () => {
    const c = await proposeTestCommitment(t.db, s, { milestoneCount: 1 });
    // While proposed, outsiders do not see it at all.
    expect(await rejectionOf(acceptCommitment(s.outsider.ctx, { commitmentId: c.id }))).toBeInstanceOf(NotFoundError);
    const accepted = await acceptCommitment(s.associationSignatory.ctx, { commitmentId: c.id });
    expect(accepted).toMatchObject({ phase: 'ACTIVE' });
    expect(accepted.activatedAt).toBeInstanceOf(Date);
    const party = await t.db.commitmentParty.findFirstOrThrow({ where: { commitmentId: c.id, organizationId: s.association.id } });
    expect(party).toMatchObject({ response: 'ACCEPTED', responsibleUserId: s.associationSignatory.id });
    expect(await actionsOf(c.id)).toEqual(['commitment.proposed', 'commitment.accepted', 'commitment.activated']);
    const changed = await notificationsOf(c.id, 'COMMITMENT_STATUS_CHANGED');
    // The responsible persons of every party, except the one who acted.
    expect(changed.map((n) => n.userId)).toEqual([s.customsAdmin.id]);
    expect(changed[0].data).toMatchObject({ event: 'activated', reference: c.reference });
    // A party accepting again: the commitment is already active.
    const again = await rejectionOf(acceptCommitment(s.associationSignatory.ctx, { commitmentId: c.id }));
    expect(again).toBeInstanceOf(ConflictError);
    expect(again.message).toBe('errors.commitmentPhase.accept.ACTIVE');
  });

  it('with three parties stays PROPOSED until the last accepts; accepting twice is refused', async () => {
    const c = await proposeTestCommitment(t.db, s, { threeParties: true });
    expect((await acceptCommitment(s.associationSignatory.ctx, { commitmentId: c.id })).phase).toBe('PROPOSED');
    const twice = await rejectionOf(acceptCommitment(s.associationSignatory.ctx, { commitmentId: c.id }));
    expect(twice).toBeInstanceOf(ConflictError);
    expect(twice.message).toBe('errors.commitmentParty.accept.ACCEPTED');
    expect((await acceptCommitment(s.otherAssociationAdmin.ctx, { commitmentId: c.id })).phase).toBe('ACTIVE');
  });

  it('the responsible person is a member of the accepting party; a plain member may act once named', async () => {
    const c = await proposeTestCommitment(t.db, s);
    const errors = await fieldErrorsOf(acceptCommitment(s.associationSignatory.ctx, { commitmentId: c.id, responsibleUserId: s.customsAdmin.id }));
    expect(keysOf(errors.responsibleUserId)).toEqual(['errors.commitment.responsibleNotMember']);
    // A plain member cannot accept for the association…
    expect(await rejectionOf(acceptCommitment(s.associationMember.ctx, { commitmentId: c.id }))).toBeInstanceOf(ForbiddenError);
    // …but once named responsible, acts for it.
    await acceptCommitment(s.associationSignatory.ctx, { commitmentId: c.id, responsibleUserId: s.associationMember.id });
    expect(partiesActorMayActFor(s.associationMember.ctx.actor, await t.db.commitmentParty.findMany({ where: { commitmentId: c.id } }))).toEqual([
      s.association.id,
    ]);
  });

  it('the proposer cannot accept on another party’s behalf', async () => {
    const c = await proposeTestCommitment(t.db, s);
    expect(await rejectionOf(acceptCommitment(s.customsAdmin.ctx, { commitmentId: c.id, organizationId: s.association.id }))).toBeInstanceOf(ForbiddenError);
    // Nor for an organisation that is no party at all.
    expect(await rejectionOf(acceptCommitment(s.customsAdmin.ctx, { commitmentId: c.id, organizationId: s.partner.id }))).toBeInstanceOf(ForbiddenError);
    // Its own party has accepted already.
    const own = await rejectionOf(acceptCommitment(s.customsAdmin.ctx, { commitmentId: c.id }));
    expect(own).toBeInstanceOf(ConflictError);
    expect(own.message).toBe('errors.commitmentParty.accept.ACCEPTED');
  });

  it('a party declines with a reason, is told apart, may not decline twice, and may still accept later', async () => {
    const c = await proposeTestCommitment(t.db, s);
    const errors = await fieldErrorsOf(declineCommitment(s.associationSignatory.ctx, { commitmentId: c.id, reason: '' }));
    expect(keysOf(errors.reason)).toEqual(['errors.commitment.reasonRequired']);
    const declined = await declineCommitment(s.associationSignatory.ctx, { commitmentId: c.id, reason: 'We cannot staff the quarterly checks.' });
    expect(declined.phase).toBe('PROPOSED');
    expect(await t.db.commitmentParty.findFirstOrThrow({ where: { commitmentId: c.id, organizationId: s.association.id } })).toMatchObject({
      response: 'DECLINED',
      declineReason: 'We cannot staff the quarterly checks.',
    });
    const changed = await notificationsOf(c.id, 'COMMITMENT_STATUS_CHANGED');
    expect(changed.map((n) => [n.userId, (n.data as { event: string }).event])).toEqual([[s.customsAdmin.id, 'declined']]);
    const twice = await rejectionOf(declineCommitment(s.associationSignatory.ctx, { commitmentId: c.id, reason: 'Still no.' }));
    expect(twice).toBeInstanceOf(ConflictError);
    expect(twice.message).toBe('errors.commitmentParty.decline.DECLINED');
    // The proposer's party has accepted: it cannot decline (it would cancel instead).
    expect((await rejectionOf(declineCommitment(s.customsAdmin.ctx, { commitmentId: c.id, reason: 'Changed our mind.' }))).message).toBe(
      'errors.commitmentParty.decline.ACCEPTED',
    );
    expect((await acceptCommitment(s.associationSignatory.ctx, { commitmentId: c.id })).phase).toBe('ACTIVE');
    expect(await t.db.commitmentParty.findFirstOrThrow({ where: { commitmentId: c.id, organizationId: s.association.id } })).toMatchObject({
      response: 'ACCEPTED',
      declineReason: null,
    });
    expect(await actionsOf(c.id)).toEqual(['commitment.proposed', 'commitment.declined', 'commitment.accepted', 'commitment.activated']);
  });

  it('a non-party cannot change an active (public) commitment', async () => {
    const { commitment } = await activeTestCommitment(t.db, s, { milestones: 0 });
    expect(await rejectionOf(cancelCommitment(s.outsider.ctx, { commitmentId: commitment.id, reason: 'Not mine to cancel.' }))).toBeInstanceOf(ForbiddenError);
    expect(await rejectionOf(cancelCommitment(s.partnerAdmin.ctx, { commitmentId: commitment.id, reason: 'The monitor is no party.' }))).toBeInstanceOf(
      ForbiddenError,
    );
    expect(await rejectionOf(cancelCommitment(s.platformAdmin.ctx, { commitmentId: commitment.id, reason: 'Platform admins read only.' }))).toBeInstanceOf(
      ForbiddenError,
    );
    expect(
      await rejectionOf(cancelCommitment({ db: t.db, actor: { kind: 'anonymous' } }, { commitmentId: commitment.id, reason: 'Anonymous.' })),
    ).toBeInstanceOf(NotAuthenticatedError);
    expect(await rejectionOf(acceptCommitment(s.customsAdmin.ctx, { commitmentId: 'no-such-commitment' }))).toBeInstanceOf(NotFoundError);
  });

  it('asks someone who may act for several parties to choose one', async () => {
    const both = await makeUser(t.db);
    await addMember(system(t.db), { organizationId: s.administration.id, userId: both.id, role: 'LIAISON_OFFICER' });
    await addMember(system(t.db), { organizationId: s.association.id, userId: both.id, role: 'SIGNATORY' });
    const ctx = await ctxFor(t.db, both.id);
    const { commitment } = await activeTestCommitment(t.db, s, { milestones: 0 });
    const errors = await fieldErrorsOf(cancelCommitment(ctx, { commitmentId: commitment.id, reason: 'Which party am I?' }));
    expect(keysOf(errors.organizationId)).toEqual(['errors.commitment.chooseParty']);
    await cancelCommitment(ctx, { commitmentId: commitment.id, organizationId: s.association.id, reason: 'For the association.' });
    // Now only the administration has an act left: no need to choose.
    const cancelled = await cancelCommitment(ctx, { commitmentId: commitment.id, reason: 'For the administration.' });
    expect(cancelled.phase).toBe('CANCELLED');
  });
});

describe('cancelling', () => {
  it('is CANCELLED once every accepted party agreed; each agrees once; audited and notified', async () => {
    const { commitment } = await activeTestCommitment(t.db, s, { milestones: 1 });
    const first = await cancelCommitment(s.customsAdmin.ctx, { commitmentId: commitment.id, reason: 'The law changed; the measure is obsolete.' });
    expect(first.phase).toBe('ACTIVE');
    const twice = await rejectionOf(cancelCommitment(s.customsAdmin.ctx, { commitmentId: commitment.id, reason: 'Again.' }));
    expect(twice).toBeInstanceOf(ConflictError);
    expect(twice.message).toBe('errors.commitment.cancelAlreadyAgreed');
    const second = await cancelCommitment(s.associationSignatory.ctx, { commitmentId: commitment.id, reason: 'Agreed: obsolete.' });
    expect(second.phase).toBe('CANCELLED');
    expect(second.cancelledAt).toBeInstanceOf(Date);
    expect((await actionsOf(commitment.id)).slice(-3)).toEqual(['commitment.cancelAgreed', 'commitment.cancelAgreed', 'commitment.cancelled']);
    const cancelled = (await notificationsOf(commitment.id, 'COMMITMENT_STATUS_CHANGED')).filter((n) => (n.data as { event: string }).event === 'cancelled');
    expect(cancelled.map((n) => n.userId)).toEqual([s.customsAdmin.id]);
    const after = await rejectionOf(cancelCommitment(s.associationSignatory.ctx, { commitmentId: commitment.id, reason: 'Once more.' }));
    expect(after).toBeInstanceOf(ConflictError);
    expect(after.message).toBe('errors.commitmentPhase.cancel.CANCELLED');
  });

  it('a proposal is withdrawn when the proposer (the only accepted party) agrees; pending parties cannot', async () => {
    const c = await proposeTestCommitment(t.db, s);
    const pending = await rejectionOf(cancelCommitment(s.associationSignatory.ctx, { commitmentId: c.id, reason: 'Not ours to withdraw.' }));
    expect(pending).toBeInstanceOf(ConflictError);
    expect(pending.message).toBe('errors.commitmentParty.cancel.PENDING');
    expect((await cancelCommitment(s.customsAdmin.ctx, { commitmentId: c.id, reason: 'Withdrawn by the proposer.' })).phase).toBe('CANCELLED');
    expect((await rejectionOf(acceptCommitment(s.associationSignatory.ctx, { commitmentId: c.id }))).message).toBe('errors.commitmentPhase.accept.CANCELLED');
  });

  it('a completed commitment cannot be cancelled', async () => {
    const { commitment, milestones } = await activeTestCommitment(t.db, s, { milestones: 1 });
    await markTestMilestoneDone(t.db, s, milestones[0]);
    await confirmMilestone(s.associationSignatory.ctx, { milestoneId: milestones[0].id });
    const refused = await rejectionOf(cancelCommitment(s.customsAdmin.ctx, { commitmentId: commitment.id, reason: 'Too late.' }));
    expect(refused).toBeInstanceOf(ConflictError);
    expect(refused.message).toBe('errors.commitment.cancelCompleted');
  });
});

describe('from an issue', () => {
  it('pre-fills a draft from an issue the actor can see, and links both ways', async () => {
    const issue = await raiseIssue(s.associationMember.ctx, {
      organizationId: s.association.id,
      ...issueInput(s.administration.id, { visibility: 'RESTRICTED', category: 'UNOFFICIAL_PAYMENT', factor: 'CODE_OF_CONDUCT' }),
    });
    const draft = await commitmentDraftFromIssue(s.customsAdmin.ctx, issue.id);
    expect(draft).toEqual({
      title: issue.title,
      description: issue.description,
      type: 'DETECTION',
      factors: ['CODE_OF_CONDUCT'],
      issueIds: [issue.id],
      partyOrganizationIds: [s.association.id],
      proposerOrganizationId: s.administration.id,
      startDate: today(),
      issue: { id: issue.id, reference: issue.reference, title: issue.title },
    });
    // The association's side sees the administration as the other party.
    expect(await commitmentDraftFromIssue(s.associationSignatory.ctx, issue.id)).toMatchObject({
      partyOrganizationIds: [s.administration.id],
      proposerOrganizationId: s.association.id,
    });
    expect(await rejectionOf(commitmentDraftFromIssue(s.outsider.ctx, issue.id))).toBeInstanceOf(NotFoundError);
    expect(await rejectionOf(createCommitmentFromIssue(s.outsider.ctx, { issueId: issue.id }))).toBeInstanceOf(NotFoundError);

    const c = await createCommitmentFromIssue(s.customsAdmin.ctx, { issueId: issue.id, title: 'Zero tolerance for unofficial payments at Khorgos' });
    expect(c).toMatchObject({ title: 'Zero tolerance for unofficial payments at Khorgos', type: 'DETECTION', factors: ['CODE_OF_CONDUCT'], phase: 'PROPOSED' });
    expect(await t.db.commitmentIssue.findMany({ where: { commitmentId: c.id }, select: { issueId: true } })).toEqual([{ issueId: issue.id }]);
    expect(await actionsOf(issue.id)).toContain('issue.commitmentLinked');
  });

  it('reports missing fields of the merged proposal on their own paths', async () => {
    const issue = await raiseIssue(s.associationMember.ctx, { organizationId: s.association.id, ...issueInput(s.administration.id) });
    const errors = await fieldErrorsOf(createCommitmentFromIssue(s.customsAdmin.ctx, { issueId: issue.id, startDate: '2026-02-30' }));
    expect(keysOf(errors.startDate)).toEqual(['errors.commitment.dateInvalid']);
    expect(keysOf((await fieldErrorsOf(createCommitmentFromIssue(s.customsAdmin.ctx, {}))).issueId)).toEqual(['errors.required']);
  });
});

describe('action plans', () => {
  const planInput = (overrides: Record<string, unknown> = {}) => ({
    administrationId: s.administration.id,
    title: 'National integrity action plan 2027',
    description: 'Prevention and detection measures agreed with the business community.',
    periodStart: '2027-01-01',
    periodEnd: '2027-12-31',
    ...overrides,
  });

  it('the administration’s admin creates, edits and publishes a plan, audited', async () => {
    const plan = await createActionPlan(s.customsAdmin.ctx, planInput());
    expect(plan).toMatchObject({ status: 'DRAFT', administrationId: s.administration.id, publishedAt: null });
    expect(plan.slug).toMatch(/^national-integrity-action-plan-2027/);
    const second = await createActionPlan(s.customsAdmin.ctx, planInput());
    expect(second.slug).not.toBe(plan.slug);
    const updated = await updateActionPlan(s.customsAdmin.ctx, {
      actionPlanId: plan.id,
      ...planInput({ title: 'National integrity action plan 2027–2028', periodEnd: '2028-12-31' }),
    });
    expect(updated.periodEnd.toISOString().slice(0, 10)).toBe('2028-12-31');
    const published = await publishActionPlan(s.customsAdmin.ctx, { actionPlanId: plan.id });
    expect(published.status).toBe('PUBLISHED');
    expect(published.publishedAt).toBeInstanceOf(Date);
    const again = await rejectionOf(publishActionPlan(s.customsAdmin.ctx, { actionPlanId: plan.id }));
    expect(again).toBeInstanceOf(ConflictError);
    expect(again.message).toBe('errors.actionPlan.alreadyPublished');
    expect(await actionsOf(plan.id)).toEqual(['actionPlan.created', 'actionPlan.updated', 'actionPlan.published']);
  });

  it('refuses other roles and organisations; a draft is hidden from outsiders', async () => {
    expect(await rejectionOf(createActionPlan(s.customsLiaison.ctx, planInput()))).toBeInstanceOf(ForbiddenError);
    expect(await rejectionOf(createActionPlan(s.platformAdmin.ctx, planInput()))).toBeInstanceOf(ForbiddenError);
    let errors = await fieldErrorsOf(createActionPlan(s.associationSignatory.ctx, planInput({ administrationId: s.association.id })));
    expect(keysOf(errors.administrationId)).toEqual(['errors.actionPlan.administrationNotCustoms']);
    errors = await fieldErrorsOf(createActionPlan(s.customsAdmin.ctx, planInput({ periodEnd: '2026-12-31' })));
    expect(keysOf(errors.periodEnd)).toEqual(['errors.actionPlan.periodEndBeforeStart']);
    errors = await fieldErrorsOf(createActionPlan(s.customsAdmin.ctx, planInput({ periodStart: '2027-02-30' })));
    expect(keysOf(errors.periodStart)).toEqual(['errors.commitment.dateInvalid']);
    const plan = await createActionPlan(s.customsAdmin.ctx, planInput());
    expect(await rejectionOf(publishActionPlan(s.outsider.ctx, { actionPlanId: plan.id }))).toBeInstanceOf(NotFoundError);
    expect(await rejectionOf(publishActionPlan(s.associationSignatory.ctx, { actionPlanId: plan.id }))).toBeInstanceOf(NotFoundError);
    expect(await rejectionOf(publishActionPlan(s.customsLiaison.ctx, { actionPlanId: plan.id }))).toBeInstanceOf(ForbiddenError);
  });

  it('links a commitment to a plan its administration is party to and the actor can see', async () => {
    const plan = await createActionPlan(s.customsAdmin.ctx, planInput());
    const c = await proposeTestCommitment(t.db, s, { actionPlanId: plan.id });
    expect(c.actionPlanId).toBe(plan.id);
    // The association cannot see the draft plan.
    let errors = await fieldErrorsOf(
      proposeTestCommitment(t.db, s, {
        by: s.associationSignatory.ctx,
        proposerOrganizationId: s.association.id,
        partyOrganizationIds: [s.administration.id],
        actionPlanId: plan.id,
      }),
    );
    expect(keysOf(errors.actionPlanId)).toEqual(['errors.notFound']);
    // Another administration's plan: that administration must be a party.
    const other = await createOrganization(
      system(t.db),
      { name: `Other customs ${Date.now()}`, kind: 'CUSTOMS_ADMINISTRATION', country: 'UZ' },
      { verified: true },
    );
    const otherAdmin = await makeUser(t.db);
    await addMember(system(t.db), { organizationId: other.id, userId: otherAdmin.id, role: 'ORG_ADMIN' });
    const otherPlan = await createActionPlan(await ctxFor(t.db, otherAdmin.id), planInput({ administrationId: other.id }));
    await publishActionPlan(await ctxFor(t.db, otherAdmin.id), { actionPlanId: otherPlan.id });
    errors = await fieldErrorsOf(proposeTestCommitment(t.db, s, { actionPlanId: otherPlan.id }));
    expect(keysOf(errors.actionPlanId)).toEqual(['errors.commitment.planAdministrationNotParty']);
  });
});

describe('commitmentInput', () => {
  it('builds a valid input the schema accepts from forms (single strings for lists)', async () => {
    const input = commitmentInput(s, { today: today() });
    const c = await createCommitment(s.customsAdmin.ctx, {
      ...input,
      factors: 'TRANSPARENCY',
      partyOrganizationIds: s.association.id,
      pledgeIds: '',
      issueIds: '',
    });
    expect(c.factors).toEqual(['TRANSPARENCY']);
  });
});

describe('refused proposals write nothing', () => {
  it('an unverified proposer is refused, and a refused proposal leaves no rows, events or numbers behind', async () => {
    const unverified = await createOrganization(system(t.db), { name: `Unverified association ${Date.now()}`, kind: 'BUSINESS_ASSOCIATION', country: 'KZ' });
    const signatory = await makeUser(t.db);
    await addMember(system(t.db), { organizationId: unverified.id, userId: signatory.id, role: 'SIGNATORY' });
    const counts = async () => ({
      commitments: await t.db.commitment.count(),
      parties: await t.db.commitmentParty.count(),
      milestones: await t.db.milestone.count(),
      audits: await t.db.auditEvent.count(),
      notifications: await t.db.notification.count(),
      counter: (await t.db.referenceCounter.aggregate({ _sum: { last: true } }))._sum.last ?? 0,
    });
    const before = await counts();
    const errors = await fieldErrorsOf(
      proposeTestCommitment(t.db, s, {
        by: await ctxFor(t.db, signatory.id),
        proposerOrganizationId: unverified.id,
        partyOrganizationIds: [s.administration.id],
        milestoneCount: 1,
      }),
    );
    expect(keysOf(errors.proposerOrganizationId)).toEqual(['errors.commitment.partyUnverified']);
    // Refused late (the monitor is checked after the parties): nothing of it stays.
    await fieldErrorsOf(proposeTestCommitment(t.db, s, { milestoneCount: 2, monitorOrganizationId: s.otherAssociation.id }));
    expect(await counts()).toEqual(before);
  });

  it('partiesActorMayActFor lists the parties by the policy', () => {
    const parties = [
      { organizationId: s.administration.id, responsibleUserId: s.customsAdmin.id },
      { organizationId: s.association.id, responsibleUserId: s.associationMember.id },
    ];
    expect(partiesActorMayActFor(s.customsLiaison.ctx.actor, parties)).toEqual([s.administration.id]);
    expect(partiesActorMayActFor(s.associationMember.ctx.actor, parties)).toEqual([s.association.id]);
    expect(partiesActorMayActFor(s.associationMember.ctx.actor, [{ organizationId: s.association.id, responsibleUserId: null }])).toEqual([]);
    expect(partiesActorMayActFor(s.partnerAdmin.ctx.actor, parties)).toEqual([]);
    expect(partiesActorMayActFor(s.platformAdmin.ctx.actor, parties)).toEqual([]);
  });
});
