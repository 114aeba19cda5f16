import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTenant, clientAs, createTestApp, type TestApp, TestClient } from '../../test/test-app.ts';

let t: TestApp;
let college: Awaited<ReturnType<typeof buildTenant>>;
beforeAll(async () => {
  t = await createTestApp();
  college = await buildTenant(t);
});
afterAll(() => t.close());

describe('CSRF protection', () => {
  it('refuses a cross-site form post even with a valid session cookie', async () => {
    const { client } = await clientAs(t, college, ['college_admin']);
    const res = await t.app.request('/api/users', {
      method: 'POST',
      headers: {
        host: college.host,
        cookie: client.cookie,
        origin: 'https://evil.example',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'email=x@evil.example',
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('csrf_failed');
  });

  it('refuses requests a browser marks as cross-site, whatever their type', async () => {
    const { client } = await clientAs(t, college, ['college_admin']);
    for (const site of ['cross-site', 'same-site']) {
      const res = await client.post('/api/auth/logout', {}, { 'sec-fetch-site': site });
      expect(res.status, site).toBe(403);
    }
    expect((await client.get('/api/auth/me')).status).toBe(200);
  });

  it('refuses an opaque origin and a form post without any origin', async () => {
    const null1 = await new TestClient(t, college.host).post(
      '/api/auth/login',
      { email: 'a@b.c', password: 'x' },
      { origin: 'null' },
    );
    expect(null1.status).toBe(403);
    const form = await t.app.request('/api/auth/login', {
      method: 'POST',
      headers: { host: college.host, 'content-type': 'text/plain' },
      body: '{"email":"a@b.c","password":"x"}',
    });
    expect(form.status).toBe(403);
  });

  it('accepts same-origin browser requests', async () => {
    const { client } = await clientAs(t, college, ['viewer']);
    const res = await client.patch(
      '/api/auth/me',
      { locale: 'en' },
      { origin: `http://${college.host}`, 'sec-fetch-site': 'same-origin' },
    );
    expect(res.status).toBe(200);
  });
});

describe('security headers', () => {
  it('sends a strict Content-Security-Policy on public pages and API answers', async () => {
    const client = new TestClient(t, college.host);
    for (const path of ['/zh/', '/api/auth/me']) {
      const res = await client.get(path);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      expect(res.headers.get('x-request-id')).toBeTruthy();
    }
  });

  it('forbids framing the admin and running inline scripts there', async () => {
    const res = await new TestClient(t, college.host).get('/admin/');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('limits the size of API request bodies', async () => {
    const res = await new TestClient(t, college.host).post('/api/auth/login', {
      email: 'a@b.c',
      password: 'x'.repeat(1_100_000),
    });
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('payload_too_large');
  });
});

describe('input the database cannot store', () => {
  it('answers a NUL character in any JSON field or query value with a field error, not a 500', async () => {
    const { client } = await clientAs(t, college, ['college_admin']);
    const cases: [string, string, unknown][] = [
      ['PATCH', '/api/auth/me', { name: 'A\u0000B' }],
      ['POST', '/api/org-units', { nameZh: '学院\u0000' }],
      ['POST', '/api/majors', { code: '470201', nameZh: '专业\u0000' }],
      ['POST', '/api/facilities', { nameZh: '实训\u0000中心' }],
      ['POST', '/api/organizations', { kind: 'enterprise', nameZh: 'ok', tags: ['a\u0000'] }],
    ];
    for (const [method, path, body] of cases) {
      const res = await client.request(method, path, body, { 'accept-language': 'zh-CN' });
      expect(res.status, path).toBe(400);
      const error = (
        (await res.json()) as { error: { details: { code: string; message: string; path: string }[] } }
      ).error;
      expect(error.details[0]).toMatchObject({
        code: 'invalid_characters',
        message: '文本中含有无法保存的字符（NUL）。',
      });
    }
    const list = await client.get('/api/organizations?q=%00');
    expect(list.status).toBe(400);
  });
});

describe('forwarded headers', () => {
  it('adds HSTS only for https it can trust: not for a client claiming X-Forwarded-Proto without a trusted proxy', async () => {
    const claimed = await t.app.request('/api/auth/me', {
      headers: { host: college.host, 'x-forwarded-proto': 'https' },
    });
    expect(claimed.headers.get('strict-transport-security')).toBeNull();
  });
});
