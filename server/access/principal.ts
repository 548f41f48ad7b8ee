/**
 * The credentials of one request, resolved once: a workspace member (owner), the holder of a
 * share link, or nobody.
 *
 * - `Authorization: Bearer <token>`: the workspace key (owner) or a share-link token.
 * - Cookie `mot_ws`: the workspace key, set by POST /api/session (the owner's browser).
 * - No credentials at all: nobody. (The owner's browser on the server's own machine gets its
 *   cookie from /api/session without typing the key; see session routes.)
 *
 * An explicit share token is never upgraded by anything else: a request carrying a view token
 * is a viewer, whatever cookie it also has.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Role, ShareRole } from './roles';
import type { ShareLinkRepository } from './share-links';

export const WORKSPACE_COOKIE = 'mot_ws';

export type Principal =
  | { kind: 'owner'; role: 'owner' }
  | { kind: 'guest'; role: ShareRole; mapId: string; linkId: string }
  | { kind: 'anonymous' }
  /** A token that was given but is not (or no longer) valid. */
  | { kind: 'invalid'; reason: 'revoked' | 'unknown' };

export interface AccessContext {
  workspaceKey: string;
  links: ShareLinkRepository;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The token of `Authorization: Bearer …`, if any. */
export function bearerToken(c: Context): string | undefined {
  const header = c.req.header('Authorization');
  if (!header) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m?.[1];
}

const cache = new WeakMap<Request, Promise<Principal>>();

export function principalOf(c: Context, access: AccessContext): Promise<Principal> {
  const known = cache.get(c.req.raw);
  if (known) return known;
  const resolved = resolvePrincipal(c, access);
  cache.set(c.req.raw, resolved);
  return resolved;
}

async function resolvePrincipal(c: Context, access: AccessContext): Promise<Principal> {
  const token = bearerToken(c);
  if (token !== undefined) {
    if (sameSecret(token, access.workspaceKey)) return { kind: 'owner', role: 'owner' };
    const link = await access.links.findByToken(token);
    if (!link) return { kind: 'invalid', reason: 'unknown' };
    if (link.revokedAt) return { kind: 'invalid', reason: 'revoked' };
    return { kind: 'guest', role: link.role, mapId: link.mapId, linkId: link.id };
  }
  const cookie = getCookie(c, WORKSPACE_COOKIE);
  if (cookie !== undefined && sameSecret(cookie, access.workspaceKey)) return { kind: 'owner', role: 'owner' };
  return { kind: 'anonymous' };
}

export function roleOf(p: Principal, mapId: string | null): Role | null {
  if (p.kind === 'owner') return 'owner';
  if (p.kind === 'guest' && mapId !== null && p.mapId === mapId) return p.role;
  return null;
}
