import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTenant, clientAs, createTestApp, type TestApp, TestClient } from '../../../test/test-app.ts';
import { timelineEvents } from '../audit/audit.table.ts';

let t: TestApp;
let dataDir: string;
let college: Awaited<ReturnType<typeof buildTenant>>;
let other: Awaited<ReturnType<typeof buildTenant>>;
let admin: TestClient;
let editor: TestClient;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'concord-settings-'));
  t = await createTestApp({ DATA_DIR: dataDir });
  college = await buildTenant(t);
  other = await buildTenant(t);
  admin = (await clientAs(t, college, ['college_admin'])).client;
  editor = (await clientAs(t, college, ['editor'])).client;
});
afterAll(async () => {
  await t.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** Uploads a square picture to a college's media library as a browser form would; returns its id. */
async function uploadImage(client: TestClient, width: number, height: number): Promise<string> {
  const bytes = await sharp({
    create: { width, height, channels: 3, background: { r: 11, g: (width * 7) % 256, b: 79 } },
  })
    .png()
    .toBuffer();
  const form = new FormData();
  form.set('file', new File([new Uint8Array(bytes)], 'logo.png', { type: 'image/png' }));
  const res = await t.app.request('/api/media/files', {
    method: 'POST',
    body: form,
    headers: { host: client.host, origin: `http://${client.host}`, cookie: client.cookie },
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

describe('college settings', () => {
  it('starts from defaults, saves with a version, refuses stale and invalid changes in both languages', async () => {
    const first = await (await admin.get('/api/settings')).json();
    expect(first).toMatchObject({ version: 0, logo: null, icon: null, iconUrls: [], footerZh: '', icp: '' });

    const saved = await admin.request('PATCH', '/api/settings', {
      addressZh: '上海市金山区某路 1 号',
      addressEn: '1 Some Road, Jinshan District, Shanghai',
      phone: '021-5723 0000',
      email: 'Office@College.Example.cn',
      footerZh: '产教融合新闻网\n学校办公室主办',
      footerEn: 'Industry–education news\nRun by the college office',
      icp: '沪ICP备00000000号-1',
    });
    expect(saved.status).toBe(200);
    const one = await saved.json();
    expect(one).toMatchObject({ version: 1, email: 'office@college.example.cn', phone: '021-5723 0000' });

    // Once saved, a change names the version it read.
    const stale = await admin.request('PATCH', '/api/settings', { version: 7, phone: '021-0000 0000' });
    expect(stale.status).toBe(409);
    const missing = await admin.request('PATCH', '/api/settings', { phone: '021-0000 0000' });
    expect(missing.status).toBe(400);
    for (const [language, message] of [
      ['zh-CN', '请输入有效的邮箱地址。'],
      ['en', 'Enter a valid email address.'],
    ] as const) {
      const bad = await admin.request(
        'PATCH',
        '/api/settings',
        { version: 1, email: 'not an address', phone: 'call me' },
        { 'accept-language': language },
      );
      expect(bad.status).toBe(400);
      const details = (await bad.json()).error.details;
      expect(details.map((d: { path: string }) => d.path).sort()).toEqual(['email', 'phone']);
      expect(details.find((d: { path: string }) => d.path === 'email').message).toBe(message);
    }
    const elsewhere = (await clientAs(t, other, ['college_admin'])).client;
    const image = await uploadImage(elsewhere, 64, 64);
    const foreign = await admin.request('PATCH', '/api/settings', { version: 1, logoMediaId: image });
    expect((await foreign.json()).error.details[0]).toMatchObject({
      path: 'logoMediaId',
      code: 'unknown_reference',
    });
    // Only the college administrator changes them; every staff member reads them.
    expect((await editor.request('PATCH', '/api/settings', { version: 1, icp: 'x' })).status).toBe(403);
    expect((await editor.get('/api/settings')).status).toBe(200);
    expect(await (await elsewhere.get('/api/settings')).json()).toMatchObject({ version: 0 });
  });

  it('shows the names, logo, contact details, footer and filing number on every public page, in its language', async () => {
    const visitor = new TestClient(t, college.host);
    const before = await (await visitor.get('/en/')).text();
    expect(before).toContain('href="/favicon.svg"');
    const logo = await uploadImage(admin, 600, 200);
    const current = await (await admin.get('/api/settings')).json();
    const res = await admin.request('PATCH', '/api/settings', {
      version: current.version,
      nameZh: '上海示范职业技术学院',
      nameEn: 'Shanghai Model Polytechnic',
      logoMediaId: logo,
      footerEn: 'Run by the college office',
      addressZh: '金山区学府路 1 号',
      addressEn: '',
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      nameEn: 'Shanghai Model Polytechnic',
      logo: { id: logo, width: 320 },
    });

    const en = await (await visitor.get('/en/')).text();
    expect(en).toContain('Shanghai Model Polytechnic');
    expect(en).toMatch(new RegExp(`<img class="brand-logo" src="/media/${logo}/320\\.webp"`));
    expect(en).toContain('Run by the college office');
    // No English address: the Chinese one rather than none.
    expect(en).toContain('金山区学府路 1 号');
    expect(en).toContain('<a href="mailto:office@college.example.cn">');
    expect(en).toContain('<a href="https://beian.miit.gov.cn/" rel="noopener">沪ICP备00000000号-1</a>');
    const zh = await (await visitor.get('/zh/')).text();
    expect(zh).toContain('上海示范职业技术学院');
    expect(zh).toContain('<p>产教融合新闻网</p><p>学校办公室主办</p>');

    const events = await t.database.db
      .select()
      .from(timelineEvents)
      .where(and(eq(timelineEvents.tenantId, college.id), eq(timelineEvents.verb, 'college.updated')));
    expect(events.at(-1)?.diff).toMatchObject({ nameEn: { to: 'Shanghai Model Polytechnic' } });
  });

  it('renders a chosen icon as the favicon and home-screen icons, and goes back to the built-in one', async () => {
    const visitor = new TestClient(t, college.host);
    const builtIn = await visitor.get('/favicon.ico');
    const builtInBytes = Buffer.from(await builtIn.arrayBuffer());
    const icon = await uploadImage(admin, 300, 200);
    const current = await (await admin.get('/api/settings')).json();
    const saved = await (
      await admin.request('PATCH', '/api/settings', { version: current.version, iconMediaId: icon })
    ).json();
    expect(saved.iconUrls).toEqual([
      '/favicon.ico',
      '/apple-touch-icon.png',
      '/icon-192.png',
      '/icon-512.png',
    ]);

    const ico = await visitor.get('/favicon.ico');
    expect(ico.headers.get('content-type')).toBe('image/x-icon');
    const bytes = Buffer.from(await ico.arrayBuffer());
    // An icon directory of one 32 × 32 image whose data is a PNG, at the offset the entry names.
    expect([bytes.readUInt16LE(2), bytes.readUInt16LE(4), bytes[6], bytes[7]]).toEqual([1, 1, 32, 32]);
    const offset = bytes.readUInt32LE(18);
    expect(bytes.readUInt32LE(14)).toBe(bytes.length - offset);
    const inner = await sharp(bytes.subarray(offset)).metadata();
    expect(inner).toMatchObject({ format: 'png', width: 32, height: 32 });
    for (const [path, size] of [
      ['/apple-touch-icon.png', 180],
      ['/icon-192.png', 192],
      ['/icon-512.png', 512],
    ] as const) {
      const png = await visitor.get(path);
      expect(png.headers.get('content-type')).toBe('image/png');
      expect(await sharp(Buffer.from(await png.arrayBuffer())).metadata()).toMatchObject({
        format: 'png',
        width: size,
        height: size,
        hasAlpha: true,
      });
    }
    const page = await (await visitor.get('/zh/')).text();
    expect(page).toContain('<link rel="apple-touch-icon" href="/apple-touch-icon.png"/>');
    // Another college keeps the built-in icon.
    const theirs = new TestClient(t, other.host);
    expect(Buffer.from(await (await theirs.get('/favicon.ico')).arrayBuffer())).toEqual(builtInBytes);
    expect((await theirs.get('/apple-touch-icon.png')).status).toBe(404);

    await admin.request('PATCH', '/api/settings', { version: saved.version, iconMediaId: null });
    expect(Buffer.from(await (await visitor.get('/favicon.ico')).arrayBuffer())).toEqual(builtInBytes);
  });
});
