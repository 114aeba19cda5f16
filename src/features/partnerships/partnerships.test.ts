import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTenant,
  buildUser,
  clientAs,
  createTestApp,
  type TestApp,
  TestClient,
} from '../../../test/test-app.ts';
import { newId } from '../../db/ids.ts';
import type { TenantScope } from '../../db/tenant-scope.ts';
import { agreementParties, agreements } from '../agreements/agreements.table.ts';
import { timelineEvents } from '../audit/audit.table.ts';
import { commitments } from '../commitments/commitments.table.ts';
import { engagementOrganizations, engagements } from '../engagements/engagements.table.ts';
import { organizations } from '../organizations/organizations.table.ts';
import { affiliations } from '../people/people.table.ts';
import { programs } from '../programs/programs.table.ts';
import { users } from '../users/users.table.ts';
import { partnerships } from './partnerships.table.ts';

let t: TestApp;
let college: Awaited<ReturnType<typeof buildTenant>>;
let other: Awaited<ReturnType<typeof buildTenant>>;
let officer: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  college = await buildTenant(t);
  other = await buildTenant(t);
  officer = (await clientAs(t, college, ['cooperation_officer'])).client;
});
afterAll(() => t.close());

async function makeOrganization(client: TestClient, body: Record<string, unknown>) {
  const res = await client.post('/api/organizations', { kind: 'enterprise', ...body });
  expect(res.status).toBe(201);
  return res.json();
}

async function makeUnit(nameZh: string): Promise<string> {
  const res = await officer.post('/api/org-units', { nameZh });
  expect(res.status).toBe(201);
  return (await res.json()).id;
}

/** A liaison of the given departments, logged in. */
async function liaisonOf(orgUnitIds: string[]): Promise<TestClient> {
  const user = await buildUser(t, college, ['department_liaison']);
  await college.scope.updateRaw(users, eq(users.id, user.id), { orgUnitIds });
  return new TestClient(t, college.host).login(user.email);
}

describe('the partner list', () => {
  it('searches names, aliases and credit codes, filters by partnership and registry fields, sorts and pages', async () => {
    const unit = await makeUnit('智能制造学院');
    const a = await makeOrganization(officer, {
      nameZh: '阿尔法精密机械有限公司',
      nameEn: 'Alpha Precision',
      aliases: ['阿尔法机械'],
      industry: 'C34',
      region: '350100',
      tags: ['机械'],
      flags: ['fortune500'],
      since: '2010',
    });
    const b = await makeOrganization(officer, {
      nameZh: '贝塔电子有限公司',
      nameEn: 'Beta Electronics',
      uscc: '91350100M000100Y43',
      since: '2018-03',
    });
    const c = await makeOrganization(officer, {
      nameZh: '伽马物流',
      nameEn: 'Gamma Logistics',
      kind: 'park',
    });
    const put = await officer.request('PUT', `/api/organizations/${a.id}/partnership`, {
      stage: 'active',
      leadOrgUnitId: unit,
      dimensions: ['order_class', 'training_base'],
    });
    expect(put.status).toBe(201);

    const ids = async (query: string) =>
      ((await (await officer.get(`/api/organizations?${query}`)).json()).items as { id: string }[]).map(
        (o) => o.id,
      );
    expect(await ids('q=阿尔法机械')).toEqual([a.id]);
    expect(await ids('q=alpha')).toEqual([a.id]);
    expect(await ids('q=M000100Y43')).toEqual([b.id]);
    expect(await ids('q=Gamma%20Logistic')).toEqual([c.id]);
    expect(await ids('stage=active')).toEqual([a.id]);
    expect(await ids('dimension=training_base')).toEqual([a.id]);
    expect(await ids(`orgUnitId=${unit}`)).toEqual([a.id]);
    expect(await ids('kind=park')).toEqual([c.id]);
    expect(await ids('industry=C34&region=350100&tag=机械&flag=fortune500')).toEqual([a.id]);
    expect(await ids('sort=since')).toEqual([a.id, b.id, c.id]);
    expect(await ids('sort=-nameEn')).toEqual([c.id, b.id, a.id]);

    const page = await (await officer.get('/api/organizations?sort=nameEn&page=2&pageSize=2')).json();
    expect(page.total).toBe(3);
    expect(page.items.map((o: { id: string }) => o.id)).toEqual([c.id]);
    const first = await (await officer.get(`/api/organizations?stage=active`)).json();
    expect(first.items[0]).toMatchObject({ stage: 'active', dimensions: ['order_class', 'training_base'] });

    const bad = await officer.get('/api/organizations?sort=color&stage=married&pageSize=0');
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.details.map((d: { path: string }) => d.path)).toEqual(
      expect.arrayContaining(['sort', 'stage', 'pageSize']),
    );

    // Another college sees none of them.
    const { client: theirs } = await clientAs(t, other, ['college_admin']);
    expect((await (await theirs.get('/api/organizations')).json()).total).toBe(0);
    expect((await theirs.get(`/api/organizations/${a.id}/partnership`)).status).toBe(404);
    expect(
      (await theirs.request('PUT', `/api/organizations/${a.id}/partnership`, { stage: 'ended' })).status,
    ).toBe(404);
  });
});

describe('partnerships', () => {
  it('creates, then changes with the version, refusing stale versions and unknown references', async () => {
    const org = await makeOrganization(officer, { nameZh: '德尔塔汽车' });
    expect((await officer.get(`/api/organizations/${org.id}/partnership`)).status).toBe(404);
    const bad = await officer.request('PUT', `/api/organizations/${org.id}/partnership`, {
      stage: 'married',
      dimensions: ['juggling'],
      majorIds: [crypto.randomUUID()],
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.details.map((d: { path: string }) => d.path)).toEqual(
      expect.arrayContaining(['stage', 'dimensions.0']),
    );
    const unknownMajor = await officer.request('PUT', `/api/organizations/${org.id}/partnership`, {
      majorIds: [crypto.randomUUID()],
    });
    expect((await unknownMajor.json()).error.details[0]).toMatchObject({
      path: 'majorIds',
      code: 'unknown_reference',
    });

    const created = await officer.request('PUT', `/api/organizations/${org.id}/partnership`, {
      stage: 'prospect',
      dimensions: ['dialogue'],
      since: '2020-06',
    });
    expect(created.status).toBe(201);
    expect((await created.json()).version).toBe(1);
    const noVersion = await officer.request('PUT', `/api/organizations/${org.id}/partnership`, {
      stage: 'active',
    });
    expect((await noVersion.json()).error.details[0].path).toBe('version');
    const changed = await officer.request('PUT', `/api/organizations/${org.id}/partnership`, {
      version: 1,
      stage: 'active',
      dimensions: ['dialogue', 'fund'],
    });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({
      version: 2,
      stage: 'active',
      dimensions: ['dialogue', 'fund'],
    });
    const stale = await officer.request('PUT', `/api/organizations/${org.id}/partnership`, {
      version: 1,
      stage: 'ended',
    });
    expect(stale.status).toBe(409);
    const { client: viewer } = await clientAs(t, college, ['viewer']);
    expect((await viewer.get(`/api/organizations/${org.id}/partnership`)).status).toBe(200);
    expect(
      (await viewer.request('PUT', `/api/organizations/${org.id}/partnership`, { version: 2 })).status,
    ).toBe(403);
  });

  it('lets a department liaison change only partners led by their department, or without a partnership', async () => {
    const mine = await makeUnit('信息工程学院');
    const theirs = await makeUnit('经济管理学院');
    const liaison = await liaisonOf([mine]);
    const ours = await makeOrganization(officer, { nameZh: '艾普西龙软件' });
    const foreign = await makeOrganization(officer, { nameZh: '泽塔贸易' });
    await officer.request('PUT', `/api/organizations/${foreign.id}/partnership`, { leadOrgUnitId: theirs });

    // Reading is open to them.
    expect((await liaison.get(`/api/organizations/${foreign.id}`)).status).toBe(200);
    expect((await liaison.get(`/api/organizations/${foreign.id}/partnership`)).status).toBe(200);
    // Another department's partner is closed to changes.
    expect(
      (await liaison.patch(`/api/organizations/${foreign.id}`, { version: 1, region: 'x' })).status,
    ).toBe(403);
    expect(
      (
        await liaison.request('PUT', `/api/organizations/${foreign.id}/partnership`, {
          version: 1,
          stage: 'ended',
        })
      ).status,
    ).toBe(403);
    expect((await liaison.request('DELETE', `/api/organizations/${foreign.id}?version=1`)).status).toBe(403);
    // A partner without a partnership: they may edit it and start one led by their department only.
    expect(
      (await liaison.patch(`/api/organizations/${ours.id}`, { version: 1, region: '350100' })).status,
    ).toBe(200);
    const elsewhere = await liaison.request('PUT', `/api/organizations/${ours.id}/partnership`, {
      leadOrgUnitId: theirs,
    });
    expect(elsewhere.status).toBe(400);
    expect((await elsewhere.json()).error.details[0].path).toBe('leadOrgUnitId');
    expect(
      (await liaison.request('PUT', `/api/organizations/${ours.id}/partnership`, { leadOrgUnitId: mine }))
        .status,
    ).toBe(201);
    expect(
      (await liaison.patch(`/api/organizations/${ours.id}`, { version: 2, tags: ['软件'] })).status,
    ).toBe(200);
    // They may create partners too.
    expect((await liaison.post('/api/organizations', { kind: 'enterprise', nameZh: '新伙伴' })).status).toBe(
      201,
    );
  });
});

async function insertReferences(scope: TenantScope, organizationId: string) {
  const engagementId = newId();
  await scope.insertRaw(engagements, {
    id: engagementId,
    type: 'visit_inbound',
    titleZh: '来访交流',
    startsOn: '2019-05-20',
  });
  await scope.insertRaw(engagementOrganizations, { id: newId(), engagementId, organizationId });
  const agreementId = newId();
  await scope.insertRaw(agreements, {
    id: agreementId,
    type: 'framework',
    titleZh: '框架协议',
    signedOn: '2020-01-10',
  });
  await scope.insertRaw(agreementParties, { id: newId(), agreementId, organizationId, role: 'party_b' });
  const programId = newId();
  await scope.insertRaw(programs, {
    id: programId,
    dimension: 'order_class',
    titleZh: '订单班',
    organizationIds: [organizationId],
    startOn: '2021-09-01',
  });
  const commitmentId = newId();
  await scope.insertRaw(commitments, {
    id: commitmentId,
    text: '互派人员',
    organizationId,
    dueOn: '2022-03-01',
  });
  return { engagementId, agreementId, programId, commitmentId };
}

describe('industry and region', () => {
  it('keeps industries as codes of the national classification and regions by their Chinese name', async () => {
    const byName = await makeOrganization(officer, {
      nameZh: '甲化工有限公司',
      industry: '化学原料和化学制品制造业',
      region: 'Jinshan District, Shanghai',
    });
    expect(byName).toMatchObject({ industry: 'C26', region: '上海市金山区' });
    const byLabel = await makeOrganization(officer, {
      nameZh: '乙电气有限公司',
      industry: 'C38 Manufacture of electrical machinery and equipment',
      region: '江苏省',
    });
    expect(byLabel).toMatchObject({ industry: 'C38', region: '江苏省' });
    const byCode = await makeOrganization(officer, {
      nameZh: '丙软件有限公司',
      industry: 'i65',
      region: '某开发区',
    });
    expect(byCode).toMatchObject({ industry: 'I65', region: '某开发区' });

    for (const [language, message] of [
      ['zh-CN', '请从国民经济行业分类（GB/T 4754）中选择行业，如 C26 化学原料和化学制品制造业。'],
      ['en', 'Choose an industry of the national classification (GB/T 4754), e.g. C26.'],
    ] as const) {
      const refused = await officer.request(
        'POST',
        '/api/organizations',
        { kind: 'enterprise', nameZh: '丁公司', industry: 'Widgets' },
        { 'accept-language': language },
      );
      expect(refused.status).toBe(400);
      expect((await refused.json()).error.details).toEqual([
        expect.objectContaining({ path: 'industry', code: 'unknown_industry', message }),
      ]);
    }
    const changed = await officer.request('PATCH', `/api/organizations/${byCode.id}`, {
      version: byCode.version,
      industry: null,
    });
    expect(await changed.json()).toMatchObject({ industry: null });

    // A section letter finds the section's divisions.
    const ids = async (query: string) =>
      ((await (await officer.get(`/api/organizations?${query}`)).json()).items as { id: string }[])
        .map((o) => o.id)
        .sort();
    expect(await ids('industry=C')).toEqual(expect.arrayContaining([byName.id, byLabel.id].sort()));
    expect(await ids('industry=C')).not.toContain(byCode.id);
    expect(await ids('industry=C26')).toContain(byName.id);
    expect(await ids('industry=C26')).not.toContain(byLabel.id);
  });
});

describe('partner history', () => {
  it('lists every engagement, agreement, program and commitment newest first, back to cooperating since', async () => {
    const org = await makeOrganization(officer, { nameZh: '伊塔制药', since: '2008' });
    const refs = await insertReferences(college.scope, org.id);
    const res = await officer.get(`/api/organizations/${org.id}/history`);
    expect(res.status).toBe(200);
    const { items } = await res.json();
    expect(items.map((i: { kind: string; date: string }) => [i.kind, i.date])).toEqual([
      ['commitment', '2022-03-01'],
      ['program', '2021-09-01'],
      ['agreement', '2020-01-10'],
      ['engagement', '2019-05-20'],
      ['partnership', '2008-01-01'],
    ]);
    expect(items[3].id).toBe(refs.engagementId);

    // News about the partner joins its history, once per story whatever its languages.
    const editor = (await clientAs(t, college, ['editor'])).client;
    const zh = await editor.post('/api/articles', {
      locale: 'zh-CN',
      title: '伊塔制药来校交流',
      links: [{ type: 'organization', id: org.id }],
    });
    expect(zh.status).toBe(201);
    const story = await zh.json();
    const en = await editor.post('/api/articles', {
      locale: 'en',
      title: 'Eta Pharma visits the college',
      groupId: story.groupId,
    });
    expect(en.status).toBe(201);
    const withNews = (await (await officer.get(`/api/organizations/${org.id}/history`)).json()).items;
    const news = withNews.filter((i: { kind: string }) => i.kind === 'article');
    expect(news).toEqual([
      expect.objectContaining({
        id: story.id,
        titleZh: '伊塔制药来校交流',
        titleEn: 'Eta Pharma visits the college',
        status: 'draft',
      }),
    ]);
    const { client: theirs } = await clientAs(t, other, ['viewer']);
    expect((await theirs.get(`/api/organizations/${org.id}/history`)).status).toBe(404);
  });
});

describe('merging organizations', () => {
  it('moves every reference and leaves a timeline entry on both', async () => {
    const unit = await makeUnit('化工学院');
    const source = await makeOrganization(officer, {
      nameZh: '科思创（上海）',
      nameEn: 'Covestro Shanghai',
      uscc: '914403001922038216',
      since: '2006-04',
    });
    const target = await makeOrganization(officer, { nameZh: '科思创聚合物（中国）有限公司', since: '2012' });
    const child = await makeOrganization(officer, { nameZh: '科思创上海分公司', parentId: source.id });
    await officer.request('PUT', `/api/organizations/${source.id}/partnership`, {
      stage: 'active',
      dimensions: ['order_class'],
      leadOrgUnitId: unit,
      since: '2006-04',
    });
    await officer.request('PUT', `/api/organizations/${target.id}/partnership`, {
      stage: 'prospect',
      dimensions: ['fund'],
      since: '2012',
    });
    const person = await (await officer.post('/api/people', { nameZh: '王经理' })).json();
    await officer.post(`/api/people/${person.id}/affiliations`, {
      organizationId: source.id,
      titleZh: '经理',
    });
    const refs = await insertReferences(college.scope, source.id);
    // News about the source, and about both (its link must not be doubled).
    const { client: desk } = await clientAs(t, college, ['college_admin']);
    const news = async (slug: string, links: string[]) =>
      (
        await (
          await desk.post('/api/articles', {
            locale: 'zh-CN',
            title: `报道 ${slug}`,
            slug,
            links: links.map((id) => ({ type: 'organization', id })),
          })
        ).json()
      ).id as string;
    const aboutSource = await news('merge-source-news', [source.id]);
    const aboutBoth = await news('merge-both-news', [source.id, target.id]);

    const bad = await officer.post(`/api/organizations/${source.id}/merge`, {
      intoId: source.id,
      version: 1,
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.details[0].path).toBe('intoId');
    const stale = await officer.post(`/api/organizations/${source.id}/merge`, {
      intoId: target.id,
      version: 9,
    });
    expect(stale.status).toBe(409);
    const { client: editor } = await clientAs(t, college, ['editor']);
    expect(
      (await editor.post(`/api/organizations/${source.id}/merge`, { intoId: target.id, version: 1 })).status,
    ).toBe(403);
    const { client: theirs } = await clientAs(t, other, ['college_admin']);
    expect(
      (await theirs.post(`/api/organizations/${source.id}/merge`, { intoId: target.id, version: 1 })).status,
    ).toBe(404);

    const res = await officer.post(`/api/organizations/${source.id}/merge`, {
      intoId: target.id,
      version: 1,
    });
    expect(res.status).toBe(200);
    const result = await res.json();
    expect(result.moved).toMatchObject({
      engagements: 1,
      agreements: 1,
      programs: 1,
      commitments: 1,
      affiliations: 1,
      childOrganizations: 1,
      partnership: 1,
      articles: 2,
    });
    for (const id of [aboutSource, aboutBoth]) {
      const article = await (await desk.get(`/api/articles/${id}`)).json();
      expect(article.links, id).toEqual([expect.objectContaining({ type: 'organization', id: target.id })]);
    }
    expect(result.organization).toMatchObject({
      id: target.id,
      uscc: '914403001922038216',
      since: '2006-04',
    });
    expect(result.organization.aliases).toEqual(
      expect.arrayContaining(['科思创（上海）', 'Covestro Shanghai']),
    );

    const merged = await (await officer.get(`/api/organizations/${source.id}`)).json();
    expect(merged).toMatchObject({ status: 'merged', mergedIntoId: target.id });
    const db = t.database.db;
    const [eo] = await db
      .select()
      .from(engagementOrganizations)
      .where(eq(engagementOrganizations.engagementId, refs.engagementId));
    expect(eo?.organizationId).toBe(target.id);
    const [party] = await db
      .select()
      .from(agreementParties)
      .where(eq(agreementParties.agreementId, refs.agreementId));
    expect(party?.organizationId).toBe(target.id);
    const [program] = await db.select().from(programs).where(eq(programs.id, refs.programId));
    expect(program?.organizationIds).toEqual([target.id]);
    const [commitment] = await db.select().from(commitments).where(eq(commitments.id, refs.commitmentId));
    expect(commitment?.organizationId).toBe(target.id);
    const [aff] = await db.select().from(affiliations).where(eq(affiliations.personId, person.id));
    expect(aff?.organizationId).toBe(target.id);
    const [childRow] = await db.select().from(organizations).where(eq(organizations.id, child.id));
    expect(childRow?.parentId).toBe(target.id);
    const partnership = await (await officer.get(`/api/organizations/${target.id}/partnership`)).json();
    expect(partnership.dimensions.sort()).toEqual(['fund', 'order_class']);
    expect(partnership).toMatchObject({ since: '2006-04', leadOrgUnitId: unit });
    const left = await db.select().from(partnerships).where(eq(partnerships.organizationId, source.id));
    expect(left[0]?.stage).toBe('ended');

    const verbs = async (id: string) =>
      (
        await db
          .select()
          .from(timelineEvents)
          .where(and(eq(timelineEvents.subjectId, id)))
      ).map((e) => e.verb);
    expect(await verbs(source.id)).toContain('organization.merged_into');
    expect(await verbs(target.id)).toContain('organization.merged_from');
    const [into] = await db
      .select()
      .from(timelineEvents)
      .where(
        and(eq(timelineEvents.subjectId, source.id), eq(timelineEvents.verb, 'organization.merged_into')),
      );
    expect(into?.diff).toMatchObject({ mergedIntoId: { to: target.id }, moved: { to: { engagements: 1 } } });

    // The merged one leaves the list, its history now belongs to the target, and it cannot merge again.
    const list = await (await officer.get('/api/organizations?q=科思创')).json();
    expect(list.items.map((o: { id: string }) => o.id)).not.toContain(source.id);
    const withMerged = await (await officer.get('/api/organizations?q=科思创&includeMerged=true')).json();
    expect(withMerged.items.map((o: { id: string }) => o.id)).toContain(source.id);
    const history = await (await officer.get(`/api/organizations/${target.id}/history`)).json();
    expect(history.items.map((i: { kind: string }) => i.kind)).toEqual(
      expect.arrayContaining(['engagement', 'agreement', 'program', 'commitment']),
    );
    expect(
      (await officer.post(`/api/organizations/${source.id}/merge`, { intoId: target.id, version: 2 })).status,
    ).toBe(409);
  });

  it('puts a target that sat under the merged organization in its place in the tree', async () => {
    const top = await makeOrganization(officer, { nameZh: '顶层集团' });
    const source = await makeOrganization(officer, { nameZh: '中间公司', parentId: top.id });
    const target = await makeOrganization(officer, { nameZh: '中间公司（新）', parentId: source.id });
    const res = await officer.post(`/api/organizations/${source.id}/merge`, {
      intoId: target.id,
      version: 1,
    });
    expect(res.status).toBe(200);
    expect((await res.json()).organization.parentId).toBe(top.id);
  });

  it("refuses a liaison merging into another department's partner, changing nothing", async () => {
    const unitA = await makeUnit('甲学院');
    const unitB = await makeUnit('乙学院');
    const liaison = await liaisonOf([unitA]);
    const source = await makeOrganization(officer, { nameZh: '西塔A' });
    const target = await makeOrganization(officer, { nameZh: '西塔B' });
    await officer.request('PUT', `/api/organizations/${source.id}/partnership`, { leadOrgUnitId: unitA });
    await officer.request('PUT', `/api/organizations/${target.id}/partnership`, { leadOrgUnitId: unitB });
    const refs = await insertReferences(college.scope, source.id);
    const res = await liaison.post(`/api/organizations/${source.id}/merge`, {
      intoId: target.id,
      version: 1,
    });
    expect(res.status).toBe(403);
    const [eo] = await t.database.db
      .select()
      .from(engagementOrganizations)
      .where(eq(engagementOrganizations.engagementId, refs.engagementId));
    expect(eo?.organizationId).toBe(source.id);
    expect((await (await officer.get(`/api/organizations/${source.id}`)).json()).status).toBe('active');
  });
});
