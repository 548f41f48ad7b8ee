/** A real PostgreSQL server through a `pg` connection pool. */
import pg from 'pg';
import type { Database, Queryable, QueryOptions } from './database';

export async function openPostgres(connectionString: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString, max: 10 });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', (err) => console.error('PostgreSQL pool error:', err.message));
  // Fail fast at start-up when the server cannot be reached or the credentials are wrong.
  const probe = await pool.connect();
  probe.release();
  return {
    kind: 'postgres',
    async query<T>(sql: string, params: readonly unknown[] = [], options: QueryOptions = {}) {
      // Several connections: the caller may go on at once.
      const r = pool.query(sql, [...params]);
      options.onExecuted?.();
      return { rows: (await r).rows as T[] };
    },
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({
          async query<R>(sql: string, params: readonly unknown[] = []) {
            const r = await client.query(sql, [...params]);
            return { rows: r.rows as R[] };
          },
        });
        await client.query('COMMIT');
        return result;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}

/** A dedicated connection that LISTENs on one channel (live events across instances, see live/pg-relay.ts). */
export interface ListenConnection {
  /** Called for every notification on the channel, in the order the server sends them. */
  onNotification(fn: (payload: string) => void): void;
  /** Called once when the connection is lost or closed (after which it is unusable). */
  onEnd(fn: (err: Error | null) => void): void;
  /** A round trip on this connection: rejects when it is dead or slower than `timeoutMs`. */
  ping(timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * Open a connection outside the pool (LISTEN needs one connection for as long as it listens) and
 * LISTEN on `channel`. TCP keep-alive is on, so a silently dead network is noticed too.
 */
export const LISTEN_APPLICATION_NAME = 'mot-canvas live listener';

export async function openListenConnection(connectionString: string, channel: string): Promise<ListenConnection> {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`not a valid channel name: ${channel}`);
  const client = new pg.Client({
    connectionString,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    // Recognisable in pg_stat_activity.
    application_name: LISTEN_APPLICATION_NAME,
  });
  let ended = false;
  let endHandler: (err: Error | null) => void = () => {};
  let notify: (payload: string) => void = () => {};
  const end = (err: Error | null) => {
    if (ended) return;
    ended = true;
    endHandler(err);
  };
  client.on('error', (err) => end(err));
  client.on('end', () => end(null));
  client.on('notification', (msg) => {
    if (msg.channel === channel) notify(msg.payload ?? '');
  });
  try {
    await client.connect();
    await client.query(`LISTEN ${channel}`);
  } catch (e) {
    ended = true;
    await client.end().catch(() => undefined);
    throw e;
  }
  return {
    onNotification(fn) {
      notify = fn;
    },
    onEnd(fn) {
      endHandler = fn;
      if (ended) fn(null);
    },
    async ping(timeoutMs) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer on the LISTEN connection within ${timeoutMs} ms`)), timeoutMs);
      });
      try {
        await Promise.race([client.query('SELECT 1'), timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      ended = true;
      await client.end().catch(() => undefined);
    },
  };
}
