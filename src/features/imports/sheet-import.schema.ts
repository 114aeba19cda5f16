import { z } from 'zod';
import { defineOperation } from '../../platform/api-operation.ts';
import { listResultSchema } from '../../platform/list-query.ts';

export const sheetImportKinds = ['partners', 'people', 'facts', 'engagements', 'practice'] as const;
export type SheetImportKind = (typeof sheetImportKinds)[number];

/** The upload's query string: the kind of records and the file's name. */
export const sheetImportQuerySchema = z.object({
  kind: z.enum(sheetImportKinds).default('partners'),
  name: z.string().trim().min(1).max(255),
});
export type SheetImportQuery = z.input<typeof sheetImportQuerySchema>;

export const sheetListQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

/** Which rows of the report an import's page shows: a page of them, of one action or all. */
export const sheetDetailQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
  action: z.enum(['create', 'update', 'unchanged', 'skipped', 'rejected']).optional(),
});
export type SheetDetailQuery = z.input<typeof sheetDetailQuerySchema>;

export const sheetTemplateQuerySchema = z.object({
  kind: z.enum(sheetImportKinds).default('partners'),
  lang: z.enum(['zh-CN', 'en']).default('zh-CN'),
});

export const sheetReportQuerySchema = z.object({ lang: z.enum(['zh-CN', 'en']).default('zh-CN') });

const decisionsSchema = z.object({
  /** Row number → the existing record (partner or person) it updates instead of creating a new one. */
  links: z.record(z.string().regex(/^\d+$/), z.uuid()).default({}),
  /** Rows to leave out. */
  skip: z.array(z.number().int().min(1)).max(100_000).default([]),
});

export const sheetCheckInputSchema = z.object({
  version: z.number().int().min(1),
  mapping: z.array(z.string().max(40).nullable()).max(100).optional(),
  decisions: decisionsSchema.optional(),
});
export type SheetCheckInput = z.input<typeof sheetCheckInputSchema>;

export const sheetCommitInputSchema = z.object({
  version: z.number().int().min(1),
  /** Commit the valid rows and leave the rejected ones out (otherwise any rejected row stops the import). */
  skipInvalid: z.boolean().default(false),
});
export type SheetCommitInput = z.input<typeof sheetCommitInputSchema>;

export const sheetUndoInputSchema = z.object({ version: z.number().int().min(1) });

export const sheetReportRowSchema = z.object({
  row: z.number().int(),
  action: z.enum(['create', 'update', 'unchanged', 'skipped', 'rejected']),
  name: z.string(),
  matchId: z.string().optional(),
  matchName: z.string().optional(),
  matchBy: z.enum(['uscc', 'email', 'name', 'key', 'chosen']).optional(),
  errors: z.array(
    z.object({ column: z.string(), field: z.string(), code: z.string(), value: z.string().optional() }),
  ),
  warnings: z.array(z.object({ code: z.string(), detail: z.string().optional(), id: z.string().optional() })),
  changes: z.array(z.string()).optional(),
});
export type SheetReportRowOutput = z.infer<typeof sheetReportRowSchema>;

export const sheetImportDetailSchema = z.object({
  id: z.uuid(),
  kind: z.enum(sheetImportKinds),
  status: z.enum(['checked', 'committed', 'undone']),
  sourceName: z.string(),
  headers: z.array(z.string()),
  mapping: z.array(z.string().nullable()),
  decisions: z.object({ links: z.record(z.string(), z.string()), skip: z.array(z.number()) }),
  counts: z.record(z.string(), z.number()),
  /** A page of the report (see `sheetDetailQuerySchema`), in row order. */
  report: z.array(sheetReportRowSchema),
  /** How many rows the report has (of the action asked for). */
  reportTotal: z.number().int(),
  fields: z.array(z.object({ key: z.string(), required: z.boolean(), zh: z.string(), en: z.string() })),
  createdAt: z.string(),
  committedAt: z.string().nullable(),
  version: z.number().int(),
});
export type SheetImportDetail = z.infer<typeof sheetImportDetailSchema>;

// ---------------------------------------------------------------- operations

const base = '/api/imports/sheets';

export const sheetImportOperations = {
  template: defineOperation({
    basePath: base,
    method: 'GET',
    path: '/template',
    access: 'imports.run',
    summary:
      'The .xlsx template of an import in one language: headers, an example row, drop-down lists and an explanation sheet',
    query: sheetTemplateQuerySchema,
  }),
  upload: defineOperation({
    basePath: base,
    method: 'POST',
    path: '/files',
    access: 'imports.run',
    summary:
      'Upload a spreadsheet (.xlsx or .csv in UTF-8 or GBK, at most 20 MB, as the request body): its columns are matched by header and every row is checked (a dry run; nothing is written)',
    query: sheetImportQuerySchema,
    response: sheetImportDetailSchema,
  }),
  list: defineOperation({
    basePath: base,
    method: 'GET',
    path: '/',
    access: 'imports.run',
    summary: 'The spreadsheet imports of the college, newest first (without their row reports)',
    query: sheetListQuerySchema,
    response: listResultSchema(sheetImportDetailSchema),
  }),
  get: defineOperation({
    basePath: base,
    method: 'GET',
    path: '/:id',
    access: 'imports.run',
    summary:
      'One spreadsheet import: its columns, mapping, counts and a page of the report of its rows (of one action or all)',
    query: sheetDetailQuerySchema,
    response: sheetImportDetailSchema,
  }),
  report: defineOperation({
    basePath: base,
    method: 'GET',
    path: '/:id/report',
    access: 'imports.run',
    summary: 'The report of every row as .xlsx, in the chosen language',
    query: sheetReportQuerySchema,
  }),
  check: defineOperation({
    basePath: base,
    method: 'POST',
    path: '/:id/check',
    access: 'imports.run',
    summary: 'Check the rows again with a corrected column mapping or row decisions (a dry run)',
    body: sheetCheckInputSchema,
    response: sheetImportDetailSchema,
  }),
  commit: defineOperation({
    basePath: base,
    method: 'POST',
    path: '/:id/commit',
    access: 'imports.run',
    summary: 'Write the import in one transaction (all rows, or all but the rejected ones with skipInvalid)',
    body: sheetCommitInputSchema,
    response: sheetImportDetailSchema,
  }),
  undo: defineOperation({
    basePath: base,
    method: 'POST',
    path: '/:id/undo',
    access: 'imports.run',
    summary: 'Undo a committed import as a whole, while nothing it wrote has been edited since',
    body: sheetUndoInputSchema,
    response: sheetImportDetailSchema,
  }),
};
