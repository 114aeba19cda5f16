/**
 * Throughput of Concord against a raw node:http server sending the same bytes, measured with
 * autocannon in alternating rounds and compared by their medians: a slow spell of a shared machine
 * then hits both servers alike instead of whichever happened to run during it.
 */
import autocannon from 'autocannon';

export interface LoadRun {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

export async function load(url: string, options: { connections: number; duration: number; host?: string }) {
  const result = await autocannon({
    url,
    connections: options.connections,
    duration: options.duration,
    ...(options.host ? { headers: { host: options.host } } : {}),
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  } satisfies LoadRun;
}

function median(runs: LoadRun[]): LoadRun {
  return [...runs].sort((a, b) => a.rps - b.rps)[Math.floor(runs.length / 2)]!;
}

/** Warms both up, runs `rounds` alternating rounds and returns the report's lines. */
export async function compareThroughput(options: {
  concordUrl: string;
  rawUrl: string;
  host?: string;
  rounds: number;
  duration: number;
  connections: number;
  label: string;
}): Promise<{ ratio: number; lines: string[] }> {
  const concord = { connections: options.connections, duration: options.duration, host: options.host };
  const raw = { connections: options.connections, duration: options.duration };
  await load(options.concordUrl, concord); // warm-up, not counted
  await load(options.rawUrl, raw);
  const concordRuns: LoadRun[] = [];
  const rawRuns: LoadRun[] = [];
  for (let i = 0; i < options.rounds; i++) {
    concordRuns.push(await load(options.concordUrl, concord));
    rawRuns.push(await load(options.rawUrl, raw));
  }
  const c = median(concordRuns);
  const r = median(rawRuns);
  const errors = (runs: LoadRun[]) => runs.reduce((n, run) => n + run.errors, 0);
  const rounds = (runs: LoadRun[]) => runs.map((run) => run.rps.toFixed(0)).join(', ');
  const ratio = c.rps / r.rps;
  return {
    ratio,
    lines: [
      `${options.label}, ${options.connections} connections, ${options.rounds} alternating rounds of ${options.duration} s`,
      `  concord  median ${c.rps.toFixed(0).padStart(7)} req/s  p50 ${c.p50} ms  p99 ${c.p99} ms  errors ${errors(concordRuns)}  (rounds ${rounds(concordRuns)})`,
      `  raw http median ${r.rps.toFixed(0).padStart(7)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms  errors ${errors(rawRuns)}  (rounds ${rounds(rawRuns)})`,
      `  ratio    ${ratio.toFixed(3)}  (budget >= 0.8)`,
    ],
  };
}
