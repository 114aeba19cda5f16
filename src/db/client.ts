import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { type DataDirLock, lockDataDir } from './data-dir-lock.ts';

/** The query builder both drivers share. Feature code never holds one: it gets a TenantScope. */
export type Database = PgDatabase<PgQueryResultHKT>;

/** An open database with its driver kind and a way to close it. */
export interface DatabaseHandle {
  db: Database;
  driver: 'pglite' | 'postgres';
  /** Runs raw SQL outside drizzle (for LISTEN/NOTIFY, dumps and tests). */
  close(): Promise<void>;
  /** Present only for PGlite: the embedded instance. */
  pglite?: PGlite;
  /** Present only for PostgreSQL: the connection pool. */
  pool?: pg.Pool;
}

export interface OpenOptions {
  databaseUrl?: string | undefined;
  /** PGlite data directory; `memory://` for an in-memory database. */
  dataDir?: string;
  /** A PGlite tarball (from `dumpDataDir`) to start from, for fast test databases. */
  loadDataDir?: Blob | File;
  /** Who is opening the directory, for the lock's refusal message. */
  purpose?: string;
  poolSize?: number;
}

// Paths go through the project root so they hold in the sources and in the built server (dist/server).
/** Small buffers: one college's working set fits, and the embedded server stays within its memory budget. */
const pgliteSettings = ['shared_buffers = 16MB', 'wal_buffers = 1MB'];
const initScript = fileURLToPath(new URL('../../src/db/init-data-dir.js', import.meta.url));

/** Creates an empty data directory in a child process (see init-data-dir.js for why). */
function initDataDir(pgDir: string): void {
  if (existsSync(`${pgDir}/PG_VERSION`)) return;
  const result = spawnSync(process.execPath, [initScript, pgDir], {
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  if (result.status !== 0)
    throw new Error(`Could not create the embedded database in ${pgDir}: ${result.stderr}`);
}

/** Opens PostgreSQL when a URL is given, otherwise the embedded PGlite (taking the data-directory lock). */
export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    pool.on('error', () => {
      // An idle client lost its connection; the pool replaces it. Queries in flight report their own errors.
    });
    const db = drizzlePg(pool) as unknown as Database;
    return { db, driver: 'postgres', pool, close: () => pool.end() };
  }
  const dataDir = options.dataDir ?? './data';
  let lock: DataDirLock | undefined;
  let pgDir: string | undefined;
  if (!dataDir.startsWith('memory://')) {
    mkdirSync(dataDir, { recursive: true });
    lock = lockDataDir(dataDir, options.purpose ?? 'concord');
    pgDir = `${dataDir}/pg`;
  }
  try {
    if (pgDir) initDataDir(pgDir);
    const pglite = await PGlite.create({
      postgresqlconf: pgliteSettings,
      ...(pgDir ? { dataDir: pgDir } : {}),
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
      extensions: { pg_trgm },
    });
    const db = drizzlePglite(pglite) as unknown as Database;
    return {
      db,
      driver: 'pglite',
      pglite,
      close: async () => {
        await pglite.close();
        lock?.release();
      },
    };
  } catch (err) {
    lock?.release();
    throw err;
  }
}
