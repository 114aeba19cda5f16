import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../../admin/api.ts';
import { errorMessage } from '../../../admin/api-client.ts';
import { useLanguage } from '../../../admin/language.tsx';
import { ScrollRegion } from '../../../admin/scroll-region.tsx';
import type { IndicatorReport } from '../reports.schema.ts';
import { ReportFilters, ReportsNav, useReportFilters } from './report-filters.tsx';
import { formatFigure, useChangeLabel } from './report-state.tsx';

type Item = IndicatorReport['items'][number];

/** The yearly figures: every indicator of the year with last year's value and the change. */
export default function IndicatorsPage() {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const en = locale === 'en';
  const { year, orgUnitId, majorId, organizationId } = useReportFilters();
  const report = useQuery({
    queryKey: ['reports', 'indicators', year, orgUnitId, majorId, organizationId],
    queryFn: () =>
      api('GET /api/reports/indicators', { query: { year, orgUnitId, majorId, organizationId } }),
    placeholderData: keepPreviousData,
  });

  const changeLabel = useChangeLabel();

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <ReportsNav />
      <div>
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          {t('admin.reports.indicatorsTitle', { year })}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('admin.reports.indicatorsIntro')}</Typography.Paragraph>
      </div>
      <ReportFilters exportPath="/reports/indicators/export" byRecord />
      {(majorId || organizationId) && (
        <Alert type="info" showIcon message={t('admin.reports.recordFiltersNote')} />
      )}
      {report.isError ? (
        <Alert
          type="error"
          showIcon
          message={t('admin.reports.loadFailed')}
          description={errorMessage(report.error)}
          action={<Button onClick={() => void report.refetch()}>{t('admin.common.retry')}</Button>}
        />
      ) : (
        <ScrollRegion label={t('admin.nav.reports')}>
          <Table<Item>
            data-testid="indicator-table"
            style={{ minWidth: 640 }}
            rowKey="code"
            size="middle"
            loading={report.isFetching}
            pagination={false}
            dataSource={report.data?.items ?? []}
            columns={[
              {
                key: 'name',
                title: t('admin.reports.indicator'),
                render: (_, item) => (
                  <span title={en ? item.definitionEn : item.definitionZh}>
                    {en ? item.nameEn : item.nameZh}
                  </span>
                ),
              },
              {
                key: 'unit',
                title: t('admin.reports.unit'),
                render: (_, item) => (en ? item.unitEn : item.unitZh),
              },
              {
                key: 'value',
                title: String(year),
                align: 'right',
                render: (_, item) => <strong>{formatFigure(item.value, locale)}</strong>,
              },
              {
                key: 'previous',
                title: String(year - 1),
                align: 'right',
                render: (_, item) => formatFigure(item.previous, locale),
              },
              {
                key: 'change',
                title: t('admin.reports.change'),
                align: 'right',
                render: (_, item) => changeLabel(item.changePercent, item.value),
              },
              {
                key: 'source',
                title: t('admin.reports.source'),
                render: (_, item) => t(`admin.reports.sources.${item.source}`),
              },
            ]}
          />
        </ScrollRegion>
      )}
    </Space>
  );
}
