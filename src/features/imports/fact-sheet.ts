import { eq } from 'drizzle-orm';
import { newId } from '../../db/ids.ts';
import type { InsertValues, TenantScope } from '../../db/tenant-scope.ts';
import { en } from '../../i18n/en.ts';
import { zhCN } from '../../i18n/zh-CN.ts';
import { factCodes } from '../programs/programs.schema.ts';
import { facts } from '../programs/programs.table.ts';
import type { SheetChange, SheetReportRow } from './imports.table.ts';
import {
  type CellRead,
  type CheckedRow,
  firstRowOf,
  loadPartnerNames,
  loadProgramTitles,
  loadStructure,
  readers,
  readRow,
  referenceError,
  type SheetField,
  type SheetKind,
  type SheetRowInput,
} from './sheet-kind.ts';
import { readNumber } from './sheet-values.ts';

type FactRow = typeof facts.$inferSelect;

const codeChoices = factCodes.map((c) => ({
  value: c,
  zh: zhCN.admin.programs.factCodes[c],
  en: en.admin.programs.factCodes[c],
}));

/** The figures counted in 万元 (10,000 CNY). */
const tenThousandYuan = new Set(['donated_equipment_value', 'tech_service_income', 'fund_amount']);

/**
 * A figure's value. Amounts of the 万元 figures may be written in 元 ("350000元") or in 万
 * ("35万", "35万元"); other figures read 万 as ten thousand.
 */
export function readFigure(code: string | undefined, raw: string, cell: string | number | boolean): CellRead {
  if (typeof cell === 'number' || !code || !tenThousandYuan.has(code)) return readers.number(raw, cell);
  const text = raw.replace(/\s/g, '');
  if (/万元?$/.test(text)) return readers.number(text.replace(/万元?$/, ''), text.replace(/万元?$/, ''));
  if (/元$/.test(text)) {
    const yuan = readNumber(text.slice(0, -1));
    return yuan === null || yuan < 0 ? { code: 'invalid_number' } : { value: Math.round(yuan / 100) / 100 };
  }
  return readers.number(raw, cell);
}

export const factFields: SheetField[] = [
  {
    key: 'program',
    required: true,
    max: 300,
    headers: { zh: '项目名称', en: 'Program', aliases: ['项目', '合作项目', 'program title', 'programme'] },
    help: {
      zh: '数据所属的合作项目，须与项目的中文或英文名称一致。',
      en: 'The program the figure belongs to, by its Chinese or English title.',
    },
    example: { zh: '科思创订单班', en: '科思创订单班' },
  },
  {
    key: 'code',
    required: true,
    headers: { zh: '指标', en: 'Figure', aliases: ['数据项', '统计指标', '指标名称', 'indicator', 'code'] },
    help: {
      zh: `从下拉列表选择：${codeChoices.map((c) => c.zh).join('、')}。教师企业实践天数请用“教师企业实践”模板。`,
      en: `Choose from the list: ${codeChoices.map((c) => c.en).join(', ')}. Teachers’ practice days go in the teacher practice template.`,
    },
    choices: codeChoices,
    read: readers.choice(codeChoices),
    example: { zh: codeChoices[0]!.zh, en: codeChoices[0]!.en },
  },
  {
    key: 'year',
    required: true,
    headers: { zh: '年度', en: 'Year', aliases: ['年份', '统计年度', 'year'] },
    help: { zh: '四位年份，如 2024。', en: 'The year, such as 2024.' },
    read: readers.year,
    example: { zh: '2024', en: '2024' },
  },
  {
    key: 'value',
    required: true,
    headers: { zh: '数值', en: 'Value', aliases: ['数量', '金额', '值', 'amount', 'number'] },
    help: {
      zh: '数字，可带千分位逗号或“万”；金额类指标以万元计，也可写“350000元”。',
      en: 'A number, with thousands separators or 万 if you like; amounts are in 10k CNY, or write “350000元”.',
    },
    example: { zh: '42', en: '42' },
  },
  {
    key: 'major',
    max: 200,
    headers: { zh: '专业', en: 'Major', aliases: ['专业名称', '专业代码', 'major'] },
    help: { zh: '相关专业的名称或代码，可空。', en: 'The major by name or code; optional.' },
    example: { zh: '', en: '' },
  },
  {
    key: 'organization',
    max: 200,
    headers: {
      zh: '合作单位',
      en: 'Partner',
      aliases: ['单位', '单位名称', '企业', 'organization', 'company'],
    },
    help: {
      zh: '相关合作单位，须与单位名录中的名称一致，可空。',
      en: 'The partner, as named in the registry; optional.',
    },
    example: { zh: '', en: '' },
  },
  {
    key: 'note',
    max: 1000,
    headers: { zh: '备注', en: 'Note', aliases: ['说明', 'notes', 'remarks'] },
    help: { zh: '备注，可空。', en: 'A note; optional.' },
    example: { zh: '', en: '' },
  },
];

export interface FactValues {
  program?: string;
  code?: string;
  year?: number;
  value?: number;
  major?: string;
  organization?: string;
  note?: string;
  programId?: string;
  majorId?: string;
  organizationId?: string;
}

export interface FactContext {
  programs: Awaited<ReturnType<typeof loadProgramTitles>>;
  majors: Awaited<ReturnType<typeof loadStructure>>['majors'];
  partners: Awaited<ReturnType<typeof loadPartnerNames>>;
  existing: Map<string, FactRow>;
}

/** The identity of a figure: one value per program, code, year, major, partner and teacher. */
export function factKey(f: {
  programId?: string | null;
  code?: string | null;
  year?: number | null;
  majorId?: string | null;
  organizationId?: string | null;
  personId?: string | null;
}): string {
  return [f.programId, f.code, f.year, f.majorId ?? '', f.organizationId ?? '', f.personId ?? ''].join('|');
}

export async function loadFacts(scope: TenantScope, code?: string): Promise<Map<string, FactRow>> {
  const rows = await scope.select(facts, code ? { where: eq(facts.code, code) } : {});
  return new Map(rows.map((f) => [factKey(f), f]));
}

/** The value cell read again once the figure is known (its unit depends on the figure). */
function readValue(input: SheetRowInput, code: string | undefined): CellRead | undefined {
  const i = input.mapping.indexOf('value');
  const cell = input.cells[i];
  if (i < 0 || cell === null || cell === undefined || typeof cell === 'object') return undefined;
  const raw = String(cell).trim();
  return raw ? readFigure(code, raw, cell) : undefined;
}

export function checkFactRow(
  input: SheetRowInput,
  ctx: FactContext,
  decisions: Parameters<SheetKind['check']>[2],
  seen: Map<string, number>,
): CheckedRow<FactValues> {
  const { row } = input;
  const read = readRow(input, factFields);
  const v = read.values as FactValues;
  const { errors, columnOf } = read;
  const warnings: SheetReportRow['warnings'] = [];
  const value = readValue(input, v.code);
  if (value && 'code' in value)
    errors.push({
      column: columnOf('value'),
      field: 'value',
      code: value.code,
      value: String(v.value ?? ''),
    });
  else if (value) v.value = value.value as number;
  if (v.code === 'teacher_practice_days')
    errors.push({ column: columnOf('code'), field: 'code', code: 'use_practice_sheet' });
  const resolve = (field: 'program' | 'major' | 'organization', code: string) => {
    const name = v[field];
    if (!name) return undefined;
    const index = field === 'program' ? ctx.programs.index : field === 'major' ? ctx.majors : ctx.partners;
    const found = index.all(name);
    if (found.length === 1) return found[0]!.id;
    errors.push(referenceError(columnOf(field), field, name, found.length, code));
    return undefined;
  };
  v.programId = resolve('program', 'unknown_program');
  v.majorId = resolve('major', 'unknown_major');
  v.organizationId = resolve('organization', 'unknown_partner');
  const name = [v.program, v.code ? codeChoices.find((c) => c.value === v.code)?.zh : '', v.year]
    .filter(Boolean)
    .join(' · ');
  const report: SheetReportRow = { row, action: 'create', name, errors, warnings };
  return settleFigureRow(
    { row, report, values: v, key: factKey(v), duplicateColumn: [columnOf('code'), 'code'] },
    ctx.existing,
    decisions,
    seen,
  );
}

/**
 * The end of a figure row's check, shared by yearly figures and practice days: a second row for the
 * same figure is refused naming the first, then the figure on record (if any) is updated or left.
 */
export function settleFigureRow<V extends FactValues>(
  input: { row: number; report: SheetReportRow; values: V; key: string; duplicateColumn: [string, string] },
  existing: Map<string, FactRow>,
  decisions: { skip: number[] },
  seen: Map<string, number>,
): CheckedRow<V> {
  const { row, report, values: v, key } = input;
  if (report.errors.length === 0) {
    const first = firstRowOf(seen, key, row);
    if (first)
      report.errors.push({
        column: input.duplicateColumn[0],
        field: input.duplicateColumn[1],
        code: 'duplicate_in_file',
        value: String(first),
      });
  }
  if (decisions.skip.includes(row)) return { report: { ...report, action: 'skipped' }, values: v };
  if (report.errors.length > 0) return { report: { ...report, action: 'rejected' }, values: v };
  const match = existing.get(key);
  if (!match) return { report, values: v };
  const changes = [
    ...(Number(match.value) !== v.value ? ['value'] : []),
    ...(v.note !== undefined && v.note !== match.note ? ['note'] : []),
  ];
  return {
    report: {
      ...report,
      action: changes.length ? 'update' : 'unchanged',
      matchId: match.id,
      matchName: `${report.name}: ${Number(match.value)}`,
      matchBy: 'key',
      changes,
    },
    values: v,
  };
}

/** Writes figures: new ones a few hundred per statement, changed ones one by one. */
export async function commitFacts(
  tx: TenantScope,
  rows: CheckedRow<FactValues & { personId?: string }>[],
  existing: Map<string, FactRow>,
  source: string,
): Promise<SheetChange[]> {
  const changes: SheetChange[] = [];
  const created: (InsertValues<typeof facts> & { id: string })[] = [];
  const rowOf = new Map<string, number>();
  for (const { report: r, values: v } of rows) {
    if (r.action === 'create') {
      const id = newId();
      rowOf.set(id, r.row);
      created.push({
        id,
        programId: v.programId ?? null,
        code: v.code ?? '',
        year: v.year ?? 0,
        value: String(v.value ?? 0),
        majorId: v.majorId ?? null,
        organizationId: v.organizationId ?? null,
        personId: v.personId ?? null,
        note: v.note ?? null,
      });
    } else if (r.action === 'update' && r.matchId) {
      const before = existing.get(factKey(v))!;
      const set: Record<string, unknown> = {};
      const previous: Record<string, unknown> = {};
      if (r.changes?.includes('value')) {
        set.value = String(v.value);
        previous.value = before.value;
      }
      if (r.changes?.includes('note')) {
        set.note = v.note ?? null;
        previous.note = before.note;
      }
      const updated = await tx.change(facts, 'fact', before.id, before.version, set);
      await tx.recordEvent({
        verb: 'fact.imported',
        subjectType: 'fact',
        subjectId: before.id,
        diff: { import: { to: source }, row: { to: r.row } },
      });
      changes.push({
        subject: 'fact',
        id: before.id,
        action: 'update',
        versionAfter: updated.version,
        before: previous,
      });
    }
  }
  const events = (id: string) => [
    { verb: 'fact.imported', diff: { import: { to: source }, row: { to: rowOf.get(id) } } },
  ];
  for (const f of await tx.createMany(facts, 'fact', created, events))
    changes.push({ subject: 'fact', id: f.id, action: 'create', versionAfter: f.version });
  return changes;
}

/** Yearly figures of programs (the codes of the yearly report), by program, major and partner. */
export const factSheet: SheetKind<FactValues, FactContext> = {
  fields: factFields,
  async prepare(scope) {
    const [programRows, structure, partners, existing] = await Promise.all([
      loadProgramTitles(scope),
      loadStructure(scope),
      loadPartnerNames(scope),
      loadFacts(scope),
    ]);
    return { programs: programRows, majors: structure.majors, partners, existing };
  },
  check: checkFactRow,
  commit: (tx, rows, ctx, source) => commitFacts(tx, rows, ctx.existing, source),
};
