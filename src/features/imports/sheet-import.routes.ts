import type { Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../platform/context.ts';
import { listResultSchema } from '../../platform/list-query.ts';
import { defineRoutes, readBody, readIdParam, readQuery } from '../../platform/routes.ts';
import { exportContentTypes } from '../../platform/table-export.ts';
import { sheetReportXlsx, sheetTemplate } from './sheet-files.ts';
import {
  sheetCheckInputSchema,
  sheetCommitInputSchema,
  sheetDetailQuerySchema,
  sheetImportDetailSchema,
  sheetImportQuerySchema,
  sheetListQuerySchema,
  sheetReportQuerySchema,
  sheetTemplateQuerySchema,
} from './sheet-import.schema.ts';
import {
  checkSheetImport,
  commitSheetImport,
  eachReportRow,
  getSheetImport,
  listSheetImports,
  startSheetImport,
  undoSheetImport,
} from './sheet-import.service.ts';

function sendXlsx(c: Context<AppEnv>, bytes: Buffer, fileName: string) {
  return c.body(new Uint8Array(bytes), 200, {
    'content-type': exportContentTypes.xlsx,
    'content-disposition': `attachment; filename="${fileName}"`,
    'x-content-type-options': 'nosniff',
    'cache-control': 'private, no-store',
  });
}

export const sheetImportsRoutes = defineRoutes('/api/imports/sheets', 'imports', (route) => {
  route(
    {
      method: 'GET',
      path: '/template',
      access: 'imports.run',
      summary:
        'The .xlsx template of an import in one language: headers, an example row, drop-down lists and an explanation sheet',
      query: sheetTemplateQuerySchema,
    },
    async (c) => {
      const { kind, lang } = readQuery(c, sheetTemplateQuerySchema);
      return sendXlsx(
        c,
        await sheetTemplate(kind, lang),
        `${kind}-template-${lang === 'en' ? 'en' : 'zh'}.xlsx`,
      );
    },
  );
  route(
    {
      method: 'POST',
      path: '/files',
      access: 'imports.run',
      summary:
        'Upload a spreadsheet (.xlsx or .csv in UTF-8 or GBK, at most 20 MB, as the request body): its columns are matched by header and every row is checked (a dry run; nothing is written)',
      query: sheetImportQuerySchema,
      response: sheetImportDetailSchema,
    },
    async (c) =>
      c.json(
        await startSheetImport(
          c.var.scope,
          c.var.services.config.DATA_DIR,
          readQuery(c, sheetImportQuerySchema),
          c.req.raw.body,
        ),
        201,
      ),
  );
  route(
    {
      method: 'GET',
      path: '/',
      access: 'imports.run',
      summary: 'The spreadsheet imports of the college, newest first (without their row reports)',
      query: sheetListQuerySchema,
      response: listResultSchema(sheetImportDetailSchema),
    },
    async (c) => c.json(await listSheetImports(c.var.scope, readQuery(c, sheetListQuerySchema))),
  );
  route(
    {
      method: 'GET',
      path: '/:id',
      access: 'imports.run',
      summary:
        'One spreadsheet import: its columns, mapping, counts and a page of the report of its rows (of one action or all)',
      query: sheetDetailQuerySchema,
      response: sheetImportDetailSchema,
    },
    async (c) =>
      c.json(await getSheetImport(c.var.scope, readIdParam(c), readQuery(c, sheetDetailQuerySchema))),
  );
  route(
    {
      method: 'GET',
      path: '/:id/report',
      access: 'imports.run',
      summary: 'The report of every row as .xlsx, in the chosen language',
      query: sheetReportQuerySchema,
    },
    async (c) => {
      const { lang } = readQuery(c, sheetReportQuerySchema);
      const detail = await getSheetImport(c.var.scope, readIdParam(c), { pageSize: 1 });
      const rows = [];
      for await (const r of eachReportRow(c.var.scope, detail.id)) rows.push(r);
      return sendXlsx(
        c,
        await sheetReportXlsx(detail, rows, lang),
        `import-report-${detail.id.slice(0, 8)}.xlsx`,
      );
    },
  );
  route(
    {
      method: 'POST',
      path: '/:id/check',
      access: 'imports.run',
      summary: 'Check the rows again with a corrected column mapping or row decisions (a dry run)',
      body: sheetCheckInputSchema,
      response: sheetImportDetailSchema,
    },
    async (c) =>
      c.json(
        await checkSheetImport(
          c.var.scope,
          c.var.services.config.DATA_DIR,
          readIdParam(c),
          await readBody(c, sheetCheckInputSchema),
        ),
      ),
  );
  route(
    {
      method: 'POST',
      path: '/:id/commit',
      access: 'imports.run',
      summary:
        'Write the import in one transaction (all rows, or all but the rejected ones with skipInvalid)',
      body: sheetCommitInputSchema,
      response: sheetImportDetailSchema,
    },
    async (c) =>
      c.json(
        await commitSheetImport(
          c.var.scope,
          c.var.services.config.DATA_DIR,
          readIdParam(c),
          await readBody(c, sheetCommitInputSchema),
        ),
      ),
  );
  route(
    {
      method: 'POST',
      path: '/:id/undo',
      access: 'imports.run',
      summary: 'Undo a committed import as a whole, while nothing it wrote has been edited since',
      body: z.object({ version: z.number().int().min(1) }),
      response: sheetImportDetailSchema,
    },
    async (c) => {
      const { version } = await readBody(c, z.object({ version: z.number().int().min(1) }));
      return c.json(await undoSheetImport(c.var.scope, readIdParam(c), version));
    },
  );
});
