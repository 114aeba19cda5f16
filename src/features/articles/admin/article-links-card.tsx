import { Card, Form, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { RecordPicker } from '../../../admin/record-picker.tsx';
import type { ArticleLinkType, ArticleOutput } from '../articles.schema.ts';
import { TitledRecordPicker } from './titled-record-picker.tsx';

/** The engagements, partners and programs the article is about, each picked from its list. */
export function ArticleLinksCard({ article, readOnly }: { article: ArticleOutput; readOnly: boolean }) {
  const { t } = useTranslation();
  const linked = (type: ArticleLinkType) => article.links.filter((l) => l.type === type);
  const titled = (type: ArticleLinkType) =>
    linked(type).map((l) => ({ id: l.id, titleZh: l.labelZh, titleEn: l.labelEn }));
  return (
    <Card size="small" title={<h2 className="concord-card-title">{t('newsDesk.links')}</h2>}>
      <Typography.Paragraph type="secondary">{t('newsDesk.linksHelp')}</Typography.Paragraph>
      <Form.Item name="engagementIds" label={t('newsDesk.fields.engagements')}>
        <TitledRecordPicker
          source="engagements"
          mode="multiple"
          disabled={readOnly}
          known={titled('engagement')}
          data-testid="article-engagements"
        />
      </Form.Item>
      <Form.Item name="organizationIds" label={t('newsDesk.fields.organizations')}>
        <RecordPicker
          source="organizations"
          mode="multiple"
          disabled={readOnly}
          known={linked('organization').map((l) => ({ id: l.id, nameZh: l.labelZh, nameEn: l.labelEn }))}
          data-testid="article-organizations"
        />
      </Form.Item>
      <Form.Item name="programIds" label={t('newsDesk.fields.programs')}>
        <TitledRecordPicker
          source="programs"
          mode="multiple"
          disabled={readOnly}
          known={titled('program')}
          data-testid="article-programs"
        />
      </Form.Item>
    </Card>
  );
}
