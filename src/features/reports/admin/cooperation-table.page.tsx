import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Empty, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../../admin/api.ts';
import { errorMessage } from '../../../admin/api-client.ts';
import { useLanguage } from '../../../admin/language.tsx';
import { ScrollRegion } from '../../../admin/scroll-region.tsx';
import type { CooperationProblem, CooperationRow } from '../reports.schema.ts';
import { indicators } from '../reports.schema.ts';
import { ReportFilters, ReportsNav, useReportFilters } from './report-filters.tsx';
import { formatFigure, useChangeLabel } from './report-state.tsx';

/** The national data platform's cooperation table for a year, and the rows to fix before filing. */
export default function CooperationTablePage() {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const en = locale === 'en';
  const { year, orgUnitId, majorId, organizationId } = useReportFilters();
  const changeLabel = useChangeLabel();
  const table = useQuery({
    queryKey: ['reports', 'cooperation-table', year, orgUnitId, majorId, organizationId],
    queryFn: () =>
      api('GET /api/reports/cooperation-table', { query: { year, orgUnitId, majorId, organizationId } }),
    placeholderData: keepPreviousData,
  });
  const codes = table.data?.codes ?? [];
  const header = (code: string) => {
    const d = indicators.find((i) => i.code === code);
    if (!d) return code;
    return en ? `${d.nameEn} (${d.unitEn})` : `${d.nameZh}（${d.unitZh}）`;
  };
  const valueColumns = codes.map((code) => ({
    key: code,
    title: header(code),
    align: 'right' as const,
    width: 110,
    render: (_: unknown, row: { values: Record<string, number> }) =>
      row.values[code] === undefined ? '' : formatFigure(row.values[code]!, locale),
  }));

  if (table.isError) {
    return (
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        <ReportsNav />
        <Alert
          type="error"
          showIcon
          message={t('admin.reports.loadFailed')}
          description={errorMessage(table.error)}
          action={<Button onClick={() => void table.refetch()}>{t('admin.common.retry')}</Button>}
        />
      </Space>
    );
  }

  const problems = table.data?.problems ?? [];
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <ReportsNav />
      <div>
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          {t('admin.reports.cooperationTitle', { year })}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('admin.reports.cooperationIntro')}</Typography.Paragraph>
      </div>
      <ReportFilters exportPath="/reports/cooperation-table/export" byRecord />
      <ScrollRegion label={t('admin.nav.cooperationTable')}>
        <Table<CooperationRow>
          data-testid="cooperation-table"
          style={{ minWidth: 1700 }}
          rowKey={(row) => `${row.majorId}|${row.organizationId}`}
          size="middle"
          loading={table.isFetching}
          dataSource={table.data?.rows ?? []}
          pagination={{
            pageSize: 50,
            hideOnSinglePage: true,
            showTotal: (count) => t('admin.reports.rows', { count }),
          }}
          locale={{ emptyText: <Empty description={t('admin.reports.noRows')} /> }}
          columns={[
            { key: 'majorCode', title: t('admin.reports.majorCode'), dataIndex: 'majorCode' },
            { key: 'majorName', title: t('admin.reports.majorName'), dataIndex: 'majorName', width: 150 },
            { key: 'uscc', title: t('admin.reports.uscc'), dataIndex: 'uscc' },
            {
              key: 'partnerName',
              title: t('admin.reports.partnerName'),
              render: (_, row) => <Link to={`/partners/${row.organizationId}`}>{row.partnerName}</Link>,
            },
            { key: 'since', title: t('admin.reports.since'), dataIndex: 'since' },
            ...valueColumns,
          ]}
          summary={() => {
            const data = table.data;
            if (!data) return null;
            const line = (label: string, cell: (code: string) => string, testId: string) => (
              <Table.Summary.Row data-testid={testId}>
                <Table.Summary.Cell index={0} colSpan={5}>
                  <strong>{label}</strong>
                </Table.Summary.Cell>
                {data.codes.map((code, i) => (
                  <Table.Summary.Cell key={code} index={i + 5} align="right">
                    {cell(code)}
                  </Table.Summary.Cell>
                ))}
              </Table.Summary.Row>
            );
            return (
              <Table.Summary>
                {line(
                  t('admin.reports.totalsRow', { year }),
                  (c) => formatFigure(data.totals[c] ?? 0, locale),
                  'cooperation-totals',
                )}
                {line(
                  t('admin.reports.previousTotalsRow', { year: year - 1 }),
                  (c) => formatFigure(data.previousTotals[c] ?? 0, locale),
                  'cooperation-previous',
                )}
                {line(
                  t('admin.reports.changeRow'),
                  (c) => changeLabel(data.change[c], data.totals[c] ?? 0),
                  'cooperation-change',
                )}
              </Table.Summary>
            );
          }}
        />
      </ScrollRegion>
      <div>
        <Typography.Title level={2} style={{ fontSize: 18 }}>
          {t('admin.reports.problemsTitle', { count: problems.length })}
        </Typography.Title>
        {problems.length === 0 ? (
          <Typography.Paragraph>{t('admin.reports.noProblems')}</Typography.Paragraph>
        ) : (
          <>
            <Typography.Paragraph type="secondary">{t('admin.reports.problemsIntro')}</Typography.Paragraph>
            <ScrollRegion label={t('admin.reports.problemsTitle', { count: problems.length })}>
              <Table<CooperationProblem>
                data-testid="cooperation-problems"
                style={{ minWidth: 1700 }}
                rowKey={(p) => `${p.kind}|${p.majorId}|${p.organizationId}`}
                size="small"
                pagination={false}
                dataSource={problems}
                columns={[
                  {
                    key: 'kind',
                    title: t('admin.reports.problem'),
                    render: (_, p) => <Tag color="red">{t(`admin.reports.problemKinds.${p.kind}`)}</Tag>,
                  },
                  {
                    key: 'fix',
                    title: t('admin.reports.fix'),
                    width: 130,
                    render: (_, p) => (
                      <Space wrap>
                        {p.kind === 'missing_uscc' && p.organizationId ? (
                          <Link to={`/partners/${p.organizationId}`}>{t('admin.reports.openPartner')}</Link>
                        ) : (
                          p.programIds.map((id, i) => (
                            <Link key={id} to={`/programs/${id}`}>
                              {t('admin.reports.openProgram', { n: i + 1 })}
                            </Link>
                          ))
                        )}
                      </Space>
                    ),
                  },
                  {
                    key: 'majorName',
                    title: t('admin.reports.majorName'),
                    width: 150,
                    render: (_, p) => p.majorName ?? '—',
                  },
                  {
                    key: 'partnerName',
                    title: t('admin.reports.partnerName'),
                    width: 220,
                    render: (_, p) => p.partnerName ?? '—',
                  },
                  ...valueColumns,
                ]}
              />
            </ScrollRegion>
          </>
        )}
      </div>
    </Space>
  );
}
