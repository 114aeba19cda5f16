import { Alert, Form, Input, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../admin/api.ts';
import { showApiErrorOnForm } from '../../../admin/form-errors.ts';
import { newPasswordRules, repeatPasswordRules } from '../../../admin/password-rules.ts';
import type { UserOutput } from '../users.schema.ts';

interface Values {
  password: string;
  confirm: string;
}

/** Lets an administrator set a new password for someone; all their sessions end. */
export function ResetPasswordModal({
  user,
  onClose,
  onDone,
}: {
  user: UserOutput | null;
  onClose: () => void;
  onDone: (user: UserOutput) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [problems, setProblems] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (user) {
      form.resetFields();
      setProblems([]);
    }
  }, [user, form]);

  const reset = async (values: Values) => {
    if (!user) return;
    setProblems([]);
    setSaving(true);
    try {
      onDone(
        await api('POST /api/users/:id/password', {
          params: { id: user.id },
          body: { password: values.password },
        }),
      );
    } catch (error) {
      setProblems(showApiErrorOnForm(form, error, ['password']));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={user !== null}
      title={user ? t('admin.users.resetTitle', { name: user.name }) : ''}
      okText={t('admin.users.resetSubmit')}
      cancelText={t('admin.common.cancel')}
      okButtonProps={{ danger: true, loading: saving, 'data-testid': 'reset-password-submit' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      forceRender
    >
      <Typography.Paragraph>{t('admin.users.resetHelp')}</Typography.Paragraph>
      {problems.length > 0 && (
        <Alert type="error" showIcon role="alert" title={problems.join(' ')} style={{ marginBottom: 16 }} />
      )}
      <Form<Values>
        name="reset-password-modal"
        form={form}
        layout="vertical"
        onFinish={(values) => void reset(values)}
        disabled={saving}
      >
        <Form.Item
          name="password"
          label={t('admin.users.fields.newPassword')}
          extra={t('admin.users.passwordHelp')}
          rules={newPasswordRules()}
        >
          <Input.Password autoComplete="new-password" data-testid="reset-password-new" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('admin.users.fields.confirmPassword')}
          dependencies={['password']}
          rules={repeatPasswordRules('password', t('admin.account.mismatch'))}
        >
          <Input.Password autoComplete="new-password" data-testid="reset-password-confirm" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
