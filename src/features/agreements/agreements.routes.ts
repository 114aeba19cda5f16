import type { Context } from 'hono';
import type { AppEnv } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { FileStore } from '../../platform/file-store.ts';
import { defineRoutes, readBody, readIdParam, readQuery } from '../../platform/routes.ts';
import {
  agreementListQuerySchema,
  createAgreementInputSchema,
  agreementOperations as op,
  transitionAgreementInputSchema,
  updateAgreementInputSchema,
  versionInputSchema,
} from './agreements.schema.ts';
import {
  attachAgreementFile,
  createAgreement,
  deleteAgreement,
  detachAgreementFile,
  getAgreement,
  listAgreementFiles,
  listAgreements,
  listExpiringAgreements,
  readAgreementFile,
  transitionAgreement,
  updateAgreement,
} from './agreements.service.ts';

function fileStoreOf(c: Context<AppEnv>): FileStore {
  return new FileStore(c.var.services.config.DATA_DIR);
}

/** Reads the `file` part of a multipart body; anything else is a field error. */
async function readUpload(
  c: Context<AppEnv>,
): Promise<{ name: string; type: string; bytes: Uint8Array } | null> {
  let form: FormData;
  try {
    form = await c.req.formData();
  } catch {
    throw new AppError('bad_request', 'Send the file as multipart/form-data', [
      { path: 'file', code: 'required', message: 'Send the file as multipart/form-data' },
    ]);
  }
  const file = form.get('file');
  if (!file || typeof file === 'string') return null;
  return { name: file.name, type: file.type, bytes: new Uint8Array(await file.arrayBuffer()) };
}

export const agreementsRoutes = defineRoutes('/api/agreements', 'agreements', (route) => {
  route(op.list, async (c) =>
    c.json(await listAgreements(c.var.scope, readQuery(c, agreementListQuerySchema))),
  );
  route(op.create, async (c) =>
    c.json(await createAgreement(c.var.scope, await readBody(c, createAgreementInputSchema)), 201),
  );
  route(op.expiring, async (c) => c.json(await listExpiringAgreements(c.var.scope, c.req.query())));
  route(op.get, async (c) => c.json(await getAgreement(c.var.scope, readIdParam(c))));
  route(op.update, async (c) =>
    c.json(await updateAgreement(c.var.scope, readIdParam(c), await readBody(c, updateAgreementInputSchema))),
  );
  route(op.remove, async (c) => {
    const { version } = readQuery(c, versionInputSchema);
    await deleteAgreement(c.var.scope, readIdParam(c), version);
    return c.body(null, 204);
  });
  route(op.transition, async (c) =>
    c.json(
      await transitionAgreement(
        c.var.scope,
        readIdParam(c),
        await readBody(c, transitionAgreementInputSchema),
      ),
    ),
  );
  route(op.files, async (c) => c.json(await listAgreementFiles(c.var.scope, readIdParam(c))));
  route(op.attachFile, async (c) =>
    c.json(await attachAgreementFile(c.var.scope, fileStoreOf(c), readIdParam(c), await readUpload(c)), 201),
  );
  route(op.downloadFile, async (c) => {
    const { file, bytes } = await readAgreementFile(
      c.var.scope,
      fileStoreOf(c),
      readIdParam(c),
      readIdParam(c, 'fileId'),
    );
    return c.body(new Uint8Array(bytes), 200, {
      'content-type': file.contentType,
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
    });
  });
  route(op.detachFile, async (c) => {
    await detachAgreementFile(c.var.scope, readIdParam(c), readIdParam(c, 'fileId'));
    return c.body(null, 204);
  });
});
