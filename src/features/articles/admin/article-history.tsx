import { Card, Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ArticleOutput } from '../articles.schema.ts';
import { formatTime } from './workflow-panel.tsx';

/** The record of an article: who wrote it, when it was created, last changed and first published. */
export function ArticleRecordCard({ article }: { article: ArticleOutput }) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      title={<h2 className="concord-card-title">{t('newsDesk.history.title')}</h2>}
      data-testid="article-record"
    >
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('newsDesk.fields.author')}>{article.authorName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('newsDesk.fields.createdAt')}>
          {formatTime(article.createdAt)}
        </Descriptions.Item>
        <Descriptions.Item label={t('newsDesk.fields.updatedAt')}>
          {formatTime(article.updatedAt)}
        </Descriptions.Item>
        <Descriptions.Item label={t('newsDesk.fields.publishedAt')}>
          {formatTime(article.publishedAt)}
        </Descriptions.Item>
        <Descriptions.Item label={t('newsDesk.revisions.title')}>{article.revisionCount}</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
