// Builders for joint-commitment tests, all through the domain (so the audit chain stays whole). Other helpers' tests
// reuse them: makeCommitmentSetup, commitmentInput, proposeTestCommitment, activeTestCommitment, markTestMilestoneDone.
import type { Commitment, Milestone, User } from '../../prisma/generated/client/client';
import type { Db } from '../../app/db/client.server';
import { addCalendarDays, todayOf } from '../../app/domain/commitment-rules';
import { acceptCommitment, createCommitment } from '../../app/domain/commitments.server';
import type { DomainContext } from '../../app/domain/context.server';
import { completeMilestone } from '../../app/domain/milestones.server';
import { ctxFor, makeMember, makeOrganization, makeUser } from './fixtures';
import { at } from './issues';

type Role = 'MEMBER' | 'SIGNATORY' | 'LIAISON_OFFICER' | 'ORG_ADMIN';
let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

/**
 * A person in a setup: the user row itself (so `person.id` works), with `ctx` (their domain context) and `user`
 * (the same row, for code that prefers `person.user.id`).
 */
export type SetupPerson = User & { user: User; ctx: DomainContext };

async function person(db: Db, organizationId: string | null, role: Role, options: { platformAdmin?: boolean } = {}): Promise<SetupPerson> {
  const user = organizationId ? await makeMember(db, organizationId, role) : await makeUser(db, { platformAdmin: options.platformAdmin });
  const ctx = await ctxFor(db, user.id);
  return Object.assign(user, { user, ctx });
}

/**
 * Everyone a commitment test needs, all organisations verified:
 * - administration (CUSTOMS_ADMINISTRATION): customsAdmin (ORG_ADMIN), customsLiaison (LIAISON_OFFICER);
 * - association (BUSINESS_ASSOCIATION): associationSignatory (SIGNATORY), associationMember (MEMBER: no commitment role);
 * - partner (PARTNER, the usual monitor): partnerAdmin (ORG_ADMIN);
 * - otherAssociation (a third party for three-party tests): otherAssociationAdmin (ORG_ADMIN);
 * - outsider (no membership), platformAdmin.
 * `ctx.<person>` is each person's context too (the same as `<person>.ctx`).
 */
export async function makeCommitmentSetup(db: Db) {
  const administration = await makeOrganization(db, { kind: 'CUSTOMS_ADMINISTRATION', name: `Customs ${unique()}` });
  const association = await makeOrganization(db, { kind: 'BUSINESS_ASSOCIATION', name: `Association ${unique()}` });
  const partner = await makeOrganization(db, { kind: 'PARTNER', name: `Partner ${unique()}` });
  const otherAssociation = await makeOrganization(db, { kind: 'BUSINESS_ASSOCIATION', name: `Other association ${unique()}` });
  const customsAdmin = await person(db, administration.id, 'ORG_ADMIN');
  const customsLiaison = await person(db, administration.id, 'LIAISON_OFFICER');
  const associationSignatory = await person(db, association.id, 'SIGNATORY');
  const associationMember = await person(db, association.id, 'MEMBER');
  const partnerAdmin = await person(db, partner.id, 'ORG_ADMIN');
  const otherAssociationAdmin = await person(db, otherAssociation.id, 'ORG_ADMIN');
  const outsider = await person(db, null, 'MEMBER');
  const platformAdmin = await person(db, null, 'MEMBER', { platformAdmin: true });
  return {
    db,
    administration,
    association,
    partner,
    otherAssociation,
    customsAdmin,
    customsLiaison,
    associationSignatory,
    associationMember,
    partnerAdmin,
    otherAssociationAdmin,
    outsider,
    platformAdmin,
    ctx: {
      customsAdmin: customsAdmin.ctx,
      customsLiaison: customsLiaison.ctx,
      associationSignatory: associationSignatory.ctx,
      associationMember: associationMember.ctx,
      partnerAdmin: partnerAdmin.ctx,
      otherAssociationAdmin: otherAssociationAdmin.ctx,
      outsider: outsider.ctx,
      platformAdmin: platformAdmin.ctx,
    },
  };
}
export type CommitmentSetup = Awaited<ReturnType<typeof makeCommitmentSetup>>;

export type TestCommitmentOptions = {
  /** The clock of every act (default: the real clock). Dates default from its day. */
  now?: Date | string;
  /** How many milestones to propose with it: owned alternately by the administration (index 0, 2, …) and the association. */
  milestoneCount?: number;
  /** Add the other association as a third party (it must accept too). */
  threeParties?: boolean;
  /** Who proposes (default: the customs administrator, for the administration). */
  by?: DomainContext;
} & Record<string, unknown>;

/**
 * A valid createCommitment input: proposed by the administration with the association (and optionally the other
 * association) as parties, the partner as monitor, starting on `today`, with `milestoneCount` milestones due 30, 60, …
 * days after the start. Override any field.
 */
export function commitmentInput(
  setup: CommitmentSetup,
  {
    today,
    milestoneCount = 0,
    threeParties = false,
    ...overrides
  }: { today: string; milestoneCount?: number; threeParties?: boolean } & Record<string, unknown>,
) {
  const startDate = (overrides.startDate as string | undefined) ?? today;
  return {
    proposerOrganizationId: setup.administration.id,
    title: `Publish the fee schedule at every gate ${unique()}`,
    description: 'Every border post displays the official fee schedule and the hotline number; the association checks it quarterly.',
    type: 'PREVENTION',
    factors: ['TRANSPARENCY'],
    startDate,
    partyOrganizationIds: threeParties ? [setup.association.id, setup.otherAssociation.id] : [setup.association.id],
    monitorOrganizationId: setup.partner.id,
    milestones: Array.from({ length: milestoneCount }, (_, i) => ({
      title: `Milestone ${i + 1}`,
      deliverable: `Deliverable ${i + 1}: a published report.`,
      ownerOrganizationId: i % 2 === 0 ? setup.administration.id : setup.association.id,
      dueDate: addCalendarDays(startDate, 30 * (i + 1)),
    })),
    ...overrides,
  };
}

const clocked = (ctx: DomainContext, now?: Date | string) => (now ? at(ctx, now) : ctx);

/** Propose a commitment (PROPOSED: the association, and the other association with `threeParties`, still to accept). */
export async function proposeTestCommitment(db: Db, setup: CommitmentSetup, overrides: TestCommitmentOptions = {}): Promise<Commitment> {
  const { now, by, milestoneCount = 0, threeParties = false, ...fields } = overrides;
  const today = todayOf(now ? new Date(now) : new Date());
  const ctx = clocked(by ?? setup.customsAdmin.ctx, now);
  return createCommitment({ ...ctx, db }, commitmentInput(setup, { today, milestoneCount, threeParties, ...fields }));
}

/**
 * An ACTIVE commitment: proposed with `milestones` milestones (default 2) and accepted by every other party (the
 * association's signatory, the other association's administrator). Returns the commitment (as activated) and its
 * milestones ordered by due date.
 */
export async function activeTestCommitment(
  db: Db,
  setup: CommitmentSetup,
  { milestones = 2, now, ...overrides }: { milestones?: number } & TestCommitmentOptions = {},
): Promise<{ commitment: Commitment; milestones: Milestone[] }> {
  const proposed = await proposeTestCommitment(db, setup, { ...overrides, now, milestoneCount: milestones });
  let commitment = proposed;
  const parties = await db.commitmentParty.findMany({ where: { commitmentId: proposed.id, response: 'PENDING' } });
  for (const party of parties) {
    const accepter =
      party.organizationId === setup.association.id
        ? setup.associationSignatory.ctx
        : party.organizationId === setup.otherAssociation.id
          ? setup.otherAssociationAdmin.ctx
          : party.organizationId === setup.administration.id
            ? setup.customsAdmin.ctx
            : null;
    if (!accepter) throw new Error(`activeTestCommitment: nobody in the setup accepts for ${party.organizationId}`);
    commitment = await acceptCommitment(clocked(accepter, now), { commitmentId: proposed.id, organizationId: party.organizationId });
  }
  const rows = await db.milestone.findMany({ where: { commitmentId: proposed.id }, orderBy: [{ dueDate: 'asc' }, { id: 'asc' }] });
  return { commitment, milestones: rows };
}

/** The context that acts for a milestone's owner party in a setup (the customs administrator or the association's signatory). */
export async function ownerCtxOf(db: Db, setup: CommitmentSetup, milestone: Pick<Milestone, 'ownerPartyId'>): Promise<DomainContext> {
  const party = await db.commitmentParty.findUniqueOrThrow({ where: { id: milestone.ownerPartyId } });
  if (party.organizationId === setup.administration.id) return setup.customsAdmin.ctx;
  if (party.organizationId === setup.association.id) return setup.associationSignatory.ctx;
  if (party.organizationId === setup.otherAssociation.id) return setup.otherAssociationAdmin.ctx;
  throw new Error('ownerCtxOf: the owner is not in the setup');
}

/** Mark a milestone done for its owner party, with an evidence link (at `now`, default the real clock). */
export async function markTestMilestoneDone(db: Db, setup: CommitmentSetup, milestone: Milestone, { now }: { now?: Date | string } = {}): Promise<Milestone> {
  const ctx = clocked(await ownerCtxOf(db, setup, milestone), now);
  return completeMilestone(ctx, {
    milestoneId: milestone.id,
    evidenceText: 'The schedule is posted at every gate.',
    evidenceLinks: ['https://example.test/report.pdf'],
  });
}
