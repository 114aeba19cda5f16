import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  buildFacility,
  buildOrganization,
  buildOrgUnit,
  buildPerson,
} from '../../../test/record-fixtures.ts';
import { buildTenant, clientAs, createTestApp, type TestApp } from '../../../test/test-app.ts';
import { newId } from '../../db/ids.ts';
import * as agreementsService from '../agreements/agreements.service.ts';
import { timelineEvents } from '../audit/audit.table.ts';
import * as commitmentsService from '../commitments/commitments.service.ts';
import { orgUnits } from '../org-units/org-units.table.ts';
import { affiliations } from '../people/people.table.ts';
import * as programsService from '../programs/programs.service.ts';
import { users } from '../users/users.table.ts';
import * as engagementsService from './engagements.service.ts';

let t: TestApp;
let college: Awaited<ReturnType<typeof buildTenant>>;

beforeAll(async () => {
  t = await createTestApp();
  college = await buildTenant(t);
});
afterAll(() => t.close());

/** The Covestro visit of the seed documents, as the office would record it. */
async function covestroVisit(ids: {
  orgId: string;
  personId: string;
  ourId: string;
  unitId: string;
  facilityId: string;
}) {
  return {
    type: 'visit_outbound',
    titleZh: '学院代表团走访科思创',
    startsOn: '2025-04-17',
    startsAt: '09:30',
    location: '上海漕泾',
    hostOrgUnitId: ids.unitId,
    purpose: '深化校企合作',
    summary: '双方就订单班与实训基地达成共识',
    delegationSize: 10,
    topics: ['订单班', '实训基地'],
    facilityIds: [ids.facilityId],
    organizations: [{ organizationId: ids.orgId, role: 'host' }],
    participants: [
      { personId: ids.personId, organizationId: ids.orgId, side: 'theirs', role: 'received' },
      { personId: ids.ourId, side: 'ours', role: 'led', titleZh: '院长' },
    ],
    outcomes: [{ kind: 'consensus', text: '共建化工安全实训基地' }],
  };
}

describe('engagements', () => {
  it('keeps the title a person held on the day of the visit after a later promotion', async () => {
    const { client } = await clientAs(t, college, ['cooperation_officer']);
    const org = await buildOrganization(college.scope);
    const unit = await buildOrgUnit(college.scope);
    const facility = await buildFacility(college.scope);
    const guest = await buildPerson(college.scope, '王经理', {
      organizationId: org.id,
      titleZh: '人力资源经理',
      fromOn: '2020-01-01',
    });
    const ours = await buildPerson(college.scope, '李院长');
    const res = await client.post(
      '/api/engagements',
      await covestroVisit({
        orgId: org.id,
        personId: guest.id,
        ourId: ours.id,
        unitId: unit.id,
        facilityId: facility.id,
      }),
    );
    expect(res.status).toBe(201);
    const made = await res.json();
    expect(made.participants[0]).toMatchObject({ nameZh: '王经理', titleZh: '人力资源经理', side: 'theirs' });
    expect(made.organizations[0]).toMatchObject({ organizationId: org.id, role: 'host', nameZh: org.nameZh });
    expect(made).toMatchObject({ startsAt: '09:30', delegationSize: 10, topics: ['订单班', '实训基地'] });
    // Promoted later: the old affiliation ends, a new one starts.
    await college.scope.updateRaw(affiliations, eq(affiliations.personId, guest.id), { toOn: '2025-12-31' });
    await college.scope.insertRaw(affiliations, {
      id: crypto.randomUUID(),
      personId: guest.id,
      organizationId: org.id,
      titleZh: '副总裁',
      fromOn: '2026-01-01',
    });
    const again = await (await client.get(`/api/engagements/${made.id}`)).json();
    expect(again.participants[0].titleZh).toBe('人力资源经理');
    // Saving the whole record again (without titles) keeps the stored title too.
    const { participants, ...rest } = await covestroVisit({
      orgId: org.id,
      personId: guest.id,
      ourId: ours.id,
      unitId: unit.id,
      facilityId: facility.id,
    });
    const saved = await client.patch(`/api/engagements/${made.id}`, {
      ...rest,
      summary: '改写纪要',
      participants: participants.map(({ titleZh: _t, ...p }) => p),
      outcomes: [{ id: made.outcomes[0].id, kind: 'consensus', text: '共建化工安全实训基地' }],
      version: 1,
    });
    expect(saved.status).toBe(200);
    const body = await saved.json();
    expect(body.participants[0].titleZh).toBe('人力资源经理');
    expect(body.outcomes[0].id).toBe(made.outcomes[0].id);
    expect(body.version).toBe(2);
    const stale = await client.patch(`/api/engagements/${made.id}`, { ...rest, version: 1 });
    expect(stale.status).toBe(409);
    const events = await college.scope.select(timelineEvents, {
      where: eq(timelineEvents.subjectId, made.id),
    });
    expect(events.map((e) => e.verb)).toEqual(
      expect.arrayContaining(['engagement.created', 'engagement.updated', 'engagement.children_changed']),
    );
  });

  it('turns an outcome into a commitment, an agreement and a program in one step each', async () => {
    const { client } = await clientAs(t, college, ['cooperation_officer']);
    const org = await buildOrganization(college.scope, '消防救援支队');
    const made = await (
      await client.post('/api/engagements', {
        type: 'visit_inbound',
        titleZh: '消防救援支队来访',
        startsOn: '2025-05-20',
        organizations: [{ organizationId: org.id, role: 'guest' }],
        outcomes: [
          { text: '共建应急救援培训基地' },
          { text: '签署合作协议' },
          { text: '开展消防员培训项目' },
        ],
      })
    ).json();
    const [o1, o2, o3] = made.outcomes;
    const counterpart = await buildPerson(college.scope, '陆继军');
    const res = await client.post(`/api/engagements/${made.id}/outcomes/${o1.id}/commitment`, {
      dueOn: '2025-06-30',
      counterpartPersonId: counterpart.id,
      evidence: '培训基地挂牌照片与共建协议',
    });
    expect(res.status).toBe(201);
    const linked = await res.json();
    const commitmentId = linked.outcomes[0].commitmentId;
    const commitment = await (await client.get(`/api/commitments/${commitmentId}`)).json();
    expect(commitment).toMatchObject({
      text: '共建应急救援培训基地',
      sourceType: 'engagement',
      sourceId: made.id,
      organizationId: org.id,
      dueOn: '2025-06-30',
      counterpartPersonId: counterpart.id,
      evidence: '培训基地挂牌照片与共建协议',
    });
    expect(
      (await client.post(`/api/engagements/${made.id}/outcomes/${o1.id}/commitment`, { dueOn: '2025-06-30' }))
        .status,
    ).toBe(409);
    const withAgreement = await (
      await client.post(`/api/engagements/${made.id}/outcomes/${o2.id}/agreement`, { type: 'framework' })
    ).json();
    const agreement = await (
      await client.get(`/api/agreements/${withAgreement.outcomes[1].agreementId}`)
    ).json();
    expect(agreement).toMatchObject({ status: 'draft', sourceEngagementId: made.id });
    expect(agreement.parties.map((p: { organizationId: string | null }) => p.organizationId)).toEqual([
      null,
      org.id,
    ]);
    const badProgram = await client.post(`/api/engagements/${made.id}/outcomes/${o3.id}/program`, {
      titleZh: 'x',
    });
    expect(badProgram.status).toBe(400);
    const withProgram = await (
      await client.post(`/api/engagements/${made.id}/outcomes/${o3.id}/program`, {
        dimension: 'staff_training',
        titleZh: '消防员培训',
      })
    ).json();
    const program = await (await client.get(`/api/programs/${withProgram.outcomes[2].programId}`)).json();
    expect(program).toMatchObject({
      status: 'planned',
      organizationIds: [org.id],
      sourceEngagementId: made.id,
    });
    const events = await college.scope.select(timelineEvents, {
      where: eq(timelineEvents.subjectId, commitmentId),
    });
    expect(events.map((e) => e.verb)).toContain('commitment.created');
  });

  it('makes the visited or visiting organization the main partner of an outcome, in the order entered', async () => {
    const { client } = await clientAs(t, college, ['cooperation_officer']);
    const park = await buildOrganization(college.scope, '化工园区管委会');
    const visited = await buildOrganization(college.scope, '科思创上海一体化基地');
    const district = await buildOrganization(college.scope, '金山区教育局');
    const press = await buildOrganization(college.scope, '东方网');
    const made = await (
      await client.post('/api/engagements', {
        type: 'visit_outbound',
        titleZh: '赴科思创交流',
        startsOn: '2025-05-11',
        organizations: [
          { organizationId: press.id, role: 'mentioned' },
          { organizationId: park.id, role: 'partner' },
          { organizationId: visited.id, role: 'host' },
          { organizationId: district.id, role: 'guest' },
        ],
        outcomes: [{ text: '共建湾区产教融合基地' }, { text: '签署框架协议' }],
      })
    ).json();
    const linked = await (
      await client.post(`/api/engagements/${made.id}/outcomes/${made.outcomes[0].id}/commitment`, {
        dueOn: '2025-09-30',
      })
    ).json();
    const commitment = await (await client.get(`/api/commitments/${linked.outcomes[0].commitmentId}`)).json();
    expect(commitment.organizationId).toBe(visited.id);
    const withAgreement = await (
      await client.post(`/api/engagements/${made.id}/outcomes/${made.outcomes[1].id}/agreement`, {
        type: 'framework',
      })
    ).json();
    const agreement = await (
      await client.get(`/api/agreements/${withAgreement.outcomes[1].agreementId}`)
    ).json();
    expect(agreement.parties.map((p: { organizationId: string | null }) => p.organizationId)).toEqual([
      null,
      visited.id,
      district.id,
      park.id,
    ]);
  });

  it('answers the total of the whole list from the count the database keeps, through creates and deletes', async () => {
    const own = await buildTenant(t);
    const { client } = await clientAs(t, own, ['college_admin']);
    const made: { id: string; version: number }[] = [];
    for (const day of ['2025-03-01', '2025-03-02', '2025-03-03']) {
      made.push(
        await (
          await client.post('/api/engagements', { type: 'meeting', titleZh: `座谈 ${day}`, startsOn: day })
        ).json(),
      );
    }
    const total = async (query = '') =>
      (await (await client.get(`/api/engagements?pageSize=1${query}`)).json()).total;
    // The shared college of the other tests has engagements too: they are not in this total.
    expect(await total()).toBe(3);
    const gone = made[0] as { id: string; version: number };
    expect(
      (await client.request('DELETE', `/api/engagements/${gone.id}?version=${gone.version}`)).status,
    ).toBe(204);
    expect(await total()).toBe(2);
    expect(await total('&type=meeting')).toBe(2);
    expect(await total('&type=forum')).toBe(0);
  });

  it('validates with field details, lists with filters, sorts, pages and shows a calendar', async () => {
    const { client } = await clientAs(t, college, ['college_admin']);
    const bad = await client.post('/api/engagements', {
      type: 'party',
      titleZh: '',
      startsOn: '2025-13-01',
      participants: [{ personId: crypto.randomUUID(), side: 'ours' }],
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.details.map((d: { path: string }) => d.path)).toEqual(
      expect.arrayContaining(['type', 'titleZh', 'startsOn']),
    );
    const unknown = await client.post('/api/engagements', {
      type: 'meeting',
      titleZh: '会议',
      startsOn: '2025-03-01',
      participants: [{ personId: crypto.randomUUID(), side: 'ours' }],
    });
    expect((await unknown.json()).error.details[0].path).toBe('participants');
    for (const [titleZh, startsOn] of [
      ['三月论坛', '2025-03-05'],
      ['三月会议', '2025-03-20'],
      ['四月竞赛', '2025-04-02'],
    ] as const) {
      expect((await client.post('/api/engagements', { type: 'forum', titleZh, startsOn })).status).toBe(201);
    }
    const march = await (await client.get('/api/engagements/calendar?month=2025-03&q=三月')).json();
    expect(march.days.map((d: { date: string }) => d.date)).toEqual(['2025-03-05', '2025-03-20']);
    expect((await client.get('/api/engagements/calendar?month=2025-3')).status).toBe(400);
    const page = await (await client.get('/api/engagements?type=forum&pageSize=2&page=1')).json();
    expect(page.total).toBe(3);
    expect(page.items.map((i: { titleZh: string }) => i.titleZh)).toEqual(['四月竞赛', '三月会议']);
    for (const n of [2, 3]) {
      const later = await (await client.get(`/api/engagements?type=forum&pageSize=2&page=${n}`)).json();
      expect(later).toMatchObject({ total: 3, items: n === 2 ? [{ titleZh: '三月论坛' }] : [] });
    }
    const byTitle = await (
      await client.get('/api/engagements?type=forum&sort=title&from=2025-03-01&to=2025-03-31')
    ).json();
    expect(byTitle.items).toHaveLength(2);
  });

  it('names the host department in the list, the calendar and the record, looked up once per page', async () => {
    const own = await buildTenant(t);
    const { client } = await clientAs(t, own, ['college_admin']);
    const units = [
      ['智能制造学院', 'School of Intelligent Manufacturing'],
      ['化工学院', 'School of Chemical Engineering'],
      ['国际交流处', ''],
    ].map(([nameZh, nameEn]) => ({ id: newId(), nameZh: nameZh as string, nameEn: nameEn as string }));
    for (const unit of units) await own.scope.create(orgUnits, 'org_unit', unit);
    const made: { id: string }[] = [];
    for (const [n, unit] of units.entries()) {
      const res = await client.post('/api/engagements', {
        type: 'meeting',
        titleZh: `座谈 ${n}`,
        startsOn: `2025-06-0${n + 1}`,
        hostOrgUnitId: unit.id,
      });
      made.push(await res.json());
    }
    await client.post('/api/engagements', { type: 'meeting', titleZh: '无主办', startsOn: '2025-06-09' });
    const names = (items: Record<string, unknown>[]) =>
      items.map((i) => [i.titleZh, i.hostOrgUnitNameZh, i.hostOrgUnitNameEn]);
    const expected = [
      ['座谈 0', '智能制造学院', 'School of Intelligent Manufacturing'],
      ['座谈 1', '化工学院', 'School of Chemical Engineering'],
      ['座谈 2', '国际交流处', ''],
      ['无主办', null, null],
    ];
    const list = await (await client.get('/api/engagements?sort=startsOn')).json();
    expect(names(list.items)).toEqual(expected);
    const calendar = await (await client.get('/api/engagements/calendar?month=2025-06')).json();
    expect(names(calendar.days.flatMap((d: { items: Record<string, unknown>[] }) => d.items))).toEqual(
      expected,
    );
    const one = await (await client.get(`/api/engagements/${made[1]?.id}`)).json();
    expect(one).toMatchObject({
      hostOrgUnitNameZh: '化工学院',
      hostOrgUnitNameEn: 'School of Chemical Engineering',
    });
    // The departments of a whole page are looked up in one query, not one per row.
    const select = vi.spyOn(own.scope, 'select');
    try {
      const page = await engagementsService.listEngagements(own.scope, { sort: 'startsOn' });
      expect(names(page.items)).toEqual(expected);
      expect(select.mock.calls.filter(([table]) => table === orgUnits)).toHaveLength(1);
    } finally {
      select.mockRestore();
    }
  });

  it('limits liaisons to their departments, refuses viewers, isolates colleges and deletes softly', async () => {
    const unitA = await buildOrgUnit(college.scope, 'A');
    const unitB = await buildOrgUnit(college.scope, 'B');
    const { client: officer } = await clientAs(t, college, ['cooperation_officer']);
    const other = await (
      await officer.post('/api/engagements', {
        type: 'meeting',
        titleZh: 'B 的会',
        startsOn: '2025-01-01',
        hostOrgUnitId: unitB.id,
      })
    ).json();
    const { client: liaison, user } = await clientAs(t, college, ['department_liaison']);
    await college.scope.change(users, 'user', user.id, null, { orgUnitIds: [unitA.id] });
    const body = { type: 'meeting', titleZh: 'A 的会', startsOn: '2025-01-02', hostOrgUnitId: unitA.id };
    expect((await liaison.post('/api/engagements', body)).status).toBe(201);
    expect((await liaison.post('/api/engagements', { ...body, hostOrgUnitId: unitB.id })).status).toBe(403);
    expect((await liaison.get(`/api/engagements/${other.id}`)).status).toBe(404);
    expect((await liaison.patch(`/api/engagements/${other.id}`, { ...body, version: 1 })).status).toBe(404);
    const listed = await (await liaison.get('/api/engagements')).json();
    expect(listed.items.map((i: { titleZh: string }) => i.titleZh)).toEqual(['A 的会']);
    const { client: viewer } = await clientAs(t, college, ['viewer']);
    expect((await viewer.get(`/api/engagements/${other.id}`)).status).toBe(200);
    expect((await viewer.post('/api/engagements', body)).status).toBe(403);
    const elsewhere = await buildTenant(t);
    const { client: stranger } = await clientAs(t, elsewhere, ['college_admin']);
    expect((await stranger.get(`/api/engagements/${other.id}`)).status).toBe(404);
    expect((await officer.request('DELETE', `/api/engagements/${other.id}?version=1`)).status).toBe(204);
    expect((await officer.get(`/api/engagements/${other.id}`)).status).toBe(404);
  });

  it('moves every reference from one organization to another and lists its history', async () => {
    const { client } = await clientAs(t, college, ['cooperation_officer']);
    const from = await buildOrganization(college.scope, '旧公司');
    const to = await buildOrganization(college.scope, '新公司');
    const person = await buildPerson(college.scope, '赵工');
    const engagement = await (
      await client.post('/api/engagements', {
        type: 'meeting',
        titleZh: '合并前的会',
        startsOn: '2024-05-01',
        organizations: [
          { organizationId: from.id, role: 'partner' },
          { organizationId: to.id, role: 'mentioned' },
        ],
        participants: [{ personId: person.id, organizationId: from.id, side: 'theirs' }],
      })
    ).json();
    await client.post('/api/agreements', {
      type: 'mou',
      titleZh: '备忘录',
      signedOn: '2024-06-01',
      parties: [{ organizationId: from.id, role: 'party_b' }],
    });
    await client.post('/api/programs', {
      dimension: 'fund',
      titleZh: '奖学金',
      organizationIds: [from.id, to.id],
    });
    await client.post('/api/commitments', { text: '回访', organizationId: from.id, dueOn: '2024-07-01' });
    const moved = await college.scope.transaction(async (tx) => {
      let n = 0;
      for (const service of [engagementsService, agreementsService, programsService, commitmentsService]) {
        n += await service.moveOrganizationReferences(tx, from.id, to.id);
      }
      return n;
    });
    expect(moved).toBe(5);
    const history = (
      await Promise.all(
        [engagementsService, agreementsService, programsService, commitmentsService].map((s) =>
          s.historyOfOrganization(college.scope, to.id),
        ),
      )
    ).flat();
    expect(history.map((h) => h.kind).sort()).toEqual(['agreement', 'commitment', 'engagement', 'program']);
    expect(history.find((h) => h.kind === 'commitment')?.status).toBe('overdue');
    const after = await (await client.get(`/api/engagements/${engagement.id}`)).json();
    expect(after.participants[0].organizationId).toBe(to.id);
    expect(after.organizations.map((o: { organizationId: string }) => o.organizationId)).toEqual([to.id]);
    const programs = await (await client.get(`/api/programs?organizationId=${to.id}`)).json();
    expect(programs.items[0].organizationIds).toEqual([to.id]);
  });
});
