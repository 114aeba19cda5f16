import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildNewsArchive, zipArchive } from '../../../test/news-archive.ts';
import {
  buildTenant,
  clientAs,
  createTestApp,
  type TestApp,
  type TestClient,
} from '../../../test/test-app.ts';
import { newId } from '../../db/ids.ts';
import { FileStore } from '../../platform/file-store.ts';
import { ensureNewsChannel, getArticle } from '../articles/articles.service.ts';
import { articles } from '../articles/articles.table.ts';
import { openZip, safeArchivePath } from './archive.ts';
import { importNewsArchive } from './news-import.service.ts';
import { dateFromPath, decodePage, findDate, parseNewsPage } from './news-page.ts';

let t: TestApp;
let dataDir: string;
let files: Record<string, Uint8Array>;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'concord-import-'));
  t = await createTestApp({ DATA_DIR: dataDir });
  files = await buildNewsArchive();
});
afterAll(async () => {
  await t.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('reading saved pages', () => {
  it('reads each CMS shape: title, date and where it came from, body, images, language', () => {
    const webplus = parseNewsPage(
      files['site/2024/1118/c1234a56789/page.htm']!,
      'site/2024/1118/c1234a56789/page.htm',
    );
    expect(webplus).toMatchObject({
      kind: 'article',
      shape: 'webplus',
      title: 'District Fire Rescue Detachment Visits to Plan a New Major',
      date: '2024-11-20',
      dateSource: 'page',
      language: 'en',
      images: [{ src: '/_upload/article/images/4f/2a/visit.jpg', alt: 'The two sides at the symposium' }],
    });
    expect(webplus.bodyText).toContain('six-member delegation');
    expect(webplus.bodyText).not.toContain('Current Page');

    const vsb = parseNewsPage(files['site/info/1021/3456.htm']!, 'site/info/1021/3456.htm');
    expect(vsb).toMatchObject({
      shape: 'vsb',
      charset: 'gb2312',
      title: '区消防救援支队来校交流消防专业建设',
      date: '2023-05-12',
      dateSource: 'page',
      language: 'zh-CN',
    });
    expect(vsb.bodyText).toContain('党委书记林国栋');

    const wordpress = parseNewsPage(
      files['site/2022/03/09/huayang-order-class/index.html']!,
      'site/2022/03/09/huayang-order-class/index.html',
    );
    expect(wordpress).toMatchObject({ shape: 'wordpress', date: '2022-03-09', dateSource: 'page' });

    const generic = parseNewsPage(files['site/news-detail.aspx']!, 'site/news-detail.aspx');
    expect(generic).toMatchObject({ shape: 'readability', date: '2021-06-03', dateSource: 'text' });
    expect(generic.bodyText).toContain('automated sorting lines');
    expect(generic.bodyText).not.toContain('Section 3');

    expect(parseNewsPage(files['site/news/list.htm']!, 'site/news/list.htm').kind).toBe('list');
  });

  it('tells the charset by declaration, then UTF-8, then GB18030, and finds dates in every common way', () => {
    const gbk = new Uint8Array([0xd0, 0xa3, 0xc6, 0xf3, 0xba, 0xcf, 0xd7, 0xf7]); // 校企合作 in GBK, undeclared
    expect(decodePage(gbk)).toEqual({ text: '校企合作', charset: 'gb18030' });
    expect(decodePage(new TextEncoder().encode('校企合作')).charset).toBe('utf-8');
    expect(findDate('发布时间：2024年11月8日 浏览')).toBe('2024-11-08');
    expect(findDate('Posted on 18 November 2024 by admin')).toBe('2024-11-18');
    expect(findDate('Nov. 5, 2023')).toBe('2023-11-05');
    expect(findDate('2023-02-30')).toBeNull();
    expect(dateFromPath('/2024/1118/c1234a56789/page.htm')).toBe('2024-11-18');
    expect(dateFromPath('/info/1021/3456.htm')).toBeNull();
  });

  it('refuses archive names that climb out, and stops a zip bomb', async () => {
    expect(safeArchivePath('a/./b/../c')).toBeNull();
    expect(safeArchivePath('../../etc/passwd')).toBeNull();
    expect(safeArchivePath('/etc/passwd')).toBeNull();
    expect(safeArchivePath('site\\news\\a.htm')).toBe('site/news/a.htm');
    const bomb = zipSync({
      'zeros.htm': [new Uint8Array(40 * 1024 * 1024), { level: 9 }],
      'fine.htm': [new TextEncoder().encode('<html><body><p>ok</p></body></html>'), { level: 6 }],
    });
    const opened = await openZip(bomb, {
      fileBytes: 10 * 1024 * 1024,
      totalBytes: 1 << 30,
      ratio: 100,
      files: 100,
    });
    try {
      expect(opened.refused).toEqual([{ path: 'zeros.htm', reason: 'too_large' }]);
      expect(opened.entries.map((e) => e.path)).toEqual(['fine.htm']);
    } finally {
      await opened.close();
    }
    const notZip = await openZip(new TextEncoder().encode('just text'));
    expect(notZip.refused).toEqual([{ path: '', reason: 'not_a_zip' }]);
  });
});

describe('importing a news archive', () => {
  it('imports every article once, publishes under the original date, and reports what it left', async () => {
    const college = await buildTenant(t);
    const scope = college.scope;
    const channel = await ensureNewsChannel(scope);
    const store = new FileStore(dataDir);
    const zip = zipArchive(files);
    const options = { channelId: channel.id, language: 'auto' as const, publish: true, dryRun: false };

    const progress: number[] = [];
    const archive = await openZip(zip);
    const first = await importNewsArchive(scope, store, archive, options, {
      onProgress: (c) => void progress.push(c.processed),
    });
    await archive.close();
    expect(first).toMatchObject({ total: 8, processed: 8, created: 6, updated: 0, cancelled: false });
    expect(progress).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const outcome = (path: string) => first.report.find((r) => r.path === path);
    expect(outcome('site/news/list.htm')).toMatchObject({ outcome: 'skipped', reasons: ['list_page'] });
    expect(outcome('site/broken.htm')).toMatchObject({ outcome: 'refused', reasons: ['not_html'] });
    expect(outcome('site/setup.exe')).toMatchObject({ outcome: 'refused', reasons: ['unsupported_file'] });
    expect(outcome('site/css/site.css')).toBeUndefined();
    // The Chinese page's photo is not in the archive: imported, and the missing image reported.
    expect(outcome('site/info/1021/3456.htm')).toMatchObject({
      outcome: 'created',
      reasons: ['image_missing'],
      detail: '../../images/xf-visit.png',
    });

    const webplus = await getArticle(scope, outcome('site/2024/1118/c1234a56789/page.htm')!.articleId!);
    expect(webplus).toMatchObject({ status: 'published', locale: 'en', channelId: channel.id });
    expect(webplus.publishedAt?.slice(0, 10)).toBe('2024-11-20');
    // The image went through the media pipeline: the body points at a served derivative.
    expect(webplus.bodyHtml).toMatch(
      /<img src="\/media\/[0-9a-f-]{36}\/\d+\.webp" alt="The two sides at the symposium"/,
    );
    const vsb = await getArticle(scope, outcome('site/info/1021/3456.htm')!.articleId!);
    expect(vsb.locale).toBe('zh-CN');
    // Scripts, frames and handlers never reach the stored body.
    const hostile = await getArticle(scope, outcome('site/2020/1015/c1234a11111/page.htm')!.articleId!);
    expect(hostile.bodyHtml).not.toMatch(/script|iframe|onclick|evil/);
    expect(hostile.bodyHtml).toContain('summer internship programme');

    // Again: nothing duplicated; a changed page is updated in place.
    const changed = {
      ...files,
      'site/news-detail.aspx': new TextEncoder().encode(
        new TextDecoder().decode(files['site/news-detail.aspx']).replace('eight teachers', 'nine teachers'),
      ),
    };
    const again = await openZip(zipArchive(changed));
    const second = await importNewsArchive(scope, store, again, options);
    await again.close();
    expect(second).toMatchObject({ created: 0, updated: 1, skipped: 6 });
    const all = await scope.select(articles, { where: eq(articles.channelId, channel.id) });
    expect(all).toHaveLength(6);
    const generic = all.find((a) => a.bodyHtml.includes('Binhai'))!;
    expect(generic.bodyHtml).toContain('nine teachers');
  });

  it('writes nothing on a dry run and stops when cancelled', async () => {
    const college = await buildTenant(t);
    const scope = college.scope;
    const channel = await ensureNewsChannel(scope);
    const store = new FileStore(dataDir);
    const archive = await openZip(zipArchive(files));
    const dry = await importNewsArchive(scope, store, archive, {
      channelId: channel.id,
      language: 'auto',
      publish: false,
      dryRun: true,
    });
    expect(dry.created).toBe(6);
    expect(await scope.count(articles)).toBe(0);
    let asked = 0;
    const cut = await importNewsArchive(
      scope,
      store,
      archive,
      { channelId: channel.id, language: 'en', publish: false, dryRun: false },
      { isCancelled: () => ++asked > 2 },
    );
    await archive.close();
    expect(cut).toMatchObject({ cancelled: true, processed: 2 });
    expect(await scope.count(articles)).toBe(cut.created);
    const drafts = await scope.select(articles);
    expect(drafts.every((a) => a.status === 'draft' && a.locale === 'en')).toBe(true);
  });
});

type ApiError = { error: { details: { path: string; code: string }[] } };

describe('the import API', () => {
  it('takes an uploaded archive, runs it in the background with progress, and redirects old addresses', async () => {
    const college = await buildTenant(t);
    const channel = await ensureNewsChannel(college.scope);
    const { client: officer } = await clientAs(t, college, ['cooperation_officer']);
    const upload = (client: TestClient, body: Uint8Array, query: string) =>
      t.app.request(`/api/imports/news/files?${query}`, {
        method: 'POST',
        body: new Uint8Array(body),
        headers: {
          host: client.host,
          origin: `http://${client.host}`,
          'content-type': 'application/zip',
          cookie: client.cookie,
        },
      });
    const query = `name=old-site.zip&channelId=${channel.id}&publish=true`;

    const { client: editor } = await clientAs(t, college, ['editor']);
    expect((await upload(editor, zipArchive(files), query)).status).toBe(403);
    const notZip = await upload(officer, new TextEncoder().encode('<html></html>'), query);
    expect(notZip.status).toBe(400);
    expect(((await notZip.json()) as ApiError).error.details[0]).toMatchObject({
      path: 'file',
      code: 'not_a_zip',
    });
    const badChannel = await upload(officer, zipArchive(files), `name=x.zip&channelId=${newId()}`);
    expect(((await badChannel.json()) as ApiError).error.details[0]?.path).toBe('channelId');

    const started = await upload(officer, zipArchive(files), query);
    expect(started.status).toBe(202);
    const run = (await started.json()) as { id: string };
    expect(run).toMatchObject({ status: 'queued', sourceName: 'old-site.zip', options: { publish: true } });
    await t.services.jobs.runDue();
    const done = await (await officer.get(`/api/imports/${run.id}`)).json();
    expect(done).toMatchObject({ status: 'done', total: 8, processed: 8, created: 6, refused: 2 });
    expect(done.report.length).toBeGreaterThan(8);
    const list = await (await officer.get('/api/imports')).json();
    expect(list.items.map((r: { id: string }) => r.id)).toEqual([run.id]);
    const again = await officer.post(`/api/imports/${run.id}/cancel`, {});
    expect(again.status).toBe(409);

    // The old address of the WebPlus page answers with a 301 to the imported article.
    const old = await t.app.request('/2024/1118/c1234a56789/page.htm', { headers: { host: college.host } });
    expect(old.status).toBe(301);
    const target = old.headers.get('location')!;
    expect(target).toMatch(/^\/en\/news\/.+/);
    const page = await t.app.request(target, { headers: { host: college.host } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('District Fire Rescue Detachment Visits to Plan a New Major');
    // Another college's host knows nothing of it.
    const other = await buildTenant(t);
    const elsewhere = await t.app.request('/2024/1118/c1234a56789/page.htm', {
      headers: { host: other.host },
    });
    expect(elsewhere.status).toBe(404);
  });
});
