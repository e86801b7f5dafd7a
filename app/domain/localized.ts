// Content in the reader's language. Entities keep their original text in their own fields and translations in a
// `translations` JSON column: { "ru": { "title": …, "body": … } }. Pure, shared by server and browser.

/** The field's text in the locale when a non-empty translation exists, else the fallback (the original field). */
export function localized(entity: { translations: unknown }, field: string, locale: string, fallback: string): string;
export function localized(entity: { translations: unknown }, field: string, locale: string, fallback: string | null): string | null;
export function localized(entity: { translations: unknown }, field: string, locale: string, fallback: string | null): string | null {
  const translations = entity.translations;
  if (!translations || typeof translations !== 'object' || Array.isArray(translations)) return fallback;
  if (!Object.hasOwn(translations, locale)) return fallback;
  const inLocale = (translations as Record<string, unknown>)[locale];
  if (!inLocale || typeof inLocale !== 'object' || Array.isArray(inLocale) || !Object.hasOwn(inLocale, field)) return fallback;
  const text = (inLocale as Record<string, unknown>)[field];
  return typeof text === 'string' && text.trim() !== '' ? text : fallback;
}
