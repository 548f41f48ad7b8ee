/**
 * While a curve point is dragged the document is written only at the drop; the lane, its marks and
 * the cards' badges draw the live value (src/canvas/emotion/live-curve.ts). What they show during the
 * drag must be exactly what the document will show once the value is stored.
 */
import { describe, expect, it } from 'vitest';
import { produce } from 'immer';
import { goldenIndex } from '../../src/domain/emotion';
import { createFromTemplate } from '../../src/domain/templates';
import type { JourneyMap } from '../../src/domain/schema';
import { setEmotion } from '../../src/store/commands';
import { highlightKey, liveCurve, liveHighlightKey, liveRolesKeys, rolesKey, type DraggingPoint } from '../../src/canvas/emotion/live-curve';
import { EMOTION_VALUES } from '../../src/domain/scale';

const curveOf = (doc: JourneyMap, personaId: string) => goldenIndex(doc).personas.find((p) => p.personaId === personaId)?.curve ?? [];

describe('live curve while a point is dragged', () => {
  const doc = createFromTemplate('airline', 'en');

  it('is the stored curve (same array) without a drag or at the stored value', () => {
    const persona = doc.personas[0]!.id;
    const curve = curveOf(doc, persona);
    expect(liveCurve(curve, null)).toBe(curve);
    const p = curve[2]!;
    expect(liveCurve(curve, { personaId: persona, touchpointId: p.touchpointId, value: p.value })).toBe(curve);
  });

  it('shows exactly what the document shows once the value is stored (curve, marks, card badges)', () => {
    let checked = 0;
    for (const hidden of [new Set<string>(), new Set([doc.personas[0]!.id])]) {
      for (const persona of doc.personas) {
        for (const point of curveOf(doc, persona.id)) {
          for (const value of EMOTION_VALUES) {
            const drag: DraggingPoint = { personaId: persona.id, touchpointId: point.touchpointId, value };
            const after = produce(doc, (d) => void setEmotion(d, point.touchpointId, persona.id, value));
            const stored = curveOf(doc, persona.id);
            expect(liveCurve(stored, drag)).toEqual(curveOf(after, persona.id));
            expect(liveHighlightKey(highlightKey(doc), stored, drag)).toBe(highlightKey(after));
            const live = liveRolesKeys(doc, drag, hidden);
            for (const tp of doc.touchpoints) expect(live.get(tp.id) ?? rolesKey(doc, tp.id, hidden)).toBe(rolesKey(after, tp.id, hidden));
            expect(live.size).toBeLessThanOrEqual(6);
            for (const [id, key] of live) expect(key).not.toBe(rolesKey(doc, id, hidden));
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('does not change the document', () => {
    const persona = doc.personas[0]!.id;
    const p = curveOf(doc, persona)[0]!;
    const drag: DraggingPoint = { personaId: persona, touchpointId: p.touchpointId, value: p.value === 3 ? -3 : 3 };
    const key = highlightKey(doc);
    expect(liveCurve(curveOf(doc, persona), drag)[0]!.value).toBe(drag.value);
    liveRolesKeys(doc, drag, new Set());
    expect(curveOf(doc, persona)[0]!.value).toBe(p.value);
    expect(highlightKey(doc)).toBe(key);
  });
});
