import { Card, Col, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Dashboard, Segment } from '../reports.schema.ts';
import { BarChart } from './bar-chart.tsx';
import { labelOf } from './code-label.ts';
import { DashboardPartnerReachCard, type StaleMonths } from './dashboard-partner-reach-card.tsx';

/** One series of bars over segments, each bar a link to what it counts. */
function segmentsSeries(segments: Segment[], name: string, link: (key: string) => string) {
  return [{ name, values: segments.map((s) => s.count), links: segments.map((s) => link(s.key)) }];
}

/** The partners in charts: by kind, by stage, new and lapsed per year, and how far they reach. */
export function DashboardPartnerCharts({
  dashboard: d,
  active,
  staleMonths,
  onStaleMonthsChange,
}: {
  dashboard: Dashboard;
  /** How many partners are at the active stage. */
  active: number;
  staleMonths: StaleMonths;
  onStaleMonthsChange: (months: StaleMonths) => void;
}) {
  const { t } = useTranslation();
  const partnerYears = [
    ...new Set([...d.partners.newPerYear, ...d.partners.lapsedPerYear].map((s) => s.key)),
  ].sort();
  const countOf = (segments: Segment[], key: string) => segments.find((s) => s.key === key)?.count ?? 0;
  const stagesTotal = d.partners.byStage.reduce((n, s) => n + s.count, 0);
  const biggestKind = d.partners.byKind[0];
  const kindName = (code: string) => labelOf(t, 'admin.partners.kinds', code);

  return (
    <Row gutter={[12, 12]}>
      <Col xs={24} lg={12}>
        <Card style={{ height: '100%' }}>
          <BarChart
            title={t('admin.dashboard.kindsChart')}
            summary={t('admin.dashboard.kindsSummary', {
              total: d.partners.total,
              kind: biggestKind ? kindName(biggestKind.key) : '—',
              count: biggestKind?.count ?? 0,
            })}
            categories={d.partners.byKind.map((s) => kindName(s.key))}
            series={segmentsSeries(
              d.partners.byKind,
              t('admin.dashboard.partners'),
              (k) => `/partners?kind=${k}`,
            )}
          />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card style={{ height: '100%' }}>
          <BarChart
            title={t('admin.dashboard.stagesChart')}
            summary={t('admin.dashboard.stagesSummary', { active, total: stagesTotal })}
            categories={d.partners.byStage.map((s) => labelOf(t, 'admin.partners.stages', s.key))}
            series={segmentsSeries(
              d.partners.byStage,
              t('admin.dashboard.partners'),
              (k) => `/partners?stage=${k}`,
            )}
          />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card style={{ height: '100%' }}>
          <BarChart
            title={t('admin.dashboard.newPartnersChart')}
            summary={t('admin.dashboard.newPartnersSummary', {
              count: d.partners.newPerYear.reduce((n, s) => n + s.count, 0),
              lapsed: d.partners.lapsedPerYear.reduce((n, s) => n + s.count, 0),
            })}
            categories={partnerYears}
            series={[
              {
                name: t('admin.dashboard.newPartners'),
                values: partnerYears.map((y) => countOf(d.partners.newPerYear, y)),
                links: partnerYears.map((y) => `/partners?sinceYear=${y}`),
              },
              {
                name: t('admin.dashboard.lapsedPartners'),
                values: partnerYears.map((y) => countOf(d.partners.lapsedPerYear, y)),
                links: partnerYears.map((y) => `/partners?lapsedYear=${y}`),
              },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <DashboardPartnerReachCard
          dashboard={d}
          staleMonths={staleMonths}
          onStaleMonthsChange={onStaleMonthsChange}
        />
      </Col>
    </Row>
  );
}
