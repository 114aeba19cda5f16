import { Alert, Checkbox, DatePicker, Form, Input, Modal, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../admin/api.ts';
import { isApiError } from '../../../admin/api-client.ts';
import { showApiErrorOnForm } from '../../../admin/form-errors.ts';
import { OrgUnitSelect } from '../../org-units/admin/org-unit-select.tsx';
import { OrganizationSelect } from '../../organizations/admin/organization-select.tsx';
import type { AffiliationOutput, CreateAffiliationInput, UpdateAffiliationInput } from '../people.schema.ts';

interface Values {
  where: 'organization' | 'orgUnit';
  organizationId?: string;
  orgUnitId?: string;
  titleZh: string;
  titleEn: string;
  fromOn?: Dayjs | null;
  toOn?: Dayjs | null;
  isPrimary: boolean;
}
const fieldNames = [
  'organizationId',
  'orgUnitId',
  'titleZh',
  'titleEn',
  'fromOn',
  'toOn',
  'isPrimary',
] as const;
const day = (value: Dayjs | null | undefined) => (value ? value.format('YYYY-MM-DD') : null);

/** Adds a title a person holds (or held) at a partner or one of our departments, or edits one. */
export function AffiliationFormModal({
  open,
  personId,
  affiliation,
  organizationId,
  onClose,
  onSaved,
}: {
  open: boolean;
  personId: string;
  affiliation: AffiliationOutput | null;
  /** Fixes the partner, when adding from the partner's page. */
  organizationId?: string;
  onClose: () => void;
  onSaved: (affiliation: AffiliationOutput) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [problems, setProblems] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const where = Form.useWatch('where', form);

  useEffect(() => {
    if (!open) return;
    setProblems([]);
    form.resetFields();
    form.setFieldsValue({
      where: affiliation?.orgUnitId ? 'orgUnit' : 'organization',
      organizationId: affiliation?.organizationId ?? organizationId,
      orgUnitId: affiliation?.orgUnitId ?? undefined,
      titleZh: affiliation?.titleZh ?? '',
      titleEn: affiliation?.titleEn ?? '',
      fromOn: affiliation?.fromOn ? dayjs(affiliation.fromOn) : null,
      toOn: affiliation?.toOn ? dayjs(affiliation.toOn) : null,
      isPrimary: affiliation?.isPrimary ?? true,
    });
  }, [open, affiliation, organizationId, form]);

  const save = async (values: Values) => {
    setProblems([]);
    setSaving(true);
    const fields = {
      organizationId: values.where === 'organization' ? (values.organizationId ?? null) : null,
      orgUnitId: values.where === 'orgUnit' ? (values.orgUnitId ?? null) : null,
      titleZh: values.titleZh,
      titleEn: values.titleEn ?? '',
      fromOn: day(values.fromOn),
      toOn: day(values.toOn),
      isPrimary: values.isPrimary,
    };
    try {
      if (affiliation) {
        const body: UpdateAffiliationInput = { version: affiliation.version, ...fields };
        onSaved(
          await api('PATCH /api/people/:id/affiliations/:affId', {
            params: { id: personId, affId: affiliation.id },
            body,
          }),
        );
      } else {
        const body: CreateAffiliationInput = fields;
        onSaved(await api('POST /api/people/:id/affiliations', { params: { id: personId }, body }));
      }
    } catch (error) {
      setProblems(
        isApiError(error, 'conflict') ? [error.message] : showApiErrorOnForm(form, error, fieldNames),
      );
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={affiliation ? t('admin.people.editTitleHeld') : t('admin.people.addTitleHeld')}
      okText={t('admin.common.save')}
      cancelText={t('admin.common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'affiliation-submit' } as never}
      forceRender
      destroyOnHidden={false}
    >
      {problems.length > 0 && (
        <Alert type="error" showIcon role="alert" title={problems[0]} style={{ marginBottom: 16 }} />
      )}
      <Form<Values>
        name="affiliation-form-modal"
        form={form}
        layout="vertical"
        onFinish={(values) => void save(values)}
        disabled={saving}
      >
        {!organizationId && (
          <Form.Item name="where" label={t('admin.people.fields.where')}>
            <Radio.Group
              options={[
                { value: 'organization', label: t('admin.people.atPartner') },
                { value: 'orgUnit', label: t('admin.people.atOurUnit') },
              ]}
            />
          </Form.Item>
        )}
        {where === 'orgUnit' ? (
          <Form.Item
            name="orgUnitId"
            label={t('admin.people.fields.orgUnit')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <OrgUnitSelect />
          </Form.Item>
        ) : (
          <Form.Item
            name="organizationId"
            label={t('admin.people.fields.organization')}
            rules={[{ required: true, message: t('validation.required') }]}
            hidden={Boolean(organizationId)}
          >
            <OrganizationSelect />
          </Form.Item>
        )}
        <Form.Item
          name="titleZh"
          label={t('admin.people.fields.titleZh')}
          rules={[
            { required: true, whitespace: true, message: t('validation.required') },
            { max: 200, message: t('validation.too_long', { max: 200 }) },
          ]}
        >
          <Input lang="zh-CN" autoComplete="off" data-testid="affiliation-title-zh" />
        </Form.Item>
        <Form.Item
          name="titleEn"
          label={t('admin.people.fields.titleEn')}
          rules={[{ max: 300, message: t('validation.too_long', { max: 300 }) }]}
        >
          <Input lang="en" autoComplete="off" />
        </Form.Item>
        <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
          <Form.Item name="fromOn" label={t('admin.people.fields.fromOn')}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="toOn" label={t('admin.people.fields.toOn')} extra={t('admin.people.toOnHelp')}>
            <DatePicker />
          </Form.Item>
        </div>
        <Form.Item name="isPrimary" valuePropName="checked">
          <Checkbox>{t('admin.people.fields.isPrimary')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
