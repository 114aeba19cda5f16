import { sql } from 'drizzle-orm';
import {
  advanceSequences,
  type BackupManifest,
  eachEntry,
  insertRows,
  migrationLevel,
  RestoreError,
  restoreFiles,
  rowsOf,
  tablesOf,
  verifyBackup,
  writeBackup,
} from './backup.ts';
import type { Database, DatabaseHandle } from './client.ts';

/**
 * Writes one college (its rows of every table, its queued jobs and its stored files) to an archive
 * that `importCollege` brings into another deployment, e.g. from the embedded database to a shared
 * PostgreSQL. Read in one consistent transaction, like a backup.
 */
export async function exportCollege(
  handle: DatabaseHandle,
  dataDir: string,
  slug: string,
  file: string,
): Promise<BackupManifest> {
  const found = rowsOf(
    await handle.db.execute(
      sql`select id, slug, name_zh as "nameZh", name_en as "nameEn" from public.tenants where slug = ${slug}`,
    ),
  )[0];
  if (!found) throw new RestoreError(`No college with slug "${slug}"`);
  return writeBackup(handle, dataDir, file, {
    id: String(found.id),
    slug: String(found.slug),
    nameZh: String(found.nameZh),
    nameEn: String(found.nameEn),
  });
}

export interface ImportCollegeOptions {
  /** A new slug, when the target has a college of this slug already. */
  slug?: string;
  /** A new host name for the college's public site (when it has one site). */
  host?: string;
}

/** Rewrites the JSON lines of a table's rows. */
function mapLines(
  bytes: Uint8Array,
  fn: (row: Record<string, unknown>) => Record<string, unknown>,
): Uint8Array {
  const lines = new TextDecoder().decode(bytes).split('\n').filter(Boolean);
  const out = lines.map((l) => JSON.stringify(fn(JSON.parse(l) as Record<string, unknown>))).join('\n');
  return new TextEncoder().encode(`${out}\n`);
}

/**
 * Brings one college's archive into this deployment, beside the colleges already here: verifies the
 * checksums, refuses an archive from a newer migration level or a college that is here already,
 * and refuses a slug or host name taken (naming it) unless a new one is given. The rows go in one
 * transaction as they were (ids kept, so links and histories hold); queued jobs get new numbers.
 */
export async function importCollege(
  handle: DatabaseHandle,
  dataDir: string,
  file: string,
  options: ImportCollegeOptions = {},
): Promise<BackupManifest> {
  const manifest = await verifyBackup(file);
  const college = manifest.college;
  if (!college)
    throw new RestoreError('This archive is a whole backup, not one college; use concord restore');
  const level = await migrationLevel(handle.db);
  if (manifest.migrations > level.migrations) {
    throw new RestoreError(
      `The archive comes from a newer Concord (migration ${manifest.migration}); upgrade this one first`,
    );
  }
  const db = handle.db;
  const one = async (query: ReturnType<typeof sql>) => rowsOf(await db.execute(query))[0];
  if (await one(sql`select 1 from public.tenants where id = ${college.id}`)) {
    throw new RestoreError(`The college ${college.slug} (${college.id}) is here already`);
  }
  const slug = options.slug ?? college.slug;
  if (await one(sql`select 1 from public.tenants where slug = ${slug}`)) {
    throw new RestoreError(`A college with slug "${slug}" is here already; give another with --slug`);
  }
  // The sites and whether this deployment has a default site already: read from the archive first.
  let sites: Record<string, unknown>[] = [];
  await eachEntry(file, (name, bytes) => {
    if (name === 'db/public.sites.jsonl')
      sites = new TextDecoder()
        .decode(bytes)
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>);
  });
  if (options.host && sites.length !== 1) {
    throw new RestoreError(`The college has ${sites.length} sites; --host renames the one site of a college`);
  }
  const hosts = options.host ? [options.host] : sites.map((s) => String(s.host));
  for (const host of hosts) {
    if (await one(sql`select 1 from public.sites where lower(host) = lower(${host})`)) {
      throw new RestoreError(`The host name ${host} is taken here; give another with --host`);
    }
  }
  const hasDefault = Boolean(await one(sql`select 1 from public.sites where is_default`));
  const tables = new Map((await tablesOf(db)).map((t) => [`${t.schema}.${t.name}`, t]));
  await db.transaction(async (tx) => {
    // Rows go in as they were: triggers (counts, search rows) would count them twice.
    await tx.execute(sql`set local session_replication_role = replica`);
    const entries: { name: string; bytes: Uint8Array }[] = [];
    await eachEntry(file, (name, bytes) => {
      if (/^db\/public\.[a-z0-9_]+\.jsonl$/.test(name)) entries.push({ name, bytes });
    });
    // The college's own row first, then the rest.
    entries.sort(
      (a, b) => Number(b.name === 'db/public.tenants.jsonl') - Number(a.name === 'db/public.tenants.jsonl'),
    );
    for (const { name, bytes } of entries) {
      const table = tables.get(name.slice(3, -6));
      if (!table) continue; // A table this version no longer has.
      let rows = bytes;
      if (table.name === 'tenants') rows = mapLines(bytes, (r) => ({ ...r, slug }));
      if (table.name === 'sites')
        rows = mapLines(bytes, (r) => ({
          ...r,
          host: options.host ?? r.host,
          is_default: hasDefault ? false : r.is_default,
        }));
      await insertRows(
        tx as unknown as Database,
        table,
        rows,
        table.name === 'jobs' ? new Set(['id']) : undefined,
      );
    }
    await advanceSequences(tx as unknown as Database);
  });
  await restoreFiles(file, dataDir, (path) => path.split('/')[2] === college.id);
  return { ...manifest, college: { ...college, slug } };
}
