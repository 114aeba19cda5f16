import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Empty,
  Input,
  Select,
  Space,
  Table,
  type TableProps,
  Tag,
  Typography,
} from 'antd';
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
import {
  type ProgramListItem,
  type ProgramOutput,
  programDimensions,
  programStatusSchema,
} from '../programs.schema.ts';
import { ProgramFormDrawer } from './program-form-drawer.tsx';

/** Query key prefix of everything about programs. */
export const programsQueryKey = ['programs'] as const;

const programSorts = ['startOn', '-startOn', 'titleZh', '-titleZh'] as const;

/** The colour of a program status tag. */
export function programStatusColor(status: ProgramOutput['status']): string {
  return { planned: 'default', running: 'blue', completed: 'green', cancelled: 'red' }[status];
}

/** A program's title in the admin's language, falling back to the other one. */
export function programTitle(p: Pick<ProgramOutput, 'titleZh' | 'titleEn'>, locale: string): string {
  return locale === 'en' ? p.titleEn || p.titleZh : p.titleZh || p.titleEn;
}

/** Programs (cooperation projects): search, dimension, status, partner and lead department filters, paged. */
export default function ProgramsPage() {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const session = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const list = useListState(['dimension', 'status', 'organizationId', 'orgUnitId'] as const);
  const { state, update } = list;
  const [search, setSearch] = useState(state.q);
  const [creating, setCreating] = useState(false);

  // A hand-edited or outdated link may carry values the API refuses: ignore those instead of failing.
  const params = {
    ...state,
    dimension: oneOf(programDimensions, state.dimension),
    status: oneOf(programStatusSchema.options, state.status),
    sort: oneOf(programSorts, state.sort),
  };
  const query = useQuery({
    queryKey: [...programsQueryKey, 'list', params],
    queryFn: () => api('GET /api/programs', { query: params }),
    placeholderData: keepPreviousData,
    enabled: session.can('records.read'),
  });
  if (!session.can('records.read')) return <NotFoundPage />;

  const columns: TableProps<ProgramListItem>['columns'] = [
    {
      key: 'titleZh',
      title: t('admin.programs.fields.title'),
      sorter: true,
      sortOrder: list.sortOrder('titleZh'),
      render: (_: unknown, p) => (
        <Link to={`/programs/${p.id}`} data-testid="program-link">
          {programTitle(p, locale)}
        </Link>
      ),
    },
    {
      key: 'dimension',
      dataIndex: 'dimension',
      title: t('admin.programs.fields.dimension'),
      render: (v: string) => t(`admin.programs.dimensions.${v as (typeof programDimensions)[number]}`),
    },
    {
      key: 'status',
      dataIndex: 'status',
      title: t('admin.programs.fields.status'),
      render: (v: ProgramOutput['status']) => (
        <Tag color={programStatusColor(v)}>{t(`admin.programs.statuses.${v}`)}</Tag>
      ),
    },
    {
      key: 'organizations',
      title: t('admin.programs.fields.organizations'),
      render: (_: unknown, p) =>
        p.organizations.length === 0 ? (
          '—'
        ) : (
          <Space size={[4, 4]} wrap style={{ maxWidth: 320 }}>
            {p.organizations.slice(0, 2).map((o) => (
              <Tag key={o.id} style={{ whiteSpace: 'normal' }}>
                {displayNameOf(o.nameZh, o.nameEn, locale)}
              </Tag>
            ))}
            {p.organizations.length > 2 && (
              <span>{t('admin.programs.morePartners', { count: p.organizations.length - 2 })}</span>
            )}
          </Space>
        ),
    },
    {
      key: 'leadOrgUnit',
      title: t('admin.programs.fields.leadOrgUnit'),
      render: (_: unknown, p) =>
        p.leadOrgUnitId ? displayNameOf(p.leadOrgUnitNameZh, p.leadOrgUnitNameEn, locale) : '—',
    },
    {
      key: 'startOn',
      dataIndex: 'startOn',
      title: t('admin.programs.fields.startOn'),
      sorter: true,
      sortOrder: list.sortOrder('startOn'),
      render: (v: string | null) => v ?? '—',
    },
    {
      key: 'endOn',
      dataIndex: 'endOn',
      title: t('admin.programs.fields.endOn'),
      render: (v: string | null) => v ?? '—',
    },
  ];

  return (
    <>
      <div className="concord-page-header">
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          {t('admin.programs.title')}
        </Typography.Title>
        <Space wrap>
          <ExportButton list="programs" query={state} />
          {session.can('records.write') && (
            <Button type="primary" onClick={() => setCreating(true)} data-testid="programs-create">
              {t('admin.programs.create')}
            </Button>
          )}
        </Space>
      </div>
      <search className="concord-filters">
        <Input.Search
          aria-label={t('admin.programs.searchLabel')}
          placeholder={t('admin.programs.searchPlaceholder')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(value) => update({ q: value.trim() })}
          allowClear
          enterButton={t('admin.common.search')}
          style={{ width: 280, maxWidth: '100%' }}
          data-testid="programs-search"
        />
        <Select<string | undefined>
          aria-label={t('admin.programs.dimensionFilter')}
          placeholder={t('admin.programs.allDimensions')}
          value={params.dimension}
          onChange={(dimension) => update({ dimension })}
          allowClear
          style={{ width: 200 }}
          popupMatchSelectWidth={false}
          options={programDimensions.map((v) => ({ value: v, label: t(`admin.programs.dimensions.${v}`) }))}
          data-testid="programs-dimension"
        />
        <Select<string | undefined>
          aria-label={t('admin.programs.statusFilter')}
          placeholder={t('admin.programs.allStatuses')}
          value={params.status}
          onChange={(status) => update({ status })}
          allowClear
          style={{ width: 150 }}
          options={programStatusSchema.options.map((v) => ({
            value: v,
            label: t(`admin.programs.statuses.${v}`),
          }))}
        />
        <RecordPicker
          source="organizations"
          aria-label={t('admin.records.partnerFilter')}
          placeholder={t('admin.records.allPartners')}
          value={state.organizationId}
          onChange={(v) => update({ organizationId: v as string | undefined })}
          style={{ width: 220 }}
        />
        <RecordPicker
          source="org-units"
          aria-label={t('admin.records.departmentFilter')}
          placeholder={t('admin.records.allDepartments')}
          value={state.orgUnitId}
          onChange={(v) => update({ orgUnitId: v as string | undefined })}
          style={{ width: 200 }}
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
      <div data-testid="programs-table">
        <Table<ProgramListItem>
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
              <Empty description={t('admin.programs.empty')}>
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
      <ProgramFormDrawer
        open={creating}
        program={null}
        onClose={() => setCreating(false)}
        onSaved={(p) => {
          setCreating(false);
          void message.success(t('admin.programs.created'));
          void queryClient.invalidateQueries({ queryKey: programsQueryKey });
          void navigate(`/programs/${p.id}`);
        }}
      />
    </>
  );
}
