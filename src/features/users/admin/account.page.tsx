import { Alert, App, Button, Card, Descriptions, Form, Input, Radio, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../admin/api.ts';
import { errorMessage } from '../../../admin/api-client.ts';
import { showApiErrorOnForm } from '../../../admin/form-errors.ts';
import { type AdminLocale, adminLocales } from '../../../admin/i18n.ts';
import { useLanguage } from '../../../admin/language.tsx';
import { useSwitchLanguage } from '../../../admin/language-switch.tsx';
import { newPasswordRules, repeatPasswordRules } from '../../../admin/password-rules.ts';
import { useSession } from '../../../admin/session.tsx';
import type { ChangePasswordInput } from '../users.schema.ts';
import { SessionsCard } from './sessions-card.tsx';

type PasswordValues = ChangePasswordInput & { confirmPassword: string };

type ReminderMode = 'each' | 'weekly' | 'off';
const reminderModes: readonly ReminderMode[] = ['each', 'weekly', 'off'];

/** The logged-in user's own account: profile, admin language, password, where they are logged in. */
export default function AccountPage() {
  const { t } = useTranslation();
  const session = useSession();
  const { locale } = useLanguage();
  const { message } = App.useApp();
  const switchLanguage = useSwitchLanguage({ persist: true });
  const [form] = Form.useForm<PasswordValues>();
  const [problems, setProblems] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const [changed, setChanged] = useState(false);
  const college = locale === 'en' ? session.tenant.nameEn : session.tenant.nameZh;
  const [reminderMode, setReminderMode] = useState<ReminderMode>(session.user.reminderMode);

  const saveReminders = async (mode: ReminderMode) => {
    const before = reminderMode;
    setReminderMode(mode);
    try {
      await api('PATCH /api/auth/me', { body: { reminderMode: mode } });
      void message.success(t('admin.account.remindersSaved'));
    } catch (error) {
      setReminderMode(before);
      void message.error(errorMessage(error));
    }
  };

  const changePassword = async (values: PasswordValues) => {
    setProblems([]);
    setChanged(false);
    setSaving(true);
    try {
      await api('POST /api/auth/password', {
        body: { currentPassword: values.currentPassword, newPassword: values.newPassword },
      });
      form.resetFields();
      setChanged(true);
    } catch (error) {
      setProblems(showApiErrorOnForm(form, error, ['currentPassword', 'newPassword']));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%', maxWidth: 720 }}>
      <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>
        {t('admin.account.title')}
      </Typography.Title>
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('admin.account.profile')}</h2>}>
        <Descriptions column={1} size="small" styles={{ label: { width: 140 } }}>
          <Descriptions.Item label={t('admin.account.name')}>{session.user.name}</Descriptions.Item>
          <Descriptions.Item label={t('admin.account.email')}>{session.user.email}</Descriptions.Item>
          <Descriptions.Item label={t('admin.account.college')}>{college}</Descriptions.Item>
          <Descriptions.Item label={t('admin.account.roles')}>
            <Space size={[4, 4]} wrap>
              {session.roles.map((role) => (
                <Tag key={role}>{t(`roles.${role}`)}</Tag>
              ))}
            </Space>
          </Descriptions.Item>
        </Descriptions>
        <fieldset className="concord-fieldset">
          <legend className="concord-legend">{t('admin.account.language')}</legend>
          <div style={{ margin: '8px 0 4px' }}>
            <Radio.Group
              value={locale}
              optionType="button"
              onChange={(e) => {
                void switchLanguage(e.target.value as AdminLocale).then((saved) => {
                  if (saved) void message.success(t('admin.account.languageSaved'));
                });
              }}
              options={adminLocales.map((l) => ({
                value: l,
                label: <span lang={l}>{t(`admin.languages.${l}`)}</span>,
              }))}
              data-testid="account-language"
            />
          </div>
          <Typography.Text type="secondary">{t('admin.account.languageHelp')}</Typography.Text>
        </fieldset>
        <fieldset className="concord-fieldset">
          <legend className="concord-legend">{t('admin.account.reminders')}</legend>
          <div style={{ margin: '8px 0 4px' }}>
            <Radio.Group
              value={reminderMode}
              optionType="button"
              onChange={(e) => void saveReminders(e.target.value as ReminderMode)}
              options={reminderModes.map((mode) => ({
                value: mode,
                label: t(`admin.account.reminderModes.${mode}`),
              }))}
              data-testid="account-reminders"
            />
          </div>
          <Typography.Text type="secondary">{t('admin.account.remindersHelp')}</Typography.Text>
        </fieldset>
      </Card>
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('admin.account.changePassword')}</h2>}>
        <Typography.Paragraph>{t('admin.account.changePasswordHelp')}</Typography.Paragraph>
        {changed && (
          <Alert
            type="success"
            showIcon
            role="status"
            title={t('admin.account.passwordChanged')}
            style={{ marginBottom: 16 }}
          />
        )}
        {problems.length > 0 && (
          <Alert type="error" showIcon role="alert" title={problems.join(' ')} style={{ marginBottom: 16 }} />
        )}
        <Form<PasswordValues>
          name="account"
          form={form}
          layout="vertical"
          onFinish={(values) => void changePassword(values)}
          disabled={saving}
          style={{ maxWidth: 400 }}
        >
          <Form.Item
            name="currentPassword"
            label={t('admin.account.currentPassword')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <Input.Password autoComplete="current-password" data-testid="account-current-password" />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label={t('admin.account.newPassword')}
            extra={t('admin.users.passwordHelp')}
            dependencies={['currentPassword']}
            rules={[
              ...newPasswordRules(),
              ({ getFieldValue }) => ({
                validator: async (_rule, value: unknown) => {
                  if (value && value === getFieldValue('currentPassword'))
                    throw new Error(t('validation.password_same'));
                },
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" data-testid="account-new-password" />
          </Form.Item>
          <Form.Item
            name="confirmPassword"
            label={t('admin.account.confirmPassword')}
            dependencies={['newPassword']}
            rules={repeatPasswordRules('newPassword', t('admin.account.mismatch'))}
          >
            <Input.Password autoComplete="new-password" data-testid="account-confirm-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="account-password-submit">
            {t('admin.account.submit')}
          </Button>
        </Form>
      </Card>
      <SessionsCard />
    </Space>
  );
}
