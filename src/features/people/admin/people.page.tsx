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
import { displayName, secondaryName } from '../../../admin/display-name.ts';
import { ExportButton } from '../../../admin/export-buttons.tsx';
import { useLanguage } from '../../../admin/language.tsx';
import { oneOf, pageSizes, sortFromSorter, sortOrderOf, useListParams } from '../../../admin/list-params.ts';
import NotFoundPage from '../../../admin/not-found.page.tsx';
import { useSession } from '../../../admin/session.tsx';
import { OrganizationSelect } from '../../organizations/admin/organization-select.tsx';
import type { PersonListItem, PersonOutput } from '../people.schema.ts';
import { PersonFormDrawer } from './person-form-drawer.tsx';
import { peopleQueryKey } from './person-titles.ts';

const filterKeys = ['side', 'organizationId'] as const;
const sorts = ['nameZh', '-nameZh', 'nameEn', '-nameEn', 'createdAt', '-createdAt'] as const;
const sides = ['theirs', 'ours'] as const;

/** People on both sides: search by name, filter by side or partner, page; add a person. */
export default function PeoplePage() {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const session = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { query, filters, update, filtered } = useListParams(filterKeys, sorts);
  const [search, setSearch] = useState(query.q);
  const [creating, setCreating] = useState(false);
  const canRead = session.can('records.read');
  const canWrite = session.can('records.write');

  const list = useQuery({
    queryKey: [...peopleQueryKey, 'list', query],
    queryFn: () =>
      api('GET /api/people', {
        query: {
          ...query,
          q: query.q.trim(),
          sort: oneOf(sorts, query.sort),
          side: oneOf(sides, query.side),
        },
      }),
    placeholderData: keepPreviousData,
    enabled: canRead,
  });

  if (!canRead) return <NotFoundPage />;

  const columns: TableProps<PersonListItem>['columns'] = [
    {
      key: locale === 'en' ? 'nameEn' : 'nameZh',
      title: t('admin.people.columns.name'),
      sorter: true,
      sortOrder: sortOrderOf(query.sort, locale === 'en' ? 'nameEn' : 'nameZh'),
      render: (_: unknown, person) => {
        const other = secondaryName(person, locale);
        return (
          <div>
            <Link to={`/people/${person.id}`}>
              <Typography.Text strong style={{ color: 'inherit' }}>
                {displayName(person, locale)}
              </Typography.Text>
            </Link>
            {other && <Typography.Text type="secondary"> {other}</Typography.Text>}
          </div>
        );
      },
    },
    {
      key: 'side',
      dataIndex: 'side',
      title: t('admin.people.columns.side'),
      render: (side: PersonOutput['side']) => <Tag>{t(`admin.people.sides.${side}`)}</Tag>,
    },
    {
      key: 'where',
      title: t('admin.people.columns.where'),
      render: (_: unknown, person) => {
        const c = person.current;
        if (!c) return '—';
        const place = locale === 'en' ? c.placeEn || c.placeZh : c.placeZh;
        return c.organizationId ? <Link to={`/partners/${c.organizationId}`}>{place}</Link> : place;
      },
    },
    {
      key: 'currentTitle',
      title: t('admin.people.columns.currentTitle'),
      render: (_: unknown, person) =>
        person.current
          ? locale === 'en'
            ? person.current.titleEn || person.current.titleZh
            : person.current.titleZh
          : '—',
    },
    {
      key: 'phone',
      dataIndex: 'phone',
      title: t('admin.people.fields.phone'),
      render: (v: string | null) => v || '—',
    },
    {
      key: 'email',
      dataIndex: 'email',
      title: t('admin.people.fields.email'),
      render: (v: string | null) => v || '—',
    },
  ];

  return (
    <>
      <div className="concord-page-header">
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          {t('admin.people.title')}
        </Typography.Title>
        <Space wrap>
          <ExportButton list="people" query={query} />
          {canWrite && (
            <Button type="primary" data-testid="people-create" onClick={() => setCreating(true)}>
              {t('admin.people.create')}
            </Button>
          )}
        </Space>
      </div>
      <search className="concord-filters">
        <Input.Search
          aria-label={t('admin.people.searchLabel')}
          placeholder={t('admin.people.searchPlaceholder')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(value) => update({ q: value.trim() })}
          allowClear
          enterButton={t('admin.common.search')}
          style={{ width: 320, maxWidth: '100%' }}
          data-testid="people-search"
        />
        <Select<string | undefined>
          aria-label={t('admin.people.sideFilter')}
          placeholder={t('admin.people.allSides')}
          value={filters.side}
          onChange={(side) => update({ side })}
          allowClear
          style={{ width: 160 }}
          options={sides.map((side) => ({
            value: side,
            label: t(`admin.people.sides.${side}`),
          }))}
        />
        <div style={{ width: 260, maxWidth: '100%' }}>
          <OrganizationSelect
            aria-label={t('admin.people.organizationFilter')}
            value={filters.organizationId}
            onChange={(organizationId) => update({ organizationId })}
            style={{ width: '100%' }}
          />
        </div>
      </search>
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
      <div data-testid="people-table">
        <Table<PersonListItem>
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          scroll={{ x: 'max-content' }}
          showSorterTooltip={false}
          onChange={(pagination, _f, sorter, extra) => {
            if (extra.action === 'sort') {
              update({ sort: sortFromSorter(sorter) });
              return;
            }
            update({
              page: pagination.current === 1 ? undefined : pagination.current,
              pageSize: pagination.pageSize === 20 ? undefined : pagination.pageSize,
            });
          }}
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
              <Empty description={t(filtered ? 'admin.people.emptyFiltered' : 'admin.people.empty')}>
                {filtered && (
                  <Button
                    onClick={() => {
                      setSearch('');
                      update({ q: undefined, side: undefined, organizationId: undefined });
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
      <PersonFormDrawer
        open={creating}
        person={null}
        onClose={() => setCreating(false)}
        onSaved={(person) => {
          setCreating(false);
          void message.success(t('admin.people.created', { name: displayName(person, locale) }));
          void queryClient.invalidateQueries({ queryKey: peopleQueryKey });
          void navigate(`/people/${person.id}`);
        }}
      />
    </>
  );
}
