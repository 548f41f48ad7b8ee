import { describe, expect, it } from 'vitest';
import { buildPdf, jpegInfo, PDF_MAX_PAGE_PT } from '../../src/export/pdf';

/** A syntactically minimal JPEG: SOI, a SOF0 header with the size, EOI (enough for the writer). */
function fakeJpeg(width: number, height: number, components = 3): Uint8Array {
  return new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x4a, 0x46, 0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 255, width >> 8, width & 255, components, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1, 0xff, 0xd9]);
}

const latin1 = (bytes: Uint8Array) => Array.from(bytes, (b) => String.fromCharCode(b)).join('');

describe('minimal PDF writer', () => {
  it('reads JPEG sizes', () => {
    expect(jpegInfo(fakeJpeg(640, 360))).toEqual({ width: 640, height: 360, components: 3 });
    expect(jpegInfo(new Uint8Array([1, 2, 3]))).toBeNull();
  });

  it('writes one page per image with a valid xref table', () => {
    const pdf = buildPdf([{ jpeg: fakeJpeg(1920, 1080), widthPt: 1440, heightPt: 810 }, { jpeg: fakeJpeg(800, 600) }, { jpeg: fakeJpeg(10, 10, 1) }], {
      title: '酒店旅程 (test)',
      now: new Date('2025-01-02T03:04:05Z'),
    });
    const text = latin1(pdf);
    expect(text.startsWith('%PDF-1.4\n')).toBe(true);
    expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
    expect(text.match(/\/Type \/Page(?!s)/g)).toHaveLength(3);
    expect(text).toContain('/Count 3');
    expect(text).toContain('/MediaBox [0 0 1440 810]');
    expect(text).toContain('/MediaBox [0 0 600 450]');
    expect(text).toContain('/Filter /DCTDecode');
    expect(text).toContain('/ColorSpace /DeviceGray');
    expect(text).toContain('/CreationDate (D:20250102030405Z)');
    // Title as UTF-16BE hex: 酒 = 9152.
    expect(text).toContain('/Title <FEFF9152');
    // Every xref offset points at its object.
    const startxref = Number(/startxref\n(\d+)\n/.exec(text)?.[1]);
    const xref = text.slice(startxref);
    expect(xref.startsWith('xref\n0 13\n')).toBe(true);
    const entries = xref.split('\n').slice(3, 15);
    entries.forEach((line, i) => {
      expect(line).toMatch(/^\d{10} 00000 n $/);
      expect(text.slice(Number(line.slice(0, 10))).startsWith(`${i + 1} 0 obj`)).toBe(true);
    });
  });

  it('keeps huge pages within the PDF size limit and refuses non-JPEG data', () => {
    const text = latin1(buildPdf([{ jpeg: fakeJpeg(100, 10), widthPt: 40_000, heightPt: 4000 }]));
    expect(text).toContain(`/MediaBox [0 0 ${PDF_MAX_PAGE_PT} 1440]`);
    expect(() => buildPdf([{ jpeg: new Uint8Array([0x89, 0x50]) }])).toThrow(/not a JPEG/);
  });
});
