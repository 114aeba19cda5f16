import { and, eq, gte, inArray, isNull, lte, ne, type SQL, sql } from 'drizzle-orm';
import type { TenantScope } from '../../db/tenant-scope.ts';
import type { Locale } from '../../i18n/i18n.ts';
import type { ExportColumn, ExportSheet } from '../../platform/table-export.ts';
import { parseInput } from '../../platform/validation.ts';
import { agreements } from '../agreements/agreements.table.ts';
import { commitments } from '../commitments/commitments.table.ts';
import { engagements } from '../engagements/engagements.table.ts';
import { majors } from '../org-units/org-units.table.ts';
import { organizations } from '../organizations/organizations.table.ts';
import { partnerships } from '../partnerships/partnerships.table.ts';
import { facts, programs } from '../programs/programs.table.ts';
import {
  headerOf,
  type ReportFile,
  renderSheets,
  reportFilterLabels,
  translatorFor,
} from './reports.files.ts';
import { changePercent, teacherPracticeMetRates } from './reports.ledgers.ts';
import {
  type CooperationProblem,
  type CooperationRow,
  type CooperationTable,
  cooperationTableCodes,
  type IndicatorReport,
  indicators,
  type QualityReport,
  qualityReportTables,
  type ReportQuery,
  reportQuerySchema,
} from './reports.schema.ts';

type Filters = ReturnType<typeof reportQuerySchema.parse>;

const yearStart = (year: number) => `${year}-01-01`;
const yearEnd = (year: number) => `${year}-12-31`;

/** Keeps two decimals, as the national forms do (万元 to the hundredth). */
const round2 = (n: number) => Math.round(n * 100) / 100;

/** The facts of a year summed per code, counting only live programs the caller reaches and the filters allow. */
async function sumFacts(scope: TenantScope, year: number, filters: Filters) {
  return scope.build(async (qb, tenant) => {
    const where = and(
      tenant(facts),
      tenant(programs),
      eq(facts.year, year),
      isNull(programs.deletedAt),
      scope.inDepartments(programs.leadOrgUnitId),
      filters.orgUnitId ? eq(programs.leadOrgUnitId, filters.orgUnitId) : undefined,
      filters.majorId ? eq(facts.majorId, filters.majorId) : undefined,
      filters.organizationId ? eq(facts.organizationId, filters.organizationId) : undefined,
    );
    const rows = await qb
      .select({
        code: facts.code,
        total: sql<string>`sum(${facts.value})`,
      })
      .from(facts)
      .innerJoin(programs, and(eq(programs.tenantId, facts.tenantId), eq(programs.id, facts.programId)))
      .where(where)
      .groupBy(facts.code);
    return rows.map((r) => ({ ...r, total: Number(r.total) }));
  });
}

/** The value of every record-derived indicator for one year. */
async function countRecords(
  scope: TenantScope,
  year: number,
  filters: Filters,
): Promise<Map<string, number>> {
  const from = yearStart(year);
  const to = yearEnd(year);
  const unit = filters.orgUnitId;
  const engagementWhere = (extra?: SQL) =>
    and(
      isNull(engagements.deletedAt),
      gte(engagements.startsOn, from),
      lte(engagements.startsOn, to),
      scope.inDepartments(engagements.hostOrgUnitId),
      unit ? eq(engagements.hostOrgUnitId, unit) : undefined,
      extra,
    );
  const values = new Map<string, number>();
  values.set('engagements', await scope.count(engagements, engagementWhere()));
  values.set(
    'visits_inbound',
    await scope.count(engagements, engagementWhere(eq(engagements.type, 'visit_inbound'))),
  );
  values.set(
    'visits_outbound',
    await scope.count(engagements, engagementWhere(eq(engagements.type, 'visit_outbound'))),
  );
  values.set(
    'agreements_signed',
    await scope.count(
      agreements,
      and(
        isNull(agreements.deletedAt),
        gte(agreements.signedOn, from),
        lte(agreements.signedOn, to),
        scope.inDepartments(agreements.ownerOrgUnitId),
        unit ? eq(agreements.ownerOrgUnitId, unit) : undefined,
      ),
    ),
  );
  values.set(
    'programs_running',
    await scope.count(
      programs,
      and(
        isNull(programs.deletedAt),
        inArray(programs.status, ['running', 'completed']),
        sql`(${programs.startOn} is null or ${programs.startOn} <= ${to})`,
        sql`(${programs.endOn} is null or ${programs.endOn} >= ${from})`,
        scope.inDepartments(programs.leadOrgUnitId),
        unit ? eq(programs.leadOrgUnitId, unit) : undefined,
      ),
    ),
  );
  values.set(
    'partners_new',
    await scope.count(
      partnerships,
      and(
        sql`left(${partnerships.since}, 4) = ${String(year)}`,
        scope.inDepartments(partnerships.leadOrgUnitId),
        unit ? eq(partnerships.leadOrgUnitId, unit) : undefined,
      ),
    ),
  );
  const due = and(
    isNull(commitments.deletedAt),
    ne(commitments.status, 'dropped'),
    gte(commitments.dueOn, from),
    lte(commitments.dueOn, to),
    scope.inDepartments(commitments.ownerOrgUnitId),
    unit ? eq(commitments.ownerOrgUnitId, unit) : undefined,
  );
  const dueCount = await scope.count(commitments, due);
  const onTime = await scope.count(
    commitments,
    and(due, eq(commitments.status, 'done'), sql`${commitments.completedOn} <= ${commitments.dueOn}`),
  );
  values.set('commitments_on_time_rate', dueCount === 0 ? 0 : Math.round((onTime / dueCount) * 1000) / 10);
  return values;
}

/** Every indicator of the catalogue for a year: its value, last year's, and the change in percent. */
export async function showIndicatorReport(scope: TenantScope, query: ReportQuery): Promise<IndicatorReport> {
  const filters = parseInput(reportQuerySchema, query);
  // Partner and major filters apply to facts only; record counts are per department.
  const valuesOf = async (year: number) => {
    const values = await countRecords(scope, year, filters);
    for (const row of await sumFacts(scope, year, filters)) values.set(row.code, round2(row.total));
    return values;
  };
  const current = await valuesOf(filters.year);
  const previous = await valuesOf(filters.year - 1);
  // Teachers meeting the practice rule, both years in one pass.
  const metRates = await teacherPracticeMetRates(scope, [filters.year, filters.year - 1], filters.orgUnitId);
  current.set('teacher_practice_met_rate', metRates.get(filters.year) ?? 0);
  previous.set('teacher_practice_met_rate', metRates.get(filters.year - 1) ?? 0);
  return {
    year: filters.year,
    items: indicators.map((definition) => {
      const value = current.get(definition.code) ?? 0;
      const before = previous.get(definition.code) ?? 0;
      return {
        ...definition,
        value,
        previous: before,
        changePercent: changePercent(value, before),
      };
    }),
  };
}

/**
 * The annual quality report's cooperation tables (resources, service contribution, policy
 * implementation) for a year: each indicator's value, the year before and the change.
 */
export async function showQualityReport(scope: TenantScope, query: ReportQuery): Promise<QualityReport> {
  const report = await showIndicatorReport(scope, query);
  const byCode = new Map(report.items.map((i) => [i.code, i]));
  return {
    year: report.year,
    tables: qualityReportTables.map((table) => ({
      key: table.key,
      items: table.codes.map((code) => {
        const item = byCode.get(code);
        if (!item) throw new Error(`The quality report names an unknown indicator: ${code}`);
        return item;
      }),
    })),
  };
}

/** `YYYY` or `YYYY-MM` (or a date) as the platform's YYYYMM; a bare year starts in January. */
function toYearMonth(since: string | null | undefined): string | null {
  const m = since?.match(/^(\d{4})(?:-(\d{2}))?/);
  if (!m) return null;
  return `${m[1]}${m[2] ?? '01'}`;
}

/**
 * The national data platform's cooperation table (产学合作) for a year: one row per major × partner
 * with the partner's credit code, name and cooperation start, and the year's figures. Facts that
 * cannot make a valid row (no major, no partner, a partner without a credit code) are listed as
 * problems with the programs to fix instead.
 */
export async function showCooperationTable(
  scope: TenantScope,
  query: ReportQuery,
): Promise<CooperationTable> {
  const filters = parseInput(reportQuerySchema, query);
  // One pass: the year's facts of live programs grouped by major and partner, one column per code,
  // with the major's and the partner's registry fields joined in.
  const groups = await scope.build(async (qb, tenant) => {
    const sums = Object.fromEntries(
      cooperationTableCodes.map((code) => [
        code,
        sql<string | null>`sum(${facts.value}) filter (where ${facts.code} = ${code})`,
      ]),
    );
    return qb
      .select({
        majorId: facts.majorId,
        organizationId: facts.organizationId,
        majorCode: majors.code,
        majorName: majors.nameZh,
        uscc: organizations.uscc,
        partnerName: organizations.nameZh,
        orgSince: organizations.since,
        partnershipSince: partnerships.since,
        programIds: sql<string[]>`array_agg(distinct ${facts.programId})`,
        ...sums,
      })
      .from(facts)
      .innerJoin(programs, and(eq(programs.tenantId, facts.tenantId), eq(programs.id, facts.programId)))
      .leftJoin(
        majors,
        and(eq(majors.tenantId, facts.tenantId), eq(majors.id, facts.majorId), isNull(majors.deletedAt)),
      )
      .leftJoin(
        organizations,
        and(eq(organizations.tenantId, facts.tenantId), eq(organizations.id, facts.organizationId)),
      )
      .leftJoin(
        partnerships,
        and(eq(partnerships.tenantId, facts.tenantId), eq(partnerships.organizationId, facts.organizationId)),
      )
      .where(
        and(
          tenant(facts),
          tenant(programs),
          eq(facts.year, filters.year),
          inArray(facts.code, [...cooperationTableCodes]),
          isNull(programs.deletedAt),
          scope.inDepartments(programs.leadOrgUnitId),
          filters.orgUnitId ? eq(programs.leadOrgUnitId, filters.orgUnitId) : undefined,
          filters.majorId ? eq(facts.majorId, filters.majorId) : undefined,
          filters.organizationId ? eq(facts.organizationId, filters.organizationId) : undefined,
        ),
      )
      .groupBy(
        facts.majorId,
        facts.organizationId,
        majors.code,
        majors.nameZh,
        organizations.uscc,
        organizations.nameZh,
        organizations.since,
        partnerships.since,
      );
  });

  const rows: CooperationRow[] = [];
  const problems: CooperationProblem[] = [];
  for (const g of groups) {
    const values: Record<string, number> = {};
    for (const code of cooperationTableCodes) {
      const v = (g as unknown as Record<string, string | null>)[code];
      if (v !== null && v !== undefined) values[code] = round2(Number(v));
    }
    const hasMajor = Boolean(g.majorId && g.majorName);
    const hasPartner = Boolean(g.organizationId && g.partnerName);
    if (!hasMajor || !hasPartner || !g.uscc) {
      problems.push({
        kind: !hasMajor ? 'missing_major' : !hasPartner ? 'missing_partner' : 'missing_uscc',
        majorId: hasMajor ? g.majorId : null,
        majorName: hasMajor ? g.majorName : null,
        organizationId: hasPartner ? g.organizationId : null,
        partnerName: hasPartner ? g.partnerName : null,
        programIds: [...new Set((g.programIds ?? []).filter(Boolean))].sort(),
        values,
      });
      continue;
    }
    rows.push({
      majorId: g.majorId!,
      majorCode: g.majorCode,
      majorName: g.majorName!,
      organizationId: g.organizationId!,
      uscc: g.uscc,
      partnerName: g.partnerName!,
      since: toYearMonth(g.partnershipSince ?? g.orgSince),
      values,
    });
  }
  rows.sort((a, b) => (a.majorCode ?? '').localeCompare(b.majorCode ?? '') || a.uscc.localeCompare(b.uscc));
  problems.sort(
    (a, b) => a.kind.localeCompare(b.kind) || (a.partnerName ?? '').localeCompare(b.partnerName ?? ''),
  );
  // Last year's column totals from the same facts, summed per code.
  const totalsOf = async (year: number) => {
    const sums = new Map((await sumFacts(scope, year, filters)).map((r) => [r.code, r.total]));
    return Object.fromEntries(cooperationTableCodes.map((code) => [code, round2(sums.get(code) ?? 0)]));
  };
  // This year's totals are the sums of the rows and problems just built: no second pass.
  const totals = Object.fromEntries(
    cooperationTableCodes.map((code) => [
      code,
      round2([...rows, ...problems].reduce((n, r) => n + (r.values[code] ?? 0), 0)),
    ]),
  );
  const previousTotals = await totalsOf(filters.year - 1);
  return {
    year: filters.year,
    codes: [...cooperationTableCodes],
    rows,
    problems,
    totals,
    previousTotals,
    change: Object.fromEntries(
      cooperationTableCodes.map((code) => [
        code,
        changePercent(totals[code] ?? 0, previousTotals[code] ?? 0),
      ]),
    ),
  };
}

/** The cooperation table as .xlsx (the table and a sheet of problems) or .csv (the table), in a language. */
export async function exportCooperationTable(
  scope: TenantScope,
  query: ReportQuery,
  format: 'xlsx' | 'csv',
  locale: Locale,
): Promise<ReportFile> {
  const table = await showCooperationTable(scope, query);
  const t = translatorFor(locale);
  const filters = await reportFilterLabels(scope, locale, query);
  const valueColumns: ExportColumn[] = table.codes.map((code) => ({
    key: code,
    header: headerOf(code, locale),
    type: 'number',
  }));
  const main: ExportSheet = {
    name: t('admin.nav.cooperationTable'),
    title: t('admin.reports.cooperationTitle', { year: table.year }),
    filters,
    columns: [
      { key: 'majorCode', header: t('admin.reports.majorCode'), type: 'text', width: 12 },
      { key: 'majorName', header: t('admin.reports.majorName'), type: 'text', width: 24 },
      { key: 'uscc', header: t('admin.reports.uscc'), type: 'text', width: 22 },
      { key: 'partnerName', header: t('admin.reports.partnerName'), type: 'text', width: 32 },
      { key: 'since', header: t('admin.reports.since'), type: 'text', width: 14 },
      ...valueColumns,
    ],
    rows: table.rows.map((r) => ({
      majorCode: r.majorCode,
      majorName: r.majorName,
      uscc: r.uscc,
      partnerName: r.partnerName,
      since: r.since,
      ...r.values,
    })),
  };
  const problems: ExportSheet = {
    name: t('admin.reports.sheetProblems'),
    title: t('admin.reports.problemsTitle', { count: table.problems.length }),
    filters,
    columns: [
      { key: 'problem', header: t('admin.reports.problem'), type: 'text', width: 28 },
      { key: 'majorName', header: t('admin.reports.majorName'), type: 'text', width: 24 },
      { key: 'partnerName', header: t('admin.reports.partnerName'), type: 'text', width: 32 },
      ...valueColumns,
    ],
    rows: table.problems.map((p) => ({
      problem: t(`admin.reports.problemKinds.${p.kind}`),
      majorName: p.majorName,
      partnerName: p.partnerName,
      ...p.values,
    })),
  };
  const totals: ExportSheet = {
    name: t('admin.reports.sheetTotals'),
    title: t('admin.reports.totalsTitle', { year: table.year }),
    filters,
    columns: [
      { key: 'name', header: t('admin.reports.indicator'), type: 'text', width: 34 },
      { key: 'value', header: String(table.year), type: 'number' },
      { key: 'previous', header: String(table.year - 1), type: 'number' },
      { key: 'change', header: `${t('admin.reports.change')} (%)`, type: 'number' },
    ],
    rows: table.codes.map((code) => ({
      name: headerOf(code, locale),
      value: table.totals[code],
      previous: table.previousTotals[code],
      change: table.change[code],
    })),
  };
  return renderSheets([main, problems, totals], format, `cooperation-table-${table.year}`);
}

/** The yearly figures with last year's values and the change, as .xlsx or .csv in a language. */
export async function exportIndicatorReport(
  scope: TenantScope,
  query: ReportQuery,
  format: 'xlsx' | 'csv',
  locale: Locale,
): Promise<ReportFile> {
  const report = await showIndicatorReport(scope, query);
  const t = translatorFor(locale);
  const en = locale === 'en';
  const sheet: ExportSheet = {
    name: t('admin.nav.reports'),
    title: t('admin.reports.indicatorsTitle', { year: report.year }),
    filters: await reportFilterLabels(scope, locale, query),
    columns: [
      { key: 'code', header: 'code', type: 'text', width: 28 },
      { key: 'name', header: t('admin.reports.indicator'), type: 'text', width: 30 },
      { key: 'unit', header: t('admin.reports.unit'), type: 'text', width: 10 },
      { key: 'value', header: String(report.year), type: 'number' },
      { key: 'previous', header: String(report.year - 1), type: 'number' },
      { key: 'changePercent', header: `${t('admin.reports.change')} (%)`, type: 'number' },
    ],
    rows: report.items.map((i) => ({
      code: i.code,
      name: en ? i.nameEn : i.nameZh,
      unit: en ? i.unitEn : i.unitZh,
      value: i.value,
      previous: i.previous,
      changePercent: i.changePercent,
    })),
  };
  return renderSheets([sheet], format, `yearly-figures-${report.year}`);
}

/** The quality report's tables as .xlsx (a sheet per table) or .csv (one table, a column naming each part). */
export async function exportQualityReport(
  scope: TenantScope,
  query: ReportQuery,
  format: 'xlsx' | 'csv',
  locale: Locale,
): Promise<ReportFile> {
  const report = await showQualityReport(scope, query);
  const t = translatorFor(locale);
  const en = locale === 'en';
  const filters = await reportFilterLabels(scope, locale, query);
  const columns: ExportColumn[] = [
    { key: 'name', header: t('admin.reports.indicator'), type: 'text', width: 34 },
    { key: 'unit', header: t('admin.reports.unit'), type: 'text', width: 10 },
    { key: 'value', header: String(report.year), type: 'number' },
    { key: 'previous', header: String(report.year - 1), type: 'number' },
    { key: 'changePercent', header: `${t('admin.reports.change')} (%)`, type: 'number' },
  ];
  const rowsOf = (items: QualityReport['tables'][number]['items']) =>
    items.map((i) => ({
      name: en ? i.nameEn : i.nameZh,
      unit: en ? i.unitEn : i.unitZh,
      value: i.value,
      previous: i.previous,
      changePercent: i.changePercent,
    }));
  const title = t('admin.quality.title', { year: report.year });
  const sheets: ExportSheet[] =
    format === 'csv'
      ? [
          {
            name: title,
            title,
            filters,
            columns: [
              { key: 'table', header: t('admin.quality.table'), type: 'text', width: 20 },
              ...columns,
            ],
            rows: report.tables.flatMap((table) =>
              rowsOf(table.items).map((row) => ({ table: t(`admin.quality.tables.${table.key}`), ...row })),
            ),
          },
        ]
      : report.tables.map((table) => ({
          name: t(`admin.quality.tables.${table.key}`),
          title: `${title} · ${t(`admin.quality.tables.${table.key}`)}`,
          filters,
          columns,
          rows: rowsOf(table.items),
        }));
  return renderSheets(sheets, format, `quality-report-${report.year}`);
}
