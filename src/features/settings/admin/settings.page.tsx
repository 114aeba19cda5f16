import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Form, Input, Row, Skeleton, Space, Typography } from 'antd';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../admin/api.ts';
import { errorMessage, isApiError } from '../../../admin/api-client.ts';
import { showConflictDialog } from '../../../admin/conflict-dialog.ts';
import { showApiErrorOnForm } from '../../../admin/form-errors.ts';
import NotFoundPage from '../../../admin/not-found.page.tsx';
import { meQueryKey, useSession } from '../../../admin/session.tsx';
import type { MediaOutput } from '../../media/media.schema.ts';
import { RemindersCard } from '../../reminders/admin/reminders-card.tsx';
import { SsoCard } from '../../users/admin/sso-card.tsx';
import type { SettingsOutput, UpdateSettingsInput } from '../settings.schema.ts';
import { ChannelsCard } from './channels-card.tsx';

// The media library's picker loads only when an image is being chosen.
const MediaPicker = lazy(() =>
  import('../../media/admin/media-picker.tsx').then((m) => ({ default: m.MediaPicker })),
);

const settingsQueryKey = ['settings'] as const;

type Values = Required<
  Pick<
    UpdateSettingsInput,
    'nameZh' | 'nameEn' | 'addressZh' | 'addressEn' | 'phone' | 'email' | 'footerZh' | 'footerEn' | 'icp'
  >
>;
const fieldNames = [
  'nameZh',
  'nameEn',
  'addressZh',
  'addressEn',
  'phone',
  'email',
  'footerZh',
  'footerEn',
  'icp',
  'logoMediaId',
  'iconMediaId',
] as const;

function valuesOf(s: SettingsOutput): Values {
  return {
    nameZh: s.nameZh,
    nameEn: s.nameEn,
    addressZh: s.addressZh,
    addressEn: s.addressEn,
    phone: s.phone,
    email: s.email,
    footerZh: s.footerZh,
    footerEn: s.footerEn,
    icp: s.icp,
  };
}

/** One chosen image (logo or icon): a preview, choose another, remove. */
function ImageChoice({
  label,
  help,
  image,
  busy,
  onChoose,
  onRemove,
  testId,
  square,
  empty,
}: {
  label: string;
  help: string;
  empty: string;
  image: SettingsOutput['logo'];
  busy: boolean;
  onChoose: () => void;
  onRemove: () => void;
  testId: string;
  square?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <div data-testid={testId}>
      <Typography.Title level={3} style={{ fontSize: 15 }}>
        {label}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{help}</Typography.Paragraph>
      <div className="concord-settings-preview">
        {image ? (
          <img
            src={image.url}
            alt=""
            width={image.width}
            height={image.height}
            className={square ? 'concord-settings-icon' : 'concord-settings-logo'}
          />
        ) : (
          <Typography.Text type="secondary">{empty}</Typography.Text>
        )}
      </div>
      <Space wrap>
        <Button onClick={onChoose} loading={busy} data-testid={`${testId}-choose`}>
          {image ? t('admin.settings.chooseAnother') : t('admin.settings.chooseImage')}
        </Button>
        {image && (
          <Button onClick={onRemove} disabled={busy} data-testid={`${testId}-remove`}>
            {t('admin.settings.removeImage')}
          </Button>
        )}
      </Space>
    </div>
  );
}

/**
 * The college's settings, for its administrator: names in both languages, the public site's logo
 * and icon, contact details, footer and filing number, and its news channels.
 */
export default function SettingsPage() {
  const { t } = useTranslation();
  const session = useSession();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [problems, setProblems] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const [picking, setPicking] = useState<'logo' | 'icon' | null>(null);
  const [imageBusy, setImageBusy] = useState<'logo' | 'icon' | null>(null);
  const canManage = session.can('settings.manage');

  const settings = useQuery({
    queryKey: settingsQueryKey,
    queryFn: () => api('GET /api/settings'),
    enabled: canManage,
  });

  useEffect(() => {
    if (settings.data) form.setFieldsValue(valuesOf(settings.data));
  }, [settings.data, form]);

  if (!canManage) return <NotFoundPage />;

  const current = settings.data;

  /** Sends a change with the version read; a newer version elsewhere offers to reload. */
  const send = async (change: Omit<UpdateSettingsInput, 'version'>): Promise<SettingsOutput | null> => {
    if (!current) return null;
    try {
      const saved = await api('PATCH /api/settings', {
        body: { ...change, ...(current.version > 0 ? { version: current.version } : {}) },
      });
      queryClient.setQueryData(settingsQueryKey, saved);
      // The header names the college: the session carries its names.
      void queryClient.invalidateQueries({ queryKey: meQueryKey });
      return saved;
    } catch (error) {
      if (isApiError(error) && error.status === 409) {
        showConflictDialog(modal, t('admin.settings.conflict'), () => {
          void settings.refetch();
        });
        return null;
      }
      setProblems(showApiErrorOnForm(form, error, fieldNames));
      return null;
    }
  };

  const save = async (values: Values) => {
    setProblems([]);
    setSaving(true);
    const saved = await send(values);
    setSaving(false);
    if (saved) void message.success(t('admin.settings.saved'));
  };

  const setImage = async (which: 'logo' | 'icon', mediaId: string | null) => {
    setProblems([]);
    setImageBusy(which);
    const saved = await send(which === 'logo' ? { logoMediaId: mediaId } : { iconMediaId: mediaId });
    setImageBusy(null);
    if (saved)
      void message.success(t(which === 'logo' ? 'admin.settings.logoSaved' : 'admin.settings.iconSaved'));
  };

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%', maxWidth: 960 }}>
      <div className="concord-page-header">
        <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>
          {t('admin.settings.title')}
        </Typography.Title>
      </div>
      {settings.isPending && <Skeleton active />}
      {settings.isError && (
        <Alert
          type="error"
          showIcon
          title={t('admin.common.loadFailed')}
          description={errorMessage(settings.error)}
          action={<Button onClick={() => void settings.refetch()}>{t('admin.common.retry')}</Button>}
        />
      )}
      {problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={problems[0]}
          description={problems.slice(1).join(' ')}
        />
      )}
      {current && (
        <>
          <Form<Values>
            form={form}
            name="settings"
            layout="vertical"
            onFinish={(values) => void save(values)}
            requiredMark="optional"
          >
            <Card
              title={<h2 className="concord-card-title">{t('admin.settings.college')}</h2>}
              style={{ marginBottom: 16 }}
            >
              <Row gutter={16}>
                <Col xs={24} md={12}>
                  <Form.Item
                    name="nameZh"
                    label={t('admin.settings.fields.nameZh')}
                    rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
                  >
                    <Input lang="zh-CN" maxLength={200} data-testid="settings-name-zh" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item
                    name="nameEn"
                    label={t('admin.settings.fields.nameEn')}
                    rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
                  >
                    <Input lang="en" maxLength={200} data-testid="settings-name-en" />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
            <Card
              title={<h2 className="concord-card-title">{t('admin.settings.contact')}</h2>}
              style={{ marginBottom: 16 }}
            >
              <Typography.Paragraph type="secondary">{t('admin.settings.contactHelp')}</Typography.Paragraph>
              <Row gutter={16}>
                <Col xs={24} md={12}>
                  <Form.Item name="addressZh" label={t('admin.settings.fields.addressZh')}>
                    <Input lang="zh-CN" maxLength={300} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name="addressEn" label={t('admin.settings.fields.addressEn')}>
                    <Input lang="en" maxLength={300} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item
                    name="phone"
                    label={t('admin.settings.fields.phone')}
                    rules={[{ pattern: /^[0-9+\-() 转ext.]*$/u, message: t('admin.settings.phoneFormat') }]}
                  >
                    <Input inputMode="tel" autoComplete="off" maxLength={40} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item
                    name="email"
                    label={t('admin.settings.fields.email')}
                    rules={[{ type: 'email', message: t('validation.invalid_email') }]}
                  >
                    <Input
                      inputMode="email"
                      autoComplete="off"
                      maxLength={254}
                      data-testid="settings-email"
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item
                    name="footerZh"
                    label={t('admin.settings.fields.footerZh')}
                    extra={t('admin.settings.footerHelp')}
                  >
                    <Input.TextArea lang="zh-CN" autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name="footerEn" label={t('admin.settings.fields.footerEn')}>
                    <Input.TextArea
                      lang="en"
                      autoSize={{ minRows: 2, maxRows: 6 }}
                      maxLength={1000}
                      data-testid="settings-footer-en"
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item
                    name="icp"
                    label={t('admin.settings.fields.icp')}
                    extra={t('admin.settings.icpHelp')}
                  >
                    <Input maxLength={60} placeholder="沪ICP备00000000号-1" data-testid="settings-icp" />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
            <Space wrap style={{ marginBottom: 8 }}>
              <Button type="primary" htmlType="submit" loading={saving} data-testid="settings-save">
                {t('admin.common.save')}
              </Button>
              <Button onClick={() => form.setFieldsValue(valuesOf(current))} disabled={saving}>
                {t('admin.settings.undoChanges')}
              </Button>
              <a href="/" target="_blank" rel="noopener">
                {t('admin.settings.viewSite')}
              </a>
            </Space>
          </Form>

          <Card title={<h2 className="concord-card-title">{t('admin.settings.images')}</h2>}>
            <Row gutter={[24, 24]}>
              <Col xs={24} md={12}>
                <ImageChoice
                  label={t('admin.settings.logo')}
                  help={t('admin.settings.logoHelp')}
                  empty={t('admin.settings.noLogo')}
                  image={current.logo}
                  busy={imageBusy === 'logo'}
                  onChoose={() => setPicking('logo')}
                  onRemove={() => void setImage('logo', null)}
                  testId="settings-logo"
                />
              </Col>
              <Col xs={24} md={12}>
                <ImageChoice
                  label={t('admin.settings.icon')}
                  help={t('admin.settings.iconHelp')}
                  empty={t('admin.settings.noIcon')}
                  image={current.icon}
                  busy={imageBusy === 'icon'}
                  onChoose={() => setPicking('icon')}
                  onRemove={() => void setImage('icon', null)}
                  testId="settings-icon"
                  square
                />
              </Col>
            </Row>
          </Card>
          <ChannelsCard />
          <RemindersCard />
          <SsoCard />
        </>
      )}
      {picking && (
        <Suspense fallback={null}>
          <MediaPicker
            open
            title={t(picking === 'logo' ? 'admin.settings.chooseLogo' : 'admin.settings.chooseIcon')}
            onClose={() => setPicking(null)}
            onPick={(media: MediaOutput) => {
              const which = picking;
              setPicking(null);
              void setImage(which, media.id);
            }}
          />
        </Suspense>
      )}
    </Space>
  );
}
