/**
 * The workspace key: the secret that makes a browser a member of this workspace (owner of every
 * map). WORKSPACE_KEY when set; otherwise generated once and kept in the database, so every
 * instance on one database agrees and the key survives restarts.
 */
import { randomBytes } from 'node:crypto';
import type { Database } from '../db/database';

export async function loadWorkspaceKey(db: Database, fromEnv: string | undefined): Promise<string> {
  if (fromEnv) return fromEnv;
  const fresh = randomBytes(24).toString('base64url');
  await db.query(`INSERT INTO workspace_settings (key, value) VALUES ('workspace_key', $1) ON CONFLICT (key) DO NOTHING`, [fresh]);
  const { rows } = await db.query<{ value: string }>(`SELECT value FROM workspace_settings WHERE key = 'workspace_key'`);
  const key = rows[0]?.value;
  if (!key) throw new Error('could not read the workspace key');
  return key;
}
