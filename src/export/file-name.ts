/**
 * File names from map titles: letters of any script (Chinese included), digits, spaces, "-" and "_"
 * are kept; every other character becomes "-" (runs collapse to one); the ends are trimmed; at most
 * 80 characters; "journey-map" when nothing is left. Names Windows reserves (CON, NUL, COM1…) get a
 * "-" appended.
 */
export const FALLBACK_FILE_NAME = 'journey-map';
export const MAX_FILE_NAME_LENGTH = 80;

const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

export function safeFileName(title: string, fallback = FALLBACK_FILE_NAME): string {
  let name = title
    .normalize('NFC')
    .replace(/\u200b|\u200c|\u200d|\u2060|\ufe0e|\ufe0f/g, '')
    .replace(/\s+/g, ' ')
    .replace(/[^\p{L}\p{M}\p{N} _-]+/gu, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[\s._-]+|[\s._-]+$/g, '');
  const chars = [...name];
  if (chars.length > MAX_FILE_NAME_LENGTH) name = chars.slice(0, MAX_FILE_NAME_LENGTH).join('').replace(/[\s._-]+$/g, '');
  if (!name) return fallback;
  if (RESERVED.test(name)) name += '-';
  return name;
}

/** "<safe title><suffix>.<ext>", e.g. fileNameFor('酒店旅程', 'png') → "酒店旅程.png". */
export function fileNameFor(title: string, ext: string, suffix = ''): string {
  return `${safeFileName(title)}${suffix}.${ext}`;
}

/**
 * A Content-Disposition header value with an ASCII fallback `filename` and the real name as an
 * RFC 5987 `filename*` (UTF-8, percent-encoded), so Chinese names survive every browser.
 */
export function contentDisposition(fileName: string, kind: 'attachment' | 'inline' = 'attachment'): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
