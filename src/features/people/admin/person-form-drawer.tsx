import { Alert, Button, DatePicker, Divider, Drawer, Form, Input, Radio, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../admin/api.ts';
import { isApiError } from '../../../admin/api-client.ts';
import { showApiErrorOnForm } from '../../../admin/form-errors.ts';
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
  const [problems, setProblems] = useState<string[]>([]);
  const [conflict, setConflict] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  // A person created before their title failed to save is not created twice on the next try.
  const [created, setCreated] = useState<PersonOutput | null>(null);
  const editing = person !== null;
  const withTitle = !editing && Boolean(organizationId);

  useEffect(() => {
    if (!open) return;
    setRecord(person);
    setProblems([]);
    setConflict(null);
    setCreated(null);
    form.resetFields();
    form.setFieldsValue(valuesOf(person));
  }, [open, person, form]);

  const reload = async () => {
    if (!record) return;
    try {
      const latest = await api('GET /api/people/:id', { params: { id: record.id } });
      setRecord(latest);
      setConflict(null);
      setProblems([t('admin.common.reloaded')]);
      form.setFieldsValue(valuesOf(latest));
    } catch (error) {
      setProblems(showApiErrorOnForm(form, error, personFields));
    }
  };

  const save = async (values: Values) => {
    setProblems([]);
    setConflict(null);
    setSaving(true);
    const fields = {
      side: values.side,
      nameZh: values.nameZh,
      nameEn: values.nameEn ?? '',
      email: orNull(values.email),
      phone: orNull(values.phone),
      notes: orNull(values.notes),
    };
    try {
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
    } catch (error) {
      if (isApiError(error, 'conflict')) setConflict(error.message);
      else setProblems(showApiErrorOnForm(form, error, [...personFields, 'titleZh', 'titleEn', 'fromOn']));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={editing ? t('admin.people.editTitle') : t('admin.people.createTitle')}
      size={480}
      forceRender
      footer={
        <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('admin.common.cancel')}</Button>
          <Button
            type="primary"
            loading={saving}
            onClick={() => form.submit()}
            data-testid="person-form-submit"
          >
            {editing ? t('admin.common.save') : t('admin.people.createSubmit')}
          </Button>
        </Space>
      }
    >
      {conflict && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          title={t('admin.common.conflictTitle')}
          description={
            <>
              <div>{conflict}</div>
              <Button size="small" onClick={() => void reload()} style={{ marginTop: 8 }}>
                {t('admin.common.reloadRecord')}
              </Button>
            </>
          }
          style={{ marginBottom: 16 }}
        />
      )}
      {problems.length > 0 && (
        <Alert
          type={problems[0] === t('admin.common.reloaded') ? 'info' : 'error'}
          showIcon
          role="alert"
          title={problems[0]}
          description={problems.length > 1 ? problems.slice(1).join(' ') : undefined}
          style={{ marginBottom: 16 }}
        />
      )}
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
    </Drawer>
  );
}
