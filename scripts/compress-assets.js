#!/usr/bin/env node
// Writes a brotli (.br) and a gzip (.gz) copy beside every built admin asset worth compressing, at
// the strongest settings: the server sends them as they are to clients that accept them, so
// compression costs nothing per request.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dir = 'dist/admin/assets';
let plain = 0;
let brotli = 0;
for (const name of readdirSync(dir)) {
  if (!/\.(js|css|svg|json|html)$/.test(name)) continue;
  const body = readFileSync(join(dir, name));
  if (body.length < 1024) continue;
  const br = brotliCompressSync(body, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
  });
  writeFileSync(join(dir, `${name}.br`), br);
  writeFileSync(join(dir, `${name}.gz`), gzipSync(body, { level: 9 }));
  plain += body.length;
  brotli += br.length;
}
process.stdout.write(
  `admin assets: ${(plain / 1024).toFixed(0)} KB, ${(brotli / 1024).toFixed(0)} KB with brotli\n`,
);
