import { pipeline, Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { brotliCompressSync, constants, createBrotliCompress, createGzip, gzipSync } from 'node:zlib';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './context.ts';

/** The encodings Concord sends, best first. */
export type Encoding = 'br' | 'gzip';

/** Bodies smaller than this go as they are: the headers would cost more than the saving. */
export const minimumCompressedSize = 1024;

/**
 * The encoding to answer an Accept-Encoding header with: brotli when accepted, else gzip, else none.
 * A q-value of 0 refuses an encoding; `*` accepts both.
 */
export function chooseEncoding(acceptEncoding: string | null | undefined): Encoding | null {
  if (!acceptEncoding) return null;
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [name = '', ...params] = part.trim().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set(name.trim(), q ? Number(q.slice(2)) || 0 : 1);
  }
  const weight = (name: Encoding) => accepted.get(name) ?? accepted.get('*') ?? 0;
  if (weight('br') > 0 && weight('br') >= weight('gzip')) return 'br';
  if (weight('gzip') > 0) return 'gzip';
  return null;
}

/** Whether a content type is text worth compressing (images, fonts, archives and xlsx already are). */
export function compressible(contentType: string | null | undefined): boolean {
  if (!contentType) return false;
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  return (
    type.startsWith('text/') ||
    type === 'application/json' ||
    type === 'application/javascript' ||
    type === 'image/svg+xml' ||
    type === 'application/manifest+json' ||
    /^application\/[a-z.+-]*(xml|json)$/.test(type)
  );
}

/**
 * Compresses bytes once, as hard as the encoding goes: for bodies kept and sent many times (cached
 * public pages, the built admin's assets).
 */
export function compressOnce(body: Uint8Array, encoding: Encoding): Buffer {
  return encoding === 'br'
    ? brotliCompressSync(body, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: 11,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength,
        },
      })
    : gzipSync(body, { level: 9 });
}

/** A compressing stream for a body made per request: fast settings, streamed as it is written. */
function compressingStream(encoding: Encoding) {
  return encoding === 'br'
    ? createBrotliCompress({
        params: {
          [constants.BROTLI_PARAM_QUALITY]: 4,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        },
      })
    : createGzip({ level: 6 });
}

/** Adds Accept-Encoding to a response's Vary header, keeping what is there. */
export function varyOnEncoding(headers: Headers): void {
  const vary = headers.get('vary');
  if (!vary) headers.set('vary', 'Accept-Encoding');
  else if (!/accept-encoding|\*/i.test(vary)) headers.set('vary', `${vary}, Accept-Encoding`);
}

/** An ETag of the compressed representation: the plain one with the encoding, still matched by `etagMatches`. */
export function encodedEtag(etag: string, encoding: Encoding): string {
  return etag.endsWith('"') ? `${etag.slice(0, -1)}-${encoding}"` : etag;
}

/**
 * The outermost middleware: answers that are text, not already encoded and not tiny are compressed
 * with the best encoding the client accepts, streamed (exports are written as they are read).
 * Responses that others already compressed (cached pages, precompressed assets) pass as they are.
 */
export function compression(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const res = c.res;
    const encoding = chooseEncoding(c.req.header('accept-encoding'));
    if (!res.body || res.status === 204 || res.status === 304 || c.req.method === 'HEAD') return;
    if (res.headers.has('content-encoding') || !compressible(res.headers.get('content-type'))) return;
    const length = Number(res.headers.get('content-length') ?? Number.NaN);
    if (length < minimumCompressedSize) return;
    // Without a length, read until the body proves big enough (or ends small: then it goes plain).
    const reader = res.body.getReader();
    const head: Uint8Array[] = [];
    let read = 0;
    let done = false;
    while (!done && read < minimumCompressedSize) {
      const chunk = await reader.read();
      done = chunk.done;
      if (chunk.value) {
        head.push(chunk.value);
        read += chunk.value.byteLength;
      }
    }
    const rest = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of head) controller.enqueue(chunk);
        if (done) controller.close();
      },
      async pull(controller) {
        const chunk = await reader.read();
        if (chunk.done) controller.close();
        else controller.enqueue(chunk.value);
      },
      cancel: (reason) => reader.cancel(reason),
    });
    if (done && read < minimumCompressedSize) {
      c.res = undefined;
      c.res = new Response(rest, { status: res.status, headers: res.headers });
      return;
    }
    // A representation that depends on Accept-Encoding says so, even when this client gets it plain.
    const headers = new Headers(res.headers);
    varyOnEncoding(headers);
    if (!encoding) {
      c.res = undefined;
      c.res = new Response(rest, { status: res.status, headers });
      return;
    }
    headers.set('content-encoding', encoding);
    headers.delete('content-length');
    const etag = headers.get('etag');
    if (etag) headers.set('etag', encodedEtag(etag, encoding));
    const source = Readable.fromWeb(rest as unknown as NodeReadableStream<Uint8Array>);
    // A failing source (a broken export) ends the compressed stream too, instead of leaving it open.
    const compressed = pipeline(source, compressingStream(encoding), () => undefined);
    const body = Readable.toWeb(compressed) as unknown as ReadableStream;
    c.res = undefined;
    c.res = new Response(body, { status: res.status, headers });
  };
}
