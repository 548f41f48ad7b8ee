/**
 * What other features draw on a card: peak/trough/end badges of the emotion curve and the
 * Moments-of-Truth pins with the pin button, the open-comments badge. Kept in one place so the card itself stays small.
 * The card subscribes once (roles, pins) and passes the values and its `t` down, so each card
 * has one translation hook and no duplicate store subscriptions.
 */
import type { TFunction } from 'i18next';
import { HighlightBadges, type TouchpointRoles } from '../emotion/HighlightBadges';
import { MotPins, PinButton, hasChosenMot } from '../mots/MotPins';
import { CommentBadge } from '../../panels/comments/CommentBadge';
import { VoteDots } from './VoteDots';

export function CardDecorations({
  touchpointId,
  title,
  selected,
  roles,
  pins,
  t,
  locale,
}: {
  touchpointId: string;
  title: string;
  selected: boolean;
  roles: readonly TouchpointRoles[];
  pins: string;
  t: TFunction;
  locale: string;
}) {
  return (
    <>
      <div className="pointer-events-auto absolute -top-2.5 right-1.5 flex items-center gap-1">
        {/* Open comment threads on the card. */}
        <CommentBadge kind="touchpoint" id={touchpointId} t={t} />
        <MotPins pins={pins} t={t} locale={locale} />
        {/* The pin button shows on hover, on keyboard focus and on the selected card, not on every card at once. */}
        <span className={`transition-opacity focus-within:opacity-100 group-hover/card:opacity-100 ${selected ? 'opacity-100' : 'opacity-0'}`}>
          <PinButton touchpointId={touchpointId} title={title} t={t} />
        </span>
      </div>
      <div className="absolute -bottom-2.5 left-2 flex gap-1">
        <HighlightBadges entries={roles} t={t} />
      </div>
      {/* Dot voting: my dots with − / + while a vote is open, rank and weighted score after the reveal. */}
      <div className="pointer-events-auto absolute -bottom-3 right-1.5 flex">
        <VoteDots touchpointId={touchpointId} title={title} pins={pins} t={t} />
      </div>
    </>
  );
}

/**
 * How a card is outlined: gold for a chosen Moment of Truth; otherwise, for a card that is the
 * peak, trough or end of a visible curve, an outline in that persona's colour.
 */
export function cardRing(pins: string, roles: readonly TouchpointRoles[]): { className: string; color: string | null } {
  if (hasChosenMot(pins)) return { className: 'ring-2 ring-amber-400', color: null };
  return { className: '', color: roles[0]?.color ?? null };
}
