import { describe, expect, it } from 'vitest';
import { en } from '../../app/i18n/en';
import { ru } from '../../app/i18n/ru';
import { formatDate, formatNumber, negotiateLocale, translate } from '../../app/i18n';

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
    const same = (Object.keys(en) as (keyof typeof en)[]).filter((k) => en[k] === ru[k] && /[a-z]{4,}/i.test(en[k]));
    expect(same).toEqual(['app.name', 'nav.api']);
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

describe('formatting', () => {
  it('formats dates and numbers per locale', () => {
    const date = new Date('2026-03-05T10:00:00Z');
    expect(formatDate('en', date)).toBe('5 Mar 2026');
    expect(formatDate('ru', date)).toMatch(/^5 мар\. 2026/);
    expect(formatNumber('ru', 12345.5)).toBe('12\u00a0345,5');
  });
});
