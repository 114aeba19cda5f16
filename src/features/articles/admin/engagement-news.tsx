import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../../admin/api.ts';
import { errorMessage } from '../../../admin/api-client.ts';
import type { ArticleListItem } from '../articles.schema.ts';
import { FromEngagementModal } from './article-create-modals.tsx';
import { articlesQueryKey, statusColor } from './news-desk.ts';
import type { TitledRecord } from './titled-record-picker.tsx';

/*
 * The news desk as an engagement's page shows it: a button drafting an article from the engagement,
 * and the articles already written about it.
 */

/** Opens the draft-from-engagement dialog for this engagement; the editor opens on the new draft. */
export function DraftNewsButton({ engagement }: { engagement: TitledRecord }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="engagement-draft-news">
        {t('admin.engagements.draftNews')}
      </Button>
      <FromEngagementModal
        open={open}
        engagement={engagement}
        onClose={() => setOpen(false)}
        onCreated={(article) => void navigate(`/articles/${article.id}`)}
      />
    </>
  );
}

/** The articles whose group is linked to this engagement, newest change first. */
export function EngagementNewsCard({ engagementId }: { engagementId: string }) {
  const { t } = useTranslation();
  const query = { engagementId, pageSize: 100, sort: '-updatedAt' } as const;
  const articles = useQuery({
    queryKey: [...articlesQueryKey, 'list', query],
    queryFn: () => api('GET /api/articles', { query }),
  });

  return (
    <Card
      title={<h2 className="concord-card-title">{t('admin.engagements.news')}</h2>}
      data-testid="engagement-news"
    >
      {articles.isError ? (
        <Alert
          type="error"
          showIcon
          title={t('admin.common.loadFailed')}
          description={errorMessage(articles.error)}
          action={<Button onClick={() => void articles.refetch()}>{t('admin.common.retry')}</Button>}
        />
      ) : (
        <Table<ArticleListItem>
          rowKey="id"
          dataSource={articles.data?.items ?? []}
          loading={articles.isPending}
          pagination={false}
          size="small"
          scroll={{ x: 'max-content' }}
          locale={{
            emptyText: articles.isPending ? <span /> : <Empty description={t('admin.engagements.noNews')} />,
          }}
          columns={[
            {
              key: 'title',
              title: t('newsDesk.fields.title'),
              render: (_: unknown, a) => (
                <Link to={`/articles/${a.id}`} lang={a.locale} data-testid="engagement-news-link">
                  {a.title}
                </Link>
              ),
            },
            {
              key: 'locale',
              title: t('newsDesk.fields.locale'),
              render: (_: unknown, a) => t(`newsDesk.locales.${a.locale}`),
            },
            {
              key: 'status',
              title: t('newsDesk.fields.status'),
              render: (_: unknown, a) => (
                <Tag color={statusColor(a.status)}>{t(`newsDesk.statuses.${a.status}`)}</Tag>
              ),
            },
            {
              key: 'updatedAt',
              title: t('newsDesk.fields.updatedAt'),
              render: (_: unknown, a) => (
                <time dateTime={a.updatedAt}>{dayjs(a.updatedAt).format('YYYY-MM-DD')}</time>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}
