/**
 * Level of detail: far out (a 14 px title drawn at less than 6 px), cards are drawn light — one box
 * in the lane colour with the peak / trough / end / MOT outline and the title — instead of the full
 * card with its icon, pin button, badges and vote dots, which cannot be read or aimed at that size.
 * Further out still (titles under 3 px), the title is a grey line: laying out and painting hundreds
 * of unreadable titles was most of the layout time of a 1000-card map. The title stays the card's
 * accessible name and tooltip.
 *
 * One subscription to React Flow's zoom for the whole canvas, turned into a boolean: zooming
 * re-renders the cards only when it crosses the threshold, and dragging (which updates React Flow's
 * store every frame) costs the cards nothing.
 */
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { useStore, type ReactFlowState } from '@xyflow/react';

/** Below this zoom, cards are drawn light. */
export const LOD_ZOOM = 0.4;
/** Below this zoom (a title under 3 px high), a card's title is drawn as a grey line, like a thumbnail. */
export const FAR_ZOOM = 0.2;

/** How much a card shows: everything, the title only, or a line where the title is. */
export type Detail = 'full' | 'light' | 'far';

const DetailContext = createContext<Detail>('full');
/** Separate, so that what only tells full from not (curve points) skips the light ↔ far crossing. */
const NotFullContext = createContext(false);

/** How long the first fitView may take before the untouched viewport counts as the real one. */
const FIT_GRACE_MS = 1500;

/**
 * Provides "zoomed far out" to the canvas nodes. Must sit inside a <ReactFlowProvider>.
 *
 * Until the canvas first fits the map to the screen, the viewport is React Flow's initial one
 * (0, 0, zoom 1) and the zoom is not known yet: cards count as far out then, so a large map is not
 * first drawn in full at zoom 1 only to be redrawn light a frame later.
 */
export function LevelOfDetailProvider({ children }: { children?: ReactNode }) {
  const placed = useRef(false);
  const [grace, setGrace] = useState(true);
  useEffect(() => {
    const timer = setTimeout(() => setGrace(false), FIT_GRACE_MS);
    return () => clearTimeout(timer);
  }, []);
  const detailOf = useCallback(
    (s: ReactFlowState): Detail => {
      const [x, y, zoom] = s.transform;
      if (!placed.current) {
        if (x === 0 && y === 0 && zoom === 1) return grace ? 'far' : 'full';
        placed.current = true;
      }
      return zoom < FAR_ZOOM ? 'far' : zoom < LOD_ZOOM ? 'light' : 'full';
    },
    [grace],
  );
  const detail = useStore(detailOf);
  return (
    <NotFullContext.Provider value={detail !== 'full'}>
      <DetailContext.Provider value={detail}>{children}</DetailContext.Provider>
    </NotFullContext.Provider>
  );
}

/** How much the canvas nodes show at the current zoom ('full' without a provider). */
export function useDetail(): Detail {
  return useContext(DetailContext);
}

/** True while the canvas is zoomed out below LOD_ZOOM (false without a provider). */
export function useFarZoom(): boolean {
  return useContext(NotFullContext);
}
