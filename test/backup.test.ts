import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { backupKind, registerBackupJob, restoreBackup, verifyBackup, writeBackup } from '../src/db/backup.ts';
import { type DatabaseHandle, openDatabase } from '../src/db/client.ts';
import { exportCollege, importCollege } from '../src/db/college-transfer.ts';
import { migrateDatabase } from '../src/db/migrate.ts';
import { systemCaller, TenantScope } from '../src/db/tenant-scope.ts';
import { loadDemo } from '../src/features/demo/demo.service.ts';
import { recordEngagement } from '../src/features/engagements/engagements.service.ts';
import { organizations } from '../src/features/organizations/organizations.table.ts';
import { createTenant, findTenantBySlug } from '../src/features/tenants/tenants.service.ts';
import { enqueueJob, JobRunner } from '../src/platform/jobs.ts';
import { createLogger } from '../src/platform/logger.ts';
import { createTestDatabase } from './test-database.ts';

let work: string;
let source: DatabaseHandle;
let target: DatabaseHandle;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'concord-backup-'));
  source = await createTestDatabase();
  target = await createTestDatabase();
  await loadDemo(source.db, { dataDir: join(work, 'a') });
}, 120_000);
afterAll(async () => {
  await source.close();
  await target.close();
  await rm(work, { recursive: true, force: true });
});

/** Every public table's rows, as sorted JSON, to compare two databases exactly. */
async function snapshot(handle: DatabaseHandle): Promise<Record<string, string[]>> {
  const tables = (
    (await handle.db.execute(sql`select table_name as t from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`)) as unknown as {
      rows: { t: string }[];
    }
  ).rows.map((r) => r.t);
  const out: Record<string, string[]> = {};
  for (const t of tables) {
    const rows = (
      (await handle.db.execute(
        sql.raw(`select row_to_json(x)::text as j from public."${t}" x`),
      )) as unknown as {
        rows: { j: string }[];
      }
    ).rows.map((r) => r.j);
    out[t] = rows.sort();
  }
  return out;
}

const sha = async (path: string) =>
  createHash('sha256')
    .update(await readFile(path))
    .digest('hex');

describe('backup and restore', { timeout: 180_000 }, () => {
  it('restores every row of every table and every stored file exactly, and refuses a full target', async () => {
    const file = join(work, 'backup.zip');
    const manifest = await writeBackup(source, join(work, 'a'), file);
    expect(manifest.tables['public.organizations']?.rows).toBeGreaterThan(5);
    expect(manifest.migration).toMatch(/^\d{4}_/);
    const files = Object.keys(manifest.files);
    expect(files.length).toBeGreaterThan(3);
    expect((await verifyBackup(file)).createdAt).toBe(manifest.createdAt);

    await restoreBackup(target, join(work, 'b'), file);
    expect(await snapshot(target)).toEqual(await snapshot(source));
    for (const path of files) expect(await sha(join(work, 'b', path))).toBe(await sha(join(work, 'a', path)));

    await expect(restoreBackup(target, join(work, 'b'), file)).rejects.toThrow(/already holds data/);
    await restoreBackup(target, join(work, 'b'), file, { force: true });
    expect(await snapshot(target)).toEqual(await snapshot(source));
    // The restored system goes on writing: numbered rows (timeline events) get fresh numbers.
    const demo = (await findTenantBySlug(target.db, 'demo'))!;
    const after = new TenantScope(target.db, demo.id, systemCaller('after restore'));
    await after.recordEvent({ verb: 'test.after_restore', subjectType: 'test', subjectId: demo.id });
  });

  it('takes a consistent backup while engagements are being written', async () => {
    const tenant = (await findTenantBySlug(source.db, 'demo'))!;
    const scope = new TenantScope(source.db, tenant.id, systemCaller('load'));
    const [partner] = await scope.select(organizations, { limit: 1 });
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing) {
        await recordEngagement(scope, {
          type: 'meeting',
          titleZh: `load-${written}`,
          startsOn: '2026-01-01',
          organizations: [{ organizationId: partner!.id, role: 'partner' }],
          outcomes: [{ kind: 'consensus', text: `agreed ${written}` }],
        });
        written++;
        // A college's writes come one request at a time, not in a tight loop.
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    await new Promise((r) => setTimeout(r, 200));
    const file = join(work, 'under-load.zip');
    await writeBackup(source, join(work, 'a'), file);
    writing = false;
    await writer;
    await restoreBackup(target, join(work, 'l'), file, { force: true });
    // Every engagement written before the backup's snapshot is there whole: its partner and outcome too.
    const counts = (
      (await target.db.execute(sql`select
        (select count(*)::int from engagements where title_zh like 'load-%') as engagements,
        (select count(*)::int from engagement_organizations eo join engagements e on e.tenant_id = eo.tenant_id and e.id = eo.engagement_id where e.title_zh like 'load-%') as links,
        (select count(*)::int from engagement_outcomes o join engagements e on e.tenant_id = o.tenant_id and e.id = o.engagement_id where e.title_zh like 'load-%') as outcomes`)) as unknown as {
        rows: { engagements: number; links: number; outcomes: number }[];
      }
    ).rows[0]!;
    expect(written).toBeGreaterThan(counts.engagements);
    expect(counts.links).toBe(counts.engagements);
    expect(counts.outcomes).toBe(counts.engagements);
  });

  it.skipIf(!process.env.DATABASE_URL)('restores an embedded database’s backup onto PostgreSQL', async () => {
    const embedded = await openDatabase({ dataDir: 'memory://' });
    try {
      await migrateDatabase(embedded);
      await loadDemo(embedded.db, { dataDir: join(work, 'e') });
      const file = join(work, 'embedded.zip');
      await writeBackup(embedded, join(work, 'e'), file);
      await restoreBackup(target, join(work, 'p'), file, { force: true });
      expect(await snapshot(target)).toEqual(await snapshot(embedded));
    } finally {
      await embedded.close();
    }
  });

  it('moves one college into a deployment that has others, with its rows and files, and refuses clashes', async () => {
    const moved = await createTestDatabase();
    try {
      const here = await createTenant(moved.db, {
        slug: 'here',
        nameZh: '本地学院',
        nameEn: 'Local College',
        host: 'here.test',
        isDefault: true,
      });
      const demo = (await findTenantBySlug(source.db, 'demo'))!;
      const file = join(work, 'demo-college.zip');
      const manifest = await exportCollege(source, join(work, 'a'), 'demo', file);
      expect(manifest.college).toMatchObject({ id: demo.id, slug: 'demo' });
      expect(manifest.tables['public.sessions']).toBeUndefined();
      await expect(restoreBackup(moved, join(work, 'm'), file)).rejects.toThrow(/import-college/);
      await expect(exportCollege(source, join(work, 'a'), 'nope', join(work, 'x.zip'))).rejects.toThrow(
        /No college/,
      );

      await importCollege(moved, join(work, 'm'), file);
      const only = async (handle: DatabaseHandle) => {
        const all = await snapshot(handle);
        const out: Record<string, string[]> = {};
        for (const [table, rows] of Object.entries(all)) {
          if (['sessions', 'login_failures', 'jobs'].includes(table)) continue;
          out[table] = rows.filter((r) => {
            const row = JSON.parse(r) as { tenant_id?: string; id?: string };
            return (row.tenant_id ?? row.id) === demo.id;
          });
        }
        return out;
      };
      const got = await only(moved);
      const want = await only(source);
      // The only difference: this deployment's default site stays the default.
      const sites = (rows: string[]) => rows.map((r) => ({ ...JSON.parse(r), is_default: false }));
      expect(sites(got.sites!)).toEqual(sites(want.sites!));
      expect({ ...got, sites: [] }).toEqual({ ...want, sites: [] });
      for (const path of Object.keys(manifest.files)) {
        expect(path.split('/')[2]).toBe(demo.id);
        expect(await sha(join(work, 'm', path))).toBe(await sha(join(work, 'a', path)));
      }
      // The other college is untouched and the moved one can be written to.
      expect((await findTenantBySlug(moved.db, 'here'))?.id).toBe(here.id);
      const scope = new TenantScope(moved.db, demo.id, systemCaller('after move'));
      await scope.recordEvent({ verb: 'test.after_move', subjectType: 'test', subjectId: demo.id });

      // Twice is refused; so is a slug or host taken here, unless new ones are given.
      await expect(importCollege(moved, join(work, 'm'), file)).rejects.toThrow(/here already/);
      const clash = await createTestDatabase();
      try {
        await createTenant(clash.db, { slug: 'demo', nameZh: '同名', nameEn: 'Same', host: 'other.test' });
        await expect(importCollege(clash, join(work, 'c2'), file)).rejects.toThrow(/slug "demo"/);
        const done = await importCollege(clash, join(work, 'c2'), file, {
          slug: 'demo-moved',
          host: 'demo-moved.test',
        });
        expect(done.college?.slug).toBe('demo-moved');
        expect((await findTenantBySlug(clash.db, 'demo-moved'))?.id).toBe(demo.id);
      } finally {
        await clash.close();
      }
    } finally {
      await moved.close();
    }
  });

  it('takes scheduled backups in the running server and keeps the last ones', async () => {
    const dir = join(work, 'scheduled');
    const { mkdir, readdir, writeFile } = await import('node:fs/promises');
    await mkdir(dir, { recursive: true });
    for (const old of ['concord-2020-01-01.zip', 'concord-2020-01-02.zip', 'concord-2020-01-03.zip']) {
      await writeFile(join(dir, old), 'old');
    }
    const config = loadConfig({
      DATA_DIR: join(work, 'a'),
      BACKUP_DIR: dir,
      BACKUP_KEEP: '2',
      LOG_LEVEL: 'silent',
    });
    const runner = new JobRunner({ db: source.db, log: createLogger('silent') });
    registerBackupJob(runner, source, config);
    await enqueueJob(source.db, { kind: backupKind });
    expect(await runner.runDue()).toBeGreaterThanOrEqual(1);
    const kept = (await readdir(dir)).sort();
    expect(kept).toHaveLength(2);
    expect(kept[0]).toBe('concord-2020-01-03.zip');
    expect((await verifyBackup(join(dir, kept[1]!))).tables['public.tenants']?.rows).toBeGreaterThan(0);
  });

  it('refuses an archive that is damaged, not a backup, or from a newer Concord', async () => {
    const damaged = join(work, 'damaged.zip');
    const { writeFile } = await import('node:fs/promises');
    const manifest = {
      format: 1,
      migrations: 1,
      migration: '0000_x',
      tables: { 'public.tenants': { rows: 1, sha256: 'x' } },
      files: {},
    };
    await writeFile(
      damaged,
      zipSync({
        'manifest.json': new TextEncoder().encode(JSON.stringify(manifest)),
        'db/public.tenants.jsonl': new TextEncoder().encode('{}\n'),
      }),
    );
    await expect(verifyBackup(damaged)).rejects.toThrow(/checksum/);
    const other = join(work, 'other.zip');
    await writeFile(other, zipSync({ 'readme.txt': new TextEncoder().encode('hello') }));
    await expect(verifyBackup(other)).rejects.toThrow(/not a Concord backup/);
    const newer = join(work, 'newer.zip');
    await writeFile(
      newer,
      zipSync({
        'manifest.json': new TextEncoder().encode(
          JSON.stringify({ ...manifest, migrations: 999, tables: {} }),
        ),
      }),
    );
    await expect(restoreBackup(target, join(work, 'c'), newer, { force: true })).rejects.toThrow(
      /newer Concord/,
    );
  });
});
