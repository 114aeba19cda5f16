import { Hono } from 'hono';
import type { AppEnv } from '../../platform/context.ts';
import { FileStore } from '../../platform/file-store.ts';
import { iconUrlOf } from './settings.service.ts';

/**
 * An .ico file holding one PNG image (allowed since Windows Vista and read by every browser):
 * the 6-byte header, one 16-byte directory entry, then the PNG as it is.
 */
export function pngToIco(png: Uint8Array, size: number): Buffer {
  const header = Buffer.alloc(22);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(1, 4); // one image
  header.writeUInt8(size >= 256 ? 0 : size, 6);
  header.writeUInt8(size >= 256 ? 0 : size, 7);
  header.writeUInt8(0, 8); // no palette
  header.writeUInt8(0, 9);
  header.writeUInt16LE(1, 10); // colour planes
  header.writeUInt16LE(32, 12); // bits per pixel
  header.writeUInt32LE(png.byteLength, 14);
  header.writeUInt32LE(22, 18); // the image follows the directory
  return Buffer.concat([header, png]);
}

/**
 * The college's own icons, when it chose one on its settings page: `/favicon.ico` and the PNGs
 * browsers and phones ask for. A college without one falls through to the built-in icon.
 */
export function createSettingsPages(): Hono<AppEnv> {
  const pages = new Hono<AppEnv>();
  for (const size of [32, 180, 192, 512]) {
    pages.get(iconUrlOf(size), async (c, next) => {
      const icon = c.var.tenant.settings?.icons.find((i) => i.size === size);
      if (!icon) return next();
      const png = await new FileStore(c.var.services.config.DATA_DIR).read(icon.storageKey);
      const ico = size === 32;
      c.header('Cache-Control', 'public, max-age=86400');
      c.header('ETag', `"${icon.storageKey.split('/').pop()?.slice(0, 32)}${ico ? '-ico' : ''}"`);
      return c.body(new Uint8Array(ico ? pngToIco(png, size) : png), 200, {
        'Content-Type': ico ? 'image/x-icon' : 'image/png',
        'X-Content-Type-Options': 'nosniff',
      });
    });
  }
  return pages;
}
