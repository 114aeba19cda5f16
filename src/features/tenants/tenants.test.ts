import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTenant,
  buildUser,
  clientAs,
  createTestApp,
  type TestApp,
  TestClient,
} from '../../../test/test-app.ts';
import { listColleges, resolveSite, setCollegeStatus } from './tenants.service.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('tenancy', () => {
  it('resolves the college by host name and falls back to the default site', async () => {
    const main = await buildTenant(t, { isDefault: true });
    const other = await buildTenant(t);
    expect((await resolveSite(t.database.db, `${other.host}:3000`))?.id).toBe(other.id);
    expect((await resolveSite(t.database.db, 'unknown.example'))?.id).toBe(main.id);
    const home = await new TestClient(t, other.host).get('/en/');
    expect(await home.text()).toContain(`Test College`);
  });

  it('stops a suspended college’s site, logins and sessions until it is resumed, deleting nothing', async () => {
    const college = await buildTenant(t);
    const { client, user } = await clientAs(t, college, ['college_admin']);
    expect((await client.get('/api/auth/me')).status).toBe(200);
    await setCollegeStatus(t.database.db, college.slug, 'suspended');
    expect((await listColleges(t.database.db)).find((c) => c.slug === college.slug)).toMatchObject({
      status: 'suspended',
      hosts: [college.host],
    });
    expect((await resolveSite(t.database.db, college.host))?.id).not.toBe(college.id);
    expect((await client.get('/api/auth/me')).status).not.toBe(200);
    await setCollegeStatus(t.database.db, college.slug, 'active');
    expect((await client.get('/api/auth/me')).status).toBe(200);
    expect((await client.get(`/api/users/${user.id}`)).status).toBe(200);
    await expect(setCollegeStatus(t.database.db, 'no-such-college', 'active')).rejects.toThrow(/No college/);
  });

  it('keeps a user of college A from reading or changing anything of college B', async () => {
    const a = await buildTenant(t);
    const b = await buildTenant(t);
    const { client: adminA } = await clientAs(t, a, ['college_admin']);
    const { user: adminB } = await clientAs(t, b, ['college_admin']);
    const userB = await buildUser(t, b, ['viewer']);

    const list = await (await adminA.get('/api/users?pageSize=200')).json();
    expect(list.items.map((u: { id: string }) => u.id)).not.toContain(userB.id);
    expect(list.total).toBe(1);
    expect((await adminA.get(`/api/users/${userB.id}`)).status).toBe(404);
    expect(
      (await adminA.patch(`/api/users/${userB.id}`, { version: 1, roles: ['college_admin'] })).status,
    ).toBe(404);
    expect(
      (await adminA.post(`/api/users/${userB.id}/password`, { password: 'taken-over-123' })).status,
    ).toBe(404);
    const auditA = await (await adminA.get('/api/audit?pageSize=200')).json();
    expect(
      auditA.items.some((e: { subjectId: string }) => e.subjectId === userB.id || e.subjectId === adminB.id),
    ).toBe(false);

    // A's session cookie means nothing on B's site.
    const replay = new TestClient(t, b.host);
    replay.cookie = adminA.cookie;
    expect((await replay.get('/api/auth/me')).status).toBe(401);
    expect((await replay.get('/api/users')).status).toBe(401);
    // And A's credentials do not log in on B's site.
    const viaB = await new TestClient(t, b.host).post('/api/auth/login', {
      email: adminB.email.replace(/@/, '+x@'),
      password: 'x',
    });
    expect(viaB.status).toBe(401);
  });
});
