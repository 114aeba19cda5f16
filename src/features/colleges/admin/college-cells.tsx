import { Button, Popconfirm, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../../admin/language.tsx';
import type { CollegeOutput } from '../../tenants/tenants.schema.ts';

/** A college's name in the admin's language, then its other name and slug; tagged if yours or the default. */
export function CollegeNameCell({ college, own }: { college: CollegeOutput; own: boolean }) {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  return (
    <Space direction="vertical" size={0}>
      <Space size={4} wrap>
        <Typography.Text strong>{locale === 'en' ? college.nameEn : college.nameZh}</Typography.Text>
        {own && <Tag>{t('admin.colleges.yours')}</Tag>}
        {college.isDefault && <Tag color="blue">{t('admin.colleges.default')}</Tag>}
      </Space>
      <Typography.Text type="secondary">
        {locale === 'en' ? college.nameZh : college.nameEn} · {college.slug}
      </Typography.Text>
    </Space>
  );
}

/** A college's host names, each removable while another is left, and a button to add one. */
export function CollegeHostsCell({
  college,
  onRemove,
  onAdd,
}: {
  college: CollegeOutput;
  onRemove: (host: string) => Promise<unknown>;
  onAdd: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Space size={[4, 4]} wrap>
      {college.hosts.map((host) => (
        <Space key={host} size={0}>
          <Tag style={{ marginInlineEnd: 0 }}>{host}</Tag>
          {college.hosts.length > 1 && (
            <Popconfirm
              title={t('admin.colleges.confirmRemoveHost', { host })}
              okText={t('admin.colleges.removeHost')}
              cancelText={t('admin.common.cancel')}
              okButtonProps={{ danger: true }}
              onConfirm={() => onRemove(host).catch(() => undefined)}
            >
              <Button type="text" size="small" aria-label={t('admin.colleges.removeHostLabel', { host })}>
                ×
              </Button>
            </Popconfirm>
          )}
        </Space>
      ))}
      <Button size="small" type="dashed" onClick={onAdd}>
        {t('admin.colleges.addHost')}
      </Button>
    </Space>
  );
}

/** Rename a college, and suspend or resume it unless it is the admin's own. */
export function CollegeActionsCell({
  college,
  own,
  onRename,
  onSetStatus,
}: {
  college: CollegeOutput;
  own: boolean;
  onRename: () => void;
  onSetStatus: (status: CollegeOutput['status']) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const { locale } = useLanguage();
  const active = college.status === 'active';
  const name = locale === 'en' ? college.nameEn : college.nameZh;
  return (
    <Space size={0} wrap>
      <Button type="link" size="small" onClick={onRename}>
        {t('admin.colleges.rename')}
      </Button>
      {!own && (
        <Popconfirm
          title={t(active ? 'admin.colleges.confirmSuspend' : 'admin.colleges.confirmResume', { name })}
          okText={t(active ? 'admin.colleges.suspend' : 'admin.colleges.resume')}
          cancelText={t('admin.common.cancel')}
          okButtonProps={{ danger: active }}
          styles={{ root: { maxWidth: 340 } }}
          onConfirm={() => onSetStatus(active ? 'suspended' : 'active').catch(() => undefined)}
        >
          <Button type="link" size="small" danger={active}>
            {t(active ? 'admin.colleges.suspend' : 'admin.colleges.resume')}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );
}
