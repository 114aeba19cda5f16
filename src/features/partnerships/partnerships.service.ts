import { and, asc, count, desc, eq, isNull, ne, or, type SQL, sql } from 'drizzle-orm';
import { newId } from '../../db/ids.ts';
import type { TenantScope } from '../../db/tenant-scope.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import type { HistoryItem } from '../../platform/history-item.ts';
import { containsPattern } from '../../platform/references.ts';
import { parseInput } from '../../platform/validation.ts';
import * as agreementsService from '../agreements/agreements.service.ts';
import * as articlesService from '../articles/articles.service.ts';
import * as commitmentsService from '../commitments/commitments.service.ts';
import * as engagementsService from '../engagements/engagements.service.ts';
import { assertMajorsExist, assertOrgUnitsExist } from '../org-units/org-units.service.ts';
import type { OrganizationOutput, UpdateOrganizationInput } from '../organizations/organizations.schema.ts';
import {
  deleteOrganization,
  earliestSince,
  findOrganization,
  markOrganizationMerged,
  moveChildOrganizations,
  toOrganizationOutput,
  updateOrganization,
} from '../organizations/organizations.service.ts';
import { organizations } from '../organizations/organizations.table.ts';
import { moveAffiliations } from '../people/people.service.ts';
import * as programsService from '../programs/programs.service.ts';
import { getUser } from '../users/users.service.ts';
import {
  type MergeOrganizationInput,
  type MergeResult,
  mergeOrganizationInputSchema,
  type OrganizationListItem,
  type OrganizationListQuery,
  organizationListQuerySchema,
  type PartnershipOutput,
  type PutPartnershipInput,
  putPartnershipInputSchema,
} from './partnerships.schema.ts';
import { partnerships } from './partnerships.table.ts';

type PartnershipRow = typeof partnerships.$inferSelect;

/** The public shape of a partnership. */
export function toPartnershipOutput(row: PartnershipRow): PartnershipOutput {
  return {
    id: row.id,
    organizationId: row.organizationId,
    stage: row.stage,
    ownerUserId: row.ownerUserId,
    leadOrgUnitId: row.leadOrgUnitId,
    dimensions: row.dimensions,
    majorIds: row.majorIds,
    since: row.since,
    notes: row.notes,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

async function findPartnership(
  scope: TenantScope,
  organizationId: string,
): Promise<PartnershipRow | undefined> {
  return scope.first(partnerships, eq(partnerships.organizationId, organizationId));
}

/**
 * Department liaisons may change a partner only when its partnership is led by one of their
 * departments, or when it has no partnership yet; college-wide staff may change any.
 */
export async function assertMayChangeOrganization(scope: TenantScope, organizationId: string): Promise<void> {
  const reach = scope.departmentReach();
  if (reach === 'college') return;
  const partnership = await findPartnership(scope, organizationId);
  if (!partnership) return;
  if (!partnership.leadOrgUnitId || !reach.includes(partnership.leadOrgUnitId)) {
    throw new AppError(
      'forbidden',
      'This partner is led by another department; ask its liaison or the cooperation office',
    );
  }
}

/**
 * Partners in an active partnership whom no live engagement has involved on or after `since`
 * (the engagement tables are named in SQL: engagements depend on this feature, not the reverse).
 */
export function notContactedSince(tenantId: string, since: string): SQL {
  // One pass over the engagements since the date (a hashed set), not a lookup per partner.
  return sql`${partnerships.stage} = 'active' and ${organizations.id} not in (
    select eo.organization_id from engagement_organizations eo
    join engagements e on e.tenant_id = eo.tenant_id and e.id = eo.engagement_id
    where eo.tenant_id = ${tenantId} and e.deleted_at is null and e.starts_on >= ${since})`;
}

/**
 * The year a partnership lapsed: for one now dormant or ended, the year of the last timeline event
 * that set its stage (null for the others). Named in SQL for the same reason as above.
 */
export function lapsedYear(tenantId: string): SQL<number | null> {
  return sql<number | null>`case when ${partnerships.stage} in ('dormant', 'ended') then (
    select extract(year from max(t.happened_at))::int from timeline_events t
    where t.tenant_id = ${tenantId} and t.subject_type = 'partnership'
      and t.subject_id = ${partnerships.id}::text and t.diff ? 'stage') end`;
}

/**
 * A page of partner organizations with their partnership stage and dimensions: searched by names,
 * aliases and credit code (also near spellings), filtered by registry and partnership fields.
 */
export async function listOrganizations(
  scope: TenantScope,
  query: OrganizationListQuery,
): Promise<{ items: OrganizationListItem[]; total: number }> {
  const q = parseInput(organizationListQuerySchema, query);
  return scope.build(async (qb, tenant) => {
    const joined = and(tenant(partnerships), eq(partnerships.organizationId, organizations.id));
    const conditions: (SQL | undefined)[] = [tenant(organizations), isNull(organizations.deletedAt)];
    if (q.includeMerged !== 'true') conditions.push(ne(organizations.status, 'merged'));
    let relevance: SQL | undefined;
    if (q.q) {
      const like = containsPattern(q.q);
      const lower = q.q.toLowerCase();
      const prefix = `${like.slice(1)}`;
      // Substring matching on names, aliases and credit code; exact and prefix matches come first.
      // Fuzzy (trigram) matching is left to the duplicates check: over a whole registry it costs
      // a similarity computation per row and answered in hundreds of milliseconds.
      relevance = sql`case when ${organizations.nameZh} = ${q.q} or lower(${organizations.nameEn}) = ${lower} or ${organizations.uscc} = ${q.q.toUpperCase()} then 2
        when ${organizations.nameZh} ilike ${prefix} or ${organizations.nameEn} ilike ${prefix} then 1 else 0 end`;
      conditions.push(
        or(
          sql`${organizations.nameZh} ilike ${like}`,
          sql`${organizations.nameEn} ilike ${like}`,
          sql`${organizations.uscc} ilike ${like}`,
          sql`array_to_string(${organizations.aliases}, ' ') ilike ${like}`,
        ),
      );
    }
    if (q.kind) conditions.push(eq(organizations.kind, q.kind));
    // A section letter ("C") finds the section and every division in it ("C26").
    if (q.industry)
      conditions.push(
        /^[A-Z]$/.test(q.industry)
          ? sql`left(${organizations.industry}, 1) = ${q.industry}`
          : eq(organizations.industry, q.industry),
      );
    if (q.region) conditions.push(eq(organizations.region, q.region));
    if (q.tag) conditions.push(sql`${q.tag} = any(${organizations.tags})`);
    if (q.flag) conditions.push(sql`${q.flag} = any(${organizations.flags})`);
    if (q.stage) conditions.push(eq(partnerships.stage, q.stage));
    if (q.dimension) conditions.push(sql`${q.dimension} = any(${partnerships.dimensions})`);
    if (q.orgUnitId) conditions.push(eq(partnerships.leadOrgUnitId, q.orgUnitId));
    if (q.sinceYear) conditions.push(sql`left(${organizations.since}, 4) = ${String(q.sinceYear)}`);
    if (q.notContactedSince) conditions.push(notContactedSince(scope.tenantId, q.notContactedSince));
    if (q.lapsedYear) conditions.push(sql`${lapsedYear(scope.tenantId)} = ${q.lapsedYear}`);
    const where = and(...conditions);

    const sortColumns: Record<string, SQL> = {
      nameZh: sql`${organizations.nameZh}`,
      nameEn: sql`lower(${organizations.nameEn})`,
      createdAt: sql`${organizations.createdAt}`,
      since: sql`${organizations.since}`,
    };
    const orderBy: SQL[] = [];
    if (q.sort) {
      const descending = q.sort.startsWith('-');
      const column = sortColumns[descending ? q.sort.slice(1) : q.sort];
      if (column) orderBy.push(descending ? sql`${column} desc nulls last` : sql`${column} asc nulls last`);
    } else if (relevance) {
      orderBy.push(desc(relevance));
    }
    orderBy.push(asc(organizations.nameZh), asc(organizations.id));

    // A search tests every name anyway: it counts its matches in the same pass (a window count)
    // instead of testing every row a second time.
    const rows = await qb
      .select({
        organization: organizations,
        stage: partnerships.stage,
        dimensions: partnerships.dimensions,
        leadOrgUnitId: partnerships.leadOrgUnitId,
        matches: q.q ? sql<number>`count(*) over ()` : sql<null>`null`,
      })
      .from(organizations)
      .leftJoin(partnerships, joined)
      .where(where)
      .orderBy(...orderBy)
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize);
    const counted = rows[0]?.matches;
    const [totalRow] =
      counted !== null && counted !== undefined
        ? [{ n: counted }]
        : await qb.select({ n: count() }).from(organizations).leftJoin(partnerships, joined).where(where);
    return {
      items: rows.map((r) => ({
        ...toOrganizationOutput(r.organization),
        stage: r.stage ?? null,
        dimensions: r.dimensions ?? [],
        leadOrgUnitId: r.leadOrgUnitId ?? null,
      })),
      total: Number(totalRow?.n ?? 0),
    };
  });
}

/** Changes an organization's registry data, within the caller's departments. */
export async function updatePartnerOrganization(
  scope: TenantScope,
  id: string,
  input: UpdateOrganizationInput,
): Promise<OrganizationOutput> {
  return scope.transaction(async (tx) => {
    await findOrganization(tx, id);
    await assertMayChangeOrganization(tx, id);
    return updateOrganization(tx, id, input);
  });
}

/** Soft-deletes an organization, within the caller's departments. */
export async function deletePartnerOrganization(
  scope: TenantScope,
  id: string,
  version: number,
): Promise<void> {
  await scope.transaction(async (tx) => {
    await findOrganization(tx, id);
    await assertMayChangeOrganization(tx, id);
    await deleteOrganization(tx, id, version);
  });
}

/** The partnership with an organization, or 404 when there is none yet. */
export async function getPartnership(scope: TenantScope, organizationId: string): Promise<PartnershipOutput> {
  await findOrganization(scope, organizationId);
  const row = await findPartnership(scope, organizationId);
  if (!row) throw new AppError('not_found', 'There is no partnership with this organization yet');
  return toPartnershipOutput(row);
}

/** Creates or changes the partnership with an organization (changes need the current `version`). */
export async function putPartnership(
  scope: TenantScope,
  organizationId: string,
  input: PutPartnershipInput,
): Promise<{ partnership: PartnershipOutput; created: boolean }> {
  const data = parseInput(putPartnershipInputSchema, input);
  return scope.transaction(async (tx) => {
    const organization = await findOrganization(tx, organizationId);
    if (organization.status === 'merged') {
      throw new AppError('conflict', 'This organization was merged into another; change that one instead');
    }
    await assertMayChangeOrganization(tx, organizationId);
    const reach = tx.departmentReach();
    if (reach !== 'college' && (!data.leadOrgUnitId || !reach.includes(data.leadOrgUnitId))) {
      throw fieldError('leadOrgUnitId', 'invalid_value', 'Choose one of your own departments as the lead');
    }
    if (data.leadOrgUnitId) await assertOrgUnitsExist(tx, [data.leadOrgUnitId], 'leadOrgUnitId');
    await assertMajorsExist(tx, data.majorIds, 'majorIds');
    if (data.ownerUserId) {
      await getUser(tx, data.ownerUserId).catch(() => {
        throw fieldError('ownerUserId', 'unknown_reference', 'No such user');
      });
    }
    const values = {
      stage: data.stage,
      ownerUserId: data.ownerUserId ?? null,
      leadOrgUnitId: data.leadOrgUnitId ?? null,
      dimensions: [...new Set(data.dimensions)],
      majorIds: [...new Set(data.majorIds)],
      since: data.since ?? null,
      notes: data.notes ?? null,
    };
    const existing = await findPartnership(tx, organizationId);
    if (!existing) {
      const row = await tx.create(partnerships, 'partnership', { id: newId(), organizationId, ...values });
      return { partnership: toPartnershipOutput(row), created: true };
    }
    if (data.version === undefined) {
      throw fieldError('version', 'required', 'The partnership exists: send its version to change it');
    }
    const row = await tx.change(partnerships, 'partnership', existing.id, data.version, values);
    return { partnership: toPartnershipOutput(row), created: false };
  });
}

/** `YYYY` or `YYYY-MM` as the first day it names. */
function firstDayOf(since: string): string {
  return since.length === 4 ? `${since}-01-01` : `${since}-01`;
}

/**
 * A partner's one history, newest first: every engagement, agreement, program and commitment with it,
 * the news about it, back to "cooperating since".
 */
export async function historyOfPartner(scope: TenantScope, organizationId: string): Promise<HistoryItem[]> {
  const organization = await findOrganization(scope, organizationId);
  const partnership = await findPartnership(scope, organizationId);
  // One after the other: a scope bound to a transaction has a single connection.
  const items: HistoryItem[] = [];
  items.push(...(await engagementsService.historyOfOrganization(scope, organizationId)));
  items.push(...(await agreementsService.historyOfOrganization(scope, organizationId)));
  items.push(...(await programsService.historyOfOrganization(scope, organizationId)));
  items.push(...(await commitmentsService.historyOfOrganization(scope, organizationId)));
  items.push(...(await articlesService.historyOfOrganization(scope, organizationId)));
  const since = earliestSince(organization.since, partnership?.since ?? null);
  if (since) {
    items.push({
      kind: 'partnership',
      id: partnership?.id ?? organization.id,
      date: firstDayOf(since),
      titleZh: `开始合作：${organization.nameZh}`,
      titleEn: `Cooperating since: ${organization.nameEn || organization.nameZh}`,
      status: partnership?.stage ?? null,
    });
  }
  return items.sort((a, b) => (a.date === b.date ? a.id.localeCompare(b.id) : a.date < b.date ? 1 : -1));
}

/** Folds the source's partnership into the target's: union of dimensions and majors, earliest since. */
async function mergePartnerships(scope: TenantScope, fromId: string, toId: string): Promise<number> {
  const source = await findPartnership(scope, fromId);
  if (!source) return 0;
  const target = await findPartnership(scope, toId);
  if (!target) {
    await scope.change(partnerships, 'partnership', source.id, null, { organizationId: toId }, 'moved');
    return 1;
  }
  await scope.change(partnerships, 'partnership', target.id, null, {
    dimensions: [...new Set([...target.dimensions, ...source.dimensions])],
    majorIds: [...new Set([...target.majorIds, ...source.majorIds])],
    since: earliestSince(target.since, source.since),
    ownerUserId: target.ownerUserId ?? source.ownerUserId,
    leadOrgUnitId: target.leadOrgUnitId ?? source.leadOrgUnitId,
    notes: [target.notes, source.notes].filter(Boolean).join('\n') || null,
  });
  await scope.change(partnerships, 'partnership', source.id, null, { stage: 'ended' }, 'merged');
  return 1;
}

/**
 * Merges organization `fromId` into `intoId` in one transaction: every reference moves, the merged
 * one becomes `merged` (its names join the target's aliases) and both timelines record it.
 */
export async function mergeOrganizations(
  scope: TenantScope,
  fromId: string,
  input: MergeOrganizationInput,
): Promise<MergeResult> {
  const data = parseInput(mergeOrganizationInputSchema, input);
  if (data.intoId === fromId)
    throw fieldError('intoId', 'invalid_value', 'An organization cannot be merged into itself');
  return scope.transaction(async (tx) => {
    const source = await findOrganization(tx, fromId, true);
    if (source.status === 'merged') throw new AppError('conflict', 'This organization was already merged');
    const target = await tx.first(
      organizations,
      and(
        eq(organizations.id, data.intoId),
        isNull(organizations.deletedAt),
        ne(organizations.status, 'merged'),
      ),
    );
    if (!target) throw fieldError('intoId', 'unknown_reference', 'No such organization to merge into');
    await assertMayChangeOrganization(tx, fromId);
    await assertMayChangeOrganization(tx, data.intoId);
    if (source.version !== data.version) {
      throw new AppError(
        'conflict',
        `organization ${fromId} is at version ${source.version}, not ${data.version}`,
        {
          currentVersion: source.version,
        },
      );
    }
    const moved: Record<string, number> = {
      engagements: await engagementsService.moveOrganizationReferences(tx, fromId, data.intoId),
      agreements: await agreementsService.moveOrganizationReferences(tx, fromId, data.intoId),
      programs: await programsService.moveOrganizationReferences(tx, fromId, data.intoId),
      commitments: await commitmentsService.moveOrganizationReferences(tx, fromId, data.intoId),
      affiliations: await moveAffiliations(tx, fromId, data.intoId),
      childOrganizations: await moveChildOrganizations(tx, fromId, data.intoId),
      partnership: await mergePartnerships(tx, fromId, data.intoId),
    };
    const organization = await markOrganizationMerged(tx, fromId, data.intoId, data.version, {
      moved,
      fromNameZh: source.nameZh,
      intoNameZh: target.nameZh,
    });
    // After the merge, so the articles are searchable by the merged names too (now aliases).
    moved.articles = await articlesService.moveOrganizationLinks(tx, fromId, data.intoId);
    return { organization, moved };
  });
}
