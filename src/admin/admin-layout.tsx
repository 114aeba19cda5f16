import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Drawer, Dropdown, Grid, Layout, Menu, type MenuProps, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { api } from './api.ts';
import { errorMessage } from './api-client.ts';
import { useLanguage } from './language.tsx';
import { LanguageSwitch } from './language-switch.tsx';
import { PageSpinner, useSession } from './session.tsx';

const RemindersBadge = lazy(() => import('../features/commitments/admin/reminders-badge.tsx'));

/** The frame of every screen after login: college name, side menu, language switch, user menu. */
export default function AdminLayout() {
  const { t } = useTranslation();
  const session = useSession();
  const { locale } = useLanguage();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const [menuOpen, setMenuOpen] = useState(false);
  const wide = screens.lg ?? true;
  const college = locale === 'en' ? session.tenant.nameEn : session.tenant.nameZh;

  const items: NonNullable<MenuProps['items']> = [
    { key: '/', label: <Link to="/">{t('admin.nav.dashboard')}</Link> },
    ...(session.can('records.read')
      ? [{ key: '/engagements', label: <Link to="/engagements">{t('admin.nav.engagements')}</Link> }]
      : []),
    ...(session.can('news.read')
      ? [{ key: '/articles', label: <Link to="/articles">{t('newsDesk.nav')}</Link> }]
      : []),
    ...(session.can('records.read')
      ? [
          { key: '/partners', label: <Link to="/partners">{t('admin.nav.partners')}</Link> },
          { key: '/people', label: <Link to="/people">{t('admin.nav.people')}</Link> },
          { key: '/structure', label: <Link to="/structure">{t('admin.nav.structure')}</Link> },
        ]
      : []),
    ...(session.can('records.read')
      ? [
          { key: '/calendar', label: <Link to="/calendar">{t('admin.nav.calendar')}</Link> },
          { key: '/commitments', label: <Link to="/commitments">{t('admin.nav.commitments')}</Link> },
          { key: '/agreements', label: <Link to="/agreements">{t('admin.nav.agreements')}</Link> },
          { key: '/programs', label: <Link to="/programs">{t('admin.nav.programs')}</Link> },
        ]
      : []),
    ...(session.can('reports.read')
      ? [{ key: '/reports', label: <Link to="/reports">{t('admin.nav.reports')}</Link> }]
      : []),
    ...(session.can('news.read')
      ? [{ key: '/media', label: <Link to="/media">{t('admin.nav.media')}</Link> }]
      : []),
    ...(session.can('imports.run')
      ? [
          { key: '/imports', label: <Link to="/imports">{t('admin.nav.imports')}</Link> },
          {
            key: '/imports/sheets',
            label: <Link to="/imports/sheets">{t('admin.nav.importPartners')}</Link>,
          },
          { key: '/proposals', label: <Link to="/proposals">{t('admin.nav.proposals')}</Link> },
        ]
      : []),
    ...(session.can('users.manage')
      ? [{ key: '/users', label: <Link to="/users">{t('admin.nav.users')}</Link> }]
      : []),
    ...(session.can('settings.manage')
      ? [{ key: '/settings', label: <Link to="/settings">{t('admin.nav.settings')}</Link> }]
      : []),
    ...(session.can('tenants.manage')
      ? [{ key: '/colleges', label: <Link to="/colleges">{t('admin.nav.colleges')}</Link> }]
      : []),
    ...(session.can('audit.read')
      ? [{ key: '/audit', label: <Link to="/audit">{t('admin.nav.audit')}</Link> }]
      : []),
    { key: '/account', label: <Link to="/account">{t('admin.nav.account')}</Link> },
  ];
  // The most specific entry wins (Import partners over Import); a sheet import belongs to Import partners.
  const path = location.pathname.startsWith('/imports/sheets/') ? '/imports/sheets' : location.pathname;
  const matching = items
    .map((item) => String(item?.key))
    .filter((key) => (key === '/' ? path === '/' : path === key || path.startsWith(`${key}/`)));
  const selected = matching.sort((a, b) => b.length - a.length).slice(0, 1);

  const logOut = async () => {
    let redirectTo: string | null;
    try {
      ({ redirectTo } = await api('POST /api/auth/logout'));
    } catch (error) {
      void message.error(errorMessage(error));
      return;
    }
    queryClient.clear();
    // A single sign-on session ends at the identity service too, which sends the browser back to the login page.
    if (redirectTo) {
      window.location.assign(redirectTo);
      return;
    }
    void navigate('/login', { replace: true, state: { notice: 'loggedOut' } });
  };

  const userMenu: MenuProps = {
    items: [
      { key: 'account', label: <span data-testid="account-link">{t('admin.nav.account')}</span> },
      { type: 'divider' },
      { key: 'logout', label: <span data-testid="logout">{t('admin.nav.logout')}</span> },
    ],
    onClick: ({ key }) => {
      if (key === 'account') void navigate('/account');
      if (key === 'logout') void logOut();
    },
  };

  const menu = (
    <Menu
      mode="inline"
      selectedKeys={selected}
      items={items}
      aria-label={t('admin.nav.mainMenu')}
      onClick={() => setMenuOpen(false)}
      className="concord-menu"
    />
  );

  return (
    <Layout className="concord-shell">
      <a className="concord-skip" href="#main">
        {t('admin.skipToContent')}
      </a>
      <Layout.Header className="concord-header">
        {!wide && (
          <Button
            className="concord-menu-button"
            aria-label={t('admin.nav.openMenu')}
            aria-expanded={menuOpen}
            onClick={() => setMenuOpen(true)}
          >
            <span aria-hidden="true">☰</span>
          </Button>
        )}
        <Link to="/" className="concord-brand">
          <span className="concord-brand-app">{t('admin.appName')}</span>
          <span className="concord-brand-college" data-testid="college-name">
            {college}
          </span>
        </Link>
        <div className="concord-header-actions">
          {session.can('records.read') && (
            <Suspense fallback={null}>
              <RemindersBadge />
            </Suspense>
          )}
          <LanguageSwitch persist />
          <Dropdown menu={userMenu} trigger={['click']} placement="bottomRight">
            <Button
              type="text"
              data-testid="user-menu"
              aria-label={t('admin.nav.userMenu', { name: session.user.name })}
              className="concord-user-button"
            >
              <span className="concord-avatar" aria-hidden="true">
                {session.user.name.slice(0, 1).toUpperCase()}
              </span>
              <Typography.Text ellipsis className="concord-user-name">
                {session.user.name}
              </Typography.Text>
              <span aria-hidden="true">▾</span>
            </Button>
          </Dropdown>
        </div>
      </Layout.Header>
      <Layout>
        {wide ? (
          <Layout.Sider width={220} theme="light" className="concord-sider">
            <nav aria-label={t('admin.nav.mainMenu')}>{menu}</nav>
          </Layout.Sider>
        ) : (
          <Drawer
            placement="left"
            open={menuOpen}
            onClose={() => setMenuOpen(false)}
            title={t('admin.nav.mainMenu')}
            size={260}
          >
            <nav aria-label={t('admin.nav.mainMenu')}>{menu}</nav>
          </Drawer>
        )}
        <Layout.Content id="main" tabIndex={-1} className="concord-content">
          <Suspense fallback={<PageSpinner />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
