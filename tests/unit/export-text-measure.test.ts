import { describe, expect, it } from 'vitest';
import { charWidthEm, ELLIPSIS, measureEm, measureText, truncateText, wrapText } from '../../src/export/text-measure';

describe('text measuring', () => {
  it('counts CJK as one em and Latin as about 0.55 em', () => {
    expect(charWidthEm('中')).toBe(1);
    expect(charWidthEm('，')).toBe(1);
    expect(charWidthEm('あ')).toBe(1);
    expect(charWidthEm('한')).toBe(1);
    expect(charWidthEm('📱')).toBe(1);
    expect(charWidthEm('a')).toBeCloseTo(0.55);
    expect(charWidthEm('i')).toBeLessThan(charWidthEm('a'));
    expect(charWidthEm('M')).toBeGreaterThan(charWidthEm('a'));
    expect(charWidthEm('\u200b')).toBe(0);
    expect(measureText('酒店住宿', 10)).toBe(40);
    const latin = measureEm('The quick brown fox jumps over the lazy dog');
    expect(latin / 43).toBeGreaterThan(0.4);
    expect(latin / 43).toBeLessThan(0.6);
    expect(measureText('abc', 10, true)).toBeGreaterThan(measureText('abc', 10));
  });

  it('truncates with an ellipsis only when needed', () => {
    expect(truncateText('short', 100, 10)).toBe('short');
    const t = truncateText('a much longer sentence than fits', 60, 10);
    expect(t.endsWith(ELLIPSIS)).toBe(true);
    expect(measureText(t, 10)).toBeLessThanOrEqual(60);
    const zh = truncateText('顾客在前台排队等待很久才办理入住', 50, 10);
    expect(zh).toBe('顾客在前' + ELLIPSIS);
    expect(truncateText('  spaces\n\tcollapse  ', 200, 10)).toBe('spaces collapse');
  });

  it('wraps Latin text at spaces and never exceeds the width', () => {
    const lines = wrapText('Choose dates and compare the room types before booking online', 100, 10);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(measureText(line, 10)).toBeLessThanOrEqual(100);
    expect(lines.join(' ')).toBe('Choose dates and compare the room types before booking online');
  });

  it('wraps CJK text between characters and keeps closing punctuation on the line', () => {
    const lines = wrapText('顾客到店后，前台立刻叫出姓名。', 60, 10);
    for (const line of lines) expect(measureText(line, 10)).toBeLessThanOrEqual(70);
    expect(lines.join('')).toBe('顾客到店后，前台立刻叫出姓名。');
    expect(lines.some((l) => l.startsWith('，') || l.startsWith('。'))).toBe(false);
  });

  it('breaks a word longer than a line', () => {
    const lines = wrapText('Supercalifragilisticexpialidocious', 50, 10);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(measureText(line, 10)).toBeLessThanOrEqual(50);
    expect(lines.join('')).toBe('Supercalifragilisticexpialidocious');
  });

  it('limits the number of lines with an ellipsis on the last one', () => {
    const lines = wrapText('one two three four five six seven eight nine ten eleven twelve', 60, 10, 2);
    expect(lines).toHaveLength(2);
    expect(lines[1]?.endsWith(ELLIPSIS)).toBe(true);
    expect(measureText(lines[1] ?? '', 10)).toBeLessThanOrEqual(60);
    expect(wrapText('fits', 100, 10, 2)).toEqual(['fits']);
    expect(wrapText('line one\nline two\nline three', 200, 10, 2)).toEqual(['line one', 'line two' + ELLIPSIS]);
    expect(wrapText('', 100, 10)).toEqual(['']);
  });
});
