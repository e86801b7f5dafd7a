// The <title> of the pledge pages: what the page is, then the site's name, in the reader's language (taken from the
// root loader's data, so a meta function needs no loader data of its own and works on error pages too).
import type { MetaDescriptor } from 'react-router';
import type { Locale, Params } from '../i18n/core';
import { metaT } from '../web/i18n';

type MatchLike = { id: string; loaderData?: unknown } | undefined;
type Translate = (key: string, params?: Params) => string;

export function metaLocale(matches: readonly MatchLike[]): Locale {
  const root = matches.find((m) => m?.id === 'root')?.loaderData as { locale?: string } | undefined;
  return root?.locale === 'ru' ? 'ru' : 'en';
}

/** `[{ title }]` for a page: `title(t)` builds the page's own part. */
export function pledgeMeta(matches: readonly MatchLike[], title: (t: Translate) => string): MetaDescriptor[] {
  // The root loader's messages: importing translate() would ship both dictionaries to the browser.
  const t: Translate = metaT(matches);
  return [{ title: `${title(t)} · ${t('app.name')}` }];
}
