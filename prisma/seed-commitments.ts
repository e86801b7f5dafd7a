// Demo data for joint commitments and national integrity action plans (called by seedDemoData in prisma/seed.ts,
// after the pledges and issues it links to). Like the issues, everything is replayed through the domain commands with
// the clock set in the past, so the audit chain, the notifications and the stored progress are what real use leaves:
// an action plan per demo customs administration (published) and a draft, and commitments in every status, linked to
// demo issues and pledges, one with the partner monitor's attestation.
//
// The derived status depends on today's date: due dates are set relative to the seed's clock (`now`), so that each
// commitment has its documented status on the day the demo is started. As days pass, the statuses drift (an AT_RISK
// milestone falls overdue, an ON_TRACK one comes within 14 days), as the issues' deadlines do.
// Commitment texts are in the language their proposer wrote them in (the tables hold no translations): English, and
// one in Russian, by the Tian Shan administration.
// Idempotent: plans are found by administration and title, commitments by title, and are then left as they are.
import { actorFromUser, provisionUser } from '../app/domain/auth.server';
import { systemActor } from '../app/domain/actor.server';
import { addCalendarDays, todayOf, type CommitmentStatus } from '../app/domain/commitment-rules';
import { acceptCommitment, cancelCommitment, createActionPlan, createCommitment, publishActionPlan } from '../app/domain/commitments.server';
import type { DomainContext } from '../app/domain/context.server';
import type { ARUSHA_FACTORS } from '../app/domain/enums';
import { addMember } from '../app/domain/memberships.server';
import { attestMilestone, completeMilestone, confirmMilestone } from '../app/domain/milestones.server';
import { runMilestoneDueSweep } from '../app/domain/milestone-due.server';
import type { Db } from '../app/db/client.server';

type Factor = (typeof ARUSHA_FACTORS)[number];

/**
 * Administrators of the Tian Shan and Silk Road administrations: action plans are created and published by a customs
 * administration's ORG_ADMIN (the Steppe one has customs.admin@demo.test).
 */
export const DEMO_PLAN_ADMINS: { email: string; name: string; org: string }[] = [
  { email: 'admin.kg-customs@demo.test', name: 'Kanat Tian-Shan-Admin', org: 'kg-customs' },
  { email: 'admin.uz-customs@demo.test', name: 'Malika Silk-Road-Admin', org: 'uz-customs' },
];

type PlanSeed = {
  key: string;
  administration: string;
  /** The administration's ORG_ADMIN who drafts and publishes it. */
  by: string;
  title: string;
  description: string;
  createdDaysAgo: number;
  /** Null: left as a draft. */
  publishedDaysAgo: number | null;
  /** The period: from the first day of the month this many months from now (negative: ago), for this many months. */
  period: { fromMonths: number; months: number };
};

export const DEMO_ACTION_PLANS: PlanSeed[] = [
  {
    key: 'kz-plan',
    administration: 'kz-customs',
    by: 'customs.admin@demo.test',
    title: 'Steppe Customs national integrity action plan (demo)',
    description: `The Steppe Customs Administration's plan under the Almaty Integrity Resolution, agreed with the business
associations that raised issues at its border posts.

(a) Preventive measures: every official fee published at every lane, binding classification rulings on request, and
outages announced as they happen. (b) Detection: camera recordings kept at every lane and reviewed after each report
of a payment request.

Progress is confirmed by both sides, milestone by milestone; the Regional Integrity Monitoring Fund attests completed
milestones.`,
    createdDaysAgo: 160,
    publishedDaysAgo: 150,
    period: { fromMonths: -5, months: 24 },
  },
  {
    key: 'kz-plan-next',
    administration: 'kz-customs',
    by: 'customs.admin@demo.test',
    title: 'Steppe Customs integrity action plan for the next period (demo)',
    description: `A draft of the plan that follows the current one: inland clearance centres and the air cargo post. Commitments
will be proposed to the associations once the plan is published.`,
    createdDaysAgo: 6,
    publishedDaysAgo: null,
    period: { fromMonths: 19, months: 24 },
  },
  {
    key: 'kg-plan',
    administration: 'kg-customs',
    by: 'admin.kg-customs@demo.test',
    title: 'Tian Shan Customs integrity action plan (demo)',
    description: `The Tian Shan Customs Service's plan: waiting times at mountain passes measured and published, and
payment requests at rail border stations investigated within ten days.`,
    createdDaysAgo: 100,
    publishedDaysAgo: 95,
    period: { fromMonths: -3, months: 18 },
  },
  {
    key: 'uz-plan',
    administration: 'uz-customs',
    by: 'admin.uz-customs@demo.test',
    title: 'Silk Road Customs Committee integrity action plan (demo)',
    description: `The Silk Road Customs Committee's plan: one published list of inspection fees, and inspections at inland
clearance centres selected by the risk engine only.`,
    createdDaysAgo: 30,
    publishedDaysAgo: 25,
    period: { fromMonths: -1, months: 12 },
  },
];

/** Marked done by a member of the owner party, this many days ago, with evidence. */
type DoneSeed = { daysAgo: number; by: string; evidenceText: string; evidenceLinks?: string[] };

type MilestoneSeed = {
  title: string;
  deliverable: string;
  /** The owner party's organisation key. */
  owner: string;
  /** Due this many days from the seed's today (negative: in the past). */
  dueInDays: number;
  done?: DoneSeed;
  /** The other parties' confirmations of the round marked done (by demo users acting for their organisation). */
  confirmedBy?: { daysAgo: number; by: string }[];
  /** The monitor's attestation once completed. */
  attest?: { daysAgo: number; by: string; note?: string };
};

type CommitmentSeed = {
  title: string;
  description: string;
  type: 'PREVENTION' | 'DETECTION';
  factors: Factor[];
  plan?: string;
  /** English titles of demo pledges (published) it implements. */
  pledges: string[];
  /** Titles of demo issues it answers. */
  issues: string[];
  proposer: { org: string; by: string; responsible: string };
  proposedDaysAgo: number;
  /** Start date, days from the seed's today (negative: in the past); end date the same. */
  startInDays: number;
  endInDays: number;
  /** The other parties; `accept`: answered this many days ago by this demo user, who is then responsible. */
  parties: { org: string; accept?: { daysAgo: number; by: string } }[];
  monitor?: string;
  milestones: MilestoneSeed[];
  /** Every accepted party agrees to cancel, in this order. */
  cancel?: { daysAgo: number; by: string; org: string; reason: string }[];
  /** The derived status at the seed's clock (documented in the README; the seed test checks it). */
  status: CommitmentStatus;
};

const CUSTOMS_ADMIN = 'customs.admin@demo.test';
const LIAISON = 'customs.liaison@demo.test';
const SIGNATORY = 'association.signatory@demo.test';
const ASSOCIATION_ADMIN = 'association.admin@demo.test';
const PARTNER = 'partner@demo.test';
const CODE_OF_CONDUCT = 'Joint Code of Conduct at Border Crossing Points (demo)';
const NO_FACILITATION = 'No Facilitation Payments Pledge (demo)';

export const DEMO_COMMITMENTS: CommitmentSeed[] = [
  {
    // Every milestone confirmed by both parties; the partner monitor attested the first.
    title: 'Publish every official fee at each lane of Altyn Kakpa (demo)',
    description: `After a driver was asked for cash to skip the queue at Altyn Kakpa, the Steppe administration and the
Almaty forwarders agreed to make every official fee visible where it is paid, and to tell members how to check it.`,
    type: 'PREVENTION',
    factors: ['TRANSPARENCY', 'CODE_OF_CONDUCT'],
    plan: 'kz-plan',
    pledges: [CODE_OF_CONDUCT, NO_FACILITATION],
    issues: ['Cash demanded to skip the queue at Altyn Kakpa (demo)'],
    proposer: { org: 'kz-customs', by: CUSTOMS_ADMIN, responsible: LIAISON },
    proposedDaysAgo: 44,
    startInDays: -44,
    endInDays: -20,
    parties: [{ org: 'kz-forwarders', accept: { daysAgo: 43, by: SIGNATORY } }],
    monitor: 'partner',
    milestones: [
      {
        title: 'Fee list posted at every lane',
        deliverable: 'The official fee list, with its legal basis, posted at all six lanes in Kazakh, Russian and English.',
        owner: 'kz-customs',
        dueInDays: -30,
        done: {
          daysAgo: 33,
          by: LIAISON,
          evidenceText: 'Posted at lanes 1 to 6 on the same day; photographs of each lane are in the post register.',
          evidenceLinks: ['https://example.org/steppe-customs/altyn-kakpa-fees'],
        },
        confirmedBy: [{ daysAgo: 32, by: SIGNATORY }],
        attest: {
          daysAgo: 30,
          by: PARTNER,
          note: 'Our monitor visited Altyn Kakpa unannounced and found the list posted at all six lanes.',
        },
      },
      {
        title: 'Members’ guide on checking fees',
        deliverable: 'A two-page guide for drivers: the official fees, how to ask for a receipt, and how to report a request for payment.',
        owner: 'kz-forwarders',
        dueInDays: -20,
        done: {
          daysAgo: 22,
          by: SIGNATORY,
          evidenceText: 'Sent to all 86 member companies and handed out at the association’s truck stop.',
          evidenceLinks: ['https://example.org/almaty-forwarders/fee-guide'],
        },
        confirmedBy: [{ daysAgo: 21, by: LIAISON }],
      },
    ],
    status: 'COMPLETED',
  },
  {
    // On track; the Steppe administration's first milestone is done and awaits the association's confirmation.
    title: 'Announce scanner outages at Dala rail station as they happen (demo)',
    description: `Containers waited 30 hours at Dala while the scanner was out of service, and nobody could say why. The
administration announces every outage on its website as it happens; the association shares its members' waiting
times every week, and both review the first two months together.`,
    type: 'PREVENTION',
    factors: ['TRANSPARENCY', 'AUTOMATION'],
    plan: 'kz-plan',
    pledges: [CODE_OF_CONDUCT],
    issues: ['Trucks held 30 hours at Dala rail station without a reason (demo)'],
    proposer: { org: 'kz-customs', by: LIAISON, responsible: LIAISON },
    proposedDaysAgo: 9,
    startInDays: -9,
    endInDays: 75,
    parties: [{ org: 'kz-forwarders', accept: { daysAgo: 8, by: SIGNATORY } }],
    milestones: [
      {
        title: 'Outage notices on the website',
        deliverable: 'A page listing every scanner outage at Dala, updated within an hour of its start and end.',
        owner: 'kz-customs',
        dueInDays: 20,
        done: {
          daysAgo: 2,
          by: LIAISON,
          evidenceText: 'The outage page is live; the two outages since were announced within 40 minutes.',
          evidenceLinks: ['https://example.org/steppe-customs/dala-outages'],
        },
      },
      {
        title: 'Weekly waiting times from members',
        deliverable: 'Waiting times of members’ containers at Dala, shared every Monday with the administration.',
        owner: 'kz-forwarders',
        dueInDays: 45,
      },
      {
        title: 'Joint review of the first two months',
        deliverable: 'A short public note comparing announced outages with the waiting times members recorded.',
        owner: 'kz-customs',
        dueInDays: 70,
      },
    ],
    status: 'ON_TRACK',
  },
  {
    // At risk: the rulings register is due within the week. Its first milestone is completed but not yet attested.
    title: 'Binding classification rulings within 30 days at the inland clearance centre (demo)',
    description: `The same goods were classified under different headings from one shipment to the next. The administration
publishes how to request a binding ruling, answers within 30 days, and keeps a public register of rulings; the
association collects the cases its members meet.`,
    type: 'PREVENTION',
    factors: ['REGULATORY_FRAMEWORK', 'TRANSPARENCY'],
    plan: 'kz-plan',
    pledges: [CODE_OF_CONDUCT],
    issues: ['Solar panels classified differently between two shipments (demo)'],
    proposer: { org: 'kz-customs', by: CUSTOMS_ADMIN, responsible: LIAISON },
    proposedDaysAgo: 30,
    startInDays: -30,
    endInDays: 60,
    parties: [{ org: 'kz-forwarders', accept: { daysAgo: 28, by: ASSOCIATION_ADMIN } }],
    monitor: 'partner',
    milestones: [
      {
        title: 'Ruling request procedure published',
        deliverable: 'The procedure and form to request a binding classification ruling, published with the 30-day deadline.',
        owner: 'kz-customs',
        dueInDays: -10,
        done: {
          daysAgo: 12,
          by: LIAISON,
          evidenceText: 'Published on the administration’s website and at the inland clearance centre.',
          evidenceLinks: ['https://example.org/steppe-customs/binding-rulings'],
        },
        confirmedBy: [{ daysAgo: 11, by: ASSOCIATION_ADMIN }],
      },
      {
        title: 'Public register of rulings',
        deliverable: 'Every binding ruling issued, searchable by heading and by goods description, without the applicant’s name.',
        owner: 'kz-customs',
        dueInDays: 6,
      },
      {
        title: 'Cases of divergent classification collected',
        deliverable: 'The association’s list of goods classified differently between shipments since January, passed to the administration.',
        owner: 'kz-forwarders',
        dueInDays: 40,
      },
    ],
    status: 'AT_RISK',
  },
  {
    // Delayed: weekly publication of waiting times was due five days ago. Written in Russian by its proposer.
    title: 'Время ожидания на перевале Ак-Бел — каждую неделю (демо)',
    description: `Рефрижераторы экспортёров ждали на перевале Ак-Бел до 40 часов. Таможенная служба регистрирует время
прибытия каждой машины и еженедельно публикует время ожидания; союз экспортёров проводит опрос своих членов.`,
    type: 'PREVENTION',
    factors: ['TRANSPARENCY', 'AUTOMATION'],
    plan: 'kg-plan',
    pledges: [CODE_OF_CONDUCT],
    issues: ['Рефрижераторы простаивают на перевале Ак-Бел (демо)'],
    proposer: { org: 'kg-customs', by: 'liaison.kg-customs@demo.test', responsible: 'liaison.kg-customs@demo.test' },
    proposedDaysAgo: 90,
    startInDays: -90,
    endInDays: 45,
    parties: [{ org: 'kg-exporters', accept: { daysAgo: 88, by: 'signatory.kg-exporters@demo.test' } }],
    milestones: [
      {
        title: 'Терминал регистрации прибытия',
        deliverable: 'Терминал на въезде к посту фиксирует время прибытия каждой машины.',
        owner: 'kg-customs',
        dueInDays: -60,
        done: { daysAgo: 65, by: 'liaison.kg-customs@demo.test', evidenceText: 'Терминал установлен и работает круглосуточно.' },
        confirmedBy: [{ daysAgo: 63, by: 'signatory.kg-exporters@demo.test' }],
      },
      {
        title: 'Еженедельная публикация времени ожидания',
        deliverable: 'Среднее и наибольшее время ожидания за неделю — на сайте службы каждый понедельник, три месяца подряд.',
        owner: 'kg-customs',
        dueInDays: -5,
      },
      {
        title: 'Опрос экспортёров',
        deliverable: 'Опрос членов союза о времени ожидания на перевале и его итоги.',
        owner: 'kg-exporters',
        dueInDays: 30,
      },
    ],
    status: 'DELAYED',
  },
  {
    // Proposed two days ago: awaits the Almaty association's acceptance (its signatory and administrator are asked).
    title: 'Withdraw the unpublished transit confirmation form at the air cargo post (demo)',
    description: `The air cargo post asks for a "transit confirmation" form that has no legal basis. The administration
withdraws it and checks every post for forms that are not published; the association tells its members and reports
any post that still asks for it.`,
    type: 'PREVENTION',
    factors: ['TRANSPARENCY', 'REGULATORY_FRAMEWORK'],
    plan: 'kz-plan',
    pledges: [NO_FACILITATION],
    issues: ['Unpublished "transit confirmation" form demanded at the air cargo post (demo)'],
    proposer: { org: 'kz-customs', by: CUSTOMS_ADMIN, responsible: LIAISON },
    proposedDaysAgo: 2,
    startInDays: 0,
    endInDays: 90,
    parties: [{ org: 'kz-forwarders' }],
    milestones: [
      {
        title: 'Form withdrawn by instruction',
        deliverable: 'A written instruction to the air cargo post withdrawing the form, published on the website.',
        owner: 'kz-customs',
        dueInDays: 30,
      },
      {
        title: 'Members told, and any further request reported',
        deliverable: 'A notice to members, and a list of any post that still asks for unpublished forms.',
        owner: 'kz-forwarders',
        dueInDays: 60,
      },
    ],
    status: 'PROPOSED',
  },
  {
    // Cancelled by both parties: a national decree replaced the post's fee list.
    title: 'Joint hotline for inspection fee complaints at Fergana Gate (demo)',
    description: `Hauliers were charged an inspection fee above the published list. The committee and the alliance were to
run a joint hotline for fee complaints, each investigated within ten days.`,
    type: 'DETECTION',
    factors: ['AUDIT_AND_INVESTIGATION', 'TRANSPARENCY'],
    plan: 'uz-plan',
    pledges: [NO_FACILITATION],
    issues: ['Inspection fee at Fergana Gate differs from the published list (demo)'],
    proposer: { org: 'uz-customs', by: 'liaison.uz-customs@demo.test', responsible: 'liaison.uz-customs@demo.test' },
    proposedDaysAgo: 5,
    startInDays: -5,
    endInDays: 60,
    parties: [{ org: 'mn-logistics', accept: { daysAgo: 4.5, by: 'signatory.mn-logistics@demo.test' } }],
    milestones: [
      {
        title: 'Hotline open',
        deliverable: 'A telephone and messaging line for fee complaints, answered on working days.',
        owner: 'uz-customs',
        dueInDays: 20,
      },
    ],
    cancel: [
      {
        daysAgo: 2,
        by: 'liaison.uz-customs@demo.test',
        org: 'uz-customs',
        reason: 'A government decree replaced the post’s fee list with a single national list; complaints now go to the national hotline.',
      },
      { daysAgo: 1, by: 'signatory.mn-logistics@demo.test', org: 'mn-logistics', reason: 'Agreed: the national hotline covers Fergana Gate now.' },
    ],
    status: 'CANCELLED',
  },
  {
    // On track, in the Silk Road plan.
    title: 'Inspections at inland clearance centres selected by the risk engine only (demo)',
    description: `Some consignments are inspected and others released on a shift manager's call. The committee switches
inland clearance centres to inspections selected by the risk engine alone and audits every manual override; the
alliance reports overrides its members see.`,
    type: 'DETECTION',
    factors: ['AUDIT_AND_INVESTIGATION', 'AUTOMATION', 'LEADERSHIP_AND_COMMITMENT'],
    plan: 'uz-plan',
    pledges: [NO_FACILITATION],
    issues: [],
    proposer: { org: 'uz-customs', by: 'signatory.uz-customs@demo.test', responsible: 'liaison.uz-customs@demo.test' },
    proposedDaysAgo: 20,
    startInDays: -20,
    endInDays: 100,
    parties: [{ org: 'mn-logistics', accept: { daysAgo: 19, by: 'signatory.mn-logistics@demo.test' } }],
    milestones: [
      {
        title: 'Manual overrides logged and audited',
        deliverable: 'Every manual change to the risk engine’s selection logged with its reason, and audited monthly.',
        owner: 'uz-customs',
        dueInDays: 25,
      },
      {
        title: 'Alliance report on overrides seen by members',
        deliverable: 'A quarterly report of consignments released or inspected against the risk engine’s selection.',
        owner: 'mn-logistics',
        dueInDays: 70,
      },
    ],
    status: 'ON_TRACK',
  },
];

const DAY = 24 * 60 * 60 * 1000;

/** The first day of the month `months` months from the month of `today` (YYYY-MM-DD). */
function monthStart(today: string, months: number): string {
  const [year, month] = today.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1 + months, 1)).toISOString().slice(0, 10);
}

/**
 * Seeds the action plans and commitments (after the organisations, users, pledges and issues of seedDemoData).
 * `now` is the seed's clock: the statuses of DEMO_COMMITMENTS hold at it.
 */
export async function seedCommitments(
  db: Db,
  orgIds: Map<string, string>,
  { now = new Date(), password, demoHash }: { now?: Date; password: string; demoHash: () => Promise<string> },
) {
  const today = todayOf(now);
  const at = (daysAgo: number) => new Date(now.getTime() - Math.round(daysAgo * DAY));
  const day = (days: number) => addCalendarDays(today, days);
  const system = (when: Date): DomainContext => ({ db, actor: systemActor('seed'), now: () => when });
  const as = async (email: string, when: Date): Promise<DomainContext> => {
    const user = await db.user.findUniqueOrThrow({ where: { email }, include: { memberships: true } });
    return { db, actor: actorFromUser(user), now: () => when };
  };
  const org = (key: string) => orgIds.get(key)!;
  const userId = async (email: string) => (await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } })).id;

  let usersCreated = 0;
  for (const person of DEMO_PLAN_ADMINS) {
    let user = await db.user.findUnique({ where: { email: person.email } });
    if (!user) {
      user = await provisionUser(system(at(200)), { name: person.name, email: person.email, password }, { passwordHash: await demoHash() });
      usersCreated += 1;
    }
    await addMember(system(at(200)), { organizationId: org(person.org), userId: user.id, role: 'ORG_ADMIN' });
  }

  // Everything that happens, in date order: plans drafted and published, commitments proposed, answered, milestones
  // marked done, confirmed and attested, a commitment cancelled.
  type Step = { at: Date; run: () => Promise<unknown> };
  const steps: Step[] = [];

  const planIds = new Map<string, string>();
  let actionPlansCreated = 0;
  for (const spec of DEMO_ACTION_PLANS) {
    const existing = await db.actionPlan.findFirst({ where: { administrationId: org(spec.administration), title: spec.title } });
    if (existing) {
      planIds.set(spec.key, existing.id);
      continue;
    }
    const created = at(spec.createdDaysAgo);
    steps.push({
      at: created,
      run: async () => {
        const plan = await createActionPlan(await as(spec.by, created), {
          administrationId: org(spec.administration),
          title: spec.title,
          description: spec.description,
          periodStart: monthStart(today, spec.period.fromMonths),
          periodEnd: addCalendarDays(monthStart(today, spec.period.fromMonths + spec.period.months), -1),
        });
        planIds.set(spec.key, plan.id);
        actionPlansCreated += 1;
      },
    });
    if (spec.publishedDaysAgo !== null) {
      const published = at(spec.publishedDaysAgo);
      steps.push({ at: published, run: async () => publishActionPlan(await as(spec.by, published), { actionPlanId: planIds.get(spec.key)! }) });
    }
  }

  const commitmentIds = new Map<string, string>();
  let commitmentsCreated = 0;
  for (const spec of DEMO_COMMITMENTS) {
    if (await db.commitment.findFirst({ where: { title: spec.title } })) continue;
    const proposed = at(spec.proposedDaysAgo);
    steps.push({
      at: proposed,
      run: async () => {
        const pledges = await db.pledge.findMany({ where: { title: { in: spec.pledges } }, select: { id: true } });
        const issues = await db.issue.findMany({ where: { title: { in: spec.issues } }, select: { id: true } });
        const commitment = await createCommitment(await as(spec.proposer.by, proposed), {
          proposerOrganizationId: org(spec.proposer.org),
          proposerResponsibleUserId: await userId(spec.proposer.responsible),
          title: spec.title,
          description: spec.description,
          type: spec.type,
          factors: spec.factors,
          actionPlanId: spec.plan ? planIds.get(spec.plan) : undefined,
          pledgeIds: pledges.map((p) => p.id),
          issueIds: issues.map((i) => i.id),
          startDate: day(spec.startInDays),
          endDate: day(spec.endInDays),
          partyOrganizationIds: spec.parties.map((p) => org(p.org)),
          monitorOrganizationId: spec.monitor ? org(spec.monitor) : undefined,
          milestones: spec.milestones.map((m) => ({
            title: m.title,
            deliverable: m.deliverable,
            ownerOrganizationId: org(m.owner),
            dueDate: day(m.dueInDays),
          })),
        });
        commitmentIds.set(spec.title, commitment.id);
        commitmentsCreated += 1;
      },
    });
    const commitmentId = () => commitmentIds.get(spec.title)!;
    for (const party of spec.parties) {
      const accept = party.accept;
      if (!accept) continue;
      const when = at(accept.daysAgo);
      steps.push({ at: when, run: async () => acceptCommitment(await as(accept.by, when), { commitmentId: commitmentId(), organizationId: org(party.org) }) });
    }
    for (const milestone of spec.milestones) {
      const milestoneId = async () =>
        (await db.milestone.findFirstOrThrow({ where: { commitmentId: commitmentId(), title: milestone.title }, select: { id: true } })).id;
      const done = milestone.done;
      if (done) {
        const when = at(done.daysAgo);
        steps.push({
          at: when,
          run: async () =>
            completeMilestone(await as(done.by, when), {
              milestoneId: await milestoneId(),
              organizationId: org(milestone.owner),
              evidenceText: done.evidenceText,
              evidenceLinks: done.evidenceLinks ?? [],
            }),
        });
      }
      for (const confirmation of milestone.confirmedBy ?? []) {
        const when = at(confirmation.daysAgo);
        steps.push({ at: when, run: async () => confirmMilestone(await as(confirmation.by, when), { milestoneId: await milestoneId() }) });
      }
      const attest = milestone.attest;
      if (attest) {
        const when = at(attest.daysAgo);
        steps.push({ at: when, run: async () => attestMilestone(await as(attest.by, when), { milestoneId: await milestoneId(), note: attest.note }) });
      }
    }
    for (const agreement of spec.cancel ?? []) {
      const when = at(agreement.daysAgo);
      steps.push({
        at: when,
        run: async () =>
          cancelCommitment(await as(agreement.by, when), { commitmentId: commitmentId(), organizationId: org(agreement.org), reason: agreement.reason }),
      });
    }
  }

  // Stable: steps of the same instant keep the order they were listed in.
  steps.sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const step of steps) await step.run();
  // The scheduler's sweep, as it runs now: the owners of overdue and soon-due milestones are notified (once each).
  await runMilestoneDueSweep(system(now), { now });
  return { usersCreated, actionPlansCreated, commitmentsCreated };
}
