import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/test-database.ts';
import { enqueueJob, JobRunner } from '../platform/jobs.ts';
import { createLogger } from '../platform/logger.ts';
import type { DatabaseHandle } from './client.ts';
import { registerDatabaseMaintenance, vacuumKind } from './maintenance.ts';

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

describe('database maintenance', () => {
  it('vacuums and analyzes the embedded database by a job, as autovacuum would', async () => {
    const runner = new JobRunner({ db: handle.db, log: createLogger('silent') });
    registerDatabaseMaintenance(runner, handle.driver);
    await handle.db.execute(sql`create table maintenance_probe (n int)`);
    await handle.db.execute(sql`insert into maintenance_probe select generate_series(1, 1000)`);
    await handle.db.execute(sql`delete from maintenance_probe where n % 2 = 0`);
    await enqueueJob(handle.db, { kind: vacuumKind });
    expect(await runner.runDue()).toBe(1);
    await handle.db.execute(sql`select pg_stat_force_next_flush()`);
    await handle.db.execute(sql`select pg_stat_clear_snapshot()`);
    const rows = (await handle.db.execute(
      sql`select vacuum_count::int as vacuums, analyze_count::int as analyzes from pg_stat_user_tables where relname = 'maintenance_probe'`,
    )) as unknown as { rows: { vacuums: number; analyzes: number }[] };
    // PostgreSQL servers vacuum themselves; the job only acts on the embedded database.
    expect(rows.rows[0]).toEqual(
      handle.driver === 'pglite' ? { vacuums: 1, analyzes: 1 } : { vacuums: 0, analyzes: 0 },
    );
    const done = (await handle.db.execute(
      sql`select count(*)::int as n from jobs where kind = ${vacuumKind} and status = 'done'`,
    )) as unknown as { rows: { n: number }[] };
    expect(done.rows[0]?.n).toBe(1);
  });
});
