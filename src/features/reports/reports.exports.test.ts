import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrgUnit, buildPerson } from '../../../test/record-fixtures.ts';
import {
  buildTenant,
  clientAs,
  createTestApp,
  type TestApp,
  type TestClient,
} from '../../../test/test-app.ts';
import { createCommitment } from '../commitments/commitments.service.ts';
import { recordEngagement } from '../engagements/engagements.service.ts';
import { createOrganization } from '../organizations/organizations.service.ts';
import { putPartnership } from '../partnerships/partnerships.service.ts';
import { users } from '../users/users.table.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

async function buildCollege() {
  const college = await buildTenant(t);
  const s = college.scope;
  const chem = await buildOrgUnit(s, '化工学院');
  const safety = await buildOrgUnit(s, '安全学院');
  const covestro = await createOrganization(s, {
    kind: 'enterprise',
    nameZh: '科思创',
    nameEn: 'Covestro',
    region: '上海市',
    industry: 'C26',
  });
  await putPartnership(s, covestro.id, {
    stage: 'active',
    leadOrgUnitId: chem.id,
    dimensions: ['order_class'],
  });
  // More engagements than one page of the list, in two departments.
  for (let i = 0; i < 230; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    const month = String(1 + (i % 12)).padStart(2, '0');
    await recordEngagement(s, {
      type: i % 3 === 0 ? 'visit_inbound' : 'meeting',
      titleZh: i === 9 ? '=HYPERLINK("http://example.test")' : `交流 ${i}`,
      titleEn: `Engagement ${i}`,
      startsOn: `2025-${month}-${day}`,
      hostOrgUnitId: i % 2 ? chem.id : safety.id,
      delegationSize: i % 9,
      organizations: [{ organizationId: covestro.id, role: 'guest' }],
    });
  }
  await createCommitment(s, {
    text: '提交方案',
    ownerOrgUnitId: chem.id,
    organizationId: covestro.id,
    dueOn: '2025-03-01',
  });
  return { college, chem, safety, covestro };
}

let world: Awaited<ReturnType<typeof buildCollege>>;
let officer: TestClient;
beforeAll(async () => {
  world = await buildCollege();
  officer = (await clientAs(t, world.college, ['cooperation_officer'])).client;
});

async function listAll(client: TestClient, path: string) {
  const items = [];
  for (let page = 1; ; page++) {
    const body = await (
      await client.get(`${path}${path.includes('?') ? '&' : '?'}page=${page}&pageSize=100`)
    ).json();
    items.push(...body.items);
    if (body.items.length < 100) return items;
  }
}

async function readXlsx(res: Response) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await res.arrayBuffer());
  return workbook.worksheets[0]!;
}

describe('list exports', () => {
  it('exports every page of the engagement list with its filters and sort, numbers and dates typed', async () => {
    const filter = 'type=meeting&sort=startsOn';
    const listed = await listAll(officer, `/api/engagements?${filter}`);
    expect(listed.length).toBeGreaterThan(150);
    const res = await officer.get(`/api/reports/exports/engagements?${filter}&format=xlsx&lang=en`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/engagements-\d{4}-\d{2}-\d{2}\.xlsx/);
    const sheet = await readXlsx(res);
    expect(sheet.getCell('A1').value).toBe('Engagements');
    expect(String(sheet.getCell('B2').value)).toContain('type=meeting');
    expect(sheet.getRow(5).values).toEqual([
      undefined,
      'Date',
      'Type',
      'Title',
      'Place',
      'Department',
      'Delegation size',
      'Summary',
    ]);
    const rows = (sheet.getSheetValues().slice(6) as unknown[][]).filter(Boolean);
    expect(rows.map((r) => r[3])).toEqual(listed.map((e: { titleEn: string }) => e.titleEn));
    expect(rows[0]![1]).toBeInstanceOf(Date);
    expect((rows[0]![1] as Date).toISOString().slice(0, 10)).toBe(listed[0].startsOn);
    expect(rows.every((r) => r[2] === 'Meeting')).toBe(true);
    expect(typeof rows.find((r) => r[6] !== undefined)![6]).toBe('number');
  });

  it('exports CSV with a BOM that reads back to the list, formulas neutralised', async () => {
    const listed = await listAll(officer, '/api/engagements?type=visit_inbound');
    const res = await officer.get(
      '/api/reports/exports/engagements?type=visit_inbound&format=csv&lang=zh-CN',
    );
    expect(res.headers.get('content-type')).toContain('text/csv');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = parseCsv(bytes, { bom: true }) as string[][];
    expect(records[0]).toEqual(['日期', '类型', '标题', '地点', '部门', '来访人数', '摘要']);
    expect(records.slice(1).map((r) => r[2])).toEqual(
      listed.map((e: { titleZh: string }) => (e.titleZh.startsWith('=') ? `'${e.titleZh}` : e.titleZh)),
    );
    expect(records.slice(1).map((r) => r[2])).toContain(`'=HYPERLINK("http://example.test")`);
  });

  it('limits a liaison’s export to their departments, as their list is', async () => {
    const { client: liaison, user } = await clientAs(t, world.college, ['department_liaison']);
    await world.college.scope.change(users, 'user', user.id, null, { orgUnitIds: [world.safety.id] });
    const listed = await listAll(liaison, '/api/engagements');
    const csv = await (await liaison.get('/api/reports/exports/engagements?format=csv')).text();
    const records = parseCsv(csv, { bom: true }) as string[][];
    expect(records.length - 1).toBe(listed.length);
    expect(new Set(records.slice(1).map((r) => r[4]))).toEqual(new Set(['安全学院']));
  });

  it('exports partners, agreements, commitments and programs with names and labels instead of ids and codes', async () => {
    const partners = parseCsv(
      await (await officer.get('/api/reports/exports/partners?format=csv&lang=en')).text(),
      {
        bom: true,
      },
    ) as string[][];
    expect(partners[1]).toEqual([
      '科思创',
      'Covestro',
      'Enterprise',
      '',
      'C26 Manufacture of chemical raw materials and chemical products',
      'Shanghai',
      'Active',
      expect.stringContaining('Order class'),
      '化工学院',
      '',
    ]);
    const commitments = parseCsv(
      await (await officer.get('/api/reports/exports/commitments?format=csv&lang=zh-CN')).text(),
      { bom: true },
    ) as string[][];
    expect(commitments[1]).toEqual(['提交方案', '已逾期', '普通', '2025-03-01', '', '化工学院', '科思创']);
    for (const list of ['agreements', 'programs']) {
      const res = await officer.get(`/api/reports/exports/${list}?format=xlsx`);
      expect(res.status, list).toBe(200);
      // Nothing of these yet: the title, the filters and the header row only.
      const sheet = await readXlsx(res);
      expect(sheet.rowCount, list).toBe(5);
      expect(sheet.getRow(5).getCell(1).value, list).toBe(list === 'agreements' ? '编号' : '标题');
    }
  });

  it('exports people, the news desk and the audit log to those who may read them', async () => {
    await buildPerson(world.college.scope, '高炬');
    const people = parseCsv(
      await (await officer.get('/api/reports/exports/people?format=csv&lang=en')).text(),
      {
        bom: true,
      },
    ) as string[][];
    expect(people[0]).toEqual(['Name (Chinese)', 'Name (English)', 'Side', 'Email', 'Phone']);
    expect(people.slice(1).map((r) => r[0])).toContain('高炬');
    const audit = parseCsv(
      await (await officer.get('/api/reports/exports/audit?format=csv&lang=en')).text(),
      {
        bom: true,
      },
    ) as string[][];
    expect(audit.slice(1).map((r) => r[2])).toContain('engagement.created');
    const { client: viewer } = await clientAs(t, world.college, ['viewer']);
    expect((await viewer.get('/api/reports/exports/audit?format=csv')).status).toBe(403);
    const { client: editor } = await clientAs(t, world.college, ['editor']);
    const articles = await editor.get('/api/reports/exports/articles?format=xlsx');
    expect(articles.status).toBe(200);
    expect((await readXlsx(articles)).getRow(5).getCell(1).value).toBe('标题');
    expect((await officer.get('/api/reports/exports/articles?format=csv')).status).toBe(200);
  });

  it('answers bad filters with field errors, before any byte of the file', async () => {
    const res = await officer.get('/api/reports/exports/engagements?format=pdf&type=party');
    expect(res.status).toBe(400);
    const paths = (await res.json()).error.details.map((d: { path: string }) => d.path).sort();
    expect(paths).toEqual(['format', 'type']);
  });
});
