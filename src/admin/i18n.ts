import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { type Catalog, en } from '../i18n/en.ts';
import { zhCN } from '../i18n/zh-CN.ts';

/** The languages of the admin app, as the API names them. */
export const adminLocales = ['zh-CN', 'en'] as const;
export type AdminLocale = (typeof adminLocales)[number];

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}

const resources: Record<AdminLocale, { translation: Catalog }> = {
  'zh-CN': { translation: zhCN },
  en: { translation: en },
};

/** Starts i18next with the shared catalogue in the given language. */
export function initI18n(locale: AdminLocale): typeof i18next {
  void i18next.use(initReactI18next).init({
    resources,
    lng: locale,
    fallbackLng: 'zh-CN',
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
