/**
 * The OpenAPI 3.1 description of the API. Component schemas are generated from the same zod
 * schemas the routes validate with (`z.toJSONSchema`), so the document cannot drift from the code;
 * response bodies the routes build from TypeScript types are described in ./openapi-responses.ts,
 * which is tied to those types at compile time. tests/api/meta.test.ts checks that every route
 * registered on the app is described here, and that each operation's `x-min-role` is enforced.
 */
import { z } from 'zod';
import { commentSchema, CURRENT_SCHEMA_VERSION, journeyMapShapeSchema, localeSchema } from '../../src/domain/schema';
import type { Role } from '../access/roles';
import { WORKSPACE_COOKIE } from '../access/principal';
import { changesetSchema, opRequestSchema } from '../live/changeset-schema';
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
import {
  commentDeletedSchema,
  commentResponseSchema,
  liveEventSchema,
  liveEventSchemas,
  mapComparisonSchema,
  opResultSchema,
  participantSchema,
  roleSchema,
  sessionResponseSchema,
  shareInfoSchema,
  shareLinkListSchema,
  shareLinkResponseSchema,
  shareLinkSchema,
  versionCompareSchema,
  versionCreatedSchema,
  versionListSchema,
  versionMetaSchema,
  versionRestoreSchema,
  versionWithMapSchema,
  voteApplyResponseSchema,
  voteSessionResponseSchema,
  voteSessionSchema,
  votesStateSchema,
} from './openapi-responses';
import { createLinkSchema, signInSchema } from './routes/access';
import { createSchema as createCommentSchema, patchSchema as patchCommentSchema } from './routes/comments';
import { clientIdSchema, presenceSchema, walkthroughSchema } from './routes/live';
import { restoreSchema, saveVersionSchema } from './routes/versions';
import { ballotSchema, participantIdSchema, startSchema } from './routes/votes';

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

/** One zod schema as an inline JSON Schema (for parameters). */
function inline(schema: z.ZodType): JsonObject {
  const { $schema: _s, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonObject;
  return rest;
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
const noContent = (description: string) => ({ description });
const etagHeader = { ETag: { description: 'The map version, quoted: "3"', schema: { type: 'string' } } };
const createdHeaders = { ...etagHeader, Location: { description: 'The new map URL', schema: { type: 'string' } } };
const idPattern = { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' };
const pathParam = (name: string, description: string) => ({ name, in: 'path', required: true, description, schema: idPattern });
const idParam = pathParam('id', 'The map id');
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

// ── security ─────────────────────────────────────────────────────────────────────────────

const securitySchemes = {
  workspaceKey: {
    type: 'http',
    scheme: 'bearer',
    description: 'A workspace member (role owner): `Authorization: Bearer <workspace key>`. Every map, share links, votes.',
  },
  workspaceCookie: {
    type: 'apiKey',
    in: 'cookie',
    name: WORKSPACE_COOKIE,
    description: 'The workspace key as the HttpOnly cookie set by POST /api/session (a member’s browser; role owner).',
  },
  shareToken: {
    type: 'http',
    scheme: 'bearer',
    description:
      'A share link’s token: `Authorization: Bearer <token>`. Role view, comment or edit on that one map; any other map answers 404. ' +
      'A share token is never upgraded by a cookie sent along.',
  },
};
const MEMBER = [{ workspaceKey: [] }, { workspaceCookie: [] }];
const ANYONE_ON_MAP = [...MEMBER, { shareToken: [] }];

const ROLE_TEXT: Record<Role, string> = {
  view: 'view (any share link of this map, or a workspace member)',
  comment: 'comment (a comment or edit share link of this map, or a workspace member)',
  edit: 'edit (an edit share link of this map, or a workspace member)',
  owner: 'owner (workspace members only; share links get 403)',
};

const unauthorized = error('No credentials, or an unknown or revoked token (details.reason: no-credentials, unknown-token or revoked)');

interface Operation extends JsonObject {
  operationId: string;
  summary: string;
  description?: string;
  responses: Record<string, unknown>;
}

/**
 * An operation that needs `minRole`: its security requirements, `x-min-role`, the role in the
 * description and the 401 / 403 / 404 answers of the access check. `scope` 'workspace': the
 * action is on the workspace (mapId null in access.require), not on one map.
 */
function guarded(minRole: Role, op: Operation, scope: 'map' | 'workspace' = 'map'): Operation {
  const access: Record<string, unknown> = { '401': unauthorized };
  if (minRole !== 'view' || scope === 'workspace') {
    access['403'] = error(
      minRole === 'owner'
        ? 'A share link: only workspace members can do this (details.reason: forbidden)'
        : `A share link whose role is below ${minRole} (details: reason forbidden, role, need)`,
    );
  }
  if (scope === 'map') access['404'] = error('Map not found (a share link for another map gets this too)');
  return {
    ...op,
    description: `${op.description ? `${op.description}\n\n` : ''}Minimum role: ${ROLE_TEXT[minRole]}.`,
    security: minRole === 'owner' ? MEMBER : ANYONE_ON_MAP,
    'x-min-role': minRole,
    responses: { ...access, ...op.responses },
  };
}

/** An operation anyone may call (credentials optional). */
function open(op: Operation, security: JsonObject[] = [{}]): Operation {
  return { ...op, security };
}

const SSE_DESCRIPTION =
  'Server-sent events. Each event has an `event:` line naming its type and a `data:` line with its JSON (schema LiveEvent, ' +
  'the same object with `type`). A comment line (`: keep-alive`) comes every 15 s. Order: `hello`, then with `since` the missed ' +
  '`op` events (or `reset` with reason `gap` when they are no longer logged), then `roster`, then live events. Types:\n' +
  Object.entries(liveEventSchemas)
    .map(([type, schema]) => `- \`${type}\`: ${schema.description ?? ''}`)
    .join('\n');

const eventName = (type: string) => `LiveEvent${type.charAt(0).toUpperCase()}${type.slice(1)}`;

export function buildOpenApiDocument(): JsonObject {
  const events = Object.fromEntries(Object.entries(liveEventSchemas).map(([type, schema]) => [eventName(type), schema]));
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
        Role: roleSchema,
        Session: sessionResponseSchema,
        ShareInfo: shareInfoSchema,
        ShareLink: shareLinkSchema,
        ShareLinkList: shareLinkListSchema,
        ShareLinkResponse: shareLinkResponseSchema,
        OpResult: opResultSchema,
        Participant: participantSchema,
        Changeset: changesetSchema,
        LiveEvent: liveEventSchema,
        ...events,
        Comment: commentSchema,
        CommentResponse: commentResponseSchema,
        CommentDeleted: commentDeletedSchema,
        VersionMeta: versionMetaSchema,
        VersionList: versionListSchema,
        VersionCreated: versionCreatedSchema,
        VersionWithMap: versionWithMapSchema,
        MapComparison: mapComparisonSchema,
        VersionCompare: versionCompareSchema,
        VersionRestore: versionRestoreSchema,
        VoteSession: voteSessionSchema,
        VotesState: votesStateSchema,
        VoteSessionResponse: voteSessionResponseSchema,
        VoteApplyResponse: voteApplyResponseSchema,
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
        SignInRequest: signInSchema,
        CreateShareLinkRequest: createLinkSchema,
        OpRequest: opRequestSchema,
        PresenceRequest: presenceSchema,
        WalkthroughRequest: walkthroughSchema,
        CreateCommentRequest: createCommentSchema,
        PatchCommentRequest: patchCommentSchema,
        SaveVersionRequest: saveVersionSchema,
        RestoreVersionRequest: restoreSchema,
        StartVoteRequest: startSchema,
        BallotRequest: ballotSchema,
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

  const linkIdParam = pathParam('linkId', 'The share link id');
  const sessionIdParam = pathParam('sessionId', 'The vote session id');
  const commentIdParam = pathParam('commentId', 'The comment id');
  const versionIdParam = pathParam('versionId', 'The version id');
  const clientIdQuery = (required: boolean, description: string) => ({
    name: 'clientId',
    in: 'query',
    required,
    description,
    schema: inline(clientIdSchema),
  });
  const exportQuery = [
    { name: 'locale', in: 'query', required: false, description: 'Language of the labels; default: the map’s.', schema: inline(localeSchema) },
    { name: 'mots', in: 'query', required: false, description: 'Which Moments of Truth to draw.', schema: { type: 'string', enum: ['all', 'chosen', 'none'], default: 'all' } },
    { name: 'background', in: 'query', required: false, schema: { type: 'string', enum: ['white', 'transparent'], default: 'white' } },
  ];
  const downloadHeaders = {
    'Content-Disposition': { description: 'attachment, named after the map title (RFC 5987 filename* keeps Chinese)', schema: { type: 'string' } },
  };
  const badQuery = error('A query parameter is not valid (details names it)');
  const voteNotFound = error('Map or vote not found (a share link for another map gets this too)');
  const voteConflict = (what: string) => error(`${what} (details.reason tells which)`);

  return {
    openapi: '3.1.0',
    info: {
      title: 'MOT Canvas API',
      version: `${CURRENT_SCHEMA_VERSION}`,
      description:
        'Customer journey maps with Moments of Truth. Every error answer is JSON `{ error, details? }`. ' +
        'Writes to a map are guarded by its version (ETag / If-Match): a stale write gets 409 and changes nothing.\n\n' +
        'Access: a workspace member (role owner: workspace key as bearer token or the mot_ws cookie) may do everything; ' +
        'a share link token (bearer) gives role view, comment or edit on one map. Roles are ordered view < comment < edit < owner; ' +
        'each operation states its minimum role (`x-min-role`). No or invalid credentials: 401; a role too low: 403; ' +
        'a share link used on another map: 404.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    security: MEMBER,
    paths: {
      '/api/health': {
        get: open({
          operationId: 'health',
          summary: 'Liveness and database check',
          responses: { '200': json(ref('Health'), 'The server and its database are up'), '503': error('The database is not available') },
        }),
      },
      '/api/session': {
        get: open(
          {
            operationId: 'getSession',
            summary: 'Who am I?',
            description:
              'A browser on the server’s own machine (loopback, no proxy headers) is signed in as a workspace member at once when ' +
              'TRUST_LOCALHOST is on (the cookie is set).',
            responses: { '200': json(ref('Session'), 'A workspace member (with the key) or a share link holder'), '401': unauthorized },
          },
          [{}, ...ANYONE_ON_MAP],
        ),
        post: open({
          operationId: 'signIn',
          summary: 'Sign in with the workspace key',
          description: `Sets the HttpOnly cookie ${WORKSPACE_COOKIE}. A wrong key is answered after a short delay.`,
          requestBody: body(ref('SignInRequest')),
          responses: {
            '200': {
              ...json(ref('Session'), 'Signed in as a workspace member'),
              headers: { 'Set-Cookie': { description: `${WORKSPACE_COOKIE}=<key>; HttpOnly; SameSite=Strict`, schema: { type: 'string' } } },
            },
            ...bodyErrors,
            '401': error('That is not this workspace’s key (details.reason: wrong-key)'),
          },
        }),
        delete: open({
          operationId: 'signOut',
          summary: 'Sign out (clears the cookie)',
          responses: { '204': noContent('Signed out') },
        }),
      },
      '/api/share/{token}': {
        parameters: [{ name: 'token', in: 'path', required: true, description: 'A share link token', schema: { type: 'string' } }],
        get: open({
          operationId: 'getShareLink',
          summary: 'What a share link opens (map, title, role)',
          responses: {
            '200': json(ref('ShareInfo'), 'The map this link opens and its role'),
            '401': error('Unknown or revoked link (details.reason: unknown-token or revoked)'),
            '404': error('The map no longer exists'),
          },
        }),
      },
      '/api/maps': {
        get: guarded(
          'owner',
          { operationId: 'listMaps', summary: 'Summaries of every map, most recently updated first', responses: { '200': json(ref('MapList'), 'Map summaries (no documents)') } },
          'workspace',
        ),
        post: guarded(
          'owner',
          {
            operationId: 'createMap',
            summary: 'Create a blank map or one from a template',
            requestBody: body(ref('CreateMapRequest')),
            responses: { '201': { ...json(ref('VersionedMap'), 'The new map, version 1'), headers: createdHeaders }, ...bodyErrors },
          },
          'workspace',
        ),
      },
      '/api/maps/import': {
        post: guarded(
          'owner',
          {
            operationId: 'importMap',
            summary: 'Import a document as a new map (never overwrites)',
            requestBody: body(ref('ImportDocument')),
            responses: {
              '201': { ...json(ref('ImportedMap'), 'The new map; migratedFrom tells the original schema version'), headers: createdHeaders },
              ...bodyErrors,
            },
          },
          'workspace',
        ),
      },
      '/api/maps/{id}': {
        parameters: [idParam],
        get: guarded('view', {
          operationId: 'getMap',
          summary: 'Read a map',
          responses: {
            '200': {
              ...json(ref('VersionedMap'), 'The map and its version'),
              headers: { ...etagHeader, 'X-Map-Role': { description: 'The caller’s role on this map', schema: ref('Role') } },
            },
          },
        }),
        put: guarded('edit', {
          operationId: 'saveMap',
          summary: 'Replace a map document (optimistic concurrency)',
          parameters: [ifMatch(false)],
          requestBody: body(ref('SaveMapRequest')),
          responses: {
            '200': { ...json(ref('VersionedMap'), 'Saved; the new version'), headers: etagHeader },
            ...bodyErrors,
            '409': error('The map was changed elsewhere; details has currentVersion and yourVersion. Nothing was written.'),
            '428': error('No If-Match header and no baseVersion'),
          },
        }),
        patch: guarded('edit', {
          operationId: 'renameMap',
          summary: 'Rename a map',
          parameters: [ifMatch(false)],
          requestBody: body(ref('RenameMapRequest')),
          responses: {
            '200': { ...json(ref('VersionedMap'), 'Renamed; the new version'), headers: etagHeader },
            ...bodyErrors,
            '409': error('If-Match was given and is stale'),
          },
        }),
        delete: guarded('owner', {
          operationId: 'deleteMap',
          summary: 'Delete a map',
          parameters: [ifMatch(false)],
          responses: { '204': noContent('Deleted'), '409': error('If-Match was given and is stale') },
        }),
      },
      '/api/maps/{id}/duplicate': {
        parameters: [idParam],
        post: guarded('owner', {
          operationId: 'duplicateMap',
          summary: 'Copy a map (every id renewed)',
          requestBody: body(ref('DuplicateMapRequest'), false),
          responses: { '201': { ...json(ref('VersionedMap'), 'The copy'), headers: createdHeaders }, ...bodyErrors },
        }),
      },
      '/api/maps/{id}/links': {
        parameters: [idParam],
        get: guarded('owner', {
          operationId: 'listShareLinks',
          summary: 'The map’s share links (revoked ones included)',
          responses: { '200': json(ref('ShareLinkList'), 'The links') },
        }),
        post: guarded('owner', {
          operationId: 'createShareLink',
          summary: 'Create a share link with a role',
          requestBody: body(ref('CreateShareLinkRequest')),
          responses: { '201': json(ref('ShareLinkResponse'), 'The new link, with its token'), ...bodyErrors },
        }),
      },
      '/api/maps/{id}/links/{linkId}': {
        parameters: [idParam, linkIdParam],
        delete: guarded('owner', {
          operationId: 'revokeShareLink',
          summary: 'Revoke a share link',
          description: 'Requests with its token are refused from now on and live streams opened with it get `revoked` and close.',
          responses: { '200': json(ref('ShareLinkResponse'), 'The revoked link'), '404': error('Map or share link not found') },
        }),
      },
      '/api/maps/{id}/events': {
        parameters: [idParam],
        get: guarded('view', {
          operationId: 'liveEvents',
          summary: 'Live events of a map (server-sent events)',
          description: SSE_DESCRIPTION,
          parameters: [
            {
              name: 'since',
              in: 'query',
              required: false,
              description: 'The version the client has: operations after it are replayed first.',
              schema: { type: 'integer', minimum: 0, maximum: 999_999_999 },
            },
            clientIdQuery(false, 'The caller’s tab id: when the stream ends, the others get `left` for it.'),
          ],
          responses: {
            '200': {
              description: 'An endless event stream (it ends when the map is deleted or the share link is revoked)',
              content: {
                'text/event-stream': {
                  schema: { type: 'string', description: 'event: <type>\\ndata: <LiveEvent JSON>\\n\\n, repeated' },
                  'x-event-data': ref('LiveEvent'),
                },
              },
            },
          },
        }),
      },
      '/api/maps/{id}/ops': {
        parameters: [idParam],
        post: guarded('edit', {
          operationId: 'applyOp',
          summary: 'Apply one change set (merged three-way in server order)',
          description: 'Sent again with the same opId it is applied once. Every open stream gets it as an `op` event.',
          requestBody: body(ref('OpRequest')),
          responses: {
            '200': json(ref('OpResult'), 'Applied (or a duplicate); the new version and what lost to earlier changes'),
            ...bodyErrors,
            '422': error('The change cannot be applied to the map as it is now (details lists the problems)'),
          },
        }),
      },
      '/api/maps/{id}/presence': {
        parameters: [idParam],
        post: guarded('view', {
          operationId: 'announcePresence',
          summary: 'I am here: name, colour, selection, pointer',
          description: 'Broadcast to the map’s streams as a `presence` event (with the caller’s role).',
          requestBody: body(ref('PresenceRequest')),
          responses: { '204': noContent('Announced'), ...bodyErrors },
        }),
        delete: guarded('view', {
          operationId: 'leavePresence',
          summary: 'I left',
          parameters: [clientIdQuery(true, 'The tab that left')],
          responses: { '204': noContent('Announced as `left`'), '400': error('clientId is missing or not valid') },
        }),
      },
      '/api/maps/{id}/walkthrough': {
        parameters: [idParam],
        post: guarded('edit', {
          operationId: 'walkthrough',
          summary: 'The presenter’s current stage (null: the walkthrough ended)',
          requestBody: body(ref('WalkthroughRequest')),
          responses: { '204': noContent('Broadcast as a `walkthrough` event'), ...bodyErrors },
        }),
      },
      '/api/maps/{id}/export.svg': {
        parameters: [idParam],
        get: guarded('view', {
          operationId: 'exportSvg',
          summary: 'The map drawn as SVG (the client’s own renderer)',
          parameters: exportQuery,
          responses: {
            '200': { description: 'The SVG file', headers: downloadHeaders, content: { 'image/svg+xml': { schema: { type: 'string' } } } },
            '400': badQuery,
          },
        }),
      },
      '/api/maps/{id}/export.png': {
        parameters: [idParam],
        get: guarded('view', {
          operationId: 'exportPng',
          summary: 'The map as PNG (rendered on the server; Chinese included)',
          parameters: [
            ...exportQuery,
            { name: 'scale', in: 'query', required: false, description: 'Pixel ratio; reduced when the image would be too large.', schema: { type: 'number', minimum: 0.25, maximum: 4, default: 2 } },
          ],
          responses: {
            '200': {
              description: 'The PNG file',
              headers: {
                ...downloadHeaders,
                'X-Export-Scale': { description: 'The scale used', schema: { type: 'string' } },
                'X-Export-Scale-Reduced': { description: 'Present when the requested scale was reduced', schema: { type: 'string' } },
              },
              content: { 'image/png': { schema: { type: 'string', format: 'binary' } } },
            },
            '400': badQuery,
            '501': error('PNG rendering is not available on this server (use export.svg)'),
          },
        }),
      },
      '/api/maps/{id}/comments': {
        parameters: [idParam],
        post: guarded('comment', {
          operationId: 'addComment',
          summary: 'Comment on a touchpoint, Moment of Truth or stage (or reply to a thread)',
          requestBody: body(ref('CreateCommentRequest')),
          responses: {
            '201': json(ref('CommentResponse'), 'The comment (id and time made by the server) and the map’s new version'),
            ...bodyErrors,
            '422': error('The map would become invalid'),
          },
        }),
      },
      '/api/maps/{id}/comments/{commentId}': {
        parameters: [idParam, commentIdParam],
        patch: guarded('comment', {
          operationId: 'updateComment',
          summary: 'Resolve / reopen a thread, or change a comment’s text',
          description: 'Changing the text (`body`) needs the edit role; resolving is part of commenting. Only a thread’s first comment can be resolved.',
          requestBody: body(ref('PatchCommentRequest')),
          responses: { '200': json(ref('CommentResponse'), 'The comment as it is now'), ...bodyErrors, '404': error('Map or comment not found') },
        }),
        delete: guarded('edit', {
          operationId: 'deleteComment',
          summary: 'Delete a comment (a thread’s first comment takes its replies with it)',
          responses: { '200': json(ref('CommentDeleted'), 'How many were removed'), '404': error('Map or comment not found') },
        }),
      },
      '/api/maps/{id}/versions': {
        parameters: [idParam],
        get: guarded('view', {
          operationId: 'listVersions',
          summary: 'The map’s versions, newest first (without documents)',
          responses: { '200': json(ref('VersionList'), 'The versions') },
        }),
        post: guarded('edit', {
          operationId: 'saveVersion',
          summary: 'Keep the map as it is now under a name',
          requestBody: body(ref('SaveVersionRequest')),
          responses: { '201': json(ref('VersionCreated'), 'The named version'), ...bodyErrors },
        }),
      },
      '/api/maps/{id}/versions/{versionId}': {
        parameters: [idParam, versionIdParam],
        get: guarded('view', {
          operationId: 'getVersion',
          summary: 'One version with its document',
          responses: { '200': json(ref('VersionWithMap'), 'The version'), '404': error('Map or version not found') },
        }),
      },
      '/api/maps/{id}/versions/{versionId}/compare': {
        parameters: [idParam, versionIdParam],
        get: guarded('view', {
          operationId: 'compareVersion',
          summary: 'What changed between a version and the current map',
          responses: { '200': json(ref('VersionCompare'), 'The differences'), '404': error('Map or version not found') },
        }),
      },
      '/api/maps/{id}/versions/{versionId}/restore': {
        parameters: [idParam, versionIdParam],
        post: guarded('edit', {
          operationId: 'restoreVersion',
          summary: 'Make an old version current (the current map is kept as a version first)',
          description: 'Applied as a live operation: open streams get an `op` and a `versions` event.',
          requestBody: body(ref('RestoreVersionRequest'), false),
          responses: { '200': json(ref('VersionRestore'), 'Restored'), ...bodyErrors, '404': error('Map or version not found') },
        }),
      },
      '/api/maps/{id}/votes': {
        parameters: [idParam],
        get: guarded('view', {
          operationId: 'getVotes',
          summary: 'The active dot vote and past ones',
          description: 'While a vote is open nobody sees other people’s ballots: only how many voted and the caller’s own ballot.',
          parameters: [
            { name: 'participantId', in: 'query', required: false, description: 'Whose ballot to return as myBallot', schema: inline(participantIdSchema) },
          ],
          responses: { '200': json(ref('VotesState'), 'The vote state'), '400': badQuery },
        }),
        post: guarded('owner', {
          operationId: 'startVote',
          summary: 'Start a dot vote (one active per map)',
          requestBody: body(ref('StartVoteRequest')),
          responses: {
            '201': json(ref('VoteSessionResponse'), 'The new session'),
            ...bodyErrors,
            '409': voteConflict('A vote is already running (vote-active, with activeSessionId), or nothing to vote on (no-targets)'),
          },
        }),
      },
      '/api/maps/{id}/votes/{sessionId}/ballot': {
        parameters: [idParam, sessionIdParam],
        put: guarded('comment', {
          operationId: 'putBallot',
          summary: 'Replace the caller’s ballot (while the vote is open)',
          requestBody: body(ref('BallotRequest')),
          responses: {
            '200': json(ref('VoteSessionResponse'), 'The session as the caller sees it'),
            ...bodyErrors,
            '404': voteNotFound,
            '409': voteConflict('The vote is no longer open (revealed or closed)'),
          },
        }),
      },
      '/api/maps/{id}/votes/{sessionId}/reveal': {
        parameters: [idParam, sessionIdParam],
        post: guarded('owner', {
          operationId: 'revealVote',
          summary: 'Reveal the results (open → revealed)',
          responses: { '200': json(ref('VoteSessionResponse'), 'The session with results'), '404': voteNotFound, '409': voteConflict('Revealed or closed already') },
        }),
      },
      '/api/maps/{id}/votes/{sessionId}/close': {
        parameters: [idParam, sessionIdParam],
        post: guarded('owner', {
          operationId: 'closeVote',
          summary: 'Close the vote',
          responses: { '200': json(ref('VoteSessionResponse'), 'The closed session'), '404': voteNotFound, '409': voteConflict('Closed already') },
        }),
      },
      '/api/maps/{id}/votes/{sessionId}/apply': {
        parameters: [idParam, sessionIdParam],
        post: guarded('owner', {
          operationId: 'applyVote',
          summary: 'Add the dots per customer group to each MOT’s votes (once)',
          responses: {
            '200': json(ref('VoteApplyResponse'), 'Applied, or alreadyApplied'),
            '404': voteNotFound,
            '409': voteConflict('Not a vote on MOTs (not-mot-vote) or not revealed yet (not-revealed)'),
            '422': error('The map would become invalid'),
          },
        }),
      },
      '/api/schema/map.json': {
        get: open({
          operationId: 'mapJsonSchema',
          summary: 'JSON Schema (draft 2020-12) of the journey map document',
          responses: { '200': { description: 'The JSON Schema', content: { 'application/schema+json': { schema: { type: 'object' } } } } },
        }),
      },
      '/api/openapi.json': {
        get: open({
          operationId: 'openApi',
          summary: 'This document',
          responses: { '200': { description: 'OpenAPI 3.1', content: { 'application/json': { schema: { type: 'object' } } } } },
        }),
      },
    },
    components: { schemas, securitySchemes },
  };
}
