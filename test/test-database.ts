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
  const { url, drop } = await createPostgresDatabase(adminUrl, 'concord_t');
  const handle = await openDatabase({ databaseUrl: url, poolSize: 5 });
  await migrateDatabase(handle);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await drop();
    },
  };
}

/** The connection string of a test database on PostgreSQL (for tests that start extra processes). */
export function databaseUrlOf(handle: DatabaseHandle): string | undefined {
  const options = (handle.pool as unknown as { options?: { connectionString?: string } } | undefined)
    ?.options;
  return options?.connectionString;
}

/** A new empty PostgreSQL database beside the one `adminUrl` names, and how to drop it. */
export async function createPostgresDatabase(
  adminUrl: string,
  prefix: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const run = async (statement: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await run(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`drop database if exists ${name} with (force)`) };
}
