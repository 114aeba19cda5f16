import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Progress, Select, Space, Switch, Tag, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../../admin/api.ts';
import { errorMessage, withQuery } from '../../../admin/api-client.ts';
import { useListState } from '../../../admin/list-state.ts';
import NotFoundPage from '../../../admin/not-found.page.tsx';
import { RecordTable } from '../../../admin/record-list.tsx';
import { ScrollRegion } from '../../../admin/scroll-region.tsx';
import { useSession } from '../../../admin/session.tsx';
import { sendWithProgress } from '../../../admin/upload.ts';
import type { ImportRunOutput } from '../imports.schema.ts';

interface Values {
  channelId: string;
  language: 'auto' | 'zh-CN' | 'en';
  publish: boolean;
  dryRun: boolean;
}

export const importsQueryKey = ['imports'] as const;

/** The colour of a run's status. */
export function statusColor(status: ImportRunOutput['status']): string {
  // Preset colours with enough contrast (the status presets' text is too light on their ground).
  return { queued: 'default', running: 'blue', done: 'green', failed: 'red', cancelled: 'orange' }[status];
}

/** Upload a news archive of the former site and follow the imports of the college. */
export default function ImportsPage() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const session = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [file, setFile] = useState<File | null>(null);
  const [percent, setPercent] = useState(0);
  const list = useListState([] as const);
  const { page, pageSize } = list.state;
  const allowed = session.can('imports.run');
  const channels = useQuery({
    queryKey: ['channels'],
    queryFn: () => api('GET /api/channels'),
    enabled: allowed,
  });
  const runs = useQuery({
    queryKey: [...importsQueryKey, page, pageSize],
    queryFn: () => api('GET /api/imports', { query: { page, pageSize } }),
    placeholderData: keepPreviousData,
    enabled: allowed,
    // Follow runs that are still going.
    refetchInterval: (q) =>
      q.state.data?.items.some((r) => r.status === 'queued' || r.status === 'running') ? 2000 : false,
  });
  const start = useMutation({
    mutationFn: async (v: Values) => {
      if (!file) throw new Error(t('admin.imports.chooseFile'));
      setPercent(0);
      const path = withQuery('/imports/news/files', {
        name: file.name,
        channelId: v.channelId,
        language: v.language,
        publish: String(v.publish),
        dryRun: String(v.dryRun),
      });
      return (
        await sendWithProgress<ImportRunOutput>(path, file, setPercent, { contentType: 'application/zip' })
      ).body;
    },
    onSuccess: (run) => {
      void queryClient.invalidateQueries({ queryKey: importsQueryKey });
      void message.success(t('admin.imports.started'));
      void navigate(`/imports/${run.id}`);
    },
    onError: (error) =>
      void message.error(
        error instanceof Error && !('status' in error) ? error.message : errorMessage(error),
      ),
  });
  // The news channel is chosen once the channels arrive.
  const newsChannelId = channels.data?.items.find((c) => c.slug === 'news')?.id;
  useEffect(() => {
    if (newsChannelId && !form.getFieldValue('channelId')) form.setFieldValue('channelId', newsChannelId);
  }, [form, newsChannelId]);
  if (!allowed) return <NotFoundPage />;

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          {t('admin.imports.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('admin.imports.intro')}</Typography.Paragraph>
      </div>
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('admin.imports.newImport')}</h2>}>
        <Form<Values>
          name="imports"
          form={form}
          layout="vertical"
          style={{ maxWidth: 560 }}
          initialValues={{ language: 'auto', publish: false, dryRun: false }}
          onFinish={(v) => start.mutate(v)}
          disabled={start.isPending}
        >
          <Form.Item label={t('admin.imports.archive')} extra={t('admin.imports.archiveHelp')} required>
            <Upload.Dragger
              accept=".zip,application/zip"
              maxCount={1}
              data-testid="import-file"
              beforeUpload={(f) => {
                setFile(f);
                return false;
              }}
              onRemove={() => setFile(null)}
              fileList={file ? [{ uid: 'archive', name: file.name, status: 'done' }] : []}
            >
              <p>{t('admin.imports.drop')}</p>
            </Upload.Dragger>
          </Form.Item>
          <Form.Item
            name="channelId"
            label={t('admin.imports.channel')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <Select
              data-testid="import-channel"
              loading={channels.isLoading}
              options={(channels.data?.items ?? []).map((c) => ({
                value: c.id,
                label: en ? c.nameEn || c.nameZh : c.nameZh,
              }))}
            />
          </Form.Item>
          <Form.Item name="language" label={t('admin.imports.language')}>
            <Select
              options={[
                { value: 'auto', label: t('admin.imports.languageAuto') },
                { value: 'zh-CN', label: '中文' },
                { value: 'en', label: 'English' },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="publish"
            label={t('admin.imports.publish')}
            valuePropName="checked"
            extra={t('admin.imports.publishHelp')}
          >
            <Switch data-testid="import-publish" />
          </Form.Item>
          <Form.Item
            name="dryRun"
            label={t('admin.imports.dryRun')}
            valuePropName="checked"
            extra={t('admin.imports.dryRunHelp')}
          >
            <Switch />
          </Form.Item>
          {start.isPending && <Progress percent={percent} aria-label={t('admin.imports.uploading')} />}
          <Button
            type="primary"
            htmlType="submit"
            loading={start.isPending}
            disabled={!file}
            data-testid="import-start"
          >
            {t('admin.imports.start')}
          </Button>
        </Form>
      </Card>
      <div>
        <Typography.Title level={2} style={{ fontSize: 18 }}>
          {t('admin.imports.runs')}
        </Typography.Title>
        <ScrollRegion label={t('admin.imports.runs')}>
          <RecordTable<ImportRunOutput>
            list={list}
            result={runs}
            testId="import-runs"
            empty={{ text: t('admin.imports.noRuns') }}
            tableProps={{
              // The region scrolls (and takes the keyboard), not a box inside the table.
              scroll: undefined,
              style: { minWidth: 760 },
              // No spinner each time the runs still going are looked at again.
              loading: false,
            }}
            columns={[
              {
                key: 'name',
                title: t('admin.imports.file'),
                render: (_, r) => <Link to={`/imports/${r.id}`}>{r.sourceName}</Link>,
              },
              {
                key: 'status',
                title: t('admin.imports.status'),
                render: (_, r) => (
                  <Tag color={statusColor(r.status)}>
                    {t(`admin.imports.statuses.${r.status}`)}
                    {r.options.dryRun ? ` · ${t('admin.imports.dryRun')}` : ''}
                  </Tag>
                ),
              },
              {
                key: 'progress',
                title: t('admin.imports.progress'),
                render: (_, r) => (
                  <Progress
                    percent={
                      r.total ? Math.round((r.processed / r.total) * 100) : r.status === 'done' ? 100 : 0
                    }
                    size="small"
                    style={{ minWidth: 120 }}
                  />
                ),
              },
              {
                key: 'counts',
                title: t('admin.imports.counts'),
                render: (_, r) => t('admin.imports.countsText', r),
              },
              {
                key: 'createdAt',
                title: t('admin.imports.startedAt'),
                render: (_, r) => new Date(r.createdAt).toLocaleString(i18n.language),
              },
            ]}
          />
        </ScrollRegion>
      </div>
    </Space>
  );
}
