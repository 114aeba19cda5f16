import { Select, type TableProps } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { displayNameOf } from '../../../admin/display-name.ts';
import { useLanguage } from '../../../admin/language.tsx';
import type { useListState } from '../../../admin/list-state.ts';
import { type ListResult, ListSearch, RecordTable } from '../../../admin/record-list.tsx';
import { RecordFilter, RecordPicker } from '../../../admin/record-picker.tsx';
import type { CommitmentListItem } from '../commitments.schema.ts';
import { StatusTag } from './commitment-status-tag.tsx';

/** What the commitments screen keeps in the URL besides search, paging and sort. */
export const commitmentListKeys = [
  'view',
  'by',
  'status',
  'ownerUserId',
  'ownerOrgUnitId',
  'organizationId',
] as const;
/** The statuses the list filters by. */
export const listStatuses = ['open', 'in_progress', 'done', 'dropped', 'overdue'] as const;
/** The orders the list offers. */
export const listSorts = ['dueOn', '-dueOn', 'createdAt', '-createdAt', 'priority', '-priority'] as const;

/** The list view: search and filters, then the table of commitments with where each came from. */
export function CommitmentsList({
  list,
  rows,
  actions,
}: {
  list: ReturnType<typeof useListState<(typeof commitmentListKeys)[number]>>;
  rows: ListResult<CommitmentListItem>;
  actions: (item: CommitmentListItem) => ReactNode;
}) {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const { state, update } = list;

  const columns: TableProps<CommitmentListItem>['columns'] = [
    { key: 'text', dataIndex: 'text', title: t('admin.commitments.fields.text') },
    {
      key: 'ownerUserId',
      title: t('admin.commitments.fields.ownerUser'),
      render: (_: unknown, c) => (c.ownerUserId ? (c.ownerUserName ?? '—') : '—'),
    },
    {
      key: 'ownerOrgUnitId',
      title: t('admin.commitments.fields.ownerOrgUnit'),
      render: (_: unknown, c) =>
        c.ownerOrgUnitId ? displayNameOf(c.ownerOrgUnitNameZh, c.ownerOrgUnitNameEn, locale) : '—',
    },
    {
      key: 'dueOn',
      dataIndex: 'dueOn',
      title: t('admin.commitments.fields.dueOn'),
      sorter: true,
      sortOrder: list.sortOrder('dueOn'),
      render: (v: string | null) => v ?? '—',
    },
    {
      key: 'status',
      title: t('admin.commitments.fields.status'),
      render: (_: unknown, c) => <StatusTag status={c.status} overdue={c.overdue} />,
    },
    {
      key: 'source',
      title: t('admin.commitments.source'),
      render: (_: unknown, c) =>
        c.sourceType === 'engagement' && c.sourceId ? (
          <Link to={`/engagements/${c.sourceId}`}>{t('admin.nav.engagements')}</Link>
        ) : c.sourceType === 'agreement' && c.sourceId ? (
          <Link to={`/agreements/${c.sourceId}`}>{t('admin.nav.agreements')}</Link>
        ) : c.sourceType === 'program' && c.sourceId ? (
          <Link to={`/programs/${c.sourceId}`}>{t('admin.nav.programs')}</Link>
        ) : (
          '—'
        ),
    },
    { key: 'actions', title: t('admin.common.actions'), render: (_: unknown, c) => actions(c) },
  ];

  return (
    <>
      <search className="concord-filters">
        <ListSearch
          list={list}
          label={t('admin.commitments.searchLabel')}
          placeholder={t('admin.commitments.searchPlaceholder')}
          width={300}
        />
        <Select<string | undefined>
          aria-label={t('admin.commitments.statusFilter')}
          placeholder={t('admin.commitments.allStatuses')}
          value={state.status}
          onChange={(status) => update({ status })}
          allowClear
          style={{ width: 160 }}
          options={listStatuses.map((s) => ({ value: s, label: t(`admin.commitments.statuses.${s}`) }))}
        />
        <RecordPicker
          source="users"
          aria-label={t('admin.commitments.fields.ownerUser')}
          placeholder={t('admin.commitments.fields.ownerUser')}
          value={state.ownerUserId}
          onChange={(v) => update({ ownerUserId: v as string | undefined })}
          style={{ width: 200 }}
        />
        <RecordFilter
          source="org-units"
          value={state.ownerOrgUnitId}
          onChange={(ownerOrgUnitId) => update({ ownerOrgUnitId })}
          width={200}
        />
        <RecordFilter
          source="organizations"
          value={state.organizationId}
          onChange={(organizationId) => update({ organizationId })}
        />
      </search>
      <RecordTable<CommitmentListItem>
        list={list}
        result={rows}
        columns={columns}
        empty={{ text: t('admin.commitments.empty'), keep: ['view', 'by'] }}
        testId="commitments-table"
      />
    </>
  );
}
