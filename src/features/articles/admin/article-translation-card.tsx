import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Drawer, Skeleton, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../../admin/api.ts';
import { errorMessage } from '../../../admin/api-client.ts';
import type { ArticleOutput } from '../articles.schema.ts';
import { articlesQueryKey, otherLocale, statusColor } from './news-desk.ts';

/** The article in the other language: a link to it with its status and title, or a way to write it. */
export function ArticleTranslationCard({
  article,
  canWrite,
  onCompare,
  onTranslate,
}: {
  article: ArticleOutput;
  canWrite: boolean;
  /** Opens the other language's text beside the editor. */
  onCompare: () => void;
  /** Starts the translation of this article into the other language. */
  onTranslate: () => void;
}) {
  const { t } = useTranslation();
  const translation = article.translations[0] ?? null;
  const other = otherLocale(article.locale);
  return (
    <Card
      size="small"
      title={<h2 className="concord-card-title">{t('newsDesk.translation.title')}</h2>}
      data-testid="article-translation"
    >
      {translation ? (
        <Space orientation="vertical" size={8} style={{ width: '100%' }}>
          <Space wrap size={[8, 4]}>
            <Link to={`/articles/${translation.id}`} data-testid="translation-link">
              {t(`newsDesk.translation.version.${translation.locale}`)}
            </Link>
            <Tag color={statusColor(translation.status)}>{t(`newsDesk.statuses.${translation.status}`)}</Tag>
          </Space>
          <Typography.Text lang={translation.locale}>{translation.title}</Typography.Text>
          <Button size="small" onClick={onCompare} data-testid="translation-compare">
            {t('newsDesk.translation.compare')}
          </Button>
        </Space>
      ) : (
        <Space orientation="vertical" size={8}>
          <Typography.Text type="secondary">{t(`newsDesk.translation.missing.${other}`)}</Typography.Text>
          {canWrite && (
            <Button onClick={onTranslate} data-testid="translation-create">
              {t(`newsDesk.translation.add.${other}`)}
            </Button>
          )}
        </Space>
      )}
    </Card>
  );
}

/** The other language's text beside the editor (no mask, so both stay usable), read only. */
export function TranslationCompare({
  id,
  open,
  onClose,
}: {
  id: string;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const other = useQuery({
    queryKey: [...articlesQueryKey, 'one', id],
    queryFn: () => api('GET /api/articles/:id', { params: { id } }),
    enabled: open,
  });
  const a = other.data;
  return (
    <Drawer
      open={open}
      onClose={onClose}
      mask={false}
      size={560}
      title={a ? t(`newsDesk.translation.version.${a.locale}`) : t('admin.common.loading')}
      extra={a ? <Link to={`/articles/${a.id}`}>{t('newsDesk.translation.openIt')}</Link> : null}
    >
      {other.isPending && <Skeleton active />}
      {other.isError && <Alert type="error" showIcon title={errorMessage(other.error)} />}
      {a && (
        <article lang={a.locale} className="news-desk-compare">
          <Tag color={statusColor(a.status)}>{t(`newsDesk.statuses.${a.status}`)}</Tag>
          <h2>{a.title}</h2>
          {a.summary && <p className="news-desk-compare-summary">{a.summary}</p>}
          {/* The server stores only sanitized HTML (its allow-list); nothing else reaches here. */}
          {/* biome-ignore lint/security/noDangerouslySetInnerHtml: sanitized by the API on every save */}
          <div className="news-desk-prose" dangerouslySetInnerHTML={{ __html: a.bodyHtml }} />
        </article>
      )}
    </Drawer>
  );
}
