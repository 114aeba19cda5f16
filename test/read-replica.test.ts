import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReadReplica } from '../src/db/read-replica.ts';
import { createLogger } from '../src/platform/logger.ts';
import { buildTenant, clientAs, createTestApp, type TestApp, TestClient } from './test-app.ts';
import { databaseUrlOf } from './test-database.ts';

const onPostgres = Boolean(process.env.DATABASE_URL);

/**
 * The read replica's routing, on PostgreSQL: the "replica" here is the test database itself through
 * read-only connections (as a standby is), so any public page that tried to write would fail. The
 * streaming replica proper is exercised by the cluster test (scripts/cluster-test.ts).
 */
describe.skipIf(!onPostgres)('public reads from a read replica', () => {
  let t: TestApp;
  let tenant: Awaited<ReturnType<typeof buildTenant>>;
  let desk: TestClient;
  let replica: ReadReplica;
  const log = createLogger('silent');

  beforeAll(async () => {
    t = await createTestApp();
    tenant = await buildTenant(t);
    desk = (await clientAs(t, tenant, ['college_admin'])).client;
    let a = await (
      await desk.post('/api/articles', {
        locale: 'zh-CN',
        title: '科思创与我校续签实训基地协议',
        summary: '双方在上海一体化基地续签校外实训基地协议。',
        bodyHtml: '<p>双方续签校外实训基地协议，共建安全实训课程。</p>',
        slug: 'covestro-renewal',
      })
    ).json();
    for (const action of ['submit', 'approve', 'publish'])
      a = await (await desk.post(`/api/articles/${a.id}/${action}`, { version: a.version })).json();
    replica = new ReadReplica({ url: databaseUrlOf(t.database) ?? '', maxLagSeconds: 5, log });
    await replica.start();
    t.services.replica = replica;
  });
  afterAll(async () => {
    await replica?.close();
    await t?.close();
  });

  it('serves every public page, feed and sitemap to anonymous readers from the replica, read-only', async () => {
    const visitor = new TestClient(t, tenant.host);
    const before = replica.reads;
    const sitemap = await visitor.get('/sitemap.xml');
    expect(sitemap.status).toBe(200);
    const paths = [...(await sitemap.text()).matchAll(/<loc>([^<]+)<\/loc>/g)].map(
      (m) => new URL(m[1] ?? '').pathname,
    );
    expect(paths.some((p) => p.endsWith('/covestro-renewal'))).toBe(true);
    for (const path of [...new Set(paths), '/zh/search?q=科思创', '/robots.txt']) {
      const res = await visitor.get(path);
      expect(res.status, path).toBe(200);
    }
    const article = paths.find((p) => p.endsWith('/covestro-renewal')) ?? '';
    expect(await (await new TestClient(t, tenant.host).get(`${article}?v=2`)).text()).toContain(
      '续签实训基地协议',
    );
    expect(replica.reads - before).toBeGreaterThanOrEqual(paths.length);
    const ready = await (await visitor.get('/readyz')).json();
    expect(ready.replica).toMatchObject({ state: 'ok', readsFrom: 'replica', lagSeconds: 0 });
  });

  it('reads the primary for a logged-in person, for the API and for every write', async () => {
    const before = replica.reads;
    expect((await desk.get('/zh/?editor=1')).status).toBe(200);
    expect((await desk.get('/api/articles')).status).toBe(200);
    expect((await new TestClient(t, tenant.host).get('/api/sso/options')).status).toBe(200);
    expect(replica.reads).toBe(before);
  });

  it('falls back to the primary while the replica is behind the last change, or down', async () => {
    const visitor = new TestClient(t, tenant.host);
    // A change this process heard of that the replica has not replayed yet.
    replica.requirePosition(2n ** 62n);
    let before = replica.reads;
    expect((await visitor.get('/zh/?behind=1')).status).toBe(200);
    expect(replica.reads).toBe(before);
    expect((await (await visitor.get('/readyz')).json()).replica).toMatchObject({
      readsFrom: 'primary',
      behindLastChange: true,
    });

    // A replica that does not answer: the first check marks it down, pages come from the primary.
    const gone = new ReadReplica({ url: 'postgres://postgres@127.0.0.1:1/none', maxLagSeconds: 5, log });
    await gone.start();
    t.services.replica = gone;
    try {
      before = gone.reads;
      expect((await visitor.get('/zh/?down=1')).status).toBe(200);
      expect(gone.reads).toBe(before);
      const ready = await visitor.get('/readyz');
      expect(ready.status).toBe(200);
      expect((await ready.json()).replica).toMatchObject({ state: 'down', readsFrom: 'primary' });
    } finally {
      t.services.replica = replica;
      await gone.close();
    }
  });

  it('answers a read the replica cannot (it stopped a moment ago) from the primary, and marks it down', async () => {
    const stopped = new ReadReplica({
      url: 'postgres://postgres@127.0.0.1:1/none',
      primary: t.database.pool!,
      maxLagSeconds: 5,
      log,
    });
    try {
      const result = await stopped.db.execute(sql`select 41 + 1 as answer`);
      expect((result as unknown as { rows: { answer: number }[] }).rows[0]?.answer).toBe(42);
      expect(stopped.health.state).toBe('down');
      // A wrong query is not the replica's absence: its error stands.
      await expect(stopped.db.execute(sql`select no_such_column from no_such_table`)).rejects.toThrow();
    } finally {
      await stopped.close();
    }
  });
});
