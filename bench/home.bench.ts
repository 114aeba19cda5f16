/**
 * Load benchmark of the public home page: Concord against a raw node:http server returning the
 * same bytes, in the same run, then Concord's resident memory.
 * Usage: npm run bench [-- --duration 5 --rounds 5 --connections 50]
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startRawServer } from './raw-server.ts';
import { rssMb, startConcord } from './server-process.ts';
import { compareThroughput } from './throughput.ts';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '5' },
    connections: { type: 'string', default: '50' },
    path: { type: 'string', default: '/zh/' },
  },
});
const duration = Number(values.duration);
const connections = Number(values.connections);

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
  const compared = await compareThroughput({
    concordUrl: `${concord.url}${values.path}`,
    rawUrl: `${raw.url}/`,
    rounds: Number(values.rounds),
    duration,
    connections,
    label: `page ${values.path} (${body.length} bytes)`,
  });
  await raw.stop();
  const memory = rssMb(concord.pid);

  const lines = [
    ...compared.lines,
    `server process RSS: ${memoryAtReady.server} MB when ready, ${memory.server} MB after the run (budget 250 MB)`,
    `whole process tree (with the launcher): ${memory.total} MB after the run`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
} finally {
  await concord.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
