import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorFromUser, signIn } from '../../app/domain/auth.server';
import { anonymous } from '../../app/domain/actor.server';
import { verifyAuditChain } from '../../app/domain/audit.server';
import { ALMATY_RESOLUTION_COUNTRIES } from '../../app/domain/countries';
import { signEligibility, signatureCounts } from '../../app/domain/pledge-queries.server';
import { renewalDue } from '../../app/domain/pledge-rules';
import { listIssues } from '../../app/domain/issue-queries.server';
import { actionItemsFor } from '../../app/domain/action-items.server';
import { ISSUE_STATUSES, CUSTOMS_OFFICE_KINDS } from '../../app/domain/enums';
import { isEscalated, isOverdue } from '../../app/domain/issue-rules';
import {
  DEMO_ISSUES,
  DEMO_LIAISON_OFFICERS,
  DEMO_OFFICES,
  DEMO_ORGANIZATIONS,
  DEMO_PASSWORD,
  DEMO_PLEDGES,
  DEMO_SIGNATORIES,
  DEMO_USERS,
  seedDemoData,
} from '../../prisma/seed';
import { DEMO_ACTION_PLANS, DEMO_COMMITMENTS, DEMO_PLAN_ADMINS } from '../../prisma/seed-commitments';
import { COMMITMENT_STATUSES } from '../../app/domain/enums';
import { deriveCommitmentStatus, summarizeMilestones, todayOf } from '../../app/domain/commitment-rules';
import { type TestDatabase, createTestDatabase } from '../helpers/db';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.close());

const DAY = 24 * 60 * 60 * 1000;
const FORWARDERS = 'Almaty Freight Forwarders Association (demo)';
const ru = (translations: unknown) => (translations as { ru?: Record<string, unknown> }).ru ?? {};
const cyrillic = /[а-яё]/i;

describe('demo data', () => {
  // Seeding replays months of history through the domain (twice here): more than the default 30 s on a slow machine.
  it('creates clearly fictional organisations of every kind and a user per role, idempotently', { timeout: 180_000 }, async () => {
    const first = await seedDemoData(t.db);
    expect(first).toEqual({
      organizationsCreated: DEMO_ORGANIZATIONS.length,
      usersCreated: DEMO_USERS.length + DEMO_SIGNATORIES.length + DEMO_LIAISON_OFFICERS.length + DEMO_PLAN_ADMINS.length,
      pledgesCreated: DEMO_PLEDGES.length,
      officesCreated: DEMO_OFFICES.length,
      issuesCreated: DEMO_ISSUES.length,
      actionPlansCreated: DEMO_ACTION_PLANS.length,
      commitmentsCreated: DEMO_COMMITMENTS.length,
    });
    const escalations = await t.db.issueEscalation.count();
    const notifications = await t.db.notification.count();
    const audit = await t.db.auditEvent.count();
    expect(await seedDemoData(t.db)).toEqual({
      organizationsCreated: 0,
      usersCreated: 0,
      pledgesCreated: 0,
      officesCreated: 0,
      issuesCreated: 0,
      actionPlansCreated: 0,
      commitmentsCreated: 0,
    });
    // Nothing of the commitments is replayed again either.
    expect(await t.db.auditEvent.count()).toBe(audit);
    // Run again, it escalates nothing twice and notifies nobody again.
    expect(await t.db.issueEscalation.count()).toBe(escalations);
    expect(await t.db.notification.count()).toBe(notifications);
    const orgs = await t.db.organization.findMany();
    expect(orgs).toHaveLength(DEMO_ORGANIZATIONS.length);
    for (const org of orgs) expect(org.name).toMatch(/\(demo\)$/);
    const count = (kind: string) => orgs.filter((o) => o.kind === kind).length;
    expect(count('CUSTOMS_ADMINISTRATION')).toBeGreaterThanOrEqual(3);
    expect(count('BUSINESS_ASSOCIATION')).toBeGreaterThanOrEqual(4);
    expect(count('PARTNER')).toBeGreaterThanOrEqual(1);
    const roles = new Set((await t.db.membership.findMany()).map((m) => m.role));
    expect([...roles].sort()).toEqual(['LIAISON_OFFICER', 'MEMBER', 'ORG_ADMIN', 'SIGNATORY']);
    expect(await t.db.user.count({ where: { isPlatformAdmin: true } })).toBe(1);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  });

  it('draws every country from the signatories of the Almaty Integrity Resolution', async () => {
    const countries = new Set((await t.db.organization.findMany()).map((o) => o.country));
    for (const country of countries) expect(ALMATY_RESOLUTION_COUNTRIES).toContain(country);
    expect(countries.has('GE')).toBe(false);
    expect(await t.db.user.count({ where: { email: { contains: 'ge-logistics' } } })).toBe(0);
  });

  it('has two published pledges with a realistic mix of signatures, one lapsed and one withdrawn, and a draft', async () => {
    const pledges = await t.db.pledge.findMany({ where: { status: 'PUBLISHED' } });
    expect(pledges).toHaveLength(2);
    const counts = [
      ...(
        await signatureCounts(
          t.db,
          pledges.map((p) => p.id),
          new Date(),
        )
      ).values(),
    ];
    const sum = (key: 'ACTIVE' | 'LAPSED' | 'WITHDRAWN' | 'unverified') => counts.reduce((total, c) => total + c[key], 0);
    expect({ ACTIVE: sum('ACTIVE'), LAPSED: sum('LAPSED'), WITHDRAWN: sum('WITHDRAWN'), unverified: sum('unverified') }).toEqual({
      ACTIVE: 6,
      LAPSED: 1,
      WITHDRAWN: 1,
      unverified: 0,
    });
    // The withdrawal keeps its reason.
    const withdrawn = await t.db.pledgeSignature.findFirstOrThrow({ where: { withdrawnAt: { not: null } } });
    expect(withdrawn.withdrawalReason).toMatch(/reorganising/);
    // The demo association signatory still has a pledge to sign.
    const forwarders = await t.db.organization.findFirstOrThrow({ where: { name: FORWARDERS } });
    const unsigned = await t.db.pledge.findFirst({ where: { status: 'PUBLISHED', signatures: { none: { organizationId: forwarders.id } } } });
    expect(unsigned).not.toBeNull();
    // The partner has a draft to publish.
    const partner = await t.db.organization.findFirstOrThrow({ where: { kind: 'PARTNER' } });
    expect(await t.db.pledge.count({ where: { status: 'DRAFT', ownerOrganizationId: partner.id } })).toBe(1);
  });

  it('has a second version awaiting re-signing by two organisations', async () => {
    const pledge = await t.db.pledge.findFirstOrThrow({ where: { currentVersion: 2 } });
    const awaiting = await t.db.pledgeSignature.findMany({
      where: {
        pledgeId: pledge.id,
        supersededAt: null,
        withdrawnAt: null,
        version: { number: { lt: 2 } },
        OR: [{ lapsesAt: null }, { lapsesAt: { gt: new Date() } }],
      },
      include: { organization: true },
    });
    expect(awaiting.map((s) => s.organization.name).sort()).toEqual(['Almaty Freight Forwarders Association (demo)', 'Bishkek Exporters Union (demo)']);
  });

  it('keeps lapsesAt on every signature, and the association signatory has a renewal falling due within 30 days', async () => {
    const now = new Date();
    const signatures = await t.db.pledgeSignature.findMany({ include: { pledge: true, organization: true } });
    expect(signatures.length).toBeGreaterThan(0);
    for (const s of signatures) expect(s.lapsesAt?.toISOString() ?? null).toBe(renewalDue(s.lastRenewedAt, s.pledge.renewalMonths)?.toISOString() ?? null);
    const due = signatures.filter(
      (s) => s.organization.name === FORWARDERS && !s.supersededAt && !s.withdrawnAt && s.lapsesAt! > now && s.lapsesAt!.getTime() - now.getTime() < 30 * DAY,
    );
    expect(due).toHaveLength(1);
  });

  it('gives the platform admin organisations to review: one awaiting verification, one with a name close to another', async () => {
    const unverified = await t.db.organization.findMany({ where: { verified: false }, include: { similarTo: true } });
    expect(unverified.length).toBeGreaterThanOrEqual(2);
    const lookalike = unverified.find((o) => o.similarToId);
    expect(lookalike?.similarTo?.name).toBe(FORWARDERS);
    expect(lookalike?.similarTo?.verified).toBe(true);
    expect(unverified.some((o) => !o.similarToId)).toBe(true);
    // Registered through the domain's rule by a demo user, who administers it and is told why it cannot sign yet.
    const registrant = await t.db.user.findUniqueOrThrow({ where: { email: 'registrant@demo.test' }, include: { memberships: true } });
    expect(registrant.memberships).toEqual([expect.objectContaining({ organizationId: lookalike!.id, role: 'ORG_ADMIN' })]);
    const pledge = await t.db.pledge.findFirstOrThrow({ where: { status: 'PUBLISHED' } });
    expect(signEligibility(actorFromUser(registrant), pledge, lookalike!, null)).toMatchObject({ ok: false, reason: 'errors.organizationUnverified' });
    const flagged = await t.db.auditEvent.findFirstOrThrow({ where: { action: 'organization.created', subjectId: lookalike!.id } });
    expect(flagged.actorId).toBe(registrant.id);
  });

  it('carries Russian for every organisation, pledge, version, change note and statement', async () => {
    for (const org of await t.db.organization.findMany()) {
      expect(ru(org.translations).name, org.name).toMatch(cyrillic);
      expect(ru(org.translations).description, org.name).toMatch(cyrillic);
      expect(ru(org.translations).name).toMatch(/\(демо\)$/);
    }
    for (const pledge of await t.db.pledge.findMany()) {
      expect(ru(pledge.translations).title, pledge.title).toMatch(cyrillic);
      expect(ru(pledge.translations).body, pledge.title).toMatch(cyrillic);
    }
    const versions = await t.db.pledgeVersion.findMany({ include: { pledge: true } });
    expect(versions.length).toBe(3);
    for (const version of versions) {
      expect(ru(version.translations).title).toMatch(cyrillic);
      expect(ru(version.translations).body).toMatch(cyrillic);
      if (version.changeNote) expect(ru(version.translations).changeNote).toMatch(cyrillic);
      // The pledge's draft text is its latest version's, in both languages.
      if (version.number === version.pledge.currentVersion)
        expect(ru(version.pledge.translations)).toEqual({ title: ru(version.translations).title, body: ru(version.translations).body });
    }
    const v2 = versions.find((v) => v.number === 2)!;
    expect(ru(v2.translations).body).toContain('в тот же день');
    for (const signature of await t.db.pledgeSignature.findMany()) {
      if (signature.statement) expect(ru(signature.translations).statement, signature.statement).toMatch(cyrillic);
      if (signature.withdrawalReason) expect(ru(signature.translations).withdrawalReason).toMatch(cyrillic);
    }
  });

  it('has customs offices of every kind in each demo administration, named in English and Russian, with coordinates', async () => {
    const administrations = await t.db.organization.findMany({ where: { kind: 'CUSTOMS_ADMINISTRATION' }, include: { customsOffices: true } });
    expect(administrations).toHaveLength(3);
    for (const administration of administrations) {
      expect(administration.customsOffices.filter((o) => !o.archivedAt).length, administration.name).toBeGreaterThanOrEqual(3);
    }
    const offices = administrations.flatMap((a) => a.customsOffices);
    expect(new Set(offices.map((o) => o.kind))).toEqual(new Set(CUSTOMS_OFFICE_KINDS));
    for (const office of offices) {
      expect(office.nameEn).toMatch(/\(demo\)$/);
      expect(office.nameRu).toMatch(/\(демо\)$/);
      expect(office.nameRu).toMatch(cyrillic);
      // Central Asia and the Caspian shore.
      expect(office.latitude).toBeGreaterThan(35);
      expect(office.latitude).toBeLessThan(52);
      expect(office.longitude).toBeGreaterThan(45);
      expect(office.longitude).toBeLessThan(90);
    }
    // One was closed: it stays on the issue raised about it, and is archived through the domain (audited).
    const archived = offices.filter((o) => o.archivedAt);
    expect(archived).toHaveLength(1);
    expect(await t.db.issue.count({ where: { officeId: archived[0].id } })).toBe(1);
    expect(await t.db.auditEvent.count({ where: { action: 'office.archived', subjectId: archived[0].id } })).toBe(1);
  });

  it('has issues in every status, overdue and escalated ones, anonymous ones, public and restricted ones, with responses', async () => {
    const now = new Date();
    const issues = await t.db.issue.findMany({ include: { responses: true, escalations: true }, orderBy: { createdAt: 'asc' } });
    expect(issues).toHaveLength(DEMO_ISSUES.length);
    expect(new Set(issues.map((i) => i.status))).toEqual(new Set(ISSUE_STATUSES));
    for (const issue of issues) expect(issue.createdAt.getTime()).toBeLessThan(now.getTime());
    const overdue = issues.filter((i) => isOverdue(i, now));
    expect(overdue.length).toBeGreaterThanOrEqual(3);
    // Overdue awaiting the acknowledgement, and awaiting the response.
    expect(new Set(overdue.map((i) => i.status))).toEqual(new Set(['RAISED', 'ACKNOWLEDGED']));
    const escalated = issues.filter((i) => isEscalated(i, now));
    expect(escalated.length).toBeGreaterThanOrEqual(3);
    // The scheduler's work is done: every missed deadline has its escalation row, and the Steppe administration's
    // ORG_ADMIN was notified once for each of its own.
    for (const issue of escalated) expect(issue.escalations.length, issue.title).toBeGreaterThan(0);
    const customsAdmin = await t.db.user.findUniqueOrThrow({ where: { email: 'customs.admin@demo.test' }, include: { memberships: true } });
    const steppe = customsAdmin.memberships[0].organizationId;
    const steppeEscalations = await t.db.issueEscalation.count({ where: { issue: { administrationId: steppe } } });
    expect(steppeEscalations).toBeGreaterThan(0);
    expect(await t.db.notification.count({ where: { userId: customsAdmin.id, kind: 'ISSUE_ESCALATED' } })).toBe(steppeEscalations);

    // Anonymous ones: nothing links them to a person, the receipt code is stored only as a hash.
    const anonymous = issues.filter((i) => i.anonymous);
    expect(anonymous.length).toBeGreaterThanOrEqual(2);
    for (const issue of anonymous) {
      expect(issue).toMatchObject({ raisedById: null, reporterOrganizationId: null, visibility: 'RESTRICTED' });
      expect(issue.receiptSelector).toMatch(/^\d{6}$/);
      expect(issue.receiptHash).toBeTruthy();
      const events = await t.db.auditEvent.findMany({
        where: { subjectType: 'Issue', subjectId: issue.id, action: { in: ['issue.raised', 'issue.followed_up'] } },
      });
      for (const event of events) expect(event.actorId).toBeNull();
    }
    expect(anonymous.some((i) => i.publicSummary && i.summaryPublishedAt)).toBe(true);
    expect(issues.some((i) => i.anonymous && i.responses.some((r) => r.kind === 'REPORTER_INFO' && r.authorId === null))).toBe(true);

    const named = issues.filter((i) => !i.anonymous);
    expect(named.some((i) => i.visibility === 'PUBLIC')).toBe(true);
    expect(named.some((i) => i.visibility === 'RESTRICTED')).toBe(true);
    expect(issues.filter((i) => i.responses.some((r) => r.kind === 'OFFICIAL')).length).toBeGreaterThanOrEqual(5);
    // A reopened one, within the 30 days of its closing; one in Russian.
    expect(issues.find((i) => i.status === 'REOPENED')).toMatchObject({ reopenCount: 1, closedAt: null, respondedAt: null });
    expect(issues.some((i) => cyrillic.test(i.title))).toBe(true);
    // References are numbered in the order the issues were raised.
    const numbers = issues.map((i) => Number(i.reference.split('-')[2]));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  });

  it('shows a visitor only the public named issues, and the parties their restricted ones', async () => {
    const page = await listIssues({ db: t.db, actor: anonymous }, { first: 100 });
    const publicNamed = await t.db.issue.count({ where: { visibility: 'PUBLIC', anonymous: false } });
    expect(page.items).toHaveLength(publicNamed);
    const liaison = await t.db.user.findUniqueOrThrow({ where: { email: 'customs.liaison@demo.test' }, include: { memberships: true } });
    const officerPage = await listIssues({ db: t.db, actor: actorFromUser(liaison) }, { first: 100 });
    expect(officerPage.items.length).toBeGreaterThan(publicNamed);
    expect(officerPage.items.some((i) => i.anonymous)).toBe(true);
    // The liaison officer has issues assigned to them, and overdue ones in the inbox.
    expect(officerPage.items.some((i) => i.assignee?.id === liaison.id && i.overdue)).toBe(true);
  });

  it('has a published action plan per demo customs administration, and a draft', async () => {
    const plans = await t.db.actionPlan.findMany({ include: { administration: true, commitments: true } });
    expect(plans).toHaveLength(DEMO_ACTION_PLANS.length);
    const administrations = await t.db.organization.findMany({ where: { kind: 'CUSTOMS_ADMINISTRATION' } });
    for (const administration of administrations) {
      const published = plans.filter((p) => p.administrationId === administration.id && p.status === 'PUBLISHED');
      expect(published, administration.name).toHaveLength(1);
      expect(published[0].publishedAt).not.toBeNull();
      expect(published[0].commitments.length, administration.name).toBeGreaterThan(0);
      expect(published[0].periodStart.getTime()).toBeLessThan(Date.now());
      expect(published[0].periodEnd.getTime()).toBeGreaterThan(Date.now());
    }
    const drafts = plans.filter((p) => p.status === 'DRAFT');
    expect(drafts).toHaveLength(1);
    expect(drafts[0].publishedAt).toBeNull();
    for (const plan of plans) {
      expect(plan.title).toMatch(/\(demo\)$/);
      expect(await t.db.auditEvent.count({ where: { subjectType: 'ActionPlan', subjectId: plan.id, action: 'actionPlan.created' } })).toBe(1);
    }
    // Created by the administration's ORG_ADMIN: the Tian Shan and Silk Road ones by their demo administrators.
    for (const person of DEMO_PLAN_ADMINS) {
      const user = await t.db.user.findUniqueOrThrow({ where: { email: person.email }, include: { memberships: true } });
      expect(user.memberships.map((m) => m.role)).toEqual(['ORG_ADMIN']);
      expect(plans.some((p) => p.createdById === user.id && p.status === 'PUBLISHED')).toBe(true);
    }
  });

  it('has commitments in every status at the seed clock, linked to demo issues and pledges, with their counters kept', async () => {
    const today = todayOf(new Date());
    const commitments = await t.db.commitment.findMany({
      include: { milestones: true, parties: { include: { organization: true } }, issues: true, pledges: true },
      orderBy: { createdAt: 'asc' },
    });
    expect(commitments).toHaveLength(DEMO_COMMITMENTS.length);
    for (const spec of DEMO_COMMITMENTS) {
      const c = commitments.find((x) => x.title === spec.title)!;
      expect(c, spec.title).toBeDefined();
      // The stored counters are what the milestones say, and the derived status is the documented one.
      const summary = summarizeMilestones(c.milestones);
      expect({ milestoneCount: c.milestoneCount, completedCount: c.completedCount, next: c.nextOpenDueDate?.toISOString().slice(0, 10) ?? null }).toEqual({
        milestoneCount: summary.milestoneCount,
        completedCount: summary.completedCount,
        next: summary.nextOpenDueDate,
      });
      expect(deriveCommitmentStatus(c, today), spec.title).toBe(spec.status);
      expect(c.reference).toMatch(/^COM-\d{4}-\d{4,}$/);
      expect(c.milestones).toHaveLength(spec.milestones.length);
      expect(c.issues).toHaveLength(spec.issues.length);
      expect(c.pledges).toHaveLength(spec.pledges.length);
      // At least one customs administration among its parties.
      expect(c.parties.some((p) => p.organization.kind === 'CUSTOMS_ADMINISTRATION')).toBe(true);
      if (c.phase !== 'PROPOSED') expect(c.parties.every((p) => p.response === 'ACCEPTED' && p.responsibleUserId)).toBe(true);
    }
    expect(new Set(DEMO_COMMITMENTS.map((c) => c.status))).toEqual(new Set(COMMITMENT_STATUSES));
    expect(commitments.filter((c) => c.issues.length > 0).length).toBeGreaterThanOrEqual(5);
    expect(commitments.filter((c) => c.pledges.length > 0).length).toBe(commitments.length);
    expect(new Set(commitments.map((c) => c.type))).toEqual(new Set(['PREVENTION', 'DETECTION']));
    // References are numbered in the order the commitments were proposed (within a year).
    const byYear = new Map<string, number[]>();
    for (const c of commitments) byYear.set(c.reference.slice(4, 8), [...(byYear.get(c.reference.slice(4, 8)) ?? []), Number(c.reference.slice(9))]);
    for (const numbers of byYear.values()) expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    // Linking an issue is recorded on the issue's side too.
    expect(await t.db.auditEvent.count({ where: { action: 'issue.commitmentLinked' } })).toBe(commitments.reduce((n, c) => n + c.issues.length, 0));
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  });

  it('gives the demo accounts their commitment journeys: one to accept, a milestone to confirm, one attested and one to attest', async () => {
    const forwarders = await t.db.organization.findFirstOrThrow({ where: { name: FORWARDERS } });
    const partner = await t.db.organization.findFirstOrThrow({ where: { kind: 'PARTNER' } });
    const signatory = await t.db.user.findUniqueOrThrow({ where: { email: 'association.signatory@demo.test' } });
    // Proposed by the Steppe administration, awaiting the association's answer.
    const proposed = await t.db.commitment.findMany({ where: { phase: 'PROPOSED' }, include: { parties: true } });
    expect(proposed).toHaveLength(1);
    expect(proposed[0].parties.find((p) => p.organizationId === forwarders.id)).toMatchObject({ response: 'PENDING', responsibleUserId: null });
    expect(await t.db.notification.count({ where: { userId: signatory.id, kind: 'COMMITMENT_PROPOSED', subjectId: proposed[0].id } })).toBe(1);
    // Marked done by customs, awaiting the association's confirmation (the owner's own confirmation recorded with it).
    const awaiting = await t.db.milestone.findMany({
      where: { state: 'DONE' },
      include: { confirmations: true, ownerParty: true, commitment: { include: { parties: true } } },
    });
    expect(awaiting).toHaveLength(1);
    const [done] = awaiting;
    expect(done.evidenceText).toBeTruthy();
    expect(done.confirmations.map((c) => c.partyId)).toEqual([done.ownerPartyId]);
    expect(done.commitment.parties.find((p) => p.organizationId === forwarders.id)?.responsibleUserId).toBe(signatory.id);
    expect(await t.db.notification.count({ where: { userId: signatory.id, kind: 'MILESTONE_AWAITING_CONFIRMATION', subjectId: done.commitmentId } })).toBe(1);
    // Completed milestones: confirmed by every party of their round; one attested by the partner monitor.
    const completed = await t.db.milestone.findMany({
      where: { state: 'COMPLETED' },
      include: { confirmations: true, commitment: { include: { parties: true } } },
    });
    for (const m of completed) {
      expect(new Set(m.confirmations.filter((c) => c.round === m.round).map((c) => c.partyId))).toEqual(new Set(m.commitment.parties.map((p) => p.id)));
    }
    const attested = completed.filter((m) => m.attestedAt);
    expect(attested).toHaveLength(1);
    const analyst = await t.db.user.findUniqueOrThrow({ where: { email: 'partner@demo.test' } });
    expect(attested[0]).toMatchObject({ attestedById: analyst.id, attestationNote: expect.stringMatching(/unannounced/) });
    expect(attested[0].commitment.monitorOrganizationId).toBe(partner.id);
    // The partner has a completed milestone of a monitored commitment still to attest.
    expect(completed.some((m) => !m.attestedAt && m.commitment.monitorOrganizationId === partner.id)).toBe(true);
    // The cancelled one: every accepted party agreed, each with a reason.
    const cancelled = await t.db.commitment.findFirstOrThrow({ where: { phase: 'CANCELLED' }, include: { parties: true } });
    expect(cancelled.cancelledAt).not.toBeNull();
    for (const party of cancelled.parties) expect(party).toMatchObject({ cancelAgreedAt: expect.any(Date), cancelReason: expect.any(String) });
  });

  it('puts the commitment work of each demo account on its dashboard', async () => {
    const kinds = async (email: string) => {
      const user = await t.db.user.findUniqueOrThrow({ where: { email }, include: { memberships: true } });
      const items = await actionItemsFor({ db: t.db, actor: actorFromUser(user) }, 'en');
      return items.filter((i) => i.kind.startsWith('commitment.') || i.kind.startsWith('milestone.')).map((i) => i.kind);
    };
    for (const email of ['association.signatory@demo.test', 'association.admin@demo.test']) {
      expect((await kinds(email)).sort(), email).toEqual(['commitment.accept', 'milestone.confirm']);
    }
    // The Steppe administration: the rulings register falls due within the week; the Tian Shan one: a milestone overdue.
    expect(await kinds('customs.liaison@demo.test')).toEqual(['milestone.dueSoon']);
    expect(await kinds('liaison.kg-customs@demo.test')).toEqual(['milestone.overdue']);
    // The partner monitor: the completed milestones it has not attested yet (one of the completed commitment's, one of
    // the at-risk one's).
    expect(await kinds('partner@demo.test')).toEqual(['milestone.attest', 'milestone.attest']);
    // A member acts for nobody.
    expect(await kinds('association.member@demo.test')).toEqual([]);
  });

  // A slow password hash per account (by design): more than the default 30 s on a busy machine.
  it('demo users can sign in with the documented password', { timeout: 120_000 }, async () => {
    for (const user of [...DEMO_USERS, ...DEMO_SIGNATORIES, ...DEMO_LIAISON_OFFICERS, ...DEMO_PLAN_ADMINS]) {
      const result = await signIn({ db: t.db, actor: anonymous, meta: { ip: '127.0.0.1' } }, { email: user.email, password: DEMO_PASSWORD });
      expect(result.user.email).toBe(user.email);
    }
  });
});
