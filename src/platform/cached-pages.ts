import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MiddlewareHandler } from 'hono';
import {
  chooseEncoding,
  compressible,
  compressOnce,
  type Encoding,
  encodedEtag,
  minimumCompressedSize,
} from './compression.ts';
import type { AppEnv } from './context.ts';
import { type CachedPage, etagMatches, etagOf, type PageCache, pageKey } from './page-cache.ts';

// Headers that belong to one response, never to a replay.
const unreplayable = new Set(['date', 'x-request-id', 'set-cookie', 'content-length', 'etag', 'connection']);

function cacheable(method: string, path: string): boolean {
  return (method === 'GET' || method === 'HEAD') && !path.startsWith('/api/') && !path.startsWith('/admin');
}

/**
 * The bytes and headers to send of a cached page for a client's Accept-Encoding: a compressed copy
 * (made once, on the first request that accepts that encoding, and kept beside the plain one) or the
 * plain bytes.
 */
function representation(
  page: CachedPage,
  acceptEncoding: string | null | undefined,
): { body: Buffer; headers: Record<string, string> } {
  const worth = page.body.length >= minimumCompressedSize && compressible(page.headers['content-type']);
  if (!worth) return { body: page.body, headers: { ...page.headers, etag: page.etag } };
  const vary = page.headers.vary ? `${page.headers.vary}, Accept-Encoding` : 'Accept-Encoding';
  const encoding: Encoding | null = chooseEncoding(acceptEncoding);
  if (!encoding) return { body: page.body, headers: { ...page.headers, vary, etag: page.etag } };
  page.encoded ??= {};
  page.encoded[encoding] ??= compressOnce(page.body, encoding);
  return {
    body: page.encoded[encoding],
    headers: { ...page.headers, vary, 'content-encoding': encoding, etag: encodedEtag(page.etag, encoding) },
  };
}

/**
 * Answers a GET or HEAD for a cached public page straight from the Node request listener, before
 * the web framework builds a request object: the cache's bytes and headers as they were rendered.
 * Returns false when the request is not for a cached page, so the app answers it.
 */
export function serveCachedPage(cache: PageCache, req: IncomingMessage, res: ServerResponse): boolean {
  const url = req.url;
  if (!url || !cacheable(req.method ?? '', url)) return false;
  const page = cache.get(pageKey(req.headers.host, url));
  if (!page) return false;
  if (etagMatches(req.headers['if-none-match'], page.etag)) {
    res.writeHead(304, { etag: page.etag, 'cache-control': page.headers['cache-control'] ?? 'no-cache' });
    res.end();
    return true;
  }
  const { body, headers } = representation(page, req.headers['accept-encoding']);
  res.writeHead(page.status, { ...headers, 'content-length': body.length });
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}

function replay(
  page: CachedPage,
  method: string,
  ifNoneMatch: string | undefined,
  acceptEncoding: string | undefined,
): Response {
  if (etagMatches(ifNoneMatch, page.etag)) {
    return new Response(null, {
      status: 304,
      headers: { etag: page.etag, 'cache-control': page.headers['cache-control'] ?? 'no-cache' },
    });
  }
  const { body, headers } = representation(page, acceptEncoding);
  return new Response(method === 'HEAD' ? null : new Uint8Array(body), { status: page.status, headers });
}

/**
 * The outermost middleware of the app: answers cached public pages, and keeps a rendered page when
 * its route tagged it (`c.set('pageTags', [...])`), with the headers every other middleware added.
 * Every page it answers carries an ETag and honours If-None-Match.
 */
export function cachedPages(cache: PageCache): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const method = c.req.method;
    if (!cacheable(method, c.req.path)) return next();
    const url = new URL(c.req.url);
    const key = pageKey(c.req.header('host'), `${url.pathname}${url.search}`);
    const hit = cache.get(key);
    if (hit) {
      c.res = replay(hit, method, c.req.header('if-none-match'), c.req.header('accept-encoding'));
      return;
    }
    const generation = cache.currentGeneration();
    await next();
    const tags = c.get('pageTags');
    const res = c.res;
    if (!tags || res.status !== 200 || res.headers.has('set-cookie')) return;
    const body = Buffer.from(await res.arrayBuffer());
    const headers: Record<string, string> = {};
    res.headers.forEach((value, name) => {
      if (!unreplayable.has(name)) headers[name] = value;
    });
    const page: CachedPage = {
      status: 200,
      body,
      headers,
      etag: etagOf(body),
      tags,
      expiresAt: Date.now() + (c.get('pageTtlMs') ?? 10 * 60_000),
    };
    cache.set(key, page, generation);
    const fresh = new Headers(res.headers);
    fresh.set('etag', page.etag);
    c.res = undefined;
    c.res = etagMatches(c.req.header('if-none-match'), page.etag)
      ? replay(page, method, page.etag, undefined)
      : new Response(method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers: fresh });
  };
}
