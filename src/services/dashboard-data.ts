import type { Config } from "../config.js";
import type { GoalEvaluation } from "../domain/goal-evaluation.js";
import type { MetricSet } from "../domain/metrics.js";
import type { Db } from "../storage/database.js";
import { utcMidnight } from "./answered-today.js";
import { getGoalReport } from "./goals.js";
import { groupMetricRows, loadMetricRows, weekdayHourGrid } from "./metrics.js";
import { type TtfrHistogram, ttfrHistogram } from "./ttfr-histogram.js";

const DAY_MS = 86_400_000;

/** The periods a lead can pick on the dashboard. */
export const DASHBOARD_RANGES = ["today", "7d", "30d", "goal"] as const;
/** One of `DASHBOARD_RANGES`. */
export type DashboardRange = (typeof DASHBOARD_RANGES)[number];

/** One UTC day of the daily chart; `metrics` is null for a day without conversations. */
export interface DayPoint {
  day: string;
  metrics: MetricSet | null;
}

/** The dashboard's numbers for one range; `from`/`to` bound the conversations' start, `to` exclusive. */
export interface DashboardData {
  range: DashboardRange;
  from: number;
  to: number;
  now: number;
  total: MetricSet;
  days: DayPoint[];
  byAccount: Array<{ key: string; metrics: MetricSet }>;
  bySource: Array<{ key: string; metrics: MetricSet }>;
  byTag: Array<{ key: string; metrics: MetricSet }>;
  byAgent: Array<{ key: string; metrics: MetricSet }>;
  /** Conversations by weekday (Monday first) and hour of their start in `timeZone`. */
  heat: Array<Array<MetricSet | null>>;
  timeZone: string;
  histogram: TtfrHistogram;
  /** Every configured goal at `now` (goals have their own windows, whatever the range). */
  goals: GoalEvaluation[];
}

/**
 * Where a range starts. Day ranges are whole UTC days including today, so the daily chart has no partial
 * first day; `goal` is the trailing window the status endpoint measures its goals over, to match it.
 */
export function rangeStart(range: DashboardRange, now: number, goalWindowMs: number): number {
  const midnight = utcMidnight(now);
  switch (range) {
    case "today":
      return midnight;
    case "7d":
      return midnight - 6 * DAY_MS;
    case "30d":
      return midnight - 29 * DAY_MS;
    case "goal":
      return now - goalWindowMs;
  }
}

/**
 * Everything the leads' dashboard shows for a range: totals, per day, per account, source, account tag and
 * first responder, by weekday and hour, the TTFR spread, and the goals. The range is read once.
 */
export async function getDashboardData(
  db: Db,
  config: Config,
  range: DashboardRange,
  now: number,
): Promise<DashboardData> {
  const from = rangeStart(range, now, config.goals.windowMs);
  // `to` is exclusive; one past `now` includes a conversation that started this very millisecond.
  const to = now + 1;
  const [rows, histogram, goals] = await Promise.all([
    loadMetricRows(db, { from, to }),
    ttfrHistogram(db, { from, to, defaultTargetMs: config.targetMs }),
    getGoalReport(db, config, now),
  ]);
  const params = { now, windowMs: config.policies.windowMs };
  const breakdown = { accountTags: config.accountTags, timeZone: config.timeZone };
  const by = (groupBy: "day" | "account" | "source" | "tag" | "agent") =>
    groupMetricRows(rows, groupBy, params, breakdown);
  const byDay = by("day");
  const measured = new Map(byDay.groups.map((g) => [g.key, g.metrics]));
  const days: DayPoint[] = [];
  // Every day of the range gets a point, so a quiet day shows as a gap instead of being skipped.
  for (let day = utcMidnight(from); day <= now; day += DAY_MS) {
    const key = new Date(day).toISOString().slice(0, 10);
    days.push({ day: key, metrics: measured.get(key) ?? null });
  }
  return {
    range,
    from,
    to,
    now,
    total: byDay.total,
    days,
    byAccount: by("account").groups,
    bySource: by("source").groups,
    byTag: by("tag").groups,
    byAgent: by("agent").groups,
    heat: weekdayHourGrid(rows, params, config.timeZone),
    timeZone: config.timeZone,
    histogram,
    goals,
  };
}
