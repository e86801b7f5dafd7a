// Pledge rules that both the server and the browser need: lapse dates and the signing confirmation phrase.
// Pure functions, no I/O.

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

/** The sentence a signatory types to confirm, in each language. */
export function confirmationPhrases(organizationName: string): { en: string; ru: string } {
  return {
    en: `I am authorised to sign for ${organizationName}`,
    ru: `Я уполномочен подписать от имени ${organizationName}`,
  };
}

export function confirmationMatches(typed: string, organizationName: string): boolean {
  const { en, ru } = confirmationPhrases(organizationName);
  const value = normalise(typed);
  return value === normalise(en) || value === normalise(ru) || value === normalise(ru.replace('уполномочен', 'уполномочена'));
}

export type Audience = 'CUSTOMS' | 'BUSINESS' | 'BOTH';
export type OrgKind = 'CUSTOMS_ADMINISTRATION' | 'BUSINESS_ASSOCIATION' | 'PARTNER';

/** May an organisation of this kind sign a pledge addressed to this audience? Partners never sign. */
export function audienceAdmits(audience: Audience, kind: OrgKind): boolean {
  if (kind === 'PARTNER') return false;
  if (audience === 'BOTH') return true;
  return audience === 'CUSTOMS' ? kind === 'CUSTOMS_ADMINISTRATION' : kind === 'BUSINESS_ASSOCIATION';
}
