import { App, Button, Descriptions, Drawer, Form, Input, Popconfirm, Space } from 'antd';
import i18next from 'i18next';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../admin/api.ts';
import { formatDateTime } from '../../../admin/format-date.ts';
import { useLanguage } from '../../../admin/language.tsx';
import { RecordFormAlerts, useRecordForm } from '../../../admin/record-form.tsx';
import { type MediaOutput, mediaAltText } from '../media.schema.ts';

interface Values {
  altZh: string;
  altEn: string;
  captionZh: string;
  captionEn: string;
  credit: string;
}
const fieldNames = ['altZh', 'altEn', 'captionZh', 'captionEn', 'credit'];

/** A byte count as KB or MB. */
export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024
    ? i18next.t('admin.media.sizeMb', { size: (bytes / 1024 / 1024).toFixed(1) })
    : i18next.t('admin.media.sizeKb', { size: Math.max(1, Math.round(bytes / 1024)) });
}

/**
 * One image of the library: a preview, its facts, its public addresses (to copy or open), the form
 * for alt texts, captions and credit in both languages, and removal from the library.
 */
export function MediaDetailsDrawer({
  media,
  canWrite,
  onClose,
  onSaved,
  onDeleted,
}: {
  media: MediaOutput | null;
  canWrite: boolean;
  onClose: () => void;
  onSaved: (media: MediaOutput) => void;
  onDeleted: (media: MediaOutput) => void;
}) {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [record, setRecord] = useState(media);
  const recordForm = useRecordForm(form, fieldNames);
  const { clear, saving } = recordForm;

  const fill = useCallback(
    (m: MediaOutput) => {
      form.resetFields();
      form.setFieldsValue({
        altZh: m.altZh,
        altEn: m.altEn,
        captionZh: m.captionZh,
        captionEn: m.captionEn,
        credit: m.credit,
      });
    },
    [form],
  );

  useEffect(() => {
    if (!media) return;
    setRecord(media);
    clear();
    fill(media);
  }, [media, fill, clear]);

  const save = async (v: Values) => {
    if (!record) return;
    await recordForm.submit(async () => {
      const saved = await api('PATCH /api/media/:id', {
        params: { id: record.id },
        body: { ...v, version: record.version },
      });
      setRecord(saved);
      onSaved(saved);
    });
  };

  const reload = () =>
    recordForm.reload(async () => {
      if (!record) return;
      const latest = await api('GET /api/media/:id', { params: { id: record.id } });
      setRecord(latest);
      fill(latest);
    });

  const remove = async () => {
    if (!record) return;
    // A stale version shows the conflict with its reload, like a save; other problems above the form.
    await recordForm.submit(async () => {
      await api('DELETE /api/media/:id', { params: { id: record.id }, query: { version: record.version } });
      onDeleted(record);
    });
  };

  const copy = async (path: string) => {
    try {
      await navigator.clipboard.writeText(new URL(path, window.location.origin).href);
      void message.success(t('admin.media.copied'));
    } catch {
      void message.error(t('admin.media.copyFailed'));
    }
  };

  const m = record;
  return (
    <Drawer
      open={media !== null}
      onClose={onClose}
      title={t('admin.media.detailsTitle')}
      size={640}
      forceRender
      footer={
        canWrite && m ? (
          <Space style={{ display: 'flex', justifyContent: 'space-between' }}>
            <Popconfirm
              title={t('admin.media.confirmDelete')}
              okText={t('admin.media.delete')}
              cancelText={t('admin.common.cancel')}
              okButtonProps={{ danger: true }}
              onConfirm={() => remove()}
            >
              <Button danger data-testid="media-delete">
                {t('admin.media.delete')}
              </Button>
            </Popconfirm>
            <Space>
              <Button onClick={onClose}>{t('admin.common.cancel')}</Button>
              <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="media-save">
                {t('admin.common.save')}
              </Button>
            </Space>
          </Space>
        ) : undefined
      }
    >
      {m && (
        <>
          <img
            src={m.url}
            alt={mediaAltText(m, locale).alt}
            width={m.width}
            height={m.height}
            style={{
              display: 'block',
              width: '100%',
              height: 'auto',
              maxHeight: 360,
              objectFit: 'contain',
              background: '#f5f5f5',
              marginBottom: 16,
            }}
          />
          <Descriptions column={1} size="small" style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('admin.media.fields.fileName')}>{m.fileName}</Descriptions.Item>
            <Descriptions.Item label={t('admin.media.fields.pixelSize')}>
              {t('admin.media.pixelSize', { width: m.width, height: m.height })}
            </Descriptions.Item>
            <Descriptions.Item label={t('admin.media.fields.fileSize')}>
              {formatBytes(m.byteSize)} · {m.contentType}
            </Descriptions.Item>
            <Descriptions.Item label={t('admin.media.fields.uploadedAt')}>
              {formatDateTime(m.createdAt)}
            </Descriptions.Item>
            <Descriptions.Item label={t('admin.media.fields.imageUrl')}>
              <Space wrap>
                <code>{m.url}</code>
                <Button size="small" onClick={() => void copy(m.url)} data-testid="media-copy-url">
                  {t('admin.media.copyUrl')}
                </Button>
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('admin.media.fields.pageUrl')}>
              <Space wrap>
                <a href={m.pageUrls['zh-CN']} target="_blank" rel="noopener" lang="zh-CN">
                  {t('admin.media.openPageZh')}
                </a>
                <a href={m.pageUrls.en} target="_blank" rel="noopener" lang="en">
                  {t('admin.media.openPageEn')}
                </a>
                <Button size="small" onClick={() => void copy(m.pageUrls[locale])}>
                  {t('admin.media.copyPageUrl')}
                </Button>
              </Space>
            </Descriptions.Item>
          </Descriptions>
        </>
      )}
      <RecordFormAlerts state={recordForm.state} onReload={() => void reload()} />
      <Form<Values>
        name="media-details-drawer"
        form={form}
        layout="vertical"
        disabled={saving || !canWrite}
        onFinish={(v) => void save(v)}
      >
        <Form.Item name="altZh" label={t('admin.media.fields.altZh')} extra={t('admin.media.altHelp')}>
          <Input lang="zh-CN" maxLength={300} data-testid="media-alt-zh" />
        </Form.Item>
        <Form.Item name="altEn" label={t('admin.media.fields.altEn')}>
          <Input lang="en" maxLength={300} data-testid="media-alt-en" />
        </Form.Item>
        <Form.Item name="captionZh" label={t('admin.media.fields.captionZh')}>
          <Input.TextArea lang="zh-CN" maxLength={1000} autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
        <Form.Item name="captionEn" label={t('admin.media.fields.captionEn')}>
          <Input.TextArea lang="en" maxLength={1000} autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
        <Form.Item name="credit" label={t('admin.media.fields.credit')}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
