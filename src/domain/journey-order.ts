import type { JourneyMap, Touchpoint } from './schema';

/**
 * The journey sequence: touchpoints ordered by stage (left to right), then lane (top to bottom),
 * then order inside the cell. This is the order the customer lives the journey in; its last
 * element is the journey's end.
 */
export function journeySequence(map: Pick<JourneyMap, 'stages' | 'lanes' | 'touchpoints'>): Touchpoint[] {
  const stageIndex = new Map(map.stages.map((s, i) => [s.id, i]));
  const laneIndex = new Map(map.lanes.map((l, i) => [l.id, i]));
  return map.touchpoints
    .filter((t) => stageIndex.has(t.stageId) && laneIndex.has(t.laneId))
    .sort(
      (a, b) =>
        (stageIndex.get(a.stageId) ?? 0) - (stageIndex.get(b.stageId) ?? 0) ||
        (laneIndex.get(a.laneId) ?? 0) - (laneIndex.get(b.laneId) ?? 0) ||
        a.order - b.order ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
}

/** Touchpoints in one (stage, lane) cell, in order. */
export function touchpointsInCell(map: Pick<JourneyMap, 'touchpoints'>, stageId: string, laneId: string): Touchpoint[] {
  return map.touchpoints
    .filter((t) => t.stageId === stageId && t.laneId === laneId)
    .sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
