import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { AppError } from './errors.ts';

const keyPattern = /^[a-z-]+\/[0-9a-f-]{36}\/[0-9a-f]{64}$/;

/** Private file storage under the data directory, addressed by content hash (identical files stored once). */
export class FileStore {
  constructor(private readonly root: string) {}

  /** Stores bytes for a tenant under a area such as `agreements`; returns the key and checksum. */
  async save(
    area: string,
    tenantId: string,
    bytes: Uint8Array,
  ): Promise<{ storageKey: string; sha256: string }> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const storageKey = `${area}/${tenantId}/${sha256}`;
    const path = this.pathOf(storageKey);
    await mkdir(dirname(path), { recursive: true });
    // Written aside then renamed, so a crash never leaves a half file under the final name.
    const temporary = `${path}.${process.pid}.${Date.now()}.part`;
    await writeFile(temporary, bytes);
    await rename(temporary, path);
    return { storageKey, sha256 };
  }

  /** The bytes stored under a key. */
  async read(storageKey: string): Promise<Buffer> {
    try {
      return await readFile(this.pathOf(storageKey));
    } catch {
      throw new AppError('not_found', 'The stored file is missing');
    }
  }

  private pathOf(storageKey: string): string {
    if (!keyPattern.test(storageKey)) throw new AppError('not_found', 'Bad storage key');
    return join(resolve(this.root), 'files', storageKey);
  }
}
