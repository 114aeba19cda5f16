/**
 * Load benchmark of the public home page: Concord against a raw node:http server returning the
 * same bytes, in the same run, then Concord's resident memory.
 * Usage: npm run bench [-- --duration 10 --connections 50]
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { startRawServer } from './raw-server.ts';
import { rssMb, startConcord } from './server-process.ts';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    path: { type: 'string', default: '/zh/' },
  },
});
const duration = Number(values.duration);
const connections = Number(values.connections);

async function load(url: string) {
  const result = await autocannon({ url, connections, duration, pipelining: 1 });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

const dataDir = mkdtempSync(join(tmpdir(), 'concord-bench-'));
const concord = await startConcord({ DATA_DIR: dataDir, DATABASE_URL: process.env.DATABASE_URL ?? '' });
try {
  const memoryAtReady = rssMb(concord.pid);
  const page = await fetch(`${concord.url}${values.path}`);
  const body = Buffer.from(await page.arrayBuffer());
  const headers = Object.fromEntries(
    [...page.headers].filter(
      ([k]) => !['date', 'connection', 'keep-alive', 'transfer-encoding', 'x-request-id'].includes(k),
    ),
  );

  const raw = await startRawServer(body, headers);
  await load(`${concord.url}${values.path}`); // warm-up, not counted
  await load(`${raw.url}/`);
  const c = await load(`${concord.url}${values.path}`);
  const r = await load(`${raw.url}/`);
  await raw.stop();
  const memory = rssMb(concord.pid);

  const lines = [
    `page ${values.path} (${body.length} bytes), ${connections} connections, ${duration} s each`,
    `concord  ${c.rps.toFixed(0).padStart(7)} req/s  p50 ${c.p50} ms  p99 ${c.p99} ms  errors ${c.errors}`,
    `raw http ${r.rps.toFixed(0).padStart(7)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms  errors ${r.errors}`,
    `ratio    ${(c.rps / r.rps).toFixed(3)}  (budget >= 0.8)`,
    `server process RSS: ${memoryAtReady.server} MB when ready, ${memory.server} MB after the run (budget 250 MB)`,
    `whole process tree (with the launcher): ${memory.total} MB after the run`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
} finally {
  await concord.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
