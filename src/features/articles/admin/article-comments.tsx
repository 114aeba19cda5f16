import { useMutation } from '@tanstack/react-query';
import { App, Button, Card, Empty, Form, Input, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../../admin/api.ts';
import { errorMessage } from '../../../admin/api-client.ts';
import { showApiErrorOnForm } from '../../../admin/form-errors.ts';
import type { ArticleCommentOutput, ArticleOutput } from '../articles.schema.ts';
import { formatTime } from './workflow-panel.tsx';

const kindColor: Record<ArticleCommentOutput['kind'], string> = {
  comment: 'default',
  approved: 'green',
  sent_back: 'volcano',
};

/** The review thread of an article, oldest first (approvals and send-backs included), with a box to add to it. */
export function ArticleComments({
  article,
  canComment,
  onAdded,
}: {
  article: ArticleOutput;
  canComment: boolean;
  onAdded: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ body: string }>();
  const add = useMutation({
    mutationFn: (body: string) =>
      api('POST /api/articles/:id/comments', { params: { id: article.id }, body: { body } }),
    onSuccess: () => {
      form.resetFields();
      onAdded();
      void message.success(t('newsDesk.comments.added'));
    },
    onError: (error) => {
      const rest = showApiErrorOnForm(form, error, ['body']);
      if (rest.length > 0) void message.error(rest[0] ?? errorMessage(error));
    },
  });

  return (
    <Card
      size="small"
      title={<h2 className="concord-card-title">{t('newsDesk.comments.title')}</h2>}
      data-testid="article-comments"
    >
      {article.comments.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('newsDesk.comments.empty')} />
      ) : (
        <ol className="news-desk-comments">
          {article.comments.map((c) => (
            <li key={c.id} data-testid="article-comment">
              <div className="news-desk-comment-head">
                <Typography.Text strong>{c.authorName ?? t('admin.audit.system')}</Typography.Text>
                {c.kind !== 'comment' && (
                  <Tag color={kindColor[c.kind]}>{t(`newsDesk.comments.kinds.${c.kind}`)}</Tag>
                )}
                <Typography.Text type="secondary">
                  <time dateTime={c.createdAt}>{formatTime(c.createdAt)}</time>
                </Typography.Text>
              </div>
              <p className="news-desk-comment-body">{c.body}</p>
            </li>
          ))}
        </ol>
      )}
      {canComment && (
        <Form
          form={form}
          name="article-comment"
          layout="vertical"
          onFinish={(v) => add.mutate(v.body.trim())}
          style={{ marginTop: 12 }}
        >
          <Form.Item
            name="body"
            label={t('newsDesk.comments.new')}
            rules={[
              { required: true, whitespace: true, message: t('validation.required') },
              { max: 5000, message: t('validation.too_long', { max: 5000 }) },
            ]}
          >
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} data-testid="comment-body" />
          </Form.Item>
          <Button htmlType="submit" loading={add.isPending} data-testid="comment-submit">
            {t('newsDesk.comments.submit')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
