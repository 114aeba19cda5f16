import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildOrganization, buildOrgUnit } from '../../../test/record-fixtures.ts';
import { buildTenant, clientAs, createTestApp, type TestApp } from '../../../test/test-app.ts';
import { newId } from '../../db/ids.ts';
import { majors, orgUnits } from '../org-units/org-units.table.ts';
import { organizations } from '../organizations/organizations.table.ts';
import { people } from '../people/people.table.ts';
import { users } from '../users/users.table.ts';
import { listPrograms } from './programs.service.ts';

let t: TestApp;
let college: Awaited<ReturnType<typeof buildTenant>>;

beforeAll(async () => {
  t = await createTestApp();
  college = await buildTenant(t);
});
afterAll(() => t.close());

describe('programs', () => {
  it('records a program with milestones and facts and moves its status only forward', async () => {
    const { client } = await clientAs(t, college, ['cooperation_officer']);
    const org = await buildOrganization(college.scope);
    const res = await client.post('/api/programs', {
      dimension: 'order_class',
      titleZh: '科思创订单班',
      organizationIds: [org.id],
      startOn: '2025-09-01',
    });
    expect(res.status).toBe(201);
    const made = await res.json();
    expect(made).toMatchObject({ status: 'planned', organizationIds: [org.id], version: 1 });
    const withMilestone = await (
      await client.post(`/api/programs/${made.id}/milestones`, { title: '招生宣讲', dueOn: '2025-06-01' })
    ).json();
    const milestone = withMilestone.milestones[0];
    const done = await client.patch(`/api/programs/${made.id}/milestones/${milestone.id}`, {
      doneOn: '2025-05-30',
      version: 1,
    });
    expect((await done.json()).milestones[0].doneOn).toBe('2025-05-30');
    const fact = await client.post(`/api/programs/${made.id}/facts`, {
      code: 'order_class_students',
      year: 2025,
      value: 42,
      organizationId: org.id,
    });
    expect((await fact.json()).facts[0]).toMatchObject({ code: 'order_class_students', value: 42 });
    expect(
      (await client.post(`/api/programs/${made.id}/facts`, { code: 'apples', year: 2025, value: 1 })).status,
    ).toBe(400);
    expect(
      (await client.request('DELETE', `/api/programs/${made.id}/milestones/${milestone.id}`)).status,
    ).toBe(204);
    const skip = await client.patch(`/api/programs/${made.id}`, { status: 'completed', version: 1 });
    expect(skip.status).toBe(400);
    expect((await skip.json()).error.details[0].path).toBe('status');
    expect((await client.patch(`/api/programs/${made.id}`, { status: 'running', version: 1 })).status).toBe(
      200,
    );
    expect((await client.patch(`/api/programs/${made.id}`, { status: 'completed', version: 1 })).status).toBe(
      409,
    );
    const listed = await (
      await client.get(`/api/programs?organizationId=${org.id}&dimension=order_class`)
    ).json();
    expect(listed.total).toBe(1);
  });

  it('names partners, lead department and the majors, partners and teachers of facts, one lookup per kind', async () => {
    const own = await buildTenant(t);
    const { client } = await clientAs(t, own, ['cooperation_officer']);
    const covestro = await own.scope.create(organizations, 'organization', {
      id: newId(),
      kind: 'enterprise',
      nameZh: '科思创',
      nameEn: 'Covestro',
    });
    const park = await own.scope.create(organizations, 'organization', {
      id: newId(),
      kind: 'government',
      nameZh: '化工园区管委会',
    });
    const unit = await own.scope.create(orgUnits, 'org_unit', {
      id: newId(),
      nameZh: '化工学院',
      nameEn: 'School of Chemical Engineering',
    });
    const major = await own.scope.create(majors, 'major', {
      id: newId(),
      nameZh: '应用化工技术',
      nameEn: 'Applied Chemical Technology',
    });
    const teacher = await own.scope.create(people, 'person', {
      id: newId(),
      side: 'ours',
      nameZh: '李老师',
      nameEn: 'Li Wei',
    });
    const made = await (
      await client.post('/api/programs', {
        dimension: 'order_class',
        titleZh: '科思创订单班',
        organizationIds: [covestro.id, park.id],
        majorIds: [major.id],
        leadOrgUnitId: unit.id,
        startOn: '2025-09-01',
      })
    ).json();
    await client.post('/api/programs', { dimension: 'fund', titleZh: '无主办基金', startOn: '2025-01-01' });
    const list = await (await client.get('/api/programs?sort=-startOn')).json();
    expect(list.items).toMatchObject([
      {
        id: made.id,
        organizations: [
          { id: covestro.id, nameZh: '科思创', nameEn: 'Covestro' },
          { id: park.id, nameZh: '化工园区管委会', nameEn: '' },
        ],
        leadOrgUnitNameZh: '化工学院',
        leadOrgUnitNameEn: 'School of Chemical Engineering',
      },
      { titleZh: '无主办基金', organizations: [], leadOrgUnitNameZh: null, leadOrgUnitNameEn: null },
    ]);
    await client.post(`/api/programs/${made.id}/facts`, {
      code: 'order_class_students',
      year: 2025,
      value: 42,
      majorId: major.id,
      organizationId: covestro.id,
    });
    const withFacts = await (
      await client.post(`/api/programs/${made.id}/facts`, {
        code: 'teacher_practice_days',
        year: 2025,
        value: 20,
        personId: teacher.id,
      })
    ).json();
    const byCode = (code: string) => withFacts.facts.find((f: { code: string }) => f.code === code);
    expect(byCode('order_class_students')).toMatchObject({
      majorNameZh: '应用化工技术',
      majorNameEn: 'Applied Chemical Technology',
      organizationNameZh: '科思创',
      organizationNameEn: 'Covestro',
      personNameZh: null,
      personNameEn: null,
    });
    expect(byCode('teacher_practice_days')).toMatchObject({
      majorNameZh: null,
      organizationNameZh: null,
      personNameZh: '李老师',
      personNameEn: 'Li Wei',
    });
    // A page names its partners and departments with one query per kind, not one per row.
    const select = vi.spyOn(own.scope, 'select');
    try {
      const page = await listPrograms(own.scope, { sort: '-startOn' });
      expect(page.items).toHaveLength(2);
      expect(select.mock.calls.filter(([table]) => table === organizations)).toHaveLength(1);
      expect(select.mock.calls.filter(([table]) => table === orgUnits)).toHaveLength(1);
    } finally {
      select.mockRestore();
    }
  });

  it('validates with field details, pages and sorts, limits liaisons, isolates colleges, deletes softly', async () => {
    const { client } = await clientAs(t, college, ['college_admin']);
    const bad = await client.post('/api/programs', {
      dimension: 'nope',
      titleZh: '',
      organizationIds: ['x'],
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.details.map((d: { path: string }) => d.path)).toEqual(
      expect.arrayContaining(['dimension', 'titleZh', 'organizationIds.0']),
    );
    const unitA = await buildOrgUnit(college.scope, 'A');
    const unitB = await buildOrgUnit(college.scope, 'B');
    const other = await (
      await client.post('/api/programs', { dimension: 'fund', titleZh: 'B 基金', leadOrgUnitId: unitB.id })
    ).json();
    await client.post('/api/programs', { dimension: 'fund', titleZh: 'A 基金', leadOrgUnitId: unitA.id });
    const sorted = await (await client.get('/api/programs?dimension=fund&sort=titleZh&pageSize=1')).json();
    expect(sorted).toMatchObject({ total: 2, items: [{ titleZh: 'A 基金' }] });
    const { client: liaison, user } = await clientAs(t, college, ['department_liaison']);
    await college.scope.change(users, 'user', user.id, null, { orgUnitIds: [unitA.id] });
    expect((await liaison.get(`/api/programs/${other.id}`)).status).toBe(404);
    expect(
      (await liaison.post('/api/programs', { dimension: 'fund', titleZh: 'x', leadOrgUnitId: unitB.id }))
        .status,
    ).toBe(403);
    expect((await (await liaison.get('/api/programs')).json()).total).toBe(1);
    const { client: viewer } = await clientAs(t, college, ['viewer']);
    expect((await viewer.post('/api/programs', { dimension: 'fund', titleZh: 'x' })).status).toBe(403);
    const elsewhere = await buildTenant(t);
    const { client: stranger } = await clientAs(t, elsewhere, ['college_admin']);
    expect((await stranger.get(`/api/programs/${other.id}`)).status).toBe(404);
    expect((await client.request('DELETE', `/api/programs/${other.id}?version=1`)).status).toBe(204);
    expect((await client.get(`/api/programs/${other.id}`)).status).toBe(404);
  });
});
