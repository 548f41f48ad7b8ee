/**
 * Opening a map by its address: start loading the editor's code (its own chunk), the session check
 * and the map itself at once — this module is the first the entry evaluates — rather than one after
 * the other once the rest of the app has run and the router has rendered.
 */
import { setShareToken } from './api/credentials';
import { startMapLoad } from './api/maps';
import { startSessionCheck } from './api/session';

const loadMapPage = () => import('./pages/MapPage');

const mapId = typeof window !== 'undefined' ? /^\/maps\/([^/]+)\/?$/.exec(window.location.pathname)?.[1] : undefined;

const early = mapId ? loadMapPage() : null;
// A failed load surfaces when the page asks for it (React.lazy), not as an unhandled rejection here.
early?.catch(() => undefined);

if (mapId) {
  // As SessionGate does for every workspace page: act as a member, never with an old share link.
  setShareToken(null);
  startMapLoad(decodeURIComponent(mapId), startSessionCheck());
}

/** The map page's module; the load started at start-up when the app opened on a map's address. */
export function mapPageModule(): ReturnType<typeof loadMapPage> {
  return early ?? loadMapPage();
}
