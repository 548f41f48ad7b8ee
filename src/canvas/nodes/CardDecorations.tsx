/**
 * What other features draw on a card: peak/trough/end badges of the emotion curve and the
 * Moments-of-Truth pins with the pin button. Kept in one place so the card itself stays small.
 */
import { HighlightBadges } from '../emotion/HighlightBadges';
import { MotPins, PinButton, useHasChosenMot } from '../mots/MotPins';

export function CardDecorations({ touchpointId, selected }: { touchpointId: string; selected: boolean }) {
  return (
    <>
      <div className="pointer-events-auto absolute -top-2.5 right-1.5 flex items-center gap-1">
        <MotPins touchpointId={touchpointId} />
        {/* The pin button shows on hover, on keyboard focus and on the selected card, not on every card at once. */}
        <span className={`transition-opacity focus-within:opacity-100 group-hover/card:opacity-100 ${selected ? 'opacity-100' : 'opacity-0'}`}>
          <PinButton touchpointId={touchpointId} />
        </span>
      </div>
      <div className="absolute -bottom-2.5 left-2 flex gap-1">
        <HighlightBadges touchpointId={touchpointId} />
      </div>
    </>
  );
}

/** A gold ring for a card that carries a chosen Moment of Truth; '' otherwise. */
export function useCardRing(touchpointId: string): string {
  return useHasChosenMot(touchpointId) ? 'ring-2 ring-amber-400' : '';
}
