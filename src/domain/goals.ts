import type { MetricSet } from "./metrics.js";
import type { TargetName } from "./policy.js";
import { leastSquares, lineAt, type TrendLine } from "./trend.js";

/** What a goal measures: rates (at least the threshold) or a TTFR percentile (at most the threshold). */
export const GOAL_METRICS = [
  "response_rate",
  "attainment",
  "fcr",
  "ttfr_p50",
  "ttfr_p90",
  "ttfr_p95",
] as const;
export type GoalMetric = (typeof GOAL_METRICS)[number];

/** Rates must reach the threshold; TTFR percentiles must stay at or below it. */
export type GoalDirection = "at_least" | "at_most";

/** Which conversations a goal is about: every criterion given must hold; none given means all. */
export interface GoalScope {
  /** A brand account, compared case-insensitively. */
  account?: string;
  source?: string;
  /** An account tag (`account_tags` in the config file), such as a region. */
  tag?: string;
}

/** A goal as configured: reach `threshold` for `metric` within `scope`, from `start` to `deadline`. */
export interface Goal {
  name: string;
  metric: GoalMetric;
  /** The target whose attainment counts (metric `attainment` only; `first_response` otherwise). */
  target: TargetName;
  /** A fraction for rates, milliseconds for TTFR percentiles. */
  threshold: number;
  scope: GoalScope;
  start: number;
  deadline: number;
  /** Where the work started from; null: measured over the window before `start`. */
  baseline: number | null;
  /** The trailing window a value is measured over (one week by default, like the trend's points). */
  windowMs: number;
  /** How many recent weeks the projection's line is fitted to. */
  trendWeeks: number;
}

export const WEEK_MS = 7 * 86_400_000;
export const DEFAULT_TREND_WEEKS = 6;
/** Fewer weekly values than this give no projection: a line through two points is mostly noise. */
export const MIN_TREND_POINTS = 3;

/**
 * on_track / at_risk before the deadline (by the projection, else by the current value); met / missed
 * once the deadline has passed (by the value of the window that ends at the deadline).
 */
export type GoalVerdict = "on_track" | "at_risk" | "met" | "missed";
/** What the verdict was decided on. */
export type VerdictBasis = "projection" | "current" | "deadline";

export function goalDirection(metric: GoalMetric): GoalDirection {
  return metric.startsWith("ttfr_") ? "at_most" : "at_least";
}

/** The goal's metric in a metric set; null when there was nothing to measure. */
export function goalValue(goal: Pick<Goal, "metric" | "target">, set: MetricSet): number | null {
  switch (goal.metric) {
    case "response_rate":
      return set.responseRate;
    case "fcr":
      return set.fcrRate;
    case "ttfr_p50":
      return set.ttfrP50Ms;
    case "ttfr_p90":
      return set.ttfrP90Ms;
    case "ttfr_p95":
      return set.ttfrP95Ms;
    case "attainment":
      if (goal.target === "next_response") return set.nextResponse.attainment;
      if (goal.target === "resolution") return set.resolution.attainment;
      return set.attainment;
  }
}

/** Whether a value reaches the threshold (at least it for rates, at most it for TTFR). */
export function meetsGoal(goal: Pick<Goal, "metric" | "threshold">, value: number): boolean {
  return goalDirection(goal.metric) === "at_least" ? value >= goal.threshold : value <= goal.threshold;
}

/**
 * The share of the way from the baseline to the threshold: 0 at the baseline, 1 at the threshold, below 0
 * when worse than the baseline, above 1 beyond the threshold. When the two are equal: 1 if met, else 0.
 */
export function goalProgress(
  goal: Pick<Goal, "metric" | "threshold">,
  value: number | null,
  baseline: number | null,
): number | null {
  if (value === null || baseline === null) return null;
  if (goal.threshold === baseline) return meetsGoal(goal, value) ? 1 : 0;
  return (value - baseline) / (goal.threshold - baseline);
}

/** A projected value kept possible: rates within 0–1, durations not below zero. */
function clampValue(metric: GoalMetric, value: number): number {
  const floored = Math.max(0, value);
  return goalDirection(metric) === "at_least" ? Math.min(1, floored) : floored;
}

/** One weekly value of the trend: conversations started in `[from, to)`. */
export interface WeekValue {
  from: number;
  to: number;
  value: number | null;
  conversations: number;
}

/** The projection at the deadline: the least-squares line over the weekly values, evaluated there. */
export interface Projection {
  line: TrendLine;
  /** At the deadline, clamped to what the metric can be. */
  value: number;
}

/**
 * The least-squares line over the weeks that have a value, each placed at its week's end, evaluated at the
 * deadline. Null with fewer than `MIN_TREND_POINTS` such weeks.
 */
export function projectGoal(
  goal: Pick<Goal, "metric" | "deadline">,
  weeks: readonly WeekValue[],
): Projection | null {
  const points = weeks.flatMap((w) => (w.value === null ? [] : [{ x: w.to, y: w.value }]));
  if (points.length < MIN_TREND_POINTS) return null;
  const line = leastSquares(points);
  if (line === null) return null;
  return { line, value: clampValue(goal.metric, lineAt(line, goal.deadline)) };
}

/**
 * The verdict at `now`. Once the deadline has passed: met when `value` (measured over the window ending at
 * the deadline) reaches the threshold, missed otherwise, also without data. Before: on track when the
 * projection reaches it; without a projection, when the current value does; at risk otherwise.
 */
export function goalVerdict(
  goal: Pick<Goal, "metric" | "threshold" | "deadline">,
  value: number | null,
  projection: number | null,
  now: number,
): { verdict: GoalVerdict; basis: VerdictBasis } {
  const meets = (v: number | null) => v !== null && meetsGoal(goal, v);
  if (now >= goal.deadline) return { verdict: meets(value) ? "met" : "missed", basis: "deadline" };
  if (projection !== null)
    return { verdict: meets(projection) ? "on_track" : "at_risk", basis: "projection" };
  return { verdict: meets(value) ? "on_track" : "at_risk", basis: "current" };
}
