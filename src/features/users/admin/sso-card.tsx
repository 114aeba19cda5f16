import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Radio, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../admin/api.ts';
import { showApiErrorOnForm } from '../../../admin/form-errors.ts';
import type { SsoSettingsInput } from '../sso.schema.ts';

type Values = Omit<SsoSettingsInput, 'version'>;
const ssoKey = ['sso', 'settings'] as const;
const fields = [
  'enabled',
  'protocol',
  'nameZh',
  'nameEn',
  'issuer',
  'clientId',
  'clientSecret',
  'casServerUrl',
  'casVersion',
  'matchBy',
  'employeeNumberClaim',
  'createUsers',
  'passwordLogin',
] as const;

/**
 * Single sign-on through the college's identity service (OpenID Connect): its address and client,
 * how people are matched, whether unknown people become viewers, and whether the password form stays.
 */
export function SsoCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [problems, setProblems] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const settings = useQuery({ queryKey: ssoKey, queryFn: () => api('GET /api/sso/settings') });
  const enabled = Form.useWatch('enabled', form);
  const matchBy = Form.useWatch('matchBy', form);
  const protocol = Form.useWatch('protocol', form);
  const fromEnvironment = Boolean(settings.data?.fromEnvironment);
  const cas = protocol === 'cas';

  useEffect(() => {
    if (settings.data) form.setFieldsValue({ ...settings.data, clientSecret: '' });
  }, [settings.data, form]);

  const save = async (values: Values) => {
    setProblems([]);
    setSaving(true);
    try {
      const { clientSecret, ...rest } = values;
      const saved = await api('PATCH /api/sso/settings', {
        body: {
          ...rest,
          ...(clientSecret ? { clientSecret } : {}),
          ...(settings.data?.version ? { version: settings.data.version } : {}),
        },
      });
      queryClient.setQueryData(ssoKey, saved);
      void message.success(t('admin.sso.saved'));
    } catch (error) {
      setProblems(showApiErrorOnForm(form, error, fields));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card title={<h2 className="concord-card-title">{t('admin.sso.title')}</h2>} data-testid="sso-card">
      <Typography.Paragraph>{t('admin.sso.intro')}</Typography.Paragraph>
      {settings.data && (
        <Typography.Paragraph>
          {t('admin.sso.redirect')}{' '}
          <Typography.Text
            code
            copyable
          >{`${window.location.origin}${settings.data.redirectPath}`}</Typography.Text>
        </Typography.Paragraph>
      )}
      {problems.length > 0 && (
        <Alert type="error" showIcon title={problems.join(' ')} style={{ marginBottom: 16 }} />
      )}
      {fromEnvironment && (
        <Alert
          type="info"
          showIcon
          title={t('admin.sso.fromEnvironment')}
          style={{ marginBottom: 16 }}
          data-testid="sso-from-environment"
        />
      )}
      <Form<Values>
        name="sso"
        form={form}
        layout="vertical"
        onFinish={(values) => void save(values)}
        disabled={saving || settings.isPending || fromEnvironment}
        style={{ maxWidth: 560 }}
      >
        <Form.Item name="enabled" label={t('admin.sso.enabled')} valuePropName="checked">
          <Switch data-testid="sso-enabled" />
        </Form.Item>
        <Form.Item
          name="nameZh"
          label={t('admin.sso.nameZh')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input lang="zh-CN" />
        </Form.Item>
        <Form.Item
          name="nameEn"
          label={t('admin.sso.nameEn')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input lang="en" />
        </Form.Item>
        <Form.Item name="protocol" label={t('admin.sso.protocol')}>
          <Radio.Group
            options={[
              { value: 'oidc', label: 'OpenID Connect' },
              { value: 'cas', label: 'CAS' },
            ]}
          />
        </Form.Item>
        <Form.Item name="casServerUrl" label={t('admin.sso.casServerUrl')} hidden={!cas}>
          <Input inputMode="url" placeholder="https://ids.college.edu.cn/cas" data-testid="sso-cas-url" />
        </Form.Item>
        <Form.Item name="casVersion" label={t('admin.sso.casVersion')} hidden={!cas}>
          <Radio.Group
            options={[
              { value: '3', label: 'CAS 3.0' },
              { value: '2', label: 'CAS 2.0' },
            ]}
          />
        </Form.Item>
        <Form.Item name="issuer" label={t('admin.sso.issuer')} extra={t('admin.sso.issuerHelp')} hidden={cas}>
          <Input inputMode="url" placeholder="https://ids.college.edu.cn/oidc" data-testid="sso-issuer" />
        </Form.Item>
        <Form.Item name="clientId" label={t('admin.sso.clientId')} hidden={cas}>
          <Input autoComplete="off" data-testid="sso-client-id" />
        </Form.Item>
        <Form.Item
          name="clientSecret"
          label={t('admin.sso.clientSecret')}
          extra={settings.data?.hasClientSecret ? t('admin.sso.secretKept') : undefined}
          hidden={cas}
        >
          <Input.Password autoComplete="new-password" data-testid="sso-client-secret" />
        </Form.Item>
        <Form.Item name="matchBy" label={t('admin.sso.matchBy')}>
          <Radio.Group
            options={[
              { value: 'email', label: t('admin.sso.byEmail') },
              { value: 'employee_number', label: t('admin.sso.byEmployeeNumber') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="employeeNumberClaim"
          label={t('admin.sso.claim')}
          hidden={matchBy !== 'employee_number'}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="createUsers" label={t('admin.sso.createUsers')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item
          name="passwordLogin"
          label={t('admin.sso.passwordLogin')}
          valuePropName="checked"
          extra={t('admin.sso.passwordLoginHelp')}
        >
          <Switch disabled={!enabled} />
        </Form.Item>
        {!fromEnvironment && (
          <Button type="primary" htmlType="submit" loading={saving} data-testid="sso-save">
            {t('admin.common.save')}
          </Button>
        )}
      </Form>
    </Card>
  );
}
