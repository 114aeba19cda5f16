import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../../admin/api.ts';
import { useLanguage } from '../../../admin/language.tsx';
import { ScrollRegion } from '../../../admin/scroll-region.tsx';
import type { QualityReport } from '../reports.schema.ts';
import { ReportFilters, ReportsNav, useReportFilters } from './report-filters.tsx';
import { formatFigure, ReportError, useChangeLabel } from './report-state.tsx';

type Item = QualityReport['tables'][number]['items'][number];

/** The annual quality report's cooperation tables: resources, service contribution and policy implementation. */
export default function QualityReportPage() {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const en = locale === 'en';
  const { year, orgUnitId, majorId, organizationId } = useReportFilters();
  const changeLabel = useChangeLabel();
  const report = useQuery({
    queryKey: ['reports', 'quality-report', year, orgUnitId, majorId, organizationId],
    queryFn: () =>
      api('GET /api/reports/quality-report', { query: { year, orgUnitId, majorId, organizationId } }),
    placeholderData: keepPreviousData,
  });

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <ReportsNav />
      <div>
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          {t('admin.quality.title', { year })}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('admin.quality.intro')}</Typography.Paragraph>
      </div>
      <ReportFilters exportPath="/reports/quality-report/export" byRecord />
      {report.isError ? (
        <ReportError error={report.error} retry={() => void report.refetch()} />
      ) : (
        (report.data?.tables ?? [{ key: 'resources' as const, items: [] }]).map((table) => (
          <Card
            key={table.key}
            title={<h2 style={{ fontSize: 16, margin: 0 }}>{t(`admin.quality.tables.${table.key}`)}</h2>}
          >
            <ScrollRegion label={t(`admin.quality.tables.${table.key}`)}>
              <Table<Item>
                data-testid={`quality-${table.key}`}
                style={{ minWidth: 620 }}
                rowKey="code"
                size="small"
                loading={report.isFetching}
                pagination={false}
                dataSource={table.items}
                columns={[
                  {
                    key: 'name',
                    title: t('admin.reports.indicator'),
                    render: (_, i) => (
                      <span title={en ? i.definitionEn : i.definitionZh}>{en ? i.nameEn : i.nameZh}</span>
                    ),
                  },
                  {
                    key: 'unit',
                    title: t('admin.reports.unit'),
                    render: (_, i) => (en ? i.unitEn : i.unitZh),
                  },
                  {
                    key: 'value',
                    title: String(year),
                    align: 'right',
                    render: (_, i) => <strong>{formatFigure(i.value, locale)}</strong>,
                  },
                  {
                    key: 'previous',
                    title: String(year - 1),
                    align: 'right',
                    render: (_, i) => formatFigure(i.previous, locale),
                  },
                  {
                    key: 'change',
                    title: t('admin.reports.change'),
                    align: 'right',
                    render: (_, i) => changeLabel(i.changePercent, i.value),
                  },
                ]}
              />
            </ScrollRegion>
          </Card>
        ))
      )}
    </Space>
  );
}
