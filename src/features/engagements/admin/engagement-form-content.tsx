import { Button, Card, Form, Input, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { RecordPicker } from '../../../admin/record-picker.tsx';
import { outcomeKindSchema } from '../engagements.schema.ts';
import { EngagementFormTopics } from './engagement-form-texts.tsx';

const outcomeKinds = outcomeKindSchema.options;

/** What the engagement covered and led to: facilities visited, topics and outcomes. */
export function EngagementFormContent() {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('admin.engagements.sectionContent')} style={{ marginBottom: 16 }}>
      <Form.Item name="facilityIds" label={t('admin.engagements.fields.facilities')}>
        <RecordPicker source="facilities" mode="multiple" data-testid="engagement-form-facilities" />
      </Form.Item>
      <EngagementFormTopics />
      <EngagementFormOutcomes />
    </Card>
  );
}

/** The outcomes (consensus, signed document…), each worded in Chinese and optionally in English. */
function EngagementFormOutcomes() {
  const { t } = useTranslation();
  return (
    <>
      <Typography.Title level={3} style={{ fontSize: 15 }}>
        {t('admin.engagements.outcomes')}
      </Typography.Title>
      <Form.List name="outcomes">
        {(rows, { add, remove }) => (
          <>
            {rows.map((row) => (
              <Space key={row.key} align="start" wrap style={{ display: 'flex' }} data-testid="outcome-row">
                <Form.Item name={[row.name, 'kind']} initialValue="consensus">
                  <Select
                    aria-label={t('admin.engagements.fields.outcomeKind')}
                    style={{ width: 150 }}
                    options={outcomeKinds.map((k) => ({
                      value: k,
                      label: t(`admin.engagements.outcomeKinds.${k}`),
                    }))}
                  />
                </Form.Item>
                <Form.Item
                  name={[row.name, 'text']}
                  rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
                >
                  <Input
                    lang="zh-CN"
                    aria-label={t('admin.engagements.fields.outcomeText')}
                    placeholder={t('admin.engagements.fields.outcomeText')}
                    style={{ width: 340, maxWidth: '80vw' }}
                    data-testid="outcome-text"
                  />
                </Form.Item>
                <Form.Item name={[row.name, 'textEn']}>
                  <Input
                    lang="en"
                    aria-label={t('admin.engagements.fields.outcomeTextEn')}
                    placeholder={t('admin.engagements.fields.outcomeTextEn')}
                    style={{ width: 340, maxWidth: '80vw' }}
                    data-testid="outcome-text-en"
                  />
                </Form.Item>
                <Button onClick={() => remove(row.name)}>{t('admin.records.remove')}</Button>
              </Space>
            ))}
            <Button
              type="dashed"
              onClick={() => add({ kind: 'consensus', text: '', textEn: '' })}
              data-testid="engagement-form-add-outcome"
            >
              {t('admin.engagements.addOutcome')}
            </Button>
          </>
        )}
      </Form.List>
    </>
  );
}
