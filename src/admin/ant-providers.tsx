import { App as AntApp, ConfigProvider, type ThemeConfig } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import type { ReactNode } from 'react';
import { useLanguage } from './language.tsx';

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

/** The component library's locale (following the admin language), the Concord theme and its App context. */
export default function AntProviders({ children }: { children: ReactNode }) {
  const { locale } = useLanguage();
  return (
    <ConfigProvider locale={locale === 'en' ? enUS : zhCN} theme={theme}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}
