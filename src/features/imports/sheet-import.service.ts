import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { and, asc, desc, eq } from 'drizzle-orm';
import { newId } from '../../db/ids.ts';
import type { TenantScope } from '../../db/tenant-scope.ts';
import { AppError } from '../../platform/errors.ts';
import { collectGarbage } from '../../platform/memory.ts';
import { parseInput } from '../../platform/validation.ts';
import { type SheetImportRow, type SheetReportRow, sheetImportRows, sheetImports } from './imports.table.ts';
import { readSheetRows, SheetError, sheetLimits } from './sheet-file.ts';
import {
  type SheetCheckInput,
  type SheetCommitInput,
  type SheetDetailQuery,
  type SheetImportDetail,
  type SheetImportKind,
  type SheetImportQuery,
  sheetCheckInputSchema,
  sheetCommitInputSchema,
  sheetDetailQuerySchema,
  sheetImportQuerySchema,
  sheetListQuerySchema,
} from './sheet-import.schema.ts';
import { autoMapping, type CheckedRow, undoChanges } from './sheet-kind.ts';
import { sheetKinds } from './sheet-kinds.ts';

const emptyCounts = (): Record<SheetReportRow['action'], number> => ({
  create: 0,
  update: 0,
  unchanged: 0,
  skipped: 0,
  rejected: 0,
});

function sheetPath(dataDir: string, tenantId: string, fileKey: string): string {
  return join(dataDir, 'imports', tenantId, fileKey);
}

interface Checked {
  headers: string[];
  mapping: (string | null)[];
  rows: CheckedRow<never>[];
  counts: Record<SheetReportRow['action'], number>;
  context: never;
}

/**
 * Reads the sheet and checks every row against the records as it is read (a row's cells are not
 * kept, only what the check makes of them): the header row is the first row with any text, and
 * `mappingOf` gives the field of each of its columns.
 */
async function checkFile(
  scope: TenantScope,
  kind: SheetImportKind,
  path: string,
  mappingOf: (headers: string[]) => (string | null)[],
  decisions: SheetImportRow['decisions'],
): Promise<Checked> {
  const sheet = sheetKinds[kind];
  const context = await sheet.prepare(scope);
  const seen = new Map<string, number>();
  const rows: CheckedRow<never>[] = [];
  const counts = emptyCounts();
  let headers: string[] | null = null;
  let mapping: (string | null)[] = [];
  try {
    for await (const r of readSheetRows(path)) {
      if (!headers) {
        // The template stars required columns; the report names a column without its star.
        const texts = r.cells.map((c) =>
          c === null || typeof c === 'object'
            ? ''
            : String(c)
                .trim()
                .replace(/\s*[*＊]$/, ''),
        );
        if (texts.some(Boolean)) {
          headers = texts;
          mapping = mappingOf(headers);
        }
        continue;
      }
      if (r.cells.every((c) => c === null || c === '' || (typeof c === 'string' && !c.trim()))) continue;
      const checked = sheet.check({ ...r, headers, mapping }, context, decisions, seen);
      rows.push(checked);
      counts[checked.report.action]++;
    }
  } catch (err) {
    if (err instanceof SheetError) {
      throw new AppError('validation_failed', err.message, [
        { path: 'file', code: err.reason, message: err.message },
      ]);
    }
    throw err;
  }
  if (!headers) {
    const message = 'The sheet has no header row';
    throw new AppError('validation_failed', message, [{ path: 'file', code: 'no_header', message }]);
  }
  return { headers, mapping, rows, counts, context };
}

/** The report of an import, a row each, replaced as a whole (a few thousand rows per statement). */
async function saveReport(scope: TenantScope, importId: string, rows: CheckedRow<never>[]): Promise<void> {
  await scope.deleteRaw(sheetImportRows, eq(sheetImportRows.importId, importId));
  await scope.insertMany(
    sheetImportRows,
    rows.map((r) => ({ importId, row: r.report.row, action: r.report.action, report: r.report })),
  );
}

/** A page of an import's report, of one action or all, in row order. */
async function reportPage(scope: TenantScope, importId: string, query: SheetDetailQuery = {}) {
  const q = parseInput(sheetDetailQuerySchema, query);
  const where = and(
    eq(sheetImportRows.importId, importId),
    q.action ? eq(sheetImportRows.action, q.action) : undefined,
  )!;
  const { items, total } = await scope.page(sheetImportRows, {
    where,
    orderBy: [asc(sheetImportRows.row)],
    page: q.page,
    pageSize: q.pageSize,
  });
  return { report: items.map((r) => r.report), reportTotal: total };
}

/** Every row of an import's report in row order, read a thousand at a time. */
export async function* eachReportRow(scope: TenantScope, importId: string): AsyncGenerator<SheetReportRow> {
  for (let page = 1; ; page++) {
    const rows = await scope.select(sheetImportRows, {
      where: eq(sheetImportRows.importId, importId),
      orderBy: [asc(sheetImportRows.row)],
      limit: 1000,
      offset: (page - 1) * 1000,
    });
    for (const r of rows) yield r.report;
    if (rows.length < 1000) return;
  }
}

function toDetail(
  row: SheetImportRow,
  page: { report: SheetReportRow[]; reportTotal: number },
): SheetImportDetail {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    sourceName: row.sourceName,
    headers: row.headers,
    mapping: row.mapping,
    decisions: row.decisions,
    counts: row.counts,
    ...page,
    fields: sheetKinds[row.kind].fields.map((f) => ({
      key: f.key,
      required: Boolean(f.required),
      zh: f.headers.zh,
      en: f.headers.en,
    })),
    createdAt: row.createdAt.toISOString(),
    committedAt: row.committedAt?.toISOString() ?? null,
    version: row.version,
  };
}

/**
 * Takes an uploaded spreadsheet (.xlsx or .csv, at most 20 MB), maps its columns by header and
 * answers the dry run: what every row will do. Nothing is written but the import itself.
 */
export async function startSheetImport(
  scope: TenantScope,
  dataDir: string,
  query: SheetImportQuery,
  body: ReadableStream<Uint8Array> | null,
): Promise<SheetImportDetail> {
  const options = parseInput(sheetImportQuerySchema, query);
  if (!scope.may('records.write')) throw new AppError('forbidden', 'You may not change the registry');
  if (!body) {
    const message = 'Send the spreadsheet as the request body';
    throw new AppError('validation_failed', message, [{ path: 'file', code: 'required', message }]);
  }
  const id = newId();
  const ext = /\.csv$/i.test(options.name) ? 'csv' : 'xlsx';
  const fileKey = `${id}.${ext}`;
  const path = sheetPath(dataDir, scope.tenantId, fileKey);
  await mkdir(join(path, '..'), { recursive: true });
  let size = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.byteLength;
      if (size > sheetLimits.bytes) done(new AppError('payload_too_large', 'The file is larger than 20 MB'));
      else done(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(body as never), counter, createWriteStream(path));
    const decisions = { links: {}, skip: [] };
    const checked = await checkFile(
      scope,
      options.kind,
      path,
      (headers) => autoMapping(sheetKinds[options.kind].fields, headers),
      decisions,
    );
    const row = await scope.transaction(async (tx) => {
      const created = await tx.insertRaw(sheetImports, {
        id,
        kind: options.kind,
        status: 'checked',
        sourceName: options.name,
        fileKey,
        headers: checked.headers,
        mapping: checked.mapping,
        decisions,
        counts: checked.counts,
        createdBy: scope.actor.id,
      });
      await saveReport(tx, id, checked.rows);
      return created;
    });
    return toDetail(row, await reportPage(scope, id));
  } catch (err) {
    await rm(path, { force: true });
    if (err instanceof AppError) throw err;
    throw new AppError('bad_request', 'The upload was interrupted');
  }
}

async function findImport(scope: TenantScope, id: string): Promise<SheetImportRow> {
  const row = await scope.first(sheetImports, eq(sheetImports.id, id));
  if (!row) throw new AppError('not_found', `Import ${id} not found`);
  return row;
}

export async function getSheetImport(
  scope: TenantScope,
  id: string,
  query: SheetDetailQuery = {},
): Promise<SheetImportDetail> {
  const row = await findImport(scope, id);
  return toDetail(row, await reportPage(scope, id, query));
}

export async function listSheetImports(scope: TenantScope, query: unknown) {
  const q = parseInput(sheetListQuerySchema, query);
  const { items, total } = await scope.page(sheetImports, {
    orderBy: [desc(sheetImports.createdAt)],
    page: q.page,
    pageSize: q.pageSize,
  });
  return { items: items.map((r) => toDetail(r, { report: [], reportTotal: 0 })), total };
}

function assertMapping(kind: SheetImportKind, mapping: (string | null)[], headers: string[]): void {
  if (mapping.length !== headers.length) {
    throw new AppError('validation_failed', 'Give a field (or none) for every column', [
      { path: 'mapping', code: 'invalid_value', message: 'Give a field (or none) for every column' },
    ]);
  }
  const known = new Set(sheetKinds[kind].fields.map((f) => f.key));
  const used = new Set<string>();
  mapping.forEach((f, i) => {
    if (f === null) return;
    if (!known.has(f) || used.has(f)) {
      const message = used.has(f) ? 'Two columns fill the same field' : 'No such field';
      throw new AppError('validation_failed', message, [
        { path: `mapping.${i}`, code: 'invalid_value', message },
      ]);
    }
    used.add(f);
  });
}

/**
 * Saves an import's new state (version-checked). Its timeline event names the step and the counts,
 * not the row report: a report of 20,000 rows is bookkeeping, not something to diff.
 */
async function saveImport(
  scope: TenantScope,
  row: SheetImportRow,
  version: number,
  verb: 'checked' | 'committed' | 'undone',
  set: Partial<typeof sheetImports.$inferInsert>,
): Promise<SheetImportRow> {
  if (row.version !== version) {
    throw new AppError('conflict', `import ${row.id} is at version ${row.version}, not ${version}`, {
      currentVersion: row.version,
    });
  }
  const changed = await scope.updateRaw(
    sheetImports,
    and(eq(sheetImports.id, row.id), eq(sheetImports.version, version))!,
    { ...set, version: version + 1, updatedAt: new Date() },
  );
  if (changed === 0) {
    throw new AppError('conflict', `import ${row.id} was changed meanwhile`, { currentVersion: version + 1 });
  }
  await scope.recordEvent({
    verb: `sheet_import.${verb}`,
    subjectType: 'sheet_import',
    subjectId: row.id,
    diff: {
      status: { from: row.status, to: set.status ?? row.status },
      ...(set.counts ? { counts: { from: row.counts, to: set.counts } } : {}),
      ...(set.mapping ? { mapping: { from: row.mapping, to: set.mapping } } : {}),
    },
  });
  return findImport(scope, row.id);
}

/** Checks the rows again with the reviewer's column mapping and decisions (a dry run: nothing else is written). */
export async function checkSheetImport(
  scope: TenantScope,
  dataDir: string,
  id: string,
  input: SheetCheckInput,
): Promise<SheetImportDetail> {
  const data = parseInput(sheetCheckInputSchema, input);
  const row = await findImport(scope, id);
  if (row.status !== 'checked')
    throw new AppError('invalid_transition', `This import is already ${row.status}`);
  const mapping = data.mapping ?? row.mapping;
  assertMapping(row.kind, mapping, row.headers);
  const decisions = data.decisions ?? row.decisions;
  const checked = await checkFile(
    scope,
    row.kind,
    sheetPath(dataDir, scope.tenantId, row.fileKey),
    () => mapping,
    decisions,
  );
  const after = await scope.transaction(async (tx) => {
    const saved = await saveImport(tx, row, data.version, 'checked', {
      mapping,
      decisions,
      counts: checked.counts,
    });
    await saveReport(tx, id, checked.rows);
    return saved;
  });
  return toDetail(after, await reportPage(scope, id));
}

/**
 * Writes the import in one transaction: all rows, or, when asked, all rows but the rejected ones.
 * Every created or changed record gets a timeline event naming the import.
 */
export async function commitSheetImport(
  scope: TenantScope,
  dataDir: string,
  id: string,
  input: SheetCommitInput,
): Promise<SheetImportDetail> {
  const data = parseInput(sheetCommitInputSchema, input);
  if (!scope.may('records.write')) throw new AppError('forbidden', 'You may not change the registry');
  const row = await findImport(scope, id);
  const path = sheetPath(dataDir, scope.tenantId, row.fileKey);
  return scope.transaction(async (tx) => {
    const current = await findImport(tx, id);
    if (current.status !== 'checked')
      throw new AppError('invalid_transition', `This import is already ${current.status}`);
    if (current.version !== data.version) {
      throw new AppError('conflict', `import ${id} is at version ${current.version}, not ${data.version}`, {
        currentVersion: current.version,
      });
    }
    // Checked again inside the transaction: the registry may have changed since the dry run.
    const checked = await checkFile(tx, current.kind, path, () => current.mapping, current.decisions);
    if (checked.counts.rejected > 0 && !data.skipInvalid) {
      const message = `${checked.counts.rejected} rows are rejected: fix them, or commit without them`;
      throw new AppError('validation_failed', message, [{ path: 'rows', code: 'rows_rejected', message }]);
    }
    if (checked.rows.length > 5000) collectGarbage();
    const source = `${current.sourceName} (${id})`;
    const changes = await sheetKinds[current.kind].commit(tx, checked.rows, checked.context, source);
    const after = await saveImport(tx, current, data.version, 'committed', {
      status: 'committed',
      counts: checked.counts,
      changes,
      committedAt: new Date(),
    });
    await saveReport(tx, id, checked.rows);
    return toDetail(after, await reportPage(tx, id));
  });
}

/**
 * Undoes a committed import as a whole: new records are deleted and changed ones get their old
 * values back. Refused (naming them) when any of them was edited since.
 */
export async function undoSheetImport(
  scope: TenantScope,
  id: string,
  version: number,
): Promise<SheetImportDetail> {
  if (!scope.may('records.write')) throw new AppError('forbidden', 'You may not change the registry');
  return scope.transaction(async (tx) => {
    const row = await findImport(tx, id);
    if (row.status !== 'committed')
      throw new AppError('invalid_transition', 'Only a committed import can be undone');
    if (row.version !== version) {
      throw new AppError('conflict', `import ${id} is at version ${row.version}, not ${version}`, {
        currentVersion: row.version,
      });
    }
    await undoChanges(tx, row.changes);
    return toDetail(
      await saveImport(tx, row, version, 'undone', { status: 'undone' }),
      await reportPage(tx, id),
    );
  });
}
