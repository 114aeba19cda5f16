import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq, isNull } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTenant,
  clientAs,
  createTestApp,
  type TestApp,
  type TestClient,
  type TestResponse,
} from '../../../test/test-app.ts';
import { newId } from '../../db/ids.ts';
import { timelineEvents } from '../audit/audit.table.ts';
import { engagements } from '../engagements/engagements.table.ts';
import { majors, orgUnits } from '../org-units/org-units.table.ts';
import { affiliations, people } from '../people/people.table.ts';
import { facts, programs } from '../programs/programs.table.ts';
import { readFigure } from './fact-sheet.ts';

let t: TestApp;
let dataDir: string;
let college: Awaited<ReturnType<typeof buildTenant>>;
let officer: TestClient;
const ids = {} as Record<
  'unit' | 'office' | 'major' | 'covestro' | 'shenneng' | 'program' | 'lin' | 'zhang' | 'chen',
  string
>;

async function xlsx(rows: unknown[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  for (const r of rows) ws.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

function upload(kind: string, body: Uint8Array, name: string): Promise<TestResponse> {
  return t.app.request(`/api/imports/sheets/files?kind=${kind}&name=${encodeURIComponent(name)}`, {
    method: 'POST',
    body: new Uint8Array(body),
    headers: {
      host: officer.host,
      origin: `http://${officer.host}`,
      'content-type': 'application/octet-stream',
      cookie: officer.cookie,
    },
  }) as Promise<TestResponse>;
}

type Report = {
  row: number;
  action: string;
  errors: { code: string; column: string }[];
  warnings: { code: string }[];
};
const rowOf = (d: { report: Report[] }, n: number) => d.report.find((r) => r.row === n)!;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'concord-sheet-kinds-'));
  t = await createTestApp({ DATA_DIR: dataDir });
  college = await buildTenant(t);
  officer = (await clientAs(t, college, ['cooperation_officer'])).client;
  const s = college.scope;
  ids.unit = (
    await s.create(orgUnits, 'org_unit', {
      id: newId(),
      nameZh: '化学工程学院',
      nameEn: 'School of Chemical Engineering',
      kind: 'school',
    })
  ).id;
  ids.office = (
    await s.create(orgUnits, 'org_unit', { id: newId(), nameZh: '合作发展处', kind: 'office' })
  ).id;
  ids.major = (
    await s.create(majors, 'major', {
      id: newId(),
      nameZh: '应用化工技术',
      code: '470201',
      orgUnitId: ids.unit,
    })
  ).id;
  for (const [key, nameZh, nameEn] of [
    ['covestro', '科思创聚合物（中国）有限公司', 'Covestro Polymers (China) Co., Ltd.'],
    ['shenneng', '上海申能电力设备有限公司', 'Shanghai Shenneng Power Equipment Co., Ltd.'],
  ] as const) {
    const res = await officer.post('/api/organizations', {
      kind: 'enterprise',
      nameZh,
      nameEn,
      aliases: key === 'covestro' ? ['科思创'] : [],
    });
    ids[key] = (await res.json()).id;
  }
  const program = await officer.post('/api/programs', {
    dimension: 'order_class',
    titleZh: '科思创订单班',
    status: 'running',
    organizationIds: [ids.covestro],
  });
  ids.program = (await program.json()).id;
  const lin = await (
    await officer.post('/api/people', { side: 'theirs', nameZh: '林国栋', email: 'lin@shenneng.example' })
  ).json();
  ids.lin = lin.id;
  await officer.post(`/api/people/${lin.id}/affiliations`, {
    organizationId: ids.shenneng,
    titleZh: '人力资源部经理',
  });
  const zhang = await (await officer.post('/api/people', { side: 'theirs', nameZh: '张伟' })).json();
  ids.zhang = zhang.id;
  await officer.post(`/api/people/${zhang.id}/affiliations`, {
    organizationId: ids.shenneng,
    titleZh: '总工程师',
  });
  const chen = await (await officer.post('/api/people', { side: 'ours', nameZh: '陈晓燕' })).json();
  ids.chen = chen.id;
  await officer.post(`/api/people/${chen.id}/affiliations`, { orgUnitId: ids.unit, titleZh: '副教授' });
});
afterAll(async () => {
  await t.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('templates of every kind', () => {
  it('each kind has a template in both languages that a spreadsheet program opens', async () => {
    for (const [kind, zhHeader, enHeader] of [
      ['people', '姓名*', 'Name (Chinese)*'],
      ['facts', '项目名称*', 'Program*'],
      ['engagements', '日期*', 'Date*'],
      ['practice', '教师姓名*', 'Teacher*'],
    ] as const) {
      for (const [lang, header] of [
        ['zh-CN', zhHeader],
        ['en', enHeader],
      ] as const) {
        const res = await officer.get(`/api/imports/sheets/template?kind=${kind}&lang=${lang}`);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-disposition')).toContain(`${kind}-template`);
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load((await res.arrayBuffer()) as never);
        expect(wb.worksheets[0]!.getCell(1, 1).value).toBe(header);
        expect(wb.worksheets[1]!.rowCount).toBeGreaterThan(3);
      }
    }
  });
});

describe('importing people', () => {
  it('matches by email, then by name at the place; adds posts; refuses unknown places, naming the column', async () => {
    const before = await college.scope.count(people);
    const events = await college.scope.count(timelineEvents);
    const file = await xlsx([
      ['姓名', '所在单位', '所在部门', '职务', '电子邮箱', '电话'],
      ['林国栋', '上海申能电力设备有限公司', '', '人力资源部经理', 'lin@shenneng.example', '021-1234'],
      ['王建华', '科思创', '', '培训主管', 'wang@covestro.example', ''],
      ['陈晓燕', '', '化学工程学院', '副教授', '', ''],
      ['赵敏', '不存在的公司', '', '经理', '', ''],
      ['孙磊', '科思创', '化学工程学院', '', '', ''],
      ['周婷', '', '', '主任', 'not-an-email', ''],
      ['张伟', '科思创', '', '顾问', '', ''],
    ]);
    const res = await upload('people', file, '人员.xlsx');
    expect(res.status).toBe(201);
    const d = await res.json();
    expect(d.kind).toBe('people');
    expect(d.mapping).toEqual(['nameZh', 'organization', 'department', 'titleZh', 'email', 'phone']);
    expect(rowOf(d, 2)).toMatchObject({
      action: 'update',
      matchId: ids.lin,
      matchBy: 'email',
      changes: ['phone'],
    });
    expect(rowOf(d, 3)).toMatchObject({ action: 'create', errors: [] });
    expect(rowOf(d, 4)).toMatchObject({ action: 'unchanged', matchId: ids.chen, matchBy: 'name' });
    expect(rowOf(d, 5).errors[0]).toMatchObject({ column: '所在单位', code: 'unknown_partner' });
    expect(rowOf(d, 6).errors[0]).toMatchObject({ column: '所在部门', code: 'partner_and_department' });
    expect(
      rowOf(d, 7)
        .errors.map((e) => e.code)
        .sort(),
    ).toEqual(['invalid_email', 'title_needs_place']);
    // Someone of that name is registered at another partner: a new person, with a hint to link.
    expect(rowOf(d, 8)).toMatchObject({ action: 'create', warnings: [{ code: 'same_name_elsewhere' }] });
    expect(d.counts).toMatchObject({ create: 2, update: 1, unchanged: 1, rejected: 3 });
    expect(await college.scope.count(people)).toBe(before);
    expect(await college.scope.count(timelineEvents)).toBe(events);

    // The reviewer says row 8 is the same Zhang Wei: he gets a second post instead.
    const checked = await (
      await officer.post(`/api/imports/sheets/${d.id}/check`, {
        version: d.version,
        decisions: { links: { '8': ids.zhang }, skip: [] },
      })
    ).json();
    expect(rowOf(checked, 8)).toMatchObject({ action: 'update', matchBy: 'chosen', changes: ['post'] });
    const committed = await (
      await officer.post(`/api/imports/sheets/${d.id}/commit`, {
        version: checked.version,
        skipInvalid: true,
      })
    ).json();
    expect(committed.status).toBe('committed');
    const wang = await college.scope.first(people, eq(people.nameZh, '王建华'));
    expect(wang).toMatchObject({ side: 'theirs', email: 'wang@covestro.example' });
    const posts = await college.scope.select(affiliations, { where: eq(affiliations.personId, wang!.id) });
    expect(posts).toMatchObject([{ organizationId: ids.covestro, titleZh: '培训主管' }]);
    const zhangPosts = await college.scope.select(affiliations, {
      where: eq(affiliations.personId, ids.zhang),
    });
    expect(zhangPosts.map((a) => a.titleZh).sort()).toEqual(['总工程师', '顾问']);
    expect((await college.scope.first(people, eq(people.id, ids.lin)))?.phone).toBe('021-1234');
    const imported = await college.scope.select(timelineEvents, {
      where: and(eq(timelineEvents.subjectId, wang!.id), eq(timelineEvents.verb, 'person.imported')),
    });
    expect(imported[0]?.diff).toMatchObject({ import: { to: `人员.xlsx (${d.id})` }, row: { to: 3 } });

    // Undo: the new person goes, Lin's phone and posts are as they were.
    const undone = await officer.post(`/api/imports/sheets/${d.id}/undo`, { version: committed.version });
    expect(undone.status).toBe(200);
    expect(await college.scope.count(people, isNull(people.deletedAt))).toBe(before);
    expect((await college.scope.first(people, eq(people.id, ids.lin)))?.phone).toBeNull();
    expect(await college.scope.count(affiliations, eq(affiliations.personId, ids.zhang))).toBe(1);
  });
});

describe('importing yearly figures', () => {
  it('reads amounts in 元 or 万, refuses unknown programs and practice days, updates a figure on record', async () => {
    expect(readFigure('donated_equipment_value', '350000元', '350000元')).toEqual({ value: 35 });
    expect(readFigure('donated_equipment_value', '35万元', '35万元')).toEqual({ value: 35 });
    expect(readFigure('interns_hosted', '1.2万', '1.2万')).toEqual({ value: 12_000 });
    await officer.post(`/api/programs/${ids.program}/facts`, {
      code: 'order_class_students',
      year: 2023,
      value: 40,
    });
    const file = await xlsx([
      ['项目名称', '指标', '年度', '数值', '专业', '合作单位'],
      ['科思创订单班', '订单班学生（人）', 2023, 42, '', ''],
      ['科思创订单班', 'Order-class students (persons)', '2024年', '45', '470201', '科思创'],
      ['科思创订单班', '捐赠设备值（万元）', 2024, '1,280,000元', '', ''],
      ['没有的项目', '订单班学生（人）', 2024, 10, '', ''],
      ['科思创订单班', '教师企业实践（天）', 2024, 30, '', ''],
      ['科思创订单班', '订单班学生（人）', 24, 'many', '', ''],
      ['科思创订单班', '订单班学生（人）', 2023, 43, '', ''],
    ]);
    const d = await (await upload('facts', file, '年度数据.xlsx')).json();
    expect(d.mapping).toEqual(['program', 'code', 'year', 'value', 'major', 'organization']);
    expect(rowOf(d, 2)).toMatchObject({ action: 'update', changes: ['value'] });
    expect(rowOf(d, 3)).toMatchObject({ action: 'create' });
    expect(rowOf(d, 4)).toMatchObject({ action: 'create' });
    expect(rowOf(d, 5).errors[0]).toMatchObject({ column: '项目名称', code: 'unknown_program' });
    expect(rowOf(d, 6).errors[0]).toMatchObject({ column: '指标', code: 'use_practice_sheet' });
    expect(
      rowOf(d, 7)
        .errors.map((e) => e.code)
        .sort(),
    ).toEqual(['invalid_number', 'invalid_year']);
    expect(rowOf(d, 8).errors[0]).toMatchObject({ code: 'duplicate_in_file' });
    const committed = await (
      await officer.post(`/api/imports/sheets/${d.id}/commit`, { version: d.version, skipInvalid: true })
    ).json();
    expect(committed.counts).toMatchObject({ create: 2, update: 1, rejected: 4 });
    const rows = await college.scope.select(facts, { where: eq(facts.programId, ids.program) });
    const value = (code: string, year: number) =>
      rows.filter((f) => f.code === code && f.year === year).map((f) => Number(f.value));
    expect(value('order_class_students', 2023)).toEqual([42]);
    expect(value('order_class_students', 2024)).toEqual([45]);
    expect(rows.find((f) => f.year === 2024 && f.code === 'order_class_students')).toMatchObject({
      majorId: ids.major,
      organizationId: ids.covestro,
    });
    expect(value('donated_equipment_value', 2024)).toEqual([128]);
    // The yearly figure reads the imported value.
    const report = await (await officer.get('/api/reports/indicators?year=2024')).json();
    expect(JSON.stringify(report)).toContain('order_class_students');
    await officer.post(`/api/imports/sheets/${d.id}/undo`, { version: committed.version });
    const after = await college.scope.select(facts, { where: eq(facts.programId, ids.program) });
    expect(after.map((f) => [f.code, f.year, Number(f.value)])).toEqual([['order_class_students', 2023, 40]]);
  });
});

describe('importing an engagement log', () => {
  it('creates engagements with their partner, skips those on record, and refuses unreadable dates', async () => {
    const file = await xlsx([
      ['日期', '类型', '合作单位', '主要内容', '地点', '接待部门'],
      ['2024.5.11', '来访', '科思创', '双方商定扩大订单班规模。', '行政楼', '化学工程学院'],
      [45000, '走访', '上海申能电力设备有限公司', '', '', ''],
      ['2024年13月1日', '来访', '科思创', '', '', ''],
      ['2024-06-01', '联谊', '科思创', '', '', ''],
      ['2024-06-02', '座谈', '科思创', '', '', '后勤处'],
    ]);
    const d = await (await upload('engagements', file, '活动台账.csv.xlsx')).json();
    expect(rowOf(d, 2)).toMatchObject({ action: 'create', errors: [] });
    expect(rowOf(d, 3)).toMatchObject({ action: 'create' });
    expect(rowOf(d, 4).errors[0]).toMatchObject({ column: '日期', code: 'invalid_date' });
    expect(rowOf(d, 5).errors[0]).toMatchObject({ column: '类型', code: 'unknown_choice' });
    expect(rowOf(d, 6).errors[0]).toMatchObject({ column: '接待部门', code: 'unknown_department' });
    const committed = await (
      await officer.post(`/api/imports/sheets/${d.id}/commit`, { version: d.version, skipInvalid: true })
    ).json();
    expect(committed.counts.create).toBe(2);
    const list = await (await officer.get(`/api/engagements?organizationId=${ids.covestro}`)).json();
    expect(list.items).toMatchObject([
      { startsOn: '2024-05-11', type: 'visit_inbound', titleZh: '科思创来访', hostOrgUnitId: ids.unit },
    ]);
    // The same log again: the engagements on record are left alone.
    const again = await (await upload('engagements', file, '活动台账.xlsx')).json();
    expect(rowOf(again, 2)).toMatchObject({ action: 'unchanged', matchBy: 'key' });
    expect(rowOf(again, 3)).toMatchObject({ action: 'unchanged' });
    // Undo removes the imported engagements.
    await officer.post(`/api/imports/sheets/${d.id}/undo`, { version: committed.version });
    expect(await college.scope.count(engagements, isNull(engagements.deletedAt))).toBe(0);
  });
});

describe('importing teachers’ practice', () => {
  it('records days per teacher and enterprise in the practice program, adding what is missing, and the ledger counts them', async () => {
    const programsBefore = await college.scope.count(programs);
    const file = await xlsx([
      ['教师姓名', '所在部门', '实践单位', '年度', '实践天数', '实践内容'],
      ['陈晓燕', '化学工程学院', '科思创', 2024, 60, '聚氨酯车间跟岗'],
      ['陈晓燕', '', '科思创', 2023, 30, ''],
      ['刘洋', '化学工程学院', '科思创', 2024, 20, ''],
      ['陈晓燕', '化学工程学院', '科思创', 2024, 10, ''],
      ['王芳', '化学工程学院', '科思创', 2024, 400, ''],
    ]);
    const d = await (await upload('practice', file, '教师实践.xlsx')).json();
    expect(rowOf(d, 2)).toMatchObject({ action: 'create', warnings: [{ code: 'new_program' }] });
    expect(rowOf(d, 4)).toMatchObject({
      action: 'create',
      warnings: expect.arrayContaining([expect.objectContaining({ code: 'new_teacher' })]),
    });
    expect(rowOf(d, 5).errors[0]).toMatchObject({ code: 'duplicate_in_file' });
    expect(rowOf(d, 6).errors[0]).toMatchObject({ column: '实践天数', code: 'too_many_days' });
    const committed = await (
      await officer.post(`/api/imports/sheets/${d.id}/commit`, { version: d.version, skipInvalid: true })
    ).json();
    expect(committed.counts.create).toBe(3);
    expect(await college.scope.count(programs)).toBe(programsBefore + 1);
    const ledger = await (await officer.get('/api/reports/teacher-practice?year=2024')).json();
    const byName = Object.fromEntries(
      ledger.rows.map((r: { nameZh: string; daysThisYear: number; daysInWindow: number }) => [r.nameZh, r]),
    );
    expect(byName.陈晓燕).toMatchObject({ daysThisYear: 60, daysInWindow: 90 });
    expect(byName.刘洋).toMatchObject({ daysThisYear: 20 });
    // A second sheet for the same year updates the days on record (same program, teacher, enterprise).
    const again = await (
      await upload(
        'practice',
        await xlsx([
          ['教师姓名', '所在部门', '实践单位', '年度', '实践天数'],
          ['陈晓燕', '化学工程学院', '科思创', 2024, 75],
        ]),
        '补录.xlsx',
      )
    ).json();
    expect(rowOf(again, 2)).toMatchObject({ action: 'update', changes: ['value'] });
    // Undo the first import: the practice program, the new teacher and the days are gone.
    const undone = await officer.post(`/api/imports/sheets/${d.id}/undo`, { version: committed.version });
    expect(undone.status).toBe(200);
    expect(await college.scope.count(programs, isNull(programs.deletedAt))).toBe(programsBefore);
    expect(await college.scope.count(people, and(eq(people.nameZh, '刘洋'), isNull(people.deletedAt)))).toBe(
      0,
    );
    expect(await college.scope.count(facts, eq(facts.code, 'teacher_practice_days'))).toBe(0);
  });
});
