/**
 * Workspace sign-in and share links.
 * - GET    /api/session            Who am I? A browser on the server's own machine (loopback, no
 *                                  proxy headers) is signed in as a workspace member right away
 *                                  when TRUST_LOCALHOST is on.
 * - POST   /api/session {key}      Sign in with the workspace key (sets an HttpOnly cookie).
 * - DELETE /api/session            Sign out.
 * - GET    /api/share/:token       What a share link opens (map id, title, role), or 401.
 * - GET    /api/maps/:id/links     The map's share links (workspace members only).
 * - POST   /api/maps/:id/links     Create one {role, label}.
 * - DELETE /api/maps/:id/links/:linkId   Revoke it (streams opened with it are closed at once).
 */
import type { Context, Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { ID_PATTERN } from '../../../src/domain/ids';
import { WORKSPACE_COOKIE, principalOf } from '../../access/principal';
import type { AccessControl } from '../../access/require';
import { unauthenticated } from '../../access/require';
import { SHARE_ROLES } from '../../access/roles';
import type { ShareLink } from '../../access/share-links';
import type { LiveHub } from '../../live/hub';
import type { MapRepository } from '../../maps/map-repository';
import { readBody } from '../body';
import { ApiError, mapNotFound } from '../errors';
import { route } from '../router';

export const signInSchema = z.strictObject({ key: z.string().min(1, 'enter the workspace key').max(200) });
export const createLinkSchema = z.strictObject({
  role: z.enum(SHARE_ROLES, 'must be view, comment or edit'),
  label: z.string().trim().max(80, 'must be at most 80 characters').default(''),
});

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const PROXY_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip', 'x-forwarded-host'];

/** Straight from this machine, not relayed by a proxy (which would make everyone look local). */
function isDirectLoopback(c: Context): boolean {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  const address = env?.incoming?.socket?.remoteAddress;
  if (!address || !LOOPBACK.has(address)) return false;
  return PROXY_HEADERS.every((h) => c.req.header(h) === undefined);
}

function setWorkspaceCookie(c: Context, key: string): void {
  setCookie(c, WORKSPACE_COOKIE, key, {
    httpOnly: true,
    sameSite: 'Strict',
    path: '/',
    secure: new URL(c.req.url).protocol === 'https:',
    maxAge: 60 * 60 * 24 * 365,
  });
}

export function linkJson(link: ShareLink): Record<string, unknown> {
  return {
    id: link.id,
    role: link.role,
    label: link.label,
    token: link.token,
    path: `/s/${link.token}`,
    createdAt: link.createdAt,
    revokedAt: link.revokedAt,
  };
}

export interface AccessRouteDeps {
  access: AccessControl;
  repo: MapRepository;
  hub: LiveHub;
  trustLocalhost: boolean;
}

export function accessRoutes(app: Hono, { access, repo, hub, trustLocalhost }: AccessRouteDeps): void {
  const { workspaceKey, links } = access.context;

  route(app, '/api/session', {
    GET: async (c) => {
      const p = await principalOf(c, access.context);
      if (p.kind === 'owner' || (p.kind === 'anonymous' && trustLocalhost && isDirectLoopback(c))) {
        if (p.kind === 'anonymous') setWorkspaceCookie(c, workspaceKey);
        // Members may see the key: they invite teammates with it.
        return c.json({ role: 'owner', workspaceKey });
      }
      if (p.kind === 'guest') return c.json({ role: p.role, mapId: p.mapId });
      throw unauthenticated(p);
    },
    POST: async (c) => {
      const { key } = await readBody(c, signInSchema);
      if (key !== workspaceKey) {
        await new Promise((r) => setTimeout(r, 300)); // no fast guessing
        throw new ApiError(401, 'That is not this workspace’s key.', { reason: 'wrong-key' });
      }
      setWorkspaceCookie(c, key);
      return c.json({ role: 'owner', workspaceKey });
    },
    DELETE: (c) => {
      deleteCookie(c, WORKSPACE_COOKIE, { path: '/' });
      return c.body(null, 204);
    },
  });

  route(app, '/api/share/:token', {
    GET: async (c) => {
      const token = c.req.param('token') ?? '';
      const link = await links.findByToken(token);
      if (!link) throw new ApiError(401, 'This link is not valid. Check that you copied the whole link.', { reason: 'unknown-token' });
      if (link.revokedAt) throw new ApiError(401, 'This share link has been revoked. Ask the map owner for a new link.', { reason: 'revoked' });
      const stored = await repo.get(link.mapId);
      if (!stored) throw mapNotFound();
      return c.json({ mapId: link.mapId, role: link.role, label: link.label, title: stored.map.title });
    },
  });

  const mapIdOf = (c: Context): string => {
    const id = c.req.param('id');
    if (!id || !ID_PATTERN.test(id)) throw mapNotFound();
    return id;
  };

  route(app, '/api/maps/:id/links', {
    GET: async (c) => {
      const mapId = mapIdOf(c);
      await access.require(c, mapId, 'owner');
      if (!(await repo.getJson(mapId))) throw mapNotFound();
      return c.json({ links: (await links.list(mapId)).map(linkJson) });
    },
    POST: async (c) => {
      const mapId = mapIdOf(c);
      await access.require(c, mapId, 'owner');
      const body = await readBody(c, createLinkSchema);
      const link = await links.create(mapId, body.role, body.label);
      if (!link) throw mapNotFound();
      return c.json({ link: linkJson(link) }, 201);
    },
  });

  route(app, '/api/maps/:id/links/:linkId', {
    DELETE: async (c) => {
      const mapId = mapIdOf(c);
      await access.require(c, mapId, 'owner');
      const linkId = c.req.param('linkId') ?? '';
      if (!ID_PATTERN.test(linkId)) throw new ApiError(404, 'Share link not found');
      const link = await links.revoke(mapId, linkId);
      if (!link) throw new ApiError(404, 'Share link not found');
      hub.publish(mapId, { type: 'revoked', linkId });
      return c.json({ link: linkJson(link) });
    },
  });
}
