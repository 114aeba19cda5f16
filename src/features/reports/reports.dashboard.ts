import { and, count, desc, eq, gte, isNotNull, isNull, lte, ne, type SQL, sql } from 'drizzle-orm';
import type { TenantScope } from '../../db/tenant-scope.ts';
import { parseInput } from '../../platform/validation.ts';
import { listExpiringAgreements } from '../agreements/agreements.service.ts';
import { agreements } from '../agreements/agreements.table.ts';
import { articleLinks, articles } from '../articles/articles.table.ts';
import { listCommitments } from '../commitments/commitments.service.ts';
import { commitments } from '../commitments/commitments.table.ts';
import { engagementOrganizations, engagements } from '../engagements/engagements.table.ts';
import { orgUnits } from '../org-units/org-units.table.ts';
import { organizations } from '../organizations/organizations.table.ts';
import { notContactedSince } from '../partnerships/partnerships.service.ts';
import { partnerships } from '../partnerships/partnerships.table.ts';
import { programs } from '../programs/programs.table.ts';
import { type Dashboard, type DashboardQuery, dashboardQuerySchema, type Segment } from './reports.schema.ts';

const iso = (d: Date) => d.toISOString().slice(0, 10);

/** The first day of the month `back` months before `day`'s month. */
function monthStart(day: Date, back: number): Date {
  return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth() - back, 1));
}

/** The day `months` months before `day` (clamped to the month's end). */
export function monthsBefore(day: Date, months: number): string {
  const target = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth() - months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day.getUTCDate(), last));
  return iso(target);
}

/** The last day of a YYYY-MM month. */
export function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return iso(new Date(Date.UTC(y!, m!, 0)));
}

const toSegments = (rows: { key: string | null; n: number | string }[]): Segment[] =>
  rows.filter((r) => r.key !== null && r.key !== '').map((r) => ({ key: String(r.key), count: Number(r.n) }));

/** A rate in percent with one decimal, or null when nothing was measured. */
const rate = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 10);

/** The partner registry in figures: shared by the whole college, so counted for every role alike. */
async function partnerFigures(
  scope: TenantScope,
  today: Date,
  staleMonths: number,
): Promise<Dashboard['partners']> {
  return scope.build(async (qb, tenant) => {
    const live = and(
      tenant(organizations),
      isNull(organizations.deletedAt),
      ne(organizations.status, 'merged'),
    );
    const joined = and(tenant(partnerships), eq(partnerships.organizationId, organizations.id));
    const grouped = async (key: SQL, where?: SQL, limit?: number) => {
      let query = qb
        .select({ key: sql<string | null>`${key}`, n: count() })
        .from(organizations)
        .leftJoin(partnerships, joined)
        .where(and(live, where))
        .groupBy(key)
        .orderBy(desc(count()), key)
        .$dynamic();
      if (limit) query = query.limit(limit);
      return toSegments(await query);
    };
    const [totalRow] = await qb.select({ n: count() }).from(organizations).where(live);
    const firstYear = today.getUTCFullYear() - 9;
    const since = monthsBefore(today, staleMonths);
    const [stale] = await qb
      .select({ n: count() })
      .from(organizations)
      .leftJoin(partnerships, joined)
      .where(and(live, notContactedSince(since)));
    const newPerYear = (
      await grouped(
        sql`left(${organizations.since}, 4)`,
        sql`left(${organizations.since}, 4) >= ${String(firstYear)}`,
      )
    ).sort((a, b) => a.key.localeCompare(b.key));
    return {
      total: Number(totalRow?.n ?? 0),
      byKind: await grouped(sql`${organizations.kind}`),
      byStage: await grouped(sql`${partnerships.stage}`, isNotNull(partnerships.stage)),
      byIndustry: await grouped(sql`${organizations.industry}`, isNotNull(organizations.industry), 10),
      byRegion: await grouped(sql`${organizations.region}`, isNotNull(organizations.region), 10),
      newPerYear,
      notContacted: { months: staleMonths, since, count: Number(stale?.n ?? 0) },
    };
  });
}

/** Engagements per month and type over the last 24 months, within the caller's departments. */
async function engagementFigures(scope: TenantScope, today: Date): Promise<Dashboard['engagements']> {
  const months = Array.from({ length: 24 }, (_, i) => iso(monthStart(today, 23 - i)).slice(0, 7));
  const from = `${months[0]}-01`;
  const to = monthEnd(months[23]!);
  const rows = await scope.build(async (qb, tenant) => {
    const month = sql<string>`to_char(${engagements.startsOn}, 'YYYY-MM')`;
    return qb
      .select({ month, type: engagements.type, n: count() })
      .from(engagements)
      .where(
        and(
          tenant(engagements),
          isNull(engagements.deletedAt),
          gte(engagements.startsOn, from),
          lte(engagements.startsOn, to),
          scope.inDepartments(engagements.hostOrgUnitId),
        ),
      )
      .groupBy(month, engagements.type);
  });
  const byType = new Map<string, number[]>();
  for (const row of rows) {
    const counts = byType.get(row.type) ?? months.map(() => 0);
    counts[months.indexOf(row.month)] = Number(row.n);
    byType.set(row.type, counts);
  }
  return {
    months,
    byType: [...byType.entries()]
      .map(([type, counts]) => ({ type, counts }))
      .sort((a, b) => a.type.localeCompare(b.type)),
  };
}

/** Agreements expiring soon, and signed per year and type over the last five years. */
async function agreementFigures(scope: TenantScope, today: Date): Promise<Dashboard['agreements']> {
  const expiring = [];
  for (const within of [30, 90, 180] as const) {
    expiring.push({ within, count: (await listExpiringAgreements(scope, { within: String(within) })).total });
  }
  const firstYear = today.getUTCFullYear() - 4;
  const year = sql<string>`extract(year from ${agreements.signedOn})::int`;
  const rows = await scope.build(async (qb, tenant) =>
    qb
      .select({ year, type: agreements.type, n: count() })
      .from(agreements)
      .where(
        and(
          tenant(agreements),
          isNull(agreements.deletedAt),
          gte(agreements.signedOn, `${firstYear}-01-01`),
          scope.inDepartments(agreements.ownerOrgUnitId),
        ),
      )
      .groupBy(year, agreements.type)
      .orderBy(year, agreements.type),
  );
  return {
    expiring,
    signedPerYear: rows.map((r) => ({ year: Number(r.year), type: r.type, count: Number(r.n) })),
  };
}

/** Open, overdue and on-time work in total and per department, as the commitment list counts it. */
async function commitmentFigures(scope: TenantScope): Promise<Dashboard['commitments']> {
  const total = async (query: Record<string, string>) =>
    (await listCommitments(scope, { ...query, pageSize: 1 })).total;
  const onTime = async (orgUnitId?: string) => {
    const where = and(
      isNull(commitments.deletedAt),
      eq(commitments.status, 'done'),
      isNotNull(commitments.dueOn),
      scope.inDepartments(commitments.ownerOrgUnitId),
      orgUnitId ? eq(commitments.ownerOrgUnitId, orgUnitId) : undefined,
    );
    const done = await scope.count(commitments, where);
    const inTime = await scope.count(
      commitments,
      and(where, sql`${commitments.completedOn} <= ${commitments.dueOn}`),
    );
    return rate(inTime, done);
  };
  const units = await scope.select(orgUnits, {
    where: and(isNull(orgUnits.deletedAt), scope.inDepartments(orgUnits.id)),
    orderBy: [orgUnits.nameZh, orgUnits.id],
  });
  const byDepartment = [];
  for (const unit of units) {
    const row = {
      orgUnitId: unit.id,
      nameZh: unit.nameZh,
      nameEn: unit.nameEn,
      open: await total({ status: 'open', ownerOrgUnitId: unit.id }),
      overdue: await total({ status: 'overdue', ownerOrgUnitId: unit.id }),
      done: await total({ status: 'done', ownerOrgUnitId: unit.id }),
      onTimeRate: await onTime(unit.id),
    };
    if (row.open || row.overdue || row.done) byDepartment.push(row);
  }
  return {
    open: await total({ status: 'open' }),
    overdue: await total({ status: 'overdue' }),
    onTimeRate: await onTime(),
    byDepartment,
  };
}

/** Partners × cooperation dimensions with a depth score, deepest first (at most 50). */
async function matrixFigures(scope: TenantScope, today: Date): Promise<Dashboard['matrix']> {
  const twoYearsAgo = monthsBefore(today, 24);
  return scope.build(async (qb, tenant) => {
    const live = and(
      tenant(organizations),
      isNull(organizations.deletedAt),
      ne(organizations.status, 'merged'),
    );
    const joined = and(
      eq(partnerships.tenantId, organizations.tenantId),
      eq(partnerships.organizationId, organizations.id),
    );
    const dimension = sql<string>`unnest(${partnerships.dimensions})`;
    const dimensionRows = await qb
      .select({ key: dimension, n: count() })
      .from(organizations)
      .innerJoin(partnerships, joined)
      .where(and(live, tenant(partnerships)))
      .groupBy(dimension)
      .orderBy(desc(count()), dimension);
    const programCount = sql<number>`(select count(*)::int from ${programs} where ${programs.tenantId} = ${organizations.tenantId}
      and ${programs.deletedAt} is null and ${organizations.id} = any(${programs.organizationIds}))`;
    const engagementCount = sql<number>`(select count(*)::int from ${engagementOrganizations} eo
      join ${engagements} e on e.tenant_id = eo.tenant_id and e.id = eo.engagement_id
      where eo.tenant_id = ${organizations.tenantId} and eo.organization_id = ${organizations.id}
        and e.deleted_at is null and e.starts_on >= ${twoYearsAgo})`;
    const depth = sql<number>`(cardinality(${partnerships.dimensions}) + least(${programCount}, 10) + least(${engagementCount}, 10))::int`;
    const rows = await qb
      .select({
        organizationId: organizations.id,
        nameZh: organizations.nameZh,
        nameEn: organizations.nameEn,
        stage: partnerships.stage,
        dimensions: partnerships.dimensions,
        programs: programCount,
        engagements: engagementCount,
        depth,
      })
      .from(organizations)
      .innerJoin(partnerships, joined)
      .where(and(live, tenant(partnerships), sql`cardinality(${partnerships.dimensions}) > 0`))
      .orderBy(desc(depth), organizations.nameZh)
      .limit(50);
    return {
      dimensions: toSegments(dimensionRows),
      partners: rows.map((r) => ({
        ...r,
        programs: Number(r.programs),
        engagements: Number(r.engagements),
        depth: Number(r.depth),
      })),
    };
  });
}

/** How much of the engagements held so far the news reported, and how soon. */
async function newsFigures(scope: TenantScope, today: Date): Promise<Dashboard['news']> {
  return scope.build(async (qb, tenant) => {
    const recent = and(
      tenant(engagements),
      isNull(engagements.deletedAt),
      lte(engagements.startsOn, iso(today)),
      scope.inDepartments(engagements.hostOrgUnitId),
    );
    const result = await qb.execute(sql`
      with recent as (select ${engagements.id} as id, ${engagements.startsOn} as starts_on from ${engagements} where ${recent}),
      reported as (
        select r.id, r.starts_on, min(a.published_at) as first_published, count(distinct a.id) as n
        from recent r
        join ${articleLinks} l on l.tenant_id = ${scope.tenantId} and l.subject_type = 'engagement' and l.subject_id = r.id
        join ${articles} a on a.tenant_id = l.tenant_id and a.group_id = l.group_id
          and a.status = 'published' and a.deleted_at is null
        group by r.id, r.starts_on
      )
      select (select count(*) from recent)::int as engagements, count(*)::int as reported,
        coalesce(sum(n), 0)::int as articles,
        percentile_cont(0.5) within group (order by (first_published::date - starts_on)) as lag
      from reported`);
    const [row] = (
      result as unknown as {
        rows: { engagements: number; reported: number; articles: number; lag: number | string | null }[];
      }
    ).rows;
    return {
      engagements: Number(row?.engagements ?? 0),
      reported: Number(row?.reported ?? 0),
      articles: Number(row?.articles ?? 0),
      medianLagDays:
        row?.lag === null || row?.lag === undefined ? null : Math.round(Number(row.lag) * 10) / 10,
    };
  });
}

/**
 * The admin home's figures: partners, engagements per month, agreements, commitments, the partner ×
 * dimension matrix and news output. Each figure is counted as the list it links to counts it
 * (records within the caller's departments; the partner registry college-wide).
 */
export async function showDashboard(
  scope: TenantScope,
  query: DashboardQuery,
  now = new Date(),
): Promise<Dashboard> {
  const staleMonths = Number(parseInput(dashboardQuerySchema, query).staleMonths);
  return {
    today: iso(now),
    partners: await partnerFigures(scope, now, staleMonths),
    engagements: await engagementFigures(scope, now),
    agreements: await agreementFigures(scope, now),
    commitments: await commitmentFigures(scope),
    matrix: await matrixFigures(scope, now),
    news: await newsFigures(scope, now),
  };
}
