/**
 * The one database interface the server uses. Two implementations speak the same SQL:
 * embedded PGlite (default, stored in DATA_DIR) and a real PostgreSQL server (DATABASE_URL).
 */
import type { Config } from '../config';

export interface QueryResult<T> {
  rows: T[];
}

/** Anything that can run a query: the database itself or an open transaction. */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
}

export type DatabaseKind = 'pglite' | 'postgres';

/** Options of a statement run outside a transaction. */
export interface QueryOptions {
  /**
   * Called once the statement has run, before the answer waits for it to be durable (the
   * embedded database's WAL flush): the caller may start its next statement then.
   */
  onExecuted?: () => void;
}

export interface Database extends Queryable {
  readonly kind: DatabaseKind;
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<QueryResult<T>>;
  /** Run `fn` in a transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function openDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir'> & Partial<Pick<Config, 'durability'>>): Promise<Database> {
  if (config.databaseUrl) {
    const { openPostgres } = await import('./postgres');
    return openPostgres(config.databaseUrl);
  }
  const { openPglite } = await import('./pglite');
  return openPglite(config.dataDir, { durability: config.durability });
}
