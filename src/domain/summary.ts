import type { JourneyMap } from './schema';

export interface MapSummary {
  stageCount: number;
  touchpointCount: number;
  motCount: number;
  personaCount: number;
}

export function summarizeMap(map: JourneyMap): MapSummary {
  return {
    stageCount: map.stages.length,
    touchpointCount: map.touchpoints.length,
    motCount: map.mots.length,
    personaCount: map.personas.length,
  };
}
