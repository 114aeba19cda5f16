import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Select, type TableProps, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../../admin/api.ts';
import { oneOf, useListState } from '../../../admin/list-state.ts';
import NotFoundPage from '../../../admin/not-found.page.tsx';
import { RecordListPage } from '../../../admin/record-list.tsx';
import { RecordFilter } from '../../../admin/record-picker.tsx';
import { useSession } from '../../../admin/session.tsx';
import {
  type AgreementOutput,
  agreementSorts,
  agreementStatusSchema,
  agreementTypeSchema,
} from '../agreements.schema.ts';
import { AgreementFormDrawer } from './agreement-form-drawer.tsx';

/** Query key prefix of everything about agreements. */
export const agreementsQueryKey = ['agreements'] as const;

/** The colour of an agreement status tag. */
export function statusColor(status: AgreementOutput['status']): string {
  return {
    draft: 'default',
    in_review: 'gold',
    signed: 'blue',
    active: 'green',
    expired: 'red',
    terminated: 'default',
  }[status];
}

/** Agreements: all (search, type, status, partner, paged) or those expiring within 30, 90 or 180 days. */
export default function AgreementsPage() {
  const { t } = useTranslation();
  const session = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const list = useListState(['tab', 'type', 'status', 'organizationId', 'signedYear'] as const);
  const { state, update } = list;
  const within = state.tab === '30' || state.tab === '90' || state.tab === '180' ? state.tab : undefined;
  const [creating, setCreating] = useState(false);
  const { tab: _tab, ...query } = state;

  const all = useQuery({
    queryKey: [...agreementsQueryKey, 'list', query],
    queryFn: () =>
      api('GET /api/agreements', {
        query: {
          ...query,
          sort: oneOf(agreementSorts, query.sort),
          type: oneOf(agreementTypeSchema.options, query.type),
          status: oneOf(agreementStatusSchema.options, query.status),
        },
      }),
    placeholderData: keepPreviousData,
    enabled: session.can('records.read') && !within,
  });
  const expiring = useQuery({
    queryKey: [...agreementsQueryKey, 'expiring', within],
    queryFn: async () => {
      const { items } = await api('GET /api/agreements/expiring', { query: { within } });
      return { items, total: items.length };
    },
    enabled: session.can('records.read') && Boolean(within),
  });
  if (!session.can('records.read')) return <NotFoundPage />;
  const current = within ? expiring : all;

  const columns: TableProps<AgreementOutput>['columns'] = [
    {
      key: 'title',
      title: t('admin.agreements.fields.title'),
      render: (_: unknown, a) => <Link to={`/agreements/${a.id}`}>{a.titleZh || a.titleEn}</Link>,
    },
    {
      key: 'code',
      dataIndex: 'code',
      title: t('admin.agreements.fields.code'),
      render: (v: string | null) => v ?? '—',
    },
    {
      key: 'type',
      dataIndex: 'type',
      title: t('admin.agreements.fields.type'),
      render: (v: AgreementOutput['type']) => t(`admin.agreements.types.${v}`),
    },
    {
      key: 'status',
      dataIndex: 'status',
      title: t('admin.agreements.fields.status'),
      render: (v: AgreementOutput['status']) => (
        <Tag color={statusColor(v)}>{t(`admin.agreements.statuses.${v}`)}</Tag>
      ),
    },
    {
      key: 'signedOn',
      dataIndex: 'signedOn',
      title: t('admin.agreements.fields.signedOn'),
      render: (v) => v ?? '—',
    },
    {
      key: 'validTo',
      dataIndex: 'validTo',
      title: t('admin.agreements.fields.validTo'),
      sorter: !within,
      sortOrder: list.sortOrder('validTo'),
      render: (v) => v ?? '—',
    },
  ];

  return (
    <RecordListPage<AgreementOutput>
      title={t('admin.agreements.title')}
      list={list}
      result={current}
      columns={columns}
      exportList={within ? undefined : 'agreements'}
      exportQuery={query}
      actions={
        session.can('records.write') && (
          <Button type="primary" onClick={() => setCreating(true)} data-testid="agreements-create">
            {t('admin.agreements.create')}
          </Button>
        )
      }
      above={
        <Tabs
          activeKey={within ?? 'all'}
          onChange={(key) => update({ tab: key === 'all' ? undefined : key })}
          items={[
            { key: 'all', label: t('admin.agreements.all') },
            ...(['30', '90', '180'] as const).map((days) => ({
              key: days,
              label: t('admin.agreements.expiringWithin', { days }),
            })),
          ]}
        />
      }
      search={
        within
          ? undefined
          : { label: t('admin.agreements.searchLabel'), placeholder: t('admin.agreements.searchPlaceholder') }
      }
      filters={
        !within && (
          <>
            <Select<string | undefined>
              aria-label={t('admin.agreements.typeFilter')}
              placeholder={t('admin.agreements.allTypes')}
              value={state.type}
              onChange={(type) => update({ type })}
              allowClear
              style={{ width: 170 }}
              options={agreementTypeSchema.options.map((v) => ({
                value: v,
                label: t(`admin.agreements.types.${v}`),
              }))}
            />
            <Select<string | undefined>
              aria-label={t('admin.agreements.statusFilter')}
              placeholder={t('admin.agreements.allStatuses')}
              value={state.status}
              onChange={(status) => update({ status })}
              allowClear
              style={{ width: 150 }}
              options={agreementStatusSchema.options.map((v) => ({
                value: v,
                label: t(`admin.agreements.statuses.${v}`),
              }))}
            />
            <RecordFilter
              source="organizations"
              value={state.organizationId}
              onChange={(organizationId) => update({ organizationId })}
            />
          </>
        )
      }
      empty={{ text: t('admin.agreements.empty'), keep: ['tab'] }}
      testId="agreements-table"
      paged={!within}
    >
      <AgreementFormDrawer
        open={creating}
        agreement={null}
        onClose={() => setCreating(false)}
        onSaved={(a) => {
          setCreating(false);
          void message.success(t('admin.agreements.created'));
          void queryClient.invalidateQueries({ queryKey: agreementsQueryKey });
          void navigate(`/agreements/${a.id}`);
        }}
      />
    </RecordListPage>
  );
}
