import type { Context } from 'hono';
import type { AppEnv } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { FileStore } from '../../platform/file-store.ts';
import { defineRoutes, readBody, readIdParam, readQuery } from '../../platform/routes.ts';
import {
  type MediaDescription,
  mediaListQuerySchema,
  mediaVersionInputSchema,
  mediaOperations as op,
  updateMediaInputSchema,
} from './media.schema.ts';
import { deleteMedia, getMedia, listMedia, updateMedia, uploadMedia } from './media.service.ts';

/** The file store of this server's data directory. */
export function mediaStoreOf(c: Context<AppEnv>): FileStore {
  return new FileStore(c.var.services.config.DATA_DIR);
}

const describedFields = ['altZh', 'altEn', 'captionZh', 'captionEn', 'credit'] as const;

/** Reads the `file` part of a multipart body and the optional text fields describing it. */
async function readUpload(
  c: Context<AppEnv>,
): Promise<{ file: { name: string; bytes: Uint8Array } | null; description: MediaDescription }> {
  let form: FormData;
  try {
    form = await c.req.formData();
  } catch {
    throw new AppError('bad_request', 'Send the image as multipart/form-data', [
      { path: 'file', code: 'required', message: 'Send the image as multipart/form-data' },
    ]);
  }
  const description: MediaDescription = {};
  for (const name of describedFields) {
    const value = form.get(name);
    if (typeof value === 'string') description[name] = value;
  }
  const file = form.get('file');
  if (!file || typeof file === 'string') return { file: null, description };
  // The claimed type is ignored: the service recognises the image by its bytes.
  return { file: { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }, description };
}

export const mediaRoutes = defineRoutes('/api/media', 'media', (route) => {
  route(op.list, async (c) => c.json(await listMedia(c.var.scope, readQuery(c, mediaListQuerySchema))));
  route(op.upload, async (c) => {
    const { file, description } = await readUpload(c);
    const result = await uploadMedia(c.var.scope, mediaStoreOf(c), file, description);
    return c.json(result.media, result.created ? 201 : 200);
  });
  route(op.get, async (c) => c.json(await getMedia(c.var.scope, readIdParam(c))));
  route(op.update, async (c) =>
    c.json(await updateMedia(c.var.scope, readIdParam(c), await readBody(c, updateMediaInputSchema))),
  );
  route(op.remove, async (c) => {
    const { version } = readQuery(c, mediaVersionInputSchema);
    await deleteMedia(c.var.scope, readIdParam(c), version);
    return c.body(null, 204);
  });
});
