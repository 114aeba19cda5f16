/**
 * Backup and restore benchmark: the records benchmark's data set (10,000 partners, 30,000 people,
 * 100,000 engagements, 50,000 commitments at scale 1) is generated in a fresh database, backed up to
 * one archive and restored into another fresh database. Reports both times, the archive's size and
 * the process's memory. PGlite by default; DATABASE_URL (an empty database) and RESTORE_URL (another)
 * for PostgreSQL.
 *
 *   node bin/run-ts.js bench/backup.bench.ts [--scale 1]
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { restoreBackup, writeBackup } from '../src/db/backup.ts';
import { openDatabase } from '../src/db/client.ts';
import { migrateDatabase } from '../src/db/migrate.ts';
import { generateRecords } from './generate-records.ts';

const { values } = parseArgs({ options: { scale: { type: 'string', default: '1' } } });
const work = mkdtempSync(join(tmpdir(), 'concord-backup-bench-'));
const rss = () => process.memoryUsage().rss / 1024 / 1024;
let peak = 0;
const sampler = setInterval(() => {
  peak = Math.max(peak, rss());
}, 100);
try {
  const source = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: join(work, 'a') });
  const target = await openDatabase({ databaseUrl: process.env.RESTORE_URL, dataDir: join(work, 'b') });
  try {
    await migrateDatabase(source);
    await migrateDatabase(target);
    await generateRecords(source.db, 'bench', Number(values.scale));
    const count = async (h: typeof source) =>
      Number(
        (
          (await h.db.execute(sql`select count(*)::int as n from engagements`)) as unknown as {
            rows: { n: number }[];
          }
        ).rows[0]?.n,
      );
    const file = join(work, 'backup.zip');
    const before = rss();
    peak = before;
    const t0 = performance.now();
    const manifest = await writeBackup(source, join(work, 'a'), file);
    const backupSeconds = (performance.now() - t0) / 1000;
    const backupPeak = peak;
    const t1 = performance.now();
    await restoreBackup(target, join(work, 'b'), file);
    const restoreSeconds = (performance.now() - t1) / 1000;
    const rows = Object.values(manifest.tables).reduce((n, t) => n + t.rows, 0);
    process.stdout.write(
      `${[
        `${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}: ${rows} rows in ${Object.keys(manifest.tables).length} tables (${await count(source)} engagements), archive ${(statSync(file).size / 1024 / 1024).toFixed(1)} MB`,
        `backup ${backupSeconds.toFixed(1)} s (budget 60 s), process RSS ${before.toFixed(0)} → peak ${backupPeak.toFixed(0)} MB`,
        `restore ${restoreSeconds.toFixed(1)} s (budget 120 s), process RSS peak ${peak.toFixed(0)} MB; ${await count(target)} engagements restored`,
      ].join('\n')}\n`,
    );
  } finally {
    await source.close();
    await target.close();
  }
} finally {
  clearInterval(sampler);
  rmSync(work, { recursive: true, force: true });
}
