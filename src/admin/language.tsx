import { App as AntApp, ConfigProvider, type ThemeConfig } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
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

// A darker blue than antd's default so links and primary buttons pass WCAG AA contrast.
const brand = '#0b4f8a';
const theme: ThemeConfig = {
  token: {
    colorPrimary: brand,
    colorLink: brand,
    colorInfo: brand,
    // antd's default red is too light for text on white (3.3:1); this one reaches 5.9:1.
    colorError: '#c0262d',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    // Placeholders stand in for labels in the filter bars, so they must be readable too.
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)',
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Helvetica Neue', Arial, sans-serif",
  },
};

interface LanguageContextValue {
  locale: AdminLocale;
  /** Switches the language at once and remembers it on this browser. */
  setLocale: (locale: AdminLocale) => void;
}

const LanguageContext = createContext<LanguageContextValue | null>(null);

/** Holds the admin language and gives antd the matching locale and the Concord theme. */
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
  return (
    <LanguageContext.Provider value={value}>
      <ConfigProvider locale={locale === 'en' ? enUS : zhCN} theme={theme}>
        <AntApp>{children}</AntApp>
      </ConfigProvider>
    </LanguageContext.Provider>
  );
}

/** The admin language and the function that switches it. */
export function useLanguage(): LanguageContextValue {
  const value = useContext(LanguageContext);
  if (!value) throw new Error('useLanguage needs a LanguageProvider');
  return value;
}
