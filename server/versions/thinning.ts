/**
 * Which automatic snapshots to drop so storage stays bounded (pure; the policy runs it after each
 * automatic snapshot):
 * - the last day: every snapshot is kept;
 * - older than a day: one per clock hour (UTC), the newest of that hour;
 * - older than a week: one per day (UTC), the newest of that day.
 * Named and restore versions never reach this function: they are never thinned.
 */
export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
export const WEEK_MS = 7 * DAY_MS;

export interface TimedVersion {
  id: string;
  createdAt: Date;
}

export function thinningPlan(autos: readonly TimedVersion[], now: Date): string[] {
  const drop: string[] = [];
  const keptBucket = new Set<string>();
  // Newest first, so the first one seen in a bucket is the one kept.
  const sorted = [...autos].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1));
  for (const v of sorted) {
    const age = now.getTime() - v.createdAt.getTime();
    if (age <= DAY_MS) continue;
    const bucket = age > WEEK_MS ? `d${Math.floor(v.createdAt.getTime() / DAY_MS)}` : `h${Math.floor(v.createdAt.getTime() / HOUR_MS)}`;
    if (keptBucket.has(bucket)) drop.push(v.id);
    else keptBucket.add(bucket);
  }
  return drop;
}
