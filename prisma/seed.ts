// Demo data: clearly fictional organisations, each labelled "(demo)", in countries whose customs services signed the
// Almaty Integrity Resolution, and one demo user per role. Content is in English and Russian, as a real deployment's
// would be. Idempotent: running it twice changes nothing.
// Runs automatically only on a fresh embedded database; `npm run db:seed` runs it by hand.
import { systemActor } from '../app/domain/actor.server';
import { actorFromUser, provisionUser } from '../app/domain/auth.server';
import type { ALMATY_RESOLUTION_COUNTRIES } from '../app/domain/countries';
import { hashPassword } from '../app/domain/password.server';
import { addMonthsUtc, confirmationPhrases } from '../app/domain/pledge-rules';
import {
  createPledgeDraft,
  publishPledge,
  publishPledgeVersion,
  renewPledgeSignature,
  signPledge,
  withdrawPledgeSignature,
} from '../app/domain/pledges.server';
import type { DomainContext } from '../app/domain/context.server';
import { addMember } from '../app/domain/memberships.server';
import { createOrganization } from '../app/domain/organizations.server';
import type { Db } from '../app/db/client.server';

export const DEMO_PASSWORD = 'compact-demo-2026';

/** A text in both languages of the interface. English is stored in the field itself, Russian in `translations.ru`. */
type Text = { en: string; ru: string };

type Kind = 'CUSTOMS_ADMINISTRATION' | 'BUSINESS_ASSOCIATION' | 'PARTNER';
type Country = (typeof ALMATY_RESOLUTION_COUNTRIES)[number];
export const DEMO_ORGANIZATIONS: {
  key: string;
  name: Text;
  kind: Kind;
  country: Country;
  description: Text;
  verified: boolean;
  /** Registered by this demo user through the registration form's rules (else by the platform, trusted). */
  registeredBy?: string;
}[] = [
  {
    key: 'kz-customs',
    name: { en: 'Steppe Customs Administration (demo)', ru: 'Степная таможенная администрация (демо)' },
    kind: 'CUSTOMS_ADMINISTRATION',
    country: 'KZ',
    verified: true,
    description: {
      en: 'A fictional customs administration used to demonstrate the platform.',
      ru: 'Вымышленная таможенная администрация для демонстрации платформы.',
    },
  },
  {
    key: 'kg-customs',
    name: { en: 'Tian Shan Customs Service (demo)', ru: 'Тяньшаньская таможенная служба (демо)' },
    kind: 'CUSTOMS_ADMINISTRATION',
    country: 'KG',
    verified: true,
    description: { en: 'A fictional customs service used to demonstrate the platform.', ru: 'Вымышленная таможенная служба для демонстрации платформы.' },
  },
  {
    key: 'uz-customs',
    name: { en: 'Silk Road Customs Committee (demo)', ru: 'Таможенный комитет «Шёлковый путь» (демо)' },
    kind: 'CUSTOMS_ADMINISTRATION',
    country: 'UZ',
    verified: true,
    description: { en: 'A fictional customs committee used to demonstrate the platform.', ru: 'Вымышленный таможенный комитет для демонстрации платформы.' },
  },
  {
    key: 'kz-forwarders',
    name: { en: 'Almaty Freight Forwarders Association (demo)', ru: 'Ассоциация экспедиторов Алматы (демо)' },
    kind: 'BUSINESS_ASSOCIATION',
    country: 'KZ',
    verified: true,
    description: {
      en: 'A fictional association of freight forwarders and customs brokers.',
      ru: 'Вымышленная ассоциация экспедиторов и таможенных представителей.',
    },
  },
  {
    key: 'kg-exporters',
    name: { en: 'Bishkek Exporters Union (demo)', ru: 'Союз экспортёров Бишкека (демо)' },
    kind: 'BUSINESS_ASSOCIATION',
    country: 'KG',
    verified: true,
    description: { en: 'A fictional union of small and medium exporters.', ru: 'Вымышленный союз малых и средних экспортёров.' },
  },
  {
    key: 'uz-importers',
    name: { en: 'Tashkent Chamber of Importers (demo)', ru: 'Ташкентская палата импортёров (демо)' },
    kind: 'BUSINESS_ASSOCIATION',
    country: 'UZ',
    verified: false,
    description: { en: 'A fictional chamber of importers, awaiting verification.', ru: 'Вымышленная палата импортёров; ожидает проверки.' },
  },
  {
    key: 'mn-logistics',
    name: { en: 'Gobi Logistics Alliance (demo)', ru: 'Логистический альянс «Гоби» (демо)' },
    kind: 'BUSINESS_ASSOCIATION',
    country: 'MN',
    verified: true,
    description: { en: 'A fictional alliance of road hauliers and logistics firms.', ru: 'Вымышленный альянс автоперевозчиков и логистических компаний.' },
  },
  {
    key: 'partner',
    name: { en: 'Regional Integrity Monitoring Fund (demo)', ru: 'Региональный фонд мониторинга добросовестности (демо)' },
    kind: 'PARTNER',
    country: 'AZ',
    verified: true,
    description: { en: 'A fictional donor and monitoring partner.', ru: 'Вымышленный донор и партнёр по мониторингу.' },
  },
  {
    // What a forged signatory looks like: one apostrophe away from a verified association. Its registrant confirmed
    // past the warning, so the domain flags it (similarToId) for the platform admin's review.
    key: 'kz-forwarders-lookalike',
    name: { en: 'Almaty Freight Forwarders’ Association (demo)', ru: 'Ассоциация экспедиторов г. Алматы (демо)' },
    kind: 'BUSINESS_ASSOCIATION',
    country: 'KZ',
    verified: false,
    registeredBy: 'registrant@demo.test',
    description: {
      en: 'A fictional registration whose name is almost that of a verified association: the platform administrator reviews it before it may sign.',
      ru: 'Вымышленная регистрация с названием, почти совпадающим с названием проверенной ассоциации: прежде чем она сможет подписывать, её проверяет администратор платформы.',
    },
  },
];

type Role = 'MEMBER' | 'SIGNATORY' | 'LIAISON_OFFICER' | 'ORG_ADMIN';
export const DEMO_USERS: { email: string; name: string; platformAdmin?: boolean; org?: string; role?: Role; description: string }[] = [
  { email: 'admin@demo.test', name: 'Aigerim Platform-Admin', platformAdmin: true, description: 'Platform administrator' },
  {
    email: 'association.admin@demo.test',
    name: 'Daniyar Association-Admin',
    org: 'kz-forwarders',
    role: 'ORG_ADMIN',
    description: 'Organisation administrator, Almaty Freight Forwarders Association',
  },
  {
    email: 'association.signatory@demo.test',
    name: 'Saule Signatory',
    org: 'kz-forwarders',
    role: 'SIGNATORY',
    description: 'Signatory, Almaty Freight Forwarders Association',
  },
  {
    email: 'association.member@demo.test',
    name: 'Timur Member',
    org: 'kz-forwarders',
    role: 'MEMBER',
    description: 'Member, Almaty Freight Forwarders Association',
  },
  {
    email: 'customs.liaison@demo.test',
    name: 'Nurlan Liaison-Officer',
    org: 'kz-customs',
    role: 'LIAISON_OFFICER',
    description: 'Liaison officer, Steppe Customs Administration',
  },
  {
    email: 'customs.admin@demo.test',
    name: 'Gulnara Customs-Admin',
    org: 'kz-customs',
    role: 'ORG_ADMIN',
    description: 'Organisation administrator, Steppe Customs Administration',
  },
  {
    email: 'partner@demo.test',
    name: 'Elena Partner-Analyst',
    org: 'partner',
    role: 'ORG_ADMIN',
    description: 'Organisation administrator, Regional Integrity Monitoring Fund (partner): drafts pledges',
  },
];

/**
 * Signatories of the other demo organisations, so that the demo pledges have a realistic register, and the person who
 * registered the look-alike association (its administrator once registered: it cannot sign until verified).
 */
export const DEMO_SIGNATORIES: { email: string; name: string; org?: string }[] = [
  { email: 'signatory.kg-customs@demo.test', name: 'Aibek Tian-Shan', org: 'kg-customs' },
  { email: 'signatory.uz-customs@demo.test', name: 'Dilnoza Silk-Road', org: 'uz-customs' },
  { email: 'signatory.kg-exporters@demo.test', name: 'Bakyt Exporter', org: 'kg-exporters' },
  { email: 'signatory.mn-logistics@demo.test', name: 'Bolormaa Gobi-Logistics', org: 'mn-logistics' },
  { email: 'registrant@demo.test', name: 'Ruslan Registrant' },
];

const CODE_OF_CONDUCT: Text = {
  en: `## Purpose

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

Signatories report progress at least once a year. The register of signatures is public.`,
  ru: `## Цель

Сотрудники таможни и бизнес, с которым они работают, придерживаются понятных, предсказуемых и свободных от коррупции
процедур в пунктах пропуска через границу.

## Таможенные администрации обязуются

1. Публиковать все сборы, формы и процедуры и не взимать ничего сверх опубликованного.
2. Давать каждому участнику внешнеэкономической деятельности письменное объяснение любой задержки дольше двух часов.
3. Проводить ротацию персонала на постах с высоким риском и защищать сотрудников, сообщающих о нарушениях.

## Деловые ассоциации обязуются

1. Отказываться от любых требований неофициальных платежей и сообщать о них.
2. Обучать своих членов их правам и положениям кодекса поведения.
3. Передавать данные о времени ожидания совместному комитету по мониторингу.

## Мониторинг

Подписанты отчитываются о ходе работы не реже раза в год. Реестр подписей открыт для всех.`,
};

/** Version 2 of the code: written reasons for delays are due the same day. */
const CODE_OF_CONDUCT_V2: Text = {
  en: CODE_OF_CONDUCT.en.replace('delay longer than two hours.', 'delay longer than two hours, on the same day.'),
  ru: CODE_OF_CONDUCT.ru.replace('дольше двух часов.', 'дольше двух часов — в тот же день.'),
};

const FEES_PLEDGE: Text = {
  en: `## The pledge

We will not offer, request or accept facilitation payments at the border, whatever their size.

- Customs administrations publish every official fee, with its legal basis, at each post and online.
- Business associations keep a confidential channel for members to report requests for payment.
- Both sides meet every quarter to review reports and the measures taken.

> Small payments are not small: they decide who crosses first and who waits.`,
  ru: `## Что мы обещаем

Мы не будем предлагать, требовать или принимать на границе «ускоряющие» платежи, какой бы малой ни была сумма.

- Таможенные администрации публикуют каждый официальный сбор с его правовым основанием — на каждом посту и на сайте.
- Деловые ассоциации поддерживают конфиденциальный канал, по которому их члены сообщают о требованиях платежей.
- Обе стороны ежеквартально встречаются, чтобы рассмотреть сообщения и принятые меры.

> Мелкие платежи — не мелочь: они решают, кто проедет первым, а кто будет ждать.`,
};

const WAITING_TIMES_PLEDGE: Text = {
  en: `## The pledge

Waiting times decide the cost of trade as much as any fee. Signatories publish them, so that delays can be seen and
explained.

- Customs administrations publish the average and the longest waiting time at each crossing point every week.
- Business associations collect waiting times from their members' trucks and share them with the joint monitoring
  committee.
- Any wait twice as long as the month's average is explained publicly within a week.`,
  ru: `## Что мы обещаем

Время ожидания определяет стоимость торговли не меньше, чем любой сбор. Подписанты публикуют его, чтобы задержки были
видны и объяснены.

- Таможенные администрации еженедельно публикуют среднее и наибольшее время ожидания в каждом пункте пропуска.
- Деловые ассоциации собирают данные о времени ожидания грузовиков своих членов и передают их совместному комитету
  по мониторингу.
- Любое ожидание, вдвое превышающее среднее за месяц, публично объясняется в течение недели.`,
};

type PledgeSeed = {
  title: Text;
  body: Text;
  factors: string[];
  audience: 'CUSTOMS' | 'BUSINESS' | 'BOTH';
  renewalMonths: number;
  owner: string | null;
  drafter: string;
  /** Drafted this many days ago. */
  draftedDaysAgo?: number;
  /** Null: left as a draft for its author to publish. */
  publishedMonthsAgo: number | null;
  versions?: { monthsAgo: number; body: Text; changeNote: Text }[];
  signatures: {
    org: string;
    signer: string;
    monthsAgo: number;
    statement?: Text;
    resignMonthsAgo?: number;
    /** Renewed this many months ago, or so that the renewal falls due in `dueInDays` days. */
    renew?: ({ monthsAgo: number } | { dueInDays: number }) & { report: string; links: string[] };
    withdraw?: { monthsAgo: number; reason: Text };
  }[];
};

export const DEMO_PLEDGES: PledgeSeed[] = [
  {
    title: { en: 'Joint Code of Conduct at Border Crossing Points (demo)', ru: 'Совместный кодекс поведения в пунктах пропуска через границу (демо)' },
    body: CODE_OF_CONDUCT,
    factors: ['CODE_OF_CONDUCT', 'TRANSPARENCY', 'RELATIONSHIP_WITH_PRIVATE_SECTOR', 'HUMAN_RESOURCE_MANAGEMENT'],
    audience: 'BOTH',
    renewalMonths: 12,
    owner: 'partner',
    drafter: 'partner@demo.test',
    publishedMonthsAgo: 20,
    versions: [
      {
        monthsAgo: 6,
        body: CODE_OF_CONDUCT_V2,
        changeNote: { en: 'Written reasons for delays are now due the same day.', ru: 'Письменное объяснение задержки теперь даётся в тот же день.' },
      },
    ],
    // Version 2 awaits re-signing by the Bishkek exporters and the Almaty forwarders; the Tian Shan signature has
    // lapsed; the Gobi alliance withdrew.
    signatures: [
      {
        org: 'kz-customs',
        signer: 'customs.admin@demo.test',
        monthsAgo: 19,
        statement: { en: 'We will publish every fee at all 32 of our posts.', ru: 'Мы опубликуем все сборы на каждом из 32 наших постов.' },
        resignMonthsAgo: 5,
      },
      {
        org: 'kg-customs',
        signer: 'signatory.kg-customs@demo.test',
        monthsAgo: 18,
        statement: { en: 'Committed to rotating staff at high-risk posts.', ru: 'Мы обязуемся проводить ротацию персонала на постах с высоким риском.' },
      },
      {
        org: 'kg-exporters',
        signer: 'signatory.kg-exporters@demo.test',
        monthsAgo: 17,
        renew: {
          monthsAgo: 8,
          report: 'Trained 140 member companies on the code; 12 reports of payment requests passed to the committee.',
          links: ['https://example.org/bishkek-exporters/training-report'],
        },
      },
      {
        org: 'mn-logistics',
        signer: 'signatory.mn-logistics@demo.test',
        monthsAgo: 16,
        statement: {
          en: 'Our hauliers will record waiting times at every crossing.',
          ru: 'Наши перевозчики будут фиксировать время ожидания в каждом пункте пропуска.',
        },
        withdraw: {
          monthsAgo: 10,
          reason: {
            en: 'The alliance is reorganising its membership and will sign again once its new board has approved the code.',
            ru: 'Альянс пересматривает состав участников и подпишет кодекс снова, когда его одобрит новое правление.',
          },
        },
      },
      {
        // Its renewal falls due within the month: the association signatory's dashboard shows it.
        org: 'kz-forwarders',
        signer: 'association.signatory@demo.test',
        monthsAgo: 15,
        statement: {
          en: 'Almaty forwarders refuse unofficial payments, and say so.',
          ru: 'Экспедиторы Алматы отказываются от неофициальных платежей — и говорят об этом открыто.',
        },
        renew: {
          dueInDays: 20,
          report: 'Published a members’ guide on reporting payment requests; average clearance time at Khorgos fell from 9 to 6 hours.',
          links: ['https://example.org/almaty-forwarders/guide', 'https://example.org/almaty-forwarders/waiting-times'],
        },
      },
    ],
  },
  {
    // The association signatory has not signed this one yet.
    title: { en: 'No Facilitation Payments Pledge (demo)', ru: 'Отказ от «ускоряющих» платежей (демо)' },
    body: FEES_PLEDGE,
    factors: ['TRANSPARENCY', 'AUDIT_AND_INVESTIGATION', 'LEADERSHIP_AND_COMMITMENT'],
    audience: 'BOTH',
    renewalMonths: 12,
    owner: null,
    drafter: 'admin@demo.test',
    publishedMonthsAgo: 3,
    signatures: [
      {
        org: 'uz-customs',
        signer: 'signatory.uz-customs@demo.test',
        monthsAgo: 2.6,
        statement: { en: 'Zero tolerance, and a hotline answered within a day.', ru: 'Нулевая терпимость и горячая линия, которая отвечает в течение суток.' },
      },
      { org: 'kg-exporters', signer: 'signatory.kg-exporters@demo.test', monthsAgo: 2.3 },
      {
        org: 'kz-customs',
        signer: 'customs.admin@demo.test',
        monthsAgo: 1.3,
        statement: {
          en: 'Every fee, with its legal basis, is now on our website.',
          ru: 'Все сборы с их правовым основанием теперь опубликованы на нашем сайте.',
        },
      },
    ],
  },
  {
    // The partner's draft, waiting to be published.
    title: { en: 'Published Waiting Times at Border Crossings (demo)', ru: 'Открытые данные о времени ожидания на границе (демо)' },
    body: WAITING_TIMES_PLEDGE,
    factors: ['TRANSPARENCY', 'AUTOMATION', 'RELATIONSHIP_WITH_PRIVATE_SECTOR'],
    audience: 'BOTH',
    renewalMonths: 12,
    owner: 'partner',
    drafter: 'partner@demo.test',
    draftedDaysAgo: 4,
    publishedMonthsAgo: null,
    signatures: [],
  },
];

const DAY = 24 * 60 * 60 * 1000;
const monthsAgo = (now: Date, months: number) => new Date(now.getTime() - Math.round(months * 30.4 * DAY));

export async function seedDemoData(db: Db) {
  const ctx: DomainContext = { db, actor: systemActor('seed') };
  const orgIds = new Map<string, string>();
  let organizationsCreated = 0;
  const seedOrganization = async (org: (typeof DEMO_ORGANIZATIONS)[number]) => {
    const existing = await db.organization.findFirst({ where: { name: org.name.en } });
    if (existing) {
      orgIds.set(org.key, existing.id);
      return;
    }
    const input = { name: org.name.en, kind: org.kind, country: org.country, description: org.description.en };
    const created = org.registeredBy
      ? await createOrganization(await actAs(db, org.registeredBy), { ...input, confirmSimilarName: true })
      : await createOrganization(ctx, input, { verified: org.verified });
    orgIds.set(org.key, created.id);
    await db.organization.update({ where: { id: created.id }, data: { translations: { ru: { name: org.name.ru, description: org.description.ru } } } });
    organizationsCreated += 1;
  };
  for (const org of DEMO_ORGANIZATIONS) if (!org.registeredBy) await seedOrganization(org);
  // Every demo account has the same password: hash it once (scrypt costs ~0.1 s a time, for a dozen accounts).
  let passwordHash: Promise<string> | undefined;
  const demoHash = () => (passwordHash ??= hashPassword(DEMO_PASSWORD));
  let usersCreated = 0;
  const people = [...DEMO_USERS, ...DEMO_SIGNATORIES.map((p) => ({ ...p, role: p.org ? ('SIGNATORY' as const) : undefined, platformAdmin: false }))];
  for (const person of people) {
    let user = await db.user.findUnique({ where: { email: person.email } });
    if (!user) {
      user = await provisionUser(
        ctx,
        { name: person.name, email: person.email, password: DEMO_PASSWORD },
        { isPlatformAdmin: !!person.platformAdmin, passwordHash: await demoHash() },
      );
      usersCreated += 1;
    }
    if (person.org && person.role) {
      await addMember(ctx, { organizationId: orgIds.get(person.org)!, userId: user.id, role: person.role });
    }
  }
  for (const org of DEMO_ORGANIZATIONS) if (org.registeredBy) await seedOrganization(org);
  const pledgesCreated = await seedPledges(db, orgIds);
  return { organizationsCreated, usersCreated, pledgesCreated };
}

/** A demo user's context, as of `at` (the seed replays a history). */
async function actAs(db: Db, email: string, at?: Date): Promise<DomainContext> {
  const user = await db.user.findUniqueOrThrow({ where: { email }, include: { memberships: true } });
  return { db, actor: actorFromUser(user), ...(at ? { now: () => at } : {}) };
}

async function seedPledges(db: Db, orgIds: Map<string, string>) {
  const now = new Date();
  const as = (email: string, at: Date) => actAs(db, email, at);
  const orgName = async (key: string) => (await db.organization.findUniqueOrThrow({ where: { id: orgIds.get(key)! } })).name;
  let created = 0;
  for (const spec of DEMO_PLEDGES) {
    if (await db.pledge.findFirst({ where: { title: spec.title.en } })) continue;
    const publishedAt = spec.publishedMonthsAgo === null ? null : monthsAgo(now, spec.publishedMonthsAgo);
    const drafter = await as(spec.drafter, new Date((publishedAt ?? now).getTime() - (spec.draftedDaysAgo ?? 7) * DAY));
    const draft = await createPledgeDraft(drafter, {
      title: spec.title.en,
      body: spec.body.en,
      factors: spec.factors,
      audience: spec.audience,
      renewalMonths: spec.renewalMonths,
      ownerOrganizationId: spec.owner ? orgIds.get(spec.owner) : null,
    });
    await db.pledge.update({ where: { id: draft.id }, data: { translations: { ru: { title: spec.title.ru, body: spec.body.ru } } } });
    created += 1;
    if (!publishedAt) continue;
    await publishPledge({ ...drafter, now: () => publishedAt }, { pledgeId: draft.id });
    await db.pledgeVersion.update({
      where: { pledgeId_number: { pledgeId: draft.id, number: 1 } },
      data: { translations: { ru: { title: spec.title.ru, body: spec.body.ru } } },
    });
    // Everything that happens to the pledge, in date order.
    type Step = { at: Date; run: () => Promise<unknown> };
    const steps: Step[] = [];
    for (const version of spec.versions ?? []) {
      const at = monthsAgo(now, version.monthsAgo);
      steps.push({
        at,
        run: async () => {
          const published = await publishPledgeVersion(await as(spec.drafter, at), {
            pledgeId: draft.id,
            title: spec.title.en,
            body: version.body.en,
            factors: spec.factors,
            changeNote: version.changeNote.en,
          });
          const ru = { title: spec.title.ru, body: version.body.ru };
          await db.pledgeVersion.update({ where: { id: published.id }, data: { translations: { ru: { ...ru, changeNote: version.changeNote.ru } } } });
          await db.pledge.update({ where: { id: draft.id }, data: { translations: { ru } } });
        },
      });
    }
    for (const sig of spec.signatures) {
      const organizationId = orgIds.get(sig.org)!;
      const name = await orgName(sig.org);
      const sign = (at: Date) => async () => {
        const signature = await signPledge(await as(sig.signer, at), {
          pledgeId: draft.id,
          organizationId,
          statement: sig.statement?.en,
          confirmation: confirmationPhrases(name).en,
        });
        if (sig.statement) await db.pledgeSignature.update({ where: { id: signature.id }, data: { translations: { ru: { statement: sig.statement.ru } } } });
      };
      steps.push({ at: monthsAgo(now, sig.monthsAgo), run: sign(monthsAgo(now, sig.monthsAgo)) });
      if (sig.resignMonthsAgo !== undefined) {
        const at = monthsAgo(now, sig.resignMonthsAgo);
        steps.push({ at, run: sign(at) });
      }
      const current = async () => db.pledgeSignature.findFirstOrThrow({ where: { pledgeId: draft.id, organizationId, supersededAt: null, withdrawnAt: null } });
      if (sig.renew) {
        const renew = sig.renew;
        // Renewed so that it falls due in so many days: a renewal period before that day.
        const at = 'dueInDays' in renew ? addMonthsUtc(new Date(now.getTime() + renew.dueInDays * DAY), -spec.renewalMonths) : monthsAgo(now, renew.monthsAgo);
        steps.push({
          at,
          run: async () => renewPledgeSignature(await as(sig.signer, at), { signatureId: (await current()).id, report: renew.report, links: renew.links }),
        });
      }
      if (sig.withdraw) {
        const at = monthsAgo(now, sig.withdraw.monthsAgo);
        const reason = sig.withdraw.reason;
        steps.push({
          at,
          run: async () => {
            const signature = await current();
            await withdrawPledgeSignature(await as(sig.signer, at), { signatureId: signature.id, reason: reason.en });
            // The reason is shown in the register next to the statement: both languages, like the statement.
            const translations = (signature.translations ?? {}) as { ru?: Record<string, string> };
            await db.pledgeSignature.update({
              where: { id: signature.id },
              data: { translations: { ...translations, ru: { ...translations.ru, withdrawalReason: reason.ru } } },
            });
          },
        });
      }
    }
    steps.sort((a, b) => a.at.getTime() - b.at.getTime());
    for (const step of steps) await step.run();
  }
  return created;
}
