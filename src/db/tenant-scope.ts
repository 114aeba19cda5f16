import {
  and,
  asc,
  count,
  desc,
  eq,
  getTableColumns,
  getTableName,
  type InferInsertModel,
  type InferSelectModel,
  inArray,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import { timelineEvents } from '../features/audit/audit.table.ts';
import { AppError, type FieldIssue } from '../platform/errors.ts';
import type { PageCache } from '../platform/page-cache.ts';
import { can, type Permission } from '../platform/permissions.ts';
import type { Database } from './client.ts';

/** Any table whose rows belong to a tenant. */
export type TenantTable = PgTable & { tenantId: AnyPgColumn };
/** A tenant table with the standard record columns (id, version, updated_at). */
export type RecordTable = TenantTable & { id: AnyPgColumn; version: AnyPgColumn; updatedAt: AnyPgColumn };

/** The values of a new row, without `tenant_id` (the scope sets it). */
export type InsertValues<T extends PgTable> = {
  [K in keyof InferInsertModel<T> as K extends 'tenantId' ? never : K]: InferInsertModel<T>[K];
};

/** Who is acting, for the timeline. */
export interface Actor {
  id: string | null;
  name: string | null;
  requestId?: string | null;
}

/**
 * Who is calling: the actor named on the timeline, their roles and the departments a department
 * liaison works for. Anonymous callers have no roles; background work acts as the `system` role.
 */
export interface Caller {
  actor: Actor;
  roles: readonly string[];
  departments: readonly string[];
}

/** The role of background work and operator commands: everything within one college. */
export const systemRole = 'system';

/** Roles that reach every department's records. */
const collegeWideRoles = new Set(['platform_admin', 'college_admin', 'cooperation_officer', systemRole]);
/** Roles that read every department's records but write none (their writes are refused by permission). */
const readOnlyRecordRoles = new Set(['editor', 'reviewer', 'viewer']);

/** The caller of background work and operator commands, named on the timeline. */
export function systemCaller(name = 'system', requestId: string | null = null): Caller {
  return { actor: { id: null, name, requestId }, roles: [systemRole], departments: [] };
}

/** The caller of a request without a session: may read public data only. */
export function anonymousCaller(requestId: string | null = null): Caller {
  return { actor: { id: null, name: null, requestId }, roles: [], departments: [] };
}

/** What the work of one request or job may reach beside the database. */
export interface ScopeEffects {
  /** Rendered public pages; absent where nothing is cached (CLI, tests without a server). */
  pageCache?: PageCache | null;
}

/** Work that must happen only once the current transaction has committed. */
export type AfterCommitWork = () => Promise<void> | void;

/** A change between two values of one field. */
export type Diff = Record<string, { from?: unknown; to?: unknown }>;

export interface SelectOptions {
  where?: SQL | undefined;
  orderBy?: (SQL | AnyPgColumn)[];
  limit?: number;
  offset?: number;
  /** Lock the rows until the transaction ends (SELECT … FOR UPDATE). */
  forUpdate?: boolean;
}

const ignoredInDiff = new Set(['updatedAt', 'version', 'createdAt', 'tenantId']);
const redactedInDiff = new Set(['passwordHash']);

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The field-by-field difference between two versions of a row; secrets appear only as "changed". */
export function diffRows(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): Diff {
  const diff: Diff = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const key of keys) {
    if (ignoredInDiff.has(key)) continue;
    const from = before?.[key];
    const to = after?.[key];
    if (before && after && sameValue(from, to)) continue;
    if (redactedInDiff.has(key)) {
      diff[key] = { from: before ? '[redacted]' : undefined, to: after ? '[redacted]' : undefined };
      continue;
    }
    diff[key] = {
      ...(before ? { from: from ?? null } : {}),
      ...(after ? { to: to ?? null } : {}),
    };
  }
  return diff;
}

/**
 * The one scope of a request or job, and the only way feature code reaches the database: it carries
 * the college, the caller (actor, roles, departments) and the after-commit work. Every read and
 * write is limited to one college, every change writes its timeline event in the same transaction,
 * updates check `version`, and department conditions come from the caller, refusing by default.
 */
export class TenantScope {
  constructor(
    private readonly db: Database,
    readonly tenantId: string,
    readonly caller: Caller,
    private readonly effects: ScopeEffects = {},
    /** Set inside a transaction: the work to run once the outermost transaction commits. */
    private readonly commitQueue: AfterCommitWork[] | null = null,
  ) {}

  /** Who is named on the timeline for this scope's changes. */
  get actor(): Actor {
    return this.caller.actor;
  }

  /** Tells whether the caller's roles grant a permission (the system caller has every one). */
  may(permission: Permission): boolean {
    return this.caller.roles.includes(systemRole) || can(this.caller.roles, permission);
  }

  /**
   * The departments whose records the caller reaches: `'college'` for college-wide roles and for
   * read-only staff, the liaison's own departments (possibly none) for a department liaison.
   * A caller with no staff role (anonymous) is refused: there is no default reach.
   */
  departmentReach(): 'college' | readonly string[] {
    const { roles, departments } = this.caller;
    if (roles.some((r) => collegeWideRoles.has(r))) return 'college';
    if (roles.includes('department_liaison')) return departments;
    if (roles.some((r) => readOnlyRecordRoles.has(r))) return 'college';
    throw new AppError('forbidden', 'This needs a signed-in member of the college');
  }

  /** True when the caller reaches every department of the college. */
  get collegeWide(): boolean {
    return this.departmentReach() === 'college';
  }

  /**
   * The condition limiting rows to the caller's departments by the column naming a row's
   * department: none for college-wide callers, nothing at all for a liaison without departments.
   */
  inDepartments(column: AnyPgColumn): SQL | undefined {
    const reach = this.departmentReach();
    if (reach === 'college') return undefined;
    if (reach.length === 0) return sql`false`;
    return inArray(column, [...reach]);
  }

  /** Refuses (`forbidden`) unless the department is one the caller reaches; names the field when given. */
  assertInDepartments(
    orgUnitId: string | null | undefined,
    message = 'You may only change records of your own departments',
    field?: { path: string; message: string },
  ): void {
    const reach = this.departmentReach();
    if (reach === 'college') return;
    if (orgUnitId && reach.includes(orgUnitId)) return;
    const details: FieldIssue[] | undefined = field
      ? [{ path: field.path, code: 'forbidden', message: field.message }]
      : undefined;
    throw new AppError('forbidden', message, details);
  }

  /** Refuses (`forbidden`) a caller limited to some departments. */
  assertCollegeWide(message: string): void {
    if (this.departmentReach() !== 'college') throw new AppError('forbidden', message);
  }

  /**
   * Runs work once the changes made so far are committed: at the end of the outermost transaction
   * (never if it rolls back), or at once outside a transaction. The one home of after-commit work.
   */
  async afterCommit(work: AfterCommitWork): Promise<void> {
    if (this.commitQueue) this.commitQueue.push(work);
    else await work();
  }

  /** Drops cached public pages by tag once the current transaction commits. */
  async invalidatePages(tags: readonly string[]): Promise<void> {
    const cache = this.effects.pageCache;
    if (!cache || tags.length === 0) return;
    await this.afterCommit(() => cache.invalidate(tags));
  }

  /** The condition limiting a table to this tenant, combined with more conditions. */
  where(table: TenantTable, ...conditions: (SQL | undefined)[]): SQL {
    return and(eq(table.tenantId, this.tenantId), ...conditions)!;
  }

  /** Rows of a tenant table matching the options. */
  async select<T extends TenantTable>(table: T, options: SelectOptions = {}): Promise<InferSelectModel<T>[]> {
    let query = this.db
      .select()
      .from(table as PgTable)
      .where(this.where(table, options.where))
      .$dynamic();
    if (options.orderBy?.length) query = query.orderBy(...options.orderBy);
    if (options.limit !== undefined) query = query.limit(options.limit);
    if (options.offset !== undefined) query = query.offset(options.offset);
    if (options.forUpdate) query = query.for('update');
    return (await query) as InferSelectModel<T>[];
  }

  /** The first matching row, or undefined. */
  async first<T extends TenantTable>(
    table: T,
    where?: SQL,
    orderBy?: SQL | AnyPgColumn,
  ): Promise<InferSelectModel<T> | undefined> {
    const rows = await this.select(table, { where, limit: 1, ...(orderBy ? { orderBy: [orderBy] } : {}) });
    return rows[0];
  }

  /** The number of matching rows. */
  async count(table: TenantTable, where?: SQL): Promise<number> {
    const [row] = await this.db
      .select({ n: count() })
      .from(table as PgTable)
      .where(this.where(table, where));
    return Number(row?.n ?? 0);
  }

  /** A page of rows and the total, the shape every list endpoint answers. */
  async page<T extends TenantTable>(
    table: T,
    options: { where?: SQL | undefined; orderBy: (SQL | AnyPgColumn)[]; page: number; pageSize: number },
  ): Promise<{ items: InferSelectModel<T>[]; total: number }> {
    // One after the other: a scope bound to a transaction has a single connection.
    const items = await this.select(table, {
      where: options.where,
      orderBy: options.orderBy,
      limit: options.pageSize,
      offset: (options.page - 1) * options.pageSize,
    });
    const total = await this.count(table, options.where);
    return { items, total };
  }

  /**
   * Builds a query this layer cannot express (joins, aggregates). The callback receives the
   * condition factory it must apply to every tenant table it touches; reviews look for it.
   */
  async build<R>(fn: (db: Database, tenant: (table: TenantTable) => SQL) => Promise<R>): Promise<R> {
    return fn(this.db, (table) => eq(table.tenantId, this.tenantId));
  }

  /**
   * Runs the callback in one transaction with a scope bound to it. Work queued with `afterCommit`
   * inside runs after the outermost transaction commits (a nested one hands it to its parent).
   */
  async transaction<R>(fn: (scope: TenantScope) => Promise<R>): Promise<R> {
    const queue: AfterCommitWork[] = [];
    const result = await this.db.transaction(async (tx) =>
      fn(new TenantScope(tx as unknown as Database, this.tenantId, this.caller, this.effects, queue)),
    );
    if (this.commitQueue) this.commitQueue.push(...queue);
    else for (const work of queue) await work();
    return result;
  }

  /** The same college and transaction with the timeline naming another actor (the caller's rights stay). */
  as(actor: Actor): TenantScope {
    return new TenantScope(this.db, this.tenantId, { ...this.caller, actor }, this.effects, this.commitQueue);
  }

  /**
   * The same college acting for another caller with that caller's own rights, for work done on a
   * person's behalf without their session (a calendar app reading the person's feed).
   */
  forCaller(caller: Caller): TenantScope {
    return new TenantScope(this.db, this.tenantId, caller, this.effects, this.commitQueue);
  }

  /** The same college and transaction acting as the system (changes no user asked for, such as expiry). */
  asSystem(): TenantScope {
    return new TenantScope(
      this.db,
      this.tenantId,
      systemCaller('system', this.actor.requestId ?? null),
      this.effects,
      this.commitQueue,
    );
  }

  /** Inserts rows without a timeline event (for rows that are not records, such as sessions). */
  async insertRaw<T extends TenantTable>(
    table: T,
    values: InsertValues<NoInfer<T>>,
  ): Promise<InferSelectModel<T>> {
    const [row] = await this.db
      .insert(table as PgTable)
      .values({ ...values, tenantId: this.tenantId } as never)
      .returning();
    return row as InferSelectModel<T>;
  }

  /** Updates rows without a timeline event or version check (bookkeeping columns only). */
  async updateRaw<T extends TenantTable>(
    table: T,
    where: SQL,
    set: Partial<InferInsertModel<NoInfer<T>>>,
  ): Promise<number> {
    const rows = await this.db
      .update(table as PgTable)
      .set(set as never)
      .where(this.where(table, where))
      .returning({ one: sql`1` });
    return rows.length;
  }

  /** Deletes rows without a timeline event (bookkeeping rows only: user data is soft-deleted). */
  async deleteRaw(table: TenantTable, where: SQL): Promise<number> {
    const rows = await this.db
      .delete(table as PgTable)
      .where(this.where(table, where))
      .returning({ one: sql`1` });
    return rows.length;
  }

  /** Appends a timeline event in the current transaction. */
  async recordEvent(event: {
    verb: string;
    subjectType: string;
    subjectId: string;
    diff?: Diff;
  }): Promise<void> {
    await this.db.insert(timelineEvents).values({
      tenantId: this.tenantId,
      actorId: this.actor.id,
      actorName: this.actor.name,
      verb: event.verb,
      subjectType: event.subjectType,
      subjectId: event.subjectId,
      diff: event.diff ?? {},
      requestId: this.actor.requestId ?? null,
    });
  }

  /**
   * Creates many records of one table and their `<subject>.created` events (plus any extra events),
   * a few hundred rows per statement: for imports, where one statement per row is the cost.
   */
  async createMany<T extends RecordTable>(
    table: T,
    subjectType: string,
    rows: (InsertValues<NoInfer<T>> & { id: string })[],
    extraEvents: (id: string) => { verb: string; diff?: Diff }[] = () => [],
  ): Promise<{ id: string; version: number }[]> {
    if (rows.length === 0) return [];
    return this.transaction(async (scope) => {
      // Only ids and versions are kept: an import of 100,000 rows holds no more than that.
      const created: { id: string; version: number }[] = [];
      for (let i = 0; i < rows.length; i += 500) {
        const batch = rows.slice(i, i + 500).map((v) => ({ ...v, tenantId: this.tenantId }));
        await scope.insertJson(table, batch as Record<string, unknown>[]);
        // Read back through the query layer, so defaults and types are the table's own.
        const ids = batch.map((r) => r.id);
        const inserted = await scope.select(table, { where: inArray(table.id, ids) });
        const order = new Map(ids.map((id, n) => [id, n]));
        inserted.sort((a, b) => order.get((a as { id: string }).id)! - order.get((b as { id: string }).id)!);
        const events = inserted.flatMap((row) => {
          const id = (row as { id: string }).id;
          return [
            { verb: `${subjectType}.created`, diff: diffRows(null, row as Record<string, unknown>) },
            ...extraEvents(id),
          ].map((e) => ({
            tenantId: this.tenantId,
            actorId: this.actor.id,
            actorName: this.actor.name,
            verb: e.verb,
            subjectType,
            subjectId: id,
            diff: e.diff ?? {},
            requestId: this.actor.requestId ?? null,
          }));
        });
        for (let j = 0; j < events.length; j += 1000) {
          await scope.insertJson(timelineEvents, events.slice(j, j + 1000));
        }
        for (const row of inserted) {
          const r = row as { id: string; version: number };
          created.push({ id: r.id, version: r.version });
        }
      }
      return created;
    });
  }

  /**
   * Inserts many rows as one JSON parameter (`json_populate_recordset`) instead of one parameter per
   * value: for imports, where building statements of thousands of parameters costs more than the
   * writing. Rows are grouped by the columns they give, so a column left out takes its default. No
   * timeline event: for bookkeeping rows, or records whose events the caller writes (`createMany`).
   */
  async insertMany<T extends TenantTable>(table: T, values: InsertValues<NoInfer<T>>[]): Promise<void> {
    for (let i = 0; i < values.length; i += 1000) {
      const batch = values.slice(i, i + 1000).map((v) => ({ ...v, tenantId: this.tenantId }));
      await this.insertJson(table, batch as Record<string, unknown>[]);
    }
  }

  private async insertJson(table: TenantTable, rows: Record<string, unknown>[]): Promise<void> {
    const columns = Object.entries(getTableColumns(table as PgTable) as Record<string, AnyPgColumn>);
    const groups = new Map<string, Record<string, unknown>[]>();
    for (const row of rows) {
      let keys = '';
      for (const [k] of columns) if (row[k] !== undefined) keys += keys ? `,${k}` : k;
      const group = groups.get(keys);
      if (group) group.push(row);
      else groups.set(keys, [row]);
    }
    const name = getTableName(table as PgTable);
    const dbName = new Map(columns.map(([k, c]) => [k, c.name]));
    for (const [keys, group] of groups) {
      const list = keys.split(',').map((k) => [k, dbName.get(k)!] as const);
      const json = JSON.stringify(group.map((row) => Object.fromEntries(list.map(([k, c]) => [c, row[k]]))));
      const cols = sql.raw(list.map(([, column]) => `"${column}"`).join(', '));
      await this.db.execute(
        sql`insert into ${sql.identifier(name)} (${cols}) select ${cols} from json_populate_recordset(null::${sql.identifier(name)}, ${json}::json)`,
      );
    }
  }

  /** Creates a record and its `<subject>.created` timeline event in one transaction. */
  async create<T extends RecordTable>(
    table: T,
    subjectType: string,
    values: InsertValues<NoInfer<T>> & { id: string },
  ): Promise<InferSelectModel<T>> {
    return this.transaction(async (scope) => {
      const row = await scope.insertRaw(table, values);
      await scope.recordEvent({
        verb: `${subjectType}.created`,
        subjectType,
        subjectId: values.id,
        diff: diffRows(null, row as Record<string, unknown>),
      });
      return row;
    });
  }

  /**
   * Updates one record if its version is still `expectedVersion` (else 409 `conflict`), bumps the
   * version and writes the timeline event with the diff, all in one transaction.
   * Pass `expectedVersion: null` for system changes that must not be refused (e.g. expiry).
   */
  async change<T extends RecordTable>(
    table: T,
    subjectType: string,
    id: string,
    expectedVersion: number | null,
    set: Partial<InferInsertModel<NoInfer<T>>>,
    verb = 'updated',
  ): Promise<InferSelectModel<T>> {
    return this.transaction(async (scope) => {
      const [before] = (await scope.db
        .select()
        .from(table as PgTable)
        .where(scope.where(table, eq(table.id, id)))
        .for('update')) as InferSelectModel<T>[];
      if (!before) throw new AppError('not_found', `${subjectType} ${id} not found`);
      const current = (before as { version: number }).version;
      if (expectedVersion !== null && current !== expectedVersion) {
        throw new AppError(
          'conflict',
          `${subjectType} ${id} is at version ${current}, not ${expectedVersion}`,
          {
            currentVersion: current,
          },
        );
      }
      const [after] = (await scope.db
        .update(table as PgTable)
        .set({ ...set, version: current + 1, updatedAt: new Date() } as never)
        .where(scope.where(table, eq(table.id, id)))
        .returning()) as InferSelectModel<T>[];
      const diff = diffRows(before as Record<string, unknown>, after as Record<string, unknown>);
      if (Object.keys(diff).length > 0) {
        await scope.recordEvent({ verb: `${subjectType}.${verb}`, subjectType, subjectId: id, diff });
      }
      return after as InferSelectModel<T>;
    });
  }
}

/** Sort helper: `name` → ascending, `-name` → descending, limited to an allow-list of columns. */
export function orderFromSort(
  sort: string | undefined,
  columns: Record<string, AnyPgColumn | SQL>,
  fallback: SQL | AnyPgColumn,
): (SQL | AnyPgColumn)[] {
  if (!sort) return [fallback];
  const descending = sort.startsWith('-');
  const key = descending ? sort.slice(1) : sort;
  const column = columns[key];
  if (!column) {
    throw new AppError('validation_failed', `Cannot sort by ${key}`, [
      {
        path: 'sort',
        code: 'invalid_value',
        message: `sort must be one of ${Object.keys(columns).join(', ')}`,
      },
    ]);
  }
  const expr = column;
  return [descending ? desc(expr) : asc(expr), fallback];
}

export { getTableColumns };
