import { createHash, randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Logger } from './logger.ts';

/** A rendered public page kept as bytes, with the tags of everything it shows. */
export interface CachedPage {
  status: number;
  body: Buffer;
  /** Every response header worth replaying (content type, caching, security headers). */
  headers: Record<string, string>;
  /** Strong validator of the bytes, quoted as HTTP wants it. */
  etag: string;
  tags: readonly string[];
  /** When the page is rendered anew even without an invalidation (related-article lists age). */
  expiresAt: number;
  /** The body compressed, made on the first request that accepts each encoding. */
  encoded?: { br?: Buffer; gzip?: Buffer };
}

/** Carries invalidations to the other server processes sharing the database. */
export interface InvalidationBus {
  publish(tags: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

export interface PageCacheOptions {
  /** Upper bound of the bytes kept; the least recently used pages go first. */
  maxBytes?: number;
}

/** The cache key of a request: host name and path with query, as a visitor asked for it. */
export function pageKey(host: string | undefined, pathAndQuery: string): string {
  return `${(host ?? '').toLowerCase()}${pathAndQuery}`;
}

/** Tells whether an If-None-Match header names an ETag. */
export function etagMatches(ifNoneMatch: string | undefined | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  // A compressed representation's tag is the plain one with `-br` / `-gzip`: the same bytes behind it.
  return ifNoneMatch.split(',').some(
    (tag) =>
      tag
        .trim()
        .replace(/^W\//, '')
        .replace(/-(br|gzip)"$/, '"') === etag,
  );
}

/** The strong ETag of some bytes. */
export function etagOf(body: Buffer | string): string {
  return `"${createHash('sha1').update(body).digest('base64url')}"`;
}

/**
 * Rendered public pages by key (host + path), each tagged with what it shows (`article:<id>`,
 * `listing:<tenant>:<locale>`...). Invalidating a tag drops exactly the pages carrying it, here and,
 * through the bus, in every other process.
 */
export class PageCache {
  private readonly entries = new Map<string, CachedPage>();
  private readonly keysByTag = new Map<string, Set<string>>();
  private readonly maxBytes: number;
  private bytes = 0;
  private bus: InvalidationBus | undefined;
  /** Bumped on every invalidation, so a page rendered before one is never stored after it. */
  private generation = 0;

  constructor(options: PageCacheOptions = {}) {
    this.maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
  }

  /** The cached page under a key, refreshed as recently used. */
  get(key: string): CachedPage | undefined {
    const page = this.entries.get(key);
    if (!page) return undefined;
    if (page.expiresAt <= Date.now()) {
      this.remove(key);
      return undefined;
    }
    this.entries.delete(key);
    this.entries.set(key, page);
    return page;
  }

  /** The current generation; pass it back to `set` so a render that raced an invalidation is dropped. */
  currentGeneration(): number {
    return this.generation;
  }

  /** Keeps a page unless an invalidation happened since `generation` was read. */
  set(key: string, page: CachedPage, generation: number): void {
    if (generation !== this.generation) return;
    this.remove(key);
    this.entries.set(key, page);
    this.bytes += page.body.length;
    for (const tag of page.tags) {
      let keys = this.keysByTag.get(tag);
      if (!keys) {
        keys = new Set();
        this.keysByTag.set(tag, keys);
      }
      keys.add(key);
    }
    while (this.bytes > this.maxBytes) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.remove(oldest.value);
    }
  }

  /** Drops the pages carrying any of the tags here and in every other process. */
  async invalidate(tags: readonly string[]): Promise<void> {
    if (tags.length === 0) return;
    // The bus goes first: it learns the primary's WAL position of the change (and hands it to the
    // read replica) before the pages are dropped here, so no page re-rendered after the drop can
    // come from a replica that has not replayed the change. Until the drop, the old pages stand,
    // as they would have for the moments the change took to commit.
    try {
      await this.bus?.publish(tags);
    } finally {
      this.invalidateLocal(tags);
    }
  }

  /** Drops the pages carrying any of the tags in this process only. */
  invalidateLocal(tags: readonly string[]): void {
    this.generation++;
    for (const tag of tags) {
      const keys = this.keysByTag.get(tag);
      if (!keys) continue;
      for (const key of [...keys]) this.remove(key);
    }
  }

  /** Drops every page (used when a change touches the whole site, such as a channel rename). */
  clear(): void {
    this.generation++;
    this.entries.clear();
    this.keysByTag.clear();
    this.bytes = 0;
  }

  /** How many pages are kept (for tests and the health page). */
  get size(): number {
    return this.entries.size;
  }

  /** Sends invalidations through a bus from now on. */
  attachBus(bus: InvalidationBus): void {
    this.bus = bus;
  }

  /** Stops the bus. */
  async close(): Promise<void> {
    await this.bus?.close();
    this.bus = undefined;
  }

  private remove(key: string): void {
    const page = this.entries.get(key);
    if (!page) return;
    this.entries.delete(key);
    this.bytes -= page.body.length;
    for (const tag of page.tags) {
      const keys = this.keysByTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) this.keysByTag.delete(tag);
    }
  }
}

const channel = 'concord_page_cache';
// NOTIFY payloads are limited to 8000 bytes; tags are sent in batches well under that.
const maxPayload = 7000;

/**
 * Connects a page cache to PostgreSQL's LISTEN/NOTIFY so that every process on the same database
 * drops the same pages. A process ignores its own notifications (it already invalidated locally).
 * A lost listening connection is re-established, and the cache is cleared then, because
 * notifications sent meanwhile were missed.
 */
export async function listenForInvalidations(
  cache: PageCache,
  pool: pg.Pool,
  log: Logger,
  /** Told the primary's WAL position after each invalidation, sent or heard (for the read replica). */
  onPosition?: (position: bigint) => void,
): Promise<InvalidationBus> {
  const origin = randomUUID();
  let client: pg.PoolClient | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;

  const onNotification = (message: pg.Notification) => {
    if (message.channel !== channel || !message.payload) return;
    try {
      const {
        origin: from,
        tags,
        lsn,
      } = JSON.parse(message.payload) as {
        origin: string;
        tags: string[];
        lsn?: string;
      };
      if (from !== origin) {
        if (lsn && /^\d+$/.test(lsn)) onPosition?.(BigInt(lsn));
        cache.invalidateLocal(tags);
      }
    } catch (err) {
      log.warn({ err }, 'unreadable page cache notification');
    }
  };

  const connect = async (): Promise<void> => {
    const next = await pool.connect();
    next.on('notification', onNotification);
    next.on('error', (err) => {
      log.warn({ err }, 'page cache listener lost its connection');
      next.release(true);
      if (client === next) client = undefined;
      reconnectLater();
    });
    await next.query(`LISTEN ${channel}`);
    client = next;
  };

  const reconnectLater = () => {
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      connect()
        .then(async () => {
          // Changes were missed meanwhile: the replica must reach the primary's position now before
          // it serves the pages about to be rendered again.
          if (onPosition) onPosition(await currentPosition(pool));
          cache.clear();
        })
        .catch((err) => {
          log.warn({ err }, 'page cache listener could not reconnect');
          reconnectLater();
        });
    }, 1000);
    retry.unref();
  };

  await connect();

  const bus: InvalidationBus = {
    async publish(tags) {
      for (const batch of batchTags(tags)) {
        // The position the change reached rides along: a replica that has not replayed it yet is not read.
        const { rows } = await pool.query<{ lsn: string }>(
          `SELECT pg_notify($1, json_build_object('origin', $2::text, 'tags', $3::json, 'lsn', p.lsn)::text), p.lsn
             FROM (SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::text AS lsn) AS p`,
          [channel, origin, JSON.stringify(batch)],
        );
        if (rows[0]) onPosition?.(BigInt(rows[0].lsn));
      }
    },
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      const current = client;
      client = undefined;
      if (current) {
        current.removeListener('notification', onNotification);
        try {
          await current.query(`UNLISTEN ${channel}`);
        } finally {
          current.release();
        }
      }
    },
  };
  cache.attachBus(bus);
  return bus;
}

/** The primary's current WAL position, as a byte count. */
async function currentPosition(pool: pg.Pool): Promise<bigint> {
  const { rows } = await pool.query<{ lsn: string }>(
    "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::text AS lsn",
  );
  return BigInt(rows[0]?.lsn ?? '0');
}

function* batchTags(tags: readonly string[]): Generator<string[]> {
  let batch: string[] = [];
  let size = 0;
  for (const tag of tags) {
    if (size + tag.length + 3 > maxPayload && batch.length > 0) {
      yield batch;
      batch = [];
      size = 0;
    }
    batch.push(tag);
    size += tag.length + 3;
  }
  if (batch.length > 0) yield batch;
}
