import { and, eq, gte, inArray, isNotNull, isNull, lte, or, sql } from 'drizzle-orm';
import type { TenantScope } from '../../db/tenant-scope.ts';
import type { Locale } from '../../i18n/i18n.ts';
import type { ExportColumn, ExportSheet } from '../../platform/table-export.ts';
import { parseInput } from '../../platform/validation.ts';
import { orgUnits } from '../org-units/org-units.table.ts';
import { organizations } from '../organizations/organizations.table.ts';
import { affiliations, people } from '../people/people.table.ts';
import { facts, programs } from '../programs/programs.table.ts';
import {
  headerOf,
  type ReportFile,
  renderSheets,
  reportFilterLabels,
  translatorFor,
} from './reports.files.ts';
import {
  type PartnerLedger,
  type PartnerLedgerKind,
  type PartnerLedgerRow,
  partnerLedgerCodes,
  type ReportQuery,
  reportQuerySchema,
  type TeacherPracticeLedger,
  type TeacherPracticeRow,
  teacherPracticeRule,
} from './reports.schema.ts';

type Filters = ReturnType<typeof reportQuerySchema.parse>;

const round2 = (n: number) => Math.round(n * 100) / 100;
/** The change from `before` to `now` in percent with one decimal, or null when `before` is 0. */
export const changePercent = (now: number, before: number) =>
  before === 0 ? null : Math.round(((now - before) / before) * 1000) / 10;

/** The facts of live programs the caller reaches, within the report's department, major and partner. */
function factScope(scope: TenantScope, filters: Filters) {
  return and(
    isNull(programs.deletedAt),
    scope.inDepartments(programs.leadOrgUnitId),
    filters.orgUnitId ? eq(programs.leadOrgUnitId, filters.orgUnitId) : undefined,
    filters.majorId ? eq(facts.majorId, filters.majorId) : undefined,
    filters.organizationId ? eq(facts.organizationId, filters.organizationId) : undefined,
  );
}

/**
 * A ledger per partner for a year and the year before: the order class → internship → hire funnel,
 * donations and funds, or training and technical-service output. One grouped query over the two
 * years' facts; facts without a partner make one row of their own (organizationId null).
 */
export async function showPartnerLedger(
  scope: TenantScope,
  kind: PartnerLedgerKind,
  query: ReportQuery,
): Promise<PartnerLedger> {
  const filters = parseInput(reportQuerySchema, query);
  const codes = [...partnerLedgerCodes[kind]];
  const groups = await scope.build(async (qb, tenant) =>
    qb
      .select({
        organizationId: facts.organizationId,
        nameZh: organizations.nameZh,
        nameEn: organizations.nameEn,
        year: facts.year,
        code: facts.code,
        total: sql<string>`sum(${facts.value})`,
      })
      .from(facts)
      .innerJoin(programs, and(eq(programs.tenantId, facts.tenantId), eq(programs.id, facts.programId)))
      .leftJoin(
        organizations,
        and(eq(organizations.tenantId, facts.tenantId), eq(organizations.id, facts.organizationId)),
      )
      .where(
        and(
          tenant(facts),
          tenant(programs),
          inArray(facts.year, [filters.year, filters.year - 1]),
          inArray(facts.code, codes),
          factScope(scope, filters),
        ),
      )
      .groupBy(facts.organizationId, organizations.nameZh, organizations.nameEn, facts.year, facts.code),
  );
  const byPartner = new Map<string, PartnerLedgerRow>();
  const totals: Record<string, number> = {};
  const previousTotals: Record<string, number> = {};
  for (const code of codes) {
    totals[code] = 0;
    previousTotals[code] = 0;
  }
  for (const g of groups) {
    const key = g.organizationId ?? '';
    let row = byPartner.get(key);
    if (!row) {
      row = {
        organizationId: g.organizationId,
        nameZh: g.nameZh ?? '',
        nameEn: g.nameEn ?? '',
        values: Object.fromEntries(codes.map((c) => [c, 0])),
        previous: Object.fromEntries(codes.map((c) => [c, 0])),
        rates: {},
      };
      byPartner.set(key, row);
    }
    const value = Number(g.total);
    const [target, sums] = g.year === filters.year ? [row.values, totals] : [row.previous, previousTotals];
    target[g.code] = round2((target[g.code] ?? 0) + value);
    sums[g.code] = round2((sums[g.code] ?? 0) + value);
  }
  const rows = [...byPartner.values()].filter((r) => codes.some((c) => (r.values[c] ?? 0) !== 0));
  const ratesOf = (values: Record<string, number>) => funnelRates(kind, values);
  for (const row of rows) row.rates = ratesOf(row.values);
  // Largest first by the ledger's first figure, then by name; the row without a partner last.
  rows.sort(
    (a, b) =>
      Number(a.organizationId === null) - Number(b.organizationId === null) ||
      (b.values[codes[0]!] ?? 0) - (a.values[codes[0]!] ?? 0) ||
      a.nameZh.localeCompare(b.nameZh, 'zh-CN'),
  );
  return {
    kind,
    year: filters.year,
    codes,
    rows,
    totals,
    previousTotals,
    change: Object.fromEntries(codes.map((c) => [c, changePercent(totals[c] ?? 0, previousTotals[c] ?? 0)])),
    rates: ratesOf(totals),
  };
}

/** The funnel's conversion rates in percent: interns per order-class student, hires per intern. */
function funnelRates(kind: PartnerLedgerKind, v: Record<string, number>): Record<string, number | null> {
  if (kind !== 'funnel') return {};
  const pct = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 10);
  return {
    internship: pct(v.interns_hosted ?? 0, v.order_class_students ?? 0),
    hire: pct(v.graduates_hired ?? 0, v.interns_hosted ?? 0),
  };
}

/**
 * The posts of the college's own people in teaching schools (org units of kind `school`; a post in
 * an office, the leadership or the cooperation office, is not a teacher's) that overlap a period,
 * within the caller's departments and an optional one.
 */
function teachingPosts(scope: TenantScope, from: string, to: string, orgUnitId: string | undefined) {
  return scope.build(async (qb, tenant) =>
    qb
      .select({
        personId: people.id,
        nameZh: people.nameZh,
        nameEn: people.nameEn,
        orgUnitId: affiliations.orgUnitId,
        unitZh: orgUnits.nameZh,
        unitEn: orgUnits.nameEn,
        isPrimary: affiliations.isPrimary,
        fromOn: affiliations.fromOn,
        toOn: affiliations.toOn,
      })
      .from(people)
      .innerJoin(
        affiliations,
        and(eq(affiliations.tenantId, people.tenantId), eq(affiliations.personId, people.id)),
      )
      .innerJoin(
        orgUnits,
        and(eq(orgUnits.tenantId, affiliations.tenantId), eq(orgUnits.id, affiliations.orgUnitId)),
      )
      .where(
        and(
          tenant(people),
          isNull(people.deletedAt),
          eq(people.side, 'ours'),
          eq(orgUnits.kind, 'school'),
          or(isNull(affiliations.fromOn), lte(affiliations.fromOn, to)),
          or(isNull(affiliations.toOn), gte(affiliations.toOn, from)),
          scope.inDepartments(affiliations.orgUnitId),
          orgUnitId ? eq(affiliations.orgUnitId, orgUnitId) : undefined,
        ),
      ),
  );
}

/**
 * Teachers' enterprise practice for a year: each of the college's own teachers (people of our side
 * with a post in a teaching department — an org unit of kind `school` — in the year, and anyone
 * with practice days recorded) with the days of the year and of the five years ending with it,
 * against the rule of six months every five years.
 * A department liaison sees the teachers of their departments.
 */
export async function showTeacherPracticeLedger(
  scope: TenantScope,
  query: ReportQuery,
): Promise<TeacherPracticeLedger> {
  const filters = parseInput(reportQuerySchema, query);
  const firstYear = filters.year - teacherPracticeRule.years + 1;
  const yearStartOn = `${filters.year}-01-01`;
  const yearEndOn = `${filters.year}-12-31`;
  const reach = scope.departmentReach();
  // The teachers: our people with a post in a teaching school that overlaps the year.
  const staff = await teachingPosts(scope, yearStartOn, yearEndOn, filters.orgUnitId);
  // Their days: practice facts of live programs over the five years, per person, this year and
  // last apart (read through the practice index; names are looked up only for people not on staff).
  const days = await scope.build(async (qb, tenant) =>
    qb
      .select({
        personId: facts.personId,
        window: sql<string>`sum(${facts.value})`,
        thisYear: sql<string>`coalesce(sum(${facts.value}) filter (where ${facts.year} = ${filters.year}), 0)`,
        lastYear: sql<string>`coalesce(sum(${facts.value}) filter (where ${facts.year} = ${filters.year - 1}), 0)`,
      })
      .from(facts)
      .innerJoin(programs, and(eq(programs.tenantId, facts.tenantId), eq(programs.id, facts.programId)))
      .where(
        and(
          tenant(facts),
          tenant(programs),
          eq(facts.code, 'teacher_practice_days'),
          isNotNull(facts.personId),
          gte(facts.year, firstYear),
          lte(facts.year, filters.year),
          isNull(programs.deletedAt),
          filters.majorId ? eq(facts.majorId, filters.majorId) : undefined,
          filters.organizationId ? eq(facts.organizationId, filters.organizationId) : undefined,
        ),
      )
      .groupBy(facts.personId),
  );
  const rows = new Map<string, TeacherPracticeRow>();
  for (const s of staff) {
    const existing = rows.get(s.personId);
    // A teacher in two departments is listed once, under the primary affiliation.
    if (existing && !s.isPrimary) continue;
    rows.set(s.personId, {
      personId: s.personId,
      nameZh: s.nameZh,
      nameEn: s.nameEn,
      orgUnitId: s.orgUnitId,
      unitZh: s.unitZh,
      unitEn: s.unitEn,
      daysThisYear: 0,
      daysLastYear: 0,
      daysInWindow: 0,
      shortfall: teacherPracticeRule.days,
      met: false,
    });
  }
  const onlyStaff = reach !== 'college' || Boolean(filters.orgUnitId);
  // Practice recorded for someone without a teaching post: shown to the college-wide view only.
  const others = onlyStaff
    ? []
    : days.filter((d) => d.personId && !rows.has(d.personId)).map((d) => d.personId!);
  const named = new Map(
    (others.length
      ? await scope.select(people, { where: and(inArray(people.id, others), isNull(people.deletedAt)) })
      : []
    ).map((p) => [p.id, p]),
  );
  for (const d of days) {
    if (!d.personId) continue;
    let row = rows.get(d.personId);
    if (!row) {
      const person = named.get(d.personId);
      if (!person) continue;
      row = {
        personId: d.personId,
        nameZh: person.nameZh,
        nameEn: person.nameEn,
        orgUnitId: null,
        unitZh: null,
        unitEn: null,
        daysThisYear: 0,
        daysLastYear: 0,
        daysInWindow: 0,
        shortfall: teacherPracticeRule.days,
        met: false,
      };
      rows.set(d.personId, row);
    }
    row.daysThisYear = round2(Number(d.thisYear));
    row.daysLastYear = round2(Number(d.lastYear));
    row.daysInWindow = round2(Number(d.window));
    row.shortfall = round2(Math.max(0, teacherPracticeRule.days - row.daysInWindow));
    row.met = row.shortfall === 0;
  }
  let list = [...rows.values()];
  // A major or partner filter narrows the ledger to the teachers who practised there.
  if (filters.majorId || filters.organizationId) list = list.filter((r) => r.daysInWindow > 0);
  list.sort((a, b) => b.shortfall - a.shortfall || a.nameZh.localeCompare(b.nameZh, 'zh-CN'));
  const met = list.filter((r) => r.met).length;
  return {
    year: filters.year,
    fromYear: firstYear,
    requiredDays: teacherPracticeRule.days,
    rows: list,
    teachers: list.length,
    met,
    short: list.length - met,
    metRate: list.length === 0 ? null : Math.round((met / list.length) * 1000) / 10,
  };
}

/** A partner ledger as .xlsx or .csv: this year's figures per partner, last year's and the totals. */
export async function exportPartnerLedger(
  scope: TenantScope,
  kind: PartnerLedgerKind,
  query: ReportQuery,
  format: 'xlsx' | 'csv',
  locale: Locale,
): Promise<ReportFile> {
  const ledger = await showPartnerLedger(scope, kind, query);
  const t = translatorFor(locale);
  const en = locale === 'en';
  const rateColumns: ExportColumn[] =
    kind === 'funnel'
      ? [
          { key: 'rate_internship', header: `${t('admin.ledgers.rates.internship')} (%)`, type: 'number' },
          { key: 'rate_hire', header: `${t('admin.ledgers.rates.hire')} (%)`, type: 'number' },
        ]
      : [];
  const lastYear = t('admin.reports.previous');
  const sheet: ExportSheet = {
    name: t(`admin.ledgers.kinds.${kind}`),
    title: t('admin.ledgers.title', { year: ledger.year, name: t(`admin.ledgers.kinds.${kind}`) }),
    filters: await reportFilterLabels(scope, locale, query),
    columns: [
      { key: 'partner', header: t('admin.reports.partnerName'), type: 'text', width: 34 },
      ...ledger.codes.map(
        (code): ExportColumn => ({ key: code, header: headerOf(code, locale), type: 'number' }),
      ),
      ...ledger.codes.map(
        (code): ExportColumn => ({
          key: `prev_${code}`,
          header: `${headerOf(code, locale)} ${lastYear}`,
          type: 'number',
        }),
      ),
      ...rateColumns,
    ],
    rows: [
      ...ledger.rows.map((r) => ({
        partner: r.organizationId ? (en ? r.nameEn || r.nameZh : r.nameZh) : t('admin.ledgers.noPartner'),
        ...r.values,
        ...Object.fromEntries(ledger.codes.map((c) => [`prev_${c}`, r.previous[c] ?? 0])),
        rate_internship: r.rates.internship,
        rate_hire: r.rates.hire,
      })),
      {
        partner: t('admin.ledgers.total'),
        ...ledger.totals,
        ...Object.fromEntries(ledger.codes.map((c) => [`prev_${c}`, ledger.previousTotals[c] ?? 0])),
        rate_internship: ledger.rates.internship,
        rate_hire: ledger.rates.hire,
      },
    ],
  };
  return renderSheets([sheet], format, `${kind}-${ledger.year}`);
}

/** The teachers' practice ledger as .xlsx or .csv. */
export async function exportTeacherPracticeLedger(
  scope: TenantScope,
  query: ReportQuery,
  format: 'xlsx' | 'csv',
  locale: Locale,
): Promise<ReportFile> {
  const ledger = await showTeacherPracticeLedger(scope, query);
  const t = translatorFor(locale);
  const en = locale === 'en';
  const sheet: ExportSheet = {
    name: t('admin.practice.sheet'),
    title: t('admin.practice.title', { year: ledger.year }),
    filters: await reportFilterLabels(scope, locale, query),
    columns: [
      { key: 'name', header: t('admin.practice.teacher'), type: 'text', width: 20 },
      { key: 'unit', header: t('admin.reports.department'), type: 'text', width: 28 },
      { key: 'thisYear', header: t('admin.practice.daysThisYear', { year: ledger.year }), type: 'number' },
      {
        key: 'lastYear',
        header: t('admin.practice.daysThisYear', { year: ledger.year - 1 }),
        type: 'number',
      },
      {
        key: 'window',
        header: t('admin.practice.daysInWindow', { from: ledger.fromYear, to: ledger.year }),
        type: 'number',
      },
      { key: 'shortfall', header: t('admin.practice.shortfall'), type: 'number' },
      { key: 'met', header: t('admin.practice.status'), type: 'text', width: 12 },
    ],
    rows: ledger.rows.map((r) => ({
      name: en ? r.nameEn || r.nameZh : r.nameZh,
      unit: (en ? r.unitEn || r.unitZh : r.unitZh) ?? '',
      thisYear: r.daysThisYear,
      lastYear: r.daysLastYear,
      window: r.daysInWindow,
      shortfall: r.shortfall,
      met: r.met ? t('admin.practice.met') : t('admin.practice.short'),
    })),
  };
  return renderSheets([sheet], format, `teacher-practice-${ledger.year}`);
}

/**
 * The share of teachers meeting the practice rule for several years at once (the yearly figures
 * want this year and last): the same teachers and days as the ledger, read in one pass each.
 */
export async function teacherPracticeMetRates(
  scope: TenantScope,
  years: number[],
  orgUnitId: string | undefined,
): Promise<Map<number, number | null>> {
  const last = Math.max(...years);
  const first = Math.min(...years);
  const earliest = first - teacherPracticeRule.years + 1;
  const posts = await teachingPosts(scope, `${first}-01-01`, `${last}-12-31`, orgUnitId);
  const days = await scope.build(async (qb, tenant) =>
    qb
      .select({ personId: facts.personId, year: facts.year, total: sql<string>`sum(${facts.value})` })
      .from(facts)
      .innerJoin(programs, and(eq(programs.tenantId, facts.tenantId), eq(programs.id, facts.programId)))
      .innerJoin(people, and(eq(people.tenantId, facts.tenantId), eq(people.id, facts.personId)))
      .where(
        and(
          tenant(facts),
          tenant(programs),
          eq(facts.code, 'teacher_practice_days'),
          isNotNull(facts.personId),
          gte(facts.year, earliest),
          lte(facts.year, last),
          isNull(programs.deletedAt),
          isNull(people.deletedAt),
        ),
      )
      .groupBy(facts.personId, facts.year),
  );
  const onlyStaff = scope.departmentReach() !== 'college' || Boolean(orgUnitId);
  const rates = new Map<number, number | null>();
  for (const year of years) {
    const teachers = new Set(
      posts
        .filter((p) => (!p.fromOn || p.fromOn <= `${year}-12-31`) && (!p.toOn || p.toOn >= `${year}-01-01`))
        .map((p) => p.personId),
    );
    const windowDays = new Map<string, number>();
    for (const d of days) {
      if (!d.personId || d.year > year || d.year < year - teacherPracticeRule.years + 1) continue;
      windowDays.set(d.personId, (windowDays.get(d.personId) ?? 0) + Number(d.total));
    }
    if (!onlyStaff) for (const personId of windowDays.keys()) teachers.add(personId);
    const met = [...teachers].filter(
      (id) => round2(windowDays.get(id) ?? 0) >= teacherPracticeRule.days,
    ).length;
    rates.set(year, teachers.size === 0 ? null : Math.round((met / teachers.size) * 1000) / 10);
  }
  return rates;
}
