import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allRouteSpecs } from '../src/app.ts';
import { loadDemo } from '../src/features/demo/demo.service.ts';
import { findTenantBySlug } from '../src/features/tenants/tenants.service.ts';
import { clientAs, createTestApp, type TestApp, TestClient } from './test-app.ts';

/**
 * Two colleges in one database: A is the demo college with records of every kind, B a college whose
 * administrator (every permission of a college) tries every route on A's ids.
 */
let t: TestApp;
let work: string;
let a: { id: string; host: string };
let b: { id: string; host: string };
let admin: TestClient;
/** Every id of a row of college A, and a few per table to ask for. */
const idsOfA = new Set<string>();
const sampleOfA: string[] = [];

type Rows = { rows: Record<string, unknown>[] };
const rowsOf = async (query: ReturnType<typeof sql>) =>
  ((await t.database.db.execute(query)) as unknown as Rows).rows;

/** College A's rows of every table, to show that nothing B did changed them. */
async function snapshotOfA(): Promise<Record<string, string[]>> {
  const tables = await rowsOf(sql`select table_name as t from information_schema.columns
    where table_schema = 'public' and column_name = 'tenant_id' order by 1`);
  const out: Record<string, string[]> = {};
  for (const { t: table } of tables) {
    const rows = await rowsOf(
      sql`select row_to_json(x)::text as j from ${sql.identifier(String(table))} x where tenant_id = ${a.id}`,
    );
    out[String(table)] = rows.map((r) => String(r.j)).sort();
  }
  return out;
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'concord-tenants-'));
  t = await createTestApp({ DATA_DIR: work });
  await loadDemo(t.database.db, { dataDir: work });
  const demo = (await findTenantBySlug(t.database.db, 'demo'))!;
  a = { id: demo.id, host: 'demo.concord.test' };
  // B is added the way an operator adds a college: by a platform administrator, on the colleges API.
  const platform = (await clientAs(t, a, ['platform_admin'])).client;
  const made = await platform.post('/api/colleges', {
    slug: 'college-b',
    nameZh: '乙职业技术学院',
    nameEn: 'College B',
    host: 'college-b.test',
    admin: { email: 'admin@college-b.test', name: '乙校管理员', password: 'harbour-crane-4821' },
  });
  expect(made.status, await made.clone().text()).toBe(201);
  b = { id: (await made.json()).id, host: 'college-b.test' };
  admin = await new TestClient(t, b.host).login('admin@college-b.test', 'harbour-crane-4821');
  // B has records of its own, so its lists are not trivially empty.
  const partner = await (
    await admin.post('/api/organizations', { kind: 'enterprise', nameZh: '乙校合作企业' })
  ).json();
  await admin.post('/api/engagements', {
    type: 'meeting',
    titleZh: '乙校座谈',
    startsOn: '2025-03-01',
    organizations: [{ organizationId: partner.id, role: 'partner' }],
  });
  const tables = await rowsOf(sql`select c.table_name as t from information_schema.columns c
    join information_schema.columns k on k.table_schema = c.table_schema and k.table_name = c.table_name and k.column_name = 'tenant_id'
    where c.table_schema = 'public' and c.column_name = 'id' and c.data_type = 'uuid' order by 1`);
  for (const { t: table } of tables) {
    const ids = await rowsOf(
      sql`select id::text as id from ${sql.identifier(String(table))} where tenant_id = ${a.id}`,
    );
    for (const { id } of ids) idsOfA.add(String(id));
    sampleOfA.push(...ids.slice(0, 2).map((r) => String(r.id)));
  }
}, 180_000);
afterAll(async () => {
  await t.close();
  await rm(work, { recursive: true, force: true });
});

/**
 * The routes of a college's own data. The colleges routes are the platform administrator's view across
 * the deployment (no college administrator reaches them: the authorization test proves it).
 */
const collegeRoutes = () => allRouteSpecs().filter((s) => s.access !== 'tenants.manage');

const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

describe('tenant isolation', () => {
  it('answers 404 to every read of an id of another college', async () => {
    expect(sampleOfA.length).toBeGreaterThan(40);
    const reads = collegeRoutes().filter((s) => s.method === 'GET' && s.path.includes('/:'));
    const leaks: string[] = [];
    let asked = 0;
    for (const spec of reads) {
      for (const id of sampleOfA) {
        const res = await admin.get(spec.path.replace(/:\w+/g, id));
        asked++;
        if (res.status !== 404) leaks.push(`GET ${spec.path} with ${id}: ${res.status}`);
      }
    }
    expect(leaks).toEqual([]);
    expect(asked).toBeGreaterThan(1000);
    process.stdout.write(
      `tenant isolation: ${asked} reads (${reads.length} routes × ${sampleOfA.length} ids of the other college), all 404\n`,
    );
  }, 300_000);

  it('lists, reports and exports nothing of another college', async () => {
    const lists = collegeRoutes().filter((s) => s.method === 'GET' && !s.path.includes('/:'));
    const leaks: string[] = [];
    for (const spec of lists) {
      const res = await admin.get(spec.path);
      const type = res.headers.get('content-type') ?? '';
      if (!/json|text|csv|xml|html/.test(type)) continue;
      const text = await res.text();
      const found = (text.match(uuid) ?? []).filter((id) => idsOfA.has(id));
      if (found.length > 0) leaks.push(`GET ${spec.path}: ${found.slice(0, 3).join(', ')}`);
      if (text.includes('科思创')) leaks.push(`GET ${spec.path}: names a partner of the other college`);
    }
    expect(leaks).toEqual([]);
    process.stdout.write(
      `tenant isolation: ${lists.length} lists, reports and exports free of ${idsOfA.size} ids of the other college\n`,
    );
    // The same lists in college A do show A's records: the check above can see a leak.
    const own = await (await clientAs(t, a, ['college_admin'])).client.get('/api/organizations?q=科思创');
    expect(await own.text()).toContain('科思创');
  }, 300_000);

  it('refuses every write to an id of another college and changes nothing of it', async () => {
    const before = await snapshotOfA();
    const writes = collegeRoutes().filter((s) => s.method !== 'GET' && s.path.includes('/:'));
    const wrong: string[] = [];
    for (const spec of writes) {
      for (const id of sampleOfA) {
        for (const body of [{}, { version: 1 }]) {
          const res = await admin.request(spec.method, spec.path.replace(/:\w+/g, id), body, {
            origin: `http://${b.host}`,
          });
          if (res.status < 400 || res.status >= 500)
            wrong.push(`${spec.method} ${spec.path} with ${id}: ${res.status}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(await snapshotOfA()).toEqual(before);
    process.stdout.write(
      `tenant isolation: ${writes.length * sampleOfA.length * 2} writes (${writes.length} routes × ${sampleOfA.length} ids × 2 bodies) refused, nothing changed\n`,
    );
  }, 300_000);

  it('never shows another college’s articles, media or search results on its public site', async () => {
    const visitor = new TestClient(t, b.host);
    const articles = await rowsOf(sql`select a.slug, a.title, a.locale from articles a
      where a.tenant_id = ${a.id} and a.status = 'published' and a.deleted_at is null and a.locale = 'zh-CN'
      order by a.published_at desc limit 5`);
    expect(articles.length).toBeGreaterThan(0);
    const media = await rowsOf(sql`select id::text as id from media where tenant_id = ${a.id} limit 3`);
    const pages = ['/', '/zh/', '/en/', '/sitemap.xml', '/zh/news/', '/zh/news/rss.xml', '/en/news/atom.xml'];
    for (const article of articles) {
      const segment = 'zh';
      pages.push(`/${segment}/search?q=${encodeURIComponent(String(article.title).slice(0, 4))}`);
      const res = await visitor.get(`/${segment}/news/${String(article.slug)}`);
      expect(res.status, String(article.slug)).toBe(404);
    }
    for (const path of pages) {
      const res = await visitor.get(path);
      const text = await res.text();
      for (const article of articles) expect(text, path).not.toContain(String(article.title));
    }
    for (const { id } of media) {
      expect((await visitor.get(`/media/${id}/original.jpg`)).status).toBe(404);
      expect((await visitor.get(`/zh/media/${id}`)).status).toBe(404);
    }
    // College A's own site shows them.
    const home = await (await new TestClient(t, a.host).get('/zh/')).text();
    expect(articles.some((x) => home.includes(String(x.title)))).toBe(true);
  }, 120_000);
});
