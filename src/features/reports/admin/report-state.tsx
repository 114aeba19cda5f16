import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../admin/api-client.ts';

/** A report that could not load: what went wrong, and a way to try again. */
export function ReportError({ error, retry }: { error: unknown; retry: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="error"
      showIcon
      message={t('admin.reports.loadFailed')}
      description={errorMessage(error)}
      action={<Button onClick={retry}>{t('admin.common.retry')}</Button>}
    />
  );
}

/** A change in percent as the reports write it: signed, "new" from nothing, or a dash. */
export function useChangeLabel() {
  const { t, i18n } = useTranslation();
  return (change: number | null | undefined, value: number) => {
    if (change === null || change === undefined) return value > 0 ? t('admin.reports.newValue') : '—';
    const sign = change > 0 ? '+' : '';
    return `${sign}${formatFigure(change, i18n.language)}%`;
  };
}

/** Formats a figure in the reader's language (thousands separators, up to two decimals). */
export function formatFigure(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
}
