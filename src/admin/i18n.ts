import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Catalog, en } from '../i18n/en.ts';

/** The languages of the admin app, as the API names them. */
export const adminLocales = ['zh-CN', 'en'] as const;
export type AdminLocale = (typeof adminLocales)[number];

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}

/**
 * The shared catalogue of one language, fetched on demand: a page downloads only the language it
 * shows (each is about 80 KB of text), and the other when the user switches.
 */
export async function loadCatalog(locale: AdminLocale): Promise<Catalog> {
  return locale === 'en' ? (await import('../i18n/en.ts')).en : (await import('../i18n/zh-CN.ts')).zhCN;
}

/** Makes sure a language's catalogue is loaded before the app switches to it. */
export async function ensureCatalog(locale: AdminLocale): Promise<void> {
  if (i18next.hasResourceBundle(locale, 'translation')) return;
  i18next.addResourceBundle(locale, 'translation', await loadCatalog(locale));
}

/** Starts i18next with the shared catalogue of the given language. */
export function initI18n(locale: AdminLocale, catalog: Catalog): typeof i18next {
  void i18next.use(initReactI18next).init({
    resources: { [locale]: { translation: catalog } },
    lng: locale,
    // Both catalogues have every key (a test checks it): nothing to fall back to.
    fallbackLng: false,
    supportedLngs: [...adminLocales],
    // React escapes text itself.
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  return i18next;
}

/** The language the admin app is showing now. */
export function currentLocale(): AdminLocale {
  return i18next.language === 'en' ? 'en' : 'zh-CN';
}

/** Tells whether a value is one of the admin languages. */
export function isAdminLocale(value: unknown): value is AdminLocale {
  return value === 'zh-CN' || value === 'en';
}
