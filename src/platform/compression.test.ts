import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTenant, clientAs, createTestApp, type TestApp, TestClient } from '../../test/test-app.ts';
import { createAdminStatic } from '../site/admin-static.ts';
import { chooseEncoding, compressible } from './compression.ts';

let t: TestApp;
let tenant: Awaited<ReturnType<typeof buildTenant>>;
let desk: TestClient;
beforeAll(async () => {
  t = await createTestApp();
  tenant = await buildTenant(t);
  desk = (await clientAs(t, tenant, ['college_admin'])).client;
});
afterAll(() => t.close());

const decode = async (res: Response) => {
  const bytes = Buffer.from(await res.arrayBuffer());
  const encoding = res.headers.get('content-encoding');
  if (encoding === 'br') return brotliDecompressSync(bytes).toString('utf8');
  if (encoding === 'gzip') return gunzipSync(bytes).toString('utf8');
  return bytes.toString('utf8');
};

describe('compression', () => {
  it('negotiates brotli before gzip, honours q=0, and compresses text only', () => {
    expect(chooseEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(chooseEncoding('gzip')).toBe('gzip');
    expect(chooseEncoding('br;q=0, gzip;q=0.8')).toBe('gzip');
    expect(chooseEncoding('gzip;q=0.5, br;q=0.9')).toBe('br');
    expect(chooseEncoding('*')).toBe('br');
    expect(chooseEncoding('identity')).toBeNull();
    expect(chooseEncoding(undefined)).toBeNull();
    expect(compressible('text/html; charset=utf-8')).toBe(true);
    expect(compressible('application/json')).toBe(true);
    expect(compressible('application/rss+xml; charset=utf-8')).toBe(true);
    expect(compressible('image/webp')).toBe(false);
    expect(compressible('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')).toBe(false);
  });

  it('sends API answers in the encoding the client accepts, the same JSON once decoded', async () => {
    const plain = await desk.get('/api/openapi.json');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.headers.get('vary')).toMatch(/Accept-Encoding/);
    const text = await plain.text();
    for (const encoding of ['br', 'gzip']) {
      const res = await desk.get('/api/openapi.json', { 'accept-encoding': encoding });
      expect(res.headers.get('content-encoding')).toBe(encoding);
      expect(res.headers.get('content-length')).toBeNull();
      const body = await decode(res);
      expect(body).toBe(text);
      expect(Buffer.byteLength(body) / 5).toBeGreaterThan(0);
    }
    // A tiny answer goes as it is.
    const small = await new TestClient(t, tenant.host).get('/readyz', { 'accept-encoding': 'br' });
    expect(small.headers.get('content-encoding')).toBeNull();
  });

  it('streams a CSV export compressed', async () => {
    await desk.post('/api/organizations', { kind: 'enterprise', nameZh: '科思创聚合物（中国）有限公司' });
    for (let i = 1; i <= 30; i++)
      await desk.post('/api/organizations', { kind: 'enterprise', nameZh: `上海化学工业区合作企业${i}号` });
    const res = await desk.get('/api/reports/exports/partners?format=csv', { 'accept-encoding': 'gzip' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(await decode(res)).toContain('科思创聚合物（中国）有限公司');
  });

  it('keeps a compressed copy of a cached public page, with its own ETag that revalidates', async () => {
    const visitor = new TestClient(t, tenant.host);
    const first = await visitor.get('/zh/', { 'accept-encoding': 'br' });
    expect(first.status).toBe(200);
    const html = await decode(first);
    expect(html).toContain('<html');
    // From the cache now: the brotli copy, made once.
    const cached = await visitor.get('/zh/', { 'accept-encoding': 'br' });
    expect(cached.headers.get('content-encoding')).toBe('br');
    const etag = cached.headers.get('etag')!;
    expect(etag).toMatch(/-br"$/);
    expect(await decode(cached)).toBe(html);
    const gzip = await visitor.get('/zh/', { 'accept-encoding': 'gzip' });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    expect(await decode(gzip)).toBe(html);
    const plain = await visitor.get('/zh/');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.headers.get('vary')).toMatch(/Accept-Encoding/);
    expect(await plain.text()).toBe(html);
    const again = await visitor.get('/zh/', { 'accept-encoding': 'br', 'if-none-match': etag });
    expect(again.status).toBe(304);
  });

  it('serves the admin assets the build compressed, as they are', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'concord-dist-'));
    try {
      mkdirSync(join(dist, 'assets'));
      const js = `export const words = ${JSON.stringify('合作'.repeat(2000))};`;
      writeFileSync(join(dist, 'assets/app-1234.js'), js);
      writeFileSync(join(dist, 'assets/app-1234.js.br'), brotliCompressSync(js));
      const admin = createAdminStatic(dist);
      const br = await admin.request('/admin/assets/app-1234.js', { headers: { 'accept-encoding': 'br' } });
      expect(br.headers.get('content-encoding')).toBe('br');
      expect(br.headers.get('vary')).toBe('Accept-Encoding');
      expect(await decode(br)).toBe(js);
      // No gzip copy was written: the plain file.
      const gzip = await admin.request('/admin/assets/app-1234.js', {
        headers: { 'accept-encoding': 'gzip' },
      });
      expect(gzip.headers.get('content-encoding')).toBeNull();
      expect(await gzip.text()).toBe(js);
    } finally {
      rmSync(dist, { recursive: true, force: true });
    }
  });
});
