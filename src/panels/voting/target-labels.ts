/** How a vote target is named in the UI: a touchpoint's title, or "MOT 3 · Check-in desk". */
import type { TFunction } from 'i18next';
import type { VoteTargetKind } from '../../domain/dot-voting';
import type { JourneyMap } from '../../domain/schema';
import { motNumbering } from '../../canvas/mots/mot-numbering';
import { motById, touchpointById } from '../../store/selectors';

export function touchpointTitle(t: TFunction, title: string): string {
  return title.trim() ? title.trim() : t('map.untitledCard');
}

/** "MOT 3 · Check-in desk": the number and the card it is pinned on (feelings often repeat the core message). */
export function motTitle(t: TFunction, number: number | undefined, touchpointTitleText: string): string {
  const head = t('mots.motNumber', { number: number ?? '?' });
  return touchpointTitleText ? `${head} · ${touchpointTitleText}` : head;
}

/** The label of any target id (null when it is no longer in the map). */
export function targetLabel(t: TFunction, doc: JourneyMap, kind: VoteTargetKind, id: string): string | null {
  if (kind === 'touchpoint') {
    const tp = touchpointById(doc, id);
    return tp ? touchpointTitle(t, tp.title) : null;
  }
  const mot = motById(doc, id);
  if (!mot) return null;
  const tp = touchpointById(doc, mot.touchpointId);
  return motTitle(t, motNumbering(doc).byId.get(id), tp ? touchpointTitle(t, tp.title) : '');
}
