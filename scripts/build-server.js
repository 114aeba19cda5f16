#!/usr/bin/env node
// Bundles the server's TypeScript into dist/server/main.js (dependencies stay external), so a
// production start neither compiles on the fly nor carries a compiler in memory; and the image
// worker, the child process that decodes and encodes images, into dist/server/image-worker.js.
import { build } from 'esbuild';

await build({
  entryPoints: { main: 'src/main.ts', 'image-worker': 'src/features/media/image-worker.ts' },
  outdir: 'dist/server',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  jsx: 'automatic',
  jsxImportSource: 'hono/jsx',
  sourcemap: 'linked',
  logLevel: 'warning',
});
