/**
 * Start MOT Canvas: open the database, migrate it, serve the API and the built app.
 * Stops gracefully on SIGTERM / SIGINT: no new connections, in-flight requests finish, the
 * database is closed, exit code 0.
 */
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { createApp } from './app';
import { ConfigError, loadConfig } from './config';
import { openDatabase, type Database } from './db/database';
import { runMigrations } from './db/migrations';
import { loadWorkspaceKey } from './access/workspace-key';
import { LocalHub } from './live/hub';
import { LIVE_CHANNEL, PgRelay } from './live/pg-relay';

/** How long in-flight requests get to finish before connections are cut. */
const SHUTDOWN_GRACE_MS = 10_000;

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }

  const db: Database = await openDatabase(config);
  await runMigrations(db);
  const workspaceKey = await loadWorkspaceKey(db, config.workspaceKey);
  const hub = new LocalHub();
  const { app, ops } = createApp({ db, config, workspaceKey, hub });
  // On PostgreSQL, live events go through LISTEN/NOTIFY so every instance's streams get them.
  let relay: PgRelay | null = null;
  if (db.kind === 'postgres' && config.databaseUrl) {
    const { openListenConnection } = await import('./db/postgres');
    const url = config.databaseUrl;
    relay = await PgRelay.start({
      hub,
      db,
      loadOps: (mapId, since, current) => ops.since(mapId, since, current),
      connect: () => openListenConnection(url, LIVE_CHANNEL),
    });
  }

  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    const where = db.kind === 'pglite' ? `pglite at ${config.dataDir}` : 'postgres';
    console.log(`MOT Canvas listening on http://localhost:${info.port} (database: ${where})`);
    if (!config.workspaceKey) console.log(
      `Workspace link for teammates on other machines (keep it private): http://<this-host>:${info.port}/?key=${workspaceKey}` +
        (config.trustLocalhost ? '\nA browser on this machine is signed in without the key (TRUST_LOCALHOST).' : ''),
    );
  }) as Server;

  server.on('error', (err) => {
    console.error(`Could not listen on ${config.host}:${config.port}: ${err.message}`);
    void Promise.resolve(relay?.close())
      .then(() => db.close())
      .finally(() => process.exit(1));
  });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) {
      console.log(`${signal} again: exiting now`);
      process.exit(1);
    }
    stopping = true;
    console.log(`${signal} received: finishing in-flight requests, then closing the database`);
    const force = setTimeout(() => {
      console.warn(`Requests still open after ${SHUTDOWN_GRACE_MS / 1000}s: closing their connections`);
      server.closeAllConnections();
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    server.close(() => {
      clearTimeout(force);
      Promise.resolve(relay?.close())
        .catch((err: unknown) => console.error('Closing the live relay failed:', err))
        .then(() => db.close())
        .then(() => {
          console.log('MOT Canvas stopped');
          process.exit(0);
        })
        .catch((err: unknown) => {
          console.error('Closing the database failed:', err);
          process.exit(1);
        });
    });
    // Keep-alive connections that are idle right now would otherwise hold the server open.
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  console.error('MOT Canvas failed to start:', err);
  process.exit(1);
});
