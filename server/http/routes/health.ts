import type { Hono } from 'hono';
import { CURRENT_SCHEMA_VERSION } from '../../../src/domain/schema';
import type { Database } from '../../db/database';
import type { z } from 'zod';
import type { healthResponseSchema } from '../api-schemas';
import { ApiError } from '../errors';
import { route } from '../router';

export function healthRoutes(app: Hono, db: Database): void {
  route(app, '/api/health', {
    GET: async (c) => {
      let databaseSchemaVersion: number;
      try {
        const { rows } = await db.query<{ v: number }>('SELECT coalesce(max(version), 0)::integer AS v FROM schema_migrations');
        databaseSchemaVersion = rows[0]?.v ?? 0;
      } catch (e) {
        console.error('Health check: the database did not answer:', e);
        throw new ApiError(503, 'The database is not available');
      }
      const body: z.infer<typeof healthResponseSchema> = {
        ok: true,
        database: db.kind,
        schemaVersion: CURRENT_SCHEMA_VERSION,
        databaseSchemaVersion,
      };
      return c.json(body);
    },
  });
}
