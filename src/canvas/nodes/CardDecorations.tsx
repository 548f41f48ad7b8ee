/**
 * What other features draw on a card: peak/trough/end badges of the emotion curve and the
 * Moments-of-Truth pins with the pin button. Kept in one place so the card itself stays small.
 */
import { HighlightBadges, useTouchpointRoles } from '../emotion/HighlightBadges';
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

/**
 * How a card is outlined: gold for a chosen Moment of Truth; otherwise, for a card that is the
 * peak, trough or end of a visible curve, an outline in that persona's colour.
 */
export function useCardRing(touchpointId: string): { className: string; color: string | null } {
  const chosen = useHasChosenMot(touchpointId);
  const roles = useTouchpointRoles(touchpointId);
  if (chosen) return { className: 'ring-2 ring-amber-400', color: null };
  return { className: '', color: roles[0]?.color ?? null };
}
