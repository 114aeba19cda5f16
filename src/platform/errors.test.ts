import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTenant, createTestApp, type TestApp, TestClient } from '../../test/test-app.ts';

let t: TestApp;
let client: TestClient;
beforeAll(async () => {
  t = await createTestApp();
  const college = await buildTenant(t);
  client = new TestClient(t, college.host);
  t.app.get('/en/explode', () => {
    throw new Error('database password is hunter2');
  });
});
afterAll(() => t.close());

describe('errors', () => {
  it('answers unknown API paths with the JSON error shape', async () => {
    const res = await client.get('/api/nothing-here', { 'accept-language': 'en' });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: {
        code: 'not_found',
        message: 'The page or record you asked for does not exist.',
        details: null,
      },
    });
  });

  it('shows a real 404 page in the language of the URL', async () => {
    const zh = await client.get('/zh/no-such-page');
    expect(zh.status).toBe(404);
    expect(zh.headers.get('content-type')).toMatch(/text\/html/);
    const zhHtml = await zh.text();
    expect(zhHtml).toContain('<html lang="zh-CN"');
    expect(zhHtml).toContain('页面不存在');
    const en = await (await client.get('/en/no-such-page')).text();
    expect(en).toContain('Page not found');
    expect(en).toContain('href="/en/"');
  });

  it('turns an unexpected failure into a 500 page that reveals nothing', async () => {
    const res = await client.get('/en/explode');
    expect(res.status).toBe(500);
    const html = await res.text();
    expect(html).toContain('Something went wrong');
    expect(html).toContain(res.headers.get('x-request-id') ?? 'missing');
    expect(html).not.toContain('hunter2');
    expect(html).not.toMatch(/at .*\.ts:\d+/);
  });

  it('explains a refused page request with its real status', async () => {
    const res = await client.get('/admin/assets/');
    expect(res.status).toBe(404);
    const big = await client.request('POST', '/api/auth/login', undefined, {
      'content-type': 'application/json',
      'content-length': '5000000',
    });
    expect([400, 413]).toContain(big.status);
  });

  it('answers liveness and readiness', async () => {
    expect(await (await client.get('/healthz')).json()).toEqual({ status: 'ok' });
    expect(await (await client.get('/readyz')).json()).toEqual({ status: 'ready', database: true });
  });
});
