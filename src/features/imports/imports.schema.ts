import { z } from 'zod';
import { defineOperation } from '../../platform/api-operation.ts';
import { listResultSchema } from '../../platform/list-query.ts';

export const importLanguageSchema = z.enum(['zh-CN', 'en', 'auto']);

/** The options of a news archive import, as the upload's query string carries them. */
export const newsImportQuerySchema = z.object({
  /** The uploaded file's name, shown in the list of runs. */
  name: z.string().trim().min(1).max(255),
  channelId: z.uuid(),
  language: importLanguageSchema.default('auto'),
  publish: z.enum(['true', 'false']).default('false'),
  dryRun: z.enum(['true', 'false']).default('false'),
});
export type NewsImportQuery = z.input<typeof newsImportQuerySchema>;

export const importListQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const importReportItemSchema = z.object({
  path: z.string(),
  outcome: z.enum(['created', 'updated', 'skipped', 'degraded', 'refused']),
  reasons: z.array(z.string()),
  detail: z.string().optional(),
  articleId: z.string().optional(),
  title: z.string().optional(),
  date: z.string().nullable().optional(),
  dateSource: z.string().nullable().optional(),
  shape: z.string().optional(),
});

export const importRunSchema = z.object({
  id: z.string(),
  kind: z.literal('news'),
  status: z.enum(['queued', 'running', 'done', 'failed', 'cancelled']),
  sourceName: z.string(),
  options: z.object({
    channelId: z.string(),
    language: importLanguageSchema,
    publish: z.boolean(),
    dryRun: z.boolean(),
  }),
  total: z.number().int(),
  processed: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  skipped: z.number().int(),
  degraded: z.number().int(),
  refused: z.number().int(),
  cancelRequested: z.boolean(),
  error: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type ImportRunOutput = z.infer<typeof importRunSchema>;
export const importRunDetailSchema = importRunSchema.extend({ report: z.array(importReportItemSchema) });
export type ImportRunDetail = z.infer<typeof importRunDetailSchema>;

// ---------------------------------------------------------------- operations

const base = '/api/imports';

export const importOperations = {
  uploadNews: defineOperation({
    basePath: base,
    method: 'POST',
    path: '/news/files',
    access: 'imports.run',
    summary:
      'Upload a news archive (.zip of saved pages, as the request body, at most 1 GB) and queue its import; follow the run at /api/imports/:id',
    query: newsImportQuerySchema,
    response: importRunSchema,
  }),
  list: defineOperation({
    basePath: base,
    method: 'GET',
    path: '/',
    access: 'imports.run',
    summary: 'The import runs of the college, newest first',
    query: importListQuerySchema,
    response: listResultSchema(importRunSchema),
  }),
  get: defineOperation({
    basePath: base,
    method: 'GET',
    path: '/:id',
    access: 'imports.run',
    summary: 'One import run: its progress and, when done, the report of every file',
    response: importRunDetailSchema,
  }),
  cancel: defineOperation({
    basePath: base,
    method: 'POST',
    path: '/:id/cancel',
    access: 'imports.run',
    summary: 'Stop a queued or running import after the page it is on (what was imported stays)',
    body: z.object({}).optional(),
    response: importRunDetailSchema,
  }),
};
