import type { Context } from 'hono';
import type { AppEnv } from '../../platform/context.ts';
import { defineRoutes, readBody, readIdParam, readQuery } from '../../platform/routes.ts';
import { exportContentTypes } from '../../platform/table-export.ts';
import { sheetReportXlsx, sheetTemplate } from './sheet-files.ts';
import {
  sheetImportOperations as op,
  sheetCheckInputSchema,
  sheetCommitInputSchema,
  sheetDetailQuerySchema,
  sheetImportQuerySchema,
  sheetListQuerySchema,
  sheetReportQuerySchema,
  sheetTemplateQuerySchema,
  sheetUndoInputSchema,
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
  route(op.template, async (c) => {
    const { kind, lang } = readQuery(c, sheetTemplateQuerySchema);
    return sendXlsx(
      c,
      await sheetTemplate(kind, lang),
      `${kind}-template-${lang === 'en' ? 'en' : 'zh'}.xlsx`,
    );
  });
  route(op.upload, async (c) =>
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
  route(op.list, async (c) =>
    c.json(await listSheetImports(c.var.scope, readQuery(c, sheetListQuerySchema))),
  );
  route(op.get, async (c) =>
    c.json(await getSheetImport(c.var.scope, readIdParam(c), readQuery(c, sheetDetailQuerySchema))),
  );
  route(op.report, async (c) => {
    const { lang } = readQuery(c, sheetReportQuerySchema);
    const detail = await getSheetImport(c.var.scope, readIdParam(c), { pageSize: 1 });
    const rows = [];
    for await (const r of eachReportRow(c.var.scope, detail.id)) rows.push(r);
    return sendXlsx(
      c,
      await sheetReportXlsx(detail, rows, lang),
      `import-report-${detail.id.slice(0, 8)}.xlsx`,
    );
  });
  route(op.check, async (c) =>
    c.json(
      await checkSheetImport(
        c.var.scope,
        c.var.services.config.DATA_DIR,
        readIdParam(c),
        await readBody(c, sheetCheckInputSchema),
      ),
    ),
  );
  route(op.commit, async (c) =>
    c.json(
      await commitSheetImport(
        c.var.scope,
        c.var.services.config.DATA_DIR,
        readIdParam(c),
        await readBody(c, sheetCommitInputSchema),
      ),
    ),
  );
  route(op.undo, async (c) => {
    const { version } = await readBody(c, sheetUndoInputSchema);
    return c.json(await undoSheetImport(c.var.scope, readIdParam(c), version));
  });
});
