// The commitment read layer (app/domain/commitment-queries.server.ts): visibility (the policy, its Prisma filter and
// its SQL agree; a proposed commitment answers like an unknown one to outsiders; a draft plan only to its
// administration), the derived status as SQL and as a Prisma filter against deriveCommitmentStatus around the date
// boundaries, the filters, keyset pages for every order without duplicates or gaps, statements per page, what each
// viewer may do (commitmentPermissions), the timeline from the audit chain, and plans' figures.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Actor, anonymous, systemActor } from '../../app/domain/actor.server';
import {
  COMMITMENT_ORDERS,
  type CommitmentFilter,
  type CommitmentOrder,
  canSeeActionPlan,
  canSeeCommitment,
  commitmentPermissions,
  commitmentStatusWhere,
  commitmentTimeline,
  commitmentsForIssue,
  commitmentsForOrganization,
  commitmentsForPledge,
  getActionPlan,
  getCommitment,
  getMilestone,
  listActionPlans,
  listCommitments,
  visibleActionPlansWhere,
  visibleCommitmentsWhere,
} from '../../app/domain/commitment-queries.server';
import { type CommitmentStatus, addCalendarDays, dateValue, deriveCommitmentStatus, summarizeMilestones, todayOf } from '../../app/domain/commitment-rules';
import { confirmMilestone, disputeMilestone } from '../../app/domain/milestones.server';
import { createActionPlan, publishActionPlan } from '../../app/domain/commitments.server';
import type { DomainContext } from '../../app/domain/context.server';
import { COMMITMENT_STATUSES } from '../../app/domain/enums';
import { NotFoundError, ValidationError } from '../../app/domain/errors.server';
import { en } from '../../app/i18n/en';
import { ru } from '../../app/i18n/ru';
import { type CommitmentSetup, activeTestCommitment, makeCommitmentSetup, markTestMilestoneDone, proposeTestCommitment } from '../helpers/commitments';
import { type TestDatabase, createTestDatabase } from '../helpers/db';
import { actorFor, makeMember, makeOrganization } from '../helpers/fixtures';
import { at } from '../helpers/issues';

let t: TestDatabase;
let s: CommitmentSetup;
const NOW = new Date('2027-03-10T09:00:00.000Z');
const TODAY = todayOf(NOW);

const ctxOf = (actor: Actor, now: Date = NOW): DomainContext => ({ db: t.db, actor, now: () => new Date(now) });
const sys = (now: Date = NOW) => ctxOf(systemActor('test'), now);

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

let seq = 0;
/**
 * A commitment row written directly (reads need no audit chain): its milestones as given, and the counters
 * refreshCommitmentProgress would store for them.
 */
async function insertCommitment({
  phase = 'ACTIVE',
  milestones = [],
  title,
  description = 'Inserted for a read test.',
  type = 'PREVENTION',
  factors = ['TRANSPARENCY'],
  parties = [s.administration.id, s.association.id],
  monitorOrganizationId = null,
  actionPlanId = null,
  createdAt = new Date(NOW.getTime() - 1000 * ++seq),
}: {
  phase?: 'PROPOSED' | 'ACTIVE' | 'CANCELLED';
  milestones?: { state: 'OPEN' | 'DONE' | 'COMPLETED'; dueDate: string }[];
  title?: string;
  description?: string;
  type?: 'PREVENTION' | 'DETECTION';
  factors?: ('TRANSPARENCY' | 'AUTOMATION' | 'CODE_OF_CONDUCT')[];
  parties?: string[];
  monitorOrganizationId?: string | null;
  actionPlanId?: string | null;
  createdAt?: Date;
} = {}) {
  const n = ++seq;
  const summary = summarizeMilestones(milestones.map((m) => ({ ...m, completedAt: m.state === 'COMPLETED' ? NOW : null })));
  const commitment = await t.db.commitment.create({
    data: {
      reference: `COM-2027-${String(5000 + n)}`,
      title: title ?? `Inserted commitment ${n}`,
      description,
      type,
      factors,
      proposerOrganizationId: parties[0],
      createdById: s.customsAdmin.id,
      monitorOrganizationId,
      actionPlanId,
      startDate: dateValue('2027-01-01'),
      phase,
      activatedAt: phase === 'PROPOSED' ? null : NOW,
      cancelledAt: phase === 'CANCELLED' ? NOW : null,
      milestoneCount: summary.milestoneCount,
      completedCount: summary.completedCount,
      nextOpenDueDate: summary.nextOpenDueDate ? dateValue(summary.nextOpenDueDate) : null,
      completedAt: summary.completedAt,
      createdAt,
      parties: {
        create: parties.map((organizationId, i) => ({
          organizationId,
          response: phase === 'PROPOSED' && i > 0 ? 'PENDING' : 'ACCEPTED',
          respondedAt: phase === 'PROPOSED' && i > 0 ? null : NOW,
          responsibleUserId: i === 0 ? s.customsAdmin.id : null,
          createdAt: new Date(createdAt.getTime() + i),
        })),
      },
    },
    include: { parties: true },
  });
  for (const [i, m] of milestones.entries()) {
    await t.db.milestone.create({
      data: {
        commitmentId: commitment.id,
        title: `M${i}`,
        deliverable: 'A report.',
        ownerPartyId: commitment.parties[0].id,
        dueDate: dateValue(m.dueDate),
        state: m.state,
        round: m.state === 'OPEN' ? 0 : 1,
        doneAt: m.state === 'OPEN' ? null : NOW,
        completedAt: m.state === 'COMPLETED' ? NOW : null,
        createdAt: NOW,
      },
    });
  }
  return commitment;
}

beforeAll(async () => {
  t = await createTestDatabase();
  s = await makeCommitmentSetup(t.db);
}, 240_000);
afterAll(async () => {
  await t?.close();
});

describe('visibility', () => {
  it('a proposed commitment: parties, the monitor and platform admins only; everyone once active', async () => {
    const proposed = await proposeTestCommitment(t.db, s, { now: NOW, milestoneCount: 1 });
    const insiders = [s.customsAdmin, s.customsLiaison, s.associationSignatory, s.associationMember, s.partnerAdmin, s.platformAdmin];
    for (const p of insiders) {
      const c = await getCommitment(ctxOf(p.ctx.actor), { reference: proposed.reference });
      expect(c.status).toBe('PROPOSED');
    }
    for (const actor of [s.outsider.ctx.actor, s.otherAssociationAdmin.ctx.actor, anonymous]) {
      expect(await rejectionOf(getCommitment(ctxOf(actor), { id: proposed.id }))).toBeInstanceOf(NotFoundError);
      expect(await rejectionOf(commitmentTimeline(ctxOf(actor), proposed.id))).toBeInstanceOf(NotFoundError);
      const page = await listCommitments(ctxOf(actor), { first: 100 });
      expect(page.items.map((i) => i.id)).not.toContain(proposed.id);
    }
    const milestone = await t.db.milestone.findFirstOrThrow({ where: { commitmentId: proposed.id } });
    expect(await rejectionOf(getMilestone(ctxOf(s.outsider.ctx.actor), { id: milestone.id }))).toBeInstanceOf(NotFoundError);
    expect((await getMilestone(ctxOf(s.associationMember.ctx.actor), { id: milestone.id })).milestone.title).toBe(milestone.title);

    const { commitment: active } = await activeTestCommitment(t.db, s, { now: NOW });
    for (const actor of [s.outsider.ctx.actor, anonymous]) {
      expect((await getCommitment(ctxOf(actor), { reference: active.reference.toLowerCase() })).id).toBe(active.id);
      expect((await listCommitments(ctxOf(actor), { first: 100 })).items.map((i) => i.id)).toContain(active.id);
    }
  });

  it('the Prisma filter and the SQL of the list agree with canSeeCommitment for every actor', async () => {
    const monitored = await insertCommitment({ phase: 'PROPOSED', parties: [s.otherAssociation.id, s.administration.id], monitorOrganizationId: s.partner.id });
    await insertCommitment({ phase: 'CANCELLED' });
    const rows = await t.db.commitment.findMany({ include: { parties: true } });
    expect(rows.length).toBeGreaterThan(3);
    const actors: Actor[] = [
      anonymous,
      systemActor('test'),
      ...[s.customsAdmin, s.associationMember, s.partnerAdmin, s.otherAssociationAdmin, s.outsider, s.platformAdmin].map((p) => p.ctx.actor),
    ];
    for (const actor of actors) {
      const expected = rows
        .filter((r) => canSeeCommitment(actor, { ...r, partyOrganizationIds: r.parties.map((p) => p.organizationId) }))
        .map((r) => r.id)
        .sort();
      const viaPrisma = (await t.db.commitment.findMany({ where: visibleCommitmentsWhere(actor), select: { id: true } })).map((r) => r.id).sort();
      const viaSql = (await listCommitments(ctxOf(actor), { first: 100 })).items.map((i) => i.id).sort();
      expect(viaPrisma).toEqual(expected);
      expect(viaSql).toEqual(expected);
    }
    // The monitor sees the proposed commitment it monitors.
    expect((await getCommitment(ctxOf(s.partnerAdmin.ctx.actor), { id: monitored.id })).monitor?.id).toBe(s.partner.id);
  });

  it('a draft plan: the administration and platform admins; a published plan: everyone', async () => {
    const plan = await createActionPlan(at(s.customsAdmin.ctx, NOW), {
      administrationId: s.administration.id,
      title: 'National integrity action plan 2027',
      description: 'Preventive and detective measures.',
      periodStart: '2027-01-01',
      periodEnd: '2027-12-31',
    });
    for (const p of [s.customsAdmin, s.customsLiaison, s.platformAdmin]) {
      expect((await getActionPlan(ctxOf(p.ctx.actor), { slug: plan.slug })).status).toBe('DRAFT');
    }
    for (const actor of [anonymous, s.outsider.ctx.actor, s.associationSignatory.ctx.actor]) {
      expect(await rejectionOf(getActionPlan(ctxOf(actor), { id: plan.id }))).toBeInstanceOf(NotFoundError);
      expect((await listActionPlans(ctxOf(actor), { first: 100 })).items.map((p) => p.id)).not.toContain(plan.id);
      expect(canSeeActionPlan(actor, plan)).toBe(false);
    }
    const hidden = await t.db.actionPlan.findMany({ where: visibleActionPlansWhere(s.associationSignatory.ctx.actor) });
    expect(hidden.map((p) => p.id)).not.toContain(plan.id);
    expect((await listActionPlans(ctxOf(s.customsLiaison.ctx.actor), { first: 100 })).items.map((p) => p.id)).toContain(plan.id);

    await publishActionPlan(at(s.customsAdmin.ctx, NOW), { actionPlanId: plan.id });
    expect((await getActionPlan(ctxOf(anonymous), { slug: plan.slug })).status).toBe('PUBLISHED');
    expect((await listActionPlans(ctxOf(anonymous), { first: 100, countryCode: 'kz' })).items.map((p) => p.id)).toContain(plan.id);
    expect((await listActionPlans(ctxOf(anonymous), { first: 100, countryCode: 'UZ' })).items.map((p) => p.id)).not.toContain(plan.id);
  });
});

describe('derived status: SQL, Prisma filter and deriveCommitmentStatus agree around the date boundaries', () => {
  it('for every status, at several todays', async () => {
    const base = '2030-06-15';
    const offsets = [-1, 0, 1, 13, 14, 15];
    const created: string[] = [];
    for (const phase of ['PROPOSED', 'ACTIVE', 'CANCELLED'] as const) {
      created.push((await insertCommitment({ phase, title: `Status ${phase} none` })).id);
      created.push((await insertCommitment({ phase, milestones: [{ state: 'COMPLETED', dueDate: base }] })).id);
      created.push(
        (
          await insertCommitment({
            phase,
            milestones: [
              { state: 'DONE', dueDate: addCalendarDays(base, -5) },
              { state: 'COMPLETED', dueDate: base },
            ],
          })
        ).id,
      );
      for (const offset of offsets) {
        const due = addCalendarDays(base, offset);
        created.push((await insertCommitment({ phase, milestones: [{ state: 'OPEN', dueDate: due }] })).id);
        created.push(
          (
            await insertCommitment({
              phase,
              milestones: [
                { state: 'COMPLETED', dueDate: addCalendarDays(due, -40) },
                { state: 'DONE', dueDate: addCalendarDays(due, -30) },
                { state: 'OPEN', dueDate: due },
                { state: 'OPEN', dueDate: addCalendarDays(due, 30) },
              ],
            })
          ).id,
        );
      }
    }
    const rows = await t.db.commitment.findMany({ where: { id: { in: created } } });
    const seen = new Set<CommitmentStatus>();
    for (const dayOffset of [-16, -15, -14, -1, 0, 1, 2]) {
      const today = addCalendarDays(base, dayOffset);
      const now = new Date(`${today}T23:59:59.999Z`);
      for (const status of COMMITMENT_STATUSES) {
        const expected = rows
          .filter((r) => deriveCommitmentStatus(r, today) === status)
          .map((r) => r.id)
          .sort();
        expected.forEach(() => seen.add(status));
        const viaPrisma = (
          await t.db.commitment.findMany({ where: { AND: [{ id: { in: created } }, commitmentStatusWhere(status, today)] }, select: { id: true } })
        )
          .map((r) => r.id)
          .sort();
        expect(viaPrisma, `${status} at ${today} (Prisma)`).toEqual(expected);
        const listed = await listCommitments(sys(now), { first: 100, filter: { status: [status], search: 'Inserted' } });
        const viaSql = listed.items
          .map((i) => i.id)
          .filter((id) => created.includes(id))
          .sort();
        expect(viaSql, `${status} at ${today} (SQL)`).toEqual(expected);
        // The list item's status is the pure function's.
        for (const item of listed.items) expect(item.status).toBe(status);
      }
    }
    expect([...seen].sort()).toEqual([...COMMITMENT_STATUSES].sort());
  }, 120_000);
});

describe('filters', () => {
  it('type, factor, country, party or monitor, pledge, plan, search', async () => {
    const kg = await makeOrganization(t.db, { kind: 'BUSINESS_ASSOCIATION', country: 'KG' });
    const plan = await createActionPlan(at(s.customsAdmin.ctx, NOW), {
      administrationId: s.administration.id,
      title: 'Filter plan',
      description: 'For filters.',
      periodStart: '2027-01-01',
      periodEnd: '2027-12-31',
    });
    const a = await insertCommitment({ type: 'DETECTION', factors: ['AUTOMATION'], title: 'Scanner 100% coverage', parties: [s.administration.id, kg.id] });
    const b = await insertCommitment({ monitorOrganizationId: s.partner.id, actionPlanId: plan.id, description: 'Hotline_posters everywhere' });
    const pledge = await t.db.pledge.create({
      data: {
        slug: `pledge-${b.id}`,
        status: 'PUBLISHED',
        title: 'Pledge',
        body: 'Body',
        factors: ['TRANSPARENCY'],
        audience: 'BOTH',
        createdById: s.platformAdmin.id,
      },
    });
    await t.db.commitmentPledge.create({ data: { commitmentId: b.id, pledgeId: pledge.id } });
    const ids = async (filter: CommitmentFilter, actor: Actor = systemActor('test')) =>
      (await listCommitments(ctxOf(actor), { first: 100, filter })).items.map((i) => i.id);
    expect(await ids({ type: 'DETECTION', factor: 'AUTOMATION' })).toEqual([a.id]);
    expect(await ids({ countryCode: 'kg' })).toEqual([a.id]);
    expect(await ids({ partyId: kg.id })).toEqual([a.id]);
    expect(await ids({ partyId: s.partner.id })).toContain(b.id);
    expect(await ids({ partyId: s.partner.id })).not.toContain(a.id);
    expect(await ids({ pledgeId: pledge.id })).toEqual([b.id]);
    expect(await ids({ actionPlanId: plan.id })).toEqual([b.id]);
    expect(await ids({ search: '100%' })).toEqual([a.id]);
    expect(await ids({ search: 'hotline_POSTERS' })).toEqual([b.id]);
    expect(await ids({ search: '10_%' })).toEqual([]);
    // A draft plan's commitments still list, but an outsider is not told the plan.
    const outsiderItem = (await listCommitments(ctxOf(s.outsider.ctx.actor), { first: 100, filter: { pledgeId: pledge.id } })).items[0];
    expect(outsiderItem.actionPlan).toBeNull();
    expect((await listCommitments(ctxOf(s.customsLiaison.ctx.actor), { first: 100, filter: { pledgeId: pledge.id } })).items[0].actionPlan?.id).toBe(plan.id);
    expect((await commitmentsForPledge(sys(), pledge.id)).map((c) => c.id)).toEqual([b.id]);
    expect((await commitmentsForOrganization(sys(), kg.id)).map((c) => c.id)).toEqual([a.id]);
    expect((await commitmentsForOrganization(sys(), s.partner.id)).map((c) => c.id)).toContain(b.id);
    const figures = await getActionPlan(sys(), { id: plan.id });
    expect(figures.commitments.map((c) => c.id)).toEqual([b.id]);
    expect(figures.commitmentCount).toBe(1);
    expect(figures.statusCounts.ON_TRACK).toBe(1);

    const bad = await rejectionOf(listCommitments(sys(), { first: 10, filter: { status: ['LATE' as CommitmentStatus] } }));
    expect(bad).toBeInstanceOf(ValidationError);
    expect(Object.keys((bad as ValidationError).fieldErrors)[0]).toMatch(/^filter\.status/);
    expect(await rejectionOf(listCommitments(sys(), { first: 0 }))).toBeInstanceOf(ValidationError);
    expect(await rejectionOf(listCommitments(sys(), { first: 101 }))).toBeInstanceOf(ValidationError);
  });
});

describe('keyset pages', () => {
  it('every order: pages of 3 give the whole list once, in order; cursors belong to their order', async () => {
    // Ties on every key but the id: same creation time, same title, same progress, same due date.
    const tied = new Date('2027-03-09T00:00:00.000Z');
    for (let i = 0; i < 4; i++) {
      await insertCommitment({ title: 'Tied title', createdAt: tied, milestones: [{ state: 'OPEN', dueDate: '2027-04-01' }] });
    }
    for (const order of COMMITMENT_ORDERS) {
      const all = await listCommitments(sys(), { first: 100, order });
      expect(all.totalCount).toBe(all.items.length);
      const paged: string[] = [];
      let after: string | null = null;
      for (let guard = 0; guard < 100; guard++) {
        const page: Awaited<ReturnType<typeof listCommitments>> = await listCommitments(sys(), { first: 3, after, order });
        paged.push(...page.items.map((i) => i.id));
        if (!page.hasNextPage) break;
        after = page.endCursor;
      }
      expect(paged, order).toEqual(all.items.map((i) => i.id));
      expect(new Set(paged).size).toBe(paged.length);
      if (order === 'PROGRESS') {
        const progress = all.items.map((i) => i.progress);
        expect(progress).toEqual([...progress].sort((x, y) => y - x));
      }
    }
    const first = await listCommitments(sys(), { first: 2, order: 'DUE' });
    expect(await rejectionOf(listCommitments(sys(), { first: 2, order: 'TITLE', after: first.endCursor }))).toBeInstanceOf(ValidationError);
    expect(await rejectionOf(listCommitments(sys(), { first: 2, after: 'not-a-cursor' }))).toBeInstanceOf(ValidationError);
    expect(await rejectionOf(listCommitments(sys(), { first: 2, order: 'SIDEWAYS' as CommitmentOrder }))).toBeInstanceOf(ValidationError);
  });

  it('a page of 3 and a page of 100 take the same number of SQL statements', async () => {
    const originalQuery = pg.Client.prototype.query;
    let statements = 0;
    pg.Client.prototype.query = function countingQuery(this: pg.Client, ...args: unknown[]) {
      statements++;
      return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof originalQuery;
    try {
      const counts: number[] = [];
      for (const first of [3, 100]) {
        statements = 0;
        const page = await listCommitments(ctxOf(s.customsAdmin.ctx.actor), { first, filter: { status: ['ON_TRACK', 'PROPOSED'] } });
        expect(page.items.length).toBeGreaterThan(2);
        counts.push(statements);
      }
      expect(counts[1]).toBe(counts[0]);
      expect(counts[0]).toBeLessThanOrEqual(8);
    } finally {
      pg.Client.prototype.query = originalQuery;
    }
  });
});

describe('commitmentPermissions', () => {
  it('who may answer, mark done, confirm, dispute and attest', async () => {
    const proposed = await proposeTestCommitment(t.db, s, { now: NOW, milestoneCount: 1 });
    const perms = async (who: { ctx: DomainContext }, id = proposed.id) => {
      const actor = await actorFor(t.db, who.ctx.actor.kind === 'user' ? who.ctx.actor.userId : '');
      return commitmentPermissions(actor, await getCommitment(ctxOf(actor), { id }), TODAY);
    };
    const signatory = await perms(s.associationSignatory);
    expect(signatory).toMatchObject({ actForOrganizationIds: [s.association.id], canAccept: true, canDecline: true, canCancel: false, canAddMilestone: true });
    const member = await perms(s.associationMember);
    expect(member).toMatchObject({ actForOrganizationIds: [], canAccept: false, canDecline: false, canAddMilestone: false });
    const proposer = await perms(s.customsAdmin);
    expect(proposer).toMatchObject({ actForOrganizationIds: [s.administration.id], canAccept: false, canDecline: false, canCancel: true });
    const admin = commitmentPermissions(s.platformAdmin.ctx.actor, await getCommitment(ctxOf(s.platformAdmin.ctx.actor), { id: proposed.id }), TODAY);
    expect(admin).toMatchObject({ actForOrganizationIds: [], canAccept: false, canCancel: false, canAddMilestone: false });

    const { commitment, milestones } = await activeTestCommitment(t.db, s, { now: NOW, milestones: 2 });
    const [m0] = milestones; // owned by the administration
    let owner = await perms(s.customsAdmin, commitment.id);
    expect(owner.milestones[m0.id]).toEqual({ canEdit: true, canComplete: true, canConfirm: false, canDispute: false, canAttest: false });
    let other = await perms(s.associationSignatory, commitment.id);
    expect(other.milestones[m0.id]).toMatchObject({ canComplete: false, canConfirm: false });
    expect(other.canAccept).toBe(false);

    await markTestMilestoneDone(t.db, s, m0, { now: NOW });
    owner = await perms(s.customsAdmin, commitment.id);
    // The owner's party confirmed by marking it done.
    expect(owner.milestones[m0.id]).toEqual({ canEdit: false, canComplete: false, canConfirm: false, canDispute: false, canAttest: false });
    other = await perms(s.associationSignatory, commitment.id);
    expect(other.milestones[m0.id]).toMatchObject({ canConfirm: true, canDispute: true, canEdit: false });
    expect((await perms(s.outsider, commitment.id)).milestones[m0.id]).toEqual({
      canEdit: false,
      canComplete: false,
      canConfirm: false,
      canDispute: false,
      canAttest: false,
    });

    await confirmMilestone(at(s.associationSignatory.ctx, NOW), { milestoneId: m0.id });
    expect((await perms(s.associationSignatory, commitment.id)).milestones[m0.id].canConfirm).toBe(false);
    expect((await perms(s.partnerAdmin, commitment.id)).milestones[m0.id].canAttest).toBe(true);
    expect((await perms(s.customsAdmin, commitment.id)).milestones[m0.id].canAttest).toBe(false);
    const detail = await getCommitment(sys(), { id: commitment.id });
    expect(detail.milestones[0]).toMatchObject({ state: 'COMPLETED', round: 1 });
    expect(detail.milestones[0].confirmations.map((c) => c.organizationId).sort()).toEqual([s.administration.id, s.association.id].sort());
    expect(detail.completedCount).toBe(1);
    expect(detail.progress).toBe(0.5);
  });
});

describe('timeline and links', () => {
  it('the audit chain, in order, with a label in both languages', async () => {
    const { commitment, milestones } = await activeTestCommitment(t.db, s, { now: NOW, milestones: 1 });
    await markTestMilestoneDone(t.db, s, milestones[0], { now: NOW });
    await disputeMilestone(at(s.associationSignatory.ctx, NOW), { milestoneId: milestones[0].id, reason: 'The photos show only one gate.' });
    const entries = await commitmentTimeline(ctxOf(anonymous), commitment.id);
    const actions = entries.map((e) => e.action);
    expect(actions.slice(0, 3)).toEqual(['commitment.proposed', 'commitment.accepted', 'commitment.activated']);
    expect(actions).toContain('milestone.done');
    expect(actions.at(-1)).toBe('milestone.disputed');
    for (const e of entries) {
      expect(en).toHaveProperty([e.labelKey]);
      expect(ru).toHaveProperty([e.labelKey]);
    }
    const disputed = entries.at(-1)!;
    expect(disputed.milestone?.id).toBe(milestones[0].id);
    expect(disputed.organization?.id).toBe(s.association.id);
    expect(disputed.actor?.id).toBe(s.associationSignatory.id);
    const m = await getMilestone(ctxOf(anonymous), { id: milestones[0].id });
    expect(m.milestone).toMatchObject({ state: 'OPEN', disputeReason: 'The photos show only one gate.', disputedByOrganization: { id: s.association.id } });
    expect(m.milestone.confirmations).toEqual([]);
  });

  it('an issue shows the visible commitments answering it, and a commitment only the issues the viewer may see', async () => {
    const reporter = await makeMember(t.db, s.association.id, 'MEMBER');
    const issue = await t.db.issue.create({
      data: {
        reference: 'ISS-2027-9001',
        title: 'Fees not displayed',
        description: 'No schedule at the gate.',
        administrationId: s.administration.id,
        reporterOrganizationId: s.association.id,
        raisedById: reporter.id,
        category: 'OPAQUE_PROCEDURE',
        factor: 'TRANSPARENCY',
        severity: 'MEDIUM',
        visibility: 'RESTRICTED',
        occurredAt: NOW,
        acknowledgeBy: NOW,
        respondBy: NOW,
        createdAt: NOW,
      },
    });
    const c = await insertCommitment({});
    await t.db.commitmentIssue.create({ data: { commitmentId: c.id, issueId: issue.id } });
    expect((await commitmentsForIssue(ctxOf(anonymous), issue.id)).map((x) => x.id)).toEqual([c.id]);
    expect((await getCommitment(ctxOf(anonymous), { id: c.id })).issues).toEqual([]);
    expect((await getCommitment(ctxOf(s.associationMember.ctx.actor), { id: c.id })).issues).toEqual([
      { id: issue.id, reference: 'ISS-2027-9001', title: 'Fees not displayed', status: 'RAISED' },
    ]);
  });
});
