#!/usr/bin/env node
// `npm start`: builds the admin app when its sources are newer than the build, bundles the server, then runs
// `concord serve --demo` (migrations, the demo college on first start, the job loop, the server).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'dist/admin/index.html');

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

const features = join(root, 'src/features');
const sources = [
  join(root, 'src/admin'),
  join(root, 'src/i18n'),
  join(root, 'vite.config.ts'),
  join(root, 'package-lock.json'),
  ...readdirSync(features).flatMap((f) => [join(features, f, 'admin'), join(features, f, `${f}.schema.ts`)]),
];

if (!existsSync(built) || Math.max(...sources.map(newest)) > statSync(built).mtimeMs) {
  process.stdout.write('Building the admin app…\n');
  const vite = join(root, 'node_modules/vite/bin/vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const server = spawnSync(process.execPath, [join(root, 'scripts/build-server.js')], {
  cwd: root,
  stdio: 'inherit',
});
if (server.status !== 0) process.exit(server.status ?? 1);

process.argv = [process.argv[0], join(root, 'bin/concord.js'), 'serve', '--demo', ...process.argv.slice(2)];
await import('../bin/concord.js');
