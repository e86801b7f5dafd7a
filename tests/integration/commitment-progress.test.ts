// The stored progress counters of a commitment (aggregated by the database in refreshProgress) agree with the pure
// summarizeMilestones of commitment-rules.ts, through milestones opened, marked done, confirmed and disputed.
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { summarizeMilestones } from '../../app/domain/commitment-rules';
import { confirmMilestone, disputeMilestone } from '../../app/domain/milestones.server';
import { type CommitmentSetup, activeTestCommitment, makeCommitmentSetup, markTestMilestoneDone } from '../helpers/commitments';
import { type TestDatabase, createTestDatabase } from '../helpers/db';

let t: TestDatabase;
let s: CommitmentSetup;
vi.setConfig({ testTimeout: 180_000 });

beforeAll(async () => {
  t = await createTestDatabase();
  s = await makeCommitmentSetup(t.db);
}, 300_000);
afterAll(async () => {
  await t?.close();
}, 120_000);

async function expectCountersAgree(commitmentId: string) {
  const commitment = await t.db.commitment.findUniqueOrThrow({ where: { id: commitmentId } });
  const expected = summarizeMilestones(await t.db.milestone.findMany({ where: { commitmentId } }));
  expect({
    milestoneCount: commitment.milestoneCount,
    completedCount: commitment.completedCount,
    nextOpenDueDate: commitment.nextOpenDueDate?.toISOString().slice(0, 10) ?? null,
    completedAt: commitment.completedAt,
  }).toEqual(expected);
  return commitment;
}

it('keeps the stored counters equal to the pure summary after every kind of milestone change', async () => {
  const { commitment, milestones } = await activeTestCommitment(t.db, s, { milestones: 3 });
  await expectCountersAgree(commitment.id);
  const [first, second] = milestones;
  await markTestMilestoneDone(t.db, s, first);
  await expectCountersAgree(commitment.id);
  await markTestMilestoneDone(t.db, s, second);
  const pending = await t.db.commitmentParty.findMany({ where: { commitmentId: commitment.id } });
  const ownerOf = (id: string) => pending.find((p) => p.id === id)!.organizationId;
  // The other party confirms the first milestone and disputes the second.
  const other = (m: typeof first) => (ownerOf(m.ownerPartyId) === s.administration.id ? s.associationSignatory.ctx : s.customsAdmin.ctx);
  const otherOrg = (m: typeof first) => (ownerOf(m.ownerPartyId) === s.administration.id ? s.association.id : s.administration.id);
  await confirmMilestone(other(first), { milestoneId: first.id, organizationId: otherOrg(first) });
  const afterConfirm = await expectCountersAgree(commitment.id);
  expect(afterConfirm.completedCount).toBe(1);
  await disputeMilestone(other(second), { milestoneId: second.id, organizationId: otherOrg(second), reason: 'The report is not attached.' });
  const afterDispute = await expectCountersAgree(commitment.id);
  expect(afterDispute.nextOpenDueDate).not.toBeNull();
});
