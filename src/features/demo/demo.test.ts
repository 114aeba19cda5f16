import { and, eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, TestClient } from '../../../test/test-app.ts';
import { agreements } from '../agreements/agreements.table.ts';
import { articles } from '../articles/articles.table.ts';
import { organizations } from '../organizations/organizations.table.ts';
import { industryLabel, regionLabel } from '../organizations/organizations.values.ts';
import { isValidUscc } from '../organizations/uscc.ts';
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
    expect(status('Framework cooperation agreement 2019–2023')).toBe('expired');
    expect(status('First order class agreement 2003–2008')).toBe('expired');
    expect(status('Framework cooperation agreement 2023–2028')).toBe('active');
  });

  it('gives the department liaison a department whose records they see', async () => {
    const liaison = await new TestClient(t, host).login('liaison@demo.concord.test', demoPassword);
    const me = await (await liaison.get('/api/auth/me')).json();
    expect(me.user.orgUnitIds).toHaveLength(1);
    const engagements = await (await liaison.get('/api/engagements')).json();
    expect(engagements.total).toBeGreaterThan(0);
  });

  it('tells the Covestro partnership from 2003 to now on its timeline, news included', async () => {
    const officer = await new TestClient(t, host).login('officer@demo.concord.test', demoPassword);
    const found = await (await officer.get('/api/organizations?q=Covestro')).json();
    const covestro = found.items[0];
    const { items } = await (await officer.get(`/api/organizations/${covestro.id}/history`)).json();
    const years = new Set(items.map((i: { date: string }) => i.date.slice(0, 4)));
    for (const year of ['2003', '2010', '2019', '2022', '2023']) expect(years).toContain(year);
    const has = (kind: string, date: string, titleEn: string) =>
      expect(items).toContainEqual(expect.objectContaining({ kind, date, titleEn }));
    has('engagement', '2019-06-20', 'College and Covestro renew their framework cooperation agreement');
    has('agreement', '2019-06-20', 'Framework cooperation agreement 2019–2023');
    has('program', '2022-07-04', 'Teachers’ practice at Covestro');
    expect(items.filter((i: { kind: string }) => i.kind === 'article').length).toBeGreaterThan(0);
    // One person, one name: the registry's general manager is the one the news quotes.
    const person = await (await officer.get('/api/people?q=陈云')).json();
    expect(person.total).toBe(1);
    const news = await t.database.db
      .select({ bodyHtml: articles.bodyHtml })
      .from(articles)
      .where(and(eq(articles.tenantId, tenantId), eq(articles.locale, 'zh-CN')));
    expect(news.some((a) => a.bodyHtml.includes('陈云'))).toBe(true);
    expect(news.some((a) => a.bodyHtml.includes('陈韵'))).toBe(false);
  });

  it('gives its partners well-formed credit codes, industries of the classification and English regions', async () => {
    const rows = await t.database.db.select().from(organizations).where(eq(organizations.tenantId, tenantId));
    const coded = rows.filter((o) => o.uscc);
    expect(coded.length).toBeGreaterThan(rows.length * 0.8);
    for (const o of coded) expect(isValidUscc(o.uscc!), `${o.nameZh} ${o.uscc}`).toBe(true);
    for (const o of rows) {
      if (o.industry) expect(industryLabel(o.industry, 'en'), o.nameZh).not.toBe(o.industry);
      if (o.region) expect(regionLabel(o.region, 'en'), o.nameZh).not.toMatch(/\p{Script=Han}/u);
    }
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
