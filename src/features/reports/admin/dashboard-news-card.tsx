import { Card, Col, Row, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Dashboard } from '../reports.schema.ts';
import { Figure } from './dashboard-figure.tsx';

/** The news coverage: engagements reported, articles per engagement and the median delay. */
export function DashboardNewsCard({ dashboard: d }: { dashboard: Dashboard }) {
  const { t } = useTranslation();
  return (
    <Card title={t('admin.dashboard.news')}>
      <Row gutter={[12, 12]}>
        <Col xs={24} md={8}>
          <Figure
            title={t('admin.dashboard.reported')}
            value={d.news.reported}
            suffix={` / ${d.news.engagements}`}
            to={`/engagements?to=${d.today}&reported=true`}
            testId="figure-reported"
          />
          <Link to={`/engagements?to=${d.today}&reported=false`}>
            {t('admin.dashboard.unreported', { count: d.news.engagements - d.news.reported })}
          </Link>
        </Col>
        <Col xs={12} md={8}>
          <Statistic
            title={t('admin.dashboard.articlesPerEngagement')}
            value={d.news.engagements ? Math.round((d.news.articles / d.news.engagements) * 100) / 100 : 0}
          />
        </Col>
        <Col xs={12} md={8}>
          <Statistic title={t('admin.dashboard.medianLag')} value={d.news.medianLagDays ?? '—'} />
        </Col>
      </Row>
    </Card>
  );
}
