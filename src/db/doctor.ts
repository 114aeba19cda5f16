import { readdir, readFile, statfs } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { sql } from 'drizzle-orm';
import type { Config } from '../config.ts';
import { type DatabaseHandle, openDatabase } from './client.ts';

/** One finding of `concord doctor`: what was checked, whether it is fine, and what to do when not. */
export interface Finding {
  check: string;
  ok: boolean;
  detail: string;
  fix?: string;
}

const rowsOf = (result: unknown) => (result as { rows: Record<string, unknown>[] }).rows;

async function filesUnder(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string) => {
    for (const e of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      const path = join(dir, e.name);
      if (e.isDirectory()) await walk(path);
      else if (e.isFile()) out.push(relative(root, path).split(sep).join('/'));
    }
  };
  await walk(root);
  return out;
}

/** The stored-file keys the records point at: uploaded originals, their renditions, agreement scans. */
async function referencedKeys(handle: DatabaseHandle): Promise<Set<string>> {
  const rows = rowsOf(
    await handle.db.execute(sql`select original_key as k from media
      union select d->>'storageKey' from media, jsonb_array_elements(derivatives) d
      union select storage_key from agreement_files`),
  );
  return new Set(rows.map((r) => String(r.k)));
}

/**
 * Checks what an operator needs to know is right: the configuration, the database and its migration
 * level, the embedded database's lock, free disk, and that stored files and their records match.
 */
export async function runDoctor(config: Config): Promise<Finding[]> {
  const findings: Finding[] = [];
  const driver = config.DATABASE_URL ? 'PostgreSQL' : 'the embedded database';
  findings.push({ check: 'configuration', ok: true, detail: `${driver}; data directory ${config.DATA_DIR}` });

  try {
    const disk = await statfs(config.DATA_DIR);
    const freeGb = (Number(disk.bavail) * Number(disk.bsize)) / 1024 ** 3;
    findings.push({
      check: 'free disk',
      ok: freeGb >= 1,
      detail: `${freeGb.toFixed(1)} GB free where the data directory is`,
      ...(freeGb < 1
        ? { fix: 'Free space or move DATA_DIR: uploads, imports and the embedded database need room.' }
        : {}),
    });
  } catch {
    findings.push({
      check: 'data directory',
      ok: false,
      detail: `${config.DATA_DIR} does not exist or cannot be read`,
      fix: 'Create it, or set DATA_DIR to the folder Concord should use.',
    });
    return findings;
  }

  let handle: DatabaseHandle;
  try {
    handle = await openDatabase({
      databaseUrl: config.DATABASE_URL,
      dataDir: config.DATA_DIR,
      purpose: 'concord doctor',
    });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const locked = /in use|lock/i.test(message);
    findings.push({
      check: locked ? 'data directory lock' : 'database',
      ok: false,
      detail: message.split('\n')[0] ?? message,
      fix: locked
        ? 'A running server holds the embedded database; that is expected while it runs. Stop it to check the database and the stored files.'
        : 'Check DATABASE_URL (host, port, user, database) and that the server accepts connections.',
    });
    return findings;
  }
  try {
    await handle.db.execute(sql`select 1`);
    findings.push({ check: 'database', ok: true, detail: `${driver} answers` });
    const journal = JSON.parse(
      await readFile(new URL('../../migrations/meta/_journal.json', import.meta.url), 'utf8'),
    ) as { entries: { tag: string }[] };
    const applied = Number(
      rowsOf(
        await handle.db
          .execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`)
          .catch(() => ({ rows: [{ n: 0 }] })),
      )[0]?.n ?? 0,
    );
    const pending = journal.entries.length - applied;
    findings.push({
      check: 'migrations',
      ok: pending <= 0,
      detail:
        pending > 0
          ? `${pending} of ${journal.entries.length} migrations not applied`
          : pending < 0
            ? `the database is at a newer level (${applied}) than this Concord (${journal.entries.length})`
            : `all ${applied} applied (${journal.entries.at(-1)?.tag})`,
      ...(pending > 0 ? { fix: 'Run "concord migrate" (the server also migrates when it starts).' } : {}),
      ...(pending < 0 ? { fix: 'Run the Concord version that wrote this database, or a newer one.' } : {}),
    });
    if (pending > 0) return findings;
    const referenced = await referencedKeys(handle);
    const stored = new Set(
      (await filesUnder(join(config.DATA_DIR, 'files'))).filter((k) => !k.endsWith('.part')),
    );
    const missing = [...referenced].filter((k) => !stored.has(k));
    const orphans = [...stored].filter((k) => !referenced.has(k));
    findings.push({
      check: 'stored files',
      ok: missing.length === 0,
      detail:
        missing.length === 0
          ? `${referenced.size} files referenced, all present`
          : `${missing.length} of ${referenced.size} referenced files are missing, e.g. ${missing.slice(0, 3).join(', ')}`,
      ...(missing.length
        ? { fix: 'Restore the data directory\'s "files" folder from a backup ("concord restore").' }
        : {}),
    });
    findings.push({
      // Harmless (a file whose record was removed): reported, not a failure.
      check: 'unreferenced files',
      ok: true,
      detail:
        orphans.length === 0
          ? 'no stored file without a record'
          : `${orphans.length} stored files belong to no record, e.g. ${orphans.slice(0, 3).join(', ')}`,
      ...(orphans.length ? { fix: 'Harmless; they can be deleted once a backup is taken.' } : {}),
    });
  } finally {
    await handle.close();
  }
  return findings;
}
