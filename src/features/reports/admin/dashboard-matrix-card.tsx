import { Card, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { displayName } from '../../../admin/display-name.ts';
import { useLanguage } from '../../../admin/language.tsx';
import { ScrollRegion } from '../../../admin/scroll-region.tsx';
import type { Dashboard } from '../reports.schema.ts';
import { labelOf } from './code-label.ts';

/** The cooperation matrix: per partner its depth, programs, engagements and the dimensions it covers. */
export function DashboardMatrixCard({ dashboard: d }: { dashboard: Dashboard }) {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const dimensionName = (code: string) => labelOf(t, 'admin.dimensions', code);
  return (
    <Card title={t('admin.dashboard.matrix')}>
      <Typography.Paragraph type="secondary">{t('admin.dashboard.matrixIntro')}</Typography.Paragraph>
      <ScrollRegion label={t('admin.dashboard.matrix')}>
        <Table
          data-testid="dashboard-matrix"
          size="small"
          rowKey="organizationId"
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          dataSource={d.matrix.partners}
          locale={{ emptyText: t('admin.dashboard.noData') }}
          style={{ minWidth: 1700 }}
          columns={[
            {
              key: 'partner',
              title: t('admin.dashboard.partner'),
              width: 240,
              render: (_, p) => <Link to={`/partners/${p.organizationId}`}>{displayName(p, locale)}</Link>,
            },
            {
              key: 'depth',
              title: t('admin.dashboard.depth'),
              align: 'right',
              sorter: (a, b) => a.depth - b.depth,
              defaultSortOrder: 'descend',
              dataIndex: 'depth',
            },
            {
              key: 'programs',
              title: t('admin.dashboard.programs'),
              align: 'right',
              sorter: (a, b) => a.programs - b.programs,
              dataIndex: 'programs',
            },
            {
              key: 'engagements',
              title: t('admin.dashboard.engagements'),
              align: 'right',
              sorter: (a, b) => a.engagements - b.engagements,
              dataIndex: 'engagements',
            },
            ...d.matrix.dimensions.map((dim) => ({
              key: dim.key,
              title: (
                <Link to={`/partners?dimension=${dim.key}`} title={`${dimensionName(dim.key)}: ${dim.count}`}>
                  {dimensionName(dim.key)} ({dim.count})
                </Link>
              ),
              align: 'center' as const,
              render: (_: unknown, p: Dashboard['matrix']['partners'][number]) =>
                p.dimensions.includes(dim.key) ? (
                  <span
                    style={{
                      display: 'inline-block',
                      minWidth: 28,
                      background: '#1d4e89',
                      color: '#fff',
                      borderRadius: 4,
                    }}
                  >
                    {t('admin.dashboard.hasDimension')}
                  </span>
                ) : (
                  ''
                ),
            })),
          ]}
        />
      </ScrollRegion>
    </Card>
  );
}
