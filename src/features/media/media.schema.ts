import { z } from 'zod';
import { defineOperation } from '../../platform/api-operation.ts';
import { listResultSchema } from '../../platform/list-query.ts';

/*
 * Public URLs of the media library (no login; the college comes from the host name):
 *
 *   /media/<id>/<width>.webp        a derivative at one of `mediaWidths` (auto-oriented, no metadata).
 *                                   Asking for a standard width wider than the image serves the
 *                                   largest derivative there is, so `/media/<id>/960.webp` always works.
 *   /media/<id>/original.jpg        the clean, size-capped "original" (longest side ≤ 2560 px);
 *   /media/<id>/original.webp       `.webp` when the image has transparency, `.jpg` otherwise.
 *   /zh/media/<id>, /en/media/<id>  the "view original image" page in that language.
 *
 * Article bodies reference images as `<img src="/media/<id>/<width>.webp">`; `parseMediaUrl` tells
 * whether a URL is one of these. The upload itself is private and has no URL.
 */

/** The widths (px) of the WebP derivatives, never wider than the upload. */
export const mediaWidths = [320, 640, 960, 1280, 1920] as const;
/** The width of the derivative an editor inserts by default and pickers show. */
export const mediaDefaultWidth = 960;
/** The longest side (px) of the clean "original". */
export const mediaOriginalMaxSide = 2560;
/** The largest upload accepted, in bytes (the API body limit for uploads is a little higher). */
export const mediaMaxBytes = 20 * 1024 * 1024;
/** Concord's own pixel cap: larger images (or decompression bombs claiming to be) are refused. */
export const mediaMaxPixels = 40_000_000;
/** What may be uploaded, recognised by content: JPEG, PNG, WebP and AVIF. */
export const mediaAcceptedTypes = ['image/jpeg', 'image/png', 'image/webp', 'image/avif'] as const;

export const mediaSortSchema = z.enum([
  'createdAt',
  '-createdAt',
  'fileName',
  '-fileName',
  'byteSize',
  '-byteSize',
]);

export const mediaListQuerySchema = z.object({
  /** Matches the file name, alt texts and captions. */
  q: z.string().trim().max(200).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(24),
  sort: mediaSortSchema.optional(),
});
export type MediaListQuery = z.input<typeof mediaListQuerySchema>;

const describedFields = {
  altZh: z.string().trim().max(300),
  altEn: z.string().trim().max(300),
  captionZh: z.string().trim().max(1000),
  captionEn: z.string().trim().max(1000),
  credit: z.string().trim().max(200),
};

/** The words around an image: alt texts and captions in both languages, and the credit. */
export const updateMediaInputSchema = z.object({
  altZh: describedFields.altZh.optional(),
  altEn: describedFields.altEn.optional(),
  captionZh: describedFields.captionZh.optional(),
  captionEn: describedFields.captionEn.optional(),
  credit: describedFields.credit.optional(),
  version: z.number().int().min(1),
});
export type UpdateMediaInput = z.input<typeof updateMediaInputSchema>;

/** The words an upload may carry from the start (multipart fields beside `file`, or the demo loader). */
export const mediaDescriptionSchema = z.object({
  altZh: describedFields.altZh.default(''),
  altEn: describedFields.altEn.default(''),
  captionZh: describedFields.captionZh.default(''),
  captionEn: describedFields.captionEn.default(''),
  credit: describedFields.credit.default(''),
});
export type MediaDescription = z.input<typeof mediaDescriptionSchema>;

export const mediaVersionInputSchema = z.object({ version: z.coerce.number().int().min(1) });

export const mediaDerivativeOutputSchema = z.object({
  width: z.number().int(),
  height: z.number().int(),
  format: z.enum(['webp', 'jpeg', 'png']),
  byteSize: z.number().int(),
  /** The size-capped clean "original". */
  original: z.boolean(),
  /** Its public URL, e.g. `/media/<id>/640.webp`. */
  url: z.string(),
});
export type MediaDerivativeOutput = z.infer<typeof mediaDerivativeOutputSchema>;

export const mediaOutputSchema = z.object({
  id: z.uuid(),
  fileName: z.string(),
  /** The type of the upload, as recognised from its content. */
  contentType: z.string(),
  /** The size of the upload in bytes. */
  byteSize: z.number().int(),
  /** Pixel size after auto-orientation. */
  width: z.number().int(),
  height: z.number().int(),
  altZh: z.string(),
  altEn: z.string(),
  captionZh: z.string(),
  captionEn: z.string(),
  credit: z.string(),
  /** The URL of the 960 px derivative (or the largest there is, for a narrower image). */
  url: z.string(),
  /** The URL of the clean "original". */
  originalUrl: z.string(),
  /** The "view original image" pages. */
  pageUrls: z.object({ 'zh-CN': z.string(), en: z.string() }),
  derivatives: z.array(mediaDerivativeOutputSchema),
  uploadedBy: z.string().nullable(),
  /** Set when the image was removed from the library; pages that already show it keep doing so. */
  deletedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type MediaOutput = z.infer<typeof mediaOutputSchema>;

type Locale = 'zh-CN' | 'en';
type DerivativeName = { width: number; format: string; original?: boolean | undefined };

/** The public file name of a derivative: `640.webp`, `original.jpg`, `original.webp`. */
export function mediaFileName(d: DerivativeName): string {
  const ext = d.format === 'jpeg' ? 'jpg' : d.format;
  return `${d.original ? 'original' : d.width}.${ext}`;
}

/** The public URL of one file of an image. */
export function mediaFileUrl(id: string, d: DerivativeName): string {
  return `/media/${id}/${mediaFileName(d)}`;
}

/**
 * The public "view original image" page of an image in a language; `from` is the page showing
 * the image (an article), which the image page links back to.
 */
export function mediaPageUrl(id: string, locale: Locale, from?: string): string {
  const url = `/${locale === 'en' ? 'en' : 'zh'}/media/${id}`;
  return from ? `${url}?from=${encodeURIComponent(from)}` : url;
}

/**
 * A `from` address an image page may link back to: a path of the public site in the page's own
 * language (`/zh/news/…`), nothing else (no other host, no scheme, no `..`), or undefined.
 */
export function mediaBackPath(from: string | undefined, locale: Locale): string | undefined {
  if (!from || from.length > 300) return undefined;
  const prefix = `/${locale === 'en' ? 'en' : 'zh'}/`;
  if (!from.startsWith(prefix) || from.includes('//') || from.includes('..')) return undefined;
  return /^[\p{L}\p{N}/._~-]+$/u.test(from) ? from : undefined;
}

const mediaUrlPattern =
  /^\/media\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/((\d{1,4})\.webp|original\.(jpg|webp))$/;

/** Reads a media file URL (`/media/<id>/<width>.webp`, `/media/<id>/original.jpg|webp`), or null. */
export function parseMediaUrl(
  url: string,
):
  | { id: string; width: number; original: false }
  | { id: string; original: true; format: 'jpeg' | 'webp' }
  | null {
  const m = mediaUrlPattern.exec(url);
  if (!m) return null;
  const id = m[1]!;
  if (m[3]) return { id, width: Number(m[3]), original: false };
  return { id, original: true, format: m[4] === 'jpg' ? 'jpeg' : 'webp' };
}

/** The served derivative for a requested width: the widest not wider than asked, else the narrowest. */
export function pickMediaDerivative<D extends { width: number; original: boolean }>(
  derivatives: readonly D[],
  width: number,
): D | undefined {
  const sized = derivatives.filter((d) => !d.original).sort((a, b) => a.width - b.width);
  return sized.filter((d) => d.width <= width).pop() ?? sized[0];
}

/** An image's alt text in a language; the other language's (marked with `lang`) when it has none. */
export function mediaAltText(
  media: Pick<MediaOutput, 'altZh' | 'altEn'>,
  locale: Locale,
): { alt: string; lang?: Locale } {
  const own = locale === 'en' ? media.altEn : media.altZh;
  if (own) return { alt: own };
  const other: Locale = locale === 'en' ? 'zh-CN' : 'en';
  const fallback = other === 'en' ? media.altEn : media.altZh;
  return fallback ? { alt: fallback, lang: other } : { alt: '' };
}

/** An image's caption in a language (empty when it has none in that language). */
export function mediaCaption(media: Pick<MediaOutput, 'captionZh' | 'captionEn'>, locale: Locale): string {
  return locale === 'en' ? media.captionEn : media.captionZh;
}

/** The attributes of a responsive `<img>`; spread them onto the element. */
export interface MediaImageAttributes {
  src: string;
  srcset: string;
  sizes: string;
  width: number;
  height: number;
  alt: string;
  /** The language of the alt text, when it had to come from the other language. */
  lang?: Locale;
}

/**
 * The `<img>` attributes for an image in a language: `src` at `width` (960 by default), a `srcset`
 * of every derivative, `sizes` (the whole viewport unless told), the pixel size of `src` (so the
 * browser reserves the space) and the alt text.
 */
export function mediaImageAttributes(
  media: Pick<MediaOutput, 'id' | 'altZh' | 'altEn' | 'derivatives'>,
  options: { locale: Locale; sizes?: string; width?: number },
): MediaImageAttributes {
  const sized = media.derivatives.filter((d) => !d.original).sort((a, b) => a.width - b.width);
  const src = pickMediaDerivative(sized, options.width ?? mediaDefaultWidth);
  const fallback = media.derivatives.find((d) => d.original);
  const chosen = src ?? fallback;
  return {
    src: chosen ? mediaFileUrl(media.id, chosen) : '',
    srcset: sized.map((d) => `${mediaFileUrl(media.id, d)} ${d.width}w`).join(', '),
    sizes: options.sizes ?? '100vw',
    width: chosen?.width ?? 0,
    height: chosen?.height ?? 0,
    ...mediaAltText(media, options.locale),
  };
}

// ---------------------------------------------------------------- operations

const base = '/api/media';

/** The media library: images uploaded once, described, and shown on pages. */
export const mediaOperations = {
  list: defineOperation({
    basePath: base,
    method: 'GET',
    path: '/',
    access: 'news.read',
    summary: 'List the media library (q searches file names, alt texts and captions)',
    query: mediaListQuerySchema,
    response: listResultSchema(mediaOutputSchema),
  }),
  /** A multipart upload: the admin sends it with `sendWithProgress`, not the typed client. */
  upload: defineOperation({
    basePath: base,
    method: 'POST',
    path: '/files',
    access: 'media.write',
    summary:
      'Upload an image (multipart field `file`: JPEG, PNG, WebP or AVIF by content, at most 20 MB and 40 megapixels; optional fields altZh, altEn, captionZh, captionEn, credit). 201 when new, 200 with the existing image when the same file was uploaded before',
    response: mediaOutputSchema,
  }),
  get: defineOperation({
    basePath: base,
    method: 'GET',
    path: '/:id',
    access: 'news.read',
    summary: 'Read an image of the library',
    response: mediaOutputSchema,
  }),
  update: defineOperation({
    basePath: base,
    method: 'PATCH',
    path: '/:id',
    access: 'media.write',
    summary: 'Change the alt texts, captions or credit of an image',
    body: updateMediaInputSchema,
    response: mediaOutputSchema,
  }),
  remove: defineOperation({
    basePath: base,
    method: 'DELETE',
    path: '/:id',
    access: 'media.write',
    summary: 'Remove an image from the library (soft; ?version= required; pages showing it keep it)',
    query: mediaVersionInputSchema,
  }),
};
