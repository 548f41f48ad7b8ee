/**
 * One process per embedded database: PGlite has no server in front of its files, so a second
 * process opening the same DATA_DIR would corrupt it. A lock file holding our pid prevents that;
 * a lock left by a process that no longer runs is taken over.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const LOCK_NAME = 'mot-canvas.lock';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Take the lock on `dataDir` (which must exist); returns a function that releases it. */
export function lockDataDir(dataDir: string): () => void {
  const path = join(dataDir, LOCK_NAME);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, `${process.pid}\n`, { flag: 'wx' });
      return () => rmSync(path, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const holder = Number.parseInt(readFileSync(path, 'utf8'), 10);
    if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isRunning(holder)) {
      throw new Error(
        `The data directory ${dataDir} is in use by another MOT Canvas process (pid ${holder}). ` +
          `Stop it, or use another DATA_DIR. If no such process runs, delete ${path}.`,
      );
    }
    rmSync(path, { force: true }); // stale: its process is gone
  }
  throw new Error(`Could not lock the data directory ${dataDir}: delete ${path} if no MOT Canvas process uses it.`);
}
