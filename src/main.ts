import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, statSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { openDatabase } from './db/client.ts';
import { migrateDatabase } from './db/migrate.ts';
import { systemCaller, TenantScope } from './db/tenant-scope.ts';
import { findChannelBySlug } from './features/articles/articles.service.ts';
import { demoPassword, demoUsers, loadDemo } from './features/demo/demo.service.ts';
import { openImportSource } from './features/imports/archive.ts';
import { type ExportableList, exportableLists, exportList } from './features/reports/reports.exports.ts';
import { exportPartnerLedger, exportTeacherPracticeLedger } from './features/reports/reports.ledgers.ts';
import { partnerLedgerKinds } from './features/reports/reports.schema.ts';
import {
  exportCooperationTable,
  exportIndicatorReport,
  exportQualityReport,
} from './features/reports/reports.service.ts';
import { findTenantBySlug } from './features/tenants/tenants.service.ts';
import { createUser } from './features/users/users.service.ts';
import { AppError, loggableError } from './platform/errors.ts';
import { FileStore } from './platform/file-store.ts';
import { createLogger } from './platform/logger.ts';
import { roles } from './platform/permissions.ts';
import { streamSheet } from './platform/table-export.ts';
import { startServer } from './server.ts';

/** A mistake in how a command was called: printed with the command's help, exit code 2. */
class UsageError extends Error {}

const helps = {
  main: `Concord: cooperation records and news desk for vocational colleges.

Usage: concord <command> [options]

Commands:
  serve                 Start the web server, the API, the admin app and the job loop
  migrate               Apply pending database migrations
  backup                Write one archive of the database and the stored files
  restore               Bring an archive back into an empty database and data directory
  export-college        Write one college (rows and files) to an archive, to move it elsewhere
  import-college        Bring a college's archive into this deployment, beside the others
  doctor                Check the configuration, database, migrations, disk and stored files
  college create|list|suspend|resume
                        Add a college with its host name, list the colleges, suspend or resume one
  user create           Create a user in a college
  demo                  Load the demo college (idempotent; tenant slug "demo")
  export                Write a report of a college to an .xlsx or .csv file
  import news           Import a news archive (saved pages, a folder or a .zip) as articles
  import partners|people|facts|engagements|practice
                        Import a sheet (.xlsx or .csv) of partners, people, yearly figures,
                        engagements or teachers' practice (dry run, then commit)
  extract               Propose the engagement each news article reports, as JSON lines

Run "concord <command> --help" for a command's options.

Environment:
  PORT (3000), HOST (127.0.0.1), DATA_DIR (./data), DATABASE_URL (PostgreSQL instead of the
  embedded database), LOG_LEVEL (info), SESSION_TTL_HOURS (168), SESSION_IDLE_HOURS (24),
  TRUST_PROXY (false), JOBS (on), BACKUP_DIR (scheduled backups by the server; off when unset),
  BACKUP_EVERY_HOURS (24), BACKUP_KEEP (7)
`,
  serve: `Usage: concord serve [--demo]

Starts Concord: applies migrations, runs the background job loop (with a catch-up sweep of
everything due while it was stopped) and serves the public site, /api and /admin.

Options:
  --demo     Load the demo college first if it is missing (what "npm start" does)
  -h, --help Show this help
`,
  backup: `Usage: concord backup <file.zip>

Writes one archive of everything needed to bring Concord back: every table's rows, read in one
consistent transaction, and the stored files (media, scans), with a manifest of checksums and the
migration level. The embedded database can be read only while the server is stopped; a running
server backs itself up on a schedule instead (set BACKUP_DIR). With DATABASE_URL it runs any time.
`,
  restore: `Usage: concord restore <file.zip> [--force]

Verifies the archive's checksums, then restores it into the database (migrated first) and DATA_DIR.
Refuses a target that already holds data unless --force (which replaces it), and an archive from a
newer Concord. An embedded database's backup can be restored onto PostgreSQL and the reverse.

Options:
  --force    Replace the data already there
`,
  exportCollege: `Usage: concord export-college <slug> <file.zip>

Writes one college: its rows of every table (read in one consistent transaction), its queued jobs
and its stored files, with checksums and the migration level. Sessions are not included: people
log in again after the move. Bring it in elsewhere with concord import-college.
`,
  importCollege: `Usage: concord import-college <file.zip> [--slug <slug>] [--host <host>]

Verifies the archive, then brings the college in beside the colleges already here (the database is
migrated first), with its ids, links, history and files as they were. Refuses an archive from a
newer Concord, a college that is here already, and a slug or host name taken here.

Options:
  --slug <slug>   A new slug for the college
  --host <host>   A new host name for its public site
`,
  doctor: `Usage: concord doctor

Checks the configuration, that the database answers and is fully migrated, the embedded database's
lock (a running server holds it), free disk, and that every stored file a record points at exists
(and which stored files no record points at). Prints what to do about each problem; exits 1 if any.
`,
  migrate: `Usage: concord migrate

Applies pending migrations to the database (PGlite in DATA_DIR, or DATABASE_URL).
`,
  college: `Usage: concord college <create|list|suspend|resume> [options]

  college create --slug <slug> --name-zh <name> --name-en <name> --host <host> [--default]
      Adds a college and its public site at the host name (--default: it also answers host names
      no college has). Then give it an administrator with concord user create --role college_admin.
  college list
      The colleges with their status and host names.
  college suspend <slug>    Stops its site, logins and sessions; nothing is deleted
  college resume <slug>     Makes a suspended college active again
`,
  user: `Usage: concord user create --tenant <slug> --email <email> --password <pw> --role <role> [--name <name>]

Creates a user. Repeat --role (or separate roles with commas) to grant several.
Roles: ${roles.join(', ')}
`,
  export: `Usage: concord export <report-or-list> --tenant <slug> [--year <YYYY>] --out <file> [options]

Writes a report or a list of a college, as the admin's download does, to a file.

Reports (need --year):
  cooperation-table   The national data platform's cooperation table (major × partner), with a
                      sheet of the rows to fix (.xlsx)
  indicators          Every yearly figure with last year's value and the change
  quality-report      The annual quality report's cooperation tables (a sheet each in .xlsx)
  teacher-practice    Teachers' enterprise practice against six months every five years
  funnel              Per partner: order-class students, interns hosted, graduates hired
  donations           Per partner: donated equipment, funds and scholarship recipients
  training            Per partner: staff trained (person-days, class hours), technical-service income
Lists (every record; narrow with --filter as the list's own filters, e.g. --filter type=meeting):
  ${exportableLists.join(', ')}

Options:
  --tenant <slug>       The college (required)
  --year <YYYY>         The year (required)
  --out <file>          Where to write (required); the format follows its extension unless given
  --format xlsx|csv     The file format
  --lang zh-CN|en       The language of titles and headers (default zh-CN)
  --department <id>     Only this department's figures (reports)
  --major <id>          Only this major's figures (reports)
  --partner <id>        Only this partner's figures (reports)
  --filter key=value    A list filter or sort, as in the list's address (repeatable)
  -h, --help            Show this help
`,
  import: `Usage: concord import news <folder-or-zip> --tenant <slug> [options]

Imports a college's old news archive: saved pages of its former site (Sudy WebPlus, Boda VSB,
WordPress or any other, UTF-8 or GBK) and plain-text articles become articles of a channel, their
images go through the media pipeline, and old addresses redirect to the new articles. Importing
the same pages again updates changed articles and skips the rest. Prints progress and a report.

Options:
  --tenant <slug>       The college (required)
  --channel <slug>      The channel the articles go into (default news)
  --language zh-CN|en   The language of the pages (default: told from each page)
  --publish             Publish the articles under their original dates (default: drafts)
  --dry-run             Read everything and report, write nothing
  --report <file>       Also write the report of every file as JSON
  -h, --help            Show this help
`,
  importSheet: `Usage: concord import <kind> <file.xlsx|file.csv> --tenant <slug> [options]

Kinds: partners, people, facts (yearly figures of programs), engagements, practice (teachers'
enterprise practice days). The templates are in the admin, under Import from Excel.

Reads the sheet (the template's layout or your own: columns are matched by their headers in Chinese
or English; CSV in UTF-8 or GBK), checks every row (dates, numbers, credit codes, choices, formulas,
names of partners, departments, programs and majors, duplicates) and matches it against the
records: create, update, unchanged, or rejected and why. Without --dry-run the rows are then written
in one transaction; any rejected row stops the import unless --skip-invalid is given. Every created
or changed record's timeline names the import.

Options:
  --tenant <slug>       The college (required)
  --dry-run             Check and report only; exit code 1 when any row is rejected
  --skip-invalid        Write the valid rows and leave the rejected ones out
  --lang zh-CN|en       The language of the report (default en)
  -h, --help            Show this help
`,
  extract: `Usage: concord extract <file>... --json [options]

Reads saved news pages (.htm/.html) or plain-text articles (.txt: title, blank line, body) and
proposes, for each, the engagement it reports: whether it is cooperation at all, the event date
and type, organisations (kind, role), people (title, organisation), delegation size, places
visited, topics and outcomes, each with the text it came from. Prints one JSON object per file.

Options:
  --json                  Print JSON lines (the only output format)
  --tenant <slug>         Link organisations and places to this college's registry
  --language zh-CN|en     The articles' language (default: told from each text)
  --url <url>             The page's address (a year in it completes "November 18")
  --published YYYY-MM-DD  The publication date, for the same purpose
  -h, --help              Show this help
`,
  demo: `Usage: concord demo

Loads the demo college (tenant slug "demo") with one account per role. Safe to run again.
`,
} as const;

function out(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

function help(text: string, code: number): number {
  out(text);
  return code;
}

type OptionSpec = Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }>;
type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

function parse(args: string[], options: OptionSpec, help: string): { values: Values } {
  try {
    const { values } = parseArgs({
      args,
      options: { help: { type: 'boolean', short: 'h' }, ...options },
      allowPositionals: false,
      strict: true,
    });
    return { values: values as Values };
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\n\n${help}`);
  }
}

async function withDatabase<R>(
  config: Config,
  purpose: string,
  fn: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<R>,
): Promise<R> {
  const handle = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, purpose });
  try {
    await migrateDatabase(handle);
    return await fn(handle);
  } finally {
    await handle.close();
  }
}

function demoBanner(url: string): string {
  const lines = demoUsers.map((u) => `    ${u.email.padEnd(30)} ${u.roles.join(', ')}`);
  return [
    '',
    `  Concord is running at ${url}/`,
    `  Public site: ${url}/zh/  ·  ${url}/en/`,
    `  Admin:       ${url}/admin/`,
    '',
    `  Demo accounts (password: ${demoPassword}):`,
    ...lines,
    '',
    '  Press Ctrl+C to stop.',
    '',
  ].join('\n');
}

const userCreateSchema = z.object({
  tenant: z.string({ error: 'is required' }).min(1, 'is required'),
  email: z.string({ error: 'is required' }).min(1, 'is required'),
  password: z.string({ error: 'is required' }).min(1, 'is required'),
  role: z.array(z.string(), { error: 'is required' }).min(1, 'is required'),
  name: z.string().optional(),
});

const importSchema = z.object({
  tenant: z.string({ error: 'is required' }).min(1, 'is required'),
  channel: z.string().default('news'),
  language: z.enum(['zh-CN', 'en'], { error: 'must be zh-CN or en' }).optional(),
  publish: z.boolean().optional(),
  'dry-run': z.boolean().optional(),
  report: z.string().optional(),
});

const extractSchema = z.object({
  json: z.literal(true, { error: 'is required (JSON lines are the output)' }),
  tenant: z.string().min(1).optional(),
  language: z.enum(['zh-CN', 'en'], { error: 'must be zh-CN or en' }).optional(),
  url: z.url({ error: 'must be a URL' }).optional(),
  published: z.iso.date({ error: 'must be YYYY-MM-DD' }).optional(),
});

const reportNames = [
  'cooperation-table',
  'indicators',
  'quality-report',
  'teacher-practice',
  ...partnerLedgerKinds,
] as const;

const exportSchema = z.object({
  report: z.enum([...reportNames, ...exportableLists], {
    error: `must be a report (${reportNames.join(', ')}) or a list (${exportableLists.join(', ')})`,
  }),
  tenant: z.string({ error: 'is required' }).min(1, 'is required'),
  year: z.coerce
    .number()
    .int('must be a year')
    .min(1990, 'must be a year')
    .max(2100, 'must be a year')
    .optional(),
  out: z.string({ error: 'is required' }).min(1, 'is required'),
  format: z.enum(['xlsx', 'csv'], { error: 'must be xlsx or csv' }).optional(),
  lang: z.enum(['zh-CN', 'en'], { error: 'must be zh-CN or en' }).default('zh-CN'),
  department: z.uuid({ error: 'must be a department id' }).optional(),
  major: z.uuid({ error: 'must be a major id' }).optional(),
  partner: z.uuid({ error: 'must be an organization id' }).optional(),
  filter: z.array(z.string()).optional(),
});

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    out(helps.main);
    return command ? 0 : 2;
  }
  switch (command) {
    case 'serve': {
      const { values } = parse(rest, { demo: { type: 'boolean' } }, helps.serve);
      if (values.help) return help(helps.serve, 0);
      const config = loadConfig();
      const logger = createLogger(config.LOG_LEVEL);
      let demoLoaded = false;
      if (values.demo && !config.DATABASE_URL && !existsSync(join(config.DATA_DIR, 'pg', 'PG_VERSION'))) {
        // A new embedded database gets its demo college from a short-lived `concord demo` process:
        // the embedded database's memory grows with that bulk load and is never given back, so
        // the server, which opens the database afresh afterwards, stays small.
        const loaded = spawnSync(process.execPath, [...process.execArgv, process.argv[1] ?? '', 'demo'], {
          stdio: ['ignore', 'ignore', 'inherit'],
          env: process.env,
        });
        demoLoaded = loaded.status === 0;
        // Else the server loads it itself, as on every later start (that pass only fills gaps).
        if (!demoLoaded) logger.warn({ status: loaded.status }, 'demo load in its own process failed');
      }
      const server = await startServer(
        config,
        logger,
        values.demo && !demoLoaded
          ? async (s) => void (await loadDemo(s.database.db, { dataDir: s.config.DATA_DIR }))
          : undefined,
      );
      out(values.demo ? demoBanner(server.url) : `\n  Concord is running at ${server.url}/\n`);
      let stopping = false;
      const shutdown = (reason: string) => {
        // A terminal's Ctrl+C reaches both the launcher and this process: act on the first signal only.
        if (stopping) return;
        stopping = true;
        logger.info({ reason }, 'stopping');
        server.stop().then(
          () => process.exit(0),
          (err: unknown) => {
            logger.error({ err: loggableError(err) }, 'stop failed');
            process.exit(1);
          },
        );
      };
      for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
        process.on(signal, () => shutdown(signal));
      // Started by the `concord` launcher: stop when it goes away, so no server is left orphaned.
      if (process.send) process.once('disconnect', () => shutdown('launcher exited'));
      return -1;
    }
    case 'backup':
    case 'restore': {
      const [file, ...args] = rest;
      const text = command === 'backup' ? helps.backup : helps.restore;
      if (file === '--help' || file === '-h') return help(text, 0);
      if (!file || file.startsWith('-')) throw new UsageError(`Missing the archive file.\n\n${text}`);
      const { values } = parse(args, { force: { type: 'boolean' } }, text);
      if (values.help) return help(text, 0);
      const config = loadConfig();
      const { RestoreError, restoreBackup, writeBackup } = await import('./db/backup.ts');
      const started = performance.now();
      let manifest: Awaited<ReturnType<typeof writeBackup>>;
      try {
        manifest = await withDatabase(config, `concord ${command}`, (h) =>
          command === 'backup'
            ? writeBackup(h, config.DATA_DIR, file)
            : restoreBackup(h, config.DATA_DIR, file, { force: Boolean(values.force) }),
        );
      } catch (err) {
        if (!(err instanceof RestoreError)) throw err;
        process.stderr.write(`error: ${err.message}\n`);
        return 1;
      }
      const rows = Object.values(manifest.tables).reduce((n, t) => n + t.rows, 0);
      out(
        `${command === 'backup' ? 'Backed up' : 'Restored'} ${rows} rows in ${Object.keys(manifest.tables).length} tables and ${Object.keys(manifest.files).length} files (migration ${manifest.migration}) in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
      );
      return 0;
    }
    case 'export-college':
    case 'import-college': {
      const exporting = command === 'export-college';
      const text = exporting ? helps.exportCollege : helps.importCollege;
      if (rest[0] === '--help' || rest[0] === '-h') return help(text, 0);
      const [first, second, ...more] = rest;
      const needed = exporting ? [first, second] : [first];
      if (needed.some((a) => !a || a.startsWith('-')))
        throw new UsageError(
          `Missing ${exporting ? 'the slug or the archive file' : 'the archive file'}.\n\n${text}`,
        );
      const { values } = parse(
        exporting ? more : [second, ...more].filter((a): a is string => a !== undefined),
        exporting ? {} : { slug: { type: 'string' }, host: { type: 'string' } },
        text,
      );
      if (values.help) return help(text, 0);
      const config = loadConfig();
      const { RestoreError } = await import('./db/backup.ts');
      const { exportCollege, importCollege } = await import('./db/college-transfer.ts');
      const started = performance.now();
      try {
        const manifest = await withDatabase(config, `concord ${command}`, (h) =>
          exporting
            ? exportCollege(h, config.DATA_DIR, String(first), String(second))
            : importCollege(h, config.DATA_DIR, String(first), {
                ...(values.slug ? { slug: String(values.slug) } : {}),
                ...(values.host ? { host: String(values.host) } : {}),
              }),
        );
        const rows = Object.values(manifest.tables).reduce((n, t) => n + t.rows, 0);
        out(
          `${exporting ? 'Exported' : 'Imported'} the college ${manifest.college?.slug}: ${rows} rows and ${Object.keys(manifest.files).length} files in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
        );
        return 0;
      } catch (err) {
        if (!(err instanceof RestoreError)) throw err;
        process.stderr.write(`error: ${err.message}\n`);
        return 1;
      }
    }
    case 'doctor': {
      const { values } = parse(rest, {}, helps.doctor);
      if (values.help) return help(helps.doctor, 0);
      const { runDoctor } = await import('./db/doctor.ts');
      const findings = await runDoctor(loadConfig());
      for (const f of findings) {
        out(`${f.ok ? 'ok     ' : 'PROBLEM'} ${f.check}: ${f.detail}`);
        if (f.fix) out(`        → ${f.fix}`);
      }
      return findings.every((f) => f.ok) ? 0 : 1;
    }
    case 'migrate': {
      const { values } = parse(rest, {}, helps.migrate);
      if (values.help) return help(helps.migrate, 0);
      const config = loadConfig();
      await withDatabase(config, 'concord migrate', async () => undefined);
      out('Migrations applied.');
      return 0;
    }
    case 'demo': {
      const { values } = parse(rest, {}, helps.demo);
      if (values.help) return help(helps.demo, 0);
      const config = loadConfig();
      const result = await withDatabase(config, 'concord demo', (h) =>
        loadDemo(h.db, { dataDir: config.DATA_DIR }),
      );
      out(
        result.created
          ? `Demo college loaded (tenant "demo", ${result.usersCreated} accounts, password ${demoPassword}).`
          : `Demo college already present; ${result.usersCreated} missing accounts added.`,
      );
      return 0;
    }
    case 'import': {
      const [sub, source, ...args] = rest;
      if (!sub || sub === '--help' || sub === '-h') return help(helps.import, sub ? 0 : 2);
      if (['partners', 'people', 'facts', 'engagements', 'practice'].includes(sub))
        return importSheet(sub as 'partners', source, args);
      if (sub !== 'news') throw new UsageError(`Unknown subcommand "import ${sub}".\n\n${helps.import}`);
      if (source === '--help' || source === '-h') return help(helps.import, 0);
      if (!source || source.startsWith('-')) {
        throw new UsageError(`Missing the folder or .zip to import.\n\n${helps.import}`);
      }
      const { values } = parse(
        args,
        {
          tenant: { type: 'string' },
          channel: { type: 'string' },
          language: { type: 'string' },
          publish: { type: 'boolean' },
          'dry-run': { type: 'boolean' },
          report: { type: 'string' },
        },
        helps.import,
      );
      if (values.help) return help(helps.import, 0);
      const parsed = importSchema.safeParse(values);
      if (!parsed.success) {
        throw new UsageError(
          `Missing or invalid options:\n${parsed.error.issues.map((i) => `  --${String(i.path[0])} ${i.message}`).join('\n')}\n\n${helps.import}`,
        );
      }
      const options = parsed.data;
      const config = loadConfig();
      const { importNewsArchive } = await import('./features/imports/news-import.service.ts');
      const summary = await withDatabase(config, 'concord import', async (h) => {
        const tenant = await findTenantBySlug(h.db, options.tenant);
        if (!tenant) throw new UsageError(`No college with slug "${options.tenant}". Check the slug.`);
        const scope = new TenantScope(h.db, tenant.id, systemCaller('concord cli'));
        const channel = await findChannelBySlug(scope, options.channel);
        if (!channel) throw new UsageError(`No channel "${options.channel}" in "${options.tenant}".`);
        const archive = await openImportSource(source);
        try {
          return await importNewsArchive(
            scope,
            new FileStore(config.DATA_DIR),
            archive,
            {
              channelId: channel.id,
              language: options.language ?? 'auto',
              publish: options.publish ?? false,
              dryRun: options['dry-run'] ?? false,
            },
            {
              onProgress: (c) => {
                if (c.processed % 25 === 0 || c.processed === c.total) {
                  out(
                    `${c.processed}/${c.total} pages: ${c.created} new, ${c.updated} updated, ${c.skipped} skipped, ${c.refused} refused`,
                  );
                }
              },
            },
          );
        } finally {
          await archive.close();
        }
      });
      for (const item of summary.report) {
        if (item.outcome === 'created' || item.outcome === 'updated') {
          if (item.reasons.length === 0) continue;
        }
        if (item.outcome === 'skipped' && item.reasons.includes('unchanged')) continue;
        out(
          `  ${item.outcome.padEnd(8)} ${item.path}: ${item.reasons.join(', ')}${item.detail ? ` (${item.detail})` : ''}`,
        );
      }
      if (options.report) await writeFile(options.report, JSON.stringify(summary.report, null, 2));
      out(
        `${options['dry-run'] ? 'Dry run: would import' : 'Imported'} ${summary.created} new and ${summary.updated} updated articles; ${summary.skipped} skipped, ${summary.refused} refused, ${summary.degraded} with warnings.`,
      );
      return 0;
    }
    case 'extract': {
      const files: string[] = [];
      const optionArgs: string[] = [];
      for (let i = 0; i < rest.length; i++) {
        const arg = rest[i]!;
        if (arg.startsWith('-')) {
          optionArgs.push(arg);
          if (['--tenant', '--language', '--url', '--published'].includes(arg) && rest[i + 1] !== undefined) {
            optionArgs.push(rest[++i]!);
          }
        } else files.push(arg);
      }
      const { values } = parse(
        optionArgs,
        {
          json: { type: 'boolean' },
          tenant: { type: 'string' },
          language: { type: 'string' },
          url: { type: 'string' },
          published: { type: 'string' },
        },
        helps.extract,
      );
      if (values.help) return help(helps.extract, 0);
      const parsed = extractSchema.safeParse(values);
      if (!parsed.success) {
        throw new UsageError(
          `Missing or invalid options:\n${parsed.error.issues.map((i) => `  --${String(i.path[0])} ${i.message}`).join('\n')}\n\n${helps.extract}`,
        );
      }
      if (files.length === 0) throw new UsageError(`Name at least one file.\n\n${helps.extract}`);
      const options = parsed.data;
      // Loaded here, not with every command: the extractor and the page reader are large.
      const { extractFromFile, loadRegistry } = await import('./features/extraction/extraction.service.ts');
      const registry = options.tenant
        ? await withDatabase(loadConfig(), 'concord extract', async (h) => {
            const tenant = await findTenantBySlug(h.db, options.tenant!);
            if (!tenant) throw new UsageError(`No college with slug "${options.tenant}". Check the slug.`);
            return loadRegistry(new TenantScope(h.db, tenant.id, systemCaller('concord cli')));
          })
        : undefined;
      let failed = 0;
      for (const file of files) {
        try {
          const line = extractFromFile(file, await readFile(file), {
            ...(options.language ? { language: options.language } : {}),
            ...(options.url ? { url: options.url } : {}),
            ...(options.published ? { published: options.published } : {}),
            ...(registry ? { registry } : {}),
          });
          out(JSON.stringify(line));
        } catch (err) {
          failed++;
          process.stderr.write(`error: ${file}: ${err instanceof Error ? err.message : String(err)}\n`);
        }
      }
      return failed ? 1 : 0;
    }
    case 'college':
      return college(rest);
    case 'user': {
      const [sub, ...args] = rest;
      if (!sub || sub === '--help' || sub === '-h') return help(helps.user, sub ? 0 : 2);
      if (sub !== 'create') throw new UsageError(`Unknown subcommand "user ${sub}".\n\n${helps.user}`);
      const { values } = parse(
        args,
        {
          tenant: { type: 'string' },
          email: { type: 'string' },
          password: { type: 'string' },
          role: { type: 'string', multiple: true },
          name: { type: 'string' },
        },
        helps.user,
      );
      if (values.help) return help(helps.user, 0);
      const parsed = userCreateSchema.safeParse({
        ...(values as Record<string, unknown>),
        role: (values.role as string[] | undefined)
          ?.flatMap((r) => r.split(','))
          .map((r) => r.trim())
          .filter(Boolean),
      });
      if (!parsed.success) {
        const problems = parsed.error.issues.map((i) => `  --${String(i.path[0])} ${i.message}`).join('\n');
        throw new UsageError(`Missing or invalid options:\n${problems}\n\n${helps.user}`);
      }
      const bad = parsed.data.role.filter((r) => !(roles as readonly string[]).includes(r));
      if (bad.length) throw new UsageError(`Unknown role(s): ${bad.join(', ')}. Roles: ${roles.join(', ')}`);
      const config = loadConfig();
      const user = await withDatabase(config, 'concord user create', async (h) => {
        const tenant = await findTenantBySlug(h.db, parsed.data.tenant);
        if (!tenant)
          throw new UsageError(
            `No college with slug "${parsed.data.tenant}". Run "concord demo" or check the slug.`,
          );
        return createUser(new TenantScope(h.db, tenant.id, systemCaller('concord cli')), {
          email: parsed.data.email,
          password: parsed.data.password,
          name: parsed.data.name ?? parsed.data.email.split('@')[0] ?? parsed.data.email,
          roles: parsed.data.role as (typeof roles)[number][],
        });
      });
      out(`Created user ${user.email} (${user.roles.join(', ')}) in "${parsed.data.tenant}".`);
      return 0;
    }
    case 'export': {
      const [report, ...args] = rest;
      if (!report || report === '--help' || report === '-h') return help(helps.export, report ? 0 : 2);
      const { values } = parse(
        args,
        {
          tenant: { type: 'string' },
          year: { type: 'string' },
          out: { type: 'string' },
          format: { type: 'string' },
          lang: { type: 'string' },
          department: { type: 'string' },
          major: { type: 'string' },
          partner: { type: 'string' },
          filter: { type: 'string', multiple: true },
        },
        helps.export,
      );
      if (values.help) return help(helps.export, 0);
      const parsed = exportSchema.safeParse({ ...(values as Record<string, unknown>), report });
      if (!parsed.success) {
        const problems = parsed.error.issues
          .map((i) => `  ${i.path[0] === 'report' ? '<report>' : `--${String(i.path[0])}`} ${i.message}`)
          .join('\n');
        throw new UsageError(`Missing or invalid options:\n${problems}\n\n${helps.export}`);
      }
      const options = parsed.data;
      const format = options.format ?? (options.out.toLowerCase().endsWith('.csv') ? 'csv' : 'xlsx');
      const isList = (exportableLists as readonly string[]).includes(options.report);
      if (!isList && options.year === undefined) {
        throw new UsageError(`Missing or invalid options:\n  --year is required\n\n${helps.export}`);
      }
      const filters: Record<string, string> = {};
      for (const pair of options.filter ?? []) {
        const [key, ...rest] = pair.split('=');
        if (!key || rest.length === 0) throw new UsageError(`--filter wants key=value, not "${pair}"`);
        filters[key] = rest.join('=');
      }
      const config = loadConfig();
      const bytes = await withDatabase(config, 'concord export', async (h) => {
        const tenant = await findTenantBySlug(h.db, options.tenant);
        if (!tenant) throw new UsageError(`No college with slug "${options.tenant}". Check the slug.`);
        const scope = new TenantScope(h.db, tenant.id, systemCaller('concord cli'));
        if (isList) {
          const sheet = exportList(scope, options.report as ExportableList, filters, options.lang);
          await pipeline(
            Readable.fromWeb(streamSheet(sheet, format) as never),
            createWriteStream(options.out),
          );
          return statSync(options.out).size;
        }
        const query = {
          year: options.year!,
          orgUnitId: options.department,
          majorId: options.major,
          organizationId: options.partner,
        };
        const report = options.report as (typeof reportNames)[number];
        const file =
          report === 'cooperation-table'
            ? await exportCooperationTable(scope, query, format, options.lang)
            : report === 'indicators'
              ? await exportIndicatorReport(scope, query, format, options.lang)
              : report === 'quality-report'
                ? await exportQualityReport(scope, query, format, options.lang)
                : report === 'teacher-practice'
                  ? await exportTeacherPracticeLedger(scope, query, format, options.lang)
                  : await exportPartnerLedger(scope, report, query, format, options.lang);
        await writeFile(options.out, file.bytes);
        return file.bytes.length;
      });
      out(
        `Wrote ${options.report}${options.year ? ` ${options.year}` : ''} of "${options.tenant}" to ${options.out} (${bytes} bytes).`,
      );
      return 0;
    }
    default:
      throw new UsageError(`Unknown command "${command}".\n\n${helps.main}`);
  }
}

function describe(err: unknown): string {
  if (err instanceof AppError && err.code === 'validation_failed' && Array.isArray(err.details)) {
    return `Invalid input:\n${(err.details as { path: string; message: string }[]).map((d) => `  ${d.path}: ${d.message}`).join('\n')}`;
  }
  return loggableError(err).message;
}

try {
  const code = await run(process.argv.slice(2));
  if (code >= 0) process.exit(code);
} catch (err) {
  if (err instanceof UsageError) {
    process.stderr.write(`error: ${err.message}\n`);
    process.exit(2);
  }
  if (err instanceof ConfigError) {
    process.stderr.write(`error: ${err.message}\n`);
    process.exit(78);
  }
  process.stderr.write(`error: ${describe(err)}\n`);
  if (!(err instanceof AppError)) process.stderr.write(`${loggableError(err).stack ?? ''}\n`);
  process.exit(1);
}

/** `concord import partners <file>`: the dry-run report, then (unless --dry-run) the commit. */
/** `concord college create|list|suspend|resume`: the operator's way to add and stop colleges. */
async function college(rest: string[]): Promise<number> {
  const [sub, ...args] = rest;
  if (!sub || sub === '--help' || sub === '-h') return help(helps.college, sub ? 0 : 2);
  const { createTenant, listColleges, setCollegeStatus } = await import(
    './features/tenants/tenants.service.ts'
  );
  const config = loadConfig();
  switch (sub) {
    case 'create': {
      const { values } = parse(
        args,
        {
          slug: { type: 'string' },
          'name-zh': { type: 'string' },
          'name-en': { type: 'string' },
          host: { type: 'string' },
          default: { type: 'boolean' },
        },
        helps.college,
      );
      if (values.help) return help(helps.college, 0);
      const created = await withDatabase(config, 'concord college create', async (h) => {
        try {
          return await createTenant(h.db, {
            slug: String(values.slug ?? ''),
            nameZh: String(values['name-zh'] ?? ''),
            nameEn: String(values['name-en'] ?? ''),
            host: String(values.host ?? ''),
            isDefault: Boolean(values.default),
          });
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          const problems = (err.details as { path: string; message: string }[] | undefined)
            ?.map(
              (d) => `  --${d.path.replace('nameZh', 'name-zh').replace('nameEn', 'name-en')}: ${d.message}`,
            )
            .join('\n');
          throw new UsageError(`${err.message}${problems ? `\n${problems}` : ''}\n\n${helps.college}`);
        }
      });
      out(`Created the college ${created.slug} (${created.id}) at ${values.host}.`);
      out(`Give it an administrator: concord user create --tenant ${created.slug} --role college_admin ...`);
      return 0;
    }
    case 'list': {
      const colleges = await withDatabase(config, 'concord college list', (h) => listColleges(h.db));
      if (colleges.length === 0) out('No college yet: add one with concord college create.');
      for (const c of colleges) {
        out(
          `${c.slug}\t${c.status}\t${c.hosts.join(', ')}${c.isDefault ? ' (default)' : ''}\t${c.nameZh} / ${c.nameEn}`,
        );
      }
      return 0;
    }
    case 'suspend':
    case 'resume': {
      const [slug] = args;
      if (!slug || slug.startsWith('-'))
        throw new UsageError(`Missing the college's slug.\n\n${helps.college}`);
      try {
        await withDatabase(config, `concord college ${sub}`, (h) =>
          setCollegeStatus(h.db, slug, sub === 'suspend' ? 'suspended' : 'active'),
        );
      } catch (err) {
        if (err instanceof AppError && err.code === 'not_found') {
          process.stderr.write(`error: ${err.message}\n`);
          return 1;
        }
        throw err;
      }
      out(`The college ${slug} is ${sub === 'suspend' ? 'suspended' : 'active again'}.`);
      return 0;
    }
    default:
      throw new UsageError(`Unknown subcommand "college ${sub}".\n\n${helps.college}`);
  }
}

async function importSheet(
  kind: 'partners' | 'people' | 'facts' | 'engagements' | 'practice',
  source: string | undefined,
  args: string[],
): Promise<number> {
  if (source === '--help' || source === '-h') return help(helps.importSheet, 0);
  if (!source || source.startsWith('-'))
    throw new UsageError(`Missing the sheet to import.\n\n${helps.importSheet}`);
  const { values } = parse(
    args,
    {
      tenant: { type: 'string' },
      'dry-run': { type: 'boolean' },
      'skip-invalid': { type: 'boolean' },
      lang: { type: 'string' },
    },
    helps.importSheet,
  );
  if (values.help) return help(helps.importSheet, 0);
  if (!values.tenant) throw new UsageError(`Missing --tenant.\n\n${helps.importSheet}`);
  const lang = values.lang === 'zh-CN' ? 'zh-CN' : 'en';
  const config = loadConfig();
  const { startSheetImport, commitSheetImport, eachReportRow } = await import(
    './features/imports/sheet-import.service.ts'
  );
  const { describeAction, describeError, describeWarning } = await import(
    './features/imports/sheet-files.ts'
  );
  const { createReadStream } = await import('node:fs');
  const { Readable } = await import('node:stream');
  return withDatabase(config, 'concord import', async (h) => {
    const tenant = await findTenantBySlug(h.db, String(values.tenant));
    if (!tenant) throw new UsageError(`No college with slug "${values.tenant}". Check the slug.`);
    const scope = new TenantScope(h.db, tenant.id, systemCaller('concord cli'));
    const body = Readable.toWeb(createReadStream(source)) as ReadableStream<Uint8Array>;
    const checked = await startSheetImport(scope, config.DATA_DIR, { kind, name: basename(source) }, body);
    const unmapped = checked.headers.filter((_, i) => checked.mapping[i] === null);
    if (unmapped.length) out(`Columns left out (no field matches their header): ${unmapped.join(', ')}`);
    for await (const r of eachReportRow(scope, checked.id)) {
      if (r.action === 'create' && r.warnings.length === 0) continue;
      if (r.action === 'unchanged') continue;
      const why = [
        ...r.errors.map((e) => describeError(lang, e)),
        ...r.warnings.map((w) => describeWarning(lang, w)),
      ];
      out(`  row ${r.row} ${r.name}: ${describeAction(lang, r)}${why.length ? ` — ${why.join(' ')}` : ''}`);
    }
    const c = { create: 0, update: 0, unchanged: 0, rejected: 0, ...checked.counts };
    out(
      `Checked: ${c.create} to create, ${c.update} to update, ${c.unchanged} unchanged, ${c.rejected} rejected.`,
    );
    if (values['dry-run']) return c.rejected > 0 ? 1 : 0;
    if (c.rejected > 0 && !values['skip-invalid']) {
      out('Nothing was written: fix the rejected rows, or run again with --skip-invalid.');
      return 1;
    }
    const done = await commitSheetImport(scope, config.DATA_DIR, checked.id, {
      version: checked.version,
      skipInvalid: Boolean(values['skip-invalid']),
    });
    out(
      `Imported: ${done.counts.create ?? 0} created, ${done.counts.update ?? 0} updated (import ${done.id}).`,
    );
    return 0;
  });
}
