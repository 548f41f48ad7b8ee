/** Versions as entity tags: `ETag: "7"` on answers, `If-Match: "7"` (or `baseVersion`) on writes. */
import type { Context } from 'hono';
import { ApiError } from './errors';

export const etagFor = (version: number): string => `"${version}"`;

/** The version in an If-Match header: `"7"`, `W/"7"` or `7`. Undefined when there is no header. */
export function ifMatchVersion(c: Context): number | undefined {
  const header = c.req.header('if-match');
  if (header === undefined) return undefined;
  const value = header.trim();
  if (value === '*') {
    throw new ApiError(428, 'If-Match: * is not enough here: send the version you edited, e.g. If-Match: "3"');
  }
  const m = /^(?:W\/)?"?(\d{1,9})"?$/.exec(value);
  if (!m?.[1]) throw new ApiError(400, `If-Match must name one version, e.g. If-Match: "3" (got ${JSON.stringify(header)})`);
  return Number(m[1]);
}

/** The version a write is based on, from If-Match or the body's baseVersion; they must agree. */
export function baseVersionOf(c: Context, bodyVersion: number | undefined, opts: { required: boolean }): number | undefined {
  const header = ifMatchVersion(c);
  if (header !== undefined && bodyVersion !== undefined && header !== bodyVersion) {
    throw new ApiError(400, `If-Match says version ${header} but baseVersion says ${bodyVersion}: send one, or the same in both`);
  }
  const version = header ?? bodyVersion;
  if (version === undefined && opts.required) {
    throw new ApiError(
      428,
      'Saving needs the version you edited, to avoid overwriting changes made elsewhere: send If-Match: "<version>" or "baseVersion" in the body',
    );
  }
  return version;
}

export function conflict(yourVersion: number, currentVersion: number): ApiError {
  return new ApiError(
    409,
    `This map was changed elsewhere (you have version ${yourVersion}, the server has version ${currentVersion}). Reload or merge your changes.`,
    { currentVersion, yourVersion },
  );
}
