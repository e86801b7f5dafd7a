// Translation in components: the locale comes from the root loader; both dictionaries ship with the app.
import { useRouteLoaderData } from 'react-router';
import { type Locale, type MessageKey, type Params, formatDate, formatDateTime, formatNumber, translate } from '../i18n';

export function useLocale(): Locale {
  const data = useRouteLoaderData('root') as { locale?: Locale } | undefined;
  return data?.locale ?? 'en';
}

export function useT() {
  const locale = useLocale();
  const t = (key: MessageKey | (string & {}), params?: Params) => translate(locale, key, params);
  return Object.assign(t, {
    locale,
    date: (value: Date | string, options?: Intl.DateTimeFormatOptions) => formatDate(locale, value, options),
    dateTime: (value: Date | string) => formatDateTime(locale, value),
    number: (value: number) => formatNumber(locale, value),
  });
}
