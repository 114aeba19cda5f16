import { closeSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../platform/errors.ts';

/** A held lock on a PGlite data directory. */
export interface DataDirLock {
  path: string;
  release(): void;
}

interface LockInfo {
  pid: number;
  host: string;
  purpose: string;
  since: string;
}

/** Lock files this process holds. */
const held = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(path: string): LockInfo | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LockInfo;
  } catch {
    return undefined;
  }
}

/**
 * Takes the exclusive lock on an embedded database directory, or refuses at once.
 * Two processes on one PGlite directory corrupt it, so a second server or CLI command must stop here.
 * A lock left by a process that no longer runs on this host is taken over.
 */
export function lockDataDir(dataDir: string, purpose: string): DataDirLock {
  const path = join(dataDir, 'concord.lock');
  const info: LockInfo = { pid: process.pid, host: hostname(), purpose, since: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, JSON.stringify(info));
      closeSync(fd);
      let released = false;
      held.add(path);
      const release = () => {
        if (released) return;
        released = true;
        held.delete(path);
        const current = readLock(path);
        if (current?.pid === process.pid) unlinkSync(path);
        process.off('exit', release);
      };
      process.on('exit', release);
      return { path, release };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = readLock(path);
      // Our own pid counts as alive only if this process really holds the lock (pids get reused after restarts).
      const ours = holder?.pid === process.pid;
      if (holder && (ours ? held.has(path) : holder.host !== info.host || isAlive(holder.pid))) {
        throw new AppError(
          'unavailable',
          `The embedded database in ${dataDir} is in use by another Concord process ` +
            `(pid ${holder.pid}, ${holder.purpose}, since ${holder.since}). ` +
            'Only one process may open it: stop that process first and run this command again, ' +
            'or set DATABASE_URL to use PostgreSQL, where any number of processes may run.',
        );
      }
      // Stale lock (its process is gone, or the file is unreadable): move it aside atomically and retry.
      try {
        renameSync(path, `${path}.stale-${process.pid}`);
        unlinkSync(`${path}.stale-${process.pid}`);
      } catch {
        // Another process took it over first; the next attempt will see its lock.
      }
    }
  }
  throw new AppError('unavailable', `Could not lock the embedded database in ${dataDir}; try again.`);
}
