import { and, gte, isNotNull, lt } from "drizzle-orm";
import { conversations } from "../../db/schema.js";
import type { Db } from "../storage/database.js";

/**
 * One bar of the TTFR distribution: responses whose TTFR is from `fromShare` up to `toShare` of their
 * conversation's own target (`toShare` null: no upper bound).
 */
export interface HistogramBucket {
  fromShare: number;
  toShare: number | null;
  count: number;
  /** Whether every TTFR in the bucket is within its conversation's target. */
  withinTarget: boolean;
}

export interface TtfrHistogram {
  buckets: HistogramBucket[];
  /** The target every counted response had; null when they differ (policies, business calendars). */
  targetMs: number | null;
}

/** A first response: its TTFR and its conversation's target, both in clock time (`due − start`). */
export interface CountedResponse {
  ttfrMs: number;
  targetMs: number;
}

/**
 * Bucket edges as shares of the target, so the target always falls on an edge and the chart reads the
 * same whatever the target is: finer below the target (where a lead tunes staffing), coarser above it.
 */
const EDGES = [0, 0.125, 0.25, 0.5, 0.75, 1, 1.5, 2, 4];

/**
 * Counts TTFRs into buckets by their share of their own conversation's target, so a response is drawn as
 * within the target exactly when the metrics count it so (answered by the due time): with policies, one
 * conversation's 1 h may be late and another's 3 h in time. A TTFR equal to its target is within it, so it
 * lands in the bar that ends at the target.
 */
export function bucketResponses(
  responses: readonly CountedResponse[],
  defaultTargetMs: number,
): TtfrHistogram {
  const buckets: HistogramBucket[] = EDGES.map((fromShare, i) => ({
    fromShare,
    toShare: EDGES[i + 1] ?? null,
    count: 0,
    withinTarget: fromShare < 1,
  }));
  const targets = new Set<number>();
  for (const { ttfrMs, targetMs } of responses) {
    targets.add(targetMs);
    const within = ttfrMs <= targetMs;
    const share = targetMs > 0 ? ttfrMs / targetMs : Number.POSITIVE_INFINITY;
    // The first bucket on the response's side of the target whose upper edge is above its share holds it.
    const bucket = buckets.find(
      (b) =>
        b.withinTarget === within && (b.toShare === null || share < b.toShare || (within && b.toShare === 1)),
    );
    if (bucket) bucket.count++;
  }
  const [only] = targets;
  return { buckets, targetMs: targets.size > 1 ? null : (only ?? defaultTargetMs) };
}

/** The TTFR distribution of responded conversations started in `[from, to)`. */
export async function ttfrHistogram(
  db: Db,
  query: { from: number; to: number; defaultTargetMs: number },
): Promise<TtfrHistogram> {
  const c = conversations;
  const rows = await db
    .select({ startedAt: c.startedAt, dueAt: c.dueAt, firstResponseAt: c.firstResponseAt })
    .from(c)
    .where(and(gte(c.startedAt, query.from), lt(c.startedAt, query.to), isNotNull(c.firstResponseAt)));
  const responses = rows.map((r) => ({
    ttfrMs: (r.firstResponseAt ?? r.startedAt) - r.startedAt,
    targetMs: r.dueAt - r.startedAt,
  }));
  return bucketResponses(responses, query.defaultTargetMs);
}
