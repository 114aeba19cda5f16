import { useMutation } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Modal,
  Popconfirm,
  Space,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../admin/api.ts';
import { errorMessage, isApiError } from '../../../admin/api-client.ts';
import { useSession } from '../../../admin/session.tsx';
import type {
  ArticleAction,
  ArticleOutput,
  PublishInput,
  ScheduleInput,
  SendBackInput,
  WorkflowInput,
} from '../articles.schema.ts';
import { allowedActions, sitePath, statusColor } from './news-desk.ts';

type ActionBody = WorkflowInput | SendBackInput | ScheduleInput | PublishInput;

/** The actions asking for a comment (required for send-back) or a time, in a dialog. */
type DialogAction = 'approve' | 'send-back' | 'schedule';

/** The shortest lead time for a scheduled publication. */
const minimumLeadMinutes = 1;

/** A time as the desk shows it (local time, minutes). */
export function formatTime(value: string | null | undefined): string {
  return value ? dayjs(value).format('YYYY-MM-DD HH:mm') : '—';
}

/**
 * The workflow of one language of an article: its status, when it goes out or went out, where it is
 * on the site, and the actions the user's permissions allow in this status. Destructive actions ask
 * first; sending back asks why; scheduling asks when (in the future).
 */
export function WorkflowPanel({
  article,
  channelSlug,
  dirty,
  onChanged,
  onConflict,
}: {
  article: ArticleOutput;
  channelSlug: string | undefined;
  /** Unsaved edits: the workflow waits until they are saved. */
  dirty: boolean;
  onChanged: (article: ArticleOutput) => void;
  onConflict: (message: string) => void;
}) {
  const { t } = useTranslation();
  const session = useSession();
  const { message } = App.useApp();
  const [dialog, setDialog] = useState<DialogAction | null>(null);
  const actions = allowedActions(article.status, session.can);

  const run = useMutation({
    mutationFn: ({ action, body }: { action: ArticleAction; body: ActionBody }) =>
      api(`POST /api/articles/:id/${action}`, { params: { id: article.id }, body }),
    onSuccess: (saved, { action }) => {
      setDialog(null);
      onChanged(saved);
      void message.success(t(`newsDesk.workflow.done.${action}`));
    },
    onError: (error) => {
      if (isApiError(error, 'conflict')) {
        setDialog(null);
        onConflict(error.message);
        return;
      }
      void message.error(errorMessage(error));
    },
  });
  const act = (action: ArticleAction, extra: Partial<ActionBody> = {}) =>
    run.mutateAsync({ action, body: { version: article.version, ...extra } as ActionBody });

  const link = channelSlug ? sitePath(article.locale, channelSlug, article.slug) : null;
  const busy = run.isPending;

  const button = (action: ArticleAction) => {
    const label = t(`newsDesk.workflow.actions.${action}`);
    const common = { disabled: dirty || busy, 'data-testid': `workflow-${action}` } as const;
    switch (action) {
      case 'submit':
        return (
          <Button key={action} type="primary" loading={busy} onClick={() => void act(action)} {...common}>
            {label}
          </Button>
        );
      case 'approve':
      case 'send-back':
      case 'schedule':
        return (
          <Button
            key={action}
            type={action === 'approve' ? 'primary' : 'default'}
            onClick={() => setDialog(action)}
            {...common}
          >
            {label}
          </Button>
        );
      default:
        return (
          <Popconfirm
            key={action}
            title={t(`newsDesk.workflow.confirm.${action}`)}
            okText={label}
            cancelText={t('admin.common.cancel')}
            okButtonProps={{ danger: action === 'unpublish', id: `workflow-${action}-confirm` }}
            onConfirm={() => act(action).catch(() => undefined)}
            disabled={dirty || busy}
          >
            <Button
              type={action === 'publish' ? 'primary' : 'default'}
              danger={action === 'unpublish'}
              {...common}
            >
              {label}
            </Button>
          </Popconfirm>
        );
    }
  };

  return (
    <Card
      size="small"
      title={<h2 className="concord-card-title">{t('newsDesk.workflow.title')}</h2>}
      data-testid="workflow-panel"
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <div>
          <Tag color={statusColor(article.status)} data-testid="article-status">
            {t(`newsDesk.statuses.${article.status}`)}
          </Tag>
          <Typography.Text type="secondary">
            {t(`newsDesk.workflow.explain.${article.status}`)}
          </Typography.Text>
        </div>
        {article.status === 'scheduled' && article.publishAt && (
          <Typography.Text strong data-testid="article-goes-out">
            {t('newsDesk.goesOutAt', { time: formatTime(article.publishAt) })}
          </Typography.Text>
        )}
        {article.publishedAt && (
          <Typography.Text>
            {t('newsDesk.workflow.publishedAt', { time: formatTime(article.publishedAt) })}
          </Typography.Text>
        )}
        {article.status === 'published' && link && (
          <a href={link} target="_blank" rel="noopener" data-testid="article-site-link">
            {t('newsDesk.workflow.viewOnSite')}
          </a>
        )}
        {dirty && actions.length > 0 && (
          <Alert type="info" showIcon title={t('newsDesk.workflow.saveFirst')} />
        )}
        {actions.length > 0 ? (
          <Space wrap>{actions.map(button)}</Space>
        ) : (
          <Typography.Text type="secondary">{t('newsDesk.workflow.nothingToDo')}</Typography.Text>
        )}
      </Space>
      <CommentDialog
        action={dialog === 'approve' || dialog === 'send-back' ? dialog : null}
        busy={busy}
        onCancel={() => setDialog(null)}
        onSubmit={(action, comment) => act(action, comment ? { comment } : {}).catch(() => undefined)}
      />
      <ScheduleDialog
        open={dialog === 'schedule'}
        busy={busy}
        current={article.publishAt}
        onCancel={() => setDialog(null)}
        onSubmit={(publishAt, comment) =>
          act('schedule', { publishAt, ...(comment ? { comment } : {}) }).catch(() => undefined)
        }
      />
    </Card>
  );
}

/** Approve (with an optional remark) or send back (the reviewer must say why). */
function CommentDialog({
  action,
  busy,
  onCancel,
  onSubmit,
}: {
  action: 'approve' | 'send-back' | null;
  busy: boolean;
  onCancel: () => void;
  onSubmit: (action: 'approve' | 'send-back', comment: string) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ comment?: string }>();
  useEffect(() => {
    if (action) form.resetFields();
  }, [action, form]);
  const required = action === 'send-back';
  return (
    <Modal
      open={action !== null}
      title={action ? t(`newsDesk.workflow.dialog.${action}`) : ''}
      onCancel={onCancel}
      onOk={() => form.submit()}
      okText={action ? t(`newsDesk.workflow.actions.${action}`) : ''}
      cancelText={t('admin.common.cancel')}
      confirmLoading={busy}
      okButtonProps={{ id: 'workflow-comment-submit', danger: required }}
      forceRender
    >
      <Form
        form={form}
        name="workflow-action"
        layout="vertical"
        onFinish={(v) => action && onSubmit(action, v.comment?.trim() ?? '')}
      >
        <Form.Item
          name="comment"
          label={required ? t('newsDesk.workflow.reason') : t('newsDesk.workflow.remark')}
          rules={[
            ...(required
              ? [{ required: true, whitespace: true, message: t('newsDesk.workflow.reasonRequired') }]
              : []),
            { max: 5000, message: t('validation.too_long', { max: 5000 }) },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} data-testid="workflow-comment" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Chooses when a scheduled article goes out: a date and time in the future. */
function ScheduleDialog({
  open,
  busy,
  current,
  onCancel,
  onSubmit,
}: {
  open: boolean;
  busy: boolean;
  current: string | null;
  onCancel: () => void;
  onSubmit: (publishAt: string, comment: string) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ publishAt: Dayjs | null; comment?: string }>();
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    const proposed = current && dayjs(current).isAfter(dayjs()) ? dayjs(current) : null;
    form.setFieldsValue({ publishAt: proposed });
  }, [open, current, form]);

  return (
    <Modal
      open={open}
      title={t('newsDesk.workflow.dialog.schedule')}
      onCancel={onCancel}
      onOk={() => form.submit()}
      okText={t('newsDesk.workflow.actions.schedule')}
      cancelText={t('admin.common.cancel')}
      confirmLoading={busy}
      okButtonProps={{ id: 'workflow-schedule-submit' }}
      forceRender
    >
      <Form
        form={form}
        name="workflow-schedule"
        layout="vertical"
        onFinish={(v) => v.publishAt && onSubmit(v.publishAt.toISOString(), v.comment?.trim() ?? '')}
      >
        <Form.Item
          name="publishAt"
          label={t('newsDesk.workflow.publishAt')}
          extra={t('newsDesk.workflow.publishAtHelp')}
          rules={[
            { required: true, message: t('validation.required') },
            {
              validator: (_, value: Dayjs | null) =>
                !value || value.isAfter(dayjs().add(minimumLeadMinutes, 'minute').subtract(30, 'second'))
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('newsDesk.workflow.publishAtFuture'))),
            },
          ]}
        >
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            disabledDate={(d) => d.isBefore(dayjs(), 'day')}
            style={{ width: '100%' }}
            data-testid="workflow-publish-at"
          />
        </Form.Item>
        <Form.Item name="comment" label={t('newsDesk.workflow.remark')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
