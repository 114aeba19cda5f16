import { and, eq, gt, lt } from 'drizzle-orm';
import * as oidc from 'openid-client';
import type { Config } from '../../config.ts';
import { newId } from '../../db/ids.ts';
import type { TenantScope } from '../../db/tenant-scope.ts';
import { AppError } from '../../platform/errors.ts';
import { parseInput } from '../../platform/validation.ts';
import {
  casLoginUrl,
  casLogoutUrl,
  casServiceUrl,
  ticketOfLogoutRequest,
  validateCasTicket,
} from './sso.cas.ts';
import { type SsoSettingsInput, type SsoSettingsOutput, ssoSettingsInputSchema } from './sso.schema.ts';
import { ssoLogins, ssoSettings } from './sso.table.ts';
import {
  endSessionsOfTicket,
  logInThroughSso,
  type SessionOptions,
  type SsoSessionLink,
} from './users.service.ts';

/** The settings a login goes by: the college's saved row, or the deployment's environment. */
type Settings = Omit<typeof ssoSettings.$inferSelect, 'tenantId' | 'id' | 'createdAt' | 'updatedAt'> & {
  fromEnvironment?: boolean;
};

/** The deployment's single sign-on for its default college (`SSO_*` in the environment), if set. */
export type SsoEnvironment = Settings | null;

/** Reads `SSO_*` into settings; null when `SSO_PROTOCOL` is unset. */
export function ssoFromEnvironment(config: Config): SsoEnvironment {
  if (!config.SSO_PROTOCOL) return null;
  return {
    version: 0,
    enabled: true,
    protocol: config.SSO_PROTOCOL,
    nameZh: config.SSO_NAME_ZH,
    nameEn: config.SSO_NAME_EN,
    issuer: config.SSO_OIDC_ISSUER ?? '',
    clientId: config.SSO_OIDC_CLIENT_ID ?? '',
    clientSecret: config.SSO_OIDC_CLIENT_SECRET ?? '',
    casServerUrl: config.SSO_CAS_URL ?? '',
    casVersion: config.SSO_CAS_VERSION,
    matchBy: config.SSO_MATCH_BY,
    employeeNumberClaim: config.SSO_EMPLOYEE_NUMBER_CLAIM,
    createUsers: config.SSO_CREATE_USERS,
    passwordLogin: config.SSO_PASSWORD_LOGIN,
    fromEnvironment: true,
  };
}

/** The settings in force: the environment's for the default college when set, else the saved row. */
async function settingsOf(scope: TenantScope, env: SsoEnvironment): Promise<Settings | undefined> {
  return env ?? (await scope.first(ssoSettings));
}

/** Where the identity service sends people back to, on the college's own host. */
export const callbackPath = '/api/sso/callback';
/** How long a started login may take at the identity service. */
const loginTtlMs = 10 * 60_000;

const defaults = {
  enabled: false,
  protocol: 'oidc' as const,
  casServerUrl: '',
  casVersion: '3' as const,
  nameZh: '统一身份认证',
  nameEn: 'the college identity service',
  issuer: '',
  clientId: '',
  clientSecret: '',
  matchBy: 'email' as const,
  employeeNumberClaim: 'employee_number',
  createUsers: false,
  passwordLogin: true,
};

function toOutput(row: Settings | undefined): SsoSettingsOutput {
  const s = row ?? { ...defaults, version: 0 };
  return {
    version: s.version,
    enabled: s.enabled,
    protocol: s.protocol,
    nameZh: s.nameZh,
    nameEn: s.nameEn,
    issuer: s.issuer,
    clientId: s.clientId,
    hasClientSecret: s.clientSecret !== '',
    casServerUrl: s.casServerUrl,
    casVersion: s.casVersion,
    matchBy: s.matchBy,
    employeeNumberClaim: s.employeeNumberClaim,
    createUsers: s.createUsers,
    passwordLogin: s.passwordLogin,
    redirectPath: callbackPath,
    fromEnvironment: Boolean(s.fromEnvironment),
  };
}

/** The college's single sign-on settings for its administrator (the secret stays on the server). */
export async function getSsoSettings(scope: TenantScope, env: SsoEnvironment): Promise<SsoSettingsOutput> {
  return toOutput(await settingsOf(scope, env));
}

/** What the login page offers. */
export async function loginOptions(scope: TenantScope, env: SsoEnvironment) {
  const row = await settingsOf(scope, env);
  const on = Boolean(row?.enabled);
  return {
    sso: on && row ? { nameZh: row.nameZh, nameEn: row.nameEn } : null,
    passwordLogin: !on || (row?.passwordLogin ?? true),
  };
}

/** Saves the settings (version-checked once they exist); a left-out secret keeps the stored one. */
export async function updateSsoSettings(
  scope: TenantScope,
  input: SsoSettingsInput,
  env: SsoEnvironment,
): Promise<SsoSettingsOutput> {
  if (env)
    throw new AppError(
      'conflict',
      'Single sign-on for this college is set by the deployment (SSO_* in the environment)',
    );
  const { version, clientSecret, ...data } = parseInput(ssoSettingsInputSchema, input);
  const row = await scope.first(ssoSettings);
  const secret = clientSecret ?? row?.clientSecret ?? '';
  if (data.enabled && data.protocol === 'oidc' && secret === '') {
    throw new AppError('validation_failed', 'The client secret is missing', [
      {
        path: 'clientSecret',
        code: 'client_secret_missing',
        message: 'Enter the client secret the identity service gave',
      },
    ]);
  }
  const values = { ...data, clientSecret: secret };
  const saved = row
    ? await scope.change(ssoSettings, 'sso_settings', row.id, version ?? null, values)
    : await scope.create(ssoSettings, 'sso_settings', { id: newId(), ...values });
  discovered.clear();
  return toOutput(saved);
}

const discovered = new Map<string, Promise<oidc.Configuration>>();

/** The identity service's configuration from its discovery document, kept per issuer and client. */
function configurationOf(row: Settings): Promise<oidc.Configuration> {
  const key = `${row.issuer}\n${row.clientId}\n${row.clientSecret}`;
  let config = discovered.get(key);
  if (!config) {
    const issuer = new URL(row.issuer);
    // Plain http only for a service on this machine (a test or a local trial); https otherwise.
    const local = ['localhost', '127.0.0.1', '[::1]'].includes(issuer.hostname);
    config = oidc.discovery(issuer, row.clientId, row.clientSecret, undefined, {
      ...(local ? { execute: [oidc.allowInsecureRequests] } : {}),
      timeout: 10,
    });
    config.catch(() => discovered.delete(key));
    discovered.set(key, config);
  }
  return config;
}

/** An admin path to go to after login; anything else (another site, `//host`) is the admin home. */
export function safeNext(next: string | undefined): string {
  if (!next || !next.startsWith('/admin') || next.startsWith('//') || /[\\\s]/.test(next)) return '/admin/';
  return next;
}

async function enabledSettings(scope: TenantScope, env: SsoEnvironment): Promise<Settings> {
  const row = await settingsOf(scope, env);
  if (!row?.enabled) throw new AppError('not_found', 'Single sign-on is not set up for this college');
  return row;
}

/**
 * Starts a login at the identity service: a one-time state, a nonce and a PKCE verifier are kept
 * for ten minutes; the answer is the address to send the browser to.
 */
export async function startSsoLogin(
  scope: TenantScope,
  origin: string,
  next: string | undefined,
  env: SsoEnvironment,
): Promise<string> {
  const row = await enabledSettings(scope, env);
  const state = oidc.randomState();
  await scope.deleteRaw(ssoLogins, lt(ssoLogins.expiresAt, new Date()));
  if (row.protocol === 'cas') {
    await scope.insertRaw(ssoLogins, {
      id: newId(),
      state,
      nonce: '',
      codeVerifier: '',
      next: safeNext(next),
      expiresAt: new Date(Date.now() + loginTtlMs),
    });
    return casLoginUrl(row.casServerUrl, casServiceUrl(origin, state));
  }
  const config = await configurationOf(row);
  const nonce = oidc.randomNonce();
  const codeVerifier = oidc.randomPKCECodeVerifier();
  await scope.insertRaw(ssoLogins, {
    id: newId(),
    state,
    nonce,
    codeVerifier,
    next: safeNext(next),
    expiresAt: new Date(Date.now() + loginTtlMs),
  });
  return oidc
    .buildAuthorizationUrl(config, {
      redirect_uri: `${origin}${callbackPath}`,
      scope: 'openid email profile',
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    })
    .toString();
}

/**
 * Finishes a login coming back from the identity service: the state is used once (a replayed or
 * unknown one is refused), the code is redeemed over the server-to-server call with the PKCE
 * verifier, and the ID token's signature, issuer, audience, expiry and nonce are checked by the
 * client library. The person is then matched (or created, where allowed) and gets a session.
 */
export async function finishSsoLogin(
  scope: TenantScope,
  currentUrl: URL,
  client: { ip: string; userAgent: string | null },
  options: SessionOptions,
  env: SsoEnvironment,
): Promise<{ token: string; expiresAt: Date; next: string }> {
  const row = await enabledSettings(scope, env);
  const state = currentUrl.searchParams.get('state') ?? '';
  const pending = state
    ? await scope.first(ssoLogins, and(eq(ssoLogins.state, state), gt(ssoLogins.expiresAt, new Date())))
    : undefined;
  if (!pending) throw new AppError('sso_failed', 'This login was not started here, or it took too long');
  await scope.deleteRaw(ssoLogins, eq(ssoLogins.id, pending.id));
  if (row.protocol === 'cas') {
    const origin = currentUrl.origin;
    const ticket = currentUrl.searchParams.get('ticket') ?? '';
    const who = await validateCasTicket(row, casServiceUrl(origin, state), ticket);
    const email = who.attributes.mail ?? who.attributes.email ?? null;
    const value = row.matchBy === 'email' ? email : (who.attributes[row.employeeNumberClaim] ?? who.user);
    if (!value) throw new AppError('sso_unknown_user', 'The CAS server did not say who this is');
    const session = await logInThroughSso(
      scope,
      { by: row.matchBy, value, email, name: who.attributes.name ?? who.attributes.displayName ?? null },
      { createUsers: row.createUsers, service: `cas:${row.casServerUrl}` },
      client,
      options,
      { ticket },
    );
    return { token: session.token, expiresAt: session.expiresAt, next: pending.next };
  }
  let claims: oidc.IDToken | undefined;
  let idToken: string | undefined;
  try {
    const config = await configurationOf(row);
    const tokens = await oidc.authorizationCodeGrant(config, currentUrl, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    claims = tokens.claims();
    idToken = tokens.id_token;
  } catch (err) {
    throw new AppError(
      'sso_failed',
      err instanceof Error ? err.message : 'The identity service refused the login',
    );
  }
  if (!claims) throw new AppError('sso_failed', 'The identity service sent no ID token');
  const email = typeof claims.email === 'string' && claims.email_verified !== false ? claims.email : null;
  const employeeNumber = claims[row.employeeNumberClaim];
  const value = row.matchBy === 'email' ? email : typeof employeeNumber === 'string' ? employeeNumber : null;
  if (!value) throw new AppError('sso_unknown_user', 'The identity service did not say who this is');
  const session = await logInThroughSso(
    scope,
    { by: row.matchBy, value, email, name: typeof claims.name === 'string' ? claims.name : null },
    { createUsers: row.createUsers, service: `oidc:${row.issuer}` },
    client,
    options,
    { idToken },
  );
  return { token: session.token, expiresAt: session.expiresAt, next: pending.next };
}

/**
 * Single logout, started in Concord: where to send the browser after its session ended, so the
 * identity service ends its own too. OpenID Connect: the provider's `end_session_endpoint` with the
 * ID token as hint (RP-initiated logout); CAS: the server's `/logout`. Both return to the login page.
 * Null for a password login, or when the service offers no logout.
 */
export async function singleLogoutUrl(
  scope: TenantScope,
  ended: SsoSessionLink,
  origin: string,
  env: SsoEnvironment,
): Promise<string | null> {
  if (!ended.idToken && !ended.ticket) return null;
  const row = await settingsOf(scope, env);
  if (!row?.enabled) return null;
  const back = `${origin}/admin/login`;
  if (row.protocol === 'cas') return ended.ticket ? casLogoutUrl(row.casServerUrl, back) : null;
  if (!ended.idToken) return null;
  try {
    const config = await configurationOf(row);
    if (!config.serverMetadata().end_session_endpoint) return null;
    return oidc
      .buildEndSessionUrl(config, { id_token_hint: ended.idToken, post_logout_redirect_uri: back })
      .toString();
  } catch {
    // The identity service cannot be reached: the Concord session has ended all the same.
    return null;
  }
}

/**
 * A CAS server's logout request (the person logged out there): ends the sessions its ticket opened.
 * Only a college that logs in through CAS takes one; answers how many sessions ended.
 */
export async function endCasSession(scope: TenantScope, xml: string, env: SsoEnvironment): Promise<number> {
  const row = await settingsOf(scope, env);
  if (!row?.enabled || row.protocol !== 'cas')
    throw new AppError('not_found', 'This college does not log in through CAS');
  const ticket = ticketOfLogoutRequest(xml);
  if (!ticket) throw new AppError('bad_request', 'Expected a CAS logout request');
  return endSessionsOfTicket(scope, ticket);
}
