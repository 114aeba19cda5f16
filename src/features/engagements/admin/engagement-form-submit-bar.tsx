import { Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';

/** The form's buttons: save (or create, for a new engagement) and cancel. */
export function EngagementFormSubmitBar({
  editing,
  saving,
  onCancel,
}: {
  editing: boolean;
  saving: boolean;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Space>
      <Button type="primary" htmlType="submit" loading={saving} data-testid="engagement-form-submit">
        {editing ? t('admin.common.save') : t('admin.engagements.createSubmit')}
      </Button>
      <Button onClick={onCancel}>{t('admin.common.cancel')}</Button>
    </Space>
  );
}
