/** Embedded PostgreSQL (PGlite, WASM) stored in a directory. One connection, queries are queued. */
import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import type { Database, Queryable } from './database';
import { lockDataDir } from './data-dir-lock';

export async function openPglite(dataDir: string): Promise<Database> {
  await mkdir(dataDir, { recursive: true });
  const unlock = lockDataDir(dataDir);
  let pg: PGlite;
  try {
    pg = await PGlite.create(dataDir);
  } catch (e) {
    unlock();
    throw e;
  }
  return {
    kind: 'pglite',
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const r = await pg.query<T>(sql, [...params]);
      return { rows: r.rows };
    },
    transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      return pg.transaction((tx) =>
        fn({
          async query<R>(sql: string, params: readonly unknown[] = []) {
            const r = await tx.query<R>(sql, [...params]);
            return { rows: r.rows };
          },
        }),
      );
    },
    async close() {
      try {
        if (!pg.closed) await pg.close();
      } finally {
        unlock();
      }
    },
  };
}
