/**
 * Concord's icon: an open ring (a "C") in white on the brand's navy, as SVG for browsers that take
 * it and as a 32 × 32 .ico drawn here pixel by pixel, so /favicon.ico needs no image library.
 */
const navy = [0x0b, 0x2e, 0x4f] as const;

export const faviconSvg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#0b2e4f"/><path d="M22.4 10.6a8 8 0 1 0 0 10.8" fill="none" stroke="#fff" stroke-width="3.6" stroke-linecap="round"/></svg>`;

/** Coverage (0–1) of the ring and of the rounded square at a point, for 4 × 4 samples per pixel. */
function shade(x: number, y: number): { square: number; ring: number } {
  let square = 0;
  let ring = 0;
  for (let i = 0; i < 4; i++)
    for (let j = 0; j < 4; j++) {
      const px = x + (i + 0.5) / 4;
      const py = y + (j + 0.5) / 4;
      const cx = Math.min(Math.max(px, 7), 25);
      const cy = Math.min(Math.max(py, 7), 25);
      if ((px - cx) ** 2 + (py - cy) ** 2 <= 49) square++;
      const r = Math.hypot(px - 16, py - 16);
      const angle = Math.atan2(py - 16, px - 16);
      // The ring is open on the right, between −42° and 42°.
      if (Math.abs(r - 8) <= 1.8 && Math.abs(angle) >= (42 * Math.PI) / 180) ring++;
    }
  return { square: square / 16, ring: ring / 16 };
}

let ico: Buffer | undefined;

/** The .ico file: one 32 × 32 image of 32-bit pixels with its transparency. */
export function faviconIco(): Buffer {
  if (ico) return ico;
  const size = 32;
  const header = Buffer.alloc(6 + 16 + 40);
  header.writeUInt16LE(1, 2); // an icon
  header.writeUInt16LE(1, 4); // one image
  const pixels = Buffer.alloc(size * size * 4);
  const mask = Buffer.alloc((size * size) / 8);
  header.writeUInt8(size, 6);
  header.writeUInt8(size, 7);
  header.writeUInt16LE(1, 10); // planes
  header.writeUInt16LE(32, 12); // bits per pixel
  header.writeUInt32LE(40 + pixels.length + mask.length, 14);
  header.writeUInt32LE(22, 18);
  header.writeUInt32LE(40, 22);
  header.writeInt32LE(size, 26);
  header.writeInt32LE(size * 2, 30); // the image and its mask
  header.writeUInt16LE(1, 34);
  header.writeUInt16LE(32, 36);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const { square, ring } = shade(x, y);
      const at = ((size - 1 - y) * size + x) * 4; // rows bottom up, BGRA
      const channel = (k: number) => Math.round(navy[k]! * (1 - ring) + 255 * ring);
      pixels[at] = channel(2);
      pixels[at + 1] = channel(1);
      pixels[at + 2] = channel(0);
      pixels[at + 3] = Math.round(255 * square);
    }
  ico = Buffer.concat([header, pixels, mask]);
  return ico;
}
