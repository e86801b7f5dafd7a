// Demo data: clearly fictional organisations, each labelled "(demo)", in countries of the region of the Almaty
// Integrity Resolution, and one demo user per role. Idempotent: running it twice changes nothing.
// Runs automatically only on a fresh embedded database; `npm run db:seed` runs it by hand.
import { systemActor } from '../app/domain/actor.server';
import { provisionUser } from '../app/domain/auth.server';
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
  { email: 'partner@demo.test', name: 'Elena Partner-Analyst', org: 'partner', role: 'MEMBER', description: 'Member, Regional Integrity Monitoring Fund (partner)' },
];

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
  return { organizationsCreated, usersCreated };
}
