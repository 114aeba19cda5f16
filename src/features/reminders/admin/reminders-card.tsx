import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Space, Table, type TableProps, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../admin/api.ts';
import { errorMessage } from '../../../admin/api-client.ts';
import { useLanguage } from '../../../admin/language.tsx';
import type { DeliveryOutput } from '../reminders.schema.ts';

const remindersKey = ['reminders'] as const;

/**
 * The college's e-mail reminders for its administrator: whether mail is set up, when the last one
 * went, and the reminders that failed or got no answer from the mail server, each to send again.
 */
export function RemindersCard() {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const problems = useQuery({
    queryKey: [...remindersKey, 'problems', page],
    queryFn: () => api('GET /api/reminders', { query: { status: 'problems', page, pageSize: 10 } }),
    placeholderData: keepPreviousData,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: remindersKey });
  const retry = useMutation({
    mutationFn: (id: string) => api('POST /api/reminders/:id/retry', { params: { id } }),
    onSuccess: () => {
      void message.success(t('admin.reminders.retried'));
      void refresh();
    },
    onError: (err) => void message.error(errorMessage(err)),
  });
  const run = useMutation({
    mutationFn: () => api('POST /api/reminders/run'),
    onSuccess: (counts) => {
      void message.success(t('admin.reminders.ran', { recorded: counts.recorded, queued: counts.queued }));
      void refresh();
    },
    onError: (err) => void message.error(errorMessage(err)),
  });
  const data = problems.data;
  const columns: TableProps<DeliveryOutput>['columns'] = [
    {
      key: 'person',
      title: t('admin.reminders.person'),
      render: (_: unknown, d) => (
        <span>
          {d.userName ?? '—'}
          {d.email && <Typography.Text type="secondary"> {d.email}</Typography.Text>}
        </span>
      ),
    },
    {
      key: 'what',
      title: t('admin.reminders.what'),
      render: (_: unknown, d) => `${t(`admin.reminders.kinds.${d.kind}`)}: ${d.title}`,
    },
    {
      key: 'status',
      title: t('admin.reminders.status'),
      render: (_: unknown, d) => (
        <Space orientation="vertical" size={0}>
          <Tag color={d.status === 'failed' ? 'red' : 'gold'}>
            {t(`admin.reminders.statuses.${d.status}`)}
          </Tag>
          {d.lastError && <Typography.Text type="secondary">{d.lastError}</Typography.Text>}
        </Space>
      ),
    },
    {
      key: 'actions',
      title: t('admin.common.actions'),
      render: (_: unknown, d) => (
        <Button
          size="small"
          loading={retry.isPending && retry.variables === d.id}
          onClick={() => retry.mutate(d.id)}
        >
          {t('admin.reminders.retry')}
        </Button>
      ),
    },
  ];
  return (
    <Card
      title={<h2 className="concord-card-title">{t('admin.reminders.title')}</h2>}
      extra={
        data?.mailConfigured && (
          <Button onClick={() => run.mutate()} loading={run.isPending} data-testid="reminders-run">
            {t('admin.reminders.run')}
          </Button>
        )
      }
      data-testid="reminders-card"
    >
      {problems.isError && (
        <Alert
          type="error"
          showIcon
          title={t('admin.common.loadFailed')}
          description={errorMessage(problems.error)}
          action={<Button onClick={() => void problems.refetch()}>{t('admin.common.retry')}</Button>}
        />
      )}
      {data && !data.mailConfigured && (
        <Alert type="info" showIcon title={t('admin.reminders.notConfigured')} style={{ marginBottom: 16 }} />
      )}
      {data?.mailConfigured && (
        <Typography.Paragraph>
          {data.lastSentAt
            ? t('admin.reminders.lastSent', { at: new Date(data.lastSentAt).toLocaleString(locale) })
            : t('admin.reminders.noneSent')}
        </Typography.Paragraph>
      )}
      <Table<DeliveryOutput>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={problems.isFetching}
        scroll={{ x: 'max-content' }}
        pagination={
          (data?.total ?? 0) > 10 && {
            current: page,
            pageSize: 10,
            total: data?.total ?? 0,
            onChange: setPage,
          }
        }
        locale={{ emptyText: <Empty description={t('admin.reminders.noProblems')} /> }}
      />
    </Card>
  );
}
