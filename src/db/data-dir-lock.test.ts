import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isAlive, lockDataDir, processState } from './data-dir-lock.ts';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'concord-lock-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe.skipIf(Boolean(process.env.DATABASE_URL))('embedded database lock', { timeout: 90_000 }, () => {
  it('refuses a second holder at once, saying what to do', () => {
    const dir = tempDir();
    const lock = lockDataDir(dir, 'concord serve');
    expect(() => lockDataDir(dir, 'concord migrate')).toThrow(
      /in use by another Concord process.*DATABASE_URL/s,
    );
    lock.release();
    expect(existsSync(join(dir, 'concord.lock'))).toBe(false);
    lockDataDir(dir, 'concord migrate').release();
  });

  it('takes over a lock left by a process that no longer runs', () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'concord.lock'),
      JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname(), purpose: 'crashed', since: '' }),
    );
    const lock = lockDataDir(dir, 'concord serve');
    lock.release();
  });

  it('makes a CLI command in another process exit non-zero while the directory is held', () => {
    const dir = tempDir();
    const lock = lockDataDir(dir, 'concord serve');
    try {
      const result = spawnSync(process.execPath, ['bin/concord.js', 'migrate'], {
        env: { ...process.env, DATA_DIR: dir, DATABASE_URL: '' },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/in use by another Concord process \(pid \d+ on [^,]+, concord serve/);
      expect(existsSync(join(dir, 'pg'))).toBe(false);
    } finally {
      lock.release();
    }
  });
});

describe('a lock dies with its process', () => {
  it('reads a zombie or a dead process as gone, even when kill(pid, 0) calls it alive', () => {
    expect(processState('4242 (node) Z 1 4242 4242 0 -1')).toBe('Z');
    expect(processState('4242 (my (odd) name) S 1 4242')).toBe('S');
    expect(processState(null)).toBeNull();
    // This process exists for kill(pid, 0); what /proc says decides.
    expect(isAlive(process.pid, () => `${process.pid} (node) Z 1 1 1`)).toBe(false);
    expect(isAlive(process.pid, () => `${process.pid} (node) X 1 1 1`)).toBe(false);
    expect(isAlive(process.pid, () => `${process.pid} (node) S 1 1 1`)).toBe(true);
    expect(isAlive(process.pid, () => null)).toBe(true);
    expect(isAlive(process.pid)).toBe(true);
    expect(isAlive(2 ** 22 + 12_345)).toBe(false);
  });

  it.skipIf(process.platform !== 'linux')('treats a real zombie as gone', async () => {
    // The child's parent execs into sleep and never reaps it: a zombie for the next few seconds.
    const { spawn } = await import('node:child_process');
    const parent = spawn('sh', ['-c', 'sleep 0 & echo $!; exec sleep 3'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const pid = Number(
      (await new Promise<string>((resolve) => parent.stdout.once('data', (d) => resolve(String(d))))).trim(),
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(() => process.kill(pid, 0)).not.toThrow();
    expect(isAlive(pid)).toBe(false);
    parent.kill();
  });
});
