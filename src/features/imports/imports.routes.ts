import { z } from 'zod';
import { listResultSchema } from '../../platform/list-query.ts';
import { defineRoutes, readIdParam, readQuery } from '../../platform/routes.ts';
import {
  importListQuerySchema,
  importRunDetailSchema,
  importRunSchema,
  newsImportQuerySchema,
} from './imports.schema.ts';
import { cancelImportRun, getImportRun, listImportRuns, startNewsImport } from './imports.service.ts';

export const importsRoutes = defineRoutes('/api/imports', 'imports', (route) => {
  route(
    {
      method: 'POST',
      path: '/news/files',
      access: 'imports.run',
      summary:
        'Upload a news archive (.zip of saved pages, as the request body, at most 1 GB) and queue its import; follow the run at /api/imports/:id',
      query: newsImportQuerySchema,
      response: importRunSchema,
    },
    async (c) =>
      c.json(
        await startNewsImport(
          c.var.scope,
          c.var.services.config.DATA_DIR,
          readQuery(c, newsImportQuerySchema),
          c.req.raw.body,
        ),
        202,
      ),
  );
  route(
    {
      method: 'GET',
      path: '/',
      access: 'imports.run',
      summary: 'The import runs of the college, newest first',
      query: importListQuerySchema,
      response: listResultSchema(importRunSchema),
    },
    async (c) => c.json(await listImportRuns(c.var.scope, readQuery(c, importListQuerySchema))),
  );
  route(
    {
      method: 'GET',
      path: '/:id',
      access: 'imports.run',
      summary: 'One import run: its progress and, when done, the report of every file',
      response: importRunDetailSchema,
    },
    async (c) => c.json(await getImportRun(c.var.scope, readIdParam(c))),
  );
  route(
    {
      method: 'POST',
      path: '/:id/cancel',
      access: 'imports.run',
      summary: 'Stop a queued or running import after the page it is on (what was imported stays)',
      body: z.object({}).optional(),
      response: importRunDetailSchema,
    },
    async (c) => c.json(await cancelImportRun(c.var.scope, readIdParam(c))),
  );
});
