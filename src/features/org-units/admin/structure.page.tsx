import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Popconfirm, Space, type TableProps, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../admin/api.ts';
import { errorMessage, isApiError } from '../../../admin/api-client.ts';
import { showConflictDialog } from '../../../admin/conflict-dialog.ts';
import { displayName } from '../../../admin/display-name.ts';
import { useLanguage } from '../../../admin/language.tsx';
import { oneOf, sortOrderOf, useListState } from '../../../admin/list-state.ts';
import NotFoundPage from '../../../admin/not-found.page.tsx';
import { RecordListPage, type RecordListPageProps } from '../../../admin/record-list.tsx';
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

/** What every tab's list shares: the title, the create button, the tabs and the URL state. */
type Shell = Pick<RecordListPageProps<object>, 'title' | 'actions' | 'above'> & {
  list: ReturnType<typeof useListState<'tab'>>;
};

/** The departments as an expanded tree, whole. */
function DepartmentsList({
  shell,
  canWrite,
  onDialog,
}: {
  shell: Shell;
  canWrite: boolean;
  onDialog: (dialog: Dialog) => void;
}) {
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
  const rows = strip(tree);
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
    <RecordListPage<UnitNode>
      // Remounted once loaded: antd expands all rows only on the first render with data.
      key={units.isSuccess ? 'loaded' : 'loading'}
      {...shell}
      result={{ ...units, data: units.data && { items: rows, total: rows.length } }}
      columns={columns}
      rowKey="value"
      paged={false}
      tableProps={{ expandable: { defaultExpandAllRows: true } }}
      empty={{ text: t('admin.structure.orgUnit.empty'), keep: ['tab'] }}
      testId="departments-table"
    />
  );
}

/** Majors or facilities: searched, sorted and paged on the server. */
function PagedList({
  kind,
  shell,
  canWrite,
  onDialog,
}: {
  kind: 'major' | 'facility';
  shell: Shell;
  canWrite: boolean;
  onDialog: (dialog: Dialog) => void;
}) {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const { state: query } = shell.list;
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
    <RecordListPage<AnyRecord>
      {...shell}
      result={list}
      columns={columns}
      search={{
        label: t(`admin.structure.${kind}.search`),
        placeholder: t(`admin.structure.${kind}.search`),
        width: 320,
      }}
      empty={{ text: t(`admin.structure.${kind}.empty`), keep: ['tab'] }}
      testId={`${kind}-table`}
    />
  );
}

/** The college's own structure: departments (a tree), majors and facilities. */
export default function StructurePage() {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const session = useSession();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const list = useListState(['tab'] as const, majorSorts);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const tab: Tab = oneOf(tabs, list.state.tab) ?? 'departments';
  const canWrite = session.can('records.write');

  if (!session.can('records.read')) return <NotFoundPage />;

  const shell: Shell = {
    title: t('admin.structure.title'),
    list,
    actions: canWrite && (
      <Button
        type="primary"
        data-testid="structure-create"
        onClick={() => setDialog({ kind: tabKind[tab], record: null })}
      >
        {t(`admin.structure.${tabKind[tab]}.create`)}
      </Button>
    ),
    above: (
      <Tabs
        activeKey={tab}
        onChange={(key) => {
          // Each tab has its own search and paging.
          list.update({
            tab: key === 'departments' ? undefined : key,
            q: undefined,
            sort: undefined,
            pageSize: undefined,
          });
        }}
        items={tabs.map((key) => ({ key, label: t(`admin.structure.tabs.${key}`) }))}
      />
    ),
  };

  return (
    <>
      {tab === 'departments' ? (
        <DepartmentsList shell={shell} canWrite={canWrite} onDialog={setDialog} />
      ) : (
        <PagedList
          key={tab}
          kind={tab === 'majors' ? 'major' : 'facility'}
          shell={shell}
          canWrite={canWrite}
          onDialog={setDialog}
        />
      )}
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
