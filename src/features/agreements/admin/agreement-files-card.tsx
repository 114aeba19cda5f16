import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Popconfirm, Skeleton, Space, Table, Upload } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../admin/api.ts';
import { errorMessage } from '../../../admin/api-client.ts';
import type { AgreementFileOutput } from '../agreements.schema.ts';

const accepted = '.pdf,.jpg,.jpeg,.png,.webp,.doc,.docx';

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The signed scan and annexes of an agreement: list, download, upload (checked by content on the server), remove. */
export function AgreementFilesCard(props: { agreementId: string; canWrite: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const key = ['agreements', 'files', props.agreementId];
  const files = useQuery({
    queryKey: key,
    queryFn: () => api('GET /api/agreements/:id/files', { params: { id: props.agreementId } }),
  });
  const [uploading, setUploading] = useState(false);
  const remove = useMutation({
    mutationFn: (file: AgreementFileOutput) =>
      api('DELETE /api/agreements/:id/files/:fileId', { params: { id: props.agreementId, fileId: file.id } }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: key });
      void message.success(t('admin.agreements.files.removed'));
    },
    onError: (error) => void message.error(errorMessage(error)),
  });

  const upload = async (file: File) => {
    setUploading(true);
    try {
      const form = new FormData();
      form.append('file', file);
      const response = await fetch(`/api/agreements/${props.agreementId}/files`, {
        method: 'POST',
        body: form,
        credentials: 'same-origin',
        headers: { Accept: 'application/json', 'Accept-Language': document.documentElement.lang || 'zh-CN' },
      });
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
        throw new Error(body?.error?.message ?? t('admin.common.unexpected'));
      }
      void message.success(t('admin.agreements.files.uploaded', { name: file.name }));
      void queryClient.invalidateQueries({ queryKey: key });
    } catch (error) {
      void message.error(error instanceof Error ? error.message : t('admin.common.unexpected'));
    } finally {
      setUploading(false);
    }
  };

  return (
    <Card
      title={<h2 className="concord-card-title">{t('admin.agreements.files.title')}</h2>}
      extra={
        props.canWrite && (
          <Upload
            accept={accepted}
            showUploadList={false}
            multiple
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
          >
            <Button loading={uploading} data-testid="agreement-file-upload">
              {t('admin.agreements.files.upload')}
            </Button>
          </Upload>
        )
      }
      data-testid="agreement-files"
    >
      <p style={{ marginTop: 0 }}>{t('admin.agreements.files.help')}</p>
      {files.isPending && <Skeleton active />}
      {files.isError && <Alert type="error" showIcon title={errorMessage(files.error)} />}
      {files.isSuccess && (
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={files.data}
          locale={{ emptyText: <Empty description={t('admin.agreements.files.empty')} /> }}
          columns={[
            {
              key: 'name',
              title: t('admin.agreements.files.name'),
              render: (_: unknown, f) => (
                <a href={`/api/agreements/${props.agreementId}/files/${f.id}`} download={f.fileName}>
                  {f.fileName}
                </a>
              ),
            },
            {
              key: 'size',
              title: t('admin.agreements.files.size'),
              render: (_: unknown, f) => formatSize(f.byteSize),
            },
            {
              key: 'added',
              title: t('admin.agreements.files.added'),
              render: (_: unknown, f) => dayjs(f.createdAt).format('YYYY-MM-DD HH:mm'),
            },
            ...(props.canWrite
              ? [
                  {
                    key: 'actions',
                    title: <span className="concord-visually-hidden">{t('admin.records.remove')}</span>,
                    render: (_: unknown, f: AgreementFileOutput) => (
                      <Space>
                        <Popconfirm
                          title={t('admin.agreements.files.confirmRemove', { name: f.fileName })}
                          okText={t('admin.records.remove')}
                          cancelText={t('admin.common.cancel')}
                          okButtonProps={{ danger: true }}
                          onConfirm={() => remove.mutateAsync(f).catch(() => undefined)}
                        >
                          <Button danger size="small">
                            {t('admin.records.remove')}
                          </Button>
                        </Popconfirm>
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
    </Card>
  );
}
