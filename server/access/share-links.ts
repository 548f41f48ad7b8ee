/** Share links: per-map capability tokens with a role. Tokens are 256 random bits (base64url). */
import { isoTimestamp } from '../db/timestamps';
import { randomBytes } from 'node:crypto';
import { newId } from '../../src/domain/ids';
import type { Database } from '../db/database';
import type { ShareRole } from './roles';

export interface ShareLink {
  id: string;
  mapId: string;
  token: string;
  role: ShareRole;
  label: string;
  createdAt: string;
  revokedAt: string | null;
}

interface Row {
  id: string;
  map_id: string;
  token: string;
  role: ShareRole;
  label: string;
  created_at: unknown;
  revoked_at: unknown;
}

const iso = isoTimestamp;

function fromRow(r: Row): ShareLink {
  return {
    id: r.id,
    mapId: r.map_id,
    token: r.token,
    role: r.role,
    label: r.label,
    createdAt: iso(r.created_at),
    revokedAt: r.revoked_at == null ? null : iso(r.revoked_at),
  };
}

export function newShareToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Tokens look like this; anything else is refused before touching the database. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{20,100}$/;

export class ShareLinkRepository {
  /** Revocation must take effect at once: tokens are looked up on every request, cached briefly. */
  private readonly cache = new Map<string, { link: ShareLink | null; at: number }>();
  private static readonly CACHE_MS = 2_000;
  /** Link id → token, for the links in the cache (revocation events name the link, not the token). */
  private readonly tokenOfLink = new Map<string, string>();

  constructor(private readonly db: Database) {}

  async findByToken(token: string): Promise<ShareLink | null> {
    if (!TOKEN_PATTERN.test(token)) return null;
    const hit = this.cache.get(token);
    const now = Date.now();
    if (hit && now - hit.at < ShareLinkRepository.CACHE_MS) return hit.link;
    const { rows } = await this.db.query<Row>('SELECT * FROM share_links WHERE token = $1', [token]);
    const link = rows[0] ? fromRow(rows[0]) : null;
    if (this.cache.size > 10_000) {
      this.cache.clear();
      this.tokenOfLink.clear();
    }
    this.cache.set(token, { link, at: now });
    if (link) this.tokenOfLink.set(link.id, token);
    return link;
  }

  /**
   * Drop a link from the token cache at once (a `revoked` live event calls this on every
   * instance, so a link revoked through one instance is refused by all of them).
   */
  forgetLink(linkId: string): void {
    const token = this.tokenOfLink.get(linkId);
    if (token === undefined) return;
    this.tokenOfLink.delete(linkId);
    this.cache.delete(token);
  }

  async list(mapId: string): Promise<ShareLink[]> {
    const { rows } = await this.db.query<Row>('SELECT * FROM share_links WHERE map_id = $1 ORDER BY created_at, id', [mapId]);
    return rows.map(fromRow);
  }

  async create(mapId: string, role: ShareRole, label: string): Promise<ShareLink | null> {
    const id = newId();
    const token = newShareToken();
    const now = new Date().toISOString();
    const { rows } = await this.db.query<Row>(
      `INSERT INTO share_links (id, map_id, token, role, label, created_at)
       SELECT $1, $2, $3, $4, $5, $6 WHERE EXISTS (SELECT 1 FROM maps WHERE id = $2)
       RETURNING *`,
      [id, mapId, token, role, label, now],
    );
    return rows[0] ? fromRow(rows[0]) : null;
  }

  /** Revoke (idempotent). Returns the link, or null when the map has no such link. */
  async revoke(mapId: string, linkId: string): Promise<ShareLink | null> {
    const { rows } = await this.db.query<Row>(
      `UPDATE share_links SET revoked_at = coalesce(revoked_at, $3) WHERE id = $1 AND map_id = $2 RETURNING *`,
      [linkId, mapId, new Date().toISOString()],
    );
    const link = rows[0] ? fromRow(rows[0]) : null;
    if (link) {
      this.cache.delete(link.token);
      this.tokenOfLink.delete(link.id);
    }
    return link;
  }
}
