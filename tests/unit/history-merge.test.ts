import { describe, expect, it } from 'vitest';
import { applyChangeset, diffDocs, merge3, shareUnchanged, type MergeStats } from '../../src/store/history';
import { createFromTemplate } from '../../src/domain/templates';
import { journeyMapSchema, type JourneyMap } from '../../src/domain/schema';

const base = (): JourneyMap => createFromTemplate('airline', 'en', new Date('2026-01-01T00:00:00Z'));
const retitle = (m: JourneyMap, i: number, title: string): JourneyMap => ({
  ...m,
  touchpoints: m.touchpoints.map((t, j) => (j === i ? { ...t, title } : t)),
});

describe('three-way merge used by live operations', () => {
  it('keeps the current reference for parts the change did not touch', () => {
    const current = { a: { x: 1 }, b: 'same' };
    expect(merge3(current, { a: { x: 1 }, b: 'old' }, { a: { x: 1 }, b: 'old' })).toBe(current);
    // Someone else changed `a` since: the merge goes key by key and keeps their `a` object.
    const theirs = { a: { x: 2 }, b: 'same' };
    const merged = merge3(theirs, { a: { x: 1 }, b: 'same' }, { a: { x: 1 }, b: 'new' }) as typeof current;
    expect(merged.b).toBe('new');
    expect(merged.a).toBe(theirs.a);
  });

  it('reports where a change lost to a newer value, and not where both made the same change', () => {
    const m = base();
    const first = applyChangeset(m, diffDocs(m, retitle(m, 0, 'First')), 'redo').doc;
    const stats: MergeStats = { conflicts: 0, paths: [] };
    const second = applyChangeset(first, diffDocs(m, retitle(m, 0, 'Second')), 'redo', stats);
    expect(second.doc).toBe(first);
    expect(stats.paths).toEqual([`touchpoints/${m.touchpoints[0]?.id}/title`]);
    const same: MergeStats = { conflicts: 0, paths: [] };
    applyChangeset(first, diffDocs(m, retitle(m, 0, 'First')), 'redo', same);
    expect(same.conflicts).toBe(0);
  });

  it('shareUnchanged makes a parsed copy share everything that did not change', () => {
    const m = base();
    const edited = retitle(m, 3, 'Edited');
    const parsed = journeyMapSchema.parse(JSON.parse(JSON.stringify(edited))) as JourneyMap;
    expect(parsed.stages).not.toBe(m.stages);
    const shared = shareUnchanged(m, parsed);
    expect(shared.stages).toBe(m.stages);
    expect(shared.touchpoints[0]).toBe(m.touchpoints[0]);
    expect(shared.touchpoints[3]?.title).toBe('Edited');
    const diff = diffDocs(m, shared);
    expect(diff.fields).toEqual([]);
    expect(diff.collections.map((c) => [c.key, c.entities.length])).toEqual([['touchpoints', 1]]);
    expect(shareUnchanged(m, journeyMapSchema.parse(JSON.parse(JSON.stringify(m))) as JourneyMap)).toBe(m);
  });
});
