import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  DatePicker,
  Empty,
  Input,
  Select,
  Space,
  Table,
  type TableProps,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../../admin/api.ts';
import { errorMessage } from '../../../admin/api-client.ts';
import { displayNameOf } from '../../../admin/display-name.ts';
import { ExportButton } from '../../../admin/export-buttons.tsx';
import { useLanguage } from '../../../admin/language.tsx';
import { oneOf } from '../../../admin/list-params.ts';
import { pageSizes, useListState } from '../../../admin/list-state.ts';
import NotFoundPage from '../../../admin/not-found.page.tsx';
import { RecordPicker } from '../../../admin/record-picker.tsx';
import { useSession } from '../../../admin/session.tsx';
import { type EngagementListItem, engagementTypeSchema } from '../engagements.schema.ts';

const engagementTypes = engagementTypeSchema.options;
const sorts = ['startsOn', '-startsOn', 'title', '-title'] as const;
const reportedValues = ['true', 'false'] as const;

/** Query key prefix of everything about engagements. */
export const engagementsQueryKey = ['engagements'] as const;

/** The title of an engagement in the admin's language. */
export function engagementTitle(e: Pick<EngagementListItem, 'titleZh' | 'titleEn'>, locale: string): string {
  return locale === 'en' ? e.titleEn || e.titleZh : e.titleZh || e.titleEn;
}

/** Engagements (visits, meetings, signings...): search, filter by type, partner, department and dates; page. */
export default function EngagementsPage() {
  const { t } = useTranslation();
  const session = useSession();
  const { locale } = useLanguage();
  const navigate = useNavigate();
  const list = useListState(['type', 'organizationId', 'orgUnitId', 'from', 'to', 'reported'] as const);
  const { state, update } = list;
  const [search, setSearch] = useState(state.q);

  const query = useQuery({
    queryKey: [...engagementsQueryKey, 'list', state],
    queryFn: () =>
      api('GET /api/engagements', {
        query: {
          ...state,
          type: oneOf(engagementTypes, state.type),
          reported: oneOf(reportedValues, state.reported),
          sort: oneOf(sorts, state.sort),
        },
      }),
    placeholderData: keepPreviousData,
    enabled: session.can('records.read'),
  });
  if (!session.can('records.read')) return <NotFoundPage />;

  const columns: TableProps<EngagementListItem>['columns'] = [
    {
      key: 'startsOn',
      dataIndex: 'startsOn',
      title: t('admin.engagements.fields.startsOn'),
      sorter: true,
      sortOrder: list.sortOrder('startsOn'),
      render: (value: string, e) => (e.startsAt ? `${value} ${e.startsAt.slice(0, 5)}` : value),
    },
    {
      key: 'title',
      title: t('admin.engagements.fields.title'),
      render: (_: unknown, e) => (
        <Link to={`/engagements/${e.id}`} data-testid="engagement-link">
          {engagementTitle(e, locale)}
        </Link>
      ),
    },
    {
      key: 'type',
      dataIndex: 'type',
      title: t('admin.engagements.fields.type'),
      render: (type: EngagementListItem['type']) => <Tag>{t(`admin.engagements.types.${type}`)}</Tag>,
    },
    {
      key: 'hostOrgUnitId',
      title: t('admin.engagements.fields.hostOrgUnit'),
      render: (_: unknown, e) =>
        e.hostOrgUnitId ? displayNameOf(e.hostOrgUnitNameZh, e.hostOrgUnitNameEn, locale) : '—',
    },
    {
      key: 'delegationSize',
      dataIndex: 'delegationSize',
      title: t('admin.engagements.fields.delegationSize'),
      render: (v: number | null) => v ?? '—',
    },
    { key: 'location', dataIndex: 'location', title: t('admin.engagements.fields.location') },
  ];

  return (
    <>
      <div className="concord-page-header">
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          {t('admin.engagements.title')}
        </Typography.Title>
        <Space wrap>
          <Link to="/calendar">{t('admin.nav.calendar')}</Link>
          <ExportButton list="engagements" query={state} />
          {session.can('records.write') && (
            <Button
              type="primary"
              data-testid="engagements-create"
              onClick={() => void navigate('/engagements/new')}
            >
              {t('admin.engagements.create')}
            </Button>
          )}
        </Space>
      </div>
      <search className="concord-filters">
        <Input.Search
          aria-label={t('admin.engagements.searchLabel')}
          placeholder={t('admin.engagements.searchPlaceholder')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(value) => update({ q: value.trim() })}
          allowClear
          enterButton={t('admin.common.search')}
          style={{ width: 300, maxWidth: '100%' }}
        />
        <Select<string | undefined>
          aria-label={t('admin.engagements.typeFilter')}
          placeholder={t('admin.engagements.allTypes')}
          value={state.type}
          onChange={(type) => update({ type })}
          allowClear
          style={{ width: 180 }}
          options={engagementTypes.map((type) => ({
            value: type,
            label: t(`admin.engagements.types.${type}`),
          }))}
        />
        <RecordPicker
          source="organizations"
          aria-label={t('admin.records.partnerFilter')}
          placeholder={t('admin.records.allPartners')}
          value={state.organizationId}
          onChange={(value) => update({ organizationId: value as string | undefined })}
          style={{ width: 220 }}
        />
        <RecordPicker
          source="org-units"
          aria-label={t('admin.records.departmentFilter')}
          placeholder={t('admin.records.allDepartments')}
          value={state.orgUnitId}
          onChange={(value) => update({ orgUnitId: value as string | undefined })}
          style={{ width: 200 }}
        />
        <DatePicker.RangePicker
          aria-label={t('admin.records.dateRange')}
          value={[state.from ? dayjs(state.from) : null, state.to ? dayjs(state.to) : null]}
          onChange={(range) =>
            update({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })
          }
          allowEmpty={[true, true]}
        />
        <Select<string | undefined>
          aria-label={t('admin.engagements.reportedFilter')}
          placeholder={t('admin.engagements.reportedAny')}
          value={state.reported}
          onChange={(reported) => update({ reported })}
          allowClear
          style={{ width: 250 }}
          options={[
            { value: 'true', label: t('admin.engagements.reportedYes') },
            { value: 'false', label: t('admin.engagements.reportedNo') },
          ]}
        />
      </search>
      {query.isError && (
        <Alert
          type="error"
          showIcon
          title={t('admin.common.loadFailed')}
          description={errorMessage(query.error)}
          action={<Button onClick={() => void query.refetch()}>{t('admin.common.retry')}</Button>}
          style={{ marginBottom: 16 }}
        />
      )}
      <div data-testid="engagements-table">
        <Table<EngagementListItem>
          rowKey="id"
          columns={columns}
          dataSource={query.data?.items ?? []}
          loading={query.isFetching}
          onChange={list.onTableChange}
          scroll={{ x: 'max-content' }}
          showSorterTooltip={false}
          pagination={{
            current: state.page,
            pageSize: state.pageSize,
            total: query.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: pageSizes,
            showTotal: (total) => t('admin.common.total', { count: total }),
          }}
          locale={{
            emptyText: query.isPending ? (
              <span />
            ) : (
              <Empty description={t('admin.engagements.empty')}>
                {list.filtered && (
                  <Button
                    onClick={() => {
                      setSearch('');
                      list.clear();
                    }}
                  >
                    {t('admin.common.clearFilters')}
                  </Button>
                )}
              </Empty>
            ),
          }}
        />
      </div>
    </>
  );
}
