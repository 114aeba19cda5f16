import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import type { DatabaseHandle } from '../src/db/client.ts';
import { createLogger } from '../src/platform/logger.ts';
import { type RunningServer, startServer } from '../src/server.ts';
import { createTestDatabase, databaseUrlOf } from './test-database.ts';

let server: RunningServer;
let dataDir: string;
let database: DatabaseHandle | undefined;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'concord-server-errors-'));
  // On PostgreSQL the server gets its own throw-away database; on PGlite its own data directory.
  database = process.env.DATABASE_URL ? await createTestDatabase() : undefined;
  const url = database ? databaseUrlOf(database) : undefined;
  server = await startServer(
    loadConfig({
      DATA_DIR: dataDir,
      PORT: '0',
      LOG_LEVEL: 'silent',
      JOBS: 'off',
      ...(url ? { DATABASE_URL: url } : {}),
    }),
    createLogger('silent'),
  );
});
afterAll(async () => {
  await server.stop();
  await database?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A raw request, as a client that ignores limits would send it. */
function send(
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, { headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'] ?? '', body }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('what Node answers by itself', () => {
  it('answers an over-long address or header with a 431 in the API’s JSON error shape', async () => {
    const res = await send(`/api/organizations?q=${'x'.repeat(20_000)}`, { 'x-filler': 'y'.repeat(20_000) });
    expect(res.status).toBe(431);
    expect(res.type).toMatch(/application\/json/);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'headers_too_large' } });
  });
});
