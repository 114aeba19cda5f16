import { hostname } from 'node:os';
import { and, eq, lt, sql } from 'drizzle-orm';
import type pg from 'pg';
import type { Database } from '../db/client.ts';
import { loggableError } from './errors.ts';
import { jobs } from './jobs.table.ts';
import type { Logger } from './logger.ts';

export type JobRow = typeof jobs.$inferSelect;

/** What a job handler gets: its row, a logger and the database. */
export interface JobContext {
  job: JobRow;
  log: Logger;
  db: Database;
}
export type JobHandler = (ctx: JobContext) => Promise<void>;

export interface NewJob {
  kind: string;
  payload?: Record<string, unknown>;
  tenantId?: string | null;
  runAt?: Date;
  uniqueKey?: string;
  maxAttempts?: number;
}

/**
 * Queues a job on any executor (pass a transaction to queue it atomically with a change).
 * With a `uniqueKey`, a job already queued under that key is kept and its time moved; a job
 * running under that key does not stop a new one from being queued.
 */
export async function enqueueJob(db: Database, job: NewJob): Promise<void> {
  const values = {
    kind: job.kind,
    payload: job.payload ?? {},
    tenantId: job.tenantId ?? null,
    runAt: job.runAt ?? new Date(),
    uniqueKey: job.uniqueKey ?? null,
    maxAttempts: job.maxAttempts ?? 5,
  };
  if (!job.uniqueKey) {
    await db.insert(jobs).values(values);
    return;
  }
  await db
    .insert(jobs)
    .values(values)
    .onConflictDoUpdate({
      target: jobs.uniqueKey,
      targetWhere: sql`${jobs.status} = 'queued'`,
      set: { runAt: values.runAt, payload: values.payload },
    });
}

/**
 * Makes sure a recurring job is queued (idempotent: an already queued one keeps its time).
 * After each successful run the runner queues the next one `everyMs` later.
 */
export async function scheduleRecurringJob(
  db: Database,
  kind: string,
  everyMs: number,
  firstRunAt?: Date,
): Promise<void> {
  await db
    .insert(jobs)
    .values({
      kind,
      payload: { everyMs },
      uniqueKey: `recurring:${kind}`,
      runAt: firstRunAt ?? new Date(Date.now() + everyMs),
    })
    .onConflictDoNothing();
}

/** Delay before the next try: 5 s, 20 s, 80 s, ... capped at one hour. */
export function backoffMs(attempts: number): number {
  return Math.min(3_600_000, 5_000 * 4 ** Math.max(0, attempts - 1));
}

export interface JobRunnerOptions {
  db: Database;
  log: Logger;
  pollMs?: number;
  batchSize?: number;
  /** A running job whose worker stopped answering for this long is taken back. */
  staleAfterMs?: number;
  /**
   * This runner is the only one on its database (the embedded one, guarded by the directory
   * lock): every job found running at start-up was left by a stopped process and is taken back.
   */
  exclusive?: boolean;
  /**
   * On PostgreSQL with several processes: the pool that holds this worker's liveness lock (a
   * session advisory lock named after the worker, on a connection of its own). A worker that dies,
   * even by kill -9, loses its connection and so its lock; the others see that within seconds and
   * take back the jobs it was running, instead of waiting for them to go stale.
   */
  pool?: pg.Pool;
  /** How often the others' liveness is checked (milliseconds). */
  livenessEveryMs?: number;
  /**
   * How long a worker's lock must have been free before its jobs are taken (milliseconds): a live
   * worker whose connection dropped takes its lock again within a second or two.
   */
  livenessConfirmMs?: number;
}

/** Worker ids that hold a liveness lock (older releases named workers `host:pid` and held none). */
const livenessWorker = /^\d+:[a-z0-9]+:/;

/** The advisory-lock namespace of worker liveness locks (the second key is the worker id's hash). */
const livenessSpace = 0x636f6e63;

/**
 * The in-process worker loop. At start it sweeps: jobs left running by a process that died are
 * queued again, and everything whose time has passed (also while the server was down) runs now.
 */
export class JobRunner {
  private readonly handlers = new Map<string, JobHandler>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private lastSweep = 0;
  private lastLivenessCheck = 0;
  private liveness: pg.PoolClient | undefined;
  /** Workers whose lock was found free, and since when. */
  private readonly suspects = new Map<string, number>();
  /** Who holds a running job (`locked_by`): this process, its start and its host. */
  private readonly workerId =
    `${process.pid}:${Math.random().toString(36).slice(2, 8)}:${hostname().slice(0, 30)}`;

  constructor(private readonly options: JobRunnerOptions) {}

  /** Registers the handler of a job kind. */
  register(kind: string, handler: JobHandler): void {
    this.handlers.set(kind, handler);
  }

  /** Starts the loop after the catch-up sweep. */
  async start(): Promise<void> {
    this.stopped = false;
    await this.holdLiveness();
    await this.sweep(true);
    await this.takeBackFromStoppedWorkers();
    this.lastSweep = Date.now();
    this.schedule(0);
  }

  /** Stops polling and waits for the jobs in hand to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    // Closing the connection lets the lock go.
    this.liveness?.release(true);
    this.liveness = undefined;
  }

  /**
   * Takes this worker's liveness lock on a connection of its own, and again, retrying with backoff,
   * whenever that connection is lost; no job is claimed while the lock is not held.
   */
  private async holdLiveness(): Promise<void> {
    const pool = this.options.pool;
    if (!pool) return;
    for (let attempt = 0; !this.stopped; attempt++) {
      try {
        const client = await pool.connect();
        client.on('error', (err) => {
          this.options.log.warn({ err }, 'job worker lost its liveness connection');
          client.release(true);
          if (this.liveness !== client) return;
          this.liveness = undefined;
          void this.holdLiveness();
        });
        await client.query('select pg_advisory_lock($1, hashtext($2))', [livenessSpace, this.workerId]);
        // So an operator sees in pg_stat_activity which connection keeps which worker alive.
        await client.query("select set_config('application_name', $1, false)", [
          `concord-worker ${this.workerId}`,
        ]);
        this.liveness = client;
        return;
      } catch (err) {
        this.options.log.error({ err, attempt }, 'job worker could not take its liveness lock');
        await new Promise((resolve) => setTimeout(resolve, Math.min(30_000, 500 * 2 ** attempt)).unref());
      }
    }
  }

  /**
   * Queues again the jobs of workers whose liveness lock is free (their process ended); returns how
   * many. A lock can be taken only when its holder's connection is gone, so a live worker's jobs,
   * however long they run, are never taken.
   */
  async takeBackFromStoppedWorkers(): Promise<number> {
    const pool = this.options.pool;
    if (!pool) return 0;
    this.lastLivenessCheck = Date.now();
    const { rows } = await pool.query<{ worker: string }>(
      `select distinct locked_by as worker from jobs
        where status = 'running' and locked_by is not null and locked_by <> $1`,
      [this.workerId],
    );
    const workers = rows.map((r) => r.worker).filter((w) => livenessWorker.test(w));
    for (const known of [...this.suspects.keys()]) if (!workers.includes(known)) this.suspects.delete(known);
    let taken = 0;
    for (const worker of workers) {
      const client = await pool.connect();
      try {
        const { rows: lock } = await client.query<{ free: boolean }>(
          'select pg_try_advisory_lock($1, hashtext($2)) as free',
          [livenessSpace, worker],
        );
        if (!lock[0]?.free) {
          this.suspects.delete(worker);
          continue;
        }
        try {
          // Free now; taken only when it was free long enough for a live worker to have taken it again.
          const since = this.suspects.get(worker) ?? Date.now();
          this.suspects.set(worker, since);
          if (Date.now() - since < (this.options.livenessConfirmMs ?? 2000)) continue;
          const result = await client.query(
            `update jobs set status = 'queued', locked_at = null, locked_by = null
              where status = 'running' and locked_by = $1`,
            [worker],
          );
          this.suspects.delete(worker);
          taken += result.rowCount ?? 0;
          this.options.log.warn({ worker, count: result.rowCount }, 'took back the jobs of a stopped worker');
        } finally {
          await client.query('select pg_advisory_unlock($1, hashtext($2))', [livenessSpace, worker]);
        }
      } finally {
        client.release();
      }
    }
    return taken;
  }

  /** Asks the loop to look for due jobs now (after queuing one due immediately). */
  wake(): void {
    if (!this.stopped && !this.running) this.schedule(0);
  }

  /** Queues stale running jobs again (at start-up, every running one when exclusive); returns how many. */
  async sweep(atStart = false): Promise<number> {
    const staleBefore = new Date(Date.now() - (this.options.staleAfterMs ?? 10 * 60_000));
    const takeAll = atStart && this.options.exclusive;
    const rows = await this.options.db
      .update(jobs)
      .set({ status: 'queued', lockedAt: null, lockedBy: null })
      .where(
        takeAll
          ? eq(jobs.status, 'running')
          : and(
              eq(jobs.status, 'running'),
              lt(jobs.lockedAt, staleBefore),
              // With liveness locks, a long job of a live worker is not stale: those are left to
              // the liveness check, which takes them only when their worker is gone.
              this.options.pool ? sql`${jobs.lockedBy} !~ ${livenessWorker.source}` : undefined,
            ),
      )
      .returning({ id: jobs.id });
    if (rows.length)
      this.options.log.warn({ count: rows.length }, 'requeued jobs left running by a stopped worker');
    return rows.length;
  }

  /** Claims and runs due jobs until none is left; returns how many ran. Used by the loop and tests. */
  async runDue(): Promise<number> {
    let ran = 0;
    for (;;) {
      const claimed = await this.claim();
      if (claimed.length === 0) return ran;
      for (const job of claimed) {
        await this.execute(job);
        ran++;
      }
    }
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.running = this.sweepNowAndThen()
        .then(() => this.runDue())
        .then(() => undefined)
        .catch((err: unknown) => this.options.log.error({ err }, 'job loop failed'))
        .finally(() => {
          this.running = undefined;
          this.schedule(this.options.pollMs ?? 1000);
        });
    }, delay);
    this.timer.unref();
  }

  private async sweepNowAndThen(): Promise<void> {
    if (this.options.pool && Date.now() - this.lastLivenessCheck >= (this.options.livenessEveryMs ?? 3000))
      await this.takeBackFromStoppedWorkers();
    if (Date.now() - this.lastSweep < 60_000) return;
    this.lastSweep = Date.now();
    await this.sweep();
  }

  private async claim(): Promise<JobRow[]> {
    // Without its liveness lock, this worker's jobs could be taken by the others: claim none.
    if (this.options.pool && !this.liveness) return [];
    const limit = this.options.batchSize ?? 5;
    const result = await this.options.db.execute(sql`
      update ${jobs} set status = 'running', locked_at = now(), locked_by = ${this.workerId}, attempts = attempts + 1
      where id in (
        select id from ${jobs}
        where status = 'queued' and run_at <= now()
        order by run_at, id
        limit ${limit}
        for update skip locked
      )
      returning id`);
    const ids = (result as unknown as { rows: { id: number | string }[] }).rows.map((r) => Number(r.id));
    if (ids.length === 0) return [];
    return this.options.db.select().from(jobs).where(sql`${jobs.id} in ${ids}`).orderBy(jobs.runAt, jobs.id);
  }

  /** The job's row, only while this worker still holds it (a sweep may have taken it back). */
  private heldByMe(job: JobRow) {
    return and(eq(jobs.id, job.id), eq(jobs.status, 'running'), eq(jobs.lockedBy, this.workerId));
  }

  /** Queues the next run of a recurring job, whether this run succeeded or failed for good. */
  private async queueNextOccurrence(job: JobRow): Promise<void> {
    const everyMs = Number(job.payload.everyMs);
    if (!job.uniqueKey || !(everyMs > 0)) return;
    await enqueueJob(this.options.db, {
      kind: job.kind,
      payload: job.payload,
      tenantId: job.tenantId,
      uniqueKey: job.uniqueKey,
      runAt: new Date(Date.now() + everyMs),
    });
  }

  private async execute(job: JobRow): Promise<void> {
    const log = this.options.log.child({ jobId: job.id, kind: job.kind, attempt: job.attempts });
    const handler = this.handlers.get(job.kind);
    try {
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
      await handler({ job, log, db: this.options.db });
      await this.options.db
        .update(jobs)
        .set({ status: 'done', finishedAt: new Date(), lockedAt: null, lastError: null })
        .where(this.heldByMe(job));
      await this.queueNextOccurrence(job);
      log.info('job done');
    } catch (err) {
      const safe = loggableError(err);
      const message = safe.message;
      const final = job.attempts >= job.maxAttempts;
      await this.options.db
        .update(jobs)
        .set(
          final
            ? { status: 'failed', finishedAt: new Date(), lockedAt: null, lastError: message }
            : {
                status: 'queued',
                runAt: new Date(Date.now() + backoffMs(job.attempts)),
                lockedAt: null,
                lastError: message,
              },
        )
        .where(this.heldByMe(job));
      if (final) await this.queueNextOccurrence(job);
      log[final ? 'error' : 'warn']({ err: safe }, final ? 'job failed for good' : 'job failed; will retry');
    }
  }
}
