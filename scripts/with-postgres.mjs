#!/usr/bin/env node
/**
 * Run a command against a throwaway PostgreSQL cluster: initdb in a temp dir as a non-root user
 * (the `postgres` system user when run as root), start it on a free local port, create a database,
 * run the command with TEST_DATABASE_URL / DATABASE_URL set, then stop the cluster and delete it.
 *
 *   node scripts/with-postgres.mjs -- npx vitest run --project api
 *
 * Exits 0 without running anything (printing why) when no PostgreSQL server binaries are found.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function findBin() {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  for (const v of versions) {
    const bin = join(root, v, 'bin');
    if (existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'pg_ctl'))) return bin;
  }
  return null;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const sep = process.argv.indexOf('--');
const command = sep >= 0 ? process.argv.slice(sep + 1) : [];
if (!command.length) {
  console.error('usage: node scripts/with-postgres.mjs -- <command> [args…]');
  process.exit(2);
}
const bin = findBin();
if (!bin) {
  console.log('with-postgres: no PostgreSQL server binaries under /usr/lib/postgresql; skipped');
  process.exit(0);
}

const asRoot = process.getuid?.() === 0;
const asUser = (file, args) => (asRoot ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args]);
const run = (file, args, opts = {}) => {
  const [f, a] = asUser(file, args);
  return execFileSync(f, a, { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
};

const dir = mkdtempSync(join(tmpdir(), 'mot-pg-'));
chmodSync(dir, 0o777);
const data = join(dir, 'data');
const port = await freePort();
let started = false;
let status = 1;
try {
  run(join(bin, 'initdb'), ['-D', data, '-U', 'mot', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  run(join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'server.log'), '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start']);
  started = true;
  run(join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'mot', 'motcanvas']);
  const url = `postgres://mot@127.0.0.1:${port}/motcanvas`;
  console.log(`with-postgres: PostgreSQL ${bin.split('/').at(-2)} on port ${port}`);
  const r = spawnSync(command[0], command.slice(1), { stdio: 'inherit', env: { ...process.env, TEST_DATABASE_URL: url, DATABASE_URL: url } });
  status = r.status ?? 1;
} catch (e) {
  console.error(`with-postgres: ${e instanceof Error ? e.message : e}`);
  if (e && typeof e === 'object' && 'stderr' in e && e.stderr) console.error(String(e.stderr));
  status = 1;
} finally {
  if (started) {
    try {
      run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
    } catch (e) {
      console.error(`with-postgres: could not stop the cluster: ${e instanceof Error ? e.message : e}`);
    }
  }
  rmSync(dir, { recursive: true, force: true });
}
process.exit(status);
