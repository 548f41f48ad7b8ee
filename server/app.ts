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

export interface AppDeps {
  db: Database;
  config: Pick<Config, 'distDir'>;
}

export function createApp({ db, config }: AppDeps): Hono {
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
  mapRoutes(app, maps);
  exportRoutes(app, maps);
  schemaRoutes(app);
  staticRoutes(app, config.distDir);
  return app;
}
