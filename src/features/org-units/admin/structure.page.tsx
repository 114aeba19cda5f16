import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Empty,
  Input,
  Popconfirm,
  Space,
  Table,
  type TableProps,
  Tabs,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../admin/api.ts';
import { errorMessage, isApiError } from '../../../admin/api-client.ts';
import { showConflictDialog } from '../../../admin/conflict-dialog.ts';
import { displayName } from '../../../admin/display-name.ts';
import { useLanguage } from '../../../admin/language.tsx';
import { oneOf, pageSizes, sortFromSorter, sortOrderOf, useListParams } from '../../../admin/list-params.ts';
import NotFoundPage from '../../../admin/not-found.page.tsx';
import { useSession } from '../../../admin/session.tsx';
import type { FacilityOutput, MajorOutput, OrgUnitOutput } from '../org-units.schema.ts';
import { buildUnitTree, structureQueryKey, type UnitNode, useOrgUnits } from './org-unit-select.tsx';
import { StructureFormModal, type StructureKind } from './structure-form-modal.tsx';

type AnyRecord = OrgUnitOutput | MajorOutput | FacilityOutput;
/** The orders the majors and facilities tabs offer (facilities have no code). */
const majorSorts = ['nameZh', '-nameZh', 'code', '-code'] as const;
const facilitySorts = ['nameZh', '-nameZh'] as const;
type Dialog = { kind: StructureKind; record: AnyRecord | null; parentId?: string | null };
const tabs = ['departments', 'majors', 'facilities'] as const;
type Tab = (typeof tabs)[number];
const tabKind: Record<Tab, StructureKind> = {
  departments: 'orgUnit',
  majors: 'major',
  facilities: 'facility',
};

/** Deletes a department, major or facility after the admin confirmed it, with the conflict dialog on a race. */
function useDeleteRecord() {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (vars: { kind: StructureKind; record: AnyRecord }) => {
      const input = { params: { id: vars.record.id }, query: { version: vars.record.version } };
      return vars.kind === 'orgUnit'
        ? api('DELETE /api/org-units/:id', input)
        : vars.kind === 'major'
          ? api('DELETE /api/majors/:id', input)
          : api('DELETE /api/facilities/:id', input);
    },
    onSuccess: (_r, vars) => {
      void message.success(t('admin.structure.deleted', { name: displayName(vars.record, locale) }));
      void queryClient.invalidateQueries({ queryKey: structureQueryKey });
    },
    onError: (error) => {
      if (isApiError(error, 'conflict')) {
        showConflictDialog(
          modal,
          error.message,
          () => void queryClient.invalidateQueries({ queryKey: structureQueryKey }),
        );
        return;
      }
      void message.error(errorMessage(error));
    },
  });
}

/** Edit and delete buttons of one row. */
function RowActions({
  kind,
  record,
  onEdit,
  extra,
}: {
  kind: StructureKind;
  record: AnyRecord;
  onEdit: () => void;
  extra?: React.ReactNode;
}) {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const remove = useDeleteRecord();
  const name = displayName(record, locale);
  return (
    <Space size={0} wrap>
      <Button type="link" size="small" onClick={onEdit} aria-label={t('admin.structure.editLabel', { name })}>
        {t('admin.registry.edit')}
      </Button>
      {extra}
      <Popconfirm
        title={t('admin.structure.confirmDelete', { name })}
        okText={t('admin.registry.delete')}
        cancelText={t('admin.common.cancel')}
        okButtonProps={{ danger: true }}
        onConfirm={() => remove.mutateAsync({ kind, record }).catch(() => undefined)}
        styles={{ root: { maxWidth: 340 } }}
      >
        <Button type="link" size="small" danger aria-label={t('admin.structure.deleteLabel', { name })}>
          {t('admin.registry.delete')}
        </Button>
      </Popconfirm>
    </Space>
  );
}

function DepartmentsTab({ canWrite, onDialog }: { canWrite: boolean; onDialog: (dialog: Dialog) => void }) {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const units = useOrgUnits();
  const tree = buildUnitTree(units.data?.items ?? [], locale);
  const strip = (nodes: UnitNode[]): (UnitNode & { children?: UnitNode[] })[] =>
    nodes.map((node) =>
      node.children.length > 0
        ? { ...node, children: strip(node.children) }
        : { ...node, children: undefined as never },
    );
  const columns: TableProps<UnitNode>['columns'] = [
    {
      key: 'name',
      title: t('admin.structure.columns.name'),
      render: (_: unknown, node) => (
        <span>
          <Typography.Text strong>{node.title}</Typography.Text>
          {locale !== 'en' && node.unit.nameEn && (
            <Typography.Text type="secondary"> {node.unit.nameEn}</Typography.Text>
          )}
        </span>
      ),
    },
    {
      key: 'code',
      title: t('admin.structure.columns.code'),
      render: (_: unknown, node) => node.unit.code ?? '—',
    },
    {
      key: 'kind',
      title: t('admin.structure.columns.kind'),
      render: (_: unknown, node) => t(`admin.structure.orgUnitKinds.${node.unit.kind}`),
    },
    ...(canWrite
      ? [
          {
            key: 'actions',
            title: t('admin.common.actions'),
            render: (_: unknown, node: UnitNode) => (
              <RowActions
                kind="orgUnit"
                record={node.unit}
                onEdit={() => onDialog({ kind: 'orgUnit', record: node.unit })}
                extra={
                  <Button
                    type="link"
                    size="small"
                    onClick={() => onDialog({ kind: 'orgUnit', record: null, parentId: node.unit.id })}
                  >
                    {t('admin.structure.addChild')}
                  </Button>
                }
              />
            ),
          },
        ]
      : []),
  ];
  return (
    <>
      {units.isError && (
        <Alert
          type="error"
          showIcon
          title={t('admin.common.loadFailed')}
          description={errorMessage(units.error)}
          action={<Button onClick={() => void units.refetch()}>{t('admin.common.retry')}</Button>}
          style={{ marginBottom: 16 }}
        />
      )}
      <div data-testid="departments-table">
        <Table<UnitNode>
          // Remounted once loaded: antd expands all rows only on the first render with data.
          key={units.isSuccess ? 'loaded' : 'loading'}
          rowKey="value"
          columns={columns}
          dataSource={strip(tree)}
          loading={units.isFetching}
          pagination={false}
          expandable={{ defaultExpandAllRows: true }}
          scroll={{ x: 'max-content' }}
          locale={{
            emptyText: units.isPending ? (
              <span />
            ) : (
              <Empty description={t('admin.structure.orgUnit.empty')} />
            ),
          }}
        />
      </div>
    </>
  );
}

function PagedTab({
  kind,
  canWrite,
  onDialog,
}: {
  kind: 'major' | 'facility';
  canWrite: boolean;
  onDialog: (dialog: Dialog) => void;
}) {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const { query, update, filtered } = useListParams(['tab'], majorSorts);
  const [search, setSearch] = useState(query.q);
  const units = useOrgUnits();
  const unitName = (id: string | null) => {
    const unit = id ? units.data?.items.find((u) => u.id === id) : undefined;
    return unit ? displayName(unit, locale) : '—';
  };
  const { tab: _tab, ...apiQuery } = query;
  const list = useQuery({
    queryKey: [...structureQueryKey, kind, 'list', apiQuery],
    // Majors or facilities, as the rows of one table.
    queryFn: (): Promise<{ items: AnyRecord[]; total: number }> => {
      const q = apiQuery.q.trim();
      return kind === 'major'
        ? api('GET /api/majors', { query: { ...apiQuery, q, sort: oneOf(majorSorts, apiQuery.sort) } })
        : api('GET /api/facilities', {
            query: { ...apiQuery, q, sort: oneOf(facilitySorts, apiQuery.sort) },
          });
    },
    placeholderData: keepPreviousData,
  });
  const columns: TableProps<AnyRecord>['columns'] = [
    {
      key: 'nameZh',
      title: t('admin.structure.columns.name'),
      sorter: true,
      sortOrder: sortOrderOf(query.sort, 'nameZh'),
      render: (_: unknown, r) => (
        <span>
          <Typography.Text strong>{displayName(r, locale)}</Typography.Text>
          {locale !== 'en' && r.nameEn && <Typography.Text type="secondary"> {r.nameEn}</Typography.Text>}
        </span>
      ),
    },
    kind === 'major'
      ? {
          key: 'code',
          title: t('admin.structure.fields.majorCode'),
          sorter: true,
          sortOrder: sortOrderOf(query.sort, 'code'),
          render: (_: unknown, r) => (r as MajorOutput).code ?? '—',
        }
      : {
          key: 'kind',
          title: t('admin.structure.columns.kind'),
          render: (_: unknown, r) => t(`admin.structure.facilityKinds.${(r as FacilityOutput).kind}`),
        },
    {
      key: 'orgUnit',
      title: t('admin.structure.fields.orgUnit'),
      render: (_: unknown, r) => unitName((r as MajorOutput).orgUnitId),
    },
    ...(canWrite
      ? [
          {
            key: 'actions',
            title: t('admin.common.actions'),
            render: (_: unknown, r: AnyRecord) => (
              <RowActions kind={kind} record={r} onEdit={() => onDialog({ kind, record: r })} />
            ),
          },
        ]
      : []),
  ];
  return (
    <>
      <search className="concord-filters">
        <Input.Search
          aria-label={t(`admin.structure.${kind}.search`)}
          placeholder={t(`admin.structure.${kind}.search`)}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(value) => update({ q: value.trim() })}
          allowClear
          enterButton={t('admin.common.search')}
          style={{ width: 320, maxWidth: '100%' }}
        />
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
      <div data-testid={`${kind}-table`}>
        <Table<AnyRecord>
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
              <Empty description={t(`admin.structure.${kind}.empty`)}>
                {filtered && query.q && (
                  <Button
                    onClick={() => {
                      setSearch('');
                      update({ q: undefined });
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

/** The college's own structure: departments (a tree), majors and facilities. */
export default function StructurePage() {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const session = useSession();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { params, update } = useListParams(['tab'], []);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const tab: Tab = tabs.find((x) => x === params.get('tab')) ?? 'departments';
  const canWrite = session.can('records.write');

  if (!session.can('records.read')) return <NotFoundPage />;

  return (
    <>
      <div className="concord-page-header">
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          {t('admin.structure.title')}
        </Typography.Title>
        {canWrite && (
          <Button
            type="primary"
            data-testid="structure-create"
            onClick={() => setDialog({ kind: tabKind[tab], record: null })}
          >
            {t(`admin.structure.${tabKind[tab]}.create`)}
          </Button>
        )}
      </div>
      <Tabs
        activeKey={tab}
        onChange={(key) => {
          // Each tab has its own search and paging.
          update({
            tab: key === 'departments' ? undefined : key,
            q: undefined,
            sort: undefined,
            pageSize: undefined,
          });
        }}
        items={[
          {
            key: 'departments',
            label: t('admin.structure.tabs.departments'),
            children: <DepartmentsTab canWrite={canWrite} onDialog={setDialog} />,
          },
          {
            key: 'majors',
            label: t('admin.structure.tabs.majors'),
            children: tab === 'majors' && <PagedTab kind="major" canWrite={canWrite} onDialog={setDialog} />,
          },
          {
            key: 'facilities',
            label: t('admin.structure.tabs.facilities'),
            children: tab === 'facilities' && (
              <PagedTab kind="facility" canWrite={canWrite} onDialog={setDialog} />
            ),
          },
        ]}
      />
      <StructureFormModal
        open={dialog !== null}
        kind={dialog?.kind ?? 'orgUnit'}
        record={dialog?.record ?? null}
        parentId={dialog?.parentId}
        onClose={() => setDialog(null)}
        onSaved={(record, created) => {
          setDialog(null);
          void message.success(
            t(created ? 'admin.structure.created' : 'admin.structure.saved', {
              name: displayName(record, locale),
            }),
          );
          void queryClient.invalidateQueries({ queryKey: structureQueryKey });
        }}
      />
    </>
  );
}
