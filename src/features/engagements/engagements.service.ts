import { and, asc, desc, eq, gte, ilike, inArray, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { newId } from '../../db/ids.ts';
import { orderFromSort, type TenantScope } from '../../db/tenant-scope.ts';
import { AppError } from '../../platform/errors.ts';
import type { HistoryItem } from '../../platform/history-item.ts';
import { containsPattern } from '../../platform/references.ts';
import { parseInput } from '../../platform/validation.ts';
import { createAgreement } from '../agreements/agreements.service.ts';
import { createCommitment } from '../commitments/commitments.service.ts';
import { assertFacilitiesExist, assertOrgUnitsExist } from '../org-units/org-units.service.ts';
import { orgUnits } from '../org-units/org-units.table.ts';
import { assertOrganizationsExist } from '../organizations/organizations.service.ts';
import { organizations } from '../organizations/organizations.table.ts';
import { assertPeopleExist, titleOn } from '../people/people.service.ts';
import { people } from '../people/people.table.ts';
import { createProgram } from '../programs/programs.service.ts';
import {
  type CalendarOutput,
  type CalendarQuery,
  calendarQuerySchema,
  type EngagementInput,
  type EngagementListItem,
  type EngagementListQuery,
  type EngagementOutput,
  engagementInputSchema,
  engagementListQuerySchema,
  type OutcomeAgreementInput,
  type OutcomeCommitmentInput,
  type OutcomeProgramInput,
  outcomeAgreementInputSchema,
  outcomeCommitmentInputSchema,
  outcomeProgramInputSchema,
  type UpdateEngagementInput,
  updateEngagementInputSchema,
} from './engagements.schema.ts';
import {
  engagementCounts,
  engagementOrganizations,
  engagementOutcomes,
  engagementParticipants,
  engagements,
} from './engagements.table.ts';

type EngagementRow = typeof engagements.$inferSelect;
type ParsedInput = ReturnType<typeof engagementInputSchema.parse>;
type UnitNames = ReadonlyMap<string, { nameZh: string; nameEn: string }>;

/** The names of the host departments of some engagements, in one query however many rows there are. */
async function hostNames(
  scope: TenantScope,
  rows: readonly Pick<EngagementRow, 'hostOrgUnitId'>[],
): Promise<UnitNames> {
  const ids = [...new Set(rows.flatMap((r) => (r.hostOrgUnitId ? [r.hostOrgUnitId] : [])))];
  if (ids.length === 0) return new Map();
  const units = await scope.select(orgUnits, { where: inArray(orgUnits.id, ids) });
  return new Map(units.map((u) => [u.id, u]));
}

/** The host department's names of one engagement, from names looked up for its page. */
function hostNameFields(row: Pick<EngagementRow, 'hostOrgUnitId'>, units: UnitNames) {
  const unit = row.hostOrgUnitId ? units.get(row.hostOrgUnitId) : undefined;
  return { hostOrgUnitNameZh: unit?.nameZh ?? null, hostOrgUnitNameEn: unit?.nameEn ?? null };
}
/** Refuses a department liaison a record of another department, naming the field. */
function assertMayRecord(scope: TenantScope, orgUnitId: string | null | undefined): void {
  scope.assertInDepartments(orgUnitId, 'You may only record engagements of your departments', {
    path: 'hostOrgUnitId',
    message: 'Choose one of your departments',
  });
}

async function findEngagement(scope: TenantScope, id: string): Promise<EngagementRow> {
  const row = await scope.first(
    engagements,
    and(
      eq(engagements.id, id),
      isNull(engagements.deletedAt),
      scope.inDepartments(engagements.hostOrgUnitId),
    ),
  );
  if (!row) throw new AppError('not_found', `Engagement ${id} not found`);
  return row;
}

async function assertReferences(scope: TenantScope, data: ParsedInput): Promise<void> {
  if (data.hostOrgUnitId) await assertOrgUnitsExist(scope, [data.hostOrgUnitId], 'hostOrgUnitId');
  await assertFacilitiesExist(scope, data.facilityIds ?? [], 'facilityIds');
  const orgIds = [
    ...(data.organizations ?? []).map((o) => o.organizationId),
    ...(data.participants ?? []).flatMap((p) => (p.organizationId ? [p.organizationId] : [])),
  ];
  await assertOrganizationsExist(scope, orgIds, 'organizations');
  await assertPeopleExist(
    scope,
    (data.participants ?? []).map((p) => p.personId),
    'participants',
  );
}

function engagementColumns(data: ParsedInput) {
  return {
    type: data.type,
    titleZh: data.titleZh,
    titleEn: data.titleEn ?? '',
    startsOn: data.startsOn,
    startsAt: data.startsAt ?? null,
    endsOn: data.endsOn ?? null,
    location: data.location ?? null,
    locationEn: data.locationEn ?? null,
    hostOrgUnitId: data.hostOrgUnitId ?? null,
    purpose: data.purpose ?? null,
    purposeEn: data.purposeEn ?? null,
    summary: data.summary ?? null,
    summaryEn: data.summaryEn ?? null,
    delegationSize: data.delegationSize ?? null,
    topics: [...new Set(data.topics ?? [])],
    topicsEn: [...new Set(data.topicsEn ?? [])],
    facilityIds: [...new Set(data.facilityIds ?? [])],
  };
}

/** The children of an engagement in the shape the timeline compares. */
/** The organizations, participants and outcomes of several engagements, in three queries. */
async function readChildrenOf(scope: TenantScope, ids: readonly string[]) {
  const of = (column: AnyPgColumn) =>
    ids.length === 1 ? eq(column, ids[0] as string) : inArray(column, [...ids]);
  const orgs = await scope.select(engagementOrganizations, {
    where: of(engagementOrganizations.engagementId),
    orderBy: [asc(engagementOrganizations.createdAt), asc(engagementOrganizations.id)],
  });
  const participants = await scope.select(engagementParticipants, {
    where: of(engagementParticipants.engagementId),
    orderBy: [asc(engagementParticipants.createdAt), asc(engagementParticipants.id)],
  });
  const outcomes = await scope.select(engagementOutcomes, {
    where: of(engagementOutcomes.engagementId),
    orderBy: [asc(engagementOutcomes.createdAt), asc(engagementOutcomes.id)],
  });
  const grouped = new Map<string, EngagementChildren>(
    ids.map((id) => [id, { orgs: [], participants: [], outcomes: [] }]),
  );
  for (const o of orgs) grouped.get(o.engagementId)?.orgs.push(o);
  for (const p of participants) grouped.get(p.engagementId)?.participants.push(p);
  for (const o of outcomes) grouped.get(o.engagementId)?.outcomes.push(o);
  return grouped;
}

/** What hangs off one engagement. */
interface EngagementChildren {
  orgs: (typeof engagementOrganizations.$inferSelect)[];
  participants: (typeof engagementParticipants.$inferSelect)[];
  outcomes: (typeof engagementOutcomes.$inferSelect)[];
}

async function readChildren(scope: TenantScope, engagementId: string): Promise<EngagementChildren> {
  return (await readChildrenOf(scope, [engagementId])).get(engagementId) as EngagementChildren;
}

function describeChildren(children: EngagementChildren) {
  return {
    organizations: children.orgs.map((o) => ({ organizationId: o.organizationId, role: o.role })),
    participants: children.participants.map((p) => ({
      personId: p.personId,
      organizationId: p.organizationId,
      side: p.side,
      role: p.role,
      titleZh: p.titleZh,
      titleEn: p.titleEn,
    })),
    outcomes: children.outcomes.map((o) => ({ id: o.id, kind: o.kind, text: o.text, textEn: o.textEn })),
  };
}

/**
 * Replaces the organizations, participants and outcomes of an engagement. A participant given
 * without a title keeps the one stored earlier, or gets the title held on the engagement's day.
 */
async function replaceChildren(
  scope: TenantScope,
  engagementId: string,
  data: ParsedInput,
  before: EngagementChildren | null,
): Promise<void> {
  await scope.deleteRaw(engagementOrganizations, eq(engagementOrganizations.engagementId, engagementId));
  await scope.deleteRaw(engagementParticipants, eq(engagementParticipants.engagementId, engagementId));
  await scope.deleteRaw(engagementOutcomes, eq(engagementOutcomes.engagementId, engagementId));
  const base = Date.now();
  let n = 0;
  // Children keep their input order through created_at.
  const at = () => new Date(base + n++);
  const seenOrgs = new Set<string>();
  for (const org of data.organizations ?? []) {
    if (seenOrgs.has(org.organizationId)) continue;
    seenOrgs.add(org.organizationId);
    const createdAt = at();
    await scope.insertRaw(engagementOrganizations, {
      id: newId(),
      engagementId,
      organizationId: org.organizationId,
      role: org.role,
      createdAt,
      updatedAt: createdAt,
    });
  }
  for (const p of data.participants ?? []) {
    let titleZh = p.titleZh ?? null;
    let titleEn = p.titleEn ?? null;
    if (titleZh === null && titleEn === null) {
      const earlier = before?.participants.find((old) => old.personId === p.personId);
      if (earlier) {
        titleZh = earlier.titleZh;
        titleEn = earlier.titleEn;
      } else {
        const title = await titleOn(scope, p.personId, p.organizationId ?? null, data.startsOn);
        titleZh = title?.titleZh ?? null;
        titleEn = title?.titleEn || null;
      }
    }
    const createdAt = at();
    await scope.insertRaw(engagementParticipants, {
      id: newId(),
      engagementId,
      personId: p.personId,
      organizationId: p.organizationId ?? null,
      side: p.side,
      role: p.role,
      titleZh,
      titleEn,
      createdAt,
      updatedAt: createdAt,
    });
  }
  for (const o of data.outcomes ?? []) {
    const earlier = o.id ? before?.outcomes.find((old) => old.id === o.id) : undefined;
    const createdAt = at();
    await scope.insertRaw(engagementOutcomes, {
      id: earlier?.id ?? newId(),
      engagementId,
      kind: o.kind,
      text: o.text,
      textEn: o.textEn ?? null,
      commitmentId: earlier?.commitmentId ?? null,
      agreementId: earlier?.agreementId ?? null,
      programId: earlier?.programId ?? null,
      createdAt,
      updatedAt: createdAt,
    });
  }
}

/** The whole engagement with organization and person names. */
async function toEngagementOutput(scope: TenantScope, row: EngagementRow): Promise<EngagementOutput> {
  return (await toEngagementOutputs(scope, [row]))[0] as EngagementOutput;
}

/** Whole engagements with organization and person names, looked up once for all of them. */
async function toEngagementOutputs(
  scope: TenantScope,
  rows: readonly EngagementRow[],
): Promise<EngagementOutput[]> {
  if (rows.length === 0) return [];
  const childrenById = await readChildrenOf(
    scope,
    rows.map((r) => r.id),
  );
  const all = [...childrenById.values()];
  const orgIds = [
    ...new Set([
      ...all.flatMap((c) => c.orgs.map((o) => o.organizationId)),
      ...all.flatMap((c) => c.participants.flatMap((p) => (p.organizationId ? [p.organizationId] : []))),
    ]),
  ];
  const orgRows = orgIds.length
    ? await scope.select(organizations, { where: inArray(organizations.id, orgIds) })
    : [];
  const personIds = [...new Set(all.flatMap((c) => c.participants.map((p) => p.personId)))];
  const personRows = personIds.length
    ? await scope.select(people, { where: inArray(people.id, personIds) })
    : [];
  const orgById = new Map(orgRows.map((o) => [o.id, o]));
  const personById = new Map(personRows.map((p) => [p.id, p]));
  const units = await hostNames(scope, rows);
  return rows.map((row) => {
    const children = childrenById.get(row.id) as EngagementChildren;
    return {
      ...toListItem(row, units),
      purpose: row.purpose,
      purposeEn: row.purposeEn,
      summaryEn: row.summaryEn,
      topics: row.topics,
      topicsEn: row.topicsEn,
      facilityIds: row.facilityIds,
      organizations: children.orgs.map((o) => ({
        organizationId: o.organizationId,
        role: o.role,
        nameZh: orgById.get(o.organizationId)?.nameZh ?? null,
        nameEn: orgById.get(o.organizationId)?.nameEn ?? null,
      })),
      participants: children.participants.map((p) => ({
        id: p.id,
        personId: p.personId,
        organizationId: p.organizationId,
        side: p.side,
        role: p.role,
        titleZh: p.titleZh,
        titleEn: p.titleEn,
        nameZh: personById.get(p.personId)?.nameZh ?? null,
        nameEn: personById.get(p.personId)?.nameEn ?? null,
      })),
      outcomes: children.outcomes.map((o) => ({
        id: o.id,
        kind: o.kind,
        text: o.text,
        textEn: o.textEn,
        commitmentId: o.commitmentId,
        agreementId: o.agreementId,
        programId: o.programId,
      })),
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  });
}

/** Records an engagement with its organizations, participants (titles of the day) and outcomes. */
export async function recordEngagement(
  scope: TenantScope,
  input: EngagementInput,
): Promise<EngagementOutput> {
  const data = parseInput(engagementInputSchema, input);
  assertMayRecord(scope, data.hostOrgUnitId);
  return scope.transaction(async (tx) => {
    await assertReferences(tx, data);
    const id = newId();
    const row = await tx.create(engagements, 'engagement', { id, ...engagementColumns(data) });
    await replaceChildren(tx, id, data, null);
    const after = describeChildren(await readChildren(tx, id));
    const filled = Object.entries(after).filter(([, v]) => v.length > 0);
    if (filled.length > 0) {
      await tx.recordEvent({
        verb: 'engagement.children_changed',
        subjectType: 'engagement',
        subjectId: id,
        diff: Object.fromEntries(filled.map(([k, v]) => [k, { to: v }])),
      });
    }
    return toEngagementOutput(tx, row);
  });
}

function filterConditions(q: {
  q?: string | undefined;
  type?: EngagementRow['type'] | undefined;
  organizationId?: string | undefined;
  orgUnitId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  reported?: 'true' | 'false' | undefined;
}): (SQL | undefined)[] {
  const conditions: (SQL | undefined)[] = [isNull(engagements.deletedAt)];
  if (q.q) {
    const like = containsPattern(q.q);
    conditions.push(
      or(
        ilike(engagements.titleZh, like),
        ilike(engagements.titleEn, like),
        ilike(engagements.summary, like),
        ilike(engagements.location, like),
      ),
    );
  }
  if (q.type) conditions.push(eq(engagements.type, q.type));
  if (q.orgUnitId) conditions.push(eq(engagements.hostOrgUnitId, q.orgUnitId));
  if (q.from) conditions.push(gte(engagements.startsOn, q.from));
  if (q.to) conditions.push(lte(engagements.startsOn, q.to));
  if (q.reported) {
    // The news tables are named in SQL: news depends on engagements, not the reverse.
    const reported = sql`exists (select 1 from article_links l
      join articles a on a.tenant_id = l.tenant_id and a.group_id = l.group_id
        and a.status = 'published' and a.deleted_at is null
      where l.tenant_id = ${engagements.tenantId} and l.subject_type = 'engagement' and l.subject_id = ${engagements.id})`;
    conditions.push(q.reported === 'true' ? reported : sql`not ${reported}`);
  }
  if (q.organizationId) {
    conditions.push(
      sql`exists (select 1 from ${engagementOrganizations} where ${engagementOrganizations.tenantId} = ${engagements.tenantId} and ${engagementOrganizations.engagementId} = ${engagements.id} and ${engagementOrganizations.organizationId} = ${q.organizationId})`,
    );
  }
  return conditions;
}

function toListItem(row: EngagementRow, units: UnitNames): EngagementListItem {
  return {
    id: row.id,
    type: row.type,
    titleZh: row.titleZh,
    titleEn: row.titleEn,
    startsOn: row.startsOn,
    startsAt: row.startsAt?.slice(0, 5) ?? null,
    endsOn: row.endsOn,
    location: row.location,
    locationEn: row.locationEn,
    hostOrgUnitId: row.hostOrgUnitId,
    ...hostNameFields(row, units),
    summary: row.summary,
    delegationSize: row.delegationSize,
    version: row.version,
  };
}

/** A page of engagements, newest first unless sorted otherwise. */
export async function listEngagements(
  scope: TenantScope,
  query: EngagementListQuery,
): Promise<{ items: EngagementListItem[]; total: number }> {
  const q = parseInput(engagementListQuerySchema, query);
  const where = and(...filterConditions(q), scope.inDepartments(engagements.hostOrgUnitId));
  const offset = (q.page - 1) * q.pageSize;
  const rows = await scope.select(engagements, {
    where,
    orderBy: orderFromSort(
      q.sort ?? '-startsOn',
      { startsOn: engagements.startsOn, title: engagements.titleZh },
      desc(engagements.id),
    ),
    limit: q.pageSize,
    offset,
  });
  // A page that is not full is the last one, so the total is known without counting every row
  // (filtered lists mostly fit in one page). An empty page past the first may lie beyond the end.
  // The whole college's list reads its total from the count the database keeps.
  const unfiltered =
    scope.collegeWide &&
    !q.q &&
    !q.type &&
    !q.orgUnitId &&
    !q.from &&
    !q.to &&
    !q.organizationId &&
    !q.reported;
  const total =
    rows.length < q.pageSize && (rows.length > 0 || offset === 0)
      ? offset + rows.length
      : unfiltered
        ? ((
            await scope.build((qb, tenant) =>
              qb
                .select({ live: engagementCounts.live })
                .from(engagementCounts)
                .where(tenant(engagementCounts)),
            )
          )[0]?.live ?? 0)
        : await scope.count(engagements, where);
  const units = await hostNames(scope, rows);
  return { items: rows.map((row) => toListItem(row, units)), total };
}

/** A month's engagements by day (light fields), with the list filters. */
export async function showEngagementCalendar(
  scope: TenantScope,
  query: CalendarQuery,
): Promise<CalendarOutput> {
  const q = parseInput(calendarQuerySchema, query);
  const first = `${q.month}-01`;
  const [year, month] = q.month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
  const rows = await scope.select(engagements, {
    where: and(
      ...filterConditions({ ...q, from: undefined, to: undefined }),
      scope.inDepartments(engagements.hostOrgUnitId),
      lte(engagements.startsOn, last),
      sql`coalesce(${engagements.endsOn}, ${engagements.startsOn}) >= ${first}`,
      q.from ? gte(engagements.startsOn, q.from) : undefined,
      q.to ? lte(engagements.startsOn, q.to) : undefined,
    ),
    orderBy: [asc(engagements.startsOn), sql`${engagements.startsAt} asc nulls last`, asc(engagements.id)],
    limit: 2000,
  });
  const units = await hostNames(scope, rows);
  const days = new Map<string, CalendarOutput['days'][number]>();
  for (const row of rows) {
    const day = row.startsOn < first ? first : row.startsOn;
    let entry = days.get(day);
    if (!entry) {
      entry = { date: day, items: [] };
      days.set(day, entry);
    }
    const { summary: _s, delegationSize: _d, version: _v, ...light } = toListItem(row, units);
    entry.items.push(light);
  }
  return { month: q.month, days: [...days.values()].sort((a, b) => a.date.localeCompare(b.date)) };
}

/**
 * The engagements a calendar shows between two dates (those that start before `to` and have not
 * ended before `from`), whole, within the caller's departments and, when given, one department.
 */
export async function engagementsForCalendar(
  scope: TenantScope,
  range: { from: string; to: string; orgUnitId?: string | undefined },
): Promise<EngagementOutput[]> {
  const rows = await scope.select(engagements, {
    where: and(
      isNull(engagements.deletedAt),
      scope.inDepartments(engagements.hostOrgUnitId),
      range.orgUnitId ? eq(engagements.hostOrgUnitId, range.orgUnitId) : undefined,
      lte(engagements.startsOn, range.to),
      sql`coalesce(${engagements.endsOn}, ${engagements.startsOn}) >= ${range.from}`,
    ),
    orderBy: [asc(engagements.startsOn), asc(engagements.id)],
    limit: 2000,
  });
  return toEngagementOutputs(scope, rows);
}

/** One engagement with everything recorded about it. */
export async function getEngagement(scope: TenantScope, id: string): Promise<EngagementOutput> {
  return toEngagementOutput(scope, await findEngagement(scope, id));
}

/** Replaces an engagement and its children in one transaction (version-checked), with a timeline diff. */
export async function updateEngagement(
  scope: TenantScope,
  id: string,
  input: UpdateEngagementInput,
): Promise<EngagementOutput> {
  const { version, ...data } = parseInput(updateEngagementInputSchema, input);
  return scope.transaction(async (tx) => {
    await findEngagement(tx, id);
    assertMayRecord(tx, data.hostOrgUnitId);
    await assertReferences(tx, data);
    const row = await tx.change(engagements, 'engagement', id, version, engagementColumns(data));
    const before = await readChildren(tx, id);
    await replaceChildren(tx, id, data, before);
    const from = describeChildren(before);
    const to = describeChildren(await readChildren(tx, id));
    const diff: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of Object.keys(to) as (keyof typeof to)[]) {
      if (JSON.stringify(from[key]) !== JSON.stringify(to[key])) diff[key] = { from: from[key], to: to[key] };
    }
    if (Object.keys(diff).length > 0) {
      await tx.recordEvent({
        verb: 'engagement.children_changed',
        subjectType: 'engagement',
        subjectId: id,
        diff,
      });
    }
    return toEngagementOutput(tx, row);
  });
}

/** Soft-deletes an engagement (version-checked). */
export async function deleteEngagement(scope: TenantScope, id: string, version: number): Promise<void> {
  await scope.transaction(async (tx) => {
    await findEngagement(tx, id);
    await tx.change(engagements, 'engagement', id, version, { deletedAt: new Date() }, 'deleted');
  });
}

// The main partner is the principal counterpart: the organization visiting us (guest) or the one
// we visited (host); then co-participants, then those only mentioned. Within a rank, the order
// they were entered in (kept through created_at), so the choice never depends on row order.
const partnerRank = { guest: 0, host: 0, partner: 1, mentioned: 2 } as const;

async function loadOutcome(
  scope: TenantScope,
  engagementId: string,
  outcomeId: string,
  link: 'commitmentId' | 'agreementId' | 'programId',
) {
  const engagement = await findEngagement(scope, engagementId);
  const [outcome] = await scope.select(engagementOutcomes, {
    where: and(eq(engagementOutcomes.id, outcomeId), eq(engagementOutcomes.engagementId, engagementId)),
    forUpdate: true,
  });
  if (!outcome) throw new AppError('not_found', `Outcome ${outcomeId} not found`);
  if (outcome[link]) throw new AppError('conflict', `This outcome already has a ${link.replace('Id', '')}`);
  const orgs = (
    await scope.select(engagementOrganizations, {
      where: eq(engagementOrganizations.engagementId, engagementId),
      orderBy: [asc(engagementOrganizations.createdAt), asc(engagementOrganizations.id)],
    })
  ).sort((a, b) => partnerRank[a.role] - partnerRank[b.role]);
  const partners = orgs.filter((o) => o.role !== 'mentioned').map((o) => o.organizationId);
  return { engagement, outcome, mainPartnerId: orgs[0]?.organizationId ?? null, partners };
}

async function linkOutcome(
  scope: TenantScope,
  engagementId: string,
  outcomeId: string,
  link: 'commitmentId' | 'agreementId' | 'programId',
  targetId: string,
): Promise<void> {
  await scope.updateRaw(engagementOutcomes, eq(engagementOutcomes.id, outcomeId), {
    [link]: targetId,
    updatedAt: new Date(),
  });
  await scope.recordEvent({
    verb: 'engagement.outcome_converted',
    subjectType: 'engagement',
    subjectId: engagementId,
    diff: { outcomeId: { to: outcomeId }, [link]: { from: null, to: targetId } },
  });
}

/** Turns an outcome into a commitment about the engagement's main partner, linked both ways, in one step. */
export async function convertOutcomeToCommitment(
  scope: TenantScope,
  engagementId: string,
  outcomeId: string,
  input: OutcomeCommitmentInput,
): Promise<EngagementOutput> {
  const data = parseInput(outcomeCommitmentInputSchema, input);
  return scope.transaction(async (tx) => {
    const { engagement, outcome, mainPartnerId } = await loadOutcome(
      tx,
      engagementId,
      outcomeId,
      'commitmentId',
    );
    const commitment = await createCommitment(tx, {
      text: data.text ?? outcome.text,
      sourceType: 'engagement',
      sourceId: engagementId,
      ownerUserId: data.ownerUserId ?? null,
      ownerOrgUnitId: data.ownerOrgUnitId === undefined ? engagement.hostOrgUnitId : data.ownerOrgUnitId,
      counterpartPersonId: data.counterpartPersonId ?? null,
      organizationId: mainPartnerId,
      dueOn: data.dueOn,
      ...(data.priority ? { priority: data.priority } : {}),
      ...(data.evidence ? { evidence: data.evidence } : {}),
    });
    await linkOutcome(tx, engagementId, outcomeId, 'commitmentId', commitment.id);
    return toEngagementOutput(tx, engagement);
  });
}

/** Turns an outcome into a draft agreement between our college and the engagement's partners, in one step. */
export async function convertOutcomeToAgreement(
  scope: TenantScope,
  engagementId: string,
  outcomeId: string,
  input: OutcomeAgreementInput,
): Promise<EngagementOutput> {
  const data = parseInput(outcomeAgreementInputSchema, input);
  return scope.transaction(async (tx) => {
    const { engagement, outcome, partners } = await loadOutcome(tx, engagementId, outcomeId, 'agreementId');
    const agreement = await createAgreement(tx, {
      type: data.type,
      titleZh: data.titleZh ?? outcome.text.slice(0, 300),
      titleEn: data.titleEn ?? '',
      code: data.code ?? null,
      ownerOrgUnitId: data.ownerOrgUnitId === undefined ? engagement.hostOrgUnitId : data.ownerOrgUnitId,
      sourceEngagementId: engagementId,
      parties: [
        { organizationId: null, role: 'party_a', signatoryPersonId: null },
        ...partners.map((organizationId, i) => ({
          organizationId,
          role: i === 0 ? ('party_b' as const) : ('party_c' as const),
          signatoryPersonId: null,
        })),
      ],
    });
    await linkOutcome(tx, engagementId, outcomeId, 'agreementId', agreement.id);
    return toEngagementOutput(tx, engagement);
  });
}

/** Turns an outcome into a planned program with the engagement's partners, in one step. */
export async function convertOutcomeToProgram(
  scope: TenantScope,
  engagementId: string,
  outcomeId: string,
  input: OutcomeProgramInput,
): Promise<EngagementOutput> {
  const data = parseInput(outcomeProgramInputSchema, input);
  return scope.transaction(async (tx) => {
    const { engagement, partners } = await loadOutcome(tx, engagementId, outcomeId, 'programId');
    const program = await createProgram(tx, {
      ...data,
      status: 'planned',
      organizationIds: partners,
      leadOrgUnitId: data.leadOrgUnitId === undefined ? engagement.hostOrgUnitId : data.leadOrgUnitId,
      sourceEngagementId: engagementId,
    });
    await linkOutcome(tx, engagementId, outcomeId, 'programId', program.id);
    return toEngagementOutput(tx, engagement);
  });
}

/** Moves every engagement reference to organization `fromId` over to `toId`; returns the rows changed. */
export async function moveOrganizationReferences(
  scope: TenantScope,
  fromId: string,
  toId: string,
): Promise<number> {
  if (fromId === toId) return 0;
  // An engagement that already lists `toId` keeps one link, not two.
  const alreadyLinked = await scope.select(engagementOrganizations, {
    where: eq(engagementOrganizations.organizationId, toId),
  });
  const duplicates = alreadyLinked.length
    ? await scope.deleteRaw(
        engagementOrganizations,
        and(
          eq(engagementOrganizations.organizationId, fromId),
          inArray(
            engagementOrganizations.engagementId,
            alreadyLinked.map((l) => l.engagementId),
          ),
        )!,
      )
    : 0;
  const links = await scope.updateRaw(
    engagementOrganizations,
    eq(engagementOrganizations.organizationId, fromId),
    {
      organizationId: toId,
      updatedAt: new Date(),
    },
  );
  const participants = await scope.updateRaw(
    engagementParticipants,
    eq(engagementParticipants.organizationId, fromId),
    { organizationId: toId, updatedAt: new Date() },
  );
  return duplicates + links + participants;
}

/** The engagements an organization took part in, for its history. */
export async function historyOfOrganization(
  scope: TenantScope,
  organizationId: string,
): Promise<HistoryItem[]> {
  const links = await scope.select(engagementOrganizations, {
    where: eq(engagementOrganizations.organizationId, organizationId),
  });
  const ids = [...new Set(links.map((l) => l.engagementId))];
  if (ids.length === 0) return [];
  const rows = await scope.select(engagements, {
    where: and(inArray(engagements.id, ids), isNull(engagements.deletedAt)),
  });
  return rows.map((r) => ({
    kind: 'engagement' as const,
    id: r.id,
    date: r.startsOn,
    titleZh: r.titleZh,
    titleEn: r.titleEn,
    status: r.type,
  }));
}
