// Joint commitments under concurrency: every command locks the commitment's row first, so parties confirming,
// accepting or proposing at once never lose or double an act — exactly one completion, exactly one activation,
// distinct references — and one party confirming twice at once gets exactly one ConflictError.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Db, createDb } from '../../app/db/client.server';
import { verifyAuditChain } from '../../app/domain/audit.server';
import { acceptCommitment, cancelCommitment } from '../../app/domain/commitments.server';
import type { DomainContext } from '../../app/domain/context.server';
import { ConflictError } from '../../app/domain/errors.server';
import { confirmMilestone, disputeMilestone } from '../../app/domain/milestones.server';
import { type CommitmentSetup, activeTestCommitment, makeCommitmentSetup, markTestMilestoneDone, proposeTestCommitment } from '../helpers/commitments';
import { type TestDatabase, createTestDatabase } from '../helpers/db';
import { ctxFor, makeMember } from '../helpers/fixtures';

let t: TestDatabase;
let s: CommitmentSetup;
/** A client whose transactions wait patiently for a connection and for row locks (a busy machine must not fail them). */
let db: Db;
let own: Db | null = null;

function patient(base: Db): Db {
  return new Proxy(base, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target);
      if (prop === '$transaction' && typeof value === 'function') {
        return (work: unknown, options?: object) =>
          (value as (...a: unknown[]) => unknown).call(target, work, { maxWait: 60_000, timeout: 60_000, ...options });
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

// The machine running the suite may be busy: generous limits (the setup hashes a dozen passwords).
vi.setConfig({ testTimeout: 180_000 });

beforeAll(async () => {
  t = await createTestDatabase();
  s = await makeCommitmentSetup(t.db);
  own = t.target === 'postgres' ? createDb(t.url, { embedded: false, statementTimeoutMs: 60_000 }) : null;
  db = patient(own ?? t.db);
}, 300_000);
afterAll(async () => {
  await own?.$disconnect();
  if (t) expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  await t?.close();
}, 120_000);

const on = (ctx: DomainContext): DomainContext => ({ ...ctx, db });
const countAudits = (subjectId: string, action: string) => t.db.auditEvent.count({ where: { subjectId, action } });

describe('confirming at once', () => {
  it('two parties confirming at once (three parties): both succeed, exactly one completion', async () => {
    for (let round = 0; round < 3; round++) {
      const { commitment, milestones } = await activeTestCommitment(t.db, s, { milestones: 1, threeParties: true });
      const [m] = milestones;
      await markTestMilestoneDone(t.db, s, m);
      const results = await Promise.allSettled([
        confirmMilestone(on(s.associationSignatory.ctx), { milestoneId: m.id }),
        confirmMilestone(on(s.otherAssociationAdmin.ctx), { milestoneId: m.id }),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
      const states = results.map((r) => (r as PromiseFulfilledResult<{ state: string }>).value.state).sort();
      // One of them saw the other's confirmation and completed it; never both, never neither.
      expect(states).toEqual(['COMPLETED', 'DONE']);
      const stored = await t.db.milestone.findUniqueOrThrow({ where: { id: m.id } });
      expect(stored.state).toBe('COMPLETED');
      expect(await t.db.milestoneConfirmation.count({ where: { milestoneId: m.id, round: 1 } })).toBe(3);
      expect(await countAudits(commitment.id, 'milestone.completed')).toBe(1);
      expect(await countAudits(commitment.id, 'milestone.confirmed')).toBe(2);
      expect(await t.db.commitment.findUniqueOrThrow({ where: { id: commitment.id } })).toMatchObject({ completedCount: 1, milestoneCount: 1 });
      const completed = await t.db.notification.findMany({ where: { subjectId: commitment.id, kind: 'COMMITMENT_STATUS_CHANGED' } });
      expect(completed.filter((n) => (n.data as { event: string }).event === 'completed').length).toBeGreaterThan(0);
    }
  });

  it('the same party confirming twice at once: one succeeds, one ConflictError', async () => {
    // A second signatory of the association: two people of one party pressing the button at once.
    const colleague = await makeMember(t.db, s.association.id, 'SIGNATORY');
    const colleagueCtx = await ctxFor(t.db, colleague.id);
    for (const [a, b] of [
      [s.associationSignatory.ctx, s.associationSignatory.ctx],
      [s.associationSignatory.ctx, colleagueCtx],
    ]) {
      const { commitment, milestones } = await activeTestCommitment(t.db, s, { milestones: 1, threeParties: true });
      const [m] = milestones;
      await markTestMilestoneDone(t.db, s, m);
      const results = await Promise.allSettled([confirmMilestone(on(a), { milestoneId: m.id }), confirmMilestone(on(b), { milestoneId: m.id })]);
      const fulfilled = results.filter((r) => r.status === 'fulfilled');
      const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(fulfilled).toHaveLength(1);
      expect(rejected).toHaveLength(1);
      expect(rejected[0].reason).toBeInstanceOf(ConflictError);
      expect(rejected[0].reason.message).toBe('errors.milestone.alreadyConfirmed');
      expect(await t.db.milestoneConfirmation.count({ where: { milestoneId: m.id, round: 1 } })).toBe(2);
      expect(await countAudits(commitment.id, 'milestone.confirmed')).toBe(1);
      expect((await t.db.milestone.findUniqueOrThrow({ where: { id: m.id } })).state).toBe('DONE');
    }
  });

  it('a confirmation and a dispute at once: exactly one applies', async () => {
    const { commitment, milestones } = await activeTestCommitment(t.db, s, { milestones: 1 });
    const [m] = milestones;
    await markTestMilestoneDone(t.db, s, m);
    const results = await Promise.allSettled([
      confirmMilestone(on(s.associationSignatory.ctx), { milestoneId: m.id }),
      disputeMilestone(on(s.associationSignatory.ctx), { milestoneId: m.id, reason: 'Gate 7 shows no schedule.' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')!;
    expect(rejected.reason).toBeInstanceOf(ConflictError);
    const stored = await t.db.milestone.findUniqueOrThrow({ where: { id: m.id } });
    const completions = await countAudits(commitment.id, 'milestone.completed');
    const disputes = await countAudits(commitment.id, 'milestone.disputed');
    expect(completions + disputes).toBe(1);
    expect(stored.state).toBe(completions ? 'COMPLETED' : 'OPEN');
  });
});

describe('answering at once', () => {
  it('the last two parties accepting at once: exactly one activation', async () => {
    const c = await proposeTestCommitment(t.db, s, { threeParties: true });
    const results = await Promise.allSettled([
      acceptCommitment(on(s.associationSignatory.ctx), { commitmentId: c.id }),
      acceptCommitment(on(s.otherAssociationAdmin.ctx), { commitmentId: c.id }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(results.map((r) => (r as PromiseFulfilledResult<{ phase: string }>).value.phase).sort()).toEqual(['ACTIVE', 'PROPOSED']);
    expect(await countAudits(c.id, 'commitment.activated')).toBe(1);
    expect(await countAudits(c.id, 'commitment.accepted')).toBe(2);
  });

  it('both parties agreeing to cancel at once: cancelled exactly once', async () => {
    const { commitment } = await activeTestCommitment(t.db, s, { milestones: 0 });
    const results = await Promise.allSettled([
      cancelCommitment(on(s.customsAdmin.ctx), { commitmentId: commitment.id, reason: 'Obsolete.' }),
      cancelCommitment(on(s.associationSignatory.ctx), { commitmentId: commitment.id, reason: 'Obsolete.' }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(await countAudits(commitment.id, 'commitment.cancelled')).toBe(1);
    expect((await t.db.commitment.findUniqueOrThrow({ where: { id: commitment.id } })).phase).toBe('CANCELLED');
  });
});

describe('references', () => {
  it('commitments proposed at once get distinct, consecutive numbers', async () => {
    const now = '2033-05-05T10:00:00.000Z';
    const proposed = await Promise.all(Array.from({ length: 8 }, () => proposeTestCommitment(db, s, { now, by: on(s.customsAdmin.ctx) })));
    expect(proposed.map((c) => c.reference).sort()).toEqual(Array.from({ length: 8 }, (_, i) => `COM-2033-${String(i + 1).padStart(4, '0')}`));
    expect(await t.db.referenceCounter.findUniqueOrThrow({ where: { scope_year: { scope: 'COM', year: 2033 } } })).toEqual({
      scope: 'COM',
      year: 2033,
      last: 8,
    });
  });
});
