import type { MeasuredConversation, MetricSet } from "./metrics.js";
import { nextResponseOverdue, resolutionOutcome } from "./target-status.js";

/**
 * Metrics from rollups: a conversation's contribution to the metric set stops changing with `now` once it
 * is *settled* (its first-response deadline passed or it was answered, its resolution happened, its
 * follow-up and resolution deadlines passed). The rollup tables (db/migrations/0005) hold every
 * conversation's settled contribution per day; a window's figures are the days' sums, corrected by the
 * difference `contribution(now) - settled` of the few conversations not settled at `now`.
 * `settledCounts` below and the triggers of the migration define the same numbers.
 */

export const DAY_MS = 86_400_000;

/** The day number a start is rolled up under, as SQLite's integer division computes it. */
export const dayOf = (ms: number) => Math.trunc(ms / DAY_MS);

/** The counts kept per day (one column each in `conversation_days`). */
export interface RollupCounts {
  conversations: number;
  responded: number;
  withinTarget: number;
  resolved: number;
  fcrResolved: number;
  nextAnswered: number;
  nextWithin: number;
  nextOverdue: number;
  resolutionDue: number;
  resolutionWithin: number;
}

export const ZERO_COUNTS: RollupCounts = {
  conversations: 0,
  responded: 0,
  withinTarget: 0,
  resolved: 0,
  fcrResolved: 0,
  nextAnswered: 0,
  nextWithin: 0,
  nextOverdue: 0,
  resolutionDue: 0,
  resolutionWithin: 0,
};

/**
 * A conversation's contribution once settled (as `now` grows without bound): every conversation is due,
 * one whose last message is the brand's or that was resolved explicitly is resolved, and so on. It does
 * not depend on the window `W`, except the resolution target of a conversation resolved explicitly after
 * its silence had resolved it; those are measured one by one (see `isResolutionAmbiguous`).
 */
export function settledCounts(c: MeasuredConversation): RollupCounts {
  const resolved = c.resolvedAt !== null || c.lastDirection === "outbound";
  let resolutionWithin = false;
  if (c.resolutionDueAt !== null) {
    if (c.resolvedAt !== null) resolutionWithin = c.resolvedAt <= c.resolutionDueAt;
    else if (c.lastDirection === "outbound") resolutionWithin = c.lastAt <= c.resolutionDueAt;
  }
  return {
    conversations: 1,
    responded: c.firstResponseAt !== null ? 1 : 0,
    withinTarget: c.firstResponseAt !== null && c.firstResponseAt <= c.dueAt ? 1 : 0,
    resolved: resolved ? 1 : 0,
    fcrResolved: resolved && c.touches === 1 ? 1 : 0,
    nextAnswered: c.nextAnswered,
    nextWithin: c.nextWithin,
    nextOverdue: c.nextDueAt !== null && c.resolvedAt === null && c.lastDirection === "inbound" ? 1 : 0,
    resolutionDue: c.resolutionDueAt !== null ? 1 : 0,
    resolutionWithin: resolutionWithin ? 1 : 0,
  };
}

/** Whether the resolution target's settled outcome can depend on `W` (see `settledCounts`). */
export function isResolutionAmbiguous(c: MeasuredConversation): boolean {
  return (
    c.resolutionDueAt !== null &&
    c.lastDirection === "outbound" &&
    c.resolvedAt !== null &&
    c.resolvedAt > c.resolutionDueAt &&
    c.lastAt <= c.resolutionDueAt
  );
}

/**
 * The follow-up and resolution parts of `contribution(now) - settled` for one conversation: what a query
 * adds for the conversations with those targets that are not settled at `now`.
 */
export function targetCorrection(
  c: MeasuredConversation,
  now: number,
  windowMs: number,
): { nextDue: number; resolutionDue: number; resolutionWithin: number } {
  const settled = settledCounts(c);
  const outcome = resolutionOutcome(c, now, windowMs);
  const counted = outcome !== null && outcome !== "pending";
  return {
    nextDue: (nextResponseOverdue(c, now, windowMs) ? 1 : 0) - settled.nextOverdue,
    resolutionDue: (counted ? 1 : 0) - settled.resolutionDue,
    resolutionWithin: (outcome === "met" ? 1 : 0) - settled.resolutionWithin,
  };
}

/** The figures of a window once its counts are corrected to `now`; percentiles are found apart. */
export interface WindowCounts extends RollupCounts {
  due: number;
  nextDue: number;
}

export interface Percentiles {
  p50: number | null;
  p90: number | null;
  p95: number | null;
}

const ratio = (numerator: number, denominator: number) =>
  denominator === 0 ? null : numerator / denominator;

/** The metric set of a window from its corrected counts and its TTFR percentiles (clock and business time). */
export function metricSetOf(counts: WindowCounts, clock: Percentiles, business: Percentiles): MetricSet {
  return {
    conversations: counts.conversations,
    responded: counts.responded,
    due: counts.due,
    withinTarget: counts.withinTarget,
    resolved: counts.resolved,
    fcrResolved: counts.fcrResolved,
    responseRate: ratio(counts.responded, counts.due),
    attainment: ratio(counts.withinTarget, counts.due),
    fcrRate: ratio(counts.fcrResolved, counts.resolved),
    ttfrP50Ms: clock.p50,
    ttfrP90Ms: clock.p90,
    ttfrP95Ms: clock.p95,
    ttfrBusinessP50Ms: business.p50,
    ttfrBusinessP90Ms: business.p90,
    ttfrBusinessP95Ms: business.p95,
    nextResponse: {
      due: counts.nextDue,
      within: counts.nextWithin,
      attainment: ratio(counts.nextWithin, counts.nextDue),
    },
    resolution: {
      due: counts.resolutionDue,
      within: counts.resolutionWithin,
      attainment: ratio(counts.resolutionWithin, counts.resolutionDue),
    },
  };
}

/** The 1-based rank of the p-th percentile of n values (nearest rank), or null for none. */
export const rankOf = (p: number, n: number) => (n === 0 ? null : Math.max(1, Math.ceil((p / 100) * n)));

/**
 * Where a rank falls in a histogram (buckets ascending): the bucket's index and the rank within it
 * (1-based). Null when the histogram holds fewer values than the rank.
 */
export function locateRank(
  counts: readonly number[],
  rank: number,
): { bucket: number; rankInBucket: number } | null {
  let before = 0;
  for (let bucket = 0; bucket < counts.length; bucket++) {
    const count = counts[bucket] ?? 0;
    if (rank <= before + count) return { bucket, rankInBucket: rank - before };
    before += count;
  }
  return null;
}

/** The index of the bucket (lower bounds ascending, the first below every value) a value falls in. */
export function bucketOf(lowerBounds: readonly number[], value: number): number {
  let lo = 0;
  let hi = lowerBounds.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((lowerBounds[mid] ?? Number.POSITIVE_INFINITY) <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
