import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  Popconfirm,
  Progress,
  Row,
  Segmented,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../../admin/api.ts';
import { errorMessage } from '../../../admin/api-client.ts';
import NotFoundPage from '../../../admin/not-found.page.tsx';
import { ScrollRegion } from '../../../admin/scroll-region.tsx';
import { useSession } from '../../../admin/session.tsx';
import type { ImportRunDetail } from '../imports.schema.ts';
import { importsQueryKey, statusColor } from './imports.page.tsx';

type Item = ImportRunDetail['report'][number];
const outcomes = ['all', 'created', 'updated', 'skipped', 'refused', 'warnings'] as const;
type OutcomeFilter = (typeof outcomes)[number];

const outcomeColor: Record<Item['outcome'], string> = {
  created: 'green',
  updated: 'blue',
  skipped: 'default',
  degraded: 'orange',
  refused: 'red',
};

/** One import: live progress while it runs, a way to stop it, and the report of every file. */
export default function ImportRunPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const session = useSession();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [filter, setFilter] = useState<OutcomeFilter>('all');
  const run = useQuery({
    queryKey: [...importsQueryKey, 'run', id],
    queryFn: () => api('GET /api/imports/:id', { params: { id } }),
    enabled: session.can('imports.run'),
    refetchInterval: (q) =>
      q.state.data && ['queued', 'running'].includes(q.state.data.status) ? 1000 : false,
  });
  const cancel = useMutation({
    mutationFn: () => api('POST /api/imports/:id/cancel', { params: { id }, body: {} }),
    onSuccess: (data) => {
      queryClient.setQueryData([...importsQueryKey, 'run', id], data);
      void message.info(t('admin.imports.cancelAsked'));
    },
    onError: (error) => void message.error(errorMessage(error)),
  });
  if (!session.can('imports.run')) return <NotFoundPage />;
  if (run.isError) {
    return (
      <Alert
        type="error"
        showIcon
        message={errorMessage(run.error)}
        action={<Button onClick={() => void run.refetch()}>{t('admin.common.retry')}</Button>}
      />
    );
  }
  const r = run.data;
  const going = r ? r.status === 'queued' || r.status === 'running' : false;
  const reasonText = (reason: string) =>
    t(`admin.imports.reasons.${reason}` as never, { defaultValue: reason }) as string;
  const items = (r?.report ?? []).filter((item) =>
    filter === 'all'
      ? true
      : filter === 'warnings'
        ? (item.outcome === 'created' || item.outcome === 'updated') && item.reasons.length > 0
        : item.outcome === filter,
  );

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Link to="/imports">{t('admin.imports.back')}</Link>
      <div className="concord-page-header">
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          {r ? t('admin.imports.runTitle', { name: r.sourceName }) : t('admin.imports.title')}
        </Typography.Title>
        {going && (
          <Popconfirm
            title={t('admin.imports.cancelConfirm')}
            okText={t('admin.imports.cancel')}
            cancelText={t('admin.imports.keepGoing')}
            onConfirm={() => cancel.mutate()}
          >
            <Button
              danger
              loading={cancel.isPending}
              disabled={r?.cancelRequested}
              data-testid="import-cancel"
            >
              {r?.cancelRequested ? t('admin.imports.cancelling') : t('admin.imports.cancel')}
            </Button>
          </Popconfirm>
        )}
      </div>
      {r && (
        <Card>
          <Space direction="vertical" style={{ width: '100%' }}>
            <Space wrap>
              <Tag color={statusColor(r.status)} data-testid="import-status">
                {t(`admin.imports.statuses.${r.status}`)}
              </Tag>
              {r.options.dryRun && <Tag>{t('admin.imports.dryRun')}</Tag>}
              {r.options.publish && <Tag color="blue">{t('admin.imports.publishedTag')}</Tag>}
            </Space>
            <Progress
              data-testid="import-progress"
              percent={r.total ? Math.round((r.processed / r.total) * 100) : r.status === 'done' ? 100 : 0}
              status={r.status === 'failed' ? 'exception' : going ? 'active' : 'normal'}
              aria-label={t('admin.imports.progress')}
            />
            <div aria-live="polite">
              {t('admin.imports.processedOf', { processed: r.processed, total: r.total })}
            </div>
            {r.error && <Alert type="error" showIcon message={r.error} />}
            <Row gutter={[12, 12]}>
              {(['created', 'updated', 'skipped', 'degraded', 'refused'] as const).map((k) => (
                <Col xs={12} sm={8} md={4} key={k}>
                  <Statistic title={t(`admin.imports.outcomes.${k}`)} value={r[k]} />
                </Col>
              ))}
            </Row>
          </Space>
        </Card>
      )}
      {r && !going && (
        <div>
          <Typography.Title level={2} style={{ fontSize: 18 }}>
            {t('admin.imports.report')}
          </Typography.Title>
          <div style={{ overflowX: 'auto', maxWidth: '100%', marginBottom: 12 }}>
            <Segmented<OutcomeFilter>
              aria-label={t('admin.imports.report')}
              value={filter}
              onChange={setFilter}
              options={outcomes.map((o) => ({ value: o, label: t(`admin.imports.filters.${o}`) }))}
            />
          </div>
          <ScrollRegion label={t('admin.imports.report')}>
            <Table<Item>
              data-testid="import-report"
              rowKey={(item, i) => `${item.path}|${i}`}
              size="small"
              style={{ minWidth: 860 }}
              dataSource={items}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              locale={{ emptyText: <Empty description={t('admin.imports.nothingHere')} /> }}
              columns={[
                {
                  key: 'outcome',
                  title: t('admin.imports.outcome'),
                  render: (_, item) => (
                    <Tag
                      color={
                        item.reasons.length && item.outcome !== 'refused' && item.outcome !== 'skipped'
                          ? 'orange'
                          : outcomeColor[item.outcome]
                      }
                    >
                      {t(`admin.imports.outcomes.${item.outcome}`)}
                    </Tag>
                  ),
                },
                {
                  key: 'path',
                  title: t('admin.imports.file'),
                  render: (_, item) => <code style={{ wordBreak: 'break-all' }}>{item.path || '—'}</code>,
                },
                {
                  key: 'title',
                  title: t('admin.imports.article'),
                  render: (_, item) =>
                    item.articleId && !r.options.dryRun ? (
                      <Link to={`/articles/${item.articleId}`}>{item.title}</Link>
                    ) : (
                      (item.title ?? '—')
                    ),
                },
                {
                  key: 'date',
                  title: t('admin.imports.date'),
                  render: (_, item) =>
                    item.date
                      ? `${item.date} (${t(`admin.imports.dateSources.${item.dateSource ?? 'page'}` as never)})`
                      : '—',
                },
                {
                  key: 'why',
                  title: t('admin.imports.why'),
                  render: (_, item) =>
                    item.reasons.length ? (
                      <span>
                        {item.reasons.map(reasonText).join('; ')}
                        {item.detail ? (
                          <Typography.Text type="secondary"> ({item.detail})</Typography.Text>
                        ) : null}
                      </span>
                    ) : (
                      '—'
                    ),
                },
              ]}
            />
          </ScrollRegion>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            {r.finishedAt
              ? t('admin.imports.finishedAt', { at: new Date(r.finishedAt).toLocaleString(i18n.language) })
              : null}
          </Typography.Paragraph>
        </div>
      )}
    </Space>
  );
}
