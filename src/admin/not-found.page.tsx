import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useSession } from './session.tsx';

/**
 * Shown for any admin path that matches no screen, and for a record the API does not find
 * (`record`): to a department liaison, a record of another department is not found either, and
 * the page says so rather than calling the link broken.
 */
export default function NotFoundPage(props: { record?: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const session = useSession();
  const departmentOnly = session.user.roles.every((r) => r === 'department_liaison' || r === 'viewer');
  const body = !props.record
    ? t('admin.notFound.body')
    : departmentOnly && session.user.roles.includes('department_liaison')
      ? t('admin.notFound.recordOutsideDepartments')
      : t('admin.notFound.recordBody');
  return (
    <Result
      status="404"
      title={
        <h1 style={{ fontSize: 24, margin: 0 }}>
          {t(props.record ? 'admin.notFound.recordTitle' : 'admin.notFound.title')}
        </h1>
      }
      subTitle={body}
      extra={
        <Button type="primary" onClick={() => void navigate('/')}>
          {t('admin.notFound.back')}
        </Button>
      }
    />
  );
}
