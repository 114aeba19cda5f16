import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { desc, eq } from 'drizzle-orm';
import { newId } from '../../db/ids.ts';
import type { TenantScope } from '../../db/tenant-scope.ts';
import { AppError } from '../../platform/errors.ts';
import { FileStore } from '../../platform/file-store.ts';
import { enqueueJob } from '../../platform/jobs.ts';
import { parseInput } from '../../platform/validation.ts';
import { channels } from '../articles/articles.table.ts';
import { openZip } from './archive.ts';
import {
  type ImportRunDetail,
  type ImportRunOutput,
  importListQuerySchema,
  type NewsImportQuery,
  newsImportQuerySchema,
} from './imports.schema.ts';
import { importRuns } from './imports.table.ts';
import { importNewsArchive } from './news-import.service.ts';

export const newsImportKind = 'imports.news';
/** The largest archive an upload may carry. */
export const archiveUploadLimit = 1024 * 1024 * 1024;

type RunRow = typeof importRuns.$inferSelect;

function toRunOutput(row: RunRow): ImportRunOutput {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    sourceName: row.sourceName,
    options: row.options,
    total: row.total,
    processed: row.processed,
    created: row.created,
    updated: row.updated,
    skipped: row.skipped,
    degraded: row.degraded,
    refused: row.refused,
    cancelRequested: row.cancelRequested > 0,
    error: row.error,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

/** Where an uploaded archive waits for its run, inside the data directory. */
function archivePath(dataDir: string, tenantId: string, runId: string): string {
  return join(resolve(dataDir), 'imports', tenantId, `${runId}.zip`);
}

/**
 * Takes an uploaded archive (streamed to disk, never held in memory, at most 1 GB) and queues its
 * import as a background job; answers the run, whose progress the caller then follows.
 */
export async function startNewsImport(
  scope: TenantScope,
  dataDir: string,
  query: NewsImportQuery,
  body: ReadableStream<Uint8Array> | null,
): Promise<ImportRunOutput> {
  const options = parseInput(newsImportQuerySchema, query);
  if (!body) {
    throw new AppError('validation_failed', 'Send the archive (.zip) as the request body', [
      { path: 'file', code: 'required', message: 'Send the archive (.zip) as the request body' },
    ]);
  }
  const channel = await scope.first(channels, eq(channels.id, options.channelId));
  if (!channel) {
    throw new AppError('validation_failed', 'No such channel', [
      { path: 'channelId', code: 'unknown_reference', message: 'No such channel' },
    ]);
  }
  const id = newId();
  const path = archivePath(dataDir, scope.tenantId, id);
  await mkdir(join(path, '..'), { recursive: true });
  let size = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.byteLength;
      if (size > archiveUploadLimit)
        done(new AppError('payload_too_large', 'The archive is larger than 1 GB'));
      else done(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(body as never), counter, createWriteStream(path));
  } catch (err) {
    await rm(path, { force: true });
    throw err instanceof AppError ? err : new AppError('bad_request', 'The upload was interrupted');
  }
  const head = size >= 2 ? await readHead(path) : null;
  if (head?.[0] !== 0x50 || head[1] !== 0x4b) {
    await rm(path, { force: true });
    throw new AppError('validation_failed', 'The file is not a .zip archive', [
      { path: 'file', code: 'not_a_zip', message: 'The file is not a .zip archive' },
    ]);
  }
  const row = await scope.transaction(async (tx) => {
    const created = await tx.create(importRuns, 'import_run', {
      id,
      kind: 'news',
      status: 'queued',
      sourceName: options.name,
      fileKey: `${id}.zip`,
      options: {
        channelId: options.channelId,
        language: options.language,
        publish: options.publish === 'true',
        dryRun: options.dryRun === 'true',
      },
      createdBy: tx.actor.id,
    });
    await tx.build((qb) =>
      enqueueJob(qb, { kind: newsImportKind, tenantId: tx.tenantId, payload: { runId: id }, maxAttempts: 1 }),
    );
    return created;
  });
  return toRunOutput(row);
}

async function readHead(path: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of createReadStream(path, { start: 0, end: 3 })) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The college's import runs, newest first. */
export async function listImportRuns(scope: TenantScope, query: unknown) {
  const q = parseInput(importListQuerySchema, query);
  const rows = await scope.select(importRuns, {
    orderBy: [desc(importRuns.createdAt)],
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  return { items: rows.map(toRunOutput), total: await scope.count(importRuns) };
}

/** One run with its report. */
export async function getImportRun(scope: TenantScope, id: string): Promise<ImportRunDetail> {
  const row = await scope.first(importRuns, eq(importRuns.id, id));
  if (!row) throw new AppError('not_found', 'No such import');
  return { ...toRunOutput(row), report: row.report };
}

/** Asks a queued or running import to stop after the page it is on; what was imported stays. */
export async function cancelImportRun(scope: TenantScope, id: string): Promise<ImportRunDetail> {
  const row = await scope.first(importRuns, eq(importRuns.id, id));
  if (!row) throw new AppError('not_found', 'No such import');
  if (row.status !== 'queued' && row.status !== 'running') {
    throw new AppError('invalid_transition', 'This import has already ended');
  }
  await scope.updateRaw(importRuns, eq(importRuns.id, id), { cancelRequested: 1 });
  await scope.recordEvent({ verb: 'import_run.cancelled', subjectType: 'import_run', subjectId: id });
  return getImportRun(scope, id);
}

/**
 * Runs one queued import: unpacks the archive from disk as a stream, imports page by page with
 * the run's progress written as it goes, stops when asked, and removes the archive at the end.
 */
export async function runNewsImport(scope: TenantScope, runId: string, dataDir: string): Promise<void> {
  const tenantId = scope.tenantId;
  const row = await scope.first(importRuns, eq(importRuns.id, runId));
  if (row?.status !== 'queued') return;
  const path = archivePath(dataDir, tenantId, runId);
  const set = (values: Partial<typeof importRuns.$inferInsert>) =>
    scope.updateRaw(importRuns, eq(importRuns.id, runId), { ...values, updatedAt: new Date() });
  if (row.cancelRequested) {
    await set({ status: 'cancelled', finishedAt: new Date(), fileKey: null });
    await rm(path, { force: true });
    return;
  }
  await set({ status: 'running', startedAt: new Date() });
  try {
    const { size } = await stat(path);
    const archive = await openZip({ size, chunks: createReadStream(path, { highWaterMark: 1024 * 1024 }) });
    try {
      let lastWrite = 0;
      const summary = await importNewsArchive(scope, new FileStore(dataDir), archive, row.options, {
        onProgress: async (counts) => {
          // A few writes a second at most: the admin polls, it does not need every page.
          if (Date.now() - lastWrite < 300 && counts.processed < counts.total) return;
          lastWrite = Date.now();
          await set({ ...counts });
        },
        isCancelled: async () => {
          const now = await scope.first(importRuns, eq(importRuns.id, runId));
          return (now?.cancelRequested ?? 0) > 0;
        },
      });
      const { report, cancelled, ...counts } = summary;
      await set({
        ...counts,
        report,
        status: cancelled ? 'cancelled' : 'done',
        finishedAt: new Date(),
        fileKey: null,
      });
    } finally {
      await archive.close();
    }
  } catch (err) {
    await set({
      status: 'failed',
      error: err instanceof Error ? err.message.slice(0, 500) : 'The import failed',
      finishedAt: new Date(),
      fileKey: null,
    });
  } finally {
    await rm(path, { force: true });
  }
}
