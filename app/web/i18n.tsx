// Translation in components and `meta`: the root loader sends the locale and that locale's messages only (the other
// language never reaches the browser); this module imports no dictionary. Server code uses `translate()` from
// app/i18n.
import { useEffect, useState } from 'react';
import { type MetaDescriptor, useRouteLoaderData } from 'react-router';
import { FALLBACK_MESSAGES, type Locale, type MessageKey, type Params, formatDate, formatDateTime, formatNumber, isLocale, translateWith } from '../i18n/core';

/** What the root loader sends for translation (app/root.tsx). */
export type RootI18n = { locale: Locale; messages: Record<string, string> };

function i18nFrom(data: unknown): RootI18n {
  const value = (data ?? {}) as Partial<RootI18n>;
  const locale = isLocale(value.locale) ? value.locale : 'en';
  // Without the root loader's data (it failed), error pages still have their few messages.
  return { locale, messages: value.messages ?? FALLBACK_MESSAGES[locale] };
}

export type T = ((key: MessageKey | (string & {}), params?: Params) => string) & {
  locale: Locale;
  date: (value: Date | string, options?: Intl.DateTimeFormatOptions) => string;
  /** A moment, in UTC and saying so: for text that cannot change after hydration. In pages prefer <LocalTime>. */
  dateTime: (value: Date | string) => string;
  number: (value: number) => string;
};

export function makeT({ locale, messages }: RootI18n): T {
  const t = (key: string, params?: Params) => translateWith(messages, locale, key, params);
  return Object.assign(t, {
    locale,
    date: (value: Date | string, options?: Intl.DateTimeFormatOptions) => formatDate(locale, value, options),
    dateTime: (value: Date | string) => formatDateTime(locale, value),
    number: (value: number) => formatNumber(locale, value),
  });
}

export function useLocale(): Locale {
  return i18nFrom(useRouteLoaderData('root')).locale;
}

export function useT(): T {
  return makeT(i18nFrom(useRouteLoaderData('root')));
}

type MetaMatch = { id: string; data?: unknown; loaderData?: unknown } | undefined;

/** `t` inside a route's `meta` function: `export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'key')`. */
export function metaT(matches: readonly MetaMatch[]): T {
  const root = matches.find((match) => match?.id === 'root');
  return makeT(i18nFrom(root?.loaderData ?? root?.data));
}

/** The page's <title>: "Page · Integrity Compact", in the reader's language (WCAG 2.4.2: each page its own title). */
export function pageTitle(matches: readonly MetaMatch[], key: MessageKey | (string & {}), params?: Params): MetaDescriptor[] {
  const t = metaT(matches);
  return [{ title: `${t(key, params)} · ${t('app.name')}` }];
}

/** The same with a title that is already text (a pledge's or an organisation's name). */
export function pageTitleText(matches: readonly MetaMatch[], text: string): MetaDescriptor[] {
  return [{ title: `${text} · ${metaT(matches)('app.name')}` }];
}

/**
 * A moment shown in the viewer's time zone. The server renders it in UTC (saying so); after hydration the browser
 * re-formats it in its own zone, so the first client render matches the server's HTML and nothing mismatches.
 */
export function LocalTime({ value, className }: { value: Date | string; className?: string }) {
  const t = useT();
  const iso = new Date(value).toISOString();
  const [zone, setZone] = useState<string | null>(null);
  useEffect(() => setZone(Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC'), []);
  const text = zone ? formatDateTime(t.locale, iso, zone) : t.dateTime(iso);
  return (
    <time dateTime={iso} className={className} title={zone && zone !== 'UTC' ? t.dateTime(iso) : undefined}>
      {text}
    </time>
  );
}
