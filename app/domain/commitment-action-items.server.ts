// The dashboard's items for joint commitments (registered in action-items.server.ts): commitments awaiting my party's
// answer, milestones awaiting my party's confirmation, my party's milestones overdue or falling due, and completed
// milestones to attest for the organisation I monitor for. Who may act for a party is the policy's
// (commitment.actForParty, milestone.attest); overdue and due soon are the rules' (milestoneTiming).
import type { Actor } from './actor.server';
import type { ActionItem, ActionItemProvider } from './action-items.server';
import { AT_RISK_DAYS, addCalendarDays, dateValue, isoDate, milestoneTiming, todayOf } from './commitment-rules';
import { can } from './policy.server';

/** At most this many items of each sort: the dashboard is a to-do list, not a register. */
const PER_SORT = 25;
/** A milestone due within this many days is "soon" (urgent when overdue); later ones up to AT_RISK_DAYS are to do. */
const SOON_DAYS = 3;

type Person = Extract<Actor, { kind: 'user' }>;
const isPerson = (actor: Actor): actor is Person => actor.kind === 'user';
const hrefOf = (reference: string, milestoneId?: string, act?: string) =>
  `/commitments/${encodeURIComponent(reference)}${milestoneId ? `/milestones/${encodeURIComponent(milestoneId)}` : ''}${act ? `/${act}` : ''}`;

const mayActFor = (actor: Person, party: { organizationId: string; responsibleUserId: string | null }) =>
  can(actor, 'commitment.actForParty', { organizationId: party.organizationId, userId: party.responsibleUserId ?? undefined });

export const commitmentActionItems: ActionItemProvider = {
  name: 'commitments',
  async items({ db, actor, now }) {
    if (!isPerson(actor)) return [];
    const orgIds = [...new Set(actor.memberships.map((m) => m.organizationId))];
    if (!orgIds.length) return [];
    const today = todayOf(now);
    const monitorOrgIds = orgIds.filter((organizationId) => can(actor, 'milestone.attest', { organizationId }));
    const partySelect = { id: true, organizationId: true, responsibleUserId: true, organization: { select: { name: true } } } as const;

    const [pending, toConfirm, due, toAttest] = await Promise.all([
      // Parties of mine still to answer a proposed commitment.
      db.commitmentParty.findMany({
        where: { organizationId: { in: orgIds }, response: 'PENDING', commitment: { phase: 'PROPOSED' } },
        select: { ...partySelect, commitment: { select: { id: true, reference: true, title: true, createdAt: true } } },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        take: 100,
      }),
      // Milestones marked done on commitments my organisations are party to.
      db.milestone.findMany({
        where: { state: 'DONE', commitment: { phase: 'ACTIVE', parties: { some: { organizationId: { in: orgIds } } } } },
        select: {
          id: true,
          title: true,
          round: true,
          doneAt: true,
          dueDate: true,
          confirmations: { select: { partyId: true, round: true } },
          commitment: { select: { id: true, reference: true, parties: { where: { organizationId: { in: orgIds } }, select: partySelect } } },
        },
        orderBy: [{ doneAt: 'asc' }, { id: 'asc' }],
        take: 100,
      }),
      // My parties' open milestones, overdue or falling due within the at-risk window.
      db.milestone.findMany({
        where: {
          state: 'OPEN',
          dueDate: { lte: dateValue(addCalendarDays(today, AT_RISK_DAYS)) },
          commitment: { phase: 'ACTIVE' },
          ownerParty: { organizationId: { in: orgIds } },
        },
        select: { id: true, title: true, state: true, dueDate: true, ownerParty: { select: partySelect }, commitment: { select: { reference: true } } },
        orderBy: [{ dueDate: 'asc' }, { id: 'asc' }],
        take: 100,
      }),
      // Completed milestones not yet attested, of commitments monitored by an organisation I attest for.
      monitorOrgIds.length
        ? db.milestone.findMany({
            where: {
              state: 'COMPLETED',
              attestedAt: null,
              commitment: { phase: 'ACTIVE', monitorOrganizationId: { in: monitorOrgIds } },
            },
            select: { id: true, title: true, completedAt: true, commitment: { select: { reference: true, monitorOrganizationId: true } } },
            orderBy: [{ completedAt: 'asc' }, { id: 'asc' }],
            take: PER_SORT,
          })
        : [],
    ]);

    const items: ActionItem[] = [];
    const answering: ActionItem[] = [];
    for (const party of pending) {
      if (!mayActFor(actor, party)) continue;
      const { commitment } = party;
      answering.push({
        kind: 'commitment.accept',
        subjectId: `${commitment.id}:${party.organizationId}`,
        title: {
          key: 'commitmentActions.item.accept',
          params: { reference: commitment.reference, title: commitment.title, organization: party.organization.name },
        },
        detail: { key: 'commitmentActions.item.acceptDetail', params: { date: commitment.createdAt.toISOString() } },
        href: `${hrefOf(commitment.reference, undefined, 'accept')}?organization=${encodeURIComponent(party.organizationId)}`,
        severity: 'todo',
      });
    }
    items.push(...answering.slice(0, PER_SORT));

    const confirming: ActionItem[] = [];
    for (const milestone of toConfirm) {
      const confirmed = new Set(milestone.confirmations.filter((c) => c.round === milestone.round).map((c) => c.partyId));
      for (const party of milestone.commitment.parties) {
        if (confirmed.has(party.id) || !mayActFor(actor, party)) continue;
        confirming.push({
          kind: 'milestone.confirm',
          subjectId: `${milestone.id}:${party.organizationId}`,
          title: {
            key: 'commitmentActions.item.confirm',
            params: { reference: milestone.commitment.reference, milestone: milestone.title, organization: party.organization.name },
          },
          detail: milestone.doneAt ? { key: 'commitmentActions.item.confirmDetail', params: { date: milestone.doneAt.toISOString() } } : undefined,
          href: `${hrefOf(milestone.commitment.reference, milestone.id, 'confirm')}?organization=${encodeURIComponent(party.organizationId)}`,
          severity: 'soon',
        });
      }
    }
    items.push(...confirming.slice(0, PER_SORT));

    const delivering: ActionItem[] = [];
    for (const milestone of due) {
      if (!mayActFor(actor, milestone.ownerParty)) continue;
      const timing = milestoneTiming(milestone, today);
      if (!timing) continue;
      const dueDate = isoDate(milestone.dueDate);
      const overdue = timing === 'OVERDUE';
      const params = { reference: milestone.commitment.reference, milestone: milestone.title, organization: milestone.ownerParty.organization.name };
      delivering.push({
        kind: overdue ? 'milestone.overdue' : 'milestone.dueSoon',
        subjectId: milestone.id,
        title: { key: overdue ? 'commitmentActions.item.overdue' : 'commitmentActions.item.dueSoon', params },
        detail: { key: overdue ? 'commitmentActions.item.overdueDetail' : 'commitmentActions.item.dueSoonDetail', params: { date: dueDate } },
        href: hrefOf(milestone.commitment.reference, milestone.id),
        due: dateValue(dueDate),
        severity: overdue ? 'urgent' : dueDate <= addCalendarDays(today, SOON_DAYS) ? 'soon' : 'todo',
      });
    }
    items.push(...delivering.slice(0, PER_SORT));

    for (const milestone of toAttest) {
      items.push({
        kind: 'milestone.attest',
        subjectId: milestone.id,
        title: { key: 'commitmentActions.item.attest', params: { reference: milestone.commitment.reference, milestone: milestone.title } },
        detail: milestone.completedAt ? { key: 'commitmentActions.item.attestDetail', params: { date: milestone.completedAt.toISOString() } } : undefined,
        href: hrefOf(milestone.commitment.reference, milestone.id, 'attest'),
        severity: 'todo',
      });
    }
    return items;
  },
};
