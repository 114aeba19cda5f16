import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrgUnit, dayFromToday } from '../../../test/record-fixtures.ts';
import {
  buildTenant,
  buildUser,
  clientAs,
  createTestApp,
  type TestApp,
  type TestClient,
} from '../../../test/test-app.ts';
import { createAgreement, transitionAgreement } from '../agreements/agreements.service.ts';
import { createArticle } from '../articles/articles.service.ts';
import { articles } from '../articles/articles.table.ts';
import { completeCommitment, createCommitment } from '../commitments/commitments.service.ts';
import { recordEngagement } from '../engagements/engagements.service.ts';
import { createOrganization } from '../organizations/organizations.service.ts';
import { putPartnership } from '../partnerships/partnerships.service.ts';
import { users } from '../users/users.table.ts';
import type { Dashboard } from './reports.schema.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const thisYear = new Date().getUTCFullYear();
const monthEnd = (month: string) => {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y!, m!, 0)).toISOString().slice(0, 10);
};

/** A college with partners, engagements, agreements and commitments in two departments. */
async function buildCollege() {
  const college = await buildTenant(t);
  const s = college.scope;
  const chem = await buildOrgUnit(s, '化工学院');
  const safety = await buildOrgUnit(s, '安全学院');
  const partner = async (
    nameZh: string,
    kind: 'enterprise' | 'government',
    industry: string,
    since: string,
  ) => createOrganization(s, { kind, nameZh, industry, region: '上海市金山区', since });
  const covestro = await partner('科思创', 'enterprise', 'C26', '2003');
  const fire = await partner('消防救援总队', 'government', 'S92', `${thisYear - 1}`);
  const quiet = await partner('久未联系公司', 'enterprise', 'C26', `${thisYear - 1}-05`);
  await putPartnership(s, covestro.id, {
    stage: 'active',
    leadOrgUnitId: chem.id,
    dimensions: ['order_class', 'training_base'],
  });
  await putPartnership(s, fire.id, {
    stage: 'active',
    leadOrgUnitId: safety.id,
    dimensions: ['government_school'],
  });
  await putPartnership(s, quiet.id, { stage: 'active', leadOrgUnitId: chem.id, dimensions: ['order_class'] });
  const engagement = (
    type: 'visit_inbound' | 'visit_outbound' | 'meeting',
    startsOn: string,
    unit: string,
    org: string,
  ) =>
    recordEngagement(s, {
      type,
      titleZh: `${type} ${startsOn}`,
      startsOn,
      hostOrgUnitId: unit,
      organizations: [{ organizationId: org, role: 'guest' }],
    });
  const reported = await engagement('visit_inbound', dayFromToday(-20), chem.id, covestro.id);
  await engagement('visit_inbound', dayFromToday(-21), chem.id, covestro.id);
  // One engagement a published article reports, four days after it.
  const article = await createArticle(s, {
    locale: 'zh-CN',
    title: '科思创来访',
    links: [{ type: 'engagement', id: reported.id }],
  });
  await s.updateRaw(articles, eq(articles.id, article.id), {
    status: 'published',
    publishedAt: new Date(`${dayFromToday(-16)}T08:00:00Z`),
  });
  await engagement('visit_outbound', dayFromToday(-100), safety.id, fire.id);
  await engagement('meeting', dayFromToday(-400), chem.id, covestro.id);
  // Two years and more ago: outside the chart, and `quiet` has not been contacted since.
  await engagement('meeting', dayFromToday(-800), chem.id, quiet.id);
  const signed = async (
    type: 'framework' | 'order_class',
    signedOn: string,
    validTo: string,
    unit: string,
  ) => {
    const a = await createAgreement(s, {
      type,
      titleZh: `${type} ${signedOn}`,
      signedOn,
      validTo,
      ownerOrgUnitId: unit,
    });
    let version = a.version;
    for (const to of ['in_review', 'signed', 'active'] as const)
      version = (await transitionAgreement(s, a.id, { to, version })).version;
  };
  await signed('framework', `${thisYear - 1}-03-01`, dayFromToday(20), chem.id);
  await signed('order_class', `${thisYear - 1}-06-01`, dayFromToday(150), safety.id);
  await signed('order_class', `${thisYear - 2}-06-01`, dayFromToday(600), chem.id);
  const owner = await buildUser(t, college, ['cooperation_officer']);
  const commitment = (unit: string, dueOn: string, ownerUserId?: string) =>
    createCommitment(s, {
      text: `跟进 ${dueOn}`,
      ownerOrgUnitId: unit,
      dueOn,
      ownerUserId: ownerUserId ?? null,
    });
  await commitment(chem.id, dayFromToday(10), owner.id);
  await commitment(chem.id, dayFromToday(-5), owner.id);
  await commitment(safety.id, dayFromToday(-30));
  const done = await commitment(safety.id, dayFromToday(5));
  await completeCommitment(s, done.id, { evidence: '完成', version: 1 });
  return { college, chem, safety, covestro, fire, quiet, owner };
}

let world: Awaited<ReturnType<typeof buildCollege>>;
let officer: TestClient;
beforeAll(async () => {
  world = await buildCollege();
  officer = (await clientAs(t, world.college, ['cooperation_officer'])).client;
});

async function totalOf(client: TestClient, path: string): Promise<number> {
  const res = await client.get(path);
  expect(res.status, path).toBe(200);
  return (await res.json()).total;
}

/** Every figure of the dashboard with the list it links to. */
function figuresWithLists(d: Dashboard): [string, number][] {
  const out: [string, number][] = [];
  for (const s of d.partners.byKind) out.push([`/api/organizations?kind=${s.key}`, s.count]);
  for (const s of d.partners.byStage) out.push([`/api/organizations?stage=${s.key}`, s.count]);
  for (const s of d.partners.byIndustry) out.push([`/api/organizations?industry=${s.key}`, s.count]);
  for (const s of d.partners.byRegion)
    out.push([`/api/organizations?region=${encodeURIComponent(s.key)}`, s.count]);
  for (const s of d.partners.newPerYear) out.push([`/api/organizations?sinceYear=${s.key}`, s.count]);
  out.push([
    `/api/organizations?stage=active&notContactedSince=${d.partners.notContacted.since}`,
    d.partners.notContacted.count,
  ]);
  out.push(['/api/organizations', d.partners.total]);
  for (const s of d.engagements.byType) {
    d.engagements.months.forEach((m, i) => {
      out.push([`/api/engagements?type=${s.type}&from=${m}-01&to=${monthEnd(m)}`, s.counts[i]!]);
    });
  }
  for (const e of d.agreements.expiring) out.push([`/api/agreements/expiring?within=${e.within}`, e.count]);
  for (const a of d.agreements.signedPerYear)
    out.push([`/api/agreements?type=${a.type}&signedYear=${a.year}`, a.count]);
  out.push(['/api/commitments?status=open', d.commitments.open]);
  out.push(['/api/commitments?status=overdue', d.commitments.overdue]);
  for (const r of d.commitments.byDepartment) {
    for (const status of ['open', 'overdue', 'done'] as const) {
      out.push([`/api/commitments?status=${status}&ownerOrgUnitId=${r.orgUnitId}`, r[status]]);
    }
  }
  for (const r of d.commitments.byOwner) {
    for (const status of ['open', 'overdue', 'done'] as const) {
      out.push([`/api/commitments?status=${status}&ownerUserId=${r.userId}`, r[status]]);
    }
  }
  for (const dim of d.matrix.dimensions) out.push([`/api/organizations?dimension=${dim.key}`, dim.count]);
  for (const s of d.partners.lapsedPerYear) out.push([`/api/organizations?lapsedYear=${s.key}`, s.count]);
  out.push([`/api/engagements?to=${d.today}`, d.news.engagements]);
  out.push([`/api/engagements?to=${d.today}&reported=true`, d.news.reported]);
  out.push([`/api/engagements?to=${d.today}&reported=false`, d.news.engagements - d.news.reported]);
  return out;
}

describe('dashboard', () => {
  it('counts what the records say, by hand', async () => {
    const d: Dashboard = await (await officer.get('/api/reports/dashboard')).json();
    expect(d.partners.total).toBe(3);
    expect(d.commitments.byOwner).toEqual([
      { userId: world.owner.id, name: world.owner.name, open: 2, overdue: 1, done: 0, onTimeRate: null },
    ]);
    expect(d.news).toEqual({ engagements: 5, reported: 1, articles: 1, medianLagDays: 4 });
    expect(d.partners.byKind).toEqual([
      { key: 'enterprise', count: 2 },
      { key: 'government', count: 1 },
    ]);
    expect(d.partners.byIndustry).toEqual([
      { key: 'C26', count: 2 },
      { key: 'S92', count: 1 },
    ]);
    expect(d.partners.newPerYear).toEqual([{ key: String(thisYear - 1), count: 2 }]);
    expect(d.partners.notContacted).toMatchObject({ months: 12, count: 1 });
    const total = (type: string) =>
      d.engagements.byType.find((s) => s.type === type)?.counts.reduce((a, b) => a + b, 0);
    expect(total('visit_inbound')).toBe(2);
    expect(total('visit_outbound')).toBe(1);
    expect(total('meeting')).toBe(1);
    expect(d.agreements.expiring).toEqual([
      { within: 30, count: 1 },
      { within: 90, count: 1 },
      { within: 180, count: 2 },
    ]);
    expect(d.commitments).toMatchObject({ open: 3, overdue: 2, onTimeRate: 100 });
    expect(d.matrix.partners[0]).toMatchObject({ organizationId: world.covestro.id, engagements: 3 });
    expect(d.matrix.dimensions).toContainEqual({ key: 'order_class', count: 2 });
  });

  it('links every figure to a list whose total equals it', async () => {
    const d: Dashboard = await (await officer.get('/api/reports/dashboard?staleMonths=24')).json();
    const figures = figuresWithLists(d);
    expect(figures.length).toBeGreaterThan(60);
    for (const [path, figure] of figures) expect(await totalOf(officer, path), path).toBe(figure);
  });

  it('shows a liaison their departments’ records only, each still equal to the list they see', async () => {
    const { client: liaison, user } = await clientAs(t, world.college, ['department_liaison']);
    await world.college.scope.change(users, 'user', user.id, null, { orgUnitIds: [world.safety.id] });
    const d: Dashboard = await (await liaison.get('/api/reports/dashboard')).json();
    expect(d.engagements.byType.map((s) => s.type)).toEqual(['visit_outbound']);
    expect(d.commitments.byDepartment.map((r) => r.orgUnitId)).toEqual([world.safety.id]);
    expect(d.commitments).toMatchObject({ open: 1, overdue: 1 });
    for (const [path, figure] of figuresWithLists(d)) expect(await totalOf(liaison, path), path).toBe(figure);
  });

  it('refuses roles without reports, and answers an unknown window with a field error', async () => {
    const { client: editor } = await clientAs(t, world.college, ['editor']);
    expect((await editor.get('/api/reports/dashboard')).status).toBe(403);
    const bad = await officer.get('/api/reports/dashboard?staleMonths=7');
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.details[0].path).toBe('staleMonths');
  });

  it('keeps another college’s records out', async () => {
    const other = await buildTenant(t);
    const { client } = await clientAs(t, other, ['college_admin']);
    const d: Dashboard = await (await client.get('/api/reports/dashboard')).json();
    expect(d.partners.total).toBe(0);
    expect(d.engagements.byType).toEqual([]);
    expect(d.commitments).toMatchObject({ open: 0, overdue: 0, byDepartment: [] });
  });
});
