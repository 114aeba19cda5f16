import { Card, Col, Row, Segmented, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLanguage } from '../../../admin/language.tsx';
import { industryLabel, regionLabel } from '../../organizations/organizations.values.ts';
import type { Dashboard, DashboardQuery, Segment } from '../reports.schema.ts';
import { Figure } from './dashboard-figure.tsx';

/** "Not contacted in N months": the choices the dashboard's query takes. */
export type StaleMonths = NonNullable<DashboardQuery['staleMonths']>;
const staleMonthOptions: readonly StaleMonths[] = ['6', '12', '24'];

/** A ranked list of segments, each a link to the partners it counts. */
function SegmentList({
  title,
  segments,
  link,
  label = (key) => key,
}: {
  title: string;
  segments: Segment[];
  link: (key: string) => string;
  label?: (key: string) => string;
}) {
  const { t } = useTranslation();
  return (
    <div>
      <Typography.Title level={3} style={{ fontSize: 16 }}>
        {title}
      </Typography.Title>
      {segments.length === 0 ? (
        <Typography.Text type="secondary">{t('admin.dashboard.noData')}</Typography.Text>
      ) : (
        <ol style={{ paddingInlineStart: 20, margin: 0 }}>
          {segments.map((s) => (
            <li key={s.key}>
              <Link to={link(s.key)}>
                {label(s.key)}: {s.count}
              </Link>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

/** Where the partners are: those not contacted lately (for a chosen span), by industry and by region. */
export function DashboardPartnerReachCard({
  dashboard: d,
  staleMonths,
  onStaleMonthsChange,
}: {
  dashboard: Dashboard;
  staleMonths: StaleMonths;
  onStaleMonthsChange: (months: StaleMonths) => void;
}) {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  return (
    <Card style={{ height: '100%' }}>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Space wrap>
          <span id="stale-label">{t('admin.dashboard.notContactedFor')}</span>
          <Segmented<StaleMonths>
            aria-labelledby="stale-label"
            value={staleMonths}
            onChange={onStaleMonthsChange}
            options={staleMonthOptions.map((m) => ({
              value: m,
              label: t('admin.dashboard.monthsOption', { months: m }),
            }))}
          />
        </Space>
        <Figure
          title={t('admin.dashboard.notContacted', { months: d.partners.notContacted.months })}
          value={d.partners.notContacted.count}
          to={`/partners?stage=active&notContactedSince=${d.partners.notContacted.since}`}
          testId="figure-not-contacted"
        />
        <Row gutter={[12, 12]}>
          <Col xs={24} sm={12}>
            <SegmentList
              title={t('admin.dashboard.industries')}
              segments={d.partners.byIndustry}
              link={(k) => `/partners?industry=${encodeURIComponent(k)}`}
              label={(k) => industryLabel(k, locale)}
            />
          </Col>
          <Col xs={24} sm={12}>
            <SegmentList
              title={t('admin.dashboard.regions')}
              segments={d.partners.byRegion}
              link={(k) => `/partners?region=${encodeURIComponent(k)}`}
              label={(k) => regionLabel(k, locale)}
            />
          </Col>
        </Row>
      </Space>
    </Card>
  );
}
