import { linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
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

/**
 * The state letter of a process from `/proc/<pid>/stat` (Linux), or null where there is none. The
 * command name may hold spaces and brackets, so the state is read after the last ")".
 */
export function processState(stat: string | null): string | null {
  if (!stat) return null;
  const close = stat.lastIndexOf(')');
  return close < 0 ? null : stat.slice(close + 2, close + 3) || null;
}

function readStat(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
}

/**
 * Whether the process that wrote a lock still runs. A killed process whose parent never reaps it
 * (PID 1 in many containers) stays a zombie that `kill(pid, 0)` calls alive; a zombie ("Z") or a
 * dead one ("X") holds nothing.
 */
export function isAlive(pid: number, stat: (pid: number) => string | null = readStat): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const state = processState(stat(pid));
  return state !== 'Z' && state !== 'X';
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
  for (let attempt = 0; attempt < 5; attempt++) {
    // The lock appears whole or not at all: written to a private file, then hard-linked into place,
    // which fails if a lock already exists.
    const tmp = `${path}.${process.pid}.${attempt}.tmp`;
    writeFileSync(tmp, JSON.stringify(info));
    try {
      linkSync(tmp, path);
      unlinkSync(tmp);
      return holdLock(path);
    } catch (err) {
      unlinkSync(tmp);
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = readLock(path);
    // Our own pid counts as alive only if this process really holds the lock (pids get reused after restarts).
    const ours = holder?.pid === process.pid;
    if (holder && (ours ? held.has(path) : holder.host !== info.host || isAlive(holder.pid))) {
      throw new AppError(
        'unavailable',
        `The embedded database in ${dataDir} is in use by another Concord process ` +
          `(pid ${holder.pid} on ${holder.host}, ${holder.purpose}, since ${holder.since}). ` +
          'Only one process may open it: stop that process first and run this command again, ' +
          'or set DATABASE_URL to use PostgreSQL, where any number of processes may run. ' +
          `If that process is gone (for example on another host), delete ${path}.`,
      );
    }
    if (!holder) continue; // vanished or not yet readable: look again
    // A stale lock: move it aside, and put it back if what was moved is not the lock we judged stale
    // (another process took it over in between).
    const aside = `${path}.stale-${process.pid}`;
    try {
      renameSync(path, aside);
    } catch {
      continue;
    }
    const moved = readLock(aside);
    if (moved?.pid !== holder.pid || moved.since !== holder.since) {
      try {
        linkSync(aside, path);
      } catch {
        // someone holds the path again; their lock stands
      }
    }
    unlinkSync(aside);
  }
  throw new AppError('unavailable', `Could not lock the embedded database in ${dataDir}; try again.`);
}

function holdLock(path: string): DataDirLock {
  let released = false;
  held.add(path);
  const release = () => {
    if (released) return;
    released = true;
    held.delete(path);
    if (readLock(path)?.pid === process.pid) unlinkSync(path);
    process.off('exit', release);
  };
  process.on('exit', release);
  return { path, release };
}
