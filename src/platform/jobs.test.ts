import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTenant, buildUser, createTestApp, type TestApp } from '../../test/test-app.ts';
import { databaseUrlOf } from '../../test/test-database.ts';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/client.ts';
import { sessions } from '../features/users/users.table.ts';
import { startServer } from '../server.ts';
import { jobs } from './jobs.table.ts';
import { backoffMs, enqueueJob, JobRunner, scheduleRecurringJob } from './jobs.ts';
import { createLogger } from './logger.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const log = createLogger('silent');

describe('job queue', () => {
  it('runs a due job once and marks it done', async () => {
    const runner = new JobRunner({ db: t.database.db, log });
    const seen: unknown[] = [];
    runner.register('test.echo', async ({ job }) => void seen.push(job.payload));
    await enqueueJob(t.database.db, { kind: 'test.echo', payload: { n: 1 } });
    await enqueueJob(t.database.db, {
      kind: 'test.echo',
      payload: { n: 2 },
      runAt: new Date(Date.now() + 60_000),
    });
    expect(await runner.runDue()).toBe(1);
    expect(seen).toEqual([{ n: 1 }]);
    expect(await runner.runDue()).toBe(0);
    const [done] = await t.database.db.select().from(jobs).where(sql`${jobs.payload}->>'n' = '1'`);
    expect(done?.status).toBe('done');
  });

  it('retries a failing job with growing delays, then gives up', async () => {
    const runner = new JobRunner({ db: t.database.db, log });
    let calls = 0;
    runner.register('test.flaky', async () => {
      calls++;
      throw new Error(`boom ${calls}`);
    });
    await enqueueJob(t.database.db, { kind: 'test.flaky', maxAttempts: 2, uniqueKey: 'flaky' });
    await runner.runDue();
    let [row] = await t.database.db.select().from(jobs).where(eq(jobs.kind, 'test.flaky'));
    expect(row).toMatchObject({ status: 'queued', attempts: 1, lastError: 'boom 1' });
    expect(row!.runAt.getTime()).toBeGreaterThan(Date.now() + 3_000);
    await t.database.db
      .update(jobs)
      .set({ runAt: new Date(Date.now() - 1) })
      .where(eq(jobs.kind, 'test.flaky'));
    await runner.runDue();
    [row] = await t.database.db.select().from(jobs).where(eq(jobs.kind, 'test.flaky'));
    expect(row).toMatchObject({ status: 'failed', attempts: 2, lastError: 'boom 2' });
    expect(backoffMs(1)).toBe(5_000);
    expect(backoffMs(2)).toBe(20_000);
    expect(backoffMs(20)).toBe(3_600_000);
  });

  it('keeps one queued job per unique key', async () => {
    const later = new Date(Date.now() + 3_600_000);
    await enqueueJob(t.database.db, {
      kind: 'test.unique',
      uniqueKey: 'u1',
      runAt: new Date(Date.now() + 60_000),
    });
    await enqueueJob(t.database.db, { kind: 'test.unique', uniqueKey: 'u1', runAt: later });
    const rows = await t.database.db.select().from(jobs).where(eq(jobs.kind, 'test.unique'));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.runAt.getTime()).toBe(later.getTime());
  });

  it('queues a new run for a key whose job is running right now', async () => {
    const runner = new JobRunner({ db: t.database.db, log });
    let runs = 0;
    runner.register('test.rerun', async ({ db }) => {
      runs++;
      if (runs === 1) await enqueueJob(db, { kind: 'test.rerun', uniqueKey: 'rerun' });
    });
    await enqueueJob(t.database.db, { kind: 'test.rerun', uniqueKey: 'rerun' });
    await runner.runDue();
    expect(runs).toBe(2);
  });

  it('takes back every job left running when it is the only runner on its database', async () => {
    const runner = new JobRunner({ db: t.database.db, log, exclusive: true });
    runner.register('test.orphan', async () => undefined);
    await enqueueJob(t.database.db, { kind: 'test.orphan' });
    await t.database.db
      .update(jobs)
      .set({ status: 'running', lockedAt: new Date(), lockedBy: 'crashed-a-second-ago' })
      .where(eq(jobs.kind, 'test.orphan'));
    await runner.start();
    await runner.stop();
    await runner.runDue();
    const [row] = await t.database.db.select().from(jobs).where(eq(jobs.kind, 'test.orphan'));
    expect(row?.status).toBe('done');
  });

  it('takes back jobs left running by a worker that died, and queues the next run of recurring jobs', async () => {
    const runner = new JobRunner({ db: t.database.db, log, staleAfterMs: 1_000 });
    let ran = 0;
    runner.register('test.recurring', async () => void ran++);
    await scheduleRecurringJob(t.database.db, 'test.recurring', 60_000, new Date(Date.now() - 1));
    await scheduleRecurringJob(t.database.db, 'test.recurring', 60_000);
    await t.database.db
      .update(jobs)
      .set({ status: 'running', lockedAt: new Date(Date.now() - 5_000), lockedBy: 'dead-worker' })
      .where(eq(jobs.kind, 'test.recurring'));
    expect(await runner.sweep()).toBe(1);
    expect(await runner.runDue()).toBe(1);
    expect(ran).toBe(1);
    const rows = await t.database.db
      .select()
      .from(jobs)
      .where(eq(jobs.kind, 'test.recurring'))
      .orderBy(jobs.id);
    expect(rows.map((r) => r.status)).toEqual(['done', 'queued']);
    expect(rows[1]!.runAt.getTime()).toBeGreaterThan(Date.now() + 50_000);
  });

  it.skipIf(!onPostgres())(
    "takes back at once the jobs of a worker whose process ended, never a live one's however long it runs",
    async () => {
      const pool = t.database.pool!;
      const runner = new JobRunner({ db: t.database.db, log, pool, livenessConfirmMs: 300 });
      await runner.start();
      try {
        await enqueueJob(t.database.db, { kind: 'test.held', payload: { by: 'live' } });
        await enqueueJob(t.database.db, { kind: 'test.held', payload: { by: 'gone' } });
        // A live worker holds its liveness lock on its own connection; the other's connection is gone.
        const live = await pool.connect();
        const ids = { live: '4101:live01:host-a', gone: '4102:gone01:host-b' };
        await live.query('select pg_advisory_lock($1, hashtext($2))', [0x636f6e63, ids.live]);
        for (const by of ['live', 'gone'])
          await t.database.db
            .update(jobs)
            .set({ status: 'running', lockedAt: new Date(), lockedBy: ids[by as 'live' | 'gone'] })
            .where(sql`${jobs.kind} = 'test.held' and ${jobs.payload}->>'by' = ${by}`);
        // A free lock is taken only once it stayed free a while (a live worker reconnecting takes it again).
        expect(await runner.takeBackFromStoppedWorkers()).toBe(0);
        await new Promise((resolve) => setTimeout(resolve, 350));
        expect(await runner.takeBackFromStoppedWorkers()).toBe(1);
        const status = async () =>
          Object.fromEntries(
            (await t.database.db.select().from(jobs).where(eq(jobs.kind, 'test.held'))).map((r) => [
              r.payload.by,
              r.status,
            ]),
          );
        expect(await status()).toEqual({ live: 'running', gone: 'queued' });
        // The live worker's process ends (its connection closes, as with kill -9).
        live.release(true);
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(await runner.takeBackFromStoppedWorkers()).toBe(0);
        await new Promise((resolve) => setTimeout(resolve, 350));
        expect(await runner.takeBackFromStoppedWorkers()).toBe(1);
        expect((await status()).live).toBe('queued');
      } finally {
        await runner.stop();
        await t.database.db.delete(jobs).where(eq(jobs.kind, 'test.held'));
      }
    },
  );
});

function onPostgres(): boolean {
  return Boolean(process.env.DATABASE_URL);
}

describe('catch-up after downtime', { timeout: 120_000 }, () => {
  it('runs a job that fell due while the server was down as soon as it comes back', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'concord-catchup-'));
    const url = databaseUrlOf(t.database);
    const env = { DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', ...(url ? { DATABASE_URL: url } : {}) };
    try {
      // First life of the server: sets the college up, then stops.
      let server = await startServer(loadConfig(env), log);
      const college = await buildTenant({ ...t, database: server.services.database });
      const user = await buildUser({ ...t, database: server.services.database }, college, ['viewer']);
      await server.stop();

      // While it is down: a session expires and the clean-up job falls due.
      const offline = await openDatabase({ databaseUrl: url, dataDir, purpose: 'test' });
      await offline.db.insert(sessions).values({
        tenantId: college.id,
        tokenHash: 'expired-while-down',
        userId: user.id,
        expiresAt: new Date(Date.now() - 60_000),
      });
      await offline.db
        .update(jobs)
        .set({ runAt: new Date(Date.now() - 30_000) })
        .where(eq(jobs.kind, 'users.purge-sessions'));
      await offline.close();

      // Second life: the start-up sweep runs it without waiting for its next period.
      server = await startServer(loadConfig(env), log);
      try {
        const db = server.services.database.db;
        let status: string | undefined;
        for (let i = 0; i < 50 && status !== 'done'; i++) {
          await new Promise((r) => setTimeout(r, 100));
          [{ status } = { status: undefined }] = await db
            .select({ status: jobs.status })
            .from(jobs)
            .where(eq(jobs.kind, 'users.purge-sessions'))
            .orderBy(jobs.id)
            .limit(1);
        }
        expect(status).toBe('done');
        expect(await db.select().from(sessions).where(eq(sessions.tokenHash, 'expired-while-down'))).toEqual(
          [],
        );
      } finally {
        await server.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
