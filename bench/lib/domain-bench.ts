/**
 * Peak/trough/end + MOT ranking recompute, as after one emotion edit: a new map value whose
 * touchpoints array differs in one card (as Immer produces it), then the curves and highlights of
 * every persona, their peak-end figures and ending warnings, and the ranking of every MOT.
 */
import { endingWarning, goldenIndex, peakEndFigures } from '../../src/domain/emotion';
import { scoreMots } from '../../src/domain/mot-scoring';
import type { JourneyMap } from '../../src/domain/schema';
import { median, percentile } from './stats';

function editedCopy(map: JourneyMap, i: number): JourneyMap {
  const withEmotions = map.touchpoints.filter((t) => Object.keys(t.emotions).length > 0);
  const target = withEmotions[i % withEmotions.length];
  if (!target) return { ...map, touchpoints: [...map.touchpoints] };
  const personaId = Object.keys(target.emotions)[0] ?? '';
  const old = target.emotions[personaId];
  const value = ((((old?.value ?? 0) + 4) % 7) - 3) as number;
  const touchpoints = map.touchpoints.map((t) => (t === target ? { ...t, emotions: { ...t.emotions, [personaId]: { ...old, value } } } : t));
  return { ...map, touchpoints };
}

export function recompute(map: JourneyMap): number {
  let checksum = 0;
  const index = goldenIndex(map);
  for (const p of index.personas) {
    const fig = peakEndFigures(p.curve);
    const warn = endingWarning(p.curve);
    checksum += (fig?.remembered ?? 0) + (warn ? 1 : 0) + (p.highlights?.peak.index ?? 0);
  }
  const ranked = scoreMots(map);
  checksum += ranked[0]?.total ?? 0;
  return checksum;
}

export interface DomainResult {
  median: number;
  p95: number;
  runs: number;
}

export function benchRecompute(map: JourneyMap, runs = 500): DomainResult {
  const copies = Array.from({ length: runs + 50 }, (_, i) => editedCopy(map, i));
  let sink = 0;
  for (let i = 0; i < 50; i++) sink += recompute(copies[i]!); // warm-up (JIT)
  const times: number[] = [];
  for (let i = 50; i < copies.length; i++) {
    const t0 = performance.now();
    sink += recompute(copies[i]!);
    times.push(performance.now() - t0);
  }
  if (Number.isNaN(sink)) console.error('unexpected NaN');
  return { median: median(times), p95: percentile(times, 95), runs };
}
