import { createReadStream } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { Unzip, UnzipInflate } from 'fflate';

/** One file of an archive, read on demand. */
export interface ArchiveEntry {
  /** The path inside the archive, with `/` separators and no leading slash. */
  path: string;
  size: number;
  read(): Promise<Uint8Array>;
}

/** A file the archive reader would not take, and why (a sentence for the report). */
export interface RefusedEntry {
  path: string;
  reason: 'unsafe_path' | 'too_large' | 'archive_too_large' | 'not_a_zip' | 'too_many_files';
}

/** The files of an uploaded .zip or a folder, with what was refused on the way. */
export interface Archive {
  entries: ArchiveEntry[];
  refused: RefusedEntry[];
  /** Removes what unpacking left on disk. */
  close(): Promise<void>;
}

export const archiveLimits = {
  /** One file (a page or an image) larger than this is refused. */
  fileBytes: 25 * 1024 * 1024,
  /** Everything unpacked together: never more than this, nor 100 times the .zip. */
  totalBytes: 2 * 1024 * 1024 * 1024,
  ratio: 100,
  files: 50_000,
};

/**
 * A path inside an archive made safe to name a record by: `\` as `/`, no `.` segments; null when
 * it is absolute or climbs out of the archive (`../`), which the reader refuses.
 */
export function safeArchivePath(name: string): string | null {
  const unified = name.replace(/\\/g, '/');
  if (unified.startsWith('/') || /^[a-z]:/i.test(unified)) return null;
  const parts: string[] = [];
  for (const part of unified.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') return null;
    parts.push(part);
  }
  return parts.length ? parts.join('/') : null;
}

/**
 * Unpacks a .zip into a private temporary folder, file by file as a stream, counting the bytes
 * each really inflates to: a file past the size limit, or an archive past its total (a zip bomb),
 * is stopped and reported, and names that climb out (`../`) are refused. Nothing is written under
 * the name the archive gives.
 */
export async function openZip(
  source: Uint8Array | { size: number; chunks: AsyncIterable<Uint8Array> },
  limits = archiveLimits,
): Promise<Archive> {
  const zipSize = source instanceof Uint8Array ? source.byteLength : source.size;
  const dir = await mkdtemp(join(tmpdir(), 'concord-import-'));
  const entries: ArchiveEntry[] = [];
  const refused: RefusedEntry[] = [];
  const close = () => rm(dir, { recursive: true, force: true });
  const budget = Math.min(limits.totalBytes, Math.max(64 * 1024 * 1024, zipSize * limits.ratio));
  let total = 0;
  let stopped = false;
  const writes: Promise<void>[] = [];
  const unzip = new Unzip((file) => {
    if (stopped) return;
    if (file.name.endsWith('/')) return; // a folder
    const path = safeArchivePath(file.name);
    if (!path) {
      refused.push({ path: file.name, reason: 'unsafe_path' });
      return;
    }
    if (entries.length >= limits.files) {
      refused.push({ path, reason: 'too_many_files' });
      return;
    }
    if (file.originalSize !== undefined && file.originalSize > limits.fileBytes) {
      refused.push({ path, reason: 'too_large' });
      return;
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    file.ondata = (err, chunk, final) => {
      if (err || stopped) return;
      size += chunk.byteLength;
      total += chunk.byteLength;
      if (total > budget) {
        stopped = true;
        refused.push({ path, reason: 'archive_too_large' });
        file.terminate();
        return;
      }
      if (size > limits.fileBytes) {
        refused.push({ path, reason: 'too_large' });
        file.terminate();
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
      if (final) {
        const target = join(dir, `${entries.length}.bin`);
        const data = Buffer.concat(chunks);
        chunks.length = 0;
        writes.push(writeFile(target, data));
        entries.push({ path, size: data.byteLength, read: () => readFile(target) });
      }
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  // Push in slices so a bomb is stopped early instead of after inflating the whole archive.
  const slices = async function* (): AsyncIterable<Uint8Array> {
    if (source instanceof Uint8Array) {
      for (let at = 0; at < source.byteLength; at += 1024 * 1024) yield source.subarray(at, at + 1024 * 1024);
    } else {
      yield* source.chunks;
    }
  };
  let seen = 0;
  let firstBytes = true;
  try {
    for await (const chunk of slices()) {
      if (stopped) break;
      if (firstBytes) {
        firstBytes = false;
        if (!(chunk[0] === 0x50 && chunk[1] === 0x4b)) throw new Error('not a zip');
      }
      seen += chunk.byteLength;
      unzip.push(chunk, seen >= zipSize);
      // Let the written files settle so a large archive does not hold every file in memory.
      if (writes.length > 64) await Promise.all(writes.splice(0));
    }
    if (firstBytes) throw new Error('empty');
  } catch {
    refused.push({ path: '', reason: 'not_a_zip' });
  }
  await Promise.all(writes);
  return { entries, refused, close };
}

/** Every file under a folder (for the command line), read when asked; links out of it are not followed. */
export async function openFolder(root: string, limits = archiveLimits): Promise<Archive> {
  const entries: ArchiveEntry[] = [];
  const refused: RefusedEntry[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const item of await readdir(dir, { withFileTypes: true })) {
      const full = join(dir, item.name);
      const path = relative(root, full).split(sep).join('/');
      if (item.isDirectory()) {
        await walk(full);
        continue;
      }
      if (!item.isFile()) continue;
      if (entries.length >= limits.files) {
        refused.push({ path, reason: 'too_many_files' });
        continue;
      }
      const { size } = await stat(full);
      if (size > limits.fileBytes) {
        refused.push({ path, reason: 'too_large' });
        continue;
      }
      entries.push({ path, size, read: () => readFile(full) });
    }
  };
  await walk(root);
  entries.sort((a, b) => a.path.localeCompare(b.path));
  return { entries, refused, close: async () => {} };
}

/** A folder or a .zip file on disk, for the command line. */
export async function openImportSource(path: string): Promise<Archive> {
  const info = await stat(path);
  if (info.isDirectory()) return openFolder(path);
  return openZip({ size: info.size, chunks: createReadStream(path, { highWaterMark: 1024 * 1024 }) });
}
