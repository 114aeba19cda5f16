import { Card, Col, Descriptions, Row, Space, Tag, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLanguage } from './language.tsx';
import { PageSpinner, useSession } from './session.tsx';

// The figures and their charts load only for those who may read reports.
const DashboardFigures = lazy(() => import('../features/reports/admin/dashboard-figures.tsx'));

/** The home screen: who is logged in, the college's figures for those who read reports, and where to go next. */
export default function DashboardPage() {
  const { t } = useTranslation();
  const session = useSession();
  const { locale } = useLanguage();
  const college = locale === 'en' ? session.tenant.nameEn : session.tenant.nameZh;

  const destinations = [
    ...(session.can('users.manage')
      ? [{ to: '/users', title: t('admin.dashboard.usersLink'), body: t('admin.dashboard.usersBody') }]
      : []),
    ...(session.can('audit.read')
      ? [{ to: '/audit', title: t('admin.dashboard.auditLink'), body: t('admin.dashboard.auditBody') }]
      : []),
    { to: '/account', title: t('admin.dashboard.accountLink'), body: t('admin.dashboard.accountBody') },
  ];

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={1} style={{ fontSize: 26 }}>
          {t('admin.dashboard.greeting', { name: session.user.name })}
        </Typography.Title>
        <Descriptions column={1} size="small" styles={{ label: { width: 120 } }}>
          <Descriptions.Item label={t('admin.dashboard.college')}>{college}</Descriptions.Item>
          <Descriptions.Item label={t('admin.dashboard.yourRoles')}>
            <Space wrap size={[4, 4]}>
              {session.roles.map((role) => (
                <Tag key={role}>{t(`roles.${role}`)}</Tag>
              ))}
            </Space>
          </Descriptions.Item>
        </Descriptions>
      </div>
      {session.can('reports.read') && (
        <Suspense fallback={<PageSpinner />}>
          <DashboardFigures />
        </Suspense>
      )}
      <section aria-labelledby="dashboard-next">
        <Typography.Title level={2} id="dashboard-next" style={{ fontSize: 18 }}>
          {t('admin.dashboard.whatYouCanDo')}
        </Typography.Title>
        <Row gutter={[16, 16]}>
          {destinations.map((d) => (
            <Col key={d.to} xs={24} md={12} xl={8}>
              <Card size="small" style={{ height: '100%' }}>
                <Typography.Title level={3} style={{ fontSize: 16, marginTop: 0 }}>
                  <Link to={d.to}>{d.title}</Link>
                </Typography.Title>
                <Typography.Paragraph style={{ marginBottom: 0 }}>{d.body}</Typography.Paragraph>
              </Card>
            </Col>
          ))}
        </Row>
      </section>
    </Space>
  );
}
