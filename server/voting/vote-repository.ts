/**
 * Storage of dot-vote sessions and ballots (tables vote_sessions and vote_ballots, migration 2).
 *
 * One active (open or revealed) session per map: `start` locks the map's row, so two starts
 * racing on one map (even on several instances) cannot both succeed.
 */
import { isoTimestamp } from '../db/timestamps';
import { newId } from '../../src/domain/ids';
import type { VoteTargetKind } from '../../src/domain/dot-voting';
import type { CustomerGroup } from '../../src/domain/schema';
import type { Database, Queryable } from '../db/database';

export type VoteStatus = 'open' | 'revealed' | 'closed';

export interface VoteSession {
  id: string;
  mapId: string;
  targetKind: VoteTargetKind;
  dotsPerPerson: number;
  title: string;
  status: VoteStatus;
  createdAt: string;
  revealedAt: string | null;
  appliedAt: string | null;
}

export interface StoredBallot {
  sessionId: string;
  participantId: string;
  name: string;
  group: CustomerGroup;
  dots: Record<string, number>;
  updatedAt: string;
}

interface SessionRow {
  id: string;
  map_id: string;
  target_kind: VoteTargetKind;
  dots_per_person: number;
  title: string;
  status: VoteStatus;
  created_at: unknown;
  revealed_at: unknown;
  applied_at: unknown;
}

interface BallotRow {
  session_id: string;
  participant_id: string;
  name: string;
  customer_group: CustomerGroup;
  dots: unknown;
  updated_at: unknown;
}

const iso = isoTimestamp;
const isoOrNull = (v: unknown): string | null => (v == null ? null : iso(v));

function sessionFrom(r: SessionRow): VoteSession {
  return {
    id: r.id,
    mapId: r.map_id,
    targetKind: r.target_kind,
    dotsPerPerson: r.dots_per_person,
    title: r.title,
    status: r.status,
    createdAt: iso(r.created_at),
    revealedAt: isoOrNull(r.revealed_at),
    appliedAt: isoOrNull(r.applied_at),
  };
}

function ballotFrom(r: BallotRow): StoredBallot {
  const raw = typeof r.dots === 'string' ? (JSON.parse(r.dots) as unknown) : r.dots;
  const dots: Record<string, number> = {};
  if (raw && typeof raw === 'object') {
    for (const [k, v] of Object.entries(raw as Record<string, unknown>)) if (typeof v === 'number' && Number.isInteger(v) && v > 0) dots[k] = v;
  }
  return {
    sessionId: r.session_id,
    participantId: r.participant_id,
    name: r.name,
    group: r.customer_group,
    dots,
    updatedAt: iso(r.updated_at),
  };
}

/** How many past sessions GET lists. */
export const PAST_SESSIONS_LIMIT = 20;

export class VoteRepository {
  constructor(private readonly db: Database) {}

  /** The map's sessions, newest first (at most `limit`), always including an active one. */
  async list(mapId: string, limit = PAST_SESSIONS_LIMIT + 1): Promise<VoteSession[]> {
    const { rows } = await this.db.query<SessionRow>(
      `SELECT * FROM vote_sessions WHERE map_id = $1 ORDER BY (status <> 'closed') DESC, created_at DESC, id LIMIT $2`,
      [mapId, limit],
    );
    return rows.map(sessionFrom);
  }

  async get(mapId: string, sessionId: string, q: Queryable = this.db): Promise<VoteSession | null> {
    const { rows } = await q.query<SessionRow>('SELECT * FROM vote_sessions WHERE id = $1 AND map_id = $2', [sessionId, mapId]);
    return rows[0] ? sessionFrom(rows[0]) : null;
  }

  /**
   * Start a session unless one is active: `{ ok: false, active }` then; null when the map does not exist.
   */
  async start(
    mapId: string,
    input: { targetKind: VoteTargetKind; dotsPerPerson: number; title: string },
    now = new Date(),
  ): Promise<{ ok: true; session: VoteSession } | { ok: false; active: VoteSession } | null> {
    return this.db.transaction(async (tx) => {
      const map = await tx.query('SELECT id FROM maps WHERE id = $1 FOR UPDATE', [mapId]);
      if (map.rows.length === 0) return null;
      const active = await tx.query<SessionRow>(
        `SELECT * FROM vote_sessions WHERE map_id = $1 AND status <> 'closed' ORDER BY created_at DESC LIMIT 1`,
        [mapId],
      );
      if (active.rows[0]) return { ok: false as const, active: sessionFrom(active.rows[0]) };
      const { rows } = await tx.query<SessionRow>(
        `INSERT INTO vote_sessions (id, map_id, target_kind, dots_per_person, title, status, created_at)
         VALUES ($1, $2, $3, $4, $5, 'open', $6::text::timestamptz) RETURNING *`,
        [newId(), mapId, input.targetKind, input.dotsPerPerson, input.title, now.toISOString()],
      );
      const row = rows[0];
      if (!row) throw new Error('inserting a vote session returned nothing');
      return { ok: true as const, session: sessionFrom(row) };
    });
  }

  async ballots(sessionIds: readonly string[]): Promise<StoredBallot[]> {
    if (sessionIds.length === 0) return [];
    const { rows } = await this.db.query<BallotRow>(
      'SELECT * FROM vote_ballots WHERE session_id = ANY($1::text[]) ORDER BY session_id, updated_at, participant_id',
      [sessionIds],
    );
    return rows.map(ballotFrom);
  }

  /**
   * Replace a participant's ballot, only while the session is open (checked under the session's
   * row lock, so a ballot never lands after the reveal). Returns the session's status when it was
   * not open, or null when the session does not exist.
   */
  async putBallot(
    mapId: string,
    ballot: Omit<StoredBallot, 'updatedAt'>,
    now = new Date(),
  ): Promise<{ ok: true; ballot: StoredBallot } | { ok: false; status: VoteStatus } | null> {
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<SessionRow>('SELECT * FROM vote_sessions WHERE id = $1 AND map_id = $2 FOR UPDATE', [
        ballot.sessionId,
        mapId,
      ]);
      const session = rows[0];
      if (!session) return null;
      if (session.status !== 'open') return { ok: false as const, status: session.status };
      const saved = await tx.query<BallotRow>(
        `INSERT INTO vote_ballots (session_id, participant_id, name, customer_group, dots, updated_at)
         VALUES ($1, $2, $3, $4, $5::text::jsonb, $6::text::timestamptz)
         ON CONFLICT (session_id, participant_id)
         DO UPDATE SET name = EXCLUDED.name, customer_group = EXCLUDED.customer_group, dots = EXCLUDED.dots, updated_at = EXCLUDED.updated_at
         RETURNING *`,
        [ballot.sessionId, ballot.participantId, ballot.name, ballot.group, JSON.stringify(ballot.dots), now.toISOString()],
      );
      const row = saved.rows[0];
      if (!row) throw new Error('storing a ballot returned nothing');
      return { ok: true as const, ballot: ballotFrom(row) };
    });
  }

  /** open → revealed. Returns the session afterwards (unchanged when it was not open), or null. */
  async reveal(mapId: string, sessionId: string, now = new Date()): Promise<VoteSession | null> {
    const { rows } = await this.db.query<SessionRow>(
      `UPDATE vote_sessions SET status = 'revealed', revealed_at = $3::text::timestamptz
        WHERE id = $1 AND map_id = $2 AND status = 'open' RETURNING *`,
      [sessionId, mapId, now.toISOString()],
    );
    return rows[0] ? sessionFrom(rows[0]) : this.get(mapId, sessionId);
  }

  /** open | revealed → closed; results become visible (revealed_at is set if it was not). */
  async close(mapId: string, sessionId: string, now = new Date()): Promise<VoteSession | null> {
    const { rows } = await this.db.query<SessionRow>(
      `UPDATE vote_sessions SET status = 'closed', revealed_at = COALESCE(revealed_at, $3::text::timestamptz)
        WHERE id = $1 AND map_id = $2 AND status <> 'closed' RETURNING *`,
      [sessionId, mapId, now.toISOString()],
    );
    return rows[0] ? sessionFrom(rows[0]) : this.get(mapId, sessionId);
  }

  /**
   * Mark a revealed session as applied, exactly once: true when this call claimed it (the caller
   * then applies the results), false when it had been applied already.
   */
  async claimApply(mapId: string, sessionId: string, now = new Date()): Promise<boolean> {
    const { rows } = await this.db.query<{ id: string }>(
      `UPDATE vote_sessions SET applied_at = $3::text::timestamptz
        WHERE id = $1 AND map_id = $2 AND applied_at IS NULL AND revealed_at IS NOT NULL RETURNING id`,
      [sessionId, mapId, now.toISOString()],
    );
    return rows.length > 0;
  }

  /** Undo a claim whose application failed, so it can be tried again. */
  async releaseApply(mapId: string, sessionId: string): Promise<void> {
    await this.db.query('UPDATE vote_sessions SET applied_at = NULL WHERE id = $1 AND map_id = $2', [sessionId, mapId]);
  }
}
