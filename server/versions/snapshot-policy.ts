/**
 * When to keep a version of a map automatically:
 * - baseline: before the first write to a map that has no version yet, its current (pre-edit)
 *   document is kept, so the first edit after creation can always be undone by a restore;
 * - after writes (live operations, via `ops.onCommit`): when the map has changed since the newest
 *   version and that version is older than `intervalMs` (10 minutes by default);
 * - before a whole-document PUT: the same rule applied to the document about to be replaced.
 * After every automatic snapshot, older automatic ones are thinned (see thinning.ts). Every change
 * to the list is announced as a `versions` live event.
 */
import type { JourneyMap } from '../../src/domain/schema';
import { deepEqual } from '../../src/store/equal';
import type { LiveHub } from '../live/hub';
import { thinningPlan } from './thinning';
import { MAX_VERSIONS_PER_MAP, type VersionMeta, type VersionRepository } from './version-repository';
import { KeyedSerial } from '../lib/keyed-serial';

export const DEFAULT_SNAPSHOT_INTERVAL_MS = 10 * 60_000;

/** The same content: everything but the server-owned `updatedAt`. */
export function sameContent(a: JourneyMap, b: JourneyMap): boolean {
  return deepEqual({ ...a, updatedAt: '' }, { ...b, updatedAt: '' });
}

export class SnapshotPolicy {
  /** Per map: one snapshot decision at a time (concurrent writes would otherwise both snapshot). */
  private readonly running = new KeyedSerial();
  /**
   * When this process last kept an automatic snapshot of a map: within the interval after it,
   * `consider` answers without a query. (A newer version saved elsewhere only makes the check
   * go to the database, which has the truth.)
   */
  private readonly keptAt = new Map<string, number>();
  /**
   * Per map: until when no snapshot can be due, learnt from the newest version's time (a newer
   * version saved meanwhile only makes a snapshot due later, never sooner).
   */
  private readonly quietUntil = new Map<string, number>();

  constructor(
    private readonly versions: VersionRepository,
    private readonly hub: LiveHub,
    readonly intervalMs: number = DEFAULT_SNAPSHOT_INTERVAL_MS,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  private serial<T>(mapId: string, run: () => Promise<T>): Promise<T> {
    return this.running.run(mapId, run);
  }

  /** Before a write: keep the current document when the map has no version at all. */
  baseline(mapId: string, current: JourneyMap, mapVersion: number, author = ''): Promise<VersionMeta | null> {
    return this.serial(mapId, async () => {
      if (await this.versions.latest(mapId)) return null;
      return this.keep(mapId, current, mapVersion, author);
    });
  }

  /**
   * Keep `doc` (the map at `mapVersion`) when there is no version yet, or when it differs from
   * the newest version and that one is at least `intervalMs` old.
   */
  consider(mapId: string, doc: JourneyMap, mapVersion: number, author = ''): Promise<VersionMeta | null> {
    if (this.quiet(mapId)) return Promise.resolve(null);
    return this.serial(mapId, async () => {
      const latest = await this.versions.latest(mapId);
      if (latest) {
        if (latest.mapVersion === mapVersion) return null;
        if (this.clock().getTime() - latest.createdAt.getTime() < this.intervalMs) {
          this.remember(this.quietUntil, mapId, latest.createdAt.getTime() + this.intervalMs);
          return null;
        }
        const previous = await this.versions.docOf(mapId, latest.id);
        if (previous && sameContent(previous, doc)) return null;
      }
      return this.keep(mapId, doc, mapVersion, author);
    });
  }

  /**
   * True when no automatic snapshot can be due for this map now (answered without a query): one
   * was kept, or the newest version was found to be younger than the interval, recently enough.
   * Writes check this before loading anything for `consider`.
   */
  quiet(mapId: string): boolean {
    const now = this.clock().getTime();
    const kept = this.keptAt.get(mapId);
    if (kept !== undefined && now - kept < this.intervalMs) return true;
    const until = this.quietUntil.get(mapId);
    return until !== undefined && now < until;
  }

  private remember(into: Map<string, number>, mapId: string, value: number): void {
    into.delete(mapId);
    into.set(mapId, value);
    if (into.size > 10_000) into.delete(into.keys().next().value ?? '');
  }

  private async keep(mapId: string, doc: JourneyMap, mapVersion: number, author: string): Promise<VersionMeta> {
    const now = this.clock();
    const meta = await this.versions.insert({ mapId, kind: 'auto', author, mapVersion, map: doc, createdAt: now });
    this.remember(this.keptAt, mapId, now.getTime());
    await this.thin(mapId, now);
    this.hub.publish(mapId, { type: 'versions' });
    return meta;
  }

  /** Drop automatic snapshots the thinning rule does not keep (and any beyond the hard cap). */
  async thin(mapId: string, now: Date = this.clock()): Promise<number> {
    const autos = await this.versions.autoTimes(mapId);
    const drop = new Set(thinningPlan(autos, now));
    const kept = autos.filter((v) => !drop.has(v.id));
    for (const v of kept.slice(MAX_VERSIONS_PER_MAP)) drop.add(v.id);
    return this.versions.deleteAuto(mapId, [...drop]);
  }
}
