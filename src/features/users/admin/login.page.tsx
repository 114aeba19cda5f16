import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { callApi, errorMessage, isApiError } from '../../../admin/api-client.ts';
import { storedLocale, useLanguage } from '../../../admin/language.tsx';
import { LanguageSwitch } from '../../../admin/language-switch.tsx';
import { meQueryKey, useMeQuery } from '../../../admin/session.tsx';
import type { LoginInput, UserOutput } from '../users.schema.ts';

type Notice = 'sessionEnded' | 'loggedOut' | 'passwordChanged';

/** Only paths inside the admin are followed after login, never another site. */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

/** The login screen: email and password, with the language switch. */
export default function LoginPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<LoginInput>();
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const { setLocale } = useLanguage();
  const [problem, setProblem] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const next = safeNext(params.get('next'));
  const notice = (location.state as { notice?: Notice } | null)?.notice;
  // Someone who is already logged in has nothing to do here; only ask when arriving without a notice.
  const me = useMeQuery();

  if (!notice && me.data) return <Navigate to={next} replace />;

  const logIn = async (values: LoginInput) => {
    setProblem(null);
    setSubmitting(true);
    try {
      const { user } = await callApi<{ user: UserOutput }>('POST', '/auth/login', values);
      // The account's language applies unless this browser already chose one.
      if (!storedLocale()) setLocale(user.locale);
      await queryClient.resetQueries({ queryKey: meQueryKey });
      void navigate(next, { replace: true });
    } catch (error) {
      setSubmitting(false);
      if (isApiError(error, 'validation_failed')) {
        form.setFields(
          error.fieldIssues
            .filter((issue) => issue.path === 'email' || issue.path === 'password')
            .map((issue) => ({ name: issue.path as keyof LoginInput, errors: [issue.message] })),
        );
      }
      setProblem(errorMessage(error));
      form.setFieldValue('password', '');
      form.focusField('password');
    }
  };

  return (
    <main className="concord-login">
      <div className="concord-login-card">
        <div className="concord-login-top">
          <LanguageSwitch persist={false} className="concord-login-lang" />
        </div>
        <Card>
          <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0, marginBottom: 4 }}>
            {t('admin.appName')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('admin.appTagline')}</Typography.Paragraph>
          <Typography.Title level={2} style={{ fontSize: 18 }}>
            {t('admin.login.title')}
          </Typography.Title>
          <Typography.Paragraph>{t('admin.login.intro')}</Typography.Paragraph>
          {notice && !problem && (
            <Alert
              type={notice === 'sessionEnded' ? 'warning' : 'success'}
              title={t(`admin.login.${notice}`)}
              showIcon
              style={{ marginBottom: 16 }}
            />
          )}
          {problem && (
            <Alert
              type="error"
              title={problem}
              showIcon
              role="alert"
              style={{ marginBottom: 16 }}
              data-testid="login-error"
            />
          )}
          <Form<LoginInput>
            name="login"
            form={form}
            layout="vertical"
            requiredMark={false}
            onFinish={(values) => void logIn(values)}
            disabled={submitting}
          >
            <Form.Item
              label={t('admin.login.email')}
              name="email"
              rules={[
                { required: true, message: t('validation.required') },
                { type: 'email', message: t('validation.invalid_email') },
              ]}
            >
              <Input
                data-testid="login-email"
                type="email"
                autoComplete="username"
                inputMode="email"
                autoFocus
                size="large"
              />
            </Form.Item>
            <Form.Item
              label={t('admin.login.password')}
              name="password"
              rules={[{ required: true, message: t('validation.required') }]}
            >
              <Input.Password data-testid="login-password" autoComplete="current-password" size="large" />
            </Form.Item>
            <Button
              type="primary"
              htmlType="submit"
              block
              size="large"
              loading={submitting}
              data-testid="login-submit"
            >
              {t('admin.login.submit')}
            </Button>
          </Form>
        </Card>
      </div>
    </main>
  );
}
