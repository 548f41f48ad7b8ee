/**
 * Code that runs inside the page, as plain JavaScript strings: functions compiled by tsx carry
 * helper calls (__name) that do not exist in the page, so nothing here is passed as a function.
 */

export interface RenderProbeConfig {
  mode: 'app' | 'baseline';
  /** Card boxes in flow coordinates: [id, x, y, width, height]. */
  boxes: Array<[string, number, number, number, number]>;
  /** Emotion points the lane must show (app only). */
  points: number;
}

/**
 * "Complete" = every card node whose box intersects the visible pane (after fitView) is in the DOM
 * and visible, and (app) the card's content and the whole emotion lane with all its points are
 * rendered. Checked at every animation frame from navigation on; `done` is taken after the paint
 * of the frame in which the check first passes (rAF, then a task).
 */
export function renderProbe(cfg: RenderProbeConfig): string {
  return `(() => {
  const cfg = ${JSON.stringify(cfg)};
  const state = { domDone: null, done: null, expected: 0, zoom: 0, checks: 0 };
  window.__benchRender = state;
  const TRANSFORM = /translate\\(([-\\d.e]+)px,\\s*([-\\d.e]+)px\\)\\s*scale\\(([-\\d.e]+)\\)/;
  function check() {
    const vp = document.querySelector('.react-flow__viewport');
    const pane = document.querySelector('.react-flow');
    if (!vp || !pane) return false;
    const m = TRANSFORM.exec(vp.style.transform || '');
    if (!m) return false;
    const tx = +m[1], ty = +m[2], z = +m[3];
    if (tx === 0 && ty === 0 && z === 1) return false; // fitView has not run yet
    const x0 = -tx / z, y0 = -ty / z, x1 = x0 + pane.clientWidth / z, y1 = y0 + pane.clientHeight / z;
    const rendered = new Set();
    for (const el of document.querySelectorAll('.react-flow__node')) {
      if (el.style.visibility !== 'hidden') rendered.add(el.getAttribute('data-id'));
    }
    let expected = 0;
    for (const b of cfg.boxes) {
      if (b[1] < x1 && b[1] + b[3] > x0 && b[2] < y1 && b[2] + b[4] > y0) {
        expected++;
        if (!rendered.has(b[0])) return false;
      }
    }
    if (expected === 0) return false;
    if (cfg.mode === 'app') {
      if (document.querySelectorAll('[data-testid="touchpoint-card"]').length < expected) return false;
      if (!document.querySelector('[data-testid="emotion-lane"]')) return false;
      if (document.querySelectorAll('[data-testid="emotion-point"]').length < cfg.points) return false;
    }
    state.expected = expected;
    state.zoom = z;
    return true;
  }
  function frame() {
    state.checks++;
    if (check()) {
      state.domDone = performance.now();
      requestAnimationFrame(() => setTimeout(() => { state.done = performance.now(); }, 0));
      return;
    }
    requestAnimationFrame(frame);
  }
  requestAnimationFrame(frame);
})();`;
}

/** window.__benchFrames.start() / .stop() → rAF timestamps in between. */
export const FRAME_RECORDER = `(() => {
  const rec = { on: false, t: [] };
  rec.start = () => {
    rec.t = [];
    rec.on = true;
    const loop = (ts) => { if (!rec.on) return; rec.t.push(ts); requestAnimationFrame(loop); };
    requestAnimationFrame(loop);
  };
  rec.stop = () => { rec.on = false; return rec.t.slice(); };
  window.__benchFrames = rec;
})();`;
