// The part of i18n the browser needs: locales, interpolation, plural forms and formatting. No dictionary here: the
// server (index.ts) holds both; a page receives only its locale's messages through the root loader
// (app/web/i18n.tsx), so no page ships the other language.
import type { en } from './en';

export const LOCALES = ['en', 'ru'] as const;
export type Locale = (typeof LOCALES)[number];
export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;
export type Params = Record<string, string | number>;

export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', ru: 'Русский' };

export const isLocale = (value: unknown): value is Locale => value === 'en' || value === 'ru';

/** The interface is written in British English: format English dates and numbers the British way. */
export const intlLocale = (locale: Locale) => (locale === 'en' ? 'en-GB' : locale);

// Intl constructors are expensive (building one costs about as much as formatting 65 values with it), and a page of
// the register formats hundreds of dates: keep one formatter per locale and options.
const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.PluralRules>();
function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.PluralRules>(
  kind: string,
  locale: string,
  options: object | undefined,
  make: () => T,
): T {
  const key = `${kind}|${locale}|${options ? JSON.stringify(options) : ''}`;
  let formatter = cache.get(key) as T | undefined;
  if (!formatter) {
    formatter = make();
    cache.set(key, formatter);
  }
  return formatter;
}
export const dateTimeFormat = (locale: Locale, options?: Intl.DateTimeFormatOptions) =>
  cached('dt', locale, options, () => new Intl.DateTimeFormat(intlLocale(locale), options));
export const numberFormat = (locale: Locale, options?: Intl.NumberFormatOptions) =>
  cached('n', locale, options, () => new Intl.NumberFormat(intlLocale(locale), options));
export const pluralRules = (locale: Locale) => cached('p', locale, undefined, () => new Intl.PluralRules(locale));
/** How many formatters have been built (for the unit test of the cache). */
export const formatterCacheSize = () => cache.size;

const NBSP = '\u00a0';
/**
 * Russian typography: a date's parts never break across lines ("14 окт. 2027 г." keeps its number, month, year and
 * "г." together); a line may still break after the comma between a date and a time.
 */
export function typesetDate(locale: Locale, text: string): string {
  return locale === 'ru' ? text.replace(/(?<!,) /g, NBSP) : text;
}

export function formatDate(locale: Locale, value: Date | string, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' }) {
  return typesetDate(locale, dateTimeFormat(locale, { timeZone: 'UTC', ...options }).format(new Date(value)));
}

/** A moment in UTC, said so ("14 Oct 2027, 09:30 UTC"); the browser re-formats it in the viewer's zone (LocalTime). */
export function formatDateTime(locale: Locale, value: Date | string, timeZone = 'UTC') {
  const text = typesetDate(locale, dateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(value)));
  return timeZone === 'UTC' ? `${text}${NBSP}UTC` : text;
}

export function formatNumber(locale: Locale, value: number) {
  return numberFormat(locale).format(value);
}

/**
 * Fill `{name}` placeholders. When a value ends with a full stop where the sentence ends too (an abbreviated date,
 * "14 окт. 2027 г." before "."), the sentence's own full stop is dropped rather than doubled.
 */
export function interpolate(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}(\.?)/g, (match, name: string, stop: string) => {
    if (!(name in params)) return match;
    const value = String(params[name]);
    return stop && value.endsWith('.') ? value : value + stop;
  });
}

/**
 * Translate a key with one locale's messages. Counts pick a plural form (`key_one`, `key_few`, … then `key_other`);
 * numbers are formatted for the locale. An unknown key falls back to `fallback` (English, on the server), then to the
 * key itself.
 */
export function translateWith(
  messages: Partial<Record<string, string>>,
  locale: Locale,
  key: string,
  params?: Params,
  fallback?: Partial<Record<string, string>>,
): string {
  let chosen = key;
  if (params && typeof params.count === 'number') {
    const form = pluralRules(locale).select(params.count);
    if (`${key}_${form}` in messages) chosen = `${key}_${form}`;
    else if (`${key}_other` in messages) chosen = `${key}_other`;
  }
  const template = messages[chosen] ?? fallback?.[chosen] ?? chosen;
  const formatted = params ? Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'number' ? formatNumber(locale, v) : v])) : undefined;
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

/**
 * The few messages an error page needs when even the root loader failed (no dictionary arrived). Kept equal to the
 * dictionaries by tests/unit/i18n.test.ts.
 */
export const FALLBACK_MESSAGES = {
  en: {
    'app.name': 'Integrity Compact',
    'nav.skip': 'Skip to main content',
    'errors.page.title': 'Something went wrong',
    'errors.unexpected': 'Something went wrong on our side. Please try again.',
    'errors.page.back': 'Back to the start page',
    'errors.page.status': 'Error {status}',
    'errors.page.404': 'Page not found',
    'errors.page.403': 'You do not have access to this page',
    'errors.notFound': 'We could not find what you were looking for.',
    'errors.forbidden': 'You do not have permission to do this.',
  },
  ru: {
    'app.name': 'Integrity Compact',
    'nav.skip': 'Перейти к основному содержанию',
    'errors.page.title': 'Что-то пошло не так',
    'errors.unexpected': 'На нашей стороне что-то пошло не так. Попробуйте ещё раз.',
    'errors.page.back': 'На главную',
    'errors.page.status': 'Ошибка {status}',
    'errors.page.404': 'Страница не найдена',
    'errors.page.403': 'У вас нет доступа к этой странице',
    'errors.notFound': 'Не удалось найти то, что вы искали.',
    'errors.forbidden': 'У вас нет прав на это действие.',
  },
} as const satisfies Record<Locale, Partial<Record<MessageKey, string>>>;
