import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type TableProps, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../../admin/api.ts';
import { displayName } from '../../../admin/display-name.ts';
import { useLanguage } from '../../../admin/language.tsx';
import { oneOf, sortOrderOf } from '../../../admin/list-state.ts';
import { RecordListPage } from '../../../admin/record-list.tsx';
import type { FacilityOutput, MajorOutput } from '../org-units.schema.ts';
import { structureQueryKey, useOrgUnits } from './org-unit-select.tsx';
import { RowActions } from './structure-row-actions.tsx';
import type { AnyRecord, StructureTabProps } from './structure-tab-props.ts';

/** The orders the majors and facilities tabs offer (facilities have no code). */
export const majorSorts = ['nameZh', '-nameZh', 'code', '-code'] as const;
const facilitySorts = ['nameZh', '-nameZh'] as const;

/** Majors or facilities: searched, sorted and paged on the server. */
export function PagedList({
  kind,
  shell,
  canWrite,
  onDialog,
}: StructureTabProps & { kind: 'major' | 'facility' }) {
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
