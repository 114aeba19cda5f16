#!/usr/bin/env node
// Bundles the server's TypeScript into dist/server/main.js (dependencies stay external), so a
// production start neither compiles on the fly nor carries a compiler in memory.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/main.ts'],
  outfile: 'dist/server/main.js',
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
