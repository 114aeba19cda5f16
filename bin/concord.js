#!/usr/bin/env node
// The `concord` command. Runs the built server (dist/server/main.js) when it is newer than every
// source file, otherwise the TypeScript sources through tsx.
// `serve` runs in a child process started with memory settings that can only be given at process
// start: a small young generation, an old generation that grows in small steps, and glibc's
// allocator held to one arena that hands large blocks back to the system when they are freed
// (bench/soak.bench.ts measures the serving process against its 250 MB goal). This process only forwards signals and the exit code.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'dist/server/main.js');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (/\.(ts|tsx|css|js)$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

if (process.argv[2] === 'serve' && !process.env.CONCORD_SERVE_CHILD) {
  const child = spawn(
    process.execPath,
    [
      ...process.execArgv,
      '--max-semi-space-size=2',
      // The old generation grows by a fifth after a full collection instead of up to fourfold.
      '--heap-growing-percent=20',
      fileURLToPath(import.meta.url),
      ...process.argv.slice(2),
    ],
    {
      stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
      env: {
        ...process.env,
        CONCORD_SERVE_CHILD: '1',
        MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX || '1',
        // Blocks of 64 KB and more are mapped on their own and unmapped when freed, instead of
        // fragmenting the heap; free memory at the heap's top is returned beyond 128 KB.
        MALLOC_MMAP_THRESHOLD_: process.env.MALLOC_MMAP_THRESHOLD_ || '65536',
        MALLOC_TRIM_THRESHOLD_: process.env.MALLOC_TRIM_THRESHOLD_ || '131072',
      },
    },
  );
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else if (existsSync(built) && statSync(built).mtimeMs >= newestSource(join(root, 'src'))) {
  await import(pathToFileURL(built).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/main.ts');
}
