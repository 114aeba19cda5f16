import { createHash } from 'node:crypto';
import { and, eq, ilike, inArray, isNull, or, type SQL } from 'drizzle-orm';
import { newId } from '../../db/ids.ts';
import { orderFromSort, type TenantScope } from '../../db/tenant-scope.ts';
import { AppError, isUniqueViolation } from '../../platform/errors.ts';
import type { FileStore } from '../../platform/file-store.ts';
import { containsPattern } from '../../platform/references.ts';
import { parseInput } from '../../platform/validation.ts';
import { inspectImage, renderImageDerivatives, renderSiteIcons } from './image-process.ts';
import {
  type MediaDescription,
  type MediaListQuery,
  type MediaOutput,
  mediaDefaultWidth,
  mediaDescriptionSchema,
  mediaFileName,
  mediaFileUrl,
  mediaListQuerySchema,
  mediaPageUrl,
  mediaWidths,
  parseMediaUrl,
  pickMediaDerivative,
  type UpdateMediaInput,
  updateMediaInputSchema,
} from './media.schema.ts';
import { type MediaDerivative, media } from './media.table.ts';

type MediaRow = typeof media.$inferSelect;

/** Where uploads (private, never served) and their renditions (served) are kept in the file store. */
const uploadArea = 'media';
const derivativeArea = 'media-derivatives';

function toMediaOutput(row: MediaRow): MediaOutput {
  const derivatives = row.derivatives.map((d) => ({
    width: d.width,
    height: d.height,
    format: d.format,
    byteSize: d.byteSize,
    original: d.original === true,
    url: mediaFileUrl(row.id, d),
  }));
  const original = derivatives.find((d) => d.original);
  const main = pickMediaDerivative(derivatives, mediaDefaultWidth) ?? original;
  return {
    id: row.id,
    fileName: row.fileName,
    contentType: row.contentType,
    byteSize: row.byteSize,
    width: row.width,
    height: row.height,
    altZh: row.altZh,
    altEn: row.altEn,
    captionZh: row.captionZh,
    captionEn: row.captionEn,
    credit: row.credit,
    url: main?.url ?? '',
    originalUrl: original?.url ?? '',
    pageUrls: { 'zh-CN': mediaPageUrl(row.id, 'zh-CN'), en: mediaPageUrl(row.id, 'en') },
    derivatives,
    uploadedBy: row.uploadedBy,
    deletedAt: row.deletedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

async function findMedia(scope: TenantScope, id: string): Promise<MediaRow> {
  const row = await scope.first(media, and(eq(media.id, id), isNull(media.deletedAt)));
  if (!row) throw new AppError('not_found', `Media ${id} not found`);
  return row;
}

/**
 * The name shown for an upload, as plain text: no path parts, control characters, quotes, angle
 * brackets or direction overrides (which make "gpj.exe" read as "exe.jpg"), at most 200 characters
 * counted by code point so none is cut in half; never empty.
 */
export function cleanFileName(name: string, contentType: string): string {
  const characters = [
    ...(name.split(/[\\/]/).pop() ?? '').replace(
      /[\p{Cc}"<>\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu,
      '',
    ),
  ]
    // A lone surrogate (half of a character) is dropped; whole characters are kept.
    .filter((c) => !(c.length === 1 && c >= '\ud800' && c <= '\udfff'));
  const cleaned = characters.join('').trim();
  return [...cleaned].slice(0, 200).join('').trim() || `image.${contentType.split('/')[1] ?? 'img'}`;
}

/** What an upload answered: the media and whether it is new (false: the same file was already there). */
export interface UploadResult {
  media: MediaOutput;
  created: boolean;
}

/**
 * Adds an image to the library. The bytes are checked (type by content, size, pixel cap), kept
 * privately as uploaded, and rendered into the served derivatives. The same file uploaded again
 * answers the existing media (restored to the library if it had been removed).
 */
export async function uploadMedia(
  scope: TenantScope,
  store: FileStore,
  file: { name: string; bytes: Uint8Array } | null,
  description: MediaDescription = {},
): Promise<UploadResult> {
  if (!file || file.bytes.byteLength === 0) {
    throw new AppError('validation_failed', 'Choose a non-empty file', [
      { path: 'file', code: 'required', message: 'Choose a non-empty file' },
    ]);
  }
  const words = parseInput(mediaDescriptionSchema, description);
  const inspected = await inspectImage(file.bytes);
  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
  const existing = await findBySha(scope, sha256);
  if (existing) return { media: await restoreIfRemoved(scope, existing), created: false };

  // Rendered before anything is stored: an image refused while decoding leaves nothing behind.
  const rendered = await renderImageDerivatives(file.bytes);
  const stored = await store.save(uploadArea, scope.tenantId, file.bytes);
  const derivatives: MediaDerivative[] = [];
  for (const d of rendered) {
    const saved = await store.save(derivativeArea, scope.tenantId, d.bytes);
    derivatives.push({
      width: d.width,
      height: d.height,
      format: d.format,
      storageKey: saved.storageKey,
      byteSize: d.bytes.byteLength,
      ...(d.original ? { original: true } : {}),
    });
  }
  try {
    const row = await scope.create(media, 'media', {
      id: newId(),
      sha256: stored.sha256,
      originalKey: stored.storageKey,
      contentType: inspected.contentType,
      fileName: cleanFileName(file.name, inspected.contentType),
      byteSize: file.bytes.byteLength,
      width: inspected.width,
      height: inspected.height,
      derivatives,
      ...words,
      uploadedBy: scope.actor.id,
    });
    return { media: toMediaOutput(row), created: true };
  } catch (err) {
    // The same file uploaded twice at once: the first one wins, the second answers it.
    if (!isUniqueViolation(err)) throw err;
    const winner = await findBySha(scope, stored.sha256);
    if (!winner) throw err;
    return { media: await restoreIfRemoved(scope, winner), created: false };
  }
}

async function findBySha(scope: TenantScope, sha256: string): Promise<MediaRow | undefined> {
  return scope.first(media, eq(media.sha256, sha256));
}

async function restoreIfRemoved(scope: TenantScope, row: MediaRow): Promise<MediaOutput> {
  if (!row.deletedAt) return toMediaOutput(row);
  return toMediaOutput(await scope.change(media, 'media', row.id, null, { deletedAt: null }, 'restored'));
}

/** A page of the library, newest first unless sorted otherwise; `q` searches names, alt texts and captions. */
export async function listMedia(
  scope: TenantScope,
  query: MediaListQuery,
): Promise<{ items: MediaOutput[]; total: number }> {
  const q = parseInput(mediaListQuerySchema, query);
  const conditions: (SQL | undefined)[] = [isNull(media.deletedAt)];
  if (q.q) {
    const like = containsPattern(q.q);
    conditions.push(
      or(
        ilike(media.fileName, like),
        ilike(media.altZh, like),
        ilike(media.altEn, like),
        ilike(media.captionZh, like),
        ilike(media.captionEn, like),
      ),
    );
  }
  const result = await scope.page(media, {
    where: and(...conditions),
    orderBy: orderFromSort(
      q.sort ?? '-createdAt',
      { createdAt: media.createdAt, fileName: media.fileName, byteSize: media.byteSize },
      media.id,
    ),
    page: q.page,
    pageSize: q.pageSize,
  });
  return { items: result.items.map(toMediaOutput), total: result.total };
}

/** One image of the library. */
export async function getMedia(scope: TenantScope, id: string): Promise<MediaOutput> {
  return toMediaOutput(await findMedia(scope, id));
}

/**
 * Several images by id for rendering pages (article covers and bodies), in the order asked, leaving
 * out ids this college does not have. Images removed from the library are included: a page that
 * already shows one keeps showing it.
 */
export async function getMediaByIds(scope: TenantScope, ids: readonly string[]): Promise<MediaOutput[]> {
  const wanted = [...new Set(ids)].filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  if (wanted.length === 0) return [];
  const rows = await scope.select(media, { where: inArray(media.id, wanted) });
  const byId = new Map(rows.map((r) => [r.id, toMediaOutput(r)]));
  return wanted.flatMap((id) => byId.get(id) ?? []);
}

/** Changes the alt texts, captions or credit of an image (version-checked). */
export async function updateMedia(
  scope: TenantScope,
  id: string,
  input: UpdateMediaInput,
): Promise<MediaOutput> {
  const { version, ...data } = parseInput(updateMediaInputSchema, input);
  return scope.transaction(async (tx) => {
    await findMedia(tx, id);
    const set = Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined));
    return toMediaOutput(await tx.change(media, 'media', id, version, set));
  });
}

/**
 * Removes an image from the library (soft, version-checked): it is no longer listed or offered to
 * pick, while pages already showing it keep their picture. Uploading the same file brings it back.
 */
export async function deleteMedia(scope: TenantScope, id: string, version: number): Promise<void> {
  await scope.transaction(async (tx) => {
    await findMedia(tx, id);
    await tx.change(media, 'media', id, version, { deletedAt: new Date() }, 'deleted');
  });
}

/** An image as the public sees it (also when removed from the library, for the pages showing it). */
export async function getPublicMedia(scope: TenantScope, id: string): Promise<MediaOutput> {
  const row = await scope.first(media, eq(media.id, id));
  if (!row) throw new AppError('not_found', `Media ${id} not found`);
  return toMediaOutput(row);
}

/** A served file of an image, by its public name (`640.webp`, `original.jpg`): bytes, type and entity tag. */
export async function readMediaFile(
  scope: TenantScope,
  store: FileStore,
  id: string,
  fileName: string,
): Promise<{ bytes: Buffer; contentType: string; etag: string }> {
  const parsed = parseMediaUrl(`/media/${id}/${fileName}`);
  if (!parsed) throw new AppError('not_found', `No file ${fileName}`);
  const row = await scope.first(media, eq(media.id, id));
  if (!row) throw new AppError('not_found', `Media ${id} not found`);
  // Only renditions are looked up; the upload's own key is never a candidate.
  const sized = row.derivatives.map((d) => ({ ...d, original: d.original === true }));
  let chosen: (typeof sized)[number] | undefined;
  if (parsed.original) {
    chosen = sized.find((d) => d.original && d.format === parsed.format);
  } else {
    chosen = sized.find((d) => !d.original && d.width === parsed.width && mediaFileName(d) === fileName);
    // A standard width the image is too narrow for serves its widest derivative.
    if (!chosen && (mediaWidths as readonly number[]).includes(parsed.width)) {
      chosen = pickMediaDerivative(sized, parsed.width);
    }
  }
  if (!chosen || chosen.storageKey === row.originalKey)
    throw new AppError('not_found', `No file ${fileName}`);
  const bytes = await store.read(chosen.storageKey);
  return {
    bytes,
    contentType: `image/${chosen.format}`,
    etag: `"${chosen.storageKey.split('/').pop()}"`,
  };
}

/**
 * A library image rendered as the college's icon: square PNGs at the sizes browsers ask for, made
 * from the image's clean original (never the upload itself) and kept in the file store.
 */
export async function renderMediaIcons(
  scope: TenantScope,
  store: FileStore,
  id: string,
): Promise<{ size: number; storageKey: string }[]> {
  const row = await findMedia(scope, id);
  const original = row.derivatives.find((d) => d.original) ?? row.derivatives.at(-1);
  if (!original) throw new AppError('not_found', `Media ${id} has no rendition`);
  const icons = await renderSiteIcons(await store.read(original.storageKey));
  const saved: { size: number; storageKey: string }[] = [];
  for (const icon of icons) {
    const { storageKey } = await store.save('icons', scope.tenantId, icon.bytes);
    saved.push({ size: icon.size, storageKey });
  }
  return saved;
}

/**
 * A library image as a page header shows it: its id, the 320 px rendition's address and size. An
 * image removed from the library since is still found: the site that shows it keeps doing so.
 */
export async function mediaThumbnail(
  scope: TenantScope,
  id: string,
): Promise<{ id: string; url: string; width: number; height: number }> {
  const row = await scope.first(media, eq(media.id, id));
  if (!row) throw new AppError('not_found', `Media ${id} not found`);
  const output = toMediaOutput(row);
  const small =
    output.derivatives.find((d) => !d.original && d.width === 320) ??
    output.derivatives.find((d) => !d.original) ??
    output.derivatives[0];
  if (!small) throw new AppError('not_found', `Media ${id} has no rendition`);
  return { id, url: small.url, width: small.width, height: small.height };
}
