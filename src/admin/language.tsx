import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import i18next from 'i18next';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { type AdminLocale, ensureCatalog, isAdminLocale } from './i18n.ts';

const storageKey = 'concord.admin.locale';

/** The language remembered on this browser, if the admin ever chose one. */
export function storedLocale(): AdminLocale | undefined {
  try {
    const value = window.localStorage.getItem(storageKey);
    return isAdminLocale(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The language to start in: the remembered one, else the browser's, else Chinese. */
export function startingLocale(): AdminLocale {
  const stored = storedLocale();
  if (stored) return stored;
  const preferred = navigator.languages?.[0] ?? navigator.language ?? '';
  return preferred.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
}

/** Applies a language to everything outside React: i18next, dayjs, the page's lang attribute. */
export function applyLocale(locale: AdminLocale): void {
  void i18next.changeLanguage(locale);
  dayjs.locale(locale === 'en' ? 'en' : 'zh-cn');
  document.documentElement.lang = locale;
}

interface LanguageContextValue {
  locale: AdminLocale;
  /** Switches the language at once and remembers it on this browser. */
  setLocale: (locale: AdminLocale) => void;
}

const LanguageContext = createContext<LanguageContextValue | null>(null);

/**
 * Holds the admin language. The component library's locale and theme are given by AntProviders,
 * loaded with the app after login: the login screen does without the library.
 */
export function LanguageProvider({ initial, children }: { initial: AdminLocale; children: ReactNode }) {
  const [locale, setLocaleState] = useState<AdminLocale>(initial);
  const setLocale = useCallback((next: AdminLocale) => {
    try {
      window.localStorage.setItem(storageKey, next);
    } catch {
      // Private browsing may refuse storage; the switch still applies to this page.
    }
    // The other language's catalogue is fetched on the first switch to it.
    void ensureCatalog(next).then(() => {
      applyLocale(next);
      setLocaleState(next);
    });
  }, []);
  const value = useMemo(() => ({ locale, setLocale }), [locale, setLocale]);
  return <LanguageContext.Provider value={value}>{children}</LanguageContext.Provider>;
}

/** The admin language and the function that switches it. */
export function useLanguage(): LanguageContextValue {
  const value = useContext(LanguageContext);
  if (!value) throw new Error('useLanguage needs a LanguageProvider');
  return value;
}
