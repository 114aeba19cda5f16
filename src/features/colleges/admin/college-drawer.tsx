import { Alert, Button, Drawer, Form, Input, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../admin/api.ts';
import { isApiError } from '../../../admin/api-client.ts';
import { showApiErrorOnForm } from '../../../admin/form-errors.ts';
import { newPasswordRules } from '../../../admin/password-rules.ts';
import type { CollegeOutput } from '../../tenants/tenants.schema.ts';
import type { CreateCollegeInput } from '../colleges.schema.ts';

/** What the drawer's form collects: every field when adding a college, only the names when renaming one. */
type CollegeValues = CreateCollegeInput;
const collegeFields = ['slug', 'nameZh', 'nameEn', 'host', 'admin'] as const;

/** The fields only a new college has: its slug, its host name and its first administrator. */
function NewCollegeFields() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        name="slug"
        label={t('admin.colleges.fields.slug')}
        extra={t('admin.colleges.fields.slugHelp')}
        rules={[
          { required: true, message: t('validation.required') },
          { pattern: /^[a-z0-9][a-z0-9-]{1,39}$/, message: t('admin.colleges.fields.slugHelp') },
        ]}
      >
        <Input maxLength={40} autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="host"
        label={t('admin.colleges.fields.host')}
        extra={t('admin.colleges.fields.hostHelp')}
        rules={[{ required: true, message: t('validation.required') }]}
      >
        <Input maxLength={253} autoComplete="off" placeholder="news.example.edu.cn" />
      </Form.Item>
      <Typography.Title level={2} style={{ fontSize: 16 }}>
        {t('admin.colleges.firstAdmin')}
      </Typography.Title>
      <Form.Item
        name={['admin', 'name']}
        label={t('admin.users.fields.name')}
        rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
      >
        <Input maxLength={100} autoComplete="off" />
      </Form.Item>
      <Form.Item
        name={['admin', 'email']}
        label={t('admin.users.fields.email')}
        rules={[{ required: true, type: 'email', message: t('validation.invalid_email') }]}
      >
        <Input maxLength={254} autoComplete="off" />
      </Form.Item>
      <Form.Item
        name={['admin', 'password']}
        label={t('admin.colleges.fields.password')}
        rules={newPasswordRules()}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  );
}

/** Adds a college (no `college`) with its host and first administrator, or renames one. */
export function CollegeDrawer({
  open,
  college,
  onClose,
  onSaved,
}: {
  open: boolean;
  college: CollegeOutput | null;
  onClose: () => void;
  onSaved: (college: CollegeOutput, created: boolean) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CollegeValues>();
  const [problems, setProblems] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const creating = college === null;

  useEffect(() => {
    if (!open) return;
    setProblems([]);
    form.resetFields();
    if (college) form.setFieldsValue({ nameZh: college.nameZh, nameEn: college.nameEn });
  }, [open, college, form]);

  const submit = async (values: CollegeValues) => {
    setSaving(true);
    setProblems([]);
    try {
      const result = creating
        ? await api('POST /api/colleges', { body: values })
        : await api('PATCH /api/colleges/:id', {
            params: { id: college.id },
            body: { nameZh: values.nameZh, nameEn: values.nameEn },
          });
      onSaved(result, creating);
    } catch (error) {
      // Field errors of the administrator ("admin.password") go onto their own fields.
      if (isApiError(error))
        form.setFields(
          error.fieldIssues
            .filter((issue) => issue.path.startsWith('admin.'))
            .map((issue) => ({ name: issue.path.split('.') as never, errors: [issue.message] })),
        );
      const left = showApiErrorOnForm(form, error, collegeFields);
      setProblems(
        isApiError(error) && error.fieldIssues.every((i) => i.path.startsWith('admin.')) ? [] : left,
      );
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t(creating ? 'admin.colleges.create' : 'admin.colleges.rename')}
      size={560}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('admin.common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="college-save">
            {t('admin.common.save')}
          </Button>
        </Space>
      }
    >
      {problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          title={problems[0]}
          description={problems.slice(1).join(' ')}
          style={{ marginBottom: 16 }}
        />
      )}
      <Form
        name="colleges"
        form={form}
        layout="vertical"
        onFinish={submit}
        requiredMark="optional"
        scrollToFirstError
      >
        <Form.Item
          name="nameZh"
          label={t('admin.colleges.fields.nameZh')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="nameEn"
          label={t('admin.colleges.fields.nameEn')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        {creating && <NewCollegeFields />}
      </Form>
    </Drawer>
  );
}
