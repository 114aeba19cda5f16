import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Grid, Select, Space, type TableProps, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../../admin/api.ts';
import { useLanguage } from '../../../admin/language.tsx';
import { oneOf, useListState } from '../../../admin/list-state.ts';
import NotFoundPage from '../../../admin/not-found.page.tsx';
import { RecordListPage } from '../../../admin/record-list.tsx';
import { useSession } from '../../../admin/session.tsx';
import {
  type ArticleListItem,
  articleLocaleSchema,
  articleSortSchema,
  articleStatusSchema,
} from '../articles.schema.ts';
import {
  FromEngagementModal,
  NewArticleModal,
  TranslationModal,
  type TranslationSource,
} from './article-create-modals.tsx';
import './news-desk.css';
import { articleLocales, articlesQueryKey, channelName, groupStatuses, statusColor } from './news-desk.ts';
import { useChannels } from './use-channels.ts';

/** Both languages of a row side by side: each one's status (a link to it), or a button to write it. */
function LanguageStatuses({
  article,
  canWrite,
  onTranslate,
}: {
  article: ArticleListItem;
  canWrite: boolean;
  onTranslate: (source: TranslationSource) => void;
}) {
  const { t } = useTranslation();
  const statuses = groupStatuses(article);
  return (
    <Space size={[4, 4]} wrap>
      {articleLocales.map((l) => {
        const one = statuses[l];
        if (one) {
          return (
            <Link key={l} to={`/articles/${one.id}`} className="news-desk-locale-link">
              <Tag color={statusColor(one.status)} data-testid={`article-status-${l}`}>
                {t('newsDesk.localeStatus', {
                  language: t(`newsDesk.localeShort.${l}`),
                  status: t(`newsDesk.statuses.${one.status}`),
                })}
              </Tag>
            </Link>
          );
        }
        return canWrite ? (
          <Button
            key={l}
            size="small"
            type="dashed"
            data-testid={`article-add-${l}`}
            aria-label={t(`newsDesk.translation.addLabel.${l}`, { title: article.title })}
            onClick={() => onTranslate(article)}
          >
            {t(`newsDesk.translation.add.${l}`)}
          </Button>
        ) : (
          <Tag key={l}>
            {t('newsDesk.localeStatus', {
              language: t(`newsDesk.localeShort.${l}`),
              status: t('newsDesk.notWritten'),
            })}
          </Tag>
        );
      })}
    </Space>
  );
}

/** The news desk: every article with both languages' statuses; search, filter, sort, page; start a new one. */
export default function ArticlesPage() {
  const { t } = useTranslation();
  const session = useSession();
  const { locale } = useLanguage();
  const navigate = useNavigate();
  const list = useListState(['status', 'locale', 'channelId'] as const);
  const { state, update } = list;
  const [creating, setCreating] = useState(false);
  const [fromEngagement, setFromEngagement] = useState(false);
  const [translating, setTranslating] = useState<TranslationSource | null>(null);
  const canRead = session.can('news.read');
  const canWrite = session.can('news.write');
  const channels = useChannels(canRead);
  // On a phone the row is the title with its languages under it, and when it was last changed.
  const screens = Grid.useBreakpoint();
  const narrow = !(screens.md ?? true);

  // Hand-edited links may carry values the API would refuse: leave those out.
  const query = {
    q: state.q,
    page: state.page,
    pageSize: state.pageSize,
    sort: oneOf(articleSortSchema.options, state.sort),
    status: articleStatusSchema.safeParse(state.status).data,
    locale: articleLocaleSchema.safeParse(state.locale).data,
    channelId: state.channelId,
  };
  const articles = useQuery({
    queryKey: [...articlesQueryKey, 'list', query],
    queryFn: () => api('GET /api/articles', { query }),
    placeholderData: keepPreviousData,
    enabled: canRead,
  });
  if (!canRead) return <NotFoundPage />;

  const channelById = new Map((channels.data ?? []).map((c) => [c.id, c]));
  const open = (article: { id: string }) => void navigate(`/articles/${article.id}`);

  const columns: TableProps<ArticleListItem>['columns'] = [
    {
      key: 'title',
      title: t('newsDesk.fields.title'),
      sorter: true,
      sortOrder: list.sortOrder('title'),
      render: (_: unknown, a) => (
        <Space orientation="vertical" size={4} className="news-desk-title-cell">
          <Link to={`/articles/${a.id}`} lang={a.locale} data-testid="article-link">
            {a.title}
          </Link>
          {a.featured && <Typography.Text type="secondary">{t('newsDesk.fields.featured')}</Typography.Text>}
          {narrow && <LanguageStatuses article={a} canWrite={canWrite} onTranslate={setTranslating} />}
        </Space>
      ),
    },
    {
      key: 'languages',
      title: t('newsDesk.languages'),
      render: (_: unknown, a) => (
        <LanguageStatuses article={a} canWrite={canWrite} onTranslate={setTranslating} />
      ),
    },
    {
      key: 'channel',
      title: t('newsDesk.fields.channel'),
      render: (_: unknown, a) => {
        const channel = channelById.get(a.channelId);
        return channel ? channelName(channel, locale) : '—';
      },
    },
    {
      key: 'author',
      title: t('newsDesk.fields.author'),
      render: (_: unknown, a) => a.authorName ?? '—',
    },
    {
      key: 'updatedAt',
      dataIndex: 'updatedAt',
      title: t('newsDesk.fields.updatedAt'),
      sorter: true,
      sortOrder: list.sortOrder('updatedAt'),
      render: (v: string) => <time dateTime={v}>{dayjs(v).format('YYYY-MM-DD HH:mm')}</time>,
    },
    {
      key: 'publishedAt',
      dataIndex: 'publishedAt',
      title: t('newsDesk.fields.publishedAt'),
      sorter: true,
      sortOrder: list.sortOrder('publishedAt'),
      render: (v: string | null, a) =>
        v ? (
          <time dateTime={v}>{dayjs(v).format('YYYY-MM-DD HH:mm')}</time>
        ) : a.status === 'scheduled' && a.publishAt ? (
          t('newsDesk.goesOutAt', { time: dayjs(a.publishAt).format('YYYY-MM-DD HH:mm') })
        ) : (
          '—'
        ),
    },
  ];

  const shown = narrow ? columns.filter((c) => c.key === 'title' || c.key === 'updatedAt') : columns;

  return (
    <RecordListPage<ArticleListItem>
      title={t('newsDesk.title')}
      list={list}
      result={articles}
      columns={shown}
      exportList="articles"
      actions={
        canWrite && (
          <>
            <Button onClick={() => setFromEngagement(true)} data-testid="articles-from-engagement">
              {t('newsDesk.fromEngagement.open')}
            </Button>
            <Button type="primary" onClick={() => setCreating(true)} data-testid="articles-create">
              {t('newsDesk.create.open')}
            </Button>
          </>
        )
      }
      search={{
        label: t('newsDesk.searchLabel'),
        placeholder: t('newsDesk.searchPlaceholder'),
        width: 300,
        testId: 'articles-search',
      }}
      filters={
        <>
          <Select<string | undefined>
            aria-label={t('newsDesk.statusFilter')}
            placeholder={t('newsDesk.allStatuses')}
            value={query.status}
            onChange={(status) => update({ status })}
            allowClear
            style={{ width: 150 }}
            options={articleStatusSchema.options.map((s) => ({
              value: s,
              label: t(`newsDesk.statuses.${s}`),
            }))}
          />
          <Select<string | undefined>
            aria-label={t('newsDesk.localeFilter')}
            placeholder={t('newsDesk.allLocales')}
            value={query.locale}
            onChange={(value) => update({ locale: value })}
            allowClear
            style={{ width: 140 }}
            options={articleLocales.map((l) => ({ value: l, label: t(`newsDesk.locales.${l}`) }))}
          />
          <Select<string | undefined>
            aria-label={t('newsDesk.channelFilter')}
            placeholder={t('newsDesk.allChannels')}
            value={query.channelId}
            onChange={(channelId) => update({ channelId })}
            allowClear
            loading={channels.isPending}
            style={{ width: 160 }}
            options={(channels.data ?? []).map((c) => ({ value: c.id, label: channelName(c, locale) }))}
          />
        </>
      }
      empty={{
        text: t('newsDesk.empty'),
        filteredText: t('newsDesk.emptyFiltered'),
        action: canWrite && (
          <Button type="primary" onClick={() => setCreating(true)}>
            {t('newsDesk.create.open')}
          </Button>
        ),
      }}
      testId="articles-table"
    >
      <NewArticleModal open={creating} onClose={() => setCreating(false)} onCreated={open} />
      <FromEngagementModal open={fromEngagement} onClose={() => setFromEngagement(false)} onCreated={open} />
      <TranslationModal source={translating} onClose={() => setTranslating(null)} onCreated={open} />
    </RecordListPage>
  );
}
