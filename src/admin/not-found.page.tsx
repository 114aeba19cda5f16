import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useSession } from './session.tsx';

/**
 * Shown for any admin path that matches no screen, and for a record the API does not find
 * (`record`): to a department liaison, a record of another department is not found either, and
 * the page says so rather than calling the link broken. Plain markup: every list screen imports
 * it, and the component library's result illustrations would weigh more than the list itself.
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
    <section className="concord-not-found" aria-labelledby="concord-not-found-title">
      <svg className="concord-not-found-mark" viewBox="0 0 64 64" aria-hidden="true" focusable="false">
        <circle cx="28" cy="28" r="18" fill="none" stroke="currentColor" strokeWidth="5" />
        <path d="M41 41l14 14" stroke="currentColor" strokeWidth="6" strokeLinecap="round" />
        <path d="M21 28h14" stroke="currentColor" strokeWidth="5" strokeLinecap="round" />
      </svg>
      <h1 id="concord-not-found-title" className="concord-not-found-title">
        {t(props.record ? 'admin.notFound.recordTitle' : 'admin.notFound.title')}
      </h1>
      <p className="concord-not-found-body">{body}</p>
      <Button type="primary" onClick={() => void navigate('/')}>
        {t('admin.notFound.back')}
      </Button>
    </section>
  );
}
