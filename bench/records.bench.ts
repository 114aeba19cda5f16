/**
 * Records benchmark: generates the budget's data set (10,000 organizations, 30,000 people,
 * 100,000 engagements, 50,000 commitments, 5,000 agreements, 2,000 programs, 200,000 facts) in one
 * college, starts Concord on it and measures the partner list, engagement list, commitment board,
 * partner history, dashboard and report APIs (p50 / p95).
 * Usage: node bin/run-ts.js bench/records.bench.ts [--requests 200] [--scale 1]
 *   with DATABASE_URL pointing at an empty database to measure PostgreSQL instead of PGlite.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../src/db/client.ts';
import { migrateDatabase } from '../src/db/migrate.ts';
import { benchUser, generateRecords } from './generate-records.ts';
import { rssMb, startConcord } from './server-process.ts';

const { values } = parseArgs({
  options: { requests: { type: 'string', default: '200' }, scale: { type: 'string', default: '1' } },
});
const requests = Number(values.requests);
const host = 'bench.concord.test';

function call(base: string, method: string, path: string, cookie: string, body?: unknown) {
  return new Promise<{ status: number; body: string; cookie: string | undefined }>((resolve, reject) => {
    const url = new URL(path, base);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      url,
      {
        method,
        headers: {
          host,
          cookie,
          ...(payload
            ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
            : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            cookie: res.headers['set-cookie']?.[0]?.split(';')[0],
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

const dataDir = mkdtempSync(join(tmpdir(), 'concord-records-bench-'));
const databaseUrl = process.env.DATABASE_URL ?? '';
try {
  const handle = await openDatabase({ databaseUrl, dataDir, purpose: 'records bench' });
  await migrateDatabase(handle);
  const genStarted = performance.now();
  await generateRecords(handle.db, 'bench', Number(values.scale));
  const genSeconds = (performance.now() - genStarted) / 1000;
  await handle.close();

  const server = await startConcord({ DATA_DIR: dataDir, DATABASE_URL: databaseUrl });
  try {
    const login = await call(server.url, 'POST', '/api/auth/login', '', {
      email: benchUser.email,
      password: benchUser.password,
    });
    if (login.status !== 200 || !login.cookie) throw new Error(`login failed: ${login.status} ${login.body}`);
    const cookie = login.cookie;
    const orgs = JSON.parse(
      (await call(server.url, 'GET', '/api/organizations?pageSize=200', cookie)).body,
    ) as { items: { id: string }[]; total: number };
    const orgIds = orgs.items.map((o) => o.id);
    const pick = <T>(xs: T[], i: number) => xs[i % xs.length]!;
    const scenarios: [string, (i: number) => string][] = [
      [
        'partner list',
        (i) => `/api/organizations?page=${1 + (i % 50)}&pageSize=20&sort=${i % 2 ? 'nameZh' : '-createdAt'}`,
      ],
      [
        'partner search',
        (i) =>
          `/api/organizations?q=${encodeURIComponent(pick(['化工', 'Energy', '上海华', 'Logistics Co. 12', '消防'], i))}`,
      ],
      ['engagement list', (i) => `/api/engagements?page=${1 + (i % 100)}&pageSize=20`],
      ['commitment board', (i) => `/api/commitments/board?by=${i % 2 ? 'owner' : 'department'}`],
      ['overdue commitments', (i) => `/api/commitments?status=overdue&page=${1 + (i % 20)}`],
      ['partner history', (i) => `/api/organizations/${pick(orgIds, i * 7)}/history`],
      ['dashboard', (i) => `/api/reports/dashboard?staleMonths=${pick(['6', '12', '24'], i)}`],
      ['yearly figures', (i) => `/api/reports/indicators?year=${2016 + (i % 10)}`],
      ['cooperation table', (i) => `/api/reports/cooperation-table?year=${2016 + (i % 10)}`],
      ['quality report', (i) => `/api/reports/quality-report?year=${2016 + (i % 10)}`],
      [
        'partner ledger',
        (i) =>
          `/api/reports/ledgers?kind=${pick(['funnel', 'donations', 'training'], i)}&year=${2016 + (i % 10)}`,
      ],
      ['teacher practice', (i) => `/api/reports/teacher-practice?year=${2016 + (i % 10)}`],
    ];
    const lines = [
      `data set generated in ${genSeconds.toFixed(1)} s (budget 180 s); ${orgs.total} organizations; ${requests} requests each, one client`,
    ];
    for (const [name, path] of scenarios) {
      const times: number[] = [];
      let errors = 0;
      for (let i = 0; i < requests + 10; i++) {
        const t0 = performance.now();
        const res = await call(server.url, 'GET', path(i), cookie);
        const ms = performance.now() - t0;
        if (res.status !== 200) errors++;
        if (i >= 10) times.push(ms); // the first ten warm up
      }
      times.sort((a, b) => a - b);
      lines.push(
        `${name.padEnd(20)} p50 ${percentile(times, 50).toFixed(1).padStart(6)} ms  p95 ${percentile(times, 95).toFixed(1).padStart(6)} ms  errors ${errors}`,
      );
    }
    // The whole engagement list as .xlsx, streamed: time to the last byte and the server's memory.
    const rssBefore = rssMb(server.pid).server;
    let rssPeak = rssBefore;
    const sampler = setInterval(() => {
      rssPeak = Math.max(rssPeak, rssMb(server.pid).server);
    }, 100);
    const exportStarted = performance.now();
    const exported = await call(server.url, 'GET', '/api/reports/exports/engagements?format=xlsx', cookie);
    const exportSeconds = (performance.now() - exportStarted) / 1000;
    clearInterval(sampler);
    lines.push(
      `export engagements   ${exportSeconds.toFixed(1)} s (budget 30 s), status ${exported.status}, server RSS ${rssBefore.toFixed(0)} → peak ${rssPeak.toFixed(0)} MB (growth budget 150 MB)`,
    );
    process.stdout.write(`${databaseUrl ? 'PostgreSQL' : 'PGlite'}\n${lines.join('\n')}\n`);
  } finally {
    await server.stop();
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
