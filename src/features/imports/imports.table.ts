import {
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { recordColumns } from '../../db/columns.ts';

/** What happened to one file of an import, for the report. */
export interface ImportReportItem {
  path: string;
  outcome: 'created' | 'updated' | 'skipped' | 'degraded' | 'refused';
  /** A reason code the admin and the CLI put into words (`list_page`, `image_missing`, …). */
  reasons: string[];
  /** Detail such as the missing image's address. */
  detail?: string;
  articleId?: string;
  title?: string;
  date?: string | null;
  dateSource?: string | null;
  shape?: string;
}

export interface ImportRunOptions {
  channelId: string;
  /** The language of the pages, or `auto` to tell it from each page's text. */
  language: 'zh-CN' | 'en' | 'auto';
  publish: boolean;
  dryRun: boolean;
}

/** One import of a news archive: its options, progress and, when done, the report of every file. */
export const importRuns = pgTable(
  'import_runs',
  {
    ...recordColumns(),
    kind: text('kind', { enum: ['news'] }).notNull(),
    status: text('status', { enum: ['queued', 'running', 'done', 'failed', 'cancelled'] }).notNull(),
    sourceName: text('source_name').notNull(),
    /** The uploaded archive in the file store, removed when the run ends. */
    fileKey: text('file_key'),
    options: jsonb('options').$type<ImportRunOptions>().notNull(),
    total: integer('total').notNull().default(0),
    processed: integer('processed').notNull().default(0),
    created: integer('created').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    skipped: integer('skipped').notNull().default(0),
    degraded: integer('degraded').notNull().default(0),
    refused: integer('refused').notNull().default(0),
    cancelRequested: integer('cancel_requested').notNull().default(0),
    report: jsonb('report').$type<ImportReportItem[]>().notNull().default([]),
    error: text('error'),
    createdBy: uuid('created_by'),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('import_runs_created_idx').on(t.tenantId, t.createdAt),
  ],
);

/**
 * Where an imported article came from: the page's address (or its path in the archive) and a hash
 * of what was read, so importing again updates or skips instead of duplicating, and the old
 * address answers with a redirect to the new article.
 */
export const articleSources = pgTable(
  'article_sources',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    articleId: uuid('article_id').notNull(),
    sourceKey: text('source_key').notNull(),
    /** The old site's path (`/2024/1118/c1234a5678/page.htm`), answered with a 301. */
    oldPath: text('old_path').notNull(),
    contentHash: text('content_hash').notNull(),
    /** The date the old site gave the page (its own field, its text or its address), even for a draft. */
    pageDate: date('page_date'),
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('article_sources_key_idx').on(t.tenantId, t.sourceKey),
    index('article_sources_path_idx').on(t.tenantId, t.oldPath),
  ],
);

/** What one row of a spreadsheet import will do (dry run) or did (commit), for the report. */
export interface SheetReportRow {
  row: number;
  action: 'create' | 'update' | 'unchanged' | 'skipped' | 'rejected';
  /** The record's name as read, so the report names each row. */
  name: string;
  /** The existing record an update goes to, or a close one a new record may duplicate. */
  matchId?: string;
  matchName?: string;
  /** How the match was made: `uscc`, `name`, or `chosen` by the reviewer. */
  matchBy?: 'uscc' | 'email' | 'name' | 'key' | 'chosen';
  errors: { column: string; field: string; code: string; value?: string }[];
  warnings: { code: string; detail?: string; id?: string }[];
  /** The fields an update changes. */
  changes?: string[];
}

/** One change a committed import made, kept so the import can be undone while nothing has changed since. */
export interface SheetChange {
  /** The kind of record (`organization` when left out: the first imports wrote partners only). */
  subject?: 'organization' | 'person' | 'affiliation' | 'fact' | 'engagement' | 'program';
  id: string;
  action: 'create' | 'update';
  versionAfter: number;
  before?: Record<string, unknown>;
}

/** A spreadsheet import (partners, …): its file, column mapping, dry-run report and, once committed, its changes. */
export const sheetImports = pgTable(
  'sheet_imports',
  {
    ...recordColumns(),
    kind: text('kind', { enum: ['partners', 'people', 'facts', 'engagements', 'practice'] }).notNull(),
    status: text('status', { enum: ['checked', 'committed', 'undone'] }).notNull(),
    sourceName: text('source_name').notNull(),
    fileKey: text('file_key').notNull(),
    headers: jsonb('headers').$type<string[]>().notNull(),
    /** For each column, the field it fills, or null to leave it out. */
    mapping: jsonb('mapping').$type<(string | null)[]>().notNull(),
    /** Rows the reviewer sent to an existing record instead of a new one, and rows left out. */
    decisions: jsonb('decisions').$type<{ links: Record<string, string>; skip: number[] }>().notNull(),
    counts: jsonb('counts').$type<Record<SheetReportRow['action'], number>>().notNull(),
    changes: jsonb('changes').$type<SheetChange[]>().notNull().default([]),
    createdBy: uuid('created_by'),
    committedAt: timestamp('committed_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('sheet_imports_created_idx').on(t.tenantId, t.createdAt),
  ],
);
export type SheetImportRow = typeof sheetImports.$inferSelect;

/** The dry-run (or commit) report of one row of a sheet import, kept a row each so it pages and filters. */
export const sheetImportRows = pgTable(
  'sheet_import_rows',
  {
    tenantId: uuid('tenant_id').notNull(),
    importId: uuid('import_id').notNull(),
    row: integer('row').notNull(),
    action: text('action', { enum: ['create', 'update', 'unchanged', 'skipped', 'rejected'] }).notNull(),
    report: jsonb('report').$type<SheetReportRow>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.importId, t.row] }),
    index('sheet_import_rows_action_idx').on(t.tenantId, t.importId, t.action, t.row),
  ],
);
