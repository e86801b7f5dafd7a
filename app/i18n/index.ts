// Two languages from day one. Keys are checked at compile time: ru must translate every key of en.
import { en } from './en';
import { ru } from './ru';

export const LOCALES = ['en', 'ru'] as const;
export type Locale = (typeof LOCALES)[number];
export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;
export type Params = Record<string, string | number>;

export const dictionaries: Record<Locale, Messages> = { en, ru };
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', ru: 'Русский' };

export const isLocale = (value: unknown): value is Locale => value === 'en' || value === 'ru';

function interpolate(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}

/** Translate a key; unknown keys fall back to English, then to the key itself. Counts pick a plural form. */
export function translate(locale: Locale, key: string, params?: Params, messages: Messages = dictionaries[locale]): string {
  const table = messages as Record<string, string>;
  let chosen = key;
  if (params && typeof params.count === 'number') {
    const form = new Intl.PluralRules(locale).select(params.count);
    if (`${key}_${form}` in table) chosen = `${key}_${form}`;
    else if (`${key}_other` in table) chosen = `${key}_other`;
  }
  const template = table[chosen] ?? (en as Record<string, string>)[chosen] ?? chosen;
  const formatted = params
    ? Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'number' ? formatNumber(locale, v) : v]))
    : undefined;
  return interpolate(template, formatted);
}

/** Pick the locale: the user's saved preference, then the switcher's cookie, then Accept-Language, then English. */
export function negotiateLocale({
  preference,
  cookie,
  acceptLanguage,
}: {
  preference?: string | null;
  cookie?: string | null;
  acceptLanguage?: string | null;
}): Locale {
  if (isLocale(preference)) return preference;
  if (isLocale(cookie)) return cookie;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag, ...rest] = part.trim().split(';');
      const q = rest.map((r) => r.trim()).find((r) => r.startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((entry) => entry.tag && entry.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const base = tag.split('-')[0];
    if (isLocale(base)) return base;
  }
  return 'en';
}

/** The interface is written in British English: format English dates and numbers the British way. */
export const intlLocale = (locale: Locale) => (locale === 'en' ? 'en-GB' : locale);

export function formatDate(locale: Locale, value: Date | string, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' }) {
  return new Intl.DateTimeFormat(intlLocale(locale), { timeZone: 'UTC', ...options }).format(new Date(value));
}

export function formatDateTime(locale: Locale, value: Date | string) {
  return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(value)) + ' UTC';
}

export function formatNumber(locale: Locale, value: number) {
  return new Intl.NumberFormat(intlLocale(locale)).format(value);
}
