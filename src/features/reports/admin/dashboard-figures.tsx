import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Col, Row, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../admin/api.ts';
import { errorMessage } from '../../../admin/api-client.ts';
import { DashboardAgreementsCard } from './dashboard-agreements-card.tsx';
import { type CommitmentsBy, DashboardCommitmentsCard } from './dashboard-commitments-card.tsx';
import { DashboardEngagementsCard } from './dashboard-engagements-card.tsx';
import { Figure } from './dashboard-figure.tsx';
import { DashboardMatrixCard } from './dashboard-matrix-card.tsx';
import { DashboardNewsCard } from './dashboard-news-card.tsx';
import { DashboardPartnerCharts } from './dashboard-partner-charts.tsx';
import type { StaleMonths } from './dashboard-partner-reach-card.tsx';

/** The admin home's figures for roles that read reports: every number links to what it counts. */
export default function DashboardFigures() {
  const { t } = useTranslation();
  const [staleMonths, setStaleMonths] = useState<StaleMonths>('12');
  const figures = useQuery({
    queryKey: ['reports', 'dashboard', staleMonths],
    queryFn: () => api('GET /api/reports/dashboard', { query: { staleMonths } }),
    placeholderData: keepPreviousData,
  });
  const d = figures.data;
  const [commitmentsBy, setCommitmentsBy] = useState<CommitmentsBy>('department');

  if (figures.isError) {
    return (
      <Alert
        type="error"
        showIcon
        message={t('admin.dashboard.loadFailed')}
        description={errorMessage(figures.error)}
        action={<Button onClick={() => void figures.refetch()}>{t('admin.common.retry')}</Button>}
      />
    );
  }
  if (!d) return <Skeleton active paragraph={{ rows: 8 }} />;

  const active = d.partners.byStage.find((s) => s.key === 'active')?.count ?? 0;

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }} data-testid="dashboard-figures">
      <div>
        <Typography.Title level={2} style={{ fontSize: 20 }}>
          {t('admin.dashboard.figuresTitle')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('admin.dashboard.figuresIntro')}</Typography.Text>
      </div>

      <Row gutter={[12, 12]}>
        <Col xs={12} md={8} xl={4}>
          <Figure
            title={t('admin.dashboard.partnersTotal')}
            value={d.partners.total}
            to="/partners"
            testId="figure-partners"
          />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Figure title={t('admin.dashboard.activePartners')} value={active} to="/partners?stage=active" />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Figure
            title={t('admin.dashboard.expiringWithin', { days: 90 })}
            value={d.agreements.expiring.find((e) => e.within === 90)?.count ?? 0}
            to="/agreements?tab=90"
          />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Figure
            title={t('admin.dashboard.openCommitments')}
            value={d.commitments.open}
            to="/commitments?view=list&status=open"
          />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Figure
            title={t('admin.dashboard.overdueCommitments')}
            value={d.commitments.overdue}
            to="/commitments?view=list&status=overdue"
            testId="figure-overdue"
          />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Figure
            title={t('admin.dashboard.onTimeRate')}
            value={d.commitments.onTimeRate ?? '—'}
            suffix={d.commitments.onTimeRate === null ? undefined : '%'}
            to="/commitments?view=list&status=done"
          />
        </Col>
      </Row>

      <DashboardEngagementsCard dashboard={d} />

      <DashboardPartnerCharts
        dashboard={d}
        active={active}
        staleMonths={staleMonths}
        onStaleMonthsChange={setStaleMonths}
      />

      <Row gutter={[12, 12]}>
        <Col xs={24} lg={12}>
          <DashboardAgreementsCard dashboard={d} />
        </Col>
        <Col xs={24} lg={12}>
          <DashboardCommitmentsCard dashboard={d} by={commitmentsBy} onByChange={setCommitmentsBy} />
        </Col>
      </Row>

      <DashboardMatrixCard dashboard={d} />

      <DashboardNewsCard dashboard={d} />
    </Space>
  );
}
