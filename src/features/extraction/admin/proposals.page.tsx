import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Popconfirm, Segmented, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../../admin/api.ts';
import { errorMessage } from '../../../admin/api-client.ts';
import { oneOf, useListState } from '../../../admin/list-state.ts';
import NotFoundPage from '../../../admin/not-found.page.tsx';
import { ListSearch, RecordTable } from '../../../admin/record-list.tsx';
import { ScrollRegion } from '../../../admin/scroll-region.tsx';
import { useSession } from '../../../admin/session.tsx';
import { engagementTypeSchema } from '../../engagements/engagements.schema.ts';
import type { ProposalListItem } from '../proposals.schema.ts';

export const proposalsQueryKey = ['proposals'] as const;

const statuses = ['pending', 'confirmed', 'rejected', 'all'] as const;
const sorts = ['eventDate', '-eventDate', 'confidence', '-confidence'] as const;
const cooperationValues = ['true', 'false'] as const;

/** The colour of a proposal's status (preset colours with enough contrast). */
export function proposalStatusColor(status: ProposalListItem['status']): string {
  return { pending: 'blue', confirmed: 'green', rejected: 'default' }[status];
}

/** How sure the extractor is, as a word and a colour. */
export function ConfidenceTag({ value }: { value: number }) {
  const { t } = useTranslation();
  const level = value >= 0.7 ? 'high' : value >= 0.4 ? 'medium' : 'low';
  const color = { high: 'green', medium: 'orange', low: 'red' }[level];
  return (
    <Tag color={color}>
      {t(`admin.proposals.confidence.${level}`)} {Math.round(value * 100)}%
    </Tag>
  );
}

/** The review queue: every engagement proposed from an article, with filters and bulk rejection. */
export default function ProposalsPage() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const allowed = session.can('imports.run');
  const listState = useListState(['status', 'cooperation', 'type', 'year', 'confidence'] as const, sorts);
  const { state: query, update } = listState;
  const status = oneOf(statuses, query.status) ?? 'pending';
  const [selected, setSelected] = useState<string[]>([]);
  const confidence =
    query.confidence === 'high'
      ? { minConfidence: 0.7 }
      : query.confidence === 'low'
        ? { maxConfidence: 0.4 }
        : {};
  const list = useQuery({
    queryKey: [...proposalsQueryKey, query],
    queryFn: () =>
      api('GET /api/proposals', {
        query: {
          q: query.q || undefined,
          status: status === 'all' ? undefined : status,
          cooperation: oneOf(cooperationValues, query.cooperation),
          type: oneOf(engagementTypeSchema.options, query.type),
          year: query.year,
          sort: oneOf(sorts, query.sort),
          page: query.page,
          pageSize: query.pageSize,
          ...confidence,
        },
      }),
    placeholderData: keepPreviousData,
    enabled: allowed,
  });
  const run = useMutation({
    mutationFn: () => api('POST /api/proposals/run', { body: {} }),
    onSuccess: (r) => {
      void message.success(t('admin.proposals.runQueued', { count: r.unread }));
      setTimeout(() => void queryClient.invalidateQueries({ queryKey: proposalsQueryKey }), 4000);
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const bulk = useMutation({
    mutationFn: (v: { action: 'reject' | 'reopen'; ids: string[] }) =>
      api('POST /api/proposals/bulk', { body: { ...v, reason: 'not_cooperation' } }),
    onSuccess: (r, v) => {
      setSelected([]);
      void queryClient.invalidateQueries({ queryKey: proposalsQueryKey });
      if (v.action === 'reopen') {
        void message.success(t('admin.proposals.reopened', { count: r.changed }));
        return;
      }
      const key = `bulk-${Date.now()}`;
      void message.success({
        key,
        duration: 8,
        content: (
          <Space>
            {t('admin.proposals.rejectedMany', { count: r.changed })}
            <Button
              size="small"
              onClick={() => {
                message.destroy(key);
                bulk.mutate({ action: 'reopen', ids: v.ids });
              }}
            >
              {t('admin.proposals.undo')}
            </Button>
          </Space>
        ),
      });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  if (!allowed) return <NotFoundPage />;
  const years = Array.from({ length: 12 }, (_, i) => new Date().getFullYear() - i);

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          {t('admin.proposals.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('admin.proposals.intro')}</Typography.Paragraph>
        <Button onClick={() => run.mutate()} loading={run.isPending} data-testid="proposals-run">
          {t('admin.proposals.run')}
        </Button>
      </div>
      <Segmented
        aria-label={t('admin.proposals.status')}
        value={status}
        onChange={(v) => update({ status: v === 'pending' ? undefined : String(v) })}
        options={statuses.map((s) => ({ value: s, label: t(`admin.proposals.statuses.${s}`) }))}
      />
      <Space wrap>
        <ListSearch
          list={listState}
          label={t('admin.proposals.search')}
          placeholder={t('admin.proposals.search')}
          width={240}
        />
        <Select
          aria-label={t('admin.proposals.cooperation')}
          style={{ width: 180 }}
          value={query.cooperation ?? ''}
          onChange={(v) => update({ cooperation: v || undefined })}
          data-testid="proposals-cooperation"
          options={[
            { value: '', label: t('admin.proposals.cooperationAll') },
            { value: 'true', label: t('admin.proposals.cooperationYes') },
            { value: 'false', label: t('admin.proposals.cooperationNo') },
          ]}
        />
        <Select
          aria-label={t('admin.proposals.type')}
          style={{ width: 170 }}
          value={query.type ?? ''}
          onChange={(v) => update({ type: v || undefined })}
          options={[
            { value: '', label: t('admin.proposals.typeAll') },
            ...engagementTypeSchema.options.map((type) => ({
              value: type,
              label: t(`admin.engagements.types.${type}`),
            })),
          ]}
        />
        <Select
          aria-label={t('admin.proposals.year')}
          style={{ width: 130 }}
          value={query.year ?? ''}
          onChange={(v) => update({ year: v || undefined })}
          options={[
            { value: '', label: t('admin.proposals.yearAll') },
            ...years.map((y) => ({ value: String(y), label: String(y) })),
          ]}
        />
        <Select
          aria-label={t('admin.proposals.confidenceFilter')}
          style={{ width: 190 }}
          value={query.confidence ?? ''}
          onChange={(v) => update({ confidence: v || undefined })}
          options={[
            { value: '', label: t('admin.proposals.confidenceAll') },
            { value: 'high', label: t('admin.proposals.confidenceHigh') },
            { value: 'low', label: t('admin.proposals.confidenceLow') },
          ]}
        />
        {listState.filteredExcept(['status']) && (
          <Button onClick={() => listState.clear(['status'])}>{t('admin.proposals.clear')}</Button>
        )}
      </Space>
      {selected.length > 0 && (
        <Space>
          <Typography.Text>{t('admin.proposals.selected', { count: selected.length })}</Typography.Text>
          <Popconfirm
            title={t('admin.proposals.rejectManyConfirm', { count: selected.length })}
            okText={t('admin.proposals.reject')}
            cancelText={t('admin.proposals.keep')}
            onConfirm={() => bulk.mutate({ action: 'reject', ids: selected })}
          >
            <Button danger loading={bulk.isPending} data-testid="proposals-reject-selected">
              {t('admin.proposals.rejectSelected')}
            </Button>
          </Popconfirm>
        </Space>
      )}
      <ScrollRegion label={t('admin.proposals.title')}>
        <RecordTable<ProposalListItem>
          list={listState}
          result={list}
          testId="proposals-table"
          totalText={(count) => t('admin.proposals.total', { count })}
          empty={{
            text: status === 'pending' ? t('admin.proposals.empty') : t('admin.proposals.noMatch'),
            filteredText: t('admin.proposals.noMatch'),
            action: status === 'pending' && <Link to="/imports">{t('admin.proposals.toImports')}</Link>,
            keep: ['status'],
          }}
          tableProps={{
            // The region scrolls (and takes the keyboard), not a box inside the table.
            scroll: undefined,
            style: { minWidth: 860 },
            rowSelection: {
              selectedRowKeys: selected,
              onChange: (keys) => setSelected(keys.map(String)),
              getCheckboxProps: (r) => ({
                disabled: r.status !== 'pending',
                'aria-label': t('admin.proposals.select', { title: r.title }),
              }),
            },
          }}
          columns={[
            {
              key: 'title',
              title: t('admin.proposals.article'),
              render: (_, r) => (
                <Space direction="vertical" size={0}>
                  <Link to={`/proposals/${r.id}`}>{r.title}</Link>
                  {r.organizations.length > 0 && (
                    <Typography.Text type="secondary">
                      {r.organizations.slice(0, 3).join(' · ')}
                    </Typography.Text>
                  )}
                </Space>
              ),
            },
            {
              key: 'eventDate',
              title: t('admin.proposals.eventDate'),
              sorter: true,
              sortOrder:
                query.sort === 'eventDate'
                  ? 'ascend'
                  : query.sort === '-eventDate' || !query.sort
                    ? 'descend'
                    : null,
              render: (_, r) =>
                r.eventDate ? new Date(`${r.eventDate}T00:00:00`).toLocaleDateString(i18n.language) : '—',
            },
            {
              key: 'type',
              title: t('admin.proposals.type'),
              render: (_, r) =>
                r.isCooperation ? (
                  t(`admin.engagements.types.${r.eventType}`)
                ) : (
                  <Tag>{t('admin.proposals.notCooperation')}</Tag>
                ),
            },
            {
              key: 'confidence',
              title: t('admin.proposals.confidenceTitle'),
              sorter: true,
              sortOrder:
                query.sort === 'confidence' ? 'ascend' : query.sort === '-confidence' ? 'descend' : null,
              render: (_, r) => <ConfidenceTag value={r.confidence} />,
            },
            {
              key: 'status',
              title: t('admin.proposals.status'),
              render: (_, r) => (
                <Space size={4} wrap>
                  <Tag color={proposalStatusColor(r.status)}>{t(`admin.proposals.statuses.${r.status}`)}</Tag>
                  {r.engagementId && (
                    <Link to={`/engagements/${r.engagementId}`}>{t('admin.proposals.openEngagement')}</Link>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </ScrollRegion>
    </Space>
  );
}
