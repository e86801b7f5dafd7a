// Demo data: clearly fictional organisations, each labelled "(demo)", in countries whose customs services signed the
// Almaty Integrity Resolution, and one demo user per role. Content is in English and Russian, as a real deployment's
// would be. Customs offices and issues in every status are replayed through the domain with the clock in the past
// (see "Issues" below). Idempotent: running it twice changes nothing.
// Runs automatically only on a fresh embedded database; `npm run db:seed` runs it by hand.
import { anonymous, systemActor } from '../app/domain/actor.server';
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
import { runEscalationSweep } from '../app/domain/escalation.server';
import {
  acknowledgeIssue,
  assignIssue,
  followUpAnonymousIssue,
  followUpIssue,
  publishIssueSummary,
  raiseAnonymousIssue,
  raiseIssue,
  rejectIssue,
  reopenIssue,
  resolveIssue,
  respondToIssue,
} from '../app/domain/issues.server';
import { archiveOffice, createOffice } from '../app/domain/offices.server';
import { addMember } from '../app/domain/memberships.server';
import { createOrganization } from '../app/domain/organizations.server';
import type { Db } from '../app/db/client.server';
import { seedCommitments } from './seed-commitments';

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

// ───────────────────────────── Issues ─────────────────────────────
// Customs offices of each demo administration (every kind of office, with coordinates for the map), the liaison
// officers who answer issues about the Tian Shan and Silk Road administrations, and issues in every status, raised and
// handled through the domain functions with the clock set in the past: overdue and escalated ones, anonymous ones,
// public and restricted ones, with responses. Issue texts are in the language their reporter wrote them in (English
// or Russian): an issue is not translated.

type OfficeKind = 'ROAD_BORDER_CROSSING' | 'RAIL_BORDER_CROSSING' | 'AIRPORT' | 'SEAPORT' | 'INLAND_OFFICE';
export const DEMO_OFFICES: { administration: string; name: Text; kind: OfficeKind; latitude: number; longitude: number; archivedDaysAgo?: number }[] = [
  {
    administration: 'kz-customs',
    name: { en: 'Altyn Kakpa Road Crossing (demo)', ru: 'Автомобильный пункт пропуска «Алтын Какпа» (демо)' },
    kind: 'ROAD_BORDER_CROSSING',
    latitude: 44.2,
    longitude: 80.35,
  },
  {
    administration: 'kz-customs',
    name: { en: 'Dala Rail Border Station (demo)', ru: 'Железнодорожный пункт пропуска «Дала» (демо)' },
    kind: 'RAIL_BORDER_CROSSING',
    latitude: 45.05,
    longitude: 82.4,
  },
  {
    administration: 'kz-customs',
    name: { en: 'Almaty Air Cargo Customs Post (demo)', ru: 'Таможенный пост «Алматы — авиагрузы» (демо)' },
    kind: 'AIRPORT',
    latitude: 43.35,
    longitude: 77.04,
  },
  {
    administration: 'kz-customs',
    name: { en: 'Caspian Shore Seaport Customs Post (demo)', ru: 'Таможенный пост морского порта «Каспийский берег» (демо)' },
    kind: 'SEAPORT',
    latitude: 43.65,
    longitude: 51.17,
  },
  {
    administration: 'kz-customs',
    name: { en: 'Almaty Inland Clearance Centre (demo)', ru: 'Центр таможенного оформления «Алматы» (демо)' },
    kind: 'INLAND_OFFICE',
    latitude: 43.26,
    longitude: 76.93,
  },
  {
    // Closed three weeks ago: it stays on the issues raised about it, but no new issue can name it.
    administration: 'kz-customs',
    name: { en: 'Old Dala Road Post (demo)', ru: 'Автомобильный пост «Старая Дала» (демо)' },
    kind: 'ROAD_BORDER_CROSSING',
    latitude: 45.1,
    longitude: 82.2,
    archivedDaysAgo: 21,
  },
  {
    administration: 'kg-customs',
    name: { en: 'Ak-Bel Pass Road Crossing (demo)', ru: 'Автомобильный пункт пропуска «Перевал Ак-Бел» (демо)' },
    kind: 'ROAD_BORDER_CROSSING',
    latitude: 40.35,
    longitude: 73.8,
  },
  {
    administration: 'kg-customs',
    name: { en: 'Chui Valley Rail Border Station (demo)', ru: 'Железнодорожный пункт пропуска «Чуйская долина» (демо)' },
    kind: 'RAIL_BORDER_CROSSING',
    latitude: 42.85,
    longitude: 75.3,
  },
  {
    administration: 'kg-customs',
    name: { en: 'Bishkek Air Cargo Customs Post (demo)', ru: 'Таможенный пост «Бишкек — авиагрузы» (демо)' },
    kind: 'AIRPORT',
    latitude: 43.06,
    longitude: 74.48,
  },
  {
    administration: 'kg-customs',
    name: { en: 'Bishkek Inland Terminal (demo)', ru: 'Таможенный терминал «Бишкек» (демо)' },
    kind: 'INLAND_OFFICE',
    latitude: 42.87,
    longitude: 74.6,
  },
  {
    administration: 'uz-customs',
    name: { en: 'Fergana Gate Road Crossing (demo)', ru: 'Автомобильный пункт пропуска «Ферганские ворота» (демо)' },
    kind: 'ROAD_BORDER_CROSSING',
    latitude: 40.62,
    longitude: 71.2,
  },
  {
    administration: 'uz-customs',
    name: { en: 'Amu Darya Rail Border Station (demo)', ru: 'Железнодорожный пункт пропуска «Амударья» (демо)' },
    kind: 'RAIL_BORDER_CROSSING',
    latitude: 37.25,
    longitude: 67.3,
  },
  {
    administration: 'uz-customs',
    name: { en: 'Tashkent Air Cargo Customs Post (demo)', ru: 'Таможенный пост «Ташкент — авиагрузы» (демо)' },
    kind: 'AIRPORT',
    latitude: 41.26,
    longitude: 69.28,
  },
  {
    administration: 'uz-customs',
    name: { en: 'Samarkand Inland Clearance Centre (demo)', ru: 'Центр таможенного оформления «Самарканд» (демо)' },
    kind: 'INLAND_OFFICE',
    latitude: 39.65,
    longitude: 66.96,
  },
];

/** Who answers issues about the Tian Shan and Silk Road administrations (the Steppe one has customs.liaison@demo.test). */
export const DEMO_LIAISON_OFFICERS: { email: string; name: string; org: string }[] = [
  { email: 'liaison.kg-customs@demo.test', name: 'Aizada Tian-Shan-Liaison', org: 'kg-customs' },
  { email: 'liaison.uz-customs@demo.test', name: 'Jasur Silk-Road-Liaison', org: 'uz-customs' },
];

/** A step of an issue's history, this many days ago, by a demo user (or the anonymous reporter, with the receipt). */
type IssueStep = { daysAgo: number } & (
  | { act: 'assign'; by: string; to: string }
  | { act: 'acknowledge'; by: string; note?: string }
  | { act: 'respond'; by: string; body: string }
  | { act: 'resolve' | 'reject'; by: string; outcome: string }
  | { act: 'reopen'; by: string; reason: string }
  | { act: 'followUp'; by: string | 'receipt'; body: string }
  | { act: 'publishSummary'; by: string; summary: string }
);

type IssueSeed = {
  title: string;
  description: string;
  administration: string;
  /** The office's English name (from DEMO_OFFICES). */
  office?: string;
  category: 'UNOFFICIAL_PAYMENT' | 'UNEXPLAINED_DELAY' | 'INCONSISTENT_CLASSIFICATION_OR_VALUATION' | 'OPAQUE_PROCEDURE' | 'DISCRETIONARY_INSPECTION' | 'OTHER';
  factor: string;
  severity: 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';
  /** Named: raised by this demo user for this organisation; 'anonymous': through the anonymous form. */
  raisedBy: { email: string; org: string; visibility: 'PUBLIC' | 'RESTRICTED' } | 'anonymous';
  raisedDaysAgo: number;
  /** Happened this many days before it was raised. */
  occurredDaysBefore: number;
  steps: IssueStep[];
};

const MEMBER = 'association.member@demo.test';
const ASSOCIATION_ADMIN = 'association.admin@demo.test';
const LIAISON = 'customs.liaison@demo.test';
const CUSTOMS_ADMIN = 'customs.admin@demo.test';
const KG_LIAISON = 'liaison.kg-customs@demo.test';
const UZ_LIAISON = 'liaison.uz-customs@demo.test';

export const DEMO_ISSUES: IssueSeed[] = [
  {
    // Resolved six weeks ago: the reopening window (30 days) has closed.
    title: 'Cash demanded to skip the queue at Altyn Kakpa (demo)',
    description: `On the night shift, an officer at the second inspection lane told our driver that the truck would wait
"until Monday" unless he paid 20,000 tenge in cash. No receipt was offered.

- Truck: a member's refrigerated trailer with apples, arrived 23:40.
- The driver refused and waited 19 hours; trucks behind him passed first.

We ask for a written explanation of the delay, as the Joint Code of Conduct promises.`,
    administration: 'kz-customs',
    office: 'Altyn Kakpa Road Crossing (demo)',
    category: 'UNOFFICIAL_PAYMENT',
    factor: 'CODE_OF_CONDUCT',
    severity: 'HIGH',
    raisedBy: { email: MEMBER, org: 'kz-forwarders', visibility: 'PUBLIC' },
    raisedDaysAgo: 62,
    occurredDaysBefore: 2,
    steps: [
      { daysAgo: 61.8, act: 'assign', by: LIAISON, to: LIAISON },
      { daysAgo: 61.7, act: 'acknowledge', by: LIAISON, note: 'Received; the post manager has been asked for the lane log and camera recordings.' },
      { daysAgo: 60.5, act: 'followUp', by: MEMBER, body: 'The driver remembers the lane number (2) and the time he was first asked: about 00:15.' },
      {
        daysAgo: 52,
        act: 'respond',
        by: LIAISON,
        body: `We reviewed the recordings of lane 2 for that night. The officer concerned has been moved to other duties
while the internal investigation runs, and the fee list is now posted at every lane in Kazakh, Russian and English.`,
      },
      {
        daysAgo: 45,
        act: 'resolve',
        by: LIAISON,
        outcome: 'Internal investigation opened, officer moved to other duties, fee list posted at every lane.',
      },
    ],
  },
  {
    title: 'Trucks held 30 hours at Dala rail station without a reason (demo)',
    description: `Three containers of our members were held at the Dala rail border station for 30 hours after the
documents had been accepted. Nobody could tell us why. The station's notice board gives a 4-hour target.

Could the administration explain the delay and say whether the target still applies?`,
    administration: 'kz-customs',
    office: 'Dala Rail Border Station (demo)',
    category: 'UNEXPLAINED_DELAY',
    factor: 'TRANSPARENCY',
    severity: 'MEDIUM',
    raisedBy: { email: MEMBER, org: 'kz-forwarders', visibility: 'PUBLIC' },
    raisedDaysAgo: 20.3,
    occurredDaysBefore: 3,
    steps: [
      { daysAgo: 19.9, act: 'assign', by: CUSTOMS_ADMIN, to: LIAISON },
      { daysAgo: 18.6, act: 'acknowledge', by: LIAISON },
      {
        daysAgo: 10.2,
        act: 'respond',
        by: LIAISON,
        body: `The containers waited for the scanner, which was out of service for 26 hours that day. The 4-hour target
still applies; outages are now announced on the administration's website as they happen.`,
      },
    ],
  },
  {
    // Acknowledged, but the response is ten days late: overdue and escalated.
    title: 'Solar panels classified differently between two shipments (demo)',
    description: `The same solar panels, from the same supplier, were declared under heading 8541 in March and cleared.
In September the Almaty Inland Clearance Centre applied another heading with twice the duty, without a written
ruling. We ask for a binding ruling and for the reason of the change.`,
    administration: 'kz-customs',
    office: 'Almaty Inland Clearance Centre (demo)',
    category: 'INCONSISTENT_CLASSIFICATION_OR_VALUATION',
    factor: 'REGULATORY_FRAMEWORK',
    severity: 'HIGH',
    raisedBy: { email: MEMBER, org: 'kz-forwarders', visibility: 'RESTRICTED' },
    raisedDaysAgo: 40.2,
    occurredDaysBefore: 5,
    steps: [
      { daysAgo: 39.5, act: 'assign', by: LIAISON, to: LIAISON },
      { daysAgo: 37.4, act: 'acknowledge', by: LIAISON, note: 'Passed to the tariff department for an opinion.' },
    ],
  },
  {
    // Never acknowledged: overdue and escalated, nobody assigned.
    title: 'Unpublished "transit confirmation" form demanded at the air cargo post (demo)',
    description: `Since last month the Almaty Air Cargo Customs Post refuses declarations without a "transit
confirmation" form. The form is not on the website, not in the law and not on the notice board; officers hand out
photocopies. Is the form required, and on what legal basis?`,
    administration: 'kz-customs',
    office: 'Almaty Air Cargo Customs Post (demo)',
    category: 'OPAQUE_PROCEDURE',
    factor: 'TRANSPARENCY',
    severity: 'MEDIUM',
    raisedBy: { email: ASSOCIATION_ADMIN, org: 'kz-forwarders', visibility: 'PUBLIC' },
    raisedDaysAgo: 12.4,
    occurredDaysBefore: 1,
    steps: [],
  },
  {
    // Raised yesterday: waiting for its acknowledgement, within the deadline.
    title: 'Every container of our members sent to physical inspection (demo)',
    description: `For six weeks, every container declared by our members at the Caspian Shore seaport has been sent to
physical inspection, although our members' risk profile has not changed. Other importers passed through the green
channel the same days. We ask the administration to review how the risk profile is applied.`,
    administration: 'kz-customs',
    office: 'Caspian Shore Seaport Customs Post (demo)',
    category: 'DISCRETIONARY_INSPECTION',
    factor: 'AUTOMATION',
    severity: 'MEDIUM',
    raisedBy: { email: MEMBER, org: 'kz-forwarders', visibility: 'PUBLIC' },
    raisedDaysAgo: 1.2,
    occurredDaysBefore: 2,
    steps: [],
  },
  {
    title: 'Used cars valued above the invoice at the inland clearance centre (demo)',
    description: `The declared value of five used cars, supported by invoices and bank transfers, was replaced by a
reference price that is not published anywhere. We were told to pay the difference or leave the vehicles.`,
    administration: 'kz-customs',
    office: 'Almaty Inland Clearance Centre (demo)',
    category: 'INCONSISTENT_CLASSIFICATION_OR_VALUATION',
    factor: 'TRANSPARENCY',
    severity: 'LOW',
    raisedBy: { email: MEMBER, org: 'kz-forwarders', visibility: 'PUBLIC' },
    raisedDaysAgo: 90,
    occurredDaysBefore: 4,
    steps: [
      { daysAgo: 89, act: 'assign', by: LIAISON, to: LIAISON },
      { daysAgo: 88.5, act: 'acknowledge', by: LIAISON },
      {
        daysAgo: 80,
        act: 'respond',
        by: LIAISON,
        body: `The transfers show a price below the export price in the country of origin for the same model year. The
valuation followed the published fallback method (article 45 of the customs code, demo).`,
      },
      {
        daysAgo: 79,
        act: 'reject',
        by: LIAISON,
        outcome: 'The valuation followed the published fallback method; the reference prices are now on the website.',
      },
    ],
  },
  {
    // Resolved, then reopened by the association's administrator within the 30 days: awaiting a new response.
    title: 'Storage fees charged for days the post was closed (demo)',
    description: `The Old Dala road post charged our members storage fees for the four days it was closed for
repairs. Trucks could neither enter nor leave; the fees should not apply.`,
    administration: 'kz-customs',
    office: 'Old Dala Road Post (demo)',
    category: 'OTHER',
    factor: 'RELATIONSHIP_WITH_PRIVATE_SECTOR',
    severity: 'LOW',
    raisedBy: { email: MEMBER, org: 'kz-forwarders', visibility: 'RESTRICTED' },
    raisedDaysAgo: 50,
    occurredDaysBefore: 10,
    steps: [
      { daysAgo: 49, act: 'assign', by: LIAISON, to: LIAISON },
      { daysAgo: 48, act: 'acknowledge', by: LIAISON },
      { daysAgo: 40, act: 'respond', by: LIAISON, body: 'The fees will be refunded on request at the post.' },
      { daysAgo: 35, act: 'resolve', by: LIAISON, outcome: 'Refunds granted on request at the post.' },
      {
        daysAgo: 10,
        act: 'reopen',
        by: ASSOCIATION_ADMIN,
        reason: 'The post closed last month, and nobody there takes refund requests any more. Where should members apply?',
      },
    ],
  },
  {
    // Anonymous, answered; a platform administrator published a de-identified summary (public after the delay).
    title: 'Officer asked for a "gift" to sign the release at the seaport (demo)',
    description: `The officer signing releases at the Caspian Shore seaport asked me for a "gift" before he would sign.
I am reporting anonymously because my company depends on this port. It happened twice in one week.`,
    administration: 'kz-customs',
    office: 'Caspian Shore Seaport Customs Post (demo)',
    category: 'UNOFFICIAL_PAYMENT',
    factor: 'CODE_OF_CONDUCT',
    severity: 'CRITICAL',
    raisedBy: 'anonymous',
    raisedDaysAgo: 15.3,
    occurredDaysBefore: 3,
    steps: [
      { daysAgo: 14.9, act: 'assign', by: CUSTOMS_ADMIN, to: LIAISON },
      { daysAgo: 14.1, act: 'acknowledge', by: LIAISON },
      { daysAgo: 12.5, act: 'followUp', by: 'receipt', body: 'Both times it was the afternoon shift, between 14:00 and 16:00.' },
      {
        daysAgo: 5.2,
        act: 'respond',
        by: LIAISON,
        body: 'The internal security service has opened a case. Releases at the seaport now need two signatures.',
      },
      {
        daysAgo: 4,
        act: 'publishSummary',
        by: 'admin@demo.test',
        summary:
          'A request for an unofficial payment at a seaport release desk was reported; the administration opened an internal case and introduced a second signature.',
      },
    ],
  },
  {
    // Anonymous and new.
    title: 'Places at the front of the queue sold at the gate (demo)',
    description: `Men near the gate of the Altyn Kakpa crossing sell places at the front of the queue. The guards let
their trucks through first. It happens every evening after 18:00.`,
    administration: 'kz-customs',
    office: 'Altyn Kakpa Road Crossing (demo)',
    category: 'UNOFFICIAL_PAYMENT',
    factor: 'HUMAN_RESOURCE_MANAGEMENT',
    severity: 'HIGH',
    raisedBy: 'anonymous',
    raisedDaysAgo: 2.1,
    occurredDaysBefore: 1,
    steps: [],
  },
  {
    title: 'Рефрижераторы простаивают на перевале Ак-Бел (демо)',
    description: `Рефрижераторы наших членов с абрикосами ждали проверки документов на перевале Ак-Бел до 40 часов.
Часть груза испортилась. Время прибытия пост не фиксирует, а плату за стоянку требует.

Просим объяснить причину задержки и публиковать время ожидания.`,
    administration: 'kg-customs',
    office: 'Ak-Bel Pass Road Crossing (demo)',
    category: 'UNEXPLAINED_DELAY',
    factor: 'TRANSPARENCY',
    severity: 'HIGH',
    raisedBy: { email: 'signatory.kg-exporters@demo.test', org: 'kg-exporters', visibility: 'PUBLIC' },
    raisedDaysAgo: 120,
    occurredDaysBefore: 6,
    steps: [
      { daysAgo: 119, act: 'assign', by: KG_LIAISON, to: KG_LIAISON },
      { daysAgo: 118, act: 'acknowledge', by: KG_LIAISON },
      {
        daysAgo: 100,
        act: 'respond',
        by: KG_LIAISON,
        body: 'На посту установлен терминал регистрации прибытия; время ожидания публикуется еженедельно на сайте службы.',
      },
      { daysAgo: 95, act: 'resolve', by: KG_LIAISON, outcome: 'Установлен терминал регистрации прибытия, время ожидания публикуется еженедельно.' },
    ],
  },
  {
    // Never acknowledged: overdue and escalated.
    title: 'Требуют оплату за пломбирование вагонов (демо)',
    description: `На железнодорожном пункте пропуска «Чуйская долина» за пломбирование каждого вагона требуют
наличные без квитанции. Официально эта услуга бесплатна.`,
    administration: 'kg-customs',
    office: 'Chui Valley Rail Border Station (demo)',
    category: 'UNOFFICIAL_PAYMENT',
    factor: 'AUDIT_AND_INVESTIGATION',
    severity: 'CRITICAL',
    raisedBy: { email: 'signatory.kg-exporters@demo.test', org: 'kg-exporters', visibility: 'RESTRICTED' },
    raisedDaysAgo: 11.5,
    occurredDaysBefore: 2,
    steps: [],
  },
  {
    title: 'Inspection fee at Fergana Gate differs from the published list (demo)',
    description: `At the Fergana Gate road crossing our hauliers were charged an inspection fee of 45 dollars; the
published list says 30. The officer said the list is out of date. Which one applies?`,
    administration: 'uz-customs',
    office: 'Fergana Gate Road Crossing (demo)',
    category: 'OPAQUE_PROCEDURE',
    factor: 'TRANSPARENCY',
    severity: 'MEDIUM',
    raisedBy: { email: 'signatory.mn-logistics@demo.test', org: 'mn-logistics', visibility: 'PUBLIC' },
    raisedDaysAgo: 6.2,
    occurredDaysBefore: 2,
    steps: [
      { daysAgo: 5.5, act: 'assign', by: UZ_LIAISON, to: UZ_LIAISON },
      { daysAgo: 4.3, act: 'acknowledge', by: UZ_LIAISON, note: 'We are checking which list the post applies.' },
    ],
  },
  {
    // Anonymous, in Russian, new.
    title: 'Досмотр «по звонку» в Самарканде (демо)',
    description: `В центре таможенного оформления «Самарканд» грузы одних компаний выпускают без досмотра после звонка
начальнику смены, а грузы остальных досматривают полностью. Сообщаю анонимно.`,
    administration: 'uz-customs',
    office: 'Samarkand Inland Clearance Centre (demo)',
    category: 'DISCRETIONARY_INSPECTION',
    factor: 'LEADERSHIP_AND_COMMITMENT',
    severity: 'HIGH',
    raisedBy: 'anonymous',
    raisedDaysAgo: 3.4,
    occurredDaysBefore: 1,
    steps: [],
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
  const issues = await seedIssues(db, orgIds, demoHash);
  const commitments = await seedCommitments(db, orgIds, { password: DEMO_PASSWORD, demoHash });
  return {
    organizationsCreated,
    usersCreated: usersCreated + issues.usersCreated + commitments.usersCreated,
    pledgesCreated,
    officesCreated: issues.officesCreated,
    issuesCreated: issues.issuesCreated,
    actionPlansCreated: commitments.actionPlansCreated,
    commitmentsCreated: commitments.commitmentsCreated,
  };
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

async function seedIssues(db: Db, orgIds: Map<string, string>, demoHash: () => Promise<string>) {
  const now = new Date();
  const at = (daysAgo: number) => new Date(now.getTime() - Math.round(daysAgo * DAY));
  const system = (when: Date): DomainContext => ({ db, actor: systemActor('seed'), now: () => when });
  let usersCreated = 0;
  for (const person of DEMO_LIAISON_OFFICERS) {
    let user = await db.user.findUnique({ where: { email: person.email } });
    if (!user) {
      user = await provisionUser(system(now), { name: person.name, email: person.email, password: DEMO_PASSWORD }, { passwordHash: await demoHash() });
      usersCreated += 1;
    }
    await addMember(system(now), { organizationId: orgIds.get(person.org)!, userId: user.id, role: 'LIAISON_OFFICER' });
  }

  // Everything that happens, in date order: offices opened (and one closed), issues raised and handled.
  type Step = { at: Date; run: () => Promise<unknown> };
  const steps: Step[] = [];
  const officeIds = new Map<string, string>();
  let officesCreated = 0;
  for (const office of DEMO_OFFICES) {
    const administrationId = orgIds.get(office.administration)!;
    const existing = await db.customsOffice.findFirst({ where: { administrationId, nameEn: office.name.en } });
    if (existing) {
      officeIds.set(office.name.en, existing.id);
      continue;
    }
    const created = await createOffice(system(at(400)), {
      administrationId,
      nameEn: office.name.en,
      nameRu: office.name.ru,
      kind: office.kind,
      latitude: office.latitude,
      longitude: office.longitude,
    });
    officeIds.set(office.name.en, created.id);
    officesCreated += 1;
    if (office.archivedDaysAgo !== undefined) {
      const when = at(office.archivedDaysAgo);
      steps.push({ at: when, run: () => archiveOffice(system(when), { officeId: created.id }) });
    }
  }

  const issueIds = new Map<string, string>();
  /** Receipt codes of the anonymous demo issues: used for their follow-ups, kept nowhere (only their hashes are stored). */
  const receipts = new Map<string, string>();
  let issuesCreated = 0;
  for (const spec of DEMO_ISSUES) {
    if (await db.issue.findFirst({ where: { title: spec.title } })) continue;
    const raisedAt = at(spec.raisedDaysAgo);
    const fields = {
      administrationId: orgIds.get(spec.administration)!,
      officeId: spec.office ? officeIds.get(spec.office) : undefined,
      title: spec.title,
      description: spec.description,
      occurredAt: new Date(raisedAt.getTime() - spec.occurredDaysBefore * DAY).toISOString(),
      category: spec.category,
      factor: spec.factor,
      severity: spec.severity,
    };
    const raisedBy = spec.raisedBy;
    steps.push({
      at: raisedAt,
      run: async () => {
        if (raisedBy === 'anonymous') {
          const { issue, receiptCode } = await raiseAnonymousIssue({ db, actor: anonymous, now: () => raisedAt }, fields);
          issueIds.set(spec.title, issue.id);
          receipts.set(spec.title, receiptCode);
        } else {
          const issue = await raiseIssue(await actAs(db, raisedBy.email, raisedAt), {
            ...fields,
            organizationId: orgIds.get(raisedBy.org)!,
            visibility: raisedBy.visibility,
          });
          issueIds.set(spec.title, issue.id);
        }
        issuesCreated += 1;
      },
    });
    for (const step of spec.steps) {
      const when = at(step.daysAgo);
      steps.push({
        at: when,
        run: async () => {
          const issueId = issueIds.get(spec.title)!;
          if (step.act === 'followUp' && step.by === 'receipt') {
            return followUpAnonymousIssue({ db, actor: anonymous, now: () => when }, { receiptCode: receipts.get(spec.title)!, body: step.body });
          }
          const ctx = await actAs(db, step.by, when);
          switch (step.act) {
            case 'assign':
              return assignIssue(ctx, { issueId, assigneeId: (await db.user.findUniqueOrThrow({ where: { email: step.to } })).id });
            case 'acknowledge':
              return acknowledgeIssue(ctx, { issueId, note: step.note });
            case 'respond':
              return respondToIssue(ctx, { issueId, body: step.body });
            case 'resolve':
              return resolveIssue(ctx, { issueId, outcome: step.outcome });
            case 'reject':
              return rejectIssue(ctx, { issueId, outcome: step.outcome });
            case 'reopen':
              return reopenIssue(ctx, { issueId, reason: step.reason });
            case 'followUp':
              return followUpIssue(ctx, { issueId, body: step.body });
            case 'publishSummary':
              return publishIssueSummary(ctx, { issueId, summary: step.summary });
          }
        },
      });
    }
  }
  steps.sort((a, b) => a.at.getTime() - b.at.getTime());

  for (const step of steps) {
    // The scheduler would have run in the meantime: deadlines missed before this step escalate at this step's time.
    await runEscalationSweep(system(step.at), step.at);
    await step.run();
  }
  await runEscalationSweep(system(now), now);
  return { usersCreated, officesCreated, issuesCreated };
}
