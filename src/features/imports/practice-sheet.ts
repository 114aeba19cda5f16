import { newId } from '../../db/ids.ts';
import type { InsertValues } from '../../db/tenant-scope.ts';
import { normalizeChineseName } from '../organizations/name-similarity.ts';
import { affiliations, people } from '../people/people.table.ts';
import { createProgram } from '../programs/programs.service.ts';
import { commitFacts, type FactValues, factKey, loadFacts, settleFigureRow } from './fact-sheet.ts';
import type { SheetChange, SheetReportRow } from './imports.table.ts';
import { loadPeople } from './people-sheet.ts';
import {
  type CheckedRow,
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

const code = 'teacher_practice_days';

export const practiceFields: SheetField[] = [
  {
    key: 'teacher',
    required: true,
    max: 100,
    headers: { zh: '教师姓名', en: 'Teacher', aliases: ['姓名', '教师', 'name', 'teacher name'] },
    help: {
      zh: '本校教师的姓名；未登记的教师会被新建为我方人员。',
      en: 'The name of one of our teachers; a teacher not yet registered is added to our side.',
    },
    example: { zh: '陈晓燕', en: '陈晓燕' },
  },
  {
    key: 'department',
    max: 200,
    headers: { zh: '所在部门', en: 'Department', aliases: ['部门', '二级学院', '院系', 'department'] },
    help: {
      zh: '教师所在的部门或二级学院，须与“我方机构”中的名称一致；同名教师以此区分。',
      en: 'The teacher’s department, as named in Our structure; it tells teachers of the same name apart.',
    },
    example: { zh: '化学工程学院', en: '化学工程学院' },
  },
  {
    key: 'partner',
    required: true,
    max: 200,
    headers: {
      zh: '实践单位',
      en: 'Enterprise',
      aliases: ['实践企业', '企业', '合作单位', '单位', 'partner', 'company'],
    },
    help: {
      zh: '实践所在的企业，须与单位名录中的名称（或简称、曾用名）一致。',
      en: 'Where the practice took place, as named in the registry (or an alias).',
    },
    example: { zh: '科思创聚合物（中国）有限公司', en: '科思创聚合物（中国）有限公司' },
  },
  {
    key: 'year',
    required: true,
    headers: { zh: '年度', en: 'Year', aliases: ['年份', 'year'] },
    help: { zh: '四位年份，如 2024。', en: 'The year, such as 2024.' },
    read: readers.year,
    example: { zh: '2024', en: '2024' },
  },
  {
    key: 'days',
    required: true,
    headers: { zh: '实践天数', en: 'Days', aliases: ['天数', '时长（天）', 'days of practice'] },
    help: {
      zh: '该年在该企业实践的天数（一年不超过 366 天）。',
      en: 'Days of practice at that enterprise in the year (at most 366).',
    },
    read: (raw, cell) => {
      const n = readers.number(raw, cell);
      return 'value' in n && (n.value as number) > 366 ? { code: 'too_many_days' } : n;
    },
    example: { zh: '30', en: '30' },
  },
  {
    key: 'program',
    max: 300,
    headers: { zh: '项目名称', en: 'Program', aliases: ['项目', 'program title'] },
    help: {
      zh: '所属项目，可空；留空时记入该企业的教师企业实践项目，没有则新建一个。',
      en: 'The program; optional. When empty, the enterprise’s teacher practice program is used, and one is created if there is none.',
    },
    example: { zh: '', en: '' },
  },
  {
    key: 'note',
    max: 1000,
    headers: { zh: '实践内容', en: 'What was done', aliases: ['内容', '备注', 'note', 'notes'] },
    help: { zh: '实践岗位和内容，可空。', en: 'The post and the work; optional.' },
    example: {
      zh: '在聚氨酯车间跟岗，参与工艺优化。',
      en: 'Shadowed the polyurethane workshop on process tuning.',
    },
  },
];

export interface PracticeValues extends FactValues {
  teacher?: string;
  department?: string;
  partner?: string;
  days?: number;
  personId?: string;
  orgUnitId?: string;
  /** A program to create for the enterprise (its practice program), keyed by the partner. */
  newProgram?: { organizationId: string; titleZh: string; titleEn: string };
  /** The teacher to add, keyed by name and department. */
  newTeacher?: string;
}

type Loaded<T extends (...args: never[]) => unknown> = Awaited<ReturnType<T>>;

export interface PracticeContext {
  teachers: Loaded<typeof loadPeople>;
  units: Loaded<typeof loadStructure>['units'];
  partners: Loaded<typeof loadPartnerNames>;
  programs: Loaded<typeof loadProgramTitles>;
  existing: Loaded<typeof loadFacts>;
}

export function checkPracticeRow(
  input: SheetRowInput,
  ctx: PracticeContext,
  decisions: Parameters<SheetKind['check']>[2],
  seen: Map<string, number>,
): CheckedRow<PracticeValues> {
  const { row } = input;
  const read = readRow(input, practiceFields);
  const v = read.values as PracticeValues;
  const { errors, columnOf } = read;
  const warnings: SheetReportRow['warnings'] = [];
  v.code = code;
  v.value = v.days;
  if (v.department) {
    const found = ctx.units.all(v.department);
    if (found.length === 1) v.orgUnitId = found[0]!.id;
    else
      errors.push(
        referenceError(
          columnOf('department'),
          'department',
          v.department,
          found.length,
          'unknown_department',
        ),
      );
  }
  let partnerName = '';
  let partnerNameEn = '';
  if (v.partner) {
    const found = ctx.partners.all(v.partner);
    if (found.length === 1) {
      v.organizationId = found[0]!.id;
      partnerName = found[0]!.nameZh;
      partnerNameEn = found[0]!.nameEn || found[0]!.nameZh;
    } else
      errors.push(referenceError(columnOf('partner'), 'partner', v.partner, found.length, 'unknown_partner'));
  }
  if (v.teacher && !errors.some((e) => e.field === 'department')) {
    const ours = ctx.teachers.names.all(v.teacher).filter((p) => p.side === 'ours');
    const here = v.orgUnitId
      ? ours.filter((p) => (ctx.teachers.posts.get(p.id) ?? []).some((a) => a.orgUnitId === v.orgUnitId))
      : ours;
    if (here.length === 1) v.personId = here[0]!.id;
    else if (here.length > 1)
      errors.push(referenceError(columnOf('teacher'), 'teacher', v.teacher, here.length));
    else {
      v.newTeacher = `${normalizeChineseName(v.teacher)}@${v.orgUnitId ?? ''}`;
      warnings.push({ code: 'new_teacher', detail: v.teacher });
    }
  }
  if (v.program) {
    const found = ctx.programs.index.all(v.program);
    if (found.length === 1) v.programId = found[0]!.id;
    else
      errors.push(referenceError(columnOf('program'), 'program', v.program, found.length, 'unknown_program'));
  } else if (v.organizationId) {
    const practice = ctx.programs.rows
      .filter((p) => p.dimension === 'teacher_practice' && p.organizationIds.includes(v.organizationId!))
      .sort((a, b) => Number(b.status === 'running') - Number(a.status === 'running'));
    if (practice[0]) v.programId = practice[0].id;
    else {
      v.newProgram = {
        organizationId: v.organizationId,
        titleZh: `赴${partnerName}教师企业实践`,
        titleEn: `Teachers’ practice at ${partnerNameEn}`,
      };
      warnings.push({ code: 'new_program', detail: v.newProgram.titleZh });
    }
  }
  const report: SheetReportRow = {
    row,
    action: 'create',
    name: [v.teacher, v.partner, v.year].filter(Boolean).join(' · '),
    errors,
    warnings,
  };
  const key = factKey({
    programId: v.programId ?? `new:${v.organizationId}`,
    code,
    year: v.year ?? null,
    organizationId: v.organizationId ?? null,
    personId: v.personId ?? `new:${v.newTeacher}`,
  });
  return settleFigureRow(
    { row, report, values: v, key, duplicateColumn: [columnOf('teacher'), 'teacher'] },
    ctx.existing,
    decisions,
    seen,
  );
}

/**
 * Teachers' enterprise practice: days per teacher, enterprise and year, kept as the
 * `teacher_practice_days` figure of the enterprise's practice program (the practice ledger reads them).
 */
export const practiceSheet: SheetKind<PracticeValues, PracticeContext> = {
  fields: practiceFields,
  async prepare(scope) {
    const [teachers, structure, partners, programRows, existing] = await Promise.all([
      loadPeople(scope),
      loadStructure(scope),
      loadPartnerNames(scope),
      loadProgramTitles(scope),
      loadFacts(scope, code),
    ]);
    return { teachers, units: structure.units, partners, programs: programRows, existing };
  },
  check: checkPracticeRow,
  async commit(tx, rows, ctx, source) {
    const changes: SheetChange[] = [];
    const accepted = rows.filter((r) => r.report.action === 'create' || r.report.action === 'update');
    // New teachers (one per name and department), each with a post in the department given.
    const teacherIds = new Map<string, string>();
    const newPeople: (InsertValues<typeof people> & { id: string })[] = [];
    const newPosts: (InsertValues<typeof affiliations> & { id: string })[] = [];
    for (const { values: v } of accepted) {
      if (!v.newTeacher || teacherIds.has(v.newTeacher)) continue;
      const id = newId();
      teacherIds.set(v.newTeacher, id);
      newPeople.push({ id, side: 'ours', nameZh: v.teacher ?? '', nameEn: '' });
      if (v.orgUnitId)
        newPosts.push({
          id: newId(),
          personId: id,
          orgUnitId: v.orgUnitId,
          titleZh: '教师',
          titleEn: 'Teacher',
        });
    }
    const imported = (id: string) =>
      [{ verb: 'person.imported', diff: { import: { to: source } } }].filter(() => id);
    for (const p of await tx.createMany(people, 'person', newPeople, imported))
      changes.push({ subject: 'person', id: p.id, action: 'create', versionAfter: p.version });
    for (const a of await tx.createMany(affiliations, 'affiliation', newPosts))
      changes.push({ subject: 'affiliation', id: a.id, action: 'create', versionAfter: a.version });
    // New practice programs (one per enterprise), running.
    const programIds = new Map<string, string>();
    for (const { values: v } of accepted) {
      if (!v.newProgram || programIds.has(v.newProgram.organizationId)) continue;
      const p = await createProgram(tx, {
        dimension: 'teacher_practice',
        titleZh: v.newProgram.titleZh.slice(0, 300),
        titleEn: v.newProgram.titleEn.slice(0, 300),
        status: 'running',
        organizationIds: [v.newProgram.organizationId],
      });
      await tx.recordEvent({
        verb: 'program.imported',
        subjectType: 'program',
        subjectId: p.id,
        diff: { import: { to: source } },
      });
      programIds.set(v.newProgram.organizationId, p.id);
      changes.push({ subject: 'program', id: p.id, action: 'create', versionAfter: p.version });
    }
    const resolved = accepted.map(({ report, values: v }) => ({
      report,
      values: {
        ...v,
        personId: v.personId ?? teacherIds.get(v.newTeacher ?? ''),
        programId: v.programId ?? programIds.get(v.newProgram?.organizationId ?? ''),
      },
    }));
    changes.push(...(await commitFacts(tx, resolved, ctx.existing, source)));
    return changes;
  },
};
