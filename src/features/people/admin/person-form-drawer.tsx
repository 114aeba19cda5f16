import { DatePicker, Divider, Form, Input, Radio } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../admin/api.ts';
import { RecordDrawer, useRecordForm } from '../../../admin/record-form.tsx';
import type {
  CreateAffiliationInput,
  CreatePersonInput,
  PersonOutput,
  UpdatePersonInput,
} from '../people.schema.ts';

interface Values {
  side: PersonOutput['side'];
  nameZh: string;
  nameEn: string;
  email: string;
  phone: string;
  notes: string;
  titleZh?: string;
  titleEn?: string;
  fromOn?: Dayjs | null;
}
const personFields = ['side', 'nameZh', 'nameEn', 'email', 'phone', 'notes'] as const;
const orNull = (value: string | undefined) => (value?.trim() ? value.trim() : null);

function valuesOf(p: PersonOutput | null): Partial<Values> {
  return {
    side: p?.side ?? 'theirs',
    nameZh: p?.nameZh ?? '',
    nameEn: p?.nameEn ?? '',
    email: p?.email ?? '',
    phone: p?.phone ?? '',
    notes: p?.notes ?? '',
  };
}

/**
 * Adds a person (no `person`) or edits one. With `organizationId`, the new person also gets their
 * current title at that partner.
 */
export function PersonFormDrawer({
  open,
  person,
  organizationId,
  onClose,
  onSaved,
}: {
  open: boolean;
  person: PersonOutput | null;
  organizationId?: string;
  onClose: () => void;
  onSaved: (person: PersonOutput, created: boolean) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [record, setRecord] = useState<PersonOutput | null>(person);
  const recordForm = useRecordForm(form, personFields);
  const { clear, saving } = recordForm;
  // A person created before their title failed to save is not created twice on the next try.
  const [created, setCreated] = useState<PersonOutput | null>(null);
  const editing = person !== null;
  const withTitle = !editing && Boolean(organizationId);

  useEffect(() => {
    if (!open) return;
    setRecord(person);
    clear();
    setCreated(null);
    form.resetFields();
    form.setFieldsValue(valuesOf(person));
  }, [open, person, form, clear]);

  const reload = () =>
    recordForm.reload(async () => {
      if (!record) return;
      const latest = await api('GET /api/people/:id', { params: { id: record.id } });
      setRecord(latest);
      form.setFieldsValue(valuesOf(latest));
    });

  const save = async (values: Values) => {
    const fields = {
      side: values.side,
      nameZh: values.nameZh,
      nameEn: values.nameEn ?? '',
      email: orNull(values.email),
      phone: orNull(values.phone),
      notes: orNull(values.notes),
    };
    await recordForm.submit(async () => {
      if (record) {
        const body: UpdatePersonInput = { version: record.version, ...fields };
        onSaved(await api('PATCH /api/people/:id', { params: { id: record.id }, body }), false);
        return;
      }
      const body: CreatePersonInput = fields;
      const saved = created ?? (await api('POST /api/people', { body }));
      setCreated(saved);
      if (withTitle && organizationId) {
        const affiliation: CreateAffiliationInput = {
          organizationId,
          titleZh: values.titleZh ?? '',
          titleEn: values.titleEn ?? '',
          fromOn: values.fromOn ? values.fromOn.format('YYYY-MM-DD') : null,
          isPrimary: true,
        };
        await api('POST /api/people/:id/affiliations', { params: { id: saved.id }, body: affiliation });
      }
      onSaved(saved, true);
    }, ['titleZh', 'titleEn', 'fromOn']);
  };

  return (
    <RecordDrawer
      open={open}
      onClose={onClose}
      title={editing ? t('admin.people.editTitle') : t('admin.people.createTitle')}
      submitLabel={editing ? t('admin.common.save') : t('admin.people.createSubmit')}
      onSubmit={() => form.submit()}
      state={recordForm.state}
      onReload={() => void reload()}
      submitTestId="person-form-submit"
      width={480}
    >
      <Form<Values>
        name="person-form-drawer"
        form={form}
        layout="vertical"
        onFinish={(values) => void save(values)}
        disabled={saving}
      >
        <Form.Item
          name="nameZh"
          label={t('admin.people.fields.nameZh')}
          rules={[
            { required: true, whitespace: true, message: t('validation.required') },
            { max: 100, message: t('validation.too_long', { max: 100 }) },
          ]}
        >
          <Input lang="zh-CN" autoComplete="off" data-testid="person-form-name-zh" />
        </Form.Item>
        <Form.Item
          name="nameEn"
          label={t('admin.people.fields.nameEn')}
          rules={[{ max: 200, message: t('validation.too_long', { max: 200 }) }]}
        >
          <Input lang="en" autoComplete="off" />
        </Form.Item>
        {!withTitle && (
          <Form.Item name="side" label={t('admin.people.fields.side')}>
            <Radio.Group
              options={(['theirs', 'ours'] as const).map((side) => ({
                value: side,
                label: t(`admin.people.sides.${side}`),
              }))}
            />
          </Form.Item>
        )}
        <Form.Item
          name="email"
          label={t('admin.people.fields.email')}
          rules={[{ type: 'email', message: t('validation.invalid_email') }]}
        >
          <Input type="email" autoComplete="off" />
        </Form.Item>
        <Form.Item name="phone" label={t('admin.people.fields.phone')}>
          <Input type="tel" autoComplete="off" maxLength={40} />
        </Form.Item>
        <Form.Item name="notes" label={t('admin.people.fields.notes')}>
          <Input.TextArea rows={3} />
        </Form.Item>
        {withTitle && (
          <>
            <Divider titlePlacement="start">{t('admin.people.currentTitle')}</Divider>
            <Form.Item
              name="titleZh"
              label={t('admin.people.fields.titleZh')}
              rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
            >
              <Input lang="zh-CN" autoComplete="off" data-testid="person-form-title-zh" />
            </Form.Item>
            <Form.Item name="titleEn" label={t('admin.people.fields.titleEn')}>
              <Input lang="en" autoComplete="off" />
            </Form.Item>
            <Form.Item name="fromOn" label={t('admin.people.fields.fromOn')}>
              <DatePicker />
            </Form.Item>
          </>
        )}
      </Form>
    </RecordDrawer>
  );
}
