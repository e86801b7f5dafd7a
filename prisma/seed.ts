// Demo data: clearly fictional organisations, each labelled "(demo)", in countries of the region of the Almaty
// Integrity Resolution, and one demo user per role. Idempotent: running it twice changes nothing.
// Runs automatically only on a fresh embedded database; `npm run db:seed` runs it by hand.
import { systemActor } from '../app/domain/actor.server';
import { actorFromUser, provisionUser } from '../app/domain/auth.server';
import { confirmationPhrases } from '../app/domain/pledge-rules';
import { createPledgeDraft, publishPledge, publishPledgeVersion, renewPledgeSignature, signPledge, withdrawPledgeSignature } from '../app/domain/pledges.server';
import type { DomainContext } from '../app/domain/context.server';
import { addMember } from '../app/domain/memberships.server';
import { createOrganization } from '../app/domain/organizations.server';
import type { Db } from '../app/db/client.server';

export const DEMO_PASSWORD = 'compact-demo-2026';

type Kind = 'CUSTOMS_ADMINISTRATION' | 'BUSINESS_ASSOCIATION' | 'PARTNER';
export const DEMO_ORGANIZATIONS: { key: string; name: string; kind: Kind; country: string; description: string; verified: boolean }[] = [
  { key: 'kz-customs', name: 'Steppe Customs Administration (demo)', kind: 'CUSTOMS_ADMINISTRATION', country: 'KZ', verified: true, description: 'A fictional customs administration used to demonstrate the platform.' },
  { key: 'kg-customs', name: 'Tian Shan Customs Service (demo)', kind: 'CUSTOMS_ADMINISTRATION', country: 'KG', verified: true, description: 'A fictional customs service used to demonstrate the platform.' },
  { key: 'uz-customs', name: 'Silk Road Customs Committee (demo)', kind: 'CUSTOMS_ADMINISTRATION', country: 'UZ', verified: true, description: 'A fictional customs committee used to demonstrate the platform.' },
  { key: 'kz-forwarders', name: 'Almaty Freight Forwarders Association (demo)', kind: 'BUSINESS_ASSOCIATION', country: 'KZ', verified: true, description: 'A fictional association of freight forwarders and customs brokers.' },
  { key: 'kg-exporters', name: 'Bishkek Exporters Union (demo)', kind: 'BUSINESS_ASSOCIATION', country: 'KG', verified: true, description: 'A fictional union of small and medium exporters.' },
  { key: 'uz-importers', name: 'Tashkent Chamber of Importers (demo)', kind: 'BUSINESS_ASSOCIATION', country: 'UZ', verified: false, description: 'A fictional chamber of importers, awaiting verification.' },
  { key: 'ge-logistics', name: 'Caucasus Logistics Alliance (demo)', kind: 'BUSINESS_ASSOCIATION', country: 'GE', verified: true, description: 'A fictional alliance of road hauliers and logistics firms.' },
  { key: 'partner', name: 'Regional Integrity Monitoring Fund (demo)', kind: 'PARTNER', country: 'AZ', verified: true, description: 'A fictional donor and monitoring partner.' },
];

type Role = 'MEMBER' | 'SIGNATORY' | 'LIAISON_OFFICER' | 'ORG_ADMIN';
export const DEMO_USERS: { email: string; name: string; platformAdmin?: boolean; org?: string; role?: Role; description: string }[] = [
  { email: 'admin@demo.test', name: 'Aigerim Platform-Admin', platformAdmin: true, description: 'Platform administrator' },
  { email: 'association.admin@demo.test', name: 'Daniyar Association-Admin', org: 'kz-forwarders', role: 'ORG_ADMIN', description: 'Organisation administrator, Almaty Freight Forwarders Association' },
  { email: 'association.signatory@demo.test', name: 'Saule Signatory', org: 'kz-forwarders', role: 'SIGNATORY', description: 'Signatory, Almaty Freight Forwarders Association' },
  { email: 'association.member@demo.test', name: 'Timur Member', org: 'kz-forwarders', role: 'MEMBER', description: 'Member, Almaty Freight Forwarders Association' },
  { email: 'customs.liaison@demo.test', name: 'Nurlan Liaison-Officer', org: 'kz-customs', role: 'LIAISON_OFFICER', description: 'Liaison officer, Steppe Customs Administration' },
  { email: 'customs.admin@demo.test', name: 'Gulnara Customs-Admin', org: 'kz-customs', role: 'ORG_ADMIN', description: 'Organisation administrator, Steppe Customs Administration' },
  { email: 'partner@demo.test', name: 'Elena Partner-Analyst', org: 'partner', role: 'ORG_ADMIN', description: 'Organisation administrator, Regional Integrity Monitoring Fund (partner): drafts pledges' },
];

/** Signatories of the other demo organisations, so that the demo pledges have a realistic register. */
const DEMO_SIGNATORIES: { email: string; name: string; org: string }[] = [
  { email: 'signatory.kg-customs@demo.test', name: 'Aibek Tian-Shan', org: 'kg-customs' },
  { email: 'signatory.uz-customs@demo.test', name: 'Dilnoza Silk-Road', org: 'uz-customs' },
  { email: 'signatory.kg-exporters@demo.test', name: 'Bakyt Exporter', org: 'kg-exporters' },
  { email: 'signatory.ge-logistics@demo.test', name: 'Nino Logistics', org: 'ge-logistics' },
];

const CODE_OF_CONDUCT = `## Purpose

Customs officers and the businesses they serve commit to clear, predictable and corruption-free procedures at
border crossing points.

## Commitments of customs administrations

1. Publish all fees, forms and procedures, and charge nothing that is not published.
2. Give every trader a written reason for any delay longer than two hours.
3. Rotate staff at high-risk posts and protect officers who report misconduct.

## Commitments of business associations

1. Refuse and report any request for an unofficial payment.
2. Train members on their rights and on the code of conduct.
3. Share data on waiting times with the joint monitoring committee.

## Monitoring

Signatories report progress at least once a year. The register of signatures is public.`;

const FEES_PLEDGE = `## The pledge

We will not offer, request or accept facilitation payments at the border, whatever their size.

- Customs administrations publish every official fee, with its legal basis, at each post and online.
- Business associations keep a confidential channel for members to report requests for payment.
- Both sides meet every quarter to review reports and the measures taken.

> Small payments are not small: they decide who crosses first and who waits.`;

type PledgeSeed = {
  title: string;
  body: string;
  factors: string[];
  audience: 'CUSTOMS' | 'BUSINESS' | 'BOTH';
  renewalMonths: number;
  owner: string | null;
  drafter: string;
  publishedMonthsAgo: number;
  versions?: { monthsAgo: number; changeNote: string }[];
  signatures: {
    org: string;
    signer: string;
    monthsAgo: number;
    statement?: string;
    resignMonthsAgo?: number;
    renew?: { monthsAgo: number; report: string; links: string[] };
    withdraw?: { monthsAgo: number; reason: string };
  }[];
};

const DEMO_PLEDGES: PledgeSeed[] = [
  {
    title: 'Joint Code of Conduct at Border Crossing Points (demo)',
    body: CODE_OF_CONDUCT,
    factors: ['CODE_OF_CONDUCT', 'TRANSPARENCY', 'RELATIONSHIP_WITH_PRIVATE_SECTOR', 'HUMAN_RESOURCE_MANAGEMENT'],
    audience: 'BOTH',
    renewalMonths: 12,
    owner: 'partner',
    drafter: 'partner@demo.test',
    publishedMonthsAgo: 20,
    versions: [{ monthsAgo: 6, changeNote: 'Written reasons for delays are now due the same day.' }],
    signatures: [
      { org: 'kz-customs', signer: 'customs.admin@demo.test', monthsAgo: 19, statement: 'We will publish every fee at all 32 of our posts.', resignMonthsAgo: 5 },
      { org: 'kg-customs', signer: 'signatory.kg-customs@demo.test', monthsAgo: 18, statement: 'Committed to rotating staff at high-risk posts.' },
      {
        org: 'kg-exporters',
        signer: 'signatory.kg-exporters@demo.test',
        monthsAgo: 17,
        renew: { monthsAgo: 8, report: 'Trained 140 member companies on the code; 12 reports of payment requests passed to the committee.', links: ['https://example.org/bishkek-exporters/training-report'] },
      },
      {
        org: 'ge-logistics',
        signer: 'signatory.ge-logistics@demo.test',
        monthsAgo: 16,
        statement: 'Our hauliers will record waiting times at every crossing.',
        withdraw: { monthsAgo: 10, reason: 'The alliance is reorganising its membership and will sign again once its new board has approved the code.' },
      },
      {
        org: 'kz-forwarders',
        signer: 'association.signatory@demo.test',
        monthsAgo: 15,
        statement: 'Almaty forwarders refuse unofficial payments, and say so.',
        renew: { monthsAgo: 3, report: 'Published a members’ guide on reporting payment requests; average clearance time at Khorgos fell from 9 to 6 hours.', links: ['https://example.org/almaty-forwarders/guide', 'https://example.org/almaty-forwarders/waiting-times'] },
      },
    ],
  },
  {
    title: 'No Facilitation Payments Pledge (demo)',
    body: FEES_PLEDGE,
    factors: ['TRANSPARENCY', 'AUDIT_AND_INVESTIGATION', 'LEADERSHIP_AND_COMMITMENT'],
    audience: 'BOTH',
    renewalMonths: 12,
    owner: null,
    drafter: 'admin@demo.test',
    publishedMonthsAgo: 3,
    signatures: [
      { org: 'uz-customs', signer: 'signatory.uz-customs@demo.test', monthsAgo: 2.6, statement: 'Zero tolerance, and a hotline answered within a day.' },
      { org: 'kg-exporters', signer: 'signatory.kg-exporters@demo.test', monthsAgo: 2.3 },
      { org: 'kz-customs', signer: 'customs.admin@demo.test', monthsAgo: 1.3, statement: 'Every fee, with its legal basis, is now on our website.' },
    ],
  },
];

const DAY = 24 * 60 * 60 * 1000;
const monthsAgo = (now: Date, months: number) => new Date(now.getTime() - Math.round(months * 30.4 * DAY));

export async function seedDemoData(db: Db) {
  const ctx: DomainContext = { db, actor: systemActor('seed') };
  const orgIds = new Map<string, string>();
  let organizationsCreated = 0;
  for (const org of DEMO_ORGANIZATIONS) {
    const existing = await db.organization.findFirst({ where: { name: org.name } });
    if (existing) {
      orgIds.set(org.key, existing.id);
      continue;
    }
    const created = await createOrganization(
      ctx,
      { name: org.name, kind: org.kind, country: org.country, description: org.description },
      { verified: org.verified },
    );
    orgIds.set(org.key, created.id);
    organizationsCreated += 1;
  }
  let usersCreated = 0;
  for (const person of DEMO_USERS) {
    const before = await db.user.findUnique({ where: { email: person.email } });
    const user = before ?? (await provisionUser(ctx, { name: person.name, email: person.email, password: DEMO_PASSWORD }, { isPlatformAdmin: !!person.platformAdmin }));
    if (!before) usersCreated += 1;
    if (person.org && person.role) {
      await addMember(ctx, { organizationId: orgIds.get(person.org)!, userId: user.id, role: person.role });
    }
  }
  for (const person of DEMO_SIGNATORIES) {
    const before = await db.user.findUnique({ where: { email: person.email } });
    const user = before ?? (await provisionUser(ctx, { name: person.name, email: person.email, password: DEMO_PASSWORD }));
    if (!before) usersCreated += 1;
    await addMember(ctx, { organizationId: orgIds.get(person.org)!, userId: user.id, role: 'SIGNATORY' });
  }
  const pledgesCreated = await seedPledges(db, orgIds);
  return { organizationsCreated, usersCreated, pledgesCreated };
}

async function seedPledges(db: Db, orgIds: Map<string, string>) {
  const now = new Date();
  const as = async (email: string, at: Date): Promise<DomainContext> => {
    const user = await db.user.findUniqueOrThrow({ where: { email }, include: { memberships: true } });
    return { db, actor: actorFromUser(user), now: () => at };
  };
  const orgName = async (key: string) => (await db.organization.findUniqueOrThrow({ where: { id: orgIds.get(key)! } })).name;
  let created = 0;
  for (const spec of DEMO_PLEDGES) {
    if (await db.pledge.findFirst({ where: { title: spec.title } })) continue;
    const publishedAt = monthsAgo(now, spec.publishedMonthsAgo);
    const drafter = await as(spec.drafter, new Date(publishedAt.getTime() - 7 * DAY));
    const draft = await createPledgeDraft(drafter, {
      title: spec.title,
      body: spec.body,
      factors: spec.factors,
      audience: spec.audience,
      renewalMonths: spec.renewalMonths,
      ownerOrganizationId: spec.owner ? orgIds.get(spec.owner) : null,
    });
    await publishPledge({ ...drafter, now: () => publishedAt }, { pledgeId: draft.id });
    // Everything that happens to the pledge, in date order.
    type Step = { at: Date; run: () => Promise<unknown> };
    const steps: Step[] = [];
    for (const version of spec.versions ?? []) {
      const at = monthsAgo(now, version.monthsAgo);
      steps.push({
        at,
        run: async () =>
          publishPledgeVersion(await as(spec.drafter, at), {
            pledgeId: draft.id,
            title: spec.title,
            body: spec.body.replace('delay longer than two hours.', 'delay longer than two hours, on the same day.'),
            factors: spec.factors,
            changeNote: version.changeNote,
          }),
      });
    }
    for (const sig of spec.signatures) {
      const signedAt = monthsAgo(now, sig.monthsAgo);
      const name = await orgName(sig.org);
      steps.push({
        at: signedAt,
        run: async () =>
          signPledge(await as(sig.signer, signedAt), {
            pledgeId: draft.id,
            organizationId: orgIds.get(sig.org),
            statement: sig.statement,
            confirmation: confirmationPhrases(name).en,
          }),
      });
      if (sig.resignMonthsAgo !== undefined) {
        const at = monthsAgo(now, sig.resignMonthsAgo);
        steps.push({
          at,
          run: async () => signPledge(await as(sig.signer, at), { pledgeId: draft.id, organizationId: orgIds.get(sig.org), statement: sig.statement, confirmation: confirmationPhrases(name).en }),
        });
      }
      const current = async () => (await db.pledgeSignature.findFirstOrThrow({ where: { pledgeId: draft.id, organizationId: orgIds.get(sig.org)!, supersededAt: null, withdrawnAt: null } })).id;
      if (sig.renew) {
        const at = monthsAgo(now, sig.renew.monthsAgo);
        const renew = sig.renew;
        steps.push({ at, run: async () => renewPledgeSignature(await as(sig.signer, at), { signatureId: await current(), report: renew.report, links: renew.links }) });
      }
      if (sig.withdraw) {
        const at = monthsAgo(now, sig.withdraw.monthsAgo);
        const reason = sig.withdraw.reason;
        steps.push({ at, run: async () => withdrawPledgeSignature(await as(sig.signer, at), { signatureId: await current(), reason }) });
      }
    }
    steps.sort((a, b) => a.at.getTime() - b.at.getTime());
    for (const step of steps) await step.run();
    created += 1;
  }
  return created;
}
