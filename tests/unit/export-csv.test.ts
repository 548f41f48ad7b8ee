import { describe, expect, it } from 'vitest';
import { buildCsv, CSV_BOM, csvField, csvRow, neutraliseFormula } from '../../src/export/csv';
import { createFromTemplate } from '../../src/domain/templates';
import { journeySequence } from '../../src/domain/journey-order';
import { makeMap, goodMot } from './helpers/make-map';

/** A minimal RFC 4180 parser (quoted fields, doubled quotes, CRLF inside quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

describe('CSV fields', () => {
  it('quotes only when needed and doubles quotes (RFC 4180)', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\r\nlines')).toBe('"two\r\nlines"');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvField(null)).toBe('');
    expect(csvField(-2)).toBe('-2');
    expect(csvField(Number.NaN)).toBe('');
    expect(csvRow(['a', 1, null, 'b,c'])).toBe('a,1,,"b,c"');
  });

  it('neutralises spreadsheet formulas in text cells', () => {
    for (const bad of ['=SUM(A1:A3)', '+1', '-2+3', '@cmd', '\tx', '\rx']) {
      expect(neutraliseFormula(bad).startsWith("'")).toBe(true);
    }
    expect(csvField('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvField('safe = ok')).toBe('safe = ok');
    // Numbers stay numbers.
    expect(csvField(-3)).toBe('-3');
  });
});

describe('buildCsv', () => {
  const map = makeMap({
    personas: [{ id: 'p1', name: 'Flyer' }, { id: 'p2', name: '=Evil' }],
    stages: [{ id: 's1', name: 'Book, then pay' }, { id: 's2', name: 'Fly' }],
    lanes: ['l1'],
    touchpoints: [
      { id: 't2', stage: 's2', title: 'In-flight "meal"', channel: 'in-person', emotions: { p1: { value: 2, target: 3 }, p2: -1 } },
      { id: 't1', stage: 's1', title: '=cmd|calc', description: 'multi\nline', channel: 'web', emotions: { p1: -2 } },
      { id: 't3', stage: 's2', title: 'Arrive', order: 5 },
    ],
    mots: [goodMot('m1', 't2', { chosen: true, dimension: 'repurchase' }), goodMot('m2', 't2', { feeling: '-negative' })],
  });

  it('starts with a BOM, uses CRLF, one row per touchpoint (and per MOT) in journey order', () => {
    const csv = buildCsv(map, 'en');
    expect(csv.startsWith(CSV_BOM)).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(csv.slice(1));
    expect(rows[0]).toEqual([
      'Step',
      'Stage',
      'Lane',
      'Touchpoint',
      'Description',
      'Channel',
      'Flyer (as-is)',
      'Flyer (to-be)',
      "'=Evil (as-is)",
      "'=Evil (to-be)",
      'MOT',
      'Who',
      'Situation',
      'Feeling',
      'Dimension',
      'Chosen',
    ]);
    expect(rows).toHaveLength(1 + 4);
    expect(rows.slice(1).map((r) => r[3])).toEqual(["'=cmd|calc", 'In-flight "meal"', 'In-flight "meal"', 'Arrive']);
    expect(rows[1]?.slice(0, 10)).toEqual(['1', 'Book, then pay', 'l1', "'=cmd|calc", 'multi\nline', 'Website', '-2', '', '', '']);
    expect(rows[2]?.slice(6)).toEqual(['2', '3', '-1', '', '1', goodMot('x', 'y').who, goodMot('x', 'y').situation, goodMot('x', 'y').feeling, 'Repurchase', 'yes']);
    expect(rows[3]?.slice(10)).toEqual(['2', goodMot('x', 'y').who, goodMot('x', 'y').situation, "'-negative", '', 'no']);
    expect(rows[4]?.slice(10)).toEqual(['', '', '', '', '', '']);
  });

  it('writes Chinese headers and text', () => {
    const zh = createFromTemplate('hotel', 'zh-CN');
    const csv = buildCsv(zh, 'zh-CN');
    const rows = parseCsv(csv.slice(1));
    expect(rows[0]?.slice(0, 6)).toEqual(['序号', '阶段', '泳道', '触点', '描述', '渠道']);
    expect(rows[0]).toContain(`${zh.personas[0]?.name}（现状）`);
    const titles = new Set(rows.slice(1).map((r) => r[3]));
    for (const tp of journeySequence(zh)) expect(titles.has(tp.title)).toBe(true);
    expect(csv).toContain('这家酒店懂我');
  });
});
