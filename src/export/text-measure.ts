/**
 * Text measuring for the exporter, without a DOM (the server renders the same SVG): widths are
 * approximated by character class, in em (multiply by the font size for pixels):
 *
 * - CJK ideographs, kana, Hangul, full-width forms and CJK punctuation: 1 em (they are square);
 * - emoji and other pictographs: 1 em;
 * - Latin and other narrow scripts: about 0.55 em on average, refined a little by class
 *   (narrow letters such as "i", "l" and punctuation 0.3 em; "m", "w", "M", "W" 0.85 em;
 *   other capitals and digits 0.62 em; a space 0.3 em);
 * - combining marks, zero-width characters and variation selectors: 0.
 *
 * The estimates err slightly wide so wrapped text stays inside its box in every font of the stack.
 * Bold text is about 5 % wider: pass `bold` to the measuring functions.
 */

const NARROW = new Set([...'iIljft.,:;\'"!|()[]{}`r ']);
const WIDE = new Set([...'mwMW@%&']);
/** Combining marks, zero-width characters and variation selectors take no room. */
function isZeroWidth(cp: number): boolean {
  return (cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x2060 && cp <= 0x2064) || (cp >= 0xfe00 && cp <= 0xfe0f) || cp === 0xfeff;
}
const CJK_OR_FULL =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;
const PICTOGRAPH = /\p{Extended_Pictographic}/u;

/** Width of one character (a code point) in em. */
export function charWidthEm(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp < 0x80) {
    if (cp < 0x20 || cp === 0x7f) return 0;
    if (NARROW.has(ch)) return 0.3;
    if (WIDE.has(ch)) return 0.85;
    if ((cp >= 0x41 && cp <= 0x5a) || (cp >= 0x30 && cp <= 0x39)) return 0.62;
    return 0.55;
  }
  if (isZeroWidth(cp)) return 0;
  if (CJK_OR_FULL.test(ch) || cp >= 0x20000) return 1;
  if (cp >= 0x1f000 || PICTOGRAPH.test(ch)) return 1;
  if (cp >= 0x2000 && cp <= 0x2bff) return 0.8; // general punctuation, arrows, symbols, shapes
  return 0.6;
}

/** Is this character one that may be broken after on its own (CJK text has no spaces)? */
export function isCjkBreakable(ch: string): boolean {
  const cp = ch.codePointAt(0) ?? 0;
  return CJK_OR_FULL.test(ch) || cp >= 0x20000;
}

/** Width of a text in em. */
export function measureEm(text: string): number {
  let w = 0;
  for (const ch of text) w += charWidthEm(ch);
  return w;
}

/** Estimated rendered width in pixels. */
export function measureText(text: string, fontSize: number, bold = false): number {
  return measureEm(text) * fontSize * (bold ? 1.05 : 1);
}

export const ELLIPSIS = '…';

/** The longest start of `text` that fits `maxWidth` with an ellipsis appended (the text itself when it fits). */
export function truncateText(text: string, maxWidth: number, fontSize: number, bold = false): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (measureText(clean, fontSize, bold) <= maxWidth) return clean;
  const room = maxWidth - measureText(ELLIPSIS, fontSize, bold);
  let out = '';
  let w = 0;
  const k = fontSize * (bold ? 1.05 : 1);
  for (const ch of clean) {
    const cw = charWidthEm(ch) * k;
    if (w + cw > room) break;
    out += ch;
    w += cw;
  }
  return out.trimEnd() + ELLIPSIS;
}

/** Split into breakable tokens: words with their trailing spaces, and single CJK characters. */
function tokens(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (const ch of text) {
    if (isCjkBreakable(ch)) {
      if (cur) out.push(cur);
      out.push(ch);
      cur = '';
    } else if (ch === ' ') {
      cur += ch;
      out.push(cur);
      cur = '';
    } else {
      cur += ch;
    }
  }
  if (cur) out.push(cur);
  return out;
}

/** Characters that must not start a line in Chinese typesetting (they stay with the previous line). */
const NO_LINE_START = new Set([...'，。、；：？！）》」』】〕…—,.;:?!)]}%']);

/**
 * Wrap text into at most `maxLines` lines of at most `maxWidth` pixels. Latin text breaks at spaces
 * (a word longer than a line is broken anywhere), CJK text between any two characters (keeping
 * closing punctuation on the line before). When the text does not fit, the last line ends with an
 * ellipsis. Line breaks in the text are honoured. Never returns an empty array for non-empty text.
 */
export function wrapText(text: string, maxWidth: number, fontSize: number, maxLines = Infinity, bold = false): string[] {
  const k = fontSize * (bold ? 1.05 : 1);
  const width = (s: string) => measureEm(s) * k;
  const lines: string[] = [];
  let overflow = false;
  const paragraphs = text.replace(/\r\n?/g, '\n').split('\n');
  outer: for (let p = 0; p < paragraphs.length; p++) {
    const para = (paragraphs[p] ?? '').replace(/[\t ]+/g, ' ').trim();
    let line = '';
    const pushLine = (): boolean => {
      lines.push(line.trimEnd());
      line = '';
      return lines.length < maxLines;
    };
    for (const tok of tokens(para)) {
      if (width(line + tok.trimEnd()) <= maxWidth || (NO_LINE_START.has(tok) && line !== '')) {
        line += tok;
        continue;
      }
      if (line !== '') {
        if (!pushLine()) {
          overflow = true;
          break outer;
        }
      }
      // A token longer than a whole line: break it by characters.
      let piece = '';
      for (const ch of tok.trimEnd()) {
        if (width(piece + ch) > maxWidth && piece !== '') {
          line = piece;
          if (!pushLine()) {
            overflow = true;
            break outer;
          }
          piece = '';
        }
        piece += ch;
      }
      line = piece + (tok.endsWith(' ') ? ' ' : '');
    }
    if (line.trim() !== '' || para === '') {
      if (lines.length >= maxLines) {
        overflow = true;
        break;
      }
      lines.push(line.trimEnd());
    }
    if (lines.length >= maxLines && p < paragraphs.length - 1) {
      overflow = paragraphs.slice(p + 1).some((x) => x.trim() !== '');
      break;
    }
  }
  // Trailing empty lines from trailing newlines carry nothing.
  while (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  if (overflow && lines.length > 0) {
    const chars = [...(lines[lines.length - 1] ?? '')];
    while (chars.length > 0 && width(chars.join('') + ELLIPSIS) > maxWidth) chars.pop();
    lines[lines.length - 1] = chars.join('').trimEnd() + ELLIPSIS;
  }
  return lines.length > 0 ? lines : [''];
}
