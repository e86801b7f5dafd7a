// Milestones of joint commitments (app/domain/milestones.server.ts): adding, editing, marking done with evidence,
// the all-parties confirmation rule, disputes, the monitor's attestation; refusals, audit events, notifications and
// the commitment's stored progress.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { verifyAuditChain } from '../../app/domain/audit.server';
import { addCalendarDays, deriveCommitmentStatus, isoDate, todayOf } from '../../app/domain/commitment-rules';
import { cancelCommitment } from '../../app/domain/commitments.server';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../app/domain/errors.server';
import { addMilestone, attestMilestone, completeMilestone, confirmMilestone, disputeMilestone, updateMilestone } from '../../app/domain/milestones.server';
import { type CommitmentSetup, activeTestCommitment, makeCommitmentSetup, markTestMilestoneDone, proposeTestCommitment } from '../helpers/commitments';
import { type TestDatabase, createTestDatabase } from '../helpers/db';
import { at, filesIn, rejectionOf, textFile, useTempFileStore } from '../helpers/issues';

let t: TestDatabase;
let s: CommitmentSetup;
let dir: string;
const today = () => todayOf(new Date());

// The machine running the suite may be busy: generous limits (the setup hashes a dozen passwords).
vi.setConfig({ testTimeout: 180_000 });

beforeAll(async () => {
  t = await createTestDatabase();
  dir = useTempFileStore();
  s = await makeCommitmentSetup(t.db);
}, 300_000);
afterAll(async () => {
  if (t) expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  await t?.close();
}, 120_000);

const actionsOf = async (subjectId: string) => (await t.db.auditEvent.findMany({ where: { subjectId }, orderBy: { seq: 'asc' } })).map((e) => e.action);
const notificationsOf = (subjectId: string, kind: string) =>
  t.db.notification.findMany({ where: { subjectId, kind: kind as never }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
const commitmentOf = (id: string) => t.db.commitment.findUniqueOrThrow({ where: { id } });
async function fieldErrorsOf(promise: Promise<unknown>) {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).fieldErrors;
}
const keysOf = (messages: unknown[] | undefined) => (messages ?? []).map((m) => (typeof m === 'string' ? m : (m as { key: string }).key));
async function conflictKey(promise: Promise<unknown>) {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(ConflictError);
  return (error as ConflictError).message;
}
const EVIDENCE = { evidenceText: 'Posted at all 12 gates; photos in the report.', evidenceLinks: ['https://example.test/report.pdf'] };

describe('adding and editing milestones', () => {
  it('any party adds one while proposed or active; the stored progress follows', async () => {
    const c = await proposeTestCommitment(t.db, s);
    const first = await addMilestone(s.associationSignatory.ctx, {
      commitmentId: c.id,
      title: 'Quarterly check of the gates',
      deliverable: 'A checklist per gate.',
      ownerOrganizationId: s.association.id,
      dueDate: addCalendarDays(today(), 90),
    });
    expect(first).toMatchObject({ state: 'OPEN', round: 0 });
    expect(await commitmentOf(c.id)).toMatchObject({ milestoneCount: 1, completedCount: 0 });
    expect(isoDate((await commitmentOf(c.id)).nextOpenDueDate!)).toBe(addCalendarDays(today(), 90));
    const audit = await t.db.auditEvent.findFirstOrThrow({ where: { subjectId: c.id, action: 'milestone.added' } });
    expect(audit).toMatchObject({ organizationId: s.association.id, data: { milestoneId: first.id, milestoneTitle: 'Quarterly check of the gates' } });
  });

  it('refuses a due date before the start, an owner that is no party, non-parties and a cancelled commitment', async () => {
    const { commitment } = await activeTestCommitment(t.db, s, { milestones: 0 });
    const base = {
      commitmentId: commitment.id,
      title: 'A milestone',
      deliverable: 'Something.',
      ownerOrganizationId: s.administration.id,
      dueDate: addCalendarDays(today(), 5),
    };
    let errors = await fieldErrorsOf(addMilestone(s.customsAdmin.ctx, { ...base, dueDate: addCalendarDays(today(), -1) }));
    expect(keysOf(errors.dueDate)).toEqual(['errors.milestone.dueBeforeStart']);
    errors = await fieldErrorsOf(addMilestone(s.customsAdmin.ctx, { ...base, ownerOrganizationId: s.partner.id }));
    expect(keysOf(errors.ownerOrganizationId)).toEqual(['errors.milestone.ownerNotParty']);
    errors = await fieldErrorsOf(addMilestone(s.customsAdmin.ctx, { ...base, dueDate: '2027-02-29' }));
    expect(keysOf(errors.dueDate)).toEqual(['errors.commitment.dateInvalid']);
    expect(await rejectionOf(addMilestone(s.outsider.ctx, base))).toBeInstanceOf(ForbiddenError);
    expect(await rejectionOf(addMilestone(s.partnerAdmin.ctx, base))).toBeInstanceOf(ForbiddenError);
    expect(await rejectionOf(addMilestone(s.associationMember.ctx, base))).toBeInstanceOf(ForbiddenError);
    await cancelCommitment(s.customsAdmin.ctx, { commitmentId: commitment.id, reason: 'Obsolete.' });
    await cancelCommitment(s.associationSignatory.ctx, { commitmentId: commitment.id, reason: 'Obsolete.' });
    expect(await conflictKey(addMilestone(s.customsAdmin.ctx, base))).toBe('errors.commitmentPhase.addMilestone.CANCELLED');
  });

  it('edits an OPEN milestone, auditing what changed; not once it is marked done', async () => {
    const { commitment, milestones } = await activeTestCommitment(t.db, s, { milestones: 2 });
    const [m] = milestones;
    const newDue = addCalendarDays(today(), 3);
    const updated = await updateMilestone(s.associationSignatory.ctx, { milestoneId: m.id, dueDate: newDue, ownerOrganizationId: s.association.id });
    expect(isoDate(updated.dueDate)).toBe(newDue);
    const audit = await t.db.auditEvent.findFirstOrThrow({ where: { subjectId: commitment.id, action: 'milestone.updated' } });
    expect((audit.data as { changes: Record<string, unknown> }).changes).toMatchObject({ dueDate: { from: isoDate(m.dueDate), to: newDue } });
    expect(isoDate((await commitmentOf(commitment.id)).nextOpenDueDate!)).toBe(newDue);
    // Nothing changed: no event.
    await updateMilestone(s.associationSignatory.ctx, { milestoneId: m.id, dueDate: newDue });
    expect((await actionsOf(commitment.id)).filter((a) => a === 'milestone.updated')).toHaveLength(1);
    const errors = await fieldErrorsOf(updateMilestone(s.customsAdmin.ctx, { milestoneId: m.id, dueDate: addCalendarDays(today(), -2) }));
    expect(keysOf(errors.dueDate)).toEqual(['errors.milestone.dueBeforeStart']);
    await markTestMilestoneDone(t.db, s, updated);
    expect(await conflictKey(updateMilestone(s.customsAdmin.ctx, { milestoneId: m.id, title: 'Renamed' }))).toBe('errors.milestoneState.update.DONE');
    expect(await rejectionOf(updateMilestone(s.customsAdmin.ctx, { milestoneId: 'no-such-milestone', title: 'Renamed' }))).toBeInstanceOf(NotFoundError);
  });

  it('a proposed commitment’s milestones are hidden from outsiders', async () => {
    const c = await proposeTestCommitment(t.db, s, { milestoneCount: 1 });
    const [m] = await t.db.milestone.findMany({ where: { commitmentId: c.id } });
    expect(await rejectionOf(updateMilestone(s.outsider.ctx, { milestoneId: m.id, title: 'Renamed' }))).toBeInstanceOf(NotFoundError);
  });
});

describe('marking done and confirming', () => {
  it('the owner marks done with evidence: a new round, its own confirmation, the others asked', async () => {
    const { commitment, milestones } = await activeTestCommitment(t.db, s, { milestones: 2 });
    const [m] = milestones; // owned by the administration
    const done = await completeMilestone(s.customsLiaison.ctx, { milestoneId: m.id, ...EVIDENCE });
    expect(done).toMatchObject({
      state: 'DONE',
      round: 1,
      doneById: s.customsLiaison.id,
      evidenceLinks: EVIDENCE.evidenceLinks,
      evidenceText: EVIDENCE.evidenceText,
    });
    expect(await t.db.milestoneConfirmation.findMany({ where: { milestoneId: m.id }, select: { round: true, userId: true } })).toEqual([
      { round: 1, userId: s.customsLiaison.id },
    ]);
    const asked = await notificationsOf(commitment.id, 'MILESTONE_AWAITING_CONFIRMATION');
    expect(asked.map((n) => n.userId)).toEqual([s.associationSignatory.id]);
    expect(asked[0].data).toMatchObject({ event: 'awaitingConfirmation', milestoneId: m.id, milestoneTitle: m.title, reference: commitment.reference });
    // Done but unconfirmed: not completed, and not open either.
    expect(await commitmentOf(commitment.id)).toMatchObject({ completedCount: 0, milestoneCount: 2 });
    expect(await actionsOf(commitment.id)).toContain('milestone.done');
  });

  it('needs evidence, http(s) links, an ACTIVE commitment and the owner party', async () => {
    const { milestones } = await activeTestCommitment(t.db, s, { milestones: 2 });
    const [ownedByCustoms, ownedByAssociation] = milestones;
    let errors = await fieldErrorsOf(completeMilestone(s.customsAdmin.ctx, { milestoneId: ownedByCustoms.id }));
    expect(keysOf(errors.evidenceText)).toEqual(['errors.milestone.evidenceRequired']);
    errors = await fieldErrorsOf(
      completeMilestone(s.customsAdmin.ctx, { milestoneId: ownedByCustoms.id, evidenceLinks: 'ftp://example.test/x javascript:alert(1)' }),
    );
    expect(keysOf(errors['evidenceLinks.0'])).toEqual(['errors.url']);
    expect(keysOf(errors['evidenceLinks.1'])).toEqual(['errors.url']);
    errors = await fieldErrorsOf(
      completeMilestone(s.customsAdmin.ctx, {
        milestoneId: ownedByCustoms.id,
        evidenceLinks: Array.from({ length: 11 }, (_, i) => `https://example.test/${i}`),
      }),
    );
    expect(keysOf(errors.evidenceLinks)).toEqual(['errors.tooMany']);
    // Another party (even one that may act on the commitment) cannot mark the owner's milestone done.
    const other = await rejectionOf(completeMilestone(s.associationSignatory.ctx, { milestoneId: ownedByCustoms.id, ...EVIDENCE }));
    expect(other).toBeInstanceOf(ForbiddenError);
    expect(other.message).toBe('errors.milestone.ownerOnly');
    expect(
      await rejectionOf(completeMilestone(s.customsAdmin.ctx, { milestoneId: ownedByCustoms.id, organizationId: s.association.id, ...EVIDENCE })),
    ).toBeInstanceOf(ForbiddenError);
    expect(await rejectionOf(completeMilestone(s.outsider.ctx, { milestoneId: ownedByAssociation.id, ...EVIDENCE }))).toBeInstanceOf(ForbiddenError);
    // Links typed into one field, separated by spaces or new lines.
    const done = await completeMilestone(s.associationSignatory.ctx, {
      milestoneId: ownedByAssociation.id,
      evidenceLinks: 'https://a.example/1\nhttps://b.example/2 ',
    });
    expect(done.evidenceLinks).toEqual(['https://a.example/1', 'https://b.example/2']);
    expect(await conflictKey(completeMilestone(s.associationSignatory.ctx, { milestoneId: ownedByAssociation.id, ...EVIDENCE }))).toBe(
      'errors.milestoneState.complete.DONE',
    );

    const proposed = await proposeTestCommitment(t.db, s, { milestoneCount: 1 });
    const [p] = await t.db.milestone.findMany({ where: { commitmentId: proposed.id } });
    expect(await conflictKey(completeMilestone(s.customsAdmin.ctx, { milestoneId: p.id, ...EVIDENCE }))).toBe('errors.commitmentPhase.complete.PROPOSED');
  });

  it('stores evidence files with the round; a refused command leaves no file behind', async () => {
    const { milestones } = await activeTestCommitment(t.db, s, { milestones: 1 });
    const before = filesIn(dir).length;
    expect(await rejectionOf(completeMilestone(s.associationSignatory.ctx, { milestoneId: milestones[0].id }, [textFile()]))).toBeInstanceOf(ForbiddenError);
    expect(filesIn(dir).length).toBe(before);
    const done = await completeMilestone(s.customsAdmin.ctx, { milestoneId: milestones[0].id }, [textFile('gates.txt')]);
    const attachments = await t.db.milestoneAttachment.findMany({ where: { milestoneId: done.id } });
    expect(attachments).toHaveLength(1);
    expect(attachments[0]).toMatchObject({ round: 1, fileName: 'gates.txt', contentType: 'text/plain', uploadedById: s.customsAdmin.id });
    expect(filesIn(dir).length).toBe(before + 1);
  });

  it('is COMPLETED only when every party has confirmed; the last completes the commitment', async () => {
    const { commitment, milestones } = await activeTestCommitment(t.db, s, { milestones: 1, threeParties: true });
    const [m] = milestones;
    await markTestMilestoneDone(t.db, s, m);
    const first = await confirmMilestone(s.associationSignatory.ctx, { milestoneId: m.id });
    expect(first.state).toBe('DONE');
    expect(await commitmentOf(commitment.id)).toMatchObject({ completedCount: 0, completedAt: null });
    const asked = await notificationsOf(commitment.id, 'MILESTONE_AWAITING_CONFIRMATION');
    expect(asked.map((n) => n.userId).sort()).toEqual([s.associationSignatory.id, s.otherAssociationAdmin.id].sort());
    const last = await confirmMilestone(s.otherAssociationAdmin.ctx, { milestoneId: m.id });
    expect(last.state).toBe('COMPLETED');
    expect(last.completedAt).toBeInstanceOf(Date);
    const stored = await commitmentOf(commitment.id);
    expect(stored).toMatchObject({ milestoneCount: 1, completedCount: 1, nextOpenDueDate: null });
    expect(stored.completedAt).toEqual(last.completedAt);
    expect(deriveCommitmentStatus(stored, today())).toBe('COMPLETED');
    expect((await actionsOf(commitment.id)).slice(-4)).toEqual(['milestone.done', 'milestone.confirmed', 'milestone.confirmed', 'milestone.completed']);
    const completed = (await notificationsOf(commitment.id, 'COMMITMENT_STATUS_CHANGED')).filter((n) => (n.data as { event: string }).event === 'completed');
    expect(completed.map((n) => n.userId).sort()).toEqual([s.customsAdmin.id, s.associationSignatory.id].sort());
  });

  it('refuses a party confirming twice, the owner confirming on another party’s behalf, and non-parties', async () => {
    const { milestones } = await activeTestCommitment(t.db, s, { milestones: 1, threeParties: true });
    const [m] = milestones;
    expect(await conflictKey(confirmMilestone(s.associationSignatory.ctx, { milestoneId: m.id }))).toBe('errors.milestoneState.confirm.OPEN');
    await markTestMilestoneDone(t.db, s, m);
    // The owner's party confirmed by marking it done.
    expect(await conflictKey(confirmMilestone(s.customsAdmin.ctx, { milestoneId: m.id }))).toBe('errors.milestone.alreadyConfirmed');
    const behalf = await rejectionOf(confirmMilestone(s.customsAdmin.ctx, { milestoneId: m.id, organizationId: s.association.id }));
    expect(behalf).toBeInstanceOf(ForbiddenError);
    expect(await rejectionOf(confirmMilestone(s.outsider.ctx, { milestoneId: m.id }))).toBeInstanceOf(ForbiddenError);
    expect(await rejectionOf(confirmMilestone(s.partnerAdmin.ctx, { milestoneId: m.id }))).toBeInstanceOf(ForbiddenError);
    expect(await rejectionOf(confirmMilestone(s.associationMember.ctx, { milestoneId: m.id }))).toBeInstanceOf(ForbiddenError);
    await confirmMilestone(s.associationSignatory.ctx, { milestoneId: m.id });
    expect(await conflictKey(confirmMilestone(s.associationSignatory.ctx, { milestoneId: m.id }))).toBe('errors.milestone.alreadyConfirmed');
    expect(await t.db.milestoneConfirmation.count({ where: { milestoneId: m.id } })).toBe(2);
  });
});

describe('disputes', () => {
  it('a party that has not confirmed disputes with a reason: OPEN again, the owner told, evidence kept; a new round starts over', async () => {
    const { commitment, milestones } = await activeTestCommitment(t.db, s, { milestones: 1 });
    const [m] = milestones;
    await markTestMilestoneDone(t.db, s, m);
    const errors = await fieldErrorsOf(disputeMilestone(s.associationSignatory.ctx, { milestoneId: m.id, reason: ' ' }));
    expect(keysOf(errors.reason)).toEqual(['errors.commitment.reasonRequired']);
    // The owner's party has confirmed: it cannot dispute.
    expect(await conflictKey(disputeMilestone(s.customsAdmin.ctx, { milestoneId: m.id, reason: 'Second thoughts.' }))).toBe(
      'errors.milestone.disputeAfterConfirm',
    );
    const disputed = await disputeMilestone(s.associationSignatory.ctx, { milestoneId: m.id, reason: 'Gate 7 shows no schedule.' });
    expect(disputed).toMatchObject({
      state: 'OPEN',
      round: 1,
      disputeReason: 'Gate 7 shows no schedule.',
      evidenceText: 'The schedule is posted at every gate.',
    });
    const association = await t.db.commitmentParty.findFirstOrThrow({ where: { commitmentId: commitment.id, organizationId: s.association.id } });
    expect(disputed.disputedByPartyId).toBe(association.id);
    const told = await notificationsOf(commitment.id, 'MILESTONE_DISPUTED');
    expect(told.map((n) => n.userId)).toEqual([s.customsAdmin.id]);
    expect(told[0].data).toMatchObject({ event: 'disputed', milestoneId: m.id });
    expect(isoDate((await commitmentOf(commitment.id)).nextOpenDueDate!)).toBe(isoDate(m.dueDate));
    expect(await conflictKey(disputeMilestone(s.associationSignatory.ctx, { milestoneId: m.id, reason: 'Again.' }))).toBe('errors.milestoneState.dispute.OPEN');

    const again = await markTestMilestoneDone(t.db, s, disputed);
    expect(again.round).toBe(2);
    expect(await t.db.milestoneConfirmation.count({ where: { milestoneId: m.id, round: 2 } })).toBe(1);
    expect((await confirmMilestone(s.associationSignatory.ctx, { milestoneId: m.id })).state).toBe('COMPLETED');
    expect(await conflictKey(disputeMilestone(s.associationSignatory.ctx, { milestoneId: m.id, reason: 'Too late.' }))).toBe(
      'errors.milestoneState.dispute.COMPLETED',
    );
    expect((await actionsOf(commitment.id)).filter((a) => a.startsWith('milestone.'))).toEqual([
      'milestone.done',
      'milestone.disputed',
      'milestone.done',
      'milestone.confirmed',
      'milestone.completed',
    ]);
  });
});

describe('attestation', () => {
  it('the monitor attests a completed milestone once, with a note', async () => {
    const { commitment, milestones } = await activeTestCommitment(t.db, s, { milestones: 2 });
    const [m] = milestones;
    await markTestMilestoneDone(t.db, s, m);
    expect(await conflictKey(attestMilestone(s.partnerAdmin.ctx, { milestoneId: m.id }))).toBe('errors.milestoneState.attest.DONE');
    await confirmMilestone(s.associationSignatory.ctx, { milestoneId: m.id });
    expect(await rejectionOf(attestMilestone(s.customsAdmin.ctx, { milestoneId: m.id }))).toBeInstanceOf(ForbiddenError);
    expect(await rejectionOf(attestMilestone(s.outsider.ctx, { milestoneId: m.id }))).toBeInstanceOf(ForbiddenError);
    const attested = await attestMilestone(s.partnerAdmin.ctx, { milestoneId: m.id, note: 'Checked 5 gates in person.' });
    expect(attested).toMatchObject({ attestedById: s.partnerAdmin.id, attestationNote: 'Checked 5 gates in person.' });
    expect(attested.attestedAt).toBeInstanceOf(Date);
    expect(await conflictKey(attestMilestone(s.partnerAdmin.ctx, { milestoneId: m.id }))).toBe('errors.milestone.alreadyAttested');
    const audit = await t.db.auditEvent.findFirstOrThrow({ where: { subjectId: commitment.id, action: 'milestone.attested' } });
    expect(audit.organizationId).toBe(s.partner.id);
  });

  it('without a monitor nobody attests', async () => {
    const { milestones } = await activeTestCommitment(t.db, s, { milestones: 1, monitorOrganizationId: '' });
    await markTestMilestoneDone(t.db, s, milestones[0]);
    await confirmMilestone(s.associationSignatory.ctx, { milestoneId: milestones[0].id });
    const refused = await rejectionOf(attestMilestone(s.partnerAdmin.ctx, { milestoneId: milestones[0].id }));
    expect(refused).toBeInstanceOf(ForbiddenError);
    expect(refused.message).toBe('errors.milestone.noMonitor');
  });
});

describe('stored progress and the clock', () => {
  it('keeps the counters the derived status is computed from, at date boundaries', async () => {
    const start = '2030-03-01';
    const now = `${start}T09:00:00.000Z`;
    const { commitment, milestones } = await activeTestCommitment(t.db, s, { milestones: 2, now });
    const stored = await commitmentOf(commitment.id);
    expect(isoDate(stored.nextOpenDueDate!)).toBe('2030-03-31');
    expect(deriveCommitmentStatus(stored, '2030-03-16')).toBe('ON_TRACK');
    expect(deriveCommitmentStatus(stored, '2030-03-17')).toBe('AT_RISK');
    expect(deriveCommitmentStatus(stored, '2030-04-01')).toBe('DELAYED');
    // Marked done (late): no longer makes it late; the next open one counts.
    await completeMilestone(at(s.customsAdmin.ctx, '2030-04-02T09:00:00.000Z'), { milestoneId: milestones[0].id, ...EVIDENCE });
    const after = await commitmentOf(commitment.id);
    expect(isoDate(after.nextOpenDueDate!)).toBe('2030-04-30');
    expect(deriveCommitmentStatus(after, '2030-04-02')).toBe('ON_TRACK');
    expect(deriveCommitmentStatus(after, '2030-04-16')).toBe('AT_RISK');
    const done = await t.db.milestone.findUniqueOrThrow({ where: { id: milestones[0].id } });
    expect(done.doneAt?.toISOString()).toBe('2030-04-02T09:00:00.000Z');
  });
});
