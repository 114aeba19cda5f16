import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/db/client.ts';
import { systemCaller, TenantScope } from '../src/db/tenant-scope.ts';
import { createTenant } from '../src/features/tenants/tenants.service.ts';
import { createUser } from '../src/features/users/users.service.ts';
import { createTestDatabase, databaseUrlOf } from './test-database.ts';

/*
 * Two server processes on one PostgreSQL database, each with its own page cache: a change made
 * through one must drop the cached page in the other (LISTEN/NOTIFY), long before the cache's
 * own lifetime would.
 */

const host = 'twoprocs.concord.test';
const admin = { email: 'desk@twoprocs.concord.test', password: 'two-processes-2026' };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

interface Reply {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

function call(port: number, method: string, path: string, cookie = '', body?: unknown): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        headers: { host, cookie, ...(payload ? { 'content-type': 'application/json' } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            headers: res.headers,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

async function startServer(
  databaseUrl: string,
  dataDir: string,
): Promise<{ port: number; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['bin/concord.js', 'serve'], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await call(port, 'GET', '/readyz')).status === 200) return { port, child };
    } catch {
      // not listening yet
    }
    if (Date.now() - started > 60_000) throw new Error('server did not start');
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function eventually(check: () => Promise<boolean>, ms = 5000): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

describe.skipIf(!process.env.DATABASE_URL)('page cache across server processes', { timeout: 180_000 }, () => {
  let handle: DatabaseHandle;
  let dataDir: string;
  const servers: ChildProcess[] = [];
  let a: number;
  let b: number;
  let cookie: string;

  beforeAll(async () => {
    handle = await createTestDatabase();
    const url = databaseUrlOf(handle)!;
    const tenant = await createTenant(handle.db, {
      slug: 'twoprocs',
      nameZh: '双进程学院',
      nameEn: 'Two Process College',
      host,
    });
    await createUser(new TenantScope(handle.db, tenant.id, systemCaller()), {
      email: admin.email,
      name: 'Desk',
      password: admin.password,
      roles: ['college_admin'],
    });
    dataDir = mkdtempSync(join(tmpdir(), 'concord-two-'));
    const first = await startServer(url, dataDir);
    const second = await startServer(url, dataDir);
    servers.push(first.child, second.child);
    a = first.port;
    b = second.port;
    const login = await call(a, 'POST', '/api/auth/login', '', admin);
    expect(login.status, login.body).toBe(200);
    cookie = String(login.headers['set-cookie']).split(';')[0]!;
  });

  afterAll(async () => {
    for (const child of servers) {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
    }
    await handle?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('drops a page cached by one process when another process changes or unpublishes its article', async () => {
    let article = JSON.parse(
      (
        await call(a, 'POST', '/api/articles', cookie, {
          locale: 'en',
          title: 'Covestro delegation visit',
          slug: 'covestro-visit',
          bodyHtml: '<p>A delegation of ten visited the Integrated Site.</p>',
        })
      ).body,
    ) as { id: string; version: number };
    for (const action of ['submit', 'approve', 'publish']) {
      const res = await call(a, 'POST', `/api/articles/${article.id}/${action}`, cookie, {
        version: article.version,
      });
      expect(res.status, res.body).toBe(200);
      article = JSON.parse(res.body);
    }

    // Process B renders the page, then answers it from its cache (a cached answer has no request id).
    const rendered = await call(b, 'GET', '/en/news/covestro-visit');
    expect(rendered.status).toBe(200);
    expect(rendered.headers['x-request-id']).toBeTruthy();
    const cached = await call(b, 'GET', '/en/news/covestro-visit');
    expect(cached.headers['x-request-id']).toBeUndefined();
    expect(cached.body).toContain('Covestro delegation visit');

    // Process A changes the title; B's cached page goes and the next answer shows the change.
    const edit = await call(a, 'PATCH', `/api/articles/${article.id}`, cookie, {
      version: article.version,
      title: 'Covestro delegation of ten visits the Integrated Site',
    });
    expect(edit.status, edit.body).toBe(200);
    article = JSON.parse(edit.body);
    expect(
      await eventually(async () =>
        (await call(b, 'GET', '/en/news/covestro-visit')).body.includes('Covestro delegation of ten visits'),
      ),
    ).toBe(true);

    // Process A unpublishes it; B stops serving it.
    await call(b, 'GET', '/en/news/covestro-visit');
    const off = await call(a, 'POST', `/api/articles/${article.id}/unpublish`, cookie, {
      version: article.version,
    });
    expect(off.status, off.body).toBe(200);
    expect(
      await eventually(async () => (await call(b, 'GET', '/en/news/covestro-visit')).status === 404),
    ).toBe(true);
  });
});
