/** The machine-readable descriptions (JSON Schema, OpenAPI), security headers and the built SPA. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from './helpers/server';
import type { Doc } from './helpers/maps';

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
  it('is OpenAPI 3.1 covering every route, with the document schema as a component', async () => {
    const res = await server.api('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = res.body;
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        '/api/health',
        '/api/maps',
        '/api/maps/import',
        '/api/maps/{id}',
        '/api/maps/{id}/duplicate',
        '/api/openapi.json',
        '/api/schema/map.json',
      ].sort(),
    );
    expect(Object.keys(doc.paths['/api/maps/{id}'])).toEqual(expect.arrayContaining(['get', 'put', 'patch', 'delete']));
    const schemas = doc.components.schemas;
    expect(schemas.JourneyMap.properties.touchpoints.type).toBe('array');
    expect(schemas.JourneyMapInput.required).not.toContain('mots');
    expect(schemas.VersionedMap.properties.map.$ref).toBe('#/components/schemas/JourneyMap');
    expect(schemas.SaveMapRequest.properties.map.$ref).toBe('#/components/schemas/JourneyMapInput');
    expect(schemas.CreateMapRequest.properties.template.enum).toEqual(['airline', 'hotel']);
    expect(schemas.Error.required).toEqual(['error']);
    // Every $ref resolves.
    const refs = [...res.text.matchAll(/"\$ref": "#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(10);
    for (const name of refs) expect(schemas[name], name).toBeDefined();
    // Every operation lists responses and has an id.
    for (const [path, item] of Object.entries(doc.paths as Record<string, Doc>)) {
      for (const [method, op] of Object.entries(item as Record<string, Doc>)) {
        if (method === 'parameters') continue;
        expect(op.operationId, `${method} ${path}`).toEqual(expect.any(String));
        expect(Object.keys(op.responses).length, `${method} ${path}`).toBeGreaterThan(0);
      }
    }
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
