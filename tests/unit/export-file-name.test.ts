import { describe, expect, it } from 'vitest';
import { contentDisposition, fileNameFor, safeFileName } from '../../src/export/file-name';

describe('file names', () => {
  it('keeps letters (Chinese too), digits, spaces, - and _', () => {
    expect(safeFileName('Airline journey 2025')).toBe('Airline journey 2025');
    expect(safeFileName('酒店住宿旅程：从预订到退房')).toBe('酒店住宿旅程-从预订到退房');
    expect(safeFileName('my_map-v2')).toBe('my_map-v2');
    expect(safeFileName('Café crème')).toBe('Café crème');
  });

  it('replaces everything else and trims', () => {
    expect(safeFileName('a/b\\c:d*e?f"g<h>i|j')).toBe('a-b-c-d-e-f-g-h-i-j');
    expect(safeFileName('../../etc/passwd')).toBe('etc-passwd');
    expect(safeFileName('  --Hello!!!--  ')).toBe('Hello');
    expect(safeFileName('tab\tand\nnewline')).toBe('tab and newline');
    expect(safeFileName('emoji ✈️ trip')).toBe('emoji - trip');
  });

  it('falls back to journey-map and avoids reserved names', () => {
    expect(safeFileName('')).toBe('journey-map');
    expect(safeFileName('!!!///')).toBe('journey-map');
    expect(safeFileName('   ')).toBe('journey-map');
    expect(safeFileName('CON')).toBe('CON-');
  });

  it('cuts at 80 characters', () => {
    expect([...safeFileName('x'.repeat(200))]).toHaveLength(80);
    expect([...safeFileName('旅'.repeat(100))]).toHaveLength(80);
    expect(safeFileName(`${'a'.repeat(79)} b`)).toBe('a'.repeat(79));
  });

  it('builds names with extension and suffix', () => {
    expect(fileNameFor('Hotel: stay', 'png')).toBe('Hotel- stay.png');
    expect(fileNameFor('', 'mot.json')).toBe('journey-map.mot.json');
    expect(fileNameFor('旅程', 'png', '-2')).toBe('旅程-2.png');
  });

  it('writes RFC 5987 Content-Disposition with an ASCII fallback', () => {
    expect(contentDisposition('酒店旅程.png')).toBe(
      `attachment; filename="____.png"; filename*=UTF-8''%E9%85%92%E5%BA%97%E6%97%85%E7%A8%8B.png`,
    );
    expect(contentDisposition("it's (1).svg", 'inline')).toBe(`inline; filename="it's (1).svg"; filename*=UTF-8''it%27s%20%281%29.svg`);
  });
});
