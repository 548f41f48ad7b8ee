/**
 * Referential-integrity repair, used after an undo/redo had to be merged with someone else's
 * changes (e.g. undoing "delete stage" after a collaborator deleted a lane some of its cards
 * lived in). Dangling things are dropped the same way the delete commands cascade:
 * cards of unknown stages/lanes, emotions of unknown personas, MOTs on unknown cards,
 * comments on unknown targets and replies to removed comments. Pure; returns `doc` itself
 * when nothing needed fixing.
 */
import type { Comment, JourneyMap, Touchpoint } from '../domain/schema';

/** Ids of comments to remove: those matching `dead`, plus every reply below them. */
export function commentsToRemove(comments: readonly Comment[], dead: (c: Comment) => boolean): Set<string> {
  const removed = new Set<string>();
  const children = new Map<string, string[]>();
  const queue: string[] = [];
  for (const c of comments) {
    if (c.parentId !== null) {
      const list = children.get(c.parentId);
      if (list) list.push(c.id);
      else children.set(c.parentId, [c.id]);
    }
    if (dead(c) && !removed.has(c.id)) {
      removed.add(c.id);
      queue.push(c.id);
    }
  }
  while (queue.length) {
    const id = queue.pop() as string;
    for (const child of children.get(id) ?? []) {
      if (!removed.has(child)) {
        removed.add(child);
        queue.push(child);
      }
    }
  }
  return removed;
}

function cellKey(t: Pick<Touchpoint, 'stageId' | 'laneId'>): string {
  return `${t.stageId}\u0000${t.laneId}`;
}

export function repairIntegrity(doc: JourneyMap): JourneyMap {
  const personaIds = new Set(doc.personas.map((p) => p.id));
  const stageIds = new Set(doc.stages.map((s) => s.id));
  const laneIds = new Set(doc.lanes.map((l) => l.id));

  let touchpoints = doc.touchpoints.filter((t) => stageIds.has(t.stageId) && laneIds.has(t.laneId));
  let changed = touchpoints.length !== doc.touchpoints.length;
  touchpoints = touchpoints.map((t) => {
    const stale = Object.keys(t.emotions).filter((pid) => !personaIds.has(pid));
    if (!stale.length) return t;
    changed = true;
    const emotions = { ...t.emotions };
    for (const pid of stale) delete emotions[pid];
    return { ...t, emotions };
  });

  // Two cards merged into one cell with the same `order`: renumber that cell only.
  const cells = new Map<string, Touchpoint[]>();
  for (const t of touchpoints) {
    const k = cellKey(t);
    const list = cells.get(k);
    if (list) list.push(t);
    else cells.set(k, [t]);
  }
  const renumbered = new Map<string, number>();
  for (const list of cells.values()) {
    if (new Set(list.map((t) => t.order)).size === list.length) continue;
    list
      .slice()
      .sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .forEach((t, i) => renumbered.set(t.id, i));
  }
  if (renumbered.size) {
    changed = true;
    touchpoints = touchpoints.map((t) => {
      const order = renumbered.get(t.id);
      return order === undefined || order === t.order ? t : { ...t, order };
    });
  }

  const touchpointIds = new Set(touchpoints.map((t) => t.id));
  const mots = doc.mots.filter((m) => touchpointIds.has(m.touchpointId));
  if (mots.length !== doc.mots.length) changed = true;
  const motIds = new Set(mots.map((m) => m.id));
  const commentIds = new Set(doc.comments.map((c) => c.id));
  const dead = commentsToRemove(doc.comments, (c) => {
    const targets = c.targetKind === 'touchpoint' ? touchpointIds : c.targetKind === 'mot' ? motIds : stageIds;
    return !targets.has(c.targetId) || (c.parentId !== null && !commentIds.has(c.parentId));
  });
  const comments = dead.size ? doc.comments.filter((c) => !dead.has(c.id)) : doc.comments;
  if (dead.size) changed = true;

  if (!changed) return doc;
  return {
    ...doc,
    touchpoints: touchpoints.length === doc.touchpoints.length && touchpoints.every((t, i) => t === doc.touchpoints[i]) ? doc.touchpoints : touchpoints,
    mots: mots.length === doc.mots.length ? doc.mots : mots,
    comments,
  };
}
