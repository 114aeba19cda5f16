import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Drawer, Empty, List, Popconfirm, Skeleton, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../admin/api.ts';
import { errorMessage, isApiError } from '../../../admin/api-client.ts';
import type { ArticleOutput, DiffPart } from '../articles.schema.ts';
import { articlesQueryKey } from './news-desk.ts';
import { formatTime } from './workflow-panel.tsx';

/**
 * A diff as text: what the current version added underlined in green, what it removed struck
 * through in red; screen readers hear which is which.
 */
export function DiffText({ parts, lang }: { parts: readonly DiffPart[]; lang?: string }) {
  const { t } = useTranslation();
  return (
    <div className="news-desk-diff" lang={lang}>
      {parts.map((part, i) =>
        part.added ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts never move
          <ins key={i}>
            <span className="concord-visually-hidden">{t('newsDesk.revisions.addedMark')}</span>
            {part.value}
          </ins>
        ) : part.removed ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts never move
          <del key={i}>
            <span className="concord-visually-hidden">{t('newsDesk.revisions.removedMark')}</span>
            {part.value}
          </del>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts never move
          <span key={i}>{part.value}</span>
        ),
      )}
    </div>
  );
}

function changed(parts: readonly DiffPart[]): boolean {
  return parts.some((p) => p.added || p.removed);
}

/** The revisions of an article (newest first); one opened shows what changed since, and can be restored. */
export function RevisionsDrawer({
  article,
  open,
  canRestore,
  dirty,
  onClose,
  onRestored,
  onConflict,
}: {
  article: ArticleOutput;
  open: boolean;
  canRestore: boolean;
  dirty: boolean;
  onClose: () => void;
  onRestored: (article: ArticleOutput) => void;
  onConflict: (message: string) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [chosen, setChosen] = useState<number | null>(null);
  useEffect(() => {
    if (!open) setChosen(null);
  }, [open]);

  const revisions = useQuery({
    queryKey: [...articlesQueryKey, 'revisions', article.id, article.revisionCount],
    queryFn: async () => {
      const { items } = await api('GET /api/articles/:id/revisions', { params: { id: article.id } });
      return [...items].sort((a, b) => b.number - a.number);
    },
    enabled: open,
  });
  const revision = useQuery({
    queryKey: [...articlesQueryKey, 'revision', article.id, chosen, article.version],
    queryFn: () =>
      api('GET /api/articles/:id/revisions/:number', { params: { id: article.id, number: String(chosen) } }),
    enabled: open && chosen !== null,
  });
  const restore = useMutation({
    mutationFn: (number: number) =>
      api('POST /api/articles/:id/revisions/:number/restore', {
        params: { id: article.id, number: String(number) },
        body: { version: article.version },
      }),
    onSuccess: (saved, number) => {
      void message.success(t('newsDesk.revisions.restored', { number }));
      onRestored(saved);
    },
    onError: (error) => {
      if (isApiError(error, 'conflict')) onConflict(error.message);
      else void message.error(errorMessage(error));
    },
  });

  const r = revision.data;
  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={720}
      title={t('newsDesk.revisions.title')}
      data-testid="revisions-drawer"
    >
      {revisions.isPending && <Skeleton active />}
      {revisions.isError && <Alert type="error" showIcon title={errorMessage(revisions.error)} />}
      {revisions.isSuccess && revisions.data.length === 0 && (
        <Empty description={t('newsDesk.revisions.empty')} />
      )}
      {revisions.isSuccess && revisions.data.length > 0 && (
        <List
          size="small"
          bordered
          dataSource={revisions.data}
          renderItem={(item) => (
            <List.Item
              data-testid="revision-item"
              actions={[
                <Button
                  key="show"
                  size="small"
                  type={chosen === item.number ? 'primary' : 'default'}
                  aria-pressed={chosen === item.number}
                  onClick={() => setChosen(item.number)}
                  data-testid="revision-show"
                >
                  {t('newsDesk.revisions.show')}
                </Button>,
              ]}
            >
              <Space orientation="vertical" size={0}>
                <Typography.Text strong>
                  {t('newsDesk.revisions.number', { number: item.number })}
                </Typography.Text>
                <Typography.Text type="secondary">
                  {t('newsDesk.revisions.byAt', {
                    name: item.authorName ?? t('admin.audit.system'),
                    time: formatTime(item.createdAt),
                  })}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
      {chosen !== null && (
        <section aria-labelledby="revision-diff-title" style={{ marginTop: 24 }} data-testid="revision-diff">
          <Typography.Title level={3} id="revision-diff-title" style={{ fontSize: 16 }}>
            {t('newsDesk.revisions.diffTitle', { number: chosen })}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('newsDesk.revisions.legend')}</Typography.Paragraph>
          {revision.isPending && <Skeleton active />}
          {revision.isError && <Alert type="error" showIcon title={errorMessage(revision.error)} />}
          {r && (
            <>
              {!changed(r.diff.title) && !changed(r.diff.summary) && !changed(r.diff.body) && (
                <Alert
                  type="info"
                  showIcon
                  title={t('newsDesk.revisions.same')}
                  style={{ marginBottom: 12 }}
                />
              )}
              <dl className="news-desk-diff-list">
                <dt>{t('newsDesk.fields.title')}</dt>
                <dd>
                  <DiffText parts={r.diff.title} lang={article.locale} />
                </dd>
                <dt>{t('newsDesk.fields.summary')}</dt>
                <dd>
                  <DiffText parts={r.diff.summary} lang={article.locale} />
                </dd>
                <dt>{t('newsDesk.fields.body')}</dt>
                <dd>
                  <DiffText parts={r.diff.body} lang={article.locale} />
                </dd>
              </dl>
              {canRestore && (
                <Popconfirm
                  title={t('newsDesk.revisions.confirmRestore', { number: r.number })}
                  description={dirty ? t('newsDesk.revisions.restoreLosesEdits') : undefined}
                  okText={t('newsDesk.revisions.restore')}
                  cancelText={t('admin.common.cancel')}
                  okButtonProps={{ id: 'revision-restore-confirm' }}
                  onConfirm={() => restore.mutateAsync(r.number).catch(() => undefined)}
                >
                  <Button loading={restore.isPending} data-testid="revision-restore">
                    {t('newsDesk.revisions.restore')}
                  </Button>
                </Popconfirm>
              )}
            </>
          )}
        </section>
      )}
    </Drawer>
  );
}
