import { inArray } from 'drizzle-orm';
import type { RecordTable, TenantScope } from '../db/tenant-scope.ts';
import { AppError } from './errors.ts';

/** Refuses with a field error unless every id names a row of the table in this college. */
export async function assertRowsExist(
  scope: TenantScope,
  table: RecordTable,
  ids: readonly (string | null | undefined)[],
  path: string,
): Promise<void> {
  const wanted = [...new Set(ids.filter((id): id is string => typeof id === 'string'))];
  if (wanted.length === 0) return;
  const found = await scope.count(table, inArray(table.id, wanted));
  if (found !== wanted.length) {
    throw new AppError('validation_failed', `Unknown reference in ${path}`, [
      { path, code: 'not_found', message: 'This record does not exist' },
    ]);
  }
}

/** A LIKE pattern matching the text anywhere, with wildcards in it taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[%_\\]/g, (m) => `\\${m}`)}%`;
}

/** Today's date (YYYY-MM-DD, UTC), the day read-time rules compare against. */
export function todayIso(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** The day `days` after a YYYY-MM-DD date. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
