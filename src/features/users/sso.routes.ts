import { clientIp } from '../../platform/client-info.ts';
import { AppError } from '../../platform/errors.ts';
import { defineRoutes, readBody, readQuery } from '../../platform/routes.ts';
import { originOf, setSessionCookie, ssoEnvironmentOf } from './sessions.routes.ts';
import { ssoOperations as op, ssoSettingsInputSchema } from './sso.schema.ts';
import {
  endCasSession,
  finishSsoLogin,
  getSsoSettings,
  loginOptions,
  startSsoLogin,
  updateSsoSettings,
} from './sso.service.ts';
import { logOut } from './users.service.ts';

/** Single sign-on: the login page's options, the administrator's settings, the redirect dance. */
export const ssoRoutes = defineRoutes('/api/sso', 'sso', (route) => {
  route(op.options, async (c) => c.json(await loginOptions(c.var.scope, ssoEnvironmentOf(c))));
  route(op.getSettings, async (c) => c.json(await getSsoSettings(c.var.scope, ssoEnvironmentOf(c))));
  route(op.updateSettings, async (c) =>
    c.json(
      await updateSsoSettings(c.var.scope, await readBody(c, ssoSettingsInputSchema), ssoEnvironmentOf(c)),
    ),
  );
  route(op.login, async (c) => {
    const { next } = readQuery(c, op.login.query);
    return c.redirect(await startSsoLogin(c.var.scope, originOf(c), next, ssoEnvironmentOf(c)), 302);
  });
  route(op.casLogout, async (c) => {
    // The CAS server's own call, not a browser's: a form post naming the ticket a session was opened with.
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const xml = typeof form.logoutRequest === 'string' ? form.logoutRequest : '';
    const ended = await endCasSession(c.var.scope, xml, ssoEnvironmentOf(c));
    c.var.log.info({ ended }, 'CAS single logout');
    return c.body(null, 204);
  });
  route(op.callback, async (c) => {
    const current = new URL(`${originOf(c)}${c.req.path}${new URL(c.req.url).search}`);
    try {
      const { config } = c.var.services;
      const result = await finishSsoLogin(
        c.var.scope,
        current,
        { ip: clientIp(c), userAgent: c.req.header('user-agent') ?? null },
        { ttlHours: config.SESSION_TTL_HOURS, idleHours: config.SESSION_IDLE_HOURS },
        ssoEnvironmentOf(c),
      );
      // A session the browser already had ends: the login always starts a new one.
      const previous = c.var.user;
      if (previous) await logOut(c.var.scope, previous.tokenHash);
      setSessionCookie(c, result.token, result.expiresAt);
      return c.redirect(result.next, 302);
    } catch (err) {
      if (
        err instanceof AppError &&
        ['sso_failed', 'sso_unknown_user', 'account_disabled'].includes(err.code)
      ) {
        c.var.log.warn({ code: err.code, reason: err.message }, 'single sign-on refused');
        return c.redirect(`/admin/login?sso_error=${err.code}`, 302);
      }
      throw err;
    }
  });
});
