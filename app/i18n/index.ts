// Two languages from day one. Keys are checked at compile time: ru must translate every key of en.
// Server side: both dictionaries and `translate()`. The browser imports ./core (no dictionary) through
// app/web/i18n.tsx and gets its locale's messages from the root loader.
import { en } from './en';
import { ru } from './ru';
import { type Locale, type Messages, type Params, translateWith } from './core';

export * from './core';

export const dictionaries: Record<Locale, Messages> = { en, ru };

/** Translate a key; unknown keys fall back to English, then to the key itself. Counts pick a plural form. */
export function translate(locale: Locale, key: string, params?: Params, messages: Messages = dictionaries[locale]): string {
  return translateWith(messages, locale, key, params, en);
}
