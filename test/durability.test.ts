import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { call, startServer, stopServer } from './server-processes.ts';
import { createPostgresDatabase } from './test-database.ts';

/*
 * A server killed with SIGKILL in the middle of a write load loses no write it acknowledged: a
 * restart on the same data (at once, the embedded database's lock died with the process) finds every
 * partner whose creation was answered 201, and the embedded data directory opens cleanly. Run on the
 * embedded database, and on PostgreSQL when DATABASE_URL is set.
 */

const host = 'demo.concord.test';
const officer = { email: 'officer@demo.concord.test', password: 'concord-demo-2026' };
const dataDir = mkdtempSync(join(tmpdir(), 'concord-kill-'));
let dropDatabase: (() => Promise<void>) | null = null;
const started: ChildProcess[] = [];

/** The server's environment: the embedded database in the data directory, or a fresh PostgreSQL one. */
async function environment(): Promise<Record<string, string>> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) return { DATA_DIR: dataDir, DATABASE_URL: '' };
  const { url, drop } = await createPostgresDatabase(adminUrl, 'concord_kill');
  dropDatabase = drop;
  return { DATA_DIR: dataDir, DATABASE_URL: url };
}

afterAll(async () => {
  for (const child of started) await stopServer(child);
  rmSync(dataDir, { recursive: true, force: true });
  await dropDatabase?.();
});

async function logIn(port: number): Promise<string> {
  const res = await call(port, 'POST', '/api/auth/login', { host, body: officer });
  expect(res.status, res.body).toBe(200);
  return ([res.headers['set-cookie']].flat()[0] ?? '').split(';')[0]!;
}

describe('durability', { timeout: 300_000 }, () => {
  it('finds every acknowledged write after the server is killed mid-load and restarted at once', async () => {
    const env = await environment();
    const first = await startServer(env, ['--demo']);
    started.push(first.child);
    const cookie = await logIn(first.port);

    // Four writers create partners as fast as they are answered; the server is killed under them.
    const acknowledged: { id: string; name: string }[] = [];
    let sent = 0;
    let failed = 0;
    let killed = false;
    const writer = async (w: number) => {
      while (!killed) {
        const name = `断电测试企业 ${w}-${sent++}`;
        try {
          const res = await call(first.port, 'POST', '/api/organizations', {
            host,
            cookie,
            body: { kind: 'enterprise', nameZh: name },
          });
          if (res.status === 201) acknowledged.push({ id: JSON.parse(res.body).id, name });
          else failed++;
        } catch {
          // The connection died with the server: this write was never acknowledged.
        }
      }
    };
    const writers = [0, 1, 2, 3].map(writer);
    while (acknowledged.length < 300) await new Promise((r) => setTimeout(r, 5));
    first.child.kill('SIGKILL');
    killed = true;
    await Promise.all(writers);
    await new Promise((r) =>
      first.child.exitCode !== null || first.child.signalCode ? r(null) : first.child.once('exit', r),
    );
    expect(failed).toBe(0);

    // Restarted at once on the same data: every acknowledged partner is there.
    const restartedAt = Date.now();
    const second = await startServer(env);
    started.push(second.child);
    const restartMs = Date.now() - restartedAt;
    const cookie2 = await logIn(second.port);
    const lost: string[] = [];
    for (const { id, name } of acknowledged) {
      const res = await call(second.port, 'GET', `/api/organizations/${id}`, { host, cookie: cookie2 });
      if (res.status !== 200 || JSON.parse(res.body).nameZh !== name)
        lost.push(`${id} ${name}: ${res.status}`);
    }
    process.stdout.write(
      `durability (${env.DATABASE_URL ? 'PostgreSQL' : 'embedded'}): ${acknowledged.length} acknowledged of ${sent} sent, ${lost.length} lost, restarted in ${restartMs} ms\n`,
    );
    expect(lost).toEqual([]);

    // The database takes writes again after the crash.
    const after = await call(second.port, 'POST', '/api/organizations', {
      host,
      cookie: cookie2,
      body: { kind: 'enterprise', nameZh: '重启后的企业' },
    });
    expect(after.status, after.body).toBe(201);
    await stopServer(second.child);
  });
});
