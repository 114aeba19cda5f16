import type { Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { FileStore } from '../../platform/file-store.ts';
import { listResultSchema } from '../../platform/list-query.ts';
import { defineRoutes, readBody, readIdParam, readQuery } from '../../platform/routes.ts';
import {
  agreementFileOutputSchema,
  agreementListQuerySchema,
  agreementOutputSchema,
  createAgreementInputSchema,
  expiringQuerySchema,
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
  route(
    {
      method: 'GET',
      path: '/',
      access: 'records.read',
      summary: 'List agreements',
      query: agreementListQuerySchema,
      response: listResultSchema(agreementOutputSchema),
    },
    async (c) => c.json(await listAgreements(c.var.scope, readQuery(c, agreementListQuerySchema))),
  );
  route(
    {
      method: 'POST',
      path: '/',
      access: 'records.write',
      summary: 'Record an agreement with its parties',
      body: createAgreementInputSchema,
      response: agreementOutputSchema,
    },
    async (c) =>
      c.json(await createAgreement(c.var.scope, await readBody(c, createAgreementInputSchema)), 201),
  );
  route(
    {
      method: 'GET',
      path: '/expiring',
      access: 'records.read',
      summary: 'Active agreements whose validity ends within 30, 90 or 180 days',
      query: expiringQuerySchema,
      response: listResultSchema(agreementOutputSchema),
    },
    async (c) => c.json(await listExpiringAgreements(c.var.scope, c.req.query())),
  );
  route(
    {
      method: 'GET',
      path: '/:id',
      access: 'records.read',
      summary: 'Read an agreement',
      response: agreementOutputSchema,
    },
    async (c) => c.json(await getAgreement(c.var.scope, readIdParam(c))),
  );
  route(
    {
      method: 'PATCH',
      path: '/:id',
      access: 'records.write',
      summary: 'Change an agreement (parties, when given, are replaced)',
      body: updateAgreementInputSchema,
      response: agreementOutputSchema,
    },
    async (c) =>
      c.json(
        await updateAgreement(c.var.scope, readIdParam(c), await readBody(c, updateAgreementInputSchema)),
      ),
  );
  route(
    {
      method: 'DELETE',
      path: '/:id',
      access: 'records.write',
      summary: 'Delete an agreement (soft; ?version= required)',
      query: versionInputSchema,
    },
    async (c) => {
      const { version } = readQuery(c, versionInputSchema);
      await deleteAgreement(c.var.scope, readIdParam(c), version);
      return c.body(null, 204);
    },
  );
  route(
    {
      method: 'POST',
      path: '/:id/transition',
      access: 'records.write',
      summary: 'Move an agreement along draft → in_review → signed → active → expired | terminated',
      body: transitionAgreementInputSchema,
      response: agreementOutputSchema,
    },
    async (c) =>
      c.json(
        await transitionAgreement(
          c.var.scope,
          readIdParam(c),
          await readBody(c, transitionAgreementInputSchema),
        ),
      ),
  );
  route(
    {
      method: 'GET',
      path: '/:id/files',
      access: 'records.read',
      summary: 'List the files attached to an agreement',
      response: z.array(agreementFileOutputSchema),
    },
    async (c) => c.json(await listAgreementFiles(c.var.scope, readIdParam(c))),
  );
  route(
    {
      method: 'POST',
      path: '/:id/files',
      access: 'records.write',
      summary: 'Attach a file (multipart field `file`: PDF, image or Word, within the API body limit)',
      response: agreementFileOutputSchema,
    },
    async (c) =>
      c.json(
        await attachAgreementFile(c.var.scope, fileStoreOf(c), readIdParam(c), await readUpload(c)),
        201,
      ),
  );
  route(
    {
      method: 'GET',
      path: '/:id/files/:fileId',
      access: 'records.read',
      summary: 'Download an attached file',
    },
    async (c) => {
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
    },
  );
  route(
    {
      method: 'DELETE',
      path: '/:id/files/:fileId',
      access: 'records.write',
      summary: 'Detach a file from an agreement',
    },
    async (c) => {
      await detachAgreementFile(c.var.scope, readIdParam(c), readIdParam(c, 'fileId'));
      return c.body(null, 204);
    },
  );
});
