/**
 * The zod schemas of every API request and response body. Routes validate with them and the
 * OpenAPI document is generated from them, so the two cannot drift apart.
 */
import { z } from 'zod';
import { journeyMapShapeSchema, LIMITS, localeSchema } from '../../src/domain/schema';
import { templateIdSchema } from '../../src/domain/templates';

const mapTitle = z
  .string()
  .trim()
  .min(1, 'cannot be empty')
  .max(LIMITS.mapTitle, `must be at most ${LIMITS.mapTitle} characters`);

// ── requests ──────────────────────────────────────────────────────────────────────────────

export const createMapRequestSchema = z
  .strictObject({
    /** Blank or absent: "Untitled journey" (or the template's title). */
    title: z.string().trim().max(LIMITS.mapTitle, `must be at most ${LIMITS.mapTitle} characters`).optional(),
    locale: localeSchema,
    template: templateIdSchema.optional(),
  })
  .describe('A new map: blank, or from a template. A blank or absent title gets a default in the map language.');

export const saveMapRequestSchema = z
  .strictObject({
    map: z.record(z.string(), z.unknown()).describe('The whole journey map document (any supported schema version).'),
    baseVersion: z.number().int('must be a whole number').min(1).optional().describe('Alternative to the If-Match header.'),
  })
  .describe('Replace the document. Needs the version it was based on: If-Match: "<version>" or baseVersion.');

export const renameMapRequestSchema = z.strictObject({ title: mapTitle });

export const duplicateMapRequestSchema = z
  .strictObject({ title: mapTitle.optional() })
  .describe('Optional: the copy gets "<title> (copy)" unless a title is given.');

// ── responses ─────────────────────────────────────────────────────────────────────────────

export const mapSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  locale: localeSchema,
  version: z.number().int(),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
  stageCount: z.number().int(),
  touchpointCount: z.number().int(),
  motCount: z.number().int(),
});

export const mapListResponseSchema = z.object({ maps: z.array(mapSummarySchema) });

export const versionedMapResponseSchema = z.object({ map: journeyMapShapeSchema, version: z.number().int().min(1) });

export const importMapResponseSchema = versionedMapResponseSchema.extend({
  migratedFrom: z.number().int().min(0).describe('The schema version of the imported document.'),
});

export const healthResponseSchema = z.object({
  ok: z.literal(true),
  database: z.enum(['pglite', 'postgres']),
  schemaVersion: z.number().int().describe('The journey-map document schema version this server writes.'),
  databaseSchemaVersion: z.number().int().describe('The newest database migration applied.'),
});

export const fieldProblemSchema = z.object({ path: z.string(), message: z.string() });

export const errorResponseSchema = z.object({
  error: z.string(),
  details: z.union([z.array(fieldProblemSchema), z.record(z.string(), z.unknown())]).optional(),
});
