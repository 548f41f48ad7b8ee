/** Initial JS: the gzip sizes of the scripts an index.html loads before anything else. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BundleResult {
  files: Array<{ file: string; bytes: number; gzip: number }>;
  gzip: number;
  bytes: number;
}

export function initialJs(distDir: string): BundleResult {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const urls = new Set<string>();
  for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+\.js)"[^>]*>/g)) if (m[1]) urls.add(m[1]);
  for (const m of html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+\.js)"[^>]*>/g)) if (m[1]) urls.add(m[1]);
  const files = [...urls].map((url) => {
    const buf = readFileSync(join(distDir, url.replace(/^\//, '')));
    return { file: url, bytes: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
  });
  return { files, gzip: files.reduce((s, f) => s + f.gzip, 0), bytes: files.reduce((s, f) => s + f.bytes, 0) };
}
