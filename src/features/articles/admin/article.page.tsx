import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Drawer,
  Form,
  Input,
  Popconfirm,
  Select,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useBlocker, useNavigate, useParams } from 'react-router';
import { api } from '../../../admin/api.ts';
import { errorMessage, isApiError } from '../../../admin/api-client.ts';
import { showConflictDialog } from '../../../admin/conflict-dialog.ts';
import { showApiErrorOnForm } from '../../../admin/form-errors.ts';
import { useLanguage } from '../../../admin/language.tsx';
import NotFoundPage from '../../../admin/not-found.page.tsx';
import { RecordPicker } from '../../../admin/record-picker.tsx';
import { RecordTimelineCard } from '../../../admin/record-timeline.tsx';
import { PageSpinner, useSession } from '../../../admin/session.tsx';
import type {
  ArticleLinkInput,
  ArticleLinkType,
  ArticleOutput,
  UpdateArticleInput,
} from '../articles.schema.ts';
import type { ArticleBodyEditorHandle } from './article-body-editor.tsx';
import { ArticleComments } from './article-comments.tsx';
import { TranslationModal, type TranslationSource } from './article-create-modals.tsx';
import type { FigureAttributes } from './article-figure.tsx';
import { ArticleRecordCard } from './article-history.tsx';
import { CoverField, useMediaChoice } from './media-choice.tsx';
import './news-desk.css';
import { articlesQueryKey, channelName, mayEdit, otherLocale, statusColor } from './news-desk.ts';
import { RevisionsDrawer } from './revisions-drawer.tsx';
import { TitledRecordPicker } from './titled-record-picker.tsx';
import { useChannels } from './use-channels.ts';
import { WorkflowPanel } from './workflow-panel.tsx';

// The editor (TipTap and ProseMirror) is the heaviest part of the news desk: its own chunk.
const ArticleBodyEditor = lazy(() => import('./article-body-editor.tsx'));

interface Values {
  title: string;
  summary: string;
  slug: string;
  channelId: string;
  tags: string[];
  featured: boolean;
  coverMediaId: string | null;
  seoTitle: string;
  seoDescription: string;
  engagementIds: string[];
  organizationIds: string[];
  programIds: string[];
}

const fieldNames = [
  'title',
  'summary',
  'slug',
  'channelId',
  'tags',
  'featured',
  'coverMediaId',
  'seoTitle',
  'seoDescription',
] as const;

function linkIds(article: ArticleOutput, type: ArticleLinkType): string[] {
  return article.links.filter((l) => l.type === type).map((l) => l.id);
}

function toValues(a: ArticleOutput): Values {
  return {
    title: a.title,
    summary: a.summary,
    slug: a.slug,
    channelId: a.channelId,
    tags: a.tags,
    featured: a.featured,
    coverMediaId: a.coverMediaId,
    seoTitle: a.seoTitle ?? '',
    seoDescription: a.seoDescription ?? '',
    engagementIds: linkIds(a, 'engagement'),
    organizationIds: linkIds(a, 'organization'),
    programIds: linkIds(a, 'program'),
  };
}

function toInput(v: Values): Omit<UpdateArticleInput, 'version'> {
  const links: ArticleLinkInput[] = [
    ...(v.engagementIds ?? []).map((id) => ({ type: 'engagement' as const, id })),
    ...(v.organizationIds ?? []).map((id) => ({ type: 'organization' as const, id })),
    ...(v.programIds ?? []).map((id) => ({ type: 'program' as const, id })),
  ];
  return {
    title: v.title.trim(),
    summary: (v.summary ?? '').trim(),
    slug: v.slug.trim(),
    channelId: v.channelId,
    tags: (v.tags ?? []).map((tag) => tag.trim()).filter(Boolean),
    featured: Boolean(v.featured),
    coverMediaId: v.coverMediaId ?? null,
    seoTitle: v.seoTitle?.trim() || null,
    seoDescription: v.seoDescription?.trim() || null,
    links,
  };
}

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
 * other language, the review thread, revisions and history.
 */
function ArticleEditor({ article }: { article: ArticleOutput }) {
  const { t } = useTranslation();
  const session = useSession();
  const { locale } = useLanguage();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<Values>();
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
      form.setFieldsValue(toValues(a));
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

  const save = async (v: Values) => {
    setProblems([]);
    setSaving(true);
    try {
      const body = editorRef.current?.getBody();
      const input: UpdateArticleInput = {
        ...toInput(v),
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
      else setProblems(showApiErrorOnForm(form, error, fieldNames));
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
  const requestImage = media.available
    ? async (): Promise<FigureAttributes | null> => media.chooseImage()
    : undefined;

  const channel = (channels.data ?? []).find((c) => c.id === article.channelId);
  const translation = article.translations[0] ?? null;
  const other = otherLocale(article.locale);
  const sitePrefix = channel ? `/${article.locale === 'en' ? 'en' : 'zh'}/${channel.slug}/` : '';

  return (
    <Form<Values>
      name="article"
      form={form}
      component={false}
      onFinish={(v) => void save(v)}
      onValuesChange={() => setFormDirty(true)}
      layout="vertical"
    >
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
          <Button onClick={() => setRevisionsOpen(true)} data-testid="article-revisions">
            {t('newsDesk.revisions.open', { n: article.revisionCount })}
          </Button>
          {canWrite && (
            <Popconfirm
              title={t('newsDesk.confirmDelete')}
              okText={t('admin.records.delete')}
              cancelText={t('admin.common.cancel')}
              okButtonProps={{ danger: true }}
              onConfirm={() => remove()}
              disabled={article.status === 'published'}
            >
              <Button
                danger
                disabled={article.status === 'published'}
                title={article.status === 'published' ? t('newsDesk.deletePublished') : undefined}
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
              onClick={() => form.submit()}
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
      <div className="news-desk-layout">
        <div className="news-desk-main">
          <Card size="small">
            <Form.Item
              name="title"
              label={t('newsDesk.fields.title')}
              rules={[
                { required: true, whitespace: true, message: t('validation.required') },
                { max: 300, message: t('validation.too_long', { max: 300 }) },
              ]}
            >
              <Input size="large" lang={article.locale} disabled={readOnly} data-testid="article-title" />
            </Form.Item>
            <Form.Item
              name="summary"
              label={t('newsDesk.fields.summary')}
              extra={t('newsDesk.summaryHelp')}
              rules={[{ max: 2000, message: t('validation.too_long', { max: 2000 }) }]}
            >
              <Input.TextArea
                autoSize={{ minRows: 2, maxRows: 6 }}
                lang={article.locale}
                disabled={readOnly}
                data-testid="article-summary"
              />
            </Form.Item>
            <div className="ant-form-item">
              <div className="news-desk-body-label" id="article-body-label">
                {t('newsDesk.fields.body')}
              </div>
              <Suspense fallback={<Skeleton active paragraph={{ rows: 8 }} />}>
                <ArticleBodyEditor
                  key={contentKey}
                  initialJson={loaded.bodyJson}
                  initialHtml={loaded.bodyHtml}
                  lang={article.locale}
                  readOnly={readOnly}
                  labelledBy="article-body-label"
                  onChange={onBodyChange}
                  onReady={onEditorReady}
                  {...(requestImage ? { onRequestImage: requestImage } : {})}
                />
              </Suspense>
            </div>
          </Card>
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
                    <Tag color={statusColor(translation.status)}>
                      {t(`newsDesk.statuses.${translation.status}`)}
                    </Tag>
                  </Space>
                  <Typography.Text lang={translation.locale}>{translation.title}</Typography.Text>
                  <Button size="small" onClick={() => setCompareOpen(true)} data-testid="translation-compare">
                    {t('newsDesk.translation.compare')}
                  </Button>
                </Space>
              ) : (
                <Space orientation="vertical" size={8}>
                  <Typography.Text type="secondary">
                    {t(`newsDesk.translation.missing.${other}`)}
                  </Typography.Text>
                  {canWrite && (
                    <Button onClick={() => setTranslating(article)} data-testid="translation-create">
                      {t(`newsDesk.translation.add.${other}`)}
                    </Button>
                  )}
                </Space>
              )}
            </Card>
            <Card size="small" title={<h2 className="concord-card-title">{t('newsDesk.settings')}</h2>}>
              <Form.Item
                name="slug"
                label={t('newsDesk.fields.slug')}
                extra={t('newsDesk.slugHelp')}
                rules={[
                  { required: true, whitespace: true, message: t('validation.required') },
                  {
                    pattern: /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
                    message: t('newsDesk.slugInvalid'),
                  },
                ]}
              >
                <Input
                  prefix={<span className="news-desk-slug-prefix">{sitePrefix}</span>}
                  data-testid="article-slug"
                  spellCheck={false}
                  disabled={readOnly}
                />
              </Form.Item>
              <Form.Item name="channelId" label={t('newsDesk.fields.channel')}>
                <Select
                  disabled={readOnly}
                  loading={channels.isPending}
                  options={(channels.data ?? []).map((c) => ({ value: c.id, label: channelName(c, locale) }))}
                />
              </Form.Item>
              <Form.Item name="tags" label={t('newsDesk.fields.tags')} extra={t('newsDesk.tagsHelp')}>
                <Select
                  mode="tags"
                  open={false}
                  suffixIcon={null}
                  disabled={readOnly}
                  data-testid="article-tags"
                />
              </Form.Item>
              <Form.Item name="featured" valuePropName="checked">
                <Checkbox disabled={readOnly}>{t('newsDesk.featuredLabel')}</Checkbox>
              </Form.Item>
              <Form.Item name="coverMediaId" label={t('newsDesk.fields.cover')}>
                <CoverField media={media} disabled={readOnly} />
              </Form.Item>
            </Card>
            <Card size="small" title={<h2 className="concord-card-title">{t('newsDesk.seo')}</h2>}>
              <Form.Item
                name="seoTitle"
                label={t('newsDesk.fields.seoTitle')}
                extra={t('newsDesk.seoTitleHelp')}
                rules={[{ max: 300, message: t('validation.too_long', { max: 300 }) }]}
              >
                <Input lang={article.locale} showCount maxLength={300} disabled={readOnly} />
              </Form.Item>
              <Form.Item
                name="seoDescription"
                label={t('newsDesk.fields.seoDescription')}
                extra={t('newsDesk.seoDescriptionHelp')}
                rules={[{ max: 1000, message: t('validation.too_long', { max: 1000 }) }]}
              >
                <Input.TextArea
                  lang={article.locale}
                  disabled={readOnly}
                  autoSize={{ minRows: 2, maxRows: 5 }}
                  showCount
                  maxLength={1000}
                />
              </Form.Item>
            </Card>
            <Card size="small" title={<h2 className="concord-card-title">{t('newsDesk.links')}</h2>}>
              <Typography.Paragraph type="secondary">{t('newsDesk.linksHelp')}</Typography.Paragraph>
              <Form.Item name="engagementIds" label={t('newsDesk.fields.engagements')}>
                <TitledRecordPicker
                  source="engagements"
                  mode="multiple"
                  disabled={readOnly}
                  known={article.links
                    .filter((l) => l.type === 'engagement')
                    .map((l) => ({ id: l.id, titleZh: l.labelZh, titleEn: l.labelEn }))}
                  data-testid="article-engagements"
                />
              </Form.Item>
              <Form.Item name="organizationIds" label={t('newsDesk.fields.organizations')}>
                <RecordPicker
                  source="organizations"
                  mode="multiple"
                  disabled={readOnly}
                  known={article.links
                    .filter((l) => l.type === 'organization')
                    .map((l) => ({ id: l.id, nameZh: l.labelZh, nameEn: l.labelEn }))}
                  data-testid="article-organizations"
                />
              </Form.Item>
              <Form.Item name="programIds" label={t('newsDesk.fields.programs')}>
                <TitledRecordPicker
                  source="programs"
                  mode="multiple"
                  disabled={readOnly}
                  known={article.links
                    .filter((l) => l.type === 'program')
                    .map((l) => ({ id: l.id, titleZh: l.labelZh, titleEn: l.labelEn }))}
                  data-testid="article-programs"
                />
              </Form.Item>
            </Card>
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

/** The other language's text beside the editor (no mask, so both stay usable), read only. */
function TranslationCompare({ id, open, onClose }: { id: string; open: boolean; onClose: () => void }) {
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
