import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../src/db/client.ts';
import { migrateDatabase } from '../src/db/migrate.ts';

/**
 * A fresh migrated database for one test file: a copy of the run's migrated PGlite, or, when
 * DATABASE_URL is set, a new PostgreSQL database that `close()` drops.
 */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const tar = readFileSync(inject('pgliteDump'));
    return openDatabase({ dataDir: 'memory://', loadDataDir: new Blob([tar]) });
  }
  const name = `concord_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: url.toString(), poolSize: 5 });
  await migrateDatabase(handle);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const drop = new pg.Client({ connectionString: adminUrl });
      await drop.connect();
      await drop.query(`drop database if exists ${name} with (force)`);
      await drop.end();
    },
  };
}

/** The connection string of a test database on PostgreSQL (for tests that start extra processes). */
export function databaseUrlOf(handle: DatabaseHandle): string | undefined {
  const options = (handle.pool as unknown as { options?: { connectionString?: string } } | undefined)
    ?.options;
  return options?.connectionString;
}
