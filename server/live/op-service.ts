/**
 * Live operations: a client's change set is merged three-way into the current stored document
 * (server order decides: where the same value was changed by someone whose operation arrived
 * first, theirs is kept and this one's part is reported back as lost), validated as a whole
 * document, stored with a new version, logged in `map_ops` and broadcast to every open stream.
 */
import type { JourneyMap } from '../../src/domain/schema';
import { validateAgainst } from './validate-change';
import { describeZodError } from '../../src/domain/validation';
import { applyChangeset, shareUnchanged, type Changeset, type MergeStats } from '../../src/store/history';
import { repairIntegrity } from '../../src/store/integrity';
import type { Database } from '../db/database';
import { ApiError } from '../http/errors';
import type { MapRepository, StoredMap } from '../maps/map-repository';
import type { LiveEvent } from './events';
import type { LiveHub } from './hub';
import type { OpRequest } from './changeset-schema';

export interface OpResult {
  /** The map's version after this operation (unchanged when it changed nothing). */
  version: number;
  /** Where this operation lost to a change that reached the server first ("touchpoints/<id>/title"). */
  lost: string[];
  /** True when this opId had been applied before: nothing was done again. */
  duplicate: boolean;
}

/** "<collection>/<id>" of every entity `repaired` no longer has. */
function droppedBy(before: JourneyMap, repaired: JourneyMap): string[] {
  if (before === repaired) return [];
  const out: string[] = [];
  for (const key of ['touchpoints', 'mots', 'comments'] as const) {
    if (before[key] === repaired[key]) continue;
    const kept = new Set(repaired[key].map((e) => e.id));
    for (const e of before[key]) if (!kept.has(e.id)) out.push(`${key}/${e.id}`);
  }
  return out;
}

/** Fields the server owns: a client's value for them is never a conflict worth reporting. */
const SERVER_FIELDS = new Set(['updatedAt']);

/** After a stored change: the map before (`prev`) and after it (`next` at `version`). */
export type CommitHook = (mapId: string, next: JourneyMap, version: number, author: string, prev: StoredMap) => Promise<void>;

export class OpService {
  private readonly afterCommit: CommitHook[] = [];

  constructor(
    private readonly db: Database,
    private readonly repo: MapRepository,
    private readonly hub: LiveHub,
  ) {}

  /** Run after every stored operation (automatic version snapshots use this). */
  onCommit(hook: CommitHook): void {
    this.afterCommit.push(hook);
  }

  async apply(mapId: string, op: OpRequest, now = new Date()): Promise<OpResult> {
    const outcome = await this.repo.transform<OpResult>(
      mapId,
      ({ map, version }, known) => {
        if (known.opVersion(op.opId) !== undefined) return { write: false, result: { version, lost: [], duplicate: true } };
        const stats: MergeStats = { conflicts: 0, paths: [] };
        const rebased = applyChangeset(map, op.changeset as Changeset, 'redo', stats).doc;
        // Merged with someone's delete, a change can leave things pointing at what is gone (a
        // comment on a card deleted meanwhile, a card added to a removed stage): those go the way
        // the delete commands cascade, and are reported as lost.
        const merged = repairIntegrity(rebased);
        const dropped = droppedBy(rebased, merged);
        // Never drop what this operation itself writes: a card sent with a stage that does not
        // exist is refused (422 below), not silently thrown away.
        const written = new Set(
          op.changeset.collections.flatMap((c) => c.entities.filter((e) => e.after !== undefined).map((e) => `${c.key}/${e.id}`)),
        );
        const repaired = dropped.some((d) => written.has(d)) ? rebased : merged;
        const lost = [...(stats.paths ?? []).filter((p) => !SERVER_FIELDS.has(p)), ...(repaired === merged ? dropped : [])];
        if (repaired === map) return { write: false, result: { version, lost, duplicate: false } };
        const candidate = { ...repaired, id: map.id, schemaVersion: map.schemaVersion, createdAt: map.createdAt, updatedAt: now.toISOString() };
        // Only what the operation changed is checked part by part; the whole result must be valid.
        const checked = validateAgainst(map, candidate);
        if (!checked.success) {
          throw new ApiError(422, 'This change cannot be applied to the map as it is now (someone may have deleted what it refers to). Reload to see the latest map.', describeZodError(checked.error));
        }
        return {
          write: true,
          next: checked.shared ? checked.data : shareUnchanged(map, checked.data),
          log: { opId: op.opId, clientId: op.clientId, author: op.author },
          result: { version: version + 1, lost, duplicate: false },
        };
      },
    );
    if (!outcome) throw new ApiError(404, 'Map not found');
    if (outcome.written) {
      this.announce(mapId, outcome.written.version, outcome.changeset, { opId: op.opId, clientId: op.clientId, author: op.author }, now);
      if (outcome.written.version % 200 === 0) await this.prune(mapId, outcome.written.version).catch((e: unknown) => console.error('pruning the operation log failed:', e));
      await this.committed(mapId, outcome.written.map, outcome.written.version, op.author, outcome.prev);
    }
    return outcome.result;
  }

  /**
   * A server-made change (comments, applying vote results…): `change` edits the current document;
   * stored and broadcast like a client's operation. Returns the new version (or the old one when
   * nothing changed).
   */
  async change(mapId: string, author: string, change: (current: JourneyMap) => JourneyMap, now = new Date()): Promise<number> {
    const outcome = await this.repo.transform<number>(
      mapId,
      ({ map, version }) => {
        const next = change(map);
        if (next === map) return { write: false, result: version };
        const checked = validateAgainst(map, { ...next, updatedAt: now.toISOString() });
        if (!checked.success) throw new ApiError(422, 'This change would make the map invalid.', describeZodError(checked.error));
        return { write: true, next: checked.shared ? checked.data : shareUnchanged(map, checked.data), log: { opId: null, clientId: null, author }, result: version + 1 };
      },
    );
    if (!outcome) throw new ApiError(404, 'Map not found');
    if (outcome.written) {
      this.announce(mapId, outcome.written.version, outcome.changeset, { opId: null, clientId: null, author }, now);
    }
    return outcome.result;
  }

  private async committed(mapId: string, next: JourneyMap, version: number, author: string, prev: StoredMap): Promise<void> {
    for (const hook of this.afterCommit) {
      await hook(mapId, next, version, author, prev).catch((e: unknown) => console.error('after-commit hook failed:', e));
    }
  }

  /** Broadcast a stored change to every open stream (on every instance, through the hub). */
  private announce(
    mapId: string,
    version: number,
    changeset: Changeset,
    by: { opId: string | null; clientId: string | null; author: string },
    at: Date,
  ): void {
    this.hub.publish(mapId, { type: 'op', version, ...by, changeset, at: at.toISOString() });
  }

  /**
   * The logged operations after `since`, in order, when the log still holds every one of them;
   * null when some are missing (the client must reload the document instead).
   */
  async since(mapId: string, since: number, current: number): Promise<LiveEvent[] | null> {
    if (since >= current) return [];
    if (current - since > 500) return null;
    const { rows } = await this.db.query<{ version: number; op_id: string | null; client_id: string | null; author: string; changeset: unknown; created_at: unknown }>(
      'SELECT version, op_id, client_id, author, changeset, created_at FROM map_ops WHERE map_id = $1 AND version > $2 AND version <= $3 ORDER BY version',
      [mapId, since, current],
    );
    if (rows.length !== current - since) return null;
    return rows.map((r) => ({
      type: 'op' as const,
      version: r.version,
      opId: r.op_id,
      clientId: r.client_id,
      author: r.author,
      changeset: (typeof r.changeset === 'string' ? JSON.parse(r.changeset) : r.changeset) as Changeset,
      at: r.created_at instanceof Date ? r.created_at.toISOString() : String(r.created_at),
    }));
  }

  /** Keep the log short: operations more than `keep` versions old are dropped. */
  async prune(mapId: string, currentVersion: number, keep = 1000): Promise<void> {
    // Never what the stored document does not contain yet (deferred document writes).
    await this.db.query('DELETE FROM map_ops WHERE map_id = $1 AND version <= LEAST($2::integer, (SELECT doc_version FROM maps WHERE id = $1))', [
      mapId,
      currentVersion - keep,
    ]);
  }
}
