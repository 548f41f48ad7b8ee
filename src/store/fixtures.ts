/**
 * Sample documents for tests, benchmarks and demos: a valid map of any size, with emotions,
 * MOTs and comment threads. Not used by the app itself.
 */
import type { Comment, JourneyMap, Mot, Touchpoint } from '../domain/schema';
import { createBlankMap, PERSONA_COLORS } from '../domain/defaults';
import { newId } from '../domain/ids';

export interface SampleMapOptions {
  stages?: number;
  personas?: number;
  /** Cards in each (stage, lane) cell for the first `filledLanes` lanes. */
  cardsPerCell?: number;
  filledLanes?: number;
  /** Every n-th card gets a MOT (0 = none). */
  motEvery?: number;
  /** Every n-th card gets a comment thread with one reply (0 = none). */
  commentEvery?: number;
}

export function makeSampleMap(opts: SampleMapOptions = {}): JourneyMap {
  const { stages = 4, personas = 2, cardsPerCell = 2, filledLanes = 3, motEvery = 3, commentEvery = 4 } = opts;
  const base = createBlankMap({ title: 'Sample journey', locale: 'en', now: new Date('2025-01-01T00:00:00.000Z') });
  const doc: JourneyMap = {
    ...base,
    personas: Array.from({ length: personas }, (_, i) => ({
      id: newId(),
      name: i === 0 ? 'Primary customer' : `Persona ${i + 1}`,
      description: '',
      color: PERSONA_COLORS[i % PERSONA_COLORS.length] ?? '#2563eb',
    })),
    stages: Array.from({ length: stages }, (_, i) => ({ id: newId(), name: `Stage ${i + 1}`, description: '' })),
  };
  const touchpoints: Touchpoint[] = [];
  const mots: Mot[] = [];
  const comments: Comment[] = [];
  let n = 0;
  for (const stage of doc.stages) {
    for (const lane of doc.lanes.slice(0, filledLanes)) {
      for (let k = 0; k < cardsPerCell; k++) {
        n++;
        const emotions: Touchpoint['emotions'] = {};
        doc.personas.forEach((p, i) => {
          if ((n + i) % 3 !== 0) emotions[p.id] = { value: ((n + i) % 7) - 3 };
        });
        const tp: Touchpoint = {
          id: newId(),
          stageId: stage.id,
          laneId: lane.id,
          order: k,
          title: `Card ${n}`,
          description: '',
          channel: 'web',
          emotions,
        };
        touchpoints.push(tp);
        if (motEvery > 0 && n % motEvery === 0) {
          mots.push({
            id: newId(),
            touchpointId: tp.id,
            who: 'Clerk',
            situation: `Moment ${n}`,
            feeling: 'relieved',
            dimension: 'conversion',
            source: 'love',
            ratings: { importance: 4, performance: 2, competitorWeakness: 3 },
            votes: { love: 1, like: 2, dislike: 0 },
            chosen: n % 2 === 0,
          });
        }
        if (commentEvery > 0 && n % commentEvery === 0) {
          const thread = newId();
          const common = { author: 'Ana', createdAt: '2025-01-01T00:00:00.000Z', resolved: false };
          comments.push({ id: thread, targetKind: 'touchpoint', targetId: tp.id, parentId: null, body: 'Why here?', ...common });
          comments.push({ id: newId(), targetKind: 'touchpoint', targetId: tp.id, parentId: thread, body: 'Because.', ...common });
        }
      }
    }
  }
  for (const m of mots.filter((_, i) => i % 2 === 0)) {
    comments.push({
      id: newId(),
      targetKind: 'mot',
      targetId: m.id,
      parentId: null,
      author: 'Bo',
      body: 'Key moment',
      createdAt: '2025-01-01T00:00:00.000Z',
      resolved: false,
    });
  }
  const firstStage = doc.stages[0];
  if (firstStage) {
    comments.push({
      id: newId(),
      targetKind: 'stage',
      targetId: firstStage.id,
      parentId: null,
      author: 'Cy',
      body: 'Rename?',
      createdAt: '2025-01-01T00:00:00.000Z',
      resolved: false,
    });
  }
  return { ...doc, touchpoints, mots, comments };
}
