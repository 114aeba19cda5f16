import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './context.ts';
import { type CachedPage, etagMatches, etagOf, type PageCache, pageKey } from './page-cache.ts';

// Headers that belong to one response, never to a replay.
const unreplayable = new Set(['date', 'x-request-id', 'set-cookie', 'content-length', 'etag', 'connection']);

function cacheable(method: string, path: string): boolean {
  return (method === 'GET' || method === 'HEAD') && !path.startsWith('/api/') && !path.startsWith('/admin');
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
  res.writeHead(page.status, { ...page.headers, etag: page.etag, 'content-length': page.body.length });
  res.end(req.method === 'HEAD' ? undefined : page.body);
  return true;
}

function replay(page: CachedPage, method: string, ifNoneMatch: string | undefined): Response {
  if (etagMatches(ifNoneMatch, page.etag)) {
    return new Response(null, {
      status: 304,
      headers: { etag: page.etag, 'cache-control': page.headers['cache-control'] ?? 'no-cache' },
    });
  }
  const headers = { ...page.headers, etag: page.etag };
  return new Response(method === 'HEAD' ? null : new Uint8Array(page.body), { status: page.status, headers });
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
      c.res = replay(hit, method, c.req.header('if-none-match'));
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
      ? replay(page, method, page.etag)
      : new Response(method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers: fresh });
  };
}
