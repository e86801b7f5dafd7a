// The dashboard's items for joint commitments (app/domain/commitment-action-items.server.ts), per role, through the
// registered provider: answers awaited from my party, confirmations awaited from my party, my party's milestones
// overdue or due soon, and completed milestones for the monitor to attest.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ActionItem, actionItemProviders, actionItemsFor } from '../../app/domain/action-items.server';
import { addCalendarDays, isoDate } from '../../app/domain/commitment-rules';
import type { DomainContext } from '../../app/domain/context.server';
import { attestMilestone, confirmMilestone } from '../../app/domain/milestones.server';
import { en } from '../../app/i18n/en';
import { ru } from '../../app/i18n/ru';
import { type CommitmentSetup, activeTestCommitment, makeCommitmentSetup, markTestMilestoneDone, proposeTestCommitment } from '../helpers/commitments';
import { type TestDatabase, createTestDatabase } from '../helpers/db';
import { at } from '../helpers/issues';

let t: TestDatabase;
let s: CommitmentSetup;
const START = new Date('2027-09-01T08:00:00.000Z');

const itemsOf = async (ctx: DomainContext, now: Date | string) =>
  (await actionItemsFor({ db: t.db, actor: ctx.actor, now: () => new Date(now) }, 'en')).filter(
    (i) => i.kind.startsWith('commitment.') || i.kind.startsWith('milestone.'),
  );
const kindsOf = (items: ActionItem[], subject: string) => items.filter((i) => i.subjectId.startsWith(subject)).map((i) => i.kind);

beforeAll(async () => {
  t = await createTestDatabase();
  s = await makeCommitmentSetup(t.db);
}, 240_000);
afterAll(async () => {
  await t?.close();
});

describe('commitment action items', () => {
  it('is registered with the dashboard', () => {
    expect(actionItemProviders().map((p) => p.name)).toContain('commitments');
  });

  it('a proposed commitment: the invited party answers; the proposer and plain members have nothing to do', async () => {
    const proposed = await proposeTestCommitment(t.db, s, { now: START, milestoneCount: 1 });
    const signatory = await itemsOf(s.associationSignatory.ctx, START);
    const item = signatory.find((i) => i.subjectId === `${proposed.id}:${s.association.id}`);
    expect(item).toMatchObject({
      kind: 'commitment.accept',
      href: `/commitments/${proposed.reference}/accept?organization=${s.association.id}`,
      severity: 'todo',
      title: { key: 'commitmentActions.item.accept', params: { reference: proposed.reference, organization: s.association.name } },
    });
    expect(kindsOf(await itemsOf(s.associationMember.ctx, START), proposed.id)).toEqual([]);
    expect(kindsOf(await itemsOf(s.customsAdmin.ctx, START), proposed.id)).toEqual([]);
    expect(kindsOf(await itemsOf(s.outsider.ctx, START), proposed.id)).toEqual([]);
  });

  it('milestones: due soon and overdue for the owner, confirmation for the other party, attestation for the monitor', async () => {
    const { commitment, milestones } = await activeTestCommitment(t.db, s, { now: START, milestones: 2 });
    const [m0, m1] = milestones; // m0: the administration's, m1: the association's
    const due0 = isoDate(m0.dueDate);

    // Far ahead: nothing; within 14 days: to do; within 3 days: soon; after the date: urgent.
    expect(kindsOf(await itemsOf(s.customsAdmin.ctx, START), m0.id)).toEqual([]);
    const tenDaysBefore = `${addCalendarDays(due0, -10)}T09:00:00.000Z`;
    let admin = await itemsOf(s.customsAdmin.ctx, tenDaysBefore);
    expect(admin.find((i) => i.subjectId === m0.id)).toMatchObject({
      kind: 'milestone.dueSoon',
      severity: 'todo',
      href: `/commitments/${commitment.reference}/milestones/${m0.id}`,
      detail: { key: 'commitmentActions.item.dueSoonDetail', params: { date: due0 } },
    });
    admin = await itemsOf(s.customsAdmin.ctx, `${addCalendarDays(due0, -2)}T09:00:00.000Z`);
    expect(admin.find((i) => i.subjectId === m0.id)?.severity).toBe('soon');
    const after = `${addCalendarDays(due0, 1)}T09:00:00.000Z`;
    admin = await itemsOf(s.customsAdmin.ctx, after);
    expect(admin.find((i) => i.subjectId === m0.id)).toMatchObject({ kind: 'milestone.overdue', severity: 'urgent' });
    // The liaison officer acts for the administration too (a commitment role); the association does not own it.
    expect(kindsOf(await itemsOf(s.customsLiaison.ctx, after), m0.id)).toEqual(['milestone.overdue']);
    expect(kindsOf(await itemsOf(s.associationSignatory.ctx, after), m0.id)).toEqual([]);

    // Marked done: the association confirms; the owner has nothing more to do.
    await markTestMilestoneDone(t.db, s, m0, { now: after });
    const signatory = await itemsOf(s.associationSignatory.ctx, after);
    expect(signatory.find((i) => i.subjectId === `${m0.id}:${s.association.id}`)).toMatchObject({
      kind: 'milestone.confirm',
      severity: 'soon',
      href: `/commitments/${commitment.reference}/milestones/${m0.id}/confirm?organization=${s.association.id}`,
    });
    expect(kindsOf(await itemsOf(s.customsAdmin.ctx, after), m0.id)).toEqual([]);
    expect(kindsOf(await itemsOf(s.associationMember.ctx, after), m0.id)).toEqual([]);

    // Confirmed by every party: the monitor attests, once.
    await confirmMilestone(at(s.associationSignatory.ctx, after), { milestoneId: m0.id });
    expect(kindsOf(await itemsOf(s.associationSignatory.ctx, after), m0.id)).toEqual([]);
    expect((await itemsOf(s.partnerAdmin.ctx, after)).find((i) => i.subjectId === m0.id)).toMatchObject({
      kind: 'milestone.attest',
      href: `/commitments/${commitment.reference}/milestones/${m0.id}/attest`,
    });
    await attestMilestone(at(s.partnerAdmin.ctx, after), { milestoneId: m0.id, note: 'Visited three gates.' });
    expect(kindsOf(await itemsOf(s.partnerAdmin.ctx, after), m0.id)).toEqual([]);

    // The association's own milestone, overdue later on.
    const late = `${addCalendarDays(isoDate(m1.dueDate), 3)}T09:00:00.000Z`;
    expect(kindsOf(await itemsOf(s.associationSignatory.ctx, late), m1.id)).toEqual(['milestone.overdue']);

    // Every message exists in both languages.
    for (const item of [...signatory, ...admin]) {
      for (const message of [item.title, item.detail].filter((m) => m !== undefined)) {
        expect(en).toHaveProperty([message.key]);
        expect(ru).toHaveProperty([message.key]);
      }
    }
  });
});
