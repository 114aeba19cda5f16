import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Space } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlocker, useNavigate, useParams } from 'react-router';
import { api } from '../../../admin/api.ts';
import { errorMessage, isApiError } from '../../../admin/api-client.ts';
import { showConflictDialog } from '../../../admin/conflict-dialog.ts';
import { showApiErrorOnForm } from '../../../admin/form-errors.ts';
import NotFoundPage from '../../../admin/not-found.page.tsx';
import { RecordTimelineCard } from '../../../admin/record-timeline.tsx';
import { PageSpinner, useSession } from '../../../admin/session.tsx';
import type { ArticleOutput, UpdateArticleInput } from '../articles.schema.ts';
import type { ArticleBodyEditorHandle } from './article-body-editor.tsx';
import { ArticleComments } from './article-comments.tsx';
import { ArticleContentCard } from './article-content-card.tsx';
import { TranslationModal, type TranslationSource } from './article-create-modals.tsx';
import {
  type ArticleFormValues,
  articleFieldNames,
  toArticleInput,
  toArticleValues,
} from './article-form-values.ts';
import { ArticleHeader } from './article-header.tsx';
import { ArticleRecordCard } from './article-history.tsx';
import { ArticleLinksCard } from './article-links-card.tsx';
import { ArticleSeoCard } from './article-seo-card.tsx';
import { ArticleSettingsCard } from './article-settings-card.tsx';
import { ArticleTranslationCard, TranslationCompare } from './article-translation-card.tsx';
import { useMediaChoice } from './media-choice.tsx';
import './news-desk.css';
import { articlesQueryKey, mayEdit } from './news-desk.ts';
import { RevisionsDrawer } from './revisions-drawer.tsx';
import { useChannels } from './use-channels.ts';
import { WorkflowPanel } from './workflow-panel.tsx';

/** `/admin/articles/:id`: loads the article, then the editor for it. */
export default function ArticlePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const session = useSession();
  const query = useQuery({
    queryKey: [...articlesQueryKey, 'one', id],
    queryFn: () => api('GET /api/articles/:id', { params: { id } }),
    enabled: session.can('news.read'),
  });
  if (!session.can('news.read')) return <NotFoundPage />;
  if (query.isPending) return <PageSpinner />;
  if (query.isError) {
    if (isApiError(query.error, 'not_found')) return <NotFoundPage record />;
    return (
      <Alert
        type="error"
        showIcon
        title={t('admin.common.loadFailed')}
        description={errorMessage(query.error)}
        action={<Button onClick={() => void query.refetch()}>{t('admin.common.retry')}</Button>}
      />
    );
  }
  return <ArticleEditor key={id} article={query.data} />;
}

/**
 * One language of an article: its text in the rich-text editor, its settings, the workflow, the
 * other language, the review thread, revisions and history. Holds the form, the unsaved state and
 * the saves; each part of the screen is its own component.
 */
function ArticleEditor({ article }: { article: ArticleOutput }) {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<ArticleFormValues>();
  const channels = useChannels();
  const media = useMediaChoice(article.locale);
  const key = [...articlesQueryKey, 'one', article.id];

  const canWrite = session.can('news.write');
  const canEdit = mayEdit(article.status, session.can);
  const readOnly = !canEdit;
  const canComment = canWrite || session.can('news.review');
  const [problems, setProblems] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const [formDirty, setFormDirty] = useState(false);
  const [bodyDirty, setBodyDirty] = useState(false);
  // Bumped whenever the text is (re)loaded from the server, so the editor starts over from it.
  const [contentKey, setContentKey] = useState(0);
  const [loaded, setLoaded] = useState(article);
  const [revisionsOpen, setRevisionsOpen] = useState(false);
  const [translating, setTranslating] = useState<TranslationSource | null>(null);
  const [compareOpen, setCompareOpen] = useState(false);
  const editorRef = useRef<ArticleBodyEditorHandle | null>(null);
  // Set once the article is gone, so leaving the page no longer asks about unsaved changes.
  const deleted = useRef(false);
  const dirty = formDirty || bodyDirty;

  const fill = useCallback(
    (a: ArticleOutput) => {
      form.resetFields();
      form.setFieldsValue(toArticleValues(a));
      setFormDirty(false);
    },
    [form],
  );
  // The page is keyed by the article: fill the form once; later answers are applied where they arrive.
  const opened = useRef(article);
  useEffect(() => fill(opened.current), [fill]);

  /** Takes a server answer as the new state of the record (keeps the text being edited). */
  const accept = (saved: ArticleOutput) => {
    queryClient.setQueryData(key, saved);
    void queryClient.invalidateQueries({ queryKey: articlesQueryKey, refetchType: 'none' });
    void queryClient.invalidateQueries({ queryKey: [...articlesQueryKey, 'list'] });
    void queryClient.invalidateQueries({ queryKey: ['audit'] });
  };
  /** Takes a server answer and reloads everything from it, the text included. */
  const reloadFrom = (saved: ArticleOutput) => {
    accept(saved);
    fill(saved);
    setLoaded(saved);
    setBodyDirty(false);
    setContentKey((k) => k + 1);
  };
  const reload = async () => {
    const latest = await api('GET /api/articles/:id', { params: { id: article.id } });
    reloadFrom(latest);
    setProblems([]);
    void message.info(t('admin.common.reloaded'));
  };
  const onConflict = (text: string) => showConflictDialog(modal, text, () => void reload());

  const save = async (v: ArticleFormValues) => {
    setProblems([]);
    setSaving(true);
    try {
      const body = editorRef.current?.getBody();
      const input: UpdateArticleInput = {
        ...toArticleInput(v),
        ...(body ? { bodyHtml: body.html, bodyJson: body.json } : {}),
        version: article.version,
      };
      const saved = await api('PATCH /api/articles/:id', { params: { id: article.id }, body: input });
      accept(saved);
      fill(saved);
      editorRef.current?.markSaved();
      setBodyDirty(false);
      void message.success(t('newsDesk.saved'));
    } catch (error) {
      if (isApiError(error, 'conflict')) onConflict(error.message);
      else setProblems(showApiErrorOnForm(form, error, articleFieldNames));
    } finally {
      setSaving(false);
    }
  };

  const remove = async () => {
    try {
      await api('DELETE /api/articles/:id', {
        params: { id: article.id },
        query: { version: article.version },
      });
      deleted.current = true;
      void queryClient.invalidateQueries({ queryKey: articlesQueryKey });
      void message.success(t('newsDesk.deleted'));
      void navigate('/articles');
    } catch (error) {
      if (isApiError(error, 'conflict')) onConflict(error.message);
      else void message.error(errorMessage(error));
    }
  };

  // Leaving with unsaved changes asks first: inside the admin, and when closing or reloading the tab.
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      dirty && !deleted.current && currentLocation.pathname !== nextLocation.pathname,
  );
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    modal.confirm({
      title: t('newsDesk.leave.title'),
      content: t('newsDesk.leave.body'),
      okText: t('newsDesk.leave.ok'),
      okButtonProps: { danger: true },
      cancelText: t('newsDesk.leave.stay'),
      onOk: () => blocker.proceed(),
      onCancel: () => blocker.reset(),
    });
  }, [blocker, modal, t]);
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const onEditorReady = useCallback((handle: ArticleBodyEditorHandle) => {
    editorRef.current = handle;
  }, []);
  const onBodyChange = useCallback((changed: boolean) => setBodyDirty(changed), []);

  const channel = (channels.data ?? []).find((c) => c.id === article.channelId);
  const translation = article.translations[0] ?? null;
  const sitePrefix = channel ? `/${article.locale === 'en' ? 'en' : 'zh'}/${channel.slug}/` : '';

  return (
    <Form<ArticleFormValues>
      name="article"
      form={form}
      component={false}
      onFinish={(v) => void save(v)}
      onValuesChange={() => setFormDirty(true)}
      layout="vertical"
    >
      <ArticleHeader
        article={article}
        dirty={dirty}
        saving={saving}
        canWrite={canWrite}
        canEdit={canEdit}
        problems={problems}
        onOpenRevisions={() => setRevisionsOpen(true)}
        onDelete={remove}
        onSave={() => form.submit()}
      />
      <div className="news-desk-layout">
        <div className="news-desk-main">
          <ArticleContentCard
            article={article}
            loaded={loaded}
            contentKey={contentKey}
            readOnly={readOnly}
            media={media}
            onBodyChange={onBodyChange}
            onEditorReady={onEditorReady}
          />
        </div>
        <div className="news-desk-side">
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <WorkflowPanel
              article={article}
              channelSlug={channel?.slug}
              dirty={dirty}
              onChanged={accept}
              onConflict={onConflict}
            />
            <ArticleTranslationCard
              article={article}
              canWrite={canWrite}
              onCompare={() => setCompareOpen(true)}
              onTranslate={() => setTranslating(article)}
            />
            <ArticleSettingsCard
              sitePrefix={sitePrefix}
              channels={channels.data ?? []}
              channelsLoading={channels.isPending}
              media={media}
              readOnly={readOnly}
            />
            <ArticleSeoCard lang={article.locale} readOnly={readOnly} />
            <ArticleLinksCard article={article} readOnly={readOnly} />
            <ArticleRecordCard article={article} />
          </Space>
        </div>
        <div className="news-desk-thread">
          <ArticleComments
            article={article}
            canComment={canComment}
            onAdded={() => void queryClient.invalidateQueries({ queryKey: key })}
          />
          <RecordTimelineCard subjectType="article" subjectId={article.id} fieldLabels="newsDesk.fields" />
        </div>
      </div>
      <RevisionsDrawer
        article={article}
        open={revisionsOpen}
        canRestore={canEdit}
        dirty={dirty}
        onClose={() => setRevisionsOpen(false)}
        onRestored={(saved) => {
          setRevisionsOpen(false);
          reloadFrom(saved);
        }}
        onConflict={onConflict}
      />
      <TranslationModal
        source={translating}
        onClose={() => setTranslating(null)}
        onCreated={(created) => {
          setTranslating(null);
          void queryClient.invalidateQueries({ queryKey: key });
          void navigate(`/articles/${created.id}`);
        }}
      />
      {translation && (
        <TranslationCompare id={translation.id} open={compareOpen} onClose={() => setCompareOpen(false)} />
      )}
      {media.element}
    </Form>
  );
}
