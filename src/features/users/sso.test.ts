import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCasServer, type TestCasServer } from '../../../test/cas-server.ts';
import { startTestProvider, type TestProvider } from '../../../test/oidc-provider.ts';
import {
  buildTenant,
  buildUser,
  clientAs,
  createTestApp,
  type TestApp,
  TestClient,
  testPassword,
} from '../../../test/test-app.ts';
import { loadConfig } from '../../config.ts';
import { timelineEvents } from '../audit/audit.table.ts';
import { users } from './users.table.ts';

let idp: TestProvider;
let issuer = '';

let t: TestApp;
let college: Awaited<ReturnType<typeof buildTenant>>;
let admin: TestClient;

/** Follows the identity service's redirects with its own cookies, until it sends the browser back. */
async function throughProvider(start: string): Promise<URL> {
  const jar = new Map<string, string>();
  let url = start;
  for (let hop = 0; hop < 10; hop++) {
    const res = await fetch(url, {
      redirect: 'manual',
      headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const header of res.headers.getSetCookie()) {
      const [pair = ''] = header.split(';');
      const at = pair.indexOf('=');
      jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
    const location = res.headers.get('location');
    if (!location) throw new Error(`the provider stopped at ${url} with ${res.status}: ${await res.text()}`);
    const next = new URL(location, url);
    if (next.origin !== issuer) return next;
    url = next.toString();
  }
  throw new Error('too many redirects');
}

/** The whole dance for one person: start at Concord, pass the provider, come back; the answer of the return. */
async function logInAs(browser: TestClient, account: string, next = '/admin/partners') {
  idp.logInNextAs(account);
  const start = await browser.get(`/api/sso/login?next=${encodeURIComponent(next)}`);
  expect(start.status).toBe(302);
  const back = await throughProvider(start.headers.get('location') ?? '');
  expect(back.pathname).toBe('/api/sso/callback');
  return { res: await browser.get(`${back.pathname}${back.search}`), back };
}

async function configure(changes: Record<string, unknown> = {}) {
  const current = await (await admin.get('/api/sso/settings')).json();
  const res = await admin.patch('/api/sso/settings', {
    ...(current.version ? { version: current.version } : {}),
    enabled: true,
    nameZh: '统一身份认证',
    nameEn: 'the college identity service',
    issuer,
    clientId: 'concord',
    clientSecret: 'concord-test-secret',
    matchBy: 'email',
    employeeNumberClaim: 'employee_number',
    createUsers: false,
    passwordLogin: true,
    ...changes,
  });
  expect(res.status).toBe(200);
  return res.json();
}

beforeAll(async () => {
  t = await createTestApp();
  college = await buildTenant(t);
  admin = (await clientAs(t, college, ['college_admin'])).client;
  idp = await startTestProvider({
    clientId: 'concord',
    clientSecret: 'concord-test-secret',
    redirectUris: [`http://${college.host}/api/sso/callback`],
    postLogoutRedirectUris: [`http://${college.host}/admin/login`],
  });
  issuer = idp.issuer;
});
afterAll(async () => {
  await idp.close();
  await t.close();
});

describe('single sign-on through OpenID Connect', () => {
  it('is off until the administrator sets it up; the secret is never sent back; bad settings are refused by field', async () => {
    expect(await (await new TestClient(t, college.host).get('/api/sso/options')).json()).toEqual({
      sso: null,
      passwordLogin: true,
    });
    expect((await new TestClient(t, college.host).get('/api/sso/login')).status).toBe(404);
    const bad = await admin.patch('/api/sso/settings', {
      enabled: true,
      nameZh: '统一身份认证',
      nameEn: 'Campus login',
      issuer: '',
      clientId: '',
      matchBy: 'email',
      employeeNumberClaim: 'employee_number',
      createUsers: false,
      passwordLogin: false,
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.details.map((d: { path: string }) => d.path)).toContain('issuer');
    const saved = await configure();
    expect(saved).toMatchObject({ enabled: true, hasClientSecret: true, redirectPath: '/api/sso/callback' });
    expect(JSON.stringify(saved)).not.toContain('concord-test-secret');
    expect(await (await new TestClient(t, college.host).get('/api/sso/options')).json()).toEqual({
      sso: { nameZh: '统一身份认证', nameEn: 'the college identity service' },
      passwordLogin: true,
    });
  });

  it('logs in a known person by e-mail, renews the session, records it, and returns to the admin path asked for', async () => {
    await configure();
    const person = await buildUser(t, college, ['cooperation_officer'], { email: 'li.ming@college.test' });
    idp.accounts.set('li.ming', { email: 'LI.MING@college.test', email_verified: true, name: '李明' });
    const browser = new TestClient(t, college.host);
    browser.cookie = 'concord_session=an-old-session-token';
    const { res } = await logInAs(browser, 'li.ming');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/admin/partners');
    expect(browser.cookie).not.toContain('an-old-session-token');
    const me = await (await browser.get('/api/auth/me')).json();
    expect(me.user.id).toBe(person.id);
    const [event] = await t.database.db
      .select()
      .from(timelineEvents)
      .where(and(eq(timelineEvents.subjectId, person.id), eq(timelineEvents.verb, 'user.logged_in')));
    expect(JSON.stringify(event?.diff)).toContain(`oidc:${issuer}`);
  });

  it('refuses a code used twice, an unknown identity with a clear page, and never leaves for another site', async () => {
    await configure();
    idp.accounts.set('known', { email: 'known@college.test', email_verified: true, name: 'Known' });
    await buildUser(t, college, ['viewer'], { email: 'known@college.test' });
    const browser = new TestClient(t, college.host);
    const { back } = await logInAs(browser, 'known', 'https://evil.example/steal');
    const replay = await new TestClient(t, college.host).get(`${back.pathname}${back.search}`);
    expect(replay.headers.get('location')).toBe('/admin/login?sso_error=sso_failed');
    expect(new TestClient(t, college.host).loggedIn).toBe(false);

    const open = await logInAs(new TestClient(t, college.host), 'known', '//evil.example/');
    expect(open.res.headers.get('location')).toBe('/admin/');

    idp.accounts.set('stranger', { email: 'stranger@college.test', email_verified: true, name: '陌生人' });
    const stranger = new TestClient(t, college.host);
    const refused = await logInAs(stranger, 'stranger');
    expect(refused.res.headers.get('location')).toBe('/admin/login?sso_error=sso_unknown_user');
    expect(stranger.loggedIn).toBe(false);
  });

  it('creates an unknown person as a viewer when allowed, and matches by employee number', async () => {
    await configure({ createUsers: true });
    idp.accounts.set('new.teacher', {
      email: 'new.teacher@college.test',
      email_verified: true,
      name: '王新',
    });
    const browser = new TestClient(t, college.host);
    const { res } = await logInAs(browser, 'new.teacher');
    expect(res.status).toBe(302);
    const me = await (await browser.get('/api/auth/me')).json();
    expect(me).toMatchObject({
      user: { email: 'new.teacher@college.test', name: '王新' },
      roles: ['viewer'],
    });

    await configure({ matchBy: 'employee_number', createUsers: false });
    const numbered = await buildUser(t, college, ['editor'], { email: 'editor.zhao@college.test' });
    await t.database.db.update(users).set({ employeeNumber: '20190315' }).where(eq(users.id, numbered.id));
    idp.accounts.set('zhao', { email: 'zhao@other-mail.test', employee_number: '20190315', name: '赵老师' });
    const byNumber = new TestClient(t, college.host);
    await logInAs(byNumber, 'zhao');
    expect((await (await byNumber.get('/api/auth/me')).json()).user.id).toBe(numbered.id);
  });

  it('turns the password form off for the college, but not for platform administrators', async () => {
    await configure({ passwordLogin: false, matchBy: 'email' });
    expect(await (await new TestClient(t, college.host).get('/api/sso/options')).json()).toMatchObject({
      passwordLogin: false,
    });
    const staff = await buildUser(t, college, ['editor']);
    const refused = await new TestClient(t, college.host).post('/api/auth/login', {
      email: staff.email,
      password: testPassword,
    });
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.code).toBe('password_login_off');
    const operator = await buildUser(t, college, ['platform_admin']);
    const kept = await new TestClient(t, college.host).post('/api/auth/login', {
      email: operator.email,
      password: testPassword,
    });
    expect(kept.status).toBe(200);
    await configure({ passwordLogin: true });
  });
});

describe('single logout through OpenID Connect', () => {
  it('ends the Concord session and sends the browser to the provider with the ID token as hint', async () => {
    await configure({ matchBy: 'email', createUsers: false, passwordLogin: true });
    const person = await buildUser(t, college, ['viewer'], { email: 'lin.logout@college.test' });
    idp.accounts.set('lin-logout', { email: person.email, email_verified: true });
    const browser = new TestClient(t, college.host);
    await logInAs(browser, 'lin-logout');
    expect(browser.loggedIn).toBe(true);
    const stolen = browser.cookie;

    const res = await browser.post('/api/auth/logout');
    expect(res.status).toBe(200);
    const { redirectTo } = (await res.json()) as { redirectTo: string };
    const end = new URL(redirectTo);
    expect(end.origin).toBe(issuer);
    expect(end.searchParams.get('post_logout_redirect_uri')).toBe(`http://${college.host}/admin/login`);
    expect(end.searchParams.get('id_token_hint')?.split('.')).toHaveLength(3);
    // The provider accepts the hint (a forged or foreign one is answered with an error page).
    const atProvider = await fetch(end, { redirect: 'manual' });
    expect(atProvider.status).toBe(200);
    expect(await atProvider.text()).not.toMatch(/invalid_request|error/i);
    // The Concord session is over, even for a copy of its cookie.
    const replay = new TestClient(t, college.host);
    replay.cookie = stolen;
    expect((await replay.get('/api/auth/me')).status).toBe(401);

    // A password session of the same college has nothing to end elsewhere.
    const { client } = await clientAs(t, college, ['viewer']);
    expect(await (await client.post('/api/auth/logout')).json()).toEqual({ redirectTo: null });
  });
});

describe('single sign-on through CAS', () => {
  let cas: TestCasServer;
  beforeAll(async () => {
    cas = await startTestCasServer();
  });
  afterAll(() => cas.close());

  /** Follows the CAS login redirect and comes back with the ticket, as a browser does. */
  async function casLogin(browser: TestClient, next = '/admin/engagements') {
    const start = await browser.get(`/api/sso/login?next=${encodeURIComponent(next)}`);
    expect(start.status).toBe(302);
    const toCas = new URL(start.headers.get('location') ?? '');
    expect(toCas.pathname).toBe('/cas/login');
    const atCas = await fetch(toCas, { redirect: 'manual' });
    const back = new URL(atCas.headers.get('location') ?? '');
    expect(back.pathname).toBe('/api/sso/callback');
    return { res: await browser.get(`${back.pathname}${back.search}`), back };
  }

  it('logs in by employee number (the CAS user) with CAS 3.0, once per ticket', async () => {
    const saved = await admin.patch('/api/sso/settings', {
      version: (await (await admin.get('/api/sso/settings')).json()).version,
      enabled: true,
      protocol: 'cas',
      nameZh: '统一身份认证',
      nameEn: 'the college identity service',
      issuer: '',
      clientId: '',
      casServerUrl: cas.url,
      casVersion: '3',
      matchBy: 'employee_number',
      employeeNumberClaim: 'employeeNumber',
      createUsers: false,
      passwordLogin: true,
    });
    expect(saved.status).toBe(200);
    const teacher = await buildUser(t, college, ['department_liaison'], {
      email: 'chen.teacher@college.test',
    });
    await t.database.db.update(users).set({ employeeNumber: 'T2008017' }).where(eq(users.id, teacher.id));
    cas.logInNextAs('chen.teacher', { employeeNumber: 'T2008017', mail: 'chen.teacher@college.test' });
    const browser = new TestClient(t, college.host);
    const { res, back } = await casLogin(browser);
    expect(res.headers.get('location')).toBe('/admin/engagements');
    expect((await (await browser.get('/api/auth/me')).json()).user.id).toBe(teacher.id);
    const [event] = await t.database.db
      .select()
      .from(timelineEvents)
      .where(and(eq(timelineEvents.subjectId, teacher.id), eq(timelineEvents.verb, 'user.logged_in')));
    expect(JSON.stringify(event?.diff)).toContain(`cas:${cas.url}`);

    // The same ticket again, from anyone, is refused.
    const replay = await new TestClient(t, college.host).get(`${back.pathname}${back.search}`);
    expect(replay.headers.get('location')).toBe('/admin/login?sso_error=sso_failed');
  });

  it('matches by e-mail with CAS 2.0 only when the server sends it, and refuses a ticket made for another service', async () => {
    const current = await (await admin.get('/api/sso/settings')).json();
    await admin.patch('/api/sso/settings', {
      ...current,
      hasClientSecret: undefined,
      redirectPath: undefined,
      casVersion: '2',
      matchBy: 'email',
    });
    cas.logInNextAs('chen.teacher', { mail: 'chen.teacher@college.test' });
    // CAS 2.0 sends no attributes, so there is no e-mail to match by.
    const browser = new TestClient(t, college.host);
    const { res } = await casLogin(browser);
    expect(res.headers.get('location')).toBe('/admin/login?sso_error=sso_unknown_user');

    // A ticket issued for another service (a forged return) is refused by the server-to-server check.
    cas.logInNextAs('chen.teacher', {});
    const start = await browser.get('/api/sso/login');
    const state = new URL(
      new URL(start.headers.get('location') ?? '').searchParams.get('service') ?? '',
    ).searchParams.get('state');
    const other = await fetch(`${cas.url}/login?service=${encodeURIComponent('http://elsewhere.test/app')}`, {
      redirect: 'manual',
    });
    const ticket = new URL(other.headers.get('location') ?? '').searchParams.get('ticket');
    const forged = await browser.get(`/api/sso/callback?state=${state}&ticket=${ticket}`);
    expect(forged.headers.get('location')).toBe('/admin/login?sso_error=sso_failed');
    expect(browser.loggedIn).toBe(false);
  });

  it('ends the session when the CAS server sends its logout request, and logs out at CAS from Concord', async () => {
    const current = await (await admin.get('/api/sso/settings')).json();
    await admin.patch('/api/sso/settings', {
      ...current,
      hasClientSecret: undefined,
      redirectPath: undefined,
      fromEnvironment: undefined,
      casVersion: '3',
      matchBy: 'employee_number',
    });
    cas.logInNextAs('chen.teacher', { employeeNumber: 'T2008017' });
    const first = new TestClient(t, college.host);
    const { back } = await casLogin(first);
    const ticket = back.searchParams.get('ticket') ?? '';
    expect((await first.get('/api/auth/me')).status).toBe(200);
    cas.logInNextAs('chen.teacher', { employeeNumber: 'T2008017' });
    const second = new TestClient(t, college.host);
    await casLogin(second);

    // The CAS server posts to the service address, server to server: a form, no browser headers.
    const request = cas.logoutRequest(ticket);
    expect(new URL(request.service).pathname).toBe('/api/sso/callback');
    const server = new TestClient(t, college.host);
    const posted = await server.raw('POST', new URL(request.service).pathname, request.body, {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(posted.status).toBe(204);
    expect((await first.get('/api/auth/me')).status).toBe(401);
    // Only the session that ticket opened ends.
    expect((await second.get('/api/auth/me')).status).toBe(200);
    // Anything but a logout request is refused; a browser cannot post one cross-site.
    expect(
      (
        await server.raw('POST', '/api/sso/callback', 'logoutRequest=<x/>', {
          'content-type': 'application/x-www-form-urlencoded',
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await server.raw('POST', '/api/sso/callback', request.body, {
          'content-type': 'application/x-www-form-urlencoded',
          origin: 'https://evil.test',
        })
      ).status,
    ).toBe(403);

    // Logging out in Concord goes on to the CAS server's logout, which returns to the login page.
    const out = await (await second.post('/api/auth/logout')).json();
    expect(out.redirectTo).toBe(
      `${cas.url}/logout?service=${encodeURIComponent(`http://${college.host}/admin/login`)}`,
    );
    expect((await second.get('/api/auth/me')).status).toBe(401);
  });
});

describe('single sign-on set by the environment for the default college', () => {
  let cas: TestCasServer;
  let envApp: TestApp;
  let main: Awaited<ReturnType<typeof buildTenant>>;
  let other: Awaited<ReturnType<typeof buildTenant>>;
  beforeAll(async () => {
    cas = await startTestCasServer();
    envApp = await createTestApp({
      SSO_PROTOCOL: 'cas',
      SSO_CAS_URL: cas.url,
      SSO_MATCH_BY: 'employee_number',
      SSO_EMPLOYEE_NUMBER_CLAIM: 'employeeNumber',
      SSO_NAME_EN: 'Campus ID',
      SSO_PASSWORD_LOGIN: 'false',
    });
    main = await buildTenant(envApp, { isDefault: true });
    other = await buildTenant(envApp);
  });
  afterAll(async () => {
    await cas.close();
    await envApp.close();
  });

  it('applies to the default college only, read-only on its settings screen', async () => {
    const options = await (await new TestClient(envApp, main.host).get('/api/sso/options')).json();
    expect(options).toEqual({ sso: { nameZh: '统一身份认证', nameEn: 'Campus ID' }, passwordLogin: false });
    const admin2 = (await clientAs(envApp, main, ['platform_admin'])).client;
    const settings = await (await admin2.get('/api/sso/settings')).json();
    expect(settings).toMatchObject({ fromEnvironment: true, protocol: 'cas', casServerUrl: cas.url });
    const refused = await admin2.patch('/api/sso/settings', {
      enabled: false,
      nameZh: '统一身份认证',
      nameEn: 'x',
      issuer: '',
      clientId: '',
      matchBy: 'email',
      employeeNumberClaim: 'employee_number',
      createUsers: false,
      passwordLogin: true,
    });
    expect(refused.status).toBe(409);

    // The password form is off for the college's staff, on the server too; platform administrators keep it.
    const teacher = await buildUser(envApp, main, ['cooperation_officer']);
    const refusedLogin = await new TestClient(envApp, main.host).post('/api/auth/login', {
      email: teacher.email,
      password: testPassword,
    });
    expect(refusedLogin.status).toBe(403);
    expect((await refusedLogin.json()).error.code).toBe('password_login_off');
    const otherTeacher = await buildUser(envApp, other, ['cooperation_officer']);
    expect(
      (
        await new TestClient(envApp, other.host).post('/api/auth/login', {
          email: otherTeacher.email,
          password: testPassword,
        })
      ).status,
    ).toBe(200);

    // A college that does not log in through CAS takes no CAS logout request.
    const stray = await new TestClient(envApp, other.host).raw(
      'POST',
      '/api/sso/callback',
      cas.logoutRequest('ST-unknown').body,
      { 'content-type': 'application/x-www-form-urlencoded' },
    );
    expect(stray.status).toBe(404);

    // Another college on the same deployment keeps its own (none yet).
    const elsewhere = await (await new TestClient(envApp, other.host).get('/api/sso/options')).json();
    expect(elsewhere).toEqual({ sso: null, passwordLogin: true });

    // And a staff member logs in through it.
    const staff = await buildUser(envApp, main, ['cooperation_officer'], { email: 'wu.staff@college.test' });
    await envApp.database.db.update(users).set({ employeeNumber: 'T2011033' }).where(eq(users.id, staff.id));
    cas.logInNextAs('wu.staff', { employeeNumber: 'T2011033' });
    const browser = new TestClient(envApp, main.host);
    const start = await browser.get('/api/sso/login');
    const atCas = await fetch(start.headers.get('location') ?? '', { redirect: 'manual' });
    const back = new URL(atCas.headers.get('location') ?? '');
    await browser.get(`${back.pathname}${back.search}`);
    expect((await (await browser.get('/api/auth/me')).json()).user.id).toBe(staff.id);
  });

  it('refuses to start with an incomplete setting, naming it and hiding the secret', () => {
    expect(() => loadConfig({ SSO_PROTOCOL: 'oidc', SSO_OIDC_ISSUER: 'https://ids.college.test' })).toThrow(
      /SSO_OIDC_CLIENT_ID.*required when SSO_PROTOCOL=oidc/s,
    );
    expect(() => loadConfig({ SSO_PROTOCOL: 'cas' })).toThrow(/SSO_CAS_URL/);
    let message = '';
    try {
      loadConfig({ SSO_OIDC_CLIENT_SECRET: 'x'.repeat(600) });
    } catch (err) {
      message = String(err);
    }
    expect(message).toContain('SSO_OIDC_CLIENT_SECRET="***"');
  });
});
