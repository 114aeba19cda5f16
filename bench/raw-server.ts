/**
 * A raw node:http server in its own process, answering every request with the same bytes and
 * headers: the yardstick the page benchmarks compare Concord against (in its own process, so it
 * does not share an event loop with the load generator).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './server-process.ts';

const serverSource = `
const { createServer } = require('node:http');
const { readFileSync } = require('node:fs');
const body = readFileSync(process.argv[1]);
const headers = JSON.parse(readFileSync(process.argv[2], 'utf8'));
headers['content-length'] = body.length;
createServer((_req, res) => { res.writeHead(200, headers); res.end(body); })
  .listen(Number(process.argv[3]), '127.0.0.1', () => process.send && process.send('ready'));
`;

/** Starts the raw server on a free port; resolves with its URL and a stop function. */
export async function startRawServer(
  body: Buffer,
  headers: Record<string, string>,
): Promise<{ url: string; stop(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'concord-raw-'));
  writeFileSync(join(dir, 'body'), body);
  writeFileSync(join(dir, 'headers.json'), JSON.stringify(headers));
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    ['-e', serverSource, join(dir, 'body'), join(dir, 'headers.json'), String(port)],
    { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] },
  );
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`raw server exited with ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
