import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Card, Grid, Progress, Segmented, Space, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
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
import type { SheetImportDetail } from '../sheet-import.schema.ts';
import { type SheetImportKind, sheetImportKinds } from '../sheet-import.schema.ts';

export const sheetImportsKey = ['sheet-imports'] as const;

/** The colour of a sheet import's status. */
export function sheetStatusColor(status: SheetImportDetail['status']): string {
  return { checked: 'blue', committed: 'green', undone: 'default' }[status];
}

/** Sheets from Excel or CSV (partners, people, figures, engagements, practice): the template, the upload, and the imports so far. */
export default function SheetImportsPage() {
  const list = useListState(['kind'] as const);
  const { page, pageSize } = list.state;
  // Five choices do not fit a phone's width side by side: they stack there.
  const wide = Grid.useBreakpoint().md ?? true;
  const asked = list.state.kind;
  const kind: SheetImportKind = sheetImportKinds.includes(asked as SheetImportKind)
    ? (asked as SheetImportKind)
    : 'partners';
  const { t, i18n } = useTranslation();
  const session = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [percent, setPercent] = useState(0);
  const allowed = session.can('imports.run');
  const history = useQuery({
    queryKey: [...sheetImportsKey, page, pageSize],
    queryFn: () => api('GET /api/imports/sheets', { query: { page, pageSize } }),
    placeholderData: keepPreviousData,
    enabled: allowed,
  });
  const upload = useMutation({
    mutationFn: async (file: File) => {
      setPercent(0);
      const path = withQuery('/imports/sheets/files', { kind, name: file.name });
      return (
        await sendWithProgress<SheetImportDetail>(path, file, setPercent, {
          contentType: 'application/octet-stream',
        })
      ).body;
    },
    onSuccess: (d) => void navigate(`/imports/sheets/${d.id}`),
    onError: (e) => void message.error(errorMessage(e)),
  });
  if (!allowed) return <NotFoundPage />;

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          {t('admin.sheets.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('admin.sheets.intro')}</Typography.Paragraph>
      </div>
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('admin.sheets.kind')}</h2>}>
        <div style={{ maxWidth: '100%', overflowX: 'auto' }}>
          <Segmented
            aria-label={t('admin.sheets.kind')}
            data-testid="sheet-kind"
            vertical={!wide}
            block={!wide}
            value={kind}
            onChange={(v) => list.update({ kind: String(v) })}
            options={sheetImportKinds.map((k) => ({ value: k, label: t(`sheetImport.kinds.${k}`) }))}
          />
        </div>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t(`admin.sheets.kindHelp.${kind}`)}
        </Typography.Paragraph>
      </Card>
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('admin.sheets.step1')}</h2>}>
        <Space wrap>
          <Button
            href={`/api/imports/sheets/template?kind=${kind}&lang=zh-CN`}
            data-testid="sheet-template-zh"
          >
            {t('admin.sheets.templateZh')}
          </Button>
          <Button href={`/api/imports/sheets/template?kind=${kind}&lang=en`} data-testid="sheet-template-en">
            {t('admin.sheets.templateEn')}
          </Button>
        </Space>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('admin.sheets.templateHelp')}
        </Typography.Paragraph>
      </Card>
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('admin.sheets.step2')}</h2>}>
        <Upload.Dragger
          accept=".xlsx,.csv"
          maxCount={1}
          showUploadList={false}
          data-testid="sheet-file"
          disabled={upload.isPending}
          beforeUpload={(f) => {
            upload.mutate(f);
            return false;
          }}
        >
          <p>{t('admin.sheets.drop')}</p>
          <p style={{ color: 'rgba(0,0,0,0.65)' }}>{t('admin.sheets.dropHelp')}</p>
        </Upload.Dragger>
        {upload.isPending && <Progress percent={percent} aria-label={t('admin.imports.uploading')} />}
      </Card>
      <div>
        <Typography.Title level={2} style={{ fontSize: 18 }}>
          {t('admin.sheets.history')}
        </Typography.Title>
        <ScrollRegion label={t('admin.sheets.history')}>
          <RecordTable<SheetImportDetail>
            list={list}
            result={history}
            testId="sheet-history"
            empty={{ text: t('admin.sheets.none'), keep: ['kind'] }}
            // The region scrolls (and takes the keyboard), not a box inside the table.
            tableProps={{ scroll: undefined, style: { minWidth: 640 } }}
            columns={[
              {
                key: 'file',
                title: t('admin.imports.file'),
                render: (_, r) => <Link to={`/imports/sheets/${r.id}`}>{r.sourceName}</Link>,
              },
              {
                key: 'kind',
                title: t('admin.sheets.kindColumn'),
                render: (_, r) => t(`sheetImport.kinds.${r.kind}`),
              },
              {
                key: 'status',
                title: t('admin.imports.status'),
                render: (_, r) => (
                  <Tag color={sheetStatusColor(r.status)}>{t(`admin.sheets.statuses.${r.status}`)}</Tag>
                ),
              },
              {
                key: 'counts',
                title: t('admin.imports.counts'),
                render: (_, r) =>
                  t('admin.sheets.countsText', {
                    create: r.counts.create ?? 0,
                    update: r.counts.update ?? 0,
                    rejected: r.counts.rejected ?? 0,
                  }),
              },
              {
                key: 'at',
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
