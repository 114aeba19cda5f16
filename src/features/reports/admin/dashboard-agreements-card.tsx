import { Card, Col, Row, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ScrollRegion } from '../../../admin/scroll-region.tsx';
import type { Dashboard } from '../reports.schema.ts';
import { labelOf } from './code-label.ts';
import { Figure } from './dashboard-figure.tsx';

/** The agreements: how many expire soon, and how many of each type were signed per year. */
export function DashboardAgreementsCard({ dashboard: d }: { dashboard: Dashboard }) {
  const { t } = useTranslation();
  return (
    <Card title={t('admin.dashboard.agreements')} style={{ height: '100%' }}>
      <Row gutter={[12, 12]}>
        {d.agreements.expiring.map((e) => (
          <Col xs={8} key={e.within}>
            <Figure
              title={t('admin.dashboard.expiringWithin', { days: e.within })}
              value={e.count}
              to={`/agreements?tab=${e.within}`}
            />
          </Col>
        ))}
      </Row>
      <Typography.Title level={3} style={{ fontSize: 16, marginTop: 16 }}>
        {t('admin.dashboard.signedPerYear')}
      </Typography.Title>
      <ScrollRegion label={t('admin.dashboard.signedPerYear')}>
        <Table
          size="small"
          pagination={false}
          rowKey={(r) => `${r.year}-${r.type}`}
          dataSource={d.agreements.signedPerYear}
          locale={{ emptyText: t('admin.dashboard.noData') }}
          columns={[
            { key: 'year', title: t('admin.dashboard.year'), dataIndex: 'year' },
            {
              key: 'type',
              title: t('admin.dashboard.type'),
              render: (_, r) => labelOf(t, 'admin.agreements.types', r.type),
            },
            {
              key: 'count',
              title: t('admin.dashboard.count'),
              align: 'right',
              render: (_, r) => <Link to={`/agreements?type=${r.type}&signedYear=${r.year}`}>{r.count}</Link>,
            },
          ]}
        />
      </ScrollRegion>
    </Card>
  );
}
