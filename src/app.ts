import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { pingDatabase } from './db/migrate.ts';
import { agreementsRoutes } from './features/agreements/agreements.routes.ts';
import { articlesRoutes, channelsRoutes } from './features/articles/articles.routes.ts';
import { createArticlesSiteRoutes } from './features/articles/articles.site.tsx';
import { auditRoutes } from './features/audit/audit.routes.ts';
import { calendarRoutes } from './features/calendar/calendar.routes.ts';
import { collegesRoutes } from './features/colleges/colleges.routes.ts';
import { commitmentsRoutes } from './features/commitments/commitments.routes.ts';
import { engagementsRoutes } from './features/engagements/engagements.routes.ts';
import { proposalsRoutes } from './features/extraction/proposals.routes.ts';
import { importsRoutes } from './features/imports/imports.routes.ts';
import { archiveUploadLimit } from './features/imports/imports.service.ts';
import { redirectForOldPath } from './features/imports/news-import.service.ts';
import { sheetImportsRoutes } from './features/imports/sheet-import.routes.ts';
import { createMediaPages } from './features/media/media.pages.tsx';
import { mediaRoutes } from './features/media/media.routes.ts';
import { facilitiesRoutes, majorsRoutes, orgUnitsRoutes } from './features/org-units/org-units.routes.ts';
import { organizationsRoutes } from './features/organizations/organizations.routes.ts';
import { partnershipsRoutes } from './features/partnerships/partnerships.routes.ts';
import { peopleRoutes } from './features/people/people.routes.ts';
import { programsRoutes } from './features/programs/programs.routes.ts';
import { remindersRoutes } from './features/reminders/reminders.routes.ts';
import { reportsRoutes } from './features/reports/reports.routes.ts';
import { createSettingsPages } from './features/settings/settings.pages.ts';
import { settingsRoutes } from './features/settings/settings.routes.ts';
import { sessionsRoutes } from './features/users/sessions.routes.ts';
import { ssoRoutes } from './features/users/sso.routes.ts';
import { usersRoutes } from './features/users/users.routes.ts';
import { apiDocsFile, apiDocsPage } from './platform/api-docs.ts';
import { cachedPages } from './platform/cached-pages.ts';
import { compression } from './platform/compression.ts';
import type { AppEnv, AppServices } from './platform/context.ts';
import { handleError } from './platform/error-handler.ts';
import { AppError } from './platform/errors.ts';
import { csrfGuard, requestContext, securityHeaders, tenantAndSession } from './platform/middleware.ts';
import { buildOpenApi } from './platform/openapi.ts';
import { defineRoutes, type RouteGroup, type RouteSpec } from './platform/routes.ts';
import { createAdminStatic } from './site/admin-static.ts';
import { createSiteRoutes } from './site/site.routes.tsx';

/** Every feature's API routes, in mounting order. */
export const routeGroups: RouteGroup[] = [
  sessionsRoutes,
  usersRoutes,
  auditRoutes,
  orgUnitsRoutes,
  majorsRoutes,
  facilitiesRoutes,
  organizationsRoutes,
  partnershipsRoutes,
  peopleRoutes,
  agreementsRoutes,
  commitmentsRoutes,
  programsRoutes,
  engagementsRoutes,
  mediaRoutes,
  channelsRoutes,
  articlesRoutes,
  reportsRoutes,
  sheetImportsRoutes,
  importsRoutes,
  proposalsRoutes,
  collegesRoutes,
  settingsRoutes,
  calendarRoutes,
  remindersRoutes,
  ssoRoutes,
];

/** The declared specs of every API route. */
export function allRouteSpecs(): RouteSpec[] {
  return [...routeGroups, docsRoutes].flatMap((g) => g.specs);
}

const docsRoutes = defineRoutes('/api', 'docs', (route) => {
  route(
    { method: 'GET', path: '/openapi.json', access: 'public', summary: 'This API described as OpenAPI 3.1' },
    (c) => c.json(buildOpenApi(allRouteSpecs())),
  );
  route(
    { method: 'GET', path: '/docs', access: 'public', summary: 'This API, to read in a browser' },
    (c) => {
      c.header('Cache-Control', 'no-cache');
      return c.html(apiDocsPage());
    },
  );
  route(
    {
      method: 'GET',
      path: '/docs/:file',
      access: 'public',
      summary: 'The files of the API documentation page',
    },
    (c) => {
      const file = apiDocsFile(c.req.param('file') ?? '');
      if (!file) throw new AppError('not_found', 'No such file');
      c.header('Cache-Control', 'public, max-age=3600');
      return c.body(new Uint8Array(file.body), 200, { 'Content-Type': file.type });
    },
  );
});

export interface AppOptions {
  /** Where the built admin app lives (tests point elsewhere). */
  adminDist?: string;
}

/** Builds the whole Hono app: middleware, error handler, every feature mounted. */
export function createApp(services: AppServices, options: AppOptions = {}): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use(compression());
  app.use(cachedPages(services.pageCache));
  app.use(requestContext(services));
  app.use(securityHeaders());
  app.onError(handleError);
  app.notFound(async (c) => {
    // An address of the college's former site answers with the imported article's new one.
    const scope = c.get('scope');
    if (scope && (c.req.method === 'GET' || c.req.method === 'HEAD') && !c.req.path.startsWith('/api/')) {
      const moved = await redirectForOldPath(scope, c.req.path);
      if (moved) return c.redirect(moved, 301);
    }
    throw new AppError('not_found');
  });

  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    const ok = await pingDatabase(services.database);
    // A replica that is down or behind does not make the process unready: reads go to the primary.
    const replica = services.replica
      ? {
          replica: {
            ...services.replica.health,
            readsFrom: services.replica.usable ? 'replica' : 'primary',
            reads: services.replica.reads,
          },
        }
      : {};
    return c.json({ status: ok ? 'ready' : 'unavailable', database: ok, ...replica }, ok ? 200 : 503);
  });
  app.route('/', createAdminStatic(options.adminDist));

  // JSON bodies are small; file uploads (POST …/files) may carry a scanned document.
  const tooLarge = () => {
    throw new AppError('payload_too_large');
  };
  const jsonLimit = bodyLimit({ maxSize: 1024 * 1024, onError: tooLarge });
  const uploadLimit = bodyLimit({ maxSize: 25 * 1024 * 1024, onError: tooLarge });
  // A news archive streams to disk, counted there (see imports.service.ts).
  const archiveLimit = bodyLimit({ maxSize: archiveUploadLimit, onError: tooLarge });
  app.use('/api/*', (c, next) =>
    c.req.method !== 'POST'
      ? jsonLimit(c, next)
      : c.req.path === '/api/imports/news/files'
        ? archiveLimit(c, next)
        : c.req.path.endsWith('/files')
          ? uploadLimit(c, next)
          : jsonLimit(c, next),
  );
  app.use(csrfGuard());
  app.use(tenantAndSession());
  for (const group of [...routeGroups, docsRoutes]) app.route(group.basePath, group.app);
  app.route('/', createMediaPages());
  app.route('/', createSettingsPages());
  app.route('/', createSiteRoutes());
  app.route('/', createArticlesSiteRoutes());
  return app;
}
