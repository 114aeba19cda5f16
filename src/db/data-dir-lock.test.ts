import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lockDataDir } from './data-dir-lock.ts';

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
