import { and, gte, isNotNull, lt } from "drizzle-orm";
import { conversations } from "../../db/schema.js";
import type { Db } from "../storage/database.js";

/** One bar of the TTFR distribution: responses with `fromMs <= TTFR < toMs` (`toMs` null: no upper bound). */
export interface HistogramBucket {
  fromMs: number;
  toMs: number | null;
  count: number;
  /** Whether every TTFR in the bucket is within the target. */
  withinTarget: boolean;
}

/**
 * Bucket edges as shares of the target, so the target always falls on an edge and the chart reads the
 * same whatever the target is: finer below the target (where a lead tunes staffing), coarser above it.
 */
const EDGES = [0, 0.125, 0.25, 0.5, 0.75, 1, 1.5, 2, 4];

/**
 * Counts TTFRs into buckets around the target. A TTFR equal to the target is within it (README), so it
 * lands in the bar that ends at the target.
 */
export function bucketTtfrs(ttfrs: readonly number[], targetMs: number): HistogramBucket[] {
  const edges = EDGES.map((share) => Math.round(share * targetMs));
  const buckets: HistogramBucket[] = edges.map((fromMs, i) => ({
    fromMs,
    toMs: edges[i + 1] ?? null,
    count: 0,
    withinTarget: fromMs < targetMs,
  }));
  for (const ttfr of ttfrs) {
    // Buckets are scanned from the shortest: the first whose upper edge is above the TTFR holds it.
    const index = edges.findIndex((_, i) => {
      const next = edges[i + 1];
      return next === undefined || ttfr < next || (next === targetMs && ttfr === next);
    });
    const bucket = buckets[index];
    if (bucket) bucket.count++;
  }
  return buckets;
}

/** The TTFR distribution of responded conversations started in `[from, to)`. */
export async function ttfrHistogram(
  db: Db,
  query: { from: number; to: number; targetMs: number },
): Promise<HistogramBucket[]> {
  const c = conversations;
  const rows = await db
    .select({ startedAt: c.startedAt, firstResponseAt: c.firstResponseAt })
    .from(c)
    .where(and(gte(c.startedAt, query.from), lt(c.startedAt, query.to), isNotNull(c.firstResponseAt)));
  const ttfrs = rows.map((r) => (r.firstResponseAt ?? r.startedAt) - r.startedAt);
  return bucketTtfrs(ttfrs, query.targetMs);
}
