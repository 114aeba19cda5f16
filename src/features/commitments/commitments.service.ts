import {
  and,
  asc,
  eq,
  gte,
  ilike,
  inArray,
  isNull,
  lt,
  lte,
  notInArray,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import { newId } from '../../db/ids.ts';
import { orderFromSort, type TenantScope } from '../../db/tenant-scope.ts';
import { AppError } from '../../platform/errors.ts';
import type { HistoryItem } from '../../platform/history-item.ts';
import { addDays, assertRowsExist, containsPattern, todayIso } from '../../platform/references.ts';
import { parseInput } from '../../platform/validation.ts';
import { orgUnits } from '../org-units/org-units.table.ts';
import { organizations } from '../organizations/organizations.table.ts';
import { people } from '../people/people.table.ts';
import { users } from '../users/users.table.ts';
import {
  type BoardOutput,
  boardQuerySchema,
  type CommitmentListItem,
  type CommitmentListQuery,
  type CommitmentOutput,
  type CompleteCommitmentInput,
  type CreateCommitmentInput,
  commitmentListQuerySchema,
  completeCommitmentInputSchema,
  createCommitmentInputSchema,
  type ReassignCommitmentInput,
  reassignCommitmentInputSchema,
  type UpdateCommitmentInput,
  updateCommitmentInputSchema,
} from './commitments.schema.ts';
import { commitments } from './commitments.table.ts';

type CommitmentRow = typeof commitments.$inferSelect;
/** Tells whether a commitment is overdue now: not done or dropped and past its due date. */
export function isOverdue(row: { status: string; dueOn: string | null }, on = todayIso()): boolean {
  return row.status !== 'done' && row.status !== 'dropped' && row.dueOn !== null && row.dueOn < on;
}

/** How many cards each board column shows; its count covers all, and "see all" opens the list. */
export const boardCardsPerColumn = 10;
/** Board column counts stop at this many (shown as "99+"): counting every row per request does not scale. */
export const boardCountCap = 100;

/** The condition of overdue commitments today. */
/** Not done or dropped and past due: the list's `status=overdue` (reports count with the same rule). */
export function overdueCondition(): SQL {
  return and(notInArray(commitments.status, ['done', 'dropped']), lt(commitments.dueOn, todayIso()))!;
}

/** The public shape of a commitment, with its derived overdue flag. */
export function toCommitmentOutput(row: CommitmentRow): CommitmentOutput {
  return {
    id: row.id,
    text: row.text,
    sourceType: row.sourceType,
    sourceId: row.sourceId,
    ownerUserId: row.ownerUserId,
    ownerOrgUnitId: row.ownerOrgUnitId,
    counterpartPersonId: row.counterpartPersonId,
    organizationId: row.organizationId,
    dueOn: row.dueOn,
    priority: row.priority,
    status: row.status,
    overdue: isOverdue(row),
    evidence: row.evidence,
    completedOn: row.completedOn,
    completedById: row.completedById,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

/** The names of the users with these ids, in one query (none without ids). */
async function userNames(scope: TenantScope, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (wanted.length === 0) return new Map();
  const rows = await scope.select(users, { where: inArray(users.id, wanted) });
  return new Map(rows.map((u) => [u.id, u.name]));
}

/** The names of the departments with these ids, in one query (none without ids). */
async function orgUnitNames(
  scope: TenantScope,
  ids: readonly (string | null)[],
): Promise<Map<string, { nameZh: string; nameEn: string }>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (wanted.length === 0) return new Map();
  const rows = await scope.select(orgUnits, { where: inArray(orgUnits.id, wanted) });
  return new Map(rows.map((u) => [u.id, u]));
}

/** Commitments with their owners' names: one lookup per kind for all of them, never one per row. */
async function withOwnerNames(
  scope: TenantScope,
  rows: readonly CommitmentRow[],
): Promise<CommitmentListItem[]> {
  const owners = await userNames(
    scope,
    rows.map((r) => r.ownerUserId),
  );
  const units = await orgUnitNames(
    scope,
    rows.map((r) => r.ownerOrgUnitId),
  );
  return rows.map((row) => {
    const unit = row.ownerOrgUnitId ? units.get(row.ownerOrgUnitId) : undefined;
    return {
      ...toCommitmentOutput(row),
      ownerUserName: row.ownerUserId ? (owners.get(row.ownerUserId) ?? null) : null,
      ownerOrgUnitNameZh: unit?.nameZh ?? null,
      ownerOrgUnitNameEn: unit?.nameEn ?? null,
    };
  });
}

async function assertReferences(
  scope: TenantScope,
  data: {
    ownerUserId?: string | null | undefined;
    ownerOrgUnitId?: string | null | undefined;
    counterpartPersonId?: string | null | undefined;
    organizationId?: string | null | undefined;
  },
): Promise<void> {
  await assertRowsExist(scope, users, [data.ownerUserId], 'ownerUserId');
  await assertRowsExist(scope, orgUnits, [data.ownerOrgUnitId], 'ownerOrgUnitId');
  await assertRowsExist(scope, people, [data.counterpartPersonId], 'counterpartPersonId');
  await assertRowsExist(scope, organizations, [data.organizationId], 'organizationId');
}

/** Refuses a department liaison a record of another department, naming the field. */
function assertMayRecord(scope: TenantScope, orgUnitId: string | null | undefined): void {
  scope.assertInDepartments(orgUnitId, 'You may only record commitments of your departments', {
    path: 'ownerOrgUnitId',
    message: 'Choose one of your departments',
  });
}

async function findCommitment(scope: TenantScope, id: string): Promise<CommitmentRow> {
  const row = await scope.first(
    commitments,
    and(
      eq(commitments.id, id),
      isNull(commitments.deletedAt),
      scope.inDepartments(commitments.ownerOrgUnitId),
    ),
  );
  if (!row) throw new AppError('not_found', `Commitment ${id} not found`);
  return row;
}

/** Records a follow-up commitment. */
export async function createCommitment(
  scope: TenantScope,
  input: CreateCommitmentInput,
): Promise<CommitmentOutput> {
  const data = parseInput(createCommitmentInputSchema, input);
  assertMayRecord(scope, data.ownerOrgUnitId);
  await assertReferences(scope, data);
  const row = await scope.create(commitments, 'commitment', {
    id: newId(),
    text: data.text,
    sourceType: data.sourceType ?? null,
    sourceId: data.sourceId ?? null,
    ownerUserId: data.ownerUserId ?? null,
    ownerOrgUnitId: data.ownerOrgUnitId ?? null,
    counterpartPersonId: data.counterpartPersonId ?? null,
    organizationId: data.organizationId ?? null,
    dueOn: data.dueOn ?? null,
    priority: data.priority ?? 'normal',
    status: data.status ?? 'open',
    evidence: data.evidence ?? null,
  });
  return toCommitmentOutput(row);
}

/** A page of commitments with filters; `status=overdue` is derived from the due date. */
export async function listCommitments(
  scope: TenantScope,
  query: CommitmentListQuery,
): Promise<{ items: CommitmentListItem[]; total: number }> {
  const q = parseInput(commitmentListQuerySchema, query);
  const conditions: (SQL | undefined)[] = [
    isNull(commitments.deletedAt),
    scope.inDepartments(commitments.ownerOrgUnitId),
  ];
  if (q.q) conditions.push(ilike(commitments.text, containsPattern(q.q)));
  if (q.status === 'overdue') conditions.push(overdueCondition());
  else if (q.status) conditions.push(eq(commitments.status, q.status));
  if (q.ownerUserId) conditions.push(eq(commitments.ownerUserId, q.ownerUserId));
  if (q.ownerOrgUnitId) conditions.push(eq(commitments.ownerOrgUnitId, q.ownerOrgUnitId));
  if (q.organizationId) conditions.push(eq(commitments.organizationId, q.organizationId));
  if (q.sourceType) conditions.push(eq(commitments.sourceType, q.sourceType));
  if (q.sourceId) conditions.push(eq(commitments.sourceId, q.sourceId));
  if (q.dueBefore) conditions.push(lt(commitments.dueOn, q.dueBefore));
  const priorityRank = sql`case ${commitments.priority} when 'high' then 3 when 'normal' then 2 else 1 end`;
  const result = await scope.page(commitments, {
    where: and(...conditions),
    orderBy: [
      ...orderFromSort(
        q.sort ?? 'dueOn',
        { dueOn: commitments.dueOn, createdAt: commitments.createdAt, priority: priorityRank },
        commitments.id,
      ),
    ],
    page: q.page,
    pageSize: q.pageSize,
  });
  return { items: await withOwnerNames(scope, result.items), total: result.total };
}

/**
 * The commitments a calendar shows: still open (or in progress), due between two dates, within the
 * caller's departments and, when given, one owner or one department.
 */
export async function commitmentsForCalendar(
  scope: TenantScope,
  range: { from: string; to: string; ownerUserId?: string | undefined; ownerOrgUnitId?: string | undefined },
): Promise<CommitmentListItem[]> {
  const rows = await scope.select(commitments, {
    where: and(
      isNull(commitments.deletedAt),
      scope.inDepartments(commitments.ownerOrgUnitId),
      inArray(commitments.status, ['open', 'in_progress']),
      gte(commitments.dueOn, range.from),
      lte(commitments.dueOn, range.to),
      range.ownerUserId ? eq(commitments.ownerUserId, range.ownerUserId) : undefined,
      range.ownerOrgUnitId ? eq(commitments.ownerOrgUnitId, range.ownerOrgUnitId) : undefined,
    ),
    orderBy: [asc(commitments.dueOn), asc(commitments.id)],
    limit: 2000,
  });
  return withOwnerNames(scope, rows);
}

/** One commitment. */
export async function getCommitment(scope: TenantScope, id: string): Promise<CommitmentOutput> {
  return toCommitmentOutput(await findCommitment(scope, id));
}

/** Changes a commitment's fields (version-checked). */
export async function updateCommitment(
  scope: TenantScope,
  id: string,
  input: UpdateCommitmentInput,
): Promise<CommitmentOutput> {
  const { version, ...data } = parseInput(updateCommitmentInputSchema, input);
  return scope.transaction(async (tx) => {
    const before = await findCommitment(tx, id);
    if (data.ownerOrgUnitId !== undefined) assertMayRecord(tx, data.ownerOrgUnitId);
    await assertReferences(tx, data);
    const set: Partial<typeof commitments.$inferInsert> = Object.fromEntries(
      Object.entries(data).filter(([, v]) => v !== undefined),
    );
    // Done through an edit still records who and when; reopening forgets them.
    if (data.status === 'done' && before.status !== 'done') {
      set.completedOn = todayIso();
      set.completedById = tx.actor.id;
    } else if (data.status && data.status !== 'done' && before.status === 'done') {
      set.completedOn = null;
      set.completedById = null;
    }
    return toCommitmentOutput(await tx.change(commitments, 'commitment', id, version, set));
  });
}

/** Marks a commitment done with its evidence, recording who completed it and when. */
export async function completeCommitment(
  scope: TenantScope,
  id: string,
  input: CompleteCommitmentInput,
): Promise<CommitmentOutput> {
  const data = parseInput(completeCommitmentInputSchema, input);
  return scope.transaction(async (tx) => {
    await findCommitment(tx, id);
    const row = await tx.change(
      commitments,
      'commitment',
      id,
      data.version,
      { status: 'done', evidence: data.evidence, completedOn: todayIso(), completedById: tx.actor.id },
      'completed',
    );
    return toCommitmentOutput(row);
  });
}

/** Gives a commitment to another owner user and/or department. */
export async function reassignCommitment(
  scope: TenantScope,
  id: string,
  input: ReassignCommitmentInput,
): Promise<CommitmentOutput> {
  const data = parseInput(reassignCommitmentInputSchema, input);
  return scope.transaction(async (tx) => {
    await findCommitment(tx, id);
    if (data.ownerOrgUnitId !== undefined) assertMayRecord(tx, data.ownerOrgUnitId);
    await assertReferences(tx, data);
    const row = await tx.change(
      commitments,
      'commitment',
      id,
      data.version,
      {
        ...(data.ownerUserId !== undefined ? { ownerUserId: data.ownerUserId } : {}),
        ...(data.ownerOrgUnitId !== undefined ? { ownerOrgUnitId: data.ownerOrgUnitId } : {}),
      },
      'reassigned',
    );
    return toCommitmentOutput(row);
  });
}

/** Soft-deletes a commitment (version-checked). */
export async function deleteCommitment(scope: TenantScope, id: string, version: number): Promise<void> {
  await scope.transaction(async (tx) => {
    await findCommitment(tx, id);
    await tx.change(commitments, 'commitment', id, version, { deletedAt: new Date() }, 'deleted');
  });
}

type BoardColumn = keyof BoardOutput['groups'][number]['counts'];
type BoardCardRow = Pick<CommitmentRow, 'id' | 'text' | 'priority' | 'status'> & {
  key: string | null;
  col: BoardColumn;
  due_on: string | null;
};

// A column's cards in the order the board shows them: the earliest due first (undated last), then
// the latest completed, the latest changed. The partial indexes commitments_board_*_idx hold rows
// in exactly this order, so each column is a short index scan however many commitments there are.
const cardOrder = sql.raw(
  'due_on asc nulls last, completed_on desc nulls last, updated_at desc nulls last, id',
);
const doneCardOrder = sql.raw('completed_on desc nulls last, updated_at desc nulls last, id');
const cardFields = sql.raw('id, text, due_on, priority, status, completed_on, updated_at');

/** The open work grouped per owner or department in columns open, in progress, done and overdue. */
export async function showCommitmentBoard(
  scope: TenantScope,
  query: { by?: string | undefined },
): Promise<BoardOutput> {
  const { by } = parseInput(boardQuerySchema, query);
  const keyColumn = by === 'owner' ? commitments.ownerUserId : commitments.ownerOrgUnitId;
  // Today is written as a literal (it is our own YYYY-MM-DD, never input) so that the grouped
  // expression and the select list are one and the same. The conditions on deleted_at and status
  // are spelt as in the partial indexes' predicates, so the planner can prove they apply.
  const today = sql.raw(`'${todayIso().replace(/[^0-9-]/g, '')}'::date`);
  const reach = scope.departmentReach();
  const live = and(isNull(commitments.deletedAt), scope.inDepartments(commitments.ownerOrgUnitId))!;
  // Counts: never a pass over every commitment. The groups are found by skipping through the board
  // index from one key to the next (a loose index scan), and each column is counted by a short scan
  // of the same index that stops at the cap, so a board costs the same with 500 or 50,000 rows.
  const keyName = sql.raw(by === 'owner' ? 'owner_user_id' : 'owner_org_unit_id');
  const cap = sql.raw(String(boardCountCap));
  const counted = await scope.build(async (qb, tenant) => {
    const base = sql`${tenant(commitments)} and ${live} and ${commitments.status} <> 'dropped'`;
    const capped = (keyMatch: SQL, condition: SQL) =>
      sql`(select count(*)::int from (select 1 from ${commitments} where ${base} and ${keyMatch} and ${condition} limit ${cap}) as capped)`;
    const status = (name: string) => sql`${commitments.status} = ${sql.raw(`'${name}'`)}`;
    const countsOf = (keyMatch: SQL) => sql`
      ${capped(keyMatch, sql`${status('open')} and ${commitments.dueOn} < ${today}`)}
        + ${capped(keyMatch, sql`${status('in_progress')} and ${commitments.dueOn} < ${today}`)} as overdue,
      ${capped(keyMatch, sql`${status('open')} and ${commitments.dueOn} >= ${today}`)}
        + ${capped(keyMatch, sql`${status('open')} and ${commitments.dueOn} is null`)} as open,
      ${capped(keyMatch, sql`${status('in_progress')} and ${commitments.dueOn} >= ${today}`)}
        + ${capped(keyMatch, sql`${status('in_progress')} and ${commitments.dueOn} is null`)} as in_progress,
      ${capped(keyMatch, status('done'))} as done`;
    const result = await qb.execute(sql`
      with recursive keys(key) as (
        (select ${keyName} from ${commitments} where ${base} and ${keyName} is not null order by ${keyName} limit 1)
        union all
        select (select c.${keyName} from ${commitments} c where ${sql.raw('c.')}tenant_id = ${scope.tenantId}
                  and c.deleted_at is null and c.status <> 'dropped' and c.${keyName} > keys.key
                  ${
                    reach === 'college'
                      ? sql``
                      : reach.length === 0
                        ? sql`and false`
                        : sql`and c.owner_org_unit_id in (${sql.join(
                            reach.map((id) => sql`${id}::uuid`),
                            sql`, `,
                          )})`
                  }
                order by c.${keyName} limit 1)
        from keys where keys.key is not null
      )
      select k.key, ${countsOf(sql`${keyName} = k.key`)} from keys k where k.key is not null
      union all
      select null, ${countsOf(sql`${keyName} is null`)}
      order by 1 asc nulls last`);
    return (
      result as unknown as {
        rows: { key: string | null; overdue: number; open: number; in_progress: number; done: number }[];
      }
    ).rows;
  });
  const groups = new Map<string | null, BoardOutput['groups'][number]>();
  const capOf = (n: number) => Math.min(Number(n), boardCountCap);
  for (const row of counted) {
    const counts = {
      open: capOf(row.open),
      in_progress: capOf(row.in_progress),
      done: capOf(row.done),
      overdue: capOf(row.overdue),
    };
    if (counts.open + counts.in_progress + counts.done + counts.overdue === 0) continue;
    groups.set(row.key, {
      key: row.key,
      ownerUserName: null,
      ownerOrgUnitNameZh: null,
      ownerOrgUnitNameEn: null,
      counts,
      columns: { open: [], in_progress: [], done: [], overdue: [] },
    });
  }
  if (groups.size === 0) return { by, countCap: boardCountCap, groups: [] };

  // The groups' owners by name: one lookup for the whole board.
  const groupKeys = [...groups.keys()];
  if (by === 'owner') {
    const names = await userNames(scope, groupKeys);
    for (const group of groups.values())
      group.ownerUserName = group.key ? (names.get(group.key) ?? null) : null;
  } else {
    const names = await orgUnitNames(scope, groupKeys);
    for (const group of groups.values()) {
      const unit = group.key ? names.get(group.key) : undefined;
      group.ownerOrgUnitNameZh = unit?.nameZh ?? null;
      group.ownerOrgUnitNameEn = unit?.nameEn ?? null;
    }
  }

  // Cards: per group and column, the first cards of an index scan (LIMIT per column, never a sort
  // of the whole table). Non-null groups are walked with LATERAL; the unassigned group separately,
  // since `key = null` matches nothing.
  const cardLimit = sql.raw(String(boardCardsPerColumn));
  const cards = await scope.build(async (qb, tenant) => {
    // Ordering by the key too changes nothing (it is one value) but lets the planner see that the
    // index order fits when the key is matched with IS NULL, which it does not treat as equality.
    const pick = (keyMatch: SQL, condition: SQL, order: SQL) =>
      sql`(select ${cardFields} from ${commitments} where ${tenant(commitments)} and ${keyMatch} and ${live} and ${condition} order by ${keyColumn}, ${order} limit ${cardLimit})`;
    const columnsOf = (keyMatch: SQL) => {
      const status = (name: string) => sql`${commitments.status} = ${sql.raw(`'${name}'`)}`;
      const notLate = (name: string) => [
        pick(keyMatch, sql`${status(name)} and ${commitments.dueOn} >= ${today}`, cardOrder),
        pick(keyMatch, sql`${status(name)} and ${commitments.dueOn} is null`, cardOrder),
      ];
      const late = ['open', 'in_progress'].map((name) =>
        pick(keyMatch, sql`${status(name)} and ${commitments.dueOn} < ${today}`, cardOrder),
      );
      const column = (name: BoardColumn, parts: SQL[]) =>
        sql`select ${sql.raw(`'${name}'`)}::text as col, * from (${sql.join(parts, sql` union all `)} order by ${cardOrder} limit ${cardLimit}) as c`;
      return sql.join(
        [
          column('overdue', late),
          column('open', notLate('open')),
          column('in_progress', notLate('in_progress')),
          sql`select 'done'::text as col, * from ${pick(keyMatch, status('done'), doneCardOrder)} as c`,
        ],
        sql` union all `,
      );
    };
    const keys = [...groups.keys()].filter((k): k is string => k !== null);
    const parts: SQL[] = [];
    if (keys.length) {
      parts.push(
        sql`select k.key, c.* from unnest(${`{${keys.join(',')}}`}::uuid[]) as k(key) cross join lateral (${columnsOf(sql`${keyColumn} = k.key`)}) as c`,
      );
    }
    if (groups.has(null))
      parts.push(sql`select null::uuid as key, c.* from (${columnsOf(sql`${keyColumn} is null`)}) as c`);
    const result = await qb.execute(
      sql`select key, col, id, text, due_on, priority, status from (${sql.join(parts, sql` union all `)}) as cards
        order by key, col, case when col = 'done' then null else due_on end asc nulls last, completed_on desc nulls last, updated_at desc nulls last, id`,
    );
    return (result as unknown as { rows: BoardCardRow[] }).rows;
  });
  for (const card of cards) {
    groups.get(card.key)?.columns[card.col].push({
      id: card.id,
      text: card.text,
      dueOn: card.due_on,
      priority: card.priority,
      status: card.status,
      overdue: card.col === 'overdue',
    });
  }
  return { by, countCap: boardCountCap, groups: [...groups.values()] };
}

/** The caller's (and their departments') overdue commitments and those due within seven days. */
export async function listCommitmentReminders(
  scope: TenantScope,
  user: { id: string; orgUnitIds: string[] },
): Promise<{ overdue: CommitmentOutput[]; dueSoon: CommitmentOutput[] }> {
  const today = todayIso();
  const mine = user.orgUnitIds.length
    ? or(eq(commitments.ownerUserId, user.id), inArray(commitments.ownerOrgUnitId, user.orgUnitIds))
    : eq(commitments.ownerUserId, user.id);
  const rows = await scope.select(commitments, {
    where: and(
      isNull(commitments.deletedAt),
      notInArray(commitments.status, ['done', 'dropped']),
      lte(commitments.dueOn, addDays(today, 7)),
      mine,
    ),
    orderBy: [asc(commitments.dueOn), asc(commitments.id)],
    limit: 500,
  });
  const items = rows.map(toCommitmentOutput);
  return { overdue: items.filter((i) => i.overdue), dueSoon: items.filter((i) => !i.overdue) };
}

/** Moves every commitment about organization `fromId` over to `toId`; returns the rows changed. */
export async function moveOrganizationReferences(
  scope: TenantScope,
  fromId: string,
  toId: string,
): Promise<number> {
  if (fromId === toId) return 0;
  return scope.updateRaw(commitments, eq(commitments.organizationId, fromId), {
    organizationId: toId,
    updatedAt: new Date(),
  });
}

/** The commitments about an organization, for its history. */
export async function historyOfOrganization(
  scope: TenantScope,
  organizationId: string,
): Promise<HistoryItem[]> {
  const rows = await scope.select(commitments, {
    where: and(eq(commitments.organizationId, organizationId), isNull(commitments.deletedAt)),
  });
  return rows.map((r) => ({
    kind: 'commitment' as const,
    id: r.id,
    date: r.dueOn ?? r.createdAt.toISOString().slice(0, 10),
    titleZh: r.text,
    titleEn: r.text,
    status: isOverdue(r) ? 'overdue' : r.status,
  }));
}
