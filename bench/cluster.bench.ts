/**
 * The cluster of scripts/cluster under load, through nginx: uncached public page throughput with
 * one, two and three Concord processes (nginx listens on one port per upstream size), in alternating
 * rounds compared by their medians, with the Concord processes' CPU time per request; then a mixed
 * load of public readers and admin writers, with the replica's lag sampled throughout.
 *
 *   npm run build && npm run bench:cluster            (about three minutes)
 *
 * Settings: ROUNDS (3), SECONDS (8) per round, CONNECTIONS (16). The page cache is off in the
 * processes (PAGE_CACHE_MB=0), so every request renders; wrk (Debian's package) generates the load
 * in its own process.
 */
import { execFile, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import pg from 'pg';
import { call } from '../test/server-processes.ts';

const run = promisify(execFile);
const rounds = Number(process.env.ROUNDS ?? 3);
const seconds = Number(process.env.SECONDS ?? 8);
const connections = Number(process.env.CONNECTIONS ?? 16);
const dir = process.env.CLUSTER_DIR ?? '/tmp/concord-cluster-bench';
const ports = { pg: 5471, app: 3341, http: 8108 };
const env = {
  ...process.env,
  CLUSTER_DIR: dir,
  CLUSTER_PG_PORT: String(ports.pg),
  CLUSTER_APP_PORT: String(ports.app),
  CLUSTER_HTTP_PORT: String(ports.http),
  CLUSTER_PAGE_CACHE_MB: '0',
};
const host = 'demo.concord.test';
/** nginx's port in front of 1, 2 and 3 processes. */
const front: Record<number, number> = { 1: ports.http + 1, 2: ports.http + 2, 3: ports.http };
const cluster = (...args: string[]) => run('scripts/cluster', args, { env, timeout: 240_000 });

interface Round {
  processes: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  cpuMsPerRequest: number;
  /** Share of the machine's CPU time busy during the round, and PostgreSQL's and nginx's share of it. */
  busy: number;
  postgres: number;
  nginx: number;
}

/** The machine's CPU time, busy and in all (ticks, from /proc/stat). */
function machineTicks(): { busy: number; total: number } {
  const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '')
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  return { busy: total - idle, total };
}

/**
 * CPU ticks of every process named `name` (PostgreSQL's backends, nginx's workers), by process: a
 * backend that ends during a round (an idle pool connection closed) must not take its past ticks away.
 */
function ticksOf(name: string): Map<string, number> {
  const ticks = new Map<string, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) !== name) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks.set(entry, Number(fields[11]) + Number(fields[12]));
    } catch {
      // gone meanwhile
    }
  }
  return ticks;
}

/** The ticks spent between two snapshots by the processes alive at the second. */
function ticksSpent(before: Map<string, number>, after: Map<string, number>): number {
  let spent = 0;
  for (const [pid, t] of after) spent += t - (before.get(pid) ?? 0);
  return spent;
}

/** CPU time (user + system, ms) of every process in the Concord processes' groups. */
function concordCpuMs(): number {
  const groups = new Set<string>();
  for (const n of [1, 2, 3]) {
    try {
      groups.add(readFileSync(`${dir}/concord${n}.pid`, 'utf8').trim());
    } catch {
      // not running
    }
  }
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // After the name: state, ppid, pgrp, …; utime and stime are the 12th and 13th of these.
      if (!groups.has(fields[2] ?? '')) continue;
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // gone meanwhile
    }
  }
  return ticks * 10; // USER_HZ is 100 on Linux
}
// The machine's cores, for shares of its CPU time.
const cores = readFileSync('/proc/cpuinfo', 'utf8').match(/^processor/gm)?.length ?? 1;

function wrk(
  port: number,
  path: string,
  duration = seconds,
): Promise<Pick<Round, 'rps' | 'p50' | 'p99' | 'errors'>> {
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', [
      '-t1',
      `-c${connections}`,
      `-d${duration}s`,
      '--latency',
      '-H',
      `Host: ${host}`,
      `http://127.0.0.1:${port}${path}`,
    ]);
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.on('error', reject);
    child.on('close', () => {
      const ms = (label: string) => {
        const m = out.match(new RegExp(`${label}%\\s+([\\d.]+)(us|ms|s)`));
        if (!m) return Number.NaN;
        const v = Number(m[1]);
        return m[2] === 'us' ? v / 1000 : m[2] === 's' ? v * 1000 : v;
      };
      resolve({
        rps: Number(out.match(/Requests\/sec:\s+([\d.]+)/)?.[1] ?? 0),
        p50: ms(' 50'),
        p99: ms(' 99'),
        errors:
          Number(out.match(/Non-2xx or 3xx responses: (\d+)/)?.[1] ?? 0) +
          Number(
            out
              .match(/Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/)
              ?.slice(1)
              .reduce((a, b) => a + Number(b), 0) ?? 0,
          ),
      });
    });
  });
}

async function round(processes: number): Promise<Round> {
  const cpuBefore = concordCpuMs();
  const machineBefore = machineTicks();
  const pgBefore = ticksOf('postgres');
  const nginxBefore = ticksOf('nginx');
  const result = await wrk(front[processes]!, '/zh/');
  const cpu = concordCpuMs() - cpuBefore;
  const machine = machineTicks();
  const total = machine.total - machineBefore.total;
  return {
    processes,
    ...result,
    cpuMsPerRequest: cpu / Math.max(1, result.rps * seconds),
    busy: (machine.busy - machineBefore.busy) / total,
    postgres: ticksSpent(pgBefore, ticksOf('postgres')) / total,
    nginx: ticksSpent(nginxBefore, ticksOf('nginx')) / total,
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))] ?? 0;

async function mixed(): Promise<string[]> {
  const login = await call(ports.http, 'POST', '/api/auth/login', {
    host,
    body: { email: 'officer@demo.concord.test', password: 'concord-demo-2026' },
  });
  const cookie = ([login.headers['set-cookie']].flat()[0] ?? '').split(';')[0] ?? '';
  let stop = false;
  const writeMs: number[] = [];
  let writeErrors = 0;
  let n = 0;
  const writer = async () => {
    while (!stop) {
      const started = performance.now();
      const res = await call(ports.http, 'POST', '/api/organizations', {
        host,
        cookie,
        body: { kind: 'enterprise', nameZh: `压测合作企业 ${n++}` },
      }).catch(() => null);
      if (res?.status === 201) writeMs.push(performance.now() - started);
      else writeErrors++;
    }
  };
  const lags: number[] = [];
  const sampler = async () => {
    while (!stop) {
      const res = await call(ports.app, 'GET', '/readyz', { host }).catch(() => null);
      const lag = res ? JSON.parse(res.body).replica?.lagSeconds : null;
      if (typeof lag === 'number') lags.push(lag);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  // How long until the replica has replayed all the primary had written at a given moment: the
  // primary's WAL position is read, then the replica is asked every 2 ms whether it is past it.
  const primary = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${ports.pg}/concord` });
  const replica = new pg.Client({
    connectionString: `postgres://postgres@127.0.0.1:${ports.pg + 1}/concord`,
  });
  await primary.connect();
  await replica.connect();
  const visibleMs: number[] = [];
  const prober = async () => {
    while (!stop) {
      const { rows } = await primary.query<{ lsn: string }>('select pg_current_wal_lsn()::text as lsn');
      const started = performance.now();
      for (;;) {
        const { rows: r } = await replica.query<{ ok: boolean }>(
          'select pg_last_wal_replay_lsn() >= $1::pg_lsn as ok',
          [rows[0]?.lsn],
        );
        if (r[0]?.ok) break;
        await new Promise((done) => setTimeout(done, 2));
      }
      visibleMs.push(performance.now() - started);
      await new Promise((done) => setTimeout(done, 50));
    }
  };
  const background = [writer(), writer(), writer(), writer(), sampler(), prober()];
  const reads = await wrk(ports.http, '/zh/', seconds * 2);
  stop = true;
  await Promise.all(background);
  await primary.end();
  await replica.end();
  const lagFrom = await call(ports.app, 'GET', '/readyz', { host });
  return [
    `mixed load through nginx, 3 processes, ${seconds * 2} s: public readers (${connections} connections) and 4 admin writers creating partners`,
    `  reads   ${reads.rps.toFixed(0)} req/s  p50 ${reads.p50} ms  p99 ${reads.p99} ms  errors ${reads.errors}`,
    `  writes  ${(writeMs.length / (seconds * 2)).toFixed(0)} req/s  p50 ${percentile(writeMs, 0.5).toFixed(1)} ms  p99 ${percentile(writeMs, 0.99).toFixed(1)} ms  errors ${writeErrors}`,
    `  replica lag, time until the replica has replayed the primary's WAL position, over ${visibleMs.length} probes: p50 ${percentile(visibleMs, 0.5).toFixed(1)} ms, p99 ${percentile(visibleMs, 0.99).toFixed(1)} ms, max ${Math.max(0, ...visibleMs).toFixed(1)} ms (budget p99 <= 1 s)`,
    `  replica lag as the processes see it (/readyz, every 100 ms, ${lags.length} samples): p99 ${percentile(lags, 0.99)} s, max ${Math.max(0, ...lags)} s`,
    `  replica reads served by process 1: ${JSON.parse(lagFrom.body).replica?.reads}`,
  ];
}

async function main() {
  await cluster('down').catch(() => undefined);
  process.stdout.write('starting the cluster (page cache off)…\n');
  await cluster('up');
  try {
    for (const p of [1, 2, 3]) await wrk(front[p]!, '/zh/', 3); // warm-up, not counted
    const results: Round[] = [];
    const order = [1, 2, 3];
    for (let r = 0; r < rounds; r++) {
      for (const p of r % 2 === 0 ? order : [...order].reverse()) {
        const result = await round(p);
        results.push(result);
        process.stdout.write(
          `  round ${r + 1}, ${p} process${p > 1 ? 'es' : ''}: ${result.rps.toFixed(0)} req/s, ${result.cpuMsPerRequest.toFixed(2)} ms CPU/request, machine ${(result.busy * 100).toFixed(0)} % busy, PostgreSQL ${(result.postgres * 100).toFixed(0)} %\n`,
        );
      }
    }
    const by = (p: number) => results.filter((r) => r.processes === p);
    const rps = (p: number) => median(by(p).map((r) => r.rps));
    const cpu = (p: number) => median(by(p).map((r) => r.cpuMsPerRequest));
    const lines = [
      `uncached public page /zh/ through nginx, ${connections} connections, ${rounds} alternating rounds of ${seconds} s (wrk)`,
      ...[1, 2, 3].map(
        (p) =>
          `  ${p} process${p > 1 ? 'es' : '  '}  median ${rps(p).toFixed(0).padStart(6)} req/s  p50 ${median(by(p).map((r) => r.p50))} ms  p99 ${median(by(p).map((r) => r.p99))} ms  errors ${by(p).reduce((n, r) => n + r.errors, 0)}  CPU ${cpu(p).toFixed(2)} ms/request  (rounds ${by(
            p,
          )
            .map((r) => r.rps.toFixed(0))
            .join(', ')})`,
      ),
      ...[1, 2, 3].map((p) => {
        const share = (f: (r: Round) => number) => `${(median(by(p).map(f)) * 100).toFixed(0)} %`;
        return `  machine CPU with ${p}: ${share((r) => r.busy)} busy (of ${cores} cores: Concord ${share((r) => (r.cpuMsPerRequest * r.rps) / 1000 / cores)}, PostgreSQL ${share((r) => r.postgres)}, nginx ${share((r) => r.nginx)}, the rest wrk and the system)`;
      }),
      `  2 vs 1 process: ${(rps(2) / rps(1)).toFixed(2)}x (budget >= 1.5x); 3 vs 1: ${(rps(3) / rps(1)).toFixed(2)}x`,
      `  CPU per request, 3 vs 1 process: ${((cpu(3) / cpu(1) - 1) * 100).toFixed(1)} % (budget within 10 %)`,
      ...(await mixed()),
    ];
    process.stdout.write(`\n${lines.join('\n')}\n`);
  } finally {
    await cluster('down');
  }
}

await main();
