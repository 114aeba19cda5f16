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
import { majors } from '../org-units/org-units.table.ts';
import { organizations } from '../organizations/organizations.table.ts';
import { factCodes } from '../programs/programs.schema.ts';
import { addFact, createProgram, deleteProgram } from '../programs/programs.service.ts';
import { users } from '../users/users.table.ts';
import { cooperationTableCodes, indicators } from './reports.schema.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

// Valid unified social credit codes (check digit computed by the registry's rule).
const usccA = '91310000MA1FL8KQ3E';
const usccB = '91440300MA5G9XKQ1Q';

async function buildMajor(scope: TenantScope, code: string, nameZh: string, orgUnitId: string) {
  return scope.create(majors, 'major', { id: newId(), code, nameZh, nameEn: nameZh, orgUnitId });
}
async function buildPartner(scope: TenantScope, nameZh: string, uscc: string | null, since: string | null) {
  return scope.create(organizations, 'organization', {
    id: newId(),
    kind: 'enterprise',
    nameZh,
    nameEn: `${nameZh} Ltd`,
    uscc,
    since,
  });
}

/**
 * A college with two departments, three majors and three partners, whose programs record facts
 * over 2024 and 2025 — including every edge the figures must get right.
 */
async function buildCollege() {
  const college = await buildTenant(t);
  const s = college.scope;
  const chem = await buildOrgUnit(s, '化工学院');
  const safety = await buildOrgUnit(s, '安全学院');
  const chemtech = await buildMajor(s, '470201', '应用化工技术', chem.id);
  const polymer = await buildMajor(s, '470203', '高分子材料智能制造技术', chem.id);
  const fire = await buildMajor(s, '520904', '消防救援技术', safety.id);
  const covestro = await buildPartner(s, '科思创聚合物（中国）有限公司', usccA, '2003-06');
  const fireRescue = await buildPartner(s, '市消防救援支队', usccB, '2023');
  const noCode = await buildPartner(s, '某化工设备有限公司', null, null);
  const orderClass = await createProgram(s, {
    dimension: 'order_class',
    titleZh: '订单班',
    status: 'running',
    leadOrgUnitId: chem.id,
    organizationIds: [covestro.id],
  });
  const fireProgram = await createProgram(s, {
    dimension: 'specialty',
    titleZh: '消防专业共建',
    status: 'running',
    leadOrgUnitId: safety.id,
    organizationIds: [fireRescue.id],
  });
  const deleted = await createProgram(s, {
    dimension: 'order_class',
    titleZh: '已删除项目',
    status: 'running',
    leadOrgUnitId: chem.id,
  });
  const fact = (
    programId: string,
    code: string,
    year: number,
    value: number,
    majorId?: string,
    organizationId?: string,
  ) =>
    addFact(s, programId, {
      code,
      year,
      value,
      majorId: majorId ?? null,
      organizationId: organizationId ?? null,
    });
  await fact(orderClass.id, 'order_class_students', 2025, 35, chemtech.id, covestro.id);
  await fact(orderClass.id, 'order_class_students', 2025, 12, polymer.id, covestro.id);
  await fact(orderClass.id, 'interns_hosted', 2025, 52, chemtech.id, covestro.id);
  await fact(orderClass.id, 'donated_equipment_value', 2025, 120.5, chemtech.id, covestro.id);
  await fact(orderClass.id, 'order_class_students', 2024, 31, chemtech.id, covestro.id);
  // Year boundary: a 2026 fact never counts in 2025.
  await fact(orderClass.id, 'order_class_students', 2026, 99, chemtech.id, covestro.id);
  // A fact with no major, and one about a partner without a credit code: problems, not rows.
  await fact(orderClass.id, 'graduates_hired', 2025, 8, undefined, covestro.id);
  await fact(orderClass.id, 'co_developed_courses', 2025, 2, chemtech.id, noCode.id);
  await fact(fireProgram.id, 'staff_training_person_days', 2025, 300, fire.id, fireRescue.id);
  await fact(fireProgram.id, 'teacher_practice_days', 2025, 60, fire.id, fireRescue.id);
  // A deleted program's facts do not count.
  await fact(deleted.id, 'order_class_students', 2025, 1000, chemtech.id, covestro.id);
  await deleteProgram(s, deleted.id, 1);
  return {
    college,
    chem,
    safety,
    chemtech,
    polymer,
    fire,
    covestro,
    fireRescue,
    noCode,
    orderClass,
    fireProgram,
  };
}

let world: Awaited<ReturnType<typeof buildCollege>>;
let officer: TestClient;
beforeAll(async () => {
  world = await buildCollege();
  officer = (await clientAs(t, world.college, ['cooperation_officer'])).client;
});

describe('yearly figures', () => {
  it('defines every fact code once, with names in both languages and a unit', () => {
    const codes = indicators.map((i) => i.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of factCodes) expect(codes).toContain(code);
    for (const code of cooperationTableCodes) expect(codes).toContain(code);
    for (const i of indicators) {
      expect(i.nameZh && i.nameEn && i.unitZh && i.unitEn && i.definitionZh && i.definitionEn).toBeTruthy();
    }
  });

  it('computes each figure from the records, by hand: live programs only, within the year', async () => {
    const res = await officer.get('/api/reports/indicators?year=2025');
    expect(res.status).toBe(200);
    const body = await res.json();
    const value = (code: string) => body.items.find((i: { code: string }) => i.code === code);
    // 35 + 12 (two majors); the deleted program's 1,000 and the 2026 fact stay out.
    expect(value('order_class_students')).toMatchObject({ value: 47, previous: 31, changePercent: 51.6 });
    expect(value('interns_hosted')).toMatchObject({ value: 52, previous: 0, changePercent: null });
    expect(value('donated_equipment_value').value).toBe(120.5);
    expect(value('graduates_hired').value).toBe(8);
    expect(value('staff_training_person_days').value).toBe(300);
    expect(value('programs_running').value).toBe(2);
  });

  it('refuses the same figure twice for one program, year, major and partner', async () => {
    const again = await officer.post(`/api/programs/${world.orderClass.id}/facts`, {
      code: 'order_class_students',
      year: 2025,
      value: 1,
      majorId: world.chemtech.id,
      organizationId: world.covestro.id,
    });
    expect(again.status).toBe(409);
    expect((await again.json()).error.code).toBe('already_exists');
  });

  it('lays out the national cooperation table per major and partner, listing what cannot be filed', async () => {
    const table = await (await officer.get('/api/reports/cooperation-table?year=2025')).json();
    expect(table.rows).toEqual([
      expect.objectContaining({
        majorCode: '470201',
        uscc: usccA,
        since: '200306',
        values: { order_class_students: 35, interns_hosted: 52, donated_equipment_value: 120.5 },
      }),
      expect.objectContaining({ majorCode: '470203', uscc: usccA, values: { order_class_students: 12 } }),
      expect.objectContaining({
        majorCode: '520904',
        uscc: usccB,
        since: '202301',
        // Teacher practice days are a yearly figure but not a column of this table.
        values: { staff_training_person_days: 300 },
      }),
    ]);
    expect(table.problems).toEqual([
      expect.objectContaining({
        kind: 'missing_major',
        organizationId: world.covestro.id,
        programIds: [world.orderClass.id],
        values: { graduates_hired: 8 },
      }),
      expect.objectContaining({
        kind: 'missing_uscc',
        organizationId: world.noCode.id,
        values: { co_developed_courses: 2 },
      }),
    ]);
  });

  it('counts a merged partner’s figures under the partner it was merged into', async () => {
    const college = await buildTenant(t);
    const s = college.scope;
    const unit = await buildOrgUnit(s, '化工学院');
    const major = await buildMajor(s, '470201', '应用化工技术', unit.id);
    const kept = await buildPartner(s, '科思创', usccA, '2003');
    const old = await buildPartner(s, '拜耳材料科技', null, null);
    const program = await createProgram(s, {
      dimension: 'order_class',
      titleZh: '订单班',
      leadOrgUnitId: unit.id,
    });
    await addFact(s, program.id, {
      code: 'order_class_students',
      year: 2025,
      value: 10,
      majorId: major.id,
      organizationId: old.id,
    });
    await addFact(s, program.id, {
      code: 'interns_hosted',
      year: 2025,
      value: 4,
      majorId: major.id,
      organizationId: kept.id,
    });
    const { client } = await clientAs(t, college, ['cooperation_officer']);
    const merge = await client.post(`/api/organizations/${old.id}/merge`, { intoId: kept.id, version: 1 });
    expect(merge.status).toBe(200);
    const table = await (await client.get('/api/reports/cooperation-table?year=2025')).json();
    expect(table.rows).toEqual([
      expect.objectContaining({
        organizationId: kept.id,
        values: { order_class_students: 10, interns_hosted: 4 },
      }),
    ]);
    expect(table.problems).toEqual([]);
  });

  it('shows a department liaison their departments’ figures only, and another college none of them', async () => {
    const { client: liaison, user } = await clientAs(t, world.college, ['department_liaison']);
    await world.college.scope.change(users, 'user', user.id, null, { orgUnitIds: [world.safety.id] });
    const table = await (await liaison.get('/api/reports/cooperation-table?year=2025')).json();
    expect(table.rows.map((r: { majorCode: string }) => r.majorCode)).toEqual(['520904']);
    expect(table.problems).toEqual([]);
    const figures = await (await liaison.get('/api/reports/indicators?year=2025')).json();
    const value = (code: string) => figures.items.find((i: { code: string }) => i.code === code).value;
    expect(value('order_class_students')).toBe(0);
    expect(value('staff_training_person_days')).toBe(300);
    expect(value('programs_running')).toBe(1);

    const other = await buildTenant(t);
    const { client: stranger } = await clientAs(t, other, ['college_admin']);
    const empty = await (await stranger.get('/api/reports/cooperation-table?year=2025')).json();
    expect(empty).toMatchObject({ rows: [], problems: [] });
  });

  it('filters by department and answers bad input with field errors', async () => {
    const chemOnly = await (
      await officer.get(`/api/reports/cooperation-table?year=2025&orgUnitId=${world.chem.id}`)
    ).json();
    expect(chemOnly.rows.map((r: { majorCode: string }) => r.majorCode)).toEqual(['470201', '470203']);
    const oneMajor = await (
      await officer.get(`/api/reports/cooperation-table?year=2025&majorId=${world.polymer.id}`)
    ).json();
    expect(oneMajor.rows.map((r: { majorCode: string }) => r.majorCode)).toEqual(['470203']);
    const onePartner = await (
      await officer.get(`/api/reports/cooperation-table?year=2025&organizationId=${world.fireRescue.id}`)
    ).json();
    expect(onePartner.rows.map((r: { uscc: string }) => r.uscc)).toEqual([usccB]);
    expect(onePartner.problems).toEqual([]);
    const bad = await officer.get('/api/reports/cooperation-table?year=abc', { 'accept-language': 'zh-CN' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.details[0].path).toBe('year');
    const { client: editor } = await clientAs(t, world.college, ['editor']);
    expect((await editor.get('/api/reports/cooperation-table?year=2025')).status).toBe(403);
  });
});

describe('report exports', () => {
  it('downloads the cooperation table as .xlsx with numbers as numbers, a title, filters and a frozen header', async () => {
    const res = await officer.get('/api/reports/cooperation-table/export?year=2025&format=xlsx&lang=en');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(res.headers.get('content-disposition')).toContain('cooperation-table-2025.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const [sheet, problems] = workbook.worksheets;
    expect(sheet!.getCell('A1').value).toBe('Cooperation table 2025 (national data platform)');
    expect(sheet!.getCell('A2').value).toBe('Year');
    expect(sheet!.getCell('B2').value).toBe('2025');
    expect(sheet!.views[0]).toMatchObject({ state: 'frozen', ySplit: 5 });
    expect(sheet!.getCell('C5').value).toBe('Unified social credit code');
    const first = sheet!.getRow(6);
    expect(first.getCell(1).value).toBe('470201');
    expect(first.getCell(3).value).toBe(usccA);
    expect(first.getCell(6).value).toBe(35);
    expect(typeof first.getCell(6).value).toBe('number');
    expect(first.getCell(12).value).toBe(120.5);
    expect(sheet!.rowCount).toBe(8);
    expect(problems!.getRow(6).getCell(1).value).toBe('No major');
  });

  it('downloads the same table as CSV with a BOM that a CSV parser reads back to the same rows', async () => {
    const res = await officer.get('/api/reports/cooperation-table/export?year=2025&format=csv&lang=zh-CN');
    expect(res.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records: string[][] = parseCsv(Buffer.from(bytes), { bom: true });
    expect(records[0]!.slice(0, 3)).toEqual(['专业代码', '专业名称', '统一社会信用代码']);
    expect(records.slice(1).map((r) => [r[0], r[2], r[5]])).toEqual([
      ['470201', usccA, '35'],
      ['470203', usccA, '12'],
      ['520904', usccB, ''],
    ]);
  });

  it('neutralises text that a spreadsheet would run as a formula', async () => {
    const college = await buildTenant(t);
    const s = college.scope;
    const unit = await buildOrgUnit(s, '化工学院');
    const major = await buildMajor(s, '470201', '=HYPERLINK("http://example.test","x")', unit.id);
    const partner = await buildPartner(s, '@SUM(1+1)', usccA, null);
    const program = await createProgram(s, {
      dimension: 'order_class',
      titleZh: 'x',
      leadOrgUnitId: unit.id,
    });
    await addFact(s, program.id, {
      code: 'order_class_students',
      year: 2025,
      value: 3,
      majorId: major.id,
      organizationId: partner.id,
    });
    const { client } = await clientAs(t, college, ['college_admin']);
    const csv = await (await client.get('/api/reports/cooperation-table/export?year=2025&format=csv')).text();
    const [, row] = parseCsv(csv, { bom: true }) as string[][];
    expect(row![1]).toBe(`'=HYPERLINK("http://example.test","x")`);
    expect(row![3]).toBe(`'@SUM(1+1)`);
    const res = await client.get('/api/reports/cooperation-table/export?year=2025&format=xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const cell = workbook.worksheets[0]!.getRow(6).getCell(2);
    // Stored as text: never a formula cell.
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe('=HYPERLINK("http://example.test","x")');
  });

  it('downloads the yearly figures with last year and the change', async () => {
    const res = await officer.get('/api/reports/indicators/export?year=2025&format=xlsx&lang=zh-CN');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell('A1').value).toBe('2025 年度数据');
    const rows = sheet.getSheetValues().slice(6) as unknown[][];
    const orderClass = rows.find((r) => r?.[1] === 'order_class_students')!;
    expect(orderClass.slice(2)).toEqual(['订单班学生数', '人', 47, 31, 51.6]);
  });
});
