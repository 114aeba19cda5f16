import { Col, Form, Input, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';

/** The title and the place in Chinese and in English, side by side, as columns of the basics row. */
export function EngagementFormTitles() {
  const { t } = useTranslation();
  return (
    <>
      <Col xs={24} md={12}>
        <Form.Item
          name="titleZh"
          label={t('admin.engagements.fields.titleZh')}
          rules={[
            { required: true, whitespace: true, message: t('validation.required') },
            { max: 200, message: t('validation.too_long', { max: 200 }) },
          ]}
        >
          <Input lang="zh-CN" data-testid="engagement-form-title-zh" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          name="titleEn"
          label={t('admin.engagements.fields.titleEn')}
          rules={[{ max: 200, message: t('validation.too_long', { max: 200 }) }]}
        >
          <Input lang="en" data-testid="engagement-form-title-en" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="location" label={t('admin.engagements.fields.locationZh')}>
          <Input lang="zh-CN" maxLength={300} data-testid="engagement-form-location" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="locationEn" label={t('admin.engagements.fields.locationEn')}>
          <Input lang="en" maxLength={300} data-testid="engagement-form-location-en" />
        </Form.Item>
      </Col>
    </>
  );
}

/** The purpose and the summary in Chinese and in English, side by side, as columns of the basics row. */
export function EngagementFormDescriptions() {
  const { t } = useTranslation();
  return (
    <>
      <Col xs={24} md={12}>
        <Form.Item name="purpose" label={t('admin.engagements.fields.purposeZh')}>
          <Input.TextArea lang="zh-CN" autoSize={{ minRows: 1, maxRows: 4 }} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="purposeEn" label={t('admin.engagements.fields.purposeEn')}>
          <Input.TextArea
            lang="en"
            autoSize={{ minRows: 1, maxRows: 4 }}
            data-testid="engagement-form-purpose-en"
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="summary" label={t('admin.engagements.fields.summaryZh')}>
          <Input.TextArea lang="zh-CN" autoSize={{ minRows: 3, maxRows: 12 }} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="summaryEn" label={t('admin.engagements.fields.summaryEn')}>
          <Input.TextArea lang="en" autoSize={{ minRows: 3, maxRows: 12 }} />
        </Form.Item>
      </Col>
    </>
  );
}

/** The topics in Chinese and in English, typed as tags. */
export function EngagementFormTopics() {
  const { t } = useTranslation();
  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Form.Item
          name="topics"
          label={t('admin.engagements.fields.topicsZh')}
          extra={t('admin.engagements.topicsHelp')}
        >
          <Select mode="tags" open={false} suffixIcon={null} data-testid="engagement-form-topics" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="topicsEn" label={t('admin.engagements.fields.topicsEn')}>
          <Select mode="tags" open={false} suffixIcon={null} data-testid="engagement-form-topics-en" />
        </Form.Item>
      </Col>
    </Row>
  );
}
