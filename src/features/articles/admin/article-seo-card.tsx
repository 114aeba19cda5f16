import { Card, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ArticleLocale } from '../articles.schema.ts';

/** What search engines and shared links show for the article: its SEO title and description. */
export function ArticleSeoCard({ lang, readOnly }: { lang: ArticleLocale; readOnly: boolean }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={<h2 className="concord-card-title">{t('newsDesk.seo')}</h2>}>
      <Form.Item
        name="seoTitle"
        label={t('newsDesk.fields.seoTitle')}
        extra={t('newsDesk.seoTitleHelp')}
        rules={[{ max: 300, message: t('validation.too_long', { max: 300 }) }]}
      >
        <Input lang={lang} showCount maxLength={300} disabled={readOnly} />
      </Form.Item>
      <Form.Item
        name="seoDescription"
        label={t('newsDesk.fields.seoDescription')}
        extra={t('newsDesk.seoDescriptionHelp')}
        rules={[{ max: 1000, message: t('validation.too_long', { max: 1000 }) }]}
      >
        <Input.TextArea
          lang={lang}
          disabled={readOnly}
          autoSize={{ minRows: 2, maxRows: 5 }}
          showCount
          maxLength={1000}
        />
      </Form.Item>
    </Card>
  );
}
