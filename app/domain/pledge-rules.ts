// Pledge rules that both the server and the browser need: lapse dates and the signing confirmation phrase.
// Pure functions, no I/O.
import { localized } from './localized';

export type SignatureStatus = 'ACTIVE' | 'LAPSED' | 'WITHDRAWN';

/** Add calendar months in UTC, keeping the day of the month or clamping to the month's last day (Jan 31 + 1 = Feb 28). */
export function addMonthsUtc(date: Date, months: number): Date {
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth() + months;
  const targetYear = y + Math.floor(m / 12);
  const targetMonth = ((m % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  return new Date(
    Date.UTC(
      targetYear,
      targetMonth,
      Math.min(date.getUTCDate(), lastDay),
      date.getUTCHours(),
      date.getUTCMinutes(),
      date.getUTCSeconds(),
      date.getUTCMilliseconds(),
    ),
  );
}

/** When a signature lapses unless renewed: its last renewal plus the renewal period. Null: it never lapses. */
export function renewalDue(lastRenewedAt: Date, renewalMonths: number | null | undefined): Date | null {
  return renewalMonths ? addMonthsUtc(lastRenewedAt, renewalMonths) : null;
}

/**
 * ACTIVE, LAPSED (the renewal period passed without a renewal or progress report) or WITHDRAWN.
 * Computed from the dates whenever it is asked: no scheduled job has to run for a signature to lapse.
 * A signature is active up to, but not including, the instant it falls due.
 */
export function signatureStatus(
  signature: { withdrawnAt: Date | null; lastRenewedAt: Date },
  renewalMonths: number | null | undefined,
  now: Date,
): SignatureStatus {
  if (signature.withdrawnAt) return 'WITHDRAWN';
  const due = renewalDue(signature.lastRenewedAt, renewalMonths);
  return due && now.getTime() >= due.getTime() ? 'LAPSED' : 'ACTIVE';
}

const normalise = (text: string) =>
  text
    .normalize('NFKC')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.!]+$/, '')
    .trim()
    .toLowerCase();

/** What the confirmation needs of an organisation: its registered name and any translations of it. */
export type ConfirmingOrganization = { name: string; translations?: unknown };

// The sentence in each language, naming the organisation.
const PHRASES = {
  en: (name: string) => `I am authorised to sign for ${name}`,
  ru: (name: string) => `Я уполномочен подписать от имени ${name}`,
} as const;
type PhraseLocale = keyof typeof PHRASES;
const PHRASE_LOCALES = Object.keys(PHRASES) as PhraseLocale[];

const asOrganization = (organization: string | ConfirmingOrganization): ConfirmingOrganization =>
  typeof organization === 'string' ? { name: organization } : organization;

/** The organisation's name as a page in that language shows it: its translation there, else the registered name. */
const nameIn = (organization: ConfirmingOrganization, locale: PhraseLocale) =>
  localized({ translations: organization.translations }, 'name', locale, organization.name);

/** The sentence a signatory types to confirm, in each language, naming the organisation as that language's page does. */
export function confirmationPhrases(organization: string | ConfirmingOrganization): Record<PhraseLocale, string> {
  const org = asOrganization(organization);
  return { en: PHRASES.en(nameIn(org, 'en')), ru: PHRASES.ru(nameIn(org, 'ru')) };
}

/**
 * Every sentence that confirms for this organisation: the sentence of either language, naming the organisation by
 * its registered name or by any name a page shows for it (the Russian page shows its Russian name), and the Russian
 * one in the feminine. The page shows one of these (`confirmationPhrases`), and the command accepts only these.
 */
export function acceptedConfirmations(organization: string | ConfirmingOrganization): string[] {
  const org = asOrganization(organization);
  const names = [...new Set([org.name, ...PHRASE_LOCALES.map((locale) => nameIn(org, locale))])];
  return names.flatMap((name) => [PHRASES.en(name), PHRASES.ru(name), PHRASES.ru(name).replace('уполномочен', 'уполномочена')]);
}

/** Does the typed sentence confirm for this organisation? Case, spaces and a final full stop do not matter. */
export function confirmationMatches(typed: string, organization: string | ConfirmingOrganization): boolean {
  const value = normalise(typed);
  return value !== '' && acceptedConfirmations(organization).some((phrase) => normalise(phrase) === value);
}

export type Audience = 'CUSTOMS' | 'BUSINESS' | 'BOTH';
export type OrgKind = 'CUSTOMS_ADMINISTRATION' | 'BUSINESS_ASSOCIATION' | 'PARTNER';

/** May an organisation of this kind sign a pledge addressed to this audience? Partners never sign. */
export function audienceAdmits(audience: Audience, kind: OrgKind): boolean {
  if (kind === 'PARTNER') return false;
  if (audience === 'BOTH') return true;
  return audience === 'CUSTOMS' ? kind === 'CUSTOMS_ADMINISTRATION' : kind === 'BUSINESS_ASSOCIATION';
}
