import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../src/db/client.ts';
import { timelineEvents } from '../src/features/audit/audit.table.ts';
import { tenants } from '../src/features/tenants/tenants.table.ts';
import { buildNewsArchive } from './news-archive.ts';
import { createTestDatabase, databaseUrlOf } from './test-database.ts';

let dataDir: string;
let pgHandle: DatabaseHandle | undefined;
let env: Record<string, string>;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'concord-cli-'));
  if (process.env.DATABASE_URL) pgHandle = await createTestDatabase();
  const url = pgHandle ? databaseUrlOf(pgHandle) : undefined;
  env = { DATA_DIR: dataDir, LOG_LEVEL: 'silent', DATABASE_URL: url ?? '' };
});
afterAll(async () => {
  await pgHandle?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function concord(args: string[], extraEnv: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ['bin/concord.js', ...args], {
    env: { ...process.env, ...env, ...extraEnv },
    encoding: 'utf8',
    timeout: 90_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('concord CLI', { timeout: 180_000 }, () => {
  it('prints help for itself and every command', () => {
    const main = concord(['--help']);
    expect(main.code).toBe(0);
    for (const cmd of ['serve', 'migrate', 'college create', 'user create', 'demo', 'export'])
      expect(main.stdout).toContain(cmd);
    for (const args of [
      ['serve', '--help'],
      ['migrate', '--help'],
      ['user', 'create', '--help'],
      ['college', '--help'],
      ['demo', '--help'],
      ['export', '--help'],
    ]) {
      const r = concord(args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout, args.join(' ')).toMatch(/^Usage: concord/);
    }
  });

  it('exits non-zero with a clear message on bad input', () => {
    const unknown = concord(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown command "frobnicate"');
    const badFlag = concord(['migrate', '--force']);
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toMatch(/--force/);
    const missing = concord(['user', 'create', '--tenant', 'demo']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--email is required/);
    const badRole = concord([
      'user',
      'create',
      '--tenant',
      'demo',
      '--email',
      'a@b.test',
      '--password',
      'abcdef12345',
      '--role',
      'king',
    ]);
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toContain('Unknown role(s): king');
    const noYear = concord(['export', 'cooperation-table', '--tenant', 'demo', '--out', 'x.xlsx']);
    expect(noYear.code).toBe(2);
    expect(noYear.stderr).toMatch(/--year is required/);
    const badReport = concord([
      'export',
      'balance-sheet',
      '--tenant',
      'demo',
      '--year',
      '2025',
      '--out',
      'x.csv',
    ]);
    expect(badReport.code).toBe(2);
    expect(badReport.stderr).toMatch(
      /<report> must be a report \(cooperation-table, .*teacher-practice.*\) or a list/,
    );
    const badPort = concord(['migrate'], { PORT: 'eighty' });
    expect(badPort.code).not.toBe(0);
    expect(badPort.stderr).toMatch(/PORT="eighty"/);
  });

  it('migrates, loads the demo college idempotently and creates users', () => {
    expect(concord(['migrate']).code).toBe(0);
    const first = concord(['demo']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/Demo college loaded/);
    const second = concord(['demo']);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/already present; 0 missing accounts/);
    const created = concord([
      'user',
      'create',
      '--tenant',
      'demo',
      '--email',
      'New.Officer@demo.test',
      '--password',
      'officer-pass-1',
      '--role',
      'cooperation_officer',
      '--role',
      'editor',
    ]);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toContain('Created user new.officer@demo.test (cooperation_officer, editor)');
    const dup = concord([
      'user',
      'create',
      '--tenant',
      'demo',
      '--email',
      'new.officer@demo.test',
      '--password',
      'officer-pass-1',
      '--role',
      'viewer',
    ]);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toMatch(/already exists/);
    const weak = concord([
      'user',
      'create',
      '--tenant',
      'demo',
      '--email',
      'w@demo.test',
      '--password',
      'short',
      '--role',
      'viewer',
    ]);
    expect(weak.code).toBe(1);
    expect(weak.stderr).toMatch(/password: Use at least 10 characters/);
    const noTenant = concord([
      'user',
      'create',
      '--tenant',
      'nowhere',
      '--email',
      'w@demo.test',
      '--password',
      'long-enough-1',
      '--role',
      'viewer',
    ]);
    expect(noTenant.code).toBe(2);
    expect(noTenant.stderr).toContain('No college with slug "nowhere"');
  });

  it('adds a college with its host name, lists it, suspends and resumes it', async () => {
    const slug = `north-${Math.random().toString(36).slice(2, 8)}`;
    const created = concord([
      'college',
      'create',
      '--slug',
      slug,
      '--name-zh',
      '北区职业技术学院',
      '--name-en',
      'North Vocational College',
      '--host',
      `${slug}.example.edu.cn`,
    ]);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toContain(`Created the college ${slug}`);
    const again = concord([
      'college',
      'create',
      '--slug',
      slug,
      '--name-zh',
      'x',
      '--name-en',
      'x',
      '--host',
      'other.example',
    ]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists');
    const badHost = concord([
      'college',
      'create',
      '--slug',
      'x-y',
      '--name-zh',
      'x',
      '--name-en',
      'x',
      '--host',
      'a b',
    ]);
    expect(badHost.code).toBe(2);
    expect(badHost.stderr).toContain('--host');
    expect(concord(['college', 'list']).stdout).toMatch(
      new RegExp(`${slug}\tactive\t${slug}.example.edu.cn\t北区职业技术学院`),
    );
    const user = concord([
      'user',
      'create',
      '--tenant',
      slug,
      '--email',
      `admin@${slug}.example.edu.cn`,
      '--password',
      'north-college-admin-2026',
      '--role',
      'college_admin',
    ]);
    expect(user.code, user.stderr).toBe(0);
    expect(concord(['college', 'suspend', slug]).stdout).toContain('is suspended');
    expect(concord(['college', 'list']).stdout).toMatch(new RegExp(`${slug}\tsuspended`));
    expect(concord(['college', 'resume', slug]).code).toBe(0);
    expect(concord(['college', 'suspend', 'no-such-college']).stderr).toContain('No college with slug');
    // The operator's changes are on the college's audit log, named as the command line's.
    const handle = pgHandle ?? (await openDatabase({ dataDir }));
    try {
      const [college] = await handle.db.select().from(tenants).where(eq(tenants.slug, slug));
      const events = await handle.db
        .select()
        .from(timelineEvents)
        .where(and(eq(timelineEvents.tenantId, college!.id), eq(timelineEvents.subjectType, 'college')))
        .orderBy(timelineEvents.id);
      expect(events.map((e) => [e.verb, e.actorName])).toEqual([
        ['college.created', 'command line'],
        ['college.suspended', 'command line'],
        ['college.resumed', 'command line'],
      ]);
    } finally {
      if (!pgHandle) await handle.close();
    }
  });

  it('exports the demo college’s cooperation table to .xlsx and .csv files that read back', async () => {
    const xlsx = join(dataDir, 'cooperation-2025.xlsx');
    const written = concord([
      'export',
      'cooperation-table',
      '--tenant',
      'demo',
      '--year',
      '2025',
      '--out',
      xlsx,
    ]);
    expect(written.code, written.stderr).toBe(0);
    expect(written.stdout).toContain(`to ${xlsx}`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsx);
    const rows = workbook.worksheets[0]!.getSheetValues().slice(6) as unknown[][];
    const chemtech = rows.find((r) => r?.[1] === '470201')!;
    expect(chemtech[3]).toBe('91310116MA1J8CQ20X');
    expect(chemtech[6]).toBe(35);
    const csv = join(dataDir, 'figures.csv');
    const figures = concord([
      'export',
      'indicators',
      '--tenant',
      'demo',
      '--year',
      '2025',
      '--lang',
      'en',
      '--out',
      csv,
    ]);
    expect(figures.code, figures.stderr).toBe(0);
    const records = parseCsv(readFileSync(csv), { bom: true }) as string[][];
    expect(records[0]).toEqual(['code', 'Indicator', 'Unit', '2025', '2024', 'Change (%)']);
    expect(records.find((r) => r[0] === 'order_class_students')).toEqual([
      'order_class_students',
      'Order-class students',
      'persons',
      '53',
      '46',
      '15.2',
    ]);
    const engagements = join(dataDir, 'visits.csv');
    const listed = concord([
      'export',
      'engagements',
      '--tenant',
      'demo',
      '--filter',
      'type=visit_inbound',
      '--filter',
      'sort=startsOn',
      '--out',
      engagements,
    ]);
    expect(listed.code, listed.stderr).toBe(0);
    const visits = parseCsv(readFileSync(engagements), { bom: true }) as string[][];
    expect(visits.length).toBeGreaterThan(3);
    expect(new Set(visits.slice(1).map((r) => r[1]))).toEqual(new Set(['来访']));
    const dates = visits.slice(1).map((r) => r[0]!);
    expect(dates).toEqual([...dates].sort());

    // The teachers' practice ledger: the demo's two teachers who meet the rule, and those short.
    const practice = join(dataDir, 'practice.csv');
    const ledger = concord([
      'export',
      'teacher-practice',
      '--tenant',
      'demo',
      '--year',
      '2025',
      '--lang',
      'en',
      '--out',
      practice,
    ]);
    expect(ledger.code, ledger.stderr).toBe(0);
    const teachers = parseCsv(readFileSync(practice), { bom: true, relax_column_count: true }) as string[][];
    const header = teachers.findIndex((r) => r[0] === 'Teacher');
    const byName = new Map(teachers.slice(header + 1).map((r) => [r[0], r]));
    expect(byName.get('Zhou Mingyuan')?.slice(2)).toEqual(['40', '35', '190', '0', 'Meets the rule']);
    expect(byName.get('Xu Jiahui')?.slice(2)).toEqual(['25', '0', '25', '155', 'Short']);
  });

  it('imports a folder of saved pages, prints progress and the report, and skips them the second time', async () => {
    const site = join(dataDir, 'old-site');
    for (const [path, bytes] of Object.entries(await buildNewsArchive())) {
      mkdirSync(dirname(join(site, path)), { recursive: true });
      writeFileSync(join(site, path), bytes);
    }
    const missing = concord(['import', 'news', '--tenant', 'demo']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Missing the folder or .zip');
    const report = join(dataDir, 'import-report.json');
    const first = concord(['import', 'news', site, '--tenant', 'demo', '--publish', '--report', report]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('8/8 pages: 6 new');
    expect(first.stdout).toMatch(/refused\s+site\/broken\.htm: not_html/);
    expect(first.stdout).toContain(
      'Imported 6 new and 0 updated articles; 1 skipped, 2 refused, 1 with warnings.',
    );
    const items = JSON.parse(readFileSync(report, 'utf8')) as { path: string; outcome: string }[];
    expect(items.find((i) => i.path === 'site/info/1021/3456.htm')?.outcome).toBe('created');
    const second = concord(['import', 'news', site, '--tenant', 'demo', '--publish']);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('Imported 0 new and 0 updated articles; 7 skipped');
  });

  it('checks a partner sheet, refuses to write it with a rejected row, and writes it without that row when told', () => {
    const sheet = join(dataDir, 'partners.csv');
    writeFileSync(
      sheet,
      '单位名称,单位类型,合作起始年月\n滨江智能装备有限公司,企业,2020.9\n无名单位,社团,\n',
    );
    const dry = concord(['import', 'partners', sheet, '--tenant', 'demo', '--dry-run']);
    expect(dry.code, dry.stderr).toBe(1);
    expect(dry.stdout).toContain('row 3 无名单位: Rejected');
    expect(dry.stdout).toContain('Column “单位类型”: “社团” is not a kind of partner');
    expect(dry.stdout).toContain('Checked: 1 to create, 0 to update, 0 unchanged, 1 rejected.');
    const refused = concord(['import', 'partners', sheet, '--tenant', 'demo']);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('Nothing was written');
    const done = concord(['import', 'partners', sheet, '--tenant', 'demo', '--skip-invalid']);
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toMatch(/Imported: 1 created, 0 updated/);
    const again = concord(['import', 'partners', sheet, '--tenant', 'demo', '--dry-run', '--lang', 'zh-CN']);
    expect(again.stdout).toContain('Checked: 0 to create, 0 to update, 1 unchanged, 1 rejected.');
  });

  it('backs the college up and restores it into an empty data directory, refusing a full one', () => {
    const archive = join(dataDir, 'backup.zip');
    const backup = concord(['backup', archive]);
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/^Backed up \d+ rows in \d+ tables and \d+ files \(migration \d{4}_\w+\)/);
    if (env.DATABASE_URL) return; // Restoring over the shared test database is the library test's job.
    const fresh = join(dataDir, 'restored');
    const restore = concord(['restore', archive], { DATA_DIR: fresh });
    expect(restore.code, restore.stderr).toBe(0);
    expect(restore.stdout).toContain('Restored');
    const again = concord(['restore', archive], { DATA_DIR: fresh });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already holds data');
    expect(concord(['restore', archive, '--force'], { DATA_DIR: fresh }).code).toBe(0);
    // The doctor finds everything in place, then a stored file that went missing.
    const healthy = concord(['doctor'], { DATA_DIR: fresh });
    expect(healthy.code, healthy.stdout).toBe(0);
    expect(healthy.stdout).toMatch(/ok {5} migrations: all \d+ applied/);
    expect(healthy.stdout).toMatch(/ok {5} stored files: \d+ files referenced, all present/);
    const files = join(fresh, 'files');
    const first = readdirSync(files, { recursive: true, withFileTypes: true }).find((e) => e.isFile())!;
    rmSync(join(first.parentPath, first.name));
    const sick = concord(['doctor'], { DATA_DIR: fresh });
    expect(sick.code).toBe(1);
    expect(sick.stdout).toContain('PROBLEM stored files: 1 of');
    expect(sick.stdout).toContain('concord restore');
  });

  it('moves the college to another deployment with export-college and import-college', () => {
    const archive = join(dataDir, 'demo-college.zip');
    const exported = concord(['export-college', 'demo', archive]);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toMatch(/^Exported the college demo: \d+ rows and \d+ files/);
    expect(concord(['export-college', 'nope', archive]).stderr).toContain('No college with slug "nope"');
    if (env.DATABASE_URL) return; // Importing into the shared test database is the library test's job.
    const elsewhere = join(dataDir, 'elsewhere');
    const imported = concord(['import-college', archive], { DATA_DIR: elsewhere });
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/^Imported the college demo: \d+ rows/);
    const twice = concord(['import-college', archive, '--slug', 'demo-2'], { DATA_DIR: elsewhere });
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain('is here already');
  });

  it('proposes the engagement an article reports, linked to the college’s registry, as JSON lines', () => {
    const file = join(dataDir, 'visit.txt');
    writeFileSync(
      file,
      [
        '上海市消防救援总队来校交流',
        '',
        '11月18日下午，上海市消防救援总队政治部副主任陆一鸣一行5人来校，就消防救援技术专业共建开展交流。党委书记高炬陪同参观了消防实训中心。',
        '',
        '双方就共建实训基地达成共识。',
      ].join('\n'),
    );
    const run = concord(['extract', file, '--json', '--tenant', 'demo', '--published', '2025-11-20']);
    expect(run.code, run.stderr).toBe(0);
    const line = JSON.parse(run.stdout.trim()) as {
      file: string;
      date: string;
      eventType: string;
      isCooperation: boolean;
      delegationSize: number;
      organizations: { name: string; registryId: string | null }[];
      people: { name: string; title: string }[];
      evidence: { date: string };
    };
    expect(line).toMatchObject({
      file,
      date: '2025-11-18',
      eventType: 'visit_inbound',
      isCooperation: true,
      delegationSize: 5,
    });
    const corps = line.organizations.find((o) => o.name === '上海市消防救援总队');
    expect(corps?.registryId).toMatch(/^[0-9a-f-]{36}$/);
    expect(line.people).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: '高炬', title: '党委书记' })]),
    );
    expect(line.evidence.date).toContain('11月18日');
    const none = concord(['extract', '--json']);
    expect(none.code).toBe(2);
  });
});
