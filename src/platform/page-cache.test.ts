import { describe, expect, it } from 'vitest';
import { etagMatches, etagOf, PageCache, pageKey } from './page-cache.ts';

function page(body: string, tags: string[], ttlMs = 60_000) {
  const bytes = Buffer.from(body);
  return {
    status: 200,
    body: bytes,
    headers: { 'content-type': 'text/html; charset=UTF-8' },
    etag: etagOf(bytes),
    tags,
    expiresAt: Date.now() + ttlMs,
  };
}

describe('page cache', () => {
  it('drops exactly the pages that carry an invalidated tag', async () => {
    const cache = new PageCache();
    cache.set('a', page('A', ['article:1', 'listing:t:en']), cache.currentGeneration());
    cache.set('b', page('B', ['article:2']), cache.currentGeneration());
    cache.set('c', page('C', ['listing:t:zh-CN']), cache.currentGeneration());
    await cache.invalidate(['article:1']);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')?.body.toString()).toBe('B');
    expect(cache.get('c')?.body.toString()).toBe('C');
  });

  it('never keeps a page rendered before an invalidation that happened during its render', async () => {
    const cache = new PageCache();
    const generation = cache.currentGeneration();
    await cache.invalidate(['article:1']);
    cache.set('a', page('stale', ['article:1']), generation);
    expect(cache.get('a')).toBeUndefined();
  });

  it('forgets the least recently used pages beyond its byte budget', () => {
    const cache = new PageCache({ maxBytes: 10 });
    cache.set('a', page('aaaa', ['x']), 0);
    cache.set('b', page('bbbb', ['x']), 0);
    cache.get('a');
    cache.set('c', page('cccc', ['x']), 0);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
    expect(cache.get('c')).toBeDefined();
  });

  it('renders a page anew once its time is up', () => {
    const cache = new PageCache();
    cache.set('a', page('A', ['x'], -1), 0);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('keys pages by host and path and matches ETags as HTTP does', () => {
    expect(pageKey('Demo.Concord.test', '/zh/news/?page=2')).toBe('demo.concord.test/zh/news/?page=2');
    const etag = etagOf('hello');
    expect(etagMatches(etag, etag)).toBe(true);
    expect(etagMatches(`"x", W/${etag}`, etag)).toBe(true);
    expect(etagMatches('*', etag)).toBe(true);
    expect(etagMatches('"other"', etag)).toBe(false);
    expect(etagMatches(undefined, etag)).toBe(false);
  });
});
