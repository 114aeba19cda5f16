import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTenant, clientAs, createTestApp, type TestApp, TestClient } from '../../../test/test-app.ts';
import { listColleges } from '../tenants/tenants.service.ts';

let t: TestApp;
let home: Awaited<ReturnType<typeof buildTenant>>;
let platform: TestClient;
beforeAll(async () => {
  t = await createTestApp();
  home = await buildTenant(t);
  platform = (await clientAs(t, home, ['platform_admin'])).client;
});
afterAll(() => t.close());

const newCollege = (slug: string, overrides: Record<string, unknown> = {}) => ({
  slug,
  nameZh: '南通航运职业技术学院',
  nameEn: 'Nantong Shipping College',
  host: `news.${slug}.edu.cn`,
  admin: { email: `admin@${slug}.edu.cn`, name: '王老师', password: 'harbour-crane-4821' },
  ...overrides,
});

describe('colleges for the platform administrator', () => {
  it('adds a college with its host name and first administrator, who logs in at that host', async () => {
    const res = await platform.post('/api/colleges', newCollege('ntsc'));
    expect(res.status).toBe(201);
    const college = await res.json();
    expect(college).toMatchObject({
      slug: 'ntsc',
      status: 'active',
      hosts: ['news.ntsc.edu.cn'],
      isDefault: false,
    });
    const list = await (await platform.get('/api/colleges')).json();
    expect(list.items.map((c: { slug: string }) => c.slug)).toContain('ntsc');
    const admin = await new TestClient(t, 'news.ntsc.edu.cn').login(
      'admin@ntsc.edu.cn',
      'harbour-crane-4821',
    );
    const me = await (await admin.get('/api/auth/me')).json();
    expect(me.user.roles).toEqual(['college_admin']);
    // Their college is empty and their own: the platform administrator's college is not in it.
    expect((await (await admin.get('/api/organizations')).json()).total).toBe(0);
  });

  it('refuses a taken slug or host name and a common password, leaving nothing behind', async () => {
    await platform.post('/api/colleges', newCollege('taken'));
    const before = (await listColleges(t.database.db)).length;
    const slug = await platform.post('/api/colleges', newCollege('taken', { host: 'other.taken.edu.cn' }), {
      'accept-language': 'zh-CN',
    });
    expect(slug.status).toBe(409);
    expect((await slug.json()).error.details[0]).toMatchObject({
      path: 'slug',
      message: expect.stringMatching(/已/),
    });
    const host = await platform.post('/api/colleges', newCollege('taken2', { host: 'news.taken.edu.cn' }));
    expect(host.status).toBe(409);
    expect((await host.json()).error.details[0]).toMatchObject({ path: 'host', code: 'host_taken' });
    const weak = await platform.post(
      '/api/colleges',
      newCollege('weak', { admin: { email: 'a@weak.edu.cn', name: 'A', password: 'password2026' } }),
      { 'accept-language': 'en' },
    );
    expect(weak.status).toBe(400);
    const detail = (await weak.json()).error.details[0];
    expect(detail).toMatchObject({ path: 'admin.password', code: 'password_common' });
    const badHost = await platform.post('/api/colleges', newCollege('badhost', { host: 'not a host' }));
    expect((await badHost.json()).error.details[0].path).toBe('host');
    expect((await listColleges(t.database.db)).length).toBe(before);
  });

  it('adds and removes host names; a college keeps one, and a taken name is refused', async () => {
    const college = await (await platform.post('/api/colleges', newCollege('hosts'))).json();
    const added = await platform.post(`/api/colleges/${college.id}/hosts`, { host: 'WWW.Hosts.edu.cn' });
    expect(added.status).toBe(201);
    expect((await added.json()).hosts).toEqual(['news.hosts.edu.cn', 'www.hosts.edu.cn']);
    expect((await new TestClient(t, 'www.hosts.edu.cn').get('/en/')).status).toBe(200);
    const taken = await platform.post(`/api/colleges/${college.id}/hosts`, { host: home.host });
    expect(taken.status).toBe(409);
    expect((await taken.json()).error.details[0].code).toBe('host_taken');
    const removed = await platform.request('DELETE', `/api/colleges/${college.id}/hosts/news.hosts.edu.cn`);
    expect((await removed.json()).hosts).toEqual(['www.hosts.edu.cn']);
    const last = await platform.request('DELETE', `/api/colleges/${college.id}/hosts/www.hosts.edu.cn`);
    expect(last.status).toBe(400);
    expect((await last.json()).error.details[0].code).toBe('last_host');
    const unknown = await platform.request('DELETE', `/api/colleges/${college.id}/hosts/nothing.edu.cn`);
    expect(unknown.status).toBe(404);
  });

  it('renames, suspends and resumes another college, but never its own', async () => {
    const college = await (await platform.post('/api/colleges', newCollege('pause'))).json();
    const admin = await new TestClient(t, 'news.pause.edu.cn').login(
      'admin@pause.edu.cn',
      'harbour-crane-4821',
    );
    const renamed = await platform.patch(`/api/colleges/${college.id}`, {
      nameEn: 'Nantong Maritime College',
    });
    expect((await renamed.json()).nameEn).toBe('Nantong Maritime College');
    expect(await (await new TestClient(t, 'news.pause.edu.cn').get('/en/')).text()).toContain(
      'Nantong Maritime College',
    );
    await platform.patch(`/api/colleges/${college.id}`, { status: 'suspended' });
    expect((await admin.get('/api/auth/me')).status).not.toBe(200);
    await platform.patch(`/api/colleges/${college.id}`, { status: 'active' });
    expect((await admin.get('/api/auth/me')).status).toBe(200);
    const own = await platform.patch(`/api/colleges/${home.id}`, { status: 'suspended' });
    expect(own.status).toBe(400);
    expect((await own.json()).error.details[0].code).toBe('own_college');
    const ownHost = await platform.request('DELETE', `/api/colleges/${home.id}/hosts/${home.host}`);
    expect((await ownHost.json()).error.details[0].code).toBe('own_host');
  });

  it('writes every change to a college on its audit log and on the platform administrator’s', async () => {
    const college = await (await platform.post('/api/colleges', newCollege('trail'))).json();
    const admin = await new TestClient(t, 'news.trail.edu.cn').login(
      'admin@trail.edu.cn',
      'harbour-crane-4821',
    );
    await platform.patch(`/api/colleges/${college.id}`, { nameEn: 'Trail College' });
    await platform.post(`/api/colleges/${college.id}/hosts`, { host: 'www.trail.edu.cn' });
    await platform.request('DELETE', `/api/colleges/${college.id}/hosts/www.trail.edu.cn`);
    await platform.patch(`/api/colleges/${college.id}`, { status: 'suspended' });
    await platform.patch(`/api/colleges/${college.id}`, { status: 'active' });
    // A refused change leaves no event.
    await platform.post(`/api/colleges/${college.id}/hosts`, { host: home.host });
    // A lone surrogate is stored as U+FFFD, in the name and in the event (found by the fuzz test).
    const odd = await platform.patch(`/api/colleges/${college.id}`, { nameZh: 'x\uD800' });
    expect(odd.status).toBe(200);
    await platform.patch(`/api/colleges/${college.id}`, { nameZh: college.nameZh });

    const expected = [
      'college.updated',
      'college.updated',
      'college.resumed',
      'college.suspended',
      'college.host_removed',
      'college.host_added',
      'college.updated',
      'college.created',
    ];
    const theirs = (await (await admin.get('/api/audit?subjectType=college')).json()).items;
    expect(theirs.map((e: { verb: string }) => e.verb)).toEqual(expected);
    expect(theirs[0]).toMatchObject({ actorId: null, actorName: expect.stringMatching(/^platform: /) });
    expect(theirs.findLast((e: { verb: string }) => e.verb === 'college.updated').diff).toEqual({
      nameEn: { from: 'Nantong Shipping College', to: 'Trail College' },
    });
    expect(theirs[1].diff.nameZh.to).toBe('x\uFFFD');
    const ours = (await (await platform.get(`/api/audit?subjectType=college&subjectId=${college.id}`)).json())
      .items;
    expect(ours.map((e: { verb: string }) => e.verb)).toEqual(expected);
    expect(ours[0].actorId).toBeTruthy();
  });

  it('is for platform administrators only', async () => {
    const { client } = await clientAs(t, home, ['college_admin']);
    expect((await client.get('/api/colleges')).status).toBe(403);
    expect((await client.post('/api/colleges', newCollege('nope'))).status).toBe(403);
  });
});
