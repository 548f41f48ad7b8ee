import { useCurveNarratives } from '../canvas/emotion/EmotionLaneNode';

/** The emotion curves in words: the canvas' accessible description. */
export function CanvasNarrative({ id }: { id: string }) {
  const sentences = useCurveNarratives();
  return (
    <p id={id} className="sr-only">
      {sentences.join(' ')}
    </p>
  );
}
