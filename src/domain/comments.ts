/**
 * Comment threads on touchpoints, Moments of Truth and stages. Pure functions over
 * `JourneyMap.comments`; used by the server routes, the Comments panel and the canvas badges.
 *
 * A thread is a top-level comment (`parentId: null`) with its replies (comments whose `parentId`
 * is the root). Replies to replies are not made (the server refuses them); should a document hold
 * one anyway, it is shown with the thread its chain leads to. "Resolved" belongs to the thread:
 * the root's `resolved` flag.
 *
 * Deleting a target deletes its comments: the store's delete commands (deleteStage, deleteLane,
 * deleteTouchpoints, deleteMot) cascade through `commentsToRemove` (src/store/integrity.ts), and
 * the document schema refuses comments that point at something that no longer exists.
 *
 * The indexes below are memoised per `comments` array (Immer keeps the array while no comment
 * changes), so a thousand cards asking for their badge count after an edit cost one pass.
 */
import type { Comment, JourneyMap } from './schema';

export type CommentTargetKind = Comment['targetKind'];

/** Longest comment body the API accepts (the document schema allows longer, for imports). */
export const COMMENT_BODY_MAX = 2000;
/** Longest author name the API accepts. */
export const COMMENT_AUTHOR_MAX = 80;

export interface CommentTarget {
  kind: CommentTargetKind;
  id: string;
}

export interface Thread {
  root: Comment;
  /** Oldest first. */
  replies: readonly Comment[];
  /** Target of the root. */
  target: CommentTarget;
  resolved: boolean;
  /** ISO time of the newest comment in the thread. */
  lastActivity: string;
}

export interface TargetCounts {
  /** Open threads. */
  open: number;
  resolved: number;
}

export const targetKey = (kind: CommentTargetKind, id: string): string => `${kind}:${id}`;

const byTime = (a: Comment, b: Comment): number =>
  a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

interface Index {
  threads: readonly Thread[];
  byTarget: ReadonlyMap<string, readonly Thread[]>;
  counts: ReadonlyMap<string, TargetCounts>;
}

const indexCache = new WeakMap<readonly Comment[], Index>();

function buildIndex(comments: readonly Comment[]): Index {
  const byId = new Map(comments.map((c) => [c.id, c]));
  /** The root a comment belongs to (following parents; null for a cycle or a dangling parent). */
  const rootOf = (c: Comment): Comment | null => {
    let cur = c;
    const seen = new Set<string>();
    while (cur.parentId !== null) {
      if (seen.has(cur.id)) return null;
      seen.add(cur.id);
      const parent = byId.get(cur.parentId);
      if (!parent) return null;
      cur = parent;
    }
    return cur;
  };
  const replies = new Map<string, Comment[]>();
  const roots: Comment[] = [];
  for (const c of comments) {
    if (c.parentId === null) {
      roots.push(c);
      continue;
    }
    const root = rootOf(c);
    if (!root) continue;
    const list = replies.get(root.id);
    if (list) list.push(c);
    else replies.set(root.id, [c]);
  }
  const threads: Thread[] = roots.map((root) => {
    const rs = (replies.get(root.id) ?? []).sort(byTime);
    const last = rs.reduce((max, r) => (r.createdAt > max ? r.createdAt : max), root.createdAt);
    return { root, replies: rs, target: { kind: root.targetKind, id: root.targetId }, resolved: root.resolved, lastActivity: last };
  });
  const byTarget = new Map<string, Thread[]>();
  const counts = new Map<string, TargetCounts>();
  for (const th of [...threads].sort((a, b) => byTime(a.root, b.root))) {
    const key = targetKey(th.target.kind, th.target.id);
    const list = byTarget.get(key);
    if (list) list.push(th);
    else byTarget.set(key, [th]);
    const n = counts.get(key) ?? { open: 0, resolved: 0 };
    if (th.resolved) n.resolved += 1;
    else n.open += 1;
    counts.set(key, n);
  }
  threads.sort(
    (a, b) =>
      Number(a.resolved) - Number(b.resolved) ||
      (a.lastActivity > b.lastActivity ? -1 : a.lastActivity < b.lastActivity ? 1 : 0) ||
      byTime(b.root, a.root),
  );
  return { threads, byTarget, counts };
}

function index(comments: readonly Comment[]): Index {
  let hit = indexCache.get(comments);
  if (!hit) {
    hit = buildIndex(comments);
    indexCache.set(comments, hit);
  }
  return hit;
}

const NO_THREADS: readonly Thread[] = Object.freeze([]);
const NO_COUNTS: TargetCounts = Object.freeze({ open: 0, resolved: 0 });

/** Threads on one target, oldest first; each with its replies in time order. */
export function threadsFor(comments: readonly Comment[], kind: CommentTargetKind, id: string): readonly Thread[] {
  return index(comments).byTarget.get(targetKey(kind, id)) ?? NO_THREADS;
}

/** Every thread: open ones first, then the most recently active first. */
export function allThreads(comments: readonly Comment[]): readonly Thread[] {
  return index(comments).threads;
}

/** Open and resolved thread counts of one target. */
export function countsFor(comments: readonly Comment[], kind: CommentTargetKind, id: string): TargetCounts {
  return index(comments).counts.get(targetKey(kind, id)) ?? NO_COUNTS;
}

/** Open and resolved thread counts of every target that has comments (key: `targetKey`). */
export function countsByTarget(comments: readonly Comment[]): ReadonlyMap<string, TargetCounts> {
  return index(comments).counts;
}

/** Open threads of one target: the number on its canvas badge. */
export function openCount(comments: readonly Comment[], kind: CommentTargetKind, id: string): number {
  return countsFor(comments, kind, id).open;
}

export type ThreadFilter = 'open' | 'resolved' | 'all';

export function filterThreads(threads: readonly Thread[], filter: ThreadFilter, target?: CommentTarget | null): Thread[] {
  return threads.filter(
    (th) =>
      (filter === 'all' || th.resolved === (filter === 'resolved')) &&
      (!target || (th.target.kind === target.kind && th.target.id === target.id)),
  );
}

/** Does the target exist in the document? */
export function targetExists(doc: Pick<JourneyMap, 'stages' | 'touchpoints' | 'mots'>, kind: CommentTargetKind, id: string): boolean {
  const list = kind === 'stage' ? doc.stages : kind === 'touchpoint' ? doc.touchpoints : doc.mots;
  return list.some((x) => x.id === id);
}

export interface NewCommentInput {
  targetKind: CommentTargetKind;
  targetId: string;
  parentId: string | null;
}

export interface CommentProblem {
  path: string;
  message: string;
}

/**
 * Why a new comment cannot go into `doc` (null when it can): the target must exist, and a reply
 * must answer a top-level comment on the same target.
 */
export function newCommentProblem(doc: Pick<JourneyMap, 'stages' | 'touchpoints' | 'mots' | 'comments'>, input: NewCommentInput): CommentProblem | null {
  if (!targetExists(doc, input.targetKind, input.targetId)) {
    const what = input.targetKind === 'touchpoint' ? 'card (touchpoint)' : input.targetKind === 'mot' ? 'Moment of Truth' : 'stage';
    return { path: 'targetId', message: `there is no ${what} "${input.targetId}" in this map (it may have been deleted)` };
  }
  if (input.parentId !== null) {
    const parent = doc.comments.find((c) => c.id === input.parentId);
    if (!parent) return { path: 'parentId', message: `there is no comment "${input.parentId}" to reply to (it may have been deleted)` };
    if (parent.parentId !== null) return { path: 'parentId', message: 'replies answer the first comment of a thread, not another reply' };
    if (parent.targetKind !== input.targetKind || parent.targetId !== input.targetId)
      return { path: 'parentId', message: 'a reply must be on the same card, stage or Moment of Truth as the comment it answers' };
  }
  return null;
}

/** The comments without `id` and every reply below it. Returns the same array when `id` is unknown. */
export function withoutComment(comments: readonly Comment[], id: string): readonly Comment[] {
  if (!comments.some((c) => c.id === id)) return comments;
  const dead = new Set([id]);
  // Replies can only be one level deep, but follow chains anyway (imported documents).
  let grew = true;
  while (grew) {
    grew = false;
    for (const c of comments) {
      if (c.parentId !== null && dead.has(c.parentId) && !dead.has(c.id)) {
        dead.add(c.id);
        grew = true;
      }
    }
  }
  return comments.filter((c) => !dead.has(c.id));
}

/** Comment text as stored: trimmed, line endings normalised. */
export function normaliseBody(body: string): string {
  return body.replace(/\r\n?/g, '\n').trim();
}
