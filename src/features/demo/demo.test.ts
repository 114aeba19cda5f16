import { and, eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, TestClient } from '../../../test/test-app.ts';
import { agreements } from '../agreements/agreements.table.ts';
import { articles } from '../articles/articles.table.ts';
import { findTenantBySlug } from '../tenants/tenants.service.ts';
import { demoPassword, loadDemo } from './demo.service.ts';

let t: TestApp;
let tenantId: string;
const host = 'demo.concord.test';

beforeAll(async () => {
  t = await createTestApp();
  await loadDemo(t.database.db);
  tenantId = (await findTenantBySlug(t.database.db, 'demo'))!.id;
});
afterAll(() => t.close());

/** The demo tells a story a new user can follow: what it shows has to hold together. */
describe('the demo college', () => {
  it('has its signed agreements active or expired, and only unsigned ones in draft', async () => {
    const rows = await t.database.db.select().from(agreements).where(eq(agreements.tenantId, tenantId));
    expect(rows.filter((r) => r.status === 'draft' && r.signedOn)).toEqual([]);
    const officer = await new TestClient(t, host).login('officer@demo.concord.test', demoPassword);
    const list = await (await officer.get('/api/agreements?pageSize=100')).json();
    const status = (titleEn: string) =>
      list.items.find((a: { titleEn: string }) => a.titleEn === titleEn)?.status;
    expect(status('Framework cooperation agreement 2018–2023')).toBe('expired');
    expect(status('Framework cooperation agreement 2023–2028')).toBe('active');
  });

  it('gives the department liaison a department whose records they see', async () => {
    const liaison = await new TestClient(t, host).login('liaison@demo.concord.test', demoPassword);
    const me = await (await liaison.get('/api/auth/me')).json();
    expect(me.user.orgUnitIds).toHaveLength(1);
    const engagements = await (await liaison.get('/api/engagements')).json();
    expect(engagements.total).toBeGreaterThan(0);
  });

  it('tags English articles in English', async () => {
    const english = await t.database.db
      .select({ tags: articles.tags })
      .from(articles)
      .where(
        and(eq(articles.tenantId, tenantId), eq(articles.locale, 'en'), isNotNull(articles.publishedAt)),
      );
    expect(english.length).toBeGreaterThan(0);
    for (const { tags } of english) for (const tag of tags) expect(tag).not.toMatch(/\p{Script=Han}/u);
  });
});
