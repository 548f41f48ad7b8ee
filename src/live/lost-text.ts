/**
 * The sentence telling someone their change lost to a concurrent one:
 * "Ana changed “Check-in desk” title at the same time; their version was kept".
 */
import type { TFunction } from 'i18next';
import type { JourneyMap } from '../domain/schema';
import type { LostNotice } from './live-sync';

const ENTITY: Record<string, 'persona' | 'stage' | 'lane' | 'touchpoint' | 'mot' | 'comment'> = {
  personas: 'persona',
  stages: 'stage',
  lanes: 'lane',
  touchpoints: 'touchpoint',
  mots: 'mot',
  comments: 'comment',
};

const FIELD_KEYS = new Set([
  'title',
  'name',
  'description',
  'channel',
  'emotions',
  'color',
  'type',
  'hidden',
  'who',
  'situation',
  'feeling',
  'ratings',
  'votes',
  'body',
  'resolved',
  'locale',
  'settings',
  'coreMessage',
  'focusDimension',
  'groupWeights',
]);

function fieldLabel(key: string | undefined, t: TFunction): string {
  if (key === 'stageId' || key === 'laneId' || key === 'order') return t('live.field.position');
  if (key && FIELD_KEYS.has(key)) return t(`live.field.${key}` as 'live.field.title');
  return t('live.field.other');
}

function labelOf(doc: JourneyMap, key: string, id: string): string {
  const list = (doc as unknown as Record<string, unknown>)[key];
  if (!Array.isArray(list)) return '';
  const item = (list as Array<Record<string, unknown>>).find((x) => x.id === id);
  if (!item) return '';
  if (key === 'mots') {
    const tp = doc.touchpoints.find((x) => x.id === item.touchpointId);
    return tp?.title ?? '';
  }
  const text = typeof item.title === 'string' ? item.title : typeof item.name === 'string' ? item.name : typeof item.body === 'string' ? item.body : '';
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

/** "“Check-in desk” title", "the map’s title", "stage “Booking”". */
export function describePath(path: string, docs: JourneyMap[], t: TFunction): string {
  const parts = path.split('/');
  const head = parts[0] ?? '';
  const entity = ENTITY[head];
  if (!entity) {
    const field = parts[0] === 'settings' && parts[1] ? parts[1] : head;
    return t('live.what.field', { field: fieldLabel(field, t) });
  }
  const id = parts[1] ?? '';
  const label = docs.map((d) => labelOf(d, head, id)).find((l) => l !== '') ?? '';
  const entityWord = t(`live.entity.${entity}`);
  if (parts.length <= 2) return label ? t('live.what.entity', { entity: entityWord, label }) : entityWord;
  const field = fieldLabel(parts[2], t);
  return label ? t('live.what.named', { label, field }) : t('live.what.unnamed', { entity: entityWord, field });
}

export function describeLost(notice: LostNotice, t: TFunction): string {
  const name = notice.author.trim() || t('live.lost.someone');
  const what = describePath(notice.paths[0] ?? '', [notice.base, notice.theirs, notice.mine], t);
  const more = notice.paths.length - 1;
  return more > 0 ? t('live.lost.other', { name, what, count: more }) : t('live.lost.one', { name, what });
}
