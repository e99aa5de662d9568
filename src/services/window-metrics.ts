import {
  bucketOf,
  DAY_MS,
  locateRank,
  metricSetOf,
  type Percentiles,
  rankOf,
  targetCorrection,
  type WindowCounts,
} from "../domain/metric-rollup.js";
import { type MeasuredConversation, type MetricSet, measure, nearestRank } from "../domain/metrics.js";
import type { Db } from "../storage/database.js";
import {
  anyStarted,
  notYetDue,
  notYetResolved,
  type RollupScope,
  rollupSums,
  startBounds,
  type TtfrKind,
  ttfrBucketBounds,
  ttfrHistogram,
  ttfrValues,
  ttfrValuesInBucket,
  unsettledWithTargets,
} from "../storage/rollup-queries.js";

export interface WindowQuery {
  now: number;
  from?: number;
  to?: number;
  account?: string;
  source?: string;
}

/** Reads the conversations of a range one by one (the edges of a window that cut a day). */
export type RowLoader = (range: Omit<WindowQuery, "now">) => Promise<MeasuredConversation[]>;

const PERCENTILES = [50, 90, 95] as const;
const boundsCache = new WeakMap<Db, Promise<number[]>>();

/**
 * The metric set of the conversations started in `[from, to)` at `now`, equal to measuring every one of
 * them (src/domain/metric-rollup.ts): whole days come from the rollups, corrected for what is not settled
 * at `now`; the partial days at the window's ends are read and measured. Its cost follows the number of
 * days and of unsettled conversations, not of conversations.
 */
export async function windowMetrics(
  db: Db,
  windowMs: number,
  query: WindowQuery,
  loadRows: RowLoader,
): Promise<MetricSet> {
  const params = { now: query.now, windowMs };
  const filters = {
    ...(query.account ? { account: query.account } : {}),
    ...(query.source ? { source: query.source } : {}),
  };
  let { from, to } = query;
  if (from === undefined || to === undefined) {
    const bounds = await startBounds(db);
    if (bounds.min === null || bounds.max === null) return measure([], params);
    from ??= bounds.min;
    to ??= bounds.max + 1;
  }
  const fromDay = Math.ceil(from / DAY_MS);
  let toDay = Math.floor(to / DAY_MS);
  // A window that ends within a day (one that ends now) takes that day from the rollups too when nothing in
  // it started after the end: the same conversations, without reading the day's so far one by one.
  if (from >= 0 && toDay * DAY_MS < to && toDay + 1 > fromDay) {
    if (!(await anyStarted(db, { from: to, to: (toDay + 1) * DAY_MS, ...filters }))) toDay += 1;
  }
  // Day numbers are SQLite's integer division, which truncates: starts before 1970 are read one by one.
  if (from < 0 || toDay <= fromDay) return measure(await loadRows({ ...filters, from, to }), params);
  const scope: RollupScope = { from: fromDay * DAY_MS, to: toDay * DAY_MS, ...filters };
  const edgeRows = [
    ...(from < scope.from ? await loadRows({ ...filters, from, to: scope.from }) : []),
    ...(scope.to < to ? await loadRows({ ...filters, from: scope.to, to }) : []),
  ];
  const edges = measure(edgeRows, params);
  const sums = await rollupSums(db, fromDay, toDay, filters);
  const notDue = await notYetDue(db, scope, query.now);
  const notResolved = await notYetResolved(db, scope, query.now, windowMs);
  const corrections = { nextDue: 0, resolutionDue: 0, resolutionWithin: 0 };
  for (const row of await unsettledWithTargets(db, scope, query.now, windowMs)) {
    const correction = targetCorrection(row, query.now, windowMs);
    corrections.nextDue += correction.nextDue;
    corrections.resolutionDue += correction.resolutionDue;
    corrections.resolutionWithin += correction.resolutionWithin;
  }
  const counts: WindowCounts = {
    conversations: sums.conversations + edges.conversations,
    responded: sums.responded + edges.responded,
    withinTarget: sums.withinTarget + edges.withinTarget,
    due: sums.conversations - notDue + edges.due,
    resolved: sums.resolved - notResolved.resolved + edges.resolved,
    fcrResolved: sums.fcrResolved - notResolved.fcr + edges.fcrResolved,
    nextAnswered: sums.nextAnswered,
    nextWithin: sums.nextWithin + edges.nextResponse.within,
    nextOverdue: sums.nextOverdue,
    nextDue: sums.nextAnswered + sums.nextOverdue + corrections.nextDue + edges.nextResponse.due,
    resolutionDue: sums.resolutionDue + corrections.resolutionDue + edges.resolution.due,
    resolutionWithin: sums.resolutionWithin + corrections.resolutionWithin + edges.resolution.within,
  };
  const clockEdges: number[] = [];
  const businessEdges: number[] = [];
  for (const row of edgeRows) {
    if (row.firstResponseAt === null) continue;
    const ttfr = row.firstResponseAt - row.startedAt;
    clockEdges.push(ttfr);
    businessEdges.push(row.ttfrBusinessMs ?? ttfr);
  }
  const percentiles = (kind: TtfrKind, edgeValues: number[]) =>
    filters.account || filters.source
      ? scopedPercentiles(db, kind, scope, edgeValues)
      : histogramPercentiles(db, kind, scope, fromDay, toDay, edgeValues);
  const clock = await percentiles("clock", clockEdges);
  const business = await percentiles("business", businessEdges);
  return metricSetOf(counts, clock, business);
}

const sortAscending = (values: number[]) => Array.from(Float64Array.from(values).sort());

/** Percentiles of one account or source: its values read whole (the histogram is not split by them). */
async function scopedPercentiles(
  db: Db,
  kind: TtfrKind,
  scope: RollupScope,
  edgeValues: number[],
): Promise<Percentiles> {
  const values = sortAscending([...(await ttfrValues(db, kind, scope)), ...edgeValues]);
  return { p50: nearestRank(values, 50), p90: nearestRank(values, 90), p95: nearestRank(values, 95) };
}

/**
 * Exact nearest-rank percentiles: the days' histogram (plus the edges' values) says which bucket holds
 * each rank, and only that bucket's values are read, in order, from the TTFR index.
 */
async function histogramPercentiles(
  db: Db,
  kind: TtfrKind,
  scope: RollupScope,
  fromDay: number,
  toDay: number,
  edgeValues: number[],
): Promise<Percentiles> {
  let bounds = boundsCache.get(db);
  if (!bounds) {
    bounds = ttfrBucketBounds(db);
    boundsCache.set(db, bounds);
  }
  const lowers = await bounds;
  const histogram = await ttfrHistogram(db, kind, fromDay, toDay);
  const counts = lowers.map((lower) => histogram.get(lower) ?? 0);
  const edgeBuckets = new Map<number, number[]>();
  for (const value of edgeValues) {
    const bucket = bucketOf(lowers, value);
    counts[bucket] = (counts[bucket] ?? 0) + 1;
    const values = edgeBuckets.get(bucket);
    if (values) values.push(value);
    else edgeBuckets.set(bucket, [value]);
  }
  const total = counts.reduce((sum, n) => sum + n, 0);
  const result: Percentiles = { p50: null, p90: null, p95: null };
  for (const p of PERCENTILES) {
    const rank = rankOf(p, total);
    const place = rank === null ? null : locateRank(counts, rank);
    if (place === null) continue;
    const lower = lowers[place.bucket] ?? 0;
    const upper = lowers[place.bucket + 1] ?? null;
    const extra = edgeBuckets.get(place.bucket);
    let value: number | undefined;
    if (!extra) {
      [value] = await ttfrValuesInBucket(db, kind, scope, lower, upper, place.rankInBucket - 1);
    } else {
      const all = await ttfrValuesInBucket(db, kind, scope, lower, upper, null);
      value = sortAscending([...all, ...extra])[place.rankInBucket - 1];
    }
    result[`p${p}`] = value ?? null;
  }
  return result;
}
