/** Builds the goals from the config file's `goals` list: dates become instants in the leads' time zone. */
import { parseDuration } from "../domain/duration.js";
import { DEFAULT_TREND_WEEKS, type Goal, type GoalScope, goalDirection, WEEK_MS } from "../domain/goals.js";
import { startOfLocalDay } from "../domain/zoned-time.js";
import type { GoalSettings } from "./goal-schema.js";

/** A share as written, or a duration (text, or a number of milliseconds) for TTFR; checked by the schema. */
function level(metric: Goal["metric"], value: number | string): number {
  if (goalDirection(metric) === "at_least" || typeof value === "number") return Number(value);
  return parseDuration(value) ?? 0;
}

const nextDay = (date: string) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * The goals in the order written. A goal starts at 00:00 of its start date and its deadline is the end of
 * its deadline date (24:00), both in `timeZone`.
 */
export function goalList(settings: readonly GoalSettings[], timeZone: string): Goal[] {
  return settings.map((g) => {
    const scope: GoalScope = {
      ...(g.scope?.account !== undefined ? { account: g.scope.account } : {}),
      ...(g.scope?.source !== undefined ? { source: g.scope.source } : {}),
      ...(g.scope?.tag !== undefined ? { tag: g.scope.tag } : {}),
    };
    return {
      name: g.name,
      metric: g.metric,
      target: g.target ?? "first_response",
      threshold: level(g.metric, g.threshold),
      scope,
      start: startOfLocalDay(g.start, timeZone),
      deadline: startOfLocalDay(nextDay(g.deadline), timeZone),
      baseline: g.baseline === undefined ? null : level(g.metric, g.baseline),
      windowMs: g.window ?? WEEK_MS,
      trendWeeks: g.trend_weeks ?? DEFAULT_TREND_WEEKS,
    };
  });
}
