import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { sql } from 'drizzle-orm';
import { Unzip, UnzipInflate, Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import type { Config } from '../config.ts';
import { type JobRunner, scheduleRecurringJob } from '../platform/jobs.ts';
import type { Database, DatabaseHandle } from './client.ts';

/**
 * One archive of everything needed to bring Concord back: every table's rows (as JSON, read in one
 * repeatable-read transaction, so a backup taken under load is consistent) and the stored files
 * (media, agreement scans), with a manifest of checksums and the migration level.
 */
export interface BackupManifest {
  format: 1;
  createdAt: string;
  /** The last migration applied, e.g. `0016_sheet_imports`. */
  migration: string;
  migrations: number;
  driver: 'pglite' | 'postgres';
  tables: Record<string, { rows: number; sha256: string }>;
  files: Record<string, { bytes: number; sha256: string }>;
  /** Set when the archive holds one college only (`concord export-college`). */
  college?: { id: string; slug: string; nameZh: string; nameEn: string };
}

export interface Table {
  schema: string;
  name: string;
}

export const rowsOf = (result: unknown) => (result as { rows: Record<string, unknown>[] }).rows;
export const quoted = (t: Table) => sql.raw(`"${t.schema}"."${t.name}"`);
const key = (t: Table) => `${t.schema}.${t.name}`;

export async function tablesOf(db: Database): Promise<Table[]> {
  const rows = rowsOf(
    await db.execute(sql`select table_schema as schema, table_name as name from information_schema.tables
      where table_type = 'BASE TABLE' and table_schema in ('public', 'drizzle') order by 1, 2`),
  );
  return rows.map((r) => ({ schema: String(r.schema), name: String(r.name) }));
}

export async function migrationLevel(db: Database): Promise<{ migration: string; migrations: number }> {
  const rows = rowsOf(await db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`));
  const n = Number(rows[0]?.n ?? 0);
  const journal = JSON.parse(
    await readFile(new URL('../../migrations/meta/_journal.json', import.meta.url), 'utf8'),
  ) as { entries: { tag: string }[] };
  return { migration: journal.entries[n - 1]?.tag ?? '', migrations: n };
}

/** The columns of a table a restore writes (not generated ones). */
export async function columnsOf(db: Database, table: Table): Promise<string[]> {
  return rowsOf(
    await db.execute(sql`select column_name as c from information_schema.columns
      where table_schema = ${table.schema} and table_name = ${table.name} and is_generated = 'NEVER'`),
  ).map((r) => String(r.c));
}

/**
 * Inserts the rows of one archived table (JSON lines) over the columns both sides have, a thousand
 * per statement; `omit` leaves columns to their defaults (ids the target's sequence gives anew).
 */
export async function insertRows(
  db: Database,
  table: Table,
  bytes: Uint8Array,
  omit: ReadonlySet<string> = new Set(),
): Promise<number> {
  const columns = await columnsOf(db, table);
  const lines = new TextDecoder().decode(bytes).split('\n').filter(Boolean);
  if (lines.length === 0) return 0;
  const present = new Set(Object.keys(JSON.parse(lines[0]!) as object));
  const cols = columns
    .filter((c) => present.has(c) && !omit.has(c))
    .map((c) => `"${c}"`)
    .join(', ');
  for (let i = 0; i < lines.length; i += 1000) {
    const json = `[${lines.slice(i, i + 1000).join(',')}]`;
    await db.execute(
      sql`insert into ${quoted(table)} (${sql.raw(cols)}) select ${sql.raw(cols)} from json_populate_recordset(null::${quoted(table)}, ${json}::json)`,
    );
  }
  return lines.length;
}

/**
 * Moves every sequence of the public tables past the largest value its column holds, so rows
 * brought in with their ids are never given those ids again.
 */
export async function advanceSequences(db: Database): Promise<void> {
  const owned = rowsOf(
    await db.execute(sql`select s.relname as seq, t.relname as tbl, a.attname as col
      from pg_class s
      join pg_depend d on d.objid = s.oid and d.deptype = 'a'
      join pg_class t on t.oid = d.refobjid
      join pg_attribute a on a.attrelid = t.oid and a.attnum = d.refobjsubid
      where s.relkind = 'S' and t.relnamespace = 'public'::regnamespace`),
  );
  for (const o of owned) {
    const seq = `"public"."${String(o.seq)}"`;
    await db.execute(
      sql.raw(
        `select setval('${seq}', greatest((select coalesce(max("${String(o.col)}"), 0) from "public"."${String(o.tbl)}"), (select last_value from ${seq})) + 1, false)`,
      ),
    );
  }
}

/** Writes an archive's stored files (entries under `files/`) into the data directory. */
export async function restoreFiles(file: string, dataDir: string, only?: (path: string) => boolean) {
  await eachEntry(file, async (name, bytes) => {
    if (!name.startsWith('files/') || name.includes('..') || (only && !only(name))) return;
    const path = join(dataDir, ...name.split('/'));
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, bytes);
  });
}

/** The files under the data directory that are Concord's records (not the database, uploads in flight or backups). */
async function storedFiles(dataDir: string): Promise<string[]> {
  const root = join(dataDir, 'files');
  const out: string[] = [];
  const walk = async (dir: string) => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      const path = join(dir, e.name);
      if (e.isDirectory()) await walk(path);
      else if (e.isFile()) out.push(relative(dataDir, path).split(sep).join('/'));
    }
  };
  await walk(root);
  return out.sort();
}

/**
 * The rows of a table that belong to one college: its own row of `tenants`, its rows of every table
 * keyed by college, and its queued jobs; null for what does not move with a college (login sessions
 * and throttling counters, jobs done, the migration log).
 */
function collegeRows(table: Table, columns: Set<string>, collegeId: string) {
  if (table.schema !== 'public') return null;
  if (table.name === 'tenants') return sql`where id = ${collegeId}`;
  if (table.name === 'sessions' || table.name === 'login_failures') return null;
  if (table.name === 'jobs') return sql`where tenant_id = ${collegeId} and status = 'queued'`;
  return columns.has('tenant_id') ? sql`where tenant_id = ${collegeId}` : null;
}

/**
 * Writes the backup archive (.zip) of the database and the stored files to `file`; with `college`,
 * only that college's rows and files (an export that `importCollege` brings into another deployment).
 */
export async function writeBackup(
  handle: DatabaseHandle,
  dataDir: string,
  file: string,
  college?: BackupManifest['college'],
): Promise<BackupManifest> {
  await mkdir(dirname(file), { recursive: true });
  const out = createWriteStream(file);
  const failed = new Promise<never>((_, reject) => out.on('error', reject));
  const zip = new Zip((err, chunk, final) => {
    if (err) out.destroy(err);
    else out.write(chunk);
    if (final) out.end();
  });
  const finished = new Promise<void>((resolve) => out.on('finish', resolve));
  const level = await migrationLevel(handle.db);
  const manifest: BackupManifest = {
    format: 1,
    createdAt: new Date().toISOString(),
    ...level,
    driver: handle.driver,
    tables: {},
    files: {},
    ...(college ? { college } : {}),
  };
  await handle.db.transaction(async (tx) => {
    await tx.execute(sql`set transaction isolation level repeatable read, read only`);
    for (const table of await tablesOf(tx as unknown as Database)) {
      let where = sql``;
      if (college) {
        const columns = new Set(await columnsOf(tx as unknown as Database, table));
        const only = collegeRows(table, columns, college.id);
        if (!only) continue;
        where = only;
      }
      const entry = new ZipDeflate(`db/${key(table)}.jsonl`, { level: 6 });
      zip.add(entry);
      const hash = createHash('sha256');
      let rows = 0;
      await tx.execute(
        sql`declare backup_rows no scroll cursor for select row_to_json(t)::text as j from ${quoted(table)} t ${where}`,
      );
      for (;;) {
        const batch = rowsOf(await tx.execute(sql`fetch 2000 from backup_rows`));
        if (batch.length === 0) break;
        const text = `${batch.map((r) => String(r.j)).join('\n')}\n`;
        const bytes = new TextEncoder().encode(text);
        hash.update(bytes);
        entry.push(bytes);
        rows += batch.length;
      }
      await tx.execute(sql`close backup_rows`);
      entry.push(new Uint8Array(), true);
      manifest.tables[key(table)] = { rows, sha256: hash.digest('hex') };
    }
  });
  // A college's files are stored under `files/<area>/<college id>/`.
  const files = (await storedFiles(dataDir)).filter((p) => !college || p.split('/')[2] === college.id);
  for (const path of files) {
    const entry = new ZipPassThrough(path);
    zip.add(entry);
    const hash = createHash('sha256');
    let bytes = 0;
    for await (const chunk of createReadStream(join(dataDir, path)) as AsyncIterable<Buffer>) {
      hash.update(chunk);
      bytes += chunk.byteLength;
      entry.push(new Uint8Array(chunk));
    }
    entry.push(new Uint8Array(), true);
    manifest.files[path] = { bytes, sha256: hash.digest('hex') };
  }
  const man = new ZipDeflate('manifest.json', { level: 6 });
  zip.add(man);
  man.push(new TextEncoder().encode(JSON.stringify(manifest, null, 2)), true);
  zip.end();
  await Promise.race([finished, failed]);
  return manifest;
}

export class RestoreError extends Error {}

/** Reads every entry of the archive as a stream, handing each one's bytes to `onEntry` whole. */
export async function eachEntry(
  file: string,
  onEntry: (name: string, bytes: Uint8Array) => void | Promise<void>,
) {
  const pending: { name: string; bytes: Uint8Array }[] = [];
  const unzip = new Unzip((f) => {
    const chunks: Uint8Array[] = [];
    f.ondata = (err, data, final) => {
      if (err) throw err;
      chunks.push(data);
      if (final) pending.push({ name: f.name, bytes: Buffer.concat(chunks) });
    };
    f.start();
  });
  unzip.register(UnzipInflate);
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    unzip.push(new Uint8Array(chunk));
    while (pending.length) {
      const e = pending.shift()!;
      await onEntry(e.name, e.bytes);
    }
  }
  unzip.push(new Uint8Array(), true);
  while (pending.length) {
    const e = pending.shift()!;
    await onEntry(e.name, e.bytes);
  }
}

/** Reads and checks the archive: the manifest, and every entry against its checksum. */
export async function verifyBackup(file: string): Promise<BackupManifest> {
  const sums = new Map<string, string>();
  let manifest: BackupManifest | null = null;
  await eachEntry(file, (name, bytes) => {
    if (name === 'manifest.json') manifest = JSON.parse(new TextDecoder().decode(bytes)) as BackupManifest;
    else sums.set(name, createHash('sha256').update(bytes).digest('hex'));
  });
  const m = manifest as BackupManifest | null;
  if (m?.format !== 1) throw new RestoreError('This is not a Concord backup (no manifest)');
  for (const [table, t] of Object.entries(m.tables)) {
    if (sums.get(`db/${table}.jsonl`) !== t.sha256)
      throw new RestoreError(`The rows of ${table} do not match their checksum`);
  }
  for (const [path, f] of Object.entries(m.files)) {
    if (sums.get(path) !== f.sha256) throw new RestoreError(`The file ${path} does not match its checksum`);
  }
  return m;
}

/**
 * Restores an archive into a migrated, empty database and data directory (or, with `force`, over
 * whatever is there). Refuses an archive from a newer migration level, and one whose checksums fail.
 */
export async function restoreBackup(
  handle: DatabaseHandle,
  dataDir: string,
  file: string,
  options: { force?: boolean } = {},
): Promise<BackupManifest> {
  const manifest = await verifyBackup(file);
  if (manifest.college) {
    throw new RestoreError(
      `This archive holds one college (${manifest.college.slug}); bring it in with concord import-college`,
    );
  }
  const level = await migrationLevel(handle.db);
  if (manifest.migrations > level.migrations) {
    throw new RestoreError(
      `The backup comes from a newer Concord (migration ${manifest.migration}); upgrade this one first`,
    );
  }
  const tables = await tablesOf(handle.db);
  const known = new Map(tables.map((t) => [key(t), t]));
  const colleges = rowsOf(await handle.db.execute(sql`select count(*)::int as n from public.tenants`));
  if (Number(colleges[0]?.n ?? 0) > 0 && !options.force) {
    throw new RestoreError(
      'The target already holds data; restore into an empty one, or pass --force to replace it',
    );
  }
  await handle.db.transaction(async (tx) => {
    // Rows go in as they were: triggers (counts, search rows) would count them twice.
    await tx.execute(sql`set local session_replication_role = replica`);
    const data = tables.filter((t) => t.schema === 'public');
    await tx.execute(sql.raw(`truncate ${data.map((t) => `"${t.schema}"."${t.name}"`).join(', ')}`));
    await eachEntry(file, async (name, bytes) => {
      const m = /^db\/(public\.[a-z0-9_]+)\.jsonl$/.exec(name);
      if (!m) return;
      const table = known.get(m[1]!);
      if (!table) return; // A table this version no longer has.
      await insertRows(tx as unknown as Database, table, bytes);
    });
    await advanceSequences(tx as unknown as Database);
  });
  await restoreFiles(file, dataDir);
  return manifest;
}

/** Tells how many bytes a file has, or null when it does not exist. */
export async function sizeOf(path: string): Promise<number | null> {
  return stat(path)
    .then((s) => s.size)
    .catch(() => null);
}

/** The job that takes the scheduled backups. */
export const backupKind = 'database.backup';

/**
 * With `BACKUP_DIR` set, the running server backs itself up every `BACKUP_EVERY_HOURS` into that
 * folder and keeps the last `BACKUP_KEEP` archives: the way to back up the embedded database
 * without stopping the server (the CLI cannot open a directory the server holds).
 */
export function registerBackupJob(runner: JobRunner, handle: DatabaseHandle, config: Config): void {
  runner.register(backupKind, async ({ log }) => {
    if (!config.BACKUP_DIR) return;
    const name = `concord-${new Date().toISOString().replace(/[:.]/g, '-')}.zip`;
    const started = performance.now();
    const manifest = await writeBackup(handle, config.DATA_DIR, join(config.BACKUP_DIR, name));
    const old = (await readdir(config.BACKUP_DIR))
      .filter((f) => /^concord-.*\.zip$/.test(f))
      .sort()
      .reverse()
      .slice(config.BACKUP_KEEP);
    for (const f of old) await rm(join(config.BACKUP_DIR, f), { force: true });
    log.info(
      {
        file: name,
        tables: Object.keys(manifest.tables).length,
        ms: Math.round(performance.now() - started),
        removed: old.length,
      },
      'backup written',
    );
  });
}

export async function scheduleBackups(db: Database, config: Config): Promise<void> {
  if (config.BACKUP_DIR) await scheduleRecurringJob(db, backupKind, config.BACKUP_EVERY_HOURS * 3_600_000);
}
