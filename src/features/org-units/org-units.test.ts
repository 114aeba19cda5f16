import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTenant,
  buildUser,
  clientAs,
  createTestApp,
  type TestApp,
  TestClient,
} from '../../../test/test-app.ts';
import { users } from '../users/users.table.ts';
import { orgUnits } from './org-units.table.ts';

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

async function create(path: string, body: Record<string, unknown>) {
  const res = await officer.post(path, body);
  expect(res.status).toBe(201);
  return res.json();
}

describe('departments', () => {
  it('builds a tree, refuses loops and deletes softly only when nothing uses the department', async () => {
    const school = await create('/api/org-units', {
      nameZh: '智能制造学院',
      nameEn: 'School of Smart Manufacturing',
    });
    const lab = await create('/api/org-units', {
      nameZh: '机器人教研室',
      parentId: school.id,
      kind: 'center',
    });
    const loop = await officer.patch(`/api/org-units/${school.id}`, { version: 1, parentId: lab.id });
    expect(loop.status).toBe(400);
    expect((await loop.json()).error.details[0].path).toBe('parentId');
    const children = await (await officer.get(`/api/org-units?parentId=${school.id}`)).json();
    expect(children.items.map((u: { id: string }) => u.id)).toEqual([lab.id]);
    const roots = await (await officer.get('/api/org-units?parentId=root&q=智能')).json();
    expect(roots.items.map((u: { id: string }) => u.id)).toEqual([school.id]);

    const inUse = await officer.request('DELETE', `/api/org-units/${school.id}?version=1`);
    expect(inUse.status).toBe(409);
    expect((await inUse.json()).error.code).toBe('conflict');
    expect((await officer.request('DELETE', `/api/org-units/${lab.id}?version=9`)).status).toBe(409);
    expect((await officer.request('DELETE', `/api/org-units/${lab.id}?version=1`)).status).toBe(200);
    expect((await officer.get(`/api/org-units/${lab.id}`)).status).toBe(404);
    expect((await officer.request('DELETE', `/api/org-units/${school.id}?version=1`)).status).toBe(200);
    // Still in the table: soft deletion keeps old references readable.
    const [row] = await t.database.db.select().from(orgUnits).where(eq(orgUnits.id, school.id));
    expect(row?.deletedAt).toBeInstanceOf(Date);
  });

  it('refuses invalid input with field details and stale versions', async () => {
    const bad = await officer.post('/api/org-units', { nameZh: '', kind: 'castle', parentId: 'nope' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.details.map((d: { path: string }) => d.path)).toEqual(
      expect.arrayContaining(['nameZh', 'kind', 'parentId']),
    );
    const unknownParent = await officer.post('/api/org-units', {
      nameZh: 'x',
      parentId: crypto.randomUUID(),
    });
    expect((await unknownParent.json()).error.details[0]).toMatchObject({
      path: 'parentId',
      code: 'unknown_reference',
    });
    const unit = await create('/api/org-units', { nameZh: '经管学院' });
    expect((await officer.patch(`/api/org-units/${unit.id}`, { version: 1, code: 'EM' })).status).toBe(200);
    expect((await officer.patch(`/api/org-units/${unit.id}`, { version: 1, code: 'XX' })).status).toBe(409);
    expect((await officer.get('/api/org-units?sort=height')).status).toBe(400);
  });

  it('sorts and pages', async () => {
    for (const name of ['甲系', '乙系', '丙系'])
      await create('/api/org-units', { nameZh: name, nameEn: name, code: `S-${name}` });
    const page1 = await (await officer.get('/api/org-units?q=S-&sort=-code&pageSize=2')).json();
    expect(page1.total).toBe(3);
    expect(page1.items).toHaveLength(2);
    const page2 = await (await officer.get('/api/org-units?q=S-&sort=-code&pageSize=2&page=2')).json();
    expect(page2.items).toHaveLength(1);
    const all = [...page1.items, ...page2.items].map((u: { code: string }) => u.code);
    expect(all).toEqual([...all].sort().reverse());
  });
});

describe('majors and facilities', () => {
  it('adds, lists by department, changes with the version and deletes softly', async () => {
    const unit = await create('/api/org-units', { nameZh: '消防工程学院' });
    const major = await create('/api/majors', { code: '420901', nameZh: '消防救援技术', orgUnitId: unit.id });
    const facility = await create('/api/facilities', {
      nameZh: '消防实训基地',
      kind: 'base',
      orgUnitId: unit.id,
    });
    expect((await (await officer.get(`/api/majors?orgUnitId=${unit.id}`)).json()).items).toHaveLength(1);
    expect((await (await officer.get('/api/majors?q=420901')).json()).items[0].id).toBe(major.id);
    expect((await (await officer.get(`/api/facilities?orgUnitId=${unit.id}&kind=base`)).json()).total).toBe(
      1,
    );
    expect(
      (await officer.patch(`/api/majors/${major.id}`, { version: 1, nameEn: 'Fire Rescue Technology' }))
        .status,
    ).toBe(200);
    expect((await officer.patch(`/api/majors/${major.id}`, { version: 1, nameEn: 'x' })).status).toBe(409);
    expect((await officer.patch(`/api/facilities/${facility.id}`, { version: 1, kind: 'lab' })).status).toBe(
      200,
    );
    // The department is in use until its major and facility go.
    expect((await officer.request('DELETE', `/api/org-units/${unit.id}?version=1`)).status).toBe(409);
    expect((await officer.request('DELETE', `/api/majors/${major.id}?version=2`)).status).toBe(200);
    expect((await officer.request('DELETE', `/api/facilities/${facility.id}?version=2`)).status).toBe(200);
    expect((await officer.get(`/api/majors/${major.id}`)).status).toBe(404);
    expect((await officer.request('DELETE', `/api/org-units/${unit.id}?version=1`)).status).toBe(200);
    const bad = await officer.post('/api/majors', { nameZh: '', orgUnitId: crypto.randomUUID() });
    expect((await bad.json()).error.details.map((d: { path: string }) => d.path)).toContain('nameZh');
    const badFacility = await officer.post('/api/facilities', { nameZh: 'x', kind: 'pool' });
    expect((await badFacility.json()).error.details[0].path).toBe('kind');
  });
});

describe('who may change the structure', () => {
  it('lets viewers and editors read only, liaisons change majors and facilities of their departments only', async () => {
    const mine = await create('/api/org-units', { nameZh: '信息学院' });
    const theirs = await create('/api/org-units', { nameZh: '艺术学院' });
    const theirMajor = await create('/api/majors', { nameZh: '视觉传达', orgUnitId: theirs.id });
    for (const role of ['viewer', 'editor'] as const) {
      const { client } = await clientAs(t, college, [role]);
      expect((await client.get('/api/org-units')).status).toBe(200);
      expect((await client.get(`/api/majors/${theirMajor.id}`)).status).toBe(200);
      expect((await client.get('/api/facilities')).status).toBe(200);
      expect((await client.post('/api/org-units', { nameZh: 'x' })).status).toBe(403);
      expect((await client.post('/api/majors', { nameZh: 'x' })).status).toBe(403);
      expect((await client.post('/api/facilities', { nameZh: 'x' })).status).toBe(403);
    }
    const user = await buildUser(t, college, ['department_liaison']);
    await college.scope.updateRaw(users, eq(users.id, user.id), { orgUnitIds: [mine.id] });
    const liaison = await new TestClient(t, college.host).login(user.email);
    expect((await liaison.post('/api/org-units', { nameZh: '新学院' })).status).toBe(403);
    expect((await liaison.patch(`/api/org-units/${mine.id}`, { version: 1, nameEn: 'x' })).status).toBe(403);
    expect((await liaison.post('/api/majors', { nameZh: '软件技术', orgUnitId: mine.id })).status).toBe(201);
    expect((await liaison.post('/api/majors', { nameZh: '动漫', orgUnitId: theirs.id })).status).toBe(403);
    expect((await liaison.patch(`/api/majors/${theirMajor.id}`, { version: 1, nameEn: 'x' })).status).toBe(
      403,
    );
    expect((await liaison.request('DELETE', `/api/majors/${theirMajor.id}?version=1`)).status).toBe(403);
    expect((await liaison.post('/api/facilities', { nameZh: '机房', orgUnitId: mine.id })).status).toBe(201);
    expect((await liaison.post('/api/facilities', { nameZh: '画室' })).status).toBe(403);
  });

  it("hides one college's structure from another", async () => {
    const unit = await create('/api/org-units', { nameZh: '本校学院' });
    const major = await create('/api/majors', { nameZh: '本校专业' });
    const facility = await create('/api/facilities', { nameZh: '本校实训室' });
    const { client } = await clientAs(t, other, ['college_admin']);
    expect((await client.get(`/api/org-units/${unit.id}`)).status).toBe(404);
    expect((await client.get(`/api/majors/${major.id}`)).status).toBe(404);
    expect((await client.get(`/api/facilities/${facility.id}`)).status).toBe(404);
    expect((await client.patch(`/api/majors/${major.id}`, { version: 1, nameEn: 'x' })).status).toBe(404);
    expect((await client.request('DELETE', `/api/facilities/${facility.id}?version=1`)).status).toBe(404);
    expect((await (await client.get('/api/org-units')).json()).total).toBe(0);
    const cross = await client.post('/api/majors', { nameZh: '借用', orgUnitId: unit.id });
    expect((await cross.json()).error.details[0]).toMatchObject({
      path: 'orgUnitId',
      code: 'unknown_reference',
    });
  });
});
