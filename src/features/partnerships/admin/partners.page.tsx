import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Badge,
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
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../../admin/api.ts';
import { errorMessage } from '../../../admin/api-client.ts';
import { displayName, secondaryName } from '../../../admin/display-name.ts';
import { ExportButton } from '../../../admin/export-buttons.tsx';
import { useLanguage } from '../../../admin/language.tsx';
import { oneOf, pageSizes, sortFromSorter, sortOrderOf, useListParams } from '../../../admin/list-params.ts';
import NotFoundPage from '../../../admin/not-found.page.tsx';
import { useSession } from '../../../admin/session.tsx';
import { OrgUnitSelect } from '../../org-units/admin/org-unit-select.tsx';
import {
  industries,
  industryLabel,
  organizationKinds,
  regionLabel,
} from '../../organizations/organizations.values.ts';
import type { OrganizationListItem } from '../partnerships.schema.ts';
import { dimensions, partnershipStages } from '../partnerships.values.ts';

// The form loads when someone is about to add a partner, not with the list most visits only read.
const loadPartnerForm = () => import('./partner-form-drawer.tsx');
const PartnerFormDrawer = lazy(() => loadPartnerForm().then((m) => ({ default: m.PartnerFormDrawer })));

type Dimension = (typeof dimensions)[number];

const filterKeys = [
  'kind',
  'industry',
  'region',
  'stage',
  'dimension',
  'tag',
  'orgUnitId',
  'sinceYear',
  'notContactedSince',
  'lapsedYear',
] as const;
const sorts = ['nameZh', '-nameZh', 'nameEn', '-nameEn', 'since', '-since'];

/** Query key prefix of everything the partner screens load. */
export const partnersQueryKey = ['organizations'] as const;

/** The partner registry: search by name, alias or credit code; filter, sort, page; add a partner. */
export default function PartnersPage() {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const session = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { query, filters, update, filtered } = useListParams(filterKeys, sorts);
  const [search, setSearch] = useState(query.q);
  const [tag, setTag] = useState(filters.tag ?? '');
  const [creating, setCreatingState] = useState(false);
  // Mounted from the first use on, so closing it can animate.
  const [formWanted, setFormWanted] = useState(false);
  const setCreating = (open: boolean) => {
    if (open) setFormWanted(true);
    setCreatingState(open);
  };
  const canRead = session.can('records.read');
  const canWrite = session.can('records.write');

  const list = useQuery({
    queryKey: [...partnersQueryKey, 'list', query],
    queryFn: () =>
      api('GET /api/organizations', {
        query: {
          ...query,
          q: query.q.trim(),
          kind: oneOf(organizationKinds, query.kind),
          stage: oneOf(partnershipStages, query.stage),
          dimension: oneOf(dimensions, query.dimension),
        },
      }),
    placeholderData: keepPreviousData,
    enabled: canRead,
  });

  if (!canRead) return <NotFoundPage />;

  const columns: TableProps<OrganizationListItem>['columns'] = [
    {
      key: locale === 'en' ? 'nameEn' : 'nameZh',
      title: t('admin.partners.columns.name'),
      sorter: true,
      sortOrder: sortOrderOf(query.sort, locale === 'en' ? 'nameEn' : 'nameZh'),
      render: (_: unknown, org) => {
        const other = secondaryName(org, locale);
        return (
          <div>
            <Link to={`/partners/${org.id}`} data-testid="partner-link">
              <Typography.Text strong style={{ color: 'inherit' }}>
                {displayName(org, locale)}
              </Typography.Text>
            </Link>
            {other && (
              <div>
                <Typography.Text type="secondary">{other}</Typography.Text>
              </div>
            )}
          </div>
        );
      },
    },
    {
      key: 'kind',
      dataIndex: 'kind',
      title: t('admin.partners.columns.kind'),
      render: (kind: OrganizationListItem['kind']) => t(`admin.partners.kinds.${kind}`),
    },
    {
      key: 'stage',
      dataIndex: 'stage',
      title: t('admin.partners.columns.stage'),
      render: (stage: OrganizationListItem['stage']) => (stage ? <StageBadge stage={stage} /> : '—'),
    },
    {
      key: 'dimensions',
      dataIndex: 'dimensions',
      title: t('admin.partners.columns.dimensions'),
      render: (codes: OrganizationListItem['dimensions']) =>
        codes.length === 0 ? (
          '—'
        ) : (
          <Space size={[4, 4]} wrap style={{ maxWidth: 320 }}>
            {codes.map((code) => (
              <Tag key={code}>{t(`admin.dimensions.${code as Dimension}`)}</Tag>
            ))}
          </Space>
        ),
    },
    {
      key: 'industry',
      dataIndex: 'industry',
      title: t('admin.partners.columns.industry'),
      render: (value: string | null) => (value ? industryLabel(value, locale) : '—'),
    },
    {
      key: 'region',
      dataIndex: 'region',
      title: t('admin.partners.columns.region'),
      render: (value: string | null) => (value ? regionLabel(value, locale) : '—'),
    },
    {
      key: 'uscc',
      dataIndex: 'uscc',
      title: t('admin.partners.columns.uscc'),
      render: (value: string | null) => (value ? <span className="concord-mono">{value}</span> : '—'),
    },
    {
      key: 'since',
      dataIndex: 'since',
      title: t('admin.partners.columns.since'),
      sorter: true,
      sortOrder: sortOrderOf(query.sort, 'since'),
      render: (value: string | null) => value || '—',
    },
  ];

  const onTableChange: TableProps<OrganizationListItem>['onChange'] = (pagination, _f, sorter, extra) => {
    if (extra.action === 'sort') {
      update({ sort: sortFromSorter(sorter) });
      return;
    }
    update({
      page: pagination.current === 1 ? undefined : pagination.current,
      pageSize: pagination.pageSize === 20 ? undefined : pagination.pageSize,
    });
  };

  const clearFilters = () => {
    setSearch('');
    setTag('');
    update(Object.fromEntries(['q', ...filterKeys].map((key) => [key, undefined])));
  };

  return (
    <>
      <div className="concord-page-header">
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          {t('admin.partners.title')}
        </Typography.Title>
        <Space wrap>
          <ExportButton list="partners" query={query} />
          {canWrite && (
            <Button
              type="primary"
              data-testid="partners-create"
              onClick={() => setCreating(true)}
              onMouseEnter={() => void loadPartnerForm()}
              onFocus={() => void loadPartnerForm()}
            >
              {t('admin.partners.create')}
            </Button>
          )}
        </Space>
      </div>
      <search className="concord-filters">
        <Input.Search
          aria-label={t('admin.partners.searchLabel')}
          placeholder={t('admin.partners.searchPlaceholder')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(value) => update({ q: value.trim() })}
          allowClear
          enterButton={t('admin.common.search')}
          style={{ width: 360, maxWidth: '100%' }}
          data-testid="partners-search"
        />
        <Select<string | undefined>
          aria-label={t('admin.partners.kindFilter')}
          placeholder={t('admin.partners.allKinds')}
          value={filters.kind}
          onChange={(kind) => update({ kind })}
          allowClear
          style={{ width: 170 }}
          options={organizationKinds.map((kind) => ({
            value: kind,
            label: t(`admin.partners.kinds.${kind}`),
          }))}
        />
        <Select<string | undefined>
          aria-label={t('admin.partners.stageFilter')}
          placeholder={t('admin.partners.allStages')}
          value={filters.stage}
          onChange={(stage) => update({ stage })}
          allowClear
          style={{ width: 150 }}
          options={partnershipStages.map((stage) => ({
            value: stage,
            label: t(`admin.partners.stages.${stage}`),
          }))}
        />
        <Select<string | undefined>
          aria-label={t('admin.partners.dimensionFilter')}
          placeholder={t('admin.partners.allDimensions')}
          value={filters.dimension}
          onChange={(dimension) => update({ dimension })}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 220 }}
          options={dimensions.map((code) => ({ value: code, label: t(`admin.dimensions.${code}`) }))}
        />
        <OrgUnitSelect
          aria-label={t('admin.partners.unitFilter')}
          placeholder={t('admin.partners.allUnits')}
          value={filters.orgUnitId}
          onChange={(orgUnitId) => update({ orgUnitId })}
          style={{ width: 220 }}
        />
        <Select<string | undefined>
          aria-label={t('admin.partners.industryFilter')}
          placeholder={t('admin.partners.industryFilter')}
          value={filters.industry}
          onChange={(code) => update({ industry: code })}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          popupMatchSelectWidth={false}
          style={{ width: 220 }}
          options={industries.map(([code]) => ({ value: code, label: industryLabel(code, locale) }))}
        />
        <Input
          aria-label={t('admin.partners.tagFilter')}
          placeholder={t('admin.partners.tagFilter')}
          value={tag}
          onChange={(e) => setTag(e.target.value)}
          onPressEnter={() => update({ tag: tag.trim() })}
          onBlur={() => tag.trim() !== (filters.tag ?? '') && update({ tag: tag.trim() })}
          allowClear
          style={{ width: 150 }}
        />
      </search>
      {(filters.region || filters.sinceYear || filters.notContactedSince || filters.lapsedYear) && (
        <Space wrap style={{ marginBottom: 12 }} data-testid="partners-extra-filters">
          {filters.region && (
            <Tag closable onClose={() => update({ region: undefined })}>
              {t('admin.partners.regionTag', { region: regionLabel(filters.region, locale) })}
            </Tag>
          )}
          {filters.sinceYear && (
            <Tag closable onClose={() => update({ sinceYear: undefined })}>
              {t('admin.partners.sinceYearTag', { year: filters.sinceYear })}
            </Tag>
          )}
          {filters.notContactedSince && (
            <Tag closable onClose={() => update({ notContactedSince: undefined })}>
              {t('admin.partners.notContactedTag', { date: filters.notContactedSince })}
            </Tag>
          )}
          {filters.lapsedYear && (
            <Tag closable onClose={() => update({ lapsedYear: undefined })}>
              {t('admin.partners.lapsedTag', { year: filters.lapsedYear })}
            </Tag>
          )}
        </Space>
      )}
      {list.isError && (
        <Alert
          type="error"
          showIcon
          title={t('admin.common.loadFailed')}
          description={errorMessage(list.error)}
          action={<Button onClick={() => void list.refetch()}>{t('admin.common.retry')}</Button>}
          style={{ marginBottom: 16 }}
        />
      )}
      <div data-testid="partners-table">
        <Table<OrganizationListItem>
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          onChange={onTableChange}
          scroll={{ x: 'max-content' }}
          showSorterTooltip={false}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: pageSizes,
            showTotal: (total) => t('admin.common.total', { count: total }),
          }}
          locale={{
            emptyText: list.isPending ? (
              <span />
            ) : (
              <Empty description={t(filtered ? 'admin.partners.emptyFiltered' : 'admin.partners.empty')}>
                {filtered ? (
                  <Button onClick={clearFilters}>{t('admin.common.clearFilters')}</Button>
                ) : (
                  canWrite && (
                    <Button type="primary" onClick={() => setCreating(true)}>
                      {t('admin.partners.create')}
                    </Button>
                  )
                )}
              </Empty>
            ),
          }}
        />
      </div>
      {formWanted && (
        <Suspense fallback={null}>
          <PartnerFormDrawer
            open={creating}
            organization={null}
            onClose={() => setCreating(false)}
            onSaved={(org) => {
              setCreating(false);
              void message.success(t('admin.partners.created', { name: displayName(org, locale) }));
              void queryClient.invalidateQueries({ queryKey: partnersQueryKey });
              void navigate(`/partners/${org.id}`);
            }}
          />
        </Suspense>
      )}
    </>
  );
}

const stageStatus = {
  prospect: 'processing',
  active: 'success',
  dormant: 'warning',
  ended: 'default',
} as const;

/** A partnership stage as a coloured dot and its name (text keeps full contrast). */
export function StageBadge({ stage }: { stage: (typeof partnershipStages)[number] }) {
  const { t } = useTranslation();
  return <Badge status={stageStatus[stage]} text={t(`admin.partners.stages.${stage}`)} />;
}
