import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/db/client.ts';
import { systemCaller, TenantScope } from '../src/db/tenant-scope.ts';
import { createTenant } from '../src/features/tenants/tenants.service.ts';
import { createUser } from '../src/features/users/users.service.ts';
import { call as callServer, startServer, stopServer } from './server-processes.ts';
import { createTestDatabase, databaseUrlOf } from './test-database.ts';

const call = (port: number, method: string, path: string, cookie = '', body?: unknown) =>
  callServer(port, method, path, { host, cookie, body });

/*
 * Two server processes on one PostgreSQL database, each with its own page cache: a change made
 * through one must drop the cached page in the other (LISTEN/NOTIFY), long before the cache's
 * own lifetime would.
 */

const host = 'twoprocs.concord.test';
const admin = { email: 'desk@twoprocs.concord.test', password: 'two-processes-2026' };

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
    const first = await startServer({ DATABASE_URL: url, DATA_DIR: dataDir });
    const second = await startServer({ DATABASE_URL: url, DATA_DIR: dataDir });
    servers.push(first.child, second.child);
    a = first.port;
    b = second.port;
    const login = await call(a, 'POST', '/api/auth/login', '', admin);
    expect(login.status, login.body).toBe(200);
    cookie = String(login.headers['set-cookie']).split(';')[0]!;
  });

  afterAll(async () => {
    for (const child of servers) await stopServer(child);
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
