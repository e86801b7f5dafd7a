import { describe, expect, it } from 'vitest';
import { en } from '../../app/i18n/en';
import { ru } from '../../app/i18n/ru';
import {
  FALLBACK_MESSAGES,
  formatDate,
  formatDateTime,
  formatNumber,
  formatterCacheSize,
  interpolate,
  negotiateLocale,
  translate,
  translateWith,
} from '../../app/i18n';

describe('dictionaries', () => {
  it('Russian translates every English key, with the same placeholders', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(ru[key], key).toBeTruthy();
      const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(placeholders(ru[key]), key).toEqual(placeholders(en[key]));
    }
    expect(Object.keys(ru).sort()).toEqual(Object.keys(en).sort());
  });

  it('has Russian text, not English copied over, for user-facing strings', () => {
    // Placeholders ({label}) are not words to translate.
    const words = (text: string) => text.replace(/\{\w+\}/g, '');
    const same = (Object.keys(en) as (keyof typeof en)[]).filter((k) => en[k] === ru[k] && /[a-z]{4,}/i.test(words(en[k])));
    expect(same).toEqual(['app.name', 'nav.api']);
  });

  it('keeps the error pages’ fallback messages equal to the dictionaries', () => {
    for (const [locale, messages] of Object.entries(FALLBACK_MESSAGES)) {
      const dictionary = (locale === 'ru' ? ru : en) as Record<string, string>;
      for (const [key, text] of Object.entries(messages)) expect(text, `${locale} ${key}`).toBe(dictionary[key]);
    }
  });
});

describe('translate', () => {
  it('interpolates and picks Russian plural forms', () => {
    expect(translate('ru', 'dashboard.members', { count: 1 })).toBe('1 участник');
    expect(translate('ru', 'dashboard.members', { count: 3 })).toBe('3 участника');
    expect(translate('ru', 'dashboard.members', { count: 5 })).toBe('5 участников');
    expect(translate('en', 'dashboard.members', { count: 1 })).toBe('1 member');
    expect(translate('en', 'dashboard.members', { count: 1200 })).toBe('1,200 members');
    expect(translate('en', 'errors.rateLimited', { minutes: 5 })).toBe('Too many attempts. Try again in 5 min.');
  });

  it('falls back to the key for unknown keys', () => {
    expect(translate('ru', 'no.such.key')).toBe('no.such.key');
  });
});

describe('negotiateLocale', () => {
  it('prefers the saved preference, then the cookie, then Accept-Language', () => {
    expect(negotiateLocale({ preference: 'ru', cookie: 'en', acceptLanguage: 'en' })).toBe('ru');
    expect(negotiateLocale({ cookie: 'ru', acceptLanguage: 'en' })).toBe('ru');
    expect(negotiateLocale({ acceptLanguage: 'de-DE,de;q=0.9,ru;q=0.8,en;q=0.7' })).toBe('ru');
    expect(negotiateLocale({ acceptLanguage: 'ru;q=0.1, en;q=0.5' })).toBe('en');
    expect(negotiateLocale({ acceptLanguage: 'kk-KZ' })).toBe('en');
    expect(negotiateLocale({ preference: 'xx', cookie: 'zz', acceptLanguage: '' })).toBe('en');
  });
});

const NBSP = '\u00a0';

describe('formatting', () => {
  it('formats dates and numbers per locale', () => {
    const date = new Date('2026-03-05T10:00:00Z');
    expect(formatDate('en', date)).toBe('5 Mar 2026');
    expect(formatDate('ru', date)).toMatch(/^5\u00a0мар\.\u00a02026/);
    expect(formatNumber('ru', 12345.5)).toBe('12\u00a0345,5');
  });

  it('keeps a Russian date together with non-breaking spaces ("14 окт. 2027 г.")', () => {
    const date = new Date('2027-10-14T09:30:00Z');
    expect(formatDate('ru', date)).toBe(`14${NBSP}окт.${NBSP}2027${NBSP}г.`);
    expect(formatDate('ru', date, { dateStyle: 'long' })).toBe(`14${NBSP}октября${NBSP}2027${NBSP}г.`);
    // Date and time may break after the comma, nowhere else; the zone is said.
    expect(formatDateTime('ru', date)).toBe(`14${NBSP}окт.${NBSP}2027${NBSP}г., 09:30${NBSP}UTC`);
    expect(formatDateTime('en', date)).toBe(`14 Oct 2027, 09:30${NBSP}UTC`);
    expect(formatDateTime('en', date, 'Asia/Almaty')).toBe('14 Oct 2027, 14:30');
    expect(formatDate('ru', date)).not.toContain(' ');
  });

  it('does not double the full stop when a sentence ends with an abbreviated date', () => {
    const date = formatDate('ru', new Date('2027-10-14T00:00:00Z'));
    expect(translate('ru', 'actions.pledge.sign.detail', { date })).toBe(`Открыто для подписания с 14${NBSP}окт.${NBSP}2027${NBSP}г.`);
    expect(translate('en', 'actions.pledge.sign.detail', { date: formatDate('en', new Date('2027-10-14T00:00:00Z')) })).toBe(
      'Open for signature since 14 Oct 2027.',
    );
    expect(interpolate('Due {date}.', { date: 'Sept.' })).toBe('Due Sept.');
    expect(interpolate('{a}. {b}.', { a: 'x.', b: 'y' })).toBe('x. y.');
    // A full stop inside a sentence stays; only the doubled one goes.
    expect(interpolate('On {date}, we signed.', { date: '14 окт. 2027 г.' })).toBe('On 14 окт. 2027 г., we signed.');
  });

  it('caches Intl formatters per locale and options instead of building one per call', () => {
    formatDate('en', new Date());
    formatNumber('ru', 1);
    translate('ru', 'dashboard.members', { count: 2 });
    const size = formatterCacheSize();
    for (let i = 0; i < 200; i++) {
      formatDate('en', new Date(i * 86_400_000));
      formatDate('en', new Date(i * 86_400_000), { dateStyle: 'medium' });
      formatNumber('ru', i);
      translate('ru', 'dashboard.members', { count: i });
    }
    expect(formatterCacheSize()).toBe(size);
    // Cheaper than building a formatter for each value (the reason for the cache), by a wide margin.
    const values = Array.from({ length: 2000 }, (_, i) => new Date(i * 3_600_000));
    const started = performance.now();
    for (const value of values) formatDate('ru', value);
    const cached = performance.now() - started;
    const started2 = performance.now();
    for (const value of values) new Intl.DateTimeFormat('ru', { dateStyle: 'medium', timeZone: 'UTC' }).format(value);
    const uncached = performance.now() - started2;
    expect(cached * 3).toBeLessThan(uncached);
  });

  it('translates with one locale’s messages only, as the browser does', () => {
    expect(translateWith({ hello: 'Привет, {name}' }, 'ru', 'hello', { name: 'Айгерим' })).toBe('Привет, Айгерим');
    expect(translateWith({}, 'ru', 'missing.key')).toBe('missing.key');
    expect(translateWith({ n_one: '{count} день', n_few: '{count} дня', n_many: '{count} дней' }, 'ru', 'n', { count: 22 })).toBe('22 дня');
  });
});
