/**
 * News portal benchmark, in one run:
 * - cached article page throughput against a raw node:http server sending the same bytes;
 * - uncached article render (p50 / p95), each request a page not yet in the cache;
 * - site search over `--articles` published articles (100,000 by default, half Chinese, half English);
 * - the public page's JavaScript and CSS weight.
 * Usage: node bin/run-ts.js bench/news.bench.ts [--articles 100000] [--requests 200] [--duration 5] [--rounds 5]
 *   with DATABASE_URL pointing at an empty database to measure PostgreSQL instead of PGlite.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { openDatabase } from '../src/db/client.ts';
import { migrateDatabase } from '../src/db/migrate.ts';
import { benchNewsHost, benchQueries, generateArticles } from './generate-articles.ts';
import { startRawServer } from './raw-server.ts';
import { rssMb, startConcord } from './server-process.ts';
import { compareThroughput } from './throughput.ts';

const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '100000' },
    requests: { type: 'string', default: '200' },
    duration: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '5' },
    connections: { type: 'string', default: '50' },
  },
});
const requests = Number(values.requests);

function get(base: string, path: string) {
  return new Promise<{ status: number; body: Buffer; headers: Record<string, string> }>((resolve, reject) => {
    const req = request(new URL(path, base), { headers: { host: benchNewsHost } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks),
          headers: Object.fromEntries(
            Object.entries(res.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v)]),
          ),
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function timeRequests(base: string, paths: (i: number) => string, n: number) {
  const times: number[] = [];
  let errors = 0;
  for (let i = 0; i < n + 10; i++) {
    const t0 = performance.now();
    const res = await get(base, paths(i));
    const ms = performance.now() - t0;
    if (res.status !== 200) errors++;
    if (i >= 10) times.push(ms); // the first ten warm the server up
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), errors };
}

const dataDir = mkdtempSync(join(tmpdir(), 'concord-news-bench-'));
const databaseUrl = process.env.DATABASE_URL ?? '';
const lines: string[] = [];
const out = (line: string) => {
  lines.push(line);
  process.stdout.write(`${line}\n`);
};
try {
  const handle = await openDatabase({ databaseUrl, dataDir, purpose: 'news bench' });
  await migrateDatabase(handle);
  const generated = await generateArticles(handle.db, Number(values.articles));
  await handle.close();
  out(
    `database ${databaseUrl ? 'PostgreSQL' : 'PGlite'}; generated ${values.articles} articles in ${generated.seconds.toFixed(1)} s`,
  );

  const server = await startConcord({ DATA_DIR: dataDir, DATABASE_URL: databaseUrl });
  try {
    const count = Number(values.articles);
    // Uncached renders: a different article each time (each page is rendered, then kept).
    const uncached = await timeRequests(server.url, (i) => `/zh/news/a-${(i * 2 * 7919) % count}`, requests);
    out(
      `uncached article render  p50 ${uncached.p50.toFixed(1)} ms  p95 ${uncached.p95.toFixed(1)} ms  errors ${uncached.errors}  (budget p50 <= 10 ms)`,
    );

    for (const [locale, queries] of Object.entries(benchQueries)) {
      const seg = locale === 'zh' ? 'zh' : 'en';
      const search = await timeRequests(
        server.url,
        (i) => `/${seg}/search?q=${encodeURIComponent(queries[i % queries.length]!)}&page=${1 + (i % 3)}`,
        requests,
      );
      out(
        `search (${seg}) p50 ${search.p50.toFixed(1)} ms  p95 ${search.p95.toFixed(1)} ms  errors ${search.errors}  (budget p95 <= ${databaseUrl ? 50 : 150} ms)`,
      );
    }

    // The page weight a visitor downloads: the page's scripts and stylesheets.
    const page = await get(server.url, '/zh/news/a-0');
    const html = page.body.toString('utf8');
    let js = 0;
    let css = 0;
    for (const m of html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g))
      js += (await get(server.url, m[1]!)).body.length;
    for (const m of html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)) {
      const body = (await get(server.url, m[1]!.replace(/&amp;/g, '&'))).body;
      css += body.length;
      out(`stylesheet ${m[1]}: ${body.length} bytes (${gzipSync(body).length} gzip)`);
    }
    const inline = [
      ...html.matchAll(/<script(?![^>]*application\/ld\+json)[^>]*>([\s\S]*?)<\/script>/g),
    ].reduce((n, m) => n + (m[1]?.length ?? 0), 0);
    out(`public page JavaScript ${js + inline} bytes (budget 10 KB); CSS ${css} bytes (budget 30 KB)`);

    // Cached throughput against a raw server sending the same bytes with the same headers.
    const path = '/zh/news/a-0';
    const headers = Object.fromEntries(
      Object.entries(page.headers).filter(
        ([k]) => !['date', 'connection', 'keep-alive', 'transfer-encoding', 'x-request-id'].includes(k),
      ),
    );
    const raw = await startRawServer(page.body, headers);
    const compared = await compareThroughput({
      concordUrl: `${server.url}${path}`,
      rawUrl: `${raw.url}/`,
      host: benchNewsHost,
      rounds: Number(values.rounds),
      duration: Number(values.duration),
      connections: Number(values.connections),
      label: `cached article page (${page.body.length} bytes)`,
    });
    await raw.stop();
    for (const line of compared.lines) out(line);
    const memory = rssMb(server.pid);
    out(`server process RSS after the run: ${memory.server} MB`);
  } finally {
    await server.stop();
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
