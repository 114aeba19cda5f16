import { useQueryClient } from '@tanstack/react-query';
import { Alert, Checkbox, Form, Input, Modal, Radio, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../admin/api.ts';
import { showApiErrorOnForm } from '../../../admin/form-errors.ts';
import { useLanguage } from '../../../admin/language.tsx';
import type {
  ArticleFromEngagementInput,
  ArticleLocale,
  ArticleOutput,
  CreateArticleInput,
} from '../articles.schema.ts';
import './news-desk.css';
import { articleLocales, articlesQueryKey, channelName } from './news-desk.ts';
import { type TitledRecord, TitledRecordPicker, titleOf } from './titled-record-picker.tsx';
import { useChannels } from './use-channels.ts';

/** The channel select shared by the dialogs: every channel, named in the admin's language. */
function ChannelSelect(props: { value?: string; onChange?: (value: string) => void; id?: string }) {
  const { locale } = useLanguage();
  const channels = useChannels();
  return (
    <Select
      {...props}
      loading={channels.isPending}
      options={(channels.data ?? []).map((c) => ({ value: c.id, label: channelName(c, locale) }))}
      data-testid="article-channel-select"
    />
  );
}

/** The `news` channel (the API's default), else the first one. */
function useDefaultChannelId(): string | undefined {
  const channels = useChannels();
  return (channels.data ?? []).find((c) => c.slug === 'news')?.id ?? channels.data?.[0]?.id;
}

interface NewValues {
  locale: ArticleLocale;
  title: string;
  channelId?: string;
}

/** Starts a new article: its language, title and channel; the editor opens on it. */
export function NewArticleModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (article: ArticleOutput) => void;
}) {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<NewValues>();
  const [problems, setProblems] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const defaultChannelId = useDefaultChannelId();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ locale, channelId: defaultChannelId });
    setProblems([]);
  }, [open, form, locale, defaultChannelId]);

  const save = async (v: NewValues) => {
    setSaving(true);
    setProblems([]);
    try {
      const input: CreateArticleInput = {
        locale: v.locale,
        title: v.title.trim(),
        ...(v.channelId ? { channelId: v.channelId } : {}),
      };
      const article = await api('POST /api/articles', { body: input });
      void queryClient.invalidateQueries({ queryKey: articlesQueryKey });
      onCreated(article);
    } catch (error) {
      setProblems(showApiErrorOnForm(form, error, ['locale', 'title', 'channelId']));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('newsDesk.create.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('newsDesk.create.submit')}
      cancelText={t('admin.common.cancel')}
      confirmLoading={saving}
      okButtonProps={{ id: 'article-create-submit' }}
      forceRender
    >
      {problems.length > 0 && (
        <Alert type="error" showIcon role="alert" title={problems[0]} style={{ marginBottom: 16 }} />
      )}
      <Form<NewValues> form={form} name="article-new" layout="vertical" onFinish={(v) => void save(v)}>
        <Form.Item name="locale" label={t('newsDesk.fields.locale')}>
          <Radio.Group
            optionType="button"
            options={articleLocales.map((l) => ({ value: l, label: t(`newsDesk.locales.${l}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('newsDesk.fields.title')}
          rules={[
            { required: true, whitespace: true, message: t('validation.required') },
            { max: 300, message: t('validation.too_long', { max: 300 }) },
          ]}
        >
          <Input data-testid="article-create-title" />
        </Form.Item>
        <Form.Item name="channelId" label={t('newsDesk.fields.channel')}>
          <ChannelSelect />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface FromEngagementValues {
  engagementId: string;
  locale: ArticleLocale;
  channelId?: string;
}

/**
 * Drafts an article from an engagement's record (who, when, where, what was agreed) in a chosen
 * language. With `engagement` (opened from that engagement's page) it is fixed and no picker shows.
 */
export function FromEngagementModal({
  open,
  onClose,
  onCreated,
  engagement,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (article: ArticleOutput) => void;
  engagement?: TitledRecord;
}) {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FromEngagementValues>();
  const [problems, setProblems] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const defaultChannelId = useDefaultChannelId();

  const fixedEngagementId = engagement?.id;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({
      locale,
      channelId: defaultChannelId,
      ...(fixedEngagementId ? { engagementId: fixedEngagementId } : {}),
    });
    setProblems([]);
  }, [open, form, locale, defaultChannelId, fixedEngagementId]);

  const save = async (v: FromEngagementValues) => {
    setSaving(true);
    setProblems([]);
    try {
      const input: ArticleFromEngagementInput = {
        engagementId: v.engagementId,
        locale: v.locale,
        ...(v.channelId ? { channelId: v.channelId } : {}),
      };
      const article = await api('POST /api/articles/from-engagement', { body: input });
      void queryClient.invalidateQueries({ queryKey: articlesQueryKey });
      onCreated(article);
    } catch (error) {
      // A fixed engagement has no field to show its error on: that one goes above the form.
      const fields = fixedEngagementId ? ['locale', 'channelId'] : ['engagementId', 'locale', 'channelId'];
      setProblems(showApiErrorOnForm(form, error, fields));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('newsDesk.fromEngagement.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('newsDesk.fromEngagement.submit')}
      cancelText={t('admin.common.cancel')}
      confirmLoading={saving}
      okButtonProps={{ id: 'article-from-engagement-submit' }}
      forceRender
    >
      <p>{t('newsDesk.fromEngagement.intro')}</p>
      {engagement && (
        <dl className="news-desk-source" data-testid="from-engagement-fixed">
          <dt>{t('newsDesk.fromEngagement.engagement')}</dt>
          <dd>{titleOf(engagement, locale)}</dd>
        </dl>
      )}
      {problems.length > 0 && (
        <Alert type="error" showIcon role="alert" title={problems[0]} style={{ marginBottom: 16 }} />
      )}
      <Form<FromEngagementValues>
        form={form}
        name="article-from-engagement"
        layout="vertical"
        onFinish={(v) => void save(v)}
      >
        {engagement ? (
          <Form.Item name="engagementId" hidden>
            <Input type="hidden" />
          </Form.Item>
        ) : (
          <Form.Item
            name="engagementId"
            label={t('newsDesk.fromEngagement.engagement')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <TitledRecordPicker
              source="engagements"
              placeholder={t('newsDesk.fromEngagement.engagementPlaceholder')}
              data-testid="from-engagement-picker"
            />
          </Form.Item>
        )}
        <Form.Item name="locale" label={t('newsDesk.fields.locale')}>
          <Radio.Group
            optionType="button"
            options={articleLocales.map((l) => ({ value: l, label: t(`newsDesk.locales.${l}`) }))}
          />
        </Form.Item>
        <Form.Item name="channelId" label={t('newsDesk.fields.channel')}>
          <ChannelSelect />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The article a translation is made from. */
export interface TranslationSource {
  id: string;
  groupId: string;
  locale: ArticleLocale;
  title: string;
  channelId: string;
}

interface TranslationValues {
  title: string;
  copyText: boolean;
}

/** Adds the other language to an article's group, optionally starting from a copy of its text. */
export function TranslationModal({
  source,
  onClose,
  onCreated,
}: {
  source: TranslationSource | null;
  onClose: () => void;
  onCreated: (article: ArticleOutput) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<TranslationValues>();
  const [problems, setProblems] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const target: ArticleLocale = source?.locale === 'en' ? 'zh-CN' : 'en';

  useEffect(() => {
    if (!source) return;
    form.resetFields();
    form.setFieldsValue({ title: '', copyText: false });
    setProblems([]);
  }, [source, form]);

  const save = async (v: TranslationValues) => {
    if (!source) return;
    setSaving(true);
    setProblems([]);
    try {
      const original = v.copyText ? await api('GET /api/articles/:id', { params: { id: source.id } }) : null;
      const input: CreateArticleInput = {
        groupId: source.groupId,
        locale: target,
        title: v.title.trim(),
        channelId: source.channelId,
        ...(original
          ? {
              summary: original.summary,
              bodyHtml: original.bodyHtml,
              bodyJson: original.bodyJson,
              coverMediaId: original.coverMediaId,
            }
          : {}),
      };
      const article = await api('POST /api/articles', { body: input });
      void queryClient.invalidateQueries({ queryKey: articlesQueryKey });
      onCreated(article);
    } catch (error) {
      setProblems(showApiErrorOnForm(form, error, ['title']));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={source !== null}
      title={t(`newsDesk.translation.createTitle.${target}`)}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('newsDesk.translation.submit')}
      cancelText={t('admin.common.cancel')}
      confirmLoading={saving}
      okButtonProps={{ id: 'translation-create-submit' }}
      forceRender
    >
      {source && (
        <dl className="news-desk-source">
          <dt>{t(`newsDesk.translation.source.${source.locale}`)}</dt>
          <dd lang={source.locale}>{source.title}</dd>
        </dl>
      )}
      {problems.length > 0 && (
        <Alert type="error" showIcon role="alert" title={problems[0]} style={{ marginBottom: 16 }} />
      )}
      <Form<TranslationValues>
        form={form}
        name="article-translation"
        layout="vertical"
        onFinish={(v) => void save(v)}
      >
        <Form.Item
          name="title"
          label={t(`newsDesk.translation.titleIn.${target}`)}
          rules={[
            { required: true, whitespace: true, message: t('validation.required') },
            { max: 300, message: t('validation.too_long', { max: 300 }) },
          ]}
        >
          <Input lang={target} data-testid="translation-title" />
        </Form.Item>
        <Form.Item name="copyText" valuePropName="checked">
          <Checkbox>{t(`newsDesk.translation.copyText.${source?.locale ?? 'zh-CN'}`)}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
