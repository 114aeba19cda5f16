import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTenant, buildUser, clientAs, createTestApp, type TestApp } from '../../../test/test-app.ts';
import { newId } from '../../db/ids.ts';
import { users } from '../users/users.table.ts';
import { timelineEvents } from './audit.table.ts';

let t: TestApp;
let college: Awaited<ReturnType<typeof buildTenant>>;
beforeAll(async () => {
  t = await createTestApp();
  college = await buildTenant(t);
});
afterAll(() => t.close());

describe('timeline and audit log', () => {
  it('records who changed what and when, with the diff', async () => {
    const { user: admin, client } = await clientAs(t, college, ['college_admin']);
    const target = await buildUser(t, college, ['viewer']);
    await client.patch(`/api/users/${target.id}`, { version: 1, roles: ['editor'], name: 'Renamed' });
    const res = await client.get(`/api/audit?subjectType=user&subjectId=${target.id}`);
    expect(res.status).toBe(200);
    const { items, total } = await res.json();
    expect(total).toBe(2);
    expect(items[0]).toMatchObject({
      verb: 'user.updated',
      actorId: admin.id,
      actorName: admin.name,
      diff: { roles: { from: ['viewer'], to: ['editor'] }, name: { from: target.name, to: 'Renamed' } },
    });
    expect(items[0].requestId).toBeTruthy();
    expect(items[1].verb).toBe('user.created');
    expect(items[1].diff.passwordHash).toEqual({ to: '[redacted]' });
    expect(JSON.stringify(items)).not.toContain('scrypt');
  });

  it('filters by verb and date and pages newest first', async () => {
    const { client } = await clientAs(t, college, ['college_admin']);
    const today = new Date().toISOString().slice(0, 10);
    const created = await (
      await client.get(`/api/audit?verb=user.created&from=${today}&to=${today}&pageSize=2`)
    ).json();
    expect(created.items).toHaveLength(2);
    expect(created.total).toBeGreaterThanOrEqual(2);
    expect(created.items[0].id).toBeGreaterThan(created.items[1].id);
    const none = await (await client.get('/api/audit?from=2001-01-01&to=2001-01-02')).json();
    expect(none).toEqual({ items: [], total: 0 });
    expect((await client.get('/api/audit?from=yesterday')).status).toBe(400);
  });

  it('is readable by administrators and cooperation officers only', async () => {
    for (const role of ['editor', 'reviewer', 'viewer', 'department_liaison'] as const) {
      const { client } = await clientAs(t, college, [role]);
      expect((await client.get('/api/audit')).status, role).toBe(403);
    }
    const { client } = await clientAs(t, college, ['cooperation_officer']);
    expect((await client.get('/api/audit')).status).toBe(200);
  });

  it('refuses to update or delete a timeline event', async () => {
    const [event] = await t.database.db.select().from(timelineEvents).limit(1);
    expect(event).toBeDefined();
    await expect(
      t.database.db.update(timelineEvents).set({ verb: 'forged' }).where(eq(timelineEvents.id, event!.id)),
    ).rejects.toThrow();
    await expect(
      t.database.db.delete(timelineEvents).where(eq(timelineEvents.id, event!.id)),
    ).rejects.toThrow();
    const [again] = await t.database.db.select().from(timelineEvents).where(eq(timelineEvents.id, event!.id));
    expect(again?.verb).toBe(event!.verb);
  });

  it('writes the event in the same transaction as the change: a failed change leaves no event', async () => {
    const id = newId();
    await expect(
      college.scope.transaction(async (tx) => {
        await tx.create(users, 'user', {
          id,
          email: 'ghost@example.test',
          name: 'Ghost',
          passwordHash: 'x',
          roles: ['viewer'],
        });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await college.scope.count(users, eq(users.id, id))).toBe(0);
    expect(await college.scope.count(timelineEvents, sql`${timelineEvents.subjectId} = ${id}`)).toBe(0);
  });
});
