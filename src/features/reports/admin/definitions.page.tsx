import { Card, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../../admin/language.tsx';
import { indicators } from '../reports.schema.ts';
import { ReportsNav } from './report-filters.tsx';

/** Every yearly indicator with its unit and how it is derived, so no figure is a mystery. */
export default function DefinitionsPage() {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const en = locale === 'en';
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <ReportsNav />
      <div>
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          {t('admin.reports.definitionsTitle')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('admin.reports.definitionsIntro')}</Typography.Paragraph>
      </div>
      <div
        data-testid="definitions-table"
        style={{
          display: 'grid',
          gap: 12,
          gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 360px), 1fr))',
        }}
      >
        {indicators.map((d) => (
          <Card key={d.code} size="small" id={d.code}>
            <Typography.Title level={2} style={{ fontSize: 16, marginTop: 0 }}>
              {en ? d.nameEn : d.nameZh}
            </Typography.Title>
            <Space wrap size={[4, 4]} style={{ marginBottom: 8 }}>
              <Tag>
                {t('admin.reports.unit')}: {en ? d.unitEn : d.unitZh}
              </Tag>
              <Tag>
                {t('admin.reports.source')}: {t(`admin.reports.sources.${d.source}`)}
              </Tag>
              <Typography.Text code>{d.code}</Typography.Text>
            </Space>
            <Typography.Paragraph style={{ marginBottom: 0 }}>
              {en ? d.definitionEn : d.definitionZh}
            </Typography.Paragraph>
          </Card>
        ))}
      </div>
    </Space>
  );
}
