/**
 * Peak / trough / end chips on a touchpoint card, one per visible persona whose curve has that
 * highlight here. Each card subscribes to a string key of its own roles, so it re-renders only when
 * those change (not on every drag step elsewhere on the curve).
 */
import { memo, useCallback, useMemo } from 'react';
import type { TFunction } from 'i18next';
import { goldenIndex, rolesOf, type HighlightRole } from '../../domain/emotion';
import type { JourneyMap } from '../../domain/schema';
import { useMapSelector } from '../../store/use-map-store';
import { useViewState } from '../view-state';
import { ROLE_GLYPHS, usePersonas } from './EmotionLaneNode';

export interface TouchpointRoles {
  personaId: string;
  personaName: string;
  color: string;
  /** In the order peak, trough, end; never empty. */
  roles: HighlightRole[];
}

const NONE: readonly TouchpointRoles[] = Object.freeze([]);

/** "personaId=peak,end;personaId2=trough" for the visible personas with a role at this card ('' for none). */
function rolesKey(doc: JourneyMap, touchpointId: string, hidden: ReadonlySet<string>): string {
  const parts: string[] = [];
  for (const entry of goldenIndex(doc).personas) {
    if (hidden.has(entry.personaId)) continue;
    const roles = rolesOf(touchpointId, entry.highlights);
    if (roles.length) parts.push(`${entry.personaId}=${roles.join(',')}`);
  }
  return parts.join(';');
}

/**
 * The highlight roles this touchpoint plays on the visible personas' curves, in persona order.
 * The same array while they are unchanged; empty when it is no one's peak, trough or end.
 */
export function useTouchpointRoles(touchpointId: string): readonly TouchpointRoles[] {
  const hidden = useViewState((s) => s.hiddenPersonas);
  const selector = useCallback((doc: JourneyMap) => rolesKey(doc, touchpointId, hidden), [touchpointId, hidden]);
  const key = useMapSelector(selector);
  const personas = usePersonas();
  return useMemo(() => {
    if (!key) return NONE;
    const out: TouchpointRoles[] = [];
    for (const part of key.split(';')) {
      const [personaId = '', roles = ''] = part.split('=');
      const persona = personas.find((p) => p.id === personaId);
      if (!persona) continue;
      out.push({ personaId, personaName: persona.name, color: persona.color, roles: roles.split(',') as HighlightRole[] });
    }
    return out;
  }, [key, personas]);
}

/**
 * Small "▲ Peak" / "▼ Trough" / "⚑ End" chips in the persona colours; null when the card has none.
 * The card passes its roles (useTouchpointRoles, shared with its ring) and its `t`.
 */
export const HighlightBadges = memo(function HighlightBadges({ entries, t }: { entries: readonly TouchpointRoles[]; t: TFunction }) {
  if (entries.length === 0) return null;
  return (
    <ul className="flex flex-nowrap gap-1" data-testid="highlight-badges">
      {entries.flatMap((entry) =>
        entry.roles.map((role) => {
          const name = t(`emotion.roles.${role}`);
          const full = t('emotion.roleFor', { role: name, persona: entry.personaName });
          return (
            <li
              key={`${entry.personaId}:${role}`}
              className="inline-flex items-center gap-0.5 whitespace-nowrap rounded-full border px-1.5 text-[10px] font-semibold leading-4 text-slate-800"
              style={{ borderColor: entry.color, background: `linear-gradient(${entry.color}1f, ${entry.color}1f) #ffffff` }}
              title={full}
              data-testid="highlight-badge"
              data-persona-id={entry.personaId}
              data-role={role}
            >
              <span aria-hidden="true" style={{ color: entry.color }}>
                {ROLE_GLYPHS[role]}
              </span>
              <span aria-hidden="true">{name}</span>
              <span className="sr-only">{full}</span>
            </li>
          );
        }),
      )}
    </ul>
  );
});
