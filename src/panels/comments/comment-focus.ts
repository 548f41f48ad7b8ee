/**
 * What the Comments panel shows, kept outside the panel so it survives switching tabs and can be
 * set from the canvas: the Open / Resolved / All filter and, after a badge was clicked, the one
 * target whose threads are shown. One small store per editor (keyed by its ViewStore).
 */
import { useSyncExternalStore } from 'react';
import type { ReactFlowInstance } from '@xyflow/react';
import type { CommentTarget, ThreadFilter } from '../../domain/comments';
import type { JourneyMap } from '../../domain/schema';
import { motById } from '../../store/selectors';
import type { ViewStore } from '../../canvas/view-state';

export interface CommentFocusState {
  filter: ThreadFilter;
  /** Only threads on this target (set by a canvas badge); null: every target. */
  target: CommentTarget | null;
}

class CommentFocusStore {
  private state: CommentFocusState = { filter: 'open', target: null };
  private readonly listeners = new Set<() => void>();
  get = (): CommentFocusState => this.state;
  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };
  set(patch: Partial<CommentFocusState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }
}

const stores = new WeakMap<ViewStore, CommentFocusStore>();

export function commentFocus(view: ViewStore): CommentFocusStore {
  let s = stores.get(view);
  if (!s) {
    s = new CommentFocusStore();
    stores.set(view, s);
  }
  return s;
}

export function useCommentFocus(view: ViewStore): CommentFocusState {
  const s = commentFocus(view);
  return useSyncExternalStore(s.subscribe, s.get, s.get);
}

/** A canvas badge was clicked: select the target and show its threads (open and resolved) in the Comments tab. */
export function openCommentsFor(view: ViewStore, target: CommentTarget): void {
  commentFocus(view).set({ target, filter: 'all' });
  view.set({ panel: 'comments', selection: { kind: target.kind, ids: [target.id] } });
}

/** The React Flow node that shows a target (an MOT is shown by its card). */
export function nodeIdOf(doc: JourneyMap, target: CommentTarget): string | null {
  if (target.kind === 'stage') return `stage:${target.id}`;
  if (target.kind === 'mot') return motById(doc, target.id)?.touchpointId ?? null;
  return target.id;
}

/** Select a target and bring it to the middle of the canvas (keeping a readable zoom). */
export function showOnCanvas(view: ViewStore, flow: ReactFlowInstance, doc: JourneyMap, target: CommentTarget): void {
  view.select({ kind: target.kind, ids: [target.id] });
  const nodeId = nodeIdOf(doc, target);
  const node = nodeId ? flow.getNode(nodeId) : undefined;
  if (!node) return;
  const width = node.width ?? node.measured?.width ?? 0;
  const height = node.height ?? node.measured?.height ?? 0;
  const zoom = flow.getZoom();
  void flow.setCenter(node.position.x + width / 2, node.position.y + height / 2, { zoom: zoom < 0.6 ? 0.8 : zoom, duration: 300 });
}
