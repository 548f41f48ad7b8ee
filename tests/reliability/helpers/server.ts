/** Reliability helpers around the API tests' real-server helper. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestServer } from '../../api/helpers/server';

/**
 * The server's pid, from the lock file it keeps in its data directory (server/db/data-dir-lock.ts):
 * the API helper does not expose its child process, and the server process is that pid.
 */
export function serverPid(server: TestServer): number {
  const pid = Number.parseInt(readFileSync(join(server.dataDir, 'mot-canvas.lock'), 'utf8'), 10);
  if (!Number.isInteger(pid) || pid <= 0) throw new Error(`no pid in ${server.dataDir}/mot-canvas.lock`);
  return pid;
}

/** kill -9, then wait until the process is gone. */
export async function killHard(server: TestServer): Promise<number> {
  const pid = serverPid(server);
  process.kill(pid, 'SIGKILL');
  await server.stop(); // resolves on the exit event; sends nothing more to a dead process
  return pid;
}

/** Lines of the server's output that report a failed request (500s are logged as "<METHOD> <path> failed:"). */
export function failedRequestLines(server: TestServer): string[] {
  return server
    .output()
    .split('\n')
    .filter((l) => /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) \S+ failed:/.test(l));
}
