/** The whole HTTP application, without listening: `createApp({ db, config })`. Tests and index.ts use it. */
import { Hono } from 'hono';
import type { Config } from './config';
import type { Database } from './db/database';
import { onError, onNotFound } from './http/errors';
import { healthRoutes } from './http/routes/health';
import { mapRoutes } from './http/routes/maps';
import { exportRoutes } from './http/routes/export';
import { schemaRoutes } from './http/routes/schema';
import { securityHeaders } from './http/security';
import { staticRoutes } from './http/static';
import { MapRepository } from './maps/map-repository';
import { accessControl } from './access/require';
import { ShareLinkRepository } from './access/share-links';
import { LocalHub } from './live/hub';
import { OpService } from './live/op-service';
import { PresenceRoster } from './live/presence';
import { accessRoutes } from './http/routes/access';
import { liveRoutes } from './http/routes/live';
import { versionHooks, versionRoutes } from './http/routes/versions';
import { VersionRepository } from './versions/version-repository';
import { SnapshotPolicy } from './versions/snapshot-policy';
import { commentRoutes } from './http/routes/comments';
import { voteRoutes } from './http/routes/votes';
import { VoteRepository } from './voting/vote-repository';

export interface AppDeps {
  db: Database;
  config: Pick<Config, 'distDir' | 'trustLocalhost'> & Partial<Pick<Config, 'versionSnapshotIntervalMs'>>;
  /** From loadWorkspaceKey (the environment's, or the one kept in the database). */
  workspaceKey: string;
  /** Live event fan-out; a LocalHub unless the caller connects one to other instances. */
  hub?: LocalHub;
}

export interface App {
  app: Hono;
  hub: LocalHub;
  /** The live operation service (the PostgreSQL relay reads logged operations through it). */
  ops: OpService;
}

export function createApp({ db, config, workspaceKey, hub = new LocalHub() }: AppDeps): App {
  const app = new Hono();
  app.onError(onError);
  app.notFound(onNotFound);
  app.use(securityHeaders());
  app.use('/api/*', async (c, next) => {
    await next();
    // API answers are live data: never served from a cache.
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
  });

  healthRoutes(app, db);
  // One repository: it holds the read cache, which every route must share.
  const maps = new MapRepository(db);
  const links = new ShareLinkRepository(db);
  // A revoked link is refused at once, also when it was revoked through another instance.
  hub.tap((_mapId, event) => {
    if (event.type === 'revoked') links.forgetLink(event.linkId);
  });
  const access = accessControl({ workspaceKey, links });
  const ops = new OpService(db, maps, hub);
  const roster = new PresenceRoster(hub);
  accessRoutes(app, { access, repo: maps, hub, trustLocalhost: config.trustLocalhost });
  const versions = new VersionRepository(db);
  const versionDeps = { access, repo: maps, versions, policy: new SnapshotPolicy(versions, hub, config.versionSnapshotIntervalMs), ops, hub };
  // Automatic snapshots, decided in the write paths (repository and operation service hooks).
  versionHooks(versionDeps);
  mapRoutes(app, maps, access, hub);
  liveRoutes(app, { access, repo: maps, hub, ops, roster });
  versionRoutes(app, versionDeps);
  commentRoutes(app, { access, ops });
  voteRoutes(app, { access, repo: maps, votes: new VoteRepository(db), hub, ops });
  exportRoutes(app, maps, access);
  schemaRoutes(app);
  staticRoutes(app, config.distDir);
  return { app, hub, ops };
}
