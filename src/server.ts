import { createServer, type Server } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { createApp } from './app.ts';
import type { Config } from './config.ts';
import { registerBackupJob, scheduleBackups } from './db/backup.ts';
import { openDatabase } from './db/client.ts';
import { registerDatabaseMaintenance, scheduleDatabaseMaintenance } from './db/maintenance.ts';
import { migrateDatabase } from './db/migrate.ts';
import { ReadReplica } from './db/read-replica.ts';
import { registerAgreementJobs, scheduleAgreementJobs } from './features/agreements/agreements.jobs.ts';
import { registerArticleJobs, scheduleArticleJobs } from './features/articles/articles.jobs.ts';
import { registerExtractionJobs } from './features/extraction/extraction.jobs.ts';
import { registerImportJobs } from './features/imports/imports.jobs.ts';
import { registerReminderJobs, scheduleReminderJobs } from './features/reminders/reminders.jobs.ts';
import { registerUserJobs, scheduleUserJobs } from './features/users/users.jobs.ts';
import { serveCachedPage } from './platform/cached-pages.ts';
import type { AppServices } from './platform/context.ts';
import { JobRunner } from './platform/jobs.ts';
import type { Logger } from './platform/logger.ts';
import { createMailer, type Mailer } from './platform/mailer.ts';
import { listenForInvalidations, PageCache } from './platform/page-cache.ts';

/** A running Concord server. */
export interface RunningServer {
  url: string;
  services: AppServices;
  stop(): Promise<void>;
}

/** Registers every feature's job handlers on a runner; jobs that publish drop cached pages. */
export function registerJobs(
  runner: JobRunner,
  pageCache: PageCache,
  config: Pick<Config, 'DATA_DIR' | 'PUBLIC_URL'>,
  mailer: Mailer | null = null,
): void {
  const dataDir = config.DATA_DIR;
  registerUserJobs(runner);
  registerImportJobs(runner, dataDir, pageCache);
  registerExtractionJobs(runner, pageCache);
  registerAgreementJobs(runner);
  registerArticleJobs(runner, pageCache);
  registerReminderJobs(runner, mailer, config);
}

/**
 * Opens the database (locking an embedded one), migrates, runs the optional set-up step (demo data),
 * starts the job loop after its catch-up sweep and listens.
 */
export async function startServer(
  config: Config,
  logger: Logger,
  setUp?: (services: AppServices) => Promise<void>,
): Promise<RunningServer> {
  const started = performance.now();
  const database = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    purpose: 'concord serve',
  });
  let jobs: JobRunner | undefined;
  let pageCache: PageCache | undefined;
  let replica: ReadReplica | undefined;
  let mailer: Mailer | null = null;
  try {
    await migrateDatabase(database);
    jobs = new JobRunner({
      db: database.db,
      log: logger.child({ component: 'jobs' }),
      exclusive: database.driver === 'pglite',
      ...(database.pool ? { pool: database.pool } : {}),
    });
    pageCache = new PageCache({ maxBytes: config.PAGE_CACHE_MB * 1024 * 1024 });
    if (config.DATABASE_READ_URL) {
      replica = new ReadReplica({
        url: config.DATABASE_READ_URL,
        ...(database.pool ? { primary: database.pool } : {}),
        maxLagSeconds: config.READ_MAX_LAG_SECONDS,
        log: logger.child({ component: 'read-replica' }),
      });
      await replica.start();
    }
    if (database.pool) {
      const onPosition = replica ? (position: bigint) => replica?.requirePosition(position) : undefined;
      await listenForInvalidations(
        pageCache,
        database.pool,
        logger.child({ component: 'page-cache' }),
        onPosition,
      );
    }
    mailer = createMailer(config);
    registerJobs(jobs, pageCache, config, mailer);
    registerDatabaseMaintenance(jobs, database.driver);
    registerBackupJob(jobs, database, config);
    const services: AppServices = {
      config,
      database,
      logger,
      jobs,
      pageCache,
      ...(replica ? { replica } : {}),
    };
    if (setUp) await setUp(services);
    await scheduleUserJobs(database.db);
    await scheduleAgreementJobs(database.db);
    await scheduleDatabaseMaintenance(database.db);
    await scheduleBackups(database.db, config);
    await scheduleArticleJobs(database.db);
    await scheduleReminderJobs(database.db, mailer);
    if (config.JOBS) await jobs.start();
    const app = createApp(services);
    const listener = getRequestListener(app.fetch);
    const cache = services.pageCache;
    // Cached public pages are answered before a web Request is built for them; see page-cache.ts.
    const server = await new Promise<Server>((resolve, reject) => {
      const s = createServer((req, res) => {
        if (!serveCachedPage(cache, req, res)) void listener(req, res);
      });
      s.once('error', reject);
      // What Node answers by itself (headers too large, a malformed request) still gets the API's
      // JSON error shape instead of a bare status line.
      s.on('clientError', (err: NodeJS.ErrnoException, socket) => {
        if (!socket.writable) return;
        const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
        const status = tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request';
        const body = JSON.stringify({
          error: tooLarge
            ? { code: 'headers_too_large', message: 'The request headers or address are too long' }
            : { code: 'bad_request', message: 'The request could not be read' },
        });
        socket.end(
          `HTTP/1.1 ${status}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
        );
      });
      s.listen(config.PORT, config.HOST, () => resolve(s));
    });
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.PORT;
    const url = `http://${config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST}:${port}`;
    logger.info(
      { url, driver: database.driver, ms: Math.round(performance.now() - started) },
      'concord is ready',
    );
    let stopping: Promise<void> | undefined;
    return {
      url,
      services,
      stop: () => {
        stopping ??= (async () => {
          await new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
          });
          await services.jobs.stop();
          await services.pageCache.close();
          await replica?.close();
          await database.close();
        })();
        return stopping;
      },
    };
  } catch (err) {
    await jobs?.stop();
    await pageCache?.close();
    await replica?.close();
    await database.close();
    throw err;
  }
}
