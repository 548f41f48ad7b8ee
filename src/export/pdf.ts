/**
 * A minimal PDF writer: one page per image, each page exactly the size of its image, the image a
 * JPEG embedded as is (an XObject with /DCTDecode). About sixty lines instead of a library: jsPDF 4
 * pulls in html2canvas, canvg, DOMPurify and core-js (which runs an install script) as optional
 * dependencies — far more than "put these JPEGs on pages" needs.
 *
 * Page size: the image's CSS size in points (1 px = 0.75 pt, i.e. 96 px per inch), so a 2× image
 * prints at 192 dpi; pages larger than the PDF limit of 14 400 pt a side are scaled down to fit it.
 */

export interface PdfPage {
  /** The JPEG file's bytes. */
  jpeg: Uint8Array;
  /** Page size in points; defaults to the image's pixel size × 0.75. */
  widthPt?: number;
  heightPt?: number;
}

export const PDF_MAX_PAGE_PT = 14_400;

export interface JpegInfo {
  width: number;
  height: number;
  components: number;
}

/** Width, height and colour components from a JPEG's start-of-frame marker; null if there is none. */
export function jpegInfo(bytes: Uint8Array): JpegInfo | null {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  let i = 2;
  while (i + 9 < bytes.length) {
    if (bytes[i] !== 0xff) {
      i++;
      continue;
    }
    const marker = bytes[i + 1] ?? 0;
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0xff) {
      i += marker === 0xff ? 1 : 2;
      continue;
    }
    const length = ((bytes[i + 2] ?? 0) << 8) | (bytes[i + 3] ?? 0);
    const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof) {
      return {
        height: ((bytes[i + 5] ?? 0) << 8) | (bytes[i + 6] ?? 0),
        width: ((bytes[i + 7] ?? 0) << 8) | (bytes[i + 8] ?? 0),
        components: bytes[i + 9] ?? 3,
      };
    }
    i += 2 + length;
  }
  return null;
}

/** A PDF text string: UTF-16BE with a byte-order mark, as hex (safe for any title, Chinese included). */
function pdfText(text: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase();
  return `<${hex}>`;
}

const num = (v: number): string => String(Math.round(v * 100) / 100);

/** Build the PDF file. Throws when an image is not a JPEG. */
export function buildPdf(pages: readonly PdfPage[], info: { title?: string; now?: Date } = {}): Uint8Array {
  const encoder = new TextEncoder();
  const chunks: Uint8Array[] = [];
  let length = 0;
  const offsets: number[] = [];
  const push = (part: string | Uint8Array) => {
    const bytes = typeof part === 'string' ? encoder.encode(part) : part;
    chunks.push(bytes);
    length += bytes.length;
  };
  const object = (id: number, body: string, stream?: Uint8Array) => {
    offsets[id] = length;
    push(`${id} 0 obj\n${body}\n`);
    if (stream) {
      push('stream\n');
      push(stream);
      push('\nendstream\n');
    }
    push('endobj\n');
  };

  push('%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n');
  // Objects: 1 catalog, 2 pages, 3 info, then per page: page, contents, image.
  const pageIds = pages.map((_, i) => 4 + i * 3);
  object(1, '<< /Type /Catalog /Pages 2 0 R >>');
  object(2, `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`);
  const d = info.now ?? new Date();
  const stamp = `D:${d.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
  object(3, `<< /Title ${pdfText(info.title ?? '')} /Producer ${pdfText('MOT Canvas')} /CreationDate (${stamp}) >>`);
  pages.forEach((page, i) => {
    const image = jpegInfo(page.jpeg);
    if (!image) throw new Error(`page ${i + 1}: the image is not a JPEG`);
    let w = page.widthPt ?? image.width * 0.75;
    let h = page.heightPt ?? image.height * 0.75;
    const shrink = Math.min(1, PDF_MAX_PAGE_PT / w, PDF_MAX_PAGE_PT / h);
    w *= shrink;
    h *= shrink;
    const id = pageIds[i] ?? 0;
    const colorSpace = image.components === 1 ? '/DeviceGray' : image.components === 4 ? '/DeviceCMYK' : '/DeviceRGB';
    object(
      id,
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${num(w)} ${num(h)}] /Resources << /XObject << /Im0 ${id + 2} 0 R >> /ProcSet [/PDF /ImageC] >> /Contents ${id + 1} 0 R >>`,
    );
    const content = encoder.encode(`q ${num(w)} 0 0 ${num(h)} 0 0 cm /Im0 Do Q`);
    object(id + 1, `<< /Length ${content.length} >>`, content);
    object(
      id + 2,
      `<< /Type /XObject /Subtype /Image /Width ${image.width} /Height ${image.height} /ColorSpace ${colorSpace} /BitsPerComponent 8 /Filter /DCTDecode${image.components === 4 ? ' /Decode [1 0 1 0 1 0 1 0]' : ''} /Length ${page.jpeg.length} >>`,
      page.jpeg,
    );
  });
  const count = 4 + pages.length * 3;
  const xref = length;
  let table = `xref\n0 ${count}\n0000000000 65535 f \n`;
  for (let id = 1; id < count; id++) table += `${String(offsets[id] ?? 0).padStart(10, '0')} 00000 n \n`;
  push(table);
  push(`trailer\n<< /Size ${count} /Root 1 0 R /Info 3 0 R >>\nstartxref\n${xref}\n%%EOF\n`);

  const out = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
