import { Card, Checkbox, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../../admin/language.tsx';
import type { ChannelOutput } from '../articles.schema.ts';
import { CoverField, type MediaChoice } from './media-choice.tsx';
import { channelName } from './news-desk.ts';

/** Where and how the article appears on the site: its address, channel, tags, featuring and cover. */
export function ArticleSettingsCard({
  sitePrefix,
  channels,
  channelsLoading,
  media,
  readOnly,
}: {
  /** The site path before the slug (`/zh/news/`), empty while the channel is unknown. */
  sitePrefix: string;
  channels: readonly ChannelOutput[];
  channelsLoading: boolean;
  media: MediaChoice;
  readOnly: boolean;
}) {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  return (
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
          loading={channelsLoading}
          options={channels.map((c) => ({ value: c.id, label: channelName(c, locale) }))}
        />
      </Form.Item>
      <Form.Item name="tags" label={t('newsDesk.fields.tags')} extra={t('newsDesk.tagsHelp')}>
        <Select mode="tags" open={false} suffixIcon={null} disabled={readOnly} data-testid="article-tags" />
      </Form.Item>
      <Form.Item name="featured" valuePropName="checked">
        <Checkbox disabled={readOnly}>{t('newsDesk.featuredLabel')}</Checkbox>
      </Form.Item>
      <Form.Item name="coverMediaId" label={t('newsDesk.fields.cover')}>
        <CoverField media={media} disabled={readOnly} />
      </Form.Item>
    </Card>
  );
}
