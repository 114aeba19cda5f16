import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTenant,
  clientAs,
  createTestApp,
  type TestApp,
  type TestClient,
} from '../../../test/test-app.ts';
import { assertPeopleExist, titleOn } from './people.service.ts';

let t: TestApp;
let college: Awaited<ReturnType<typeof buildTenant>>;
let other: Awaited<ReturnType<typeof buildTenant>>;
let officer: TestClient;
let orgId: string;

beforeAll(async () => {
  t = await createTestApp();
  college = await buildTenant(t);
  other = await buildTenant(t);
  officer = (await clientAs(t, college, ['cooperation_officer'])).client;
  orgId = (
    await (await officer.post('/api/organizations', { kind: 'enterprise', nameZh: '海峡消防科技' })).json()
  ).id;
});
afterAll(() => t.close());

async function makePerson(body: Record<string, unknown>) {
  const res = await officer.post('/api/people', body);
  expect(res.status).toBe(201);
  return res.json();
}

describe('people', () => {
  it('adds, reads, changes with the version (409 when stale) and deletes softly', async () => {
    const p = await makePerson({ nameZh: '林涛', nameEn: 'Lin Tao', email: 'Lin.Tao@Example.test' });
    expect(p).toMatchObject({ side: 'theirs', email: 'lin.tao@example.test', version: 1 });
    expect((await officer.get(`/api/people/${p.id}`)).status).toBe(200);
    const changed = await officer.patch(`/api/people/${p.id}`, { version: 1, phone: '0591-12345678' });
    expect((await changed.json()).version).toBe(2);
    expect((await officer.patch(`/api/people/${p.id}`, { version: 1, phone: '1' })).status).toBe(409);
    expect((await officer.request('DELETE', `/api/people/${p.id}?version=2`)).status).toBe(200);
    expect((await officer.get(`/api/people/${p.id}`)).status).toBe(404);
    await expect(assertPeopleExist(college.scope, [p.id])).rejects.toMatchObject({
      code: 'validation_failed',
    });
  });

  it('refuses invalid input with field details', async () => {
    const res = await officer.post('/api/people', { nameZh: '', email: 'not-an-email', side: 'both' });
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.code).toBe('validation_failed');
    expect(error.details.map((d: { path: string }) => d.path)).toEqual(
      expect.arrayContaining(['nameZh', 'email', 'side']),
    );
    const noUser = await officer.post('/api/people', {
      nameZh: '某人',
      side: 'ours',
      userId: crypto.randomUUID(),
    });
    expect((await noUser.json()).error.details[0]).toMatchObject({
      path: 'userId',
      code: 'unknown_reference',
    });
    const aff = await officer.post(`/api/people/${(await makePerson({ nameZh: '甲' })).id}/affiliations`, {
      titleZh: '',
      fromOn: '2024-13-01',
    });
    expect(aff.status).toBe(400);
    expect((await aff.json()).error.details.map((d: { path: string }) => d.path)).toEqual(
      expect.arrayContaining(['titleZh', 'fromOn']),
    );
  });

  it('lists people by name, email, organization and side, sorted and paged', async () => {
    const a = await makePerson({ nameZh: '陈列甲', nameEn: 'Chen A', email: 'chen.a@x.test' });
    const b = await makePerson({ nameZh: '陈列乙', nameEn: 'Chen B', side: 'ours' });
    await officer.post(`/api/people/${a.id}/affiliations`, { organizationId: orgId, titleZh: '工程师' });
    const ids = async (q: string) =>
      ((await (await officer.get(`/api/people?${q}`)).json()).items as { id: string }[]).map((p) => p.id);
    expect(await ids('q=陈列&sort=-nameEn')).toEqual([b.id, a.id]);
    expect(await ids('q=chen.a@')).toEqual([a.id]);
    expect(await ids(`organizationId=${orgId}`)).toEqual([a.id]);
    expect(await ids('q=陈列&side=ours')).toEqual([b.id]);
    const page = await (await officer.get('/api/people?q=陈列&sort=nameEn&page=2&pageSize=1')).json();
    expect(page).toMatchObject({ total: 2, items: [{ id: b.id }] });
    expect((await officer.get('/api/people?sort=age')).status).toBe(400);
    // The list tells namesakes apart by their current post: the primary one, not an ended one.
    await officer.post(`/api/people/${a.id}/affiliations`, {
      organizationId: orgId,
      titleZh: '实习生',
      fromOn: '2015-01-01',
      toOn: '2016-12-31',
      isPrimary: true,
    });
    const listed = new Map(
      (
        (await (await officer.get('/api/people?q=陈列')).json()).items as { id: string; current: unknown }[]
      ).map((p) => [p.id, p.current]),
    );
    expect(listed.get(a.id)).toMatchObject({
      organizationId: orgId,
      titleZh: '工程师',
      placeZh: expect.any(String),
    });
    expect((listed.get(a.id) as { placeZh: string }).placeZh).not.toBe('');
    expect(listed.get(b.id)).toBeNull();
  });

  it('lets viewers and editors read only, and hides people from other colleges', async () => {
    const p = await makePerson({ nameZh: '只读测试' });
    for (const role of ['viewer', 'editor'] as const) {
      const { client } = await clientAs(t, college, [role]);
      expect((await client.get(`/api/people/${p.id}`)).status).toBe(200);
      expect((await client.get(`/api/people/${p.id}/affiliations`)).status).toBe(200);
      expect((await client.post('/api/people', { nameZh: 'x' })).status).toBe(403);
      expect((await client.patch(`/api/people/${p.id}`, { version: 1, nameZh: 'y' })).status).toBe(403);
      expect(
        (await client.post(`/api/people/${p.id}/affiliations`, { orgUnitId: null, titleZh: 'x' })).status,
      ).toBe(403);
    }
    const { client: theirs } = await clientAs(t, other, ['college_admin']);
    expect((await theirs.get(`/api/people/${p.id}`)).status).toBe(404);
    expect((await theirs.patch(`/api/people/${p.id}`, { version: 1, nameZh: 'y' })).status).toBe(404);
    expect((await theirs.get(`/api/people/${p.id}/affiliations`)).status).toBe(404);
    expect((await (await theirs.get('/api/people?q=只读测试')).json()).total).toBe(0);
    // Nor can they point an affiliation of theirs at our organization.
    const mine = await (await theirs.post('/api/people', { nameZh: '他校人' })).json();
    const cross = await theirs.post(`/api/people/${mine.id}/affiliations`, {
      organizationId: orgId,
      titleZh: '经理',
    });
    expect(cross.status).toBe(400);
    expect((await cross.json()).error.details[0]).toMatchObject({
      path: 'organizationId',
      code: 'unknown_reference',
    });
  });
});

describe('affiliations and titles over time', () => {
  it('keeps the title held on a past date after the person is promoted', async () => {
    const p = await makePerson({ nameZh: '张伟' });
    const first = await officer.post(`/api/people/${p.id}/affiliations`, {
      organizationId: orgId,
      titleZh: '副总经理',
      titleEn: 'Deputy General Manager',
      fromOn: '2018-01-01',
    });
    expect(first.status).toBe(201);
    const deputy = await first.json();
    expect(await titleOn(college.scope, p.id, orgId, '2021-06-01')).toEqual({
      titleZh: '副总经理',
      titleEn: 'Deputy General Manager',
    });
    // Promoted in 2023: the old title ends, a new one starts.
    const ended = await officer.patch(`/api/people/${p.id}/affiliations/${deputy.id}`, {
      version: 1,
      toOn: '2022-12-31',
    });
    expect(ended.status).toBe(200);
    await officer.post(`/api/people/${p.id}/affiliations`, {
      organizationId: orgId,
      titleZh: '总经理',
      titleEn: 'General Manager',
      fromOn: '2023-01-01',
    });
    expect(await titleOn(college.scope, p.id, orgId, '2021-06-01')).toMatchObject({ titleZh: '副总经理' });
    expect(await titleOn(college.scope, p.id, orgId, new Date('2024-03-01T08:00:00Z'))).toMatchObject({
      titleZh: '总经理',
    });
    expect(await titleOn(college.scope, p.id, orgId, '2017-01-01')).toBeNull();
    expect(await titleOn(college.scope, p.id, crypto.randomUUID(), '2024-01-01')).toBeNull();
    const list = await (await officer.get(`/api/people/${p.id}/affiliations`)).json();
    expect(list.items.map((a: { titleZh: string }) => a.titleZh)).toEqual(['总经理', '副总经理']);
  });

  it('gives our own people their department title when no organization is named', async () => {
    const unit = (await (await officer.post('/api/org-units', { nameZh: '消防工程学院' })).json()).id;
    const p = await makePerson({ nameZh: '李院长', side: 'ours' });
    await officer.post(`/api/people/${p.id}/affiliations`, {
      orgUnitId: unit,
      titleZh: '院长',
      fromOn: '2020-09-01',
    });
    expect(await titleOn(college.scope, p.id, null, '2024-01-01')).toMatchObject({ titleZh: '院长' });
  });

  it('refuses an affiliation at both or neither side, a reversed period, and stale or foreign changes', async () => {
    const p = await makePerson({ nameZh: '赵' });
    const unit = (await (await officer.post('/api/org-units', { nameZh: '测试学院' })).json()).id;
    const both = await officer.post(`/api/people/${p.id}/affiliations`, {
      organizationId: orgId,
      orgUnitId: unit,
      titleZh: 'x',
    });
    expect((await both.json()).error.details[0].path).toBe('orgUnitId');
    const neither = await officer.post(`/api/people/${p.id}/affiliations`, { titleZh: 'x' });
    expect((await neither.json()).error.details[0]).toMatchObject({
      path: 'organizationId',
      code: 'required',
    });
    const reversed = await officer.post(`/api/people/${p.id}/affiliations`, {
      organizationId: orgId,
      titleZh: 'x',
      fromOn: '2024-01-02',
      toOn: '2024-01-01',
    });
    expect((await reversed.json()).error.details[0].path).toBe('toOn');
    const aff = await (
      await officer.post(`/api/people/${p.id}/affiliations`, { organizationId: orgId, titleZh: '顾问' })
    ).json();
    expect(
      (await officer.patch(`/api/people/${p.id}/affiliations/${aff.id}`, { version: 2, titleZh: 'y' }))
        .status,
    ).toBe(409);
    const someoneElse = await makePerson({ nameZh: '钱' });
    expect(
      (
        await officer.patch(`/api/people/${someoneElse.id}/affiliations/${aff.id}`, {
          version: 1,
          titleZh: 'y',
        })
      ).status,
    ).toBe(404);
    expect(
      (await officer.request('DELETE', `/api/people/${p.id}/affiliations/${aff.id}?version=2`)).status,
    ).toBe(409);
    expect(
      (await officer.request('DELETE', `/api/people/${p.id}/affiliations/${aff.id}?version=1`)).status,
    ).toBe(200);
    expect((await (await officer.get(`/api/people/${p.id}/affiliations`)).json()).items).toEqual([]);
  });
});
