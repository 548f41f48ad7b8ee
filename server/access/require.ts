/**
 * The one check every API route makes before it reads or writes anything:
 * `await access.require(c, mapId, 'edit')`. Throws 401 (no or invalid credentials), 403 (a share
 * link whose role is too low) or 404 (a share link for another map: other maps do not exist
 * for its holder).
 */
import type { Context } from 'hono';
import { ApiError } from '../http/errors';
import { principalOf, roleOf, type AccessContext, type Principal } from './principal';
import { roleAllows, type Role } from './roles';

const NEED_TEXT: Record<Role, string> = {
  view: 'view this map',
  comment: 'comment on this map',
  edit: 'edit this map',
  owner: 'do this (only members of the workspace can)',
};

export function unauthenticated(p: Principal): ApiError {
  if (p.kind === 'invalid' && p.reason === 'revoked')
    return new ApiError(401, 'This share link has been revoked. Ask the map owner for a new link.', { reason: 'revoked' });
  if (p.kind === 'invalid')
    return new ApiError(401, 'This link or key is not valid. Check that you copied the whole link.', { reason: 'unknown-token' });
  return new ApiError(401, 'Sign-in needed: open a share link, or enter the workspace key.', { reason: 'no-credentials' });
}

export interface AccessControl {
  readonly context: AccessContext;
  /**
   * The caller's principal, after checking it may act with `need` on map `mapId`
   * (`null`: an action on the workspace, such as listing or creating maps: owners only).
   */
  require(c: Context, mapId: string | null, need: Role): Promise<Principal>;
  /** The caller's role on a map, or null (no check, no throw). */
  roleOn(c: Context, mapId: string): Promise<Role | null>;
  principal(c: Context): Promise<Principal>;
}

export function accessControl(context: AccessContext): AccessControl {
  return {
    context,
    require: (c, mapId, need) => requireAccess(c, context, mapId, need),
    roleOn: async (c, mapId) => roleOf(await principalOf(c, context), mapId),
    principal: (c) => principalOf(c, context),
  };
}

async function requireAccess(c: Context, context: AccessContext, mapId: string | null, need: Role): Promise<Principal> {
  const p = await principalOf(c, context);
  if (p.kind === 'anonymous' || p.kind === 'invalid') throw unauthenticated(p);
  const role = roleOf(p, mapId);
  if (role === null) {
    // A share link only knows its own map; everything else does not exist for it.
    if (mapId !== null) throw new ApiError(404, 'Map not found');
    throw new ApiError(403, `A share link cannot ${NEED_TEXT.owner}.`, { reason: 'forbidden', need });
  }
  if (!roleAllows(role, need)) throw new ApiError(403, `This link is ${articled(role)} link: it cannot ${NEED_TEXT[need]}.`, { reason: 'forbidden', role, need });
  return p;
}

function articled(role: Role): string {
  return role === 'edit' ? 'an edit' : `a ${role}-only`.replace('comment-only', 'comment');
}
