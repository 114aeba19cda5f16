import { and, count, desc, eq, gte, inArray, isNotNull, isNull, lte, ne, type SQL, sql } from 'drizzle-orm';
import type { TenantScope } from '../../db/tenant-scope.ts';
import { parseInput } from '../../platform/validation.ts';
import { agreements } from '../agreements/agreements.table.ts';
import { articleLinks, articles } from '../articles/articles.table.ts';
import { overdueCondition } from '../commitments/commitments.service.ts';
import { commitments } from '../commitments/commitments.table.ts';
import { engagementOrganizations, engagements } from '../engagements/engagements.table.ts';
import { orgUnits } from '../org-units/org-units.table.ts';
import { organizations } from '../organizations/organizations.table.ts';
import { lapsedYear, notContactedSince } from '../partnerships/partnerships.service.ts';
import { partnerships } from '../partnerships/partnerships.table.ts';
import { programs } from '../programs/programs.table.ts';
import { users } from '../users/users.table.ts';
import { type Dashboard, type DashboardQuery, dashboardQuerySchema, type Segment } from './reports.schema.ts';

const iso = (d: Date) => d.toISOString().slice(0, 10);
/** Chinese names in dictionary order (one collator: making one per comparison is slow). */
const byName = new Intl.Collator('zh-CN');

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

const toSegments = (rows: { key: string | number | null; n: number | string }[]): Segment[] =>
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
    // Kind, industry, region, start year and the total in one pass over the registry (grouping
    // sets); `grouping()` tells which set a row belongs to (a bit per column left out).
    const keys = [
      sql`${organizations.kind}`,
      sql`${organizations.industry}`,
      sql`${organizations.region}`,
      sql`left(${organizations.since}, 4)`,
    ] as const;
    const rows = await qb
      .select({
        kind: sql<string | null>`${keys[0]}`,
        industry: sql<string | null>`${keys[1]}`,
        region: sql<string | null>`${keys[2]}`,
        since: sql<string | null>`${keys[3]}`,
        set: sql<number>`grouping(${sql.join([...keys], sql`, `)})`,
        n: count(),
      })
      .from(organizations)
      .where(live)
      .groupBy(
        sql`grouping sets (${sql.join(
          keys.map((k) => sql`(${k})`),
          sql`, `,
        )}, ())`,
      );
    const setOf = (bit: number) => rows.filter((r) => Number(r.set) === (15 ^ (8 >> bit)));
    const ranked = (bit: number, field: 'kind' | 'industry' | 'region', limit?: number) =>
      toSegments(setOf(bit).map((r) => ({ key: r[field], n: r.n })))
        .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1))
        .slice(0, limit);
    // Stages and lapsed years in one pass: a partnership now dormant or ended carries the year its
    // stage was last set (see lapsedYear), the others null.
    const lapsed = lapsedYear(scope.tenantId);
    const stageRows = await qb
      .select({ key: partnerships.stage, year: sql<number | null>`${lapsed}`, n: count() })
      .from(organizations)
      .innerJoin(partnerships, joined)
      .where(live)
      // By position: the year expression carries parameters, which would not match a repeated copy.
      .groupBy(sql`1, 2`);
    const stageCounts = new Map<string, number>();
    const lapsedCounts = new Map<number, number>();
    for (const r of stageRows) {
      stageCounts.set(r.key, (stageCounts.get(r.key) ?? 0) + Number(r.n));
      if (r.year !== null)
        lapsedCounts.set(Number(r.year), (lapsedCounts.get(Number(r.year)) ?? 0) + Number(r.n));
    }
    const stages = [...stageCounts].map(([key, n]) => ({ key, n }));
    const firstYear = String(today.getUTCFullYear() - 9);
    const since = monthsBefore(today, staleMonths);
    const [stale] = await qb
      .select({ n: count() })
      .from(organizations)
      .leftJoin(partnerships, joined)
      .where(and(live, notContactedSince(scope.tenantId, since)));
    return {
      total: Number(rows.find((r) => Number(r.set) === 15)?.n ?? 0),
      byKind: ranked(0, 'kind'),
      byStage: toSegments(stages).sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1)),
      byIndustry: ranked(1, 'industry', 10),
      byRegion: ranked(2, 'region', 10),
      newPerYear: toSegments(setOf(3).map((r) => ({ key: r.since, n: r.n })))
        .filter((s) => s.key >= firstYear)
        .sort((a, b) => (a.key < b.key ? -1 : 1)),
      lapsedPerYear: [...lapsedCounts]
        .filter(([year]) => year >= Number(firstYear))
        .sort(([a], [b]) => a - b)
        .map(([year, n]) => ({ key: String(year), count: n })),
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
  // Counted with the expiring list's conditions (active, valid to within the window, not past).
  const expiring = [];
  for (const within of [30, 90, 180] as const) {
    const until = new Date(
      Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + within),
    );
    expiring.push({
      within,
      count: await scope.count(
        agreements,
        and(
          isNull(agreements.deletedAt),
          eq(agreements.status, 'active'),
          gte(agreements.validTo, iso(today)),
          lte(agreements.validTo, iso(until)),
          scope.inDepartments(agreements.ownerOrgUnitId),
        ),
      ),
    });
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

/**
 * Open, overdue and done work per department and in total, with the on-time rate, counted in one
 * pass with the commitment list's own conditions (its status filter and `overdueCondition`).
 */
async function commitmentFigures(scope: TenantScope): Promise<Dashboard['commitments']> {
  const figures = {
    open: sql<number>`count(*) filter (where ${eq(commitments.status, 'open')})::int`,
    overdue: sql<number>`count(*) filter (where ${overdueCondition()})::int`,
    done: sql<number>`count(*) filter (where ${eq(commitments.status, 'done')})::int`,
    doneDated: sql<number>`count(*) filter (where ${eq(commitments.status, 'done')} and ${commitments.dueOn} is not null)::int`,
    onTime: sql<number>`count(*) filter (where ${eq(commitments.status, 'done')} and ${commitments.completedOn} <= ${commitments.dueOn})::int`,
  };
  const reached = (tenant: (t: typeof commitments) => SQL) =>
    and(tenant(commitments), isNull(commitments.deletedAt), scope.inDepartments(commitments.ownerOrgUnitId));
  // Per department (the totals too), then per owner over the commitments that name one (by index).
  const rows = await scope.build(async (qb, tenant) =>
    qb
      .select({ orgUnitId: commitments.ownerOrgUnitId, ...figures })
      .from(commitments)
      .where(reached(tenant))
      .groupBy(commitments.ownerOrgUnitId),
  );
  const ownerRows = (
    await scope.build(async (qb, tenant) =>
      qb
        .select({ userId: commitments.ownerUserId, ...figures })
        .from(commitments)
        .where(and(reached(tenant), isNotNull(commitments.ownerUserId)))
        .groupBy(commitments.ownerUserId),
    )
  )
    .sort((a, b) => Number(b.open) + Number(b.overdue) - (Number(a.open) + Number(a.overdue)))
    .slice(0, 10);
  const owners = ownerRows.length
    ? await scope.select(users, {
        where: inArray(
          users.id,
          ownerRows.map((r) => r.userId!),
        ),
      })
    : [];
  const ownerName = new Map(owners.map((u) => [u.id, u.name]));
  const units = await scope.select(orgUnits, {
    where: and(isNull(orgUnits.deletedAt), scope.inDepartments(orgUnits.id)),
    orderBy: [orgUnits.nameZh, orgUnits.id],
  });
  const byUnit = new Map(rows.map((r) => [r.orgUnitId, r]));
  const sum = (key: 'open' | 'overdue' | 'doneDated' | 'onTime') =>
    rows.reduce((n, r) => n + Number(r[key]), 0);
  return {
    open: sum('open'),
    overdue: sum('overdue'),
    onTimeRate: rate(sum('onTime'), sum('doneDated')),
    byDepartment: units
      .map((unit) => {
        const r = byUnit.get(unit.id);
        return {
          orgUnitId: unit.id,
          nameZh: unit.nameZh,
          nameEn: unit.nameEn,
          open: Number(r?.open ?? 0),
          overdue: Number(r?.overdue ?? 0),
          done: Number(r?.done ?? 0),
          onTimeRate: r ? rate(Number(r.onTime), Number(r.doneDated)) : null,
        };
      })
      .filter((r) => r.open || r.overdue || r.done),
    byOwner: ownerRows.map((r) => ({
      userId: r.userId!,
      name: ownerName.get(r.userId!) ?? '',
      open: Number(r.open),
      overdue: Number(r.overdue),
      done: Number(r.done),
      onTimeRate: rate(Number(r.onTime), Number(r.doneDated)),
    })),
  };
}

/**
 * Partners × cooperation dimensions with a depth score, deepest first (at most 50): programs and
 * recent engagements are counted per partner in one grouped pass each, not per partner.
 */
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
    // Ranked on the cheap columns first; names and dimensions are read for the 50 shown only.
    const partnerRows = await qb
      .select({
        organizationId: organizations.id,
        dimensionCount: sql<number>`cardinality(${partnerships.dimensions})`,
      })
      .from(organizations)
      .innerJoin(partnerships, joined)
      .where(and(live, tenant(partnerships), sql`cardinality(${partnerships.dimensions}) > 0`));
    const partner = sql<string>`unnest(${programs.organizationIds})`;
    const programRows = await qb
      .select({ organizationId: partner, n: count() })
      .from(programs)
      .where(and(tenant(programs), isNull(programs.deletedAt)))
      .groupBy(partner);
    const engagementRows = await qb
      .select({
        organizationId: engagementOrganizations.organizationId,
        n: sql<number>`count(distinct ${engagements.id})`,
      })
      .from(engagementOrganizations)
      .innerJoin(
        engagements,
        and(
          eq(engagements.tenantId, engagementOrganizations.tenantId),
          eq(engagements.id, engagementOrganizations.engagementId),
        ),
      )
      .where(
        and(
          tenant(engagementOrganizations),
          tenant(engagements),
          isNull(engagements.deletedAt),
          gte(engagements.startsOn, twoYearsAgo),
        ),
      )
      .groupBy(engagementOrganizations.organizationId);
    const programsOf = new Map(programRows.map((r) => [r.organizationId, Number(r.n)]));
    const engagementsOf = new Map(engagementRows.map((r) => [r.organizationId, Number(r.n)]));
    const ranked = partnerRows
      .map((r) => {
        const programCount = programsOf.get(r.organizationId) ?? 0;
        const engagementCount = engagementsOf.get(r.organizationId) ?? 0;
        return {
          organizationId: r.organizationId,
          programs: programCount,
          engagements: engagementCount,
          depth: Number(r.dimensionCount) + Math.min(programCount, 10) + Math.min(engagementCount, 10),
        };
      })
      .sort((a, b) => b.depth - a.depth);
    // Ties at the cut are broken by name, so take every partner as deep as the 50th.
    const cut = ranked[49]?.depth ?? 0;
    const shortlist = ranked.filter((r, i) => i < 50 || r.depth === cut);
    const details = shortlist.length
      ? await qb
          .select({
            organizationId: organizations.id,
            nameZh: organizations.nameZh,
            nameEn: organizations.nameEn,
            stage: partnerships.stage,
            dimensions: partnerships.dimensions,
          })
          .from(organizations)
          .innerJoin(partnerships, joined)
          .where(
            and(
              tenant(organizations),
              inArray(
                organizations.id,
                shortlist.map((r) => r.organizationId),
              ),
            ),
          )
      : [];
    const detailOf = new Map(details.map((r) => [r.organizationId, r]));
    const partners = shortlist
      .flatMap((r) => {
        const detail = detailOf.get(r.organizationId);
        return detail ? [{ ...detail, ...r }] : [];
      })
      .sort((a, b) => b.depth - a.depth || byName.compare(a.nameZh, b.nameZh))
      .slice(0, 50);
    return { dimensions: toSegments(dimensionRows), partners };
  });
}

/** How much of the engagements held so far the news reported, and how soon. */
async function newsFigures(scope: TenantScope, today: Date): Promise<Dashboard['news']> {
  const held = and(
    isNull(engagements.deletedAt),
    lte(engagements.startsOn, iso(today)),
    scope.inDepartments(engagements.hostOrgUnitId),
  );
  const total = await scope.count(engagements, held);
  // Only engagements some article links to are read: a few, however many engagements there are.
  const row = await scope.build(async (qb, tenant) => {
    const result = await qb.execute(sql`
      with reported as (
        select ${engagements.id} as id, ${engagements.startsOn} as starts_on,
          min(a.published_at) as first_published, count(distinct a.id) as n
        from ${articleLinks}
        join ${engagements} on ${engagements.tenantId} = ${articleLinks.tenantId} and ${engagements.id} = ${articleLinks.subjectId}
        join ${articles} a on a.tenant_id = ${articleLinks.tenantId} and a.group_id = ${articleLinks.groupId}
          and a.status = 'published' and a.deleted_at is null
        where ${tenant(articleLinks)} and ${articleLinks.subjectType} = 'engagement' and ${held}
        group by ${engagements.id}, ${engagements.startsOn}
      )
      select count(*)::int as reported, coalesce(sum(n), 0)::int as articles,
        percentile_cont(0.5) within group (order by (first_published::date - starts_on)) as lag
      from reported`);
    return (
      result as unknown as { rows: { reported: number; articles: number; lag: number | string | null }[] }
    ).rows[0];
  });
  return {
    engagements: total,
    reported: Number(row?.reported ?? 0),
    articles: Number(row?.articles ?? 0),
    medianLagDays: row?.lag === null || row?.lag === undefined ? null : Math.round(Number(row.lag) * 10) / 10,
  };
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
