import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Select, Space, type TableProps, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../../admin/api.ts';
import { displayNameOf } from '../../../admin/display-name.ts';
import { useLanguage } from '../../../admin/language.tsx';
import { oneOf, useListState } from '../../../admin/list-state.ts';
import NotFoundPage from '../../../admin/not-found.page.tsx';
import { RecordListPage } from '../../../admin/record-list.tsx';
import { RecordFilter } from '../../../admin/record-picker.tsx';
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
    <RecordListPage<ProgramListItem>
      title={t('admin.programs.title')}
      list={list}
      result={query}
      columns={columns}
      exportList="programs"
      actions={
        session.can('records.write') && (
          <Button type="primary" onClick={() => setCreating(true)} data-testid="programs-create">
            {t('admin.programs.create')}
          </Button>
        )
      }
      search={{
        label: t('admin.programs.searchLabel'),
        placeholder: t('admin.programs.searchPlaceholder'),
        testId: 'programs-search',
      }}
      filters={
        <>
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
          <RecordFilter
            source="organizations"
            value={state.organizationId}
            onChange={(organizationId) => update({ organizationId })}
          />
          <RecordFilter
            source="org-units"
            value={state.orgUnitId}
            onChange={(orgUnitId) => update({ orgUnitId })}
            width={200}
          />
        </>
      }
      empty={{ text: t('admin.programs.empty') }}
      testId="programs-table"
    >
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
    </RecordListPage>
  );
}
