import {
  and,
  asc,
  count,
  desc,
  eq,
  getTableColumns,
  type InferInsertModel,
  type InferSelectModel,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import { timelineEvents } from '../features/audit/audit.table.ts';
import { AppError } from '../platform/errors.ts';
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

export const systemActor: Actor = { id: null, name: 'system' };

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
 * The only way feature code reaches the database: every read and write is limited to one tenant,
 * every change writes its timeline event in the same transaction, and updates check `version`.
 */
export class TenantScope {
  constructor(
    private readonly db: Database,
    readonly tenantId: string,
    readonly actor: Actor = systemActor,
  ) {}

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

  /** Runs the callback in one transaction with a scope bound to it. */
  async transaction<R>(fn: (scope: TenantScope) => Promise<R>): Promise<R> {
    return this.db.transaction(async (tx) =>
      fn(new TenantScope(tx as unknown as Database, this.tenantId, this.actor)),
    );
  }

  /** The same tenant acting as someone else (e.g. the system in a job). */
  as(actor: Actor): TenantScope {
    return new TenantScope(this.db, this.tenantId, actor);
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
