import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** A free loopback port. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** A Concord server started as its own process, as an operator would. */
export interface ServerProcess {
  url: string;
  pid: number;
  readyMs: number;
  stop(): Promise<void>;
}

/** Starts `concord serve --demo` and resolves once it answers /readyz. */
export async function startConcord(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, ['bin/concord.js', 'serve', '--demo'], {
    env: {
      ...process.env,
      MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(port),
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`concord exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/readyz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 25));
    if (performance.now() - started > 120_000) throw new Error('concord did not become ready in 120 s');
  }
  const readyMs = performance.now() - started;
  return {
    url,
    pid: child.pid!,
    readyMs,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

function childrenOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((task) =>
      readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').split(/\s+/).filter(Boolean).map(Number),
    );
  } catch {
    return [];
  }
}

/** Resident memory in MB of a process and all its descendants (Linux), and of the largest one. */
export function rssMb(pid: number): { total: number; server: number } {
  let total = 0;
  let server = 0;
  const visit = (p: number) => {
    const status = readFileSync(`/proc/${p}/status`, 'utf8');
    const mb = Number(status.match(/VmRSS:\s+(\d+)/)?.[1] ?? 0) / 1024;
    total += mb;
    server = Math.max(server, mb);
    for (const c of childrenOf(p)) visit(c);
  };
  visit(pid);
  return { total: Math.round(total), server: Math.round(server) };
}
