import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../app/domain/errors.server';
import { messageArgs } from '../../app/domain/field-messages';
import {
  acceptedConfirmations,
  addMonthsUtc,
  audienceAdmits,
  confirmationMatches,
  confirmationPhrases,
  renewalDue,
  signatureStatus,
} from '../../app/domain/pledge-rules';
import {
  ARUSHA_FACTORS,
  PledgeDraftSchema,
  RenewPledgeSignatureSchema,
  SignPledgeSchema,
  WithdrawPledgeSignatureSchema,
} from '../../app/domain/pledge-schemas';
import { translate } from '../../app/i18n';

const d = (iso: string) => new Date(iso);
const iso = (date: Date | null) => date?.toISOString() ?? null;
const ms = (date: Date, delta: number) => new Date(date.getTime() + delta);

describe('addMonthsUtc', () => {
  it('keeps the day of the month and the time of day', () => {
    expect(iso(addMonthsUtc(d('2027-03-15T08:09:10.123Z'), 1))).toBe('2027-04-15T08:09:10.123Z');
    expect(iso(addMonthsUtc(d('2027-03-15T23:59:59.999Z'), 3))).toBe('2027-06-15T23:59:59.999Z');
    expect(iso(addMonthsUtc(d('2027-03-15T00:00:00.000Z'), 0))).toBe('2027-03-15T00:00:00.000Z');
  });

  it('clamps Jan 31 + 1 month to Feb 28 in a common year and Feb 29 in a leap year', () => {
    expect(iso(addMonthsUtc(d('2027-01-31T10:00:00.000Z'), 1))).toBe('2027-02-28T10:00:00.000Z');
    expect(iso(addMonthsUtc(d('2028-01-31T10:00:00.000Z'), 1))).toBe('2028-02-29T10:00:00.000Z');
    expect(iso(addMonthsUtc(d('2100-01-31T10:00:00.000Z'), 1))).toBe('2100-02-28T10:00:00.000Z'); // not a leap year
    expect(iso(addMonthsUtc(d('2000-01-31T10:00:00.000Z'), 1))).toBe('2000-02-29T10:00:00.000Z'); // a leap year
  });

  it('clamps to the last day of shorter months', () => {
    expect(iso(addMonthsUtc(d('2027-01-30T00:00:00.000Z'), 1))).toBe('2027-02-28T00:00:00.000Z');
    expect(iso(addMonthsUtc(d('2027-05-31T00:00:00.000Z'), 1))).toBe('2027-06-30T00:00:00.000Z');
    expect(iso(addMonthsUtc(d('2027-03-31T00:00:00.000Z'), 6))).toBe('2027-09-30T00:00:00.000Z');
  });

  it('Aug 31 + 6 months is the end of February (28th, or 29th in 2028)', () => {
    expect(iso(addMonthsUtc(d('2026-08-31T12:00:00.000Z'), 6))).toBe('2027-02-28T12:00:00.000Z');
    expect(iso(addMonthsUtc(d('2027-08-31T12:00:00.000Z'), 6))).toBe('2028-02-29T12:00:00.000Z');
  });

  it('crosses years', () => {
    expect(iso(addMonthsUtc(d('2027-06-15T08:00:00.000Z'), 12))).toBe('2028-06-15T08:00:00.000Z');
    expect(iso(addMonthsUtc(d('2027-12-31T23:59:59.999Z'), 1))).toBe('2028-01-31T23:59:59.999Z');
    expect(iso(addMonthsUtc(d('2027-11-30T00:00:00.000Z'), 3))).toBe('2028-02-29T00:00:00.000Z');
    expect(iso(addMonthsUtc(d('2028-02-29T00:00:00.000Z'), 12))).toBe('2029-02-28T00:00:00.000Z');
    expect(iso(addMonthsUtc(d('2027-01-01T00:00:00.000Z'), 60))).toBe('2032-01-01T00:00:00.000Z');
    expect(iso(addMonthsUtc(d('2027-10-31T00:00:00.000Z'), 25))).toBe('2029-11-30T00:00:00.000Z');
  });

  it('is computed in UTC: a late-evening instant does not move to the next day', () => {
    // 23:30 UTC on Jan 31 is already Feb 1 in Asia; the result must still be the UTC month end.
    expect(iso(addMonthsUtc(d('2027-01-31T23:30:00.000Z'), 1))).toBe('2027-02-28T23:30:00.000Z');
    expect(iso(addMonthsUtc(d('2027-02-01T00:30:00.000+05:00'), 1))).toBe('2027-02-28T19:30:00.000Z');
  });

  it('does not modify its argument', () => {
    const start = d('2027-01-31T10:00:00.000Z');
    addMonthsUtc(start, 1);
    expect(iso(start)).toBe('2027-01-31T10:00:00.000Z');
  });
});

describe('renewalDue', () => {
  it('is the last renewal plus the period, or null when there is no period', () => {
    expect(iso(renewalDue(d('2027-01-31T10:00:00.000Z'), 1))).toBe('2027-02-28T10:00:00.000Z');
    expect(iso(renewalDue(d('2027-06-15T08:00:00.000Z'), 12))).toBe('2028-06-15T08:00:00.000Z');
    expect(renewalDue(d('2027-06-15T08:00:00.000Z'), null)).toBeNull();
    expect(renewalDue(d('2027-06-15T08:00:00.000Z'), undefined)).toBeNull();
  });
});

describe('signatureStatus', () => {
  const signed = (lastRenewedAt: string, withdrawnAt: string | null = null) => ({
    lastRenewedAt: d(lastRenewedAt),
    withdrawnAt: withdrawnAt ? d(withdrawnAt) : null,
  });

  it('is ACTIVE one millisecond before the due instant and LAPSED exactly at it', () => {
    const signature = signed('2027-06-15T08:00:00.000Z');
    const due = d('2028-06-15T08:00:00.000Z');
    expect(signatureStatus(signature, 12, ms(due, -1))).toBe('ACTIVE');
    expect(signatureStatus(signature, 12, due)).toBe('LAPSED');
    expect(signatureStatus(signature, 12, ms(due, 1))).toBe('LAPSED');
    expect(signatureStatus(signature, 12, d('2027-06-15T08:00:00.000Z'))).toBe('ACTIVE');
  });

  it('falls due at the clamped month end: Jan 31 + 1 month lapses on Feb 28, not on Mar 3', () => {
    const signature = signed('2027-01-31T10:00:00.000Z');
    expect(signatureStatus(signature, 1, d('2027-02-28T09:59:59.999Z'))).toBe('ACTIVE');
    expect(signatureStatus(signature, 1, d('2027-02-28T10:00:00.000Z'))).toBe('LAPSED');
  });

  it('falls due on Feb 29 in the leap year 2028', () => {
    const signature = signed('2028-01-31T10:00:00.000Z');
    expect(signatureStatus(signature, 1, d('2028-02-28T10:00:00.000Z'))).toBe('ACTIVE');
    expect(signatureStatus(signature, 1, d('2028-02-29T09:59:59.999Z'))).toBe('ACTIVE');
    expect(signatureStatus(signature, 1, d('2028-02-29T10:00:00.000Z'))).toBe('LAPSED');
  });

  it('Aug 31 with a six-month period falls due at the end of February', () => {
    const signature = signed('2027-08-31T00:00:00.000Z');
    expect(signatureStatus(signature, 6, d('2028-02-28T23:59:59.999Z'))).toBe('ACTIVE');
    expect(signatureStatus(signature, 6, d('2028-02-29T00:00:00.000Z'))).toBe('LAPSED');
    const earlier = signed('2026-08-31T00:00:00.000Z');
    expect(signatureStatus(earlier, 6, d('2027-02-27T23:59:59.999Z'))).toBe('ACTIVE');
    expect(signatureStatus(earlier, 6, d('2027-02-28T00:00:00.000Z'))).toBe('LAPSED');
  });

  it('never lapses without a renewal period', () => {
    const signature = signed('2027-01-01T00:00:00.000Z');
    expect(signatureStatus(signature, null, d('2127-01-01T00:00:00.000Z'))).toBe('ACTIVE');
    expect(signatureStatus(signature, undefined, d('2127-01-01T00:00:00.000Z'))).toBe('ACTIVE');
  });

  it('withdrawn wins over lapsed and over active', () => {
    expect(signatureStatus(signed('2027-01-01T00:00:00.000Z', '2027-01-02T00:00:00.000Z'), 1, d('2030-01-01T00:00:00.000Z'))).toBe('WITHDRAWN');
    expect(signatureStatus(signed('2027-01-01T00:00:00.000Z', '2027-01-02T00:00:00.000Z'), 12, d('2027-01-03T00:00:00.000Z'))).toBe('WITHDRAWN');
    expect(signatureStatus(signed('2027-01-01T00:00:00.000Z', '2027-01-02T00:00:00.000Z'), null, d('2027-01-03T00:00:00.000Z'))).toBe('WITHDRAWN');
  });
});

describe('confirmation', () => {
  const name = 'Kazakh Customs Brokers Association';

  it('offers the sentence in English and Russian', () => {
    expect(confirmationPhrases(name)).toEqual({
      en: 'I am authorised to sign for Kazakh Customs Brokers Association',
      ru: 'Я уполномочен подписать от имени Kazakh Customs Brokers Association',
    });
  });

  it('accepts the English and Russian sentences (either grammatical gender)', () => {
    expect(confirmationMatches('I am authorised to sign for Kazakh Customs Brokers Association', name)).toBe(true);
    expect(confirmationMatches('Я уполномочен подписать от имени Kazakh Customs Brokers Association', name)).toBe(true);
    expect(confirmationMatches('Я уполномочена подписать от имени Kazakh Customs Brokers Association', name)).toBe(true);
  });

  it('ignores case, repeated or unusual spaces and a final full stop', () => {
    expect(confirmationMatches('i am AUTHORISED to sign for kazakh customs brokers association', name)).toBe(true);
    expect(confirmationMatches('I am  authorised\tto sign for\u00a0Kazakh Customs Brokers Association.', name)).toBe(true);
    expect(confirmationMatches('я УПОЛНОМОЧЕН подписать от имени kazakh customs brokers association!', name)).toBe(true);
    expect(confirmationMatches('  I am authorised to sign for Kazakh Customs Brokers Association  ', name)).toBe(true);
  });

  it('ignores whitespace after the final full stop too', () => {
    // A browser checks what is typed before the server trims it.
    expect(confirmationMatches('I am authorised to sign for Kazakh Customs Brokers Association. ', name)).toBe(true);
  });

  it('refuses anything else', () => {
    expect(confirmationMatches('', name)).toBe(false);
    expect(confirmationMatches(name, name)).toBe(false);
    expect(confirmationMatches('I am authorised to sign', name)).toBe(false);
    expect(confirmationMatches('I am authorised to sign for Kazakh Customs', name)).toBe(false);
    expect(confirmationMatches('I am authorised to sign for Kazakh Customs Brokers Association and others', name)).toBe(false);
    expect(confirmationMatches('I am authorised to sign for Another Association', name)).toBe(false);
    expect(confirmationMatches('I am not authorised to sign for Kazakh Customs Brokers Association', name)).toBe(false);
    expect(confirmationMatches('Я уполномочено подписать от имени Kazakh Customs Brokers Association', name)).toBe(false);
  });

  it('treats names with punctuation and symbols literally', () => {
    const odd = 'A.B. (Trade) * Co [KZ]+';
    expect(confirmationMatches('I am authorised to sign for A.B. (Trade) * Co [KZ]+', odd)).toBe(true);
    expect(confirmationMatches('I am authorised to sign for AxB. (Trade) * Co [KZ]+', odd)).toBe(false);
    expect(confirmationMatches('I am authorised to sign for ТОО «Таможня»', 'ТОО «Таможня»')).toBe(true);
  });
});

describe('confirmation with a translated name', () => {
  const org = { name: 'Steppe Customs Service', translations: { ru: { name: 'Степная таможенная служба' } } };

  it('names the organisation as each language’s page does', () => {
    expect(confirmationPhrases(org)).toEqual({
      en: 'I am authorised to sign for Steppe Customs Service',
      ru: 'Я уполномочен подписать от имени Степная таможенная служба',
    });
    // No translation, or an empty one: the registered name.
    expect(confirmationPhrases({ name: org.name, translations: { ru: { name: '  ' } } }).ru).toBe('Я уполномочен подписать от имени Steppe Customs Service');
    expect(confirmationPhrases({ name: org.name, translations: null })).toEqual(confirmationPhrases(org.name));
  });

  it('accepts every sentence a page shows, and the registered name in either language', () => {
    const accepted = acceptedConfirmations(org);
    for (const shown of Object.values(confirmationPhrases(org))) expect(accepted).toContain(shown);
    expect(confirmationMatches('Я уполномочен подписать от имени Степная таможенная служба', org)).toBe(true);
    expect(confirmationMatches('я уполномочена подписать от имени степная таможенная служба.', org)).toBe(true);
    expect(confirmationMatches('Я уполномочен подписать от имени Steppe Customs Service', org)).toBe(true);
    expect(confirmationMatches('I am authorised to sign for Степная таможенная служба', org)).toBe(true);
    // The stored name alone (no translations known) does not accept the translation.
    expect(confirmationMatches('Я уполномочен подписать от имени Степная таможенная служба', org.name)).toBe(false);
    expect(confirmationMatches('Я уполномочен подписать от имени Степная таможенная', org)).toBe(false);
    expect(confirmationMatches('', { name: '', translations: {} })).toBe(false);
  });
});

describe('validation messages name their limits', () => {
  it('carries min and max (and count, for the plural form) for the generic length messages only', () => {
    const error = ValidationError.fromZod(
      PledgeDraftSchema.safeParse({ title: 'Hi', body: 'x'.repeat(50_001), factors: [], audience: 'BOTH', renewalMonths: 0 }).error!,
    );
    expect(error.fieldErrors).toEqual({
      title: [{ key: 'errors.tooShort', params: { min: 5, count: 5 } }],
      body: [{ key: 'errors.tooLong', params: { max: 50_000, count: 50_000 } }],
      factors: ['errors.chooseFactors'],
      renewalMonths: ['errors.renewalMonths'],
    });
  });

  it('reads "At least 5 characters" in English and Russian, in the right plural form', () => {
    const say = (locale: 'en' | 'ru', key: string, params: Record<string, number>) => translate(locale, ...messageArgs({ key, params }));
    expect(say('en', 'errors.tooShort', { min: 5, count: 5 })).toBe('At least 5 characters.');
    expect(say('en', 'errors.tooShort', { min: 1, count: 1 })).toBe('At least 1 character.');
    expect(say('ru', 'errors.tooShort', { min: 5, count: 5 })).toBe('Не короче 5 символов.');
    expect(say('ru', 'errors.tooShort', { min: 2, count: 2 })).toBe('Не короче 2 символов.');
    expect(say('ru', 'errors.tooShort', { min: 21, count: 21 })).toBe('Не короче 21 символа.');
    expect(say('en', 'errors.tooLong', { max: 50_000, count: 50_000 })).toBe('At most 50,000 characters.');
    expect(say('ru', 'errors.tooLong', { max: 200, count: 200 })).toBe('Не длиннее 200 символов.');
    expect(say('en', 'errors.tooMany', { max: 10, count: 10 })).toBe('At most 10 entries.');
    expect(say('ru', 'errors.tooMany', { max: 10, count: 10 })).toBe('Не больше 10 записей.');
    // A plain key, and an error-wide parameter (a SimilarNameError's name), still translate.
    expect(translate('en', ...messageArgs('errors.tooShort'))).toBe('This is too short.');
    expect(translate('en', ...messageArgs('errors.organizationNameSimilar', { name: 'X Union' }))).toContain('“X Union”');
  });
});

describe('audienceAdmits', () => {
  it('admits customs administrations and business associations as the audience says; partners never', () => {
    expect(audienceAdmits('CUSTOMS', 'CUSTOMS_ADMINISTRATION')).toBe(true);
    expect(audienceAdmits('CUSTOMS', 'BUSINESS_ASSOCIATION')).toBe(false);
    expect(audienceAdmits('CUSTOMS', 'PARTNER')).toBe(false);
    expect(audienceAdmits('BUSINESS', 'CUSTOMS_ADMINISTRATION')).toBe(false);
    expect(audienceAdmits('BUSINESS', 'BUSINESS_ASSOCIATION')).toBe(true);
    expect(audienceAdmits('BUSINESS', 'PARTNER')).toBe(false);
    expect(audienceAdmits('BOTH', 'CUSTOMS_ADMINISTRATION')).toBe(true);
    expect(audienceAdmits('BOTH', 'BUSINESS_ASSOCIATION')).toBe(true);
    expect(audienceAdmits('BOTH', 'PARTNER')).toBe(false);
  });
});

describe('pledge schemas', () => {
  const draft = { title: 'Zero tolerance', body: 'We refuse every facilitation payment.', factors: ['TRANSPARENCY'], audience: 'BOTH' };
  const fieldErrors = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
    Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));

  it('needs at least one Arusha key factor, and keeps each only once', () => {
    expect(fieldErrors(PledgeDraftSchema.safeParse({ ...draft, factors: [] }))).toEqual({ factors: 'errors.chooseFactors' });
    expect(fieldErrors(PledgeDraftSchema.safeParse({ ...draft, factors: undefined }))).toEqual({ factors: 'errors.chooseFactors' });
    expect(PledgeDraftSchema.safeParse({ ...draft, factors: ['BRIBERY'] }).success).toBe(false);
    expect(PledgeDraftSchema.parse({ ...draft, factors: ['AUTOMATION', 'AUTOMATION', 'TRANSPARENCY'] }).factors).toEqual(['AUTOMATION', 'TRANSPARENCY']);
    expect(PledgeDraftSchema.parse({ ...draft, factors: [...ARUSHA_FACTORS] }).factors).toHaveLength(10);
  });

  it('takes a renewal period of 1 to 60 whole months, or none', () => {
    for (const renewalMonths of [1, 12, 60, null, undefined])
      expect(PledgeDraftSchema.safeParse({ ...draft, renewalMonths }).success, String(renewalMonths)).toBe(true);
    for (const renewalMonths of [0, 61, -1, 1.5, '12']) {
      expect(fieldErrors(PledgeDraftSchema.safeParse({ ...draft, renewalMonths })), String(renewalMonths)).toEqual({ renewalMonths: 'errors.renewalMonths' });
    }
  });

  it('takes the three audiences only', () => {
    for (const audience of ['CUSTOMS', 'BUSINESS', 'BOTH']) expect(PledgeDraftSchema.safeParse({ ...draft, audience }).success).toBe(true);
    expect(fieldErrors(PledgeDraftSchema.safeParse({ ...draft, audience: 'PARTNER' }))).toEqual({ audience: 'errors.choose' });
  });

  it('keeps Markdown and HTML in the body as given (sanitising is for rendering)', () => {
    const body = '# Title\n\n<script>alert("x")</script> <img src=x onerror=alert(1)> **bold**';
    expect(PledgeDraftSchema.parse({ ...draft, body }).body).toBe(body);
  });

  it('takes the version read as an optional whole number', () => {
    const sign = { pledgeId: 'p', organizationId: 'o', confirmation: 'x' };
    expect(SignPledgeSchema.parse(sign).versionNumber).toBeUndefined();
    expect(SignPledgeSchema.parse({ ...sign, versionNumber: 3 }).versionNumber).toBe(3);
    for (const versionNumber of [0, -1, 1.5, '2', null]) {
      expect(fieldErrors(SignPledgeSchema.safeParse({ ...sign, versionNumber })), String(versionNumber)).toEqual({ versionNumber: 'errors.invalid' });
    }
  });

  it('needs a typed confirmation to sign; the statement is optional', () => {
    expect(fieldErrors(SignPledgeSchema.safeParse({ pledgeId: 'p', organizationId: 'o' }))).toEqual({ confirmation: 'errors.confirmation' });
    expect(fieldErrors(SignPledgeSchema.safeParse({ pledgeId: 'p', organizationId: 'o', confirmation: '   ' }))).toEqual({
      confirmation: 'errors.confirmation',
    });
    expect(SignPledgeSchema.parse({ pledgeId: 'p', organizationId: 'o', confirmation: 'x', statement: '  ' }).statement).toBeUndefined();
    expect(fieldErrors(SignPledgeSchema.safeParse({ pledgeId: 'p', organizationId: 'o', confirmation: 'x', statement: 'x'.repeat(2001) }))).toEqual({
      statement: 'errors.tooLong',
    });
  });

  it('needs a withdrawal reason of at least 10 characters', () => {
    expect(fieldErrors(WithdrawPledgeSignatureSchema.safeParse({ signatureId: 's', reason: '  too short ' }))).toEqual({ reason: 'errors.reasonRequired' });
    expect(fieldErrors(WithdrawPledgeSignatureSchema.safeParse({ signatureId: 's' }))).toEqual({ reason: 'errors.reasonRequired' });
    expect(WithdrawPledgeSignatureSchema.safeParse({ signatureId: 's', reason: 'ten chars!' }).success).toBe(true);
  });

  it('needs a progress report of at least 20 characters and at most 10 http(s) links', () => {
    const report = 'We published all fees on our website.';
    expect(RenewPledgeSignatureSchema.parse({ signatureId: 's', report }).links).toEqual([]);
    expect(fieldErrors(RenewPledgeSignatureSchema.safeParse({ signatureId: 's', report: 'Too short a report' }))).toEqual({ report: 'errors.tooShort' });
    const links = Array.from({ length: 10 }, (_, i) => `https://example.org/report/${i}`);
    expect(RenewPledgeSignatureSchema.safeParse({ signatureId: 's', report, links }).success).toBe(true);
    expect(fieldErrors(RenewPledgeSignatureSchema.safeParse({ signatureId: 's', report, links: [...links, 'http://example.org/11'] }))).toEqual({
      links: 'errors.tooMany',
    });
    for (const bad of ['javascript:alert(1)', 'ftp://example.org/file', 'data:text/html,<script>alert(1)</script>', 'not a url']) {
      expect(fieldErrors(RenewPledgeSignatureSchema.safeParse({ signatureId: 's', report, links: [bad] })), bad).toEqual({ 'links.0': 'errors.url' });
    }
  });
});
