import type { Context } from 'hono';
import type { AppEnv } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { FileStore } from '../../platform/file-store.ts';
import { listResultSchema } from '../../platform/list-query.ts';
import { defineRoutes, readBody, readIdParam, readQuery } from '../../platform/routes.ts';
import {
  type MediaDescription,
  mediaListQuerySchema,
  mediaOutputSchema,
  mediaVersionInputSchema,
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
  route(
    {
      method: 'GET',
      path: '/',
      access: 'news.read',
      summary: 'List the media library (q searches file names, alt texts and captions)',
      query: mediaListQuerySchema,
      response: listResultSchema(mediaOutputSchema),
    },
    async (c) => c.json(await listMedia(c.var.scope, readQuery(c, mediaListQuerySchema))),
  );
  route(
    {
      method: 'POST',
      path: '/files',
      access: 'media.write',
      summary:
        'Upload an image (multipart field `file`: JPEG, PNG, WebP or AVIF by content, at most 20 MB and 40 megapixels; optional fields altZh, altEn, captionZh, captionEn, credit). 201 when new, 200 with the existing image when the same file was uploaded before',
      response: mediaOutputSchema,
    },
    async (c) => {
      const { file, description } = await readUpload(c);
      const result = await uploadMedia(c.var.scope, mediaStoreOf(c), file, description);
      return c.json(result.media, result.created ? 201 : 200);
    },
  );
  route(
    {
      method: 'GET',
      path: '/:id',
      access: 'news.read',
      summary: 'Read an image of the library',
      response: mediaOutputSchema,
    },
    async (c) => c.json(await getMedia(c.var.scope, readIdParam(c))),
  );
  route(
    {
      method: 'PATCH',
      path: '/:id',
      access: 'media.write',
      summary: 'Change the alt texts, captions or credit of an image',
      body: updateMediaInputSchema,
      response: mediaOutputSchema,
    },
    async (c) =>
      c.json(await updateMedia(c.var.scope, readIdParam(c), await readBody(c, updateMediaInputSchema))),
  );
  route(
    {
      method: 'DELETE',
      path: '/:id',
      access: 'media.write',
      summary: 'Remove an image from the library (soft; ?version= required; pages showing it keep it)',
      query: mediaVersionInputSchema,
    },
    async (c) => {
      const { version } = readQuery(c, mediaVersionInputSchema);
      await deleteMedia(c.var.scope, readIdParam(c), version);
      return c.body(null, 204);
    },
  );
});
