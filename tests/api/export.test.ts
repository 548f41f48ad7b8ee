/** Server-side export: GET /api/maps/:id/export.svg and export.png with the client's renderer. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { startServer, type TestServer } from './helpers/server';
import { createMap, type Doc } from './helpers/maps';

let server: TestServer;
let hotelZh: Doc;
let airlineEn: Doc;
beforeAll(async () => {
  server = await startServer();
  hotelZh = (await createMap(server, { locale: 'zh-CN', template: 'hotel' })).map;
  airlineEn = (await createMap(server, { locale: 'en', template: 'airline' })).map;
});
afterAll(async () => {
  await server?.dispose();
});

function svgSize(svg: string): { width: number; height: number } {
  const m = /^<svg [^>]*width="(\d+)" height="(\d+)"/.exec(svg);
  return { width: Number(m?.[1]), height: Number(m?.[2]) };
}

async function getPng(path: string): Promise<{ status: number; headers: Headers; png: PNG | null; text: string }> {
  const res = await fetch(server.baseUrl + path, { headers: server.ownerHeaders });
  const bytes = Buffer.from(await res.arrayBuffer());
  if (!res.ok) return { status: res.status, headers: res.headers, png: null, text: bytes.toString('utf8') };
  return { status: res.status, headers: res.headers, png: PNG.sync.read(bytes), text: '' };
}

describe('GET /api/maps/:id/export.svg', () => {
  it('answers the map as SVG with its stage names, safely', async () => {
    const res = await server.api(`/api/maps/${airlineEn.id}/export.svg`);
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.text.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    for (const stage of airlineEn.stages as Array<{ name: string }>) expect(res.text).toContain(stage.name.replace(/&/g, '&amp;'));
    expect(res.text).not.toMatch(/<script|\son[a-z]+="|href="http/i);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="[^"]+\.svg"; filename\*=UTF-8''Airline%20journey/);
  });

  it('renders Chinese maps in Chinese, with an RFC 5987 file name', async () => {
    const res = await server.api(`/api/maps/${hotelZh.id}/export.svg`);
    expect(res.status).toBe(200);
    for (const stage of hotelZh.stages as Array<{ name: string }>) expect(res.text).toContain(stage.name);
    expect(res.text).toContain('峰值');
    const disposition = res.headers.get('content-disposition') ?? '';
    const encoded = /filename\*=UTF-8''(.+)$/.exec(disposition)?.[1] ?? '';
    expect(decodeURIComponent(encoded)).toBe('酒店住宿旅程-从预订到退房.svg');
  });

  it('follows the query: locale, mots, background', async () => {
    const chosen = await server.api(`/api/maps/${airlineEn.id}/export.svg?mots=chosen&locale=zh-CN&background=transparent`);
    expect(chosen.status).toBe(200);
    expect(chosen.text).toContain('入选的关键时刻');
    const { width, height } = svgSize(chosen.text);
    expect(chosen.text).not.toContain(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
    const none = await server.api(`/api/maps/${airlineEn.id}/export.svg?mots=none`);
    expect(none.text).not.toContain('data-mot-id');
    const bad = await server.api(`/api/maps/${airlineEn.id}/export.svg?mots=some`);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/mots/);
    expect((await server.api(`/api/maps/${airlineEn.id}/export.svg?locale=fr`)).status).toBe(400);
  });

  it('is 404 for unknown maps and 405 for other methods', async () => {
    const res = await server.api('/api/maps/doesNotExist123/export.svg');
    expect(res.status).toBe(404);
    expect(res.body.error).toBe('Map not found');
    expect((await server.api('/api/maps/bad%20id!/export.svg')).status).toBe(404);
    expect((await server.api(`/api/maps/${airlineEn.id}/export.svg`, { method: 'POST' })).status).toBe(405);
  });
});

describe('GET /api/maps/:id/export.png', () => {
  it('renders a PNG at scale 2 with the right size and a drawn map', async () => {
    const svg = await server.api(`/api/maps/${hotelZh.id}/export.svg`);
    const size = svgSize(svg.text);
    const res = await getPng(`/api/maps/${hotelZh.id}/export.png?scale=2`);
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('x-export-scale')).toBe('2');
    const png = res.png;
    if (!png) throw new Error('no png');
    expect(png.width).toBe(size.width * 2);
    expect(png.height).toBe(size.height * 2);
    // Count pixels that are not the white background: text, cards, curves.
    let ink = 0;
    let coloured = 0;
    for (let i = 0; i < png.data.length; i += 4) {
      const r = png.data[i] ?? 255;
      const g = png.data[i + 1] ?? 255;
      const b = png.data[i + 2] ?? 255;
      if (r < 200 || g < 200 || b < 200) ink++;
      if (Math.max(r, g, b) - Math.min(r, g, b) > 80) coloured++;
    }
    const total = png.width * png.height;
    expect(ink / total).toBeGreaterThan(0.01);
    expect(coloured).toBeGreaterThan(2000); // persona curves, pins, accents
    // The top-left corner is the white background.
    expect([png.data[0], png.data[1], png.data[2], png.data[3]]).toEqual([255, 255, 255, 255]);
  });

  it('keeps a transparent background when asked, defaults to scale 2, and validates the scale', async () => {
    const res = await getPng(`/api/maps/${airlineEn.id}/export.png?scale=1&background=transparent`);
    expect(res.status).toBe(200);
    expect(res.png?.data[3]).toBe(0);
    const svg = svgSize((await server.api(`/api/maps/${airlineEn.id}/export.svg`)).text);
    expect(res.png?.width).toBe(svg.width);
    expect((await server.api(`/api/maps/${airlineEn.id}/export.png?scale=9`)).status).toBe(400);
    expect((await server.api(`/api/maps/${airlineEn.id}/export.png?scale=abc`)).status).toBe(400);
    expect((await server.api('/api/maps/doesNotExist123/export.png')).status).toBe(404);
  });
});
