import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Modal, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../admin/api.ts';
import { errorMessage, isApiError } from '../../../admin/api-client.ts';
import { showApiErrorOnForm } from '../../../admin/form-errors.ts';
import { useLanguage } from '../../../admin/language.tsx';
import { channelsQueryKey } from '../../articles/admin/news-desk.ts';
import { useChannels } from '../../articles/admin/use-channels.ts';
import type {
  ChannelOutput,
  CreateChannelInput,
  UpdateChannelInput,
} from '../../articles/articles.schema.ts';

type Values = Pick<CreateChannelInput, 'slug' | 'nameZh' | 'nameEn'>;

/**
 * The public site's news channels, in the order its menu shows them: add one, rename it, change
 * its address, move it up or down.
 */
export function ChannelsCard() {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const channels = useChannels();
  const [form] = Form.useForm<Values>();
  const [editing, setEditing] = useState<ChannelOutput | 'new' | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const list = channels.data ?? [];

  const refresh = () => queryClient.invalidateQueries({ queryKey: channelsQueryKey });

  const open = (channel: ChannelOutput | 'new') => {
    setProblems([]);
    form.resetFields();
    if (channel !== 'new')
      form.setFieldsValue({ slug: channel.slug, nameZh: channel.nameZh, nameEn: channel.nameEn });
    setEditing(channel);
  };

  const save = async (values: Values) => {
    setBusy(true);
    setProblems([]);
    try {
      if (editing === 'new') {
        const body: CreateChannelInput = { ...values, position: (list.at(-1)?.position ?? 0) + 1 };
        await api('POST /api/channels', { body });
      } else if (editing) {
        const body: UpdateChannelInput = { ...values, version: editing.version };
        await api('PATCH /api/channels/:id', { params: { id: editing.id }, body });
      }
      await refresh();
      setEditing(null);
      void message.success(t('admin.settings.channelSaved'));
    } catch (error) {
      if (isApiError(error) && error.status === 409) {
        setProblems([t('admin.settings.channelConflict')]);
        await refresh();
      } else setProblems(showApiErrorOnForm(form, error, ['slug', 'nameZh', 'nameEn']));
    } finally {
      setBusy(false);
    }
  };

  /** Swaps a channel with its neighbour; positions are renumbered so each is distinct. */
  const move = async (index: number, by: -1 | 1) => {
    const other = list[index + by];
    const channel = list[index];
    if (!other || !channel) return;
    setBusy(true);
    try {
      const order = [...list];
      order[index] = other;
      order[index + by] = channel;
      for (const [position, c] of order.entries()) {
        if (c.position !== position)
          await api('PATCH /api/channels/:id', {
            params: { id: c.id },
            body: { version: c.version, position },
          });
      }
      void message.success(t('admin.settings.channelsReordered'));
    } catch (error) {
      void message.error(errorMessage(error));
    } finally {
      await refresh();
      setBusy(false);
    }
  };

  const name = (c: ChannelOutput) => (locale === 'en' ? c.nameEn : c.nameZh);

  return (
    <Card
      title={<h2 className="concord-card-title">{t('admin.settings.channels')}</h2>}
      extra={
        <Button onClick={() => open('new')} data-testid="channel-add">
          {t('admin.settings.addChannel')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('admin.settings.channelsHelp')}</Typography.Paragraph>
      {channels.isError && (
        <Alert
          type="error"
          showIcon
          title={t('admin.common.loadFailed')}
          description={errorMessage(channels.error)}
          action={<Button onClick={() => void channels.refetch()}>{t('admin.common.retry')}</Button>}
        />
      )}
      <Table<ChannelOutput>
        rowKey="id"
        size="small"
        loading={channels.isPending || busy}
        pagination={false}
        dataSource={list}
        data-testid="channels-table"
        scroll={{ x: 'max-content' }}
        columns={[
          { key: 'name', title: t('admin.settings.channelName'), render: (_, c) => name(c) },
          {
            key: 'slug',
            title: t('admin.settings.channelAddress'),
            render: (_, c) => (
              <span className="concord-mono">{`/${locale === 'en' ? 'en' : 'zh'}/${c.slug}/`}</span>
            ),
          },
          {
            key: 'actions',
            title: t('admin.common.actions'),
            render: (_, c, index) => (
              <Space wrap>
                <Button
                  size="small"
                  onClick={() => open(c)}
                  aria-label={t('admin.settings.editChannel', { name: name(c) })}
                >
                  {t('admin.common.edit')}
                </Button>
                <Button
                  size="small"
                  disabled={index === 0 || busy}
                  onClick={() => void move(index, -1)}
                  aria-label={t('admin.settings.moveUp', { name: name(c) })}
                >
                  ↑
                </Button>
                <Button
                  size="small"
                  disabled={index === list.length - 1 || busy}
                  onClick={() => void move(index, 1)}
                  aria-label={t('admin.settings.moveDown', { name: name(c) })}
                >
                  ↓
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('admin.settings.addChannel') : t('admin.settings.editChannelTitle')}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okText={t('admin.common.save')}
        cancelText={t('admin.common.cancel')}
        confirmLoading={busy}
        destroyOnHidden
      >
        {problems.length > 0 && (
          <Alert type="error" showIcon role="alert" title={problems[0]} style={{ marginBottom: 16 }} />
        )}
        <Form<Values>
          form={form}
          name="channel"
          layout="vertical"
          onFinish={(v) => void save(v)}
          preserve={false}
        >
          <Form.Item
            name="nameZh"
            label={t('admin.settings.fields.channelNameZh')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          >
            <Input lang="zh-CN" maxLength={100} data-testid="channel-name-zh" />
          </Form.Item>
          <Form.Item
            name="nameEn"
            label={t('admin.settings.fields.channelNameEn')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          >
            <Input lang="en" maxLength={100} data-testid="channel-name-en" />
          </Form.Item>
          <Form.Item
            name="slug"
            label={t('admin.settings.fields.channelSlug')}
            extra={t('admin.settings.channelSlugHelp')}
            rules={[
              { required: true, message: t('validation.required') },
              { pattern: /^[a-z0-9]+(-[a-z0-9]+)*$/, message: t('validation.invalid_slug') },
            ]}
          >
            <Input autoComplete="off" maxLength={120} className="concord-mono" data-testid="channel-slug" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
