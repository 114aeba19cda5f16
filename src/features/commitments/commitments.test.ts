import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildOrgUnit, dayFromToday } from '../../../test/record-fixtures.ts';
import { buildTenant, buildUser, clientAs, createTestApp, type TestApp } from '../../../test/test-app.ts';
import { newId } from '../../db/ids.ts';
import { orgUnits } from '../org-units/org-units.table.ts';
import { users } from '../users/users.table.ts';
import { listCommitments } from './commitments.service.ts';

let t: TestApp;
let college: Awaited<ReturnType<typeof buildTenant>>;

beforeAll(async () => {
  t = await createTestApp();
  college = await buildTenant(t);
});
afterAll(() => t.close());

describe('commitments', () => {
  it('counts every commitment on the board but shows the most pressing cards of each column', async () => {
    const own = await buildTenant(t);
    const { client } = await clientAs(t, own, ['cooperation_officer']);
    const unit = await buildOrgUnit(own.scope);
    for (let i = 0; i < 24; i++) {
      await client.post('/api/commitments', {
        text: `跟进事项 ${i}`,
        dueOn: dayFromToday(10 + i),
        ownerOrgUnitId: unit.id,
      });
    }
    await client.post('/api/commitments', {
      text: '逾期事项',
      dueOn: dayFromToday(-1),
      ownerOrgUnitId: unit.id,
    });
    const board = await (await client.get('/api/commitments/board?by=department')).json();
    const group = board.groups.find((g: { key: string | null }) => g.key === unit.id);
    expect(group.counts).toEqual({ open: 24, in_progress: 0, done: 0, overdue: 1 });
    expect(group.columns.open).toHaveLength(10);
    expect(group.columns.open[0].text).toBe('跟进事项 0');
    expect(group.columns.overdue[0]).toMatchObject({ text: '逾期事项', overdue: true });
  });

  it('stops counting a column at the cap, so a board costs the same however much piles up', async () => {
    const own = await buildTenant(t);
    const { client } = await clientAs(t, own, ['cooperation_officer']);
    const unit = await buildOrgUnit(own.scope);
    for (let i = 0; i < 103; i++) {
      await client.post('/api/commitments', {
        text: `积压 ${i}`,
        dueOn: dayFromToday(-1 - (i % 3)),
        ownerOrgUnitId: unit.id,
      });
    }
    await client.post('/api/commitments', { text: '按期', dueOn: dayFromToday(5), ownerOrgUnitId: unit.id });
    const board = await (await client.get('/api/commitments/board?by=department')).json();
    expect(board.countCap).toBe(100);
    const group = board.groups.find((g: { key: string | null }) => g.key === unit.id);
    expect(group.counts).toEqual({ open: 1, in_progress: 0, done: 0, overdue: 100 });
    expect(group.columns.overdue).toHaveLength(10);
  });

  it('orders board cards: dated before undated, latest completed first; liaisons see their departments', async () => {
    const own = await buildTenant(t);
    const { client: officer, user } = await clientAs(t, own, ['cooperation_officer']);
    const unitA = await buildOrgUnit(own.scope, '机电学院');
    const unitB = await buildOrgUnit(own.scope, '信息学院');
    const make = async (text: string, extra: Record<string, unknown>) =>
      (await officer.post('/api/commitments', { text, ownerOrgUnitId: unitA.id, ...extra })).json();
    await make('无期限', {});
    await make('下周', { dueOn: dayFromToday(7) });
    await make('明天', { dueOn: dayFromToday(1) });
    await make('进行中', { dueOn: dayFromToday(-2), status: 'in_progress' });
    await make('已放弃', { dueOn: dayFromToday(-5), status: 'dropped' });
    const first = await make('先完成', { dueOn: dayFromToday(-9) });
    const second = await make('后完成', { dueOn: dayFromToday(30), ownerUserId: user.id });
    for (const done of [first, second]) {
      await officer.post(`/api/commitments/${done.id}/complete`, { evidence: '已办', version: 1 });
    }
    await officer.post('/api/commitments', { text: 'B 的事', ownerOrgUnitId: unitB.id });
    const texts = (cards: { text: string }[]) => cards.map((c) => c.text);

    const board = await (await officer.get('/api/commitments/board?by=department')).json();
    const a = board.groups.find((g: { key: string | null }) => g.key === unitA.id);
    expect(a.counts).toEqual({ open: 3, in_progress: 0, done: 2, overdue: 1 });
    expect(texts(a.columns.open)).toEqual(['明天', '下周', '无期限']);
    expect(texts(a.columns.done)).toEqual(['后完成', '先完成']);
    expect(a.columns.overdue).toMatchObject([{ text: '进行中', status: 'in_progress', overdue: true }]);

    const byOwner = await (await officer.get('/api/commitments/board?by=owner')).json();
    expect(byOwner.groups.map((g: { key: string | null }) => g.key)).toEqual([user.id, null]);
    expect(byOwner.groups[1].counts).toEqual({ open: 4, in_progress: 0, done: 1, overdue: 1 });

    const { client: liaison, user: liaisonUser } = await clientAs(t, own, ['department_liaison']);
    await own.scope.change(users, 'user', liaisonUser.id, null, { orgUnitIds: [unitB.id] });
    const limited = await (await liaison.get('/api/commitments/board?by=department')).json();
    expect(limited.groups.map((g: { key: string | null }) => g.key)).toEqual([unitB.id]);
    const limitedByOwner = await (await liaison.get('/api/commitments/board?by=owner')).json();
    expect(limitedByOwner.groups).toMatchObject([{ key: null, counts: { open: 1, done: 0 } }]);
    expect(texts(limitedByOwner.groups[0].columns.open)).toEqual(['B 的事']);
  });

  it('names the owner user and department in the list and on the board, one lookup per kind', async () => {
    const own = await buildTenant(t);
    const { client } = await clientAs(t, own, ['cooperation_officer']);
    const unit = await own.scope.create(orgUnits, 'org_unit', {
      id: newId(),
      nameZh: '机电学院',
      nameEn: 'School of Mechatronics',
    });
    const plain = await own.scope.create(orgUnits, 'org_unit', { id: newId(), nameZh: '招生办' });
    const owner = await buildUser(t, own, ['cooperation_officer'], { name: '王芳' });
    const other = await buildUser(t, own, ['cooperation_officer'], { name: 'Zhang Lei' });
    const make = (text: string, extra: Record<string, unknown>) =>
      client.post('/api/commitments', { text, dueOn: dayFromToday(5), ...extra });
    await make('一', { ownerUserId: owner.id, ownerOrgUnitId: unit.id });
    await make('二', { ownerUserId: other.id, ownerOrgUnitId: plain.id, dueOn: dayFromToday(6) });
    await make('三', { dueOn: dayFromToday(7) });
    const list = await (await client.get('/api/commitments?sort=dueOn')).json();
    expect(
      list.items.map((i: Record<string, unknown>) => [
        i.text,
        i.ownerUserName,
        i.ownerOrgUnitNameZh,
        i.ownerOrgUnitNameEn,
      ]),
    ).toEqual([
      ['一', '王芳', '机电学院', 'School of Mechatronics'],
      ['二', 'Zhang Lei', '招生办', ''],
      ['三', null, null, null],
    ]);
    const byDepartment = await (await client.get('/api/commitments/board?by=department')).json();
    expect(byDepartment.groups).toMatchObject([
      { key: unit.id, ownerOrgUnitNameZh: '机电学院', ownerOrgUnitNameEn: 'School of Mechatronics' },
      { key: plain.id, ownerOrgUnitNameZh: '招生办', ownerOrgUnitNameEn: '' },
      { key: null, ownerUserName: null, ownerOrgUnitNameZh: null, ownerOrgUnitNameEn: null },
    ]);
    const byOwner = await (await client.get('/api/commitments/board?by=owner')).json();
    const ownerNames = Object.fromEntries(
      byOwner.groups.map((g: { key: string | null; ownerUserName: string | null }) => [
        g.key ?? 'none',
        g.ownerUserName,
      ]),
    );
    expect(ownerNames).toEqual({ [owner.id]: '王芳', [other.id]: 'Zhang Lei', none: null });
    // A page names its owners with one query per kind, not one per row.
    const select = vi.spyOn(own.scope, 'select');
    try {
      const page = await listCommitments(own.scope, { sort: 'dueOn' });
      expect(page.items).toHaveLength(3);
      expect(select.mock.calls.filter(([table]) => table === users)).toHaveLength(1);
      expect(select.mock.calls.filter(([table]) => table === orgUnits)).toHaveLength(1);
    } finally {
      select.mockRestore();
    }
  });

  it('derives overdue at read time and records who completed it and when', async () => {
    const { client, user } = await clientAs(t, college, ['cooperation_officer']);
    const late = await client.post('/api/commitments', { text: '提供实习岗位清单', dueOn: dayFromToday(-3) });
    expect(late.status).toBe(201);
    const body = await late.json();
    expect(body).toMatchObject({ status: 'open', overdue: true });
    const soon = await (
      await client.post('/api/commitments', { text: '回访', dueOn: dayFromToday(3), ownerUserId: user.id })
    ).json();
    expect(soon.overdue).toBe(false);
    const overdueList = await (await client.get('/api/commitments?status=overdue')).json();
    expect(overdueList.items.map((i: { id: string }) => i.id)).toEqual([body.id]);
    const done = await client.post(`/api/commitments/${body.id}/complete`, {
      evidence: '已发送',
      version: 1,
    });
    expect(done.status).toBe(200);
    expect(await done.json()).toMatchObject({
      status: 'done',
      overdue: false,
      completedById: user.id,
      completedOn: dayFromToday(0),
      version: 2,
    });
    const viaEdit = await client.patch(`/api/commitments/${soon.id}`, { status: 'done', version: 1 });
    expect(await viaEdit.json()).toMatchObject({ completedById: user.id, completedOn: dayFromToday(0) });
    const reopened = await client.patch(`/api/commitments/${soon.id}`, { status: 'open', version: 2 });
    expect(await reopened.json()).toMatchObject({ completedById: null, completedOn: null, version: 3 });
    const reminders = await (await client.get('/api/commitments/reminders')).json();
    expect(reminders.dueSoon.map((i: { id: string }) => i.id)).toEqual([soon.id]);
    const board = await (await client.get('/api/commitments/board?by=owner')).json();
    const mine = board.groups.find((g: { key: string | null }) => g.key === user.id);
    expect(mine.counts).toEqual({ open: 1, in_progress: 0, done: 0, overdue: 0 });
  });

  it('answers field details for invalid input and 409 for a stale version', async () => {
    const { client } = await clientAs(t, college, ['cooperation_officer']);
    const bad = await client.post('/api/commitments', { text: '', dueOn: 'tomorrow' });
    expect(bad.status).toBe(400);
    const paths = (await bad.json()).error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['text', 'dueOn']));
    const made = await (await client.post('/api/commitments', { text: 'A' })).json();
    expect((await client.patch(`/api/commitments/${made.id}`, { text: 'B', version: 1 })).status).toBe(200);
    const stale = await client.patch(`/api/commitments/${made.id}`, { text: 'C', version: 1 });
    expect(stale.status).toBe(409);
    const sorted = await client.get('/api/commitments?sort=-priority&pageSize=1&page=2');
    expect(sorted.status).toBe(200);
    expect((await sorted.json()).items).toHaveLength(1);
    expect((await client.get('/api/commitments?sort=nope')).status).toBe(400);
  });

  it('deletes softly and limits liaisons to their departments; viewers cannot write', async () => {
    const unitA = await buildOrgUnit(college.scope, '机电学院');
    const unitB = await buildOrgUnit(college.scope, '信息学院');
    const { client: officer } = await clientAs(t, college, ['cooperation_officer']);
    const other = await (
      await officer.post('/api/commitments', { text: 'B 的事', ownerOrgUnitId: unitB.id })
    ).json();
    const { client: liaison, user } = await clientAs(t, college, ['department_liaison']);
    await college.scope.change(users, 'user', user.id, null, { orgUnitIds: [unitA.id] });
    expect((await liaison.post('/api/commitments', { text: 'x', ownerOrgUnitId: unitB.id })).status).toBe(
      403,
    );
    const own = await liaison.post('/api/commitments', { text: 'A 的事', ownerOrgUnitId: unitA.id });
    expect(own.status).toBe(201);
    const list = await (await liaison.get('/api/commitments')).json();
    expect(list.items.map((i: { text: string }) => i.text)).toEqual(['A 的事']);
    expect((await liaison.get(`/api/commitments/${other.id}`)).status).toBe(404);
    const { client: viewer } = await clientAs(t, college, ['viewer']);
    expect((await viewer.post('/api/commitments', { text: 'x' })).status).toBe(403);
    expect((await officer.request('DELETE', `/api/commitments/${other.id}?version=1`)).status).toBe(204);
    expect((await officer.get(`/api/commitments/${other.id}`)).status).toBe(404);
    const other2 = await buildTenant(t);
    const { client: stranger } = await clientAs(t, other2, ['college_admin']);
    expect((await stranger.get(`/api/commitments/${(await own.json()).id}`)).status).toBe(404);
  });
});
