import { Form, Input, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../admin/api.ts';
import { adminLocales } from '../../../admin/i18n.ts';
import { newPasswordRules } from '../../../admin/password-rules.ts';
import { RecordDrawer, useRecordForm } from '../../../admin/record-form.tsx';
import { roles } from '../../../platform/permissions.ts';
import type { CreateUserInput, UserOutput } from '../users.schema.ts';

type Values = Required<Pick<CreateUserInput, 'email' | 'name' | 'roles' | 'locale'>> & { password?: string };
const fieldNames = ['email', 'name', 'roles', 'locale', 'password'] as const;

/** Creates a user (no `user`) or edits one: name, roles and language. */
export function UserFormDrawer({
  open,
  user,
  onClose,
  onSaved,
  canManageTenants,
}: {
  open: boolean;
  canManageTenants: boolean;
  user: UserOutput | null;
  onClose: () => void;
  onSaved: (user: UserOutput, created: boolean) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  // The version the edit is based on; replaced when the admin reloads after a conflict.
  const [record, setRecord] = useState<UserOutput | null>(user);
  const recordForm = useRecordForm(form, fieldNames);
  const { clear, saving } = recordForm;
  const editing = user !== null;
  // Only platform administrators hand out the platform role; a user who already holds it keeps it listed.
  const grantable = roles.filter(
    (role) => role !== 'platform_admin' || canManageTenants || user?.roles.includes(role),
  );

  useEffect(() => {
    if (!open) return;
    setRecord(user);
    clear();
    form.resetFields();
    form.setFieldsValue(
      user
        ? { email: user.email, name: user.name, roles: user.roles, locale: user.locale }
        : { email: '', name: '', roles: ['viewer'], locale: 'zh-CN', password: '' },
    );
  }, [open, user, form, clear]);

  const reload = () =>
    recordForm.reload(async () => {
      if (!record) return;
      const latest = await api('GET /api/users/:id', { params: { id: record.id } });
      setRecord(latest);
      form.setFieldsValue({ name: latest.name, roles: latest.roles, locale: latest.locale });
    });

  const save = async (values: Values) => {
    await recordForm.submit(async () => {
      if (record) {
        const saved = await api('PATCH /api/users/:id', {
          params: { id: record.id },
          body: { version: record.version, name: values.name, roles: values.roles, locale: values.locale },
        });
        onSaved(saved, false);
      } else {
        const created = await api('POST /api/users', {
          body: {
            email: values.email,
            name: values.name,
            roles: values.roles,
            locale: values.locale,
            password: values.password ?? '',
          },
        });
        onSaved(created, true);
      }
    });
  };

  return (
    <RecordDrawer
      open={open}
      onClose={onClose}
      title={editing ? t('admin.users.editTitle', { name: user.name }) : t('admin.users.createTitle')}
      submitLabel={editing ? t('admin.common.save') : t('admin.users.createSubmit')}
      onSubmit={() => form.submit()}
      state={recordForm.state}
      onReload={() => void reload()}
      submitTestId="user-form-submit"
      width={480}
    >
      <Form<Values>
        name="user-form-drawer"
        form={form}
        layout="vertical"
        onFinish={(values) => void save(values)}
        disabled={saving}
      >
        <Form.Item
          name="email"
          label={t('admin.users.fields.email')}
          extra={editing ? t('admin.users.emailFixed') : undefined}
          rules={
            editing
              ? []
              : [
                  { required: true, whitespace: true, message: t('validation.required') },
                  { type: 'email', message: t('validation.invalid_email') },
                  { max: 254, message: t('validation.too_long', { max: 254 }) },
                ]
          }
        >
          <Input type="email" autoComplete="off" disabled={editing} data-testid="user-form-email" />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('admin.users.fields.name')}
          rules={[
            { required: true, whitespace: true, message: t('validation.required') },
            { max: 100, message: t('validation.too_long', { max: 100 }) },
          ]}
        >
          <Input autoComplete="off" data-testid="user-form-name" />
        </Form.Item>
        <Form.Item
          name="roles"
          label={t('admin.users.fields.roles')}
          rules={[{ required: true, type: 'array', min: 1, message: t('validation.required') }]}
        >
          <Select
            mode="multiple"
            placeholder={t('admin.users.rolesPlaceholder')}
            options={grantable.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
            optionFilterProp="label"
            data-testid="user-form-roles"
          />
        </Form.Item>
        <Form.Item name="locale" label={t('admin.users.fields.locale')} rules={[{ required: true }]}>
          <Select
            options={adminLocales.map((locale) => ({
              value: locale,
              label: <span lang={locale}>{t(`admin.languages.${locale}`)}</span>,
            }))}
            data-testid="user-form-locale"
          />
        </Form.Item>
        {!editing && (
          <Form.Item
            name="password"
            label={t('admin.users.fields.password')}
            extra={t('admin.users.passwordHelp')}
            rules={newPasswordRules()}
          >
            <Input.Password autoComplete="new-password" data-testid="user-form-password" />
          </Form.Item>
        )}
      </Form>
    </RecordDrawer>
  );
}
