import { Alert, Form, Input, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../admin/api.ts';
import { showApiErrorOnForm } from '../../../admin/form-errors.ts';
import type { CollegeOutput } from '../../tenants/tenants.schema.ts';

/** Adds a host name to a college. */
export function HostModal({
  college,
  onClose,
  onSaved,
}: {
  college: CollegeOutput | null;
  onClose: () => void;
  onSaved: (college: CollegeOutput) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ host: string }>();
  const [saving, setSaving] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  useEffect(() => {
    if (college) {
      form.resetFields();
      setProblems([]);
    }
  }, [college, form]);
  const submit = async ({ host }: { host: string }) => {
    if (!college) return;
    setSaving(true);
    try {
      onSaved(await api('POST /api/colleges/:id/hosts', { params: { id: college.id }, body: { host } }));
    } catch (error) {
      setProblems(showApiErrorOnForm(form, error, ['host']));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open={college !== null}
      title={t('admin.colleges.addHostTitle', { name: college?.slug ?? '' })}
      okText={t('admin.common.save')}
      cancelText={t('admin.common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {problems.length > 0 && (
        <Alert type="error" showIcon title={problems[0]} style={{ marginBottom: 16 }} />
      )}
      <Form name="colleges-2" form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="host"
          label={t('admin.colleges.fields.host')}
          extra={t('admin.colleges.fields.hostHelp')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <Input maxLength={253} autoComplete="off" placeholder="www.example.edu.cn" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
