/**
 * The built SPA (`dist/`): files with their content types, hashed assets cached for a year,
 * index.html never cached, and index.html for any other page path so client routes load.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Context, Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>MOT Canvas is not built</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; line-height: 1.5">
<h1>MOT Canvas: the app is not built</h1>
<p>The server is running and its API answers under <code>/api</code>, but the web app has not been built yet.</p>
<p>Run <code>npm run build</code> (or start with <code>npm start</code>, which builds first), then reload this page.</p>
</body></html>
`;

/** Vite's hashed output: `/assets/name-<hash>.ext`. */
const isHashedAsset = (path: string) => path.startsWith('/assets/');
/** A path whose last segment has an extension asks for a file, not a page. */
const looksLikeFile = (path: string) => /\.[A-Za-z0-9]+$/.test(path.slice(path.lastIndexOf('/') + 1));

function cacheControlFor(filePath: string, requestPath: string): string {
  if (filePath.endsWith('index.html')) return 'no-cache';
  if (isHashedAsset(requestPath)) return 'public, max-age=31536000, immutable';
  return 'public, max-age=3600';
}

export function staticRoutes(app: Hono, distDir: string): void {
  const indexPath = join(distDir, 'index.html');
  const files = serveStatic({
    root: distDir,
    onFound: (filePath, c) => {
      c.header('Cache-Control', cacheControlFor(filePath, c.req.path));
    },
  });

  const indexHtml = async (c: Context) => {
    c.header('Cache-Control', 'no-cache');
    return c.html(await readFile(indexPath, 'utf8'));
  };

  app.get('*', async (c, next) => {
    if (c.req.path === '/api' || c.req.path.startsWith('/api/')) return next();
    if (!existsSync(indexPath)) {
      c.header('Cache-Control', 'no-store');
      return c.html(NOT_BUILT_PAGE, 503);
    }
    const served = await files(c, async () => undefined);
    if (served instanceof Response) return served;
    if (isHashedAsset(c.req.path) || looksLikeFile(c.req.path)) {
      c.header('Cache-Control', 'no-store');
      return c.text('Not found', 404);
    }
    return indexHtml(c);
  });
}
