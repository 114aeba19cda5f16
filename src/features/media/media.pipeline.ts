import type { Metadata, OutputInfo } from 'sharp';
import { AppError } from '../../platform/errors.ts';
import { detectFileType } from '../../platform/file-type.ts';
import { mediaMaxBytes, mediaMaxPixels, mediaOriginalMaxSide, mediaWidths } from './media.schema.ts';
import { loadSharp } from './sharp-loader.ts';

/** One rendition made from an upload, before it is stored. */
export interface RenderedDerivative {
  width: number;
  height: number;
  format: 'webp' | 'jpeg';
  original: boolean;
  bytes: Buffer;
}

/** An upload that passed inspection: its type by content and its pixel size after auto-orientation. */
export interface InspectedImage {
  contentType: string;
  width: number;
  height: number;
}

// What sharp must find inside each accepted type: the bytes' signature and libvips' own reading agree.
const expectedFormat: Record<string, (m: Metadata) => boolean> = {
  'image/jpeg': (m) => m.format === 'jpeg',
  'image/png': (m) => m.format === 'png',
  'image/webp': (m) => m.format === 'webp',
  // AVIF is HEIF with AV1 inside; HEIC (HEVC inside) is not accepted.
  'image/avif': (m) => m.format === 'heif' && m.compression === 'av1',
};

const derivativeQuality = 80;
const originalQuality = 86;

/**
 * Checks an upload before anything decodes it: at most `mediaMaxBytes`, a JPEG, PNG, WebP or AVIF
 * by its content (never by name or claimed type), confirmed by the decoder's reading of the header,
 * and at most `mediaMaxPixels` (a tiny file can declare a huge picture).
 */
export async function inspectImageUpload(bytes: Uint8Array): Promise<InspectedImage> {
  const sharp = await loadSharp();
  if (bytes.byteLength > mediaMaxBytes) throw new AppError('image_too_large');
  const type = detectFileType(bytes);
  const agrees = type ? expectedFormat[type] : undefined;
  if (!type || !agrees)
    throw new AppError('image_type_unsupported', `Refused content type ${type ?? 'unknown'}`);
  let metadata: Metadata;
  try {
    // Reads the header only; the pixel cap is checked below with Concord's own limit.
    metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw new AppError('image_unreadable');
  }
  if (!agrees(metadata)) throw new AppError('image_type_unsupported', `Decoder found ${metadata.format}`);
  const pixels = (metadata.width ?? 0) * (metadata.height ?? 0);
  if (pixels === 0) throw new AppError('image_unreadable');
  if (pixels > mediaMaxPixels) throw new AppError('image_too_many_pixels', `${pixels} pixels`);
  return {
    contentType: type,
    width: metadata.autoOrient?.width ?? metadata.width ?? 0,
    height: metadata.autoOrient?.height ?? metadata.height ?? 0,
  };
}

function decodeProblem(err: unknown): AppError {
  const message = err instanceof Error ? err.message : String(err);
  return /pixel limit/i.test(message)
    ? new AppError('image_too_many_pixels')
    : new AppError('image_unreadable', message.slice(0, 200));
}

/** Tells whether every pixel of interleaved RGBA data is fully opaque. */
function isOpaque(data: Buffer, channels: number): boolean {
  for (let i = channels - 1; i < data.length; i += channels) if (data[i] !== 255) return false;
  return true;
}

/**
 * Renders what the public may see of an inspected upload: decoded once (auto-oriented from EXIF,
 * converted to sRGB, capped to `mediaOriginalMaxSide`), then encoded afresh from bare pixels, so no
 * EXIF, GPS, XMP, ICC or anything appended to the file can reach a served byte. Gives WebP at each
 * of `mediaWidths` up to the image's width and one clean "original" (JPEG, or WebP with transparency).
 */
export async function renderImage(bytes: Uint8Array): Promise<RenderedDerivative[]> {
  const sharp = await loadSharp();
  let base: { data: Buffer; info: OutputInfo };
  try {
    base = await sharp(bytes, { limitInputPixels: mediaMaxPixels, failOn: 'error' })
      .rotate()
      .resize({
        width: mediaOriginalMaxSide,
        height: mediaOriginalMaxSide,
        fit: 'inside',
        withoutEnlargement: true,
      })
      .toColourspace('srgb')
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
  } catch (err) {
    throw decodeProblem(err);
  }
  let { data } = base;
  let channels = base.info.channels;
  const { width, height } = base.info;
  if (channels === 4 && isOpaque(data, channels)) {
    data = await sharp(data, { raw: { width, height, channels } }).removeAlpha().raw().toBuffer();
    channels = 3;
  }
  const pixels = () => sharp(data, { raw: { width, height, channels: channels as 3 | 4 } });

  const derivatives: RenderedDerivative[] = [];
  // Never wider than the image; a very narrow image gets one derivative at its own width.
  const widths: number[] = mediaWidths.filter((w) => w <= width);
  if (widths.length === 0) widths.push(width);
  for (const w of widths) {
    const out = await pixels()
      .resize({ width: w })
      .webp({ quality: derivativeQuality })
      .toBuffer({ resolveWithObject: true });
    derivatives.push({
      width: out.info.width,
      height: out.info.height,
      format: 'webp',
      original: false,
      bytes: out.data,
    });
  }
  const original =
    channels === 4
      ? await pixels().webp({ quality: originalQuality }).toBuffer()
      : await pixels().jpeg({ quality: originalQuality }).toBuffer();
  derivatives.push({
    width,
    height,
    format: channels === 4 ? 'webp' : 'jpeg',
    original: true,
    bytes: original,
  });
  return derivatives;
}

/** The sizes a site icon is rendered at: favicon, home-screen icon (iOS), app icons. */
export const iconSizes = [32, 180, 192, 512] as const;

/**
 * A college's icon from an image of its library: square PNGs at `iconSizes`, the picture fitted
 * inside on a transparent ground (a wide logo is not cropped), encoded afresh from pixels.
 */
export async function renderIcons(bytes: Uint8Array): Promise<{ size: number; bytes: Buffer }[]> {
  const sharp = await loadSharp();
  const out: { size: number; bytes: Buffer }[] = [];
  try {
    for (const size of iconSizes) {
      const png = await sharp(bytes, { limitInputPixels: mediaMaxPixels, failOn: 'error' })
        .rotate()
        .toColourspace('srgb')
        .resize({ width: size, height: size, fit: 'contain', background: { r: 0, g: 0, b: 0, alpha: 0 } })
        .png({ compressionLevel: 9 })
        .toBuffer();
      out.push({ size, bytes: png });
    }
  } catch (err) {
    throw decodeProblem(err);
  }
  return out;
}
