/**
 * Two MOT Canvas instances on one PostgreSQL (DATABASE_URL, from scripts/with-postgres.mjs),
 * started by the tests themselves rather than by Playwright's webServer so a test can kill one
 * with SIGKILL and start it again on the same port. Both share WORKSPACE_KEY and trust loopback
 * browsers (TRUST_LOCALHOST), so a browser on 127.0.0.1 is a workspace member on either one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';

export const PORTS = [Number(process.env.E2E_MULTI_PORT_1 ?? 4451), Number(process.env.E2E_MULTI_PORT_2 ?? 4452)] as const;
const LOG_DIR = 'test-results/e2e-multi-logs';
const live = new Set<ChildProcess>();

// A crashed or interrupted worker must not leave servers holding the ports.
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export interface Instance {
  readonly port: number;
  readonly url: string;
  /** The workspace key both instances share (for API checks from the test). */
  readonly workspaceKey: string;
  /** The server process's pid (changes on restart). */
  pid(): number;
  /** SIGKILL, like a crash: no graceful shutdown. Resolves once the process is gone. */
  kill9(): Promise<void>;
  /** Start it again on the same port and wait until it answers. */
  restart(): Promise<void>;
  /** Graceful stop (SIGTERM, then SIGKILL after 10 s). */
  stop(): Promise<void>;
}

async function waitHealthy(url: string, child: ChildProcess, timeoutMs = 90_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`instance ${url} exited during start-up (code ${child.exitCode}, signal ${child.signalCode}); see ${LOG_DIR}/`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`instance ${url} did not become healthy within ${timeoutMs / 1000}s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((r) => child.once('exit', () => r()));
}

class ServerInstance implements Instance {
  readonly url: string;
  readonly workspaceKey: string;
  private child: ChildProcess | null = null;
  private log: WriteStream | null = null;
  private starts = 0;

  constructor(
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {
    this.url = `http://127.0.0.1:${port}`;
    this.workspaceKey = env.WORKSPACE_KEY ?? '';
  }

  async start(): Promise<void> {
    // Something else answering on the port would silently stand in for this instance.
    const squatter = await fetch(`${this.url}/api/health`).then(
      () => true,
      () => false,
    );
    if (squatter) throw new Error(`port ${this.port} is already in use; set E2E_MULTI_PORT_1 / E2E_MULTI_PORT_2 to free ports`);
    mkdirSync(LOG_DIR, { recursive: true });
    this.log?.end();
    this.log = createWriteStream(`${LOG_DIR}/instance-${this.port}.log`, { flags: this.starts++ === 0 ? 'w' : 'a' });
    this.log.write(`--- start ${new Date().toISOString()}\n`);
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
      cwd: resolve(import.meta.dirname, '../..'),
      env: { ...process.env, ...this.env, PORT: String(this.port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(this.log, { end: false });
    child.stderr?.pipe(this.log, { end: false });
    live.add(child);
    child.once('exit', () => live.delete(child));
    this.child = child;
    await waitHealthy(this.url, child);
  }

  pid(): number {
    const pid = this.child?.pid;
    if (pid === undefined || this.child?.exitCode !== null || this.child.signalCode !== null) throw new Error(`instance ${this.url} is not running`);
    return pid;
  }

  async kill9(): Promise<void> {
    const child = this.child;
    if (!child) return;
    process.kill(this.pid(), 'SIGKILL');
    await exited(child);
    this.log?.write(`--- killed with SIGKILL ${new Date().toISOString()}\n`);
  }

  async restart(): Promise<void> {
    if (this.child && this.child.exitCode === null && this.child.signalCode === null) throw new Error(`instance ${this.url} is still running`);
    await this.start();
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) {
      this.log?.end();
      return;
    }
    child.kill('SIGTERM');
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited(child);
    clearTimeout(force);
    this.log?.end();
  }
}

/** Start both instances at once (the migrations' advisory lock serialises them). */
export async function startInstances(): Promise<[Instance, Instance]> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is not set: run through `node scripts/with-postgres.mjs -- …`');
  const env = {
    DATABASE_URL: databaseUrl,
    WORKSPACE_KEY: `e2e-multi-${randomBytes(12).toString('base64url')}`,
    TRUST_LOCALHOST: 'true',
    NODE_ENV: 'test',
    ...(process.env.DIST_DIR ? { DIST_DIR: process.env.DIST_DIR } : {}),
  };
  const [p1, p2] = PORTS;
  const one = new ServerInstance(p1, env);
  const two = new ServerInstance(p2, env);
  const started = await Promise.allSettled([one.start(), two.start()]);
  const failure = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failure) {
    await Promise.all([one.stop(), two.stop()]);
    throw failure.reason;
  }
  return [one, two];
}
