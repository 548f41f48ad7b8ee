/** Machine-readable descriptions: the document's JSON Schema and the API's OpenAPI document. */
import type { Hono } from 'hono';
import { buildMapJsonSchema, buildOpenApiDocument } from '../openapi';
import { route } from '../router';

export function schemaRoutes(app: Hono): void {
  let openApi: string | undefined;
  route(app, '/api/schema/map.json', {
    GET: (c) => {
      const id = new URL('/api/schema/map.json', c.req.url).href;
      c.header('Content-Type', 'application/schema+json; charset=UTF-8');
      return c.body(JSON.stringify(buildMapJsonSchema(id), null, 2));
    },
  });
  route(app, '/api/openapi.json', {
    GET: (c) => {
      openApi ??= JSON.stringify(buildOpenApiDocument(), null, 2);
      c.header('Content-Type', 'application/json; charset=UTF-8');
      return c.body(openApi);
    },
  });
}
