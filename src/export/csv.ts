/**
 * CSV for spreadsheets: one row per touchpoint in journey order (stage, lane, order), with its stage,
 * lane, title, description, channel, one column per persona's as-is emotion and one per to-be
 * emotion, then its MOT (number, who, situation, feeling, dimension, chosen). A touchpoint with
 * several MOTs gets one row per MOT (the touchpoint columns repeat); one without gets one row.
 *
 * RFC 4180: fields quoted when they hold a comma, a quote, CR or LF (quotes doubled), CRLF line
 * ends; UTF-8 with a byte-order mark so Excel reads Chinese correctly. Spreadsheet formula
 * injection is neutralised: a text cell starting with = + - @ tab or CR gets a leading apostrophe.
 * Emotion values are numbers and written as plain numbers (ASCII minus).
 */
import type { JourneyMap, Locale } from '../domain/schema';
import { journeySequence } from '../domain/journey-order';
import { motNumbering } from '../canvas/mots/mot-numbering';
import { fill, messagesFor } from './labels';

export const CSV_BOM = '\uFEFF';

/** Neutralise a text cell that a spreadsheet would read as a formula. */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** One RFC 4180 field. Numbers are written as is; text is neutralised, then quoted when needed. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  // Characters XML/CSV consumers choke on (NUL etc.) are dropped; line breaks stay inside quotes.
  // eslint-disable-next-line no-control-regex
  const text = neutraliseFormula(value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, ''));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: ReadonlyArray<string | number | null | undefined>): string {
  return values.map(csvField).join(',');
}

/** The CSV text, starting with a BOM, CRLF line ends. */
export function buildCsv(map: JourneyMap, locale: Locale = map.locale): string {
  const msg = messagesFor(locale);
  const h = msg.export.csv;
  const stageName = new Map(map.stages.map((s) => [s.id, s.name]));
  const laneName = new Map(map.lanes.map((l) => [l.id, l.name]));
  const numbers = motNumbering(map).byId;
  const motsByTouchpoint = new Map<string, JourneyMap['mots']>();
  for (const mot of [...map.mots].sort((a, b) => (numbers.get(a.id) ?? 0) - (numbers.get(b.id) ?? 0))) {
    let list = motsByTouchpoint.get(mot.touchpointId);
    if (!list) motsByTouchpoint.set(mot.touchpointId, (list = []));
    list.push(mot);
  }
  const header = [
    h.position,
    h.stage,
    h.lane,
    h.title,
    h.description,
    h.channel,
    ...map.personas.flatMap((p) => [fill(h.asis, { persona: p.name }), fill(h.target, { persona: p.name })]),
    h.motNumber,
    h.who,
    h.situation,
    h.feeling,
    h.dimension,
    h.chosen,
  ];
  const rows: string[] = [csvRow(header)];
  journeySequence(map).forEach((tp, i) => {
    const base = [
      i + 1,
      stageName.get(tp.stageId) ?? '',
      laneName.get(tp.laneId) ?? '',
      tp.title,
      tp.description,
      msg.channels[tp.channel],
      ...map.personas.flatMap((p) => {
        const e = tp.emotions[p.id];
        return [e?.value ?? null, e?.target ?? null];
      }),
    ];
    const mots = motsByTouchpoint.get(tp.id) ?? [];
    if (mots.length === 0) {
      rows.push(csvRow([...base, null, null, null, null, null, null]));
      return;
    }
    for (const mot of mots) {
      rows.push(
        csvRow([
          ...base,
          numbers.get(mot.id) ?? null,
          mot.who,
          mot.situation,
          mot.feeling,
          mot.dimension ? msg.mots.dimensions[mot.dimension] : '',
          mot.chosen ? h.yes : h.no,
        ]),
      );
    }
  });
  return CSV_BOM + rows.join('\r\n') + '\r\n';
}
