/**
 * The structured comparison (src/domain/map-compare.ts) in words: one section per kind of
 * element, one line per difference, with + / − / ~ marks.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ListChanges, MapComparison } from '../../domain/map-compare';

type Mark = 'added' | 'removed' | 'changed';

const MARK: Record<Mark, { glyph: string; className: string }> = {
  added: { glyph: '+', className: 'bg-emerald-100 text-emerald-800' },
  removed: { glyph: '−', className: 'bg-rose-100 text-rose-800' },
  changed: { glyph: '~', className: 'bg-amber-100 text-amber-800' },
};

interface Line {
  mark: Mark;
  text: string;
}

function Section({ title, lines }: { title: string; lines: Line[] }): ReactNode {
  if (lines.length === 0) return null;
  return (
    <section className="flex flex-col gap-1" data-testid="compare-section">
      <h3 className="text-sm font-semibold text-slate-900">
        {title} <span className="font-normal text-slate-500">({lines.length})</span>
      </h3>
      <ul className="flex flex-col gap-1">
        {lines.map((l, i) => (
          <li key={i} className="flex items-start gap-2 text-sm text-slate-700">
            <span aria-hidden className={`mt-0.5 inline-flex h-4 w-4 shrink-0 items-center justify-center rounded text-xs font-bold ${MARK[l.mark].className}`}>
              {MARK[l.mark].glyph}
            </span>
            <span className="min-w-0 break-words">{l.text}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function CompareView({ comparison }: { comparison: MapComparison }) {
  const { t, i18n } = useTranslation();
  const list = (items: readonly string[]) => new Intl.ListFormat(i18n.language, { type: 'conjunction' }).format(items);
  const plain = (name: string) => name.trim() || '…';

  const listLines = (c: ListChanges): Line[] => [
    ...c.added.map((x) => ({ mark: 'added' as const, text: t('versions.line.added', { name: plain(x.name) }) })),
    ...c.removed.map((x) => ({ mark: 'removed' as const, text: t('versions.line.removed', { name: plain(x.name) }) })),
    ...c.renamed.map((x) => ({ mark: 'changed' as const, text: t('versions.line.renamed', { from: plain(x.from), to: plain(x.to) }) })),
    ...c.moved.map((x) => ({ mark: 'changed' as const, text: t('versions.line.moved', { name: plain(x.name), from: x.from + 1, to: x.to + 1 }) })),
  ];

  const mapLines: Line[] = [
    ...(comparison.title ? [{ mark: 'changed' as const, text: t('versions.line.title', { from: plain(comparison.title.from), to: plain(comparison.title.to) }) }] : []),
    ...comparison.settings.map((f) => ({ mark: 'changed' as const, text: t('versions.line.setting', { field: t(`versions.setting.${f}`) }) })),
  ];

  const { cards } = comparison;
  const cardLines: Line[] = [
    ...cards.added.map((c) => ({ mark: 'added' as const, text: t('versions.line.cardAdded', { title: plain(c.title), stage: c.stage, lane: c.lane }) })),
    ...cards.removed.map((c) => ({ mark: 'removed' as const, text: t('versions.line.cardRemoved', { title: plain(c.title), stage: c.stage, lane: c.lane }) })),
    ...cards.moved.map((c) => ({ mark: 'changed' as const, text: t('versions.line.cardMoved', { ...c, title: plain(c.title) }) })),
    ...cards.retitled.map((c) => ({ mark: 'changed' as const, text: t('versions.line.cardRetitled', { from: plain(c.from), to: plain(c.to) }) })),
    ...cards.changed.map((c) => ({
      mark: 'changed' as const,
      text: t('versions.line.cardChanged', { title: plain(c.title), fields: list(c.fields.map((f) => t(`versions.field.${f}`))) }),
    })),
  ];

  const value = (v: number | null | undefined) => (v === null || v === undefined ? t('versions.line.noPoint') : v > 0 ? `+${v}` : String(v));
  const emotionLines: Line[] = comparison.emotions.map((e) => ({
    mark: e.from === null ? 'added' : e.to === null ? 'removed' : 'changed',
    text:
      e.from === e.to
        ? t('versions.line.emotionTarget', { persona: plain(e.persona), card: plain(e.card), from: value(e.targetFrom), to: value(e.targetTo) })
        : t('versions.line.emotion', { persona: plain(e.persona), card: plain(e.card), from: value(e.from), to: value(e.to) }),
  }));

  const motLines: Line[] = [
    ...comparison.mots.added.map((m) => ({ mark: 'added' as const, text: t('versions.line.motAdded', { card: plain(m.card) }) })),
    ...comparison.mots.removed.map((m) => ({ mark: 'removed' as const, text: t('versions.line.motRemoved', { card: plain(m.card) }) })),
    ...comparison.mots.changed.map((m) => ({
      mark: 'changed' as const,
      text: t('versions.line.motChanged', { card: plain(m.card), fields: list(m.fields.map((f) => t(`versions.field.${f}`))) }),
    })),
  ];

  const personaLines: Line[] = [
    ...listLines(comparison.personas),
    ...comparison.personas.changed.map((p) => ({
      mark: 'changed' as const,
      text: t('versions.line.personaChanged', { name: plain(p.name), fields: list(p.fields.map((f) => t(`versions.field.${f}`))) }),
    })),
  ];

  const { comments } = comparison;
  const commentLines: Line[] =
    comments.from === comments.to ? [] : [{ mark: comments.to > comments.from ? 'added' : 'removed', text: t('versions.line.comments', comments) }];

  if (comparison.total === 0 && commentLines.length === 0) {
    return <p className="text-sm text-slate-600">{t('versions.noChanges')}</p>;
  }
  return (
    <div className="flex flex-col gap-4" data-testid="compare-view">
      <p className="text-sm font-medium text-slate-900">{t('versions.changeCount', { count: comparison.total })}</p>
      <Section title={t('versions.section.map')} lines={mapLines} />
      <Section title={t('versions.section.stages')} lines={listLines(comparison.stages)} />
      <Section title={t('versions.section.lanes')} lines={listLines(comparison.lanes)} />
      <Section title={t('versions.section.cards')} lines={cardLines} />
      <Section title={t('versions.section.emotions')} lines={emotionLines} />
      <Section title={t('versions.section.mots')} lines={motLines} />
      <Section title={t('versions.section.personas')} lines={personaLines} />
      <Section title={t('versions.section.comments')} lines={commentLines} />
    </div>
  );
}
