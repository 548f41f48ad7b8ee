/** The machine-readable descriptions (JSON Schema, OpenAPI), security headers and the built SPA. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from './helpers/server';
import type { Doc } from './helpers/maps';
import { createApp } from '../../server/app';
import type { Database } from '../../server/db/database';
import * as R from '../../server/http/openapi-responses';
import type { z } from 'zod';

/** A stand-in for `vite build` output, so these tests do not depend on a build. */
const dist = mkdtempSync(join(tmpdir(), 'mot-dist-'));
mkdirSync(join(dist, 'assets'));
writeFileSync(join(dist, 'index.html'), '<!doctype html><html><head><script type="module" src="/assets/app-Ab12Cd34.js"></script></head><body><div id="root"></div></body></html>');
writeFileSync(join(dist, 'assets', 'app-Ab12Cd34.js'), 'console.log("app");\n');
writeFileSync(join(dist, 'assets', 'app-Ab12Cd34.css'), 'body { margin: 0 }\n');
writeFileSync(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ env: { DIST_DIR: dist } });
});
afterAll(async () => {
  await server?.dispose();
  rmSync(dist, { recursive: true, force: true });
});

describe('JSON Schema of the document', () => {
  it('is a draft 2020-12 schema with $id and title, describing the document', async () => {
    const res = await server.api('/api/schema/map.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/json/);
    const s = res.body;
    expect(s.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(s.$id).toBe(`${server.baseUrl}/api/schema/map.json`);
    expect(s.title).toBe('MOT Canvas journey map');
    expect(s.type).toBe('object');
    expect(Object.keys(s.properties)).toEqual(
      expect.arrayContaining(['id', 'schemaVersion', 'title', 'locale', 'personas', 'stages', 'lanes', 'touchpoints', 'mots', 'comments']),
    );
    expect(s.properties.schemaVersion.const).toBe(1);
    // Input schema: fields with defaults are optional.
    expect(s.required).toContain('touchpoints');
    expect(s.required).not.toContain('mots');
    expect(s.properties.touchpoints.items.properties.title.maxLength).toBe(2000);
  });
});

describe('OpenAPI', () => {
  const PATHS = [
    '/api/health',
    '/api/session',
    '/api/share/{token}',
    '/api/maps',
    '/api/maps/import',
    '/api/maps/{id}',
    '/api/maps/{id}/duplicate',
    '/api/maps/{id}/links',
    '/api/maps/{id}/links/{linkId}',
    '/api/maps/{id}/events',
    '/api/maps/{id}/ops',
    '/api/maps/{id}/presence',
    '/api/maps/{id}/walkthrough',
    '/api/maps/{id}/export.svg',
    '/api/maps/{id}/export.png',
    '/api/maps/{id}/comments',
    '/api/maps/{id}/comments/{commentId}',
    '/api/maps/{id}/versions',
    '/api/maps/{id}/versions/{versionId}',
    '/api/maps/{id}/versions/{versionId}/compare',
    '/api/maps/{id}/versions/{versionId}/restore',
    '/api/maps/{id}/votes',
    '/api/maps/{id}/votes/{sessionId}/ballot',
    '/api/maps/{id}/votes/{sessionId}/reveal',
    '/api/maps/{id}/votes/{sessionId}/close',
    '/api/maps/{id}/votes/{sessionId}/apply',
    '/api/openapi.json',
    '/api/schema/map.json',
  ];
  const METHODS = ['get', 'put', 'post', 'patch', 'delete'];

  let doc: Doc;
  let text: string;
  beforeAll(async () => {
    const res = await server.api('/api/openapi.json');
    expect(res.status).toBe(200);
    doc = res.body;
    text = res.text;
  });
  /** Every operation: [path, method, operation]. */
  const operations = (): [string, string, Doc][] =>
    Object.entries(doc.paths as Record<string, Doc>).flatMap(([path, item]) =>
      Object.entries(item as Record<string, Doc>)
        .filter(([method]) => METHODS.includes(method))
        .map(([method, op]): [string, string, Doc] => [path, method, op]),
    );

  it('is OpenAPI 3.1 covering every route, with the document schema as a component', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual([...PATHS].sort());
    expect(Object.keys(doc.paths['/api/maps/{id}'])).toEqual(expect.arrayContaining(['get', 'put', 'patch', 'delete']));
    const schemas = doc.components.schemas;
    expect(schemas.JourneyMap.properties.touchpoints.type).toBe('array');
    expect(schemas.JourneyMapInput.required).not.toContain('mots');
    expect(schemas.VersionedMap.properties.map.$ref).toBe('#/components/schemas/JourneyMap');
    expect(schemas.SaveMapRequest.properties.map.$ref).toBe('#/components/schemas/JourneyMapInput');
    expect(schemas.CreateMapRequest.properties.template.enum).toEqual(['airline', 'hotel']);
    expect(schemas.Error.required).toEqual(['error']);
    // Request bodies come from the routes' own zod schemas.
    expect(schemas.CreateShareLinkRequest.properties.role.enum).toEqual(['view', 'comment', 'edit']);
    expect(schemas.CreateShareLinkRequest.additionalProperties).toBe(false);
    expect(schemas.BallotRequest.properties.group.enum).toEqual(['love', 'like', 'dislike']);
    expect(schemas.StartVoteRequest.properties.dotsPerPerson.maximum).toBe(20);
    expect(schemas.CreateCommentRequest.properties.targetKind.enum).toEqual(['touchpoint', 'mot', 'stage']);
    expect(schemas.SaveVersionRequest.properties.name.maxLength).toBe(120);
    expect(schemas.OpRequest.required).toEqual(expect.arrayContaining(['opId', 'clientId', 'baseVersion', 'changeset']));
    expect(schemas.PresenceRequest.properties.color.pattern).toBe('^#[0-9a-fA-F]{6}$');
    expect(schemas.VersionWithMap.properties.map.$ref).toBe('#/components/schemas/JourneyMap');
    expect(schemas.CommentResponse.properties.comment.$ref).toBe('#/components/schemas/Comment');
    // Every $ref resolves.
    const refs = [...text.matchAll(/"\$ref": "#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(10);
    for (const name of refs) expect(schemas[name], name).toBeDefined();
    // Every operation lists responses and has a unique id; path parameters are declared.
    const ids = new Set<string>();
    for (const [path, method, op] of operations()) {
      expect(op.operationId, `${method} ${path}`).toEqual(expect.any(String));
      expect(ids.has(op.operationId), `duplicate ${op.operationId}`).toBe(false);
      ids.add(op.operationId);
      expect(Object.keys(op.responses).length, `${method} ${path}`).toBeGreaterThan(0);
      const declared = [...(doc.paths[path].parameters ?? []), ...(op.parameters ?? [])].filter((p: Doc) => p.in === 'path').map((p: Doc) => p.name);
      const templated = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      expect(declared.sort(), `${method} ${path}`).toEqual(templated.sort());
    }
  });

  it('documents who may call each operation: security schemes, x-min-role and the access errors', () => {
    const schemes = doc.components.securitySchemes;
    expect(schemes.workspaceKey).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(schemes.workspaceCookie).toMatchObject({ type: 'apiKey', in: 'cookie', name: 'mot_ws' });
    expect(schemes.shareToken).toMatchObject({ type: 'http', scheme: 'bearer' });
    for (const [path, method, op] of operations()) {
      const where = `${method} ${path}`;
      expect(Array.isArray(op.security), where).toBe(true);
      const role = op['x-min-role'];
      if (role === undefined) {
        // Open to anyone: anonymous access is listed.
        expect(op.security, where).toContainEqual({});
        continue;
      }
      expect(['view', 'comment', 'edit', 'owner'], where).toContain(role);
      expect(op.description, where).toContain(`Minimum role: ${role}`);
      expect(op.security, where).not.toContainEqual({});
      expect(op.security.some((s: Doc) => 'shareToken' in s), where).toBe(role !== 'owner');
      expect(op.responses['401'].content['application/json'].schema.$ref, where).toBe('#/components/schemas/Error');
      if (role !== 'view') expect(op.responses['403'], where).toBeDefined();
      if (path.includes('{id}')) expect(op.responses['404'], where).toBeDefined();
    }
  });

  it('describes the live event stream', () => {
    const op = doc.paths['/api/maps/{id}/events'].get;
    const media = op.responses['200'].content['text/event-stream'];
    expect(media['x-event-data'].$ref).toBe('#/components/schemas/LiveEvent');
    const types = ['hello', 'roster', 'op', 'reset', 'deleted', 'presence', 'left', 'votes', 'walkthrough', 'versions', 'revoked'];
    const variants = doc.components.schemas.LiveEvent.oneOf.map((r: Doc) => doc.components.schemas[r.$ref.split('/').pop()]);
    expect(variants.map((v: Doc) => v.properties.type.const).sort()).toEqual([...types].sort());
    for (const t of types) expect(op.description).toContain(`\`${t}\``);
    expect(doc.components.schemas.LiveEventOp.properties.changeset.$ref).toBe('#/components/schemas/Changeset');
    expect(op.parameters.map((p: Doc) => p.name)).toEqual(['since', 'clientId']);
  });

  it('describes every route the app registers, and nothing else', async () => {
    // The app built in-process (the database is never touched while routes are registered).
    const db = { kind: 'pglite', query: () => Promise.reject(new Error('no database')), transaction: () => Promise.reject(new Error('no database')), close: async () => {} };
    const { app } = createApp({ db: db as unknown as Database, config: { distDir: dist, trustLocalhost: false }, workspaceKey: 'k' });
    const registered = new Set(
      app.routes
        .filter((r) => r.path.startsWith('/api/') && METHODS.includes(r.method.toLowerCase()))
        .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, '{$1}')}`),
    );
    expect(registered.size).toBeGreaterThan(30);
    const documented = new Set(operations().map(([path, method]) => `${method} ${path}`));
    expect([...registered].filter((r) => !documented.has(r)), 'routes missing from the OpenAPI document').toEqual([]);
    expect([...documented].filter((d) => !registered.has(d)), 'documented operations with no route').toEqual([]);
  });

  it('x-min-role is what the server enforces', { timeout: 60_000 }, async () => {
    const created = await server.api('/api/maps', { method: 'POST', json: { locale: 'en' } });
    expect(created.status).toBe(201);
    const mapId: string = created.body.map.id;
    const tokens: Record<string, string> = {};
    for (const role of ['view', 'comment', 'edit']) {
      const link = await server.api(`/api/maps/${mapId}/links`, { method: 'POST', json: { role, label: role } });
      expect(link.status).toBe(201);
      tokens[role] = link.body.link.token;
    }
    const below: Record<string, string> = { comment: 'view', edit: 'comment', owner: 'edit' };
    const guardedOps = operations().filter(([, , op]) => op['x-min-role'] !== undefined);
    expect(guardedOps.length).toBeGreaterThan(25);
    for (const [path, method, op] of guardedOps) {
      const role: string = op['x-min-role'];
      const url = path.replace('{id}', mapId).replace(/\{\w+\}/g, 'nosuchid1');
      const init = { method: method.toUpperCase(), ...(op.requestBody ? { json: {} } : {}) };
      const where = `${method} ${path} (${role})`;
      expect((await server.api(url, { ...init, as: 'anonymous' })).status, `${where} anonymous`).toBe(401);
      const lower = below[role];
      if (lower) {
        const res = await server.api(url, { ...init, as: { token: tokens[lower]! } });
        expect(res.status, `${where} as ${lower}`).toBe(403);
      }
      if (method === 'get') {
        // Reading with exactly the minimum role gets past the access check (the stream is not read).
        const ac = new AbortController();
        const res = await fetch(`${server.baseUrl}${url}`, {
          headers: role === 'owner' ? server.ownerHeaders : { authorization: `Bearer ${tokens[role]}` },
          signal: ac.signal,
        });
        expect([401, 403], `${where} as ${role}: ${res.status}`).not.toContain(res.status);
        ac.abort();
        await res.body?.cancel().catch(() => undefined);
      }
    }
  });

  it('real answers match the documented response schemas', { timeout: 60_000 }, async () => {
    const ok = (schema: z.ZodType, res: { status: number; body: unknown }, where: string, status = 200) => {
      expect(res.status, `${where}: ${JSON.stringify(res.body)}`).toBe(status);
      const parsed = schema.safeParse(res.body);
      expect(parsed.success ? [] : parsed.error.issues, where).toEqual([]);
    };
    const created = await server.api('/api/maps', { method: 'POST', json: { locale: 'en', template: 'airline' } });
    const mapId: string = created.body.map.id;
    const touchpointId: string = created.body.map.touchpoints[0].id;
    ok(R.sessionResponseSchema, await server.api('/api/session'), 'session');
    const link = await server.api(`/api/maps/${mapId}/links`, { method: 'POST', json: { role: 'comment' } });
    ok(R.shareLinkResponseSchema, link, 'create link', 201);
    ok(R.shareLinkListSchema, await server.api(`/api/maps/${mapId}/links`), 'links');
    ok(R.shareInfoSchema, await server.api(`/api/share/${link.body.link.token}`, { as: 'anonymous' }), 'share info');
    ok(R.sessionResponseSchema, await server.api('/api/session', { as: { token: link.body.link.token } }), 'guest session');
    const comment = await server.api(`/api/maps/${mapId}/comments`, {
      method: 'POST',
      json: { targetKind: 'touchpoint', targetId: touchpointId, body: 'Too slow', author: 'Ann' },
    });
    ok(R.commentResponseSchema, comment, 'add comment', 201);
    ok(R.commentResponseSchema, await server.api(`/api/maps/${mapId}/comments/${comment.body.comment.id}`, { method: 'PATCH', json: { resolved: true } }), 'resolve');
    const version = await server.api(`/api/maps/${mapId}/versions`, { method: 'POST', json: { name: 'Workshop start' } });
    ok(R.versionCreatedSchema, version, 'save version', 201);
    ok(R.versionListSchema, await server.api(`/api/maps/${mapId}/versions`), 'versions');
    const vid: string = version.body.version.id;
    ok(R.versionWithMapSchema, await server.api(`/api/maps/${mapId}/versions/${vid}`), 'version');
    ok(R.commentDeletedSchema, await server.api(`/api/maps/${mapId}/comments/${comment.body.comment.id}`, { method: 'DELETE' }), 'delete comment');
    ok(R.versionCompareSchema, await server.api(`/api/maps/${mapId}/versions/${vid}/compare`), 'compare');
    ok(R.versionRestoreSchema, await server.api(`/api/maps/${mapId}/versions/${vid}/restore`, { method: 'POST', json: {} }), 'restore');
    const vote = await server.api(`/api/maps/${mapId}/votes`, { method: 'POST', json: { targetKind: 'touchpoint', dotsPerPerson: 3 } });
    ok(R.voteSessionResponseSchema, vote, 'start vote', 201);
    const sid: string = vote.body.session.id;
    const ballot = { participantId: 'participant-1', name: 'Ann', group: 'love', dots: { [touchpointId]: 2 } };
    ok(R.voteSessionResponseSchema, await server.api(`/api/maps/${mapId}/votes/${sid}/ballot`, { method: 'PUT', json: ballot }), 'ballot');
    ok(R.votesStateSchema, await server.api(`/api/maps/${mapId}/votes?participantId=participant-1`), 'votes');
    const revealed = await server.api(`/api/maps/${mapId}/votes/${sid}/reveal`, { method: 'POST' });
    ok(R.voteSessionResponseSchema, revealed, 'reveal');
    expect(revealed.body.session.results.targets.length).toBeGreaterThan(0);
    ok(R.voteSessionResponseSchema, await server.api(`/api/maps/${mapId}/votes/${sid}/close`, { method: 'POST' }), 'close');
  });
});

describe('security headers', () => {
  it('sends a CSP fit for the SPA and the usual hardening headers on pages and API', async () => {
    for (const path of ['/', '/api/health']) {
      const res = await server.api(path);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("img-src 'self' data: blob:");
      expect(csp).toContain("style-src 'self' 'unsafe-inline'");
      expect(csp).toContain("font-src 'self' data:");
      expect(csp).toContain("connect-src 'self'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-powered-by')).toBeNull();
    }
  });
});

describe('the built app', () => {
  it('serves index.html uncached at / and for client routes', async () => {
    for (const path of ['/', '/maps/abc123', '/maps/abc123/edit?x=1']) {
      const res = await server.api(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(res.text).toContain('<div id="root">');
    }
  });

  it('serves hashed assets with their types, cached immutably', async () => {
    const js = await server.api('/assets/app-Ab12Cd34.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript|^application\/javascript/);
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const css = await server.api('/assets/app-Ab12Cd34.css');
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    const svg = await server.api('/favicon.svg');
    expect(svg.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(svg.headers.get('cache-control')).not.toContain('immutable');
  });

  it('answers 404 (not index.html) for missing files and refuses path escapes', async () => {
    expect((await server.api('/assets/missing-123.js')).status).toBe(404);
    expect((await server.api('/robots.txt')).status).toBe(404);
    const escape = await server.api('/..%2F..%2Fpackage.json');
    expect(escape.text).not.toContain('"dependencies"');
  });

  it('says clearly when the app is not built', { timeout: 180_000 }, async () => {
    const empty = mkdtempSync(join(tmpdir(), 'mot-nodist-'));
    const bare = await startServer({ env: { DIST_DIR: empty } });
    try {
      const res = await bare.api('/');
      expect(res.status).toBe(503);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.text).toContain('npm run build');
      expect((await bare.api('/api/health')).status).toBe(200);
    } finally {
      await bare.dispose();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
