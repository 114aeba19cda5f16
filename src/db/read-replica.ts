import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Logger } from '../platform/logger.ts';
import type { Database } from './client.ts';

/** What `/readyz` says of the replica. */
export interface ReplicaStatus {
  /** `ok`: public reads go to it; `lagging` or `down`: they go to the primary until it is back. */
  state: 'ok' | 'lagging' | 'down';
  /** Seconds the replica is behind the primary's last commit (0 when it has replayed all it received). */
  lagSeconds: number | null;
  /** When the replica last answered, ISO time. */
  checkedAt: string | null;
}

export interface ReadReplicaOptions {
  url: string;
  /** The primary's pool: a read the replica cannot answer (it just stopped) is asked there instead. */
  primary?: pg.Pool;
  /** Beyond this lag, reads go to the primary. */
  maxLagSeconds: number;
  /** How often the replica is asked how far it is (milliseconds). */
  checkEveryMs?: number;
  poolSize?: number;
  log: Logger;
}

// The replica's own view of how far behind it is: nothing, when it has replayed all it received;
// else the age of the last transaction it replayed. How far it has replayed, as a byte position.
// And whether it is receiving at all: a standby whose WAL receiver stopped is frozen, not caught up.
const probe = `select
  case when pg_last_wal_receive_lsn() is null or pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() then 0
       else extract(epoch from now() - pg_last_xact_replay_timestamp()) end as lag,
  pg_wal_lsn_diff(coalesce(pg_last_wal_replay_lsn(), pg_current_wal_lsn()), '0/0')::text as replayed,
  pg_is_in_recovery() as standby,
  (select status from pg_stat_wal_receiver limit 1) as receiver`;

/** Errors that say the replica is not there (refused, shut down, starting, connection lost), not that the query is wrong. */
function unreachable(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code ?? '';
  return (
    [
      'ECONNREFUSED',
      'ECONNRESET',
      'EPIPE',
      '57P01',
      '57P02',
      '57P03',
      '08000',
      '08001',
      '08003',
      '08006',
    ].includes(code) || /Connection terminated/i.test(String(err))
  );
}

/**
 * Errors the primary answers instead, without taking the replica out: a query cancelled by the
 * standby's replay (a conflict with recovery), or no replica connection free within a second.
 */
function askPrimaryInstead(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code ?? '';
  return code === '40001' || /timeout exceeded when trying to connect/i.test(String(err));
}

/** A pool on the replica that asks the primary when the replica cannot answer, so no visitor sees the failover. */
class ReplicaPool extends pg.Pool {
  constructor(
    config: pg.PoolConfig,
    private readonly fallback: pg.Pool | undefined,
    private readonly onUnreachable: () => void,
  ) {
    super(config);
  }

  // biome-ignore lint/suspicious/noExplicitAny: pg's query has many overloads; this passes them on as given.
  override query(...args: any[]): any {
    if (typeof args.at(-1) === 'function') return (super.query as (...a: unknown[]) => unknown)(...args);
    const asked = (super.query as (...a: unknown[]) => Promise<unknown>)(...args);
    const fallback = this.fallback;
    if (!fallback) return asked;
    return asked.catch((err: unknown) => {
      if (unreachable(err)) this.onUnreachable();
      else if (!askPrimaryInstead(err)) throw err;
      return (fallback.query as (...a: unknown[]) => Promise<unknown>)(...args);
    });
  }
}

/**
 * A streaming replica (`DATABASE_READ_URL`) for what anonymous readers ask: public pages, feeds,
 * sitemaps and search. It is asked every half second how far behind it is; while it does not answer,
 * or lags beyond the bound, reads go to the primary. It also never serves a page older than the last
 * change this process heard of: each page-cache invalidation carries the primary's WAL position, and
 * until the replica has replayed it, reads go to the primary (so a page rendered from the replica and
 * cached is never older than the invalidation that emptied its slot).
 */
export class ReadReplica {
  readonly db: Database;
  private readonly pool: pg.Pool;
  private timer: NodeJS.Timeout | undefined;
  private status: ReplicaStatus = { state: 'down', lagSeconds: null, checkedAt: null };
  private replayed = -1n;
  private required = 0n;
  private checking: Promise<void> | undefined;
  /** Requests served from the replica (for `/readyz` and the tests). */
  reads = 0;

  constructor(private readonly options: ReadReplicaOptions) {
    this.pool = new ReplicaPool(
      {
        connectionString: options.url,
        max: options.poolSize ?? 10,
        connectionTimeoutMillis: 1000,
        // A replica cannot write; saying so makes a mistaken write fail loudly, not half-way.
        options: '-c default_transaction_read_only=on',
      },
      options.primary,
      () => this.markDown(),
    );
    this.pool.on('error', () => {
      // An idle connection was lost (the replica restarted); the next check tells.
    });
    this.db = drizzlePg(this.pool) as unknown as Database;
  }

  /** Starts the health checks (the first one is awaited, so a healthy replica serves at once). */
  async start(): Promise<void> {
    await this.check();
    this.timer = setInterval(() => void this.check(), this.options.checkEveryMs ?? 500);
    this.timer.unref();
  }

  /** Asks the replica how far it is; a failure or timeout marks it down. */
  check(): Promise<void> {
    this.checking ??= (async () => {
      let client: pg.PoolClient | undefined;
      try {
        client = await this.pool.connect();
        // The timeout holds for the probe alone (SET LOCAL), not for the pages' queries after it.
        await client.query('begin read only');
        await client.query("set local statement_timeout = '1s'");
        const { rows } = await client.query<{
          lag: string | null;
          replayed: string;
          standby: boolean;
          receiver: string | null;
        }>(probe);
        await client.query('commit');
        const row = rows[0];
        const lag = row ? Number(row.lag ?? 0) : Number.POSITIVE_INFINITY;
        // A standby that is not streaming cannot say how far behind the primary it is.
        const receiving = !row?.standby || row.receiver === 'streaming';
        this.replayed = BigInt(row?.replayed ?? '-1');
        this.status = {
          state: receiving && lag <= this.options.maxLagSeconds ? 'ok' : 'lagging',
          lagSeconds: receiving ? Math.round(lag * 1000) / 1000 : null,
          checkedAt: new Date().toISOString(),
        };
        client.release();
      } catch (err) {
        client?.release(true);
        if (this.status.state !== 'down')
          this.options.log.warn({ err }, 'read replica unavailable: public reads go to the primary');
        this.status = { ...this.status, state: 'down' };
      } finally {
        this.checking = undefined;
      }
    })();
    return this.checking;
  }

  /** A change was committed up to this WAL position (from a page-cache invalidation). */
  requirePosition(position: bigint): void {
    if (position > this.required) this.required = position;
  }

  /** Whether a read may go to the replica now: healthy, close enough, and past the last change heard of. */
  get usable(): boolean {
    return this.status.state === 'ok' && this.replayed >= this.required;
  }

  /** The replica's state, for `/readyz`. */
  get health(): ReplicaStatus & { behindLastChange: boolean } {
    return { ...this.status, behindLastChange: this.replayed < this.required };
  }

  /** A read failed on the replica: use the primary until the next check says otherwise. */
  markDown(): void {
    this.status = { ...this.status, state: 'down' };
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.checking;
    await this.pool.end();
  }
}
