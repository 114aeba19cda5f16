import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Empty, Input, Modal, Pagination, Spin, Tabs, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../admin/api.ts';
import { errorMessage } from '../../../admin/api-client.ts';
import { useSession } from '../../../admin/session.tsx';
import type { MediaOutput } from '../media.schema.ts';
import { MediaGrid } from './media-grid.tsx';
import { MediaUploader, mediaQueryKey } from './media-uploader.tsx';

const pageSize = 12;

/**
 * A dialog to choose an image: from the library (search, pages) or by uploading one. `onPick`
 * gets the chosen image, with its id, pixel size, alt texts, `url` (the 960 px derivative) and
 * every derivative; the dialog does not close by itself.
 */
export function MediaPicker({
  open,
  onClose,
  onPick,
  title,
}: {
  open: boolean;
  onClose: () => void;
  onPick: (media: MediaOutput) => void;
  title?: string;
}) {
  const { t } = useTranslation();
  const session = useSession();
  const canWrite = session.can('media.write');
  const [tab, setTab] = useState<'library' | 'upload'>('library');
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<MediaOutput | null>(null);

  useEffect(() => {
    if (open) {
      setTab('library');
      setSelected(null);
    }
  }, [open]);

  const query = { q, page, pageSize };
  const result = useQuery({
    queryKey: [...mediaQueryKey, 'list', query],
    queryFn: () => api('GET /api/media', { query }),
    placeholderData: keepPreviousData,
    enabled: open && session.can('news.read'),
  });
  const items = result.data?.items ?? [];

  const library = (
    <>
      <Input.Search
        aria-label={t('admin.media.searchLabel')}
        placeholder={t('admin.media.searchPlaceholder')}
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        onSearch={(value) => {
          setQ(value.trim());
          setPage(1);
        }}
        allowClear
        enterButton={t('admin.common.search')}
        style={{ width: 320, maxWidth: '100%', marginBottom: 12 }}
      />
      {result.isError && (
        <Alert
          type="error"
          showIcon
          title={t('admin.common.loadFailed')}
          description={errorMessage(result.error)}
          action={<Button onClick={() => void result.refetch()}>{t('admin.common.retry')}</Button>}
          style={{ marginBottom: 12 }}
        />
      )}
      <Spin spinning={result.isFetching} description={t('admin.common.loading')}>
        <div style={{ minHeight: 160, maxHeight: '55vh', overflowY: 'auto', padding: 2 }}>
          {result.isPending ? null : items.length === 0 ? (
            <Empty description={q ? t('admin.media.noMatch') : t('admin.media.empty')} />
          ) : (
            <MediaGrid
              items={items}
              selectedId={selected?.id ?? null}
              onChoose={setSelected}
              chooseLabel={(name) => t('admin.media.select', { name })}
            />
          )}
        </div>
      </Spin>
      {(result.data?.total ?? 0) > pageSize && (
        <Pagination
          size="small"
          style={{ marginTop: 12, justifyContent: 'flex-end' }}
          current={page}
          pageSize={pageSize}
          total={result.data?.total ?? 0}
          onChange={setPage}
        />
      )}
    </>
  );

  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={title ?? t('admin.media.picker.title')}
      width={960}
      destroyOnHidden
      footer={
        <div style={{ display: 'flex', justifyContent: 'space-between', gap: 12, alignItems: 'center' }}>
          <Typography.Text ellipsis aria-live="polite" style={{ maxWidth: '60%' }}>
            {selected ? t('admin.media.picker.selected', { name: selected.fileName }) : ''}
          </Typography.Text>
          <span>
            <Button onClick={onClose} style={{ marginInlineEnd: 8 }}>
              {t('admin.common.cancel')}
            </Button>
            <Button
              type="primary"
              disabled={!selected}
              onClick={() => selected && onPick(selected)}
              data-testid="media-picker-use"
            >
              {t('admin.media.picker.use')}
            </Button>
          </span>
        </div>
      }
    >
      <Tabs
        activeKey={tab}
        onChange={(key) => setTab(key as 'library' | 'upload')}
        items={[
          { key: 'library', label: t('admin.media.picker.library'), children: library },
          ...(canWrite
            ? [
                {
                  key: 'upload',
                  label: t('admin.media.picker.upload'),
                  children: (
                    <MediaUploader
                      onUploaded={(media) => {
                        setSelected(media);
                        setQ('');
                        setSearch('');
                        setPage(1);
                      }}
                    />
                  ),
                },
              ]
            : []),
        ]}
      />
    </Modal>
  );
}
