import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTenant,
  buildUser,
  clientAs,
  createTestApp,
  type TestApp,
  TestClient,
  testPassword,
} from '../../../test/test-app.ts';
import { systemCaller, TenantScope } from '../../db/tenant-scope.ts';
import { timelineEvents } from '../audit/audit.table.ts';
import { isCommonPassword } from './users.schema.ts';
import { sessions, users } from './users.table.ts';

let t: TestApp;
let college: Awaited<ReturnType<typeof buildTenant>>;

beforeAll(async () => {
  t = await createTestApp();
  college = await buildTenant(t);
});
afterAll(() => t.close());

describe('login and sessions', () => {
  it('logs in with JSON, sets an HttpOnly SameSite=Lax cookie and answers /me', async () => {
    const user = await buildUser(t, college, ['editor']);
    const client = new TestClient(t, college.host);
    const res = await client.post('/api/auth/login', {
      email: user.email.toUpperCase(),
      password: testPassword,
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^concord_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    const me = await client.get('/api/auth/me');
    expect(me.status).toBe(200);
    const body = await me.json();
    expect(body.user.email).toBe(user.email);
    expect(body.roles).toEqual(['editor']);
    expect(body.tenant.slug).toBe(college.slug);
    expect(body.permissions).toContain('news.write');
    expect(body.permissions).not.toContain('users.manage');
    expect(JSON.stringify(body)).not.toMatch(/passwordHash|scrypt/);
    // /session answers the same, and 200 with null to someone not logged in.
    expect(await (await client.get('/api/auth/session')).json()).toEqual({ me: body });
    const stranger = await new TestClient(t, college.host).get('/api/auth/session');
    expect(stranger.status).toBe(200);
    expect(await stranger.json()).toEqual({ me: null });
  });

  it('marks the cookie Secure behind an https proxy it trusts', async () => {
    const proxied = await createTestApp({ TRUST_PROXY: 'true' });
    try {
      const c2 = await buildTenant(proxied);
      const user = await buildUser(proxied, c2, ['viewer']);
      const res = await new TestClient(proxied, c2.host, { 'x-forwarded-proto': 'https' }).post(
        '/api/auth/login',
        {
          email: user.email,
          password: testPassword,
        },
      );
      expect(res.headers.get('set-cookie')).toMatch(/Secure/);
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age/);
    } finally {
      await proxied.close();
    }
  });

  it('refuses a wrong password with a translated message and no hint which part was wrong', async () => {
    const user = await buildUser(t, college, ['viewer']);
    const client = new TestClient(t, college.host, { 'accept-language': 'zh-CN' });
    const wrong = await client.post('/api/auth/login', { email: user.email, password: 'nope-nope-1' });
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).error).toMatchObject({
      code: 'invalid_credentials',
      message: '邮箱或密码不正确。',
    });
    const unknown = await client.post('/api/auth/login', {
      email: 'nobody@example.test',
      password: 'nope-nope-1',
    });
    expect((await unknown.json()).error.code).toBe('invalid_credentials');
  });

  it('throttles a guesser at one account after five failures, even with the right password, but not the owner elsewhere', async () => {
    const proxied = await createTestApp({ TRUST_PROXY: 'true' });
    try {
      const own = await buildTenant(proxied);
      const user = await buildUser(proxied, own, ['viewer']);
      const guesser = new TestClient(proxied, own.host, { 'x-forwarded-for': '203.0.113.20' });
      for (let i = 0; i < 5; i++) {
        expect(
          (await guesser.post('/api/auth/login', { email: user.email, password: `wrong-${i}-aaaa` })).status,
        ).toBe(401);
      }
      const blocked = await guesser.post('/api/auth/login', { email: user.email, password: testPassword });
      expect(blocked.status).toBe(429);
      expect(blocked.headers.get('retry-after')).toBeTruthy();
      expect((await blocked.json()).error.code).toBe('rate_limited');
      // The owner, elsewhere, is not locked out by the guesser.
      const owner = new TestClient(proxied, own.host, { 'x-forwarded-for': '198.51.100.20' });
      expect(
        (await owner.post('/api/auth/login', { email: user.email, password: testPassword })).status,
      ).toBe(200);
      // The failures and the throttling are in the audit log.
      const events = await new TenantScope(proxied.database.db, own.id, systemCaller()).select(
        timelineEvents,
        {
          where: eq(timelineEvents.subjectId, user.id),
        },
      );
      const verbs = events.map((e) => e.verb);
      expect(verbs.filter((v) => v === 'user.login_failed')).toHaveLength(5);
      expect(verbs).toContain('user.login_throttled');
      expect(verbs).toContain('user.logged_in');
    } finally {
      await proxied.close();
    }
  });

  it('holds back guessing from many addresses, but never the browser the owner logged in from', async () => {
    const proxied = await createTestApp({ TRUST_PROXY: 'true' });
    try {
      const own = await buildTenant(proxied);
      const user = await buildUser(proxied, own, ['viewer']);
      const laptop = new TestClient(proxied, own.host, { 'x-forwarded-for': '198.51.100.30' });
      await laptop.login(user.email);
      expect(laptop.cookie).toContain('concord_device=');
      // A botnet fails 25 times in the owner's name, from 25 addresses.
      for (let i = 0; i < 25; i++) {
        const bot = new TestClient(proxied, own.host, { 'x-forwarded-for': `203.0.113.${100 + i}` });
        await bot.post('/api/auth/login', { email: user.email, password: `botnet-${i}-guess` });
      }
      // A new browser is held back (even with the right password)...
      const stranger = new TestClient(proxied, own.host, { 'x-forwarded-for': '192.0.2.40' });
      expect(
        (await stranger.post('/api/auth/login', { email: user.email, password: testPassword })).status,
      ).toBe(429);
      // ...the owner's laptop is not, from wherever it is now.
      const moved = new TestClient(proxied, own.host, { 'x-forwarded-for': '192.0.2.41' });
      moved.cookie = laptop.cookie;
      expect(
        (await moved.post('/api/auth/login', { email: user.email, password: testPassword })).status,
      ).toBe(200);
      // A device token of another user earns no trust.
      const other = await buildUser(proxied, own, ['viewer']);
      const borrowed = new TestClient(proxied, own.host, { 'x-forwarded-for': '192.0.2.42' });
      borrowed.cookie = laptop.cookie;
      for (let i = 0; i < 25; i++) {
        const bot = new TestClient(proxied, own.host, { 'x-forwarded-for': `203.0.113.${150 + i}` });
        await bot.post('/api/auth/login', { email: other.email, password: `botnet-${i}-guess` });
      }
      expect(
        (await borrowed.post('/api/auth/login', { email: other.email, password: testPassword })).status,
      ).toBe(429);
    } finally {
      await proxied.close();
    }
  });

  it('counts parallel guesses too: a burst gets no more than five tries', async () => {
    // A college of its own: every test client shares one address, which has its own limit.
    const own = await buildTenant(t);
    const user = await buildUser(t, own, ['viewer']);
    const client = new TestClient(t, own.host);
    const burst = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        client.post('/api/auth/login', { email: user.email, password: `burst-${i}-aaaa` }),
      ),
    );
    const statuses = burst.map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(7);
  });

  it('throttles guessing many accounts from one address, except for browsers their owners used before', async () => {
    const proxied = await createTestApp({ TRUST_PROXY: 'true' });
    try {
      const c2 = await buildTenant(proxied);
      const victim = await buildUser(proxied, c2, ['viewer']);
      // The victim has logged in from this browser before (behind the same campus NAT).
      const own = new TestClient(proxied, c2.host, { 'x-forwarded-for': '203.0.113.9' });
      await own.login(victim.email);
      const attacker = new TestClient(proxied, c2.host, { 'x-forwarded-for': '203.0.113.9' });
      for (let i = 0; i < 100; i++) {
        await attacker.post('/api/auth/login', {
          email: `guess${i}@example.test`,
          password: 'wrong-password-1',
        });
      }
      const res = await attacker.post(
        '/api/auth/login',
        { email: victim.email, password: testPassword },
        { 'x-forwarded-for': '10.9.9.9, 203.0.113.9' },
      );
      expect(res.status).toBe(429);
      expect(
        (await own.post('/api/auth/login', { email: victim.email, password: testPassword })).status,
      ).toBe(200);
      const other = new TestClient(proxied, c2.host, { 'x-forwarded-for': '198.51.100.7' });
      expect(
        (await other.post('/api/auth/login', { email: victim.email, password: testPassword })).status,
      ).toBe(200);
    } finally {
      await proxied.close();
    }
  });

  it('lists one’s own sessions and logs out one browser or every other one, never another user’s', async () => {
    const user = await buildUser(t, college, ['viewer']);
    const laptop = await new TestClient(t, college.host, {
      'user-agent': 'Mozilla/5.0 (Windows NT 10.0) Chrome/130.0',
    }).login(user.email);
    const phone = await new TestClient(t, college.host, {
      'user-agent': 'Mozilla/5.0 (iPhone) Safari/604.1',
    }).login(user.email);
    const tablet = await new TestClient(t, college.host).login(user.email);
    const list = (await (await laptop.get('/api/auth/sessions')).json()).items;
    expect(list).toHaveLength(3);
    expect(list.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    expect(JSON.stringify(list)).not.toContain(laptop.cookie.match(/concord_session=([^;]+)/)![1]);
    const phoneSession = list.find((s: { userAgent: string }) => s.userAgent?.includes('iPhone'));
    // Another user cannot end it.
    const stranger = (await clientAs(t, college, ['college_admin'])).client;
    expect((await stranger.request('DELETE', `/api/auth/sessions/${phoneSession.id}`)).status).toBe(404);
    expect((await phone.get('/api/auth/me')).status).toBe(200);
    expect((await laptop.request('DELETE', `/api/auth/sessions/${phoneSession.id}`)).status).toBe(204);
    expect((await phone.get('/api/auth/me')).status).toBe(401);
    expect((await laptop.request('DELETE', '/api/auth/sessions/not-a-session')).status).toBe(404);
    const ended = await (await laptop.post('/api/auth/sessions/end-others')).json();
    expect(ended).toEqual({ ended: 1 });
    expect((await tablet.get('/api/auth/me')).status).toBe(401);
    expect((await laptop.get('/api/auth/me')).status).toBe(200);
    expect((await (await laptop.get('/api/auth/sessions')).json()).items).toHaveLength(1);
  });

  it('logs out: the session ends and the cookie is cleared', async () => {
    const { client } = await clientAs(t, college, ['viewer']);
    const stolen = client.cookie;
    const res = await client.post('/api/auth/logout');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ redirectTo: null });
    expect(res.headers.get('set-cookie')).toMatch(/concord_session=;/);
    const replay = new TestClient(t, college.host);
    replay.cookie = stolen;
    expect((await replay.get('/api/auth/me')).status).toBe(401);
  });

  it('expires a session that has been idle too long', async () => {
    const { user, client } = await clientAs(t, college, ['viewer']);
    await t.database.db
      .update(sessions)
      .set({ lastSeenAt: sql`now() - interval '25 hours'` })
      .where(eq(sessions.userId, user.id));
    expect((await client.get('/api/auth/me')).status).toBe(401);
  });

  it('expires a session past its lifetime', async () => {
    const { user, client } = await clientAs(t, college, ['viewer']);
    await t.database.db
      .update(sessions)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(sessions.userId, user.id));
    expect((await client.get('/api/auth/me')).status).toBe(401);
  });

  it('ends every other session when a user changes their password', async () => {
    const user = await buildUser(t, college, ['editor']);
    const laptop = await new TestClient(t, college.host).login(user.email);
    const phone = await new TestClient(t, college.host).login(user.email);
    const weak = await laptop.post('/api/auth/password', {
      currentPassword: testPassword,
      newPassword: 'short',
    });
    expect(weak.status).toBe(400);
    expect((await weak.json()).error.details[0]).toMatchObject({
      path: 'newPassword',
      code: 'password_weak',
    });
    const common = await laptop.post(
      '/api/auth/password',
      { currentPassword: testPassword, newPassword: 'password2026' },
      { 'accept-language': 'zh-CN' },
    );
    expect(common.status).toBe(400);
    const issue = (await common.json()).error.details[0];
    expect(issue).toMatchObject({ path: 'newPassword', code: 'password_common' });
    expect(issue.message).toContain('过于常见');
    const wrong = await laptop.post('/api/auth/password', {
      currentPassword: 'not-mine-123',
      newPassword: 'brand-new-pass-42',
    });
    expect((await wrong.json()).error.details[0]).toMatchObject({
      path: 'currentPassword',
      code: 'password_wrong',
    });
    const ok = await laptop.post('/api/auth/password', {
      currentPassword: testPassword,
      newPassword: 'brand-new-pass-42',
    });
    expect(ok.status).toBe(204);
    expect((await laptop.get('/api/auth/me')).status).toBe(200);
    expect((await phone.get('/api/auth/me')).status).toBe(401);
    await new TestClient(t, college.host).login(user.email, 'brand-new-pass-42');
  });

  it('lets users set their own admin language', async () => {
    const { client } = await clientAs(t, college, ['viewer']);
    const res = await client.patch('/api/auth/me', { locale: 'en' });
    expect(res.status).toBe(200);
    expect((await (await client.get('/api/auth/me')).json()).user.locale).toBe('en');
  });
});

describe('user management', () => {
  it('creates a user, lists, searches, sorts and pages', async () => {
    const own = await buildTenant(t);
    const { client } = await clientAs(t, own, ['college_admin']);
    for (const name of ['Anna', 'Bo', 'Cai']) {
      const res = await client.post('/api/users', {
        email: `${name.toLowerCase()}@own.test`,
        name,
        password: 'initial-pass-1',
        roles: ['viewer'],
      });
      expect(res.status).toBe(201);
    }
    const page1 = await (await client.get('/api/users?sort=name&pageSize=2&page=1')).json();
    expect(page1.total).toBe(4);
    expect(page1.items.map((u: { name: string }) => u.name)).toEqual(['Anna', 'Bo']);
    const page2 = await (await client.get('/api/users?sort=name&pageSize=2&page=2')).json();
    expect(page2.items.map((u: { name: string }) => u.name)).toEqual(['Cai', expect.any(String)]);
    const desc = await (await client.get('/api/users?sort=-email&pageSize=1')).json();
    expect(desc.items[0].email).not.toBe('anna@own.test');
    const search = await (await client.get('/api/users?q=CAI')).json();
    expect(search.items.map((u: { email: string }) => u.email)).toEqual(['cai@own.test']);
    const byRole = await (await client.get('/api/users?role=college_admin')).json();
    expect(byRole.total).toBe(1);
    const badSort = await client.get('/api/users?sort=passwordHash');
    expect(badSort.status).toBe(400);
    expect((await badSort.json()).error.details[0].path).toBe('sort');
  });

  it('explains invalid input field by field, in the caller’s language', async () => {
    const { client } = await clientAs(t, college, ['college_admin']);
    const res = await client.post(
      '/api/users',
      { email: 'not-an-email', name: '', password: 'abc', roles: ['wizard'] },
      { 'accept-language': 'en' },
    );
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.code).toBe('validation_failed');
    const byPath = Object.fromEntries(
      error.details.map((d: { path: string; code: string }) => [d.path, d.code]),
    );
    expect(byPath).toMatchObject({
      email: 'invalid_email',
      name: 'required',
      password: 'password_weak',
      'roles.0': 'invalid_value',
    });
    const zh = await client.post('/api/users', { email: 'x' }, { 'accept-language': 'zh-CN' });
    expect((await zh.json()).error.details.find((d: { path: string }) => d.path === 'email').message).toBe(
      '请输入有效的邮箱地址。',
    );
    const notJson = await client.request('POST', '/api/users', undefined, {
      'content-type': 'application/json',
    });
    expect(notJson.status).toBe(400);
  });

  it('refuses a second account with the same email', async () => {
    const { client } = await clientAs(t, college, ['college_admin']);
    const body = {
      email: 'twice@example.test',
      name: 'Twice',
      password: 'initial-pass-1',
      roles: ['viewer'],
    };
    expect((await client.post('/api/users', body)).status).toBe(201);
    const again = await client.post('/api/users', { ...body, email: 'TWICE@example.test' });
    expect(again.status).toBe(409);
    expect((await again.json()).error).toMatchObject({
      code: 'already_exists',
      details: [{ path: 'email' }],
    });
  });

  it('edits roles with optimistic concurrency: a stale version gets 409 conflict', async () => {
    const { client } = await clientAs(t, college, ['college_admin']);
    const target = await buildUser(t, college, ['viewer']);
    const first = await client.patch(`/api/users/${target.id}`, {
      version: 1,
      roles: ['editor', 'reviewer'],
    });
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ roles: ['editor', 'reviewer'], version: 2 });
    const stale = await client.patch(`/api/users/${target.id}`, { version: 1, name: 'Overwritten' });
    expect(stale.status).toBe(409);
    expect((await stale.json()).error).toMatchObject({ code: 'conflict', details: { currentVersion: 2 } });
    expect((await (await client.get(`/api/users/${target.id}`)).json()).name).toBe(target.name);
  });

  it('deactivates a user, which ends their sessions and blocks login', async () => {
    const { client: admin } = await clientAs(t, college, ['college_admin']);
    const { user, client } = await clientAs(t, college, ['editor']);
    const res = await admin.patch(`/api/users/${user.id}`, { version: user.version, status: 'deactivated' });
    expect(res.status).toBe(200);
    expect((await client.get('/api/auth/me')).status).toBe(401);
    const again = await new TestClient(t, college.host).post('/api/auth/login', {
      email: user.email,
      password: testPassword,
    });
    expect(again.status).toBe(403);
    expect((await again.json()).error.code).toBe('account_disabled');
  });

  it('never leaves a college without an active administrator, and admins cannot deactivate themselves', async () => {
    const own = await buildTenant(t);
    const { user: admin, client } = await clientAs(t, own, ['college_admin']);
    const self = await client.patch(`/api/users/${admin.id}`, {
      version: admin.version,
      status: 'deactivated',
    });
    expect((await self.json()).error.details[0].code).toBe('self_deactivate');
    const demote = await client.patch(`/api/users/${admin.id}`, {
      version: admin.version,
      roles: ['viewer'],
    });
    expect(demote.status).toBe(400);
    expect((await demote.json()).error.details[0]).toMatchObject({ path: 'roles', code: 'last_admin' });
  });

  it('resets a password: the old one stops working and sessions end', async () => {
    const { client: admin } = await clientAs(t, college, ['college_admin']);
    const { user, client } = await clientAs(t, college, ['viewer']);
    const res = await admin.post(`/api/users/${user.id}/password`, { password: 'reset-by-admin-9' });
    expect(res.status).toBe(200);
    expect((await client.get('/api/auth/me')).status).toBe(401);
    expect(
      (
        await new TestClient(t, college.host).post('/api/auth/login', {
          email: user.email,
          password: testPassword,
        })
      ).status,
    ).toBe(401);
    await new TestClient(t, college.host).login(user.email, 'reset-by-admin-9');
  });

  it('lets only administrators manage users', async () => {
    const target = await buildUser(t, college, ['viewer']);
    for (const role of [
      'cooperation_officer',
      'department_liaison',
      'editor',
      'reviewer',
      'viewer',
    ] as const) {
      const { client } = await clientAs(t, college, [role]);
      expect((await client.get('/api/users')).status, role).toBe(403);
      expect(
        (await client.patch(`/api/users/${target.id}`, { version: 1, roles: ['college_admin'] })).status,
        role,
      ).toBe(403);
    }
    for (const role of ['college_admin', 'platform_admin'] as const) {
      const { client } = await clientAs(t, college, [role]);
      expect((await client.get('/api/users')).status, role).toBe(200);
    }
    expect((await new TestClient(t, college.host).get('/api/users')).status).toBe(401);
  });

  it('lets only platform administrators grant, remove or manage the platform administrator role', async () => {
    const { client: collegeAdmin } = await clientAs(t, college, ['college_admin']);
    const grant = await collegeAdmin.post('/api/users', {
      email: 'climber@example.test',
      name: 'Climber',
      password: 'initial-pass-1',
      roles: ['platform_admin'],
    });
    expect(grant.status).toBe(403);
    const target = await buildUser(t, college, ['viewer']);
    expect(
      (await collegeAdmin.patch(`/api/users/${target.id}`, { version: 1, roles: ['platform_admin'] })).status,
    ).toBe(403);
    const platform = await buildUser(t, college, ['platform_admin']);
    expect(
      (await collegeAdmin.patch(`/api/users/${platform.id}`, { version: 1, status: 'deactivated' })).status,
    ).toBe(403);
    expect(
      (await collegeAdmin.post(`/api/users/${platform.id}/password`, { password: 'taken-over-123' })).status,
    ).toBe(403);
    const { client: platformAdmin } = await clientAs(t, college, ['platform_admin']);
    const ok = await platformAdmin.patch(`/api/users/${target.id}`, {
      version: 1,
      roles: ['platform_admin'],
    });
    expect(ok.status).toBe(200);
  });

  it('answers 404 for an unknown or malformed id', async () => {
    const { client } = await clientAs(t, college, ['college_admin']);
    expect((await client.get('/api/users/00000000-0000-7000-8000-000000000000')).status).toBe(404);
    expect((await client.get('/api/users/not-a-uuid')).status).toBe(404);
  });

  it('stores only a salted scrypt hash of each password', async () => {
    const a = await buildUser(t, college, ['viewer']);
    const b = await buildUser(t, college, ['viewer']);
    const rows = await t.database.db
      .select({ id: users.id, hash: users.passwordHash })
      .from(users)
      .where(sql`${users.id} in (${a.id}, ${b.id})`);
    expect(rows).toHaveLength(2);
    for (const r of rows) expect(r.hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(rows[0]?.hash).not.toBe(rows[1]?.hash);
  });
});

describe('user directory', () => {
  it('lets record readers see colleagues by name only, within their college', async () => {
    const owner = await buildUser(t, college, ['cooperation_officer']);
    const { client: viewer } = await clientAs(t, college, ['viewer']);
    const list = await viewer.get(`/api/users/directory?q=${encodeURIComponent(owner.name)}`);
    expect(list.status).toBe(200);
    const body = (await list.json()) as { items: Record<string, unknown>[]; total: number };
    expect(body.items.find((u) => u.id === owner.id)).toEqual({ id: owner.id, name: owner.name });
    expect(Object.keys(body.items[0]!)).toEqual(['id', 'name']);
    const one = await viewer.get(`/api/users/directory/${owner.id}`);
    expect(await one.json()).toEqual({ id: owner.id, name: owner.name });
    // The full user record stays with user managers.
    expect((await viewer.get(`/api/users/${owner.id}`)).status).toBe(403);
    const other = await buildTenant(t);
    const { client: stranger } = await clientAs(t, other, ['viewer']);
    expect((await stranger.get(`/api/users/directory/${owner.id}`)).status).toBe(404);
    expect((await new TestClient(t, college.host).get('/api/users/directory')).status).toBe(401);
  });
});

describe('common passwords', () => {
  it('refuses the passwords guessed first, and keeps ordinary long ones', () => {
    for (const guessed of [
      'password2026',
      'P@ssw0rd2026',
      'qwerty123456',
      '1qaz2wsx3edc',
      'abc1234567',
      'aaaa1111aaaa',
      'woaini131452',
      'admin123456!',
      '0987654321a',
    ]) {
      expect(isCommonPassword(guessed), guessed).toBe(true);
    }
    for (const fine of [
      'harbour-crane-2031',
      'concord-demo-2026',
      'test-password-2026',
      '江苏海港2031年码头',
    ]) {
      expect(isCommonPassword(fine), fine).toBe(false);
    }
  });
});
