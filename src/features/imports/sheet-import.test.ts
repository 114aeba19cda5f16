import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTenant,
  clientAs,
  createTestApp,
  type TestApp,
  type TestClient,
  type TestResponse,
} from '../../../test/test-app.ts';
import { timelineEvents } from '../audit/audit.table.ts';
import { organizations } from '../organizations/organizations.table.ts';
import { computeUsccCheck } from '../organizations/uscc.ts';
import { readSheetRows } from './sheet-file.ts';
import { readDate, readNumber, readYearMonth } from './sheet-values.ts';

let t: TestApp;
let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'concord-sheets-'));
  t = await createTestApp({ DATA_DIR: dataDir });
});
afterAll(async () => {
  await t.close();
  await rm(dataDir, { recursive: true, force: true });
});

const uscc = (first17: string) => `${first17}${computeUsccCheck(first17)}`;

async function xlsx(rows: unknown[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  for (const r of rows) ws.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

function upload(client: TestClient, body: Uint8Array, name: string): Promise<TestResponse> {
  return t.app.request(`/api/imports/sheets/files?kind=partners&name=${encodeURIComponent(name)}`, {
    method: 'POST',
    body: new Uint8Array(body),
    headers: {
      host: client.host,
      origin: `http://${client.host}`,
      'content-type': 'application/octet-stream',
      cookie: client.cookie,
    },
  }) as Promise<TestResponse>;
}

describe('reading typed values', () => {
  it('reads the dates, months and numbers Chinese offices type', () => {
    expect(readDate('2024.5.11')).toBe('2024-05-11');
    expect(readDate('2024年5月11日')).toBe('2024-05-11');
    expect(readDate('2024/05/11')).toBe('2024-05-11');
    expect(readDate(45423)).toBe('2024-05-11');
    expect(readDate('2024-02-30')).toBeNull();
    expect(readYearMonth('2019年3月')).toBe('2019-03');
    expect(readYearMonth('2019.3')).toBe('2019-03');
    expect(readYearMonth(2019)).toBe('2019');
    expect(readYearMonth(45423)).toBe('2024-05');
    expect(readNumber('3.5万')).toBe(35_000);
    expect(readNumber('1,234.5')).toBe(1234.5);
    expect(readNumber('１２')).toBe(12);
    expect(readNumber('about 3')).toBeNull();
  });
});

describe('reading sheets', () => {
  it('reads thousands of Chinese cells without splitting a character, shared or inline', async () => {
    for (const useSharedStrings of [true, false]) {
      const path = join(dataDir, `chinese-${useSharedStrings}.xlsx`);
      const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings });
      const sheet = writer.addWorksheet('台账');
      for (let i = 0; i < 6000; i++) sheet.addRow([`江苏海港物流集团第${i}分公司`, '政府部门', i]).commit();
      await sheet.commit();
      await writer.commit();
      let rows = 0;
      for await (const r of readSheetRows(path)) {
        expect(r.cells[0]).toBe(`江苏海港物流集团第${r.row - 1}分公司`);
        expect(r.cells[1]).toBe('政府部门');
        rows++;
      }
      expect(rows).toBe(6000);
    }
  });
});

describe('partner import from a spreadsheet', () => {
  let college: Awaited<ReturnType<typeof buildTenant>>;
  let officer: TestClient;
  let existingId: string;
  let similarId: string;
  const existingCode = uscc('91310115MA1K4AB2X'.slice(0, 17));
  beforeAll(async () => {
    college = await buildTenant(t);
    officer = (await clientAs(t, college, ['cooperation_officer'])).client;
    const res = await officer.post('/api/organizations', {
      kind: 'enterprise',
      nameZh: '上海申能电力设备有限公司',
      uscc: existingCode,
      tags: ['实习基地'],
    });
    existingId = (await res.json()).id;
    const other = await officer.post('/api/organizations', {
      kind: 'enterprise',
      nameZh: '华东申能设备有限公司',
    });
    similarId = (await other.json()).id;
  });

  it('gives a template in each language with drop-down kinds and an explanation sheet', async () => {
    for (const [lang, header, kind] of [
      ['zh-CN', '单位名称*', '企业'],
      ['en', 'Name (Chinese)*', 'Enterprise'],
    ] as const) {
      const res = await officer.get(`/api/imports/sheets/template?lang=${lang}`);
      expect(res.status).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await res.arrayBuffer()) as never);
      const sheet = wb.worksheets[0]!;
      expect(sheet.getCell(1, 1).value).toBe(header);
      expect(sheet.getCell(2, 3).value).toBe(kind);
      expect(sheet.getCell(5, 3).dataValidation).toMatchObject({ type: 'list' });
      expect(String(sheet.getCell(5, 3).dataValidation.formulae?.[0])).toContain(kind);
      expect(wb.worksheets[1]!.rowCount).toBeGreaterThan(5);
    }
  });

  it('checks every row without writing anything, naming row and column, in the caller’s language', async () => {
    const newCode = uscc('91320500MA1MXYK1A');
    const wrongCode = `${newCode.slice(0, 17)}${newCode.endsWith('0') ? '1' : '0'}`;
    const before = await college.scope.count(organizations);
    const events = await college.scope.count(timelineEvents);
    const file = await xlsx([
      ['单位名称', '单位类型', '统一社会信用代码', '合作起始年月', '标签', '备注'],
      ['青山机器人有限公司', '企业', newCode, '2019.3', '订单班；实习基地', 'x'],
      ['上海申能电力设备有限公司', '企业', existingCode, '', '订单班', ''],
      ['某某协会', '社团', '', '', '', ''],
      ['错码公司', '企业', wrongCode, '', '', ''],
      ['公式公司', { formula: 'A1&"x"' }, '', '', '', ''],
      ['青山机器人有限公司', '企业', '', '', '', ''],
      ['申能设备（华东）有限公司', '企业', '', '2021年', '', ''],
    ]);
    const res = await upload(officer, file, '合作单位.xlsx');
    expect(res.status).toBe(201);
    const d = await res.json();
    expect(d.mapping).toEqual(['nameZh', 'kind', 'uscc', 'since', 'tags', null]);
    const row = (n: number) => d.report.find((r: { row: number }) => r.row === n);
    expect(row(2)).toMatchObject({ action: 'create', name: '青山机器人有限公司', errors: [] });
    expect(row(3)).toMatchObject({
      action: 'update',
      matchId: existingId,
      matchBy: 'uscc',
      changes: ['tags'],
    });
    expect(row(4)).toMatchObject({
      action: 'rejected',
      errors: [{ column: '单位类型', code: 'unknown_kind', value: '社团' }],
    });
    expect(row(5).errors[0]).toMatchObject({ column: '统一社会信用代码', code: 'uscc_check_digit' });
    expect(row(6).errors[0]).toMatchObject({ column: '单位类型', code: 'formula_cell' });
    expect(row(7).errors[0]).toMatchObject({ code: 'duplicate_in_file', value: '2' });
    expect(row(8)).toMatchObject({ action: 'create', warnings: [{ code: 'similar_name', id: similarId }] });
    expect(d.counts).toEqual({ create: 2, update: 1, unchanged: 0, skipped: 0, rejected: 4 });
    expect(await college.scope.count(organizations)).toBe(before);
    expect(await college.scope.count(timelineEvents)).toBe(events);

    // The report downloads as .xlsx with every row in words.
    const report = await officer.get(`/api/imports/sheets/${d.id}/report?lang=zh-CN`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await report.arrayBuffer()) as never);
    const text = JSON.stringify(wb.worksheets[0]!.getSheetValues());
    expect(text).toContain('“单位类型”列：“社团”不是合作单位类型');
    expect(text).toContain('校验码不对');

    // All-or-nothing by default: rejected rows stop the commit, and nothing is written.
    const refused = await officer.post(`/api/imports/sheets/${d.id}/commit`, { version: d.version });
    expect(refused.status).toBe(400);
    expect((await refused.json()).error.details[0].code).toBe('rows_rejected');
    expect(await college.scope.count(organizations)).toBe(before);

    // Row 8 is the registered partner after all: the reviewer links it, and skips the rest.
    const checked = await (
      await officer.post(`/api/imports/sheets/${d.id}/check`, {
        version: d.version,
        decisions: { links: { '8': similarId }, skip: [] },
      })
    ).json();
    expect(checked.report.find((r: { row: number }) => r.row === 8)).toMatchObject({
      action: 'update',
      matchBy: 'chosen',
    });
    const committed = await (
      await officer.post(`/api/imports/sheets/${d.id}/commit`, {
        version: checked.version,
        skipInvalid: true,
      })
    ).json();
    expect(committed.error).toBeUndefined();
    expect(committed.status).toBe('committed');
    expect(await college.scope.count(organizations)).toBe(before + 1);
    const partners = await (await officer.get('/api/organizations?q=青山机器人&pageSize=5')).json();
    expect(partners.items[0]).toMatchObject({ since: '2019-03', tags: ['订单班', '实习基地'] });
    const existing = await (await officer.get(`/api/organizations/${existingId}`)).json();
    expect(existing.tags).toEqual(['实习基地', '订单班']);
    const similar = await (await officer.get(`/api/organizations/${similarId}`)).json();
    expect(similar.since).toBe('2021');
    const audit = await (
      await officer.get(`/api/audit?subjectType=organization&subjectId=${existingId}`)
    ).json();
    expect(audit.items.map((e: { verb: string }) => e.verb)).toContain('organization.imported');

    // Undo restores exactly what was there; a second undo is refused.
    const undone = await officer.post(`/api/imports/sheets/${d.id}/undo`, { version: committed.version });
    expect((await undone.json()).status).toBe('undone');
    expect(await college.scope.count(organizations)).toBe(before + 1); // soft-deleted rows stay, out of lists
    expect((await (await officer.get('/api/organizations?q=青山机器人')).json()).total).toBe(0);
    const restored = await (await officer.get(`/api/organizations/${existingId}`)).json();
    expect(restored).toMatchObject({ tags: ['实习基地'] });
    expect((await (await officer.get(`/api/organizations/${similarId}`)).json()).since).toBeNull();
  });

  it('stores industries as classification codes, imports a row whose industry it does not know without it, with a warning', async () => {
    const file = await xlsx([
      ['单位名称', '单位类型', '所属行业', '所在地区'],
      ['行业甲化工有限公司', '企业', '化学原料和化学制品制造业', 'Jinshan District, Shanghai'],
      ['行业乙电气有限公司', '企业', 'c38', ''],
      ['行业丙智造有限公司', '企业', '智能制造', ''],
    ]);
    const d = await (await upload(officer, file, '行业.xlsx')).json();
    const row = (n: number) => d.report.find((r: { row: number }) => r.row === n);
    expect(row(2)).toMatchObject({ action: 'create', errors: [], warnings: [] });
    expect(row(4)).toMatchObject({
      action: 'create',
      errors: [],
      warnings: [{ code: 'unknown_industry', detail: '智能制造' }],
    });
    const committed = await (
      await officer.post(`/api/imports/sheets/${d.id}/commit`, { version: d.version })
    ).json();
    expect(committed.status).toBe('committed');
    const find = async (q: string) =>
      (await (await officer.get(`/api/organizations?q=${encodeURIComponent(q)}`)).json()).items[0];
    expect(await find('行业甲')).toMatchObject({ industry: 'C26', region: '上海市金山区' });
    expect(await find('行业乙')).toMatchObject({ industry: 'C38' });
    expect(await find('行业丙')).toMatchObject({ industry: null });
  });

  it('refuses to undo once an imported partner was edited since', async () => {
    const file = await xlsx([
      ['Name (Chinese)', 'Kind'],
      ['海港物流集团', 'Enterprise'],
    ]);
    const d = await (await upload(officer, file, 'partners.xlsx')).json();
    const done = await (
      await officer.post(`/api/imports/sheets/${d.id}/commit`, { version: d.version })
    ).json();
    const list = await (await officer.get('/api/organizations?q=海港物流集团')).json();
    const partner = list.items[0];
    await officer.patch(`/api/organizations/${partner.id}`, { version: partner.version, region: '江苏' });
    const undo = await officer.post(`/api/imports/sheets/${d.id}/undo`, { version: done.version });
    expect(undo.status).toBe(409);
  });

  it('lets the user correct the column mapping before anything is written', async () => {
    const file = await xlsx([
      ['公司', '性质'],
      ['新港码头有限公司', '企业'],
    ]);
    const d = await (await upload(officer, file, 'own-layout.xlsx')).json();
    expect(d.mapping).toEqual([null, 'kind']);
    expect(d.report[0]).toMatchObject({
      action: 'rejected',
      errors: [{ field: 'nameZh', code: 'required' }],
    });
    const fixed = await (
      await officer.post(`/api/imports/sheets/${d.id}/check`, {
        version: d.version,
        mapping: ['nameZh', 'kind'],
      })
    ).json();
    expect(fixed.report[0]).toMatchObject({ action: 'create', name: '新港码头有限公司' });
    const twice = await officer.post(`/api/imports/sheets/${d.id}/check`, {
      version: fixed.version,
      mapping: ['kind', 'kind'],
    });
    expect(twice.status).toBe(400);
  });

  it('reads CSV in GBK and refuses hostile files with a clear reason', async () => {
    // 单位名称,单位类型 / 校企合作,企业 in GBK, undeclared.
    const gbk = new Uint8Array([
      0xb5, 0xa5, 0xce, 0xbb, 0xc3, 0xfb, 0xb3, 0xc6, 0x2c, 0xb5, 0xa5, 0xce, 0xbb, 0xc0, 0xe0, 0xd0, 0xcd,
      0x0d, 0x0a, 0xd0, 0xa3, 0xc6, 0xf3, 0xba, 0xcf, 0xd7, 0xf7, 0x2c, 0xc6, 0xf3, 0xd2, 0xb5, 0x0d, 0x0a,
    ]);
    const csv = await (await upload(officer, gbk, 'partners.csv')).json();
    expect(csv.report[0]).toMatchObject({ action: 'create', name: '校企合作' });

    const reason = async (body: Uint8Array, name: string) => {
      const res = await upload(officer, body, name);
      expect(res.status).toBe(400);
      return (await res.json()).error.details[0].code;
    };
    const bomb = zipSync({
      'xl/workbook.xml': new Uint8Array(1),
      'xl/worksheets/sheet1.xml': new Uint8Array(60 * 1024 * 1024),
    });
    expect(await reason(bomb, 'bomb.xlsx')).toBe('unpacks_too_large');
    const macros = zipSync({
      'xl/workbook.xml': new Uint8Array(10),
      'xl/vbaProject.bin': new Uint8Array(10),
    });
    expect(await reason(macros, 'macros.xlsm')).toBe('macros');
    const links = zipSync({
      'xl/workbook.xml': new Uint8Array(10),
      'xl/externalLinks/externalLink1.xml': new Uint8Array(10),
    });
    expect(await reason(links, 'links.xlsx')).toBe('external_links');
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    expect(await reason(png, 'photo.xlsx')).toBe('not_a_sheet');
    const wide = await xlsx([Array.from({ length: 16_384 }, (_, i) => `c${i}`)]);
    expect(await reason(wide, 'wide.xlsx')).toBe('too_many_columns');
    expect(await reason(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]), 'broken.xlsx')).toBe('unreadable');
  });

  it('keeps imports to officers of the college', async () => {
    const editor = (await clientAs(t, college, ['editor'])).client;
    expect((await upload(editor, await xlsx([['单位名称'], ['x']]), 'x.xlsx')).status).toBe(403);
    const mine = await (
      await upload(
        officer,
        await xlsx([
          ['单位名称', '单位类型'],
          ['x公司', '企业'],
        ]),
        'x.xlsx',
      )
    ).json();
    const other = await buildTenant(t);
    const stranger = (await clientAs(t, other, ['cooperation_officer'])).client;
    expect((await stranger.get(`/api/imports/sheets/${mine.id}`)).status).toBe(404);
    expect((await stranger.post(`/api/imports/sheets/${mine.id}/commit`, { version: 1 })).status).toBe(404);
  });
});
