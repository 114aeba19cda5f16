import { sql } from 'drizzle-orm';
import { type JobRunner, scheduleRecurringJob } from '../platform/jobs.ts';
import type { Database, DatabaseHandle } from './client.ts';

/** The job that keeps the embedded database vacuumed and its statistics fresh. */
export const vacuumKind = 'database.vacuum';

/** How often the embedded database is vacuumed. */
const vacuumEveryMs = 6 * 3_600_000;

/**
 * PGlite runs no autovacuum: without this, dead row versions accumulate forever, counts read ever
 * more pages and index-only scans never happen. PostgreSQL servers vacuum themselves, so there the
 * job does nothing.
 */
export function registerDatabaseMaintenance(runner: JobRunner, driver: DatabaseHandle['driver']): void {
  runner.register(vacuumKind, async ({ db, log }) => {
    if (driver !== 'pglite') return;
    const started = performance.now();
    await db.execute(sql`VACUUM (ANALYZE)`);
    log.info({ ms: Math.round(performance.now() - started) }, 'vacuumed the embedded database');
  });
}

/** Queues the vacuum every six hours (idempotent); the first run is six hours after the first start. */
export async function scheduleDatabaseMaintenance(db: Database): Promise<void> {
  await scheduleRecurringJob(db, vacuumKind, vacuumEveryMs);
}
