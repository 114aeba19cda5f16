import { type Catalog, en } from './en.ts';
import { zhCN } from './zh-CN.ts';

export const locales = ['zh-CN', 'en'] as const;
export type Locale = (typeof locales)[number];
/** Public URL segment of each locale (`/zh/...`, `/en/...`). */
export const localeSegments = { 'zh-CN': 'zh', en: 'en' } as const satisfies Record<Locale, string>;
export type LocaleSegment = (typeof localeSegments)[Locale];

export const catalogs: Record<Locale, Catalog> = { 'zh-CN': zhCN, en };

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];
/** Every translatable key, e.g. `errors.not_found`. */
export type MessageKey = Leaves<Catalog>;

/** Maps a URL segment (`zh`, `en`) to its locale, or undefined. */
export function localeFromSegment(segment: string | undefined): Locale | undefined {
  if (segment === 'zh') return 'zh-CN';
  if (segment === 'en') return 'en';
  return undefined;
}

/** Picks the best supported locale from an Accept-Language header; Chinese is the default. */
export function negotiateLocale(header: string | undefined | null): Locale {
  if (!header) return 'zh-CN';
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return 'zh-CN';
}

/** Tells whether a string is a supported locale. */
export function isLocale(value: unknown): value is Locale {
  return value === 'zh-CN' || value === 'en';
}

const pluralRules: Record<Locale, Intl.PluralRules> = {
  'zh-CN': new Intl.PluralRules('zh-CN'),
  en: new Intl.PluralRules('en'),
};

/** Looks a key up in the locale's catalogue and fills `{{name}}` placeholders. */
export function translate(
  locale: Locale,
  key: MessageKey,
  params: Record<string, string | number> = {},
): string {
  const lookup = (path: string) => {
    let node: unknown = catalogs[locale];
    for (const part of path.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
    return typeof node === 'string' ? node : undefined;
  };
  // A numeric `count` picks the plural form `<key>_one` (and so on) where the catalogue has one.
  const plural =
    typeof params.count === 'number'
      ? lookup(`${key}_${pluralRules[locale].select(params.count)}`)
      : undefined;
  const template = plural ?? lookup(key) ?? key;
  // A count is a quantity: written with the locale's digit grouping (1,234).
  const values =
    typeof params.count === 'number' ? { ...params, count: params.count.toLocaleString(locale) } : params;
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? `{{${name}}}`));
}
