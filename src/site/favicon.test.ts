import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTenant, createTestApp, type TestApp, TestClient } from '../../test/test-app.ts';

let t: TestApp;
let visitor: TestClient;
beforeAll(async () => {
  t = await createTestApp();
  visitor = new TestClient(t, (await buildTenant(t)).host);
});
afterAll(() => t.close());

describe('favicon', () => {
  it('answers /favicon.ico with a 32 × 32 icon whose directory and bitmap agree', async () => {
    const res = await visitor.get('/favicon.ico');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/x-icon');
    const ico = Buffer.from(await res.arrayBuffer());
    expect(ico.readUInt16LE(0)).toBe(0);
    expect(ico.readUInt16LE(2)).toBe(1);
    expect(ico.readUInt16LE(4)).toBe(1);
    expect([ico[6], ico[7]]).toEqual([32, 32]);
    const bytes = ico.readUInt32LE(14);
    const offset = ico.readUInt32LE(18);
    expect(offset + bytes).toBe(ico.length);
    expect(ico.readUInt32LE(offset)).toBe(40);
    expect(ico.readInt32LE(offset + 4)).toBe(32);
    expect(ico.readInt32LE(offset + 8)).toBe(64);
    expect(ico.readUInt16LE(offset + 14)).toBe(32);
    // Corners are transparent (a rounded square); the middle of the left stroke is white and opaque.
    const pixel = (x: number, y: number) => offset + 40 + ((31 - y) * 32 + x) * 4;
    expect(ico[pixel(0, 0) + 3]).toBe(0);
    expect([...ico.subarray(pixel(8, 16), pixel(8, 16) + 4)]).toEqual([255, 255, 255, 255]);
  });

  it('names its SVG icon from every public page and serves it', async () => {
    const html = await (await visitor.get('/zh/')).text();
    expect(html).toContain('<link rel="icon" href="/favicon.svg" type="image/svg+xml"');
    const svg = await visitor.get('/favicon.svg');
    expect(svg.headers.get('content-type')).toBe('image/svg+xml');
    expect(await svg.text()).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  });
});
