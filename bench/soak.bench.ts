/**
 * Soak: `concord serve --demo` under a mixed public and admin load for ten minutes (public home,
 * news lists, article pages, search, feed and sitemap; staff lists, dashboard, and partners created,
 * renamed and deleted). Budgets: no error at all, and a flat memory: the server's mean resident size
 * over the last third of the run within 10 % of its mean over the first third.
 * Usage: node bin/run-ts.js bench/soak.bench.ts [--minutes 10] [--users 6]
 *   with DATABASE_URL pointing at an empty database to soak PostgreSQL instead of PGlite.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { rssMb, startConcord } from './server-process.ts';

/** One line of the report. */
const say = (line: string) => process.stdout.write(`${line}\n`);

const { values } = parseArgs({
  options: { minutes: { type: 'string', default: '10' }, users: { type: 'string', default: '6' } },
});
const durationMs = Number(values.minutes) * 60_000;
const host = 'demo.concord.test';
const agent = new Agent({ keepAlive: true, maxSockets: 64 });

interface Reply {
  status: number;
  body: string;
  cookie?: string;
}

function call(base: string, method: string, path: string, cookie = '', body?: unknown): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      new URL(path, base),
      {
        method,
        agent,
        headers: {
          host,
          origin: `http://${host}`,
          cookie,
          'accept-encoding': 'identity',
          ...(payload ? { 'content-type': 'application/json' } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            cookie: res.headers['set-cookie']?.[0]?.split(';')[0],
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

const dataDir = mkdtempSync(join(tmpdir(), 'concord-soak-'));
const server = await startConcord({ DATA_DIR: dataDir, DATABASE_URL: process.env.DATABASE_URL ?? '' });
try {
  const login = await call(server.url, 'POST', '/api/auth/login', '', {
    email: 'officer@demo.concord.test',
    password: 'concord-demo-2026',
  });
  if (login.status !== 200 || !login.cookie) throw new Error(`login failed: ${login.status}`);
  const cookie = login.cookie;
  const sitemap = (await call(server.url, 'GET', '/sitemap.xml')).body;
  const pages = [...sitemap.matchAll(/<loc>https?:\/\/[^/]+(\/[^<]*)<\/loc>/g)].map((m) => m[1]!);
  const articles = pages.filter((p) => /^\/(zh|en)\/[^/]+\/[^/]+$/.test(p));
  const channels = pages.filter((p) => /^\/(zh|en)\/[^/]+\/$/.test(p));
  if (articles.length < 5 || !channels.length)
    throw new Error(`the sitemap lists ${articles.length} articles and ${channels.length} channels`);

  let i = 0;
  const pick = <T>(xs: T[]) => xs[i++ % xs.length]!;
  const publicPaths = () =>
    pick([
      '/',
      '/en/',
      pick(articles),
      pick(articles),
      pick(articles),
      pick(channels),
      `${pick(channels)}${pick(['rss', 'atom'])}.xml`,
      `/zh/search?q=${encodeURIComponent(pick(['合作', '企业', '实训']))}`,
      `/en/search?q=${pick(['visit', 'training'])}`,
      '/sitemap.xml',
    ]);
  const adminPaths = () =>
    pick([
      `/api/engagements?page=${1 + (i % 5)}&pageSize=20`,
      `/api/organizations?q=${encodeURIComponent(pick(['科技', '消防', 'Co']))}`,
      '/api/reports/dashboard?staleMonths=12',
      '/api/articles?pageSize=20',
      '/api/commitments/board',
      '/api/auth/me',
    ]);

  const errors: string[] = [];
  const latencies: number[] = [];
  let requests = 0;
  const expect = async (what: string, run: () => Promise<Reply>, ok: number[] = [200]) => {
    const t0 = performance.now();
    try {
      const res = await run();
      latencies.push(performance.now() - t0);
      requests++;
      if (!ok.includes(res.status)) errors.push(`${what}: ${res.status} ${res.body.slice(0, 120)}`);
      return res;
    } catch (err) {
      errors.push(`${what}: ${(err as Error).message}`);
      return null;
    }
  };

  const started = Date.now();
  const samples: { at: number; mb: number; server: number }[] = [];
  const sampler = setInterval(() => {
    const rss = rssMb(server.pid);
    samples.push({ at: Date.now() - started, mb: rss.total, server: rss.server });
  }, 2_000);

  const user = async (u: number) => {
    let n = 0;
    while (Date.now() - started < durationMs) {
      n++;
      if (n % 10 < 7) {
        const path = publicPaths();
        await expect(`GET ${path}`, () => call(server.url, 'GET', path));
      } else if (n % 50 === 9) {
        // A partner created, renamed and deleted: the write path, with the data set kept level.
        const made = await expect(
          'create partner',
          () =>
            call(server.url, 'POST', '/api/organizations', cookie, {
              kind: 'enterprise',
              nameZh: `浸泡测试企业${u}-${n}`,
            }),
          [201],
        );
        if (!made) continue;
        const created = JSON.parse(made.body) as { id: string; version: number };
        const renamed = await expect('rename partner', () =>
          call(server.url, 'PATCH', `/api/organizations/${created.id}`, cookie, {
            version: created.version,
            nameEn: `Soak Test Co. ${u}-${n}`,
          }),
        );
        if (!renamed) continue;
        const { version } = JSON.parse(renamed.body) as { version: number };
        await expect(
          'delete partner',
          () => call(server.url, 'DELETE', `/api/organizations/${created.id}?version=${version}`, cookie),
          [200],
        );
      } else {
        const path = adminPaths();
        await expect(`GET ${path}`, () => call(server.url, 'GET', path, cookie));
      }
    }
  };
  await Promise.all(Array.from({ length: Number(values.users) }, (_, u) => user(u)));
  clearInterval(sampler);

  const third = durationMs / 3;
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const first = mean(samples.filter((s) => s.at < third).map((s) => s.mb));
  const last = mean(samples.filter((s) => s.at >= 2 * third).map((s) => s.mb));
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.floor(latencies.length * p)]?.toFixed(1);
  const growth = (last / first - 1) * 100;
  say(
    `soak ${values.minutes} min, ${values.users} users on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}: ${requests} requests (${(requests / (durationMs / 1000)).toFixed(0)}/s), ${errors.length} errors, p50 ${q(0.5)} ms, p95 ${q(0.95)} ms, p99 ${q(0.99)} ms`,
  );
  say(
    `memory of the serving process: first third ${mean(samples.filter((s) => s.at < third).map((s) => s.server)).toFixed(0)} MB, last third ${mean(samples.filter((s) => s.at >= 2 * third).map((s) => s.server)).toFixed(0)} MB, peak ${Math.max(...samples.map((s) => s.server))} MB (goal 250 MB)`,
  );
  say(
    `memory (launcher, server and workers): first third ${first.toFixed(0)} MB, last third ${last.toFixed(0)} MB (${growth >= 0 ? '+' : ''}${growth.toFixed(1)} %, budget 10 %), peak ${Math.max(...samples.map((s) => s.mb))} MB`,
  );
  for (const error of errors.slice(0, 10)) say(`  ${error}`);
  if (errors.length || growth > 10) process.exitCode = 1;
} finally {
  await server.stop();
  agent.destroy();
  rmSync(dataDir, { recursive: true, force: true });
}
