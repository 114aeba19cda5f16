/**
 * Start-up benchmark: the admin build, a first start on an empty data directory (migrations and
 * demo college), and a restart on the same directory. Each step is timed until /readyz answers.
 * Usage: node bin/run-ts.js bench/startup.bench.ts
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startConcord } from './server-process.ts';

const scratch = mkdtempSync(join(tmpdir(), 'concord-startup-'));
try {
  const buildStarted = performance.now();
  const build = spawnSync(
    process.execPath,
    [
      'node_modules/vite/bin/vite.js',
      'build',
      '--logLevel',
      'error',
      '--outDir',
      join(scratch, 'admin'),
      '--emptyOutDir',
    ],
    { stdio: 'inherit' },
  );
  if (build.status !== 0) throw new Error('vite build failed');
  const buildMs = performance.now() - buildStarted;

  const dataDir = join(scratch, 'data');
  const first = await startConcord({ DATA_DIR: dataDir, DATABASE_URL: '' });
  await first.stop();
  const second = await startConcord({ DATA_DIR: dataDir, DATABASE_URL: '' });
  await second.stop();

  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  process.stdout.write(
    `${[
      `admin build                       ${s(buildMs)}`,
      `first start (empty DATA_DIR)      ${s(first.readyMs)}`,
      `first npm start (build + start)   ${s(buildMs + first.readyMs)}  (budget 60 s)`,
      `restart (existing DATA_DIR)       ${s(second.readyMs)}  (budget 5 s)`,
    ].join('\n')}\n`,
  );
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
