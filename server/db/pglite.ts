/**
 * Embedded PostgreSQL (PGlite, WASM) stored in a directory. One connection, queries are queued.
 *
 * Durability: PGlite runs Postgres with fsync off (and its Emscripten fsync does nothing), so a
 * committed write sits in the OS page cache: it survives the process being killed, not an OS
 * crash or power loss. With `durability: 'fsync'` (the default) every write is followed by an
 * fsync of the WAL before it is acknowledged: Postgres writes the commit record to pg_wal at
 * commit (synchronous_commit is on), and on start-up recovery replays the WAL from the last
 * checkpoint (full_page_writes is on, so torn pages are repaired too). Group commit: one WAL
 * flush at a time, shared by every write committed before it starts. Every
 * CHECKPOINT_INTERVAL_MS of write activity, and
 * on close, a CHECKPOINT is followed by an fsync of every file of the data directory, so that
 * data files are on disk before the WAL that covers them is recycled.
 */
import { mkdir, open, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Database, Queryable, QueryOptions } from './database';
import { lockDataDir } from './data-dir-lock';

/** `fsync`: a write is acknowledged once its WAL is on disk. `os`: once the OS has it (page cache). */
export type Durability = 'fsync' | 'os';

/** How often, while there are writes, a CHECKPOINT + fsync of the data files runs. */
const CHECKPOINT_INTERVAL_MS = 60_000;

/** Statements that cannot change anything need no flush. */
const READ_ONLY = /^\s*(select|show)\b/i;

async function fsyncPath(path: string, kind: 'file' | 'dir', dataOnly = false): Promise<void> {
  let fh;
  try {
    fh = await open(path, kind === 'dir' ? 'r' : 'r+');
  } catch (e) {
    // Removed (a recycled WAL segment, a temp file) between listing and opening: nothing to flush.
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  try {
    await (dataOnly ? fh.datasync() : fh.sync());
  } finally {
    await fh.close();
  }
}

/**
 * fsync the WAL segments, and the pg_wal directory when its entries changed (new or renamed
 * segments) since it was last synced: `synced` holds that listing.
 */
async function fsyncWal(walDir: string, synced: { names: string }): Promise<void> {
  const entries = await readdir(walDir, { withFileTypes: true });
  // Segments are preallocated at their full size: fdatasync is enough (as Postgres itself does).
  await Promise.all(entries.filter((e) => e.isFile()).map((e) => fsyncPath(join(walDir, e.name), 'file', true)));
  const names = entries
    .map((e) => e.name)
    .sort()
    .join('/');
  if (names === synced.names) return;
  await fsyncPath(walDir, 'dir');
  synced.names = names;
}

/** fsync every file and directory under `dir`. */
async function fsyncTree(dir: string, skip: ReadonlySet<string>): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const e of entries) {
    const path = join(dir, e.name);
    if (skip.has(path)) continue;
    if (e.isDirectory()) await fsyncTree(path, skip);
    else if (e.isFile()) await fsyncPath(path, 'file');
  }
  await fsyncPath(dir, 'dir');
}

export async function openPglite(dataDir: string, options: { durability?: Durability } = {}): Promise<Database> {
  const durability = options.durability ?? 'fsync';
  await mkdir(dataDir, { recursive: true });
  const unlock = lockDataDir(dataDir);
  let pg: PGlite;
  try {
    pg = await PGlite.create(dataDir);
  } catch (e) {
    unlock();
    throw e;
  }
  const walDir = join(dataDir, 'pg_wal');
  const skip = new Set([join(dataDir, 'mot-canvas.lock')]);

  /** The flush that writes committed from now on wait for (it has not started its fsync yet). */
  let nextFlush: Promise<void> | null = null;
  /** The fsync under way, if any. */
  let running: Promise<void> | null = null;
  const inFlight = new Set<Promise<void>>();
  let writtenSinceCheckpoint = false;
  /** The pg_wal listing as of its last directory fsync. */
  const walListing = { names: '' };

  function track(p: Promise<void>): Promise<void> {
    inFlight.add(p);
    const done = () => inFlight.delete(p);
    p.then(done, done);
    return p;
  }

  /**
   * Resolves once every write committed so far is on disk. Group commit: one flush at a time;
   * the next one starts when the one under way is done (and at the earliest at the end of this
   * event-loop turn), covering every write committed meanwhile.
   */
  function flushWal(): Promise<void> {
    writtenSinceCheckpoint = true;
    if (durability === 'os') return Promise.resolve();
    nextFlush ??= track(
      (async () => {
        await new Promise<void>((resolve) => setImmediate(resolve));
        while (running) await running.catch(() => undefined);
        nextFlush = null; // writes committed from now on need the next flush
        running = fsyncWal(walDir, walListing);
        try {
          await running;
        } finally {
          running = null;
        }
      })(),
    );
    return nextFlush;
  }

  /** Write every dirty page to the data files, then make all of them durable. */
  async function checkpoint(): Promise<void> {
    writtenSinceCheckpoint = false;
    await pg.exec('CHECKPOINT');
    await fsyncTree(dataDir, skip);
  }

  const timer = setInterval(() => {
    if (!writtenSinceCheckpoint || pg.closed) return;
    track(checkpoint()).catch((e: unknown) => console.error('Periodic checkpoint of the embedded database failed:', e));
  }, CHECKPOINT_INTERVAL_MS);
  timer.unref();

  return {
    kind: 'pglite',
    async query<T>(sql: string, params: readonly unknown[] = [], options: QueryOptions = {}) {
      let r;
      try {
        r = await pg.query<T>(sql, [...params]);
      } finally {
        options.onExecuted?.();
      }
      if (!READ_ONLY.test(sql)) await flushWal();
      return { rows: r.rows };
    },
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const result = await pg.transaction((tx) =>
        fn({
          async query<R>(sql: string, params: readonly unknown[] = []) {
            const r = await tx.query<R>(sql, [...params]);
            return { rows: r.rows };
          },
        }),
      );
      await flushWal();
      return result;
    },
    async close() {
      clearInterval(timer);
      try {
        await Promise.allSettled([...inFlight]);
        if (!pg.closed) {
          // A last checkpoint (close also makes a shutdown checkpoint), then everything to disk.
          if (writtenSinceCheckpoint) await pg.exec('CHECKPOINT');
          await pg.close();
          await fsyncTree(dataDir, skip);
        }
      } finally {
        unlock();
      }
    },
  };
}
