import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Progress, Row, Space, Statistic, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../../admin/api.ts';
import { useLanguage } from '../../../admin/language.tsx';
import { ScrollRegion } from '../../../admin/scroll-region.tsx';
import type { TeacherPracticeRow } from '../reports.schema.ts';
import { ReportFilters, ReportsNav, useReportFilters } from './report-filters.tsx';
import { formatFigure, ReportError } from './report-state.tsx';

/** Teachers' enterprise practice: who meets the six-months-in-five-years rule, who is short and by how much. */
export default function TeacherPracticePage() {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const en = locale === 'en';
  const { year, orgUnitId, majorId, organizationId } = useReportFilters();
  const [shortOnly, setShortOnly] = useState(false);
  const ledger = useQuery({
    queryKey: ['reports', 'teacher-practice', year, orgUnitId, majorId, organizationId],
    queryFn: () =>
      api('GET /api/reports/teacher-practice', { query: { year, orgUnitId, majorId, organizationId } }),
    placeholderData: keepPreviousData,
  });
  const data = ledger.data;
  const rows = (data?.rows ?? []).filter((r) => !shortOnly || !r.met);
  const required = data?.requiredDays ?? 180;
  const fromYear = data?.fromYear ?? year - 4;

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <ReportsNav />
      <div>
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          {t('admin.practice.title', { year })}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('admin.practice.intro')}</Typography.Paragraph>
      </div>
      <ReportFilters exportPath="/reports/teacher-practice/export" byRecord />
      {ledger.isError ? (
        <ReportError error={ledger.error} retry={() => void ledger.refetch()} />
      ) : (
        <>
          <Row gutter={[12, 12]}>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('admin.practice.teachers')} value={data?.teachers ?? 0} loading={!data} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('admin.practice.metCount')} value={data?.met ?? 0} loading={!data} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('admin.practice.shortCount')} value={data?.short ?? 0} loading={!data} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic
                  title={t('admin.practice.metRate')}
                  value={data?.metRate === null || data?.metRate === undefined ? '—' : data.metRate}
                  suffix={data?.metRate === null || data?.metRate === undefined ? undefined : '%'}
                  loading={!data}
                />
              </Card>
            </Col>
          </Row>
          <Space>
            <Switch
              id="practice-short-only"
              checked={shortOnly}
              onChange={setShortOnly}
              data-testid="practice-short-only"
            />
            <label htmlFor="practice-short-only">{t('admin.practice.shortOnly')}</label>
          </Space>
          <ScrollRegion label={t('admin.practice.sheet')}>
            <Table<TeacherPracticeRow>
              data-testid="practice-table"
              style={{ minWidth: 900 }}
              rowKey="personId"
              size="middle"
              loading={ledger.isFetching}
              dataSource={rows}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              locale={{ emptyText: <Empty description={t('admin.practice.empty')} /> }}
              columns={[
                {
                  key: 'teacher',
                  title: t('admin.practice.teacher'),
                  render: (_, r) => (
                    <Link to={`/people/${r.personId}`}>{en ? r.nameEn || r.nameZh : r.nameZh}</Link>
                  ),
                },
                {
                  key: 'unit',
                  title: t('admin.reports.department'),
                  render: (_, r) => (en ? r.unitEn || r.unitZh : r.unitZh) ?? '—',
                },
                {
                  key: 'thisYear',
                  title: t('admin.practice.daysThisYear', { year }),
                  align: 'right',
                  render: (_, r) => formatFigure(r.daysThisYear, locale),
                },
                {
                  key: 'lastYear',
                  title: t('admin.practice.daysThisYear', { year: year - 1 }),
                  align: 'right',
                  render: (_, r) => formatFigure(r.daysLastYear, locale),
                },
                {
                  key: 'window',
                  title: t('admin.practice.daysInWindow', { from: fromYear, to: year }),
                  render: (_, r) => (
                    <Progress
                      percent={Math.min(100, Math.round((r.daysInWindow / required) * 100))}
                      status={r.met ? 'success' : 'normal'}
                      format={() =>
                        t('admin.practice.progress', { days: formatFigure(r.daysInWindow, locale), required })
                      }
                      style={{ minWidth: 200 }}
                      aria-label={t('admin.practice.progress', { days: r.daysInWindow, required })}
                    />
                  ),
                },
                {
                  key: 'shortfall',
                  title: t('admin.practice.shortfall'),
                  align: 'right',
                  render: (_, r) =>
                    r.shortfall > 0 ? <strong>{formatFigure(r.shortfall, locale)}</strong> : 0,
                },
                {
                  key: 'status',
                  title: t('admin.practice.status'),
                  render: (_, r) =>
                    r.met ? (
                      <Tag color="green">{t('admin.practice.met')}</Tag>
                    ) : (
                      <Tag color="orange">{t('admin.practice.short')}</Tag>
                    ),
                },
              ]}
            />
          </ScrollRegion>
        </>
      )}
    </Space>
  );
}
