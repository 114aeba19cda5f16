import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTenant, clientAs, createTestApp, type TestApp, TestClient } from '../../../test/test-app.ts';

let t: TestApp;
let tenant: Awaited<ReturnType<typeof buildTenant>>;
let desk: TestClient;
let visitor: TestClient;

interface Article {
  id: string;
  groupId: string;
  version: number;
  slug: string;
  status: string;
}

async function json<T>(res: Response, status = 200): Promise<T> {
  const body = await res.text();
  expect(res.status, body).toBe(status);
  return JSON.parse(body) as T;
}

/** Writes an article and takes it through review to publication, as the desk does. */
async function publish(input: Record<string, unknown>): Promise<Article> {
  let a = await json<Article>(await desk.post('/api/articles', input), 201);
  for (const action of ['submit', 'approve', 'publish']) {
    a = await json<Article>(await desk.post(`/api/articles/${a.id}/${action}`, { version: a.version }));
  }
  return a;
}

async function page(path: string, headers?: Record<string, string>) {
  const res = await visitor.get(path, headers);
  return { res, html: await res.text() };
}

let fire: Article;
let fireEn: Article;
let covestro: Article;
let draft: Article;

beforeAll(async () => {
  t = await createTestApp();
  tenant = await buildTenant(t);
  desk = (await clientAs(t, tenant, ['college_admin'])).client;
  visitor = new TestClient(t, tenant.host);
  covestro = await publish({
    locale: 'zh-CN',
    title: '我校代表团赴科思创上海一体化基地交流',
    summary: '校企双方回顾二十年合作，商定深化产教融合。',
    bodyHtml: '<p>5月11日，我校代表团一行10人赴科思创上海一体化基地参观交流。</p>',
    slug: 'covestro-visit',
    tags: ['校企合作'],
  });
  fire = await publish({
    locale: 'zh-CN',
    title: '市消防救援支队代表团来校参观实训中心',
    summary: '双方就应急救援人才培养达成共识。',
    bodyHtml:
      '<h2>参观实训中心</h2><p>11月18日，市消防救援支队代表团来校，参观了化工安全实训中心。</p><script>alert(1)</script>',
    slug: 'fire-rescue-visit',
    tags: ['校企合作'],
    featured: true,
  });
  fireEn = await publish({
    groupId: fire.groupId,
    locale: 'en',
    title: 'Fire Rescue Corps delegation tours our training centers',
    summary: 'Both sides agreed to train emergency rescue talent together.',
    bodyHtml: '<p>On 18 November the delegation toured the chemical safety training center.</p>',
    slug: 'fire-rescue-corps-visit',
  });
  draft = await json<Article>(
    await desk.post('/api/articles', { locale: 'zh-CN', title: '尚未发布的草稿', slug: 'unpublished-draft' }),
    201,
  );
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('public news portal', () => {
  it('shows the latest and featured news on the home page in each language', async () => {
    const zh = await page('/zh/');
    expect(zh.res.status).toBe(200);
    expect(zh.html).toContain('市消防救援支队代表团来校参观实训中心');
    expect(zh.html).toContain('/zh/news/covestro-visit');
    expect(zh.html).not.toContain('尚未发布的草稿');
    const en = await page('/en/');
    expect(en.html).toContain('Fire Rescue Corps delegation tours our training centers');
    expect(en.html).not.toContain('科思创');
  });

  it('lists a channel newest first with pagination, and refuses pages beyond the end', async () => {
    const { res, html } = await page('/zh/news/');
    expect(res.status).toBe(200);
    expect(html.indexOf('fire-rescue-visit')).toBeLessThan(html.indexOf('covestro-visit'));
    expect(html).toContain('/zh/news/rss.xml');
    expect((await page('/zh/news/?page=9')).res.status).toBe(404);
    expect((await page('/zh/news/?page=abc')).res.status).toBe(404);
    expect((await page('/zh/no-such-channel/')).res.status).toBe(404);
  });

  it('renders an article with breadcrumb, date, translation link, previous/next and structured data', async () => {
    const { res, html } = await page('/zh/news/fire-rescue-visit');
    expect(res.status).toBe(200);
    expect(html).toContain('<h1 id="article-title">市消防救援支队代表团来校参观实训中心</h1>');
    expect(html).toContain('class="breadcrumb"');
    expect(html).toMatch(/<time datetime="[^"]+">发布时间：\d{4}年\d{1,2}月\d{1,2}日<\/time>/);
    expect(html).toContain('hreflang="en" href="http://');
    expect(html).toContain('/en/news/fire-rescue-corps-visit');
    expect(html).toContain('rel="prev"');
    expect(html).toContain('/zh/news/covestro-visit');
    expect(html).toContain('"@type":"NewsArticle"');
    expect(html).toContain('<meta property="og:type" content="article"/>');
    expect(html).toContain('<link rel="canonical" href="http://');
    expect(html).not.toContain('<script>alert');
  });

  it('switches language to the channel when an article has no translation', async () => {
    const { html } = await page('/zh/news/covestro-visit');
    expect(html).toMatch(/class="lang-switch" href="\/en\/news\/"/);
  });

  it('does not show drafts or unknown articles', async () => {
    expect((await page(`/zh/news/${draft.slug}`)).res.status).toBe(404);
    expect((await page('/zh/news/nothing-here')).res.status).toBe(404);
    expect((await page('/en/news/fire-rescue-visit')).res.status).toBe(404);
  });

  it('answers repeated requests from the cache with an ETag and 304', async () => {
    const first = await page('/en/news/fire-rescue-corps-visit');
    const etag = first.res.headers.get('etag');
    expect(etag).toBeTruthy();
    expect(first.res.headers.get('cache-control')).toContain('public');
    const again = await visitor.get('/en/news/fire-rescue-corps-visit', { 'if-none-match': etag! });
    expect(again.status).toBe(304);
    const second = await page('/en/news/fire-rescue-corps-visit');
    expect(second.html).toBe(first.html);
    expect(second.res.headers.get('content-security-policy')).toBeTruthy();
  });

  it('drops exactly the pages that show an article when it changes', async () => {
    await page('/en/news/fire-rescue-corps-visit');
    await page('/zh/news/covestro-visit');
    const cache = t.services.pageCache;
    const before = cache.size;
    expect(before).toBeGreaterThan(0);
    const current = await json<Article>(await desk.get(`/api/articles/${fireEn.id}`));
    fireEn = await json<Article>(
      await desk.patch(`/api/articles/${fireEn.id}`, {
        version: current.version,
        title: 'Fire Rescue Corps delegation visits the training centers',
      }),
    );
    const updated = await page('/en/news/fire-rescue-corps-visit');
    expect(updated.html).toContain('Fire Rescue Corps delegation visits the training centers');
    // The Chinese article about another visit was not touched by the English edit.
    const key = `${tenant.host}/zh/news/covestro-visit`;
    expect(cache.get(key)).toBeDefined();
  });

  it('takes an unpublished article off every page that showed it', async () => {
    await page('/zh/');
    const current = await json<Article>(await desk.get(`/api/articles/${covestro.id}`));
    await json(await desk.post(`/api/articles/${covestro.id}/unpublish`, { version: current.version }));
    expect((await page('/zh/news/covestro-visit')).res.status).toBe(404);
    expect((await page('/zh/')).html).not.toContain('covestro-visit');
    expect((await page('/zh/news/fire-rescue-visit')).html).not.toContain('/zh/news/covestro-visit');
  });

  it('searches in Chinese and English with highlighted snippets', async () => {
    const zh = await page(`/zh/search?q=${encodeURIComponent('消防救援')}`);
    expect(zh.res.status).toBe(200);
    expect(zh.html).toContain('/zh/news/fire-rescue-visit');
    expect(zh.html).toContain('<mark>');
    const en = await page('/en/search?q=training');
    expect(en.html).toContain('/en/news/fire-rescue-corps-visit');
    const none = await page('/en/search?q=zzzzqqq');
    expect(none.html).toContain('Nothing matches');
    const empty = await page('/en/search');
    expect(empty.res.status).toBe(200);
    expect(empty.html).toContain('noindex');
  });

  it('finds an article by its partner’s name and alias, links its tags and partners to search', async () => {
    const partner = await json<{ id: string }>(
      await desk.post('/api/organizations', {
        kind: 'enterprise',
        nameZh: '巴斯夫化工（上海）有限公司',
        nameEn: 'BASF Chemicals (Shanghai)',
        aliases: ['BASF'],
      }),
      201,
    );
    const linked = await publish({
      locale: 'zh-CN',
      title: '化工企业专家来校指导实训教学',
      summary: '企业工程师与教师共同修订实训项目。',
      bodyHtml: '<p>企业工程师来校，与专业教师一起修订了三个实训项目。</p>',
      slug: 'engineers-guide-training',
      tags: ['校企合作'],
      links: [{ type: 'organization', id: partner.id }],
    });
    // Neither the alias nor the English name is in the text: the link makes them searchable.
    for (const q of ['BASF', 'basf chemicals', '巴斯夫'])
      expect((await page(`/zh/search?q=${encodeURIComponent(q)}`)).html, q).toContain(
        '/zh/news/engineers-guide-training',
      );
    const html = (await page('/zh/news/engineers-guide-training')).html;
    expect(html).toContain(`<a href="/zh/search?q=${encodeURIComponent('校企合作')}">校企合作</a>`);
    expect(html).toContain(
      `<a href="/zh/search?q=${encodeURIComponent('巴斯夫化工（上海）有限公司')}">巴斯夫化工（上海）有限公司</a>`,
    );
    expect(linked.slug).toBe('engineers-guide-training');
  });

  it('publishes RSS and Atom feeds per channel and a sitemap with translations', async () => {
    const rss = await visitor.get('/zh/news/rss.xml');
    expect(rss.status).toBe(200);
    expect(rss.headers.get('content-type')).toContain('application/rss+xml');
    const rssText = await rss.text();
    expect(rssText).toContain('<rss version="2.0"');
    expect(rssText).toContain('fire-rescue-visit');
    const atom = await visitor.get('/en/news/atom.xml');
    expect(atom.headers.get('content-type')).toContain('application/atom+xml');
    expect(await atom.text()).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
    const sitemap = await (await visitor.get('/sitemap.xml')).text();
    expect(sitemap).toContain('/zh/news/fire-rescue-visit</loc>');
    expect(sitemap).toContain('hreflang="en" href="http://');
    expect(sitemap).not.toContain('unpublished-draft');
    const robots = await (await visitor.get('/robots.txt')).text();
    expect(robots).toContain('Sitemap: http://');
  });

  it('keeps colleges apart', async () => {
    const other = await buildTenant(t);
    const stranger = new TestClient(t, other.host);
    expect((await stranger.get('/zh/news/fire-rescue-visit')).status).toBe(404);
    const search = await (await stranger.get(`/zh/search?q=${encodeURIComponent('消防')}`)).text();
    expect(search).not.toContain('fire-rescue-visit');
  });
});
