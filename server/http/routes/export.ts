/**
 * Server-side export with the client's own renderer:
 * - GET /api/maps/:id/export.svg?locale=&mots=all|chosen|none&background=white|transparent
 * - GET /api/maps/:id/export.png?scale=1..3 (same query), rasterised with @resvg/resvg-js and the
 *   system's Noto Sans CJK, so Chinese renders. resvg is loaded on first use: where its prebuilt
 *   binary is missing the PNG route answers 501 and the SVG route still works.
 * The file name comes from the map title (Chinese kept, RFC 5987 filename*). Unknown maps: 404.
 */
import { existsSync } from 'node:fs';
import type { Context, Hono } from 'hono';
import { ID_PATTERN } from '../../../src/domain/ids';
import { localeSchema, type JourneyMap } from '../../../src/domain/schema';
import { defaultRenderOptions, EXPORT_FONT_FAMILY, renderMapSvg, type RenderOptions } from '../../../src/export/render-svg';
import { contentDisposition, fileNameFor } from '../../../src/export/file-name';
import { fitScale } from '../../../src/export/rasterize';
import type { MapRepository } from '../../maps/map-repository';
import type { AccessControl } from '../../access/require';
import { ApiError, mapNotFound } from '../errors';
import { route } from '../router';

/** Fonts given to resvg besides the system ones (those that exist on this machine). */
export const EXPORT_FONT_FILES = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc',
];

/**
 * resvg sets up text shaping for every text run, and with the 20 MB CFF font of Noto Sans CJK that
 * costs ~15–50 ms a run (a map has hundreds). A TrueType Latin font first (Liberation Sans, metric-
 * compatible with Arial) makes Latin runs ~50× faster for English maps; CJK characters still fall
 * back to Noto Sans CJK.
 */
const FAST_LATIN = { family: 'Liberation Sans', files: ['/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf', '/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf'] };

function serverFonts(locale: string): { files: string[]; family: string | undefined } {
  // Chinese maps keep Noto Sans CJK first: resvg's fallback from a Latin font ignores the weight,
  // so bold Chinese titles would come out regular.
  const latin = locale !== 'zh-CN' && FAST_LATIN.files.every((f) => existsSync(f));
  const files = [...(latin ? FAST_LATIN.files : []), ...EXPORT_FONT_FILES.filter((f) => existsSync(f))];
  return { files, family: latin ? `'${FAST_LATIN.family}', ${EXPORT_FONT_FAMILY}` : undefined };
}

function mapId(c: Context): string {
  const id = c.req.param('id');
  if (!id || !ID_PATTERN.test(id)) throw mapNotFound();
  return id;
}

function oneOf<T extends string>(c: Context, name: string, allowed: readonly T[], fallback: T): T {
  const value = c.req.query(name);
  if (value === undefined || value === '') return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new ApiError(400, `Query parameter "${name}" must be one of ${allowed.join(', ')}`, [{ path: name, message: `must be one of ${allowed.join(', ')}` }]);
}

function renderOptions(c: Context, map: JourneyMap): RenderOptions {
  const localeParam = c.req.query('locale');
  const parsedLocale = localeSchema.safeParse(localeParam);
  if (localeParam && !parsedLocale.success) throw new ApiError(400, 'Query parameter "locale" must be en or zh-CN', [{ path: 'locale', message: 'must be en or zh-CN' }]);
  const locale = parsedLocale.success ? parsedLocale.data : map.locale;
  const base = defaultRenderOptions(locale);
  const mots = oneOf(c, 'mots', ['all', 'chosen', 'none'] as const, 'all');
  return {
    ...base,
    include: { ...base.include, mots, sideList: mots !== 'none' },
    background: oneOf(c, 'background', ['white', 'transparent'] as const, 'white'),
  };
}

async function loadMap(c: Context, repo: MapRepository, access: AccessControl): Promise<JourneyMap> {
  const id = mapId(c);
  await access.require(c, id, 'view');
  const stored = await repo.get(id);
  if (!stored) throw mapNotFound();
  return stored.map;
}

type ResvgModule = typeof import('@resvg/resvg-js');
let resvg: Promise<ResvgModule | null> | undefined;
function loadResvg(): Promise<ResvgModule | null> {
  resvg ??= import('@resvg/resvg-js').catch((e: unknown) => {
    console.error('PNG export is unavailable: @resvg/resvg-js could not be loaded:', e);
    return null;
  });
  return resvg;
}

export function exportRoutes(app: Hono, repo: MapRepository, access: AccessControl): void {
  route(app, '/api/maps/:id/export.svg', {
    GET: async (c) => {
      const map = await loadMap(c, repo, access);
      const { svg } = renderMapSvg(map, renderOptions(c, map));
      c.header('Content-Type', 'image/svg+xml; charset=utf-8');
      c.header('Content-Disposition', contentDisposition(fileNameFor(map.title, 'svg')));
      c.header('X-Content-Type-Options', 'nosniff');
      return c.body(svg);
    },
  });

  route(app, '/api/maps/:id/export.png', {
    GET: async (c) => {
      const scaleParam = c.req.query('scale') ?? '2';
      const requested = Number(scaleParam);
      if (!Number.isFinite(requested) || requested < 0.25 || requested > 4) {
        throw new ApiError(400, 'Query parameter "scale" must be a number from 0.25 to 4', [{ path: 'scale', message: 'must be 0.25–4' }]);
      }
      const map = await loadMap(c, repo, access);
      const options = renderOptions(c, map);
      const mod = await loadResvg();
      if (!mod) throw new ApiError(501, 'PNG export is not available on this server; use export.svg');
      const fonts = serverFonts(options.locale);
      const { svg, width, height } = renderMapSvg(map, fonts.family ? { ...options, fontFamily: fonts.family } : options);
      const fit = fitScale(width, height, requested);
      // renderAsync: parsing, text layout and drawing run off the event loop.
      const image = await mod.renderAsync(svg, {
        fitTo: { mode: 'zoom', value: fit.scale },
        font: { fontFiles: fonts.files, loadSystemFonts: true, defaultFontFamily: 'Noto Sans CJK SC', sansSerifFamily: 'Noto Sans CJK SC' },
        ...(options.background === 'white' ? { background: '#ffffff' } : {}),
      });
      const png = image.asPng();
      c.header('Content-Type', 'image/png');
      c.header('Content-Disposition', contentDisposition(fileNameFor(map.title, 'png')));
      c.header('X-Export-Scale', String(fit.scale));
      if (fit.reduced) c.header('X-Export-Scale-Reduced', `requested ${requested}, canvas limit`);
      return c.body(new Uint8Array(png));
    },
  });
}
