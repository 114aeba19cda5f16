import { useQueryClient } from '@tanstack/react-query';
import { Button, Progress, Typography, Upload, type UploadProps } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../admin/api-client.ts';
import { type MediaOutput, mediaAcceptedTypes } from '../media.schema.ts';
import { uploadMediaFile } from './upload-media.ts';

/** Query key prefix of everything about the media library. */
export const mediaQueryKey = ['media'] as const;

interface UploadItem {
  uid: string;
  name: string;
  percent: number;
  status: 'waiting' | 'uploading' | 'done' | 'duplicate' | 'failed';
  message?: string;
}

// Images are processed on the server as they arrive: two at a time keeps a batch moving without
// making the server work on many large files at once.
const parallelUploads = 2;

/**
 * Drag-and-drop (or click to choose) upload of several images at once, with each file's progress
 * and, when one is refused, the reason in the admin's language.
 */
export function MediaUploader({
  onUploaded,
}: {
  /** Called for each file the library now has (new, or the same file uploaded before). */
  onUploaded?: (media: MediaOutput, created: boolean) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [items, setItems] = useState<UploadItem[]>([]);
  const running = useRef(0);
  const waiting = useRef<(() => void)[]>([]);

  const patch = (uid: string, change: Partial<UploadItem>) =>
    setItems((list) => list.map((item) => (item.uid === uid ? { ...item, ...change } : item)));

  const runNext = () => {
    while (running.current < parallelUploads && waiting.current.length > 0) {
      running.current++;
      waiting.current.shift()?.();
    }
  };

  const customRequest: UploadProps['customRequest'] = (options) => {
    const file = options.file as File & { uid?: string };
    const uid = file.uid ?? `${file.name}-${Date.now()}-${Math.random()}`;
    const item: UploadItem = { uid, name: file.name, percent: 0, status: 'waiting' };
    setItems((list) => [item, ...list].slice(0, 50));
    waiting.current.push(() => {
      patch(uid, { status: 'uploading' });
      uploadMediaFile(file, (percent) => patch(uid, { percent }))
        .then(({ media, created }) => {
          patch(uid, { status: created ? 'done' : 'duplicate', percent: 100 });
          void queryClient.invalidateQueries({ queryKey: mediaQueryKey });
          onUploaded?.(media, created);
        })
        .catch((error: unknown) => patch(uid, { status: 'failed', message: errorMessage(error) }))
        .finally(() => {
          running.current--;
          runNext();
        });
    });
    runNext();
  };

  const statusText = (item: UploadItem) =>
    ({
      waiting: t('admin.media.uploadStatus.waiting'),
      uploading: t('admin.media.uploadStatus.uploading'),
      done: t('admin.media.uploadStatus.done'),
      duplicate: t('admin.media.uploadStatus.duplicate'),
      failed: t('admin.media.uploadStatus.failed'),
    })[item.status];

  const finished = items.filter((i) => i.status !== 'waiting' && i.status !== 'uploading');

  return (
    <div>
      <Upload.Dragger
        multiple
        accept={mediaAcceptedTypes.join(',')}
        showUploadList={false}
        customRequest={customRequest}
        data-testid="media-upload"
      >
        <p style={{ fontSize: 16, margin: '4px 0' }}>{t('admin.media.dropHint')}</p>
        <p style={{ color: '#595959', margin: 0 }}>{t('admin.media.dropHelp')}</p>
      </Upload.Dragger>
      {items.length > 0 && (
        <section aria-label={t('admin.media.uploadsLabel')} style={{ marginTop: 12 }}>
          <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-live="polite">
            {items.map((item) => (
              <li key={item.uid} style={{ padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}>
                <div style={{ display: 'flex', gap: 12, alignItems: 'baseline', flexWrap: 'wrap' }}>
                  <Typography.Text strong ellipsis style={{ maxWidth: 360 }}>
                    {item.name}
                  </Typography.Text>
                  <Typography.Text
                    type={item.status === 'failed' ? 'danger' : 'secondary'}
                    // antd's green is too light for text on white; this one passes WCAG AA.
                    style={item.status === 'done' || item.status === 'duplicate' ? { color: '#237804' } : {}}
                    data-testid="media-upload-status"
                  >
                    {statusText(item)}
                  </Typography.Text>
                </div>
                {item.status === 'uploading' && (
                  <Progress percent={item.percent} size="small" aria-label={item.name} />
                )}
                {item.message && (
                  <Typography.Text type="danger" role="alert" style={{ display: 'block' }}>
                    {item.message}
                  </Typography.Text>
                )}
              </li>
            ))}
          </ul>
          {finished.length > 0 && (
            <Button
              size="small"
              type="link"
              style={{ paddingInline: 0 }}
              onClick={() =>
                setItems((list) => list.filter((i) => i.status === 'waiting' || i.status === 'uploading'))
              }
            >
              {t('admin.media.clearUploads')}
            </Button>
          )}
        </section>
      )}
    </div>
  );
}
