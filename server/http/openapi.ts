/**
 * The OpenAPI 3.1 description of the API. Component schemas are generated from the same zod
 * schemas the routes validate with (`z.toJSONSchema`), so the document cannot drift from the code.
 */
import { z } from 'zod';
import { CURRENT_SCHEMA_VERSION, journeyMapShapeSchema } from '../../src/domain/schema';
import {
  createMapRequestSchema,
  duplicateMapRequestSchema,
  errorResponseSchema,
  healthResponseSchema,
  importMapResponseSchema,
  mapListResponseSchema,
  mapSummarySchema,
  renameMapRequestSchema,
  saveMapRequestSchema,
  versionedMapResponseSchema,
} from './api-schemas';
import { MAX_BODY_BYTES } from './body';

type JsonObject = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** JSON Schemas of a set of named zod schemas, cross-referencing each other by component name. */
function componentSchemas(named: Record<string, z.ZodType>, io: 'input' | 'output'): Record<string, JsonObject> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(named)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { uri: (id) => `#/components/schemas/${id}`, io, unrepresentable: 'any' });
  const out: Record<string, JsonObject> = {};
  for (const [id, schema] of Object.entries(schemas)) {
    const { $schema: _s, $id: _i, ...rest } = schema as JsonObject;
    out[id] = rest;
  }
  return out;
}

/** The journey map document as a standalone JSON Schema (draft 2020-12), as accepted on input. */
export function buildMapJsonSchema(id: string): JsonObject {
  const schema = z.toJSONSchema(journeyMapShapeSchema, { io: 'input', unrepresentable: 'any' }) as JsonObject;
  const { $schema, ...rest } = schema;
  return {
    $schema: $schema ?? 'https://json-schema.org/draft/2020-12/schema',
    $id: id,
    title: 'MOT Canvas journey map',
    description:
      `A customer journey map document, schema version ${CURRENT_SCHEMA_VERSION}. ` +
      'References between items (stages, lanes, personas, touchpoints) must point at existing ids; that check is not expressible here.',
    ...rest,
  };
}

const json = (schema: JsonObject, description: string) => ({ description, content: { 'application/json': { schema } } });
const error = (description: string) => json(ref('Error'), description);
const body = (schema: JsonObject, required = true) => ({ required, content: { 'application/json': { schema } } });
const etagHeader = { ETag: { description: 'The map version, quoted: "3"', schema: { type: 'string' } } };
const createdHeaders = { ...etagHeader, Location: { description: 'The new map URL', schema: { type: 'string' } } };
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' } };
const ifMatch = (required: boolean) => ({
  name: 'If-Match',
  in: 'header',
  required,
  description: 'The version the change is based on, e.g. "3".' + (required ? ' Or baseVersion in the body.' : ''),
  schema: { type: 'string' },
});
const bodyErrors = {
  '400': error('Malformed JSON, invalid body (details lists field paths) or forbidden keys'),
  '413': error(`Body larger than ${MAX_BODY_BYTES / 1024 / 1024} MB`),
  '415': error('Content-Type is not application/json'),
};

export function buildOpenApiDocument(): JsonObject {
  const schemas = {
    ...componentSchemas(
      {
        JourneyMap: journeyMapShapeSchema,
        VersionedMap: versionedMapResponseSchema,
        ImportedMap: importMapResponseSchema,
        MapSummary: mapSummarySchema,
        MapList: mapListResponseSchema,
        Health: healthResponseSchema,
        Error: errorResponseSchema,
      },
      'output',
    ),
    ...componentSchemas(
      {
        JourneyMapInput: journeyMapShapeSchema,
        CreateMapRequest: createMapRequestSchema,
        SaveMapRequest: saveMapRequestSchema,
        RenameMapRequest: renameMapRequestSchema,
        DuplicateMapRequest: duplicateMapRequestSchema,
      },
      'input',
    ),
  };
  // The save request's `map` is any object at the validation layer; document what it should be.
  const save = schemas.SaveMapRequest;
  if (save && typeof save.properties === 'object' && save.properties) {
    (save.properties as JsonObject).map = { ...ref('JourneyMapInput'), description: 'The whole journey map document.' };
  }
  schemas.ImportDocument = {
    description: `A journey map document of any supported schema version (0–${CURRENT_SCHEMA_VERSION}); older versions are migrated.`,
    anyOf: [
      ref('JourneyMapInput'),
      {
        type: 'object',
        description: 'Version 0 (prototype format): name, lang, persona, phases[].steps[]',
        required: ['phases'],
        properties: { phases: { type: 'array' } },
      },
    ],
  };

  return {
    openapi: '3.1.0',
    info: {
      title: 'MOT Canvas API',
      version: `${CURRENT_SCHEMA_VERSION}`,
      description:
        'Customer journey maps with Moments of Truth. Every error answer is JSON `{ error, details? }`. ' +
        'Writes to a map are guarded by its version (ETag / If-Match): a stale write gets 409 and changes nothing.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    paths: {
      '/api/health': {
        get: {
          operationId: 'health',
          summary: 'Liveness and database check',
          responses: { '200': json(ref('Health'), 'The server and its database are up'), '503': error('The database is not available') },
        },
      },
      '/api/maps': {
        get: {
          operationId: 'listMaps',
          summary: 'Summaries of every map, most recently updated first',
          responses: { '200': json(ref('MapList'), 'Map summaries (no documents)') },
        },
        post: {
          operationId: 'createMap',
          summary: 'Create a blank map or one from a template',
          requestBody: body(ref('CreateMapRequest')),
          responses: { '201': { ...json(ref('VersionedMap'), 'The new map, version 1'), headers: createdHeaders }, ...bodyErrors },
        },
      },
      '/api/maps/import': {
        post: {
          operationId: 'importMap',
          summary: 'Import a document as a new map (never overwrites)',
          requestBody: body(ref('ImportDocument')),
          responses: {
            '201': { ...json(ref('ImportedMap'), 'The new map; migratedFrom tells the original schema version'), headers: createdHeaders },
            ...bodyErrors,
          },
        },
      },
      '/api/maps/{id}': {
        parameters: [idParam],
        get: {
          operationId: 'getMap',
          summary: 'Read a map',
          responses: { '200': { ...json(ref('VersionedMap'), 'The map and its version'), headers: etagHeader }, '404': error('Map not found') },
        },
        put: {
          operationId: 'saveMap',
          summary: 'Replace a map document (optimistic concurrency)',
          parameters: [ifMatch(false)],
          requestBody: body(ref('SaveMapRequest')),
          responses: {
            '200': { ...json(ref('VersionedMap'), 'Saved; the new version'), headers: etagHeader },
            ...bodyErrors,
            '404': error('Map not found'),
            '409': error('The map was changed elsewhere; details has currentVersion and yourVersion. Nothing was written.'),
            '428': error('No If-Match header and no baseVersion'),
          },
        },
        patch: {
          operationId: 'renameMap',
          summary: 'Rename a map',
          parameters: [ifMatch(false)],
          requestBody: body(ref('RenameMapRequest')),
          responses: {
            '200': { ...json(ref('VersionedMap'), 'Renamed; the new version'), headers: etagHeader },
            ...bodyErrors,
            '404': error('Map not found'),
            '409': error('If-Match was given and is stale'),
          },
        },
        delete: {
          operationId: 'deleteMap',
          summary: 'Delete a map',
          parameters: [ifMatch(false)],
          responses: { '204': { description: 'Deleted' }, '404': error('Map not found'), '409': error('If-Match was given and is stale') },
        },
      },
      '/api/maps/{id}/duplicate': {
        parameters: [idParam],
        post: {
          operationId: 'duplicateMap',
          summary: 'Copy a map (every id renewed)',
          requestBody: body(ref('DuplicateMapRequest'), false),
          responses: { '201': { ...json(ref('VersionedMap'), 'The copy'), headers: createdHeaders }, ...bodyErrors, '404': error('Map not found') },
        },
      },
      '/api/schema/map.json': {
        get: {
          operationId: 'mapJsonSchema',
          summary: 'JSON Schema (draft 2020-12) of the journey map document',
          responses: { '200': { description: 'The JSON Schema', content: { 'application/schema+json': { schema: { type: 'object' } } } } },
        },
      },
      '/api/openapi.json': {
        get: {
          operationId: 'openApi',
          summary: 'This document',
          responses: { '200': { description: 'OpenAPI 3.1', content: { 'application/json': { schema: { type: 'object' } } } } },
        },
      },
    },
    components: { schemas },
  };
}
