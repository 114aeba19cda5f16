import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Empty, Pagination, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../admin/api.ts';
import { errorMessage } from '../../../admin/api-client.ts';
import { pageSizes, useListState } from '../../../admin/list-state.ts';
import NotFoundPage from '../../../admin/not-found.page.tsx';
import { ListSearch } from '../../../admin/record-list.tsx';
import { useSession } from '../../../admin/session.tsx';
import type { MediaOutput } from '../media.schema.ts';
import { MediaDetailsDrawer } from './media-details-drawer.tsx';
import { MediaGrid } from './media-grid.tsx';
import { MediaUploader, mediaQueryKey } from './media-uploader.tsx';

/** The media library: search, a grid of thumbnails by page, uploads, and a drawer to describe each image. */
export default function MediaLibraryPage() {
  const { t } = useTranslation();
  const session = useSession();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const list = useListState([] as const);
  const { state, update } = list;
  const [open, setOpen] = useState<MediaOutput | null>(null);
  const [uploading, setUploading] = useState(false);
  const canRead = session.can('news.read');
  const canWrite = session.can('media.write');
  const query = { q: state.q, page: state.page, pageSize: state.pageSize };

  const result = useQuery({
    queryKey: [...mediaQueryKey, 'list', query],
    queryFn: () => api('GET /api/media', { query }),
    placeholderData: keepPreviousData,
    enabled: canRead,
  });
  if (!canRead) return <NotFoundPage />;

  const items = result.data?.items ?? [];
  const total = result.data?.total ?? 0;

  return (
    <>
      <div className="concord-page-header">
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          {t('admin.media.title')}
        </Typography.Title>
        {canWrite && (
          <Button
            type={uploading ? 'default' : 'primary'}
            aria-expanded={uploading}
            aria-controls="media-uploader"
            onClick={() => setUploading((v) => !v)}
            data-testid="media-upload-toggle"
          >
            {uploading ? t('admin.media.hideUpload') : t('admin.media.upload')}
          </Button>
        )}
      </div>
      {canWrite && uploading && (
        <div id="media-uploader" style={{ marginBottom: 16 }}>
          <MediaUploader />
        </div>
      )}
      <search className="concord-filters">
        <ListSearch
          list={list}
          label={t('admin.media.searchLabel')}
          placeholder={t('admin.media.searchPlaceholder')}
          width={320}
        />
      </search>
      {result.isError && (
        <Alert
          type="error"
          showIcon
          title={t('admin.common.loadFailed')}
          description={errorMessage(result.error)}
          action={<Button onClick={() => void result.refetch()}>{t('admin.common.retry')}</Button>}
          style={{ marginBottom: 16 }}
        />
      )}
      <Spin spinning={result.isFetching} description={t('admin.common.loading')}>
        <div data-testid="media-library" aria-busy={result.isFetching} style={{ minHeight: 160 }}>
          {result.isPending ? null : items.length === 0 ? (
            <Empty
              description={
                state.q ? (
                  t('admin.media.noMatch')
                ) : (
                  <>
                    <div>{t('admin.media.empty')}</div>
                    {canWrite && <div>{t('admin.media.emptyHelp')}</div>}
                  </>
                )
              }
            >
              {state.q ? (
                <Button onClick={() => list.clear()}>{t('admin.common.clearFilters')}</Button>
              ) : canWrite && !uploading ? (
                <Button type="primary" onClick={() => setUploading(true)}>
                  {t('admin.media.upload')}
                </Button>
              ) : null}
            </Empty>
          ) : (
            <MediaGrid
              items={items}
              onChoose={setOpen}
              chooseLabel={(name) => t('admin.media.openDetails', { name })}
            />
          )}
        </div>
      </Spin>
      {total > 0 && (
        <Pagination
          style={{ marginTop: 16, justifyContent: 'flex-end' }}
          current={state.page}
          pageSize={state.pageSize}
          total={total}
          pageSizeOptions={pageSizes}
          showSizeChanger
          showTotal={(n) => t('admin.common.total', { count: n })}
          onChange={(page, pageSize) =>
            update({
              page: page === 1 ? undefined : page,
              pageSize: pageSize === 20 ? undefined : pageSize,
            })
          }
        />
      )}
      <MediaDetailsDrawer
        media={open}
        canWrite={canWrite}
        onClose={() => setOpen(null)}
        onSaved={() => {
          setOpen(null);
          void queryClient.invalidateQueries({ queryKey: mediaQueryKey });
          void message.success(t('admin.media.saved'));
        }}
        onDeleted={() => {
          setOpen(null);
          void queryClient.invalidateQueries({ queryKey: mediaQueryKey });
          void message.success(t('admin.media.deleted'));
        }}
      />
    </>
  );
}
