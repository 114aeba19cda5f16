import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrgUnit } from '../../../test/record-fixtures.ts';
import {
  buildTenant,
  clientAs,
  createTestApp,
  type TestApp,
  type TestClient,
} from '../../../test/test-app.ts';
import { newId } from '../../db/ids.ts';
import type { TenantScope } from '../../db/tenant-scope.ts';
import { orgUnits } from '../org-units/org-units.table.ts';
import { organizations } from '../organizations/organizations.table.ts';
import { affiliations, people } from '../people/people.table.ts';
import { addFact, createProgram } from '../programs/programs.service.ts';
import { users } from '../users/users.table.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

async function buildTeacher(
  scope: TenantScope,
  nameZh: string,
  orgUnitId: string | null,
  post: { fromOn?: string; toOn?: string } = {},
) {
  const person = await scope.create(people, 'person', {
    id: newId(),
    nameZh,
    nameEn: `${nameZh} (en)`,
    side: 'ours',
  });
  if (orgUnitId) {
    await scope.create(affiliations, 'affiliation', {
      id: newId(),
      personId: person.id,
      orgUnitId,
      titleZh: '专任教师',
      fromOn: post.fromOn ?? null,
      toOn: post.toOn ?? null,
    });
  }
  return person;
}

/**
 * Two departments; teachers with practice days spread over 2019–2025; a partner funnel, donations
 * and training output over 2024 and 2025.
 */
async function buildCollege() {
  const college = await buildTenant(t);
  const s = college.scope;
  const chem = await buildOrgUnit(s, '化工学院');
  const safety = await buildOrgUnit(s, '安全学院');
  const partner = (nameZh: string) =>
    s.create(organizations, 'organization', {
      id: newId(),
      kind: 'enterprise',
      nameZh,
      nameEn: `${nameZh} Co`,
    });
  const covestro = await partner('科思创');
  const fireCorps = await partner('市消防救援支队');
  const program = (titleZh: string, leadOrgUnitId: string) =>
    createProgram(s, { dimension: 'teacher_practice', titleZh, status: 'running', leadOrgUnitId });
  const chemProgram = await program('化工教师企业实践', chem.id);
  const safetyProgram = await program('消防教师企业实践', safety.id);

  const wang = await buildTeacher(s, '王老师', chem.id);
  const li = await buildTeacher(s, '李老师', chem.id);
  const zhao = await buildTeacher(s, '赵老师', safety.id);
  // Left the college before 2025: not a teacher of the year.
  const gone = await buildTeacher(s, '钱老师', chem.id, { toOn: '2023-08-31' });
  // A post in an office (the leadership) is not a teacher's.
  const office = await s.create(orgUnits, 'org_unit', { id: newId(), nameZh: '校领导', kind: 'office' });
  await buildTeacher(s, '孙校长', office.id);
  // A partner's engineer is not one of our teachers.
  const visitor = await s.create(people, 'person', { id: newId(), nameZh: '外聘工程师', side: 'theirs' });

  const practice = (
    programId: string,
    personId: string,
    year: number,
    value: number,
    organizationId?: string,
  ) =>
    addFact(s, programId, {
      code: 'teacher_practice_days',
      year,
      value,
      personId,
      organizationId: organizationId ?? null,
    });
  // 王: 2021–2025 = 60 + 50 + 40 + 30 = 180 → meets; the 2020 days fall outside the window.
  await practice(chemProgram.id, wang.id, 2020, 100);
  await practice(chemProgram.id, wang.id, 2021, 60);
  await practice(chemProgram.id, wang.id, 2023, 50, covestro.id);
  await practice(chemProgram.id, wang.id, 2024, 40);
  await practice(chemProgram.id, wang.id, 2025, 30, covestro.id);
  // 李: 45 days in 2025 → 135 short.
  await practice(chemProgram.id, li.id, 2025, 45);
  // 赵: 2026 does not count in 2025 → 180 short, 0 days.
  await practice(safetyProgram.id, zhao.id, 2026, 200, fireCorps.id);

  const fact = (
    programId: string,
    code: string,
    year: number,
    value: number,
    organizationId: string | null,
  ) => addFact(s, programId, { code, year, value, organizationId });
  await fact(chemProgram.id, 'order_class_students', 2025, 40, covestro.id);
  await fact(chemProgram.id, 'interns_hosted', 2025, 30, covestro.id);
  await fact(chemProgram.id, 'graduates_hired', 2025, 12, covestro.id);
  await fact(chemProgram.id, 'order_class_students', 2024, 32, covestro.id);
  await fact(chemProgram.id, 'donated_equipment_value', 2025, 85.5, covestro.id);
  await fact(chemProgram.id, 'fund_amount', 2025, 10, covestro.id);
  await fact(chemProgram.id, 'fund_amount', 2025, 2.5, null);
  await fact(safetyProgram.id, 'staff_training_person_days', 2025, 300, fireCorps.id);
  await fact(safetyProgram.id, 'staff_training_hours', 2025, 2400, fireCorps.id);
  await fact(safetyProgram.id, 'staff_training_person_days', 2024, 240, fireCorps.id);
  return { college, chem, safety, covestro, fireCorps, wang, li, zhao, gone, visitor, chemProgram };
}

let world: Awaited<ReturnType<typeof buildCollege>>;
let officer: TestClient;
beforeAll(async () => {
  world = await buildCollege();
  officer = (await clientAs(t, world.college, ['cooperation_officer'])).client;
});

describe("teachers' enterprise practice", () => {
  it('counts each teacher’s days of the year and the five years against the 180-day rule', async () => {
    const res = await officer.get('/api/reports/teacher-practice?year=2025');
    expect(res.status).toBe(200);
    const ledger = await res.json();
    expect(ledger).toMatchObject({
      year: 2025,
      fromYear: 2021,
      requiredDays: 180,
      teachers: 3,
      met: 1,
      short: 2,
    });
    expect(ledger.metRate).toBe(33.3);
    const rows = Object.fromEntries(ledger.rows.map((r: { nameZh: string }) => [r.nameZh, r])) as Record<
      string,
      { daysThisYear: number; daysInWindow: number; shortfall: number; met: boolean }
    >;
    expect(Object.keys(rows).sort()).toEqual(['李老师', '王老师', '赵老师'].sort());
    expect(rows.王老师).toMatchObject({ daysThisYear: 30, daysInWindow: 180, shortfall: 0, met: true });
    expect(rows.李老师).toMatchObject({ daysThisYear: 45, daysInWindow: 45, shortfall: 135, met: false });
    expect(rows.赵老师).toMatchObject({ daysThisYear: 0, daysInWindow: 0, shortfall: 180, met: false });
    // The most short first.
    expect(ledger.rows[0].nameZh).toBe('赵老师');
  });

  it('names only the college’s own people as the teacher of practice days', async () => {
    const res = await officer.post(`/api/programs/${world.chemProgram.id}/facts`, {
      code: 'teacher_practice_days',
      year: 2025,
      value: 10,
      personId: world.visitor.id,
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.details[0].path).toBe('personId');
    const wrongCode = await officer.post(`/api/programs/${world.chemProgram.id}/facts`, {
      code: 'interns_hosted',
      year: 2025,
      value: 10,
      personId: world.wang.id,
    });
    expect(wrongCode.status).toBe(400);
  });

  it('narrows to a department, a partner, and a liaison’s departments', async () => {
    const chem = await (
      await officer.get(`/api/reports/teacher-practice?year=2025&orgUnitId=${world.chem.id}`)
    ).json();
    expect(chem.rows.map((r: { nameZh: string }) => r.nameZh).sort()).toEqual(['李老师', '王老师'].sort());
    const atCovestro = await (
      await officer.get(`/api/reports/teacher-practice?year=2025&organizationId=${world.covestro.id}`)
    ).json();
    expect(atCovestro.rows).toEqual([
      expect.objectContaining({ nameZh: '王老师', daysThisYear: 30, daysInWindow: 80, shortfall: 100 }),
    ]);
    const { client: liaison, user } = await clientAs(t, world.college, ['department_liaison']);
    await world.college.scope.change(users, 'user', user.id, null, { orgUnitIds: [world.safety.id] });
    const own = await (await liaison.get('/api/reports/teacher-practice?year=2025')).json();
    expect(own.rows.map((r: { nameZh: string }) => r.nameZh)).toEqual(['赵老师']);
  });

  it('reports the share meeting the rule as a yearly figure', async () => {
    const figures = await (await officer.get('/api/reports/indicators?year=2025')).json();
    const item = figures.items.find((i: { code: string }) => i.code === 'teacher_practice_met_rate');
    expect(item).toMatchObject({ value: 33.3, unitEn: '%' });
  });

  it('downloads the ledger as .csv that reads back', async () => {
    const res = await officer.get('/api/reports/teacher-practice/export?year=2025&format=csv&lang=en');
    expect(res.status).toBe(200);
    const text = (await res.text()).replace(/^\uFEFF/, '');
    const records = parseCsv(text, { relax_column_count: true }) as string[][];
    const header = records.findIndex((r) => r[0] === 'Teacher');
    expect(records[header]).toEqual([
      'Teacher',
      'Department',
      'Days in 2025',
      'Days in 2024',
      'Days 2021–2025',
      'Days short',
      'Status',
    ]);
    expect(records.slice(header + 1).map((r) => r[0])).toEqual(['赵老师 (en)', '李老师 (en)', '王老师 (en)']);
  });
});

describe('partner ledgers', () => {
  it('lays out the order class → internship → hire funnel per partner with its rates and last year', async () => {
    const ledger = await (await officer.get('/api/reports/ledgers?kind=funnel&year=2025')).json();
    expect(ledger.codes).toEqual(['order_class_students', 'interns_hosted', 'graduates_hired']);
    expect(ledger.rows).toEqual([
      {
        organizationId: world.covestro.id,
        nameZh: '科思创',
        nameEn: '科思创 Co',
        values: { order_class_students: 40, interns_hosted: 30, graduates_hired: 12 },
        previous: { order_class_students: 32, interns_hosted: 0, graduates_hired: 0 },
        rates: { internship: 75, hire: 40 },
      },
    ]);
    expect(ledger.change.order_class_students).toBe(25);
    expect(ledger.change.interns_hosted).toBeNull();
  });

  it('sums donations and funds, keeping the facts without a partner in a row of their own', async () => {
    const ledger = await (await officer.get('/api/reports/ledgers?kind=donations&year=2025')).json();
    expect(
      ledger.rows.map((r: { organizationId: string | null; values: object }) => [r.organizationId, r.values]),
    ).toEqual([
      [world.covestro.id, { donated_equipment_value: 85.5, fund_amount: 10, scholarship_recipients: 0 }],
      [null, { donated_equipment_value: 0, fund_amount: 2.5, scholarship_recipients: 0 }],
    ]);
    expect(ledger.totals).toEqual({
      donated_equipment_value: 85.5,
      fund_amount: 12.5,
      scholarship_recipients: 0,
    });
  });

  it('shows training output in person-days, class hours and 万元, and a liaison only their departments’', async () => {
    const ledger = await (await officer.get('/api/reports/ledgers?kind=training&year=2025')).json();
    expect(ledger.rows).toEqual([
      expect.objectContaining({
        organizationId: world.fireCorps.id,
        values: { staff_training_person_days: 300, staff_training_hours: 2400, tech_service_income: 0 },
        previous: { staff_training_person_days: 240, staff_training_hours: 0, tech_service_income: 0 },
      }),
    ]);
    expect(ledger.change.staff_training_person_days).toBe(25);
    const { client: liaison, user } = await clientAs(t, world.college, ['department_liaison']);
    await world.college.scope.change(users, 'user', user.id, null, { orgUnitIds: [world.chem.id] });
    const theirs = await (await liaison.get('/api/reports/ledgers?kind=training&year=2025')).json();
    expect(theirs.rows).toEqual([]);
    const other = await buildTenant(t);
    const { client: stranger } = await clientAs(t, other, ['college_admin']);
    const none = await (await stranger.get('/api/reports/ledgers?kind=funnel&year=2025')).json();
    expect(none.rows).toEqual([]);
  });

  it('refuses an unknown ledger with a field error', async () => {
    const res = await officer.get('/api/reports/ledgers?kind=nope&year=2025');
    expect(res.status).toBe(400);
    expect((await res.json()).error.details[0].path).toBe('kind');
  });

  it('downloads a ledger as .xlsx with numbers as numbers and a total row', async () => {
    const res = await officer.get('/api/reports/ledgers/export?kind=funnel&year=2025&format=xlsx&lang=zh-CN');
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const sheet = book.worksheets[0]!;
    const values = sheet.getSheetValues().filter(Boolean) as unknown[][];
    const covestroRow = values.find((r) => r.includes('科思创'))!;
    expect(covestroRow.slice(2, 5)).toEqual([40, 30, 12]);
    const total = values.find((r) => r.includes('合计'))!;
    expect(total.slice(2, 5)).toEqual([40, 30, 12]);
  });
});

describe('annual quality report', () => {
  it('groups the yearly figures into its three tables with the year before', async () => {
    const report = await (await officer.get('/api/reports/quality-report?year=2025')).json();
    expect(report.tables.map((x: { key: string }) => x.key)).toEqual(['resources', 'service', 'policy']);
    const item = (code: string) =>
      report.tables
        .flatMap((x: { items: { code: string }[] }) => x.items)
        .find((i: { code: string }) => i.code === code);
    expect(item('staff_training_hours')).toMatchObject({ value: 2400, previous: 0 });
    expect(item('order_class_students')).toMatchObject({ value: 40, previous: 32, changePercent: 25 });
    expect(item('teacher_practice_days')).toMatchObject({ value: 75, previous: 40 });
    const xlsx = await officer.get('/api/reports/quality-report/export?year=2025&format=xlsx&lang=en');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    expect(book.worksheets.map((w) => w.name)).toEqual([
      'Resources',
      'Service contribution',
      'Policy implementation',
    ]);
  });
});

describe('lapsed partners and cooperation totals', () => {
  it('counts a partnership that went dormant in the year of the change, and lists exactly those', async () => {
    const path = `/api/organizations/${world.fireCorps.id}/partnership`;
    const created = await officer.request('PUT', path, { stage: 'active' });
    expect(created.status).toBe(201);
    const { version } = (await created.json()) as { version: number };
    const dormant = await officer.request('PUT', path, { stage: 'dormant', version });
    expect(dormant.status).toBe(200);
    const year = new Date().getUTCFullYear();
    const dashboard = await (await officer.get('/api/reports/dashboard')).json();
    expect(dashboard.partners.lapsedPerYear).toEqual([{ key: String(year), count: 1 }]);
    const list = await (await officer.get(`/api/organizations?lapsedYear=${year}`)).json();
    expect(list.items.map((i: { id: string }) => i.id)).toEqual([world.fireCorps.id]);
    expect(list.total).toBe(1);
  });

  it('totals the cooperation table’s columns against the year before', async () => {
    const table = await (await officer.get('/api/reports/cooperation-table?year=2025')).json();
    expect(table.totals.order_class_students).toBe(40);
    expect(table.previousTotals.order_class_students).toBe(32);
    expect(table.change.order_class_students).toBe(25);
    expect(table.totals.staff_training_person_days).toBe(300);
  });
});
