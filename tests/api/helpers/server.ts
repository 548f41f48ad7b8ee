/**
 * Runs the real server process for API tests: `node --import tsx server/index.ts` on a free
 * port with a fresh DATA_DIR (embedded PGlite). With TEST_DATABASE_URL set, the server uses that
 * PostgreSQL instead (the suite expects an empty or disposable database then).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

export interface StartOptions {
  /** Reuse a data directory (for restart tests); a new temp dir by default. */
  dataDir?: string;
  env?: Record<string, string>;
  /** Delete the data directory on dispose(); true for a temp dir this helper made. */
  removeDataDirOnDispose?: boolean;
  /**
   * Start from an empty data directory, so the server itself creates the embedded database.
   * Otherwise a copy of a freshly created (empty, unmigrated) one is used: same result, seconds faster.
   */
  emptyDataDir?: boolean;
}

/**
 * An empty PGlite cluster made once per PGlite version and copied for each server: creating one
 * (initdb in WASM) takes several seconds, copying it a fraction of one. The server still runs its
 * own migrations on the copy.
 */
async function pgliteTemplate(): Promise<string> {
  const version = (JSON.parse(readFileSync(join(repoRoot, 'node_modules/@electric-sql/pglite/package.json'), 'utf8')) as { version: string })
    .version;
  const dir = join(tmpdir(), `mot-api-pglite-template-${version}`);
  if (existsSync(join(dir, 'PG_VERSION'))) return dir;
  const building = mkdtempSync(join(tmpdir(), 'mot-api-pglite-building-'));
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create(building);
  await db.close();
  try {
    renameSync(building, dir);
  } catch {
    rmSync(building, { recursive: true, force: true }); // another run made it first
  }
  return dir;
}

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface TestServer {
  baseUrl: string;
  port: number;
  dataDir: string;
  /** Everything the process printed so far (stdout + stderr). */
  output(): string;
  /** SIGTERM, then wait for the process to exit. */
  stop(): Promise<ExitInfo>;
  /** Stop, then start again on the same data directory (and a new port). */
  restart(): Promise<TestServer>;
  /** Stop and delete the temp data directory. */
  dispose(): Promise<void>;
  /** `Authorization` for a workspace member, for code that calls fetch itself. */
  ownerHeaders: Record<string, string>;
  /** fetch relative to this server. */
  api(path: string, init?: ApiInit): Promise<ApiResponse>;
}

export interface ApiInit extends Omit<RequestInit, 'body'> {
  /** Sent as JSON with Content-Type: application/json. */
  json?: unknown;
  body?: RequestInit['body'];
  /**
   * Whose credentials to send: the workspace key (default, a workspace member), a share-link
   * token, or none at all.
   */
  as?: 'owner' | 'anonymous' | { token: string };
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body, or undefined when it is empty or not JSON. */
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolvePort(port));
    });
  });
}

/** The workspace key every test server is started with (TRUST_LOCALHOST is off then). */
export const TEST_WORKSPACE_KEY = 'test-workspace-key-0123456789';

/** The Authorization header for a workspace member, a share-link token, or nobody. */
export function credentialHeaders(as: NonNullable<ApiInit['as']>): Record<string, string> {
  if (as === 'owner') return { authorization: `Bearer ${TEST_WORKSPACE_KEY}` };
  if (as === 'anonymous') return {};
  return { authorization: `Bearer ${as.token}` };
}

/** Parse a body as JSON, or undefined when it is empty or not JSON. */
export function jsonOrUndefined(text: string): unknown {
  try {
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return undefined;
  }
}

export async function request(baseUrl: string, path: string, init: ApiInit = {}): Promise<ApiResponse> {
  const { json, headers, as = 'owner', ...rest } = init;
  const h = new Headers(headers);
  if (!h.has('authorization')) for (const [k, v] of Object.entries(credentialHeaders(as))) h.set(k, v);
  if (json !== undefined && !h.has('content-type')) h.set('content-type', 'application/json');
  const res = await fetch(baseUrl + path, {
    ...rest,
    headers: h,
    body: json !== undefined ? JSON.stringify(json) : rest.body,
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: jsonOrUndefined(text) };
}

async function waitForHealth(baseUrl: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`The server exited while starting (code ${child.exitCode}, signal ${child.signalCode}):\n${output()}`);
    }
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  child.kill('SIGKILL');
  throw new Error(`The server did not become healthy within ${timeoutMs / 1000}s:\n${output()}`);
}

export async function startServer(opts: StartOptions = {}): Promise<TestServer> {
  const ownsDir = opts.removeDataDirOnDispose ?? !opts.dataDir;
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'mot-api-'));
  if (!opts.dataDir && !opts.emptyDataDir && !process.env.TEST_DATABASE_URL) {
    cpSync(await pgliteTemplate(), dataDir, { recursive: true });
  }
  const port = await freePort();
  const env: Record<string, string | undefined> = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DATABASE_URL: process.env.TEST_DATABASE_URL ?? '',
    NODE_ENV: 'test',
    WORKSPACE_KEY: TEST_WORKSPACE_KEY,
    ...opts.env,
  };
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<ExitInfo>((r) => child.on('exit', (code, signal) => r({ code, signal })));
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(baseUrl, child, () => out, 110_000);
  } catch (e) {
    if (ownsDir) rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }

  const server: TestServer = {
    baseUrl,
    port,
    dataDir,
    output: () => out,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      const info = await exited;
      clearTimeout(timer);
      return info;
    },
    async restart() {
      await server.stop();
      return startServer({ ...opts, dataDir, removeDataDirOnDispose: ownsDir });
    },
    async dispose() {
      await server.stop();
      if (ownsDir) rmSync(dataDir, { recursive: true, force: true });
    },
    api: (path, init) => request(baseUrl, path, init),
    ownerHeaders: { authorization: `Bearer ${TEST_WORKSPACE_KEY}` },
  };
  return server;
}
