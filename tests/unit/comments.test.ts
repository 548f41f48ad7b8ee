import { describe, expect, it } from 'vitest';
import { produce } from 'immer';
import {
  allThreads,
  countsByTarget,
  countsFor,
  filterThreads,
  newCommentProblem,
  normaliseBody,
  openCount,
  threadsFor,
  withoutComment,
} from '../../src/domain/comments';
import { journeyMapSchema, type Comment, type JourneyMap } from '../../src/domain/schema';
import { createBlankMap } from '../../src/domain/defaults';
import * as cmd from '../../src/store/commands';

const T0 = Date.parse('2026-01-01T10:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

let seq = 0;
function c(p: Partial<Comment> & Pick<Comment, 'targetKind' | 'targetId'>): Comment {
  seq += 1;
  return { id: `c${seq}`, parentId: null, author: 'Ana', body: `body ${seq}`, createdAt: at(seq), resolved: false, ...p };
}

function fixture(): { doc: JourneyMap; ids: { stage: string; stage2: string; card: string; card2: string; mot: string } } {
  let doc = createBlankMap({ title: 'T', locale: 'en', now: new Date(T0) });
  const ids = { stage: '', stage2: '', card: '', card2: '', mot: '' };
  doc = produce(doc, (d) => {
    ids.stage = cmd.addStage(d, 'Book') as string;
    ids.stage2 = cmd.addStage(d, 'Fly') as string;
    const lane = d.lanes[0]!.id;
    ids.card = cmd.addTouchpoint(d, { stageId: ids.stage, laneId: lane, title: 'Search' }) as string;
    ids.card2 = cmd.addTouchpoint(d, { stageId: ids.stage2, laneId: lane, title: 'Board' }) as string;
    ids.mot = cmd.addMot(d, ids.card) as string;
  });
  return { doc, ids };
}

describe('threads', () => {
  it('groups replies under their root in time order, per target', () => {
    const root = c({ targetKind: 'touchpoint', targetId: 'A', createdAt: at(1) });
    const late = c({ targetKind: 'touchpoint', targetId: 'A', parentId: root.id, createdAt: at(9) });
    const early = c({ targetKind: 'touchpoint', targetId: 'A', parentId: root.id, createdAt: at(3) });
    const second = c({ targetKind: 'touchpoint', targetId: 'A', createdAt: at(5) });
    const elsewhere = c({ targetKind: 'stage', targetId: 'A', createdAt: at(0) });
    const comments = [late, second, root, early, elsewhere];
    const threads = threadsFor(comments, 'touchpoint', 'A');
    expect(threads.map((t) => t.root.id)).toEqual([root.id, second.id]);
    expect(threads[0]!.replies.map((r) => r.id)).toEqual([early.id, late.id]);
    expect(threads[0]!.lastActivity).toBe(at(9));
    expect(threadsFor(comments, 'stage', 'A').map((t) => t.root.id)).toEqual([elsewhere.id]);
    expect(threadsFor(comments, 'mot', 'A')).toEqual([]);
    // Memoised on the array: the same answer object.
    expect(threadsFor(comments, 'touchpoint', 'A')).toBe(threads);
  });

  it('sorts all threads open first, then by newest activity', () => {
    const a = c({ targetKind: 'stage', targetId: 'S', createdAt: at(1) });
    const aReply = c({ targetKind: 'stage', targetId: 'S', parentId: a.id, createdAt: at(50) });
    const b = c({ targetKind: 'stage', targetId: 'S', createdAt: at(20) });
    const resolvedNew = c({ targetKind: 'touchpoint', targetId: 'X', createdAt: at(99), resolved: true });
    const resolvedOld = c({ targetKind: 'touchpoint', targetId: 'X', createdAt: at(2), resolved: true });
    const threads = allThreads([resolvedOld, a, b, resolvedNew, aReply]);
    expect(threads.map((t) => t.root.id)).toEqual([a.id, b.id, resolvedNew.id, resolvedOld.id]);
    expect(filterThreads(threads, 'open').map((t) => t.root.id)).toEqual([a.id, b.id]);
    expect(filterThreads(threads, 'resolved').map((t) => t.root.id)).toEqual([resolvedNew.id, resolvedOld.id]);
    expect(filterThreads(threads, 'all', { kind: 'touchpoint', id: 'X' })).toHaveLength(2);
    expect(filterThreads(threads, 'open', { kind: 'touchpoint', id: 'X' })).toHaveLength(0);
  });

  it('counts open and resolved threads per target (replies do not count, a reply under a resolved root is resolved)', () => {
    const open1 = c({ targetKind: 'touchpoint', targetId: 'A' });
    const reply = c({ targetKind: 'touchpoint', targetId: 'A', parentId: open1.id });
    const open2 = c({ targetKind: 'touchpoint', targetId: 'A' });
    const done = c({ targetKind: 'touchpoint', targetId: 'A', resolved: true });
    const doneReply = c({ targetKind: 'touchpoint', targetId: 'A', parentId: done.id });
    const mot = c({ targetKind: 'mot', targetId: 'M', resolved: true });
    const comments = [open1, reply, open2, done, doneReply, mot];
    expect(countsFor(comments, 'touchpoint', 'A')).toEqual({ open: 2, resolved: 1 });
    expect(openCount(comments, 'touchpoint', 'A')).toBe(2);
    expect(countsFor(comments, 'mot', 'M')).toEqual({ open: 0, resolved: 1 });
    expect(openCount(comments, 'stage', 'A')).toBe(0);
    expect([...countsByTarget(comments).keys()].sort()).toEqual(['mot:M', 'touchpoint:A']);
  });

  it('shows a reply to a reply (imported documents) in the thread it leads to, and skips orphans', () => {
    const root = c({ targetKind: 'stage', targetId: 'S' });
    const r1 = c({ targetKind: 'stage', targetId: 'S', parentId: root.id });
    const r2 = c({ targetKind: 'stage', targetId: 'S', parentId: r1.id });
    const orphan = c({ targetKind: 'stage', targetId: 'S', parentId: 'missing' });
    const threads = threadsFor([root, r1, r2, orphan], 'stage', 'S');
    expect(threads).toHaveLength(1);
    expect(threads[0]!.replies.map((r) => r.id)).toEqual([r1.id, r2.id]);
  });
});

describe('new comments', () => {
  it('must point at an existing target, and a reply at a top-level comment of the same target', () => {
    const { doc, ids } = fixture();
    const root = c({ targetKind: 'touchpoint', targetId: ids.card });
    const reply = c({ targetKind: 'touchpoint', targetId: ids.card, parentId: root.id });
    const withComments = { ...doc, comments: [root, reply] };
    expect(newCommentProblem(withComments, { targetKind: 'touchpoint', targetId: ids.card, parentId: null })).toBeNull();
    expect(newCommentProblem(withComments, { targetKind: 'stage', targetId: ids.stage, parentId: null })).toBeNull();
    expect(newCommentProblem(withComments, { targetKind: 'mot', targetId: ids.mot, parentId: null })).toBeNull();
    expect(newCommentProblem(withComments, { targetKind: 'touchpoint', targetId: ids.card, parentId: root.id })).toBeNull();
    expect(newCommentProblem(withComments, { targetKind: 'stage', targetId: ids.card, parentId: null })?.path).toBe('targetId');
    expect(newCommentProblem(withComments, { targetKind: 'mot', targetId: 'gone', parentId: null })?.message).toMatch(/no Moment of Truth "gone"/);
    expect(newCommentProblem(withComments, { targetKind: 'touchpoint', targetId: ids.card, parentId: reply.id })?.message).toMatch(/not another reply/);
    expect(newCommentProblem(withComments, { targetKind: 'touchpoint', targetId: ids.card2, parentId: root.id })?.message).toMatch(/same card/);
    expect(newCommentProblem(withComments, { targetKind: 'touchpoint', targetId: ids.card, parentId: 'nope' })?.path).toBe('parentId');
  });

  it('normalises the body', () => {
    expect(normaliseBody('  a\r\nb\rc  \n')).toBe('a\nb\nc');
    expect(normaliseBody(' \n\t ')).toBe('');
  });
});

describe('deleting', () => {
  it('withoutComment removes a reply alone, or a root with all its replies', () => {
    const root = c({ targetKind: 'stage', targetId: 'S' });
    const r1 = c({ targetKind: 'stage', targetId: 'S', parentId: root.id });
    const r2 = c({ targetKind: 'stage', targetId: 'S', parentId: root.id });
    const other = c({ targetKind: 'stage', targetId: 'S' });
    const all = [root, r1, r2, other];
    expect(withoutComment(all, r1.id).map((x) => x.id)).toEqual([root.id, r2.id, other.id]);
    expect(withoutComment(all, root.id).map((x) => x.id)).toEqual([other.id]);
    expect(withoutComment(all, 'unknown')).toBe(all);
  });

  it('deleting a card, MOT, stage or lane removes comments on it (and on its MOTs) with their replies, leaving a valid map', () => {
    const { doc, ids } = fixture();
    const onCard = c({ targetKind: 'touchpoint', targetId: ids.card });
    const onCardReply = c({ targetKind: 'touchpoint', targetId: ids.card, parentId: onCard.id });
    const onMot = c({ targetKind: 'mot', targetId: ids.mot });
    const onMotReply = c({ targetKind: 'mot', targetId: ids.mot, parentId: onMot.id });
    const onStage = c({ targetKind: 'stage', targetId: ids.stage });
    const onStage2 = c({ targetKind: 'stage', targetId: ids.stage2 });
    const onCard2 = c({ targetKind: 'touchpoint', targetId: ids.card2 });
    const withComments: JourneyMap = { ...doc, comments: [onCard, onCardReply, onMot, onMotReply, onStage, onStage2, onCard2] };
    expect(journeyMapSchema.safeParse(withComments).success).toBe(true);
    const remaining = (next: JourneyMap) => next.comments.map((x) => x.id).sort();
    const valid = (next: JourneyMap) => expect(journeyMapSchema.safeParse(next).success).toBe(true);

    const noMot = produce(withComments, (d) => void cmd.deleteMot(d, ids.mot));
    expect(remaining(noMot)).toEqual([onCard, onCardReply, onStage, onStage2, onCard2].map((x) => x.id).sort());
    valid(noMot);

    const noCard = produce(withComments, (d) => void cmd.deleteTouchpoints(d, [ids.card]));
    expect(remaining(noCard)).toEqual([onStage, onStage2, onCard2].map((x) => x.id).sort());
    valid(noCard);

    const noStage = produce(withComments, (d) => void cmd.deleteStage(d, ids.stage));
    expect(remaining(noStage)).toEqual([onStage2, onCard2].map((x) => x.id).sort());
    valid(noStage);

    const noLane = produce(withComments, (d) => void cmd.deleteLane(d, d.lanes[0]!.id));
    expect(remaining(noLane)).toEqual([onStage, onStage2].map((x) => x.id).sort());
    valid(noLane);
  });

  it('the schema refuses comments on targets that no longer exist', () => {
    const { doc, ids } = fixture();
    const dangling: JourneyMap = {
      ...doc,
      touchpoints: doc.touchpoints.filter((t) => t.id !== ids.card2),
      comments: [c({ targetKind: 'touchpoint', targetId: ids.card2 })],
    };
    const result = journeyMapSchema.safeParse(dangling);
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toMatch(/unknown touchpoint/);
  });
});

describe('relative time', () => {
  it('speaks the UI language with Intl.RelativeTimeFormat', async () => {
    const { relativeTime } = await import('../../src/panels/comments/relative-time');
    const now = Date.parse('2026-03-10T12:00:00.000Z');
    const ago = (s: number) => new Date(now - s * 1000).toISOString();
    expect(relativeTime(ago(10), now, 'en')).toBe('now');
    expect(relativeTime(ago(-20), now, 'en')).toBe('now'); // a clock a little ahead
    expect(relativeTime(ago(5 * 60), now, 'en')).toBe('5 minutes ago');
    expect(relativeTime(ago(3 * 3600), now, 'en')).toBe('3 hours ago');
    expect(relativeTime(ago(24 * 3600), now, 'en')).toBe('yesterday');
    expect(relativeTime(ago(14 * 24 * 3600), now, 'en')).toBe('2 weeks ago');
    expect(relativeTime(ago(5 * 60), now, 'zh-CN')).toBe('5分钟前');
    expect(relativeTime(ago(24 * 3600), now, 'zh-CN')).toBe('昨天');
    expect(relativeTime('not a date', now, 'en')).toBe('');
  });
});
