import { Alert, Form, Input, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../admin/api.ts';
import { showApiErrorOnForm } from '../../../admin/form-errors.ts';
import { RecordPicker } from '../../../admin/record-picker.tsx';
import type { PersonOutput } from '../../people/people.schema.ts';
import { participantSideSchema } from '../engagements.schema.ts';

const participantSides = participantSideSchema.options;

/** A person just added from the engagement form, with the title and organization given in the dialog. */
type NewPerson = PersonOutput & { titleZh: string; titleEn: string; organizationId: string | null };

interface PersonValues {
  nameZh: string;
  nameEn?: string;
  side: 'ours' | 'theirs';
  organizationId?: string;
  titleZh?: string;
  titleEn?: string;
}

/** Adds a person to the registry without leaving the engagement form. */
export function NewPersonModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (person: NewPerson) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<PersonValues>();
  const [problems, setProblems] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (open) {
      form.resetFields();
      setProblems([]);
    }
  }, [open, form]);

  const save = async (v: PersonValues) => {
    setSaving(true);
    setProblems([]);
    try {
      const person = await api('POST /api/people', {
        body: { nameZh: v.nameZh.trim(), nameEn: v.nameEn?.trim() ?? '', side: v.side },
      });
      if (v.titleZh?.trim() && v.organizationId) {
        await api('POST /api/people/:id/affiliations', {
          params: { id: person.id },
          body: {
            organizationId: v.organizationId,
            titleZh: v.titleZh.trim(),
            titleEn: v.titleEn?.trim() ?? '',
            isPrimary: true,
          },
        });
      }
      onCreated({
        ...person,
        titleZh: v.titleZh?.trim() ?? '',
        titleEn: v.titleEn?.trim() ?? '',
        organizationId: v.organizationId ?? null,
      });
    } catch (error) {
      setProblems(showApiErrorOnForm(form, error, ['nameZh', 'nameEn', 'side']));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('admin.engagements.newPersonTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('admin.engagements.newPersonSubmit')}
      cancelText={t('admin.common.cancel')}
      confirmLoading={saving}
      okButtonProps={{ id: 'new-person-submit' }}
      forceRender
    >
      {problems.length > 0 && (
        <Alert type="error" showIcon role="alert" title={problems[0]} style={{ marginBottom: 16 }} />
      )}
      <Form<PersonValues>
        name="engagement-form-2"
        form={form}
        layout="vertical"
        initialValues={{ side: 'theirs' }}
        onFinish={(v) => void save(v)}
      >
        <Form.Item
          name="nameZh"
          label={t('admin.engagements.fields.personNameZh')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input lang="zh-CN" data-testid="new-person-name-zh" />
        </Form.Item>
        <Form.Item name="nameEn" label={t('admin.engagements.fields.personNameEn')}>
          <Input lang="en" data-testid="new-person-name-en" />
        </Form.Item>
        <Form.Item name="side" label={t('admin.engagements.fields.side')}>
          <Select
            options={participantSides.map((s) => ({ value: s, label: t(`admin.engagements.sides.${s}`) }))}
          />
        </Form.Item>
        <Form.Item name="organizationId" label={t('admin.engagements.fields.organization')}>
          <RecordPicker source="organizations" />
        </Form.Item>
        <Form.Item name="titleZh" label={t('admin.engagements.fields.currentTitleZh')}>
          <Input lang="zh-CN" data-testid="new-person-title-zh" />
        </Form.Item>
        <Form.Item name="titleEn" label={t('admin.engagements.fields.currentTitleEn')}>
          <Input lang="en" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
