import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import {
  dbReads,
  replicaLagBytes,
  replicaLagSeconds,
  replicaProblems,
  replicaUp,
} from '../platform/http/metrics.ts';

/*
 * Lag-tolerant reads on a streaming replica (DATABASE_REPLICA_URL), with the primary as the fallback.
 *
 * PostgreSQL does the replication; this file only decides, query by query, where a read that
 * tolerates a short lag goes. A monitor asks both servers every `intervalMs` where they stand (the
 * primary's WAL position, the replica's replayed position, whether the replica is still in
 * recovery) and keeps one verdict: the replica is usable when it answers, is a replica (not the
 * primary itself, not promoted), belongs to this primary, and is no more than `maxLagMs` behind. A
 * read goes to the replica only while that holds, and only when the replica has replayed the
 * person's own last write (its WAL position travels in a cookie, see `ownWriteLsn`); otherwise it goes
 * to the primary. A read that fails on the replica because the replica went away is run again on the
 * primary at once: a SELECT can always be repeated. Writes never come here: they use the primary's db.
 */

export type ReplicaState = 'starting' | 'up' | 'down' | 'not_in_recovery' | 'foreign' | 'lagging';

export interface ReplicaStatus {
  state: ReplicaState;
  lagBytes: number;
  lagSeconds: number;
  /** The replica's replayed WAL position at the last look. */
  replayLsn: bigint;
}

/** What one request asks of its reads: the WAL position of its own last write, when it made one. */
export interface ReadScope {
  minLsn?: bigint;
}

export const readScope = new AsyncLocalStorage<ReadScope>();

/** "16/B374D848" → its byte position. */
export function parseLsn(text: string | null | undefined): bigint | null {
  if (!text) return null;
  const m = /^([0-9A-F]+)\/([0-9A-F]+)$/i.exec(text.trim());
  if (!m) return null;
  return (BigInt(`0x${m[1]}`) << 32n) + BigInt(`0x${m[2]}`);
}

export function formatLsn(lsn: bigint): string {
  return `${(lsn >> 32n).toString(16).toUpperCase()}/${(lsn & 0xffffffffn).toString(16).toUpperCase()}`;
}

/** Errors after which a read is repeated on the primary: the replica is gone or cancelled the read. */
function replicaGone(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  const code = e?.code ?? '';
  return (
    code.startsWith('08') || // connection exceptions
    code === '57P01' || // admin shutdown
    code === '57P02' || // crash shutdown
    code === '57P03' || // cannot connect now (starting up, or shutting down)
    code === '40001' || // canceled on conflict with recovery
    code === 'ECONNREFUSED' ||
    code === 'ECONNRESET' ||
    code === 'ETIMEDOUT' ||
    code === 'EPIPE' ||
    code === 'ENOTFOUND' ||
    /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect/i.test(
      e?.message ?? '',
    )
  );
}

export interface ReplicaLog {
  info(o: object, m?: string): void;
  warn(o: object, m?: string): void;
  error(o: object, m?: string): void;
}

export interface ReplicaOptions {
  maxLagMs: number;
  poolSize: number;
  /** How often the monitor looks (ms). */
  intervalMs?: number;
  log?: ReplicaLog;
}

const consoleLog: ReplicaLog = {
  info: () => undefined,
  warn: (o, m) => console.warn(m, o),
  error: (o, m) => console.error(m, o),
};

/** The replica's pool, its monitor, and the pool-shaped router that drizzle runs the reads on. */
export class ReadReplica {
  readonly pool: pg.Pool;
  /** Give this to drizzle: every query and transaction picks the replica or the primary as it starts. */
  readonly router: pg.Pool;
  private status: ReplicaStatus = { state: 'starting', lagBytes: 0, lagSeconds: 0, replayLsn: 0n };
  private caughtUpAt = Date.now();
  private timer: NodeJS.Timeout | null = null;
  private looking: Promise<void> | null = null;
  private primaryId: string | null = null;
  private log: ReplicaLog;
  private readonly intervalMs: number;

  constructor(
    private readonly primary: pg.Pool,
    replicaUrl: string,
    private readonly opts: ReplicaOptions,
  ) {
    this.log = opts.log ?? consoleLog;
    this.intervalMs = opts.intervalMs ?? 500;
    this.pool = new pg.Pool({
      connectionString: replicaUrl,
      max: opts.poolSize,
      // A replica that does not answer must not hold a read up: the primary answers instead.
      connectionTimeoutMillis: 2000,
    });
    this.pool.on('error', () => {
      /* an idle client's error: the next query or look reports it */
    });
    this.router = routingPool(this);
  }

  /** Looks once (so the first requests already know), then every intervalMs. */
  async start(): Promise<void> {
    await this.look();
    this.timer = setInterval(() => void this.look(), this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.looking;
    await this.pool.end().catch(() => undefined);
  }

  /** The app's logger, once there is one (the replica starts before the app). */
  setLog(log: ReplicaLog): void {
    this.log = log;
  }

  current(): ReplicaStatus {
    return { ...this.status };
  }

  /** Where a read goes now, and why (the reason is a label of lt_db_reads_total). */
  choose(): { target: 'replica' | 'primary'; reason: string } {
    const s = this.status;
    if (s.state !== 'up') return { target: 'primary', reason: s.state === 'lagging' ? 'lagging' : 'down' };
    const min = readScope.getStore()?.minLsn;
    if (min !== undefined && s.replayLsn < min) return { target: 'primary', reason: 'own_write' };
    return { target: 'replica', reason: 'ok' };
  }

  /** A read on the replica failed as if the replica went away: set it aside until the next good look. */
  setAside(err: unknown): void {
    replicaProblems.inc({ reason: 'query_failed' });
    this.move('down', { err: (err as Error).message }, 'replica read failed; reading from the primary');
  }

  /** Asks both servers where they stand; never throws. */
  look(): Promise<void> {
    this.looking ??= this.lookOnce().finally(() => {
      this.looking = null;
    });
    return this.looking;
  }

  private async lookOnce(): Promise<void> {
    let primaryLsn: bigint;
    try {
      primaryLsn = parseLsn(
        (await this.primary.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn')).rows[0]!.lsn,
      )!;
    } catch {
      return; // the primary itself is away: nothing to decide about the replica now
    }
    this.primaryId ??= await systemId(this.primary);
    let r: { rec: boolean; replay: string | null };
    try {
      r = (
        await this.pool.query<{ rec: boolean; replay: string | null }>(
          'SELECT pg_is_in_recovery() AS rec, pg_last_wal_replay_lsn()::text AS replay',
        )
      ).rows[0]!;
    } catch (err) {
      if (this.status.state !== 'down') replicaProblems.inc({ reason: 'unreachable' });
      this.move('down', { err: (err as Error).message }, 'replica unreachable; reading from the primary');
      return;
    }
    // A copy of another cluster would answer plausibly and wrongly: compare the clusters' identities
    // (when the role may read them; '' = not allowed, not checked).
    const replicaId = this.primaryId ? await systemId(this.pool) : '';
    if (this.primaryId && replicaId && replicaId !== this.primaryId) {
      if (this.status.state !== 'foreign') replicaProblems.inc({ reason: 'foreign' });
      this.move(
        'foreign',
        { replica: replicaId, primary: this.primaryId },
        'DATABASE_REPLICA_URL is not a copy of DATABASE_URL (another cluster); reading from the primary',
      );
      return;
    }
    if (!r.rec) {
      if (this.status.state !== 'not_in_recovery') replicaProblems.inc({ reason: 'not_in_recovery' });
      this.move(
        'not_in_recovery',
        {},
        'DATABASE_REPLICA_URL is not in recovery: it is the primary itself or a promoted replica; reading from the primary',
      );
      return;
    }
    const replay = parseLsn(r.replay) ?? 0n;
    const now = Date.now();
    const behind = primaryLsn > replay ? primaryLsn - replay : 0n;
    if (behind === 0n) this.caughtUpAt = now;
    // Lag in time: how long since the replica was last seen level with the primary (a replica that
    // keeps up shows 0 between looks, however long the primary was idle before).
    const lagSeconds = behind === 0n ? 0 : (now - this.caughtUpAt) / 1000;
    this.status = { ...this.status, lagBytes: Number(behind), lagSeconds, replayLsn: replay };
    replicaLagBytes.set(Number(behind));
    replicaLagSeconds.set(lagSeconds);
    if (lagSeconds * 1000 > this.opts.maxLagMs) {
      if (this.status.state !== 'lagging') replicaProblems.inc({ reason: 'lagging' });
      this.move(
        'lagging',
        { lagSeconds, lagBytes: Number(behind), maxLagMs: this.opts.maxLagMs },
        'replica lags; reading from the primary',
      );
      return;
    }
    this.move('up', { lagSeconds }, 'replica usable: lag-tolerant reads go to it');
  }

  private move(state: ReplicaState, detail: object, message: string): void {
    const was = this.status.state;
    this.status = { ...this.status, state };
    replicaUp.set(state === 'up' ? 1 : 0);
    if (was === state) return;
    if (state === 'up') this.log.info({ replica: state, was, ...detail }, message);
    else if (state === 'foreign' || state === 'not_in_recovery')
      this.log.error({ replica: state, was, ...detail }, message);
    else this.log.warn({ replica: state, was, ...detail }, message);
  }
}

/** The cluster's identity (pg_control_system), or '' when this role may not read it. */
async function systemId(pool: pg.Pool): Promise<string> {
  try {
    const r = await pool.query<{ id: string }>(
      'SELECT system_identifier::text AS id FROM pg_control_system()',
    );
    return r.rows[0]?.id ?? '';
  } catch {
    return '';
  }
}

/**
 * A pg.Pool (drizzle checks `instanceof Pool`, and so does hotRows) whose queries and transactions
 * run on the replica or the primary, chosen as each starts.
 */
function routingPool(replica: ReadReplica): pg.Pool {
  const primary = (replica as unknown as { primary: pg.Pool }).primary;
  class RoutingPool extends pg.Pool {
    // biome-ignore lint/suspicious/noExplicitAny: pg's query has many overloads; this passes them through
    override query(...args: any[]): any {
      const { target, reason } = replica.choose();
      dbReads.inc({ target, reason });
      if (target === 'primary') return (primary.query as (...a: unknown[]) => unknown)(...args);
      return (replica.pool.query as (...a: unknown[]) => Promise<unknown>)(...args).catch((err: unknown) => {
        if (!replicaGone(err)) throw err;
        replica.setAside(err);
        dbReads.inc({ target: 'primary', reason: 'down' });
        return (primary.query as (...a: unknown[]) => unknown)(...args);
      });
    }
    // biome-ignore lint/suspicious/noExplicitAny: as above (drizzle calls connect() for a transaction)
    override connect(...args: any[]): any {
      if (args.length) throw new Error('the read router takes no connect callback');
      const { target, reason } = replica.choose();
      dbReads.inc({ target, reason });
      if (target === 'primary') return primary.connect();
      return replica.pool.connect().catch((err: unknown) => {
        replica.setAside(err);
        dbReads.inc({ target: 'primary', reason: 'down' });
        return primary.connect();
      });
    }
    override end(): Promise<void> {
      return Promise.resolve();
    }
  }
  return new RoutingPool({ max: 1 });
}
