import { randomUUID } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { anonymousCaller, TenantScope } from '../db/tenant-scope.ts';
import { loadPublicSettings } from '../features/settings/settings.service.ts';
import { resolveSite } from '../features/tenants/tenants.service.ts';
import { sessionCookie } from '../features/users/sessions.routes.ts';
import { findSessionUser } from '../features/users/users.service.ts';
import { isLocale, localeFromSegment, negotiateLocale } from '../i18n/i18n.ts';
import { isHttps } from './client-info.ts';
import type { AppEnv, AppServices } from './context.ts';
import { AppError } from './errors.ts';

/** Puts the shared services, a request id and a child logger on the context; logs each response. */
export function requestContext(services: AppServices): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && /^[\w-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    const log = services.logger.child({ requestId });
    c.set('services', services);
    c.set('requestId', requestId);
    c.set('log', log);
    c.set('user', null);
    c.set(
      'locale',
      localeFromSegment(c.req.path.split('/')[1]) ?? negotiateLocale(c.req.header('accept-language')),
    );
    const started = performance.now();
    await next();
    c.header('X-Request-Id', requestId);
    const ms = Math.round((performance.now() - started) * 10) / 10;
    log.info({ method: c.req.method, path: c.req.path, status: c.res.status, ms }, 'request');
  };
}

const publicCsp =
  "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; font-src 'self'; " +
  "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";
// The admin's component library writes its styles at run time, so it needs inline styles (never inline scripts).
const adminCsp =
  "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; " +
  "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/** Security headers on every response, with a strict Content-Security-Policy. */
export function securityHeaders(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const h = c.res.headers;
    h.set('Content-Security-Policy', c.req.path.startsWith('/admin') ? adminCsp : publicCsp);
    h.set('X-Content-Type-Options', 'nosniff');
    h.set('Referrer-Policy', 'strict-origin-when-cross-origin');
    h.set('X-Frame-Options', c.req.path.startsWith('/admin') ? 'DENY' : 'SAMEORIGIN');
    h.set('Cross-Origin-Opener-Policy', 'same-origin');
    h.set('Cross-Origin-Resource-Policy', 'same-origin');
    h.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()');
    // Forwarded headers count only behind a proxy we trust (TRUST_PROXY); a client cannot ask for HSTS.
    if (isHttps(c)) {
      h.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    }
  };
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * CSRF protection for every state-changing request. A browser always says where a request comes
 * from (Sec-Fetch-Site or Origin); anything cross-site is refused. Requests with neither header
 * come from non-browser clients, which cannot carry a victim's cookies; they must send JSON (or no
 * body), which a cross-site form cannot; the one form they may post is a CAS server's logout request,
 * which ends sessions by ticket and reads no cookie. SameSite=Lax cookies are the second layer.
 */
export function csrfGuard(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!unsafeMethods.has(c.req.method)) return next();
    const fetchSite = c.req.header('sec-fetch-site');
    const origin = c.req.header('origin');
    const host = c.req.header('host');
    if (fetchSite) {
      if (fetchSite !== 'same-origin' && fetchSite !== 'none')
        throw new AppError('csrf_failed', `Refused ${fetchSite} request`);
    } else if (origin && origin !== 'null') {
      let originHost: string | undefined;
      try {
        originHost = new URL(origin).host;
      } catch {
        originHost = undefined;
      }
      if (!host || originHost !== host) throw new AppError('csrf_failed', 'Origin does not match host');
    } else if (origin === 'null') {
      throw new AppError('csrf_failed', 'Opaque origin');
    } else {
      const type = c.req.header('content-type');
      // A CAS server posts its logout request as a form, server to server (never with a browser's cookies).
      const casLogout =
        c.req.path === '/api/sso/callback' && Boolean(type?.startsWith('application/x-www-form-urlencoded'));
      if (type !== undefined && !type.startsWith('application/json') && !casLogout) {
        throw new AppError('csrf_failed', 'State-changing requests without an Origin must send JSON');
      }
    }
    return next();
  };
}

/** Resolves the college by host name and loads the session's user; sets the tenant scope. */
export function tenantAndSession(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const { database, config } = c.var.services;
    const tenant = await resolveSite(database.db, c.req.header('host'));
    if (!tenant) {
      throw new AppError(
        'unavailable',
        'No college is set up for this host yet. Run `npx concord demo` or create a tenant.',
      );
    }
    c.set('tenant', tenant);
    const effects = { pageCache: c.var.services.pageCache };
    let scope = new TenantScope(database.db, tenant.id, anonymousCaller(c.var.requestId), effects);
    const token = getCookie(c, sessionCookie);
    if (token && token.length <= 100) {
      const user = await findSessionUser(scope, token, {
        ttlHours: config.SESSION_TTL_HOURS,
        idleHours: config.SESSION_IDLE_HOURS,
      });
      if (user) {
        c.set('user', user);
        // The one scope of the request: the college, the user and their roles and departments.
        scope = new TenantScope(
          database.db,
          tenant.id,
          {
            actor: { id: user.id, name: user.name, requestId: c.var.requestId },
            roles: user.roles,
            departments: user.orgUnitIds,
          },
          effects,
        );
        if (c.req.path.startsWith('/api') && !c.req.header('accept-language') && isLocale(user.locale)) {
          c.set('locale', user.locale);
        }
      }
    }
    // An anonymous reader's public page (or feed, sitemap, search) may come from the read replica; a
    // logged-in person always reads the primary, so an editor sees what they just published.
    const replica = c.var.services.replica;
    const fromReplica =
      replica?.usable === true &&
      !c.var.user &&
      (c.req.method === 'GET' || c.req.method === 'HEAD') &&
      !c.req.path.startsWith('/api/') &&
      !c.req.path.startsWith('/admin');
    if (fromReplica) {
      replica.reads++;
      scope = new TenantScope(replica.db, tenant.id, scope.caller, effects);
    }
    c.set('scope', scope);
    // Public pages and icons show the college's settings (header logo, footer, icons); cached per
    // college, and the cached tenant is shared, so this request gets its own copy.
    if (!c.req.path.startsWith('/api/') && !c.req.path.startsWith('/admin')) {
      c.set('tenant', { ...tenant, settings: await loadPublicSettings(scope) });
    }
    await next();
    // A read that failed on the replica (it stopped): the primary serves until the next check.
    if (fromReplica && c.error && /connect|terminat|ECONNREFUSED|recovery/i.test(String(c.error)))
      replica.markDown();
  };
}

/** Tells whether a request expects JSON (API) rather than a page. */
export function wantsJson(c: Context<AppEnv>): boolean {
  return c.req.path.startsWith('/api/') || c.req.path === '/api';
}
