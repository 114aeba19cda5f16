import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { clientIp, isHttps } from '../../platform/client-info.ts';
import type { AppEnv } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { permissionsOf } from '../../platform/permissions.ts';
import { defineRoutes, readBody } from '../../platform/routes.ts';
import { type SsoEnvironment, singleLogoutUrl, ssoFromEnvironment } from './sso.service.ts';
import {
  changePasswordInputSchema,
  loginInputSchema,
  authOperations as op,
  updateMeInputSchema,
} from './users.schema.ts';
import {
  changeOwnPassword,
  endOwnSessions,
  getUser,
  listOwnSessions,
  logIn,
  logOut,
  updateMe,
} from './users.service.ts';

export const sessionCookie = 'concord_session';
/** The browser's trusted-device token: read only by the login route. */
export const deviceCookie = 'concord_device';

/** Hands the browser its new session (HTTP only, same-site lax, secure over https). */
export function setSessionCookie(c: Context<AppEnv>, token: string, expiresAt: Date): void {
  setCookie(c, sessionCookie, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: isHttps(c),
    path: '/',
    expires: expiresAt,
  });
}

/** The college's own origin as the browser reached it (the host the college was found by). */
export function originOf(c: Context<AppEnv>): string {
  return `${isHttps(c) ? 'https' : 'http'}://${c.req.header('host') ?? new URL(c.req.url).host}`;
}

/** The deployment's single sign-on (`SSO_*`), which applies to the default college only. */
export function ssoEnvironmentOf(c: Context<AppEnv>): SsoEnvironment {
  return c.var.tenant.isDefault ? ssoFromEnvironment(c.var.services.config) : null;
}

/** The logged-in caller, their college, roles and permissions. */
async function meOf(c: Context<AppEnv>) {
  const user = c.var.user!;
  const tenant = c.var.tenant;
  const { status: _s, lastLoginAt: _l, ...profile } = await getUser(c.var.scope, user.id);
  return {
    user: profile,
    tenant: { id: tenant.id, slug: tenant.slug, nameZh: tenant.nameZh, nameEn: tenant.nameEn },
    roles: user.roles,
    permissions: [...permissionsOf(user.roles)],
  };
}

export const sessionsRoutes = defineRoutes('/api/auth', 'auth', (route) => {
  route(op.login, async (c) => {
    const input = await readBody(c, loginInputSchema);
    const { config } = c.var.services;
    const result = await logIn(
      c.var.scope,
      input,
      {
        ip: clientIp(c),
        userAgent: c.req.header('user-agent') ?? null,
        deviceToken: getCookie(c, deviceCookie) ?? null,
      },
      { ttlHours: config.SESSION_TTL_HOURS, idleHours: config.SESSION_IDLE_HOURS },
      ssoEnvironmentOf(c),
    );
    setSessionCookie(c, result.token, result.expiresAt);
    setCookie(c, deviceCookie, result.deviceToken, {
      httpOnly: true,
      sameSite: 'Lax',
      secure: isHttps(c),
      path: '/api/auth/login',
      maxAge: 365 * 24 * 3600,
    });
    return c.json({ user: result.user });
  });
  route(op.logout, async (c) => {
    const user = c.var.user;
    const ended = user ? await logOut(c.var.scope, user.tokenHash) : {};
    deleteCookie(c, sessionCookie, { path: '/', secure: isHttps(c) });
    // A session opened through the identity service ends there too (single logout).
    return c.json({
      redirectTo: await singleLogoutUrl(c.var.scope, ended, originOf(c), ssoEnvironmentOf(c)),
    });
  });
  route(op.me, async (c) => c.json(await meOf(c)));
  route(
    op.session,
    // A 200 either way: asking is not an error (a browser logs every 401 to its console).
    async (c) => c.json({ me: c.var.user ? await meOf(c) : null }),
  );
  route(op.updateMe, async (c) =>
    c.json(await updateMe(c.var.scope, c.var.user!.id, await readBody(c, updateMeInputSchema))),
  );
  route(op.changePassword, async (c) => {
    const user = c.var.user;
    if (!user) throw new AppError('unauthenticated');
    await changeOwnPassword(
      c.var.scope,
      { userId: user.id, tokenHash: user.tokenHash },
      await readBody(c, changePasswordInputSchema),
    );
    return c.body(null, 204);
  });
  route(op.sessions, async (c) => {
    const user = c.var.user!;
    return c.json({
      items: await listOwnSessions(c.var.scope, { id: user.id, tokenHash: user.tokenHash }),
    });
  });
  route(op.endOtherSessions, async (c) => {
    const user = c.var.user!;
    const ended = await endOwnSessions(c.var.scope, { id: user.id, tokenHash: user.tokenHash }, 'others');
    return c.json({ ended });
  });
  route(op.endSession, async (c) => {
    const user = c.var.user!;
    const id = c.req.param('id') ?? '';
    if (!/^[0-9a-f]{16}$/.test(id)) throw new AppError('not_found', 'No such session');
    await endOwnSessions(c.var.scope, { id: user.id, tokenHash: user.tokenHash }, { id });
    if (user.tokenHash.startsWith(id)) deleteCookie(c, sessionCookie, { path: '/', secure: isHttps(c) });
    return c.body(null, 204);
  });
});
