import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTenant, clientAs, createTestApp, type TestApp, TestClient } from '../../../test/test-app.ts';
import { findUnsafeMarkup } from '../../../test/unsafe-markup.ts';
import { newId } from '../../db/ids.ts';
import type { TenantScope } from '../../db/tenant-scope.ts';
import { jobs } from '../../platform/jobs.table.ts';
import { etagOf } from '../../platform/page-cache.ts';
import { timelineEvents } from '../audit/audit.table.ts';
import { recordEngagement } from '../engagements/engagements.service.ts';
import { facilities } from '../org-units/org-units.table.ts';
import { organizations } from '../organizations/organizations.table.ts';
import { people } from '../people/people.table.ts';
import { articleTag, listingTag } from './articles.cache.ts';
import { scheduleArticleJobs } from './articles.jobs.ts';
import {
  getPublishedArticle,
  listChannels,
  listPublishedArticles,
  listSitemapEntries,
} from './articles.portal.ts';
import { searchArticles } from './articles.service.ts';
import { articleRevisions, articles } from './articles.table.ts';
import { xssVectors } from './xss-vectors.ts';

let t: TestApp;
let college: Awaited<ReturnType<typeof buildTenant>>;
let editor: TestClient;
let reviewer: TestClient;
let admin: TestClient;
let viewer: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  college = await buildTenant(t);
  editor = (await clientAs(t, college, ['editor'])).client;
  reviewer = (await clientAs(t, college, ['reviewer'])).client;
  admin = (await clientAs(t, college, ['college_admin'])).client;
  viewer = (await clientAs(t, college, ['viewer'])).client;
});
afterAll(() => t.close());

// biome-ignore lint/suspicious/noExplicitAny: tests read JSON answers field by field
type Json = Record<string, any>;

async function write(client: TestClient, body: Json): Promise<Json> {
  const res = await client.post('/api/articles', body);
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${await res.text()}`);
  return res.json();
}

async function act(client: TestClient, id: string, action: string, body: Json) {
  return client.post(`/api/articles/${id}/${action}`, body);
}

/** Takes an article through review to published, returning its final state. */
async function publishThrough(id: string): Promise<Json> {
  let a = await (await editor.get(`/api/articles/${id}`)).json();
  a = await (await act(editor, id, 'submit', { version: a.version })).json();
  a = await (await act(reviewer, id, 'approve', { version: a.version })).json();
  const res = await act(reviewer, id, 'publish', { version: a.version });
  expect(res.status).toBe(200);
  return res.json();
}

function cachePage(key: string, tags: string[]) {
  const body = Buffer.from(`page ${key}`);
  t.services.pageCache.set(
    key,
    {
      status: 200,
      body,
      headers: { 'content-type': 'text/html' },
      etag: etagOf(body),
      tags,
      expiresAt: Date.now() + 60_000,
    },
    t.services.pageCache.currentGeneration(),
  );
}
const cached = (key: string) => t.services.pageCache.get(key) !== undefined;

describe('channels', () => {
  it('creates the news channel on first use and lets only administrators add channels', async () => {
    const list = await (await viewer.get('/api/channels')).json();
    expect(list.items.map((c: Json) => c.slug)).toEqual(['news']);
    expect(list.items[0]).toMatchObject({ nameZh: '新闻动态', nameEn: 'News' });
    expect(
      (await editor.post('/api/channels', { slug: 'notices', nameZh: '通知公告', nameEn: 'Notices' })).status,
    ).toBe(403);
    const bad = await admin.post('/api/channels', { slug: 'Bad Slug', nameZh: '', nameEn: 'X' });
    expect(bad.status).toBe(400);
    const details = (await bad.json()).error.details;
    expect(details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'slug', code: 'invalid_slug' }),
        expect.objectContaining({ path: 'nameZh', code: 'required' }),
      ]),
    );
    const made = await admin.post('/api/channels', {
      slug: 'notices',
      nameZh: '通知公告',
      nameEn: 'Notices',
      position: 1,
    });
    expect(made.status).toBe(201);
    const again = await admin.post('/api/channels', { slug: 'notices', nameZh: '通知', nameEn: 'Notices' });
    expect((await again.json()).error.details[0]).toMatchObject({ path: 'slug', code: 'slug_taken' });
    const renamed = await admin.patch(`/api/channels/${(await made.json()).id}`, {
      nameEn: 'Announcements',
      version: 1,
    });
    expect((await renamed.json()).nameEn).toBe('Announcements');
    expect((await listChannels(college.scope)).map((c) => c.slug)).toEqual(['news', 'notices']);
  });
});

describe('articles', () => {
  it('creates drafts with generated, validated, unique slugs and field errors', async () => {
    const zh = await write(editor, {
      locale: 'zh-CN',
      title: '消防救援总队来校交流',
      bodyHtml: '<p>正文</p>',
    });
    expect(zh).toMatchObject({
      status: 'draft',
      locale: 'zh-CN',
      version: 1,
      revisionCount: 1,
      translations: [],
    });
    expect(zh.slug).toMatch(/^\d{4}-\d{2}-\d{2}-[a-z0-9]{6}$/);
    const en = await write(editor, { locale: 'en', title: 'Fire Rescue Corps visits the Campus!' });
    expect(en.slug).toBe('fire-rescue-corps-visits-the-campus');
    const twin = await write(editor, { locale: 'en', title: 'Fire rescue corps visits the campus' });
    expect(twin.slug).toBe('fire-rescue-corps-visits-the-campus-2');
    const taken = await editor.post('/api/articles', { locale: 'en', title: 'x', slug: en.slug });
    expect(taken.status).toBe(400);
    expect((await taken.json()).error.details).toEqual([
      expect.objectContaining({ path: 'slug', code: 'slug_taken' }),
    ]);
    // The same slug in the other language is another address.
    expect((await editor.post('/api/articles', { locale: 'zh-CN', title: 'x', slug: en.slug })).status).toBe(
      201,
    );
    const invalid = await editor.post('/api/articles', { locale: 'fr', title: '', slug: 'Not OK' });
    expect(invalid.status).toBe(400);
    const body = await invalid.json();
    expect(body.error.details.map((d: Json) => `${d.path}:${d.code}`).sort()).toEqual([
      'locale:invalid_value',
      'slug:invalid_slug',
      'title:required',
    ]);
    expect(body.error.details.find((d: Json) => d.path === 'slug').message).toContain('a–z');
    const unknownChannel = await editor.post('/api/articles', {
      locale: 'en',
      title: 'x',
      channelId: newId(),
    });
    expect((await unknownChannel.json()).error.details[0]).toMatchObject({
      path: 'channelId',
      code: 'unknown_reference',
    });
  });

  it('refuses writing to reviewers and viewers, reading to strangers', async () => {
    expect((await reviewer.post('/api/articles', { locale: 'zh-CN', title: '审核人不能写' })).status).toBe(
      403,
    );
    expect((await viewer.post('/api/articles', { locale: 'zh-CN', title: '只读' })).status).toBe(403);
    const a = await write(editor, { locale: 'zh-CN', title: '只读用户可以阅读' });
    expect((await viewer.get(`/api/articles/${a.id}`)).status).toBe(200);
    expect((await viewer.patch(`/api/articles/${a.id}`, { title: 'x', version: 1 })).status).toBe(403);
    expect((await act(viewer, a.id, 'submit', { version: 1 })).status).toBe(403);
    expect((await viewer.post(`/api/articles/${a.id}/comments`, { body: 'hi' })).status).toBe(403);
    const other = await buildTenant(t);
    const { client: stranger } = await clientAs(t, other, ['college_admin']);
    expect((await stranger.get(`/api/articles/${a.id}`)).status).toBe(404);
    expect((await stranger.patch(`/api/articles/${a.id}`, { title: 'x', version: 1 })).status).toBe(404);
    expect((await (await stranger.get('/api/articles')).json()).total).toBe(0);
  });

  it('links translations as one group, each language with its own status', async () => {
    const zh = await write(editor, { locale: 'zh-CN', title: '科思创一体化基地交流', tags: ['校企合作'] });
    const en = await write(editor, {
      locale: 'en',
      title: 'Visit to the Covestro Integrated Site',
      groupId: zh.groupId,
    });
    expect(en).toMatchObject({ groupId: zh.groupId, channelId: zh.channelId, tags: ['校企合作'] });
    expect(en.translations).toEqual([
      expect.objectContaining({ id: zh.id, locale: 'zh-CN', status: 'draft' }),
    ]);
    const dup = await editor.post('/api/articles', { locale: 'en', title: 'again', groupId: zh.groupId });
    expect(dup.status).toBe(409);
    expect((await dup.json()).error.code).toBe('translation_exists');
    const unknown = await editor.post('/api/articles', { locale: 'en', title: 'x', groupId: newId() });
    expect((await unknown.json()).error.details[0]).toMatchObject({
      path: 'groupId',
      code: 'unknown_reference',
    });

    await publishThrough(zh.id);
    const enNow = await (await editor.get(`/api/articles/${en.id}`)).json();
    expect(enNow.status).toBe('draft');
    expect(enNow.translations[0]).toMatchObject({ locale: 'zh-CN', status: 'published' });
    const list = await (await viewer.get(`/api/articles?groupId=${zh.groupId}&sort=title`)).json();
    const rows = list.items.map((i: Json) => [i.locale, i.status, i.translations[0].status]);
    expect(rows.sort()).toEqual([
      ['en', 'draft', 'published'],
      ['zh-CN', 'published', 'draft'],
    ]);
    const enPublic = await listPublishedArticles(college.scope, { locale: 'en' });
    expect(enPublic.items.map((i) => i.id)).not.toContain(en.id);
  });

  it('moves along the workflow with each step’s permission, refusing invalid moves and stale versions', async () => {
    const a = await write(editor, { locale: 'zh-CN', title: '工作流' });
    const invalid = await act(reviewer, a.id, 'approve', { version: 1 });
    expect(invalid.status).toBe(409);
    expect((await invalid.json()).error).toMatchObject({
      code: 'invalid_transition',
      details: { from: 'draft', to: 'approved', action: 'approve' },
    });
    expect((await act(reviewer, a.id, 'submit', { version: 1 })).status).toBe(403);
    let cur = await (await act(editor, a.id, 'submit', { version: 1 })).json();
    expect(cur.status).toBe('in_review');
    expect((await act(editor, a.id, 'approve', { version: cur.version })).status).toBe(403);
    expect((await act(editor, a.id, 'send-back', { version: cur.version, comment: 'x' })).status).toBe(403);
    const noComment = await act(reviewer, a.id, 'send-back', { version: cur.version });
    expect(noComment.status).toBe(400);
    expect((await noComment.json()).error.details[0]).toMatchObject({ path: 'comment', code: 'required' });
    const stale = await act(reviewer, a.id, 'send-back', { version: cur.version - 1, comment: '请补充' });
    expect(stale.status).toBe(409);
    expect((await stale.json()).error.code).toBe('conflict');
    cur = await (
      await act(reviewer, a.id, 'send-back', { version: cur.version, comment: '请补充来访人员职务' })
    ).json();
    expect(cur.status).toBe('draft');
    expect(cur.comments).toEqual([
      expect.objectContaining({ kind: 'sent_back', body: '请补充来访人员职务' }),
    ]);
    cur = await (await act(editor, a.id, 'submit', { version: cur.version })).json();
    cur = await (await act(reviewer, a.id, 'approve', { version: cur.version, comment: '同意' })).json();
    expect(cur).toMatchObject({
      status: 'approved',
      comments: [expect.anything(), expect.objectContaining({ kind: 'approved' })],
    });
    expect((await act(editor, a.id, 'publish', { version: cur.version })).status).toBe(403);
    expect(
      (
        await act(editor, a.id, 'schedule', {
          version: cur.version,
          publishAt: new Date(Date.now() + 3_600_000).toISOString(),
        })
      ).status,
    ).toBe(403);
    const past = await act(reviewer, a.id, 'schedule', {
      version: cur.version,
      publishAt: '2020-01-01T00:00:00Z',
    });
    expect((await past.json()).error.details[0]).toMatchObject({
      path: 'publishAt',
      code: 'publish_at_past',
    });
    cur = await (
      await act(reviewer, a.id, 'schedule', {
        version: cur.version,
        publishAt: new Date(Date.now() + 3_600_000).toISOString(),
      })
    ).json();
    expect(cur.status).toBe('scheduled');
    expect((await act(reviewer, a.id, 'unpublish', { version: cur.version })).status).toBe(409);
    cur = await (await act(reviewer, a.id, 'unschedule', { version: cur.version })).json();
    expect(cur).toMatchObject({ status: 'approved', publishAt: null });
    cur = await (await act(reviewer, a.id, 'publish', { version: cur.version })).json();
    expect(cur.status).toBe('published');
    const firstPublishedAt = cur.publishedAt;
    expect(firstPublishedAt).not.toBeNull();
    expect((await editor.request('DELETE', `/api/articles/${a.id}?version=${cur.version}`)).status).toBe(409);
    const refused = await editor.request('DELETE', `/api/articles/${a.id}?version=${cur.version}`);
    expect((await refused.json()).error.code).toBe('unpublish_first');
    expect((await act(editor, a.id, 'unpublish', { version: cur.version })).status).toBe(403);
    cur = await (await act(reviewer, a.id, 'unpublish', { version: cur.version })).json();
    expect(cur.status).toBe('unpublished');
    cur = await (await act(editor, a.id, 'submit', { version: cur.version })).json();
    cur = await (await act(reviewer, a.id, 'approve', { version: cur.version })).json();
    cur = await (await act(reviewer, a.id, 'publish', { version: cur.version })).json();
    expect(cur.publishedAt).toBe(firstPublishedAt);
    cur = await (await act(reviewer, a.id, 'unpublish', { version: cur.version })).json();
    cur = await (await act(editor, a.id, 'submit', { version: cur.version })).json();
    cur = await (await act(reviewer, a.id, 'approve', { version: cur.version })).json();
    cur = await (
      await act(reviewer, a.id, 'publish', { version: cur.version, resetPublishedAt: true })
    ).json();
    expect(cur.publishedAt > firstPublishedAt).toBe(true);
    cur = await (await act(reviewer, a.id, 'unpublish', { version: cur.version })).json();
    expect((await editor.request('DELETE', `/api/articles/${a.id}?version=${cur.version}`)).status).toBe(204);
    expect((await editor.get(`/api/articles/${a.id}`)).status).toBe(404);
    const verbs = (
      await college.scope.select(timelineEvents, { where: eq(timelineEvents.subjectId, a.id) })
    ).map((e) => e.verb);
    for (const verb of [
      'created',
      'submitted',
      'sent_back',
      'approved',
      'scheduled',
      'unscheduled',
      'published',
      'unpublished',
      'deleted',
    ])
      expect(verbs).toContain(`article.${verb}`);
  });

  it('lets only publishers change approved or published text, and college admins do both', async () => {
    const a = await write(editor, { locale: 'zh-CN', title: '上线后修改' });
    const live = await publishThrough(a.id);
    const refused = await editor.patch(`/api/articles/${a.id}`, {
      title: '编辑擅自改',
      version: live.version,
    });
    expect(refused.status).toBe(403);
    expect(
      (await reviewer.patch(`/api/articles/${a.id}`, { title: '审核人没有写权限', version: live.version }))
        .status,
    ).toBe(403);
    const ok = await admin.patch(`/api/articles/${a.id}`, { title: '管理员修改', version: live.version });
    expect(ok.status).toBe(200);
    expect((await ok.json()).title).toBe('管理员修改');
    const stale = await admin.patch(`/api/articles/${a.id}`, { title: '旧版本', version: live.version });
    expect(stale.status).toBe(409);
  });

  it('writes revisions on content changes, shows diffs and restores them as new revisions', async () => {
    const a = await write(editor, {
      locale: 'en',
      title: 'Order class opens',
      summary: 'First summary',
      bodyHtml: '<p>Thirty students joined the class.</p>',
    });
    let cur = await (
      await editor.patch(`/api/articles/${a.id}`, {
        version: 1,
        title: 'Order class opens with thirty students',
        bodyHtml: '<p>Forty students joined the class.</p><p>Second paragraph.</p>',
      })
    ).json();
    expect(cur.revisionCount).toBe(2);
    cur = await (
      await editor.patch(`/api/articles/${a.id}`, {
        version: cur.version,
        featured: true,
        tags: ['order class'],
      })
    ).json();
    expect(cur.revisionCount).toBe(2);
    const list = await (await viewer.get(`/api/articles/${a.id}/revisions`)).json();
    expect(list.items.map((r: Json) => r.number)).toEqual([2, 1]);
    expect(list.items[0]).toMatchObject({
      title: 'Order class opens with thirty students',
      authorName: expect.any(String),
    });
    const rev1 = await (await viewer.get(`/api/articles/${a.id}/revisions/1`)).json();
    expect(rev1.title).toBe('Order class opens');
    expect(
      rev1.diff.title
        .filter((p: Json) => p.added)
        .map((p: Json) => p.value)
        .join(''),
    ).toContain('thirty students');
    expect(
      rev1.diff.body
        .filter((p: Json) => p.removed)
        .map((p: Json) => p.value)
        .join(''),
    ).toContain('Thirty');
    expect(
      rev1.diff.body
        .filter((p: Json) => p.added)
        .map((p: Json) => p.value)
        .join(''),
    ).toContain('Second paragraph');
    expect((await viewer.get(`/api/articles/${a.id}/revisions/9`)).status).toBe(404);
    expect((await viewer.get(`/api/articles/${a.id}/revisions/abc`)).status).toBe(404);
    expect(
      (await reviewer.post(`/api/articles/${a.id}/revisions/1/restore`, { version: cur.version })).status,
    ).toBe(403);
    const restored = await (
      await editor.post(`/api/articles/${a.id}/revisions/1/restore`, { version: cur.version })
    ).json();
    expect(restored).toMatchObject({
      title: 'Order class opens',
      summary: 'First summary',
      revisionCount: 3,
      featured: true,
    });
    expect(restored.bodyHtml).toBe('<p>Thirty students joined the class.</p>');
    // A revision stored before a sanitizer change is cleaned again on restore.
    await college.scope.insertRaw(articleRevisions, {
      id: newId(),
      articleId: a.id,
      number: 4,
      title: 'Old',
      summary: '',
      bodyHtml: '<p onclick="alert(1)">old<script>alert(1)</script></p>',
    });
    const cleaned = await (
      await editor.post(`/api/articles/${a.id}/revisions/4/restore`, { version: restored.version })
    ).json();
    expect(cleaned.bodyHtml).toBe('<p>old</p>');
  });

  it('lists with filters, sorting and pagination', async () => {
    const other = await buildTenant(t);
    const { client } = await clientAs(t, other, ['editor']);
    for (const title of ['Bravo', 'alpha', 'Charlie', 'delta']) await write(client, { locale: 'en', title });
    await write(client, { locale: 'zh-CN', title: '中文' });
    const page1 = await (await client.get('/api/articles?locale=en&sort=title&pageSize=2')).json();
    expect(page1.total).toBe(4);
    expect(page1.items.map((i: Json) => i.title)).toEqual(['Bravo', 'Charlie']);
    const page2 = await (await client.get('/api/articles?locale=en&sort=title&pageSize=2&page=2')).json();
    expect(page2.items.map((i: Json) => i.title)).toEqual(['alpha', 'delta']);
    const desc = await (await client.get('/api/articles?sort=-createdAt&pageSize=1')).json();
    expect(desc.items[0].title).toBe('中文');
    expect((await (await client.get('/api/articles?q=arl')).json()).items.map((i: Json) => i.title)).toEqual([
      'Charlie',
    ]);
    expect((await (await client.get('/api/articles?status=published')).json()).total).toBe(0);
    expect((await client.get('/api/articles?sort=nope')).status).toBe(400);
    expect((await client.get('/api/articles?status=gone')).status).toBe(400);
  });
});

describe('page cache', () => {
  it('drops the pages showing an article and its neighbours on publish, edit and unpublish, and nothing else', async () => {
    const first = await publishThrough((await write(editor, { locale: 'zh-CN', title: '较早的文章' })).id);
    const a = await write(editor, { locale: 'zh-CN', title: '缓存测试' });
    const key = (n: string) => `${college.host}/zh/news/${n}`;
    cachePage(key('a'), [articleTag(a.id)]);
    cachePage(key('first'), [articleTag(first.id)]);
    cachePage(key('list'), [listingTag(college.id, 'zh-CN')]);
    cachePage(key('en-list'), [listingTag(college.id, 'en')]);
    cachePage(key('unrelated'), [articleTag(newId())]);
    const live = await publishThrough(a.id);
    expect(cached(key('a'))).toBe(false);
    expect(cached(key('first'))).toBe(false); // its "next" link now points here
    expect(cached(key('list'))).toBe(false);
    expect(cached(key('en-list'))).toBe(true);
    expect(cached(key('unrelated'))).toBe(true);

    cachePage(key('a'), [articleTag(a.id)]);
    cachePage(key('list'), [listingTag(college.id, 'zh-CN')]);
    const edited = await (
      await admin.patch(`/api/articles/${a.id}`, { summary: '新摘要', version: live.version })
    ).json();
    expect(cached(key('a'))).toBe(false);
    expect(cached(key('list'))).toBe(false);
    expect(cached(key('unrelated'))).toBe(true);

    cachePage(key('a'), [articleTag(a.id)]);
    cachePage(key('first'), [articleTag(first.id)]);
    await act(reviewer, a.id, 'unpublish', { version: edited.version });
    expect(cached(key('a'))).toBe(false);
    expect(cached(key('first'))).toBe(false);
    expect(cached(key('unrelated'))).toBe(true);

    // Drafts are not on the site: changing one drops nothing.
    cachePage(key('list'), [listingTag(college.id, 'zh-CN')]);
    const draft = await write(editor, { locale: 'zh-CN', title: '草稿' });
    await editor.patch(`/api/articles/${draft.id}`, { title: '草稿改', version: 1 });
    expect(cached(key('list'))).toBe(true);
  });
});

describe('scheduled publishing', () => {
  it('publishes an article scheduled while the server was down when the job runner starts again', async () => {
    const a = await write(editor, { locale: 'en', title: 'Scheduled while down' });
    let cur = await (await act(editor, a.id, 'submit', { version: 1 })).json();
    cur = await (await act(reviewer, a.id, 'approve', { version: cur.version })).json();
    const publishAt = new Date(Date.now() + 60_000);
    cur = await (
      await act(reviewer, a.id, 'schedule', { version: cur.version, publishAt: publishAt.toISOString() })
    ).json();
    expect(cur.status).toBe('scheduled');
    const [job] = await t.database.db
      .select()
      .from(jobs)
      .where(
        and(eq(jobs.uniqueKey, `articles.publish-due:${college.id}:${a.id}`), eq(jobs.status, 'queued')),
      );
    expect(job?.payload).toEqual({ articleId: a.id });
    expect(job?.runAt.getTime()).toBe(publishAt.getTime());
    await scheduleArticleJobs(t.database.db);
    // Nothing is due yet.
    await t.services.jobs.runDue();
    expect((await (await viewer.get(`/api/articles/${a.id}`)).json()).status).toBe('scheduled');

    // The server is down past the publication time.
    const past = new Date(Date.now() - 5 * 60_000);
    await college.scope.updateRaw(articles, eq(articles.id, a.id), { publishAt: past });
    await t.database.db.update(jobs).set({ runAt: past }).where(eq(jobs.kind, 'articles.publish-due'));
    const key = `${college.host}/en/news/listing`;
    cachePage(key, [listingTag(college.id, 'en')]);
    await t.services.jobs.start();
    await t.services.jobs.stop();
    await t.services.jobs.runDue();
    const after = await (await viewer.get(`/api/articles/${a.id}`)).json();
    expect(after).toMatchObject({ status: 'published', publishedAt: past.toISOString() });
    expect(cached(key)).toBe(false);
    const events = await college.scope.select(timelineEvents, { where: eq(timelineEvents.subjectId, a.id) });
    expect(events.find((e) => e.verb === 'article.published')).toMatchObject({
      actorId: null,
      actorName: 'system',
    });
    // Running again changes nothing.
    await t.services.jobs.runDue();
    expect((await (await viewer.get(`/api/articles/${a.id}`)).json()).version).toBe(after.version);
  });

  it('leaves an unscheduled article alone when its job comes due', async () => {
    const a = await write(editor, { locale: 'en', title: 'Changed my mind' });
    let cur = await (await act(editor, a.id, 'submit', { version: 1 })).json();
    cur = await (await act(reviewer, a.id, 'approve', { version: cur.version })).json();
    cur = await (
      await act(reviewer, a.id, 'schedule', {
        version: cur.version,
        publishAt: new Date(Date.now() + 60_000).toISOString(),
      })
    ).json();
    cur = await (await act(reviewer, a.id, 'unschedule', { version: cur.version })).json();
    await t.database.db
      .update(jobs)
      .set({ runAt: new Date(Date.now() - 1000) })
      .where(eq(jobs.kind, 'articles.publish-due'));
    await t.services.jobs.runDue();
    expect((await (await viewer.get(`/api/articles/${a.id}`)).json()).status).toBe('approved');
  });
});

describe('comments', () => {
  it('takes comments from editors and reviewers and lists them with the article', async () => {
    const a = await write(editor, { locale: 'zh-CN', title: '评论' });
    expect((await editor.post(`/api/articles/${a.id}/comments`, { body: '请审核' })).status).toBe(201);
    expect((await reviewer.post(`/api/articles/${a.id}/comments`, { body: '标题再短一些' })).status).toBe(
      201,
    );
    expect((await reviewer.post(`/api/articles/${a.id}/comments`, { body: ' ' })).status).toBe(400);
    const got = await (await viewer.get(`/api/articles/${a.id}`)).json();
    expect(got.comments.map((c: Json) => c.body)).toEqual(['请审核', '标题再短一些']);
    expect(got.comments[0].authorName).toEqual(expect.any(String));
  });
});

/** The seed's first visit, recorded as the office would: the Fire Rescue Corps at the college. */
async function recordFireRescueVisit(scope: TenantScope, extra: { summary?: string; outcome?: string } = {}) {
  const fire = await scope.create(organizations, 'organization', {
    id: newId(),
    kind: 'government',
    nameZh: '上海市消防救援总队',
    nameEn: 'Shanghai Municipal Fire Rescue Corps',
  });
  const person = async (nameZh: string, nameEn: string, side: 'ours' | 'theirs') =>
    (await scope.create(people, 'person', { id: newId(), nameZh, nameEn, side })).id;
  const lu = await person('陆继军', 'Lu Jijun', 'theirs');
  const gao = await person('高炬', 'Gao Ju', 'ours');
  const chen = await person('陈晓斌', 'Chen Xiaobin', 'ours');
  const cross = await scope.create(facilities, 'facility', {
    id: newId(),
    nameZh: '跨企业实训中心',
    nameEn: 'Cross-enterprise Training Center',
  });
  const building = await scope.create(facilities, 'facility', {
    id: newId(),
    nameZh: '化工综合实训楼',
    nameEn: 'Chemical Comprehensive Training Building',
  });
  return recordEngagement(scope, {
    type: 'visit_inbound',
    titleZh: '上海市消防救援总队来校洽谈消防救援技术专业合作',
    titleEn: 'Shanghai Municipal Fire Rescue Corps visits to plan the Fire Rescue Technology major',
    startsOn: '2023-11-18',
    location: '学校行政楼第一会议室',
    purpose: '商讨消防救援技术专业共建',
    summary: extra.summary ?? null,
    delegationSize: 6,
    topics: ['消防救援技术专业', '政校合作'],
    facilityIds: [cross.id, building.id],
    organizations: [{ organizationId: fire.id, role: 'guest' }],
    participants: [
      {
        personId: lu,
        organizationId: fire.id,
        side: 'theirs',
        role: 'led',
        titleZh: '政治部副主任兼综合部部长',
        titleEn: 'Deputy Director of the Political Department',
      },
      { personId: gao, side: 'ours', role: 'received', titleZh: '党委书记', titleEn: 'Party Secretary' },
      { personId: chen, side: 'ours', role: 'received', titleZh: '校长', titleEn: 'President' },
    ],
    outcomes: [
      { kind: 'consensus', text: extra.outcome ?? '共同推进消防救援技术专业申报' },
      { kind: 'consensus', text: '联合培养专业师资' },
    ],
  });
}

describe('draft from an engagement', () => {
  it('writes a Chinese and an English draft saying who, when, where, what was toured and agreed', async () => {
    const visit = await recordFireRescueVisit(college.scope);
    const zhRes = await editor.post('/api/articles/from-engagement', {
      engagementId: visit.id,
      locale: 'zh-CN',
    });
    expect(zhRes.status).toBe(201);
    const zh = await zhRes.json();
    expect(zh).toMatchObject({
      status: 'draft',
      locale: 'zh-CN',
      title: '上海市消防救援总队来校洽谈消防救援技术专业合作',
    });
    expect(zh.summary).toContain('2023年11月18日');
    for (const text of [
      '政治部副主任兼综合部部长陆继军率上海市消防救援总队一行6人来我校交流',
      '党委书记高炬和校长陈晓斌接待了来宾',
      '来宾参观了跨企业实训中心和化工综合实训楼',
      '学校行政楼第一会议室',
      '<li><p>共同推进消防救援技术专业申报</p></li>',
    ])
      expect(zh.bodyHtml).toContain(text);
    expect(zh.links.map((l: Json) => l.type).sort()).toEqual(['engagement', 'organization']);
    expect(zh.links.find((l: Json) => l.type === 'organization').labelZh).toBe('上海市消防救援总队');
    expect(zh.tags).toEqual(['消防救援技术专业', '政校合作']);

    const en = await (
      await editor.post('/api/articles/from-engagement', { engagementId: visit.id, locale: 'en' })
    ).json();
    expect(en.title).toBe(
      'Shanghai Municipal Fire Rescue Corps visits to plan the Fire Rescue Technology major',
    );
    expect(en.slug).toMatch(/^shanghai-municipal-fire-rescue-corps-visits-to-plan-the-fire-rescue/);
    for (const text of [
      '18 November 2023',
      'Lu Jijun',
      'Deputy Director of the Political Department',
      'Shanghai Municipal Fire Rescue Corps',
      'Gao Ju',
      'Chen Xiaobin',
      'Cross-enterprise Training Center and Chemical Comprehensive Training Building',
    ])
      expect(en.bodyHtml).toContain(text);
    expect(en.summary).toContain('18 November 2023');
    // What the record has only in Chinese is left out rather than mixed in, and the editor is told.
    expect(en.bodyHtml).not.toMatch(/\p{Script=Han}/u);
    expect(en.summary).not.toMatch(/\p{Script=Han}/u);
    expect(en.tags).toEqual([]);
    const enComments = (await (await editor.get(`/api/articles/${en.id}`)).json()).comments;
    expect(enComments).toHaveLength(1);
    expect(enComments[0].body).toContain('the place, the purpose, the topics and some outcomes');
    expect(zh.id).not.toBe(en.id);
    expect((await (await editor.get(`/api/articles/${zh.id}`)).json()).comments).toEqual([]);
    expect(
      (await reviewer.post('/api/articles/from-engagement', { engagementId: visit.id, locale: 'en' })).status,
    ).toBe(403);
    const missing = await editor.post('/api/articles/from-engagement', {
      engagementId: newId(),
      locale: 'en',
    });
    expect((await missing.json()).error.details[0]).toMatchObject({
      path: 'engagementId',
      code: 'unknown_reference',
    });
  });

  it('writes the English draft from the English the record keeps for place, purpose, topics and outcomes', async () => {
    const visit = await recordFireRescueVisit(college.scope);
    const record = await (await admin.get(`/api/engagements/${visit.id}`)).json();
    const changed = await admin.request('PATCH', `/api/engagements/${visit.id}`, {
      ...record,
      locationEn: 'Meeting Room 1 of the Administration Building',
      purposeEn: 'plan the Fire Rescue Technology major together.',
      summary: '双方就新专业申报深入交流。',
      summaryEn: 'The two sides talked about applying for the new major.',
      topicsEn: ['the Fire Rescue Technology major'],
      outcomes: record.outcomes.map((o: Json, i: number) => ({
        id: o.id,
        kind: o.kind,
        text: o.text,
        textEn: ['Apply for the major together', 'Train its teachers together'][i],
      })),
      organizations: record.organizations.map((o: Json) => ({
        organizationId: o.organizationId,
        role: o.role,
      })),
      participants: record.participants.map((p: Json) => ({
        personId: p.personId,
        organizationId: p.organizationId,
        side: p.side,
        role: p.role,
        titleZh: p.titleZh,
        titleEn: p.titleEn,
      })),
    });
    expect(changed.status).toBe(200);
    const saved = await changed.json();
    expect(saved).toMatchObject({
      locationEn: 'Meeting Room 1 of the Administration Building',
      topicsEn: ['the Fire Rescue Technology major'],
    });
    expect(saved.outcomes.map((o: Json) => o.textEn)).toEqual([
      'Apply for the major together',
      'Train its teachers together',
    ]);
    const en = await (
      await editor.post('/api/articles/from-engagement', { engagementId: visit.id, locale: 'en' })
    ).json();
    for (const text of [
      'The meeting took place at Meeting Room 1 of the Administration Building.',
      'The visit aimed to plan the Fire Rescue Technology major together.',
      'The two sides discussed the Fire Rescue Technology major in depth.',
      'The two sides talked about applying for the new major.',
      '<li><p>Train its teachers together</p></li>',
    ])
      expect(en.bodyHtml).toContain(text);
    expect(en.bodyHtml).not.toMatch(/\p{Script=Han}/u);
    expect(en.tags).toEqual(['the Fire Rescue Technology major']);
    expect((await (await editor.get(`/api/articles/${en.id}`)).json()).comments).toEqual([]);
    // The Chinese draft of the same record keeps to Chinese.
    const zh = await (
      await editor.post('/api/articles/from-engagement', { engagementId: visit.id, locale: 'zh-CN' })
    ).json();
    expect(zh.bodyHtml).toContain('双方就新专业申报深入交流。');
    expect(zh.bodyHtml).not.toContain('Meeting Room');
  });

  it('lists exactly the articles whose group is linked to an engagement, in this college only', async () => {
    const visit = await recordFireRescueVisit(college.scope);
    const otherVisit = await recordFireRescueVisit(college.scope);
    const draft = async (client: TestClient, engagementId: string, locale: string) => {
      const res = await client.post('/api/articles/from-engagement', { engagementId, locale });
      expect(res.status).toBe(201);
      return (await res.json()) as Json;
    };
    const zh = await draft(editor, visit.id, 'zh-CN');
    const en = await draft(editor, visit.id, 'en');
    // Links belong to the group: a translation added later is about the engagement too.
    const zhInEnglish = await write(editor, { locale: 'en', title: 'The visit', groupId: zh.groupId });
    const linkedByHand = await write(editor, {
      locale: 'zh-CN',
      title: '手动关联的报道',
      links: [{ type: 'engagement', id: visit.id }],
    });
    const deleted = await draft(editor, visit.id, 'zh-CN');
    expect(
      (await editor.request('DELETE', `/api/articles/${deleted.id}?version=${deleted.version}`)).status,
    ).toBe(204);
    await draft(editor, otherVisit.id, 'zh-CN');
    await write(editor, { locale: 'zh-CN', title: '无关的文章' });

    const other = await buildTenant(t);
    const otherEditor = (await clientAs(t, other, ['editor'])).client;
    const theirVisit = await recordFireRescueVisit(other.scope);
    await draft(otherEditor, theirVisit.id, 'zh-CN');

    const listed = async (client: TestClient, engagementId: string) => {
      const res = await client.get(`/api/articles?engagementId=${engagementId}&pageSize=200`);
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body.total).toBe(body.items.length);
      return (body.items as Json[]).map((a) => a.id).sort();
    };
    expect(await listed(viewer, visit.id)).toEqual([zh.id, en.id, zhInEnglish.id, linkedByHand.id].sort());
    const zhOnly = await (await viewer.get(`/api/articles?engagementId=${visit.id}&locale=zh-CN`)).json();
    expect(zhOnly.items.map((a: Json) => a.id).sort()).toEqual([zh.id, linkedByHand.id].sort());
    // Another college's engagement is unknown here, and ours is unknown there.
    expect(await listed(viewer, theirVisit.id)).toEqual([]);
    expect(await listed(otherEditor, visit.id)).toEqual([]);
    expect(await listed(viewer, newId())).toEqual([]);

    const bad = await viewer.get('/api/articles?engagementId=not-a-uuid');
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.details).toEqual([
      expect.objectContaining({ path: 'engagementId', code: 'invalid_value' }),
    ]);
  });
});

describe('sanitizing on every save path', () => {
  const evil =
    '<p onclick="alert(1)">Hi<img src=x onerror=alert(1)><script>alert(1)</script><a href="javascript:alert(1)">x</a></p>';

  it('cleans bodies on create, change, restore and engagement drafts', async () => {
    const a = await write(editor, { locale: 'en', title: 'Sanitize', bodyHtml: evil });
    expect(a.bodyHtml).toBe('<p>Hi<a>x</a></p>');
    const changed = await (
      await editor.patch(`/api/articles/${a.id}`, { version: 1, bodyHtml: `<h2 style="x">T</h2>${evil}` })
    ).json();
    expect(changed.bodyHtml).toBe('<h2>T</h2><p>Hi<a>x</a></p>');
    const restored = await (
      await editor.post(`/api/articles/${a.id}/revisions/1/restore`, { version: changed.version })
    ).json();
    expect(findUnsafeMarkup(restored.bodyHtml)).toEqual([]);
    const visit = await recordFireRescueVisit(college.scope, {
      summary: '<img src=x onerror=alert(1)>纪要',
      outcome: '<script>alert(1)</script>共识',
    });
    const draft = await (
      await editor.post('/api/articles/from-engagement', { engagementId: visit.id, locale: 'zh-CN' })
    ).json();
    expect(findUnsafeMarkup(draft.bodyHtml)).toEqual([]);
    expect(draft.bodyHtml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;共识');
  });

  it('keeps every known XSS vector out of stored and published bodies', async () => {
    const other = await buildTenant(t);
    const { client } = await clientAs(t, other, ['college_admin']);
    for (const [i, v] of xssVectors.entries()) {
      const res = await client.post('/api/articles', {
        locale: 'en',
        title: `Vector ${i}`,
        slug: `vector-${i}`,
        bodyHtml: v.html,
      });
      if (v.html.includes('\u0000')) {
        // Text with a NUL character is refused before anything is stored (see routes.ts).
        expect(res.status, v.name).toBe(400);
        expect((await res.json()).error.details[0].code, v.name).toBe('invalid_characters');
        continue;
      }
      expect(res.status, v.name).toBe(201);
      const made = await res.json();
      expect(findUnsafeMarkup(made.bodyHtml), v.name).toEqual([]);
    }
    // One article carrying all of them, published and read back the way the portal renders it.
    const all = await write(client, {
      locale: 'en',
      title: 'All vectors',
      slug: 'all-vectors',
      bodyHtml: xssVectors
        .filter((v) => !v.html.includes('\u0000'))
        .map((v) => v.html)
        .join(''),
    });
    let cur = await (await act(client, all.id, 'submit', { version: 1 })).json();
    cur = await (await act(client, all.id, 'approve', { version: cur.version })).json();
    await act(client, all.id, 'publish', { version: cur.version });
    const page = await getPublishedArticle(other.scope, {
      locale: 'en',
      channelSlug: 'news',
      slug: 'all-vectors',
    });
    expect(page).not.toBeNull();
    expect(findUnsafeMarkup(page!.article.bodyHtml)).toEqual([]);
  });
});

describe('portal reads', () => {
  it('answers article pages with translation, neighbours, related articles and linked partners', async () => {
    const site = await buildTenant(t);
    const { client } = await clientAs(t, site, ['college_admin']);
    const visit = await recordFireRescueVisit(site.scope);
    const older = await write(client, { locale: 'zh-CN', title: '更早', tags: ['消防'] });
    const main = await (
      await client.post('/api/articles/from-engagement', { engagementId: visit.id, locale: 'zh-CN' })
    ).json();
    const en = await write(client, { locale: 'en', title: 'Fire Rescue Corps visit', groupId: main.groupId });
    const newer = await write(client, { locale: 'zh-CN', title: '更新', tags: ['政校合作'] });
    const draft = await write(client, { locale: 'zh-CN', title: '未发布' });
    const publish = async (id: string) => {
      let c = await (
        await act(client, id, 'submit', {
          version: (await (await client.get(`/api/articles/${id}`)).json()).version,
        })
      ).json();
      c = await (await act(client, id, 'approve', { version: c.version })).json();
      return (await act(client, id, 'publish', { version: c.version })).json();
    };
    await publish(older.id);
    const mainLive = await publish(main.id);
    await publish(newer.id);
    expect(draft.status).toBe('draft');

    let page = await getPublishedArticle(site.scope, {
      locale: 'zh-CN',
      channelSlug: 'news',
      slug: mainLive.slug,
    });
    expect(page).toMatchObject({
      article: { id: main.id, title: main.title },
      channel: { slug: 'news', nameZh: '新闻动态' },
      translation: null,
      previous: { id: older.id, title: '更早' },
      next: { id: newer.id, title: '更新' },
      organizations: [{ nameZh: '上海市消防救援总队', nameEn: 'Shanghai Municipal Fire Rescue Corps' }],
      engagements: [{ id: visit.id, startsOn: '2023-11-18' }],
    });
    expect(page!.related.map((r) => r.id).sort()).toEqual([older.id, newer.id].sort());
    expect(page!.related.map((r) => r.id)[0]).toBe(newer.id); // shares the tag 政校合作
    await publish(en.id);
    page = await getPublishedArticle(site.scope, {
      locale: 'zh-CN',
      channelSlug: 'news',
      slug: mainLive.slug,
    });
    expect(page!.translation).toMatchObject({
      locale: 'en',
      channelSlug: 'news',
      slug: 'fire-rescue-corps-visit',
    });
    expect(
      await getPublishedArticle(site.scope, { locale: 'zh-CN', channelSlug: 'notices', slug: mainLive.slug }),
    ).toBeNull();
    expect(
      await getPublishedArticle(site.scope, { locale: 'en', channelSlug: 'news', slug: mainLive.slug }),
    ).toBeNull();
    expect(
      await getPublishedArticle(site.scope, { locale: 'zh-CN', channelSlug: 'news', slug: draft.slug }),
    ).toBeNull();
    expect(
      await getPublishedArticle(college.scope, { locale: 'zh-CN', channelSlug: 'news', slug: mainLive.slug }),
    ).toBeNull();

    const zhList = await listPublishedArticles(site.scope, { locale: 'zh-CN', page: 1, pageSize: 2 });
    expect(zhList.total).toBe(3);
    expect(zhList.items.map((i) => i.id)).toEqual([newer.id, main.id]);
    expect(zhList.items[0]).toMatchObject({ channelSlug: 'news', publishedAt: expect.any(String) });
    expect((await listPublishedArticles(site.scope, { locale: 'zh-CN', featured: true })).total).toBe(0);
    const sitemap = await listSitemapEntries(site.scope);
    expect(sitemap).toHaveLength(4);
    expect(sitemap.find((e) => e.id === main.id)?.translation).toMatchObject({
      locale: 'en',
      slug: 'fire-rescue-corps-visit',
    });
    expect(sitemap.find((e) => e.id === older.id)?.translation).toBeNull();
  });
});

describe('published totals and search index', () => {
  it('follow publishing, edits, channel moves, unpublishing and deletion', async () => {
    const site = await buildTenant(t);
    const { client } = await clientAs(t, site, ['college_admin']);
    const notices = await (
      await client.post('/api/channels', { slug: 'notices', nameZh: '通知公告', nameEn: 'Notices' })
    ).json();
    const live: Json[] = [];
    for (const title of ['Alpha fire drill', 'Bravo open day', 'Charlie fire safety']) {
      const a = await write(client, { locale: 'en', title });
      let c = await (await act(client, a.id, 'submit', { version: 1 })).json();
      c = await (await act(client, a.id, 'approve', { version: c.version })).json();
      live.push(await (await act(client, a.id, 'publish', { version: c.version })).json());
    }
    const total = async (o: { channelId?: string; featured?: boolean } = {}) =>
      (await listPublishedArticles(site.scope, { locale: 'en', page: 2, pageSize: 1, ...o })).total;
    const found = async (q: string) =>
      (
        await (await new TestClient(t, site.host).get(`/api/articles/search?locale=en&q=${q}`)).json()
      ).items.map((i: Json) => i.id);
    expect(await total()).toBe(3);
    expect(await found('fire')).toEqual([live[2]!.id, live[0]!.id]);
    // Moved to another channel and featured: counted there.
    const moved = await (
      await client.patch(`/api/articles/${live[0]!.id}`, {
        channelId: notices.id,
        featured: true,
        version: live[0]!.version,
      })
    ).json();
    expect(await total({ channelId: notices.id })).toBe(1);
    expect(await total({ featured: true })).toBe(1);
    expect(await total()).toBe(3);
    // A new title is searchable at once; the old words are gone.
    const renamed = await (
      await client.patch(`/api/articles/${moved.id}`, {
        title: 'Alpha evacuation drill',
        version: moved.version,
      })
    ).json();
    expect(await found('evacuation')).toEqual([moved.id]);
    expect(await found('fire')).toEqual([live[2]!.id]);
    const off = await (await act(client, renamed.id, 'unpublish', { version: renamed.version })).json();
    expect(await total()).toBe(2);
    expect(await total({ channelId: notices.id })).toBe(0);
    expect(await found('evacuation')).toEqual([]);
    expect((await client.request('DELETE', `/api/articles/${off.id}?version=${off.version}`)).status).toBe(
      204,
    );
    expect(await total()).toBe(2);
  });
});

describe('search', () => {
  let site: Awaited<ReturnType<typeof buildTenant>>;
  let client: TestClient;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    site = await buildTenant(t);
    client = (await clientAs(t, site, ['college_admin'])).client;
    const publish = async (key: string, body: Json) => {
      const a = await write(client, body);
      let c = await (await act(client, a.id, 'submit', { version: 1 })).json();
      c = await (await act(client, a.id, 'approve', { version: c.version })).json();
      await act(client, a.id, 'publish', { version: c.version });
      ids[key] = a.id;
    };
    await publish('fire', {
      locale: 'zh-CN',
      title: '上海市消防救援总队来校洽谈合作',
      summary: '双方就消防救援技术专业共建深入交流。',
      bodyHtml: '<p>总队一行参观了学校跨企业实训中心和化工综合实训楼，对学校政校合作的经验给予高度评价。</p>',
    });
    await publish('covestro', {
      locale: 'zh-CN',
      title: '学校代表团赴科思创上海一体化基地交流',
      bodyHtml: '<p>双方回顾了二十年合作，商定安排教师企业实践。Covestro 基地拥有11座工厂。</p>',
    });
    await publish('bodyOnly', {
      locale: 'zh-CN',
      title: '教师企业实践总结',
      bodyHtml: '<p>今年的实践中，有教师到消防设备企业学习。</p>',
    });
    await publish('enFire', {
      locale: 'en',
      title: 'Fire Rescue Corps delegation visits the college',
      bodyHtml: '<p>The delegation toured the Cross-enterprise Training Center.</p>',
    });
    await publish('enCovestro', {
      locale: 'en',
      title: 'College delegation at the Covestro Integrated Site',
      bodyHtml:
        '<p>Twenty years of partnership in chemical training; teachers will practise at the site. Fire safety was also discussed.</p>',
    });
    const draft = await write(client, { locale: 'zh-CN', title: '消防草稿不应被搜到' });
    ids.draft = draft.id;
  });

  const search = async (q: string, locale = 'zh-CN', scopeHost?: TestClient) =>
    (
      await (scopeHost ?? viewer).get(`/api/articles/search?locale=${locale}&q=${encodeURIComponent(q)}`)
    ).json();

  it('finds Chinese articles by words and phrases, never drafts, other languages or other colleges', async () => {
    const anon = new TestClient(t, site.host);
    for (const q of ['消防', '消防救援', '实训中心', '消防救援总队']) {
      const result = await (
        await anon.get(`/api/articles/search?locale=zh-CN&q=${encodeURIComponent(q)}`)
      ).json();
      expect(
        result.items.map((i: Json) => i.id),
        q,
      ).toContain(ids.fire);
      expect(
        result.items.map((i: Json) => i.id),
        q,
      ).not.toContain(ids.draft);
    }
    const fire = await (
      await anon.get(`/api/articles/search?locale=zh-CN&q=${encodeURIComponent('消防')}`)
    ).json();
    // Title matches rank above body matches.
    expect(fire.items.map((i: Json) => i.id)).toEqual([ids.fire, ids.bodyOnly]);
    expect(fire.total).toBe(2);
    expect(fire.items[0]).toMatchObject({ channelSlug: 'news', title: '上海市消防救援总队来校洽谈合作' });
    const hit = fire.items[1].snippet.find((p: Json) => p.hit);
    expect(hit.text).toBe('消防');
    const other = await search('消防', 'zh-CN');
    expect(other.total).toBe(0); // viewer's college has no such published article
    const en = await (
      await anon.get(`/api/articles/search?locale=en&q=${encodeURIComponent('消防')}`)
    ).json();
    expect(en.total).toBe(0);
  });

  it('finds English articles by words with the last one as a prefix, and mixed queries', async () => {
    const anon = new TestClient(t, site.host);
    const get = async (q: string, locale = 'en') =>
      (await (
        await anon.get(`/api/articles/search?locale=${locale}&q=${encodeURIComponent(q)}`)
      ).json()) as Json;
    expect((await get('fire')).items.map((i: Json) => i.id)).toEqual([ids.enFire, ids.enCovestro]);
    expect((await get('Covestro partn')).items.map((i: Json) => i.id)).toEqual([ids.enCovestro]);
    expect((await get('delegation trai')).total).toBe(2);
    expect((await get('deleg')).total).toBe(2);
    const snippet = (await get('training cent')).items[0].snippet;
    expect(snippet.filter((p: Json) => p.hit).map((p: Json) => p.text)).toEqual(['Training Center']);
    expect((await get('Covestro 教师', 'zh-CN')).items.map((i: Json) => i.id)).toEqual([ids.covestro]);
  });

  it('answers empty, very long and special-character queries without failing', async () => {
    const anon = new TestClient(t, site.host);
    for (const q of [
      '',
      '   ',
      '&|!():*<>\'"\\',
      "o'brien",
      '消防 & | ! 救援',
      'a:* | b',
      '-- drop table',
      '🔥',
      'x'.repeat(500),
      '消防'.repeat(200),
    ]) {
      const res = await anon.get(`/api/articles/search?locale=en&q=${encodeURIComponent(q)}`);
      expect(res.status, q).toBe(200);
      expect((await res.json()).items, q).toEqual(expect.any(Array));
    }
    expect((await anon.get(`/api/articles/search?locale=en&q=${'x'.repeat(600)}`)).status).toBe(400);
    expect((await anon.get('/api/articles/search?q=x')).status).toBe(400);
    const page2 = await (await anon.get(`/api/articles/search?locale=en&q=fire&page=2&pageSize=1`)).json();
    expect(page2).toMatchObject({ total: 2, items: [expect.objectContaining({ id: ids.enCovestro })] });
    const beyond = await (await anon.get(`/api/articles/search?locale=en&q=fire&page=5&pageSize=1`)).json();
    expect(beyond).toEqual({ items: [], total: 2, countCap: 1000 });
  });

  it('ranks title matches first, newest first in each group, whichever way a page is found, and caps the count', async () => {
    const made: { id: string; inTitle: boolean }[] = [];
    for (let i = 0; i < 7; i++) {
      const inTitle = i % 3 === 0;
      const a = await write(client, {
        locale: 'en',
        title: inTitle ? `Harbourside drill number ${i}` : `Campus report number ${i}`,
        bodyHtml: `<p>${inTitle ? 'A drill on the quay.' : 'Students joined the harbourside drill.'} Report ${i}.</p>`,
      });
      let c = await (await act(client, a.id, 'submit', { version: 1 })).json();
      c = await (await act(client, a.id, 'approve', { version: c.version })).json();
      await act(client, a.id, 'publish', { version: c.version });
      made.push({ id: a.id, inTitle });
    }
    const newestFirst = [...made].reverse();
    const expected = [
      ...newestFirst.filter((m) => m.inTitle).map((m) => m.id),
      ...newestFirst.filter((m) => !m.inTitle).map((m) => m.id),
    ];
    // A page is found by sorting the matches (walkRows 0, or a count under the cap) or, when the
    // count reaches the cap, by walking the articles newest first (a huge walkRows).
    // A walk bound of 2 makes the walk come up short, and give way to sorting.
    for (const [walkRows, walkBound] of [
      [0, undefined],
      [1_000_000, undefined],
      [1_000_000, 2],
    ] as const) {
      for (const countCap of [1000, 3]) {
        const label = `walkRows ${walkRows}, walkBound ${walkBound}, countCap ${countCap}`;
        const found: string[] = [];
        for (let page = 1; page <= 5; page++) {
          const result = await searchArticles(
            site.scope,
            { q: 'harbourside drill', locale: 'en', page, pageSize: 2 },
            { walkRows, walkBound, countCap },
          );
          expect(result, label).toMatchObject({ total: Math.min(7, countCap), countCap });
          found.push(...result.items.map((i) => i.id));
        }
        // Past a capped count the pages stop.
        expect(found, label).toEqual(countCap === 3 ? expected.slice(0, 3) : expected);
        // Matches only in the text: no title group.
        const textOnly: string[] = [];
        for (let page = 1; page <= 3; page++) {
          const result = await searchArticles(
            site.scope,
            { q: 'students', locale: 'en', page, pageSize: 2 },
            { walkRows, walkBound, countCap },
          );
          textOnly.push(...result.items.map((i) => i.id));
        }
        expect(textOnly, label).toEqual(newestFirst.filter((m) => !m.inTitle).map((m) => m.id));
      }
    }
  });
});
