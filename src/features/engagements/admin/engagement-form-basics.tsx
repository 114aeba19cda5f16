import { Card, Col, DatePicker, Form, InputNumber, Row, Select, TimePicker } from 'antd';
import { useTranslation } from 'react-i18next';
import { RecordPicker } from '../../../admin/record-picker.tsx';
import { engagementTypeSchema } from '../engagements.schema.ts';
import { EngagementFormDescriptions, EngagementFormTitles } from './engagement-form-texts.tsx';

const engagementTypes = engagementTypeSchema.options;

/** The basic facts of the engagement: type, dates, titles, place, host unit, delegation size, purpose, summary. */
export function EngagementFormBasics() {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('admin.engagements.sectionBasics')} style={{ marginBottom: 16 }}>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item name="type" label={t('admin.engagements.fields.type')} rules={[{ required: true }]}>
            <Select
              data-testid="engagement-form-type"
              options={engagementTypes.map((type) => ({
                value: type,
                label: t(`admin.engagements.types.${type}`),
              }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name="startsOn"
            label={t('admin.engagements.fields.startsOn')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <DatePicker style={{ width: '100%' }} data-testid="engagement-form-date" />
          </Form.Item>
        </Col>
        <Col xs={12} md={4}>
          <Form.Item name="startsAt" label={t('admin.engagements.fields.startsAt')}>
            <TimePicker format="HH:mm" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} md={4}>
          <Form.Item name="endsOn" label={t('admin.engagements.fields.endsOn')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <EngagementFormTitles />
        <Col xs={24} md={12}>
          <Form.Item name="hostOrgUnitId" label={t('admin.engagements.fields.hostOrgUnit')}>
            <RecordPicker source="org-units" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="delegationSize" label={t('admin.engagements.fields.delegationSize')}>
            <InputNumber min={1} max={10000} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <EngagementFormDescriptions />
      </Row>
    </Card>
  );
}
