import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router';
import { isApiError, setUnauthenticatedHandler } from './api-client.ts';
import type { AdminLocale } from './i18n.ts';
import { LanguageProvider } from './language.tsx';
import { locationToResume, PageSpinner, RequireSession } from './session.tsx';

// Each screen is its own chunk, so the login screen loads without the rest of the app.
const LoginPage = lazy(() => import('../features/users/admin/login.page.tsx'));
const AdminLayout = lazy(() => import('./admin-layout.tsx'));
// The component library comes with the app after login; the login screen is plain.
const AntProviders = lazy(() => import('./ant-providers.tsx'));
const DashboardPage = lazy(() => import('./dashboard.page.tsx'));
const UsersPage = lazy(() => import('../features/users/admin/users.page.tsx'));
const AccountPage = lazy(() => import('../features/users/admin/account.page.tsx'));
const AuditPage = lazy(() => import('../features/audit/admin/audit.page.tsx'));
const CollegesPage = lazy(() => import('../features/colleges/admin/colleges.page.tsx'));
const EngagementsPage = lazy(() => import('../features/engagements/admin/engagements.page.tsx'));
const EngagementPage = lazy(() => import('../features/engagements/admin/engagement.page.tsx'));
const EngagementFormPage = lazy(() => import('../features/engagements/admin/engagement-form.page.tsx'));
const ArticlesPage = lazy(() => import('../features/articles/admin/articles.page.tsx'));
const ArticlePage = lazy(() => import('../features/articles/admin/article.page.tsx'));
const PartnersPage = lazy(() => import('../features/partnerships/admin/partners.page.tsx'));
const PartnerPage = lazy(() => import('../features/partnerships/admin/partner.page.tsx'));
const PeoplePage = lazy(() => import('../features/people/admin/people.page.tsx'));
const PersonPage = lazy(() => import('../features/people/admin/person.page.tsx'));
const StructurePage = lazy(() => import('../features/org-units/admin/structure.page.tsx'));
const CalendarPage = lazy(() => import('../features/engagements/admin/calendar.page.tsx'));
const CommitmentsPage = lazy(() => import('../features/commitments/admin/commitments.page.tsx'));
const AgreementsPage = lazy(() => import('../features/agreements/admin/agreements.page.tsx'));
const AgreementPage = lazy(() => import('../features/agreements/admin/agreement.page.tsx'));
const ProgramsPage = lazy(() => import('../features/programs/admin/programs.page.tsx'));
const ProgramPage = lazy(() => import('../features/programs/admin/program.page.tsx'));
const MediaLibraryPage = lazy(() => import('../features/media/admin/media.page.tsx'));
const IndicatorsPage = lazy(() => import('../features/reports/admin/indicators.page.tsx'));
const CooperationTablePage = lazy(() => import('../features/reports/admin/cooperation-table.page.tsx'));
const ImportsPage = lazy(() => import('../features/imports/admin/imports.page.tsx'));
const ImportRunPage = lazy(() => import('../features/imports/admin/import-run.page.tsx'));
const SheetImportsPage = lazy(() => import('../features/imports/admin/sheet-imports.page.tsx'));
const SheetImportPage = lazy(() => import('../features/imports/admin/sheet-import.page.tsx'));
const ProposalsPage = lazy(() => import('../features/extraction/admin/proposals.page.tsx'));
const ProposalPage = lazy(() => import('../features/extraction/admin/proposal.page.tsx'));
const QualityReportPage = lazy(() => import('../features/reports/admin/quality-report.page.tsx'));
const LedgersPage = lazy(() => import('../features/reports/admin/ledgers.page.tsx'));
const TeacherPracticePage = lazy(() => import('../features/reports/admin/teacher-practice.page.tsx'));
const DefinitionsPage = lazy(() => import('../features/reports/admin/definitions.page.tsx'));
const SettingsPage = lazy(() => import('../features/settings/admin/settings.page.tsx'));
const NotFoundPage = lazy(() => import('./not-found.page.tsx'));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A lost session or a refused request will not get better by asking again.
      retry: (count, error) => !(isApiError(error) && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

const router = createBrowserRouter(
  [
    {
      path: '/login',
      element: (
        <Suspense fallback={<PageSpinner />}>
          <LoginPage />
        </Suspense>
      ),
    },
    {
      path: '/',
      element: (
        <RequireSession>
          <Suspense fallback={<PageSpinner />}>
            <AntProviders>
              <AdminLayout />
            </AntProviders>
          </Suspense>
        </RequireSession>
      ),
      children: [
        { index: true, element: <DashboardPage /> },
        { path: 'users', element: <UsersPage /> },
        { path: 'audit', element: <AuditPage /> },
        { path: 'colleges', element: <CollegesPage /> },
        { path: 'account', element: <AccountPage /> },
        { path: 'settings', element: <SettingsPage /> },
        { path: 'engagements', element: <EngagementsPage /> },
        { path: 'engagements/new', element: <EngagementFormPage /> },
        { path: 'engagements/:id', element: <EngagementPage /> },
        { path: 'engagements/:id/edit', element: <EngagementFormPage /> },
        { path: 'articles', element: <ArticlesPage /> },
        { path: 'articles/:id', element: <ArticlePage /> },
        { path: 'calendar', element: <CalendarPage /> },
        { path: 'commitments', element: <CommitmentsPage /> },
        { path: 'agreements', element: <AgreementsPage /> },
        { path: 'agreements/:id', element: <AgreementPage /> },
        { path: 'programs', element: <ProgramsPage /> },
        { path: 'programs/:id', element: <ProgramPage /> },
        { path: 'media', element: <MediaLibraryPage /> },
        { path: 'partners', element: <PartnersPage /> },
        { path: 'partners/:id', element: <PartnerPage /> },
        { path: 'people', element: <PeoplePage /> },
        { path: 'people/:id', element: <PersonPage /> },
        { path: 'structure', element: <StructurePage /> },
        { path: 'reports', element: <IndicatorsPage /> },
        { path: 'reports/cooperation-table', element: <CooperationTablePage /> },
        { path: 'reports/quality', element: <QualityReportPage /> },
        { path: 'reports/ledgers', element: <LedgersPage /> },
        { path: 'reports/teacher-practice', element: <TeacherPracticePage /> },
        { path: 'reports/definitions', element: <DefinitionsPage /> },
        { path: 'imports', element: <ImportsPage /> },
        { path: 'imports/sheets', element: <SheetImportsPage /> },
        { path: 'imports/partners', element: <Navigate to="/imports/sheets?kind=partners" replace /> },
        { path: 'imports/sheets/:id', element: <SheetImportPage /> },
        { path: 'imports/:id', element: <ImportRunPage /> },
        { path: 'proposals', element: <ProposalsPage /> },
        { path: 'proposals/:id', element: <ProposalPage /> },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ],
  { basename: '/admin' },
);

// When the session ends mid-work (expired, logged out elsewhere, password reset), go to the login
// screen and come back to the same place afterwards.
setUnauthenticatedHandler(() => {
  const current = router.state.location;
  // The router's own location still carries the basename; links inside the app do not.
  const pathname = current.pathname.replace(/^\/admin(?=\/|$)/, '') || '/';
  if (pathname === '/login') return;
  queryClient.clear();
  const next = locationToResume({ ...current, pathname });
  void router.navigate(`/login?next=${encodeURIComponent(next)}`, {
    replace: true,
    state: { notice: 'sessionEnded' },
  });
});

/** The admin app: providers and routes. */
export function App({ initialLocale }: { initialLocale: AdminLocale }) {
  return (
    <QueryClientProvider client={queryClient}>
      <LanguageProvider initial={initialLocale}>
        <RouterProvider router={router} />
      </LanguageProvider>
    </QueryClientProvider>
  );
}
