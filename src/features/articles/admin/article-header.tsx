import { Alert, Button, Popconfirm, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ArticleOutput } from '../articles.schema.ts';
import { statusColor } from './news-desk.ts';

/**
 * The top of the article screen: the way back, the title, language and status, unsaved changes, the
 * revisions, delete and save buttons, then why it cannot be edited and what the last save refused.
 */
export function ArticleHeader({
  article,
  dirty,
  saving,
  canWrite,
  canEdit,
  problems,
  onOpenRevisions,
  onDelete,
  onSave,
}: {
  article: ArticleOutput;
  /** Unsaved edits in the form or the text. */
  dirty: boolean;
  saving: boolean;
  canWrite: boolean;
  /** The user may change the article in its status. */
  canEdit: boolean;
  /** What the server refused on the last save, already translated. */
  problems: string[];
  onOpenRevisions: () => void;
  onDelete: () => Promise<void>;
  onSave: () => void;
}) {
  const { t } = useTranslation();
  const published = article.status === 'published';
  return (
    <>
      <div className="concord-page-header">
        <div style={{ minWidth: 0 }}>
          <Link to="/articles">{t('newsDesk.backToList')}</Link>
          <Typography.Title
            level={1}
            style={{ fontSize: 24, marginTop: 8 }}
            lang={article.locale}
            data-testid="article-heading"
          >
            {article.title}
          </Typography.Title>
          <Space wrap size={[8, 4]}>
            <Tag>{t(`newsDesk.locales.${article.locale}`)}</Tag>
            <Tag color={statusColor(article.status)}>{t(`newsDesk.statuses.${article.status}`)}</Tag>
            {dirty && (
              <Typography.Text type="warning" data-testid="article-unsaved">
                {t('newsDesk.unsaved')}
              </Typography.Text>
            )}
          </Space>
        </div>
        <Space wrap>
          <Button onClick={onOpenRevisions} data-testid="article-revisions">
            {t('newsDesk.revisions.open', { n: article.revisionCount })}
          </Button>
          {canWrite && (
            <Popconfirm
              title={t('newsDesk.confirmDelete')}
              okText={t('admin.records.delete')}
              cancelText={t('admin.common.cancel')}
              okButtonProps={{ danger: true }}
              onConfirm={() => onDelete()}
              disabled={published}
            >
              <Button
                danger
                disabled={published}
                title={published ? t('newsDesk.deletePublished') : undefined}
              >
                {t('admin.records.delete')}
              </Button>
            </Popconfirm>
          )}
          {canEdit && (
            <Button
              type="primary"
              loading={saving}
              disabled={saving}
              onClick={onSave}
              data-testid="article-save"
            >
              {t('admin.common.save')}
            </Button>
          )}
        </Space>
      </div>
      {canWrite && !canEdit && (
        <Alert
          type="info"
          showIcon
          title={t('newsDesk.locked')}
          style={{ marginBottom: 16 }}
          data-testid="article-locked"
        />
      )}
      {problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={problems[0]}
          description={problems.length > 1 ? problems.slice(1).join(' ') : undefined}
          style={{ marginBottom: 16 }}
        />
      )}
    </>
  );
}
