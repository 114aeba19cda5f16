import { Card, Segmented, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { displayName } from '../../../admin/display-name.ts';
import { useLanguage } from '../../../admin/language.tsx';
import { ScrollRegion } from '../../../admin/scroll-region.tsx';
import type { Dashboard } from '../reports.schema.ts';

/** How the commitments table groups its lines. */
export type CommitmentsBy = 'department' | 'owner';

/** A line of the commitments table: a department or an owner, and the list filter that counts it. */
interface CommitmentRow {
  key: string;
  name: string;
  filter: string;
  open: number;
  overdue: number;
  done: number;
  onTimeRate: number | null;
}

/** The commitments per department or per owner: open, overdue, done and on time, each a link to its list. */
export function DashboardCommitmentsCard({
  dashboard: d,
  by,
  onByChange,
}: {
  dashboard: Dashboard;
  by: CommitmentsBy;
  onByChange: (by: CommitmentsBy) => void;
}) {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const rows: CommitmentRow[] =
    by === 'owner'
      ? d.commitments.byOwner.map((r) => ({ ...r, key: r.userId, filter: `ownerUserId=${r.userId}` }))
      : d.commitments.byDepartment.map((r) => ({
          ...r,
          key: r.orgUnitId,
          name: displayName(r, locale),
          filter: `ownerOrgUnitId=${r.orgUnitId}`,
        }));

  return (
    <Card
      title={t('admin.dashboard.commitments')}
      style={{ height: '100%' }}
      extra={
        <Segmented
          aria-label={t('admin.dashboard.commitmentsBy')}
          size="small"
          value={by}
          onChange={(v) => onByChange(v as CommitmentsBy)}
          options={[
            { value: 'department', label: t('admin.dashboard.byDepartment') },
            { value: 'owner', label: t('admin.dashboard.byOwner') },
          ]}
        />
      }
    >
      <ScrollRegion label={t('admin.dashboard.commitments')}>
        <Table<CommitmentRow>
          size="small"
          pagination={false}
          rowKey="key"
          dataSource={rows}
          locale={{ emptyText: t('admin.dashboard.noData') }}
          columns={[
            {
              key: 'name',
              title: by === 'owner' ? t('admin.dashboard.owner') : t('admin.dashboard.department'),
              render: (_, r) => r.name,
            },
            ...(['open', 'overdue', 'done'] as const).map((status) => ({
              key: status,
              title: t(`admin.dashboard.${status}`),
              align: 'right' as const,
              render: (_: unknown, r: CommitmentRow) => (
                <Link to={`/commitments?view=list&status=${status}&${r.filter}`}>{r[status]}</Link>
              ),
            })),
            {
              key: 'rate',
              title: t('admin.dashboard.onTimeRate'),
              align: 'right',
              render: (_, r) => (r.onTimeRate === null ? '—' : `${r.onTimeRate}%`),
            },
          ]}
        />
      </ScrollRegion>
    </Card>
  );
}
