import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganization, buildOrgUnit, buildPerson, dayFromToday } from '../../../test/record-fixtures.ts';
import {
  buildTenant,
  clientAs,
  createTestApp,
  type TestApp,
  type TestResponse,
} from '../../../test/test-app.ts';
import { scheduleRecurringJob } from '../../platform/jobs.ts';
import { addDays, todayIso } from '../../platform/references.ts';
import { timelineEvents } from '../audit/audit.table.ts';
import { users } from '../users/users.table.ts';
import { scheduleAgreementJobs } from './agreements.jobs.ts';
import { expireAgreements, renewedValidTo } from './agreements.service.ts';
import { agreements } from './agreements.table.ts';

let t: TestApp;
let college: Awaited<ReturnType<typeof buildTenant>>;

let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'concord-agreements-'));
  t = await createTestApp({ DATA_DIR: dataDir });
  college = await buildTenant(t);
});
afterAll(async () => {
  await t.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('agreements', () => {
  it('records parties, moves only along the lifecycle and answers 409 on stale versions', async () => {
    const { client } = await clientAs(t, college, ['cooperation_officer']);
    const org = await buildOrganization(college.scope);
    const signer = await buildPerson(college.scope, '张总');
    const res = await client.post('/api/agreements', {
      type: 'framework',
      titleZh: '校企合作框架协议',
      parties: [
        { organizationId: null, role: 'party_a' },
        { organizationId: org.id, role: 'party_b', signatoryPersonId: signer.id },
      ],
    });
    expect(res.status).toBe(201);
    const made = await res.json();
    expect(made).toMatchObject({ status: 'draft', version: 1 });
    expect(made.parties).toHaveLength(2);
    const illegal = await client.post(`/api/agreements/${made.id}/transition`, { to: 'active', version: 1 });
    expect(illegal.status).toBe(400);
    expect((await illegal.json()).error.details[0].path).toBe('to');
    const review = await client.post(`/api/agreements/${made.id}/transition`, {
      to: 'in_review',
      version: 1,
    });
    expect((await review.json()).status).toBe('in_review');
    expect(
      (await client.post(`/api/agreements/${made.id}/transition`, { to: 'signed', version: 1 })).status,
    ).toBe(409);
    const byOrg = await (await client.get(`/api/agreements?organizationId=${org.id}`)).json();
    expect(byOrg.total).toBe(1);
    const bad = await client.post('/api/agreements', {
      type: 'nope',
      titleZh: '',
      parties: [{ organizationId: crypto.randomUUID(), role: 'party_b' }],
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.details.map((d: { path: string }) => d.path)).toEqual(
      expect.arrayContaining(['type', 'titleZh']),
    );
    const unknownParty = await client.post('/api/agreements', {
      type: 'mou',
      titleZh: 'x',
      parties: [{ organizationId: crypto.randomUUID(), role: 'party_b' }],
    });
    expect((await unknownParty.json()).error.details[0].path).toBe('parties');
  });

  it('reports an agreement past valid_to as expired before the job, lists ones expiring within 90 days', async () => {
    const { client } = await clientAs(t, college, ['cooperation_officer']);
    const make = async (titleZh: string, validTo: string) => {
      const a = await (
        await client.post('/api/agreements', { type: 'specific', titleZh, validFrom: '2020-01-01', validTo })
      ).json();
      await college.scope.updateRaw(agreements, eq(agreements.id, a.id), { status: 'active' });
      return a.id as string;
    };
    const past = await make('过期协议', dayFromToday(-1));
    const soon = await make('即将到期', dayFromToday(60));
    await make('远期', dayFromToday(400));
    expect((await (await client.get(`/api/agreements/${past}`)).json()).status).toBe('expired');
    const expiring = await (await client.get('/api/agreements/expiring?within=90')).json();
    expect(expiring.items.map((i: { id: string }) => i.id)).toEqual([soon]);
    expect((await client.get('/api/agreements/expiring?within=45')).status).toBe(400);
    const expiredList = await (await client.get('/api/agreements?status=expired')).json();
    expect(expiredList.items.map((i: { id: string }) => i.id)).toContain(past);
  });

  it('expires agreements through the job after downtime, as the system, with a timeline entry', async () => {
    const { client } = await clientAs(t, college, ['cooperation_officer']);
    const a = await (
      await client.post('/api/agreements', {
        type: 'mou',
        titleZh: '停机期间到期',
        validTo: dayFromToday(-2),
      })
    ).json();
    await college.scope.updateRaw(agreements, eq(agreements.id, a.id), { status: 'active' });
    // A daily run that fell due while the server was down.
    await scheduleRecurringJob(
      t.database.db,
      'agreements.expire',
      86_400_000,
      new Date(Date.now() - 3_600_000),
    );
    await scheduleAgreementJobs(t.database.db);
    await t.services.jobs.start();
    await t.services.jobs.stop();
    await t.services.jobs.runDue();
    const [row] = await college.scope.select(agreements, { where: eq(agreements.id, a.id) });
    expect(row?.status).toBe('expired');
    const events = await college.scope.select(timelineEvents, { where: eq(timelineEvents.subjectId, a.id) });
    expect(events.find((e) => e.verb === 'agreement.expired')).toMatchObject({
      actorId: null,
      actorName: 'system',
    });
  });

  it('renews an automatically renewing agreement by its term instead of expiring it', async () => {
    const { client } = await clientAs(t, college, ['cooperation_officer']);
    const made = async (titleZh: string, validFrom: string | null, validTo: string) => {
      const a = await (
        await client.post('/api/agreements', {
          type: 'mou',
          titleZh,
          ...(validFrom ? { validFrom } : {}),
          validTo,
          autoRenew: true,
        })
      ).json();
      await college.scope.updateRaw(agreements, eq(agreements.id, a.id), { status: 'active' });
      return a.id as string;
    };
    // A two-year term that ended 40 days ago, and one with no start (a year's term).
    const twoYears = await made('两年一续', addDays(dayFromToday(-40), -730), dayFromToday(-40));
    const yearly = await made('每年自动续期', null, dayFromToday(-1));
    // Before the job: still active, not in the expired list.
    expect((await (await client.get(`/api/agreements/${twoYears}`)).json()).status).toBe('active');
    const expired = await (await client.get('/api/agreements?status=expired')).json();
    expect(expired.items.map((i: { id: string }) => i.id)).not.toContain(twoYears);
    const active = await (await client.get('/api/agreements?status=active')).json();
    expect(active.items.map((i: { id: string }) => i.id)).toContain(yearly);

    await expireAgreements(college.scope);
    const rows = await college.scope.select(agreements, {
      where: inArray(agreements.id, [twoYears, yearly]),
    });
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(twoYears)).toMatchObject({ status: 'active' });
    expect(byId.get(twoYears)!.validTo! >= todayIso()).toBe(true);
    expect(byId.get(twoYears)!.validTo! <= addDays(todayIso(), 731)).toBe(true);
    expect(byId.get(yearly)).toMatchObject({ status: 'active' });
    expect(byId.get(yearly)!.validTo! > addDays(todayIso(), 300)).toBe(true);
    const events = await college.scope.select(timelineEvents, {
      where: eq(timelineEvents.subjectId, yearly),
    });
    expect(events.find((e) => e.verb === 'agreement.renewed')).toMatchObject({ actorName: 'system' });
    // Terms repeat from the old end, month by month, the 31st kept as the month's last day.
    expect(renewedValidTo({ validFrom: '2023-02-01', validTo: '2024-01-31' }, '2024-02-10')).toBe(
      '2025-01-31',
    );
    expect(renewedValidTo({ validFrom: '2024-01-01', validTo: '2024-03-31' }, '2024-04-01')).toBe(
      '2024-06-30',
    );
    expect(renewedValidTo({ validFrom: null, validTo: '2020-06-30' }, '2026-12-06')).toBe('2027-06-30');
  });

  it('limits liaisons to their departments, refuses viewers, isolates colleges and deletes softly', async () => {
    const unitA = await buildOrgUnit(college.scope, 'A');
    const unitB = await buildOrgUnit(college.scope, 'B');
    const { client: officer } = await clientAs(t, college, ['college_admin']);
    const other = await (
      await officer.post('/api/agreements', { type: 'mou', titleZh: 'B 的协议', ownerOrgUnitId: unitB.id })
    ).json();
    const { client: liaison, user } = await clientAs(t, college, ['department_liaison']);
    await college.scope.change(users, 'user', user.id, null, { orgUnitIds: [unitA.id] });
    expect((await liaison.get(`/api/agreements/${other.id}`)).status).toBe(404);
    expect(
      (await liaison.post('/api/agreements', { type: 'mou', titleZh: 'x', ownerOrgUnitId: unitB.id })).status,
    ).toBe(403);
    expect((await liaison.get('/api/agreements')).status).toBe(200);
    expect((await (await liaison.get('/api/agreements')).json()).total).toBe(0);
    const { client: viewer } = await clientAs(t, college, ['viewer']);
    expect((await viewer.post('/api/agreements', { type: 'mou', titleZh: 'x' })).status).toBe(403);
    const other2 = await buildTenant(t);
    const { client: stranger } = await clientAs(t, other2, ['college_admin']);
    expect((await stranger.get(`/api/agreements/${other.id}`)).status).toBe(404);
    expect((await officer.request('DELETE', `/api/agreements/${other.id}?version=1`)).status).toBe(204);
    expect((await officer.get(`/api/agreements/${other.id}`)).status).toBe(404);
    const page = await (await officer.get('/api/agreements?pageSize=2&sort=titleZh')).json();
    expect(page.items).toHaveLength(2);
    expect(page.total).toBeGreaterThan(2);
  });

  it('attaches, lists, downloads and detaches a signed scan; refuses other file types', async () => {
    const { client } = await clientAs(t, college, ['cooperation_officer']);
    const made = await (
      await client.post('/api/agreements', { type: 'mou', titleZh: '带附件的协议' })
    ).json();
    const upload = async (name: string, type: string, text: string): Promise<TestResponse> => {
      const form = new FormData();
      form.set('file', new File([text], name, { type }));
      return await t.app.request(`/api/agreements/${made.id}/files`, {
        method: 'POST',
        body: form,
        headers: { host: college.host, origin: `http://${college.host}`, cookie: client.cookie },
      });
    };
    const res = await upload('../签字版.pdf', 'application/pdf', '%PDF-1.4 signed');
    expect(res.status).toBe(201);
    const file = await res.json();
    expect(file).toMatchObject({ fileName: '签字版.pdf', contentType: 'application/pdf', byteSize: 15 });
    const refused = await upload('run.html', 'text/html', '<script>');
    expect(refused.status).toBe(400);
    expect((await refused.json()).error.details[0].path).toBe('file');
    expect(
      (await (await client.get(`/api/agreements/${made.id}/files`)).json()).map((f: { id: string }) => f.id),
    ).toEqual([file.id]);
    const download = await client.get(`/api/agreements/${made.id}/files/${file.id}`);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment/);
    expect(await download.text()).toBe('%PDF-1.4 signed');
    const elsewhere = await buildTenant(t);
    const { client: stranger } = await clientAs(t, elsewhere, ['college_admin']);
    expect((await stranger.get(`/api/agreements/${made.id}/files/${file.id}`)).status).toBe(404);
    expect((await client.request('DELETE', `/api/agreements/${made.id}/files/${file.id}`)).status).toBe(204);
    expect(await (await client.get(`/api/agreements/${made.id}/files`)).json()).toEqual([]);
  });
});
