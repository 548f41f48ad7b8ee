/**
 * Who may do what. A request acts either as a workspace member ("owner": every map, and managing
 * share links, versions and votes) or as the holder of one map's share link with a role.
 * Roles are ordered: each one may do everything the roles before it may.
 */
export const SHARE_ROLES = ['view', 'comment', 'edit'] as const;
export type ShareRole = (typeof SHARE_ROLES)[number];
export type Role = ShareRole | 'owner';

const RANK: Record<Role, number> = { view: 0, comment: 1, edit: 2, owner: 3 };

export function roleAllows(have: Role, need: Role): boolean {
  return RANK[have] >= RANK[need];
}
