import { z } from 'zod';

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
