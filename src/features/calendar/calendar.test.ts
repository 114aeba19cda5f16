import { eq } from 'drizzle-orm';
import ical, { type VEvent } from 'node-ical';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganization, buildOrgUnit, buildPerson } from '../../../test/record-fixtures.ts';
import { buildTenant, clientAs, createTestApp, type TestApp, TestClient } from '../../../test/test-app.ts';
import { addDays, todayIso } from '../../platform/references.ts';
import { agreements } from '../agreements/agreements.table.ts';
import { users } from '../users/users.table.ts';

let t: TestApp;
let college: Awaited<ReturnType<typeof buildTenant>>;
let other: Awaited<ReturnType<typeof buildTenant>>;
let officer: Awaited<ReturnType<typeof clientAs>>;
let liaison: Awaited<ReturnType<typeof clientAs>>;
let chemistry: { id: string };
let mechanics: { id: string };
let visitId: string;
let otherDepartmentVisitId: string;
const today = todayIso();
const nextWeek = addDays(today, 7);

/** Reads a feed as a calendar app does: no cookie, only the secret address. */
async function fetchFeed(host: string, path: string, headers: Record<string, string> = {}) {
  return new TestClient(t, host).get(path, headers);
}

/** The events of an iCalendar document, parsed by a real iCalendar parser. */
function eventsOf(text: string): VEvent[] {
  return Object.values(ical.sync.parseICS(text)).filter((c): c is VEvent => c?.type === 'VEVENT');
}

beforeAll(async () => {
  t = await createTestApp();
  college = await buildTenant(t);
  other = await buildTenant(t);
  officer = await clientAs(t, college, ['cooperation_officer']);
  liaison = await clientAs(t, college, ['department_liaison']);
  chemistry = await buildOrgUnit(college.scope, '化工学院');
  mechanics = await buildOrgUnit(college.scope, '机电学院');
  await t.database.db
    .update(users)
    .set({ orgUnitIds: [chemistry.id] })
    .where(eq(users.id, liaison.user.id));
  liaison.client = await new TestClient(t, college.host).login(liaison.user.email);

  const covestro = await buildOrganization(college.scope, '科思创聚合物（中国）有限公司');
  const manager = await buildPerson(college.scope, '陈云', {
    organizationId: covestro.id,
    titleZh: '人力资源经理',
  });
  const dean = await buildPerson(college.scope, '王院长');
  const visit = await officer.client.post('/api/engagements', {
    type: 'visit_inbound',
    titleZh: '科思创来校洽谈订单班',
    titleEn: 'Covestro visits to discuss the order class',
    startsOn: nextWeek,
    startsAt: '09:30',
    location: '行政楼第一会议室',
    locationEn: 'Meeting Room 1, Administration Building',
    hostOrgUnitId: chemistry.id,
    purpose: '商谈 2027 级订单班',
    purposeEn: 'Plan the 2027 order class',
    organizations: [{ organizationId: covestro.id, role: 'guest' }],
    participants: [
      {
        personId: manager.id,
        organizationId: covestro.id,
        side: 'theirs',
        role: 'attended',
        titleZh: '人力资源经理',
      },
      { personId: dean.id, side: 'ours', role: 'received', titleZh: '院长' },
    ],
  });
  expect(visit.status).toBe(201);
  visitId = (await visit.json()).id;
  const fair = await officer.client.post('/api/engagements', {
    type: 'forum',
    titleZh: '机电学院校企合作论坛',
    startsOn: addDays(today, 10),
    endsOn: addDays(today, 11),
    hostOrgUnitId: mechanics.id,
  });
  otherDepartmentVisitId = (await fair.json()).id;

  const due = await officer.client.post('/api/commitments', {
    text: '提交订单班招生方案',
    ownerUserId: officer.user.id,
    ownerOrgUnitId: chemistry.id,
    dueOn: addDays(today, 3),
  });
  expect(due.status).toBe(201);
  const agreement = await officer.client.post('/api/agreements', {
    type: 'training_base',
    titleZh: '科思创实训基地协议',
    validTo: addDays(today, 30),
    ownerOrgUnitId: chemistry.id,
    parties: [{ organizationId: covestro.id, role: 'party_b' }],
  });
  expect(agreement.status).toBe(201);
  await t.database.db
    .update(agreements)
    .set({ status: 'active' })
    .where(eq(agreements.id, (await agreement.json()).id));
});
afterAll(() => t.close());

describe('calendar feeds', () => {
  it("gives the officer a feed of next week's visit, their commitment and the agreement's end, in Shanghai time", async () => {
    const saved = await officer.client.post('/api/calendar/feeds', { locale: 'en' });
    expect(saved.status).toBe(200);
    const feed = await saved.json();
    expect(feed).toMatchObject({ orgUnitId: null, locale: 'en', lastFetchedAt: null });
    expect(feed.path).toMatch(/^\/api\/calendar\/feed\/[A-Za-z0-9_-]{43}\.ics$/);

    const res = await fetchFeed(college.host, feed.path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const text = await res.text();
    expect(text).toContain('BEGIN:VTIMEZONE\r\nTZID:Asia/Shanghai');
    const events = eventsOf(text);

    const visit = events.find((e) => e.uid === `engagement-${visitId}@${college.host}`);
    expect(visit).toBeDefined();
    expect(visit?.summary).toBe('Covestro visits to discuss the order class');
    expect(visit?.location).toBe('Meeting Room 1, Administration Building');
    // 09:30 in Shanghai is 01:30 UTC, whatever the server's own time zone.
    expect(visit?.start.toISOString()).toBe(`${nextWeek}T01:30:00.000Z`);
    expect(visit?.start.tz).toBe('Asia/Shanghai');
    expect(visit?.end?.toISOString()).toBe(`${nextWeek}T02:30:00.000Z`);
    expect(visit?.description).toContain('Their side: 陈云 (人力资源经理)');
    expect(visit?.description).toContain('Our side: 王院长 (院长)');
    expect(visit?.description).toContain('Purpose: Plan the 2027 order class');
    expect(visit?.description).toContain(`http://${college.host}/admin/engagements/${visitId}`);

    // The forum of another department spans two whole days (the end is exclusive).
    const forum = events.find((e) => e.uid === `engagement-${otherDepartmentVisitId}@${college.host}`);
    expect(forum?.datetype).toBe('date');
    expect(forum?.start.dateOnly).toBe(true);

    const commitment = events.find((e) => e.uid?.startsWith('commitment-'));
    expect(commitment?.summary).toBe('Due: 提交订单班招生方案');
    expect(commitment?.datetype).toBe('date');
    const agreement = events.find((e) => e.uid?.startsWith('agreement-'));
    expect(agreement?.summary).toBe('Agreement ends: 科思创实训基地协议');
    expect(agreement?.description).toContain('Parties: 科思创聚合物（中国）有限公司');

    // A calendar app that has this version already is told so, a second later too.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const again = await fetchFeed(college.host, feed.path, {
      'if-none-match': res.headers.get('etag') ?? '',
    });
    expect(again.status).toBe(304);
    const listed = await (await officer.client.get('/api/calendar/feeds')).json();
    expect(listed.items).toHaveLength(1);
    expect(listed.items[0].lastFetchedAt).not.toBeNull();
  });

  it('writes the feed in Chinese when asked, and keeps one address per calendar', async () => {
    const first = await (await officer.client.post('/api/calendar/feeds', { locale: 'en' })).json();
    const zh = await (await officer.client.post('/api/calendar/feeds', { locale: 'zh-CN' })).json();
    expect(zh.id).toBe(first.id);
    expect(zh.path).toBe(first.path);
    const events = eventsOf(await (await fetchFeed(college.host, zh.path)).text());
    const visit = events.find((e) => e.uid === `engagement-${visitId}@${college.host}`);
    expect(visit?.summary).toBe('科思创来校洽谈订单班');
    expect(visit?.location).toBe('行政楼第一会议室');
    expect(visit?.description).toContain('对方：陈云（人力资源经理）');
    expect(visit?.description).toContain('承办部门：化工学院');
  });

  it("limits a liaison's feed to their department, and a department feed to the department", async () => {
    const own = await (await liaison.client.post('/api/calendar/feeds', {})).json();
    const uids = eventsOf(await (await fetchFeed(college.host, own.path)).text()).map((e) => e.uid);
    expect(uids).toContain(`engagement-${visitId}@${college.host}`);
    expect(uids).not.toContain(`engagement-${otherDepartmentVisitId}@${college.host}`);
    // The officer's commitment is theirs, not the liaison's.
    expect(uids.some((u) => u?.startsWith('commitment-'))).toBe(false);

    const refused = await liaison.client.post('/api/calendar/feeds', { orgUnitId: mechanics.id });
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.details[0].path).toBe('orgUnitId');

    const department = await (
      await officer.client.post('/api/calendar/feeds', { orgUnitId: mechanics.id, locale: 'zh-CN' })
    ).json();
    expect(department.orgUnitNameZh).toBe('机电学院');
    const text = await (await fetchFeed(college.host, department.path)).text();
    expect(text).toContain('X-WR-CALNAME:Concord：机电学院');
    const departmentUids = eventsOf(text).map((e) => e.uid);
    expect(departmentUids).toEqual([`engagement-${otherDepartmentVisitId}@${college.host}`]);
  });

  it('stops an address when it is reset or ended, and never answers on another college', async () => {
    const feed = await (await officer.client.post('/api/calendar/feeds', {})).json();
    expect((await fetchFeed(other.host, feed.path)).status).toBe(404);

    const reset = await officer.client.post(`/api/calendar/feeds/${feed.id}/reset`);
    expect(reset.status).toBe(200);
    const renewed = await reset.json();
    expect(renewed.path).not.toBe(feed.path);
    expect((await fetchFeed(college.host, feed.path)).status).toBe(404);
    expect((await fetchFeed(college.host, renewed.path)).status).toBe(200);

    // Someone else's feed cannot be reset or ended.
    expect((await liaison.client.post(`/api/calendar/feeds/${feed.id}/reset`)).status).toBe(404);
    expect((await liaison.client.request('DELETE', `/api/calendar/feeds/${feed.id}`)).status).toBe(404);

    expect((await officer.client.request('DELETE', `/api/calendar/feeds/${feed.id}`)).status).toBe(204);
    expect((await fetchFeed(college.host, renewed.path)).status).toBe(404);
    expect((await fetchFeed(college.host, '/api/calendar/feed/not-a-token.ics')).status).toBe(404);
  });

  it("stops a deactivated person's feed", async () => {
    const person = await clientAs(t, college, ['viewer']);
    const feed = await (await person.client.post('/api/calendar/feeds', {})).json();
    expect((await fetchFeed(college.host, feed.path)).status).toBe(200);
    await t.database.db.update(users).set({ status: 'deactivated' }).where(eq(users.id, person.user.id));
    expect((await fetchFeed(college.host, feed.path)).status).toBe(404);
  });

  it('downloads one engagement as an .ics file, within the caller’s departments', async () => {
    const res = await officer.client.get(`/api/calendar/engagements/${visitId}?lang=en`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('attachment');
    const events = eventsOf(await res.text());
    expect(events).toHaveLength(1);
    expect(events[0]?.summary).toBe('Covestro visits to discuss the order class');
    expect(
      (await liaison.client.get(`/api/calendar/engagements/${otherDepartmentVisitId}`)).status,
    ).toBeGreaterThanOrEqual(403);
    expect((await new TestClient(t, college.host).get(`/api/calendar/engagements/${visitId}`)).status).toBe(
      401,
    );
  });
});
