import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

/** Shown for any admin path that matches no screen. */
export default function NotFoundPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={<h1 style={{ fontSize: 24, margin: 0 }}>{t('admin.notFound.title')}</h1>}
      subTitle={t('admin.notFound.body')}
      extra={
        <Button type="primary" onClick={() => void navigate('/')}>
          {t('admin.notFound.back')}
        </Button>
      }
    />
  );
}
