import { Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { withQuery } from './api-client.ts';
import { useLanguage } from './language.tsx';

type QueryValue = string | number | undefined | null;

/**
 * Downloads a list as the user sees it (filters and sort, every page) in their language; the
 * browser saves the file, so nothing waits in the page.
 */
export function ExportButton({ list, query }: { list: string; query: Record<string, QueryValue> }) {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const { page: _page, pageSize: _pageSize, ...filters } = query;
  const href = (format: 'xlsx' | 'csv') =>
    `/api${withQuery(`/reports/exports/${list}`, { ...filters, format, lang: locale })}`;
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'xlsx', label: <a href={href('xlsx')}>{t('admin.exports.xlsx')}</a> },
          { key: 'csv', label: <a href={href('csv')}>{t('admin.exports.csv')}</a> },
        ],
      }}
    >
      <Button data-testid={`export-${list}`}>{t('admin.exports.download')}</Button>
    </Dropdown>
  );
}
