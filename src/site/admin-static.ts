import { readFileSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { chooseEncoding } from '../platform/compression.ts';
import type { AppEnv } from '../platform/context.ts';

/** Where Vite writes the built admin app. */
export const adminDist = fileURLToPath(new URL('../../dist/admin', import.meta.url));

const types: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** Serves the built admin app under /admin: hashed assets cached for a year, every other path gets the shell. */
export function createAdminStatic(dist: string = adminDist): Hono<AppEnv> {
  const admin = new Hono<AppEnv>();
  const cache = new Map<string, Buffer>();
  const read = (file: string): Buffer | undefined => {
    let body = cache.get(file);
    if (!body) {
      if (!statSync(file, { throwIfNoEntry: false })?.isFile()) return undefined;
      body = readFileSync(file);
      cache.set(file, body);
    }
    return body;
  };

  admin.get('/admin', (c) => c.redirect('/admin/', 301));
  admin.get('/admin/*', (c) => {
    const rel = normalize(c.req.path.slice('/admin/'.length)).replace(/^(\.\.[/\\])+/, '');
    if (rel.startsWith('assets/')) {
      const file = join(dist, rel);
      const plain = read(file);
      if (!plain) return c.notFound();
      c.header('Content-Type', types[extname(rel)] ?? 'application/octet-stream');
      c.header('Cache-Control', 'public, max-age=31536000, immutable');
      // The build wrote compressed copies beside the assets worth it: sent as they are.
      const encoding = chooseEncoding(c.req.header('accept-encoding'));
      const encoded = encoding && read(`${file}.${encoding === 'br' ? 'br' : 'gz'}`);
      const precompressed = Boolean(read(`${file}.br`));
      if (precompressed) c.header('Vary', 'Accept-Encoding');
      if (encoding && encoded) {
        c.header('Content-Encoding', encoding);
        return c.body(new Uint8Array(encoded));
      }
      return c.body(new Uint8Array(plain));
    }
    // The shell is read each time (it is small): after a rebuild it must name the new asset files.
    const shellPath = join(dist, 'index.html');
    const shell = statSync(shellPath, { throwIfNoEntry: false })?.isFile()
      ? readFileSync(shellPath)
      : undefined;
    c.header('Cache-Control', 'no-cache');
    if (!shell) {
      return c.html(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Concord admin</title></head><body><main><h1>The admin app is not built</h1><p>Run <code>npm run build</code>, or start Concord with <code>npm start</code>, which builds it.</p></main></body></html>',
        503,
      );
    }
    return c.body(new Uint8Array(shell), 200, { 'Content-Type': types['.html']! });
  });
  return admin;
}
