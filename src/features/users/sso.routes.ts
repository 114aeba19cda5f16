import type { Context } from 'hono';
import { clientIp, isHttps } from '../../platform/client-info.ts';
import type { AppEnv } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { defineRoutes, readBody, readQuery } from '../../platform/routes.ts';
import { setSessionCookie } from './sessions.routes.ts';
import { ssoOperations as op, ssoSettingsInputSchema } from './sso.schema.ts';
import {
  finishSsoLogin,
  getSsoSettings,
  loginOptions,
  startSsoLogin,
  updateSsoSettings,
} from './sso.service.ts';
import { logOut } from './users.service.ts';

/** The college's own origin as the browser reached it (the host the college was found by). */
function originOf(c: Context<AppEnv>): string {
  return `${isHttps(c) ? 'https' : 'http'}://${c.req.header('host') ?? new URL(c.req.url).host}`;
}

/** Single sign-on: the login page's options, the administrator's settings, the redirect dance. */
export const ssoRoutes = defineRoutes('/api/sso', 'sso', (route) => {
  route(op.options, async (c) => c.json(await loginOptions(c.var.scope)));
  route(op.getSettings, async (c) => c.json(await getSsoSettings(c.var.scope)));
  route(op.updateSettings, async (c) =>
    c.json(await updateSsoSettings(c.var.scope, await readBody(c, ssoSettingsInputSchema))),
  );
  route(op.login, async (c) => {
    const { next } = readQuery(c, op.login.query);
    return c.redirect(await startSsoLogin(c.var.scope, originOf(c), next), 302);
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
