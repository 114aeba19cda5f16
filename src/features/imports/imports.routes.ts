import { defineRoutes, readIdParam, readQuery } from '../../platform/routes.ts';
import { importListQuerySchema, newsImportQuerySchema, importOperations as op } from './imports.schema.ts';
import { cancelImportRun, getImportRun, listImportRuns, startNewsImport } from './imports.service.ts';

export const importsRoutes = defineRoutes('/api/imports', 'imports', (route) => {
  route(op.uploadNews, async (c) =>
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
  route(op.list, async (c) => c.json(await listImportRuns(c.var.scope, readQuery(c, importListQuerySchema))));
  route(op.get, async (c) => c.json(await getImportRun(c.var.scope, readIdParam(c))));
  route(op.cancel, async (c) => c.json(await cancelImportRun(c.var.scope, readIdParam(c))));
});
